"""Batch auditing of a folder: error rows for bad files, every report written, a cache for re-runs."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from plan_audit import batch
from plan_audit.batch import run_batch

from conftest import BAD, RENDERED, ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "xa").mkdir(parents=True)
    shutil.copy(RENDERED / "000_e075a402e8f200a1.pdf", src / "xa" / "minh-tien.pdf")
    shutil.copy(RENDERED / "001_3b3709d964208cbb.docx", src / "xa" / "y-tich.docx")
    shutil.copy(RENDERED / "000_e075a402e8f200a1.docx", src / "xa" / "minh-tien.docx")
    shutil.copy(ROOT / "corpora" / "fixtures" / "district-phu-cu-2022.txt", src / "phu-cu.txt")
    for bad in ("corrupt.pdf", "encrypted.pdf", "empty.pdf"):
        shutil.copy(BAD / bad, src / bad)
    return src


def test_bad_files_get_error_rows_and_the_others_are_audited(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rows = run_batch(folder, out, jobs=2, progress=False)
    status = {Path(r.path).name: r.status for r in rows}
    assert status == {
        "minh-tien.pdf": "ok",
        "minh-tien.docx": "ok",
        "y-tich.docx": "ok",
        "phu-cu.txt": "ok",
        "corrupt.pdf": "error",
        "encrypted.pdf": "error",
        "empty.pdf": "error",
    }
    errors = {Path(r.path).name: r.error for r in rows if r.status == "error"}
    assert "mã hóa" in errors["encrypted.pdf"] and "hỏng" in errors["corrupt.pdf"] and "rỗng" in errors["empty.pdf"]
    minh_tien = next(r for r in rows if r.path.endswith("minh-tien.pdf"))
    assert minh_tien.parent and minh_tien.parent.endswith("phu-cu.txt")  # the parent found in the folder itself
    reports = [r.report for r in rows if r.status == "ok"]
    assert len(set(reports)) == len(reports) == 4  # minh-tien.pdf and minh-tien.docx each get their own
    for report in reports:
        assert (out / report).is_file()
    with (out / "summary.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 7
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(x)["status"] for x in lines) == ["error"] * 3 + ["ok"] * 4
    assert "id=\"plans\"" in (out / "index.html").read_text(encoding="utf-8")


def test_warm_rerun_reads_nothing_again(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = run_batch(folder, out, jobs=1, progress=False)

    def fail(*_args: object) -> None:
        raise AssertionError("a cached file was read again")

    monkeypatch.setattr(batch, "_parse_job", fail)
    monkeypatch.setattr(batch, "_audit_job", fail)
    again = run_batch(folder, out, jobs=1, progress=False)
    assert [(r.path, r.status, r.summary) for r in again] == [(r.path, r.status, r.summary) for r in first]


def test_a_changed_file_is_redone(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(folder, out, jobs=1, progress=False)
    target = folder / "phu-cu.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("Số: 38/KH-UBND", "Số: 39/KH-UBND"), encoding="utf-8")
    rows = run_batch(folder, out, jobs=1, progress=False)
    assert next(r for r in rows if r.path.endswith("phu-cu.txt")).number == "39/KH-UBND"


def test_dashboard_escapes_file_names_and_errors(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "<b>x.pdf").write_bytes(b"")
    out = tmp_path / "out"
    run_batch(src, out, jobs=1, progress=False)
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<b>x" not in page and "&lt;b&gt;x.pdf" in page
