"""Ingestion: any supported file → one `Document` of normalized paragraphs with page and line.

`read` sniffs the real format, picks the reader, then applies the same finishing steps to all:
legacy-encoding repair and normalization (inside the readers, per line), removal of signing
stamps and running headers, and paragraph reconstruction.
"""

from __future__ import annotations

from pathlib import Path

from plan_audit.errors import InputError
from plan_audit.files import file_hash
from plan_audit.ingest.noise import split_running_headers, split_stamps
from plan_audit.ingest.paragraphs import build_paragraphs
from plan_audit.ingest.sniff import sniff
from plan_audit.model import Document, HeaderBlock, Line, Noise, Source

__all__ = ["read"]


def _header(lines: list[Line]) -> HeaderBlock | None:
    left = [ln.text for ln in lines if ln.region == "header_left"]
    right = [ln.text for ln in lines if ln.region == "header_right"]
    return HeaderBlock(left, right) if left or right else None


def finish(
    path: Path,
    fmt: str,
    lines: list[Line],
    noise: list[Noise],
    pages: int,
    notes: list[str],
    page_size: tuple[float, float] | None = None,
) -> Document:
    """Shared last steps: drop stamps and running headers, rebuild paragraphs, refuse empty results."""
    lines, stamps = split_stamps(lines)
    lines, running = split_running_headers(lines, pages)
    paragraphs = build_paragraphs(lines)
    if not paragraphs:
        raise InputError("no_text", path=path)
    source = Source(path=str(path), sha256=file_hash(path), format=fmt, pages=pages, page_size=page_size)
    return Document(
        source=source,
        paragraphs=paragraphs,
        header=_header(lines),
        noise=sorted(noise + stamps + running, key=lambda n: (n.page, n.line)),
        notes=notes,
    )


def read(path: str | Path, *, ocr: str = "auto", exact_pages: str = "first") -> Document:
    """Read a plan from .pdf, .docx, .doc, .txt or .md.

    Parameters
    ----------
    path:
        The file. Its real format is sniffed from its bytes; the extension only has to agree.
    ocr:
        "auto" runs OCR on image-only PDFs when tesseract is installed, "never" refuses them.
    exact_pages:
        PDF pages read with pdfplumber instead of pypdfium2: "first" (the header page), "edges",
        "all" or "none". The text, positions and fonts are the same (tested); "none" is what a
        batch uses, where pdfplumber's cost would dominate.
    """
    path = Path(path)
    kind = sniff(path)
    notes: list[str] = []
    page_size = None
    ext = path.suffix.lower()
    if ext in (".pdf", ".docx", ".doc") and ext != f".{kind}":
        notes.append(f"note_misnamed:ext={ext};kind={kind.upper()}")
    if kind == "txt":
        from plan_audit.ingest.text import read_text

        lines, noise, pages, clean = read_text(path)
        fmt = "md" if path.suffix.lower() == ".md" else "txt"
    elif kind == "pdf":
        from plan_audit.ingest.pdf import pdf_page_size, read_pdf

        lines, noise, pages, clean, fmt = read_pdf(path, ocr=ocr, exact_pages=exact_pages)
        page_size = pdf_page_size(path)
        if fmt == "pdf-ocr":
            notes.append("note_ocr")
    elif kind == "docx":
        from plan_audit.ingest.docx import read_docx

        lines, noise, pages, clean = read_docx(path)
        fmt = "docx"
    else:
        from plan_audit.ingest.doc import read_doc

        lines, noise, pages, clean = read_doc(path)
        fmt = "doc"
        notes.append("note_doc_converted")
    if clean.encoding:
        notes.append(f"note_legacy_{clean.encoding}")
    return finish(path, fmt, lines, noise, pages, notes, page_size)
