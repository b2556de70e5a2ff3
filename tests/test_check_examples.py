"""Every check carries should-fail and should-pass examples in rules/checks.yaml; this runs them all (proselint style)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_audit.audit.catalog import catalog

from audit_helpers import findings_of, findings_of_pair, findings_of_text
from conftest import ROOT

SPECS = catalog()
CASES = [
    (spec.id, kind, i, example)
    for spec in SPECS
    for kind in ("fail", "pass", "fail_files", "pass_files", "fail_pairs", "pass_pairs")
    for i, example in enumerate(spec.examples.get(kind, []))
]


@pytest.mark.parametrize("spec", SPECS, ids=[s.id for s in SPECS])
def test_every_check_has_failing_and_passing_examples(spec) -> None:  # noqa: ANN001
    ex = spec.examples
    assert ex.get("fail") or ex.get("fail_files") or ex.get("fail_pairs"), f"{spec.id} has no should-fail example"
    assert ex.get("pass") or ex.get("pass_files") or ex.get("pass_pairs"), f"{spec.id} has no should-pass example"


@pytest.mark.parametrize(("check_id", "kind", "index", "example"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_example(check_id: str, kind: str, index: int, example, tmp_path: Path) -> None:  # noqa: ANN001
    if kind.endswith("_pairs"):
        found = findings_of_pair(ROOT / example[0], ROOT / example[1])
    elif kind.endswith("_files"):
        found = findings_of(ROOT / example)
    else:
        found = findings_of_text(example, tmp_path)
    ids = [f.id for f in found]
    if kind.startswith("fail"):
        assert check_id in ids
        for f in found:
            assert f.evidence, f"{f.id} has no evidence"
    else:
        assert check_id not in ids, [f.message for f in found if f.id == check_id]
