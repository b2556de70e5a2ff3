"""The JSON contract of `plan-audit parse --format json` (keys are stable: add, never rename)."""

from __future__ import annotations

from typing import Any

from plan_audit.model import Plan, Section, Span

SCHEMA_VERSION = "1.0"


def _span(span: Span | None) -> dict[str, int] | None:
    return {"page": span.page, "line": span.line} if span else None


def _section(s: Section) -> dict[str, Any]:
    return {
        "number": s.number,
        "title": s.title,
        "kind": s.kind,
        "marker": s.marker,
        "children": [_section(c) for c in s.children],
        "span": _span(s.span),
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    h, src, sig = plan.header, plan.source, plan.signature
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": src.path, "sha256": src.sha256, "format": src.format, "pages": src.pages},
        "header": {
            "issuer": h.issuer,
            "level": h.level,
            "locality": h.locality,
            "number": h.number,
            "place": h.place,
            "date": h.date,
            "doc_type": h.doc_type,
            "title": h.title,
            "year": h.year,
            "span": _span(h.span),
        },
        "sections": [_section(s) for s in plan.sections],
        "objectives": [{"text": o.text, "kind": o.kind, "span": _span(o.span)} for o in plan.objectives],
        "citations": [
            {
                "kind": c.kind,
                "number": c.number,
                "name": c.name,
                "date": c.date,
                "year": c.year,
                "issuer": c.issuer,
                "subject": c.subject,
                "role": c.role,
                "text": c.text,
                "span": _span(c.span),
            }
            for c in plan.citations
        ],
        "targets": [
            {
                "text": t.text,
                "indicator": t.indicator,
                "value": t.value,
                "unit": t.unit,
                "comparator": t.comparator,
                "year": t.year,
                "baseline_year": t.baseline_year,
                "span": _span(t.span),
            }
            for t in plan.targets
        ],
        "duties": [
            {
                "agency": d.agency,
                "agency_id": d.agency_id,
                "agency_ids": d.agency_ids,
                "role": d.role,
                "text": d.text,
                "tasks": [{"text": t.text, "topics": t.topics, "span": _span(t.span)} for t in d.tasks],
                "span": _span(d.span),
            }
            for d in plan.duties
        ],
        "reporting": [
            {
                "from": r.sender,
                "to": r.recipient,
                "period": r.period,
                "deadline": r.deadline,
                "relation": r.relation,
                "text": r.text,
                "span": _span(r.span),
            }
            for r in plan.reporting
        ],
        "budget": [{"source": b.source, "text": b.text, "span": _span(b.span)} for b in plan.budget],
        "recipients": plan.recipients,
        "signature": {"authority": sig.authority, "position": sig.position, "signer": sig.signer, "span": _span(sig.span)},
    }
