"""Paragraph reconstruction from plain-text lines (no layout): the wrapping of the seed extractions."""

from __future__ import annotations

from plan_audit.ingest.paragraphs import build_paragraphs
from plan_audit.model import Line


def paras(*texts: str) -> list[str]:
    lines = [Line(text=t, page=1, line=i + 1) for i, t in enumerate(texts)]
    return [p.text for p in build_paragraphs(lines)]


LONG = "Tiếp tục nâng cao nhận thức, trách nhiệm của cấp ủy đảng chính quyền"


def test_wrapped_sentence_is_joined() -> None:
    assert paras(LONG, "nhất là trách nhiệm của người đứng đầu.") == [LONG + " nhất là trách nhiệm của người đứng đầu."]


def test_list_items_and_headings_stay_apart() -> None:
    got = paras("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) " + LONG, "xã.", "b) Xây dựng môi trường.", "- Huy động.")
    assert got == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) " + LONG + " xã.", "b) Xây dựng môi trường.", "- Huy động."]


def test_short_title_line_is_not_joined_to_preamble() -> None:
    got = paras("KẾ HOẠCH", "Thực hiện công tác trẻ em xã Minh Tiến năm 2022", LONG + " Hưng", "Yên về thực hiện.")
    assert got == ["KẾ HOẠCH", "Thực hiện công tác trẻ em xã Minh Tiến năm 2022", LONG + " Hưng Yên về thực hiện."]


def test_hyphen_split_word_joins_without_space() -> None:
    assert paras(LONG + " Covid-", "19; từng bước.") == [LONG + " Covid-19; từng bước."]


def test_capitalised_continuation_of_a_long_line() -> None:
    first = "- Thực hiện đầy đủ chức năng, nhiệm vụ của Ban Chỉ đạo, các thành viên Ban"
    assert paras(first, "Chỉ đạo xã trong việc chỉ đạo.") == [first + " Chỉ đạo xã trong việc chỉ đạo."]


def test_signature_block_lines_stay_apart() -> None:
    assert paras("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ngô Văn Quyên") == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Ngô Văn Quyên"]


def test_paragraph_locates_each_wrapped_line() -> None:
    lines = [Line(text=LONG, page=1, line=7), Line(text="nhất là trách nhiệm.", page=2, line=1)]
    (para,) = build_paragraphs(lines)
    assert para.locate(0) == (1, 7)
    assert para.locate(para.text.index("nhất là")) == (2, 1)
