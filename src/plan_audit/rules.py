"""Loads the rule packs in rules/*.yaml and validates them against a small declared schema.

A rule pack is data (Vietnamese specifics); Python only holds mechanisms. A malformed pack
fails on load with the file, the key path and the line, like Vale does for its styles.

Schemas are plain values: a type (`str`, `int`, `float`, `bool`), a one-element list
(`[schema]`: a list of that), a dict of `{key: schema}` (`"key?"` marks an optional key),
`{str: schema}` (a mapping with any string keys), or a tuple of allowed literal values.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from plan_audit.errors import RulesError

RULES_DIR = Path(__file__).parent / "rules"
PACK_HEADER = {"id": str, "version": str, "description?": str}


def rules_dir() -> Path:
    """The rule directory: PLAN_AUDIT_RULES when set, else the packs shipped with the package."""
    return Path(os.environ.get("PLAN_AUDIT_RULES", RULES_DIR))


def _line_of(node: Any, path: list[str | int]) -> int | None:  # noqa: ANN401 - a yaml.Node
    """1-based line of the node at `path` in a composed YAML tree (best effort)."""
    import yaml

    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else None


def _fmt(path: list[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(root)"


def _check(value: Any, schema: Any, path: list[str | int], errors: list[tuple[list[str | int], str]]) -> None:
    if isinstance(schema, tuple):
        if value not in schema:
            errors.append((path, f"must be one of {', '.join(map(str, schema))}, got {value!r}"))
    elif isinstance(schema, list):
        if not isinstance(value, list):
            errors.append((path, f"must be a list, got {type(value).__name__}"))
            return
        for i, item in enumerate(value):
            _check(item, schema[0], path + [i], errors)
    elif isinstance(schema, dict) and set(schema) == {str}:
        if not isinstance(value, dict):
            errors.append((path, f"must be a mapping, got {type(value).__name__}"))
            return
        for k, v in value.items():
            _check(v, schema[str], path + [str(k)], errors)
    elif isinstance(schema, dict):
        if not isinstance(value, dict):
            errors.append((path, f"must be a mapping, got {type(value).__name__}"))
            return
        known = {k.rstrip("?") for k in schema}
        for k in value:
            if k not in known:
                errors.append((path + [k], f"unknown key (expected one of: {', '.join(sorted(known))})"))
        for k, sub in schema.items():
            name = k.rstrip("?")
            if name in value:
                _check(value[name], sub, path + [name], errors)
            elif not k.endswith("?"):
                errors.append((path + [name], "required key is missing"))
    elif schema is object:
        return
    elif schema is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            errors.append((path, f"must be a number, got {value!r}"))
    elif schema is str and isinstance(value, str) and _names_a_pattern(path):
        _check_regex(value, path, errors)
    elif not isinstance(value, schema) or (schema is int and isinstance(value, bool)):
        errors.append((path, f"must be {schema.__name__}, got {value!r}"))


def _names_a_pattern(path: list[str | int]) -> bool:
    """Values under a key ending in "pattern(s)", "wording" or "bodies" are regular expressions."""
    return any(k.endswith(("pattern", "patterns", "wording", "bodies")) for k in path if isinstance(k, str))


def _check_regex(value: str, path: list[str | int], errors: list[tuple[list[str | int], str]]) -> None:
    try:
        re.compile(value)
    except re.error as exc:
        errors.append((path, f"invalid regular expression: {exc}"))


def validate(data: Any, schema: dict[str, Any], *, file: str, text: str | None = None) -> None:
    """Raise RulesError naming `file`, the first bad key and its line if `data` does not fit `schema`."""
    errors: list[tuple[list[str | int], str]] = []
    _check(data, {**PACK_HEADER, **schema}, [], errors)
    if errors:
        path, detail = errors[0]
        import yaml

        line = _line_of(yaml.compose(text, Loader=_loader()), path) if text is not None else None
        where = f"{file}:{line}" if line else file
        raise RulesError("bad_rules", file=where, key=_fmt(path), detail=detail)


def _loader() -> Any:  # noqa: ANN401 - a yaml Loader class
    """libyaml's loader when PyYAML has it: the packs are read at every start, so parsing speed shows."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[Any, str]:
    """The pack's data and its text (kept to find the line of a bad key, only when there is one)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_loader()), text  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise RulesError("bad_rules", file=str(path), key="(file)", detail="file not found") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise RulesError("bad_rules", file=where, key="(syntax)", detail=str(exc).splitlines()[0]) from None


def load_pack(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """Load rules/<name>.yaml and validate it; the result is cached per process."""
    path = rules_dir() / f"{name}.yaml"
    data, text = _load(path)
    validate(data, schema, file=str(path), text=text)
    return data


def pack_identity(name: str) -> dict[str, str]:
    """Id and version of rules/<name>.yaml, for reports (the pack is validated by its own loader)."""
    data, _ = _load(rules_dir() / f"{name}.yaml")
    return {"id": str(data.get("id", name)), "version": str(data.get("version", "?"))}
