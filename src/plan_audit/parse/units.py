"""Administrative units: "xã Minh Tiến" → (xa, "Minh Tiến"), with rules/levels.yaml."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "unit_types": [{"unit": str, "level": ("bo", "tinh", "huyen", "xa")}],
    "not_units": [str],
    "issuing_body_pattern": str,
    "central_cities": [str],
    "committee": [str],
    "foreign_wording": {str: [str]},
    "districts_dissolved": str,
    "district_bodies": str,
}


@lru_cache(maxsize=1)
def levels_pack() -> dict[str, Any]:
    return load_pack("levels", SCHEMA)


@lru_cache(maxsize=1)
def _unit_re() -> re.Pattern[str]:
    units = "|".join(re.escape(u["unit"]) for u in levels_pack()["unit_types"])
    committee = "|".join(re.escape(c) for c in levels_pack()["committee"])
    return re.compile(rf"(?<!\w)(?:(?P<committee>(?i:{committee}))\s+)?(?P<unit>(?i:{units}))\s+(?=\w)")


def proper_name(text: str, pos: int) -> str:
    """The capitalised words starting at `pos` ("Minh Tiến năm 2022" → "Minh Tiến")."""
    out = []
    for m in re.finditer(r"[\w]+|[^\w\s]|\s+", text[pos:]):
        tok = m.group()
        if tok.isspace():
            continue
        if tok[0].isupper() or (out and tok.isdigit() and len(tok) <= 2):
            out.append(tok)
        else:
            break
    return " ".join(out)


def find_units(text: str) -> list[tuple[str, str, bool, int]]:
    """(unit type, name, preceded by "Ủy ban nhân dân"/"UBND", offset) for each named unit in `text`."""
    found = []
    not_units = [w.lower() for w in levels_pack()["not_units"]]
    for m in _unit_re().finditer(text):
        if any(text[m.start("unit") :].lower().startswith(w) for w in not_units):
            continue
        name = proper_name(text, m.end())
        if name:
            found.append((m.group("unit").lower(), name, m.group("committee") is not None, m.start()))
    return found


def level_of(unit: str, name: str | None = None) -> str | None:
    unit = unit.lower()
    if unit == "thành phố" and name and name in levels_pack()["central_cities"]:
        return "tinh"
    return next((u["level"] for u in levels_pack()["unit_types"] if u["unit"] == unit), None)


def title_case(caps: str) -> str:
    """ "MINH TIẾN" → "Minh Tiến" (names written in capitals in the header)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in caps.split())
