"""Wording checks: another level's phrases, district bodies after 2025, stale years, the yearly theme."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.parse.evidence import fold, span_of
from plan_audit.parse.units import levels_pack
from plan_audit.rules import load_pack

THEME_SCHEMA: dict[str, Any] = {
    "event_pattern": str,
    "theme_quote_pattern": str,
    "themes": [{"year": int, "theme": str, "source?": str, "note?": str}],
}
SAME_THEME = 90
"""rapidfuzz ratio above which a quoted theme is the official one (punctuation varies in real plans)."""
@lru_cache(maxsize=1)
def themes() -> dict[int, str]:
    return {t["year"]: t["theme"] for t in load_pack("themes", THEME_SCHEMA)["themes"]}


@lru_cache(maxsize=1)
def _event_year() -> re.Pattern[str]:
    return re.compile(load_pack("themes", THEME_SCHEMA)["event_pattern"])


@lru_cache(maxsize=1)
def _theme_quote() -> re.Pattern[str]:
    return re.compile(load_pack("themes", THEME_SCHEMA)["theme_quote_pattern"])


def _theme_key(text: str) -> str:
    return re.sub(r"[^\w ]", "", fold(text)).replace("  ", " ")


@mechanism("level_wording")
def level_wording(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    level = ctx.plan.header.level
    patterns = [re.compile(p) for p in levels_pack()["foreign_wording"].get(level or "", [])]
    for pattern in patterns:
        for i, m in ctx.matches(pattern):
            text = ctx.doc.paragraphs[i].text
            following = text[m.end() :].split()
            if following and following[0][:1].isupper():
                continue  # "trên địa bàn huyện Chi Lăng": a named unit, e.g. the parent plan's title
            if _in_cited_title(ctx, i, m.start()):
                continue  # "Kế hoạch số 58/KH-UBND … về … trên địa bàn tỉnh": the cited plan's own words
            yield Hit({"level": word(f"level_{level}", ctx.lang), "phrase": m.group()}, [ctx.around(i, m)])


def _in_cited_title(ctx: Context, para: int, pos: int) -> bool:
    """True when `pos` lies in the subject of a document cited earlier in the same clause."""
    text = ctx.doc.paragraphs[para].text
    clause_start = max(text.rfind(";", 0, pos), text.rfind(". ", 0, pos)) + 1
    return any(
        c.span == span_of(ctx.doc, para, text.find(c.text)) and clause_start <= text.find(c.text) < pos
        for c in ctx.plan.citations
        if c.text in text
    )


@mechanism("era_wording")
def era_wording(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    h = ctx.plan.header
    cutoff = levels_pack()["districts_dissolved"]
    when = h.date or (f"{h.year}-12-31" if h.year else None)
    if when is None or when < cutoff:
        return
    pattern = re.compile(levels_pack()["district_bodies"])
    for i, m in ctx.matches(pattern):
        yield Hit({"year": h.year, "phrase": m.group()}, [ctx.around(i, m)])


@mechanism("stale_year")
def stale_year(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    year = ctx.plan.header.year
    if year is None:
        return
    for i, m in ctx.matches(_event_year()):
        found = int(m.group("year"))
        if found != year:
            yield Hit({"year": year, "found": found, "phrase": m.group()}, [ctx.around(i, m)])


@mechanism("theme")
def theme(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    official = themes()
    for i, m in ctx.matches(_theme_quote()):
        text = ctx.doc.paragraphs[i].text
        if "tháng hành động" not in text[max(0, m.start() - 200) : m.start()].lower():
            continue
        event = _event_year().search(text[max(0, m.start() - 200) : m.start()])
        year = int(event.group("year")) if event else ctx.plan.header.year
        if year not in official:
            continue
        quoted = m.group("theme")
        if fuzz.ratio(_theme_key(quoted), _theme_key(official[year])) >= SAME_THEME:
            continue
        other = next((y for y, t in official.items() if fuzz.ratio(_theme_key(quoted), _theme_key(t)) >= SAME_THEME), None)
        note = word("theme_of_year", ctx.lang, year=other) if other is not None else ""
        yield Hit({"year": year, "official": official[year], "quoted": quoted, "other": note}, [ctx.quote(i, m.start(), m.end())])
