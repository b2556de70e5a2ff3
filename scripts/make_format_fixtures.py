"""Writes the PDFs that the format checks' examples use (corpora/fixtures/format/), from seed 003.

* sans-font.pdf: the official layout set in DejaVu Sans instead of a Times-like font.
* narrow-left-margin.pdf: the official layout with a 20 mm left margin (the rule is 30–35 mm).

Both reuse scripts/corpus_render.py with one setting changed. Run: python scripts/make_format_fixtures.py
"""

from __future__ import annotations

import importlib
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))
OUT = ROOT / "corpora" / "fixtures" / "format"
SEED = "003_efbe91026500c58e"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU_FACES = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Italic": "DejaVuSans-Oblique.ttf", "-BoldItalic": "DejaVuSans-BoldOblique.ttf"}


def _render(out: Path, **settings: object) -> None:
    import corpus_render

    from plan_audit.ingest import read

    render = importlib.reload(corpus_render)
    for name, value in settings.items():
        setattr(render, name, value)
    render.TEXT_W_MM = render.PAGE_W_MM - render.MARGIN_LEFT_MM - render.MARGIN_RIGHT_MM
    headers = yaml.safe_load((ROOT / "corpora" / "rendered" / "headers.yaml").read_text(encoding="utf-8"))
    paragraphs = [p.text for p in read(ROOT / "corpora" / "seeds" / f"{SEED}.txt").body]
    render.render_pdf(paragraphs, headers[SEED], out)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, file in DEJAVU_FACES.items():
            shutil.copy(DEJAVU / file, Path(tmp) / f"DejaVuSans{suffix}.ttf")
        faces = {"DejaVuSans" + s: f"DejaVuSans{s}.ttf" for s in DEJAVU_FACES}
        _render(OUT / "sans-font.pdf", FONT_DIRS=[Path(tmp)], SERIF="DejaVuSans", FONT_FILES=faces)
    _render(OUT / "narrow-left-margin.pdf", MARGIN_LEFT_MM=20.0)


if __name__ == "__main__":
    main()
