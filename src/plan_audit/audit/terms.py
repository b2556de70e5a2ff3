"""The terms of an obligation, and how much of them a piece of the child plan holds.

An obligation is reduced to its content words (underthesea words, lower-cased, without the function
words and generic verbs of rules/align.yaml), the bodies it sets up as whole names, and its verb
phrases. A piece of the child holds a word when it holds its syllables in sequence, so the child never
has to be segmented the same way; each term weighs by its rarity in the child (inverse document
frequency over the child's pieces), so "trẻ em" counts little and "tiêm chủng" much.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plan_audit.model import Span
from plan_audit.nlp import agency_mentions, pos_tagged, segmented, topics_of
from plan_audit.parse.citations import without_references
from plan_audit.parse.evidence import fold
from plan_audit.errors import RulesError
from plan_audit.rules import load_pack, rules_dir

SCHEMA: dict[str, Any] = {
    "covered_words": float,
    "covered_syllables": float,
    "partial_words": float,
    "partial_syllables": float,
    "partial_mentioned": float,
    "idf_floor": float,
    "min_words": int,
    "target_indicator_match": int,
    "stopwords": [str],
    "addressee_units": {str: [str]},
    "plan_drafting_pattern": str,
    "level_qualifiers": {str: {"parent_pattern": str, "child_pattern": str}},
    "reporting_clause_pattern": str,
    "actor_pattern": str,
    "contrasts": [{"asked": [str], "instead": [str]}],
    "delegation_patterns": {str: str},
    "delegation_sections": [str],
    "same_obligation": int,
    "body_pattern": str,
    "not_doing_sections": [str],
    "phrase_min_terms": int,
    "phrase_verbs": [str],
    "phrase_joiners": [str],
    "alternative_joiners": [str],
    "shared_modifier_pattern": str,
    "named_work": [[str]],
    "equivalents": [[str]],
}


@lru_cache(maxsize=1)
def align_pack() -> dict[str, Any]:
    return load_pack("align", SCHEMA)


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


def _is_key(word: str) -> bool:
    return word not in _stopwords() and bool(re.search(r"\w", word)) and not word.isdigit()


@lru_cache(maxsize=4096)
def keywords(text: str) -> frozenset[str]:
    """Content words of `text`: underthesea word segmentation, lower-cased, without stopwords.

    The first letter is lowered before segmenting: a capital at the start of a clause makes the
    segmenter split the verb it starts ("Kiện toàn" → "Kiện", "toàn"). Stopwords of several syllables
    are taken out before, as the segmenter may cut them ("khối phố" → "khối", "phố").
    """
    text = _long_stopwords().sub(" ", text[:1].lower() + text[1:])
    return frozenset(w for w in (fold(w) for w in segmented(text)) if _is_key(w))


@lru_cache(maxsize=1)
def _long_stopwords() -> re.Pattern[str]:
    long = sorted((w for w in _stopwords() if " " in w), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, long)) + r")(?!\w)", re.I)


@lru_cache(maxsize=4096)
def terms(obligation: str) -> list[str]:
    """What must be found in the child for `obligation`: its content words, and each body it sets up or
    strengthens ("kiện toàn Ban bảo vệ trẻ em" → "ban bảo vệ trẻ em") as one term, though its words are
    stopwords, and each phrase of rules/align.yaml `equivalents` it holds ("môi trường mạng") as one term.
    The documents it cites are left out."""
    text = without_references(without_actors(obligation))
    wholes = bodies_in(obligation) | {f for f in _equivalents() if " " in f and f" {f} " in padded(text)}
    found = {" ".join(re.findall(r"\w+", w)) for w in keywords(text)}
    inside = {w for w in found if any(f" {w} " in f" {b} " for b in wholes)}  # the name counts once, whole
    kept = sorted((found - inside - {""}) | wholes)
    return [w for k, w in enumerate(kept) if not any(forms_of(w) == forms_of(v) for v in kept[:k])]  # "rà soát, thống kê": one term


@lru_cache(maxsize=4096)
def bodies_in(obligation: str) -> frozenset[str]:
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
def topic_set(text: str) -> frozenset[str]:
    return frozenset(topics_of(text))


@lru_cache(maxsize=1)
def _equivalents() -> dict[str, tuple[str, ...]]:
    """Each word of a group of rules/align.yaml → the padded forms of its whole group; a word in two
    groups would make the groups' meaning depend on their order, so it is refused on load."""
    out: dict[str, tuple[str, ...]] = {}
    for k, group in enumerate(align_pack()["equivalents"]):
        forms = tuple(dict.fromkeys(padded(w) for w in group))
        for form in forms:
            if form.strip() in out:
                raise RulesError("bad_rules", file=str(rules_dir() / "align.yaml"), key=f"equivalents[{k}]", detail=f"'{form.strip()}' is in two groups")
            out[form.strip()] = forms
    return out


def forms_of(word: str) -> tuple[str, ...]:
    """The padded ways of writing `word` a reviewer accepts ("kiện toàn" → " kiện toàn ", " củng cố ")."""
    return _equivalents().get(word, (f" {word} ",))


def holds(unit: Unit, word: str) -> bool:
    return any(form in unit.padded for form in forms_of(word))


class TermWeights:
    """Inverse document frequency of words and syllables over the pieces of one child plan.

    Only the obligation is segmented into words (underthesea); a child piece contains a word when
    it contains its syllables in sequence, or one of its equivalents (rules/align.yaml), so the
    child never has to be segmented the same way.
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
            self._word_df[word] = sum(holds(u, word) for u in self.units)
        return self._idf(self._word_df[word])

    def syllable_idf(self, syllable: str) -> float:
        return self._idf(self._syllable_df.get(syllable, 0))

    def word_share(self, words: list[str], unit: Unit) -> float:
        total = sum(self.word_idf(w) for w in words)
        return sum(self.word_idf(w) for w in words if holds(unit, w)) / total if total else 0.0

    def mentioned_share(self, words: list[str]) -> float:
        """Weighted share of `words` the child holds anywhere at all."""
        total = sum(self.word_idf(w) for w in words)
        return sum(self.word_idf(w) for w in words if self._word_df[w]) / total if total else 0.0

    def syllable_share(self, syllables: frozenset[str], unit: Unit, words: list[str]) -> float:
        """Share of the syllables in `unit`; those of a word written there another way count as found."""
        total = sum(self.syllable_idf(s) for s in syllables)
        found = syllables & (unit.syllables | {s for w in words if w in _equivalents() and holds(unit, w) for s in w.split()})
        return sum(self.syllable_idf(s) for s in found) / total if total else 0.0


def match(obligation: str, weights: TermWeights, allowed: list[int] | None = None) -> tuple[float, float, int]:
    """(word share, syllable share, piece index) of the child piece that best carries out `obligation`.

    `allowed` restricts the search to some pieces (by index); the weights stay those of the whole child.
    """
    cw, cs = align_pack()["covered_words"], align_pack()["covered_syllables"]
    best = (0.0, 0.0, -1)
    for asked in alternatives(obligation):  # "tổ chức Diễn đàn trẻ em hoặc hình thức lấy ý kiến …": either will do
        words = terms(asked)
        syl = frozenset(s for w in words if w not in bodies_in(asked) for s in w.split())
        for i in range(len(weights.units)) if allowed is None else allowed:
            unit = weights.units[i]
            cand = (weights.word_share(words, unit), weights.syllable_share(syl, unit, words), i)
            if max(cand[0] / cw, cand[1] / cs) > max(best[0] / cw, best[1] / cs):
                best = cand
    return best


@lru_cache(maxsize=4096)
def alternatives(obligation: str) -> tuple[str, ...]:
    """The obligation and, when it offers a choice, each way of carrying it out: the sides of "… hoặc …"
    ("tổ chức Diễn đàn trẻ em hoặc hình thức lấy ý kiến trẻ em") and the examples it lists in brackets
    ("mô hình … (câu lạc bộ quyền trẻ em, nhóm trẻ em nòng cốt)"), each with enough terms of its own or
    a piece of named work."""
    least = align_pack()["phrase_min_terms"]

    def ways(parts: list[str]) -> list[str]:
        return parts if len(parts) > 1 and all(len(terms(p)) >= least or work_named(p) for p in parts) else []

    pattern = r"\s(?:" + "|".join(map(re.escape, align_pack()["alternative_joiners"])) + r")\s"
    examples = re.search(r"\(([^()]*)\)", obligation)
    listed = [e.strip() for e in examples.group(1).split(",")] if examples else []
    return (obligation, *ways(re.split(pattern, obligation)), *ways(listed))


@lru_cache(maxsize=4096)
def work_named(text: str) -> tuple[str, ...]:
    """The events and pieces of work of rules/align.yaml `named_work` that `text` asks for ("Tết Trung thu",
    "hương ước"), as first written there."""
    asked = padded(text)
    return tuple(group[0] for group in align_pack()["named_work"] if any(padded(v) in asked for v in group))


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
    if len(cuts) > 1 and re.match(align_pack()["shared_modifier_pattern"], " " + obligation[cuts[0][0] : cuts[0][1]]):
        cuts[:2] = [(cuts[0][0], cuts[1][1])]  # "Trong mùa nước nổi, vận động …": a time or place, not a phrase of its own
    return tuple(obligation[a:b].strip(" ,") for a, b in cuts)


def _opens_phrase(joiner: str, rest: list[tuple[str, str]]) -> bool:
    """True when `joiner` (rules/align.yaml: "và", ",") is followed by the verb of another phrase: a verb the tagger
    tags so, written in lower case (a capital starts a name: "và Tổng đài 111", "và Bảo hiểm xã hội")
    and listed in rules/align.yaml — the tagger alone calls "khối phố" and "dinh dưỡng" verbs."""
    if joiner.lower() not in align_pack()["phrase_joiners"] or not rest or rest[0][1] != "V":
        return False
    word = rest[0][0]
    return word[:1].islower() and word in align_pack()["phrase_verbs"]
