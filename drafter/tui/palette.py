"""Command palette entries for the main actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from drafter.i18n import _


class DrafterCommands(Provider):
    """Main actions of the screen on show: next/previous part, snippets, preview, generate, reports."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from drafter.tui.screens.editor import EditorScreen
        from drafter.tui.screens.start import StartScreen

        screen = self.screen
        if isinstance(screen, EditorScreen):
            out: list[tuple[str, str, Callable[[], object]]] = [
                (_("Next part"), _("Go to the next step (F3)"), screen.action_next_step),
                (_("Previous part"), _("Go to the previous step (F2)"), screen.action_previous_step),
                (_("Insert snippet"), _("Insert reusable text with the current figures (F4)"),
                 screen.action_snippets),
                (_("Preview report"), _("Show the composed report (F5)"), screen.action_preview),
                (_("Generate Word document"), _("Write the .docx beside the answers file (F9)"),
                 screen.action_generate),
                (_("Back to reports"), _("Save and show the workspace's reports (Esc)"), screen.action_close),
            ]
            for index, step in enumerate(screen.steps):
                out.append((_("Go to: {step}").format(step=step.label), _("Show this step"),
                            partial(screen.show_step, index, True)))
            return out
        if isinstance(screen, StartScreen):
            return [
                (_("New report"), _("Create this year's report (N)"), screen.action_new),
                (_("From last year"), _("Start from last year's report (L)"), screen.action_from_last_year),
                (_("Import Word file"), _("Import a .docx or .txt report (I)"), screen.action_import_file),
            ]
        return []

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
