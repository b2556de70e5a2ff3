"""Parent ↔ child alignment: the coverage matrix of the parent's obligations in the child.

Each binding obligation (plan_audit.audit.obligations) is matched against every clause and paragraph
of the child, in any section and under any agency, so that paraphrased, split or merged wording
still counts (plan_audit.audit.terms). Covered, partly done or missing; partly done also when one of
its verb phrases or named pieces of work ("Tết Trung thu", "hương ước") is not carried out, when the
child does a neighbouring thing (raises funds where it must allocate them), or when it names another
level's event without that level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from plan_audit.audit.obligations import Obligation, binding_duties, delegated, is_drafting, locate_task, obligations
from plan_audit.audit.terms import TermWeights, Unit, align_pack, alternatives, bodies_in, work_named, match, padded, status_of, terms, topic_set, verb_phrases
from plan_audit.markers import sections_pack
from plan_audit.model import Document, Plan
from plan_audit.nlp import agency_mentions
from plan_audit.parse.evidence import clauses, fold, span_of, words
from plan_audit.parse.sections import body_range, walk


@dataclass
class Coverage:
    obligation: Obligation
    status: str
    score: float
    best: Unit | None
    lacking: str = ""
    """The verb phrase of the obligation the child does not carry out, when that makes it partial."""


def child_units(doc: Document) -> list[Unit]:
    """Every clause and every paragraph of the child's body (the preamble's cited titles aside)."""
    start, end = body_range(doc)
    units: list[Unit] = []

    for i in range(start, end):
        text = doc.paragraphs[i].text
        units.append(Unit.of(text, span_of(doc, i), i))
        parts = clauses(text)
        if len(parts) > 1:
            for offset, clause in parts:
                lead = offset + len(clause) - len(clause.lstrip())
                units.append(Unit.of(clause.strip(), span_of(doc, i, lead), i))
    return units


def coverage(parent_doc: Document, parent: Plan, child_doc: Document, child: Plan) -> list[Coverage]:
    """The coverage matrix: each binding parent obligation → the child's best evidence, score and status.

    The score is the weighted share (0–100) of the obligation's key terms found in that evidence.
    An obligation to draft the lower level's own plan is carried out by the plan itself.
    """
    weights = _weights(child_doc)
    units = weights.units
    title = _title_unit(child_doc, child)
    skip = not_doing(child_doc, child)
    doing = [i for i, u in enumerate(units) if u.para not in skip]
    out: list[Coverage] = []
    duties = binding_duties(parent, child.header.level)
    bound = [ob for duty in duties for ob in obligations(parent_doc, duty)]
    addressed_paras = {locate_task(parent_doc, t)[0] for duty in duties for t in duty.tasks}
    same = align_pack()["same_obligation"]
    handed = [
        ob
        for ob in delegated(parent_doc, parent, child.header.level, addressed_paras)
        if not any(fuzz.token_set_ratio(fold(ob.text), fold(b.text)) >= same for b in bound)
    ]  # work the addressed item repeats is one obligation, not two
    for ob in bound + handed:
        if is_drafting(ob.asked) and child.header.doc_type and title is not None:
            out.append(Coverage(ob, "covered", 100.0, title))
            continue
        out.append(_assess(ob, weights, doing, child.header.level))
    return out


def _assess(ob: Obligation, weights: TermWeights, doing: list[int], level: str | None) -> Coverage:
    """Coverage of one obligation, as a whole; carried out only in part when one of its verb phrases
    ("… và cắm biển cảnh báo") is not carried out, though the whole is."""
    status, score, best = _status(ob.asked, weights, doing, level)
    phrases = list(verb_phrases(ob.asked))
    phrases[0] = _without_leading_modifier(phrases[0])  # "[Trong mùa nước nổi,] vận động thành lập …"
    if len(phrases) > 1:  # "… và làm rào chắn [tại các điểm nguy hiểm]", "kiện toàn Ban … [sau sắp xếp], giao …"
        phrases = [_without_shared_modifier(p) for p in phrases]
    lacking = next((p for p in phrases if _status(p, weights, doing, level)[0] != "covered"), "") if phrases != [ob.asked] else ""
    if not lacking:
        lacking = _work_not_mentioned(ob.asked, weights)
    if status == "covered" and lacking:
        status = "partial"
    return Coverage(ob, status, score, best, lacking if status == "partial" else "")


def _work_not_mentioned(text: str, weights: TermWeights) -> str:
    """The first named piece of work `text` asks for that the child never mentions; when it offers a choice
    ("tổ chức Diễn đàn trẻ em hoặc đối thoại …"), only if no side has all of its own mentioned."""
    sides = alternatives(text)[1:] or (text,)
    missed = [next((e for e in work_named(side) if not _mentions_work(e, weights)), "") for side in sides]
    return "" if not all(missed) else missed[0]


def _mentions_work(work: str, weights: TermWeights) -> bool:
    return any(_names_work(work, u) for u in weights.units)


def _names_work(work: str, unit: Unit) -> bool:
    group = next(g for g in align_pack()["named_work"] if g[0] == work)
    return any(padded(v) in unit.padded for v in group)


def _without_shared_modifier(phrase: str) -> str:
    """A verb phrase of several without the place, time or beneficiary that closes it ("làm rào chắn tại
    các điểm nguy hiểm" → "làm rào chắn"): the last one's belongs to every phrase, and none is evidence
    that the work of the phrase is done."""
    cut = re.search(align_pack()["shared_modifier_pattern"], phrase)
    return phrase[: cut.start()].strip(" ,") if cut and terms(phrase[: cut.start()]) else phrase


def _without_leading_modifier(phrase: str) -> str:
    """The phrase without the time or place it opens with ("Trong mùa nước nổi, vận động …" → "vận động …"):
    the place and the season are no evidence that the work itself is done."""
    head, comma, rest = phrase.partition(",")
    if comma and re.match(align_pack()["shared_modifier_pattern"], " " + head) and len(terms(rest)) >= align_pack()["phrase_min_terms"]:
        return rest.strip()
    return phrase


def _other_levels(text: str, level: str | None) -> list[str]:
    """The other levels `text` ties its work to ("Diễn đàn trẻ em cấp tỉnh"), as patterns a child piece
    must match; a level inside an agency's name ("Công an cấp huyện") or the child's own level does not count."""
    for _, written, start in agency_mentions(text):
        text = text[:start] + " " * len(written) + text[start + len(written) :]
    qualifiers = align_pack()["level_qualifiers"]
    return [q["child_pattern"] for lv, q in qualifiers.items() if lv != level and re.search(q["parent_pattern"], text)]


def _status(text: str, weights: TermWeights, doing: list[int], level: str | None) -> tuple[str, float, Unit | None]:
    others = _other_levels(text, level)
    works = work_named(text) if others else ()
    naming = [
        i for i in doing
        if all(re.search(q, weights.units[i].text) for q in others) and all(_names_work(w, weights.units[i]) for w in works)
    ] if others else []  # fmt: skip
    words, syl, i = match(text, weights, naming) if naming else (0.0, 0.0, -1)
    if status_of(words, syl) != "covered":  # a piece that names the other level's event, if one does it; else any
        words, syl, i = match(text, weights, doing)
    best = weights.units[i] if i >= 0 else None
    status = status_of(words, syl)
    if status == "partial" and weights.mentioned_share(terms(text)) < align_pack()["partial_mentioned"]:
        status = "missing"  # what the child never speaks of, it does not do in part
    if status == "covered" and others and i not in naming:
        status = "partial"  # the child does it, but not for the other level's event the parent names
    if status == "covered" and best is not None and does_instead(text, best.text):
        status = "partial"  # the child does a neighbouring thing (raises funds where the parent asks to allocate them)
    if status == "covered" and best is not None and bodies_in(text) and not any(f" {b} " in best.padded for b in bodies_in(text)):
        status = "partial"  # "kiện toàn Ban bảo vệ trẻ em": the piece strengthens something, but not that body
    return status, round(100 * max(words, syl), 1), best


def does_instead(asked: str, done: str) -> bool:
    """True when `asked` names an action of a contrast (rules/align.yaml) and `done` only its neighbour."""
    a, d = padded(asked), padded(done)
    for c in _contrasts():
        if any(w in a for w in c["asked"]) and not any(w in d for w in c["asked"]) and any(w in d for w in c["instead"]):
            return True
    return False


@lru_cache(maxsize=1)
def _contrasts() -> list[dict[str, list[str]]]:
    return [{k: [padded(w) for w in c[k]] for k in ("asked", "instead")} for c in align_pack()["contrasts"]]


def not_doing(doc: Document, plan: Plan) -> set[int]:
    """Paragraphs of the child that announce or report work but do none: the preamble before its first
    section ("Căn cứ …"), its purpose and reporting sections (rules/align.yaml), and its headings: the
    roman-numbered parts and the short titles over items ("4. Phòng, chống bạo lực, xâm hại trẻ em")."""
    kinds = set(align_pack()["not_doing_sections"])
    most = sections_pack()["heading_max_words"]
    first = min((sec.paragraphs[0] for sec in plan.sections), default=body_range(doc)[1])
    out: set[int] = set(range(body_range(doc)[0], first))
    for sec in walk(plan.sections):
        if sec.kind in kinds:
            out.update(sec.paragraphs)
        elif sec.marker == "roman" or (sec.children and words(sec.title) <= most):
            out.add(sec.paragraphs[0])  # a title over items of its own; a short task line over "Đơn vị thực hiện:" is no title
    return out


def addressed(text: str, child_doc: Document, paragraphs: set[int]) -> bool:
    """True when one of `paragraphs` of the child takes up `text`, on the same topic (the pieces on its
    topics are searched, not the best piece of any topic)."""
    weights = _weights(child_doc)
    topics = topic_set(text)
    allowed = [i for i, u in enumerate(weights.units) if u.para in paragraphs and (not topics or topics & topic_set(u.text))]
    if not allowed:
        return False
    words, syl, _ = match(text, weights, allowed)
    return status_of(words, syl) == "covered"


_WEIGHTS: dict[str, TermWeights] = {}


def _weights(doc: Document) -> TermWeights:
    """Term weights of a child, computed once per document content."""
    key = doc.source.sha256
    if key not in _WEIGHTS:
        if len(_WEIGHTS) > 16:
            _WEIGHTS.clear()
        _WEIGHTS[key] = TermWeights(child_units(doc))
    return _WEIGHTS[key]


def _title_unit(doc: Document, plan: Plan) -> Unit | None:
    """The plan's document-type line and title, as evidence that the plan exists."""
    span = plan.header.span
    if span is None:
        return None
    para = next(i for i, p in enumerate(doc.paragraphs) if (p.page, p.line) == (span.page, span.line))
    text = doc.paragraphs[para + 1].text if para + 1 < len(doc.paragraphs) else doc.paragraphs[para].text
    return Unit(text, span_of(doc, para + 1 if para + 1 < len(doc.paragraphs) else para))
