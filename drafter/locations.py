"""Every path drafter uses comes from here."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_PACK = "fazhi-zhengfu"
"""The report type of an answers file that names none (the 法治政府建设 report; its files are ``<year>.json``)."""


def _data_root() -> Path:
    """Where templates/ and snippets/ live: beside the package in a checkout, or inside it when installed."""
    bundled = PACKAGE_DIR / "_data"
    if (bundled / "templates").is_dir():
        return bundled
    return PACKAGE_DIR.parent


def templates_dir() -> Path:
    """Folder holding the built-in template packs."""
    return _data_root() / "templates"


def snippets_dir() -> Path:
    """Folder holding the built-in snippet libraries, one sub-folder per pack."""
    return _data_root() / "snippets"


def locale_dir() -> Path:
    """Folder holding the compiled message catalogs."""
    return PACKAGE_DIR / "locale"


def default_workspace() -> Path:
    """The clerk's workspace: ``DRAFTER_WORKSPACE`` or the platform's user documents folder."""
    env = os.environ.get("DRAFTER_WORKSPACE")
    if env:
        return Path(env)
    from platformdirs import user_documents_path

    return user_documents_path() / "drafter"
