"""Page layout → lines: rows of text segments, the two-column header and signature blocks, paragraph cues.

Readers (pdfplumber, pypdfium2, OCR) only produce `Segment`s — runs of text with a box. This
module turns them into `Line`s the same way whatever produced them, so the fast and the exact
PDF paths, and OCR, give the same body text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median

from plan_audit.ingest.noise import ingest_rules, is_page_number
from plan_audit.model import Line, Noise

ROW_TOLERANCE = 3.0
"""Segments whose vertical centres differ by less than this (pt) are on one row."""
INDENT_TOLERANCE = 4.0
"""A line starting this far (pt) right of the text block's left edge is indented."""
SHORT_LINE = 24.0
"""A line ending this far (pt) before the block's right edge ends its paragraph."""
GAP_FACTOR = 1.3
"""A vertical gap this many times the usual line pitch separates paragraphs."""
HEADER_ROWS = 14
GUTTER_SLACK = 24.0
"""A right-column line may start this far (pt) left of the national title (a long place-date line)."""
NATIONAL_TITLE_START = "CỘNG HÒA XÃ HỘI"
"""Enough of the national title to anchor the right column, even when a wide font wraps it."""
"""The header block is looked for among the first rows of page 1 only."""


@dataclass(slots=True)
class Segment:
    """A run of text on one row, with its box in points (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str | None = None
    size: float | None = None


@dataclass(slots=True)
class Row:
    segments: list[Segment]

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def text(self) -> str:
        return join_segments(self.segments)


SPACE_GAP_EM = 0.15
"""Runs closer than this (in ems) belong to one word: PDFs split runs at kerning and font changes."""


def join_segments(segs: Sequence[Segment]) -> str:
    """Text of left-to-right segments, with a space only where a visible gap separates them."""
    out = ""
    for prev, seg in zip([None, *segs], segs):
        if prev is not None:
            em = seg.size or (seg.bottom - seg.top) or 10.0
            out += " " if seg.x0 - prev.x1 > SPACE_GAP_EM * em else ""
        out += seg.text
    return out


def rows_of(segments: Sequence[Segment]) -> list[Row]:
    """Group segments into rows by vertical centre, rows top-down, segments left-right."""
    rows: list[Row] = []
    for seg in sorted(segments, key=lambda s: ((s.top + s.bottom) / 2, s.x0)):
        mid = (seg.top + seg.bottom) / 2
        if rows and abs(mid - (rows[-1].top + rows[-1].bottom) / 2) < ROW_TOLERANCE:
            rows[-1].segments.append(seg)
        else:
            rows.append(Row([seg]))
    for row in rows:
        row.segments.sort(key=lambda s: s.x0)
    return rows


def _split(row: Row, gutter: float) -> tuple[list[Segment], list[Segment]]:
    left = [s for s in row.segments if (s.x0 + s.x1) / 2 < gutter]
    return left, [s for s in row.segments if (s.x0 + s.x1) / 2 >= gutter]


def _header_zone(rows: list[Row]) -> tuple[int, float] | None:
    """(number of header rows, gutter x) when page 1 opens with the national title block."""
    r = ingest_rules()
    title = next(
        ((i, s) for i, row in enumerate(rows[:HEADER_ROWS]) for s in row.segments if s.text.startswith(NATIONAL_TITLE_START)),
        None,
    )
    if title is None:
        return None
    gutter = title[1].x0 - 2
    last = title[0]
    for i in range(title[0] + 1, min(len(rows), HEADER_ROWS)):
        if any(s.x0 < gutter - GUTTER_SLACK and s.x1 > gutter + GUTTER_SLACK for s in rows[i].segments):
            break  # a line across both columns: the header block is over
        if any(r.number.search(s.text) or r.date_line.search(s.text) or r.motto.search(s.text) for s in rows[i].segments):
            last = i
    return last + 1, gutter


def _merge_wrapped(lines: list[Line]) -> list[Line]:
    """Join a header line wrapped by a narrow column or a wide font ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" /
    "VIỆT NAM"; "Bình Lương, ngày 12 tháng 4 năm" / "2023") when only the joined text is the known line."""
    r = ingest_rules()
    known = (r.national_title, r.date_line, r.motto)
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None:
            joined = f"{prev.text} {ln.text}"
            if any(p.search(joined) for p in known) and not any(p.search(prev.text) for p in known):
                prev.text, prev.x1, prev.bottom = joined, max(prev.x1 or 0, ln.x1 or 0), ln.bottom
                continue
        out.append(ln)
    return out


def _signature_zone(rows: list[Row]) -> tuple[int, float] | None:
    """(first row, gutter x) of the recipients/signature block at the end of the last page."""
    r = ingest_rules()
    start = next((i for i, row in enumerate(rows) if r.recipients.search(row.segments[0].text)), None)
    auth = [
        (i, s)
        for i, row in enumerate(rows)
        for s in row.segments
        if r.authority.search(s.text) and (start is None or i >= start - 2)
    ]
    if not auth:
        return None
    first_auth = min(i for i, _ in auth)
    begin = first_auth if start is None else min(start, first_auth)
    return begin, min(s.x0 for _, s in auth) - 2


def _line(segs: list[Segment], page: int, region: str) -> Line:
    return Line(
        text=join_segments(segs),
        page=page,
        line=0,
        region=region,
        x0=min(s.x0 for s in segs),
        top=min(s.top for s in segs),
        x1=max(s.x1 for s in segs),
        bottom=max(s.bottom for s in segs),
        font=segs[0].font,
        size=segs[0].size,
    )


def page_lines(
    segments: Sequence[Segment],
    page: int,
    *,
    clean: Callable[[str], str],
    first: bool,
    last: bool,
) -> tuple[list[Line], list[Noise]]:
    """Lines of one page in reading order, with header/signature columns read column by column."""
    for seg in segments:
        seg.text = clean(seg.text)
    rows = rows_of([s for s in segments if s.text])
    noise: list[Noise] = []
    for edge in (0, -1):
        if rows and is_page_number(rows[edge].text) and len(rows) > 1:
            row = rows.pop(edge)
            noise.append(Noise("page_number", row.text, page, 1 if edge == 0 else len(rows) + 1))
    lines: list[Line] = []
    head = _header_zone(rows) if first else None
    body_from = 0
    if head:
        n, gutter = head
        cols: tuple[list[Line], list[Line]] = ([], [])
        for row in rows[:n]:
            for side, segs in enumerate(_split(row, gutter)):
                if segs:
                    cols[side].append(_line(segs, page, ("header_left", "header_right")[side]))
        lines += _merge_wrapped(cols[0]) + _merge_wrapped(cols[1])
        body_from = n
    sign = _signature_zone(rows[body_from:]) if last else None
    body_to = len(rows) if sign is None else body_from + sign[0]
    lines += [_line(row.segments, page, "body") for row in rows[body_from:body_to]]
    if sign:
        cols = ([], [])
        for row in rows[body_to:]:
            for side, segs in enumerate(_split(row, sign[1])):
                if segs:
                    cols[side].append(_line(segs, page, ("signature_left", "signature_right")[side]))
        lines += cols[0] + cols[1]
    for i, ln in enumerate(lines, start=1):
        ln.line = i
    return lines, noise


def mark_paragraph_cues(lines: list[Line]) -> None:
    """Set `layout_break` on body lines from indents, short previous lines and vertical gaps.

    Margins are taken over the whole document, since a last page of short list items has no
    full-width line of its own to measure.
    """
    body = [ln for ln in lines if ln.region == "body" and ln.x0 is not None]
    if not body:
        return
    by_page: dict[int, list[Line]] = {}
    for ln in body:
        by_page.setdefault(ln.page, []).append(ln)
    xs = sorted(ln.x0 for ln in body)
    ends = sorted(ln.x1 for ln in body)
    left, right = xs[len(xs) // 10], ends[(len(ends) * 9) // 10]
    pitch: dict[int, float] = {}
    for page, pls in by_page.items():
        steps = [b.top - a.top for a, b in zip(pls, pls[1:]) if b.top > a.top]
        pitch[page] = median(steps) if steps else 0.0
    prev: Line | None = None
    for ln in body:
        indent = ln.x0 > left + INDENT_TOLERANCE
        if prev is None:
            ln.layout_break = True
        else:
            short = prev.x1 < right - SHORT_LINE
            step = pitch[ln.page]
            gap = prev.page == ln.page and step > 0 and ln.top - prev.top > GAP_FACTOR * step
            ln.layout_break = indent or short or gap
        prev = ln
