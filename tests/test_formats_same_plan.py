"""The .txt, .pdf and .docx of one plan give the same structured plan (spans and source aside)."""

from __future__ import annotations

from typing import Any

import pytest

from plan_audit.ingest import read
from plan_audit.parse import parse
from plan_audit.plan_json import plan_json

from conftest import RENDERED, SEEDS

ONLY_IN_RENDERINGS = ("number", "place", "date")
"""The seeds' text extractions lost the header block; the renderings carry one."""


def strip(value: Any) -> Any:  # noqa: ANN401
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k not in ("span", "source")}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


def plan_of(path) -> dict[str, Any]:  # noqa: ANN001
    return strip(plan_json(parse(read(path))))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_rendering_gives_the_plan_of_the_text(seed: str, fmt: str) -> None:
    txt = plan_of(SEEDS / f"{seed}.txt")
    other = plan_of(RENDERED / f"{seed}.{fmt}")
    for key in ONLY_IN_RENDERINGS:
        assert txt["header"].pop(key) is None
        assert other["header"].pop(key) is not None
    assert other == txt


def test_pdf_and_docx_agree_on_everything(seed: str) -> None:
    assert plan_of(RENDERED / f"{seed}.pdf") == plan_of(RENDERED / f"{seed}.docx")
