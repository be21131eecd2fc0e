"""The text of one outline entry as the part editor shows and reads it: one paragraph per line.

Chinese paragraphs are single long lines in the answers, so a line is the natural unit of the editor: blank lines
are ignored, a line that is unchanged keeps its provenance (carried or imported text stays unreviewed until edited
or confirmed) and an edited line becomes typed. Live figures show as ``⟦label=value⟧`` and are stored as references
again (:mod:`drafter.figures.live`). No Textual here: the widgets call these.
"""

from __future__ import annotations

from drafter.figures import Catalogue, Values, from_editor, to_editor
from drafter.model import Paragraph, Provenance


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
