"""Publication checks: personal data and 密级 markings that must not reach the government website.

``privacy.mobile`` (a mobile phone number; office landlines are fine), ``privacy.id_number`` (an 18-digit resident
ID number whose checksum holds), ``privacy.bank_card`` (a Luhn-valid card number) and ``secret.marked`` (a 密级
written in the text or set for the report). ``drafter check`` reports them as warnings; ``drafter publish`` refuses
to publish while any is found. Number checksums come from python-stdnum; the patterns are the pack's data.
"""

from __future__ import annotations

import re

from stdnum import luhn
from stdnum.cn import ric

from drafter.checks.compiled import Compiled
from drafter.checks.findings import Finding
from drafter.checks.text import Unit, finding
from drafter.i18n import _

UNFORCEABLE = frozenset({"secret.marked"})
"""Rules ``drafter publish --force`` does not override."""

_ID = re.compile(r"(?<![\dXx])\d{17}[\dXx](?![\dXx])")
_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){15,18}(?!\d)")


def _masked(text: str) -> str:
    """The number with its middle hidden, so the finding itself does not spread it."""
    digits = text.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 0) + digits[-4:] if len(digits) > 7 else digits


def check_privacy(c: Compiled, unit: Unit) -> list[Finding]:
    """Mobile numbers, resident ID numbers, bank card numbers and 密级 markings in one text."""
    out: list[Finding] = []
    text = unit.text
    ids: list[tuple[int, int]] = []
    for match in _ID.finditer(text):
        if ric.is_valid(match.group()):
            ids.append(match.span())
            out.append(finding("privacy.id_number", unit, match.group(),
                               _("a resident ID number ({number}) must not be published").format(
                                   number=_masked(match.group())),
                               _("Remove the number or replace it with the person's role.")))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if any(a <= match.start() < b for a, b in ids) or not luhn.is_valid(digits):
            continue
        out.append(finding("privacy.bank_card", unit, match.group(),
                           _("a bank card number ({number}) must not be published").format(number=_masked(digits)),
                           _("Remove the card number.")))
    for match in c.mobile.finditer(text):
        if any(a <= match.start() < b for a, b in ids):
            continue
        out.append(finding("privacy.mobile", unit, match.group(),
                           _("a mobile phone number ({number}) must not be published").format(
                               number=_masked(match.group())),
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
