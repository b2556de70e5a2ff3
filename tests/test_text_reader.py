"""The plain-text reader on the real seeds: page markers, stamps, bold markers."""

from __future__ import annotations

from plan_audit.corpus import read_plan
from plan_audit.ingest import read
from plan_audit.ingest.normalize import clean_line

from conftest import ROOT, SEEDS


def test_stray_page_numbers_become_page_breaks() -> None:
    doc = read(SEEDS / "002_d40e51dcf3231fc4.txt")
    assert [n.text for n in doc.noise if n.kind == "page_number"] == ["2", "4", "10"]
    recipients = next(p for p in doc.body if p.text.startswith("Nơi nhận"))
    assert recipients.page == 10
    assert "\n2\n" not in "\n" + doc.text + "\n"


def test_signature_stamps_kept_out_of_the_body() -> None:
    doc = read(SEEDS / "004_3af112b96e5eb14b.txt")
    stamps = [n.text for n in doc.noise if n.kind == "signature_stamp"]
    assert "Ủy ban nhân dân thị xã Phước Long<ubnd.txpl@binhphuoc.gov.vn> đã ký lên văn bản này!" in stamps
    assert "2021-04-09T07:30:03+0700" in stamps
    assert "đã ký lên văn bản này" not in doc.text
    assert "SỞ THÔNG TIN VÀ TRUYỀN THÔNG BÌNH PHƯỚC" not in doc.text
    assert doc.body[-1].text == "Nguyễn Văn Dũng"


def test_bold_markers_removed_and_items_kept() -> None:
    doc = read(SEEDS / "001_3b3709d964208cbb.txt")
    assert "**" not in doc.text
    assert "- Báo cáo 6 tháng vào ngày 05/5;" in doc.text.split("\n")
    assert doc.body[-3].text == "KT. CHỦ TỊCH"


def test_spans_point_at_the_source_line() -> None:
    path = SEEDS / "003_efbe91026500c58e.txt"
    doc = read(path)
    raw = [clean_line(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    for para in doc.body:
        assert raw[para.line - 1].startswith(para.lines[0].text[:20])


def test_legacy_encoded_files_are_repaired_on_read() -> None:
    fixtures = SEEDS.parent / "fixtures"
    source = read(fixtures / "legacy-source.txt")
    for enc in ("tcvn3", "vni"):
        doc = read(fixtures / f"legacy-{enc}.txt")
        assert f"note_legacy_{enc}" in doc.notes
        assert doc.text == source.text


def test_a_header_merged_row_by_row_is_read_as_two_columns() -> None:
    """A PDF's two-column header extracted as text runs both columns into one line per row; its number,
    place and date are read all the same (fixture written that way: "Số: 23/KH-UBND Hoằng Châu, ngày 20 …")."""
    _, plan = read_plan(ROOT / "corpora" / "fixtures" / "heldout6" / "commune-hoang-chau-2026.txt")
    h = plan.header
    assert (h.issuer, h.number, h.place, h.date) == ("Ủy ban nhân dân xã Hoằng Châu", "23/KH-UBND", "Hoằng Châu", "2026-03-20")
