"""Renderers: the check result as text or JSON; templates live in report/templates (jinja2).

Renderers see only Findings and the Plan: they never know which check produced a finding.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from plan_audit.audit.findings import Finding, finding_json
from plan_audit.model import Document, Plan
from plan_audit.plan_json import plan_json

LABELS = {
    "vi": {
        "error": "LỖI",
        "warning": "CẢNH BÁO",
        "info": "THÔNG TIN",
        "suggestion": "Đề xuất",
        "summary": "Tổng hợp",
        "no_findings": "Không phát hiện vấn đề nào.",
        "plan": "Kế hoạch",
        "rule_packs": "Bộ quy tắc",
        "page": "tr.",
        "line": "dòng",
        "parent": "Kế hoạch cấp trên",
        "coverage": "Đối chiếu nhiệm vụ cấp trên giao",
        "covered": "đã có",
        "partial": "một phần",
        "missing": "thiếu",
    },
    "en": {
        "error": "ERROR",
        "warning": "WARNING",
        "info": "INFO",
        "suggestion": "Suggestion",
        "summary": "Summary",
        "no_findings": "No findings.",
        "plan": "Plan",
        "rule_packs": "Rule packs",
        "page": "p.",
        "line": "line",
        "parent": "Higher-level plan",
        "coverage": "Duties the parent assigns",
        "covered": "covered",
        "partial": "partial",
        "missing": "missing",
    },
}


@lru_cache(maxsize=2)
def templates(autoescape: bool) -> Any:  # noqa: ANN401 - jinja2 Environment
    """The report templates (report/templates): HTML pages escape what they show, text and Markdown do not."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("plan_audit", "report/templates"),
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def summary(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        out[f.severity] += 1
    return out


def parent_json(resolution: Any) -> dict[str, Any] | None:  # noqa: ANN401 - plan_audit.corpus.Resolution
    """{path, number, date} of the parent the cross-check used, or None."""
    if resolution is None or resolution.parent is None:
        return None
    h = resolution.parent.plan.header
    return {"path": str(resolution.parent.path), "number": h.number, "date": h.date, "issuer": h.issuer, "level": h.level}


def coverage_json(
    doc: Document, plan: Plan, parent: tuple[Document, Plan] | None, matrix: list[Any] | None = None
) -> list[dict[str, Any]]:
    """The coverage matrix: each binding parent obligation → the child's best evidence, score, status.

    `matrix` is the already computed plan_audit.audit.align.coverage result, if the caller has it.
    """
    if parent is None:
        return []
    if matrix is None:
        from plan_audit.audit.align import coverage

        matrix = coverage(parent[0], parent[1], doc, plan)
    rows = []
    for c in matrix:
        ob = c.obligation
        rows.append(
            {
                "parent_quote": ob.text,
                "parent_span": {"page": ob.span.page, "line": ob.span.line},
                "agency": ob.agency,
                "topics": ob.topics,
                "status": c.status,
                "score": c.score,
                "lacking": c.lacking or None,
                "child_quote": c.best.text if c.best else None,
                "child_span": {"page": c.best.span.page, "line": c.best.span.line} if c.best else None,
            }
        )
    return rows


def check_json(
    plan: Plan,
    findings: list[Finding],
    packs: list[dict[str, str]],
    parent: dict | None = None,
    coverage: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The `check --format json` object of the contract."""
    return {
        "plan": plan_json(plan),
        "parent": parent,
        "findings": [finding_json(f) for f in findings],
        "summary": summary(findings),
        "coverage": coverage or [],
        "rule_packs": packs,
    }


def render_text(
    plan: Plan,
    findings: list[Finding],
    packs: list[dict[str, str]],
    lang: str,
    *,
    parent: dict | None = None,
    coverage: list[dict[str, Any]] | None = None,
) -> str:
    groups = [(sev, [f for f in findings if f.severity == sev]) for sev in ("error", "warning", "info")]
    return templates(False).get_template("check.txt.j2").render(
        plan=plan, groups=groups, summary=summary(findings), packs=packs, t=LABELS[lang], parent=parent, coverage=coverage or []
    )
