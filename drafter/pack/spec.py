"""The pack's data as pydantic models: ``pack.toml`` (parts, figure catalogue, rules), ``style.toml`` (the GB/T 9704
numbers and fonts) and ``terms.toml`` (dated terms, place patterns, the checks' words)."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from drafter.locations import DEFAULT_PACK as DEFAULT_PACK  # its home is drafter.locations (no pydantic there)

PART_KEY = r"^[a-z][a-z0-9_]*$"
"""What a part's key looks like (the answers file uses it too)."""


class Role(StrEnum):
    """What a part is for, whatever its key: the code asks the pack for the part with a role
    (:meth:`PackSpec.with_role`), never for a key. Each role is given to at most one part of a pack; a part may
    have none. Each member's docstring is the one statement of what the role means."""

    MEASURES = "measures"
    """The year's work and its results: a figure that names no part belongs here, and the text of an imported
    report that has no part headings lands here."""
    PROBLEMS = "problems"
    """Shortcomings, which the rules want given with their causes: the checks ask for a cause (the pack's
    ``cause_markers``) when this part is present."""
    DUTY = "duty"
    """How the leaders fulfilled their duties: may sit inside another part as one of its level-2 items (found by
    this part's keywords), and then counts as present."""
    PLAN = "plan"
    """Next year's plan: its years are next year's (a year-on check expects them, a carried-forward heading moves
    them on, an imported heading naming next year points here)."""
    OTHER = "other"
    """Anything else: an imported part whose heading matches no part lands here."""


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when first used (see model.py)


class SectionSpec(_Spec):
    """One part of the report as the pack defines it."""

    key: str = Field(pattern=PART_KEY)
    """The part's key in answers files (measures, problems, duty, plan, other for the 法治政府建设 report)."""
    label: str
    """Short name shown in the UI's list of parts."""
    required: bool = True
    """Whether the rules require this part."""
    prompt: str
    """The question the clerk answers in this part."""
    guidance: str
    """What the rules ask for here, in the pack's own words."""
    keywords: list[str] = Field(default_factory=list)
    """Words in a heading that identify this part when a report is imported."""
    table: str | None = None
    """The key of the table (``tables.toml``) printed in this part after its prose; such a part is always printed."""
    role: Role | None = None
    """What the part is for (:class:`Role`), which the checks, import, carrying forward and the survey act on."""


class FigureSpec(_Spec):
    """One entry of the figure catalogue."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Identifier used in answers files and snippets."""
    label: str
    """What the figure counts, as the clerk reads it."""
    unit: str
    """Unit written after the number (次, 场次, 件, 人次, 份, 名, 个, 户, %)."""
    section: str = Field(pattern=PART_KEY)
    """The part the figure belongs to (in ``pack.toml``, default: the part with the measures role, else the
    first part)."""
    topic: str = ""
    """Group inside the part, for the figures form."""
    kind: Literal["count", "rate", "cell"] = "count"
    """count: a whole number the clerk types; rate: derived from two counts, never typed; cell: a table's cell
    (``cell``), named here so that the prose stating it is checked against the table."""
    maximum: int = 1_000_000
    """Largest plausible value; more is refused as a typing mistake."""
    numerator: str | None = None
    """For a rate: the figure counted as success."""
    denominator: str | None = None
    """For a rate: the figure counted as the whole."""
    precision: int | None = Field(default=None, ge=0, le=3)
    """For a rate: digits after the decimal point (default: the style's ``rate_precision``)."""
    aliases: list[str] = Field(default_factory=list)
    """Phrases that name this figure in prose (used to find it in imported text)."""
    cell: str = Field(default="", pattern=r"^([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)?$")
    """For a cell figure: ``table.row.column``."""

    @model_validator(mode="after")
    def _rate_has_counts(self) -> FigureSpec:
        if self.kind == "rate" and not (self.numerator and self.denominator):
            raise ValueError("a rate needs a numerator and a denominator")
        if (self.kind == "cell") != bool(self.cell):
            raise ValueError("a cell figure, and only a cell figure, names its cell")
        return self


class RelationSpec(_Spec):
    """A rule between figures: ``part`` must not exceed ``whole``, or ``parts`` must add up to ``total``."""

    kind: Literal["le", "sum"]
    """le: ``part`` ≤ ``whole``; sum: the ``parts`` add up to ``total``."""
    part: str | None = None
    """For le: the smaller figure."""
    whole: str | None = None
    """For le: the larger figure."""
    parts: list[str] = Field(default_factory=list)
    """For sum: the figures that add up."""
    total: str | None = None
    """For sum: the figure they add up to."""

    @model_validator(mode="after")
    def _complete(self) -> RelationSpec:
        if self.kind == "le" and not (self.part and self.whole):
            raise ValueError("an le rule needs part and whole")
        if self.kind == "sum" and not (self.parts and self.total):
            raise ValueError("a sum rule needs parts and total")
        return self

    def figures(self) -> list[str]:
        """Every figure key the rule mentions."""
        keys = [self.part, self.whole, self.total, *self.parts]
        return [k for k in keys if k]


class PackSpec(_Spec):
    """``pack.toml``: what the report contains."""

    name: str
    """Folder name of the pack."""
    title: str
    """Human name of the kind of report."""
    language: str = "zh_CN"
    """Language of the document (the UI language does not change it)."""
    inherits: str = ""
    """A built-in pack whose files this one takes where it has none of its own (its layout, terms, import
    patterns), so that two report types share one copy of them."""
    deadline_report: str = ""
    """When the report is due, as shown to the clerk."""
    deadline_publish: str = ""
    """When the report must be published, as shown to the clerk."""
    change_warning: float = Field(default=0.5, gt=0)
    """A figure that changes by more than this share from last year is pointed out (0.5 = 50 %)."""
    signed_by: Literal["organs", "person"] = "organs"
    """Who signs the report: organs (the Party committee and/or the government, sealed; the submission copy is a
    公文 with their 发文机关标志), or a person (the report is written in the first person and signed with a post and
    name, ``镇党委书记 林晓峰``, taken from the signatories alone; it has no 版头 and no seals)."""
    sections: list[SectionSpec]
    """The parts in mandated order."""
    figures: list[FigureSpec] = Field(default_factory=list)
    """The figure catalogue."""
    relations: list[RelationSpec] = Field(default_factory=list)
    """Rules between figures."""
    title_words: list[str] = Field(default_factory=list)
    """Words of the title a line break never splits (besides the organisation's names and the year), such as
    法治政府建设: the typesetter breaks a long title between words (GB/T 9704 §7.3.3)."""

    @model_validator(mode="before")
    @classmethod
    def _figures_default_part(cls, data: Any) -> Any:
        """A figure that names no part belongs to the measures part (else the first)."""
        if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
            return data
        parts = [s for s in data["sections"] if isinstance(s, dict)]
        home = next((s.get("key") for s in parts if s.get("role") == Role.MEASURES.value),
                    parts[0].get("key") if parts else None)
        if home is None or not isinstance(data.get("figures"), list):
            return data
        figures = [{**f, "section": home} if isinstance(f, dict) and "section" not in f else f
                   for f in data["figures"]]
        return {**data, "figures": figures}

    @model_validator(mode="after")
    def _consistent(self) -> PackSpec:
        keys = [s.key for s in self.sections]
        if len(set(keys)) != len(keys):
            raise ValueError("a part is listed twice")
        roles = [s.role for s in self.sections if s.role is not None]
        if len(set(roles)) != len(roles):
            raise ValueError("a role is given to two parts")
        fig_keys = {f.key for f in self.figures}
        if len(fig_keys) != len(self.figures):
            raise ValueError("a figure key is listed twice")
        for fig in self.figures:
            if fig.section not in keys:
                raise ValueError(f"figure {fig.key} belongs to unknown part {fig.section}")
        for fig in self.figures:
            for ref in (fig.numerator, fig.denominator):
                if ref and ref not in fig_keys:
                    raise ValueError(f"figure {fig.key} refers to unknown figure {ref}")
        for rel in self.relations:
            for ref in rel.figures():
                if ref not in fig_keys:
                    raise ValueError(f"a relation refers to unknown figure {ref}")
        return self


    def with_role(self, role: Role) -> SectionSpec | None:
        """The part that has ``role``, or None when the pack has no such part."""
        return next((s for s in self.sections if s.role is role), None)

    def key_of(self, role: Role) -> str | None:
        """The key of the part that has ``role``, or None."""
        part = self.with_role(role)
        return part.key if part else None

    def home_key(self) -> str:
        """The part a figure, a snippet or unheaded imported text that names no part belongs to: the part with
        the measures role, else the first part (``_figures_default_part`` applies the same to ``pack.toml``)."""
        return self.key_of(Role.MEASURES) or self.sections[0].key


class Fonts(_Spec):
    """Font names; the East Asian name is what Word and LibreOffice use for Chinese text."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    page_number: str = "宋体"
    latin: str = "Times New Roman"
    """Font for Latin letters and Arabic numerals in body text."""
    fallbacks: dict[str, str] = Field(default_factory=dict)
    """Font to use where a named font is missing (written to the document's font table as ``w:altName``)."""


class SubmissionStyle(_Spec):
    """``[submission]`` of ``style.toml``: the 版头, sealed signature and 版记 of the submission copy."""

    red: str = Field(default="FF0000", pattern=r"^[0-9A-Fa-f]{6}$")
    """The red of the 发文机关标志 and the separator line (RGB hex)."""
    mark_top_mm: float = 35
    """From the top of the text block to the top edge of the 发文机关标志."""
    mark_max_size_pt: float = Field(default=60, gt=0)
    """The 发文机关标志's largest size; a longer name is set smaller so that it fits the line."""
    mark_width_share: float = Field(default=0.9, gt=0, le=1)
    """The widest line of the 发文机关标志 takes at most this share of the text block's width."""
    mark_line_factor: float = Field(default=1.2, ge=1)
    """Line height of the 发文机关标志 as a multiple of its size (names of a joint report stacked)."""
    number_gap_lines: float = 2
    """Empty lines between the 发文机关标志 and the 发文字号 (下空二行)."""
    number_indent_chars: float = 1
    """发文字号 居左空一字; 签发人 居右空一字."""
    issuers_per_line: int = Field(default=2, ge=1)
    """签发人 names on one line."""
    separator_gap_mm: float = 4
    """From the bottom of the 发文字号 to the red separator line."""
    separator_width_pt: float = Field(default=1.5, gt=0)
    """Thickness of the red separator line."""
    title_gap_lines: float = 2
    """Empty lines between the red separator and the title (空二行)."""
    seal_gap_lines: float = 2
    """Empty lines between the body and the signing organ, room for the seal to reach within one line of the body."""
    seal_diameter_mm: float = 42
    """The seal's diameter; joint reports keep their seals this far apart plus ``seal_spacing_mm``."""
    seal_spacing_mm: float = 4
    """Space between two seals of a joint report (seals never touch)."""
    sealed_date_right_chars: float = 4
    """成文日期右空四字 under a seal (§7.3.5.1)."""
    record_size_pt: float = 14
    """版记 text: 4号仿宋."""
    record_indent_chars: float = 1
    """版记 左右各空一字."""
    record_thick_mm: float = 0.35
    """First and last line of the 版记."""
    record_thin_mm: float = 0.25
    """Lines between the rows of the 版记."""


class StyleSpec(_Spec):
    """``style.toml``: the layout of GB/T 9704-2012 in numbers."""

    page_width_mm: float = 210
    page_height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    lines_per_page: int = Field(default=22, ge=10, le=60)
    """Lines of body text on a full page (GB/T 9704: 22); must be what ``line_pitch_pt`` fits between the margins."""
    chars_per_line: int = Field(default=28, ge=10, le=60)
    line_pitch_pt: float = Field(default=28.95, gt=0)
    """Exact line spacing of body text."""
    body_size_pt: float = 16
    title_size_pt: float = 22
    page_number_size_pt: float = 14
    page_number_gap_mm: float = 7
    """Distance from the bottom of the text block to the page number."""
    first_line_indent_chars: float = 2
    signature_right_chars: float = 2
    """右空二字: the signature keeps this many characters free at the right."""
    date_offset_chars: float = 2
    """The date's first character stands this many characters right of the signature's first."""
    bold_level3: bool = False
    """Bold for level-3 headings (local practice, not in the standard)."""
    rate_precision: int = Field(default=1, ge=0, le=3)
    """Digits after the decimal point of a rate whose catalogue entry names none (read through
    :meth:`drafter.figures.catalogue.Catalogue.precision`, the one place a rate's precision is decided)."""
    rounding: Literal["half-up", "half-even"] = "half-up"
    """How figures are rounded: half-up is 四舍五入 as clerks compute by hand (6.25% → 6.3%)."""
    fonts: Fonts = Field(default_factory=Fonts)
    submission: SubmissionStyle = Field(default_factory=SubmissionStyle)

    @model_validator(mode="after")
    def _lines_fit(self) -> StyleSpec:
        height_pt = (self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm) * 72 / 25.4
        fits = int(height_pt // self.line_pitch_pt)
        if fits != self.lines_per_page:
            raise ValueError(
                f"lines_per_page is {self.lines_per_page}, but {fits} lines of line_pitch_pt {self.line_pitch_pt} "
                "fit between the top and bottom margins"
            )
        return self


class DatedTerm(_Spec):
    """A political term that is current for a period and stale after it."""

    term: str
    """The term as written, e.g. ``党的十九大``."""
    pattern: str | None = None
    """A regular expression that finds it, when plain text is not enough."""
    since: int
    """First year the term is current."""
    until: int | None = None
    """Last year the term is current; after it the term is stale."""
    replaced_by: str = ""
    """What to write instead."""
    goes_stale: bool = True
    """False for a term whose name carries its own years (《…纲要（2021—2025年）》): naming it later is no mistake.
    Every term, stale or not, is used to check dated facts (``2025年是…收官之年`` must be its ``until``)."""

    @model_validator(mode="after")
    def _pattern_compiles(self) -> DatedTerm:
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern does not compile: {exc}") from None
        return self


class TermsSpec(_Spec):
    """``terms.toml``: dated terms and place-name patterns for the checks."""

    terms: list[DatedTerm] = Field(default_factory=list)
    place_suffixes: list[str] = Field(default_factory=lambda: ["镇", "乡", "街道", "区", "县", "市"])
    """Endings that make a word a place name."""
    place_patterns: list[str] = Field(default_factory=list)
    """Regular expressions with one group that capture a place in set phrases such as 法治XX, 立足XX实际."""
    common_words: list[str] = Field(default_factory=list)
    """Words that end like a place name but are not one (城镇, 集镇, 社区 …)."""
    county_organ_next: list[str] = Field(default_factory=lambda: ["委", "政府", "人民政府", "人大"])
    """What follows a county's name when the text names its organs (安平县委、县政府): such a name counts for the
    home county of a report without an answers file, though 县委 is one of the common words."""
    own_name_suffixes: list[str] = Field(default_factory=list)
    """Endings stripped from the township's own names to get their stems (青禾镇 → 青禾)."""
    boilerplate: list[str] = Field(default_factory=list)
    """Regular expressions of sentences that recur by design (``该部分以表格形式报告。表格如下：``), matched against
    a whole paragraph without spaces: never reported as repeated."""
    place_stop_chars: str = ""
    """Characters that never occur in the stem of a place name found by its suffix."""
    place_abbreviation_next: str = ""
    """Characters after a suffix that make it the short form of the township (镇党委, 县司法局)."""
    place_pattern_exclusions: list[str] = Field(default_factory=list)
    """Words captured by ``place_patterns`` that are not places (法治政府, 立足工作实际 …)."""
    street_wording: list[str] = Field(default_factory=list)
    """Wording of a 街道 (street office) that gives away copied text in a 镇 or 乡 report."""
    cause_markers: list[str] = Field(default_factory=list)
    """Words that state a cause in the problems part (原因, 究其原因, 主要是由于 …)."""
    placeholder_patterns: list[str] = Field(default_factory=list)
    """Regular expressions of placeholders left in a draft (XX, ××, 【】, 待填 …)."""
    year_period_after: list[str] = Field(default_factory=list)
    """What follows ``20XX年`` when the year is the period being reported (度, ，, 共 …)."""
    year_exclude_before: list[str] = Field(default_factory=list)
    """What precedes a year that is a comparison, history or deadline (较, 比, 同比, 自 …)."""
    year_exclude_after: list[str] = Field(default_factory=list)
    """What follows a year that is history or a comparison (以前, 成立, 同期 …)."""
    plan_period_after: list[str] = Field(default_factory=list)
    """What follows ``20XX年`` in the plan part when the year is the plan's period."""
    report_period_patterns: list[str] = Field(default_factory=list)
    """Regular expressions whose groups capture years that must be the report year: the statistical period a
    report states (统计期限自2024年1月1日起至2024年12月31日止 in a report on 2025)."""
    count_units: list[str] = Field(default_factory=list)
    """Units after a count in prose (件, 人次, 场次 …)."""
    part_markers: list[str] = Field(default_factory=list)
    """Words that mark a count as a part of a total stated before it (其中, 村级, 镇级 …)."""
    rate_words: list[str] = Field(default_factory=list)
    """Names of rates in prose besides the catalogue's rate aliases (成功率, 办结率 …)."""
    approximate_markers: list[str] = Field(default_factory=list)
    """Words that make a count approximate (余, 多, 约 …); such counts are never added up."""
    money_units: list[str] = Field(default_factory=list)
    """Currency units after a sum (元, 美元 …): a number followed by one, or by a count unit, is no phone number."""
    mobile_pattern: str = r"(?<![\d+])(?:(?:\+|00)?86)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)"
    """A mainland mobile phone number (privacy.mobile), with or without the +86 / 86 / 0086 prefix; matched in text
    whose digits are half-width and whose numbers have no spaces inside; office landlines (0xxx-xxxxxxxx) do not
    match."""
    secret_patterns: list[str] = Field(default_factory=list)
    """Regular expressions of a 密级 marking written in the text (secret.marked), e.g. ``秘密★``, ``机密★1年``."""

    @model_validator(mode="after")
    def _patterns_compile(self) -> TermsSpec:
        for pattern in (*self.place_patterns, *self.placeholder_patterns, *self.secret_patterns,
                        *self.report_period_patterns, *self.boilerplate, self.mobile_pattern):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
        return self


TEXT_TEMPLATES = ("title", "recipient", "opening", "closing")
"""Wording templates every pack provides under ``text/``, besides one heading per part."""

TEMPLATE_VARIABLES = frozenset({"year", "next_year", "org", "title_form", "recipients", "organs", "date"})
"""The names a wording template may use; anything else is an unknown variable."""


def heading_template(key: str) -> str:
    """File name of the heading template of part ``key``."""
    return f"heading-{key}.j2"


