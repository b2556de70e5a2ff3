"""Render a plan's paragraphs as an official Vietnamese administrative document, in PDF and DOCX.

The layout follows the template of Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins 20/20/30/15 mm,
a borderless two-column header (issuing body and number on the left; national title, motto and
place-date on the right), the document type and title centred in bold, 14 pt justified body with a
1 cm first-line indent, page numbers from page 2 centred in the top margin, and a closing table with
the recipients ("Nơi nhận:") on the left and the signature block on the right.

The output is meant to be *read back* by plan_audit's readers, so it is strict about a few things:
every body paragraph (headings and list items too) starts with the first-line indent, continuation
lines start exactly at the left text margin, justified lines reach the right margin and only a
paragraph's last line is short; nothing is hyphenated; digital-signature stamp lines are never wrapped.

Importable:

    render_pdf(paragraphs, header, out, *, stamps=(), encrypt=None)
    render_docx(paragraphs, header, out, *, stamps=())
    scan_pdf(pdf, out, *, dpi=300, seed=0)

`header` is a dict: ``issuer`` (list of lines, the last one bold), ``number`` ("Số: 25/KH-UBND"),
``place_date`` ("Minh Tiến, ngày 25 tháng 3 năm 2022"), optionally ``national`` and ``motto``.
PDF output is byte-reproducible (reportlab ``invariant=1``); so are the DOCX and the scan.
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from statistics import NormalDist
from typing import Iterable, Sequence
from xml.sax.saxutils import escape

FONT_DIRS = [
    Path(d)
    for d in (
        os.environ.get("PLAN_AUDIT_FONT_DIR"),
        "/usr/share/fonts/truetype/liberation2",  # Debian/Ubuntu fonts-liberation2 (2.x: has Vietnamese)
        "/usr/share/fonts/truetype/liberation",  # fonts-liberation: 1.07 lacks U+1EA0-U+1EF9, 2.x has them
        "/usr/share/fonts/liberation-serif",  # Fedora
        "/usr/share/fonts/TTF",  # Arch
    )
    if d
]
"""Where Liberation Serif is looked for; the first directory whose font covers Vietnamese is used."""
SERIF = "LiberationSerif"
VIETNAMESE_PROBE = "ẠắỦựữỹĐđƯơ"
"""Characters a font must have to be used (Liberation 1.07 has Đ, Ư, ơ but none of U+1EA0-U+1EF9)."""
FONT_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF + "-Bold": "LiberationSerif-Bold.ttf",
    SERIF + "-Italic": "LiberationSerif-Italic.ttf",
    SERIF + "-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}
DOCX_FONT = "Times New Roman"

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Geometry (millimetres / points).
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20.0, 20.0, 30.0, 15.0
TEXT_W_MM = PAGE_W_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165 mm
HEADER_LEFT_MM = 65.0
SIGN_LEFT_MM = 80.0
FIRST_INDENT_MM = 10.0
BODY_PT = 14.0
LINE_HEIGHT = 1.15
SPACE_AFTER_PT = 6.0
SIGN_GAP_MM = 25.0
PAGE_NUMBER_PT = 13.0
PAGE_NUMBER_FROM_TOP_MM = 12.0
STAMP_PT = 8.0
FIXED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""Every timestamp written (DOCX properties, ZIP members, scan PDF info): fixed, for reproducible files."""

# Text recognition for the parts of a plan that are laid out specially.
ROMAN_HEADING = re.compile(r"^[IVXLC]{1,6}\s?[.)/-]\s")
PREAMBLE = re.compile(r"^(Thực hiện|Căn cứ)\b")
RECIPIENTS = re.compile(r"^Nơi nhận\s?:?")
AUTHORITY = re.compile(r"^(TM\.|KT\.|Q\.|TL\.|TUQ\.)|^(CHỦ TỊCH|PHÓ CHỦ TỊCH)$")
BULLET = re.compile(r"^[-–—+•*]")
STAMP_START = re.compile(r"(?i)đã ký lên văn bản này|^(người ký|ký bởi|signed by)\s?:")


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------------------------
# Structure: which paragraphs are the document type, the title, the body, recipients, signature
# --------------------------------------------------------------------------------------------


@dataclass
class PlanLayout:
    doc_type: str | None = None
    """"KẾ HOẠCH" (the first paragraph when it is a short all-capitals line)."""
    title: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    """"Nơi nhận:" followed by its items; empty when the text has none."""
    authority: list[str] = field(default_factory=list)
    """Signature lines above the blank space: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"."""
    signer: str | None = None

    @property
    def title_text(self) -> str:
        return " ".join(self.title)


def split_plan(paragraphs: Sequence[str]) -> PlanLayout:
    """Assign each paragraph to a part of the layout, from the text alone."""
    paras = [p for p in paragraphs if p.strip()]
    lay = PlanLayout()
    i = 0
    if paras and is_caps(paras[0]) and len(paras[0]) <= 40:
        lay.doc_type = paras[0]
        i = 1
        while i < len(paras) and len(lay.title) < 4:
            p = paras[i]
            if lay.title and PREAMBLE.match(p):
                break
            if ROMAN_HEADING.match(p) or len(p) > 300:
                break
            lay.title.append(p)
            i += 1
    rest = paras[i:]

    sign: list[str] = []
    r = max((k for k, p in enumerate(rest) if RECIPIENTS.match(p)), default=None)
    if r is not None:
        tail = rest[r + 1 :]
        j = next((k for k, p in enumerate(tail) if AUTHORITY.match(p)), None)
        if j is None:
            j = next((k for k, p in enumerate(tail) if not BULLET.match(p)), len(tail))
        lay.recipients = [rest[r]] + tail[:j]
        sign = tail[j:]
        rest = rest[:r]
    else:
        window = range(max(0, len(rest) - 6), len(rest))
        k = next((k for k in window if AUTHORITY.match(rest[k]) and all(len(x) <= 60 for x in rest[k:])), None)
        if k is not None:
            sign, rest = rest[k:], rest[:k]
    if len(sign) >= 2:
        lay.authority, lay.signer = sign[:-1], sign[-1]
    else:
        lay.authority = sign
    lay.body = rest
    return lay


def stamp_groups(stamps: Iterable[str]) -> list[list[str]]:
    """Split stamp lines into one group per signature (a group starts at "… đã ký lên văn bản này!")."""
    groups: list[list[str]] = []
    for s in stamps:
        if not s.strip():
            continue
        if not groups or STAMP_START.search(s):
            groups.append([])
        groups[-1].append(s)
    return groups


def header_fields(header: dict) -> tuple[list[str], str, str, str, str]:
    issuer = [str(x) for x in header["issuer"]]
    return (
        issuer,
        str(header["number"]),
        str(header["place_date"]),
        str(header.get("national", NATIONAL_TITLE)),
        str(header.get("motto", MOTTO)),
    )


# --------------------------------------------------------------------------------------------
# PDF (reportlab platypus)
# --------------------------------------------------------------------------------------------

_fonts_registered = False


def font_dir() -> Path:
    """The first of FONT_DIRS holding all four Liberation Serif faces with Vietnamese glyphs."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    tried = []
    for d in FONT_DIRS:
        files = [d / f for f in FONT_FILES.values()]
        if not all(f.is_file() for f in files):
            tried.append(f"{d} (missing)")
            continue
        if all(ord(c) in TTFontFile(str(f)).charToGlyph for f in files for c in VIETNAMESE_PROBE):
            return d
        tried.append(f"{d} (no Vietnamese glyphs: Liberation 1.x)")
    raise FileNotFoundError(
        "Liberation Serif 2.x is needed (install fonts-liberation2, or set PLAN_AUDIT_FONT_DIR); tried "
        + "; ".join(tried)
    )


def register_fonts() -> None:
    """Register Liberation Serif (4 faces) with reportlab, once; fails clearly when the fonts are missing."""
    global _fonts_registered
    if _fonts_registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    d = font_dir()
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(d / file)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF + "-Bold")
    addMapping(SERIF, 0, 1, SERIF + "-Italic")
    addMapping(SERIF, 1, 1, SERIF + "-BoldItalic")
    _fonts_registered = True


def _face(bold: bool = False, italic: bool = False) -> str:
    return SERIF + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Italic", (1, 1): "-BoldItalic"}[(bold, italic)]


def missing_glyphs(texts: Iterable[str]) -> set[str]:
    """Characters of `texts` (other than line breaks) that Liberation Serif cannot draw."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    cmaps = [pdfmetrics.getFont(name).face.charToGlyph for name in FONT_FILES]
    chars = {c for t in texts for c in t if c not in "\r\n\t"}
    return {c for c in chars if any(ord(c) not in m for m in cmaps)}


def _pdf_styles():
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    def st(name, size, bold=False, italic=False, align=TA_CENTER, **kw):
        base = dict(
            fontName=_face(bold, italic),
            fontSize=size,
            leading=round(size * LINE_HEIGHT, 2),
            alignment=align,
            spaceBefore=0,
            spaceAfter=0,
            hyphenationLang="",
            embeddedHyphenation=0,
            uriWasteReduce=0,
            splitLongWords=1,
        )
        return ParagraphStyle(name, **{**base, **kw})

    body = dict(align=TA_JUSTIFY, firstLineIndent=FIRST_INDENT_MM * mm, spaceAfter=SPACE_AFTER_PT)
    return {
        "issuer": st("issuer", 13),
        "issuer_b": st("issuer_b", 13, bold=True),
        "number": st("number", 13),
        "national": st("national", 13, bold=True),
        "motto": st("motto", 14, bold=True),
        "place_date": st("place_date", 14, italic=True),
        "doc_type": st("doc_type", BODY_PT, bold=True),
        "title": st("title", BODY_PT, bold=True),
        "body": st("body", BODY_PT, **body),
        "heading": st("heading", BODY_PT, bold=True, keepWithNext=1, **body),
        "recipients_head": st("recipients_head", 12, bold=True, italic=True, align=TA_LEFT),
        "recipient": st("recipient", 11, align=TA_LEFT),
        "sign": st("sign", BODY_PT, bold=True),
    }


def _p(text: str, style):
    """A one-style Paragraph of plain `text` (markup characters escaped).

    The markup parser cuts the text into fragments at every entity ("TB&amp;XH" → "TB", "&", "XH"),
    and each fragment becomes its own text-showing operator; text extractors (pdfium) then see
    separate runs inside a word. As the whole paragraph has one style, the fragments are merged back.
    """
    from reportlab.platypus import Paragraph
    from reportlab.platypus.paraparser import ParaParser

    parser = ParaParser()
    _, frags, _ = parser.parse(escape(text), style)
    if frags is None:
        raise ValueError(f"cannot lay out paragraph {text[:40]!r}: {parser.errors}")
    attrs = [{k: v for k, v in f.__dict__.items() if k != "text"} for f in frags]
    if len(frags) > 1 and all(a == attrs[0] for a in attrs):
        merged = frags[0].clone()
        merged.text = "".join(f.text for f in frags)
        frags = [merged]
    return Paragraph(escape(text), style, frags=frags)


def _rule(width_pt: float, *, space_before: float = 3.5, space_after: float = 0.0):
    """A centred horizontal rule, `width_pt` long (the short lines under the issuer, motto and title)."""
    from reportlab.platypus import Flowable

    class _Rule(Flowable):
        # The gap above is part of the flowable's height: table cells ignore spaceBefore.
        def wrap(self, aw, ah):
            self._aw = aw
            return aw, space_before + 1.0 + space_after

        def draw(self):
            x0 = (self._aw - width_pt) / 2
            y = space_after + 0.5
            self.canv.setLineWidth(0.6)
            self.canv.line(x0, y, x0 + width_pt, y)

    return _Rule()


def _table(rows, col_widths, *, top_padding_rows: dict[int, float] | None = None):
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=col_widths, hAlign="LEFT")
    cmds = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    for row, pad in (top_padding_rows or {}).items():
        cmds.append(("TOPPADDING", (0, row), (-1, row), pad))
    t.setStyle(TableStyle(cmds))
    return t


def _pdf_header(header: dict, styles):
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    issuer, number, place_date, national, motto = header_fields(header)
    left = [_p(x, styles["issuer"]) for x in issuer[:-1]] + [_p(issuer[-1], styles["issuer_b"])]
    issuer_w = stringWidth(issuer[-1], _face(bold=True), 13)
    left.append(_rule(max(18 * mm, min(issuer_w * 0.45, 35 * mm))))
    right = [
        _p(national, styles["national"]),
        _p(motto, styles["motto"]),
        _rule(stringWidth(motto, _face(bold=True), 14)),
    ]
    # Same top and nearly the same baseline for "Số: …" (13 pt) and the place-date line (14 pt).
    num = _p(number, styles["number"])
    num.style = num.style.clone("number_aligned", spaceBefore=1.0)
    rows = [[left, right], [[num], [_p(place_date, styles["place_date"])]]]
    return _table(rows, [HEADER_LEFT_MM * mm, (TEXT_W_MM - HEADER_LEFT_MM) * mm], top_padding_rows={1: 8})


def _pdf_signature(lay: PlanLayout, styles):
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    left = []
    if lay.recipients:
        left.append(_p(lay.recipients[0], styles["recipients_head"]))
        left += [_p(x, styles["recipient"]) for x in lay.recipients[1:]]
    right = [_p(x, styles["sign"]) for x in lay.authority]
    if lay.signer:
        right += [Spacer(1, SIGN_GAP_MM * mm), _p(lay.signer, styles["sign"])]
    return _table([[left or "", right or ""]], [SIGN_LEFT_MM * mm, (TEXT_W_MM - SIGN_LEFT_MM) * mm])


STAMP_PAD_MM = 1.8


def stamp_font_size(groups: list[list[str]]) -> tuple[float, float]:
    """Font size for stamp lines (STAMP_PT, smaller if needed so that no line wraps within the text
    width) and the resulting box width in points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    pad = STAMP_PAD_MM / 25.4 * 72
    widest = max(stringWidth(s, _face(), STAMP_PT) for g in groups for s in g)
    limit = TEXT_W_MM / 25.4 * 72 - 2 * pad
    size = STAMP_PT if widest <= limit else round(STAMP_PT * limit / widest, 2)
    return size, max(stringWidth(s, _face(), size) for g in groups for s in g) + 2 * pad


class _StampBoxes:
    """Factory for the flowable drawing digital-signature stamps at the bottom right of the last page."""

    @staticmethod
    def make(groups: list[list[str]]):
        from reportlab.lib.units import mm
        from reportlab.platypus import Flowable

        pad, gap_between, gap_above = STAMP_PAD_MM * mm, 2 * mm, 6 * mm
        font = _face()
        size, box_w = stamp_font_size(groups)  # never wrap a stamp line
        lead = size * 1.2
        heights = [len(g) * lead + 2 * pad for g in groups]
        total = sum(heights) + gap_between * (len(groups) - 1)

        class StampBox(Flowable):
            def wrap(self, aw, ah):
                self._aw = aw
                need = total + gap_above
                self._h = need if ah < need else max(need, ah - 0.01)  # take the rest of the page
                return aw, self._h

            def draw(self):
                c = self.canv
                c.saveState()
                c.setLineWidth(0.5)
                x = self._aw - box_w
                y = 0.0
                for g, h in reversed(list(zip(groups, heights))):
                    c.rect(x, y, box_w, h, stroke=1, fill=0)
                    c.setFont(font, size)
                    for k, s in enumerate(g):
                        c.drawString(x + pad, y + h - pad - size * 0.9 - k * lead, s)
                    y += h + gap_between
                c.restoreState()

        return StampBox()


def _page_number(canvas, doc) -> None:
    from reportlab.lib.units import mm

    canvas.saveState()
    canvas.setFont(_face(), PAGE_NUMBER_PT)
    x = (MARGIN_LEFT_MM + TEXT_W_MM / 2) * mm
    canvas.drawCentredString(x, (PAGE_H_MM - PAGE_NUMBER_FROM_TOP_MM) * mm - PAGE_NUMBER_PT * 0.7, str(doc.page))
    canvas.restoreState()


def _no_page_number(canvas, doc) -> None:
    return None


def render_pdf(
    paragraphs: list[str],
    header: dict,
    out: Path,
    *,
    stamps: Sequence[str] = (),
    encrypt: str | None = None,
) -> None:
    """Write `paragraphs` as an official-layout A4 PDF to `out` (byte-reproducible).

    `stamps`: digital-signature stamp lines, drawn in boxes at the bottom right of the last page.
    `encrypt`: a user password; the PDF is then RC4-128 encrypted (owner password "<user>-owner").
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    register_fonts()
    issuer, *header_lines = header_fields(header)
    missing = missing_glyphs([*paragraphs, *stamps, *issuer, *header_lines])
    if missing:
        raise ValueError(f"no glyph in {SERIF} for {''.join(sorted(missing))!r}")
    styles = _pdf_styles()
    lay = split_plan(paragraphs)

    enc = None
    if encrypt is not None:
        from reportlab.lib.pdfencrypt import StandardEncryption

        enc = StandardEncryption(encrypt, encrypt + "-owner", strength=128)

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = BaseDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=MARGIN_LEFT_MM * mm,
        rightMargin=MARGIN_RIGHT_MM * mm,
        topMargin=MARGIN_TOP_MM * mm,
        bottomMargin=MARGIN_BOTTOM_MM * mm,
        title=lay.title_text or (lay.doc_type or ""),
        author=" ".join(issuer),
        subject=(lay.doc_type or "").capitalize(),
        creator="plan_audit scripts/corpus_render.py",
        invariant=1,
        encrypt=enc,
        initialFontName=SERIF,
        initialFontSize=BODY_PT,
        lang="vi",
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
    )
    doc.addPageTemplates([
        PageTemplate(id="first", frames=[frame], onPage=_no_page_number, autoNextPageTemplate="later"),
        PageTemplate(id="later", frames=[frame], onPage=_page_number),
    ])

    story: list = [_pdf_header(header, styles), Spacer(1, 20)]
    if lay.doc_type:
        story.append(_p(lay.doc_type, styles["doc_type"]))
    for t in lay.title:
        story.append(_p(t, styles["title"]))
    if lay.title:
        story += [_rule(50 * mm, space_before=4), Spacer(1, 14)]
    elif lay.doc_type:
        story.append(Spacer(1, 12))
    for text in lay.body:
        story.append(_p(text, styles["heading" if ROMAN_HEADING.match(text) else "body"]))
    if lay.recipients or lay.authority or lay.signer:
        story += [Spacer(1, 6), _pdf_signature(lay, styles)]
    groups = stamp_groups(stamps)
    if groups:
        story.append(_StampBoxes.make(groups))
    doc.build(story)


# --------------------------------------------------------------------------------------------
# DOCX (python-docx)
# --------------------------------------------------------------------------------------------


def _docx_font(run_or_style, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = run_or_style.font
    font.name = DOCX_FONT
    rpr = run_or_style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), DOCX_FONT)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _docx_par(
    par,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    first_indent_mm: float = 0.0,
    space_before: float = 0.0,
    space_after: float = 0.0,
    keep_with_next: bool = False,
):
    """Fill `par` with one run of `text` and set every paragraph format explicitly."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    fmt = par.paragraph_format
    fmt.alignment = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    fmt.first_line_indent = Mm(first_indent_mm)
    fmt.left_indent = Mm(0)
    fmt.right_indent = Mm(0)
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = LINE_HEIGHT
    fmt.keep_with_next = keep_with_next
    fmt.widow_control = True
    if text:
        _docx_font(par.add_run(text), size, bold, italic)
    return par


def _docx_rule(par, width_mm: float, container_mm: float):
    """An empty paragraph whose bottom border is a centred rule `width_mm` long."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    _docx_par(par, "", align="center")
    side = max(0.0, (container_mm - width_mm) / 2)
    fmt = par.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(side), Mm(side)
    fmt.line_spacing = Pt(2)  # a Length: "exactly 2 pt"
    ppr = par._p.get_or_add_pPr()
    bdr = ppr.makeelement(qn("w:pBdr"), {})
    bottom = bdr.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "6", qn("w:space"): "1", qn("w:color"): "000000"})
    bdr.append(bottom)
    _insert_ppr_child(ppr, bdr)
    return par


# Schema order of the w:pPr children we touch (CT_PPr sequence), so inserted elements stay valid.
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]


def _insert_ppr_child(ppr, child) -> None:
    from docx.oxml.ns import qn

    name = child.tag.split("}")[1]
    rank = _PPR_ORDER.index(name)
    for existing in list(ppr):
        if existing.tag == child.tag:
            ppr.remove(existing)
    for k, existing in enumerate(ppr):
        ename = existing.tag.split("}")[1]
        if ename in _PPR_ORDER and _PPR_ORDER.index(ename) > rank:
            existing.addprevious(child)
            return
    ppr.append(child)


def _docx_box_border(par) -> None:
    from docx.oxml.ns import qn

    ppr = par._p.get_or_add_pPr()
    bdr = ppr.makeelement(qn("w:pBdr"), {})
    for side in ("top", "left", "bottom", "right"):
        bdr.append(bdr.makeelement(qn(f"w:{side}"), {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "2", qn("w:color"): "000000"}))
    _insert_ppr_child(ppr, bdr)


def _docx_no_hyphenation(par) -> None:
    from docx.oxml.ns import qn

    ppr = par._p.get_or_add_pPr()
    _insert_ppr_child(ppr, ppr.makeelement(qn("w:suppressAutoHyphens"), {}))


def _docx_table(doc, widths_mm: list[float], rows: int = 1):
    """A borderless fixed-layout table with zero cell margins, `widths_mm` wide columns."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl = table._tbl
    tblpr = tbl.tblPr
    borders = tblpr.makeelement(qn("w:tblBorders"), {})
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{side}"), {qn("w:val"): "nil"}))
    tblpr.append(borders)
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is not None:  # the total width, not "auto"
        tblw.set(qn("w:type"), "dxa")
        tblw.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    mar = tblpr.makeelement(qn("w:tblCellMar"), {})
    for side in ("top", "left", "bottom", "right"):
        mar.append(mar.makeelement(qn(f"w:{side}"), {qn("w:w"): "0", qn("w:type"): "dxa"}))
    tblpr.append(mar)
    _sort_tblpr(tblpr)
    for k, w in enumerate(widths_mm):
        table.columns[k].width = Mm(w)
        for cell in table.columns[k].cells:
            cell.width = Mm(w)
    return table


_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange",
]


def _sort_tblpr(tblpr) -> None:
    children = list(tblpr)
    for c in children:
        tblpr.remove(c)
    key = lambda c: _TBLPR_ORDER.index(c.tag.split("}")[1]) if c.tag.split("}")[1] in _TBLPR_ORDER else 99  # noqa: E731
    for c in sorted(children, key=key):
        tblpr.append(c)


def _cell_par(cell, first: list[bool]):
    """The cell's initial empty paragraph the first time, a new paragraph afterwards."""
    if first[0]:
        first[0] = False
        return cell.paragraphs[0]
    return cell.add_paragraph()


def _docx_page_number_header(section) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    section.different_first_page_header_footer = True
    hdr = section.header
    hdr.is_linked_to_previous = False
    par = hdr.paragraphs[0]
    _docx_par(par, "", align="center")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        run = par.add_run()
        _docx_font(run, PAGE_NUMBER_PT)
        if kind == "text":
            run.text = text
        elif kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
    first = section.first_page_header
    first.is_linked_to_previous = False
    _docx_par(first.paragraphs[0], "", align="center")


def render_docx(
    paragraphs: list[str],
    header: dict,
    out: Path,
    *,
    stamps: Sequence[str] = (),
) -> None:
    """Write `paragraphs` as an official-layout A4 DOCX to `out` (byte-reproducible).

    Stamp lines, when given, follow the signature table as small (8 pt) paragraphs, right-aligned
    in a thin box (one box per signature), like the PDF.
    """
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    lay = split_plan(paragraphs)
    issuer, number, place_date, national, motto = header_fields(header)
    d = docx.Document()

    normal = d.styles["Normal"]
    _docx_font(normal, BODY_PT, False, False)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)

    sec = d.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    sec.top_margin, sec.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    sec.left_margin, sec.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    sec.header_distance, sec.footer_distance = Mm(PAGE_NUMBER_FROM_TOP_MM - 2), Mm(10)
    sec.gutter = Mm(0)
    _docx_page_number_header(sec)

    # Header block: 2 x 2 borderless table.
    right_mm = TEXT_W_MM - HEADER_LEFT_MM
    t = _docx_table(d, [HEADER_LEFT_MM, right_mm], rows=2)
    cell, fst = t.cell(0, 0), [True]
    for x in issuer[:-1]:
        _docx_par(_cell_par(cell, fst), x, size=13, align="center")
    _docx_par(_cell_par(cell, fst), issuer[-1], size=13, bold=True, align="center")
    _docx_rule(_cell_par(cell, fst), 25, HEADER_LEFT_MM)
    cell, fst = t.cell(0, 1), [True]
    _docx_par(_cell_par(cell, fst), national, size=13, bold=True, align="center")
    _docx_par(_cell_par(cell, fst), motto, size=14, bold=True, align="center")
    _docx_rule(_cell_par(cell, fst), 57, right_mm)
    _docx_par(t.cell(1, 0).paragraphs[0], number, size=13, align="center", space_before=6)
    _docx_par(t.cell(1, 1).paragraphs[0], place_date, size=14, italic=True, align="center", space_before=6)

    # Document type, title, rule.
    gap = _docx_par(d.add_paragraph(), "", align="center", space_after=6)
    _docx_font(gap.add_run(""), BODY_PT)
    if lay.doc_type:
        _docx_par(d.add_paragraph(), lay.doc_type, bold=True, align="center")
    for x in lay.title:
        _docx_par(d.add_paragraph(), x, bold=True, align="center")
    if lay.title:
        _docx_rule(d.add_paragraph(), 50, TEXT_W_MM)
        d.paragraphs[-1].paragraph_format.space_after = Pt(14)

    for text in lay.body:
        heading = bool(ROMAN_HEADING.match(text))
        par = _docx_par(
            d.add_paragraph(), text, bold=heading, align="justify", first_indent_mm=FIRST_INDENT_MM,
            space_after=SPACE_AFTER_PT, keep_with_next=heading,
        )
        _docx_no_hyphenation(par)

    if lay.recipients or lay.authority or lay.signer:
        d.add_paragraph()  # python-docx tables follow a paragraph; a small gap like the PDF's
        _docx_par(d.paragraphs[-1], "", space_after=0)
        t = _docx_table(d, [SIGN_LEFT_MM, TEXT_W_MM - SIGN_LEFT_MM])
        cell, fst = t.cell(0, 0), [True]
        if lay.recipients:
            _docx_par(_cell_par(cell, fst), lay.recipients[0], size=12, bold=True, italic=True, align="left")
            for x in lay.recipients[1:]:
                _docx_par(_cell_par(cell, fst), x, size=11, align="left")
        cell, fst = t.cell(0, 1), [True]
        for x in lay.authority:
            _docx_par(_cell_par(cell, fst), x, bold=True, align="center")
        if lay.signer:
            gap_pt = SIGN_GAP_MM / 25.4 * 72
            _docx_par(_cell_par(cell, fst), lay.signer, bold=True, align="center", space_before=gap_pt)

    groups = stamp_groups(stamps)
    if groups:
        size, box_pt = stamp_font_size(groups)
        indent_mm = max(0.0, TEXT_W_MM - box_pt / 72 * 25.4 - 2)  # 2 mm for the border spacing
        _docx_par(d.add_paragraph(), "", space_after=12)
        for g in groups:
            for s in g:
                par = _docx_par(d.add_paragraph(), s, size=size, align="left")
                par.paragraph_format.line_spacing = 1.0
                par.paragraph_format.left_indent = Mm(indent_mm)
                _docx_box_border(par)
            _docx_par(d.add_paragraph(), "", size=4)

    cp = d.core_properties
    cp.title = lay.title_text or (lay.doc_type or "")
    cp.author = " ".join(issuer)
    cp.subject = (lay.doc_type or "").capitalize()
    cp.last_modified_by = "plan_audit scripts/corpus_render.py"
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = "vi-VN"
    cp.revision = 1
    cp.created = cp.modified = cp.last_printed = FIXED_DATE.replace(tzinfo=None)

    buf = io.BytesIO()
    d.save(buf)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(reproducible_zip(buf.getvalue()))


def reproducible_zip(data: bytes) -> bytes:
    """The same ZIP with every member's timestamp fixed (python-docx stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# Scanned copy
# --------------------------------------------------------------------------------------------

PAPER, INK = 243, 28
NOISE_SIGMA, NOISE_RANGE = 3.0, 10


def _noise_lut() -> list[int]:
    """Uniform bytes → roughly Gaussian offsets (σ = NOISE_SIGMA), stored as 0..2·NOISE_RANGE."""
    nd = NormalDist(0, NOISE_SIGMA)
    return [min(2 * NOISE_RANGE, max(0, round(nd.inv_cdf((u + 0.5) / 256) + NOISE_RANGE))) for u in range(256)]


def scan_pdf(pdf: Path, out: Path, *, dpi: int = 300, seed: int = 0, quality: int = 70) -> None:
    """An image-only PDF that looks scanned: each page rasterised (pypdfium2) at `dpi`, grayscale,
    grey paper, slight sensor noise and blur, rotated by about 0.3°, JPEG-compressed (Pillow).

    Reproducible: the noise and the angles come from `random.Random(seed)`; dates are fixed.
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageFilter

    rng = random.Random(seed)
    lut = _noise_lut()
    tone = [INK + (PAPER - INK) * v // 255 for v in range(256)]
    pages = []
    src = pdfium.PdfDocument(str(pdf))
    try:
        for i in range(len(src)):
            page = src[i]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            page.close()
            img = img.filter(ImageFilter.GaussianBlur(radius=dpi / 400)).point(tone)
            noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1])).point(lut)
            img = ImageChops.add(img, noise, 1.0, -NOISE_RANGE)
            angle = rng.choice((-1, 1)) * rng.uniform(0.22, 0.38)
            img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=PAPER)
            pages.append(img)
    finally:
        src.close()
    if not pages:
        raise ValueError(f"{pdf} has no pages")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.gmtime(int(FIXED_DATE.timestamp()))
    pages[0].save(
        out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=quality,
        title="", author="", subject="", creator="scanner", producer="plan_audit scripts/corpus_render.py",
        creationDate=stamp, modDate=stamp,
    )
