"""What a check reports: a finding with its rule id, severity, place and the offending text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from drafter.i18n import _


class Severity(StrEnum):
    """How serious a finding is; any ``error`` makes ``drafter check`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def label(self) -> str:
        """The severity as the clerk reads it, in the interface language."""
        return {Severity.ERROR: _("error"), Severity.WARNING: _("warning"), Severity.INFO: _("note")}[self]


@dataclass(frozen=True)
class Finding:
    """One problem found in a report."""

    rule: str
    """The rule's id, e.g. ``year.stale``."""
    severity: Severity
    section: str | None
    """The part's canonical key, or None for the title, opening and signature."""
    excerpt: str
    """The offending text exactly as it appears in the block (a substring of its text); empty when nothing is
    there to quote (a missing part)."""
    message: str
    """What is wrong, translated."""
    suggestion: str = ""
    """What to do about it, translated."""
    path: tuple[int, ...] = ()
    """The :attr:`drafter.compose.Block.path` of the offending block inside its section."""
    fixable: bool = False
    """True when :func:`drafter.checks.fix_answers` repairs it."""

    def to_json(self) -> dict[str, Any]:
        """The fields ``drafter check --format json`` prints."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "section": self.section,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


RULES: dict[str, Severity] = {
    "structure.missing-section": Severity.ERROR,
    "structure.missing-causes": Severity.WARNING,
    "structure.missing-signature": Severity.ERROR,
    "year.stale": Severity.WARNING,
    "plan.wrong-year": Severity.WARNING,
    "term.stale": Severity.WARNING,
    "fact.milestone": Severity.ERROR,
    "place.foreign": Severity.WARNING,
    "figure.inconsistent": Severity.ERROR,
    "figure.format": Severity.WARNING,
    "punct.halfwidth": Severity.WARNING,
    "text.placeholder": Severity.ERROR,
    "text.duplicate": Severity.WARNING,
    "text.unchanged": Severity.WARNING,
    "figure.unchanged": Severity.INFO,
}
"""Every rule id with its severity."""

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
