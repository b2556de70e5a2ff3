"""Targets: every percentage goal, and directional goals (giảm / tăng / duy trì …) in target sections.

A paragraph is cut into clauses at ";" and sentence ends, so a run-on paragraph ("Phấn đấu 90%
…; tăng tỷ lệ …") gives one target per clause and per value.
"""

from __future__ import annotations

import re

from plan_audit.markers import match_marker
from plan_audit.model import Document, Target
from plan_audit.parse.evidence import clauses, span_of

PERCENT = re.compile(r"(?P<value>\d{1,3}(?:[.,]\d{1,2})?)\s?%")
AT_MOST = re.compile(r"(dưới|không quá|tối đa|thấp hơn|giảm xuống(?: còn)?|xuống dưới|còn dưới)\s*$", re.I)
DIRECTION = re.compile(
    r"^(?:Phấn đấu\s+|Phần đầu\s+|Đảm bảo\s+|Bảo đảm\s+)?"
    r"(?:(?P<verb>[Gg]iảm|[Tt]ăng)\s+(?P<indicator>(?:dần\s+)?(?:tỷ lệ|tỉ lệ|số)\b.*)"
    r"|(?P<keep>[Dd]uy trì)\s+(?P<kept>.+)"
    r"|(?P<measure>(?:[Tt]ỷ lệ|[Tt]ỉ lệ|[Ss]ố)\b.*?)\s+(?P<trend>giảm|tăng)\b.*)"
)
"""Directional targets: "Giảm tỷ lệ …", "Duy trì không có …", "số vụ … giảm so với năm 2021"."""
BASELINE = re.compile(r"so với (?:cùng kỳ )?năm (?P<y>(?:19|20)\d\d)")
YEAR = re.compile(r"\bnăm (?P<y>20\d\d)\b")
COMPARATORS = {"giảm": "decrease", "tăng": "increase", "duy trì": "maintain"}


VALUE_AFTER_INDICATOR = re.compile(r"\s(?:đạt(?: tỷ lệ)?(?: trên| từ)?|là|chiếm|ở mức)\s*$")
"""Words that put the value after what it measures ("tỷ lệ trẻ em … đạt 100%")."""


def _indicator(clause: str, m: re.Match[str]) -> str:
    before = clause[: m.start()]
    after = clause[m.end() :].strip(" ;.,:")
    cue = VALUE_AFTER_INDICATOR.search(before)
    if after and not cue:
        return after
    return (before[: cue.start()] if cue else before).strip(" -–+:;,")


def parse_targets(doc: Document, body: range, target_paras: set[int], year: int | None) -> list[Target]:
    out: list[Target] = []
    for i in body:
        text = doc.paragraphs[i].text
        marker = match_marker(text)
        offset = marker.end if marker else 0
        for start, clause in clauses(text[offset:]):
            at = offset + start + (len(clause) - len(clause.lstrip()))
            clause = clause.strip()
            years = BASELINE.search(clause)
            own_year = YEAR.search(BASELINE.sub("", clause))
            t_year = int(own_year.group("y")) if own_year else year
            base = int(years.group("y")) if years else None
            hits = list(PERCENT.finditer(clause))
            for m in hits:
                value = float(m.group("value").replace(",", "."))
                comparator = "<=" if AT_MOST.search(clause[: m.start()]) else ">="
                out.append(Target(clause.rstrip(";"), _indicator(clause, m), value, "%", comparator, t_year, span_of(doc, i, at), base))
            d = DIRECTION.match(clause) if not hits and i in target_paras else None
            if d:
                verb = d.group("verb") or d.group("keep") or d.group("trend")
                comparator = COMPARATORS[verb.lower()]
                indicator = (d.group("indicator") or d.group("kept") or d.group("measure")).strip(" ;.")
                out.append(Target(clause.rstrip(";."), indicator, None, None, comparator, t_year, span_of(doc, i, at), base))
    return out
