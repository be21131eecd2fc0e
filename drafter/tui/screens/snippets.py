"""Browse and search the snippet library by topic; the chosen snippet arrives with live figures (stored as
references, shown with their current values)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.i18n import N_, _
from drafter.model import Answers
from drafter.pack import Pack
from drafter.snippets import Snippet, SnippetLibrary, live_snippet, render_snippet
from drafter.tui.widgets.footer import Footer


class SnippetScreen(ModalScreen[str | None]):
    """Search box, snippets grouped by topic, and the rendered text of the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"), id="snippets.cancel")]

    def __init__(self, library: SnippetLibrary, answers: Answers, pack: Pack, section: str | None) -> None:
        super().__init__(classes="dialog-screen")
        self.library = library
        self.answers = answers
        self.pack = pack
        self.section = section
        self.shown: list[Snippet] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(_("Insert a snippet — type to search, Enter inserts, Esc cancels"), classes="dialog-title")
            yield Input(placeholder=_("Search (topic or words)"), id="snippet-search")
            with Horizontal(classes="snippet-body"):
                yield OptionList(id="snippet-list")
                with VerticalScroll(classes="snippet-preview"):
                    yield Static("", id="snippet-text", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from drafter import pinyin

        self._fill("")
        self.query_one("#snippet-search").focus()
        # a search typed on a Latin keyboard reads the titles' pinyin: its dictionaries load meanwhile, off the UI
        self.run_worker(pinyin.load, thread=True, group="pinyin")

    def _fill(self, query: str) -> None:
        found = self.library.search(query)
        # snippets for the part being edited come first, still grouped by topic
        order = {topic: index for index, topic in enumerate(self.library.topics())}
        found.sort(key=lambda s: (s.section != self.section, order[s.topic]))
        self.shown = found
        options = self.query_one("#snippet-list", OptionList)
        options.clear_options()
        rows: list[Option] = []
        topic = None
        for snippet in found:
            if snippet.topic != topic:
                topic = snippet.topic
                rows.append(Option(Text(topic, style="bold"), disabled=True))
            rows.append(Option("  " + snippet.title, id=snippet.id))
        options.add_options(rows)
        if found:
            options.highlighted = 1
            self._show(found[0])
        else:
            self.query_one("#snippet-text", Static).update(_("Nothing found."))

    def _show(self, snippet: Snippet) -> None:
        self.query_one("#snippet-text", Static).update(render_snippet(snippet, self.answers, self.pack))

    @on(Input.Changed, "#snippet-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#snippet-search")
    def _submit_search(self) -> None:
        options = self.query_one("#snippet-list", OptionList)
        if options.highlighted is not None and self.shown:
            option = options.get_option_at_index(options.highlighted)
            if option.id:
                self._insert(self.library.get(option.id))

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if isinstance(event, Key) and event.key in ("down", "up") and self.query_one("#snippet-search").has_focus:
            options = self.query_one("#snippet-list", OptionList)
            if event.key == "down":
                options.action_cursor_down()
            else:
                options.action_cursor_up()
            event.stop()

    @on(OptionList.OptionHighlighted, "#snippet-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(self.library.get(event.option.id))

    @on(OptionList.OptionSelected, "#snippet-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._insert(self.library.get(event.option.id))

    def _insert(self, snippet: Snippet) -> None:
        self.dismiss(live_snippet(snippet, self.answers, self.pack))

    def action_cancel(self) -> None:
        """Close without inserting."""
        self.dismiss(None)
