"""Header fields: issuer, level, locality, number, place, date, document type, title, year.

Read from the two-column header block when the document has one, else from the opening lines
(text files that kept the header as lines), and — for extractions that lost it, as the seeds
did — from the title, the preamble ("Ủy ban nhân dân xã … ban hành …") and the closing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from plan_audit.ingest.noise import ingest_rules
from plan_audit.markers import match_marker, sections_pack
from plan_audit.model import Document, Header
from plan_audit.parse.citations import pack as citations_pack
from plan_audit.parse.dates import parse_date
from plan_audit.parse.evidence import span_of, words
from plan_audit.nlp import agencies, norm
from plan_audit.parse.units import find_units, level_of, levels_pack, title_case

TITLE_MAX_PARAGRAPHS = 3
NUMBER = re.compile(r"^Số\s?:?\s*(?P<number>[^\s,;]+)")
YEAR = re.compile(r"\bnăm\s+(?P<y>(?:19|20)\d{2})\b")


def doc_type_index(doc: Document) -> int | None:
    """Index of the paragraph naming the document type ("KẾ HOẠCH")."""
    types = sections_pack()["doc_types"]
    for i, p in enumerate(doc.paragraphs[:40]):
        if p.region == "body" and p.text.strip() in types:
            return i
    return None


@lru_cache(maxsize=1)
def _preamble() -> re.Pattern[str]:
    """A preamble sentence: a basis opener ("Thực hiện", "Căn cứ" …) that goes on to cite a document."""
    p = citations_pack()
    openers = "|".join(re.escape(o) for o in p["basis_openers"])
    kinds = "|".join(re.escape(k) for k in [*p["kinds"], "Luật", "số"])
    return re.compile(rf"^({openers})\s.*\b({kinds})\b")


def title_indexes(doc: Document, start: int) -> list[int]:
    """The subject lines after the document type, up to the preamble or the first section."""
    out: list[int] = []
    for i in range(start + 1, min(len(doc.paragraphs), start + 1 + TITLE_MAX_PARAGRAPHS)):
        text = doc.paragraphs[i].text
        if _preamble().match(text) or match_marker(text) or words(text) > 30 or text.endswith((";", ":", ",")):
            break
        out.append(i)
    return out


def header_lines(doc: Document, type_at: int | None) -> list[str]:
    """The header block's lines, or the lines above the document type when the header was kept as text
    (its two columns merged row by row, as a text extraction of the PDF gives them, split again)."""
    if doc.header:
        return doc.header.left + doc.header.right
    end = type_at if type_at is not None else 0
    return [part for p in doc.paragraphs[:end] for part in _unmerged(p.text)]


def _unmerged(line: str) -> list[str]:
    """A header row as its left and right column: the right one starts where the national title, the
    motto or the place-date line starts ("XÃ HOẰNG CHÂU Độc lập - Tự do - Hạnh phúc")."""
    r = ingest_rules()
    known = (r.national_title, r.motto, r.date_line)
    for m in re.finditer(r"\s+", line):
        right = line[m.end() :]
        if any(p.search(right) for p in known):
            return [line[: m.start()], right]
    return [line]


def _issuer_from_lines(lines: list[str]) -> tuple[str, str] | None:
    """(unit type, name) from issuer lines in capitals: "ỦY BAN NHÂN DÂN" / "XÃ MINH TIẾN"."""
    r = ingest_rules()
    body = re.compile(levels_pack()["issuing_body_pattern"])
    caps = [ln for ln in lines if ln.isupper() and not r.national_title.search(ln) and not r.number.search(ln) and not body.match(ln)]
    for text in (" ".join(caps[i:]) for i in range(len(caps) - 1, -1, -1)):
        units = find_units(title_case(text))
        if units:
            unit, name, _, _ = units[-1]
            return unit, name
    return None


def _issuing_body(lines: list[str]) -> str | None:
    """The body that issues the plan under its committee ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), named
    as the agencies pack writes it, else in sentence case; None when the committee issues it."""
    r = ingest_rules()
    body = re.compile(levels_pack()["issuing_body_pattern"])
    for ln in lines:
        if ln.isupper() and body.match(ln) and not r.national_title.search(ln):
            written = {norm(alias): alias for a in agencies() for alias in a["aliases"]}
            return written.get(norm(ln), ln[:1] + ln[1:].lower())
    return None


def _issuer_from_text(doc: Document, paras: list[int]) -> tuple[str, str] | None:
    """(unit type, name) from the plan's own voice ("Ủy ban nhân dân xã Y Tịch xây dựng …"), else the title."""
    for i in paras:
        text = doc.paragraphs[i].text
        for unit, name, committee, pos in find_units(text):
            if committee and not re.search(r"(của|với)\s*$", text[:pos]):
                return unit, name
    return None


def parse_header(doc: Document) -> Header:
    type_at = doc_type_index(doc)
    header = Header()
    if type_at is not None:
        header.doc_type = sections_pack()["doc_types"][doc.paragraphs[type_at].text.strip()]
        titles = title_indexes(doc, type_at)
        if titles:
            header.title = " ".join(doc.paragraphs[i].text for i in titles)
        header.span = span_of(doc, type_at)
    lines = header_lines(doc, type_at)
    r = ingest_rules()
    for ln in lines:
        m = NUMBER.match(ln)
        if m and header.number is None:
            header.number = m.group("number").rstrip(".")
        if r.date_line.search(ln) and header.date_text is None:
            header.date, _ = parse_date(ln)
            header.date_text = ln
            header.place = ln.split(",")[0].strip()
    unit_name = _issuer_from_lines(lines)
    if unit_name is None:
        start = (type_at or 0) + 1
        preamble = list(range(start, min(len(doc.paragraphs), start + 6)))
        closing = list(range(max(0, len(doc.paragraphs) - 15), len(doc.paragraphs)))
        unit_name = _issuer_from_text(doc, preamble + closing)
    if unit_name is None and header.title:
        units = find_units(header.title)
        unit_name = (units[-1][0], units[-1][1]) if units else None
    if unit_name:
        unit, name = unit_name
        body = _issuing_body(lines)
        header.issuer = f"{body or levels_pack()['committee'][0]} {unit} {name}"
        header.level = level_of(unit, name)
        header.locality = name
    year = YEAR.search(header.title or "")
    if year:
        header.year = int(year.group("y"))
    elif header.date and header.date[:4].isdigit():
        header.year = int(header.date[:4])
    return header
