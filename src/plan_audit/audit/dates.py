"""Date checks: impossible dates, a plan dated before its basis, deadlines out of range or out of season."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.parse.dates import DATE_SLASH, DATE_WORDS, iso
from plan_audit.parse.reporting import reporting_pack

DATE_CUE = re.compile(r"(?:ngày|hạn)\s*$", re.I)


def _vn(deadline: str) -> str:
    parts = deadline.lstrip("-").split("-")
    return "/".join(reversed(parts))


@mechanism("impossible_date")
def impossible_date(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    """Dates after "ngày"/"hạn" or with a year that name no real day; the header's date line too."""
    h = ctx.plan.header
    if h.date_text and h.date is None and h.span is not None:
        yield Hit({"date": h.date_text}, [ctx.evidence(type("Item", (), {"text": h.date_text, "span": h.span})())])
    for pattern in (DATE_WORDS, DATE_SLASH):
        for i, m in ctx.matches(pattern):
            text = ctx.doc.paragraphs[i].text
            dated = pattern is DATE_WORDS or m.group("y") or DATE_CUE.search(text[max(0, m.start() - 8) : m.start()])
            y = m.group("y")
            if dated and iso(int(m.group("d")), int(m.group("m")), int(y) if y else None) is None:
                yield Hit({"date": m.group().strip()}, [ctx.quote(i, m.start(), m.end())])


@mechanism("basis_after_plan")
def basis_after_plan(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    plan_date = ctx.plan.header.date
    if not plan_date:
        return
    for cit in ctx.plan.citations:
        if cit.role == "basis" and cit.date and cit.date > plan_date:
            params = {"plan_date": _vn(plan_date), "kind": cit.kind, "number": cit.number, "basis_date": _vn(cit.date)}
            yield Hit(params, [ctx.evidence(cit)])


@mechanism("deadline_range")
def deadline_range(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    h = ctx.plan.header
    for r in ctx.plan.reporting:
        if not r.deadline or r.deadline.startswith("--"):
            continue
        problem = None
        if h.date and r.deadline < h.date:
            problem = word("before_plan_date", ctx.lang, date=_vn(h.date))
        elif h.year and int(r.deadline[:4]) != h.year and not (r.period == "annual" and int(r.deadline[:4]) == h.year + 1 and r.deadline[5:7] == "01"):
            problem = word("outside_plan_year", ctx.lang, year=h.year)
        if problem:
            yield Hit({"period": word(r.period, ctx.lang), "deadline": _vn(r.deadline), "problem": problem}, [ctx.evidence(r)])


@mechanism("period_month")
def period_month(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    months = reporting_pack()["period_months"]
    for r in ctx.plan.reporting:
        if r.deadline and r.period in months and int(r.deadline[-5:-3]) not in months[r.period]:
            yield Hit({"period": word(r.period, ctx.lang), "deadline": _vn(r.deadline)}, [ctx.evidence(r)])
