"""Targets: every percentage goal, and directional goals (giảm / tăng / duy trì …) in target sections.

A paragraph is cut into clauses at ";" and sentence ends, so a run-on paragraph ("Phấn đấu 90%
…; tăng tỷ lệ …") gives one target per clause and per value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plan_audit.model import Document, Target
from plan_audit.parse.evidence import item_clauses, span_of
from plan_audit.rules import load_pack

PERCENT = re.compile(r"(?P<value>\d{1,3}(?:[.,]\d{1,2})?)\s?%")
YEAR = re.compile(r"\bnăm (?P<y>20\d\d)\b")
SCHEMA: dict[str, Any] = {
    "at_most_pattern": str,
    "value_after_indicator_pattern": str,
    "baseline_pattern": str,
    "direction_pattern": str,
    "comparators": {str: ("decrease", "increase", "maintain")},
    "zero_pattern": str,
    "weaker_directions": {str: [("decrease", "increase", "maintain")]},
    "change_pattern": str,
}


@dataclass(frozen=True)
class Patterns:
    at_most: re.Pattern[str]
    value_after: re.Pattern[str]
    baseline: re.Pattern[str]
    direction: re.Pattern[str]
    comparators: dict[str, str]
    zero: re.Pattern[str]
    weaker_directions: dict[str, list[str]]
    change: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    """The compiled forms of rules/targets.yaml."""
    p = load_pack("targets", SCHEMA)
    return Patterns(
        re.compile(p["at_most_pattern"]),
        re.compile(p["value_after_indicator_pattern"]),
        re.compile(p["baseline_pattern"]),
        re.compile(p["direction_pattern"].strip()),
        p["comparators"],
        re.compile(p["zero_pattern"]),
        p["weaker_directions"],
        re.compile(p["change_pattern"]),
    )


def _indicator(clause: str, m: re.Match[str]) -> str:
    before = clause[: m.start()]
    after = clause[m.end() :].strip(" ;.,:")
    cue = patterns().value_after.search(before)
    if after and not cue:
        return after
    return (before[: cue.start()] if cue else before).strip(" -–+:;,")


def parse_targets(doc: Document, body: range, target_paras: set[int], year: int | None) -> list[Target]:
    out: list[Target] = []
    pat = patterns()
    for i, at, clause in item_clauses(doc, body):
        years = pat.baseline.search(clause)
        own_year = YEAR.search(pat.baseline.sub("", clause))
        t_year = int(own_year.group("y")) if own_year else year
        base = int(years.group("y")) if years else None
        hits = list(PERCENT.finditer(clause))
        for m in hits:
            value = float(m.group("value").replace(",", "."))
            comparator = "<=" if pat.at_most.search(clause[: m.start()]) else ">="
            out.append(Target(clause.rstrip(";"), _indicator(clause, m), value, "%", comparator, t_year, span_of(doc, i, at), base))
        d = pat.direction.match(clause) if not hits and i in target_paras else None
        if d:
            verb = d.group("verb") or d.group("keep") or d.group("trend")
            comparator = pat.comparators[verb.lower()]
            indicator = (d.group("indicator") or d.group("kept") or d.group("measure")).strip(" ;.")
            out.append(Target(clause.rstrip(";."), indicator, None, None, comparator, t_year, span_of(doc, i, at), base))
    return out


def is_change(target: Target) -> bool:
    """True when the target's figure is a change ("Giảm ít nhất 10% số vụ …"), not a level ("100% các xã …",
    "giảm … xuống dưới 27%"): the two never measure the same thing."""
    figure = re.search(r"\d+(?:[.,]\d+)?\s*%", target.text)
    return bool(target.value is not None and target.comparator == ">=" and figure and patterns().change.search(target.text[: figure.start()]))


def weaker_direction(parent: Target, child: Target) -> bool:
    """True when the child keeps a level where the parent asks it to fall or rise (and the kept level is not zero)."""
    pat = patterns()
    if parent.value is not None or child.value is not None or pat.zero.search(child.indicator):
        return False
    return child.comparator in pat.weaker_directions.get(parent.comparator, [])
