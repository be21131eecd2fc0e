"""The check of place names (``place.foreign``): another place's name in running text (text copied from another
report), or street-office (街道) wording in a 镇/乡 report; :func:`own_places` gives the names a township may use."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafter.checks.compiled import Compiled
from drafter.checks.findings import Finding
from drafter.checks.text import HAN_RE, Unit, finding
from drafter.compose import Kind
from drafter.i18n import _
from drafter.model import Organisation


@dataclass(frozen=True)
class OwnPlaces:
    """The township's own names and their stems."""

    names: tuple[str, ...]
    stems: frozenset[str]
    regex: re.Pattern[str]
    township: bool
    """True for a 镇 or 乡 (street-office wording is then foreign)."""


def own_places(c: Compiled, org: Organisation) -> OwnPlaces:
    """The names the township may use: its own, its superiors', its places and organs, with their stems."""
    raw = [org.name, org.county, org.city, org.party_organ, org.government_organ, *org.signatories, *org.places]
    names: list[str] = []
    stems: set[str] = set()
    for name in raw:
        name = name.strip()
        if not name:
            continue
        names.append(name)
        for suffix in c.own_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                stem = name[: -len(suffix)]
                stems.add(stem)
                names.append(stem)
                break
    words = sorted(set(names), key=len, reverse=True)
    regex = re.compile("|".join(re.escape(w) for w in words)) if words else re.compile("(?!)")
    township = org.name.endswith(("镇", "乡"))
    return OwnPlaces(tuple(words), frozenset(stems), regex, township)


def _mask(c: Compiled, own: OwnPlaces, text: str) -> bytearray:
    masked = bytearray(len(text))
    for regex in (c.common, own.regex):
        for m in regex.finditer(text):
            masked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return masked


def check_places(c: Compiled, unit: Unit, own: OwnPlaces) -> list[Finding]:
    """``place.foreign``: another place's name in running text, or 街道 wording in a 镇/乡 report."""
    if unit.block.kind in (Kind.SIGNATURE, Kind.DATE, Kind.RECIPIENT):
        return []
    out: list[Finding] = []
    text = unit.text
    taken: list[tuple[int, int]] = []
    for regex in c.place_patterns:
        for m in regex.finditer(text):
            if not m.groups():
                continue
            word = m.group(1)
            if word in c.place_exclusions or word in own.stems or own.regex.fullmatch(word):
                continue
            if any(ch in c.stop_chars for ch in word) or c.common.search(word):
                continue
            end = m.end()
            while end > m.end(1) and not HAN_RE.match(text[end - 1]):
                end -= 1
            taken.append((m.start(), end))
            out.append(finding(
                "place.foreign", unit, text[m.start():end],
                _("{place} is not this township's name: text copied from another report?").format(place=word),
                _("Write the township's own name, or delete the phrase."),
            ))
    masked = _mask(c, own, text)
    for m in c.place.finditer(text):
        start, end = m.span()
        if any(masked[start:end]) or any(ch in c.stop_chars for ch in m.group(1)):
            continue
        if text[end:end + 1] in c.abbreviation_next and end < len(text):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        out.append(finding(
            "place.foreign", unit, m.group(0),
            _("{place} is not this township, its county or city, or one of its own places").format(place=m.group(0)),
            _("Check the name; add it to the township's own places if it belongs there."),
        ))
    if own.township:
        for m in c.street.finditer(text):
            out.append(finding(
                "place.foreign", unit, m.group(0),
                _("street-office (街道) wording in the report of a township"),
                _("Write the township's own wording (本镇, 镇党委 …)."),
            ))
    return out


_COUNTY_LEVELS = ("县", "区", "市")
"""The endings of the level a township reports to, in the order a 主送 line is read for them."""


def home_county(c: Compiled, texts: list[str], recipients: str) -> str:
    """The county a report without an answers file belongs to: the county-level name (of the level its 主送 line
    addresses, ``县委、县政府`` → a 县) its text names most, the first named on a tie; "" when it names none.

    A bare .txt or .docx names its own county (``在安平县委、县政府的领导下``); that is no other place's name.
    """
    levels = tuple(ch for ch in _COUNTY_LEVELS if ch in recipients)[:1] or ("县", "区")
    counts: Counter[str] = Counter()
    for text in texts:
        masked = bytearray(len(text))
        for m in c.common.finditer(text):
            masked[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        for m in c.place.finditer(text):
            name = m.group(0)
            if not name.endswith(levels) or any(ch in c.stop_chars for ch in m.group(1)):
                continue
            organ = text.startswith(tuple(c.terms.county_organ_next), m.end())  # 安平县委: its 县委 is common
            if (organ and not any(masked[m.start():m.end() - 1])) or not any(masked[m.start():m.end()]):
                counts[name] += 1
    return counts.most_common(1)[0][0] if counts else ""
