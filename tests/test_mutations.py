"""Mutation harness: plant one defect in a compliant plan and exactly that finding must appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_helpers import findings_of, findings_of_text
from conftest import ROOT

FIXTURES = ROOT / "corpora" / "fixtures"

# fmt: off
MUTATIONS = [
    # (compliant plan, text to replace, replacement, the one new finding)
    ("commune-an-thang-2023.txt", "10. Chế độ thông tin, báo cáo", "11. Chế độ thông tin, báo cáo", "numbering.gap"),
    ("district-phu-cu-2022.txt", "Quyết định số 23/QĐ-TTg ngày 07/01/2021", "Quyết định số 23/QĐ-TTg ngày 07/02/2021", "citation.date"),
    ("district-phu-cu-2022.txt", "Chỉ thị số 20-CT/TW ngày 05/11/2012", "Chỉ thị số 20-CT/TW ngày 05/12/2012", "citation.date"),
    ("commune-an-thang-2023.txt", "Làm thủ tục khai sinh cho trẻ", "Làm thủ tục khai sinh cho trẻ trên địa bàn huyện", "wording.level"),
    ("commune-an-thang-2023.txt", "2023 với chủ đề \"Chung tay giảm thiểu tổn hại trẻ em\"", "2023 với chủ đề \"Hành động thiết thực, ưu tiên nguồn lực cho trẻ em\"", "theme.mismatch"),
    ("commune-an-thang-2023.txt", "thông điệp của Tháng hành động vì trẻ em năm 2023", "thông điệp của Tháng hành động vì trẻ em năm 2022", "year.stale"),
    ("commune-an-thang-2023.txt", "báo cáo 6 tháng trước ngày 10/5", "báo cáo 6 tháng trước ngày 20/5", "reporting.internal_late"),
    ("commune-an-thang-2023.txt", "An Thắng, ngày 24 tháng 3 năm 2023", "An Thắng, ngày 24 tháng 03 năm 2023", "format.date_line"),
]
# fmt: on


def keys(findings) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(f.id, f.message) for f in findings}


def test_compliant_plans_have_no_warnings_or_errors() -> None:
    for name in ("commune-an-thang-2023.txt", "district-phu-cu-2022.txt"):
        assert [f.message for f in findings_of(FIXTURES / name) if f.severity != "info"] == []


@pytest.mark.parametrize(("plan", "old", "new", "check_id"), MUTATIONS, ids=[m[3] + "-" + m[0][:8] for m in MUTATIONS])
def test_planted_defect_yields_exactly_the_new_finding(plan: str, old: str, new: str, check_id: str, tmp_path: Path) -> None:
    text = (FIXTURES / plan).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    before = keys(findings_of(FIXTURES / plan))
    after = keys(findings_of_text(text.replace(old, new), tmp_path))
    new_findings = after - before
    assert [i for i, _ in new_findings] == [check_id], new_findings
    assert before <= after


def test_dropping_the_reporting_section_yields_reporting_none(tmp_path: Path) -> None:
    text = (FIXTURES / "district-phu-cu-2022.txt").read_text(encoding="utf-8")
    head, rest = text.split("VI. CHẾ ĐỘ BÁO CÁO", 1)
    tail = rest[rest.index("Nơi nhận") :]
    before = keys(findings_of(FIXTURES / "district-phu-cu-2022.txt"))
    after = keys(findings_of_text(head + tail, tmp_path))
    assert [i for i, _ in after - before] == ["reporting.none"]
