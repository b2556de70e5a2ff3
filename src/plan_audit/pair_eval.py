"""Cross-check quality against the answer keys of corpora/pairs (see its README).

A key is written by reading a parent and a child plan: which parent obligations bind the child and
how the child covers each, and which cross-check findings a careful reviewer expects. Predicted
findings are matched with expected ones by category and by the quotes both carry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from plan_audit.evaluate import Report, Score, greedy
from plan_audit.model import Document, Plan
from plan_audit.parse.evidence import fold

CROSS_CATEGORIES = (
    "missing_duty", "weaker_target", "missing_target", "reporting_deadline_late", "reporting_missing",
    "parent_citation_mismatch", "plan_year_mismatch", "date_inconsistent",
)  # fmt: skip
QUOTE_MATCH = 85
CROSS_CHECKS = r"^(parent|duty|target\.weaker|target\.missing_for|reporting\.late_vs|reporting\.parent)"


def quote_match(expected: str | None, quotes: list[str]) -> bool:
    """True when `expected` (if any) is found, give or take wording noise, in one of `quotes`."""
    if not expected:
        return True
    return any(fuzz.partial_ratio(fold(expected), fold(q)) >= QUOTE_MATCH for q in quotes)


def keys(pairs_dir: Path) -> list[Path]:
    """Answer keys of the folder and of its subfolders (heldout/), in a stable order."""
    return sorted(pairs_dir.rglob("*.yaml"))


def load_key(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def cross_check(child: tuple[Document, Plan], parent: tuple[Document, Plan]) -> tuple[list[Any], Any]:
    """The cross-check findings (and coverage matrix) of a read child against a read parent."""
    from plan_audit.audit import audit
    from plan_audit.audit.align import coverage
    from plan_audit.corpus import Entry, forced_parent

    (doc, plan), (pdoc, pplan) = child, parent
    resolution = forced_parent(plan, Entry(Path(pdoc.source.path), pdoc, pplan))
    matrix = coverage(pdoc, pplan, doc, plan)
    return audit(doc, plan, parent=(pdoc, pplan), resolution=resolution, only=CROSS_CHECKS, coverage=matrix), matrix


def cross_findings(child: Path, parent: Path) -> tuple[list[Any], Any]:
    """The cross-check findings (and coverage) of the file `child` against the file `parent`."""
    from plan_audit.corpus import read_plan

    return cross_check(read_plan(child), read_plan(parent))


def score_pair(key: dict[str, Any], findings: list[Any]) -> dict[str, Score]:
    """Per category: expected findings of the key matched with the predicted ones by category and quotes."""
    expected: list[dict[str, Any]] = [
        {"category": "missing_duty", "parent_quote": o["parent_quote"]}
        for o in key.get("obligations") or []
        if o["status"] in ("missing", "partial")
    ]
    expected += list(key.get("expected") or [])
    out: dict[str, Score] = {}
    for category in CROSS_CATEGORIES:
        exp = [e for e in expected if e["category"] == category]
        pred = [f for f in findings if f.category == category]

        def same(e: dict[str, Any], f: Any) -> bool:  # noqa: ANN401
            child_quote = e.get("child_quote") if category != "missing_duty" else None
            return quote_match(e.get("parent_quote"), [q.quote for q in f.parent_evidence]) and quote_match(
                child_quote, [q.quote for q in f.evidence]
            )

        out[category] = greedy(exp, pred, same)
    return out


def evaluate_pairs(pairs_dir: Path, root: Path | None = None) -> tuple[Report, dict[str, float]]:
    """Cross-check P/R per category over every answer key (grouped by folder), and the coverage-status agreement."""
    report = Report()
    agree = total = 0
    base = root or Path.cwd()
    for path in keys(pairs_dir):
        key = load_key(path)
        findings, cov = cross_findings(base / key["child"], base / key["parent"])
        report.per_doc[path.stem] = score_pair(key, findings)
        report.groups[path.stem] = path.parent.name
        for o in key.get("obligations") or []:
            found = next((c for c in cov if quote_match(o["parent_quote"], [c.obligation.text])), None)
            total += 1
            agree += found is not None and found.status == o["status"]
    return report, {"obligations": total, "status_agreement": agree / total if total else 1.0}
