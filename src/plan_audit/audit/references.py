"""Citation checks against rules/registry.yaml: wrong dates of known documents, unknown central documents.

Numbers recur across years (1437/QĐ-TTg of 2018 and of 2024), so a citation is compared with the
registry entry of the same number *and* year; a different year is another document, not an error,
unless the number itself carries the year ("56/2017/NĐ-CP").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from plan_audit.audit.catalog import CheckSpec
from plan_audit.audit.context import Context
from plan_audit.audit.findings import Hit
from plan_audit.audit.mechanisms import mechanism
from plan_audit.model import Citation
from plan_audit.parse.citations import identity, pack
from plan_audit.parse.evidence import fold
from plan_audit.rules import load_pack

SCHEMA: dict[str, Any] = {
    "documents": [
        {
            "kind": str,
            "number?": str,
            "name?": str,
            "issuer": str,
            "date": str,
            "subject": str,
            "status": ("verified", "unverified"),
            "source?": str,
            "note?": str,
            "aliases?": [str],
        }
    ]
}


@lru_cache(maxsize=1)
def registry() -> list[dict[str, Any]]:
    return load_pack("registry", SCHEMA)["documents"]


@lru_cache(maxsize=1)
def _index() -> dict[str, list[dict[str, Any]]]:
    """Registry entries by citation identity (number without its year part, or the law's folded name)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for entry in registry():
        keys = [entry.get("number"), *(entry.get("aliases") or [])]
        ids = {re.sub(r"/(?:19|20)\d\d(?=/)", "", k) for k in keys if k and not k.startswith("Luật")}
        ids |= {fold(k) for k in [entry.get("name"), *(entry.get("aliases") or [])] if k and k.startswith("Luật")}
        for key in ids:
            out.setdefault(key, []).append(entry)
    return out


def entries_for(cit: Citation) -> list[dict[str, Any]]:
    return _index().get(identity(cit), [])


def _vn_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


@mechanism("registry_date")
def registry_date(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    for cit in ctx.plan.citations:
        if not cit.date:
            continue
        known = [e for e in entries_for(cit) if e["status"] == "verified"]
        if not known or any(e["date"] == cit.date for e in known):
            continue
        same_year = [e for e in known if e["date"][:4] == cit.date[:4]]
        year_in_number = re.search(r"/(?:19|20)\d\d/", cit.number or "")
        entry = same_year[0] if same_year else (known[0] if year_in_number else None)
        if entry is None:
            continue
        params = {
            "document": f"{cit.kind} {cit.number}",
            "true_date": _vn_date(entry["date"]),
            "cited_date": cit.date_text or _vn_date(cit.date),
        }
        yield Hit(params, [ctx.evidence(cit)])


@mechanism("registry_unknown")
def registry_unknown(ctx: Context, spec: CheckSpec) -> Iterator[Hit]:
    national = re.compile(pack()["national_pattern"])
    local = re.compile(pack()["local_issuer_pattern"])
    for cit in ctx.plan.citations:
        central = cit.kind == "Luật" or (cit.number and national.search(cit.number) and not local.search(cit.issuer or ""))
        if central and not entries_for(cit):
            yield Hit({"document": cit.name or f"{cit.kind} {cit.number}"}, [ctx.evidence(cit)])
