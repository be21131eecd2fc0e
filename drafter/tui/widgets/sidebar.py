"""The list of steps (basics, each part, figures, review, preview) with their state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Horizontal
from textual.widgets import Label, ListItem, ListView

from drafter.i18n import _
from drafter.tui.workspace import State

MARKS: dict[State, str] = {"empty": "○", "draft": "◐", "complete": "●"}


def state_label(state: State) -> str:
    """The state in words."""
    return {"empty": _("empty"), "draft": _("draft"), "complete": _("complete")}[state]


@dataclass(frozen=True)
class Step:
    """One entry of the sidebar."""

    id: str
    label: str


class Sidebar(ListView):
    """Steps with a mark for their state and, when checks are available, the number of findings."""

    def __init__(self, steps: list[Step]) -> None:
        rows = [ListItem(Horizontal(Label(s.label, markup=False, classes="step-label"),
                                    Label("", classes="step-count")), id=f"step-{s.id}") for s in steps]
        super().__init__(*rows, id="steps")
        self.steps = steps

    def update_states(self, states: dict[str, State], findings: dict[str, int]) -> None:
        """Refresh each step's label with its state mark and its count of findings."""
        for step, child in zip(self.steps, self.children, strict=False):
            label = step.label
            state = states.get(step.id)
            if state is not None:
                label = f"{MARKS[state]} {label}"
            count = findings.get(step.id, 0)
            child.query_one(".step-label", Label).update(label)
            # the count has a place of its own: a long label is cut, never the number (⚑1 for 11)
            child.query_one(".step-count", Label).update(f"⚑{count}" if count else "")
            if state is not None:
                child.tooltip = state_label(state)
