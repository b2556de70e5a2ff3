"""Legacy Word .doc files: converted to .docx by LibreOffice when it is installed, then read as DOCX."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from plan_audit.errors import InputError
from plan_audit.ingest.docx import read_docx
from plan_audit.ingest.normalize import Cleaner
from plan_audit.model import Line, Noise

CONVERT_TIMEOUT = 120
"""Seconds LibreOffice may take; a hung conversion must not stall a batch."""


def read_doc(path: Path) -> tuple[list[Line], list[Noise], int, Cleaner]:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise InputError("needs_libreoffice", path=path)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "input.doc"  # odd file names (spaces, accents) never reach the command line
        shutil.copyfile(path, src)
        try:
            subprocess.run(
                [exe, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise InputError("doc_conversion_failed", path=path, detail=type(exc).__name__) from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError("doc_conversion_failed", path=path, detail="no output")
        return read_docx(out)
