"""Document → Plan: the structured plan of the JSON contract, every item with its source text and span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plan_audit.model import Document, Plan

if TYPE_CHECKING:
    from plan_audit.model import Section

__all__ = ["ensure_plan", "parse"]


def _preamble(doc: Document, first_section: int | None, start: int) -> list[int]:
    """Paragraphs between the title and the first section: where the plan names its basis."""
    from plan_audit.parse.header import doc_type_index, title_indexes

    type_at = doc_type_index(doc)
    after = (title_indexes(doc, type_at) or [type_at])[-1] + 1 if type_at is not None else start
    end = first_section if first_section is not None else min(after + 4, len(doc.paragraphs))
    return list(range(after, end))


def _paras_of_kind(doc: Document, sections: list[Section], kind: str) -> set[int]:
    from plan_audit.parse.sections import text_of, walk

    return {i for s in walk(sections) if s.kind == kind for i in text_of(doc, s)}


def parse(doc: Document) -> Plan:
    """Extract the plan's structure from a read document.

    The extractors are imported here, not at module level, so that code needing only one of
    them (parent resolution reads citations) starts fast.
    """
    from plan_audit.parse.citations import parse_citations
    from plan_audit.parse.closing import parse_recipients, parse_signature
    from plan_audit.parse.duties import parse_duties
    from plan_audit.parse.header import parse_header
    from plan_audit.parse.reporting import parse_reporting
    from plan_audit.parse.sections import body_range, parse_sections
    from plan_audit.parse.statements import parse_budget, parse_objectives
    from plan_audit.parse.targets import parse_targets

    header = parse_header(doc)
    sections = parse_sections(doc)
    start, end = body_range(doc)
    body = range(start, end)
    first = sections[0].paragraphs[0] if sections else None
    return Plan(
        source=doc.source,
        header=header,
        sections=sections,
        objectives=parse_objectives(doc, sections),
        citations=parse_citations(doc, _preamble(doc, first, start), body),
        targets=parse_targets(doc, body, _paras_of_kind(doc, sections, "targets"), header.year),
        duties=parse_duties(doc, sections),
        reporting=parse_reporting(doc, body, _paras_of_kind(doc, sections, "reporting")),
        budget=parse_budget(doc, sections),
        recipients=parse_recipients(doc),
        signature=parse_signature(doc),
    )


PLAN_SECTION_KINDS = {"tasks", "targets", "organization"}


def ensure_plan(plan: Plan) -> Plan:
    """The plan itself, or InputError("not_a_plan") for a document that is not one (a letter, a list, a README).

    A plan names its type under the header ("KẾ HOẠCH") or at least has the sections a plan has.
    """
    from plan_audit.errors import InputError
    from plan_audit.parse.sections import walk

    kinds = {s.kind for s in walk(plan.sections)}
    looks_like_a_plan = plan.header.doc_type is not None or (len(plan.sections) >= 2 and bool(kinds & PLAN_SECTION_KINDS))
    if not looks_like_a_plan:
        raise InputError("not_a_plan", path=plan.source.path)
    return plan
