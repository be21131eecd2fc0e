"""``drafter doctor``: what this machine will print the official fonts with, and what is missing to do the job.

The facts come from :mod:`drafter.doctor`; this module words them (text in the clerk's language, or JSON) and says,
for each problem, what to install on Debian/Ubuntu, on 麒麟/统信 UOS and on Windows. Exit code 0 when everything the
main job needs is here (faces of the right kind, LibreOffice, a writable workspace), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.commands import EXIT_FINDINGS, EXIT_OK, Subparsers, echo
from drafter.i18n import _

if TYPE_CHECKING:
    from drafter.doctor import Diagnosis, ToolCheck

OK_MARK = "✓"
PROBLEM_MARK = "✗"


def cmd_doctor(args: argparse.Namespace) -> int:
    """Report the faces, LibreOffice, the workspace (and Chromium with ``--dev``)."""
    from drafter.doctor import diagnose
    from drafter.locations import default_workspace

    workspace: Path = (args.workspace or default_workspace()).expanduser()
    diagnosis = diagnose(workspace.resolve(), dev=args.dev)
    if args.format == "json":
        echo(json.dumps(as_json(diagnosis), ensure_ascii=False, indent=2))
    else:
        echo("\n".join(as_text(diagnosis)))
    return EXIT_OK if diagnosis.ok else EXIT_FINDINGS


def _verdict_text(verdict: str, kind: str) -> str:
    from drafter.typeset.faces import Verdict

    kinds = {
        "song": _("a Song (宋体) serif"),
        "fangsong": _("a FangSong or Song (仿宋/宋体) serif"),
        "hei": _("a Hei (黑体) sans"),
        "kai": _("a Kai (楷体) face"),
        "latin": _("a face with Times New Roman's metrics"),
    }
    wanted = kinds.get(kind, kind)
    return {
        Verdict.REAL: _("the real face"),
        Verdict.SUBSTITUTE: (_("metric-compatible: letters and digits as wide as in Times New Roman")
                             if kind == "latin" else _("a substitute of the right kind ({kind})").format(kind=wanted)),
        Verdict.WRONG: _("wrong kind of face: it needs {kind}; lines and numbers will not fit as in Word").format(
            kind=wanted),
        Verdict.MISSING: _("not installed"),
    }[Verdict(verdict)]


def _install(debian: tuple[str, ...], uos: tuple[str, ...], windows: str) -> list[str]:
    """The lines that say what to install, for each kind of machine."""
    lines = []
    if debian:
        lines.append(_("Debian/Ubuntu: sudo apt install {packages}").format(packages=" ".join(debian)))
    if uos:
        lines.append(_("麒麟/统信 UOS: sudo apt install {packages}").format(packages=" ".join(uos)))
    if windows:
        lines.append(_("Windows: {what}").format(what=windows))
    return ["      → " + line for line in lines]


def as_text(diagnosis: Diagnosis) -> list[str]:
    """The report in the clerk's language, one line a check, each problem followed by what to install."""
    from rich.cells import cell_len

    from drafter.doctor import CHROMIUM_PACKAGES, FONTCONFIG_PACKAGES, LIBREOFFICE_PACKAGES
    from drafter.typeset.faces import faces

    def mark(ok: bool) -> str:
        return OK_MARK if ok else PROBLEM_MARK

    lines = [_("drafter doctor: what this computer prints with"), ""]
    if diagnosis.fontconfig:
        lines.append(_("Fonts (as drafter's PDF runs see them, through drafter/typeset/fonts.conf):"))
    else:
        lines.append(_("Fonts (no fontconfig here: the system's font folders were searched):"))
    width = max((cell_len(font.name) for font in diagnosis.fonts), default=0)
    for font in diagnosis.fonts:
        name = font.name + " " * (width - cell_len(font.name))
        verdict = _verdict_text(font.verdict, font.kind)
        lines.append(f"  {mark(font.ok)} {name}  → " + _("{face}: {verdict}").format(face=font.face or "—",
                                                                                   verdict=verdict))
        if not font.ok:
            hint = faces().kinds[font.kind].install
            fonts_named = "、".join(hint.get("windows", ()))
            lines.extend(_install(hint.get("debian", ()), hint.get("uos", ()),
                                  _("install the font {names}").format(names=fonts_named)))
    if diagnosis.fontconfig_missing:
        lines.append("  " + _("fc-match was not found; with it doctor would show the very face LibreOffice takes"))
        lines.extend(_install(FONTCONFIG_PACKAGES, FONTCONFIG_PACKAGES, ""))

    lines += ["", _("LibreOffice (needed for --pdf, publish and reading .doc/.wps files):")]
    office = diagnosis.libreoffice
    if office.ok:
        lines.append(f"  {OK_MARK} {office.path}" + (f" ({office.version})" if office.version else ""))
    else:
        if office.named:
            lines.append(f"  {PROBLEM_MARK} " + _("DRAFTER_SOFFICE names {path}, which is not a file").format(
                path=office.named))
        else:
            lines.append(f"  {PROBLEM_MARK} " + _("not found (looked on PATH, in the usual install folders and "
                                                  "DRAFTER_SOFFICE)"))
        lines.extend(_install(LIBREOFFICE_PACKAGES, LIBREOFFICE_PACKAGES,
                              _("install LibreOffice from libreoffice.org, or set DRAFTER_SOFFICE to its "
                                "soffice.exe")))

    lines += ["", _("Workspace (where the reports are kept):")]
    ws = diagnosis.workspace
    if ws.writable:
        state = _("writable") if ws.exists else _("not there yet; drafter will create it")
        lines.append(f"  {OK_MARK} {ws.path}: {state}")
    else:
        lines.append(f"  {PROBLEM_MARK} {ws.path}: " + _("cannot be written ({reason}); choose another folder with "
                                                         "--workspace").format(reason=ws.reason))

    if diagnosis.chromium is not None:
        lines += ["", _("Chromium (for developers: the browser tests):")]
        browser = diagnosis.chromium
        if browser.ok:
            lines.append(f"  {OK_MARK} {browser.path}" + (f" ({browser.version})" if browser.version else ""))
        else:
            lines.append(f"  {PROBLEM_MARK} " + _("not found"))
            lines.extend(_install(CHROMIUM_PACKAGES, CHROMIUM_PACKAGES, _("install Chromium or Google Chrome")))

    problems = sum(not font.ok for font in diagnosis.fonts) + (not office.ok) + (not ws.ok)
    lines.append("")
    lines.append(_("Everything drafter needs is here.") if diagnosis.ok else
                 _("Problems found: {n} (under each line marked ✗: what to install).").format(n=problems))
    return lines


def as_json(diagnosis: Diagnosis) -> dict[str, Any]:
    """The report for scripts: every check with its facts; ``ok`` as the exit code says."""
    from drafter.typeset.faces import faces

    def tool(check: ToolCheck) -> dict[str, Any]:
        return {"found": check.ok, "path": check.path or None, "version": check.version or None}

    report: dict[str, Any] = {
        "ok": diagnosis.ok,
        "fontconfig": diagnosis.fontconfig or None,
        "fonts": [
            {"name": font.name, "roles": list(font.roles), "kind": font.kind, "face": font.face or None,
             "file": font.file or None, "verdict": str(font.verdict), "ok": font.ok,
             "install": None if font.ok else {where: list(what) for where, what in
                                               faces().kinds[font.kind].install.items()}}
            for font in diagnosis.fonts
        ],
        "libreoffice": {**tool(diagnosis.libreoffice), "DRAFTER_SOFFICE": diagnosis.libreoffice.named or None},
        "workspace": {"path": str(diagnosis.workspace.path), "exists": diagnosis.workspace.exists,
                      "writable": diagnosis.workspace.writable, "reason": diagnosis.workspace.reason or None},
    }
    if diagnosis.chromium is not None:
        report["chromium"] = tool(diagnosis.chromium)
    return report


def register(sub: Subparsers) -> None:
    """Add ``doctor`` to the command line."""
    doctor = sub.add_parser(
        "doctor", help=_("say which faces this computer prints the official fonts with, and what is missing"))
    doctor.add_argument("--format", choices=("text", "json"), default="text", help=_("output format"))
    doctor.add_argument("--dev", action="store_true", help=_("also check what developers need (Chromium)"))
    doctor.add_argument("--lang", metavar="LANG", help=_("interface language: zh_CN (default) or en"))
    doctor.set_defaults(handler=cmd_doctor)
