"""What a check sees: the read document, the extracted plan, and helpers that build exact-quote evidence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plan_audit.audit.findings import Evidence
from plan_audit.model import Document, Plan
from plan_audit.parse.sections import body_range

QUOTE_MAX = 160
"""Evidence quotes are cut to this many characters (still an exact prefix of the source text)."""


@dataclass
class Context:
    doc: Document
    plan: Plan
    lang: str
    parent: Context | None = None
    """The higher-level plan, when the check is a cross-check."""
    resolution: Any = None
    """How the parent was found (plan_audit.corpus.Resolution), or None when no parent was sought."""
    coverage: Any = None
    """The coverage matrix (list of plan_audit.audit.align.Coverage), computed once per cross-check."""

    def evidence(self, item: Any) -> Evidence:  # noqa: ANN401 - any plan item with text and span
        """Evidence for an extracted item (it carries its exact text and span)."""
        return Evidence(item.text[:QUOTE_MAX], item.span.page, item.span.line)

    def quote(self, para: int, start: int = 0, end: int | None = None) -> Evidence:
        """Evidence for characters [start, end) of paragraph `para`."""
        text = self.doc.paragraphs[para].text
        end = len(text) if end is None else end
        page, line = self.doc.paragraphs[para].locate(start)
        return Evidence(text[start:end][:QUOTE_MAX], page, line)

    def written(self, text: str | None) -> Evidence | None:
        """Evidence for `text` where a paragraph holds it as written (a header part, say), else None."""
        for i, p in enumerate(self.doc.paragraphs):
            at = p.text.find(text) if text else -1
            if at >= 0:
                return self.quote(i, at, at + len(text))
        return None

    def body(self) -> range:
        start, end = body_range(self.doc)
        return range(start, end)

    def matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, re.Match[str]]]:
        """Every match of `pattern` in the body paragraphs."""
        for i in self.body():
            for m in pattern.finditer(self.doc.paragraphs[i].text):
                yield i, m

    def around(self, para: int, m: re.Match[str], width: int = 50) -> Evidence:
        """Evidence for a match with some words of context on both sides, cut at word boundaries."""
        text = self.doc.paragraphs[para].text
        start = max(0, m.start() - width)
        end = min(len(text), m.end() + width)
        if start > 0:
            start = text.find(" ", start) + 1 or m.start()
        if end < len(text):
            end = max(text.rfind(" ", 0, end), m.end())
        return self.quote(para, min(start, m.start()), max(end, m.end()))
