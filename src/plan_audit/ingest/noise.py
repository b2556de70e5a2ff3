"""Recognizes lines that are not the plan's own words: page numbers, signing stamps, running headers.

They are removed from the body but kept as `Noise`, so a report can still say "signed on …".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from plan_audit.model import Line, Noise
from plan_audit.rules import load_pack

SCHEMA = {
    "page_number_patterns": [str],
    "signature_stamp": {"max_lines": int, "start_patterns": [str], "continuation_patterns": [str]},
    "header": {
        "national_title_pattern": str,
        "motto_pattern": str,
        "number_pattern": str,
        "date_line_pattern": str,
    },
    "signature": {"recipients_pattern": str, "authority_pattern": str},
}


@dataclass(frozen=True)
class IngestRules:
    page_number: tuple[re.Pattern[str], ...]
    stamp_start: tuple[re.Pattern[str], ...]
    stamp_cont: tuple[re.Pattern[str], ...]
    stamp_max: int
    national_title: re.Pattern[str]
    motto: re.Pattern[str]
    number: re.Pattern[str]
    date_line: re.Pattern[str]
    recipients: re.Pattern[str]
    authority: re.Pattern[str]


@lru_cache(maxsize=1)
def ingest_rules() -> IngestRules:
    """The compiled patterns of rules/ingest.yaml."""
    data = load_pack("ingest", SCHEMA)
    comp = lambda xs: tuple(re.compile(x) for x in xs)  # noqa: E731
    st, hd, sg = data["signature_stamp"], data["header"], data["signature"]
    return IngestRules(
        page_number=comp(data["page_number_patterns"]),
        stamp_start=comp(st["start_patterns"]),
        stamp_cont=comp(st["continuation_patterns"]),
        stamp_max=st["max_lines"],
        national_title=re.compile(hd["national_title_pattern"]),
        motto=re.compile(hd["motto_pattern"]),
        number=re.compile(hd["number_pattern"]),
        date_line=re.compile(hd["date_line_pattern"]),
        recipients=re.compile(sg["recipients_pattern"]),
        authority=re.compile(sg["authority_pattern"]),
    )


def is_page_number(text: str) -> bool:
    return any(p.search(text) for p in ingest_rules().page_number)


def split_stamps(lines: list[Line]) -> tuple[list[Line], list[Noise]]:
    """Remove digital-signature stamp blocks (start line plus matching continuation lines)."""
    r = ingest_rules()
    kept: list[Line] = []
    noise: list[Noise] = []
    budget = 0
    for ln in lines:
        if any(p.search(ln.text) for p in r.stamp_start):
            budget = r.stamp_max - 1
        elif budget > 0 and any(p.search(ln.text) for p in r.stamp_cont):
            budget -= 1
        else:
            budget = 0
            kept.append(ln)
            continue
        noise.append(Noise("signature_stamp", ln.text, ln.page, ln.line))
    return kept, noise


def split_running_headers(lines: list[Line], pages: int) -> tuple[list[Line], list[Noise]]:
    """Remove lines repeated at the top or bottom of most pages (digits ignored), e.g. a file name footer."""
    if pages < 3:
        return lines, []
    edge: dict[int, list[Line]] = {}
    for ln in lines:
        edge.setdefault(ln.page, []).append(ln)
    keys: Counter[str] = Counter()
    for page_lines in edge.values():
        for text in {page_lines[0].text, page_lines[-1].text}:
            keys[re.sub(r"\d+", "#", text)] += 1
    repeated = {k for k, n in keys.items() if n >= max(3, pages // 2 + 1) and len(k) > 3}
    if not repeated:
        return lines, []
    kept, noise = [], []
    for ln in lines:
        if re.sub(r"\d+", "#", ln.text) in repeated:
            noise.append(Noise("running_header", ln.text, ln.page, ln.line))
        else:
            kept.append(ln)
    return kept, noise
