"""Structure checks: required sections, and numbering that jumps or repeats at any list level."""

from __future__ import annotations

from collections.abc import Iterator

from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.markers import sections_pack
from plan_audit.model import Section
from plan_audit.parse.sections import walk

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
LETTERS = "abcdđeghiklmnopqrstuvxy"
"""Vietnamese list letters: "đ" follows "d"; there is no "f", "j", "w", "z"."""


def _value(section: Section) -> int | None:
    """The item's number as an integer (roman, arabic, last part of dotted, letters a, b, c, d, đ, e …)."""
    n = section.number
    if section.marker == "roman":
        total = 0
        for a, b in zip(n, n[1:] + " "):
            total += -ROMAN[a] if ROMAN.get(b, 0) > ROMAN[a] else ROMAN[a]
        return total
    if section.marker in ("arabic", "dotted"):
        return int(n.split(".")[-1])
    if section.marker == "letter":
        return LETTERS.find(n) + 1 or None
    return None


@mechanism("required_section")
def required_section(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    plan = ctx.plan
    required = sections_pack()["required"].get(plan.header.doc_type or "", {})
    kinds = required.get(plan.header.level or "", required.get("*", []))
    present = {s.kind for s in walk(plan.sections)}
    anchor = plan.header.span
    for kind in kinds:
        if kind not in present and anchor is not None:
            title_para = next(i for i, p in enumerate(ctx.doc.paragraphs) if (p.page, p.line) == (anchor.page, anchor.line))
            yield Hit({"kind": word(kind, ctx.lang)}, [ctx.quote(title_para)])


def _siblings(sections: list[Section]) -> Iterator[list[Section]]:
    """Every list of sibling items, at every level."""
    yield sections
    for s in sections:
        yield from _siblings(s.children)


@mechanism("numbering")
def numbering(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    problem = spec.params["problem"]
    for siblings in _siblings(ctx.plan.sections):
        numbered = [s for s in siblings if _value(s) is not None]
        for prev, cur in zip(numbered, numbered[1:]):
            if prev.marker != cur.marker:
                continue
            a, b = _value(prev), _value(cur)
            evidence = [ctx.quote(cur.paragraphs[0], 0, cur.offset + len(cur.title))]
            if problem == "gap" and b > a + 1:
                names = [LETTERS[x - 1] if cur.marker == "letter" else str(x) for x in range(a + 1, b)]
                missing = ", ".join(names)
                yield Hit({"previous": prev.number, "number": cur.number, "missing": missing}, evidence)
            elif problem == "repeat" and b == a:
                yield Hit({"number": cur.number}, [ctx.quote(prev.paragraphs[0], 0, prev.offset + len(prev.title)), *evidence])
