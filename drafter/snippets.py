"""Reusable phrasing for common measures: Jinja fragments with figure slots, one TOML file per topic.

``snippets/<pack>/<topic>.toml`` holds::

    topic = "学法用法"
    [[snippets]]
    id = "committee-study"
    title = "党委会会前学法"
    section = "measures"
    text = \"\"\"镇党委坚持会前学法制度，全年开展会前学法{{ fig.committee_study_sessions }}次……\"\"\"

A snippet reads figures only as ``fig.<key>`` where ``<key>`` is in the pack's figure catalogue; anything else
is reported at load time as ``file:line: message``. Rendering runs in the pack's sandboxed environment; a figure
that is not typed yet renders as the visible gap :data:`GAP`, never as a number. Inserted into a part, each figure
slot becomes a live figure (:func:`live_snippet`): the sentence follows the figures form from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, nodes

from drafter.errors import PackError
from drafter.figures import GAP, reference, values_of
from drafter.i18n import _
from drafter.locations import snippets_dir
from drafter.model import Answers
from drafter.pack import Pack, locate, make_environment, parse_toml, render_template, undeclared_variables

SNIPPET_VARIABLES = frozenset({"fig", "org", "year"})
"""The names a snippet may read: ``fig.<key>``, ``org.name`` and ``year``."""



@dataclass(frozen=True)
class Snippet:
    """One reusable fragment of report text."""

    id: str
    topic: str
    title: str
    section: str
    source: str
    path: Path
    line: int
    template: Template
    figures: tuple[str, ...]
    """The figure keys the fragment uses, in order of first use."""

    def render(self, figures: dict[str, str], org: str = "", year: int | None = None) -> str:
        """The text with ``figures`` (key → text), the township's name and the report year filled in."""
        context = {"fig": figures, "org": {"name": org or GAP}, "year": year if year is not None else GAP}
        try:  # the pack's limits on time and output apply to snippets too: they are other people's templates
            text = render_template(self.template, context, self.path)
        except PackError as exc:
            raise PackError(exc.message, self.path, self.line) from None
        return " ".join(part.strip() for part in text.splitlines() if part.strip())

    def matches(self, query: str) -> bool:
        """True when every word of ``query`` occurs in the topic, title or text, or, typed on a Latin keyboard, in
        the pinyin of the topic and title (``pufa`` or ``pf`` for 普法)."""
        hay = f"{self.topic} {self.title} {self.source} {self.id}".lower()
        return all(word in hay or (word.isascii() and self._in_pinyin(word)) for word in query.lower().split())

    def _in_pinyin(self, word: str) -> bool:
        from drafter.pinyin import pinyin_keys  # its dictionaries load on the first search, not with the snippets

        return any(word in key.text for key in pinyin_keys(f"{self.topic} {self.title}"))


@dataclass(frozen=True)
class SnippetLibrary:
    """All snippets of one pack, in topic-file order."""

    snippets: tuple[Snippet, ...]

    def topics(self) -> list[str]:
        """The topics, in the order their files were read."""
        out: list[str] = []
        for snippet in self.snippets:
            if snippet.topic not in out:
                out.append(snippet.topic)
        return out

    def search(self, query: str = "", topic: str | None = None) -> list[Snippet]:
        """Snippets whose text matches ``query`` (all when empty), optionally only one topic's."""
        return [s for s in self.snippets if (topic is None or s.topic == topic) and s.matches(query)]

    def get(self, snippet_id: str) -> Snippet:
        """The snippet with id ``snippet_id``."""
        for snippet in self.snippets:
            if snippet.id == snippet_id:
                return snippet
        raise KeyError(snippet_id)


def figure_texts(answers: Answers | None, pack: Pack) -> dict[str, str]:
    """Every catalogue figure as the text a snippet prints: the count, the derived rate, or :data:`GAP`."""
    return values_of(answers, pack).texts()


def _line_of(text: str, index: int, needle: str) -> int:
    """Line (1-based) of ``needle`` inside the ``index``-th ``[[snippets]]`` table of a TOML text."""
    return locate(text, ("snippets", index, needle)) or 1


def _figure_refs(ast: nodes.Template) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """``fig.<key>`` uses (key, line) and any other variable read (name, line)."""
    refs: list[tuple[str, int]] = []
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and node.node.name == "fig":
            refs.append((node.attr, node.lineno))
    for item in ast.find_all(nodes.Getitem):
        name = item.node.name if isinstance(item.node, nodes.Name) else ""  # fig["key"]
        if name == "fig" and isinstance(item.arg, nodes.Const):
            refs.append((str(item.arg.value), item.lineno))
    return refs, undeclared_variables(ast, SNIPPET_VARIABLES)


def _load_file(path: Path, pack: Pack, env: Any) -> list[Snippet]:
    text = path.read_text(encoding="utf-8")
    data = parse_toml(text, path)
    topic = data.get("topic")
    if not isinstance(topic, str) or not topic.strip():
        raise PackError(_("a snippet file needs a topic"), path, 1)
    entries = data.get("snippets")
    if not isinstance(entries, list) or not entries:
        raise PackError(_("a snippet file needs at least one [[snippets]] entry"), path, 1)
    known = {f.key for f in pack.spec.figures}
    out: list[Snippet] = []
    for index, entry in enumerate(entries):
        where = _line_of(text, index, "id")
        for required in ("id", "title", "text"):
            if not isinstance(entry.get(required), str) or not entry[required].strip():
                raise PackError(_("snippet entry needs a non-empty '{field}'").format(field=required), path, where)
        unknown_fields = set(entry) - {"id", "title", "text", "section"}
        if unknown_fields:
            raise PackError(
                _("unknown field '{field}' in a snippet").format(field=sorted(unknown_fields)[0]), path, where
            )
        section = entry.get("section", pack.spec.home_key())
        if pack.section(section) is None:
            raise PackError(_("unknown part '{key}'").format(key=section), path, _line_of(text, index, "section"))
        source: str = entry["text"]
        text_line = _line_of(text, index, "text")
        # a multi-line string starting on the line after `text = """`
        opener = text.splitlines()[text_line - 1].rstrip()
        offset = text_line if opener.endswith('"""') and opener.count('"""') == 1 else text_line - 1
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as exc:
            raise PackError(exc.message or str(exc), path, offset + (exc.lineno or 1)) from None
        refs, others = _figure_refs(ast)
        if others:
            name, line = others[0]
            raise PackError(_("unknown variable '{name}'").format(name=name), path, offset + line)
        for key, line in refs:
            if key not in known:
                raise PackError(_("unknown figure '{key}'").format(key=key), path, offset + line)
        keys: list[str] = []
        for key, _line in refs:
            if key not in keys:
                keys.append(key)
        out.append(
            Snippet(
                id=entry["id"], topic=topic.strip(), title=entry["title"], section=section, source=source.strip(),
                path=path, line=where, template=env.from_string(source), figures=tuple(keys),
            )
        )
    return out


def load_snippets(pack: Pack, folder: Path | None = None) -> SnippetLibrary:
    """Load and validate every snippet file of ``pack`` (``snippets/<pack>/*.toml`` unless ``folder`` is given)."""
    folder = folder if folder is not None else snippets_dir() / pack.name
    env = make_environment(None)
    assert env.undefined is StrictUndefined
    snippets: list[Snippet] = []
    seen: dict[str, Path] = {}
    if not folder.is_dir():
        return SnippetLibrary(())
    for path in sorted(folder.glob("*.toml")):
        for snippet in _load_file(path, pack, env):
            if snippet.id in seen:
                raise PackError(_("snippet id '{id}' is used twice").format(id=snippet.id), path, snippet.line)
            seen[snippet.id] = path
            snippets.append(snippet)
    return SnippetLibrary(tuple(snippets))


def render_snippet(snippet: Snippet, answers: Answers | None, pack: Pack) -> str:
    """``snippet`` with the current figures, the township's name and the report year of ``answers``."""
    org = answers.org.name if answers is not None else ""
    year = answers.year if answers is not None else None
    return snippet.render(figure_texts(answers, pack), org, year)


def live_snippet(snippet: Snippet, answers: Answers | None, pack: Pack) -> str:
    """``snippet`` as it is inserted into a part: each figure slot a live figure (stored as a reference, so the
    text follows the figures form), the township's name and the report year filled in."""
    org = answers.org.name if answers is not None else ""
    year = answers.year if answers is not None else None
    return snippet.render({spec.key: reference(spec.key) for spec in pack.spec.figures}, org, year)
