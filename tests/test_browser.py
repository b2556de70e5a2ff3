"""The HTML report and the dashboard in a real headless browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_audit.batch import run_batch

from conftest import BAD, RENDERED, ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); .ci/run installs it")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("in")
    shutil.copy(RENDERED / "000_e075a402e8f200a1.pdf", src / "minh-tien.pdf")
    shutil.copy(ROOT / "corpora" / "fixtures" / "district-phu-cu-2022.txt", src / "phu-cu.txt")
    shutil.copy(ROOT / "corpora" / "fixtures" / "commune-an-thang-2023.txt", src / "an-thang.txt")
    shutil.copy(BAD / "corrupt.pdf", src / "corrupt.pdf")
    out = tmp_path_factory.mktemp("out")
    run_batch(src, out, jobs=1, progress=False)
    return out


@pytest.fixture(scope="module")
def page():  # noqa: ANN201
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page()
        browser.close()


def test_report_renders_findings_quotes_and_coverage(batch_out: Path, page) -> None:  # noqa: ANN001
    report = next((batch_out / "reports").glob("minh-tien*.html"))
    page.goto(report.as_uri())
    assert page.locator("#summary").is_visible()
    assert page.locator("#findings tr.finding").count() > 5
    assert page.locator(".quote").first.is_visible()
    assert page.get_by_text("trên địa bàn huyện được đăng ký khai sinh", exact=False).first.is_visible()
    statuses = page.locator("#coverage tr.coverage-row").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert "covered" in statuses and "missing" in statuses


def test_dashboard_filters_and_sorts(batch_out: Path, page) -> None:  # noqa: ANN001
    page.goto((batch_out / "index.html").as_uri())
    rows = page.locator("#plans tbody tr")
    assert rows.count() == 4
    assert page.locator("#chart rect.bar").count() >= 10
    page.fill("#filter", "an-thang")
    assert page.locator("#plans tbody tr:not([hidden])").count() == 1
    page.fill("#filter", "")
    page.select_option("#level-filter", "huyen")
    visible = page.locator("#plans tbody tr:not([hidden])")
    assert visible.count() == 1 and "phu-cu" in visible.first.inner_text()
    page.select_option("#level-filter", "")
    page.check("#errors-only")
    names = page.locator("#plans tbody tr:not([hidden]) td:first-child").all_inner_texts()
    assert any("corrupt" in n for n in names) and not any("phu-cu" in n for n in names)
