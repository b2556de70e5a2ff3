"""Errors a user can act on. Each carries a message key, never a traceback."""

from __future__ import annotations

from plan_audit.messages import message


class PlanAuditError(Exception):
    """An input or configuration problem reported as one line and exit code 2."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return message(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render("en")


class InputError(PlanAuditError):
    """The file cannot be read as a plan (missing, empty, encrypted, corrupt, unsupported …)."""


class RulesError(PlanAuditError):
    """A rule pack in rules/*.yaml is malformed; the message names the file and the key."""
