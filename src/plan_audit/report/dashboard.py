"""The batch dashboard (index.html) and summary.csv: one row per plan, errors included."""

from __future__ import annotations

import csv
import io
from typing import Any

from plan_audit.model import CATEGORIES
from plan_audit.report import LABELS, templates

DASHBOARD_LABELS = {
    "vi": {
        "title": "Rà soát kế hoạch — tổng hợp",
        "file": "Tệp",
        "status": "Trạng thái",
        "level": "Cấp",
        "locality": "Địa phương",
        "year": "Năm",
        "number": "Số",
        "parent": "Kế hoạch cấp trên",
        "report": "Báo cáo",
        "filter": "Lọc theo tên, địa phương, số…",
        "all_levels": "Mọi cấp",
        "only_errors": "Chỉ kế hoạch có lỗi",
        "chart": "Số vấn đề theo loại",
        "plans": "kế hoạch",
        "failed": "không đọc được",
        "none": "—",
        "ok": "đã rà soát",
        "error_row": "lỗi",
    },
    "en": {
        "title": "Plan audit — overview",
        "file": "File",
        "status": "Status",
        "level": "Level",
        "locality": "Locality",
        "year": "Year",
        "number": "Number",
        "parent": "Higher-level plan",
        "report": "Report",
        "filter": "Filter by name, locality, number…",
        "all_levels": "All levels",
        "only_errors": "Only plans with errors",
        "chart": "Findings per category",
        "plans": "plans",
        "failed": "unreadable",
        "none": "—",
        "ok": "audited",
        "error_row": "error",
    },
}
CSV_FIELDS = ["path", "status", "error", "level", "locality", "year", "number", "parent", "errors", "warnings", "infos", *CATEGORIES, "report"]


def render_dashboard(rows: list[Any], lang: str) -> str:
    totals = {c: sum(r.counts.get(c, 0) for r in rows) for c in CATEGORIES}
    top = max(totals.values(), default=0) or 1
    return templates(True).get_template("dashboard.html.j2").render(
        rows=rows,
        categories=CATEGORIES,
        totals=totals,
        top=top,
        t={**LABELS[lang], **DASHBOARD_LABELS[lang]},
        lang=lang,
        failed=sum(1 for r in rows if r.status != "ok"),
    )


def summary_csv(rows: list[Any]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    writer.writeheader()
    for r in rows:
        writer.writerow(
            {
                "path": r.path,
                "status": r.status,
                "error": r.error or "",
                "level": r.level or "",
                "locality": r.locality or "",
                "year": r.year or "",
                "number": r.number or "",
                "parent": r.parent or "",
                "errors": r.summary.get("error", ""),
                "warnings": r.summary.get("warning", ""),
                "infos": r.summary.get("info", ""),
                **{c: r.counts.get(c, 0) if r.status == "ok" else "" for c in CATEGORIES},
                "report": r.report or "",
            }
        )
    return buf.getvalue()
