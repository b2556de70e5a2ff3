"""Which files of a folder are plans to read: the supported formats, recursively, hidden folders skipped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".md"}


def plan_files(root: Path) -> Iterator[Path]:
    """Supported files under `root`, recursively, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not any(p.startswith(".") for p in path.relative_to(root).parts):
            yield path


def file_hash(path: Path) -> str:
    """SHA-256 of a file's content: what the source block reports and what the batch cache is keyed by."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
