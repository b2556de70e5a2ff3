"""The alignment mechanisms one by one: what an obligation asks, which parent clauses bind, where a child does nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plan_audit.audit.align import does_instead, not_doing
from plan_audit.audit.obligations import delegated
from plan_audit.audit.terms import TermWeights, Unit, align_pack, holds, match, status_of, terms, verb_phrases, without_actors
from plan_audit.corpus import read_plan
from plan_audit.model import Span, Target
from plan_audit.parse.targets import is_change
from plan_audit.pair_eval import cross_findings

from conftest import ROOT

FIXTURES = ROOT / "corpora" / "fixtures"


@pytest.mark.parametrize(
    ("obligation", "phrases"),
    [
        (
            "Kiện toàn Ban bảo vệ trẻ em cấp xã, ban hành quy chế hoạt động và phân công nhiệm vụ cụ thể cho từng thành viên của Ban",
            ["Kiện toàn Ban bảo vệ trẻ em cấp xã", "ban hành quy chế hoạt động", "phân công nhiệm vụ cụ thể cho từng thành viên của Ban"],
        ),
        (
            "Rà soát các ao, hồ có nguy cơ gây đuối nước và cắm biển cảnh báo, làm rào chắn",
            ["Rà soát các ao, hồ có nguy cơ gây đuối nước", "cắm biển cảnh báo, làm rào chắn"],
        ),
        (
            "Rà soát, lập danh sách trẻ em bỏ học, có nguy cơ bỏ học và phối hợp với nhà trường vận động các em trở lại lớp",
            ["Rà soát, lập danh sách trẻ em bỏ học, có nguy cơ bỏ học", "phối hợp với nhà trường vận động các em trở lại lớp"],
        ),
        # verbs sharing one object, a list of places, an agency after "và": one phrase each
        ("phát hiện, can thiệp và hỗ trợ kịp thời trẻ em bị xâm hại", None),
        ("duy trì đội ngũ cộng tác viên bảo vệ trẻ em ở các thôn, khối phố", None),
        ("phối hợp với Trạm Y tế và Bảo hiểm xã hội huyện cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", None),
        # a season or place the obligation opens with is no phrase of its own
        ("Trong mùa nước nổi, vận động thành lập điểm giữ trẻ cộng đồng tại các ấp, khóm ven sông, kênh, rạch", None),
    ],
)
def test_an_obligation_is_cut_into_its_verb_phrases(obligation: str, phrases: list[str] | None) -> None:
    assert list(verb_phrases(obligation)) == (phrases or [obligation])


def test_the_agency_put_to_work_is_not_a_term_but_the_body_worked_on_is() -> None:
    assert "Tư pháp" not in without_actors("Giao công chức Tư pháp - Hộ tịch thực hiện đăng ký khai sinh cho trẻ em")
    assert terms("Kiện toàn Ban bảo vệ trẻ em cấp xã") == ["ban bảo vệ trẻ em", "kiện toàn"]


def test_directed_lower_levels_are_named_in_either_order() -> None:
    hands = re.compile(align_pack()["delegation_patterns"]["xa"])
    found = hands.match("Hướng dẫn Ủy ban nhân dân các phường, xã, đặc khu rà soát trẻ em sống trong nhà trọ")
    assert found and (found.group("level"), found.group("work")) == ("Ủy ban nhân dân các phường, xã, đặc khu", "rà soát trẻ em sống trong nhà trọ")


def test_raising_outside_money_is_not_allocating_a_budget() -> None:
    asked = "bố trí kinh phí, nguồn lực để triển khai thực hiện Kế hoạch tại địa phương"
    assert does_instead(asked, "đẩy mạnh việc huy động, vận động nguồn lực (nhân lực, kinh phí) để hỗ trợ")
    assert not does_instead(asked, "Ủy ban nhân dân xã dành một phần kinh phí từ ngân sách của địa phương")
    assert not does_instead("Tuyên truyền về Luật Trẻ em", "huy động nguồn lực")


def _handed_down(parent: Path, level: str = "xa") -> dict[str, str]:
    doc, plan = read_plan(parent)
    return {ob.text: ob.asked for ob in delegated(doc, plan, level, set())}


def test_work_directed_to_the_lower_level_elsewhere_in_the_parent_binds_it() -> None:
    handed = _handed_down(FIXTURES / "district-phu-cu-2022.txt")
    clause = "Chỉ đạo Công an các xã, thị trấn nắm tình hình, phát hiện sớm nguy cơ bạo lực, xâm hại, mua bán trẻ em"
    assert handed[clause] == "nắm tình hình, phát hiện sớm nguy cơ bạo lực, xâm hại, mua bán trẻ em"
    # the Phòng's own duty after "…;" is not handed down
    assert not any("người chưa thành niên" in text for text in handed)


def test_a_clause_after_the_lower_level_as_subject_shares_that_subject() -> None:
    handed = _handed_down(FIXTURES / "round3" / "province-lam-dong-2026.txt")
    assert any(text.startswith("hướng dẫn các bà mẹ chế biến bữa ăn") for text in handed), list(handed)


def test_purpose_reporting_and_headings_are_not_where_a_child_carries_duties_out() -> None:
    doc, plan = read_plan(ROOT / "corpora" / "seeds" / "003_efbe91026500c58e.txt")
    skipped = {doc.paragraphs[i].text for i in not_doing(doc, plan)}
    assert "I. MỤC ĐÍCH, YÊU CẦU" in skipped
    assert any(t.startswith("- Phát huy vai trò, trách nhiệm của Ban Chỉ đạo") for t in skipped)  # a purpose bullet
    assert not any(t.startswith("- Chỉ đạo, triển khai, đẩy mạnh việc huy động") for t in skipped)  # a task


def _mutant(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    out = tmp_path / source.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_keeping_a_level_where_the_parent_asks_a_decrease_is_weaker_but_zero_cases_is_not(tmp_path: Path) -> None:
    child = FIXTURES / "commune-an-tien-2023.txt"
    parent = ROOT / "corpora" / "seeds" / "002_d40e51dcf3231fc4.txt"
    old = "Giảm tỷ lệ trẻ em bị xâm hại so với năm 2022"
    kept = cross_findings(_mutant(tmp_path, child, old, "Không để tăng tỷ lệ trẻ em bị xâm hại so với năm 2022"), parent)[0]
    weaker = [f for f in kept if f.category == "weaker_target"]
    assert len(weaker) == 1 and "Không để tăng" in weaker[0].message
    zero = cross_findings(_mutant(tmp_path, child, old, "Duy trì không có vụ trẻ em bị xâm hại trên địa bàn xã"), parent)[0]
    assert not [f for f in zero if f.category == "weaker_target"]


def test_the_deadline_given_inside_the_item_addressed_to_communes_is_the_one_to_beat(tmp_path: Path) -> None:
    child = FIXTURES / "round2" / "commune-trung-kien-2024.txt"
    parent = FIXTURES / "round2" / "district-yen-lac-2024.txt"
    late = _mutant(tmp_path, child, "báo cáo 6 tháng trước ngày 05/6/2024", "báo cáo 6 tháng trước ngày 12/6/2024")
    found = [f for f in cross_findings(late, parent)[0] if f.category == "reporting_deadline_late"]
    assert len(found) == 1 and "10/06/2024" in found[0].message and "12/06/2024" in found[0].message


def test_a_plan_issued_by_a_department_is_that_department_at_its_committee_level() -> None:
    _, plan = read_plan(FIXTURES / "heldout4" / "city-hai-phong-sldtbxh-2023.txt")
    h = plan.header
    assert (h.issuer, h.level, h.locality) == ("Sở Lao động - Thương binh và Xã hội thành phố Hải Phòng", "tinh", "Hải Phòng")
    addressed = [d for d in plan.duties if d.agency_id == "ubnd_cap_duoi"]
    assert [d.agency for d in addressed] == ["Ủy ban nhân dân các quận, huyện"]


def test_a_child_citing_the_department_without_its_city_cites_it_rightly() -> None:
    """Seed 002 cites "… của Sở Lao động động Thương binh và Xã hội thành phố" (a typing slip, no city name)."""
    found = cross_findings(ROOT / "corpora" / "seeds" / "002_d40e51dcf3231fc4.txt", FIXTURES / "heldout4" / "city-hai-phong-sldtbxh-2023.txt")[0]
    assert not [f for f in found if f.category == "parent_citation_mismatch"]
    assert sorted(f.id for f in found if f.category == "reporting_missing") == ["reporting.parent_period_absent"] * 2


def test_a_partly_done_duty_names_the_phrase_not_found() -> None:
    """Lạc Dương puts up warning signs but no barriers (planted, round 3 key)."""
    found = cross_findings(FIXTURES / "round3" / "commune-lac-duong-2026.txt", FIXTURES / "round3" / "province-lam-dong-2026.txt")[0]
    barriers = [f for f in found if f.id == "duty.partial" and "rào chắn" in f.parent_evidence[0].quote]
    assert len(barriers) == 1 and barriers[0].message.endswith('chưa thấy phần "làm rào chắn".')


def test_a_named_event_the_child_never_mentions_leaves_the_duty_partly_done() -> None:
    """Liên Châu holds the Month of Action and 1/6 but no Tết Trung thu (planted, round 2 key)."""
    found = cross_findings(FIXTURES / "round2" / "commune-lien-chau-2024.txt", FIXTURES / "round2" / "district-yen-lac-2024.txt")[0]
    month = [f for f in found if f.id == "duty.partial" and "Tháng hành động" in f.parent_evidence[0].quote]
    assert len(month) == 1 and month[0].message.endswith('chưa thấy phần "Tết Trung thu".')


def test_a_word_written_another_accepted_way_is_found() -> None:
    """rules/align.yaml `equivalents`: "củng cố" carries out "kiện toàn"; two words of one group count once."""
    pieces = [Unit.of(t, Span(1, k)) for k, t in enumerate([
        "Củng cố Ban bảo vệ trẻ em xã; phân công từng thành viên phụ trách địa bàn thôn",
        "Hướng dẫn phụ huynh giám sát con dùng mạng xã hội, chơi game trực tuyến",
        "Tổ chức Tết Trung thu cho thiếu nhi",
    ])]  # fmt: skip
    assert holds(pieces[0], "kiện toàn") and not holds(pieces[2], "kiện toàn")
    assert status_of(*match("Rà soát, kiện toàn Ban bảo vệ trẻ em cấp xã, giao nhiệm vụ cụ thể đến từng thành viên", TermWeights(pieces))[:2]) == "covered"
    assert all(holds(pieces[1], w) for w in ("quản lý", "sử dụng", "trò chơi", "cha mẹ"))
    assert len([t for t in terms("rà soát, thống kê số liệu về lao động trẻ em") if t in ("rà soát", "thống kê")]) == 1


def test_named_work_the_child_never_mentions_is_not_carried_out() -> None:
    """Sơn Vĩ campaigns against child marriage but never writes it into the village conventions
    (planted, round 5 key: missing); rules/align.yaml `named_work` holds "hương ước"."""
    found = cross_findings(FIXTURES / "heldout5" / "commune-son-vi-2024.txt", FIXTURES / "heldout5" / "district-meo-vac-2024.txt")[0]
    conventions = [f for f in found if f.category == "missing_duty" and "hương ước" in f.parent_evidence[0].quote]
    assert len(conventions) == 1 and conventions[0].message.endswith('chưa thấy phần "hương ước".')


def test_a_change_is_never_compared_with_a_level() -> None:
    """Thanh Hóa / Đắk Lắk, round 9: "Giảm ít nhất 10% số vụ việc bạo lực, xâm hại trẻ em" is no weaker form of
    "100% các xã, phường tổ chức Diễn đàn trẻ em … về phòng, chống bạo lực, xâm hại trẻ em"."""
    def target(text: str, value: float, comparator: str = ">=") -> Target:
        return Target(text, text, value, "%", comparator, None, Span(1, 1))

    assert is_change(target("Giảm ít nhất 10% số vụ việc bạo lực, xâm hại trẻ em so với năm 2025.", 10))
    assert not is_change(target("100% các xã, phường tổ chức Diễn đàn trẻ em.", 100))
    assert not is_change(target("Giảm tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi xuống dưới 27%", 27, "<="))
