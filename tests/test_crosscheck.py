"""Cross-check against the parent plan: answer keys, paraphrase robustness, and a mutation harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_audit.evaluate import format_report
from plan_audit.mutations import format_tallies, run, text_without
from plan_audit.pair_eval import cross_check, cross_findings, evaluate_pairs, keys, load_key

from conftest import ROOT

PAIRS = ROOT / "corpora" / "pairs"
COMPLIANT = PAIRS / "002-commune-an-tien.yaml"
# The bars of the issue: 0.9, reached over all the keys by every category (missing_duty: precision 0.93,
# recall 0.92 over 40 keys, 803 obligations). Measured on each round before it was tuned on, missing_duty
# is far lower: corpora/pairs/README.md and README.md give the figures per round.
FLOORS = {
    "missing_duty": (0.90, 0.90),
    "weaker_target": (0.90, 0.90),
    "missing_target": (0.90, 0.90),
    "reporting_deadline_late": (0.90, 0.90),
    "reporting_missing": (0.90, 0.90),
    "parent_citation_mismatch": (0.90, 0.90),
    "plan_year_mismatch": (0.90, 0.90),
    "date_inconsistent": (0.90, 0.90),
}
MUTATION_FLOORS = {"delete": 0.66, "target": 0.9, "deadline": 0.9}  # reached: 0.69, 0.97, 1.00


@pytest.fixture(scope="module")
def pair_report():  # noqa: ANN201
    report, status = evaluate_pairs(PAIRS, ROOT)
    print("\n" + format_report(report) + f"\ncoverage status agreement {status['status_agreement']:.3f}")
    return report


@pytest.mark.parametrize("category", list(FLOORS))
def test_cross_check_precision_and_recall(pair_report, category: str) -> None:  # noqa: ANN001
    s = pair_report.total(category)
    precision, recall = FLOORS[category]
    assert s.precision >= precision and s.recall >= recall, (s.precision, s.recall)


def _compliant(path: Path) -> bool:
    key = load_key(path)
    return bool(key.get("obligations")) and all(o["status"] == "covered" for o in key["obligations"]) and not key.get("expected")


COMPLIANT_KEYS = [p for p in keys(PAIRS) if _compliant(p)]
UNLISTED = {
    "ward-ha-long-under-quang-ninh": "the Sở's clause directing the grassroots information system is binding for the "
    "aligner; the round-2 reader did not list it (round-3 readers list the like clause of Lâm Đồng), and the ward "
    "broadcasts no drowning-prevention skills",
}


@pytest.mark.parametrize("path", [
    pytest.param(p, id=p.stem, marks=[pytest.mark.xfail(reason=UNLISTED[p.stem], strict=True)] if p.stem in UNLISTED else [])
    for p in COMPLIANT_KEYS
])  # fmt: skip
def test_paraphrased_compliant_child_has_no_missing_duty(path: Path) -> None:
    """Every compliant child of the keys (duties paraphrased, split, merged, agencies named otherwise)."""
    key = load_key(path)
    findings, coverage = cross_findings(ROOT / key["child"], ROOT / key["parent"])
    assert [f.message for f in findings if f.category == "missing_duty"] == []
    assert coverage and all(c.status == "covered" for c in coverage)


def test_every_cross_finding_quotes_the_parent_and_the_child() -> None:
    key = load_key(PAIRS / "000-under-phu-cu.yaml")
    findings, _ = cross_findings(ROOT / key["child"], ROOT / key["parent"])
    assert findings
    for f in findings:
        assert f.parent_evidence, f.id
        assert f.evidence, f.id


def _mutate(tmp_path: Path, child: Path, old: str, new: str) -> Path:
    text = child.read_text(encoding="utf-8")
    assert old in text, old
    out = tmp_path / child.name
    out.write_text(text.replace(old, new), encoding="utf-8")
    return out


def test_a_rewritten_child_is_read_as_the_original(tmp_path: Path) -> None:
    """The harness writes deletion mutants as one paragraph a line: unmutated, that text gives the same cross-check."""
    from plan_audit.corpus import read_plan

    for path in keys(PAIRS):
        key = load_key(path)
        child, parent = read_plan(ROOT / key["child"]), read_plan(ROOT / key["parent"])
        copy = tmp_path / f"{path.stem}.txt"
        copy.write_text(text_without(child[0], set()), encoding="utf-8")
        before, after = cross_check(child, parent), cross_check(read_plan(copy), parent)
        assert sorted(f.id + f.message for f in before[0]) == sorted(f.id + f.message for f in after[0]), path.stem
        assert [c.status for c in before[1]] == [c.status for c in after[1]], path.stem


def test_mutation_harness_detects_planted_defects() -> None:
    """Delete every passage carrying out a duty, weaken a target, delay a deadline: the cross-check must name each."""
    tallies = run(PAIRS, ROOT)
    print("\n" + format_tallies(tallies))
    for kind, floor in MUTATION_FLOORS.items():
        assert tallies[kind].tried > 0 and tallies[kind].rate >= floor, (kind, tallies[kind].rate)


def test_mutation_moving_a_deadline_past_the_parent_yields_late(tmp_path: Path) -> None:
    key = load_key(COMPLIANT)
    child, parent = ROOT / key["child"], ROOT / key["parent"]
    before = {f.id for f in cross_findings(child, parent)[0]}
    mutant = _mutate(tmp_path, child, "trước ngày 15/5/2023", "trước ngày 22/5/2023")
    after = [f for f in cross_findings(mutant, parent)[0] if f.id not in before]
    assert [f.id for f in after] == ["reporting.late_vs_parent"]
    assert "20/05/2023" in after[0].message and after[0].parent_evidence


def test_mutation_lowering_a_target_yields_weaker_target(tmp_path: Path) -> None:
    key = load_key(COMPLIANT)
    child, parent = ROOT / key["child"], ROOT / key["parent"]
    mutant = _mutate(tmp_path, child, "- 100% trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế", "- 90% trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế")
    weaker = [f for f in cross_findings(mutant, parent)[0] if f.id == "target.weaker"]
    assert len(weaker) == 1 and "90%" in weaker[0].message and "100%" in weaker[0].message


def test_two_tier_commune_resolves_the_province_directly() -> None:
    from plan_audit.corpus import Corpus, read_plan

    child = ROOT / "corpora" / "fixtures" / "commune-minh-xuan-2026.txt"
    _, plan = read_plan(child)
    res = Corpus(ROOT / "corpora" / "fixtures").resolve(plan, exclude=child)
    assert res.parent is not None and res.parent.path.name == "province-tuyen-quang-2026.txt"
    assert res.wrong == []


def test_corpus_without_the_parent_says_which_document_was_expected() -> None:
    from plan_audit.corpus import Corpus, read_plan

    child = ROOT / "corpora" / "seeds" / "001_3b3709d964208cbb.txt"
    _, plan = read_plan(child)
    res = Corpus(ROOT / "corpora" / "seeds").resolve(plan, exclude=child)
    assert res.parent is None and res.expected is not None and res.expected.number == "105/KH-UBND"


def test_a_campaign_report_after_the_parents_is_late(tmp_path: Path) -> None:
    """Bản Phố reports on the Month of Action before 03/7/2023, Bắc Hà asks for it before 05/7/2023 (round 8
    key); moved to 08/7 it is late, compared with the parent's report on the same campaign only."""
    key = load_key(PAIRS / "round8" / "ban-pho-under-bac-ha.yaml")
    child, parent = ROOT / key["child"], ROOT / key["parent"]
    assert not [f for f in cross_findings(child, parent)[0] if f.category.startswith("reporting")]
    mutant = _mutate(tmp_path, child, "Tháng hành động vì trẻ em trước ngày 03/7/2023", "Tháng hành động vì trẻ em trước ngày 08/7/2023")
    late = [f for f in cross_findings(mutant, parent)[0] if f.id == "reporting.late_vs_parent"]
    assert len(late) == 1 and "Tháng hành động" in late[0].message and "05/07/2023" in late[0].message
