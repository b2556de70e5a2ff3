"""Benchmark: `parse` on the seed PDFs — seconds per document (median of --runs) and cost per stage.

Stages: reading the PDF (ingest), then each extractor. The one-time cost of building the spaCy
pipeline (imports of spaCy and underthesea, pattern compilation) is reported apart, since a batch
pays it once per worker. Run:  python benchmarks/bench_parse.py
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    t0 = time.perf_counter()
    from plan_audit.nlp import pipeline

    pipeline()
    build = time.perf_counter() - t0

    import importlib

    from plan_audit.ingest import read
    from plan_audit.parse import parse

    stages = {
        "header": ("plan_audit.parse.header", "parse_header"),
        "sections": ("plan_audit.parse.sections", "parse_sections"),
        "citations": ("plan_audit.parse.citations", "parse_citations"),
        "targets": ("plan_audit.parse.targets", "parse_targets"),
        "duties": ("plan_audit.parse.duties", "parse_duties"),
        "reporting": ("plan_audit.parse.reporting", "parse_reporting"),
        "objectives": ("plan_audit.parse.statements", "parse_objectives"),
        "budget": ("plan_audit.parse.statements", "parse_budget"),
    }
    cost: dict[str, list[float]] = defaultdict(list)
    per_doc: dict[str, list[float]] = defaultdict(list)
    pdfs = sorted(p for p in (ROOT / "corpora" / "rendered").glob("*.pdf") if not p.stem.endswith("-scan"))
    originals = {name: getattr(importlib.import_module(mod), attr) for name, (mod, attr) in stages.items()}
    timed: dict[str, float] = {}

    def timer(name: str, fn):  # noqa: ANN001, ANN202
        def wrapper(*a, **k):  # noqa: ANN002, ANN003, ANN202
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                timed[name] = timed.get(name, 0.0) + time.perf_counter() - start

        return wrapper

    for name, (mod, attr) in stages.items():  # the extractors are looked up at each parse() call
        setattr(importlib.import_module(mod), attr, timer(name, originals[name]))
    try:
        for _ in range(args.runs):
            for pdf in pdfs:
                timed.clear()
                start = time.perf_counter()
                doc = read(pdf)
                cost["read (ingest)"].append(time.perf_counter() - start)
                parse(doc)
                for name, secs in timed.items():
                    cost[name].append(secs)
                per_doc[pdf.name].append(time.perf_counter() - start)
    finally:
        for name, (mod, attr) in stages.items():
            setattr(importlib.import_module(mod), attr, originals[name])
    print(f"one-time pipeline build (spaCy + underthesea + patterns): {build:.2f} s")
    print(f"{'document':<34}{'read+parse (median)':>22}")
    for name, secs in per_doc.items():
        print(f"{name:<34}{statistics.median(secs):>21.3f}s")
    total = sum(statistics.median(s) for s in per_doc.values())
    print(f"median per document: {statistics.median([statistics.median(s) for s in per_doc.values()]):.3f} s; five documents {total:.2f} s")
    print("cost per stage (sum over the five documents, median run):")
    runs = args.runs
    for name, secs in sorted(cost.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {name:<22}{sum(secs) / runs:>8.3f} s")


if __name__ == "__main__":
    main()
