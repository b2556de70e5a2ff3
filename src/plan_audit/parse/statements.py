"""Objectives (MỤC ĐÍCH, YÊU CẦU, Mục tiêu chung) and budget lines (KINH PHÍ): one entry per statement."""

from __future__ import annotations

from plan_audit.markers import sections_pack
from plan_audit.model import Budget, Document, Objective, Section
from plan_audit.parse.evidence import fold, span_of


def _statements(doc: Document, section: Section) -> list[tuple[int, int]]:
    """(paragraph, offset) of each statement under a section: its sub-items, else its paragraphs."""
    if section.children:
        return [(c.paragraphs[0], c.offset) for c in section.children]
    return [(i, 0) for i in section.paragraphs[1:]]


def _objective_kind(title: str) -> str | None:
    folded = fold(title)
    for kind, phrases in sections_pack()["objective_kinds"].items():
        if any(folded.startswith(p) for p in phrases):
            return kind
    return None


def parse_objectives(doc: Document, sections: list[Section]) -> list[Objective]:
    out: list[Objective] = []
    for top in sections:
        if top.kind not in ("purpose", "targets"):
            continue
        named = [(c, _objective_kind(c.title)) for c in top.children]
        named = [(c, k) for c, k in named if k]
        if top.kind == "purpose" and not named:
            named = [(top, "purpose")]
        for section, kind in named:
            if top.kind == "targets" and kind != "general_objective":
                continue
            for i, at in _statements(doc, section):
                text = doc.paragraphs[i].text[at:]
                out.append(Objective(text, kind, span_of(doc, i, at)))
    return out


def _source(text: str) -> str:
    folded = fold(text)
    for source, phrases in sections_pack()["budget_sources"].items():
        if any(p in folded for p in phrases):
            return source
    return "other"


def parse_budget(doc: Document, sections: list[Section], parent_kind: str | None = None) -> list[Budget]:
    """Statements of every budget section that is not itself inside a budget section."""
    out: list[Budget] = []
    for section in sections:
        if section.kind == "budget" and parent_kind != "budget":
            for i, at in _statements(doc, section):
                text = doc.paragraphs[i].text[at:]
                out.append(Budget(_source(text), text, span_of(doc, i, at)))
        out += parse_budget(doc, section.children, section.kind)
    return out
