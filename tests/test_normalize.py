"""Normalization: one Unicode form and one tone-mark convention, whatever the source used."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plan_audit.ingest.normalize import clean_line, unify_tone_marks

# fmt: off
TONE_CASES = [
    ("hoà bình", "hòa bình"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
    ("thuỷ lợi", "thủy lợi"),
    ("sức khoẻ", "sức khỏe"),
    ("CỘNG HOÀ", "CỘNG HÒA"),
    ("tuỳ theo", "tùy theo"),
    ("xoá bỏ", "xóa bỏ"),
    ("toạ đàm", "tọa đàm"),
    # closed syllables and "qu" keep their (only correct) placement
    ("hoàng", "hoàng"),
    ("quý", "quý"),
    ("quỳnh", "quỳnh"),
    ("khuyến", "khuyến"),
    ("hòa", "hòa"),
]
# fmt: on


@pytest.mark.parametrize(("given_text", "expected"), TONE_CASES)
def test_tone_marks_one_convention(given_text: str, expected: str) -> None:
    assert unify_tone_marks(given_text) == expected


def test_nfd_input_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân thị xã Phước Long")
    assert nfd != "Ủy ban nhân dân thị xã Phước Long"
    assert clean_line(nfd) == "Ủy ban nhân dân thị xã Phước Long"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**KT. CHỦ TỊCH", "KT. CHỦ TỊCH"),
        ("  Báo cáo 6 tháng vào ngày **05/5**; ", "Báo cáo 6 tháng vào ngày 05/5;"),
        ("trẻ\u00a0em\u200b  năm\t2022", "trẻ em năm 2022"),
        ("bảo\u00advệ", "bảovệ"),
        ("Thông tư số 13/2021/TT- BLĐTBXH ngày", "Thông tư số 13/2021/TT-BLĐTBXH ngày"),
        ("Chỉ thị số 18/CT- TTg", "Chỉ thị số 18/CT-TTg"),
        ("Lao động - Thương binh", "Lao động - Thương binh"),
        ("giai đoạn 2021- 2030", "giai đoạn 2021- 2030"),
    ],
)
def test_clean_line_removes_artifacts(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ "


@given(st.text(alphabet=VIET + VIET.upper() + ".,;:-0123456789", max_size=80))
def test_clean_line_is_idempotent(text: str) -> None:
    once = clean_line(text)
    assert clean_line(once) == once


@given(st.text(alphabet=VIET + VIET.upper(), max_size=60))
def test_tone_unification_only_moves_marks(text: str) -> None:
    def skeleton(s: str) -> list[str]:
        return sorted(unicodedata.normalize("NFD", s))

    assert skeleton(unify_tone_marks(text)) == skeleton(text)
