"""Parent ↔ child alignment: which parent duties bind the child, and how the child covers each.

Binding duties are the parent's items addressed to the child's level ("UBND các xã, thị trấn",
"UBND các xã, phường, đặc khu", "UBND các huyện, thị xã …"), whatever the parent's own level —
nothing assumes three tiers. Each task is cut into atomic obligations (clauses) and matched against
every clause and paragraph of the child, in any section and under any agency, so that paraphrased,
split or merged wording still counts. A match is the share of the obligation's key terms
(its underthesea words, and their syllables) found in the child's piece, weighted by rarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from plan_audit.model import Document, Duty, Plan, Span, Task
from plan_audit.nlp import agencies, agency_mentions, pos_tagged, segmented, topics_of
from plan_audit.parse.evidence import clauses, fold, item_clauses, span_of, words
from plan_audit.markers import sections_pack
from plan_audit.parse.sections import body_range, text_of, walk
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
    "level_qualifiers": {str: {"parent_pattern": str, "child_pattern": str}},
    "reporting_clause": str,
    "actor_pattern": str,
    "contrasts": [{"asked": [str], "instead": [str]}],
    "delegation": {str: str},
    "delegation_sections": [str],
    "same_obligation": int,
    "body_pattern": str,
    "not_doing_sections": [str],
    "phrase_min_terms": int,
    "phrase_verbs": [str],
    "phrase_joiners": [str],
    "shared_modifier_pattern": str,
    "named_events": [[str]],
}


@lru_cache(maxsize=1)
def align_pack() -> dict[str, Any]:
    return load_pack("align", SCHEMA)


@dataclass
class Obligation:
    text: str
    span: Span
    agency: str
    """Who the parent addresses, as written: its item's heading, or the level named in the clause."""
    topics: list[str]
    work: str = ""
    """What the child must carry out, when it is not the whole text: a handed-down clause without the
    words that hand it down ("Hướng dẫn UBND cấp xã rà soát …" → "rà soát …")."""

    @property
    def asked(self) -> str:
        return self.work or self.text


@dataclass
class Unit:
    """A piece of the child plan an obligation may be matched with."""

    text: str
    span: Span
    para: int = -1
    padded: str = ""
    """Its words, folded, one space apart, with a space at both ends: " rà soát các điểm "."""
    syllables: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, span: Span, para: int = -1) -> Unit:
        p = padded(text)
        return cls(text, span, para, p, frozenset(p.split()))


@dataclass
class Coverage:
    obligation: Obligation
    status: str
    score: float
    best: Unit | None
    lacking: str = ""
    """The verb phrase of the obligation the child does not carry out, when that makes it partial."""


def _is_key(word: str) -> bool:
    return word not in _stopwords() and bool(re.search(r"\w", word)) and not word.isdigit()


@lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """Content words of `text`: underthesea word segmentation, lower-cased, without stopwords.

    The first letter is lowered before segmenting: a capital at the start of a clause makes the
    segmenter split the verb it starts ("Kiện toàn" → "Kiện", "toàn").
    """
    return frozenset(w for w in (fold(w) for w in segmented(text[:1].lower() + text[1:])) if _is_key(w))


@lru_cache(maxsize=4096)
def terms(obligation: str) -> list[str]:
    """What must be found in the child for `obligation`: its content words, and each body it sets up or
    strengthens ("kiện toàn Ban bảo vệ trẻ em" → "ban bảo vệ trẻ em") as one term, though its words are
    stopwords."""
    text = without_actors(obligation)
    bodies = _bodies(obligation)
    found = {" ".join(re.findall(r"\w+", w)) for w in keywords(text)}
    inside = {w for w in found if any(f" {w} " in f" {b} " for b in bodies)}  # the name counts once, whole
    return sorted((found - inside - {""}) | bodies)


@lru_cache(maxsize=4096)
def _bodies(obligation: str) -> frozenset[str]:
    """Names of the bodies `obligation` sets up or strengthens, folded ("ban bảo vệ trẻ em")."""
    text = without_actors(obligation)
    organise = re.compile(align_pack()["body_pattern"])
    return frozenset(padded(written).strip() for _, written, at in agency_mentions(text) if organise.search(text[:at]))


def padded(text: str) -> str:
    """ " w1 w2 … " for phrase containment tests: folded, punctuation gone, single spaces."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in align_pack()["stopwords"])


@lru_cache(maxsize=4096)
def _topics(text: str) -> frozenset[str]:
    return frozenset(topics_of(text))


class TermWeights:
    """Inverse document frequency of words and syllables over the pieces of one child plan.

    Only the obligation is segmented into words (underthesea); a child piece contains a word when
    it contains its syllables in sequence, so the child never has to be segmented the same way.
    """

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self._n = len(units) + 1
        self._floor = align_pack()["idf_floor"]
        self._syllable_df = Counter(t for u in units for t in u.syllables)
        self._word_df: dict[str, int] = {}

    def _idf(self, df: int) -> float:
        return math.log(self._n / (1 + df)) + self._floor

    def word_idf(self, word: str) -> float:
        if word not in self._word_df:
            probe = f" {word} "
            self._word_df[word] = sum(probe in u.padded for u in self.units)
        return self._idf(self._word_df[word])

    def syllable_idf(self, syllable: str) -> float:
        return self._idf(self._syllable_df.get(syllable, 0))

    def word_share(self, words: list[str], unit: Unit) -> float:
        total = sum(self.word_idf(w) for w in words)
        return sum(self.word_idf(w) for w in words if f" {w} " in unit.padded) / total if total else 0.0

    def syllable_share(self, syllables: frozenset[str], unit: Unit) -> float:
        total = sum(self.syllable_idf(s) for s in syllables)
        return sum(self.syllable_idf(s) for s in syllables & unit.syllables) / total if total else 0.0


def match(obligation: str, weights: TermWeights, allowed: list[int] | None = None) -> tuple[float, float, int]:
    """(word share, syllable share, piece index) of the child piece that best carries out `obligation`.

    `allowed` restricts the search to some pieces (by index); the weights stay those of the whole child.
    """
    words = terms(obligation)
    syl = frozenset(s for w in words if w not in _bodies(obligation) for s in w.split())
    cw, cs = align_pack()["covered_words"], align_pack()["covered_syllables"]
    best = (0.0, 0.0, -1)
    for i in range(len(weights.units)) if allowed is None else allowed:
        unit = weights.units[i]
        cand = (weights.word_share(words, unit), weights.syllable_share(syl, unit), i)
        if max(cand[0] / cw, cand[1] / cs) > max(best[0] / cw, best[1] / cs):
            best = cand
    return best


@lru_cache(maxsize=4096)
def without_actors(text: str) -> str:
    """`text` with the agencies it puts to work ("Giao công chức Tư pháp - Hộ tịch …") blanked out.

    Who is asked to act says nothing of whether the work is done, and the child names its own
    units differently; an agency that is the object of the work ("kiện toàn Ban chỉ đạo") stays.
    """
    actor = re.compile(align_pack()["actor_pattern"])
    for _, written, start in reversed(agency_mentions(text)):
        if actor.search(text[:start]):
            text = text[:start] + " " * len(written) + text[start + len(written) :]
    return text


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
            if len(text.split()) < align_pack()["min_words"] or re.search(align_pack()["reporting_clause"], text):
                continue
            lead = offset + len(clause) - len(clause.lstrip())
            out.append(Obligation(text, span_of(parent_doc, para, base + lead), duty.agency, sorted(_topics(text))))
    return out


def delegated(parent_doc: Document, parent: Plan, child_level: str | None, skip: set[int]) -> list[Obligation]:
    """Work the parent hands to the child's level outside the items addressed to it.

    In its tasks, budget and organisation sections, a clause whose subject is the lower level
    ("Cấp xã, phường: … chủ động bố trí kinh phí") or that puts it to work ("chỉ đạo UBND các xã,
    thị trấn rà soát …") binds the child. Paragraphs in `skip` (the addressed items) are left out.
    """
    pattern = align_pack()["delegation"].get(child_level or "")
    if not pattern:
        return []
    hands = re.compile(pattern)
    kinds = set(align_pack()["delegation_sections"])
    paras = sorted({i for sec in parent.sections if sec.kind in kinds for i in text_of(parent_doc, sec)} - skip)
    out: list[Obligation] = []
    subject: tuple[int, str] | None = None  # (paragraph, level) of the last clause that handed work down
    for i, lead, clause in item_clauses(parent_doc, paras):
        body = clause.rstrip(";.")
        found = hands.match(body)
        if found:
            level, work = found.group("level"), found.group("work")
            subject = None if found.group("directive") else (i, level)  # after "Chỉ đạo X …;" the agency speaks again
        elif subject and subject[0] == i:  # "UBND cấp xã tổ chức cân, đo …; hướng dẫn các bà mẹ …": same subject
            level, work = subject[1], body
        else:
            continue
        if len(work.split()) < align_pack()["min_words"] or re.search(align_pack()["reporting_clause"], body) or not terms(work):
            continue  # too short, a report, or no work of its own ("… căn cứ chức năng, nhiệm vụ triển khai thực hiện")
        out.append(Obligation(body, span_of(parent_doc, i, lead), level, sorted(_topics(body)), work))
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
    addressed_paras = {_locate(parent_doc, t)[0] for duty in duties for t in duty.tasks}
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
    if len(phrases) > 1:
        phrases[-1] = _without_shared_modifier(phrases[-1])  # "… và làm rào chắn [tại các điểm nguy hiểm]"
    lacking = next((p for p in phrases if _status(p, weights, doing, level)[0] != "covered"), "") if len(phrases) > 1 else ""
    if not lacking:
        lacking = next((e for e in _events_named(ob.asked) if not _mentions_event(e, weights)), "")
    if status == "covered" and lacking:
        status = "partial"
    return Coverage(ob, status, score, best, lacking if status == "partial" else "")


def _events_named(text: str) -> list[str]:
    """The named events of rules/align.yaml that `text` asks for ("Tết Trung thu"), as first written there."""
    asked = padded(text)
    return [group[0] for group in align_pack()["named_events"] if any(padded(v) in asked for v in group)]


def _mentions_event(event: str, weights: TermWeights) -> bool:
    group = next(g for g in align_pack()["named_events"] if g[0] == event)
    return any(padded(v) in u.padded for v in group for u in weights.units)


def _without_shared_modifier(phrase: str) -> str:
    """The last verb phrase without the place, time or beneficiary that closes the whole obligation
    ("làm rào chắn tại các điểm nguy hiểm" → "làm rào chắn"): it belongs to every phrase, so it is no
    evidence that this one is done."""
    cut = re.search(align_pack()["shared_modifier_pattern"], phrase)
    return phrase[: cut.start()].strip(" ,") if cut and terms(phrase[: cut.start()]) else phrase


def _other_levels(text: str, level: str | None) -> list[str]:
    """The other levels `text` ties its work to ("Diễn đàn trẻ em cấp tỉnh"), as patterns a child piece
    must match; a level inside an agency's name ("Công an cấp huyện") or the child's own level does not count."""
    for _, written, start in agency_mentions(text):
        text = text[:start] + " " * len(written) + text[start + len(written) :]
    qualifiers = align_pack()["level_qualifiers"]
    return [q["child_pattern"] for lv, q in qualifiers.items() if lv != level and re.search(q["parent_pattern"], text)]


def _status(text: str, weights: TermWeights, doing: list[int], level: str | None) -> tuple[str, float, Unit | None]:
    words, syl, i = match(text, weights, doing)
    best = weights.units[i] if i >= 0 else None
    status = status_of(words, syl)
    if status == "covered" and best is not None and any(not re.search(q, best.text) for q in _other_levels(text, level)):
        status = "partial"  # the child does it, but not for the other level's event the parent names
    if status == "covered" and best is not None and does_instead(text, best.text):
        status = "partial"  # the child does a neighbouring thing (raises funds where the parent asks to allocate them)
    if status == "covered" and best is not None and _bodies(text) and not any(f" {b} " in best.padded for b in _bodies(text)):
        status = "partial"  # "kiện toàn Ban bảo vệ trẻ em": the piece strengthens something, but not that body
    return status, round(100 * max(words, syl), 1), best


@lru_cache(maxsize=4096)
def verb_phrases(obligation: str) -> tuple[str, ...]:
    """The obligation cut where another verb phrase starts ("kiện toàn Ban … và ban hành quy chế"): at
    "và" or a comma before a verb of rules/align.yaml. Each phrase must name something of its own, so
    verbs sharing one object stay together ("tiến hành can thiệp, trợ giúp trẻ em"). The phrases are
    slices of `obligation`, as written."""
    text = obligation[:1].lower() + obligation[1:]
    tagged = pos_tagged(text)
    least = align_pack()["phrase_min_terms"]
    cuts, start, at, noun = [], 0, 0, False
    for k, (word, tag) in enumerate(tagged):
        found = text.find(word, at)
        at = found + len(word) if found >= 0 else at
        if found >= 0 and noun and _opens_phrase(word, tagged[k + 1 :]) and len(terms(obligation[start:found])) >= least:
            cuts.append((start, found))
            start, noun = at, False
        noun = noun or tag in ("N", "Np")
    cuts.append((start, len(obligation)))
    if len(cuts) > 1 and (not noun or len(terms(obligation[cuts[-1][0] :])) < least):
        cuts[-2:] = [(cuts[-2][0], len(obligation))]
    return tuple(obligation[a:b].strip(" ,") for a, b in cuts)


def _opens_phrase(joiner: str, rest: list[tuple[str, str]]) -> bool:
    """True when `joiner` (rules/align.yaml: "và", ",") is followed by the verb of another phrase: a verb the tagger
    tags so, written in lower case (a capital starts a name: "và Tổng đài 111", "và Bảo hiểm xã hội")
    and listed in rules/align.yaml — the tagger alone calls "khối phố" and "dinh dưỡng" verbs."""
    if joiner.lower() not in align_pack()["phrase_joiners"] or not rest or rest[0][1] != "V":
        return False
    word = rest[0][0]
    return word[:1].islower() and word in align_pack()["phrase_verbs"]


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
    section ("Căn cứ …"), its purpose and reporting sections (rules/align.yaml), and its headings — a
    section with content under it, or a numbered one whose short title is no sentence ("7. Kiểm tra, đánh giá")."""
    kinds = set(align_pack()["not_doing_sections"])
    most = sections_pack()["heading_max_words"]
    first = min((sec.paragraphs[0] for sec in plan.sections), default=body_range(doc)[1])
    out: set[int] = set(range(body_range(doc)[0], first))
    for sec in walk(plan.sections):
        text = doc.paragraphs[sec.paragraphs[0]].text.rstrip()
        if sec.kind in kinds:
            out.update(sec.paragraphs)
        elif words(sec.title) <= most and (sec.children or len(sec.paragraphs) > 1):
            out.add(sec.paragraphs[0])
        elif sec.marker in ("roman", "arabic", "dotted") and words(text) <= 2 * most and not text.endswith((".", ";", ":")):
            out.add(sec.paragraphs[0])  # a numbered title, no sentence
    return out


def is_drafting(text: str) -> bool:
    """An obligation or target to draft the lower level's own plan: the plan itself carries it out."""
    return bool(re.search(align_pack()["plan_drafting_pattern"], text))


def addressed(text: str, child_doc: Document, paragraphs: set[int]) -> bool:
    """True when some of `paragraphs` of the child take up `text`, at least in part and on the same topic."""
    weights = _weights(child_doc)
    units = weights.units
    allowed = [i for i, u in enumerate(units) if u.para in paragraphs]
    words, syl, i = match(text, weights, allowed)
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
