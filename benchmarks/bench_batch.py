"""Benchmark: `plan-audit batch` on a folder of N plan PDFs, cold and warm, next to plain pdfplumber.

Builds N PDFs (default 200) from the seed renderings with varied headers (issuer, number, date),
plus the constructed parent plans, then measures in one run:
  * plain pdfplumber `extract_text` over every page of the same files, with the same number of processes;
  * `plan-audit batch` cold (empty cache): read, parse, cross-check, reports, dashboard;
  * `plan-audit batch` warm (nothing changed);
and prints seconds per document, documents per minute, the ratios, and the peak memory of the
largest process (main or worker). Run:  python benchmarks/bench_batch.py [-n 200] [--jobs 2]
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "corpora" / "seeds"
COMMUNES = ["Minh Tiến", "Y Tịch", "Bình Lương", "Đoàn Đào", "Tống Phan", "Quang Hưng", "Tiên Tiến", "Nhật Quang"]


def build(folder: Path, n: int) -> list[Path]:
    """N plan PDFs rendered from the seeds with varied headers (cached between runs)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import yaml
    from corpus_render import render_pdf

    from plan_audit.ingest import read

    folder.mkdir(parents=True, exist_ok=True)
    headers = yaml.safe_load((ROOT / "corpora" / "rendered" / "headers.yaml").read_text(encoding="utf-8"))
    bodies = {stem: [p.text for p in read(SEEDS / f"{stem}.txt").body] for stem in headers}
    out = []
    for i, stem in zip(range(n), itertools.cycle(sorted(headers))):
        path = folder / f"plan-{i:04d}.pdf"
        if not path.exists():
            header = dict(headers[stem])
            place = COMMUNES[i % len(COMMUNES)]
            if header["issuer"][-1].startswith("XÃ "):
                header["issuer"] = [header["issuer"][0], f"XÃ {place.upper()}"]
                header["place_date"] = f"{place}, " + header["place_date"].split(", ", 1)[1]
            header["number"] = f"Số: {10 + i}/KH-UBND"
            render_pdf(bodies[stem], header, path)
        out.append(path)
    for parent in ("district-phu-cu-2022.txt", "district-chi-lang-2022.txt"):
        shutil.copy(ROOT / "corpora" / "fixtures" / parent, folder / parent)
    return out


def _extract(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def plain_pdfplumber(files: list[Path], jobs: int) -> float:
    start = time.perf_counter()
    with get_context("fork").Pool(jobs) as pool:
        pool.map(_extract, [str(f) for f in files], chunksize=1)
    return time.perf_counter() - start


def run_batch(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of one `plan-audit batch` run."""
    exe = Path(sys.executable).with_name("plan-audit")
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([str(exe), "batch", str(folder), "-o", str(out), "--jobs", str(jobs), "--quiet"], check=False)
    seconds = time.perf_counter() - start
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/plan_audit_bench"))
    args = ap.parse_args()
    folder = args.work / f"plans-{args.n}"
    t = time.perf_counter()
    files = build(folder, args.n)
    print(f"{len(files)} PDFs ready in {folder} ({time.perf_counter() - t:.0f} s to build)")
    out = args.work / "out"
    shutil.rmtree(out, ignore_errors=True)

    plain = plain_pdfplumber(files, args.jobs)
    cold, peak_cold = run_batch(folder, out, args.jobs)
    warm, _ = run_batch(folder, out, args.jobs)
    n = len(files)
    print(f"{'':<34}{'seconds':>9}{'s/doc':>8}{'docs/min':>10}")
    for name, secs in (("pdfplumber extract_text", plain), ("plan-audit batch, cold", cold), ("plan-audit batch, warm", warm)):
        print(f"{name:<34}{secs:>9.2f}{secs / n:>8.3f}{60 * n / secs:>10.0f}")
    print(f"cold batch vs plain pdfplumber: {plain / cold:.2f}× the throughput ({args.jobs} processes each)")
    print(f"warm re-run vs cold: {cold / warm:.0f}× faster")
    print(f"peak memory of the largest batch process (main or worker): {peak_cold:.0f} MB")


if __name__ == "__main__":
    main()
