"""Mutation harness: plant a defect in a child plan of an answer key and see whether the cross-check names it.

Three kinds of mutant, each from what the key's reader wrote down (corpora/pairs/README.md):
- every passage that carries out a parent obligation (`child_quote` and `also_in`) is deleted, with
  its paragraph → a missing_duty naming that obligation is expected;
- a child target that implements a parent target is replaced by its weaker `mutant` → weaker_target;
- a child reporting deadline is replaced by one after the parent's → reporting_deadline_late.
A mutant is a real file (plain text), read and parsed like any other.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_audit.model import Document
from plan_audit.pair_eval import cross_check, keys, load_key, quote_match
from plan_audit.parse.evidence import fold
from plan_audit.parse.sections import body_range

EXPECTED = {"delete": "missing_duty", "target": "weaker_target", "deadline": "reporting_deadline_late"}


@dataclass
class Tally:
    tried: int = 0
    detected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.detected / self.tried if self.tried else 1.0


def paragraphs_quoting(doc: Document, quote: str) -> set[int]:
    """Body paragraphs of `doc` whose text holds `quote` (folded: case, accents' forms and spacing aside)."""
    start, end = body_range(doc)
    q = " ".join(fold(quote).split())
    return {i for i in range(start, end) if q in " ".join(fold(doc.paragraphs[i].text).split())}


def text_without(doc: Document, drop: set[int]) -> str:
    """The document as plain text, one paragraph a line, header block first, without the paragraphs `drop`."""
    head = (doc.header.left + doc.header.right) if doc.header else []
    body = [p.text for i, p in enumerate(doc.paragraphs) if i not in drop]
    return "\n".join([*head, *body]) + "\n"


def _named(findings: list[Any], category: str, parent_quote: str) -> bool:
    return any(f.category == category and quote_match(parent_quote, [q.quote for q in f.parent_evidence]) for f in findings)


def run(pairs_dir: Path, root: Path | None = None) -> dict[str, Tally]:
    """Every mutant of every key of `pairs_dir`; per kind, how many gave the expected finding."""
    from plan_audit.corpus import read_plan

    base = root or Path.cwd()
    tallies = {kind: Tally() for kind in EXPECTED}
    with tempfile.TemporaryDirectory() as tmp:
        for path in keys(pairs_dir):
            key = load_key(path)
            child_path, parent = base / key["child"], read_plan(base / key["parent"])
            doc, _ = read_plan(child_path)
            before = cross_check((doc, _), parent)[0]
            mutants: list[tuple[str, str, str]] = []  # kind, parent quote, mutant text
            for ob in key.get("obligations") or []:
                quotes = [ob["child_quote"], *(ob.get("also_in") or [])] if ob.get("child_quote") else []
                drop = set().union(*(paragraphs_quoting(doc, q) for q in quotes)) if quotes else set()
                if drop:  # nothing to delete when the plan itself carries the obligation out (its title)
                    mutants.append(("delete", ob["parent_quote"], text_without(doc, drop)))
            raw = child_path.read_text(encoding="utf-8")
            for m in key.get("matches") or []:
                if m["child_quote"] in raw:
                    mutants.append((m["kind"], m["parent_quote"], raw.replace(m["child_quote"], m["mutant"])))
                else:
                    tallies[m["kind"]].misses.append(f"{path.stem}: quote not in the child: {m['child_quote']!r}")
            for n, (kind, parent_quote, text) in enumerate(mutants):
                category = EXPECTED[kind]
                if _named(before, category, parent_quote):
                    continue  # already a finding before the mutation: nothing to detect
                mutant = Path(tmp) / f"{path.stem}-{n}.txt"
                mutant.write_text(text, encoding="utf-8")
                after = cross_check(read_plan(mutant), parent)[0]
                tally = tallies[kind]
                tally.tried += 1
                if _named(after, category, parent_quote):
                    tally.detected += 1
                else:
                    tally.misses.append(f"{path.stem}: {parent_quote[:90]}")
    return tallies


def format_tallies(tallies: dict[str, Tally], *, misses: bool = True) -> str:
    lines = [f"{'mutation':<10}{'expected finding':<26}{'detected':>10}{'rate':>7}"]
    for kind, t in tallies.items():
        lines.append(f"{kind:<10}{EXPECTED[kind]:<26}{f'{t.detected}/{t.tried}':>10}{t.rate:>7.2f}")
    if misses:
        lines += [f"  missed ({kind}): {m}" for kind, t in tallies.items() for m in t.misses]
    return "\n".join(lines)
