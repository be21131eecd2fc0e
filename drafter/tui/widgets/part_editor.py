"""The editor of one mandated part: its items (numbered as generated), each item's heading and paragraphs.

Paragraph text is edited in a TextArea as **one paragraph per line** (soft-wrapped on screen). Chinese
paragraphs are single long lines in the source, so a line is the natural unit: Enter starts a new paragraph,
blank lines are ignored. A line that is unchanged keeps its provenance (carried/imported text stays marked
unreviewed until edited or confirmed); an edited line becomes typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input, Label, ListItem, ListView, Static, TextArea

from drafter.compose import outline_number
from drafter.i18n import _
from drafter.model import Answers, Item, Paragraph, Provenance, Section
from drafter.pack import SectionSpec


def paragraphs_to_text(paragraphs: list[Paragraph]) -> str:
    """The TextArea text of ``paragraphs``: one per line."""
    return "\n".join(p.text for p in paragraphs)


def text_to_paragraphs(text: str, old: list[Paragraph]) -> list[Paragraph]:
    """Paragraphs from TextArea text; an unchanged line keeps its old provenance, an edited one is typed."""
    known = {p.text.strip(): p.provenance for p in old}
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.append(Paragraph(text=line, provenance=known.get(line, Provenance.TYPED)))
    return out


def item_label(section: Section, index: int) -> str:
    """The list label of entry ``index`` (0 is the part's opening paragraphs, then the items)."""
    if index == 0:
        return _("Opening paragraphs")
    number = 0
    for position, item in enumerate(section.items):
        if item.heading.strip():
            number += 1
        if position == index - 1:
            if item.heading.strip():
                return f"{outline_number(2, number)}{item.heading.strip()}"
            return _("(paragraphs without heading)")
    return ""


class ItemsList(ListView):
    """The part's entries; removing and moving items are keys of this list (shown while it has focus)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r,delete", "remove_item", _("Remove"), id="part.remove_item"),
        Binding("alt+up", "move_item(-1)", _("Up"), id="part.move_up"),
        Binding("alt+down", "move_item(1)", _("Down"), id="part.move_down"),
    ]

    def _editor(self) -> PartEditor:
        return next(a for a in self.ancestors if isinstance(a, PartEditor))

    def action_remove_item(self) -> None:
        """Remove the highlighted item."""
        self._editor().action_remove_item()

    def action_move_item(self, step: int) -> None:
        """Move the highlighted item."""
        self._editor().action_move_item(step)


class PartEditor(Widget):
    """Items list on the left, the chosen item's heading and paragraphs on the right, guidance above."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "add_item", _("New item"), id="part.add_item"),
        Binding("f8", "confirm_text", _("Confirm"), id="part.confirm"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confirm_text":  # only offered while there is carried or imported text to confirm
            return self.is_mounted and any(p.needs_review for p in self._paragraphs(self.current))
        return True

    class Changed(Message):
        """The part's text, items or their order changed."""

        def __init__(self, editor: PartEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, spec: SectionSpec, answers: Answers, previous: Answers | None, **kwargs: object) -> None:
        super().__init__(id=f"part-{spec.key}", classes="pane")
        self.spec = spec
        self.answers = answers
        self.previous = previous
        self.current = 0
        self._text_dirty = False
        self._loading = False
        self._loaded_text = ""

    # ---- model helpers -------------------------------------------------------------------------------
    @property
    def section(self) -> Section:
        """The part being edited, created empty on first use."""
        section = self.answers.sections.get(self.spec.key)
        if section is None:
            section = Section()
            setattr(self.answers.sections, self.spec.key, section)
        return section

    def _paragraphs(self, index: int) -> list[Paragraph]:
        if index == 0:
            return self.section.intro
        return self.section.items[index - 1].paragraphs

    def _set_paragraphs(self, index: int, paragraphs: list[Paragraph]) -> None:
        if index == 0:
            self.section.intro = paragraphs
        else:
            self.section.items[index - 1].paragraphs = paragraphs

    # ---- layout -----------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="guidance"):
            yield Static(f"[b]{self.spec.label}[/b] — {self.spec.prompt}", classes="prompt", markup=True)
            yield Static(" ".join(self.spec.guidance.split()), classes="guidance-text", markup=False)
        with Horizontal(classes="part-body"):
            with Vertical(classes="items-column"):
                yield Label(_("Items"), classes="column-title")
                yield ItemsList(id="items")
                with Horizontal(classes="item-buttons"):
                    yield Button("+", id="add-item", tooltip=_("New item (Ctrl+N)"))
                    yield Button("−", id="remove-item", tooltip=_("Remove item (Ctrl+R)"))
                    yield Button("↑", id="item-up", tooltip=_("Move up (Alt+Up)"))
                    yield Button("↓", id="item-down", tooltip=_("Move down (Alt+Down)"))
            with Vertical(classes="editor-column"):
                yield Input(placeholder=_("Item heading (the number is added for you)"), id="heading")
                yield Label("", id="review-note", classes="review-note")
                yield TextArea(id="body", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
                yield Label(_("One paragraph per line. Enter starts a new paragraph."), classes="hint")
        previous = self._previous_text()
        if previous:
            with VerticalScroll(classes="last-year"):
                yield Static(previous, markup=False)

    def _previous_text(self) -> str:
        if self.previous is None:
            return ""
        section = self.previous.sections.get(self.spec.key)
        if section is None or section.is_empty():
            return ""
        lines = [_("Last year ({year}):").format(year=self.previous.year)]
        lines += [p.text for p in section.intro]
        number = 0
        for item in section.items:
            if item.heading.strip():
                number += 1
                lines.append(f"{outline_number(2, number)}{item.heading}")
            lines += [p.text for p in item.all_paragraphs()]
        return "\n".join(lines)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # mouse shortcuts; the keys are in the footer, Tab stays short
        # start on the first item when the part has items but no opening paragraphs
        self.current = 1 if not self.section.intro and self.section.items else 0
        self._rebuild_list()
        self._load(self.current)

    # ---- list and loading ---------------------------------------------------------------------------
    def _rebuild_list(self) -> None:
        items = self.query_one("#items", ListView)
        items.clear()
        for index in range(len(self.section.items) + 1):
            items.append(ListItem(Label(item_label(self.section, index), markup=False)))
        items.index = self.current

    def _refresh_labels(self) -> None:
        items = self.query_one("#items", ListView)
        for index, child in enumerate(items.children):
            child.query_one(Label).update(item_label(self.section, index))

    def _load(self, index: int) -> None:
        self.flush()
        self.current = index
        self._loading = True
        heading = self.query_one("#heading", Input)
        if index == 0:
            heading.value = ""
            heading.disabled = True
            heading.placeholder = _("Opening paragraphs of the part (no heading)")
        else:
            item = self.section.items[index - 1]
            heading.disabled = False
            heading.placeholder = _("Item heading (the number is added for you)")
            heading.value = item.heading
        body = self.query_one("#body", TextArea)
        self._loaded_text = paragraphs_to_text(self._paragraphs(index))
        body.load_text(self._loaded_text)
        self._loading = False
        self._text_dirty = False
        self._update_review_note()

    def _update_review_note(self) -> None:
        unreviewed = sum(1 for p in self._paragraphs(self.current) if p.needs_review)
        note = self.query_one("#review-note", Label)
        if unreviewed:
            note.update(_("{n} paragraph(s) carried or imported, not yet reviewed — edit them or press F8 to confirm")
                        .format(n=unreviewed))
            note.display = True
        else:
            note.display = False
        self.refresh_bindings()

    def reload(self) -> None:
        """Show the answers again after they were changed from outside (fixes); nothing typed is pending."""
        self._text_dirty = False
        self._rebuild_list()
        self._load(min(self.current, len(self.section.items)))

    def flush(self) -> bool:
        """Move the TextArea's text into the answers; True when something changed."""
        if not self._text_dirty or not self.is_mounted:
            return False
        self._text_dirty = False
        text = self.query_one("#body", TextArea).text
        old = self._paragraphs(self.current)
        new = text_to_paragraphs(text, old)
        if [(p.text, p.provenance) for p in new] == [(p.text, p.provenance) for p in old]:
            return False
        self._set_paragraphs(self.current, new)
        self._update_review_note()
        return True

    def _changed(self) -> None:
        self.post_message(self.Changed(self))

    # ---- events ----------------------------------------------------------------------------------------
    @on(ListView.Highlighted, "#items")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        index = event.list_view.index
        if index is not None and index != self.current and not self._loading:
            self._load(index)

    @on(ListView.Selected, "#items")
    def _selected(self, event: ListView.Selected) -> None:
        target = "#body" if self.current == 0 else "#heading"
        self.query_one(target).focus()

    @on(TextArea.Changed, "#body")
    def _body_changed(self, event: TextArea.Changed) -> None:
        # load_text() announces a change too, after the fact: only a text that differs from the loaded one counts
        if not self._loading and (self._text_dirty or event.text_area.text != self._loaded_text):
            self._text_dirty = True
            self._changed()

    @on(Input.Changed, "#heading")
    def _heading_changed(self, event: Input.Changed) -> None:
        if self._loading or self.current == 0:
            return
        item = self.section.items[self.current - 1]
        if item.heading != event.value:
            item.heading = event.value
            item.provenance = Provenance.TYPED
            self._refresh_labels()
            self._changed()

    @on(Input.Submitted, "#heading")
    def _heading_done(self) -> None:
        self.query_one("#body").focus()

    @on(Button.Pressed, "#add-item")
    def _add_pressed(self) -> None:
        self.action_add_item()

    @on(Button.Pressed, "#remove-item")
    def _remove_pressed(self) -> None:
        self.action_remove_item()

    @on(Button.Pressed, "#item-up")
    def _up_pressed(self) -> None:
        self.action_move_item(-1)

    @on(Button.Pressed, "#item-down")
    def _down_pressed(self) -> None:
        self.action_move_item(1)

    # ---- actions -----------------------------------------------------------------------------------------
    def action_add_item(self) -> None:
        """Add an empty item after the current one and start typing its heading."""
        self.flush()
        position = self.current  # new item goes right after the current entry
        self.section.items.insert(position, Item())
        self.current = position + 1
        self._rebuild_list()
        self._load(self.current)
        self.query_one("#heading", Input).focus()
        self._changed()

    def action_remove_item(self) -> None:
        """Remove the current item (asks first when it holds text)."""
        if self.current == 0:
            self.notify(_("The opening paragraphs cannot be removed; clear their text instead."))
            return
        self.flush()
        item = self.section.items[self.current - 1]
        if item.heading.strip() or item.all_paragraphs():
            from drafter.tui.screens.confirm import ConfirmScreen

            question = _("Remove the item “{heading}” and its text?").format(heading=item.heading or "…")

            def done(yes: bool | None) -> None:
                if yes:
                    self._remove(self.current)

            self.app.push_screen(ConfirmScreen(question), done)
        else:
            self._remove(self.current)

    def _remove(self, index: int) -> None:
        del self.section.items[index - 1]
        self.current = min(index, len(self.section.items))
        self._rebuild_list()
        self._load(self.current)
        self._changed()

    def action_move_item(self, step: int) -> None:
        """Move the current item up (-1) or down (+1); the numbering follows."""
        if self.current == 0:
            return
        self.flush()
        items = self.section.items
        old = self.current - 1
        new = old + step
        if not 0 <= new < len(items):
            return
        items[old], items[new] = items[new], items[old]
        self.current = new + 1
        self._rebuild_list()
        self._load(self.current)
        self._changed()

    def action_confirm_text(self) -> None:
        """Mark the current entry's carried or imported paragraphs as reviewed (typed)."""
        self.flush()
        paragraphs = self._paragraphs(self.current)
        changed = False
        for para in paragraphs:
            if para.needs_review:
                para.provenance = Provenance.TYPED
                changed = True
        if self.current > 0 and self.section.items[self.current - 1].provenance is not Provenance.TYPED:
            self.section.items[self.current - 1].provenance = Provenance.TYPED
            changed = True
        self._update_review_note()
        if changed:
            self.notify(_("Text confirmed as reviewed."))
            self._changed()

    def insert_text(self, text: str) -> None:
        """Insert ``text`` at the cursor of the paragraph editor (as its own paragraph when the line has text)."""
        body = self.query_one("#body", TextArea)
        row, column = body.cursor_location
        line = body.document.get_line(row)
        if line.strip() and column > 0:
            text = "\n" + text
        body.insert(text)
        body.focus()

    def focus_path(self, path: tuple[int, ...]) -> None:
        """Show the entry a finding or block path points at: ``(-1, n)`` intro, ``(i, …)`` item ``i``."""
        index = 0 if not path or path[0] < 0 else path[0] + 1
        if index <= len(self.section.items):
            self.query_one("#items", ListView).index = index
            self._load(index)
        self.query_one("#body").focus()
