"""One Finding type for every check (as Vale has one Alert): renderers never know which check made it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Evidence:
    """An exact quote of the normalized document, with the page and line where it starts."""

    quote: str
    page: int
    line: int


@dataclass(slots=True)
class Hit:
    """What a mechanism found: the values for the message, and the evidence."""

    params: dict[str, Any]
    evidence: list[Evidence]
    parent_evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    id: str
    category: str
    severity: str
    message: str
    evidence: list[Evidence]
    parent_evidence: list[Evidence]
    suggestion: str


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def finding_json(f: Finding) -> dict[str, Any]:
    ev = lambda es: [{"quote": e.quote, "page": e.page, "line": e.line} for e in es]  # noqa: E731
    return {
        "id": f.id,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "evidence": ev(f.evidence),
        "parent_evidence": ev(f.parent_evidence),
        "suggestion": f.suggestion,
    }
