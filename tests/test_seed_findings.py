"""Real defects of the seed plans, found by reading them, are reported with the right quote."""

from __future__ import annotations

import pytest

from audit_helpers import findings_of
from conftest import RENDERED, SEEDS

# fmt: off
REAL_DEFECTS = [
    # (seed, check id, words the quoted evidence must contain)
    ("000_e075a402e8f200a1", "numbering.gap", "11. Bí thi chi bộ, trưởng các thôn"),
    ("000_e075a402e8f200a1", "wording.level", "trẻ em trên địa bàn huyện được đăng ký khai sinh"),
    ("000_e075a402e8f200a1", "reporting.undated", "theo định kỳ 06 tháng"),
    ("001_3b3709d964208cbb", "citation.date", "Chỉ thị số 20-CT/TW ngày 05/12/2012"),
    ("002_d40e51dcf3231fc4", "numbering.gap", "6. Phòng Tài chính - Kế hoạch"),
    ("002_d40e51dcf3231fc4", "numbering.gap", "12. Đề nghị Huyện Đoàn"),
    ("002_d40e51dcf3231fc4", "numbering.repeat", "12. Đề nghị Hội Liên hiệp Phụ nữ huyện"),
    ("002_d40e51dcf3231fc4", "theme.mismatch", "Chung tay bảo vệ trẻ em hãy lên tiếng"),
    ("003_efbe91026500c58e", "target.none", "KẾ HOẠCH"),
    ("003_efbe91026500c58e", "reporting.none", "KẾ HOẠCH"),
]
# fmt: on


@pytest.mark.parametrize(("seed", "check_id", "quote"), REAL_DEFECTS)
@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_real_defect_is_reported_with_its_quote(seed: str, check_id: str, quote: str, fmt: str) -> None:
    path = SEEDS / f"{seed}.txt" if fmt == "txt" else RENDERED / f"{seed}.pdf"
    found = [f for f in findings_of(path) if f.id == check_id]
    assert any(quote in e.quote for f in found for e in f.evidence), [e.quote for f in found for e in f.evidence]


def test_the_8_to_11_jump_names_the_missing_items() -> None:
    (gap,) = [f for f in findings_of(SEEDS / "000_e075a402e8f200a1.txt") if f.id == "numbering.gap" and "11." in f.evidence[0].quote]
    assert "8" in gap.message and "11" in gap.message and "9, 10" in gap.message


def test_findings_are_the_same_from_text_and_pdf(seed: str) -> None:
    def key(path):  # noqa: ANN001, ANN202
        return sorted((f.id, f.message) for f in findings_of(path) if not f.id.startswith("format."))

    assert key(SEEDS / f"{seed}.txt") == key(RENDERED / f"{seed}.pdf") == key(RENDERED / f"{seed}.docx")
