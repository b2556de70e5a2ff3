"""The check catalog: rules/checks.yaml, validated on load; each check names the mechanism it extends."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from plan_audit.errors import RulesError
from plan_audit.model import CATEGORIES
from plan_audit.rules import load_pack, rules_dir

SEVERITIES = ("error", "warning", "info")
TEXT = {"vi": str, "en": str}
SCHEMA: dict[str, Any] = {
    "severity_policy": {str: SEVERITIES},
    "vocabulary": {str: TEXT},
    "checks": [
        {
            "id": str,
            "extends": str,
            "category": CATEGORIES,
            "severity?": SEVERITIES,
            "description": TEXT,
            "message": TEXT,
            "suggestion": TEXT,
            "params?": {str: object},
            "examples?": {
                "fail?": [str],
                "pass?": [str],
                "fail_files?": [str],
                "pass_files?": [str],
                "fail_pairs?": [[str]],
                "pass_pairs?": [[str]],
            },
        }
    ],
}


@dataclass(frozen=True)
class CheckSpec:
    id: str
    extends: str
    category: str
    severity: str
    description: dict[str, str]
    message: dict[str, str]
    suggestion: dict[str, str]
    params: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def catalog() -> tuple[CheckSpec, ...]:
    """Every declared check; unknown mechanisms are a rules error naming the check."""
    from plan_audit.audit.mechanisms import MECHANISMS

    data = load_pack("checks", SCHEMA)
    policy = data["severity_policy"]
    specs = []
    for i, c in enumerate(data["checks"]):
        if c["extends"] not in MECHANISMS:
            raise RulesError(
                "bad_rules",
                file=str(rules_dir() / "checks.yaml"),
                key=f"checks[{i}].extends",
                detail=f"unknown mechanism {c['extends']!r} (known: {', '.join(sorted(MECHANISMS))})",
            )
        specs.append(
            CheckSpec(
                id=c["id"],
                extends=c["extends"],
                category=c["category"],
                severity=c.get("severity") or policy.get(c["category"], "warning"),
                description=c["description"],
                message=c["message"],
                suggestion=c["suggestion"],
                params=c.get("params") or {},
                examples=c.get("examples") or {},
            )
        )
    return tuple(specs)


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, str]]:
    return load_pack("checks", SCHEMA)["vocabulary"]


def word(key: str, lang: str, **params: object) -> str:
    """A vocabulary entry (section kind, period, message fragment) in `lang`, filled with `params`; else the key."""
    text = vocabulary().get(key, {}).get(lang, key)
    return text.format(**params) if params else text
