"""The kinds of check (Vale's "extends"): one function per kind, registered by name.

A function takes the Context and the check's spec and yields Hits; the engine turns each Hit
into a Finding with the spec's message and suggestion in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plan_audit.audit.catalog import CheckSpec
    from plan_audit.audit.context import Context
    from plan_audit.audit.findings import Hit

Mechanism = Callable[["Context", "CheckSpec"], Iterable["Hit"]]
MECHANISMS: dict[str, Mechanism] = {}


def mechanism(name: str) -> Callable[[Mechanism], Mechanism]:
    def register(fn: Mechanism) -> Mechanism:
        MECHANISMS[name] = fn
        return fn

    return register


from plan_audit.audit import content, crosscheck, dates, format_rules, references, structure, wording  # noqa: E402, F401
