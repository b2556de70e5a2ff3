"""Renders a read `Document` (before structure extraction) as text for `plan-audit parse --format text`."""

from __future__ import annotations

from plan_audit.messages import message
from plan_audit.model import Document


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
