"""Parent ↔ child alignment: which parent duties bind the child, and how the child covers each.

Binding duties are the parent's items addressed to the child's level ("UBND các xã, thị trấn",
"UBND các xã, phường, đặc khu", "UBND các huyện, thị xã …"), whatever the parent's own level —
nothing assumes three tiers. Each task is cut into atomic obligations (clauses) and matched against
every clause and paragraph of the child, in any section and under any agency, so that paraphrased,
split or merged wording still counts. A match is the share of the obligation's key terms
(underthesea words, and their syllables) found in the child's piece, weighted by rarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plan_audit.model import Document, Duty, Plan, Span, Task
from plan_audit.nlp import agencies, segmented, topics_of
from plan_audit.parse.evidence import clauses, fold, span_of
from plan_audit.parse.sections import body_range
from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "covered_words": float,
    "covered_syllables": float,
    "partial_words": float,
    "partial_syllables": float,
    "idf_floor": float,
    "min_words": int,
    "target_indicator_match": int,
    "stopwords": [str],
    "addressee_units": {str: [str]},
    "plan_drafting_pattern": str,
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
    para: int = -1
    terms: frozenset[str] = frozenset()
    """Its key words (underthesea words without stopwords)."""


@dataclass
class Coverage:
    obligation: Obligation
    status: str
    score: float
    best: Unit | None


def _is_key(word: str) -> bool:
    return word not in _stopwords() and bool(re.search(r"\w", word)) and not word.isdigit()


@lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """Content words of `text`: underthesea word segmentation, lower-cased, without stopwords."""
    return frozenset(w for w in (fold(w) for w in segmented(text)) if _is_key(w))


def keyword_spans(text: str) -> list[tuple[int, str]]:
    """(offset, key word) of `text`, segmented once, so that its clauses need no segmentation of their own."""
    out, pos = [], 0
    for word in segmented(text):
        at = text.find(word, pos)
        if at < 0:
            continue
        pos = at + len(word)
        key = fold(word)
        if _is_key(key):
            out.append((at, key))
    return out


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in align_pack()["stopwords"])


@lru_cache(maxsize=4096)
def _topics(text: str) -> frozenset[str]:
    return frozenset(topics_of(text))


def syllables(words: frozenset[str]) -> frozenset[str]:
    return frozenset(s for w in words for s in w.split())


class TermWeights:
    """Inverse document frequency of words and syllables over the pieces of one child plan."""

    def __init__(self, units: list[Unit]) -> None:
        self.words = [u.terms for u in units]
        self.syllables = [syllables(w) for w in self.words]
        n = len(units) + 1
        floor = align_pack()["idf_floor"]
        self._idf = {}
        for sets in (self.words, self.syllables):
            df = Counter(t for terms in sets for t in terms)
            self._idf.update({t: math.log(n / (1 + c)) + floor for t, c in df.items()})
        self._default = math.log(n) + floor

    def share(self, terms: frozenset[str], found: frozenset[str]) -> float:
        """Weighted share (0–1) of `terms` present in `found`."""
        total = sum(self._idf.get(t, self._default) for t in terms)
        return sum(self._idf.get(t, self._default) for t in terms & found) / total if total else 0.0


def match(obligation: str, weights: TermWeights, allowed: list[int] | None = None) -> tuple[float, float, int]:
    """(word share, syllable share, piece index) of the child piece that best carries out `obligation`.

    `allowed` restricts the search to some pieces (by index); the weights stay those of the whole child.
    """
    words = keywords(obligation)
    syl = syllables(words)
    cw, cs = align_pack()["covered_words"], align_pack()["covered_syllables"]
    best = (0.0, 0.0, -1)
    for i in range(len(weights.words)) if allowed is None else allowed:
        cand = (weights.share(words, weights.words[i]), weights.share(syl, weights.syllables[i]), i)
        if max(cand[0] / cw, cand[1] / cs) > max(best[0] / cw, best[1] / cs):
            best = cand
    return best


def status_of(word_share: float, syllable_share: float) -> str:
    pack = align_pack()
    if word_share >= pack["covered_words"] or syllable_share >= pack["covered_syllables"]:
        return "covered"
    if word_share >= pack["partial_words"] or syllable_share >= pack["partial_syllables"]:
        return "partial"
    return "missing"


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
        spans = keyword_spans(text)
        units.append(Unit(text, span_of(doc, i), i, frozenset(k for _, k in spans)))
        parts = clauses(text)
        if len(parts) > 1:
            for offset, clause in parts:
                lead = offset + len(clause) - len(clause.lstrip())
                terms = frozenset(k for at, k in spans if offset <= at < offset + len(clause))
                units.append(Unit(clause.strip(), span_of(doc, i, lead), i, terms))
    return units


def coverage(parent_doc: Document, parent: Plan, child_doc: Document, child: Plan) -> list[Coverage]:
    """The coverage matrix: each binding parent obligation → the child's best evidence, score and status.

    The score is the weighted share (0–100) of the obligation's key terms found in that evidence.
    An obligation to draft the lower level's own plan is carried out by the plan itself.
    """
    units = child_units(child_doc)
    weights = _weights(child_doc)
    title = _title_unit(child_doc, child)
    out: list[Coverage] = []
    for duty in binding_duties(parent, child.header.level):
        for ob in obligations(parent_doc, duty):
            if is_drafting(ob.text) and child.header.doc_type and title is not None:
                out.append(Coverage(ob, "covered", 100.0, title))
                continue
            words, syl, i = match(ob.text, weights)
            best = units[i] if i >= 0 else None
            out.append(Coverage(ob, status_of(words, syl), round(100 * max(words, syl), 1), best))
    return out


def is_drafting(text: str) -> bool:
    """An obligation or target to draft the lower level's own plan: the plan itself carries it out."""
    return bool(re.search(align_pack()["plan_drafting_pattern"], text))


def addressed(text: str, child_doc: Document, paragraphs: set[int]) -> bool:
    """True when some of `paragraphs` of the child take up `text`, at least in part and on the same topic."""
    units = child_units(child_doc)
    allowed = [i for i, u in enumerate(units) if u.para in paragraphs]
    words, syl, i = match(text, _weights(child_doc), allowed)
    topics = _topics(text)
    same_topic = not topics or bool(topics & _topics(units[i].text))
    return status_of(words, syl) != "missing" and same_topic


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
