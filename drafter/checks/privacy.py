"""Publication checks: personal data and 密级 markings that must not reach the government website.

``privacy.mobile`` (a mobile phone number; office landlines are fine), ``privacy.id_number`` (an 18-digit resident
ID number whose checksum holds), ``privacy.bank_card`` (a Luhn-valid card number) and ``secret.marked`` (a 密级
written in the text or set for the report). ``drafter check`` reports them as warnings; ``drafter publish`` refuses
to publish while any is found. Number checksums come from python-stdnum; the patterns are the pack's data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import luhn
from stdnum.cn import ric

from drafter.checks.compiled import Compiled
from drafter.checks.findings import Finding
from drafter.checks.text import Unit, finding
from drafter.i18n import _
from drafter.numerals import fold_width

UNFORCEABLE = frozenset({"secret.marked"})
"""Rules ``drafter publish --force`` does not override."""

_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)")
_SEPARATORS = re.compile(r"(?<=\d)[\s\-‐‑–—]{1,3}(?=[\dXx])")
"""Spaces, line breaks and dashes inside a number (``138 0000 0000``, an ID number broken over two lines)."""


def normalised(text: str) -> tuple[str, list[int]]:
    """``text`` as numbers are matched in it: width folded (:func:`drafter.numerals.fold_width`, so ``１３８`` is
    ``138``) and the separators inside a number dropped; with, for each character kept, its offset in ``text``."""
    folded = fold_width(text)
    kept: list[int] = []
    last = 0
    for gap in _SEPARATORS.finditer(folded):
        kept.extend(range(last, gap.start()))
        last = gap.end()
    kept.extend(range(last, len(folded)))
    return "".join(folded[i] for i in kept), kept


def _masked(text: str) -> str:
    """The number with its middle hidden, so the finding itself does not spread it."""
    digits = text.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 0) + digits[-4:] if len(digits) > 7 else digits


def check_privacy(c: Compiled, unit: Unit) -> list[Finding]:
    """Mobile numbers, resident ID numbers, bank card numbers and 密级 markings in one text.

    Numbers are matched in the :func:`normalised` text (full-width digits, spaces or a line break inside a
    number); a number followed by a counting or currency unit (``13800000000元``) is a sum or a count, not
    personal data. Each finding quotes the text as written."""
    out: list[Finding] = []
    text = unit.text
    plain, where = normalised(text)

    def numbers(pattern: re.Pattern[str]) -> Iterator[tuple[str, str, tuple[int, int]]]:
        """Each match of ``pattern`` that is not a counted number: as matched, as written (a line break inside shown
        as a space), its span in ``plain``."""
        for match in pattern.finditer(plain):
            if c.counted.match(plain, match.end()):
                continue
            written = text[where[match.start()]:where[match.end() - 1] + 1]
            yield match.group(), " ".join(written.splitlines()), match.span()  # quoted on one line

    ids: list[tuple[int, int]] = []
    for number, written, span in numbers(_ID):
        if ric.is_valid(number):
            ids.append(span)
            out.append(finding("privacy.id_number", unit, written,
                               _("a resident ID number ({number}) must not be published").format(
                                   number=_masked(number)),
                               _("Remove the number or replace it with the person's role.")))
    for number, written, span in numbers(_CARD):
        digits = re.sub(r"\D", "", number)
        if any(a <= span[0] < b for a, b in ids) or not luhn.is_valid(digits):
            continue
        out.append(finding("privacy.bank_card", unit, written,
                           _("a bank card number ({number}) must not be published").format(number=_masked(digits)),
                           _("Remove the card number.")))
    for number, written, span in numbers(c.mobile):
        if any(a <= span[0] < b for a, b in ids):
            continue
        out.append(finding("privacy.mobile", unit, written,
                           _("a mobile phone number ({number}) must not be published").format(
                               number=_masked(number)),
                           _("Give an office landline instead, or remove the number.")))
    for match in c.secret.finditer(text):
        out.append(finding("secret.marked", unit, match.group(),
                           _("the text carries a 密级 marking: a classified report is never published"),
                           _("Remove the report from publication, or have the marking lifted first.")))
    return out


def secrecy_set(secrecy: str) -> list[Finding]:
    """``secret.marked`` when the answers give the report a 密级."""
    if not secrecy:
        return []
    return [finding("secret.marked", None, secrecy,
                    _("the report is marked {secrecy}: a classified report is never published").format(
                        secrecy=secrecy),
                    _("Remove the report from publication, or have the marking lifted first."))]
