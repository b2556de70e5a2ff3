"""List markers ("I.", "1.", "1.1.", "a)", "đ.", "-", "+", "*", "•") from rules/sections.yaml.

Shared by paragraph reconstruction (a marker starts a paragraph) and section parsing (a marker
opens an item), so both agree on what an item is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "markers": [{"kind": str, "pattern": str}],
    "heading_max_words": int,
    "kinds": {str: [str]},
    "objective_kinds": {str: [str]},
    "doc_types": {str: str},
    "budget_sources": {str: [str]},
    "required": {str: {str: [str]}},
    "type_codes": {str: str},
}


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str
    number: str
    end: int
    """Where the item's own text starts."""


@lru_cache(maxsize=1)
def sections_pack() -> dict[str, Any]:
    return load_pack("sections", SCHEMA)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((m["kind"], re.compile(m["pattern"])) for m in sections_pack()["markers"])


def match_marker(text: str) -> Marker | None:
    """The list marker opening `text`, if any."""
    for kind, pattern in _patterns():
        m = pattern.match(text)
        if m:
            return Marker(kind, m.group("num"), m.end())
    return None
