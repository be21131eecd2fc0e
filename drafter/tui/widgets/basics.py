"""The basics form: the township and its organs, recipients, year, date, own place names and title form, with the
pack's deadlines above them."""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from drafter.i18n import N_, _
from drafter.model import Answers, TitleForm

_SPLIT = re.compile(r"[、，,；;\s]+")


def split_list(text: str) -> list[str]:
    """A list typed as ``甲、乙、丙`` (also commas or spaces)."""
    return [part for part in _SPLIT.split(text.strip()) if part]


def parse_date(text: str) -> tuple[dt.date | None, str]:
    """A date typed as 2026-01-15 (also 2026.1.15, 2026/1/15 or 2026年1月15日), or why it is not one."""
    from drafter.locale_format import date_problem

    return date_problem(text)


def show_problem(field: Input, message: Static, problem: str) -> None:
    """Show ``problem`` under ``field`` (or hide the message when it is empty) and mark the field invalid."""
    message.update(problem)
    message.set_class(bool(problem), "error")
    message.display = bool(problem)
    field.set_class(bool(problem), "invalid")


class FieldForm(VerticalScroll, can_focus=False):
    """A form of one-line fields, each with its message below it: Enter goes to the next field, and every change is
    applied at once by :meth:`apply`, whose problem shows under the field while the last valid value is kept.

    The form itself is no Tab stop (issue 27): a Tab there showed nothing, and each field scrolls into view as it
    takes the keys (Page Up/Down still scroll the form from any field)."""

    FIELD_PREFIX: ClassVar[str]
    """The id of a field is this prefix and the field's key."""
    MESSAGE_PREFIX: ClassVar[str]
    """The id of a field's message is this prefix and the field's key."""

    def _key(self, field: Input) -> str | None:
        if field.id is None or not field.id.startswith(self.FIELD_PREFIX):
            return None
        return field.id.removeprefix(self.FIELD_PREFIX)

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        if self._key(event.input) is not None:
            self.screen.focus_next()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        key = self._key(event.input)
        if key is not None:
            message = self.query_one(f"#{self.MESSAGE_PREFIX}{key}", Static)
            problem = self.apply(key, event.value)
            show_problem(event.input, message, problem)
            if not problem:
                self.applied(key)

    def apply(self, key: str, text: str) -> str:
        """Store ``text`` as the value of field ``key`` when it is valid and return '', or return the problem."""
        raise NotImplementedError

    def applied(self, key: str) -> None:
        """After a valid value of ``key`` is shown: update what depends on it (nothing here)."""


FIELDS: list[tuple[str, str, str]] = [
    ("name", N_("Township"), N_("e.g. 青禾镇 (required)")),
    ("county", N_("County or district"), N_("e.g. 云溪县")),
    ("city", N_("City"), N_("e.g. 安平市")),
    ("party_organ", N_("Party committee"), N_("e.g. 中共青禾镇委员会")),
    ("government_organ", N_("Government"), N_("e.g. 青禾镇人民政府")),
    ("signatories", N_("Signing organs"), N_("in order, separated by 、 (empty: the government)")),
    ("recipients", N_("Recipients (主送)"), N_("e.g. 县委、县政府")),
    ("date", N_("Report date"), N_("e.g. {year}-01-15")),
    ("places", N_("Own place names"), N_("villages, communities, landmarks, separated by 、")),
    ("address", N_("Address"), N_("where readers write to, e.g. 云溪县青禾镇青禾大道8号")),
    ("postcode", N_("Postcode"), N_("six digits")),
    ("telephone", N_("Telephone"), N_("for readers' questions")),
]

SIGNER_FIELD = (N_("Signed by"), N_("post and name, e.g. 青禾镇党委书记 林晓峰"))
"""The signatories' label and placeholder for a report signed by a person."""


class BasicsForm(FieldForm):
    """Inline-validated fields of the report's basics. The year is shown, not typed: it changes only through
    the explicit, confirmed "change year" action (F6), never to a year the workspace already has."""

    FIELD_PREFIX = "basic-"
    MESSAGE_PREFIX = "bmsg-"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "change_year", N_("Change year"), id="basics.change_year"),
    ]

    class Changed(Message):
        """A basics field changed to a valid value."""

    class YearChangeRequested(Message):
        """The clerk asked to change the report year (the screen asks for it and confirms)."""

    def __init__(self, answers: Answers, deadlines: list[tuple[str, str]] | None = None,
                 signed_by: str = "organs") -> None:
        super().__init__(id="basics", classes="pane")
        self.answers = answers
        self.signed_by = signed_by
        """Who signs (the pack's ``signed_by``): a person signs with post and name, and has no title form of
        organs."""
        self.deadlines = deadlines or []
        """The pack's deadlines: (what, when) with ``when`` in the pack's own words."""

    def _initial(self, key: str) -> str:
        org = self.answers.org
        if key == "date":
            return self.answers.date.isoformat() if self.answers.date else ""
        if key in ("signatories", "places"):
            values: list[str] = getattr(org, key)
            return "、".join(values)
        value: str = getattr(org, key)
        return value

    def compose(self) -> ComposeResult:
        yield Static(_("The basics of the report. Everything is saved as you type."), classes="hint")
        for what, when in self.deadlines:
            yield Static(f"{what}{when}", classes="hint deadline", markup=False)
        with Horizontal(classes="field-row"):
            yield Label(_("Report year"), classes="field-label")
            yield Label(str(self.answers.year), id="basic-year", classes="field-value")
            yield Button(_("Change year (F6)"), id="change-year", compact=True)
        for key, label, placeholder in FIELDS:
            if key == "signatories" and self.signed_by == "person":
                label, placeholder = SIGNER_FIELD
            with Horizontal(classes="field-row"):
                yield Label(_(label), classes="field-label")
                yield Input(self._initial(key), placeholder=_(placeholder).format(year=self.answers.year + 1),
                            id=f"basic-{key}", compact=True, select_on_focus=False,  # a key never erases
                            classes="field-input")
            message = Static("", id=f"bmsg-{key}", classes="field-message")
            message.display = False
            yield message
        if self.signed_by == "person":
            return
        with Horizontal(classes="field-row"):
            yield Label(_("Title form"), classes="field-label")
            options: list[tuple[str, TitleForm]] = [
                (_("Government (X镇人民政府关于…)"), "government"),
                (_("Party committee and government"), "joint"),
                (_("Plain (关于…)"), "plain"),
            ]
            yield Select(options, value=self.answers.title_form, allow_blank=False, id="basic-title_form",
                         compact=True)

    @on(Select.Changed, "#basic-title_form")
    def _title_form(self, event: Select.Changed) -> None:
        if event.value in ("government", "joint", "plain") and event.value != self.answers.title_form:
            self.answers.title_form = event.value
            self.post_message(self.Changed())

    def on_mount(self) -> None:
        self.query_one("#change-year", Button).can_focus = False  # for the mouse; F6 from any field

    @on(Button.Pressed, "#change-year")
    def action_change_year(self) -> None:
        """Ask the screen to change the report year."""
        self.post_message(self.YearChangeRequested())

    def apply(self, key: str, text: str) -> str:
        """Store a valid value and return '' or return the problem and keep the last valid value."""
        org = self.answers.org
        if key == "name":
            if not text.strip():
                return _("The township's name is required.")
            new_value: object = text.strip()
        elif key == "date":
            date, problem = parse_date(text)
            if problem:
                return problem
            if date != self.answers.date:
                self.answers.date = date
                self.post_message(self.Changed())
            return ""
        elif key in ("signatories", "places"):
            new_value = split_list(text)
        elif key == "postcode" and not re.fullmatch(r"(\d{6})?", text.strip()):
            return _("A postcode is six digits.")
        else:
            new_value = text.strip()
        if getattr(org, key) != new_value:
            setattr(org, key, new_value)
            self.post_message(self.Changed())
        return ""
