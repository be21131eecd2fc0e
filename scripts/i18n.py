"""Maintain the message catalogs with babel: extract, update, fill English, compile.

    python scripts/i18n.py          # extract ids from drafter/ (Python, and the web form's Jinja pages through
                                    # Jinja's own babel extractor; and argparse's own help strings), update the
                                    # zh_CN and en catalogs, fill en with the English ids, compile the .mo files
    python scripts/i18n.py --check  # exit 1 when a catalog is missing an id, has an empty or fuzzy entry,
                                    # or a .mo file does not hold the .po file's messages

zh_CN translations are written by hand in drafter/locale/zh_CN/LC_MESSAGES/drafter.po.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "drafter" / "locale"
DOMAIN = "drafter"
LANGUAGES = ("zh_CN", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def extract() -> Catalog:
    """Every translatable message of the source, plus the strings argparse shows in help and errors."""
    template = Catalog(project="drafter", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "drafter"), method_map=[("**.py", "python"), ("web/templates/**.html", "jinja2.ext:babel_extract")],
        keywords=KEYWORDS,
    ):
        template.add(message, None, [(f"drafter/{filename}", lineno)], auto_comments=comments, context=context)
    for lineno, message, comments, context in extract_from_file(
        "python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)}
    ):
        template.add(message, None, [("argparse.py", lineno)], auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN, project="drafter")
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def messages(catalog: Catalog) -> dict[tuple[object, str | None], object]:
    """What a compiled catalog says: each id (with its context) and its translation, without the header.

    The header carries the babel version that wrote it (`Generated-By`), so comparing bytes would call every
    catalog stale on a machine with another babel release; the messages are what matters.
    """

    def key(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {(key(m.id), m.context): key(m.string) for m in catalog if m.id and not m.fuzzy and m.string}


def problems(template: Catalog) -> list[str]:
    """What is wrong with the catalogs as committed."""
    found = []
    for lang in LANGUAGES:
        catalog = load(lang)
        for message in template:
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context)
            if entry is None:
                found.append(f"{lang}: missing {message.id!r}")
            elif entry.fuzzy:
                found.append(f"{lang}: fuzzy {message.id!r}")
            elif not (all(entry.string) if isinstance(entry.string, tuple) else entry.string):
                found.append(f"{lang}: untranslated {message.id!r}")
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{lang}: {mo.relative_to(ROOT)} is missing; run python scripts/i18n.py")
            continue
        with mo.open("rb") as handle:
            compiled = read_mo(handle)
        if messages(compiled) != messages(catalog):
            found.append(f"{lang}: {mo.relative_to(ROOT)} is stale; run python scripts/i18n.py")
    return found


def update(template: Catalog) -> None:
    for lang in LANGUAGES:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == "en":
            for message in catalog:
                empty = not all(message.string) if isinstance(message.string, tuple) else not message.string
                if message.id and empty:
                    message.string = message.id
                message.flags.discard("fuzzy")
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=120, sort_output=True, omit_header=False)
        with path.open("rb") as handle:
            fresh = read_po(handle, locale=lang, domain=DOMAIN)
        path.with_suffix(".mo").write_bytes(mo_bytes(fresh))


def main(argv: list[str]) -> int:
    template = extract()
    if "--check" in argv:
        issues = problems(template)
        for issue in issues:
            print(issue)
        return 1 if issues else 0
    update(template)
    remaining = problems(template)
    print(f"{len(template)} messages; {len(remaining)} still need work")
    for issue in remaining[:40]:
        print(" ", issue)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
