"""A folder of plans, read and parsed once (cached by content hash), and the parent a plan cites.

A plan names its parent among its basis citations ("Thực hiện Kế hoạch số 38/KH-UBND ngày
15/3/2022 của UBND huyện Phù Cừ"). A corpus plan is that parent when it is of a higher level and
agrees on enough of kind, number, date and issuer; "UBND huyện Phù Cừ" and "Ủy ban nhân dân huyện
Phù Cừ" are the same issuer. A parent found with a different number or date is still the parent —
and the citation is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from plan_audit.errors import PlanAuditError
from plan_audit.files import file_hash, plan_files
from plan_audit.model import Citation, Document, Plan
from plan_audit.parse.citations import identity
from plan_audit.parse.evidence import fold
from plan_audit.parse.units import find_units, level_of

LEVEL_RANK = {"xa": 0, "huyen": 1, "tinh": 2, "bo": 3}
TWO_TIERS_FROM = "2025-07-01"
"""From this date a commune plan implements the provincial plan directly (domain.md §1)."""


@dataclass
class Entry:
    path: Path
    doc: Document
    plan: Plan


@dataclass
class Resolution:
    """The parent found for a plan (or not), the citation that names it, and what the citation gets wrong."""

    parent: Entry | None
    citation: Citation | None
    wrong: list[str] = field(default_factory=list)
    """Fields of the citation that disagree with the parent: "number", "date", "issuer"; "absent" when none cites it."""
    expected: Citation | None = None
    """When no parent was found: the basis citation that should have named it."""


def read_plan(path: Path) -> tuple[Document, Plan]:
    """Read and parse one file, memoised by content hash within the process."""
    from plan_audit.ingest import read
    from plan_audit.parse import parse

    key = file_hash(path)
    if key not in _MEMO:
        doc = read(path)
        _MEMO[key] = (doc, parse(doc))
    return _MEMO[key]


_MEMO: dict[str, tuple[Document, Plan]] = {}


class Corpus:
    """The plans of a folder; unreadable files are kept aside with their reason, never fatal."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[Entry] = []
        self.errors: dict[Path, str] = {}
        for path in plan_files(root):
            try:
                doc, plan = read_plan(path)
            except PlanAuditError as exc:
                self.errors[path] = exc.render("en")
                continue
            self.entries.append(Entry(path, doc, plan))

    def resolve(self, plan: Plan, *, exclude: Path | None = None) -> Resolution:
        candidates = [e for e in self.entries if exclude is None or e.path.resolve() != exclude.resolve()]
        return resolve_parent(plan, candidates)


@lru_cache(maxsize=4096)
def _issuer_key(text: str | None) -> tuple[str, str] | None:
    """(unit type, folded name) of an issuer written any way ("UBND huyện Phù Cừ", "Ủy ban nhân dân huyện Phù Cừ")."""
    units = find_units(text or "")
    return (units[-1][0], fold(units[-1][1])) if units else None


def _cited_level(cit: Citation) -> str | None:
    key = _issuer_key(cit.issuer) or _issuer_key(cit.subject)
    return level_of(key[0], key[1].title()) if key else None


@lru_cache(maxsize=8192)
def _number_key(kind: str, number: str | None) -> str | None:
    return identity(Citation(kind, number, None, None, None, "", "", None)) if number else None  # type: ignore[arg-type]


def _agreement(cit: Citation, entry: Entry) -> dict[str, bool | None]:
    h = entry.plan.header
    issuer = _issuer_key(cit.issuer) if cit.issuer else _issuer_key(cit.subject)
    own = _issuer_key(h.issuer) if h.level and h.issuer else None
    number = _number_key(cit.kind, h.number)
    return {
        "number": (_number_key(cit.kind, cit.number) == number) if number else None,
        "date": (cit.date == h.date) if h.date and cit.date else None,
        "issuer": (issuer == own) if issuer and own else _same_body(cit.issuer, h.issuer),
        "kind": fold(cit.kind) == fold(h.doc_type or ""),
    }


def _same_body(cited: str | None, issuer: str | None) -> bool | None:
    """Whether a citation naming a body without its unit ("Sở Lao động - Thương binh và Xã hội thành phố")
    names the parent's body; None when either names no known body."""
    from plan_audit.parse.duties import agency_of

    a, b = agency_of(cited)[0] if cited else None, agency_of(issuer)[0] if issuer else None
    return (a == b) if a and b else None


def resolve_parent(plan: Plan, entries: list[Entry]) -> Resolution:
    """The entry the plan's basis citations point to, preferring the level directly above in the plan's era."""
    level = LEVEL_RANK.get(plan.header.level or "", -1)
    higher = [e for e in entries if LEVEL_RANK.get(e.plan.header.level or "", -1) > level]
    basis = [c for c in plan.citations if c.role == "basis" and c.kind != "Luật"] or [c for c in plan.citations if c.kind == "Kế hoạch"]
    best: tuple[int, Citation, Entry, dict[str, bool | None]] | None = None
    for cit in basis:
        for entry in higher:
            agree = _agreement(cit, entry)
            matched = [k for k in ("number", "date", "issuer") if agree[k]]
            if not matched or (matched == ["date"]):
                continue
            rank = 3 * len(matched) + agree["kind"] - _distance(plan, entry)
            if best is None or rank > best[0]:
                best = (rank, cit, entry, agree)
    if best is None:
        expected = _expected(plan, basis)
        return Resolution(None, None, expected=expected)
    _, cit, entry, agree = best
    wrong = [k for k in ("number", "date", "issuer") if agree[k] is False]
    return Resolution(entry, cit, wrong)


def _distance(plan: Plan, entry: Entry) -> int:
    """Levels between the plan and a candidate parent, counting the 2025 reform (no district level after it)."""
    child = LEVEL_RANK.get(plan.header.level or "", 0)
    parent = LEVEL_RANK.get(entry.plan.header.level or "", 0)
    if plan.header.level == "xa" and (plan.header.date or f"{plan.header.year}-12-31") >= TWO_TIERS_FROM:
        return abs(parent - LEVEL_RANK["tinh"])
    return parent - child - 1


def _expected(plan: Plan, basis: list[Citation]) -> Citation | None:
    """The basis citation of the nearest higher level: what the parent should have been."""
    level = LEVEL_RANK.get(plan.header.level or "", -1)
    ranked = sorted(
        (c for c in basis if LEVEL_RANK.get(_cited_level(c) or "", -1) > level),
        key=lambda c: LEVEL_RANK.get(_cited_level(c) or "", 9),
    )
    return ranked[0] if ranked else (basis[0] if basis else None)


def forced_parent(plan: Plan, parent: Entry) -> Resolution:
    """The given parent, and how (or whether) the plan cites it."""
    basis = [c for c in plan.citations if c.kind != "Luật"]
    scored = []
    for cit in basis:
        agree = _agreement(cit, parent)
        matched = [k for k in ("number", "date", "issuer") if agree[k]]
        scored.append((len(matched) + (cit.role == "basis"), cit, agree))
    scored = [s for s in scored if s[0] > (1 if s[1].role == "basis" else 0)]
    if not scored:
        return Resolution(parent, None, ["absent"])
    _, cit, agree = max(scored, key=lambda s: s[0])
    return Resolution(parent, cit, [k for k in ("number", "date", "issuer") if agree[k] is False])
