"""Template packs: the structure, wording, figures, dated terms and layout values of one kind of report.

A pack is a folder (``templates/<name>/``) holding:

- ``pack.toml``  — the parts in mandated order with prompts and guidance, the figure catalogue and the
  cross-figure rules, the deadlines;
- ``style.toml`` — the GB/T 9704 layout values and font names the typesetter uses;
- ``terms.toml`` — dated political terms and place-name patterns, the data of the checks;
- ``text/*.j2``  — the wording (title, 主送, opening, headings, closing) as Jinja templates.

An office may keep a folder of its own that overrides the built-in pack file by file. Everything is parsed and
validated when the pack loads: a TOML or Jinja syntax error, an unknown template variable or a bad value is
reported as ``file:line: message`` before anything renders. Jinja runs in an immutable sandbox with
``StrictUndefined``, and templates receive plain dicts only.
"""

from __future__ import annotations

import functools
import re
import sys
import threading
import time
import tomllib
import types
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import FrameType
from typing import Any, Literal, TypeVar

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from drafter.errors import PackError
from drafter.i18n import _
from drafter.locations import templates_dir
from drafter.model import SECTION_KEYS

DEFAULT_PACK = "fazhi-zhengfu"

_M = TypeVar("_M", bound=BaseModel)

SectionKey = Literal["measures", "problems", "duty", "plan", "other"]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when first used (see model.py)


class SectionSpec(_Spec):
    """One part of the report as the pack defines it."""

    key: SectionKey
    """Canonical key (see DOMAIN.md §2)."""
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


class FigureSpec(_Spec):
    """One entry of the figure catalogue."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Identifier used in answers files and snippets."""
    label: str
    """What the figure counts, as the clerk reads it."""
    unit: str
    """Unit written after the number (次, 场次, 件, 人次, 份, 名, 个, 户, %)."""
    section: SectionKey = "measures"
    """The part the figure belongs to."""
    topic: str = ""
    """Group inside the part, for the figures form."""
    kind: Literal["count", "rate"] = "count"
    """count: a whole number the clerk types; rate: derived from two counts, never typed."""
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

    @model_validator(mode="after")
    def _rate_has_counts(self) -> FigureSpec:
        if self.kind == "rate" and not (self.numerator and self.denominator):
            raise ValueError("a rate needs a numerator and a denominator")
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
    deadline_report: str = ""
    """When the report is due, as shown to the clerk."""
    deadline_publish: str = ""
    """When the report must be published, as shown to the clerk."""
    change_warning: float = Field(default=0.5, gt=0)
    """A figure that changes by more than this share from last year is pointed out (0.5 = 50 %)."""
    sections: list[SectionSpec]
    """The parts in mandated order."""
    figures: list[FigureSpec] = Field(default_factory=list)
    """The figure catalogue."""
    relations: list[RelationSpec] = Field(default_factory=list)
    """Rules between figures."""

    @model_validator(mode="after")
    def _consistent(self) -> PackSpec:
        keys = [s.key for s in self.sections]
        if len(set(keys)) != len(keys):
            raise ValueError("a part is listed twice")
        fig_keys = {f.key for f in self.figures}
        if len(fig_keys) != len(self.figures):
            raise ValueError("a figure key is listed twice")
        for fig in self.figures:
            for ref in (fig.numerator, fig.denominator):
                if ref and ref not in fig_keys:
                    raise ValueError(f"figure {fig.key} refers to unknown figure {ref}")
        for rel in self.relations:
            for ref in rel.figures():
                if ref not in fig_keys:
                    raise ValueError(f"a relation refers to unknown figure {ref}")
        return self


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
    """Digits after the decimal point of a rate whose catalogue entry names none."""
    rounding: Literal["half-up", "half-even"] = "half-up"
    """How figures are rounded: half-up is 四舍五入 as clerks compute by hand (6.25% → 6.3%)."""
    fonts: Fonts = Field(default_factory=Fonts)
    submission: SubmissionStyle = Field(default_factory=SubmissionStyle)


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
    own_name_suffixes: list[str] = Field(default_factory=list)
    """Endings stripped from the township's own names to get their stems (青禾镇 → 青禾)."""
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
    count_units: list[str] = Field(default_factory=list)
    """Units after a count in prose (件, 人次, 场次 …)."""
    part_markers: list[str] = Field(default_factory=list)
    """Words that mark a count as a part of a total stated before it (其中, 村级, 镇级 …)."""
    rate_words: list[str] = Field(default_factory=list)
    """Names of rates in prose besides the catalogue's rate aliases (成功率, 办结率 …)."""
    approximate_markers: list[str] = Field(default_factory=list)
    """Words that make a count approximate (余, 多, 约 …); such counts are never added up."""
    mobile_pattern: str = r"(?<![\d０-９])1[3-9]\d(?:[ -]?\d{4}){2}(?![\d０-９])"
    """A mainland mobile phone number (privacy.mobile); office landlines (0xxx-xxxxxxxx) do not match."""
    secret_patterns: list[str] = Field(default_factory=list)
    """Regular expressions of a 密级 marking written in the text (secret.marked), e.g. ``秘密★``, ``机密★1年``."""

    @model_validator(mode="after")
    def _patterns_compile(self) -> TermsSpec:
        for pattern in (*self.place_patterns, *self.placeholder_patterns, *self.secret_patterns, self.mobile_pattern):
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


MAX_OUTPUT_CHARS = 100_000
"""Most characters one render of a wording template may produce."""
MAX_RENDER_SECONDS = 1.0
"""Longest one render of a wording template may run."""
MAX_VALUE_CHARS = 1_000_000
"""Longest string or list a template expression may build (``'x' * n``, ``'x'|center(n)`` …)."""
MAX_NUMBER_ARGUMENT = 100_000
"""Largest number a template may pass to a function or filter (widths, counts, repeats)."""
MAX_RANGE = 10_000
"""Most items ``range()`` may produce in a template."""
MAX_EXPONENT = 64
"""Largest exponent of ``**`` in a template."""

_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(?:\d{6,}|\*)|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")
"""A ``%``-format or ``str.format`` field whose width or precision has six digits or more."""

_BUDGET = threading.local()


class TemplateLimitError(SecurityError):
    """A template ran too long, produced too much, or asked for a value too large."""


class _Budget:
    """The time left to one render, checked every few steps."""

    __slots__ = ("deadline", "steps")

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps & 0x3F == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitError(
                _("the template ran longer than {seconds} s").format(seconds=MAX_RENDER_SECONDS)
            )


def _tick() -> None:
    budget: _Budget | None = getattr(_BUDGET, "current", None)
    if budget is not None:
        budget.tick()


def _size(value: Any, limit: int = MAX_VALUE_CHARS) -> int:
    """Roughly how many characters ``str(value)`` would have; stops counting once past ``limit``."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, list | tuple | set | frozenset | dict):
        total = 2
        for item in value.items() if isinstance(value, dict) else value:
            total += _size(item, limit - total) + 2
            if total > limit:
                return total
        return total
    return 32


def _too_long() -> TemplateLimitError:
    return TemplateLimitError(_("the template built a value longer than {limit}").format(limit=MAX_VALUE_CHARS))


def _check_value(value: Any) -> Any:
    if _size(value) > MAX_VALUE_CHARS:
        raise _too_long()
    return value


def _check_amplification(name: str, value: Any, args: tuple[Any, ...]) -> None:
    """Refuse the string operations whose result can be far longer than their inputs, before they run."""
    estimate = 0
    if name == "join" and isinstance(value, str):  # str.join: the value is the separator, args[0] the items
        items = list(args[0]) if args and isinstance(args[0], list | tuple | str) else []
        estimate = _size(items) + len(items) * len(value)
    elif name == "do_join":  # the join filter: the value holds the items, args[0] is the separator
        items = list(value) if isinstance(value, list | tuple | set | dict | str) else []
        estimate = _size(items) + len(items) * _size(args[0] if args else "")
    elif name in ("replace", "do_replace") and isinstance(value, str) and len(args) >= 2:
        old, new = str(args[0]), args[1]
        estimate = len(value) + (value.count(old) if old else len(value) + 1) * _size(new)
    elif name == "do_indent" and isinstance(value, str):
        width = args[0] if args else 4
        estimate = len(value) + (value.count("\n") + 1) * (width if isinstance(width, int) else _size(width))
    elif name == "expandtabs" and isinstance(value, str):
        size = args[0] if args and isinstance(args[0], int) else 8
        estimate = len(value) + value.count("\t") * size
    elif name in ("format", "do_format", "%") and isinstance(value, str):
        fields = value.count("{") + value.count("%")
        estimate = len(value) + fields * max((_size(a) for a in args), default=0)
    if estimate > MAX_VALUE_CHARS:
        raise _too_long()


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT:
            raise TemplateLimitError(
                _("the template passed the number {value}, more than the limit {limit}").format(
                    value=value, limit=MAX_NUMBER_ARGUMENT
                )
            )
        if isinstance(value, str) and _FORMAT_WIDTH.search(value):
            raise TemplateLimitError(_("the template asked for a format width that is too large"))


def _capped_range(*args: int) -> range:
    _check_arguments(args, {})
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise TemplateLimitError(_("range() in a template may give at most {limit} numbers").format(limit=MAX_RANGE))
    return result


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its extra arguments and its result checked against the limits."""

    is_format = func.__name__ == "do_format"

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        # Arguments: [context | environment | eval context], the filtered value, then the filter's own arguments.
        value_at = 1 if args and isinstance(args[0], Context | Environment | EvalContext) else 0
        _check_arguments(args[value_at + 1 :], kwargs)
        if is_format:
            _check_arguments(args[value_at : value_at + 1], {})
        if len(args) > value_at:
            _check_amplification(func.__name__, args[value_at], (*args[value_at + 1 :], *kwargs.values()))
        return _check_value(func(*args, **kwargs))

    return guarded


def _guarded_join(join: Callable[[Any], str]) -> Callable[[Any], str]:
    def guarded(seq: Any) -> str:
        _tick()
        items = list(seq)
        if _size(items) > MAX_VALUE_CHARS:
            raise _too_long()
        return join(items)

    return guarded


class _PackTemplate(Template):
    """A compiled template whose ``~`` concatenations are size-checked too (they bypass the sandbox's hooks)."""

    @classmethod
    def _from_namespace(
        cls, environment: Environment, namespace: MutableMapping[str, Any], globals: MutableMapping[str, Any]
    ) -> Template:
        for name in ("str_join", "markup_join"):
            if name in namespace:
                namespace[name] = _guarded_join(namespace[name])
        return super()._from_namespace(environment, namespace, globals)


class PackSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with limits: a template cannot reach Python internals, build huge values, or run
    unbounded. Time is enforced by :func:`render_template` (a per-render deadline checked on every template line,
    call, attribute access and operator)."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("finalize", _check_value)
        super().__init__(**options)
        self.template_class = _PackTemplate
        self.globals = {
            "range": _capped_range,
            "dict": dict,
            "namespace": self.globals["namespace"],
            "lipsum": self.globals["lipsum"],
        }
        self.filters = {name: _guard_filter(func) for name, func in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if _size(seq) and isinstance(count, int) and _size(seq) * count > MAX_VALUE_CHARS:
                    raise TemplateLimitError(
                        _("the template built a value longer than {limit}").format(limit=MAX_VALUE_CHARS)
                    )
        elif operator == "**":
            too_big = isinstance(right, int | float) and abs(right) > MAX_EXPONENT
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * abs(right) > 10_000:
                too_big = True
            if too_big:
                raise TemplateLimitError(_("the template raised a number to too high a power"))
        elif operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            _check_arguments((left, *values), {})
            _check_amplification("%", left, values)
        elif operator == "+" and _size(left) + _size(right) > MAX_VALUE_CHARS:
            raise _too_long()
        return _check_value(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        pattern: str = value.__self__
        _check_arguments((pattern,), {})

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_amplification("format", pattern, (*args, *kwargs.values()))
            return wrapped(*args, **kwargs)

        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_arguments(args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType | types.MethodType) and isinstance(owner, str):
            _check_arguments((owner,), {})
            _check_amplification(__obj.__name__, owner, (*args, *kwargs.values()))
        return _check_value(super().call(__context, __obj, *args, **kwargs))


def make_environment(loader: Any) -> PackSandbox:
    """A sandboxed Jinja environment: no attribute access to Python internals, undefined names are errors,
    values, output and time are capped (see :class:`PackSandbox` and :func:`render_template`)."""
    return PackSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _trace_templates(frame: FrameType, event: str, arg: Any) -> Any:
    """sys.settrace hook: step the render budget on every line of compiled template code."""
    filename = frame.f_code.co_filename
    if filename == "<template>" or filename.endswith(".j2"):
        return _trace_lines
    return None


def _trace_lines(frame: FrameType, event: str, arg: Any) -> Any:
    if event == "line":
        _tick()
    return _trace_lines


def render_template(template: Template, context: dict[str, Any], source: Path | str) -> str:
    """Render ``template`` within the limits: at most :data:`MAX_OUTPUT_CHARS` characters and
    :data:`MAX_RENDER_SECONDS` seconds. Every failure, including a template that breaks a limit or the sandbox,
    is a :class:`PackError` naming ``source``."""
    budget = _Budget(MAX_RENDER_SECONDS)
    previous_budget = getattr(_BUDGET, "current", None)
    previous_trace = sys.gettrace()
    _BUDGET.current = budget
    sys.settrace(_trace_templates)
    chunks: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(
                    _("the template produced more than {limit} characters").format(limit=MAX_OUTPUT_CHARS)
                )
            chunks.append(chunk)
    except SecurityError as exc:
        raise PackError(_("not allowed in a template: {reason}").format(reason=exc), source, _line(exc)) from None
    except TemplateError as exc:
        raise PackError(str(exc), source, _line(exc)) from None
    except RecursionError:
        raise PackError(_("the template calls itself without end"), source) from None
    except Exception as exc:  # a template is foreign code: any failure inside it is the pack's problem
        raise PackError(f"{type(exc).__name__}: {exc}", source, _line(exc)) from None
    finally:
        sys.settrace(previous_trace)
        _BUDGET.current = previous_budget
    return "".join(chunks)


def _line(exc: BaseException) -> int | None:
    """The template line an exception came from, when the traceback reaches template code."""
    tb = exc.__traceback__
    line: int | None = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == "<template>" or code.co_filename.endswith(".j2"):
            debug = tb.tb_frame.f_globals.get("__jinja_template__")
            # Jinja rewrites tracebacks so that template frames carry the template's own line numbers.
            line = debug.get_corresponding_lineno(tb.tb_lineno) if debug is not None else tb.tb_lineno
        tb = tb.tb_next
    return line


@dataclass(frozen=True)
class Pack:
    """A loaded and validated template pack."""

    name: str
    folders: tuple[Path, ...]
    spec: PackSpec
    style: StyleSpec
    terms: TermsSpec
    env: PackSandbox
    templates: dict[str, Template] = field(default_factory=dict)

    def section(self, key: str) -> SectionSpec | None:
        """The pack's definition of part ``key``, or None when the pack does not have it."""
        for section in self.spec.sections:
            if section.key == key:
                return section
        return None

    def figure(self, key: str) -> FigureSpec | None:
        """The catalogue entry for figure ``key``, or None."""
        for fig in self.spec.figures:
            if fig.key == key:
                return fig
        return None

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render wording template ``name`` (e.g. ``title.j2``) with plain-dict ``context``."""
        template = self.templates[name]
        text = render_template(template, context, self.source_of(name))
        return " ".join(line.strip() for line in text.splitlines() if line.strip())

    def source_of(self, name: str) -> Path:
        """The file that provides wording template ``name`` (the office's folder first)."""
        for folder in self.folders:
            candidate = folder / "text" / name
            if candidate.is_file():
                return candidate
        return self.folders[-1] / "text" / name


def _find_file(folders: tuple[Path, ...], relative: str) -> Path:
    for folder in folders:
        candidate = folder / relative
        if candidate.is_file():
            return candidate
    raise PackError(_("the pack has no file {name}").format(name=relative), folders[-1])


def _locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """Best guess at the line of ``text`` (a TOML file) that holds the value at pydantic ``loc``."""
    lines = text.splitlines()
    start = 0
    table = ""
    parts = list(loc)
    index = 0
    found: int | None = None
    while index < len(parts):
        part = parts[index]
        if isinstance(part, str):
            nxt = parts[index + 1] if index + 1 < len(parts) else None
            qualified = f"{table}.{part}" if table else part
            if isinstance(nxt, int):
                header = re.compile(rf"^\s*\[\[\s*{re.escape(qualified)}\s*\]\]")
                count = -1
                for number in range(start, len(lines)):
                    if header.match(lines[number]):
                        count += 1
                        if count == nxt:
                            start = number
                            found = number
                            break
                else:
                    return found + 1 if found is not None else None
                table = qualified
                index += 2
                continue
            key = re.compile(rf"^\s*(?:{re.escape(part)}\s*=|\[\s*{re.escape(qualified)}\s*\])")
            for number in range(start, len(lines)):
                if key.match(lines[number]):
                    start = number
                    found = number
                    break
            table = qualified
        index += 1
    return found + 1 if found is not None else None


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise PackError(str(exc), path, int(match.group(1)) if match else None) from None


def validate_toml(model: type[_M], path: Path) -> _M:
    """Parse the TOML file ``path`` into ``model``; any problem is a PackError with the file and its line."""
    text = path.read_text(encoding="utf-8")
    data = _parse_toml(text, path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"])
        message = f"{where}: {problem['msg']}" if where else str(problem["msg"])
        raise PackError(message, path, _locate(text, tuple(problem["loc"]))) from None


def _undeclared(ast: nodes.Template) -> list[tuple[str, int]]:
    """Names a template reads that it neither receives nor sets itself, with their line numbers."""
    stored: set[str] = set()
    for node in ast.find_all((nodes.Name, nodes.Macro, nodes.For)):
        if isinstance(node, nodes.Name) and node.ctx in ("store", "param"):
            stored.add(node.name)
        elif isinstance(node, nodes.Macro):
            stored.add(node.name)
            stored.update(arg.name for arg in node.args)
    loads = [(n.name, n.lineno) for n in ast.find_all(nodes.Name) if n.ctx == "load"]
    builtins = {"range", "loop", "true", "false", "none", "True", "False", "None", "namespace", "dict", "lipsum"}
    return [(name, line) for name, line in loads if name not in TEMPLATE_VARIABLES | stored | builtins]


def _forbidden(ast: nodes.Template) -> list[tuple[str, int]]:
    """What a template may not do, found before it ever runs: reach Python internals (attributes and keys that
    start with ``_``) or read files outside the pack (``include``/``import``/``extends`` of an absolute path,
    a path with ``..``, or a name computed at render time)."""
    found: list[tuple[str, int]] = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem)):
        key: object = None
        if isinstance(node, nodes.Getattr):
            key = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            key = node.arg.value
        if isinstance(key, str) and key.startswith("_"):
            found.append((_("'{name}' reaches into Python internals, which templates may not do").format(
                name=key), node.lineno))
    for call in ast.find_all(nodes.Filter):
        if call.name == "attr" and any(isinstance(a, nodes.Const) and str(a.value).startswith("_") for a in call.args):
            found.append((_("'{name}' reaches into Python internals, which templates may not do").format(
                name=call.args[0].value), call.lineno))  # type: ignore[attr-defined]
    for stmt in ast.find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        assert isinstance(stmt, nodes.Include | nodes.Import | nodes.FromImport | nodes.Extends)
        target = stmt.template
        names = [target.value] if isinstance(target, nodes.Const) else None
        if isinstance(target, nodes.List | nodes.Tuple) and all(isinstance(i, nodes.Const) for i in target.items):
            names = [i.value for i in target.items]  # type: ignore[attr-defined]
        if names is None:
            found.append((_("a template may only include files named in the template itself"), stmt.lineno))
            continue
        for included in names:
            text = str(included).replace("\\", "/")
            if text.startswith("/") or ".." in text.split("/") or re.match(r"^[A-Za-z]:", text):
                found.append((_("a template may only include files of its own pack, not '{name}'").format(
                    name=included), stmt.lineno))
    return found


def _compile(env: PackSandbox, folders: tuple[Path, ...], name: str) -> Template:
    path = _find_file(folders, f"text/{name}")
    source = path.read_text(encoding="utf-8")
    try:
        ast = env.parse(source, name, str(path))
    except TemplateSyntaxError as exc:
        raise PackError(exc.message or str(exc), path, exc.lineno) from None
    forbidden = _forbidden(ast)
    if forbidden:
        message, line = forbidden[0]
        raise PackError(message, path, line)
    unknown = _undeclared(ast)
    if unknown:
        variable, line = unknown[0]
        raise PackError(_("unknown variable '{name}'").format(name=variable), path, line)
    return env.from_string(ast)  # compiled from the tree just checked, not parsed a second time


def pack_folders(name: str = DEFAULT_PACK, override: Path | None = None) -> tuple[Path, ...]:
    """The folders a pack is read from: the office's override (if any) before the built-in one."""
    builtin = templates_dir() / name
    folders: list[Path] = []
    if override is not None:
        if not override.is_dir():
            raise PackError(_("pack folder not found"), override)
        folders.append(override.resolve())
    if builtin.is_dir():
        folders.append(builtin)
    if not folders:
        raise PackError(_("no template pack named {name}").format(name=name), templates_dir())
    return tuple(folders)


def load_pack(name: str = DEFAULT_PACK, override: Path | None = None) -> Pack:
    """Load and validate a pack; ``override`` is an office folder whose files replace the built-in ones."""
    if override is None:
        return _load_builtin(name)
    return _load(pack_folders(name, override))


@lru_cache(maxsize=8)
def _load_builtin(name: str) -> Pack:
    return _load(pack_folders(name, None))


def _load(folders: tuple[Path, ...]) -> Pack:
    spec = validate_toml(PackSpec, _find_file(folders, "pack.toml"))
    style = validate_toml(StyleSpec, _find_file(folders, "style.toml"))
    terms = validate_toml(TermsSpec, _find_file(folders, "terms.toml"))
    for required in ("measures", "problems", "duty", "plan"):
        if required not in {s.key for s in spec.sections}:
            raise PackError(
                _("pack.toml must define the part '{key}'").format(key=required), _find_file(folders, "pack.toml")
            )
    env = make_environment(ChoiceLoader([FileSystemLoader(str(f / "text")) for f in folders]))
    names = [f"{n}.j2" for n in TEXT_TEMPLATES] + [heading_template(s.key) for s in spec.sections]
    templates = {name: _compile(env, folders, name) for name in names}
    assert set(SECTION_KEYS) >= {s.key for s in spec.sections}
    return Pack(
        name=spec.name,
        folders=folders,
        spec=spec,
        style=style,
        terms=terms,
        env=env,
        templates=templates,
    )
