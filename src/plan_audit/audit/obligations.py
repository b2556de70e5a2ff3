"""Which parent duties bind the child, cut into atomic obligations.

Binding duties are the parent's items addressed to the child's level ("UBND các xã, thị trấn",
"UBND các xã, phường, đặc khu", "UBND các huyện, thị xã …"), whatever the parent's own level —
nothing assumes three tiers — and the work it hands to that level elsewhere ("Chỉ đạo Công an các
xã, thị trấn …"). Each task is cut into clauses; reporting clauses are left to the reporting checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plan_audit.audit.terms import align_pack, terms, topic_set
from plan_audit.model import Document, Duty, Plan, Span, Task
from plan_audit.nlp import agencies
from plan_audit.parse.evidence import clauses, item_clauses, span_of
from plan_audit.parse.sections import text_of


@dataclass
class Obligation:
    text: str
    span: Span
    agency: str
    """Who the parent addresses, as written: its item's heading, or the level named in the clause."""
    topics: list[str]
    work: str = ""
    """What the child must carry out, when it is not the whole text: a handed-down clause without the
    words that hand it down ("Hướng dẫn UBND cấp xã rà soát …" → "rà soát …")."""

    @property
    def asked(self) -> str:
        return self.work or self.text


def _lower_level_ids() -> set[str]:
    return {a["id"] for a in agencies() if a.get("lower_level")}


def binding_duties(parent: Plan, child_level: str | None) -> list[Duty]:
    """The parent's items addressed to the child's level."""
    units = [re.compile(p, re.I) for p in align_pack()["addressee_units"].get(child_level or "", [])]
    lower = _lower_level_ids()
    return [d for d in parent.duties if d.agency_id in lower and any(u.search(d.agency) for u in units)]


def obligations(parent_doc: Document, duty: Duty) -> list[Obligation]:
    """Atomic obligations of a duty: one per clause of each task; reporting clauses are left to the reporting checks."""
    out: list[Obligation] = []
    for task in duty.tasks:
        para, base = locate_task(parent_doc, task)
        for offset, clause in clauses(task.text):
            text = clause.strip().rstrip(";.")
            if len(text.split()) < align_pack()["min_words"] or re.search(align_pack()["reporting_clause_pattern"], text):
                continue
            lead = offset + len(clause) - len(clause.lstrip())
            out.append(Obligation(text, span_of(parent_doc, para, base + lead), duty.agency, sorted(topic_set(text))))
    return out


def delegated(parent_doc: Document, parent: Plan, child_level: str | None, skip: set[int]) -> list[Obligation]:
    """Work the parent hands to the child's level outside the items addressed to it.

    In its tasks, budget and organisation sections, a clause whose subject is the lower level
    ("Cấp xã, phường: … chủ động bố trí kinh phí") or that puts it to work ("chỉ đạo UBND các xã,
    thị trấn rà soát …") binds the child. Paragraphs in `skip` (the addressed items) are left out.
    """
    pattern = align_pack()["delegation_patterns"].get(child_level or "")
    if not pattern:
        return []
    hands = re.compile(pattern)
    kinds = set(align_pack()["delegation_sections"])
    paras = sorted({i for sec in parent.sections if sec.kind in kinds for i in text_of(parent_doc, sec)} - skip)
    out: list[Obligation] = []
    subject: tuple[int, str] | None = None  # (paragraph, level) of the last clause that handed work down
    for i, lead, clause in item_clauses(parent_doc, paras):
        body = clause.rstrip(";.")
        found = hands.match(body)
        if found:
            level, work = found.group("level"), found.group("work")
            subject = None if found.group("directive") else (i, level)  # after "Chỉ đạo X …;" the agency speaks again
        elif subject and subject[0] == i:  # "UBND cấp xã tổ chức cân, đo …; hướng dẫn các bà mẹ …": same subject
            level, work = subject[1], body
        else:
            continue
        if len(work.split()) < align_pack()["min_words"] or re.search(align_pack()["reporting_clause_pattern"], body) or not terms(work):
            continue  # too short, a report, or no work of its own ("… căn cứ chức năng, nhiệm vụ triển khai thực hiện")
        out.append(Obligation(body, span_of(parent_doc, i, lead), level, sorted(topic_set(body)), work))
    return out


def locate_task(doc: Document, task: Task) -> tuple[int, int]:
    """Paragraph index and offset where a task's text starts."""
    for i, p in enumerate(doc.paragraphs):
        at = p.text.find(task.text)
        if at >= 0 and span_of(doc, i, at) == task.span:
            return i, at
    raise ValueError(f"task text not found at its span: {task.text[:60]!r}")


def is_drafting(text: str) -> bool:
    """An obligation or target to draft the lower level's own plan: the plan itself carries it out."""
    return bool(re.search(align_pack()["plan_drafting_pattern"], text))
