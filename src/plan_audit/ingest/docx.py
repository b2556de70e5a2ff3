"""DOCX reader (python-docx): paragraphs and tables in document order.

The official header is usually a borderless two-column table and so is the recipients /
signature block; both are recognised by their anchors and read column by column. A DOCX has
no fixed pages: a page is counted at each explicit or last-rendered page break.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from plan_audit.errors import InputError
from plan_audit.ingest.noise import ingest_rules
from plan_audit.ingest.normalize import Cleaner
from plan_audit.model import Line, Noise

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _breaks(paragraph) -> int:  # noqa: ANN001 - python-docx type
    """Page breaks inside a paragraph: explicit ones, or Word's last rendered ones."""
    el = paragraph._p
    explicit = sum(1 for br in el.iter(f"{_W}br") if br.get(f"{_W}type") == "page")
    return explicit or sum(1 for _ in el.iter(f"{_W}lastRenderedPageBreak"))


def _font(paragraph) -> tuple[str | None, float | None]:  # noqa: ANN001
    for run in paragraph.runs:
        if run.text.strip():
            size = run.font.size or paragraph.style.font.size
            return run.font.name or paragraph.style.font.name, size.pt if size else None
    return None, None


def _blocks(document) -> Iterator[tuple[str, object]]:  # noqa: ANN001
    """("p", Paragraph) and ("t", Table) items of the body in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield "p", Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield "t", Table(child, document)


def _table_region(table, clean: Cleaner) -> tuple[str, str] | None:  # noqa: ANN001
    """("header_left", "header_right") or the signature pair when a table is one of those blocks."""
    r = ingest_rules()
    texts = [clean(c.text) for row in table.rows for c in row.cells]
    if any(r.national_title.search(t) for cell in texts for t in cell.split("\n")):
        return "header_left", "header_right"
    if any(r.recipients.search(t) or r.authority.search(t) for cell in texts for t in cell.split("\n")):
        return "signature_left", "signature_right"
    return None


def read_docx(path: Path) -> tuple[list[Line], list[Noise], int, Cleaner]:
    """Lines of a DOCX; each source paragraph (and each soft line break) starts a new line."""
    import docx
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx, lxml and zipfile raise many types on damaged files
        raise InputError("corrupt_docx", path=path, detail=type(exc).__name__) from None
    clean = Cleaner.for_sample(" ".join(document.element.body.itertext()))
    items: list[tuple[object, str]] = []
    for kind, block in _blocks(document):
        if kind == "p":
            items.append((block, "body"))
            continue
        region = _table_region(block, clean)
        for row in block.rows:
            cells = list(dict.fromkeys(row.cells))  # a merged cell repeats in row.cells
            for side, cell in enumerate(cells if region is None else cells[:2]):
                for para in cell.paragraphs:
                    items.append((para, "body" if region is None else region[side]))
    lines: list[Line] = []
    page, number = 1, 0
    for para, region in _sorted_columns(items):
        font, size = _font(para)
        for part in para.text.split("\n"):
            text = clean(part)
            if text:
                number += 1
                lines.append(Line(text=text, page=page, line=number, region=region, font=font, size=size, hard_break=True))
        if _breaks(para):
            page, number = page + _breaks(para), 0
    return lines, [], page, clean


def _sorted_columns(items: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """Left column before right column inside each two-column block, body order otherwise."""
    out: list[tuple[object, str]] = []
    block: list[tuple[object, str]] = []
    for item in items + [(None, "body")]:
        if item[1] == "body":
            if block:
                out += [i for i in block if i[1].endswith("left")] + [i for i in block if i[1].endswith("right")]
                block = []
            if item[0] is not None:
                out.append(item)
        else:
            block.append(item)
    return out
