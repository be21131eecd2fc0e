"""The list of steps (basics, each part, figures, review, preview) with their state."""

from __future__ import annotations

from dataclasses import dataclass

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
        super().__init__(*[ListItem(Label(s.label, markup=False), id=f"step-{s.id}") for s in steps], id="steps")
        self.steps = steps

    def update_states(self, states: dict[str, State], findings: dict[str, int]) -> None:
        """Refresh each step's label with its state mark and its count of findings."""
        for step, child in zip(self.steps, self.children, strict=False):
            label = step.label
            state = states.get(step.id)
            if state is not None:
                label = f"{MARKS[state]} {label}"
            count = findings.get(step.id, 0)
            if count:
                label += f" ⚑{count}"
            child.query_one(Label).update(label)
            if state is not None:
                child.tooltip = state_label(state)
