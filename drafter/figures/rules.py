"""Typed figures against the pack's cross-figure rules: one evaluation for the checks and the figures form."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.model import Answers
from drafter.pack import Pack, RelationSpec


@dataclass(frozen=True)
class BrokenRule:
    """A rule of ``[[relations]]`` the typed figures break.

    For ``le``: ``figure`` is the part, ``value`` its value and ``other`` the whole's value (part > whole).
    For ``sum``: ``figure`` is the total, ``value`` its value and ``other`` what the parts add up to.
    """

    relation: RelationSpec
    figure: str
    value: int
    other: int


def broken_rules(answers: Answers, pack: Pack) -> list[BrokenRule]:
    """The pack's relations that the typed figures break; rules with an empty figure are not judged."""
    out: list[BrokenRule] = []
    for rel in pack.spec.relations:
        if rel.kind == "le" and rel.part and rel.whole:
            part, whole = answers.figure_value(rel.part), answers.figure_value(rel.whole)
            if part is not None and whole is not None and part > whole:
                out.append(BrokenRule(rel, rel.part, part, whole))
        elif rel.kind == "sum" and rel.total:
            values = [answers.figure_value(k) for k in rel.parts]
            total = answers.figure_value(rel.total)
            if total is not None and all(v is not None for v in values):
                added = sum(v for v in values if v is not None)
                if added != total:
                    out.append(BrokenRule(rel, rel.total, total, added))
    return out
