"""``drafter render-batch``: render many answers files in one command, on every core.

The first file is rendered in this process (which loads the pack and prepares the page set-up once); the rest
are shared among worker processes forked from it, so they start warm.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from drafter.commands import EXIT_BAD_INPUT, EXIT_OK, Subparsers, echo, warn
from drafter.i18n import _

_IN_PROCESS_BELOW = 8
"""With fewer files than this, starting workers costs more than it saves."""


Job = tuple[Path, Path, Path | None, Path | None, bool]
"""(answers, out, pack, reference, force) of one file."""


def _render_chunk(jobs: list[Job]) -> list[tuple[str, str | None, list[str]]]:
    """Render each job; return (answers, error or None, warnings) for each.

    Whatever goes wrong with one file is that file's error: the others are still rendered.
    """
    from drafter.errors import DrafterError
    from drafter.pipeline import render_file

    results: list[tuple[str, str | None, list[str]]] = []
    for answers, out, pack, reference, force in jobs:
        try:
            report = render_file(answers, out, pack, reference, force)
        except DrafterError as exc:
            results.append((str(answers), str(exc), []))
        except Exception as exc:  # a defect of drafter, not of the file: still only this file fails
            message = _("could not be rendered because of an error in drafter ({kind}: {reason}); please report it")
            results.append((str(answers), f"{answers}: {message.format(kind=type(exc).__name__, reason=exc)}", []))
        else:
            results.append((str(answers), None, report.warnings))
    return results


def positive_jobs(text: str) -> int:
    """``--jobs``: a whole number of processes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be a whole number of at least 1, not {value}").format(value=text))
    return value


def output_paths(files: list[Path], outdir: Path) -> list[Path]:
    """``outdir/<name>.docx`` for each answers file; two inputs with the same name are an error."""
    from drafter.errors import InputError

    seen: dict[str, Path] = {}
    outs = []
    for path in files:
        name = path.with_suffix(".docx").name
        if name in seen:
            raise InputError(_("has the same name as {other}; their reports would overwrite each other").format(
                other=seen[name]), path)
        seen[name] = path
        outs.append(outdir / name)
    return outs


def render_batch(
    files: list[Path],
    outdir: Path,
    jobs: int | None = None,
    pack: Path | None = None,
    reference: Path | None = None,
    force: bool = False,
) -> list[tuple[str, str | None, list[str]]]:
    """Render ``files`` into ``outdir`` using ``jobs`` processes (default: every core). Per-file results."""
    from drafter.errors import OutputError

    if outdir.exists() and not outdir.is_dir():
        raise OutputError(_("is a file, not a folder"), outdir)
    work: list[Job] = [
        (f, o, pack, reference, force) for f, o in zip(files, output_paths(files, outdir), strict=True)
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    if workers == 1 or len(work) < _IN_PROCESS_BELOW:
        return _render_chunk(work)
    results = _render_chunk(work[:1])  # warms the pack and page set-up caches the workers inherit
    rest = work[1:]
    chunks = [rest[i::workers] for i in range(workers)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [(chunk, pool.submit(_render_chunk, chunk)) for chunk in chunks]
        for chunk, future in futures:
            try:
                results.extend(future.result())
            except Exception as exc:  # the worker process itself died: its files are reported, the rest go on
                reason = _("the process rendering it stopped ({kind})").format(kind=type(exc).__name__)
                results.extend((str(job[0]), f"{job[0]}: {reason}", []) for job in chunk)
    order = {str(f): i for i, f in enumerate(files)}
    return sorted(results, key=lambda r: order[r[0]])


def cmd_render_batch(args: argparse.Namespace) -> int:
    """Render every answers file given into one folder."""
    results = render_batch(list(args.answers), args.outdir, args.jobs, args.pack, args.reference, args.force)
    failed = 0
    for source, error, warnings in results:
        for warning in warnings:
            warn(f"{source}: {warning}")
        if error is not None:
            failed += 1
            sys.stderr.write(f"drafter: {error}\n")
    echo(_("{done} of {total} reports written to {folder}").format(
        done=len(results) - failed, total=len(results), folder=args.outdir.resolve()))
    if args.pdf:
        outs = dict(zip(map(str, args.answers), output_paths(list(args.answers), args.outdir), strict=True))
        failed += _write_pdfs([outs[source] for source, error, _warnings in results if error is None], args.force)
    return EXIT_BAD_INPUT if failed else EXIT_OK


def _write_pdfs(docxs: list[Path], force: bool) -> int:
    """The PDF of each rendered .docx; the number of reports left without one, each named on stderr.

    One LibreOffice run converts them all; when it fails, each is converted on its own, so one bad file or one
    refused target costs only its own PDF.
    """
    from drafter.errors import DrafterError
    from drafter.typeset.pdf import guard_pdf, to_pdfs

    def failed(exc: DrafterError) -> None:
        sys.stderr.write(f"drafter: {exc}\n")

    todo: list[Path] = []
    for docx in docxs:
        try:
            guard_pdf(docx, docx.with_suffix(".pdf"), (), force)
        except DrafterError as exc:
            failed(exc)
        else:
            todo.append(docx)
    missing = len(docxs) - len(todo)
    try:
        to_pdfs(todo, [docx.with_suffix(".pdf") for docx in todo], force)
    except DrafterError:
        for docx in todo:
            try:
                to_pdfs([docx], [docx.with_suffix(".pdf")], force)
            except DrafterError as exc:
                failed(exc)
                missing += 1
    if len(docxs) > missing:
        echo(_("{count} PDF files written beside them").format(count=len(docxs) - missing))
    return missing


def register(sub: Subparsers) -> None:
    """Add ``render-batch`` to the command line."""
    from drafter.commands import add_pack_option, add_pdf_option

    batch = sub.add_parser("render-batch", help=_("render many answers files into one folder, on every core"))
    batch.add_argument("answers", type=Path, nargs="+", metavar="ANSWERS.json", help=_("the answers files"))
    batch.add_argument("--outdir", type=Path, required=True, metavar="DIR", help=_("folder for the .docx files"))
    batch.add_argument("--jobs", type=positive_jobs, metavar="N", help=_("processes to use (default: one per core)"))
    batch.add_argument(
        "--reference", type=Path, metavar="REF.docx", help=_("a .docx whose styles and letterhead to use")
    )
    add_pdf_option(batch)
    batch.add_argument(
        "--force", action="store_true", help=_("replace outputs even when they are not Word or PDF documents")
    )
    add_pack_option(batch)
    batch.set_defaults(handler=cmd_render_batch)
