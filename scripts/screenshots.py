"""Screenshots of the dashboard and of one report for the README (docs/*.png), from the bundled corpus.

Runs `batch` on corpora/rendered with the constructed parents, then opens the pages in Debian's
Chromium through Playwright. Run: python scripts/screenshots.py
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from plan_audit.batch import run_batch

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def main() -> None:
    out = Path(tempfile.mkdtemp())
    run_batch(ROOT / "corpora" / "rendered", out, corpus=ROOT / "corpora" / "fixtures", progress=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto((out / "index.html").as_uri())
        page.screenshot(path=str(ROOT / "docs" / "dashboard.png"))
        page.goto(next((out / "reports").glob("000_*.html")).as_uri())
        page.screenshot(path=str(ROOT / "docs" / "report.png"))
        browser.close()
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
