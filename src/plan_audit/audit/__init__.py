"""The audit engine: every check of rules/checks.yaml on a plan, each finding with exact-quote evidence.

The check modules are imported when an audit runs, not when this package is imported, so that
renderers and the batch's warm path (which only read findings) start fast.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from plan_audit.audit.findings import SEVERITY_ORDER, Finding, Hit
from plan_audit.model import Document, Plan

if TYPE_CHECKING:
    from plan_audit.audit.catalog import CheckSpec

__all__ = ["audit", "rule_packs"]

PACKS = (
    "ingest", "sections", "levels", "citations", "reporting", "agencies", "topics", "legacy_encodings",
    "registry", "themes", "align", "targets", "checks",
)  # fmt: skip


class _Params(dict):
    """Message parameters; a placeholder the mechanism did not fill stays visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: dict[str, Any]) -> str:
    return template.format_map(_Params({k: "" if v is None else v for k, v in params.items()}))


def _finding(spec: CheckSpec, hit: Hit, lang: str) -> Finding:
    return Finding(
        id=spec.id,
        category=spec.category,
        severity=spec.severity,
        message=_fill(spec.message[lang], hit.params),
        evidence=hit.evidence,
        parent_evidence=hit.parent_evidence,
        suggestion=_fill(spec.suggestion[lang], hit.params),
    )


def audit(
    doc: Document,
    plan: Plan,
    *,
    lang: str = "vi",
    only: str | None = None,
    parent: tuple[Document, Plan] | None = None,
    resolution: Any = None,
    coverage: Any = None,
) -> list[Finding]:
    """Run every check (or those whose id matches the regular expression `only`), most severe first.

    With `parent` (its document and plan) the cross-checks run too; `resolution` says how the
    parent was found (plan_audit.corpus), for the citation checks; `coverage`, when the caller has
    already computed the coverage matrix (plan_audit.audit.align.coverage), is used as it is.
    """
    from plan_audit.audit.catalog import catalog
    from plan_audit.audit.context import Context
    from plan_audit.audit.mechanisms import MECHANISMS

    ctx = Context(doc, plan, lang, resolution=resolution)
    if parent is not None:
        from plan_audit.audit.align import coverage as compute

        ctx.parent = Context(parent[0], parent[1], lang)
        ctx.coverage = coverage if coverage is not None else compute(parent[0], parent[1], doc, plan)
    findings: list[Finding] = []
    for spec in catalog():
        if only and not re.search(only, spec.id):
            continue
        for hit in MECHANISMS[spec.extends](ctx, spec):
            findings.append(_finding(spec, hit, lang))
    first = lambda f: (f.evidence[0].page, f.evidence[0].line) if f.evidence else (0, 0)  # noqa: E731
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], first(f)))


def rule_packs() -> list[dict[str, str]]:
    """Id and version of every rule pack, for reports."""
    from plan_audit.rules import pack_identity

    return [pack_identity(name) for name in PACKS]
