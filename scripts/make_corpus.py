"""Build the rendered corpus and the bad-input fixtures from the seed plans.

    python scripts/make_corpus.py

For each corpora/seeds/<stem>.txt: read it with plan_audit's own reader (`plan_audit.ingest.read`),
render its body paragraphs with the header of corpora/rendered/headers.yaml as
corpora/rendered/<stem>.pdf and <stem>.docx (digital-signature stamp lines, if the reader set any
aside, are drawn too). Then a scanned copy of seed 003, and the unreadable / non-plan inputs of
corpora/fixtures/bad/. Every output is reproducible: re-running gives byte-identical files.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT / "scripts", ROOT / "src"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import yaml  # noqa: E402
from corpus_render import register_fonts, render_docx, render_pdf, scan_pdf  # noqa: E402
from plan_audit.ingest import read  # noqa: E402

SEEDS = ROOT / "corpora" / "seeds"
RENDERED = ROOT / "corpora" / "rendered"
BAD = ROOT / "corpora" / "fixtures" / "bad"
SCAN_SEED = "003_efbe91026500c58e"
FIXTURE_SEED = "003_efbe91026500c58e"
ENCRYPT_PASSWORD = "kehoach2023"
"""User password of bad/encrypted.pdf (owner password: "kehoach2023-owner")."""


def _show(path: Path) -> str:
    path = path.resolve()
    return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size} bytes"


def load_headers(path: Path = RENDERED / "headers.yaml") -> dict[str, dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for stem, h in data.items():
        missing = {"issuer", "number", "place_date"} - set(h)
        if missing:
            raise SystemExit(f"{path}: {stem} lacks {', '.join(sorted(missing))}")
    return data


def seed_content(seed: Path) -> tuple[list[str], list[str]]:
    """Body paragraph texts and signature-stamp lines of a seed, as plan_audit reads them."""
    doc = read(seed)
    paragraphs = [p.text for p in doc.body]
    stamps = [n.text for n in doc.noise if n.kind == "signature_stamp"]
    return paragraphs, stamps


def corrupt(pdf: bytes) -> bytes:
    """`pdf` truncated to 40 %, followed by a damaged cross-reference table and trailer.

    The original xref offsets are garbled (digits replaced, one entry cut short), /Size is wrong,
    and startxref points beyond the end of the file.
    """
    head = pdf[: int(len(pdf) * 0.4)]
    m = re.search(rb"xref\r?\n(.*?)trailer(.*?)startxref", pdf, re.S)
    table = m.group(1) if m else b"0 1\n0000000000 65535 f \n"
    lines = table.split(b"\n")
    damaged = []
    for k, ln in enumerate(lines):
        if re.match(rb"^\d{10} \d{5} n", ln):
            ln = ln[:3] + b"X" + ln[4:] if k % 3 == 0 else bytes(reversed(ln[:10])) + ln[10:]
            if k == 4:
                ln = ln[:9]
        damaged.append(ln)
    trailer = m.group(2) if m else b"\n<< /Root 1 0 R >>\n"
    trailer = re.sub(rb"/Size \d+", b"/Size 9999", trailer)
    return head + b"\nxref\n" + b"\n".join(damaged) + b"trailer" + trailer + b"startxref\n%d\n%%%%EOF\n" % (len(pdf) * 3)


def zip_archive(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def blank_pdf(out: Path) -> None:
    """A valid one-page A4 PDF with an empty page: no text, no images."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.setTitle("")
    c.showPage()
    c.save()


def shopping_list_pdf(out: Path) -> None:
    """A valid PDF with real text that is not a plan: a short English shopping list."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    register_fonts()
    c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
    c.setTitle("Shopping list")
    c.setAuthor("")
    y = A4[1] - 100
    c.setFont("LiberationSerif-Bold", 18)
    c.drawString(85, y, "Shopping list for Saturday")
    c.setFont("LiberationSerif", 13)
    for item in ("2 kg rice", "1 dozen eggs", "Fish sauce", "Green tea", "Bananas", "Dish soap",
                 "Batteries (AA, pack of 4)", "Birthday card for Mum"):
        y -= 24
        c.drawString(100, y, "- " + item)
    y -= 40
    c.setFont("LiberationSerif-Italic", 12)
    c.drawString(85, y, "Remember: the market closes at noon.")
    c.showPage()
    c.save()


def make_bad(rendered_pdf: Path, paragraphs: list[str], header: dict, seed_text: bytes, bad: Path) -> list[Path]:
    bad.mkdir(parents=True, exist_ok=True)
    out = []
    p = bad / "encrypted.pdf"
    render_pdf(paragraphs, header, p, encrypt=ENCRYPT_PASSWORD)
    out.append(p)
    p = bad / "corrupt.pdf"
    p.write_bytes(corrupt(rendered_pdf.read_bytes()))
    out.append(p)
    p = bad / "archive.pdf"
    p.write_bytes(zip_archive({"ke-hoach/ke-hoach.txt": seed_text, "ke-hoach/README.txt": b"Ke hoach (plan), zipped.\n"}))
    out.append(p)
    for name in ("empty.pdf", "empty.txt"):
        p = bad / name
        p.write_bytes(b"")
        out.append(p)
    p = bad / "blank.pdf"
    blank_pdf(p)
    out.append(p)
    p = bad / "not-a-plan.pdf"
    shopping_list_pdf(p)
    out.append(p)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, default=SEEDS)
    ap.add_argument("--out", type=Path, default=RENDERED)
    ap.add_argument("--bad", type=Path, default=BAD)
    ap.add_argument("--headers", type=Path, default=RENDERED / "headers.yaml")
    ap.add_argument("--no-scan", action="store_true", help="skip the (slow) scanned copy")
    args = ap.parse_args(argv)

    headers = load_headers(args.headers)
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seeds in {args.seeds}")
    content: dict[str, tuple[list[str], list[str]]] = {}
    for seed in seeds:
        if seed.stem not in headers:
            raise SystemExit(f"{args.headers} has no header for {seed.stem}")
        paragraphs, stamps = seed_content(seed)
        content[seed.stem] = (paragraphs, stamps)
        header = headers[seed.stem]
        for ext, render in (("pdf", render_pdf), ("docx", render_docx)):
            target = args.out / f"{seed.stem}.{ext}"
            render(paragraphs, header, target, stamps=stamps)
            print(_show(target))

    if not args.no_scan and SCAN_SEED in content:
        target = args.out / f"{SCAN_SEED}-scan.pdf"
        scan_pdf(args.out / f"{SCAN_SEED}.pdf", target, dpi=300, seed=3)
        print(_show(target))

    if FIXTURE_SEED in content:
        paragraphs, _ = content[FIXTURE_SEED]
        for p in make_bad(args.out / f"{FIXTURE_SEED}.pdf", paragraphs, headers[FIXTURE_SEED],
                          (args.seeds / f"{FIXTURE_SEED}.txt").read_bytes(), args.bad):
            print(_show(p))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
