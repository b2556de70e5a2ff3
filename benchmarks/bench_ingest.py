"""Benchmark: reading plan PDFs with plan_audit versus plain pdfplumber `extract_text`.

Prints, for the five seed PDFs, seconds per page and per document (median of --runs) for
  * pdfplumber: open + `extract_text()` on every page (the baseline a user would write),
  * plan_audit `read()`: pdfplumber on the header page, pypdfium2 elsewhere,
  * plan_audit `read()` with pdfplumber on every page (the exact path),
checks that the fast and exact paths give identical body text, and measures peak memory
(max RSS of a fresh process) on a 77-page plan for plan_audit and for pdfplumber with its
page cache. Run:  python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RENDERED = ROOT / "corpora" / "rendered"
LONG_PAGES = 79
"""Target length of the memory test plan, counted from the seeds' renderings (one header fewer: ~77 pages)."""


def _pdfplumber_all(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _plan_audit(path: Path, exact: str = "first") -> str:
    from plan_audit.ingest import finish
    from plan_audit.ingest.pdf import read_pdf

    lines, noise, pages, _clean, fmt = read_pdf(path, exact_pages=exact)
    return finish(path, fmt, lines, noise, pages, []).body_text


def _median_time(fn, runs: int) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def speed(runs: int) -> None:
    import pypdfium2 as pdfium

    pdfs = sorted(p for p in RENDERED.glob("*.pdf") if not p.stem.endswith("-scan"))
    pages = {p: len(pdfium.PdfDocument(str(p))) for p in pdfs}
    _plan_audit(pdfs[0])  # warm imports
    _pdfplumber_all(pdfs[0])
    total = {"pdfplumber": 0.0, "fast": 0.0, "exact": 0.0}
    print(f"{'document':<34}{'pages':>6}{'pdfplumber':>12}{'plan_audit':>12}{'exact path':>12}{'speed-up':>10}  same body")
    for p in pdfs:
        base = _median_time(lambda: _pdfplumber_all(p), runs)
        fast = _median_time(lambda: _plan_audit(p), runs)
        exact = _median_time(lambda: _plan_audit(p, "all"), runs)
        same = _plan_audit(p) == _plan_audit(p, "all")
        total["pdfplumber"] += base
        total["fast"] += fast
        total["exact"] += exact
        print(f"{p.name:<34}{pages[p]:>6}{base:>11.3f}s{fast:>11.3f}s{exact:>11.3f}s{base / fast:>9.1f}×  {same}")
    n = sum(pages.values())
    print(
        f"{'all five':<34}{n:>6}{total['pdfplumber']:>11.3f}s{total['fast']:>11.3f}s{total['exact']:>11.3f}s"
        f"{total['pdfplumber'] / total['fast']:>9.1f}×"
    )
    print(
        f"per page: pdfplumber {1000 * total['pdfplumber'] / n:.1f} ms, plan_audit {1000 * total['fast'] / n:.1f} ms; "
        f"per document: plan_audit {total['fast'] / len(pdfs):.3f} s"
    )


def _long_plan(out: Path) -> Path:
    """A plan of about LONG_PAGES pages: the seeds' paragraphs repeated under one header."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import pypdfium2 as pdfium
    import yaml
    from corpus_render import render_pdf

    from plan_audit.ingest import read

    headers = yaml.safe_load((RENDERED / "headers.yaml").read_text(encoding="utf-8"))
    stem = sorted(headers)[2]
    paragraphs: list[str] = []
    pages = 0
    seeds = itertools.cycle(sorted((ROOT / "corpora" / "seeds").glob("*.txt")))
    while pages < LONG_PAGES:  # whole seeds until the rendered length reaches the target
        seed = next(seeds)
        paragraphs += [p.text for p in read(seed).body]
        pages += len(pdfium.PdfDocument(str(RENDERED / f"{seed.stem}.pdf")))
    render_pdf(paragraphs, headers[stem], out)
    return out


_MEASURE = """
import resource, sys
from pathlib import Path
path = Path(sys.argv[2])
if sys.argv[1] == "plan_audit":
    from plan_audit.ingest import read
    read(path)
else:
    import pdfplumber
    pdf = pdfplumber.open(path)
    for page in pdf.pages:
        page.extract_text()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def memory() -> None:
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        path = _long_plan(Path(tmp) / "long-plan.pdf")
        pages = len(pdfium.PdfDocument(str(path)))
        res = {}
        for who in ("plan_audit", "pdfplumber"):
            out = subprocess.run([sys.executable, "-c", _MEASURE, who, str(path)], capture_output=True, text=True, check=True)
            res[who] = float(out.stdout.strip())
        print(
            f"peak memory on a {pages}-page plan: plan_audit {res['plan_audit']:.0f} MB, "
            f"pdfplumber (page cache kept) {res['pdfplumber']:.0f} MB"
        )
        print(json.dumps({"pages": pages, "peak_mb": res}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-memory", action="store_true")
    args = ap.parse_args()
    speed(args.runs)
    if not args.skip_memory:
        memory()


if __name__ == "__main__":
    main()
