"""Reader for plain-text extractions (.txt, .md).

Such files carry the marks of the PDF they came from: a page number alone on a line where a
page ended, blank lines between wrapped lines, leading spaces, `**` bold markers. Page numbers
are turned back into page breaks so that spans point at the right page.
"""

from __future__ import annotations

from pathlib import Path

from plan_audit.errors import InputError
from plan_audit.ingest.noise import is_page_number
from plan_audit.ingest.normalize import Cleaner
from plan_audit.model import Line, Noise

PAGE_SKIP = 10
"""A lone number up to this far above the current page is a page marker (extractions drop some)."""


def _is_page_marker(text: str, page: int, raw_lines: list[str], i: int) -> bool:
    """A page number alone between blank lines, higher than the current page by at most PAGE_SKIP."""
    value = text.strip("-– ")
    if not (is_page_number(text) and value.isdigit() and page < int(value) <= page + PAGE_SKIP):
        return False
    around = raw_lines[max(0, i - 1) : i] + raw_lines[i + 1 : i + 2]
    return all(not ln.strip() for ln in around)


def decode(data: bytes, path: Path) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the Vietnamese Windows code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        raise InputError("undecodable_text", path=path) from None


def read_text(path: Path) -> tuple[list[Line], list[Noise], int, Cleaner]:
    """Lines of a text file with page numbers restored from stray page-number lines and form feeds."""
    raw = decode(path.read_bytes(), path)
    clean = Cleaner.for_sample(raw)
    lines: list[Line] = []
    noise: list[Noise] = []
    page, number = 1, 0
    for chunk in raw.split("\f"):
        if lines or noise:
            page, number = page + 1, 0
        raw_lines = chunk.splitlines()
        for i, raw_line in enumerate(raw_lines):
            text = clean(raw_line)
            if not text:
                continue
            number += 1
            if _is_page_marker(text, page, raw_lines, i):
                page, number = int(text.strip("-– ")), 1
                noise.append(Noise("page_number", text, page, number))
                continue
            lines.append(Line(text=text, page=page, line=number))
    return lines, noise, page, clean
