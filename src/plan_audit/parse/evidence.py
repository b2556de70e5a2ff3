"""Evidence helpers: every extracted value keeps the exact text it came from and where that text is."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from plan_audit.markers import match_marker
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


def _sentence_end(text: str, i: int) -> bool:
    """True when the "." at `i` ends a sentence: whitespace, then a capital, a digit or a list mark."""
    j = i + 1
    if j >= len(text) or not text[j].isspace():
        return j >= len(text)
    rest = text[j:].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0] in "-–+*•\"“")


def clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of `text`, cut after ";" and after sentence-ending periods."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == ";" or (ch == "." and _sentence_end(text, i)):
            if text[start : i + 1].strip():
                out.append((start, text[start : i + 1]))
            start = i + 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return out


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pieces of `text`, cut after sentence-ending periods only."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?…" and _sentence_end(text, i) and text[start : i + 1].strip():
            out.append((start, text[start : i + 1]))
            start = i + 1
    if text[start:].strip():
        out.append((start, text[start:]))
    return [(a + len(s) - len(s.lstrip()), s.strip()) for a, s in out]


def item_clauses(doc: Document, paras: Iterable[int]) -> Iterator[tuple[int, int, str]]:
    """(paragraph, offset in it, clause) for each clause of the paragraphs, their item markers left out."""
    for i in paras:
        text = doc.paragraphs[i].text
        marker = match_marker(text)
        offset = marker.end if marker else 0
        for start, clause in clauses(text[offset:]):
            yield i, offset + start + (len(clause) - len(clause.lstrip())), clause.strip()
