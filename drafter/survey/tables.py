"""The survey laid out as the three tables a county reviewer reads: 报告概况, 问题清单, 数据汇总.

One layout for every output format: the workbook adds formulas, colours and widths to these tables, CSV writes
them as they are. Sheet names and column headers are the format's own Chinese labels (a county's workbooks keep
the same columns whatever the interface language); the cell texts go through the catalogs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from drafter.checks.findings import Severity
from drafter.i18n import _
from drafter.pack import FigureSpec, Pack, SectionSpec
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


@dataclass(frozen=True)
class Packs:
    """The report types of a survey: the pack each report was read with, the default one first."""

    default: Pack
    others: tuple[Pack, ...] = ()

    @property
    def used(self) -> tuple[Pack, ...]:
        """Every pack, the default first."""
        return (self.default, *self.others)

    def of(self, report: Surveyed) -> Pack:
        """The pack ``report`` was read with (the default for a report that could not be read)."""
        return next((p for p in self.others if p.name == report.pack), self.default)


def survey_packs(reports: list[Surveyed], default: Pack, pack_dir: Path | None = None) -> Packs:
    """The packs of ``reports``: ``default`` first, then any other report type read, in the order first met.

    ``default`` stands alone when it is the only type, or when every readable report is of another type
    it is left out (its parts would be empty columns)."""
    from drafter.pack import load_pack

    names: list[str] = []
    for report in reports:
        if report.readable and report.pack and report.pack not in names:
            names.append(report.pack)
    if not names or names == [default.name]:
        return Packs(default)
    first = default if default.name in names else load_pack(names[0], pack_dir)
    return Packs(first, tuple(load_pack(n, pack_dir) for n in names if n != first.name))


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


def _part_columns(packs: Packs) -> list[tuple[Pack, SectionSpec, str]]:
    """The required parts of every report type, each with its column header: the part's label, with the report
    type's title after it when another type has a part of the same label."""
    columns = [(pack, spec) for pack in packs.used for spec in pack.spec.sections if spec.required]
    labels = [spec.label for _pack, spec in columns]
    return [(pack, spec, spec.label if labels.count(spec.label) == 1 else f"{spec.label}（{pack.spec.title}）")
            for pack, spec in columns]


def overview(reports: list[Surveyed], packs: Packs) -> Table:
    """报告概况: one row per report, unreadable ones included. With more than one report type, a 报告类型
    column names each report's, and each type's parts have columns of their own (empty for the other types)."""
    parts = _part_columns(packs)
    mixed = bool(packs.others)
    header = ["文件", "单位", "年度", *(["报告类型"] if mixed else []), *[label for _p, _s, label in parts],
              "不足原因", "错误", "警告", "提示", "主要问题", "状态", "说明"]
    table = Table(OVERVIEW, header, tone_column=header.index("状态"),
                  wrapped=frozenset({header.index("主要问题"), header.index("说明")}))
    for r in reports:
        pack = packs.of(r)
        causes = "" if r.causes is None else _("given") if r.causes else _("not given")
        top = "\n".join(f"[{f.severity.label()}] {f.message}" for f in r.most_serious())
        note = r.error if r.error is not None else "；".join(r.flags)
        counts: list[Cell] = ([r.count(Severity.ERROR), r.count(Severity.WARNING), r.count(Severity.INFO)]
                              if r.readable else [None, None, None])
        kind: list[Cell] = [pack.spec.title if r.readable else None] if mixed else []
        table.rows.append([
            str(r.path), r.org, r.year, *kind,
            *[_part_cell(pack, r.parts.get(spec.key)) if owner is pack else "" for owner, spec, _l in parts],
            causes, *counts, top, r.status.label(), note,
        ])
        table.tones.append(_TONES[r.status])
    return table


def findings(reports: list[Surveyed], packs: Packs) -> Table:
    """问题清单: one row per finding, as ``drafter check`` gives them for each file (the part named by the report's
    own type)."""
    header = ["文件", "单位", "部分", "规则", "严重程度", "摘录", "问题", "建议"]
    table = Table(FINDINGS, header, wrapped=frozenset({5, 6, 7}))
    for r in reports:
        pack = packs.of(r)
        for f in r.findings:
            table.rows.append([str(r.path), r.org, _label(pack, f.section), f.rule, f.severity.label(), f.excerpt,
                               f.message, f.suggestion])
            table.tones.append(str(f.severity))
    return table


def figure_columns(reports: list[Surveyed], packs: Packs) -> list[FigureSpec]:
    """The catalogue figures that at least one report states, each report type's in its catalogue order."""
    out: list[FigureSpec] = []
    for pack in packs.used:
        stated = {key for r in reports if r.readable and packs.of(r) is pack for key in r.figures}
        out += [spec for spec in pack.spec.figures if spec.key in stated and spec not in out]
    return out


def figures(reports: list[Surveyed], packs: Packs, previous: dict[str, dict[str, int]] | None = None) -> Table:
    """数据汇总: one row per readable report, one column per figure (with last year's and the change beside it
    when ``previous`` maps organisations to last year's figures), totals in the last row."""
    specs = figure_columns(reports, packs)
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
    """Last year's figures by organisation name (each figure from the first file of the organisation that states
    it: a township's two report types state different figures)."""
    out: dict[str, dict[str, int]] = {}
    for r in reports:
        if r.readable and r.org:
            known = out.setdefault(r.org, {})
            for key, value in r.figures.items():
                known.setdefault(key, value)
    return out


def tables(reports: list[Surveyed], packs: Packs, previous: dict[str, dict[str, int]] | None = None) -> list[Table]:
    """The three sheets, in order."""
    return [overview(reports, packs), findings(reports, packs), figures(reports, packs, previous)]
