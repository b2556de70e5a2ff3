"""Duties: one entry per agency item of TỔ CHỨC THỰC HIỆN, its tasks split and tagged with topics.

The agency comes from the item's heading through the spaCy agency patterns, with a rapidfuzz
fallback for spellings no alias lists ("Phòng Lao động – Thương Bình, Xã hội"). "Đề nghị …" marks
bodies the committee can only request; "Phối hợp …" an item that only asks for coordination.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from plan_audit.markers import sections_pack
from plan_audit.model import Document, Duty, Section, Task
from plan_audit.nlp import agencies, agency_mentions, norm, topics_of
from plan_audit.parse.evidence import first_sentence, sentences, span_of, words

FUZZY_AGENCY = 88
"""Minimum rapidfuzz score for an agency heading that matches no alias exactly."""


@lru_cache(maxsize=1)
def _aliases() -> tuple[list[str], list[str]]:
    pairs = [(norm(alias), a["id"]) for a in agencies() for alias in a["aliases"]]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def agency_of(heading: str) -> tuple[str | None, list[str]]:
    """(first agency id, all agency ids) named in a heading."""
    ids = list(dict.fromkeys(aid for aid, _, _ in agency_mentions(heading)))
    if not ids:
        names, owners = _aliases()
        best = process.extractOne(norm(heading), names, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_AGENCY)
        if best:
            ids = [owners[best[2]]]
    return (ids[0] if ids else None), ids


def role_of(heading: str) -> str:
    low = heading.lower()
    if low.startswith("đề nghị"):
        return "requested"
    if low.startswith("phối hợp"):
        return "coordinate"
    return "lead"


def _task(doc: Document, para: int, at: int, text: str) -> Task:
    return Task(text, topics_of(text), span_of(doc, para, at))


def item_tasks(doc: Document, item: Section) -> list[Task]:
    """Sub-items when there are any; else the sentences of the item (its heading, when it is a sentence)."""
    paras = doc.paragraphs
    if item.children:
        return [_task(doc, c.paragraphs[0], c.offset, paras[c.paragraphs[0]].text[c.offset :]) for c in item.children]
    head = item.paragraphs[0]
    own = paras[head].text[item.offset :]
    pieces = [(i, a, s) for i in item.paragraphs[1:] for a, s in sentences(paras[i].text)]
    if words(own) > sections_pack()["heading_max_words"] or not pieces:
        pieces = [(head, item.offset + a, s) for a, s in sentences(own)] + pieces
    return [_task(doc, i, a, s) for i, a, s in pieces]


def parse_duties(doc: Document, sections: list[Section]) -> list[Duty]:
    out: list[Duty] = []
    for section in sections:
        if section.kind != "organization":
            continue
        for item in section.children:
            if item.kind == "reporting":
                continue
            head = item.paragraphs[0]
            heading = first_sentence(doc.paragraphs[head].text[item.offset :])
            agency_id, ids = agency_of(heading)
            agency = re.sub(r"^Đề nghị\s+", "", item.title).strip(" :.")
            out.append(
                Duty(agency, agency_id, ids, role_of(heading), item_tasks(doc, item), doc.paragraphs[head].text, span_of(doc, head))
            )
    return out
