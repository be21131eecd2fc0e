"""The list of steps (basics, each part, figures, review, preview) with their state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.containers import Horizontal
from textual.widgets import Label, ListItem, ListView

from drafter.i18n import _
from drafter.workspace import State

MARKS: dict[State, str] = {"empty": "○", "draft": "◐", "complete": "●"}


def state_label(state: State) -> str:
    """The state in words."""
    return {"empty": _("empty"), "draft": _("draft"), "complete": _("complete")}[state]


@dataclass(frozen=True)
class Step:
    """One entry of the sidebar: a part of the report (``id`` is its key) or one of the editor's own steps."""

    id: str
    label: str
    part: bool = False

    @property
    def key(self) -> str:
        """The step's key in the states and counts of :meth:`Sidebar.update_states`: a part's key may be the name
        of one of the editor's own steps (the 政府信息公开 report has a part ``review``)."""
        return f"part-{self.id}" if self.part else self.id

    @property
    def dom_id(self) -> str:
        """The id of the step's row: ``step-<key>`` for a part, ``step--<name>`` for the editor's own steps (a
        part's key never starts with ``-``)."""
        return f"step-{self.id}" if self.part else f"step--{self.id}"


class Sidebar(ListView):
    """Steps with a mark for their state and, when checks are available, the number of findings."""

    def __init__(self, steps: list[Step]) -> None:
        rows = [ListItem(Horizontal(Label(s.label, markup=False, classes="step-label"),
                                    Label("", classes="step-count")), id=s.dom_id) for s in steps]
        super().__init__(*rows, id="steps")
        self.steps = steps

    def update_states(self, states: dict[str, State], findings: dict[str, int]) -> None:
        """Refresh each step's label with its state mark and its count of findings (both by :attr:`Step.key`)."""
        for step, child in zip(self.steps, self.children, strict=False):
            label = step.label
            state = states.get(step.key)
            if state is not None:
                label = f"{MARKS[state]} {label}"
            count = findings.get(step.key, 0)
            child.query_one(".step-label", Label).update(label)
            # the count has a place of its own: a long label is cut, never the number (⚑1 for 11)
            child.query_one(".step-count", Label).update(f"⚑{count}" if count else "")
            if state is not None:
                child.tooltip = state_label(state)
