"""The rules of a pack's statistical tables as findings: identities between cells (I1, I6, I7), printed totals
that do not add up (I2, I3, I5), cells a township should not fill (P1), decimals where a count is asked (I8) and
empty cells. The rules themselves are the pack's data and are evaluated in :mod:`drafter.tables`."""

from __future__ import annotations

from drafter.checks.findings import Finding, Severity
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.tables import Broken, cell_name, column_spec, format_value
from drafter.tables import broken as broken_rules

RULE_OF_KIND = {"equal": "table.identity", "derived": "table.identity", "zero": "table.plausibility",
                "whole": "table.value", "blank": "table.blank"}
"""The finding's rule id for each kind of pack rule (the pack's own id, I1 …, is in the finding's ``table_rule``)."""

SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "hint": Severity.INFO}


def check_tables(answers: Answers, pack: Pack, previous: Answers | None = None) -> list[Finding]:
    """Every broken rule of every table of ``answers`` (rules about last year use ``previous`` when the table
    keeps no last-year cells of its own)."""
    out: list[Finding] = []
    for table in pack.tables.tables:
        data = answers.tables.get(table.key)
        last = previous.tables.get(table.key) if previous is not None else None
        for item in broken_rules(table, data, last):
            out.append(_finding(pack, item))
    return out


def _finding(pack: Pack, item: Broken) -> Finding:
    table = pack.table(item.table)
    assert table is not None
    where = cell_name(table, item.cell)
    column = column_spec(table, item.cell)
    row_label = next((r.label for r in table.data_rows() if r.key == item.cell[0]), item.cell[0])
    if item.kind == "equal" and item.over == "columns":
        where = f"{table.title}：{column.label if column else item.cell[1]}"
    elif item.kind == "equal" and item.over == "rows":
        where = f"{table.title}：{row_label}"
    actual = format_value(item.actual, column)
    if item.kind == "blank":
        detail = _("{count} empty cells, the first at {where}").format(count=item.actual, where=where)
    elif item.kind == "zero" or item.kind == "whole":
        detail = _("{where} is {value}").format(where=where, value=actual)
    else:
        detail = _("{where}: {actual} where {expected} is expected").format(
            where=where, actual=actual, expected=format_value(item.expected, column))
    return Finding(
        rule=RULE_OF_KIND[item.kind],
        severity=SEVERITY[item.severity],
        section=table.section,
        excerpt="",
        message=f"{item.rule}：{item.title}（{detail}）",
        suggestion=_("Correct the cell in the table; totals are computed by drafter."),
        table=table.key,
        row=item.cell[0],
        column=item.cell[1],
        table_rule=item.rule,
    )
