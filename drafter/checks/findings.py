"""What a check reports: a finding with its rule id, severity, place and the offending text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from drafter.i18n import N_, _


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
    table: str = ""
    """For a finding in a statistical table: the table's key, and the row and column of the cell it concerns."""
    row: str = ""
    column: str = ""
    table_rule: str = ""
    """The pack's own id of the table rule (I1 …)."""
    rule_title: str = ""
    """What the pack's table rule says (its ``title``), for a line that stands for several of its findings."""
    where: str = ""
    """For a finding in a statistical table: the cell, row or column as the clerk reads it (表三“自然人”列), which
    stands for it where a finding in the text shows its excerpt."""

    @property
    def place(self) -> str:
        """The finding's place in a line that lists several: its excerpt, or where in a table it is."""
        return f"“{self.excerpt}”" if self.excerpt else self.where

    def to_json(self) -> dict[str, Any]:
        """The fields ``drafter check --format json`` prints."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "section": self.section,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
            **({"table": self.table, "row": self.row, "column": self.column, "table_rule": self.table_rule}
               if self.table else {}),
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
    "law.repealed": Severity.WARNING,
    "law.unknown": Severity.WARNING,
    "institution.level": Severity.WARNING,
    "link.contradiction": Severity.WARNING,
    "figure.inconsistent": Severity.ERROR,
    "figure.mismatch": Severity.ERROR,
    "figure.format": Severity.WARNING,
    "figure.marker": Severity.ERROR,
    "punct.halfwidth": Severity.WARNING,
    "text.placeholder": Severity.ERROR,
    "text.debris": Severity.WARNING,
    "text.duplicate": Severity.WARNING,
    "text.unchanged": Severity.WARNING,
    "text.last-year-figure": Severity.WARNING,
    "figure.unchanged": Severity.INFO,
    "privacy.mobile": Severity.WARNING,
    "privacy.id_number": Severity.WARNING,
    "privacy.bank_card": Severity.WARNING,
    "secret.marked": Severity.WARNING,
    "dispatch.copy-to-recipient": Severity.WARNING,
    "table.empty": Severity.ERROR,
    "table.identity": Severity.ERROR,
    "table.value": Severity.ERROR,
    "table.plausibility": Severity.WARNING,
    "table.blank": Severity.INFO,
    "date.year": Severity.WARNING,
    "date.printed-before": Severity.WARNING,
}
"""Every rule id with its severity."""

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


RULE_TITLES: dict[str, str] = {
    "structure.missing-section": N_("mandated part missing"),
    "structure.missing-causes": N_("shortcomings without their causes"),
    "structure.missing-signature": N_("signature or date missing"),
    "year.stale": N_("a past year left in the text"),
    "fact.milestone": N_("a dated fact that contradicts a plan's years"),
    "plan.wrong-year": N_("the plan names the wrong year"),
    "term.stale": N_("a term no longer current"),
    "place.foreign": N_("another place's name"),
    "law.repealed": N_("a law or regulation no longer in force"),
    "law.unknown": N_("a law title that is no national law"),
    "institution.level": N_("a body the township's level does not have"),
    "link.contradiction": N_("the two reports of this year disagree"),
    "figure.inconsistent": N_("figures that contradict each other"),
    "figure.mismatch": N_("the text states a figure otherwise than the form"),
    "figure.format": N_("a number written wrongly"),
    "figure.marker": N_("a broken live figure marker"),
    "punct.halfwidth": N_("half-width punctuation in Chinese text (GB/T 15834)"),
    "text.placeholder": N_("a placeholder left in"),
    "text.debris": N_("a Word bookmark or field code left in the text"),
    "text.duplicate": N_("a paragraph repeated"),
    "text.unchanged": N_("a paragraph unchanged from last year"),
    "text.last-year-figure": N_("a paragraph unchanged from last year that states last year's figure"),
    "figure.unchanged": N_("a figure unchanged from last year"),
    "privacy.mobile": N_("a mobile phone number (not to be published)"),
    "privacy.id_number": N_("a resident ID number (not to be published)"),
    "privacy.bank_card": N_("a bank card number (not to be published)"),
    "secret.marked": N_("a 密级 marking (never published)"),
    "dispatch.copy-to-recipient": N_("a 抄送 organ the report is addressed to already"),
    "table.empty": N_("a table not filled in"),
    "table.identity": N_("table figures that do not add up"),
    "table.value": N_("a table cell that is not a whole number"),
    "table.plausibility": N_("a table figure a township should not have"),
    "table.blank": N_("empty table cells (read as 0)"),
    "date.year": N_("a 成文日期 outside the year after the report year"),
    "date.printed-before": N_("a 印发日期 before the 成文日期"),
}
"""A short title for each rule, for a line that stands for several findings of it (translated when shown)."""


@dataclass(frozen=True)
class RuleGroup:
    """The findings of one rule in one part (for a table, of one of the pack's table rules: I1 apart from I6)."""

    rule: str
    severity: Severity
    findings: tuple[Finding, ...]
    table_rule: str = ""

    @property
    def fixable(self) -> bool:
        """True when ``--fix`` repairs every finding of the group."""
        return all(f.fixable for f in self.findings)

    @property
    def title(self) -> str:
        """The rule's short title; for a rule without one, the message of its first finding."""
        first = self.findings[0]
        if first.table_rule and first.rule_title:
            return _("{rule}: {title}").format(rule=first.table_rule, title=first.rule_title)
        title = RULE_TITLES.get(self.rule)
        return _(title) if title else first.message


def rule_groups(findings: list[Finding]) -> list[RuleGroup]:
    """``findings`` (of one part) grouped by rule (a table's findings by the pack's rule): errors first, then
    warnings, then notes; within a severity, rules in the order they first occur."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.rule, item.table_rule), []).append(item)
    ordered = [RuleGroup(rule, items[0].severity, tuple(items), table_rule)
               for (rule, table_rule), items in groups.items()]
    return sorted(ordered, key=lambda g: SEVERITY_ORDER[g.severity])
