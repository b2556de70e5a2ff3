"""Parent ↔ child alignment: which parent duties bind the child, and how the child covers each.

Binding duties are the parent's items addressed to the child's level ("UBND các xã, thị trấn",
"UBND các xã, phường, đặc khu", "UBND các huyện, thị xã …"), whatever the parent's own level —
nothing assumes three tiers. Each task is cut into atomic obligations (clauses) and matched against
every clause and paragraph of the child, in any section and under any agency, so that paraphrased,
split or merged wording still counts. The score mixes fuzzy overlap of underthesea-segmented
words, the share of the obligation's key words present, and shared topics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from plan_audit.model import Document, Duty, Plan, Span, Task
from plan_audit.nlp import agencies, topics_of
from plan_audit.parse.evidence import clauses, fold, span_of
from plan_audit.parse.sections import body_range
from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "weights": {"fuzzy": float, "keywords": float, "topics": float},
    "covered": int,
    "partial": int,
    "min_words": int,
    "target_indicator_match": int,
    "stopwords": [str],
    "addressee_units": {str: [str]},
}
REPORTING_CLAUSE = re.compile(r"báo cáo\b.*\b(6 tháng|06 tháng|năm|quý|định kỳ)|chế độ (thông tin, )?báo cáo", re.I)


@lru_cache(maxsize=1)
def align_pack() -> dict[str, Any]:
    return load_pack("align", SCHEMA)


@dataclass
class Obligation:
    text: str
    span: Span
    duty: Duty
    topics: list[str]


@dataclass
class Unit:
    """A piece of the child plan an obligation may be matched with."""

    text: str
    span: Span


@dataclass
class Coverage:
    obligation: Obligation
    status: str
    score: float
    best: Unit | None


@lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """Content words of `text`: underthesea word segmentation, lower-cased, without stopwords."""
    from underthesea import word_tokenize

    stop = _stopwords()
    return frozenset(w for w in (fold(w) for w in word_tokenize(text)) if w not in stop and re.search(r"\w", w) and not w.isdigit())


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in align_pack()["stopwords"])


@lru_cache(maxsize=4096)
def _topics(text: str) -> frozenset[str]:
    return frozenset(topics_of(text))


def score(obligation: str, child: str) -> float:
    """0–100: how well `child` carries out `obligation`."""
    w = align_pack()["weights"]
    a, b = keywords(obligation), keywords(child)
    fuzzy = fuzz.token_set_ratio(" ".join(sorted(a)), " ".join(sorted(b))) if a and b else 0.0
    kw = 100.0 * len(a & b) / len(a) if a else 0.0
    ta, tb = _topics(obligation), _topics(child)
    tp = 100.0 * len(ta & tb) / len(ta) if ta else kw
    return w["fuzzy"] * fuzzy + w["keywords"] * kw + w["topics"] * tp


def _lower_level_ids() -> set[str]:
    return {a["id"] for a in agencies() if a.get("lower_level")}


def binding_duties(parent: Plan, child_level: str | None) -> list[Duty]:
    """The parent's items addressed to the child's level."""
    units = [re.compile(p, re.I) for p in align_pack()["addressee_units"].get(child_level or "", [])]
    lower = _lower_level_ids()
    return [d for d in parent.duties if d.agency_id in lower and any(u.search(d.agency) for u in units)]


def obligations(parent_doc: Document, duty: Duty) -> list[Obligation]:
    """Atomic obligations of a duty: one per clause of each task; reporting clauses are left to the reporting checks."""
    out: list[Obligation] = []
    for task in duty.tasks:
        para, base = _locate(parent_doc, task)
        for offset, clause in clauses(task.text):
            text = clause.strip().rstrip(";.")
            if len(text.split()) < align_pack()["min_words"] or REPORTING_CLAUSE.search(text):
                continue
            lead = offset + len(clause) - len(clause.lstrip())
            out.append(Obligation(text, span_of(parent_doc, para, base + lead), duty, sorted(_topics(text))))
    return out


def _locate(doc: Document, task: Task) -> tuple[int, int]:
    """Paragraph index and offset where a task's text starts."""
    for i, p in enumerate(doc.paragraphs):
        at = p.text.find(task.text)
        if at >= 0 and span_of(doc, i, at) == task.span:
            return i, at
    raise ValueError(f"task text not found at its span: {task.text[:60]!r}")


def child_units(doc: Document) -> list[Unit]:
    """Every clause and every paragraph of the child's body (the preamble's cited titles aside)."""
    start, end = body_range(doc)
    units: list[Unit] = []
    for i in range(start, end):
        text = doc.paragraphs[i].text
        units.append(Unit(text, span_of(doc, i)))
        parts = clauses(text)
        if len(parts) > 1:
            for offset, clause in parts:
                lead = offset + len(clause) - len(clause.lstrip())
                units.append(Unit(clause.strip(), span_of(doc, i, lead)))
    return units


def coverage(parent_doc: Document, parent: Plan, child_doc: Document, child: Plan) -> list[Coverage]:
    """The coverage matrix: each binding parent obligation → the child's best evidence, score and status."""
    pack = align_pack()
    units = child_units(child_doc)
    out: list[Coverage] = []
    for duty in binding_duties(parent, child.header.level):
        for ob in obligations(parent_doc, duty):
            scored = [(score(ob.text, u.text), u) for u in units]
            best_score, best = max(scored, key=lambda s: s[0], default=(0.0, None))
            status = "covered" if best_score >= pack["covered"] else "partial" if best_score >= pack["partial"] else "missing"
            out.append(Coverage(ob, status, round(best_score, 1), best))
    return out
