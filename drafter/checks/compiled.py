"""The pack's check data compiled into regular expressions, once per pack."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.cache import Cache
from drafter.checks.reference import Institutions, Laws, compile_institutions, compile_laws
from drafter.pack import DatedTerm, Pack, Role, TermsSpec

HAN = "\u4e00-\u9fff"
CHINESE = (
    "\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2018\u2019\u201c\u201d\u2026\u2014"
)
"""Han characters and Chinese (full-width) punctuation: the neighbours that make a half-width mark wrong."""
def _alternation(words: list[str]) -> str:
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ordered) if ordered else "(?!)"


@dataclass(frozen=True)
class CompiledTerm:
    """A dated term with its compiled pattern."""

    term: DatedTerm
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Compiled:
    """Everything the checks need from ``terms.toml``, compiled (figures: :mod:`drafter.figures`)."""

    terms: TermsSpec
    common: re.Pattern[str]
    place: re.Pattern[str]
    place_patterns: tuple[re.Pattern[str], ...]
    place_exclusions: frozenset[str]
    stop_chars: frozenset[str]
    abbreviation_next: frozenset[str]
    street: re.Pattern[str]
    causes: re.Pattern[str]
    placeholder: re.Pattern[str]
    year: re.Pattern[str]
    report_period: tuple[re.Pattern[str], ...]
    dated: tuple[CompiledTerm, ...]
    dated_any: re.Pattern[str]
    """Any of the dated terms: a text it does not find is not searched term by term."""
    part_markers: tuple[str, ...]
    url: re.Pattern[str]
    halfwidth: re.Pattern[str]
    own_suffixes: tuple[str, ...]
    plan: str | None
    """The key of the pack's plan part (:attr:`~drafter.pack.Role.PLAN`), whose years are next year's."""
    mobile: re.Pattern[str]
    counted: re.Pattern[str]
    """A counting or currency unit right after a number (``元``, ``万元``, ``余人``): the number is no phone."""
    secret: re.Pattern[str]
    boilerplate: re.Pattern[str]
    laws: Laws | None
    """``laws.toml`` (None: the pack has none)."""
    institutions: Institutions | None
    """``institutions.toml`` (None: the pack has none)."""


def _compile(pack: Pack) -> Compiled:
    t = pack.terms
    suffixes = sorted(t.place_suffixes, key=len, reverse=True)
    return Compiled(
        terms=t,
        common=re.compile(_alternation(t.common_words)),
        place=re.compile(rf"([{HAN}]{{2}})(?:{_alternation(suffixes)})"),
        place_patterns=tuple(re.compile(p) for p in t.place_patterns),
        place_exclusions=frozenset(t.place_pattern_exclusions),
        stop_chars=frozenset(t.place_stop_chars),
        abbreviation_next=frozenset(t.place_abbreviation_next),
        street=re.compile(_alternation(t.street_wording)),
        causes=re.compile(_alternation(t.cause_markers)),
        placeholder=re.compile("|".join(f"(?:{p})" for p in t.placeholder_patterns) or "(?!)"),
        year=re.compile(r"(?<![\d０-９])(20\d{2})年(度)?"),
        report_period=tuple(re.compile(p) for p in t.report_period_patterns),
        dated=tuple(CompiledTerm(term, re.compile(term.pattern or re.escape(term.term))) for term in t.terms),
        dated_any=re.compile("|".join(f"(?:{term.pattern or re.escape(term.term)})" for term in t.terms) or "(?!)"),
        part_markers=tuple(t.part_markers),
        url=re.compile(r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+"),
        halfwidth=re.compile(r"[,.:;?!()]"),
        own_suffixes=tuple(sorted(t.own_name_suffixes or t.place_suffixes, key=len, reverse=True)),
        plan=pack.spec.key_of(Role.PLAN),
        mobile=re.compile(t.mobile_pattern),
        counted=re.compile(rf"\s*(?:{_alternation(t.approximate_markers)})?[万亿]?"
                           rf"(?:{_alternation([*t.money_units, *t.count_units])})"),
        secret=re.compile("|".join(f"(?:{p})" for p in t.secret_patterns) or "(?!)"),
        boilerplate=re.compile("|".join(f"(?:{p})" for p in t.boilerplate) or "(?!)"),
        laws=compile_laws(pack),
        institutions=compile_institutions(pack),
    )


_COMPILED: Cache[Compiled] = Cache()


def compiled(pack: Pack) -> Compiled:
    """The compiled check data of ``pack`` (compiled on first use, then kept while the pack is unchanged)."""
    return _COMPILED.get(pack.identity, lambda: _compile(pack))
