"""The data model shared by every stage: what a document is once it has been read.

Kept free of behaviour beyond simple accessors so that readers, parsers and renderers
agree on one shape (the JSON contract of ../shared/design.md grows from here).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

Region = Literal["header_left", "header_right", "body", "signature_left", "signature_right"]
NoiseKind = Literal["page_number", "running_header", "signature_stamp"]
Format = Literal["pdf", "docx", "txt", "md", "pdf-ocr", "doc"]

HEADER_REGIONS: frozenset[str] = frozenset({"header_left", "header_right"})

CATEGORIES = (
    "missing_section", "numbering_gap", "wrong_level_wording", "stale_year", "theme_mismatch",
    "citation_date_mismatch", "citation_unknown", "missing_target", "weaker_target", "missing_duty",
    "reporting_missing", "reporting_deadline_late", "parent_citation_mismatch", "plan_year_mismatch",
    "date_inconsistent", "format",
)  # fmt: skip
"""The fixed vocabulary of finding categories (JSON contract)."""


@dataclass(slots=True)
class Line:
    """One visual line of the source, as read; `text` is replaced by its normalized form."""

    text: str
    page: int
    line: int
    region: str = "body"
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    font: str | None = None
    size: float | None = None
    layout_break: bool | None = None
    """From layout (PDF): True when the line visibly starts a paragraph (indent, gap, short line before),
    False when it visibly continues one, None when the source has no layout (plain text)."""
    hard_break: bool = False
    """True when the source itself delimits the paragraph (a DOCX paragraph, a table cell)."""


@dataclass(slots=True)
class Noise:
    """A line kept out of the body but remembered: page numbers, running headers, signing stamps."""

    kind: str
    text: str
    page: int
    line: int


@dataclass(slots=True)
class Paragraph:
    """A logical paragraph rebuilt from wrapped lines; `starts[i]` is where `lines[i]` begins in `text`."""

    text: str
    region: str
    lines: list[Line]
    starts: list[int]

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def line(self) -> int:
        return self.lines[0].line

    def locate(self, offset: int) -> tuple[int, int]:
        """Page and line of the character at `offset` within this paragraph."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.lines[i].page, self.lines[i].line


@dataclass(slots=True)
class HeaderBlock:
    """The two-column header: issuing body and number on the left, national motto and date on the right."""

    left: list[str]
    right: list[str]


@dataclass(slots=True)
class Source:
    path: str
    sha256: str
    format: str
    pages: int
    page_size: tuple[float, float] | None = None
    """Width and height of page 1 in points (PDF only), for margin checks."""


@dataclass(slots=True)
class Document:
    """A plan as read from any format: normalized paragraphs with their origin, and what was set aside."""

    source: Source
    paragraphs: list[Paragraph]
    header: HeaderBlock | None = None
    noise: list[Noise] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Repairs made while reading (legacy encoding converted, OCR used …), as message keys."""
    _offsets: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._offsets = []
        pos = 0
        for p in self.paragraphs:
            self._offsets.append(pos)
            pos += len(p.text) + 1

    @property
    def text(self) -> str:
        """The normalized text: one paragraph per line. Every evidence quote is a substring of it."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def body(self) -> list[Paragraph]:
        """Paragraphs outside the header block: what the plan says."""
        return [p for p in self.paragraphs if p.region not in HEADER_REGIONS]

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.body)

    @property
    def lines(self) -> list[Line]:
        return [ln for p in self.paragraphs for ln in p.lines]

    def locate(self, offset: int) -> tuple[int, int]:
        """Page and line of the character at `offset` in `text`."""
        i = max(0, bisect.bisect_right(self._offsets, offset) - 1)
        return self.paragraphs[i].locate(offset - self._offsets[i])


# ---------------------------------------------------------------------------
# The structured plan (the JSON contract of `plan-audit parse --format json`).
# Every item keeps `text`: an exact substring of `Document.text`, found at `span`.


@dataclass(slots=True)
class Span:
    page: int
    line: int


@dataclass(slots=True)
class Header:
    issuer: str | None = None
    level: str | None = None
    locality: str | None = None
    number: str | None = None
    place: str | None = None
    date: str | None = None
    date_text: str | None = None
    """The date line as written (kept when `date` is None because the day cannot exist)."""
    doc_type: str | None = None
    title: str | None = None
    year: int | None = None
    span: Span | None = None


@dataclass(slots=True)
class Section:
    number: str
    title: str
    kind: str
    marker: str
    """The kind of list marker: roman, arabic, dotted, letter, dash, plus, star, bullet."""
    span: Span
    children: list[Section] = field(default_factory=list)
    offset: int = 0
    """Where the item's own text starts in its heading paragraph (after the marker)."""
    paragraphs: list[int] = field(default_factory=list, repr=False)
    """Indexes into Document.paragraphs: the heading paragraph first, then the body up to the next item."""


@dataclass(slots=True)
class Objective:
    text: str
    kind: str
    span: Span


@dataclass(slots=True)
class Citation:
    kind: str
    number: str | None
    date: str | None
    issuer: str | None
    subject: str | None
    role: str
    text: str
    span: Span
    name: str | None = None
    year: int | None = None
    date_text: str | None = None
    """The date as written; `date` is None when it names no real day (31/4/2022)."""


@dataclass(slots=True)
class Target:
    text: str
    indicator: str
    value: float | None
    unit: str | None
    comparator: str
    year: int | None
    span: Span
    baseline_year: int | None = None


@dataclass(slots=True)
class Task:
    text: str
    topics: list[str]
    span: Span


@dataclass(slots=True)
class Duty:
    agency: str
    agency_id: str | None
    agency_ids: list[str]
    role: str
    tasks: list[Task]
    text: str
    span: Span


@dataclass(slots=True)
class Reporting:
    sender: str | None
    recipient: str | None
    period: str
    deadline: str | None
    relation: str | None
    text: str
    span: Span


@dataclass(slots=True)
class Budget:
    source: str
    text: str
    span: Span


@dataclass(slots=True)
class Signature:
    authority: str | None = None
    position: str | None = None
    signer: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Plan:
    source: Source
    header: Header
    sections: list[Section]
    objectives: list[Objective]
    citations: list[Citation]
    targets: list[Target]
    duties: list[Duty]
    reporting: list[Reporting]
    budget: list[Budget]
    recipients: list[str]
    signature: Signature
