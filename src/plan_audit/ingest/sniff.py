"""Decides what a file really is from its first bytes, not from its name.

A ZIP archive renamed .pdf, a PDF saved as .docx, an old Word .doc: each gets the right reader
or a precise error instead of a parser's traceback.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from plan_audit.errors import InputError

MAX_BYTES = 100 * 1024 * 1024
"""Files above this size are refused: a plan is a few MB at most, even scanned."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_EXT = {".txt", ".md", ".text", ""}
_NAMES = {"pdf": "PDF", "docx": "DOCX", "doc": "Word .doc", "zip": "ZIP", "txt": "text", "binary": "binary"}


def _kind(head: bytes, path: Path) -> str:
    if head[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except zipfile.BadZipFile:
            return "zip"
    if head.startswith(_OLE):
        return "doc"
    sample = head[:4096]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "txt"


def sniff(path: Path) -> str:
    """The reader to use for `path`: "pdf", "docx", "doc" or "txt"; InputError otherwise."""
    if not path.exists():
        raise InputError("missing_file", path=path)
    if not path.is_file():
        raise InputError("not_a_file", path=path)
    size = path.stat().st_size
    if size == 0:
        raise InputError("empty_file", path=path)
    if size > MAX_BYTES:
        raise InputError("too_large", path=path, size=size // 2**20, limit=MAX_BYTES // 2**20)
    with path.open("rb") as fh:
        head = fh.read(8192)
    kind = _kind(head, path)
    ext = path.suffix.lower()
    expected = {".pdf": "pdf", ".docx": "docx", ".doc": "doc"}.get(ext, "txt" if ext in _TEXT_EXT else None)
    if kind in ("zip", "binary"):
        if expected is not None and expected != "txt":
            raise InputError("disguised", path=path, ext=ext, kind=_NAMES[kind])
        raise InputError("unsupported", path=path, kind=_NAMES[kind])
    if expected is None and kind == "txt":
        raise InputError("unsupported", path=path, kind=ext)
    if expected in ("pdf", "docx") and kind == "txt":
        raise InputError("disguised", path=path, ext=ext, kind=_NAMES[kind])
    return kind
