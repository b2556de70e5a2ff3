"""Helpers for audit tests: run the whole pipeline on a file or on a text written to a temporary file."""

from __future__ import annotations

from pathlib import Path

from plan_audit.audit import audit
from plan_audit.audit.findings import Finding
from plan_audit.ingest import read
from plan_audit.parse import parse


def findings_of(path: Path, lang: str = "vi") -> list[Finding]:
    doc = read(path)
    return audit(doc, parse(doc), lang=lang)


def findings_of_text(text: str, tmp_path: Path, name: str = "plan.txt") -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return findings_of(path)


def findings_of_pair(parent: Path, child: Path, lang: str = "vi") -> list[Finding]:
    """Cross-check `child` against `parent` (a plan file, or a folder searched as a corpus)."""
    from plan_audit.corpus import Corpus, Entry, forced_parent, read_plan

    doc, plan = read_plan(child)
    if parent.is_dir():
        resolution = Corpus(parent).resolve(plan, exclude=child)
    else:
        pdoc, pplan = read_plan(parent)
        resolution = forced_parent(plan, Entry(parent, pdoc, pplan))
    found = resolution.parent
    return audit(doc, plan, lang=lang, parent=(found.doc, found.plan) if found else None, resolution=resolution)
