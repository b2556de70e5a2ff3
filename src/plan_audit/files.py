"""Which files of a folder are plans to read: the supported formats, recursively, hidden folders skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

SUFFIXES = {".pdf", ".docx", ".doc", ".txt", ".md"}


def plan_files(root: Path) -> Iterator[Path]:
    """Supported files under `root`, recursively, in a stable order."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES and not any(p.startswith(".") for p in path.relative_to(root).parts):
            yield path
