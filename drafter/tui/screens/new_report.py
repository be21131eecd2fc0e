"""Ask for the report type, the township and the year of a new blank report."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.i18n import N_, _
from drafter.model import year_problem
from drafter.tui.widgets.footer import Footer


class NewReportScreen(ModalScreen[tuple[str, str, int] | None]):
    """Report type, township name and report year; dismissed with (pack, township, year), or None when cancelled.

    The report types are the built-in packs with their titles (:func:`drafter.workspace.report_types`), the
    first one chosen unless the clerk picks another (arrow keys, Enter, or the mouse).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="new.cancel")]

    def __init__(self, name: str, year: int, taken: dict[str, set[int]], types: dict[str, str]) -> None:
        super().__init__(classes="dialog-screen")
        self.default_name = name
        self.default_year = year
        self.taken = taken
        """The years the workspace has a report for, by report type."""
        self.types = types

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("New report"), classes="dialog-title")
            yield Label(_("Report type"))
            yield OptionList(*(Option(title, id=pack) for pack, title in self.types.items()), id="new-type")
            yield Label(_("Township (e.g. 青禾镇)"))
            yield Input(self.default_name, id="new-name")
            yield Label(_("Year reported on"))
            yield Input(str(self.default_year), id="new-year")
            yield Static("", id="new-message", classes="field-message error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Create"), id="create", variant="primary")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        types = self.query_one("#new-type", OptionList)
        types.highlighted = 0
        if len(self.types) > 1:
            types.focus()
        else:  # one report type: nothing to ask
            types.display = False
            self._after_type()

    @property
    def pack(self) -> str:
        """The report type chosen."""
        types = self.query_one("#new-type", OptionList)
        index = types.highlighted if types.highlighted is not None else 0
        return str(types.get_option_at_index(index).id)

    def _after_type(self) -> None:
        self.query_one("#new-name" if not self.default_name else "#new-year", Input).focus()

    @on(OptionList.OptionSelected, "#new-type")
    def _type_chosen(self) -> None:
        self._after_type()

    @on(Input.Submitted, "#new-name")
    def _name_done(self) -> None:
        self.query_one("#new-year", Input).focus()

    @on(Input.Submitted, "#new-year")
    @on(Button.Pressed, "#create")
    def _create(self) -> None:
        name = self.query_one("#new-name", Input).value.strip()
        year_text = self.query_one("#new-year", Input).value.strip()
        message = self.query_one("#new-message", Static)
        if not name:
            message.update(_("The township's name is required."))
            self.query_one("#new-name", Input).focus()
            return
        problem = year_problem(year_text, self.taken.get(self.pack, set()))
        if problem:
            message.update(problem)
            return
        self.dismiss((self.pack, name, int(year_text)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without creating anything."""
        self.dismiss(None)
