"""The spaCy pipeline: syllable tokens with underthesea word boundaries, agency and topic patterns from rules/."""

from __future__ import annotations

import pytest

from plan_audit.nlp import agency_mentions, pipeline, topics_of
from plan_audit.parse.duties import agency_of, role_of

# fmt: off
AGENCY_CASES = [
    ("Công chức Văn hóa – Xã hội", "vhxh"),
    ("công chức VH-XH", "vhxh"),
    ("Phòng Lao động - Thương binh và Xã hội", "ldtbxh"),
    ("Phòng LĐTBXH", "ldtbxh"),
    ("Phòng Nội vụ - LĐTB&XH", "ldtbxh"),
    ("Trạm Y tế xã", "yte"),
    ("Công an xã", "congan"),
    ("Đoàn xã", "doan"),
    ("UBND các xã, thị trấn", "ubnd_cap_duoi"),
    ("Ủy ban nhân dân các xã, phường, đặc khu", "ubnd_cap_duoi"),
    ("Ủy ban nhân dân các phường, xã, đặc khu", "ubnd_cap_duoi"),  # a city with more wards than communes
    ("Huyện Đoàn Thanh niên Cộng sản Hồ Chí Minh", "doan"),
    ("Bí thi chi bộ, trưởng các thôn", "thon"),
]
TOPIC_CASES = [
    ("Rà soát các điểm có nguy cơ đuối nước, làm rào chắn, biển cảnh báo", "tai_nan_thuong_tich"),
    ("Tổ chức Tháng hành động vì trẻ em năm 2022", "thang_hanh_dong"),
    ("cập nhật thông tin trẻ em vào phần mềm quản lý", "du_lieu_tre_em"),
    ("Vận động đóng góp Quỹ Bảo trợ trẻ em", "quy_bao_tro"),
    ("cấp thẻ BHYT cho trẻ em dưới 6 tuổi", "bhyt_kham_chua_benh"),
    ("đăng ký khai sinh đúng hạn", "khai_sinh_con_nuoi"),
    ("Kiện toàn Ban bảo vệ trẻ em xã", "ban_chi_dao"),
    ("Tổ chức Diễn đàn trẻ em cấp xã", "dien_dan_tre_em"),
]
# fmt: on


@pytest.mark.parametrize(("text", "agency"), AGENCY_CASES)
def test_agency_heading_is_recognised(text: str, agency: str) -> None:
    assert agency_of(text)[0] == agency


@pytest.mark.parametrize(("text", "topic"), TOPIC_CASES)
def test_task_is_tagged_with_its_topic(text: str, topic: str) -> None:
    assert topic in topics_of(text)


def test_several_agencies_in_one_heading_in_order() -> None:
    text = "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã, Hội Liên hiệp Phụ nữ xã, Đoàn TNCS Hồ Chí Minh"
    assert [a for a, _, _ in agency_mentions(text)] == ["mttq", "hoi_phunu", "doan"]
    assert role_of(text) == "requested"


def test_tokens_are_syllables_with_underthesea_word_boundaries() -> None:
    doc = pipeline()("Ủy ban nhân dân các xã, thị trấn")
    assert [t.text for t in doc] == ["Ủy", "ban", "nhân", "dân", "các", "xã", ",", "thị", "trấn"]
    assert "thị trấn" in doc._.words
    starts = [t._.word_start for t in doc]
    assert starts[7] and not starts[8]  # "thị trấn" is one word


def test_pipeline_is_built_once() -> None:
    assert pipeline() is pipeline()


def test_unrelated_text_names_no_agency() -> None:
    assert agency_of("Tăng cường giáo dục lối sống văn hóa cho học sinh")[0] is None
