"""Shared paths and fixtures: the real seeds and their renderings in the official layout."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
RENDERED = ROOT / "corpora" / "rendered"
BAD = ROOT / "corpora" / "fixtures" / "bad"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.fixture(params=SEED_STEMS)
def seed(request: pytest.FixtureRequest) -> str:
    return request.param
