"""PDF reader: pdfplumber where layout and fonts matter, pypdfium2 for the rest, OCR for scans.

pdfplumber (pdfminer) costs ~60 ms a page; pypdfium2 reads a page's text runs with their boxes
in about a millisecond. By default the header page goes through pdfplumber (exact words, font
names and sizes, the two header columns) and every other page through pypdfium2, which also gives
positions and fonts; both feed the same layout code, and a test checks that pdfplumber on no page,
on the first page, on the first and last, or on every page yields identical text. Batch runs are
dominated by this choice: a second pdfplumber page costs more than the whole rest of an audit.
Pages are closed as soon as they are read.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from plan_audit.errors import InputError
from plan_audit.ingest.layout import Segment, mark_paragraph_cues, page_lines
from plan_audit.ingest.normalize import Cleaner
from plan_audit.model import Line, Noise

MAX_PAGES = 1000
"""Plans run to a few dozen pages; a thousand-page PDF is not a plan and would only exhaust memory."""
PDFIUM_HYPHEN = "\x02"
"""pdfium reports a hyphen that ends a line as U+0002."""
SCANNED_CHARS_PER_PAGE = 25
"""Below this many characters per page on average, a PDF with images is treated as a scan."""


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        detail = str(exc)
        if "password" in detail.lower():
            raise InputError("encrypted_pdf", path=path) from None
        raise InputError("corrupt_pdf", path=path, detail=detail.split("(")[0].strip() or "pdfium") from None


def _font(textpage: pdfium.PdfTextPage, index: int | None) -> tuple[str | None, float | None]:
    """Font name and size of one character, through pdfium's C API (not wrapped by pypdfium2)."""
    if index is None or index < 0:
        return None, None
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(textpage, index, buf, len(buf), ctypes.byref(flags))
    name = buf.value.decode("utf-8", "replace") if n else None
    return name, round(size, 1) if size else None


def pdfium_segments(page: pdfium.PdfPage) -> list[Segment]:
    """Text runs of a page from pdfium's text rectangles (top-left origin, points)."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        segs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).replace(PDFIUM_HYPHEN, "-")
            if not text.strip():
                continue
            idx = textpage.get_index(left + 1, (top + bottom) / 2, 3, (top - bottom) / 2 + 1)
            font, size = _font(textpage, idx)
            segs.append(Segment(text, left, right, height - top, height - bottom, font, size))
        return segs
    finally:
        textpage.close()


def plumber_segments(path: Path, indexes: set[int]) -> dict[int, list[Segment]]:
    """Words of the given pages from pdfplumber (one open), merged into runs of same-row neighbours."""
    import pdfplumber

    out: dict[int, list[Segment]] = {}
    with pdfplumber.open(path) as pdf:
        for index in sorted(indexes):
            page = pdf.pages[index]
            words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
            page.close()
            out[index] = _runs(words)
    return out


def _runs(words: list[dict]) -> list[Segment]:
    segs: list[Segment] = []
    for w in sorted(words, key=lambda w: (round((w["top"] + w["bottom"]) / 2), w["x0"])):
        seg = Segment(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w["fontname"], round(w["size"], 1))
        last = segs[-1] if segs else None
        same_row = last is not None and abs((last.top + last.bottom) / 2 - (seg.top + seg.bottom) / 2) < 2
        if last is not None and same_row and 0 <= seg.x0 - last.x1 < (seg.size or 12) * 1.5:
            last.text += " " + seg.text
            last.x1, last.bottom = seg.x1, max(last.bottom, seg.bottom)
        else:
            segs.append(seg)
    return segs


def pdf_page_size(path: Path) -> tuple[float, float]:
    """Width and height of the first page, in points."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return tuple(pdf.get_page_size(0))  # type: ignore[return-value]
    finally:
        pdf.close()


def _sample(pdf: pdfium.PdfDocument) -> tuple[str, int]:
    """All text (for legacy-encoding detection) and the number of pages that carry images."""
    texts, with_images = [], 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        texts.append(tp.get_text_range())
        tp.close()
        if any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=1)):
            with_images += 1
        page.close()
    return "\n".join(texts), with_images


def read_pdf(
    path: Path, *, ocr: str = "auto", exact_pages: str = "first"
) -> tuple[list[Line], list[Noise], int, Cleaner, str]:
    """Lines of a PDF. `exact_pages`: pdfplumber on the "first" page, the first and last ("edges"), "all" or "none"."""
    pdf = _open(path)
    try:
        pages = len(pdf)
        if pages == 0:
            raise InputError("no_text", path=path)
        if pages > MAX_PAGES:
            raise InputError("too_many_pages", path=path, pages=pages, limit=MAX_PAGES)
        sample, with_images = _sample(pdf)
        if len("".join(sample.split())) < SCANNED_CHARS_PER_PAGE * pages:
            if with_images == 0:
                raise InputError("no_text", path=path)
            from plan_audit.ingest.ocr import ocr_segments

            pdf.close()
            return _assemble(ocr_segments(path, ocr=ocr), Cleaner(None)) + ("pdf-ocr",)
        clean = Cleaner.for_sample(sample)
        exact = {"first": {0}, "edges": {0, pages - 1}, "all": set(range(pages)), "none": set()}[exact_pages]
        precise = plumber_segments(path, exact) if exact else {}
        per_page = []
        for i in range(pages):
            if i in precise:
                per_page.append(precise[i])
            else:
                page = pdf[i]
                per_page.append(pdfium_segments(page))
                page.close()
    finally:
        pdf.close()
    return _assemble(per_page, clean) + ("pdf",)


def _assemble(per_page: list[list[Segment]], clean: Cleaner) -> tuple[list[Line], list[Noise], int, Cleaner]:
    lines: list[Line] = []
    noise: list[Noise] = []
    n = len(per_page)
    for i, segs in enumerate(per_page):
        pl, pn = page_lines(segs, i + 1, clean=clean, first=i == 0, last=i == n - 1)
        lines += pl
        noise += pn
    mark_paragraph_cues(lines)
    return lines, noise, n, clean
