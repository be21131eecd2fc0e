"""The pack's rules between figures, on typed figures (one evaluation for the checks and the figures form) and on
the counts a sentence states."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.figures.scan import Mention
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


def broken_in_prose(counts: list[Mention], pack: Pack) -> list[tuple[Mention, Mention]]:
    """``(part, whole)`` for each ``le`` relation of the pack that the exact counts of one sentence break
    (调处成功 86 件 of 排查矛盾纠纷 80 件), the figures named by their cue words."""
    out: list[tuple[Mention, Mention]] = []
    for rel in pack.spec.relations:
        if rel.kind != "le" or not rel.part or not rel.whole:
            continue
        wholes = [x for x in counts if x.exact and x.key == rel.whole]
        for part in (x for x in counts if x.exact and x.key == rel.part):
            whole = next((w for w in wholes if w.unit == part.unit), None)
            if whole is not None and part.value > whole.value:
                out.append((part, whole))
    return out
