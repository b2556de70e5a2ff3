"""Citations: every document the plan refers to, with kind, number, date, issuer, subject and role.

A citation is a type word followed by a number/symbol ("Kế hoạch số 42/KH-UBND ngày 11/3/2022
của UBND tỉnh Hưng Yên về …"), or a law by name ("Luật Trẻ em năm 2016"). Citations in the
preamble ("Thực hiện …", "Căn cứ …") are the plan's basis; the rest are mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from plan_audit.model import Citation, Document
from plan_audit.parse.dates import DATE_SLASH, DATE_WORDS, iso
from plan_audit.parse.evidence import fold, span_of
from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "kinds": [str],
    "number_pattern": str,
    "issuer_ends": [str],
    "subject_ends": [str],
    "basis_openers": [str],
    "laws": [str],
    "national_pattern": str,
    "local_issuer_pattern": str,
}
NEAR_DATE = 12
"""A date belongs to a citation when it starts within this many characters after the number."""


@lru_cache(maxsize=1)
def pack() -> dict[str, Any]:
    return load_pack("citations", SCHEMA)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    p = pack()
    kinds = "|".join(re.escape(k) for k in p["kinds"])
    doc = re.compile(rf"(?<!\w)(?P<kind>{kinds})(?:\s+(?:số|liên tịch số))?\s*:?\s*(?P<number>{p['number_pattern']})")
    laws = "|".join(re.escape(law) for law in sorted(p["laws"], key=len, reverse=True))
    law = re.compile(rf"(?<!\w)Luật\s+(?P<name>(?i:{laws}))(?:\s+(?:năm\s+)?(?P<year>(?:19|20)\d{{2}}))?(?!\w)")
    return doc, law


def _cut(text: str, ends: list[str]) -> str:
    stop = min((i for i in (text.find(e) for e in ends) if i >= 0), default=len(text))
    return text[:stop].strip()


def _date_after(text: str) -> tuple[str | None, int, str | None]:
    """(ISO date or None if impossible, end offset, date as written) of a date right after a number."""
    best: tuple[str | None, int, str | None] = (None, 0, None)
    for pattern in (DATE_WORDS, DATE_SLASH):
        m = pattern.search(text)
        if m and m.start() <= NEAR_DATE and "ngày" in text[: m.end()].lower() and m.group("y"):
            if best[1] == 0 or m.end() < best[1]:
                best = (iso(int(m.group("d")), int(m.group("m")), int(m.group("y"))), m.end(), m.group())
    return best


def _tail(rest: str) -> tuple[str | None, str | None]:
    """Issuer ("của …") and subject ("về …") in the text after the number and date."""
    issuer = subject = None
    m = re.match(r"\s*,?\s*(?:của|do)\s+", rest)
    if m:
        issuer = _cut(rest[m.end() :], pack()["issuer_ends"]) or None
        rest = rest[m.end() + len(issuer or "") :]
    m = re.match(r"\s*,?\s*(?:ban hành\s+)?(?:về việc|về|V/v)\s+", rest)
    if m:
        subject = _cut(rest[m.end() :], pack()["subject_ends"]).strip(" “”\"") or None
    return issuer, subject


def without_references(text: str) -> str:
    """`text` with each numbered document it cites blanked, with its date and issuer ("theo Quyết định số
    06/QĐ-TTg ngày 03/01/2019 của Thủ tướng Chính phủ"): what a duty cites is not work to carry out."""
    doc, _ = _patterns()
    out = text
    for m in reversed(list(doc.finditer(text))):
        _, dated, _ = _date_after(text[m.end() :])
        rest = text[m.end() + dated :]
        issuer, _ = _tail(rest)
        stop = m.end() + dated + (rest.find(issuer) + len(issuer) if issuer else 0)
        out = out[: m.start()] + " " * (stop - m.start()) + out[stop:]
    return out


def identity(cit: Citation) -> str:
    """What makes two citations one document: the number without its year part ("55a/2013/QĐ-TTg" =
    "55a/QĐ-TTg"), or the law's name. The same number in another year is told apart by the date."""
    if cit.number:
        return re.sub(r"/(?:19|20)\d\d(?=/)", "", cit.number)
    return fold(cit.name or "")


def is_basis_paragraph(text: str) -> bool:
    return text.startswith(tuple(pack()["basis_openers"]))


def parse_citations(doc: Document, preamble: list[int], body: range) -> list[Citation]:
    """Citations in document order, one per document (the first mention's data)."""
    doc_re, law_re = _patterns()
    basis = {i for i in preamble if is_basis_paragraph(doc.paragraphs[i].text)}
    seen: dict[tuple[str, str], Citation] = {}
    out: list[Citation] = []
    for i in body:
        text = doc.paragraphs[i].text
        role = "basis" if i in basis else "mention"
        found: list[tuple[int, Citation]] = []
        for m in doc_re.finditer(text):
            number = re.sub(r"\s+", "", m.group("number"))
            if not re.search(r"[A-ZĐ]", number):
                continue
            date, used, written = _date_after(text[m.end() :])
            issuer, subject = _tail(text[m.end() + used :])
            quote = text[m.start() : m.end() + used]
            found.append(
                (
                    m.start(),
                    Citation(
                        m.group("kind"), number, date, issuer, subject, role, quote, span_of(doc, i, m.start()), date_text=written
                    ),
                )
            )
        for m in law_re.finditer(text):
            name = "Luật " + m.group("name")
            year = int(m.group("year")) if m.group("year") else None
            found.append((m.start(), Citation("Luật", None, None, None, None, role, m.group(), span_of(doc, i, m.start()), name=name, year=year)))
        for _, cit in sorted(found, key=lambda f: f[0]):
            key = (cit.kind, identity(cit))
            first = seen.get(key)
            if first is None or (first.date and cit.date and first.date[:4] != cit.date[:4]):
                seen[key] = cit
                out.append(cit)
    return out
