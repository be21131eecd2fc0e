"""The submission step: the dispatch data of the 公文 sent up (发文字号, 签发人, 抄送, 印发机关, 份号, 密级, 紧急程度,
印发日期) and which copy F9 generates."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from drafter.i18n import N_, _
from drafter.model import Answers
from drafter.tui.widgets.basics import FieldForm, parse_date, split_list

FIELDS: list[tuple[str, str, str]] = [
    ("number_prefix", N_("发文字号 prefix"), N_("the organ's code, e.g. 青禾发")),
    ("serial", N_("发文字号 number"), N_("e.g. 3 (the year is added from the date)")),
    ("issuers", N_("签发人"), N_("names, separated by 、")),
    ("copy_to", N_("抄送"), N_("organs, separated by 、")),
    ("printing_organ", N_("印发机关"), N_("e.g. 青禾镇党政综合办公室")),
    ("print_date", N_("印发日期"), N_("e.g. 2026-01-15 (empty: the report date)")),
    ("copy_number", N_("份号"), N_("six digits, or empty")),
    ("secrecy", N_("密级"), N_("e.g. 秘密★1年, or empty")),
]
_ORG_FIELDS = ("number_prefix", "issuers", "copy_to", "printing_organ")

CopyChoice = Literal["plain", "submission"]


class SubmissionForm(FieldForm):
    """Inline-validated dispatch fields, and the copy F9 writes."""

    FIELD_PREFIX = "sub-"
    MESSAGE_PREFIX = "smsg-"

    class Changed(Message):
        """A field changed to a valid value."""

    def __init__(self, answers: Answers) -> None:
        super().__init__(id="submission", classes="pane")
        self.answers = answers
        self.copy: CopyChoice = "plain"

    def _initial(self, key: str) -> str:
        org, dispatch = self.answers.org, self.answers.dispatch
        value: object = getattr(org, key) if key in _ORG_FIELDS else getattr(dispatch, key)
        if isinstance(value, list):
            return "、".join(value)
        if value is None:
            return ""
        return value.isoformat() if hasattr(value, "isoformat") else str(value)

    def compose(self) -> ComposeResult:
        yield Static(_("The 公文 sent up to the county (GB/T 9704 版头 and 版记). The organisation's names are "
                       "kept for next year; the number's year follows the date."), classes="hint")
        with Horizontal(classes="field-row"):
            yield Label(_("F9 generates"), classes="field-label")
            yield Select([(_("Plain copy"), "plain"), (_("Submission copy (版头, seal, 版记)"), "submission")],
                         value=self.copy, allow_blank=False, id="sub-copy", compact=True)
        for key, label, placeholder in FIELDS:
            with Horizontal(classes="field-row"):
                yield Label(_(label), classes="field-label")
                yield Input(self._initial(key), placeholder=_(placeholder), id=f"sub-{key}", compact=True,
                            select_on_focus=False, classes="sub-input")
            message = Static("", id=f"smsg-{key}", classes="field-message")
            message.display = False
            yield message
        with Horizontal(classes="field-row"):
            yield Label(_("紧急程度"), classes="field-label")
            yield Select([(_("none"), ""), ("特急", "特急"), ("加急", "加急")], value=self.answers.dispatch.urgency,
                         allow_blank=False, id="sub-urgency", compact=True)

    @on(Select.Changed, "#sub-copy")
    def _copy(self, event: Select.Changed) -> None:
        if event.value in ("plain", "submission"):
            self.copy = event.value

    @on(Select.Changed, "#sub-urgency")
    def _urgency(self, event: Select.Changed) -> None:
        if event.value in ("", "特急", "加急") and event.value != self.answers.dispatch.urgency:
            self.answers.dispatch.urgency = event.value
            self.post_message(self.Changed())

    def apply(self, key: str, text: str) -> str:
        """Store a valid value and return '', or return the problem and keep the last valid value."""
        text = text.strip()
        value: object = text
        if key in ("issuers", "copy_to"):
            value = split_list(text)
        elif key == "serial":
            if text and not re.fullmatch(r"[1-9]\d{0,5}", text):
                return _("A number such as 3, without leading zeros.")
            value = int(text) if text else None
        elif key == "print_date":
            value, problem = parse_date(text)
            if problem:
                return problem
        target: object = self.answers.org if key in _ORG_FIELDS else self.answers.dispatch
        if getattr(target, key) == value:
            return ""
        try:
            setattr(target, key, value)
        except ValidationError as exc:
            return str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        self.post_message(self.Changed())
        return ""
