"""The figure catalogue as a form: counts typed, rates derived, last year's value and the change beside each."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Static

from drafter.compare import is_large_change
from drafter.figures import broken_rules, catalogue, parse_count, rate_text, values_of
from drafter.figures import change_text as relative_change
from drafter.i18n import _
from drafter.model import Answers, Figure
from drafter.pack import Pack
from drafter.tui.widgets.basics import FieldForm


def change_text(value: int | None, previous: int | None, pack: Pack) -> str:
    """``last year 10 · +2 (+20.0%)``, or just last year's value when this year's is missing (the change rounded
    by the pack's one rule)."""
    if previous is None:
        return ""
    out = _("last year {value}").format(value=previous)
    if value is None:
        return out
    diff = value - previous
    sign = "+" if diff > 0 else ""
    out += f" · {sign}{diff}"
    if previous:
        out += f" ({relative_change(previous, value, catalogue(pack).rounding)})"
    return out


def relation_problems(answers: Answers, pack: Pack) -> dict[str, str]:
    """Messages of broken cross-figure rules, keyed by the figure they are shown under."""
    out: dict[str, str] = {}
    labels = {f.key: f.label for f in pack.spec.figures}
    for broken in broken_rules(answers, pack):
        rel = broken.relation
        if rel.kind == "le":
            out[broken.figure] = _("Cannot be more than “{whole}” ({value}).").format(
                whole=labels[rel.whole or ""], value=broken.other)
        else:
            out[broken.figure] = _("{parts} add up to {found}, not {total}.").format(
                parts="、".join(labels[k] for k in rel.parts), found=broken.other, total=broken.value)
    return out


class FiguresForm(FieldForm):
    """All figures of the pack, grouped by part and topic."""

    FIELD_PREFIX = "fig-"
    MESSAGE_PREFIX = "msg-"

    class Changed(Message):
        """A figure's value changed (only valid values reach the answers)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, answers: Answers, pack: Pack) -> None:
        super().__init__(id="figures", classes="pane")
        self._changed: set[str] = set()
        self.answers = answers
        self.pack = pack

    def compose(self) -> ComposeResult:
        yield Static(_("Type whole numbers. Rates are computed from their counts. Empty means not known yet."),
                     classes="hint")
        group = None
        for spec in self.pack.spec.figures:
            section = self.pack.section(spec.section)
            title = f"{section.label if section else spec.section} · {spec.topic}" if spec.topic else spec.section
            if title != group:
                group = title
                yield Label(title, classes="group-title")
            with Horizontal(classes="figure-row", id=f"row-{spec.key}"):
                yield Label(f"{spec.label}（{spec.unit}）", classes="figure-label")
                if spec.kind in ("rate", "cell"):  # computed, or read from a table: shown, never typed
                    yield Static("", id=f"rate-{spec.key}", classes="figure-rate")
                else:
                    fig = self.answers.figures.get(spec.key)
                    value = "" if fig is None or fig.value is None else str(fig.value)
                    yield Input(value, id=f"fig-{spec.key}", classes="figure-input", compact=True,
                                placeholder="—")
                yield Static("", id=f"change-{spec.key}", classes="figure-change")
            message = Static("", id=f"msg-{spec.key}", classes="figure-message")
            message.display = False
            yield message
        yield Static("", classes="bottom-pad")

    def on_mount(self) -> None:
        self.refresh_derived()

    def apply(self, key: str, text: str) -> str:
        """Store a valid count and return '', or return the problem and keep the last valid value."""
        spec = self.pack.figure(key)
        assert spec is not None
        value, problem = parse_count(text, spec)
        if problem:
            return problem
        fig = self.answers.figures.get(key)
        if fig is None:
            if value is None:
                return ""
            fig = Figure()
            self.answers.figures[key] = fig
        if fig.value == value:
            return ""
        fig.value = value
        if fig.value is None and fig.previous is None:
            del self.answers.figures[key]
        self._changed.add(key)
        return ""

    def applied(self, key: str) -> None:
        """A changed figure: the rates, changes and rules that depend on it, then the screen saves."""
        if key in self._changed:
            self._changed.discard(key)
            self.refresh_derived()
            self.post_message(self.Changed(key))

    def _previous(self, key: str | None) -> int | None:
        fig = self.answers.figures.get(key or "")
        return fig.previous if fig else None

    def refresh_derived(self) -> None:
        """Recompute the rates, the changes from last year and the cross-figure messages."""
        problems = relation_problems(self.answers, self.pack)
        values = values_of(self.answers, self.pack)
        for spec in self.pack.spec.figures:
            fig = self.answers.figures.get(spec.key)
            if spec.kind == "cell":
                shown = values.text(spec.key) if values.value(spec.key) is not None else "—"
                self.query_one(f"#rate-{spec.key}", Static).update(shown)
                self.query_one(f"#change-{spec.key}", Static).update(_("(from the table)"))
                continue
            if spec.kind == "rate":
                shown = values.text(spec.key) if values.value(spec.key) is not None else _("(computed)")
                self.query_one(f"#rate-{spec.key}", Static).update(shown)
                cat = catalogue(self.pack)
                before = rate_text(self._previous(spec.numerator), self._previous(spec.denominator),
                                   cat.precision(spec), cat.rounding)
                self.query_one(f"#change-{spec.key}", Static).update(
                    "" if before is None else _("last year {value}").format(value=before))
                continue
            value_now, previous = (fig.value, fig.previous) if fig else (None, None)
            self.query_one(f"#change-{spec.key}", Static).update(change_text(value_now, previous, self.pack))
            message = self.query_one(f"#msg-{spec.key}", Static)
            if message.has_class("error"):
                continue
            problem = problems.get(spec.key, "")
            if not problem and is_large_change(previous, value_now, self.pack):
                problem = "⚠ " + _("large change from last year, please check")
            message.update(problem)
            message.set_class(bool(problem), "warning")
            message.display = bool(problem)
