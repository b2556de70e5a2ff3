"""OCR for image-only (scanned) PDFs with tesseract's Vietnamese model.

Pages are rendered with pypdfium2 and recognised line by line; each recognised line becomes a
`Segment` with its box, so the same layout code finds the header and signature columns.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from plan_audit.errors import InputError
from plan_audit.ingest.layout import Segment

OCR_DPI = 300
"""Tesseract's accuracy on 13–14 pt Vietnamese diacritics drops sharply below 300 dpi."""
OCR_LANG = "vie"
OCR_CONFIG = "--psm 3 --oem 1"
COLUMN_GAP_EM = 2.0
"""A gap between recognised words wider than this many line heights separates two columns."""


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """True when pytesseract imports and a tesseract binary with the `vie` language is installed."""
    try:
        import pytesseract  # noqa: F401
    except ImportError:
        return False
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False).stdout
    return OCR_LANG in langs.split()


def ocr_segments(path: Path, *, ocr: str = "auto") -> list[list[Segment]]:
    """Recognised text lines of every page, as segments in points."""
    if ocr == "never" or not ocr_available():
        raise InputError("needs_ocr", path=path)
    import pypdfium2 as pdfium
    import pytesseract

    scale = OCR_DPI / 72
    pages: list[list[Segment]] = []
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
            try:
                data = pytesseract.image_to_data(
                    image, lang=OCR_LANG, config=OCR_CONFIG, output_type=pytesseract.Output.DICT
                )
            except pytesseract.TesseractError as exc:
                raise InputError("ocr_failed", path=path, detail=str(exc).splitlines()[0]) from None
            pages.append(_segments(data, scale))
    finally:
        pdf.close()
    return pages


def _segments(data: dict[str, list], scale: float) -> list[Segment]:
    """Segments from recognised words: a line is cut where words are a column gap apart.

    Tesseract often reports the two header columns ("ỦY BAN NHÂN DÂN … CỘNG HÒA XÃ HỘI …") as one
    line; cutting at wide gaps gives the layout code the columns back.
    """
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if word.strip() and float(data["conf"][i]) >= 0:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    segs: list[Segment] = []
    for idx in lines.values():
        idx.sort(key=lambda i: data["left"][i])
        height = sorted(data["height"][i] for i in idx)[len(idx) // 2]
        run = [idx[0]]
        for prev, i in zip(idx, idx[1:]):
            if data["left"][i] - (data["left"][prev] + data["width"][prev]) > COLUMN_GAP_EM * height:
                segs.append(_segment(data, run, scale))
                run = []
            run.append(i)
        segs.append(_segment(data, run, scale))
    return segs


def _segment(data: dict[str, list], idx: list[int], scale: float) -> Segment:
    return Segment(
        " ".join(data["text"][i] for i in idx),
        min(data["left"][i] for i in idx) / scale,
        max(data["left"][i] + data["width"][i] for i in idx) / scale,
        min(data["top"][i] for i in idx) / scale,
        max(data["top"][i] + data["height"][i] for i in idx) / scale,
    )
