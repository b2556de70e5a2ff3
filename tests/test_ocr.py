"""OCR of the scanned seed (image-only PDF) reaches ≥ 0.95 similarity to the seed's text."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from plan_audit.ingest import read
from plan_audit.ingest.ocr import ocr_available

from conftest import RENDERED, SEEDS

pytestmark = pytest.mark.skipif(
    not ocr_available(),
    reason="tesseract with Vietnamese (tesseract-ocr-vie) and pytesseract are not installed; .ci/run installs them",
)


def test_scanned_seed_reads_back_by_ocr() -> None:
    scan = read(RENDERED / "003_efbe91026500c58e-scan.pdf")
    txt = read(SEEDS / "003_efbe91026500c58e.txt")
    assert scan.source.format == "pdf-ocr"
    assert "note_ocr" in scan.notes
    ratio = fuzz.ratio(txt.body_text, scan.body_text) / 100
    print(f"OCR similarity {ratio:.4f}")
    assert ratio >= 0.95
    assert scan.header is not None
    assert scan.header.left == ["ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯƠNG", "Số: 19/KH-UBND"]
    assert scan.header.right[2] == "Bình Lương, ngày 12 tháng 4 năm 2023"
