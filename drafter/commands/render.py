"""Commands of the core pipeline: render, validate, schema."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.commands import EXIT_OK, Subparsers, add_pack_option, add_pdf_option, echo, warn
from drafter.i18n import _


def cmd_render(args: argparse.Namespace) -> int:
    """Render an answers file to .docx."""
    from drafter.errors import OutputError
    from drafter.pipeline import render_file

    out: Path = args.output or args.answers.with_suffix(".docx")
    if out.suffix.lower() == ".pdf":
        raise OutputError(_("-o names the Word document; add --pdf to get a PDF beside it"), out)
    if args.pdf:
        from drafter.typeset.pdf import guard_pdf

        guard_pdf(out, out.with_suffix(".pdf"), (args.answers, args.reference), args.force)  # before any writing
    report = render_file(args.answers, out, args.pack, args.reference, args.force, args.copy)
    for warning in report.warnings:
        warn(warning)
    echo(_("Report written to {path}").format(path=out.resolve()))
    if args.pdf:
        from drafter.typeset.pdf import to_pdf

        echo(_("PDF written to {path}").format(path=to_pdf(out, force=args.force).resolve()))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate an answers file against the schema and the pack."""
    from drafter.pipeline import empty_required_parts, load_checked

    answers, pack = load_checked(args.answers, args.pack)
    missing = [spec.label for spec in empty_required_parts(answers, pack)]
    echo(
        _("{path}: valid answers for {org}, report year {year}").format(
            path=args.answers, org=answers.org.name, year=answers.year
        )
    )
    if missing:
        echo(_("Parts still empty: {parts}").format(parts="、".join(missing)))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of answers files."""
    import json

    from drafter.model import json_schema

    echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def register(sub: Subparsers) -> None:
    """Add render, validate and schema to the command line."""
    render = sub.add_parser("render", help=_("render an answers file to a Word document"))
    render.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_("the answers file"))
    render.add_argument("-o", "--output", type=Path, metavar="OUT.docx", help=_("where to write the .docx"))
    render.add_argument(
        "--reference", type=Path, metavar="REF.docx", help=_("a .docx whose styles and letterhead to use")
    )
    render.add_argument(
        "--copy",
        choices=("plain", "submission"),
        default="plain",
        help=_("plain: the report alone (default); submission: the sealed 公文 with 版头 and 版记 (GB/T 9704)"),
    )
    add_pdf_option(render)
    render.add_argument(
        "--force", action="store_true", help=_("replace the output even when it is not a Word or PDF document")
    )
    add_pack_option(render)
    render.set_defaults(handler=cmd_render, one_shot=True)

    validate = sub.add_parser("validate", help=_("check that an answers file is well-formed"))
    validate.add_argument("answers", type=Path, metavar="ANSWERS.json", help=_("the answers file"))
    add_pack_option(validate)
    validate.set_defaults(handler=cmd_validate, one_shot=True)

    schema = sub.add_parser("schema", help=_("print the JSON Schema of answers files"))
    schema.set_defaults(handler=cmd_schema, one_shot=True)
