"""The fast body path (pypdfium2) and the exact path (pdfplumber on every page) agree exactly."""

from __future__ import annotations

from plan_audit.ingest import finish
from plan_audit.ingest.pdf import read_pdf

from conftest import RENDERED


def body(seed: str, exact: str) -> str:
    path = RENDERED / f"{seed}.pdf"
    lines, noise, pages, _clean, fmt = read_pdf(path, exact_pages=exact)
    return finish(path, fmt, lines, noise, pages, []).body_text


def test_fast_and_exact_paths_give_identical_text(seed: str) -> None:
    assert body(seed, "first") == body(seed, "edges") == body(seed, "all") == body(seed, "none")


def test_fonts_and_regions_agree_between_paths(seed: str) -> None:
    def lines(exact: str) -> list[tuple]:  # noqa: ANN001
        path = RENDERED / f"{seed}.pdf"
        lines_, noise, pages, _clean, fmt = read_pdf(path, exact_pages=exact)
        doc = finish(path, fmt, lines_, noise, pages, [])
        return [(ln.text, ln.region, ln.font.split("+")[-1], ln.size) for ln in doc.lines]

    assert lines("first") == lines("all")
