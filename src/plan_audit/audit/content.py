"""Content checks on the plan alone: no targets, no or undated reporting, a late chain inside the plan."""

from __future__ import annotations

import re
from collections.abc import Iterator

from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Evidence, Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.model import Reporting
from plan_audit.parse.reporting import reporting_pack
from plan_audit.parse.sections import walk

PERIODIC = ("6_months", "annual", "quarterly", "monthly")


def _anchor(ctx: Context, kind: str | None = None) -> list[Evidence]:
    """Where a missing thing would belong: the section of `kind` if any, else the plan's title."""
    section = next((s for s in walk(ctx.plan.sections) if s.kind == kind), None) if kind else None
    if section is not None:
        return [ctx.quote(section.paragraphs[0], 0, section.offset + len(section.title))]
    h = ctx.plan.header
    para = next((i for i, p in enumerate(ctx.doc.paragraphs) if h.span and (p.page, p.line) == (h.span.page, h.span.line)), 0)
    end = para + 2 if h.title else para + 1
    return [ctx.quote(i) for i in range(para, min(end, len(ctx.doc.paragraphs)))]


@mechanism("no_targets")
def no_targets(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if not ctx.plan.targets:
        yield Hit({}, _anchor(ctx, "targets"))


@mechanism("no_reporting")
def no_reporting(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if not any(r.period in PERIODIC for r in ctx.plan.reporting):
        yield Hit({}, _anchor(ctx, "reporting"))


@mechanism("undated_period")
def undated_period(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    recurring = re.compile(reporting_pack()["recurring_deadline_pattern"])
    for r in ctx.plan.reporting:
        if r.period in PERIODIC and r.deadline is None and not recurring.search(r.text):
            yield Hit({"period": word(r.period, ctx.lang), "quote": r.text[:120]}, [ctx.evidence(r)])


@mechanism("required_periods")
def required_periods(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    dated = [r for r in ctx.plan.reporting if r.period in PERIODIC and r.deadline]
    if not dated:
        return  # no schedule at all is reporting.none's finding
    present = {r.period for r in ctx.plan.reporting}
    for period in reporting_pack()["required_periods"]:
        if period not in present:
            yield Hit({"period": word(period, ctx.lang)}, [ctx.evidence(dated[0])])


def direction(r: Reporting, level: str | None) -> str | None:
    """"up" when the obligation is the issuer's own report upwards, "in" when it is reported to the issuer."""
    chain = reporting_pack()["chain_levels"].get(level or "")
    if chain is None or not r.recipient:
        return None
    if any(re.search(p, r.recipient, re.I) for p in chain["upper"]):
        return "up"
    if any(re.search(p, r.recipient, re.I) for p in chain["own"]):
        return "in"
    return None


def month_day(deadline: str) -> tuple[int, int]:
    return int(deadline[-5:-3]), int(deadline[-2:])


@mechanism("internal_chain")
def internal_chain(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    level = ctx.plan.header.level
    dated = [r for r in ctx.plan.reporting if r.deadline and r.period in PERIODIC]
    for period in PERIODIC:
        ups = [r for r in dated if r.period == period and direction(r, level) == "up"]
        ins = [r for r in dated if r.period == period and direction(r, level) == "in"]
        if not ups or not ins:
            continue
        outer = min(ups, key=lambda r: month_day(r.deadline))
        for inner in ins:
            if month_day(inner.deadline) >= month_day(outer.deadline):
                params = {
                    "period": word(period, ctx.lang),
                    "sender": inner.sender or "cấp dưới",
                    "inner": inner.deadline[-2:] + "/" + inner.deadline[-5:-3],
                    "outer": outer.deadline[-2:] + "/" + outer.deadline[-5:-3],
                    "issuer": ctx.plan.header.issuer or "cơ quan ban hành",
                }
                yield Hit(params, [ctx.evidence(inner), ctx.evidence(outer)])
