"""Nothing is invented: every extracted item's text occurs in the normalized document at its span."""

from __future__ import annotations

import pytest

from plan_audit.ingest import read
from plan_audit.model import Document, Span
from plan_audit.parse import parse

from conftest import RENDERED, ROOT, SEEDS

DOCS = [*sorted(SEEDS.glob("*.txt")), *sorted((ROOT / "corpora" / "fixtures").glob("*-20??.txt")), *sorted(RENDERED.glob("0*[0-9a-f].pdf"))]


def found_at(doc: Document, text: str, span: Span) -> bool:
    start = doc.text.find(text)
    while start >= 0:
        if doc.locate(start) == (span.page, span.line):
            return True
        start = doc.text.find(text, start + 1)
    return False


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_item_is_quoted_from_its_span(path) -> None:  # noqa: ANN001
    doc = read(path)
    plan = parse(doc)
    items = [
        *plan.objectives,
        *plan.citations,
        *plan.targets,
        *plan.reporting,
        *plan.budget,
        *[t for d in plan.duties for t in d.tasks],
    ]
    assert items
    missing = [(type(i).__name__, i.text) for i in items if not found_at(doc, i.text, i.span)]
    assert missing == []
    for duty in plan.duties:
        assert found_at(doc, duty.text, duty.span)
