"""Renders a read `Document` (before structure extraction) as text or JSON for `plan-audit parse`."""

from __future__ import annotations

from typing import Any

from plan_audit.messages import message
from plan_audit.model import Document


def document_json(doc: Document, lang: str | None = None) -> dict[str, Any]:
    s = doc.source
    return {
        "source": {"path": s.path, "sha256": s.sha256, "format": s.format, "pages": s.pages},
        "header_block": {"left": doc.header.left, "right": doc.header.right} if doc.header else None,
        "paragraphs": [
            {"text": p.text, "region": p.region, "span": {"page": p.page, "line": p.line}} for p in doc.paragraphs
        ],
        "noise": [{"kind": n.kind, "text": n.text, "page": n.page, "line": n.line} for n in doc.noise],
        "notes": [message(k, lang) for k in doc.notes],
    }


def document_text(doc: Document, lang: str | None = None) -> str:
    """The normalized document, one paragraph per line, with page:line and the header columns apart."""
    out = [f"# {doc.source.path} ({doc.source.format}, {doc.source.pages} p.)"]
    out += [f"# {message(k, lang)}" for k in doc.notes]
    if doc.header:
        out.append("[header_left] " + " | ".join(doc.header.left))
        out.append("[header_right] " + " | ".join(doc.header.right))
    for p in doc.body:
        tag = "" if p.region == "body" else f"[{p.region}] "
        out.append(f"{p.page:>3}:{p.line:<3} {tag}{p.text}")
    return "\n".join(out) + "\n"
