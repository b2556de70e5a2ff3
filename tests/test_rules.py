"""Rule packs are validated on load; a broken pack names its file, key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from plan_audit import rules
from plan_audit.audit import terms
from plan_audit.errors import RulesError
from plan_audit.ingest import noise


@pytest.fixture
def rules_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setenv("PLAN_AUDIT_RULES", str(tmp_path))
    rules._load.cache_clear()
    noise.ingest_rules.cache_clear()
    yield tmp_path
    rules._load.cache_clear()
    noise.ingest_rules.cache_clear()


def broken_copy(dest: Path, old: str, new: str) -> None:
    text = (rules.RULES_DIR / "ingest.yaml").read_text(encoding="utf-8")
    assert old in text
    (dest / "ingest.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_packs_load() -> None:
    assert noise.ingest_rules().stamp_max >= 1


def test_bad_regex_names_file_key_and_line(rules_in: Path) -> None:
    broken_copy(rules_in, "- '^\\d{1,3}$'", "- '^(\\d{1,3}$'")
    with pytest.raises(RulesError) as err:
        noise.ingest_rules()
    msg = str(err.value)
    assert "ingest.yaml:" in msg and "page_number_patterns[0]" in msg and "regular expression" in msg


def test_missing_key_is_reported(rules_in: Path) -> None:
    broken_copy(rules_in, "  max_lines: 6\n", "")
    with pytest.raises(RulesError, match=r"signature_stamp\.max_lines: required key is missing"):
        noise.ingest_rules()


def test_unknown_key_is_reported(rules_in: Path) -> None:
    broken_copy(rules_in, "  max_lines: 6\n", "  max_lines: 6\n  max_line: 7\n")
    with pytest.raises(RulesError, match=r"signature_stamp\.max_line: unknown key"):
        noise.ingest_rules()


def test_a_word_in_two_groups_of_equivalents_is_refused(rules_in: Path) -> None:
    text = (rules.RULES_DIR / "align.yaml").read_text(encoding="utf-8")
    assert "  - [kiện toàn, củng cố]\n" in text
    (rules_in / "align.yaml").write_text(text.replace("  - [kiện toàn, củng cố]\n", "  - [kiện toàn, củng cố]\n  - [củng cố, tăng cường]\n", 1), encoding="utf-8")
    terms.align_pack.cache_clear()
    terms._equivalents.cache_clear()
    try:
        with pytest.raises(RulesError, match=r"align\.yaml, key equivalents\[1\]: 'củng cố' is in two groups"):
            terms.forms_of("kiện toàn")
    finally:
        terms.align_pack.cache_clear()
        terms._equivalents.cache_clear()
