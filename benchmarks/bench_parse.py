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

    from plan_audit import parse as P
    from plan_audit.ingest import read

    stages = {
        "header": P.parse_header,
        "sections": P.parse_sections,
        "citations": P.parse_citations,
        "targets": P.parse_targets,
        "duties": P.parse_duties,
        "reporting": P.parse_reporting,
        "objectives+budget": P.parse_objectives,
    }
    cost: dict[str, list[float]] = defaultdict(list)
    per_doc: dict[str, list[float]] = defaultdict(list)
    pdfs = sorted(p for p in (ROOT / "corpora" / "rendered").glob("*.pdf") if not p.stem.endswith("-scan"))
    for _ in range(args.runs):
        for pdf in pdfs:
            start = time.perf_counter()
            doc = read(pdf)
            cost["read (ingest)"].append(time.perf_counter() - start)
            timed = {}
            for name, fn in stages.items():
                original = fn

                def wrapper(*a, _f=original, _n=name, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
                    s = time.perf_counter()
                    try:
                        return _f(*a, **k)
                    finally:
                        timed[_n] = timed.get(_n, 0.0) + time.perf_counter() - s

                setattr(P, fn.__name__, wrapper)
            try:
                P.parse(doc)
            finally:
                for fn in stages.values():
                    setattr(P, fn.__name__, fn)
            for name, secs in timed.items():
                cost[name].append(secs)
            per_doc[pdf.name].append(time.perf_counter() - start)
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
