"""Translation of every string a person sees, through gettext catalogs managed with babel.

Message ids are English; ``drafter/locale/zh_CN`` (the default) and ``drafter/locale/en`` hold the catalogs.
The language is chosen when drafter starts: ``--lang``, then ``DRAFTER_LANG``, then the system locale, then zh_CN
(:func:`set_language` may switch it later). Text is translated when it is shown, never when a module is imported:
what must exist before that (key bindings) is marked with :func:`N_` and translated where it is drawn.
"""

from __future__ import annotations

import gettext as _gettext
import os

from drafter.locations import locale_dir

DOMAIN = "drafter"
DEFAULT_LANGUAGE = "zh_CN"

_current: _gettext.NullTranslations | None = None
_language: str = DEFAULT_LANGUAGE


def normalise(tag: str | None) -> str | None:
    """Map a locale tag such as ``en_US.UTF-8`` or ``zh-Hans`` to a supported language, or None."""
    if not tag:
        return None
    base = tag.split(".")[0].split("@")[0].replace("-", "_")
    lower = base.lower()
    if lower.startswith("zh"):
        return "zh_CN"
    if lower.startswith("en"):
        return "en"
    return None


def resolve_language(explicit: str | None = None) -> str:
    """The language to use: the explicit choice, ``DRAFTER_LANG``, the system locale, then zh_CN."""
    for candidate in (
        explicit,
        os.environ.get("DRAFTER_LANG"),
        os.environ.get("LC_ALL"),
        os.environ.get("LC_MESSAGES"),
        os.environ.get("LANG"),
    ):
        lang = normalise(candidate)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def set_language(lang: str | None = None) -> str:
    """Load the catalog for ``lang`` (resolved as :func:`resolve_language` does) and return its name."""
    global _current, _language
    _language = resolve_language(lang)
    _current = _gettext.translation(DOMAIN, localedir=str(locale_dir()), languages=[_language], fallback=True)
    # argparse translates its own words ("usage:", "options", its error messages) with the module-level
    # gettext functions; point those at drafter's catalog and language so `drafter --help` is translated too.
    _gettext.bindtextdomain(DOMAIN, str(locale_dir()))
    _gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = _language
    return _language


def language() -> str:
    """The language in use."""
    if _current is None:
        set_language()
    return _language


def _translations() -> _gettext.NullTranslations:
    if _current is None:
        set_language()
    assert _current is not None
    return _current


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on ``n``."""
    return _translations().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (translate with ``_`` where shown)."""
    return message
