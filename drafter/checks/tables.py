"""The rules of a pack's statistical tables as findings: identities between cells (I1, I6, I7), printed totals
that do not add up (I2, I3, I5), cells a township should not fill (P1), decimals where a count is asked (I8) and
empty cells. The rules themselves are the pack's data and are evaluated in :mod:`drafter.tables`; this module only
words the findings."""

from __future__ import annotations

from drafter.checks.findings import RULES, Finding, Severity
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.pack.tablespec import RuleSpec, TableSpec, parse_term
from drafter.tables import Broken, column_spec, format_value, table_name
from drafter.tables import broken as broken_rules

RULE_OF_KIND = {"equal": "table.identity", "derived": "table.identity", "zero": "table.plausibility",
                "whole": "table.value", "blank": "table.blank"}
"""The finding's rule id for each kind of pack rule (the pack's own id, I1 …, is in the finding's ``table_rule``)."""

SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "hint": Severity.INFO}


def check_tables(answers: Answers, pack: Pack, previous: Answers | None = None) -> list[Finding]:
    """Every broken rule of every table of ``answers`` (rules about last year use ``previous``, last year's
    answers, when given, else the last-year cells the table keeps)."""
    out: list[Finding] = []
    for table in pack.tables.tables:
        data = answers.tables.get(table.key)
        if data is None or not (data.cells or data.printed):
            # nothing typed: one finding for the table, not its rules holding (or not) between zeros
            out.append(Finding(
                rule="table.empty", severity=RULES["table.empty"], section=table.section, excerpt="",
                message=_("{table} has not been filled in").format(
                    table=f"{table.short}“{table.title}”" if table.short else table_name(table)),
                suggestion=_("Fill in the table; type 0 where there is nothing to count."),
                table=table.key, where=table_name(table),
            ))
            continue
        last = previous.tables.get(table.key) if previous is not None else None
        for item in broken_rules(table, data, last):
            out.append(_finding(table, item))
    return out


def _row_label(table: TableSpec, key: str) -> str:
    row = table.row_named(key)
    return row.label if row else key


def _column_label(table: TableSpec, key: str) -> str:
    column = table.column_named(key)
    return column.label if column else key


def _short(table: TableSpec, key: str, rows: bool) -> str:
    """A row's (``rows``) or a column's short label, for naming the terms of a rule."""
    found = table.row_named(key) if rows else table.column_named(key)
    return (found.short or found.label) if found else key


def _side(table: TableSpec, rule: RuleSpec, terms: list[str], label: str) -> str:
    """One side of an equal rule named for the clerk: the pack's own name for it, else its terms' short labels
    joined by plus and minus (a last-year term as last year's)."""
    if label:
        return label
    text = ""
    for term in map(parse_term, terms):
        if rule.over == "cells":
            name = f"{_short(table, term.first, True)}{_short(table, term.second, False)}"
        else:
            name = _short(table, term.first, rule.over == "columns")
        if term.last_year:
            name = _("last year's {label}").format(label=name)
        if not text:
            text = _("minus {label}").format(label=name) if term.minus else name
        else:
            text = (_("{a} minus {b}") if term.minus else _("{a} plus {b}")).format(a=text, b=name)
    return text


def _where(table: TableSpec, item: Broken) -> str:
    """Where a broken rule is, as the clerk reads it: the table, and the column, the row or the cell."""
    name = table_name(table)
    row, column = item.cell
    if item.kind == "equal" and item.over == "columns":
        return _("{table}, column “{column}”").format(table=name, column=_column_label(table, column))
    if item.kind == "equal" and item.over == "rows":
        return _("{table}, row “{row}”").format(table=name, row=_row_label(table, row))
    return _("{table}, “{row}” in column “{column}”").format(
        table=name, row=_row_label(table, row), column=_column_label(table, column))


def _finding(table: TableSpec, item: Broken) -> Finding:
    place = _where(table, item)
    column = column_spec(table, item.cell)
    actual = format_value(item.actual, column)
    expected = format_value(item.expected, column)
    if item.kind == "blank":
        detail = _("{count} empty cells, the first at {where}").format(count=item.actual, where=place)
        suggestion = _("Type 0 in every cell that has nothing to count.")
    elif item.kind == "zero":
        detail = _("{where} is {value}").format(where=place, value=actual)
        suggestion = _("Check the figure: a township seldom has any.")
    elif item.kind == "whole":
        detail = _("{where} is {value}").format(where=place, value=actual)
        suggestion = _("Type a whole number.")
    elif item.kind == "derived":
        detail = _("{where} is printed as {actual}, its parts add up to {expected}").format(
            where=place, actual=actual, expected=expected)
        suggestion = _("Correct the figures: drafter computes the totals from the cells that add up to them.")
    else:
        rule = next(r for r in table.rules if r.id == item.rule and r.kind == "equal")
        detail = _("{where}: {left} = {actual}, {right} = {expected}").format(
            where=place, left=_side(table, rule, rule.left, rule.left_label), actual=actual,
            right=_side(table, rule, rule.right, rule.right_label), expected=expected)
        suggestion = (_("Check the figures against last year's report.") if rule.uses_last_year() else
                      _("Correct the cells of the table; drafter computes the totals."))
    return Finding(
        rule=RULE_OF_KIND[item.kind],
        severity=SEVERITY[item.severity],
        section=table.section,
        excerpt="",
        message=_("{rule}: {title} ({detail})").format(rule=item.rule, title=item.title, detail=detail),
        suggestion=suggestion,
        table=table.key,
        row=item.cell[0],
        column=item.cell[1],
        table_rule=item.rule,
        rule_title=item.title,
        where=place,
    )
