"""The survey laid out as the three tables a county reviewer reads: 报告概况, 问题清单, 数据汇总.

One layout for every output format: the workbook adds formulas, colours and widths to these tables, CSV writes
them as they are. Sheet names and column headers are the format's own Chinese labels (a county's workbooks keep
the same columns whatever the interface language); the cell texts go through the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.checks.findings import Severity
from drafter.i18n import _
from drafter.pack import FigureSpec, Pack
from drafter.survey import PartState, Status, Surveyed

Cell = str | int | None

OVERVIEW = "报告概况"
FINDINGS = "问题清单"
FIGURES = "数据汇总"
TOTAL = "合计"
SHEETS = (OVERVIEW, FINDINGS, FIGURES)
"""The sheets, in the workbook's order."""


@dataclass
class Table:
    """A sheet: header, rows, and what the workbook needs to present it."""

    name: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    tones: list[str | None] = field(default_factory=list)
    """Per row: ``error``, ``warning``, ``info``, ``unreadable`` or ``clean`` (the colour), or None."""
    tone_column: int | None = None
    """The column coloured by the row's tone; None: the whole row."""
    wrapped: frozenset[int] = frozenset()
    """Columns of long text, wrapped in the workbook."""
    summed: list[int] = field(default_factory=list)
    """Columns added up in a last row of totals (:data:`TOTAL`)."""
    changes: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Columns holding ``this - that`` of two other columns (indices), when both are known."""

    def totals(self) -> list[Cell]:
        """The totals row with the sums computed (the workbook writes formulas instead)."""
        row: list[Cell] = [None] * len(self.header)
        row[0] = TOTAL
        for col in self.summed:
            row[col] = sum(v for r in self.rows if isinstance(v := r[col], int))
        return row


_TONES = {
    Status.UNREADABLE: "unreadable",
    Status.ERRORS: "error",
    Status.REVIEW: "warning",
    Status.NOTES: "info",
    Status.CLEAN: "clean",
}


def _label(pack: Pack, key: str | None) -> str:
    spec = pack.section(key) if key else None
    return spec.label if spec else (key or _("Title, opening and signature"))


def _part_cell(pack: Pack, state: tuple[PartState, str | None] | None) -> str:
    if state is None:
        return ""
    kind, host = state
    if kind is PartState.MISSING:
        return _("missing")
    if kind is PartState.MERGED:
        return _("inside {part}").format(part=_label(pack, host)) if host else _("inside another part")
    return _("present")


def overview(reports: list[Surveyed], pack: Pack) -> Table:
    """报告概况: one row per report, unreadable ones included."""
    required = [s for s in pack.spec.sections if s.required]
    header = ["文件", "单位", "年度", *[s.label for s in required], "不足原因", "错误", "警告", "提示", "主要问题",
              "状态", "说明"]
    table = Table(OVERVIEW, header, tone_column=header.index("状态"),
                  wrapped=frozenset({header.index("主要问题"), header.index("说明")}))
    for r in reports:
        causes = "" if r.causes is None else _("given") if r.causes else _("not given")
        top = "\n".join(f"[{f.severity.label()}] {f.message}" for f in r.most_serious())
        note = r.error if r.error is not None else "；".join(r.flags)
        counts: list[Cell] = ([r.count(Severity.ERROR), r.count(Severity.WARNING), r.count(Severity.INFO)]
                              if r.readable else [None, None, None])
        table.rows.append([
            str(r.path), r.org, r.year,
            *[_part_cell(pack, r.parts.get(s.key)) for s in required],
            causes, *counts, top, r.status.label(), note,
        ])
        table.tones.append(_TONES[r.status])
    return table


def findings(reports: list[Surveyed], pack: Pack) -> Table:
    """问题清单: one row per finding, as ``drafter check`` gives them for each file."""
    header = ["文件", "单位", "部分", "规则", "严重程度", "摘录", "问题", "建议"]
    table = Table(FINDINGS, header, wrapped=frozenset({5, 6, 7}))
    for r in reports:
        for f in r.findings:
            table.rows.append([str(r.path), r.org, _label(pack, f.section), f.rule, f.severity.label(), f.excerpt,
                               f.message, f.suggestion])
            table.tones.append(str(f.severity))
    return table


def figure_columns(reports: list[Surveyed], pack: Pack) -> list[FigureSpec]:
    """The pack's catalogue figures that at least one report states, in catalogue order."""
    stated = {key for r in reports for key in r.figures}
    return [spec for spec in pack.spec.figures if spec.key in stated]


def figures(reports: list[Surveyed], pack: Pack, previous: dict[str, dict[str, int]] | None = None) -> Table:
    """数据汇总: one row per readable report, one column per figure (with last year's and the change beside it
    when ``previous`` maps organisations to last year's figures), totals in the last row."""
    specs = figure_columns(reports, pack)
    header = ["文件", "单位", "年度"]
    table = Table(FIGURES, header)
    columns: list[tuple[FigureSpec, int, int | None]] = []
    for spec in specs:
        value_col = len(header)
        header.append(f"{spec.label}（{spec.unit}）")
        table.summed.append(value_col)
        prev_col = None
        if previous is not None:
            prev_col = len(header)
            header.extend([f"上年：{spec.label}（{spec.unit}）", f"增减：{spec.label}（{spec.unit}）"])
            table.summed.extend([prev_col, prev_col + 1])
            table.changes[prev_col + 1] = (value_col, prev_col)
        columns.append((spec, value_col, prev_col))
    for r in reports:
        if not r.readable:
            continue
        row: list[Cell] = [str(r.path), r.org, r.year] + [None] * (len(header) - 3)
        last_year = previous.get(r.org, {}) if previous is not None and r.org else {}
        for spec, value_col, prev_col in columns:
            row[value_col] = r.figures.get(spec.key)
            if prev_col is not None:
                row[prev_col] = last_year.get(spec.key)
        for col, (this, that) in table.changes.items():
            a, b = row[this], row[that]
            row[col] = a - b if isinstance(a, int) and isinstance(b, int) else None
        table.rows.append(row)
        table.tones.append(None)
    return table


def previous_figures(reports: list[Surveyed]) -> dict[str, dict[str, int]]:
    """Last year's figures by organisation name (the first file of each organisation)."""
    out: dict[str, dict[str, int]] = {}
    for r in reports:
        if r.readable and r.org:
            out.setdefault(r.org, r.figures)
    return out


def tables(reports: list[Surveyed], pack: Pack, previous: dict[str, dict[str, int]] | None = None) -> list[Table]:
    """The three sheets, in order."""
    return [overview(reports, pack), findings(reports, pack), figures(reports, pack, previous)]
