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

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    nodes,
)
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
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


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
    precision: int = Field(default=1, ge=0, le=3)
    """For a rate: digits after the decimal point."""
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
    rate_precision: int = 1
    fonts: Fonts = Field(default_factory=Fonts)


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

    @model_validator(mode="after")
    def _patterns_compile(self) -> TermsSpec:
        for pattern in (*self.place_patterns, *self.placeholder_patterns):
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


def make_environment(loader: Any) -> ImmutableSandboxedEnvironment:
    """A sandboxed Jinja environment: no attribute access to Python internals, undefined names are errors."""
    return ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True)
class Pack:
    """A loaded and validated template pack."""

    name: str
    folders: tuple[Path, ...]
    spec: PackSpec
    style: StyleSpec
    terms: TermsSpec
    env: ImmutableSandboxedEnvironment
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
        try:
            text = template.render(context)
        except TemplateError as exc:
            raise PackError(str(exc), self.source_of(name)) from None
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


def _load_toml(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise PackError(str(exc), path, int(match.group(1)) if match else None) from None


def _validate(model: type[_M], path: Path) -> _M:
    data = _load_toml(path)
    text = path.read_text(encoding="utf-8")
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
            stored.update(arg.name for arg in node.args)
    loads = [(n.name, n.lineno) for n in ast.find_all(nodes.Name) if n.ctx == "load"]
    builtins = {"range", "loop", "true", "false", "none", "True", "False", "None", "namespace", "dict", "lipsum"}
    return [(name, line) for name, line in loads if name not in TEMPLATE_VARIABLES | stored | builtins]


def _compile(env: ImmutableSandboxedEnvironment, folders: tuple[Path, ...], name: str) -> Template:
    path = _find_file(folders, f"text/{name}")
    source = path.read_text(encoding="utf-8")
    try:
        ast = env.parse(source, name, str(path))
    except TemplateSyntaxError as exc:
        raise PackError(exc.message or str(exc), path, exc.lineno) from None
    unknown = _undeclared(ast)
    if unknown:
        variable, line = unknown[0]
        raise PackError(_("unknown variable '{name}'").format(name=variable), path, line)
    return env.from_string(source)


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
    spec = _validate(PackSpec, _find_file(folders, "pack.toml"))
    style = _validate(StyleSpec, _find_file(folders, "style.toml"))
    terms = _validate(TermsSpec, _find_file(folders, "terms.toml"))
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
