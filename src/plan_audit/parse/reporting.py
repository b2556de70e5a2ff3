"""Reporting obligations: who reports to whom, how often, by when.

Dated obligations are found anywhere in the body ("báo cáo 06 tháng (trước ngày 15/5), năm
(trước ngày 10/11)"); a period without a date ("định kỳ 06 tháng", "báo cáo đột xuất") only
inside a reporting section, where it is an obligation and not a passing mention.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from plan_audit.model import Document, Reporting
from plan_audit.parse.dates import iso
from plan_audit.parse.evidence import clauses, span_of
from plan_audit.rules import load_pack

AFTER_DATE = re.compile(r"\s*\(((?:báo cáo\s+)?[^()]{1,25})\)")
"""A period named in brackets right after the date: "trước ngày 30/5 (báo cáo 6 tháng)"."""
UNDATED_CUES = re.compile(r"định kỳ|đột xuất|kịp thời", re.I)
"""Outside a reporting section, an undated clause is an obligation only with one of these words."""

SCHEMA: dict[str, Any] = {
    "periods": {str: [str]},
    "relations": {str: [str]},
    "deadline_pattern": str,
    "recurring_deadline_pattern": str,
    "sender_recipient_pattern": str,
    "required_periods": [str],
    "period_months": {str: [int]},
    "chain_levels": {str: {"own": [str], "upper": [str]}},
}


@lru_cache(maxsize=1)
def reporting_pack() -> dict[str, Any]:
    return load_pack("reporting", SCHEMA)


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str], dict[str, str], re.Pattern[str]]:
    p = reporting_pack()
    periods = [(pid, re.compile("|".join(f"(?:{x})" for x in xs), re.I)) for pid, xs in p["periods"].items()]
    rel_words = sorted(((w, r) for r, ws in p["relations"].items() for w in ws), key=lambda x: -len(x[0]))
    relation_of = {w.lower(): r for w, r in rel_words}
    relation = "|".join(re.escape(w) for w, _ in rel_words)
    dated = re.compile(rf"(?P<rel>{relation})\s*:?\s*{p['deadline_pattern']}", re.I)
    before_relation = re.compile(rf"\s+(?:{relation})\b", re.I)  # "Ủy ban nhân dân xã trước ngày …": the recipient ends there
    return periods, dated, re.compile(p["sender_recipient_pattern"]), relation_of, before_relation


def _period_in(text: str) -> tuple[str, int] | None:
    """The period named last in `text` (closest to what follows), with its position."""
    periods = _compiled()[0]
    best: tuple[str, int] | None = None
    for pid, pattern in periods:
        for m in pattern.finditer(text):
            if best is None or m.start() > best[1]:
                best = (pid, m.start())
    return best


def parse_reporting(doc: Document, body: range, reporting_paras: set[int]) -> list[Reporting]:
    """Dated obligations anywhere; undated ones in reporting sections or when marked "định kỳ"/"đột xuất"."""
    _, dated, who, relation_of, before_relation = _compiled()
    out: list[Reporting] = []
    sender = recipient = None
    for i in body:
        text = doc.paragraphs[i].text
        in_section = i in reporting_paras
        if "báo cáo" not in text.lower() and not in_section:
            continue
        m_who = who.search(text)
        if m_who:
            sender = re.sub(r"^(?:Đề nghị|Giao)\s+|\s+tổng hợp.*$", "", m_who.group("sender").strip(" -*,"))
            recipient = before_relation.split(m_who.group("recipient"), maxsplit=1)[0].strip()
        elif not in_section:
            sender = recipient = None  # outside a reporting section, who-reports-to-whom does not carry over
        for base, clause in clauses(text):
            found_dated = False
            last = 0
            for m in dated.finditer(clause):
                after = AFTER_DATE.match(clause, m.end())
                found = _period_in(after.group(1)) if after else _period_in(clause[last : m.start()])
                if found is None:
                    last = m.end()
                    continue
                at = m.start() if after else last + found[1]
                last, found_dated = (after.end() if after else m.end()), True
                y = m.group("y")
                deadline = iso(int(m.group("d")), int(m.group("m")), int(y) if y else None)
                rel = relation_of[m.group("rel").lower()]
                out.append(Reporting(sender, recipient, found[0], deadline, rel, clause[at:last], span_of(doc, i, base + at)))
            reports, cue = "báo cáo" in clause.lower(), bool(UNDATED_CUES.search(clause))
            if found_dated or not ((reports or cue) if in_section else (reports and cue)):
                continue  # "Trên đây là Kế hoạch tổ chức Tháng hành động …" closes the section, it schedules nothing
            lead = base + len(clause) - len(clause.lstrip())
            for period, _ in _periods(clause):
                out.append(Reporting(sender, recipient, period, None, None, clause.strip(), span_of(doc, i, lead)))
    return out


def _periods(text: str) -> list[tuple[str, int]]:
    """Every period named in `text`, in order of appearance, once each."""
    found: dict[str, int] = {}
    for pid, pattern in _compiled()[0]:
        m = pattern.search(text)
        if m:
            found[pid] = m.start()
    return sorted(found.items(), key=lambda kv: kv[1])
