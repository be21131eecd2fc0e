"""Comparing figures: values, absolute and relative change, the pack's warning threshold."""

from __future__ import annotations

from pathlib import Path

from drafter.compare import compare_answers, compare_previous
from drafter.pack import load_pack
from drafter.store import load_answers
from tests.factories import make_answers


def test_compare_two_years_of_the_example(example_2024: Path, example_2025: Path) -> None:
    pack = load_pack()
    a, b = load_answers(example_2024), load_answers(example_2025)
    changes = {c.key: c for c in compare_answers(a, b, pack)}
    leaflets = changes["leaflets"]
    assert (leaflets.old, leaflets.new) == (a.figure_value("leaflets"), b.figure_value("leaflets"))
    assert leaflets.delta == leaflets.new - leaflets.old  # type: ignore[operator]
    assert leaflets.relative is not None
    assert abs(leaflets.relative - leaflets.delta / leaflets.old) < 1e-9  # type: ignore[operator]
    assert leaflets.label == "发放宣传资料" and leaflets.unit == "份"
    # rates are derived, never compared as typed figures
    assert "dispute_success_rate" not in changes
    order = [f.key for f in pack.spec.figures if f.key in changes]
    assert list(changes) == order


def test_warning_threshold() -> None:
    pack = load_pack()
    threshold = pack.spec.change_warning
    old = make_answers(figures={"leaflets": {"value": 100}, "mediators": {"value": 10}, "petitions": {"value": 0}})
    new = make_answers(
        figures={
            "leaflets": {"value": 100 + round(100 * threshold) + 1},  # just above the threshold
            "mediators": {"value": 10 + round(10 * threshold)},  # exactly at it: no warning
            "petitions": {"value": 5},  # from zero: no relative change
            "lawsuits": {"value": 2},  # new this year
        }
    )
    changes = {c.key: c for c in compare_answers(old, new, pack)}
    assert changes["leaflets"].warn
    assert not changes["mediators"].warn
    assert changes["petitions"].relative is None and not changes["petitions"].warn
    assert changes["lawsuits"].old is None and changes["lawsuits"].delta is None
    fall = {c.key: c for c in compare_answers(new, old, pack)}
    # 151 → 100 is a fall of a third: below the threshold; 5 → 0 is a fall of 100 %
    assert fall["leaflets"].relative is not None and -threshold < fall["leaflets"].relative < 0
    assert {k for k, c in fall.items() if c.warn} == {"petitions"}


def test_compare_with_previous_values(example_2025: Path) -> None:
    pack = load_pack()
    answers = load_answers(example_2025)
    changes = compare_previous(answers, pack)
    assert {c.key for c in changes} == set(answers.figures)
    for change in changes:
        fig = answers.figures[change.key]
        assert (change.old, change.new) == (fig.previous, fig.value)


def test_unknown_figure_keys_are_listed_last() -> None:
    pack = load_pack()
    a = make_answers(figures={"leaflets": {"value": 1}})
    b = make_answers(figures={"leaflets": {"value": 1}})
    b.figures["zz_custom"] = b.figures["leaflets"].model_copy()
    changes = compare_answers(a, b, pack)
    assert changes[-1].key == "zz_custom" and changes[-1].label == "zz_custom" and changes[-1].old is None
