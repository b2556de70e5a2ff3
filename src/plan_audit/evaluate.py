"""Extraction quality against hand-made gold annotations: precision, recall and F1 per field.

Gold files (corpora/gold/*.yaml, see its README) are written by reading the documents. Matching
rules per field are the ones the quality bars name: header fields exactly; sections by number
and kind; citations by kind, number and date; targets by value and indicator; duties by agency
and task count within ±1; reporting by period and deadline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from plan_audit.ingest import read
from plan_audit.model import Plan
from plan_audit.parse import parse
from plan_audit.parse.evidence import fold

HEADER_FIELDS = ("issuer", "level", "locality", "number", "place", "date", "doc_type", "title", "year")
SIGNATURE_FIELDS = ("authority", "position", "signer")
NUMBERED = ("arabic", "dotted")
INDICATOR_MATCH = 80
OBJECTIVE_MATCH = 90
TASK_TOLERANCE = 1


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    per_doc: dict[str, dict[str, Score]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    """Document → group: "seeds" (real plans the rules were tuned on) or "fixtures" (constructed, unseen)."""

    def total(self, name: str, group: str | None = None) -> Score:
        out = Score()
        for doc, fields in self.per_doc.items():
            if name in fields and (group is None or self.groups.get(doc) == group):
                out.add(fields[name])
        return out

    def fields(self) -> list[str]:
        return list(dict.fromkeys(f for fields in self.per_doc.values() for f in fields))


def _multiset(gold: list[Any], pred: list[Any]) -> Score:
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return Score(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def _norm(value: Any) -> Any:  # noqa: ANN401
    if isinstance(value, str):
        return fold(value)
    return str(value) if value is not None else None


def _fields(gold: dict[str, Any], pred: dict[str, Any], names: tuple[str, ...]) -> Score:
    s = Score()
    for name in names:
        g, p = _norm(gold.get(name)), _norm(pred.get(name))
        if g is not None and g == p:
            s.tp += 1
        else:
            s.fn += g is not None
            s.fp += p is not None
    return s


def greedy(gold: list[Any], pred: list[Any], same) -> Score:  # noqa: ANN001
    free = list(range(len(pred)))
    tp = 0
    for g in gold:
        hit = next((j for j in free if same(g, pred[j])), None)
        if hit is not None:
            free.remove(hit)
            tp += 1
    return Score(tp, len(free), len(gold) - tp)


def _sections(plan: Plan) -> list[tuple[str, str]]:
    out = []
    for s in plan.sections:
        out.append((s.number, s.kind))
        out += [(f"{s.number}.{c.number}", c.kind) for c in s.children if c.marker in NUMBERED]
    return out


def _gold_sections(gold: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out = []
    for s in gold:
        out.append((str(s["number"]), s["kind"]))
        out += [(f"{s['number']}.{c['number']}", c["kind"]) for c in s.get("children") or []]
    return out


def _same_target(g: dict[str, Any], p: Any) -> bool:  # noqa: ANN401
    value = g.get("value")
    if (value is None) != (p.value is None) or (value is not None and float(value) != p.value):
        return False
    if value is None and g.get("comparator") != p.comparator:
        return False
    return fuzz.partial_ratio(fold(g["indicator"]), fold(p.indicator)) >= INDICATOR_MATCH


def _same_objective(g: dict[str, Any], p: Any) -> bool:  # noqa: ANN401
    start = fold(g["starts"])
    return g["kind"] == p.kind and fuzz.ratio(start, fold(p.text)[: len(start)]) >= OBJECTIVE_MATCH


def _same_duty(g: dict[str, Any], p: Any) -> bool:  # noqa: ANN401
    return g.get("agency_id") == p.agency_id and abs(int(g["tasks"]) - len(p.tasks)) <= TASK_TOLERANCE


def score_plan(gold: dict[str, Any], plan: Plan) -> dict[str, Score]:
    """Scores per field of one plan against its gold annotation."""
    h = plan.header
    pred_header = {f: getattr(h, f) for f in HEADER_FIELDS}
    cit_gold = [c for c in gold.get("citations") or [] if c.get("number")]
    named_gold = [c for c in gold.get("citations") or [] if not c.get("number")]
    sig = plan.signature
    return {
        "header": _fields(gold.get("header") or {}, pred_header, HEADER_FIELDS),
        "sections": _multiset(_gold_sections(gold.get("sections") or []), _sections(plan)),
        "objectives": greedy(gold.get("objectives") or [], plan.objectives, _same_objective),
        "citations": _multiset(
            [(c["kind"], str(c["number"]), str(c["date"]) if c.get("date") else None) for c in cit_gold],
            [(c.kind, c.number, c.date) for c in plan.citations if c.number],
        ),
        "citations_by_name": _multiset(
            [(c["kind"], fold(c.get("name") or "")) for c in named_gold],
            [(c.kind, fold(c.name or "")) for c in plan.citations if not c.number],
        ),
        "targets": greedy(gold.get("targets") or [], plan.targets, _same_target),
        "duties": greedy(gold.get("duties") or [], plan.duties, _same_duty),
        "duty_agencies": _multiset([d.get("agency_id") for d in gold.get("duties") or []], [d.agency_id for d in plan.duties]),
        "reporting": _multiset(
            [(r["period"], str(r["deadline"]) if r.get("deadline") else None) for r in gold.get("reporting") or []],
            [(r.period, r.deadline) for r in plan.reporting],
        ),
        "recipients": _multiset([fold(r) for r in gold.get("recipients") or []], [fold(r) for r in plan.recipients]),
        "signature": _fields(gold.get("signature") or {}, {f: getattr(sig, f) for f in SIGNATURE_FIELDS}, SIGNATURE_FIELDS),
    }


def evaluate(gold_dir: Path, root: Path | None = None, *, document: str | None = None, only_seeds: bool = False) -> Report:
    """Score every gold file in `gold_dir`.

    `document` reads another rendering of each annotated plan instead ("corpora/rendered/{stem}.pdf");
    `only_seeds` skips the constructed fixtures (which have no renderings).
    """
    report = Report()
    for path in sorted(gold_dir.glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        if only_seeds and Path(gold["document"]).parent.name != "seeds":
            continue
        target = Path(document.format(stem=path.stem) if document else gold["document"])
        source = target if target.is_absolute() else (root or Path.cwd()) / target
        report.per_doc[path.stem] = score_plan(gold, parse(read(source)))
        report.groups[path.stem] = Path(gold["document"]).parent.name
    return report


def format_report(report: Report) -> str:
    """Tables of P/R/F1 per field for each group of documents, then F1 per document."""
    lines: list[str] = []
    w = max([20, *(len(n) + 2 for n in report.fields())])
    for group in dict.fromkeys(report.groups.values()):
        docs = sum(1 for g in report.groups.values() if g == group)
        lines.append(f"{group} ({docs} documents)")
        lines.append(f"  {'field':<{w}}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>5}{'fn':>5}")
        for name in report.fields():
            s = report.total(name, group)
            lines.append(f"  {name:<{w}}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}")
        lines.append("")
    d = max([34, *(len(n) + 2 for n in report.per_doc)])
    lines.append(f"{'F1 per document':<{d}}" + "".join(f"{n[:9]:>10}" for n in report.fields()))
    for doc, fields in report.per_doc.items():
        lines.append(f"{doc:<{d}}" + "".join(f"{fields[n].f1:>10.2f}" if n in fields else f"{'-':>10}" for n in report.fields()))
    return "\n".join(lines)
