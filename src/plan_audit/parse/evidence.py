"""Evidence helpers: every extracted value keeps the exact text it came from and where that text is."""

from __future__ import annotations

import re

from plan_audit.model import Document, Span

_FOLD_DASH = str.maketrans({"–": "-", "—": "-"})


def span_of(doc: Document, para: int, offset: int = 0) -> Span:
    """Page and line of character `offset` of paragraph `para`."""
    page, line = doc.paragraphs[para].locate(offset)
    return Span(page, line)


def fold(text: str) -> str:
    """Lower case, one kind of dash, single spaces: the form headings and phrases are compared in."""
    return re.sub(r"\s+", " ", text.lower().translate(_FOLD_DASH)).strip()


def first_sentence(text: str) -> str:
    """Text up to the first sentence end (". " before a capital, or a colon), without the stop."""
    m = re.search(r"[.:](?=\s+[A-ZÀ-Ỹ\"“(]|\s*$)", text)
    return text[: m.start()].strip() if m else text.strip()


def words(text: str) -> int:
    return len(text.split())
