"""The one home of figures: the catalogue read from the pack, values and derived rates with the one rounding
rule, formatting and reading numbers, the prose scanner, live figure references, and the rules between figures.

Nothing outside this package parses a number out of prose or rounds a figure.
"""

from __future__ import annotations

from drafter.figures.catalogue import Catalogue, catalogue
from drafter.figures.consistency import (
    Mismatch,
    against_form,
    confirmed_keys,
    fix_text,
    percent_over_100,
    rate_against_counts,
    rate_mismatches,
)
from drafter.figures.live import (
    find_printed,
    from_editor,
    has_references,
    reference,
    references,
    render,
    to_editor,
)
from drafter.figures.rules import BrokenRule, broken_in_prose, broken_rules
from drafter.figures.scan import Mention, fullwidth_numbers, has_number, leading_zeros, scan, sentences
from drafter.figures.text import (
    GAP,
    format_count,
    format_percent,
    parse_count,
    with_unit,
)
from drafter.figures.values import Values, change_text, rate, rate_text, round_to, states_rate, values_of

__all__ = [
    "GAP",
    "BrokenRule",
    "Catalogue",
    "Mention",
    "Mismatch",
    "Values",
    "against_form",
    "broken_in_prose",
    "broken_rules",
    "catalogue",
    "change_text",
    "confirmed_keys",
    "find_printed",
    "fix_text",
    "format_count",
    "format_percent",
    "from_editor",
    "fullwidth_numbers",
    "has_number",
    "has_references",
    "leading_zeros",
    "parse_count",
    "percent_over_100",
    "rate",
    "rate_against_counts",
    "rate_mismatches",
    "rate_text",
    "reference",
    "references",
    "render",
    "round_to",
    "scan",
    "sentences",
    "states_rate",
    "to_editor",
    "values_of",
    "with_unit",
]
