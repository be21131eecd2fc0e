"""The main job as plain functions: answers file → validated answers → Document → .docx.

The CLI and the UI are thin shells over these.
"""

from __future__ import annotations

from pathlib import Path

from drafter.compose import Document, compose
from drafter.docxio import is_word_or_pdf
from drafter.errors import InputError
from drafter.figures import broken_markers, catalogue
from drafter.i18n import _
from drafter.model import Answers
from drafter.pack import Pack, SectionSpec, load_pack
from drafter.safewrite import guard_output
from drafter.store import load_answers
from drafter.typeset.docx import Copy, RenderReport, render_docx


def pack_problems(answers: Answers, pack: Pack) -> list[str]:
    """What the answers hold that their pack does not allow: unknown parts, figures and table cells, typed rates
    and derived cells, and values beyond the catalogue's bounds."""
    problems = [
        _("field sections.{key}: pack {pack} has no such part").format(key=key, pack=pack.name)
        for key in answers.sections if pack.section(key) is None
    ]
    problems += table_problems(answers, pack)
    for key, fig in answers.figures.items():
        spec = pack.figure(key)
        if spec is None:
            problems.append(
                _("field figures.{key}: not in the figure catalogue of pack {pack}").format(key=key, pack=pack.name)
            )
        elif spec.kind == "rate" and (fig.value is not None or fig.previous is not None):
            problems.append(
                _("field figures.{key}: a rate is computed from its counts and cannot be typed").format(key=key)
            )
        elif spec.kind == "cell":
            problems.append(
                _("field figures.{key}: this figure is read from its table and cannot be typed").format(key=key)
            )
        else:
            for field, value in (("value", fig.value), ("previous", fig.previous)):
                if value is not None and value > spec.maximum:
                    problems.append(
                        _("field figures.{key}: {value} is more than the plausible maximum {maximum}").format(
                            key=f"{key}.{field}" if field == "previous" else key, value=value, maximum=spec.maximum
                        )
                    )
    return problems


def table_problems(answers: Answers, pack: Pack) -> list[str]:
    """Tables, rows and columns the pack does not have, and derived cells stored as typed."""
    from drafter.tables import all_cells, derived_cells

    problems = []
    for key, table in answers.tables.items():
        spec = pack.table(key)
        if spec is None:
            problems.append(_("field tables.{key}: pack {pack} has no such table").format(key=key, pack=pack.name))
            continue
        cells = set(all_cells(spec))
        derived = derived_cells(spec)
        for field, stored in (("cells", table.cells), ("printed", table.printed), ("previous", table.previous)):
            for row, columns in stored.items():
                for column in columns:
                    where = f"tables.{key}.{field}.{row}.{column}"
                    if (row, column) not in cells:
                        problems.append(_("field {where}: table {table} has no such cell").format(
                            where=where, table=key))
                    elif field == "cells" and (row, column) in derived:
                        problems.append(_("field {where}: this cell is computed from others and cannot be "
                                          "typed").format(where=where))
                    elif field == "printed" and (row, column) not in derived:
                        problems.append(_("field {where}: only computed cells are kept as printed").format(
                            where=where))
    return problems


def empty_required_parts(answers: Answers, pack: Pack) -> list[SectionSpec]:
    """The parts the pack requires that the answers leave empty (a part that is a table is filled when its table
    has any cell)."""
    out = []
    for spec in pack.spec.sections:
        section = answers.sections.get(spec.key)
        table = answers.tables.get(spec.table) if spec.table else None
        if table is not None and (table.cells or table.printed):
            continue
        if spec.required and (section is None or section.is_empty()):
            out.append(spec)
    return out


def load_checked(path: Path, pack_dir: Path | None = None) -> tuple[Answers, Pack]:
    """Load an answers file and its pack, and refuse what the pack does not allow (:func:`pack_problems`)."""
    answers = load_answers(path)
    pack = load_pack(answers.pack, pack_dir)
    problems = pack_problems(answers, pack)
    if problems:
        raise InputError("; ".join(problems), path)
    return answers, pack


def compose_file(path: Path, pack_dir: Path | None = None) -> Document:
    """The composed Document of an answers file."""
    answers, pack = load_checked(path, pack_dir)
    return compose(answers, pack)


def submission_problems(answers: Answers, pack: Pack) -> list[str]:
    """What the submission copy needs and the answers lack (发文字号, 签发人, 印发机关, 成文日期); nothing for a report
    signed by a person, which has no submission copy (the typesetter says so)."""
    if pack.spec.signed_by == "person":
        return []
    org = answers.org
    missing = []
    if not org.number_prefix:
        missing.append(_("the 发文字号 prefix (org.number_prefix)"))
    if answers.dispatch.serial is None:
        missing.append(_("the 发文字号 serial number (dispatch.serial)"))
    if not org.issuers:
        missing.append(_("the 签发人 (org.issuers)"))
    if not org.printing_organ:
        missing.append(_("the 印发机关 (org.printing_organ)"))
    if answers.date is None:  # a 印发日期 alone does not date the 公文: the sealed signature needs its 成文日期
        missing.append(_("the 成文日期 (date)"))
    return missing


def render_file(
    path: Path,
    out: Path,
    pack_dir: Path | None = None,
    reference: Path | None = None,
    force: bool = False,
    copy: Copy = "plain",
) -> RenderReport:
    """Render an answers file to a .docx at ``out`` (the plain copy, or the submission copy with its 版头 and 版记).

    ``out`` may replace an earlier Word or PDF document; it is refused when it is the answers file or the
    reference itself, not a regular file, or (unless ``force``) an existing file of another kind.
    """
    guard_output(out, (path, reference), force, is_word_or_pdf)
    answers, pack = load_checked(path, pack_dir)
    if copy == "submission":
        missing = submission_problems(answers, pack)
        if missing:
            raise InputError(_("the submission copy needs {fields}").format(fields="; ".join(missing)), path)
    return render_answers(answers, pack, out, reference, copy, source=path)


def render_answers(
    answers: Answers, pack: Pack, out: Path, reference: Path | None = None, copy: Copy = "plain",
    source: Path | None = None,
) -> RenderReport:
    """Render validated answers to a .docx at ``out``; refused (naming the paragraph) while the text holds a broken
    live figure marker (``source``: the answers file, for the message)."""
    doc = compose(answers, pack)
    # Refused rather than printed with a warning: a bracket or ``[[fig:`` in an official report is never meant,
    # a warning among the others is easily missed once the file has gone out, and the fix is one key in the
    # editor. `drafter check` lists every such place as an error.
    cat = catalogue(pack)
    broken = [(block, excerpt) for block in doc.blocks
              for excerpt, _key in broken_markers(block.text + block.body, cat)]
    if broken:
        block, excerpt = broken[0]
        spec = pack.section(block.section) if block.section else None
        text = block.text + block.body
        raise InputError(_("not printed: “{excerpt}” in {part}, paragraph “{paragraph}” ({n} place(s) in all; "
                           "drafter check lists them)").format(
            excerpt=excerpt, part=spec.label if spec else _("the title or opening"),
            paragraph=text if len(text) <= 24 else text[:22] + "…", n=len(broken)), source)
    return render_docx(doc, pack.style, out, reference, copy)

