"""The same plan read from .txt, .pdf and .docx gives the same body text (rapidfuzz ratio ≥ 0.99)."""

from __future__ import annotations

from functools import lru_cache

import pytest
import yaml
from rapidfuzz import fuzz

from plan_audit.ingest import read
from plan_audit.model import Document

from conftest import RENDERED, SEEDS

SIMILARITY = 0.99


@lru_cache(maxsize=None)
def load(path: str) -> Document:
    return read(path)


def headers() -> dict:
    return yaml.safe_load((RENDERED / "headers.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_body_text_agrees_with_the_text_extraction(seed: str, fmt: str) -> None:
    txt = load(str(SEEDS / f"{seed}.txt"))
    other = load(str(RENDERED / f"{seed}.{fmt}"))
    ratio = fuzz.ratio(txt.body_text, other.body_text) / 100
    print(f"{seed} {fmt}: similarity {ratio:.4f}")
    assert ratio >= SIMILARITY


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_header_comes_back_as_two_clean_columns(seed: str, fmt: str) -> None:
    expected = headers()[seed]
    doc = load(str(RENDERED / f"{seed}.{fmt}"))
    assert doc.header is not None
    assert doc.header.left == [*expected["issuer"], expected["number"]]
    assert doc.header.right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", expected["place_date"]]


def test_signature_block_read_column_by_column(seed: str) -> None:
    doc = load(str(RENDERED / f"{seed}.pdf"))
    left = [p.text for p in doc.paragraphs if p.region == "signature_left"]
    right = [p.text for p in doc.paragraphs if p.region == "signature_right"]
    assert left[0].startswith("Nơi nhận")
    assert all(item.startswith(("-", "–")) for item in left[1:])
    assert right[0].startswith(("TM.", "KT."))


def test_pdf_page_numbers_are_noise_not_body(seed: str) -> None:
    doc = load(str(RENDERED / f"{seed}.pdf"))
    numbers = [n.text for n in doc.noise if n.kind == "page_number"]
    assert numbers == [str(i) for i in range(2, doc.source.pages + 1)]


def test_pdf_stamp_of_seed_004_is_metadata() -> None:
    doc = load(str(RENDERED / "004_3af112b96e5eb14b.pdf"))
    stamps = [n.text for n in doc.noise if n.kind == "signature_stamp"]
    assert any("đã ký lên văn bản này" in s for s in stamps)
    assert "đã ký lên văn bản này" not in doc.text


def test_pdf_lines_carry_fonts_and_positions(seed: str) -> None:
    doc = load(str(RENDERED / f"{seed}.pdf"))
    for line in doc.lines:
        assert line.x0 is not None and line.top is not None
        assert line.font and "LiberationSerif" in line.font
        assert line.size and 10 <= line.size <= 15
