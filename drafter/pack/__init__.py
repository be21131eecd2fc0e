"""Template packs: the structure, wording, figures, dated terms and layout values of one kind of report.

This package loads a pack; its data models are in :mod:`~drafter.pack.spec`, the Jinja sandbox and its limits in
:mod:`~drafter.pack.sandbox`, and TOML reading with file:line errors (packs and snippets alike) in
:mod:`~drafter.pack.tomlfile`.

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

import marshal
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    Template,
    TemplateSyntaxError,
    nodes,
)

from drafter import diskcache
from drafter.cache import Cache, Stamp, folder_stamps
from drafter.cache import stamps as stamps_of
from drafter.errors import PackError
from drafter.i18n import _
from drafter.locations import templates_dir
from drafter.pack.sandbox import (
    MAX_OUTPUT_CHARS,
    MAX_RENDER_SECONDS,
    PackSandbox,
    make_environment,
    render_template,
    undeclared_variables,
)
from drafter.pack.spec import (
    DEFAULT_PACK,
    TEMPLATE_VARIABLES,
    TEXT_TEMPLATES,
    DatedTerm,
    FigureSpec,
    PackSpec,
    RelationSpec,
    Role,
    SectionSpec,
    StyleSpec,
    TermsSpec,
    heading_template,
)
from drafter.pack.tablespec import TableSpec, TablesSpec
from drafter.pack.tomlfile import locate, parse_toml, validate_toml

__all__ = [
    "DEFAULT_PACK",
    "MAX_OUTPUT_CHARS",
    "MAX_RENDER_SECONDS",
    "TEMPLATE_VARIABLES",
    "TEXT_TEMPLATES",
    "DatedTerm",
    "FigureSpec",
    "Pack",
    "PackSandbox",
    "PackSpec",
    "RelationSpec",
    "Role",
    "SectionSpec",
    "StyleSpec",
    "TableSpec",
    "TablesSpec",
    "TermsSpec",
    "heading_template",
    "load_pack",
    "locate",
    "make_environment",
    "pack_folders",
    "parse_toml",
    "render_template",
    "undeclared_variables",
    "validate_toml",
]


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
    tables: TablesSpec = field(default_factory=TablesSpec)
    stamps: tuple[Stamp, ...] = ()
    """The stamps of the files the pack was read from, when it was read."""

    @property
    def identity(self) -> tuple[str, tuple[Path, ...], tuple[Stamp, ...]]:
        """What a value built from this pack depends on: the key of every cache of such values
        (:mod:`drafter.cache`)."""
        return self.name, self.folders, self.stamps

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

    def table(self, key: str) -> TableSpec | None:
        """The pack's table ``key``, or None."""
        return next((t for t in self.tables.tables if t.key == key), None)

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


def _compile(env: PackSandbox, folders: tuple[Path, ...], name: str) -> CodeType:
    """The Python code of wording template ``name``, once its source has passed every check."""
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
    unknown = undeclared_variables(ast, TEMPLATE_VARIABLES)
    if unknown:
        variable, line = unknown[0]
        raise PackError(_("unknown variable '{name}'").format(name=variable), path, line)
    return env.compile(ast)  # compiled from the tree just checked, not parsed a second time


def _template(env: PackSandbox, code: CodeType) -> Template:
    """The template of compiled ``code``, as ``env.from_string`` makes it."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


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


PACK_FILES = ("*.toml", "text/**/*")
"""The files of a pack folder that a loaded pack (and the values built from it) depend on."""

_PACKS: Cache[Pack] = Cache(maxsize=8)


def load_pack(name: str = DEFAULT_PACK, override: Path | None = None) -> Pack:
    """Load and validate a pack; ``override`` is an office folder whose files replace the built-in ones.

    A pack whose files (and those of the packs it inherits) are unchanged on disk since the last load is not read
    again, in this process or (from the disk cache, :mod:`drafter.diskcache`) in a later one; one edited on disk
    is."""
    folders = _with_inherited(pack_folders(name, override))
    current = folder_stamps(folders, PACK_FILES)

    def thaw(entry: Any) -> Pack:
        spec, style, terms, tables, codes = entry
        env = _environment(folders)
        templates = {name: _template(env, marshal.loads(code)) for name, code in codes.items()}
        return Pack(spec.name, folders, spec, style, terms, env, templates, tables, current)

    return diskcache.kept(_PACKS, (name, folders, current), "pack", folders, lambda: _disk_key(current),
                          lambda: _load(folders, current), thaw)


def _environment(folders: tuple[Path, ...]) -> PackSandbox:
    """The Jinja environment of a pack in ``folders``: its ``text/`` templates, the first folder's first."""
    return make_environment(ChoiceLoader([FileSystemLoader(str(f / "text")) for f in folders]))


_SOURCES = tuple(Path(__file__).parent / f"{module}.py"
                 for module in ("__init__", "spec", "tablespec", "sandbox", "tomlfile"))
"""drafter's modules that read, check and compile a pack: a change to any of them makes a new pack on disk."""


def _disk_key(stamps: tuple[Stamp, ...]) -> diskcache.Key:
    """What a loaded pack depends on: its files, the code that loads it and the libraries whose objects it keeps."""
    import jinja2
    import pydantic

    return (stamps, stamps_of(_SOURCES), pydantic.VERSION, jinja2.__version__)


def _with_inherited(folders: tuple[Path, ...]) -> tuple[Path, ...]:
    """``folders`` followed by the folders of the pack it inherits, and so on up (``inherits`` in pack.toml).

    Only the one key is read here, before the cache is asked, so that a change to an inherited file (the shared
    style.toml) makes a new pack; the whole pack.toml is validated when the pack is built.
    """
    seen: set[str] = set()
    current = folders
    while True:
        path = _find_file(current, "pack.toml")
        data = parse_toml(path.read_text(encoding="utf-8"), path)
        seen.add(str(data.get("name", "")))
        base = data.get("inherits")
        if not isinstance(base, str) or not base:
            return folders
        if base in seen:
            raise PackError(_("pack {name} inherits from itself").format(name=base), path)
        seen.add(base)
        current = pack_folders(base, None)
        folders = (*folders, *current)


def _load(folders: tuple[Path, ...], stamps: tuple[Stamp, ...]) -> tuple[Pack, Any]:
    """Read, validate and compile the pack in ``folders`` (the packs it inherits included) whose files have
    ``stamps``; with what of it the disk cache keeps (the compiled templates as marshalled code)."""
    env = _environment(folders)
    spec = validate_toml(PackSpec, _find_file(folders, "pack.toml"))
    style = validate_toml(StyleSpec, _find_file(folders, "style.toml"))
    terms = validate_toml(TermsSpec, _find_file(folders, "terms.toml"))
    tables = _tables(folders, spec)
    names = [f"{n}.j2" for n in TEXT_TEMPLATES] + [heading_template(s.key) for s in spec.sections]
    codes = {name: _compile(env, folders, name) for name in names}
    templates = {name: _template(env, code) for name, code in codes.items()}
    entry = (spec, style, terms, tables, {name: marshal.dumps(code) for name, code in codes.items()})
    pack = Pack(
        name=spec.name,
        folders=folders,
        spec=spec,
        style=style,
        terms=terms,
        env=env,
        templates=templates,
        tables=tables,
        stamps=stamps,
    )
    return pack, entry


def _tables(folders: tuple[Path, ...], spec: PackSpec) -> TablesSpec:
    """``tables.toml`` when the pack has one, checked against the parts and figures of ``pack.toml``."""
    try:
        path = _find_file(folders, "tables.toml")
    except PackError:
        return TablesSpec()
    tables = validate_toml(TablesSpec, path)
    parts = {s.key for s in spec.sections}
    cells = {(t.key, r.key, c.key) for t in tables.tables for r in t.data_rows() for c in t.columns_of(r)}
    for table in tables.tables:
        if table.section not in parts:
            raise PackError(_("table {table}: unknown part {part}").format(table=table.key, part=table.section), path)
    keys = {t.key for t in tables.tables}
    pack_toml = _find_file(folders, "pack.toml")
    for section in spec.sections:
        if section.table and section.table not in keys:
            raise PackError(_("part {part}: unknown table {table}").format(part=section.key, table=section.table),
                            pack_toml)
    for fig in spec.figures:
        if fig.cell and tuple(fig.cell.split(".")) not in cells:
            raise PackError(_("figure {key}: unknown cell {cell}").format(key=fig.key, cell=fig.cell), pack_toml)
    return tables
