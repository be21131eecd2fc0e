"""The text of one outline entry as the part editor shows and reads it: one paragraph per line.

Chinese paragraphs are single long lines in the answers, so a line is the natural unit of the editor: blank lines
are ignored, a line that is unchanged keeps its provenance (carried or imported text stays unreviewed until edited
or confirmed) and an edited line becomes typed. Live figures show as ``⟦label=value⟧`` and are stored as references
again (:mod:`drafter.figures.live`).

A live figure is **one unit** of the text: the cursor never stands inside it (:func:`snap_column`), a deletion or
a replacement that touches it takes it whole (:func:`widen_to_figures`), and nothing is typed into it. So the text
the editor shows always reads back to the stored text it came from. No Textual here: the widgets call these.
"""

from __future__ import annotations

from collections.abc import Callable

from drafter.figures import Catalogue, Values, from_editor, marked_figures, to_editor
from drafter.model import Paragraph, Provenance

Location = tuple[int, int]
"""A place in the editor's text: (line, column)."""


def join_lines(text: str) -> str:
    """Text written over several lines as one paragraph: Chinese lines join without a space, others with one."""
    out = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if out and (out[-1].isascii() and line[0].isascii()):
            out += " "
        out += line
    return out


def paragraphs_to_text(paragraphs: list[Paragraph], values: Values | None = None) -> str:
    """The editor's text of ``paragraphs``: one per line, live figures shown as ``⟦label=value⟧``."""
    if values is None:
        return "\n".join(p.text for p in paragraphs)
    return "\n".join(to_editor(p.text, values) for p in paragraphs)


def text_to_paragraphs(text: str, old: list[Paragraph], cat: Catalogue | None = None) -> list[Paragraph]:
    """Paragraphs from the editor's text; an unchanged line keeps its old provenance, an edited one is typed.

    With the catalogue ``cat``, a marked live figure (or a ``[[label]]`` typed) is stored as a reference again.
    """
    known = {p.text.strip(): p.provenance for p in old}
    out = []
    for line in text.splitlines():
        line = line.strip()
        if cat is not None:
            line = from_editor(line, cat)
        if line:
            out.append(Paragraph(text=line, provenance=known.get(line, Provenance.TYPED)))
    return out


def inside_figure(line: str, column: int, cat: Catalogue) -> tuple[int, int, str] | None:
    """The live figure of ``line`` that ``column`` falls strictly inside (``start < column < end``), or None."""
    return next((f for f in marked_figures(line, cat) if f[0] < column < f[1]), None)


def figure_at(line: str, column: int, cat: Catalogue) -> tuple[int, int, str] | None:
    """The live figure the cursor at ``column`` stands on (starting there), else the one just before it."""
    figures = marked_figures(line, cat)
    return (next((f for f in figures if f[0] == column), None)
            or next((f for f in figures if f[1] == column), None))


def snap_column(line: str, column: int, cat: Catalogue, came_from: int | None = None) -> int:
    """``column`` moved out of a live figure: past it when the cursor came from its left, before it when from its
    right, else to the nearer edge. A column outside every figure stays."""
    figure = inside_figure(line, column, cat)
    if figure is None:
        return column
    start, end, _key = figure
    if came_from is not None and came_from <= start:
        return end
    if came_from is not None and came_from >= end:
        return start
    return start if column - start <= end - column else end


def widen_to_figures(line_at: Callable[[int], str], start: Location, end: Location,
                     cat: Catalogue) -> tuple[Location, Location]:
    """The range ``start``–``end`` widened so that it takes every live figure it touches whole (a deletion or a
    replacement never leaves part of a marker behind). ``line_at(row)`` is the text of line ``row``."""
    start, end = min(start, end), max(start, end)
    first = inside_figure(line_at(start[0]), start[1], cat)
    if first is not None:
        start = (start[0], first[0])
    last = inside_figure(line_at(end[0]), end[1], cat)
    if last is not None:
        end = (end[0], last[1])
    return start, end


def figure_as_text(line: str, column: int, cat: Catalogue, values: Values) -> tuple[int, int, str] | None:
    """The live figure at ``column`` (:func:`figure_at`) and the literal text it turns into: its printed value.
    ``(start, end, text)``, or None when there is no figure there."""
    figure = figure_at(line, column, cat)
    if figure is None:
        return None
    start, end, key = figure
    return start, end, values.text(key)
