"""Prose against figures: a number the prose states against the form's value, and a rate against the counts
stated next to it — both judged with the one rounding rule, so a correctly rounded value is never flagged."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drafter.figures.catalogue import Catalogue
from drafter.figures.live import reference, rendered
from drafter.figures.scan import Mention, scan, sentences
from drafter.figures.text import format_percent
from drafter.figures.values import Values, rate, round_to, states_rate


@dataclass(frozen=True)
class Mismatch:
    """A stated figure that differs from what it should be."""

    mention: Mention
    expected: str
    """What should be written instead (``125``, ``6.3%``)."""
    key: str | None = None
    """The form's figure it contradicts (None: it contradicts counts stated next to it)."""
    numerator: Mention | None = None
    denominator: Mention | None = None
    """For a rate against nearby counts: the counts it was computed from."""


def against_form(mentions: list[Mention], values: Values,
                 confirmed: frozenset[str] = frozenset()) -> list[Mismatch]:
    """Mentions whose cue words name a figure the form holds, stating another value.

    ``mentions``: those of the whole report. A figure whose form value the report states somewhere (or that is in
    ``confirmed``) is not judged again: other numbers under its cue words are then parts of it (书记主持 6 次 of the
    11 meetings), not contradictions.
    """
    skip = confirmed | confirmed_keys(mentions, values)
    return [m for m in _against_form(mentions, values) if m.key not in skip]


def confirmed_keys(mentions: list[Mention], values: Values) -> frozenset[str]:
    """The figures whose form value ``mentions`` state."""
    return frozenset(m.key for m in mentions if m.key and m.exact and _agrees(m, values))


def _agrees(mention: Mention, values: Values) -> bool | None:
    """True when ``mention`` states its figure's form value, False when another; None when the form lacks it."""
    cat = values.catalogue
    spec = cat.get(mention.key) if mention.key else None
    if spec is None:
        return None
    if spec.kind == "rate":
        num, den = values.counts.get(spec.numerator or ""), values.counts.get(spec.denominator or "")
        if num is None or not den:
            return None
        return states_rate(mention.value, num, den, cat.rounding)
    typed = values.value(spec.key)
    return None if typed is None else typed == mention.value


def _against_form(mentions: list[Mention], values: Values) -> list[Mismatch]:
    return [Mismatch(m, values.text(m.key or ""), m.key) for m in mentions
            if m.key and m.exact and _agrees(m, values) is False]


def rate_against_counts(rate_mention: Mention, counts: list[Mention], cat: Catalogue) -> Mismatch | None:
    """A rate against the exact counts of its unit stated before it in its sentence; None when it agrees or
    there is nothing to judge it by."""
    before = [x for x in counts if x.end <= rate_mention.start and not x.is_rate]
    if not before:
        return None
    unit = before[-1].unit
    group = [x for x in before if x.exact and x.unit == unit]
    if len(group) < 2:
        return None
    stated = rate_mention.value
    for whole in group:
        for part in group:
            if part is not whole and whole.value > 0 and part.value <= whole.value \
                    and states_rate(stated, part.value, whole.value, cat.rounding):
                return None
    den = max(group, key=lambda x: x.value)
    num = next((x for x in reversed(group) if x is not den and x.value <= den.value), None)
    if num is None or den.value == 0:
        return None
    exact = rate(num.value, den.value)
    assert exact is not None
    places = max(1, -int(stated.as_tuple().exponent))
    expected = format_percent(round_to(exact, places, cat.rounding), places)
    return Mismatch(rate_mention, expected, None, num, den)


def percent_over_100(mention: Mention) -> bool:
    """True for a rate of more than 100%."""
    return mention.is_rate and mention.value > Decimal(100)


def rate_mismatches(text: str, mentions: list[Mention], cat: Catalogue) -> list[Mismatch]:
    """Every rate of ``text`` (named by a rate word, at most 100%) that its sentence's counts contradict."""
    out: list[Mismatch] = []
    if not any(m.is_rate for m in mentions):
        return out
    for start, end in sentences(text):
        inside = [m for m in mentions if start <= m.start < end]
        for mention in inside:
            if mention.is_rate and mention.rate_word and not percent_over_100(mention):
                found = rate_against_counts(mention, inside, cat)
                if found is not None:
                    out.append(found)
    return out


def fix_text(stored: str, values: Values, confirmed: frozenset[str] = frozenset()) -> tuple[str, list[Mismatch]]:
    """``stored`` with what contradicts the form made a live figure of it, then each rate its counts contradict
    rewritten; the mismatches fixed, in order. ``confirmed``: figures the rest of the report states rightly."""
    fixed: list[Mismatch] = []
    text = stored
    for form_pass in (True, False):
        shown = rendered(text, values)
        mentions = scan(shown.text, values.catalogue)
        cat = values.catalogue
        found = against_form(mentions, values, confirmed) if form_pass else rate_mismatches(shown.text, mentions, cat)
        for mismatch in sorted(found, key=lambda m: m.mention.start, reverse=True):
            mention = mismatch.mention
            end = mention.end if mention.is_rate else mention.number_end
            span = shown.to_stored(mention.start, end)
            if span is None:
                continue
            new = reference(mismatch.key) if mismatch.key else mismatch.expected
            text = text[:span[0]] + new + text[span[1]:]
            fixed.insert(0, mismatch)
    return text, fixed
