"""Administrative format (Nghị định 30/2020/NĐ-CP): header parts, type code, date line, signature, font, margins.

Header checks apply when the document shows a header at all or is a PDF/DOCX: a plain-text
extraction that lost its header block (as the seeds did) is not a drafting fault.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from statistics import median

from plan_audit.audit.catalog import CheckSpec, word
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Evidence, Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.ingest.noise import ingest_rules
from plan_audit.markers import sections_pack
from plan_audit.parse.header import doc_type_index, header_lines

MM_PER_PT = 25.4 / 72
LAYOUT_FORMATS = ("pdf", "docx", "doc")
DATE_PARTS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm")


def _title_evidence(ctx: Context) -> list[Evidence]:
    at = doc_type_index(ctx.doc)
    return [ctx.quote(at)] if at is not None else [ctx.quote(0)]


@mechanism("header_parts")
def header_parts(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    lines = header_lines(ctx.doc, doc_type_index(ctx.doc))
    if not lines and ctx.doc.source.format not in LAYOUT_FORMATS:
        return
    r = ingest_rules()
    present = {
        "issuer": any(ln.isupper() and not r.national_title.search(ln) for ln in lines),
        "number": any(r.number.search(ln) for ln in lines),
        "national_title": any(r.national_title.search(ln) for ln in lines),
        "motto": any(r.motto.search(ln) for ln in lines),
        "date_line": any(r.date_line.search(ln) for ln in lines),
    }
    for part, ok in present.items():
        if not ok:
            yield Hit({"part": word(part, ctx.lang)}, _title_evidence(ctx))


@mechanism("number_symbol")
def number_symbol(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    h = ctx.plan.header
    code = sections_pack()["type_codes"].get(h.doc_type or "")
    if h.number and code and not re.search(rf"/{re.escape(code)}-|/{re.escape(code)}$", h.number):
        para = next((i for i, p in enumerate(ctx.doc.paragraphs) if h.number in p.text), None)
        evidence = [ctx.quote(para)] if para is not None else _title_evidence(ctx)
        yield Hit({"number": h.number, "code": code}, evidence)


@mechanism("date_line")
def date_line(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    line = ctx.plan.header.date_text
    m = DATE_PARTS.search(line or "")
    if not m:
        return
    d, mth = m.group("d"), m.group("m")
    problems = []
    if int(d) < 10 and len(d) == 1:
        problems.append(word("day_needs_zero", ctx.lang))
    if int(mth) < 3 and len(mth) == 1:
        problems.append(word("month_needs_zero", ctx.lang))
    if int(mth) >= 3 and len(mth) == 2:
        problems.append(word("month_without_zero", ctx.lang, month=int(mth)))
    if problems:
        found = ctx.written(line)
        yield Hit({"line": line, "problem": "; ".join(problems)}, [found] if found else _title_evidence(ctx))


@mechanism("signature_block")
def signature_block(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    sig = ctx.plan.signature
    missing = [k for k, v in (("authority", sig.authority), ("signer", sig.signer), ("recipients", ctx.plan.recipients)) if not v]
    last = len(ctx.doc.paragraphs) - 1
    for part in missing:
        yield Hit({"part": word(part, ctx.lang)}, [ctx.quote(last)])


def _family(font: str) -> str:
    """ "AAAAAA+TimesNewRomanPS-BoldMT" → "timesnewroman"."""
    name = font.split("+", 1)[-1]
    name = re.split(r"[-,]", name)[0]
    return re.sub(r"(PS|MT|PSMT)$", "", name).replace(" ", "").lower()


def _body_lines(ctx: Context) -> list[tuple[int, int]]:
    """(paragraph, line index) of body lines that carry a font."""
    return [(i, k) for i, p in enumerate(ctx.doc.paragraphs) if p.region == "body" for k, ln in enumerate(p.lines) if ln.font]


@mechanism("font")
def font(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    if not ctx.doc.source.format.startswith("pdf"):
        return
    body = _body_lines(ctx)
    if not body:
        return
    weight: Counter[str] = Counter()
    for i, k in body:
        ln = ctx.doc.paragraphs[i].lines[k]
        weight[_family(ln.font)] += len(ln.text)
    family = weight.most_common(1)[0][0]
    allowed = {f.replace(" ", "").lower() for f in spec.params["families"]}
    sizes = [ctx.doc.paragraphs[i].lines[k].size for i, k in body if ctx.doc.paragraphs[i].lines[k].size]
    size = median(sizes) if sizes else None
    bad_size = size is not None and not spec.params["min_size"] <= size <= spec.params["max_size"]
    if family not in allowed or bad_size:
        i, k = next((i, k) for i, k in body if _family(ctx.doc.paragraphs[i].lines[k].font) == family)
        p = ctx.doc.paragraphs[i]
        start = p.starts[k]
        end = p.starts[k + 1] if k + 1 < len(p.starts) else len(p.text)
        yield Hit({"font": family, "size": size}, [ctx.quote(i, start, end)])


@mechanism("margins")
def margins(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    size = ctx.doc.source.page_size
    lines = [ln for p in ctx.doc.paragraphs if p.region == "body" for ln in p.lines if ln.x0 is not None]
    if size is None or len(lines) < 10:
        return
    xs = sorted(ln.x0 for ln in lines)
    ends = sorted(ln.x1 for ln in lines)
    measured = {"left": xs[len(xs) // 10] * MM_PER_PT, "right": (size[0] - ends[(len(ends) * 9) // 10]) * MM_PER_PT}
    for side, mm in measured.items():
        low, high = spec.params[side]
        if not low <= mm <= high:
            para = next(i for i, p in enumerate(ctx.doc.paragraphs) if p.region == "body")
            yield Hit({"side": word(side, ctx.lang), "measured": f"{mm:.0f}", "low": low + 1, "high": high - 1}, [ctx.quote(para)])
