"""Bad input: exit code 2 and one line on stderr naming the problem, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_audit import cli
from plan_audit.ingest import ocr

from conftest import BAD, RENDERED

# fmt: off
CASES = [
    ("missing",   lambda d: d / "no-such-plan.pdf",               "không tìm thấy tệp"),
    ("empty pdf", lambda d: BAD / "empty.pdf",                     "tệp rỗng"),
    ("empty txt", lambda d: BAD / "empty.txt",                     "tệp rỗng"),
    ("encrypted", lambda d: BAD / "encrypted.pdf",                 "mã hóa"),
    ("corrupt",   lambda d: BAD / "corrupt.pdf",                   "PDF bị hỏng"),
    ("zip",       lambda d: BAD / "archive.pdf",                   "thực chất là ZIP"),
    ("blank",     lambda d: BAD / "blank.pdf",                     "không có chữ"),
    ("directory", lambda d: d,                                     "không phải là tệp"),
]
NOT_PLANS = [
    ("shopping list pdf", lambda d: BAD / "not-a-plan.pdf"),
    ("readme", lambda d: RENDERED / "README.md"),
]
# fmt: on


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("case", "where", "reason"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_exits_2_with_one_line(case, where, reason, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(["parse", str(where(tmp_path))], capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert reason in err


def test_english_messages_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["parse", str(BAD / "encrypted.pdf"), "--lang", "en"], capsys)
    assert code == 2 and "encrypted" in err


def test_scan_without_tesseract_says_how_to_install(monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setattr(ocr, "ocr_available", lambda: False)
    code, _, err = run(["parse", str(RENDERED / "003_efbe91026500c58e-scan.pdf")], capsys)
    assert code == 2
    assert "OCR" in err and "tesseract-ocr-vie" in err


def test_docx_renamed_pdf_is_read_as_docx_with_a_note(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    fake = tmp_path / "ke-hoach.pdf"
    shutil.copy(RENDERED / "003_efbe91026500c58e.docx", fake)
    code, out, err = run(["parse", str(fake)], capsys)
    assert code == 0, err
    assert "# tệp mang đuôi .pdf nhưng là DOCX; đã đọc theo DOCX" in out
    assert "XÃ BÌNH LƯƠNG" in out


def test_odd_file_name_is_read(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    odd = tmp_path / "Kế hoạch  số 19 (bản ký) #1.PDF"
    shutil.copy(RENDERED / "003_efbe91026500c58e.pdf", odd)
    code, out, err = run(["parse", str(odd), "--format", "text"], capsys)
    assert code == 0, err
    assert "KẾ HOẠCH" in out


def test_legacy_doc_without_libreoffice_is_a_clear_error(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    doc = tmp_path / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    code, _, err = run(["parse", str(doc)], capsys)
    assert code == 2 and "LibreOffice" in err


@pytest.mark.parametrize(("case", "where"), NOT_PLANS, ids=[c[0] for c in NOT_PLANS])
@pytest.mark.parametrize("command", [["parse", "--format", "json"], ["check"]])
def test_a_document_that_is_not_a_plan_exits_2(case, where, command, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run([command[0], str(where(tmp_path)), *command[1:]], capsys)
    assert code == 2 and out == ""
    assert "không phải là một kế hoạch" in err and err.count("\n") == 1
