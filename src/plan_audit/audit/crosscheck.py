"""Cross-checks against the parent plan: duties, targets, reporting deadlines, citation, year and date.

Every finding quotes the child (or, for what the child lacks, where it would belong) and the parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from plan_audit.audit.align import addressed
from plan_audit.audit.obligations import binding_duties, is_drafting
from plan_audit.audit.terms import align_pack, work_named
from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.content import PERIODIC, direction, month_day
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Evidence, Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.model import Reporting, Target
from plan_audit.parse.evidence import fold
from plan_audit.parse.sections import walk
from plan_audit.parse.targets import is_change, weaker_direction



def _for_level(level: str | None) -> re.Pattern[str] | None:
    """How the parent names the child's level (rules/align.yaml addressee_units)."""
    units = align_pack()["addressee_units"].get(level or "")
    return re.compile("|".join(f"(?:{u})" for u in units), re.I) if units else None


def _title(ctx: Context) -> list[Evidence]:
    h = ctx.plan.header
    para = next((i for i, p in enumerate(ctx.doc.paragraphs) if h.span and (p.page, p.line) == (h.span.page, h.span.line)), 0)
    last = min(len(ctx.doc.paragraphs), para + 2)
    return [ctx.quote(i) for i in range(para, last)]


def _header_line(ctx: Context, written: str | None) -> list[Evidence]:
    """The header line holding `written` (the plan's number or its place-date line), else the title."""
    found = ctx.written(written)
    return [found] if found else _title(ctx)


def _vn(date: str | None) -> str:
    if not date:
        return "?"
    parts = date.lstrip("-").split("-")
    return "/".join(reversed(parts))


@mechanism("parent_not_found")
def parent_not_found(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    res = ctx.resolution
    if res is None or res.parent is not None:
        return
    if res.expected is None:
        yield Hit({"expected": "—"}, _title(ctx))
    else:
        yield Hit({"expected": res.expected.text}, [ctx.evidence(res.expected)])


@mechanism("parent_citation")
def parent_citation(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    res, parent = ctx.resolution, ctx.parent
    if parent is None or res is None or not res.wrong:
        return
    ph = parent.plan.header
    actual = word("plan_identity", ctx.lang, doc_type=ph.doc_type or "?", number=ph.number or "?", date=_vn(ph.date), issuer=ph.issuer or "?")
    if res.citation is None:
        problem = word("not_cited", ctx.lang)
        basis = [c for c in ctx.plan.citations if c.role == "basis"]
        evidence = [ctx.evidence(c) for c in basis] or _title(ctx)
        yield Hit({"problem": problem, "actual": actual}, evidence, _header_line(parent, ph.number))
        return
    fields = ", ".join(word(f, ctx.lang) for f in res.wrong)
    problem = word("wrong_citation", ctx.lang, cited=res.citation.text, fields=fields)
    yield Hit({"problem": problem, "actual": actual}, [ctx.evidence(res.citation)], _header_line(parent, ph.number))


@mechanism("plan_year")
def plan_year(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    child, parent = ctx.plan.header.year, ctx.parent.plan.header.year
    if child and parent and child != parent:
        yield Hit({"child": child, "parent": parent}, _title(ctx), _title(ctx.parent))


@mechanism("parent_date_order")
def parent_date_order(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    child, parent = ctx.plan.header.date, ctx.parent.plan.header.date
    if child and parent and child < parent:
        yield Hit({"child": _vn(child), "parent": _vn(parent)}, _header_line(ctx, ctx.plan.header.date_text), _header_line(ctx.parent, ctx.parent.plan.header.date_text))


@mechanism("duty_coverage")
def duty_coverage(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None or not ctx.coverage:
        return
    for cov in ctx.coverage:
        if cov.status != spec.params["status"]:
            continue
        ob = cov.obligation
        parent_ev = [Evidence(ob.text[:160], ob.span.page, ob.span.line)]
        child_ev = [Evidence(cov.best.text[:160], cov.best.span.page, cov.best.span.line)] if cov.best else []
        lacking = word("lacking_part", ctx.lang, part=cov.lacking) if cov.lacking else ""
        params = {"obligation": ob.text[:140], "agency": ob.agency, "score": cov.score, "lacking": lacking}
        yield Hit(params, child_ev, parent_ev)


def _same_indicator(a: Target, b: Target) -> float:
    return fuzz.token_set_ratio(fold(a.indicator), fold(b.indicator))


def _for_child_level(ctx: Context, target: Target) -> bool:
    """A parent target set explicitly for the child's level (by its wording or inside the item addressed to it)."""
    pattern = _for_level(ctx.plan.header.level)
    return bool(pattern and pattern.search(target.text)) or _in_addressed_item(ctx, target)


def _in_addressed_item(ctx: Context, target: Target) -> bool:
    return any(target.text in t.text for d in binding_duties(ctx.parent.plan, ctx.plan.header.level) for t in d.tasks)


def _counterpart(ctx: Context, target: Target) -> Target | None:
    threshold = align_pack()["target_indicator_match"]
    same = [(c, _same_indicator(target, c)) for c in ctx.plan.targets if c.unit == target.unit and is_change(c) == is_change(target)]
    same = [(c, s) for c, s in same if s >= threshold]
    return max(same, key=lambda cs: cs[1])[0] if same else None


@mechanism("target_weaker")
def target_weaker(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    for target in ctx.parent.plan.targets:
        child = _counterpart(ctx, target)
        if child is None:
            continue
        if target.value is not None and child.value is not None:
            weaker = child.value < target.value if target.comparator != "<=" else child.value > target.value
            values = f"{child.value:g}%", f"{target.value:g}%"
        else:  # directions: "không để tăng" where the parent asks "giảm"
            weaker = weaker_direction(target, child)
            values = _direction_words(child), _direction_words(target)
        if weaker:
            params = {"indicator": target.indicator[:100], "child": values[0], "parent": values[1]}
            yield Hit(params, [ctx.evidence(child)], [ctx.parent.evidence(target)])


def _direction_words(target: Target) -> str:
    """How a directional target states its direction, in its own words ("không để tăng", "giảm")."""
    return target.text[: max(0, target.text.find(target.indicator))].strip(" ,") or target.text[len(target.indicator) :].strip()[:30]


def _statement_paragraphs(ctx: Context) -> set[int]:
    """Paragraphs of the child's target and purpose sections, where it states what it commits to."""
    return {i for s in walk(ctx.plan.sections) if s.kind in ("targets", "purpose") for i in s.paragraphs}


@mechanism("target_missing")
def target_missing(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    for target in ctx.parent.plan.targets:
        if not _for_child_level(ctx, target) or _counterpart(ctx, target) is not None:
            continue
        if _in_addressed_item(ctx, target):
            continue  # a figure inside a task of the item addressed to the child: checked as that duty
        if is_drafting(target.text) or addressed(target.text, ctx.doc, _statement_paragraphs(ctx)):
            continue  # restated without a number among the child's own targets ("Tổ chức đầy đủ … Diễn đàn trẻ em")
        anchor = next((s for s in ctx.plan.sections if s.kind == "targets"), None)
        evidence = [ctx.quote(anchor.paragraphs[0])] if anchor else _title(ctx)
        yield Hit({"indicator": target.text[:120]}, evidence, [ctx.parent.evidence(target)])


def _report_kind(r: Reporting) -> str | None:
    """What a report is compared by: its period, or for a thematic report the campaign it is about
    ("báo cáo kết quả Tháng hành động vì trẻ em"); None for what has no deadline to compare."""
    if r.period in PERIODIC:
        return r.period
    named = work_named(r.text) if r.period == "thematic" else []
    return f"thematic:{named[0]}" if named else None


def _kind_words(kind: str, lang: str) -> str:
    period, _, campaign = kind.partition(":")
    return f"{word(period, lang)} ({campaign})" if campaign else word(period, lang)


def _parent_deadlines(ctx: Context) -> dict[str, Reporting]:
    """The parent's deadline per period (or campaign) for reports coming from the child's level."""
    out: dict[str, Reporting] = {}
    lower = _for_level(ctx.plan.header.level)
    addressed = {(t.span.page, t.span.line) for d in binding_duties(ctx.parent.plan, ctx.plan.header.level) for t in d.tasks}
    for r in ctx.parent.plan.reporting:
        kind = _report_kind(r)
        if r.deadline is None or kind is None:
            continue
        from_child_level = (
            (lower and r.sender and lower.search(r.sender))
            or (r.sender is None and (r.span.page, r.span.line) in addressed)  # a task of the item addressed to the child's level
            or direction(r, ctx.parent.plan.header.level) == "in"
        )
        if from_child_level and (kind not in out or month_day(r.deadline) < month_day(out[kind].deadline)):
            out[kind] = r
    return out


def _child_up(ctx: Context, kind: str) -> list[Reporting]:
    """The child's own dated reports upwards of a kind (or its dated reports of unknown direction)."""
    dated = [r for r in ctx.plan.reporting if _report_kind(r) == kind and r.deadline]
    up = [r for r in dated if direction(r, ctx.plan.header.level) == "up"]
    return up or [r for r in dated if direction(r, ctx.plan.header.level) is None]


@mechanism("reporting_late_parent")
def reporting_late_parent(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    lead = spec.params.get("lead_days", 0)
    for kind, parent_r in _parent_deadlines(ctx).items():
        for child_r in _child_up(ctx, kind):
            pm, pd = month_day(parent_r.deadline)
            cm, cd = month_day(child_r.deadline)
            if (cm, cd + lead) >= (pm, pd):
                params = {"period": _kind_words(kind, ctx.lang), "child": _vn(child_r.deadline), "parent": _vn(parent_r.deadline)}
                yield Hit(params, [ctx.evidence(child_r)], [ctx.parent.evidence(parent_r)])


@mechanism("reporting_period_parent")
def reporting_period_parent(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if ctx.parent is None:
        return
    for kind, parent_r in _parent_deadlines(ctx).items():
        if not _child_up(ctx, kind):
            anchor = next((s for s in ctx.plan.sections if s.kind == "reporting"), None)
            evidence = [ctx.quote(anchor.paragraphs[0])] if anchor else _title(ctx)
            params = {"period": _kind_words(kind, ctx.lang), "parent": _vn(parent_r.deadline)}
            yield Hit(params, evidence, [ctx.parent.evidence(parent_r)])
