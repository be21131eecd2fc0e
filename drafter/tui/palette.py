"""Command palette entries for the main actions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from drafter.i18n import _

if TYPE_CHECKING:
    from drafter.pinyin import PinyinKey


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
        commands = self._commands()
        # Textual's own provider lists the system commands (帮助, 配色, 退出) whose titles match; those found through
        # their pinyin alone are listed here
        system = [(c.title, c.help, c.callback) for c in self.app.get_system_commands(self.screen)]
        system_matched = [matcher.match(title) > 0 for title, _help, _callback in system]
        by_title = any(system_matched)
        candidates = commands + [command for command, matched in zip(system, system_matched, strict=True)
                                 if not matched]
        if query.isascii() and any(not title.isascii() for title, _help, _callback in candidates):
            # typed on a Latin keyboard: the Chinese titles are matched through their pinyin too, read in a thread
            # (the first search loads pypinyin's dictionaries)
            from drafter.pinyin import pinyin_keys

            keys: list[Sequence[PinyinKey]] = await asyncio.to_thread(
                lambda: [pinyin_keys(title) for title, _help, _callback in candidates])
        else:
            keys = [() for _command in candidates]
        found = False
        for (title, help_text, callback), title_keys in zip(candidates, keys, strict=True):
            score, offsets = _best_match(matcher, title, title_keys)
            if score > 0:
                found = True
                yield Hit(score, _highlighted(matcher, title, offsets), callback, help=help_text)
        if not found and not by_title:
            # in the clerk's language (Textual's own line is English only); choosing it does nothing
            yield Hit(1, _("No matches found"), _nothing, help=_("Esc closes the list of commands"))


def _best_match(matcher: Matcher, title: str, keys: Sequence[PinyinKey]) -> tuple[float, list[int]]:
    """The best of the query's fuzzy matches on ``title`` and on its pinyin ``keys``: its score and the characters
    of ``title`` it matched (those a key's letters spell when it matched through pinyin)."""
    score, offsets = matcher.fuzzy_search.match(matcher.query, title)
    best = (score, list(offsets))
    for key in keys:
        score, offsets = matcher.fuzzy_search.match(matcher.query, key.text)
        if score > best[0]:
            best = (score, key.source_offsets(offsets))
    return best


def _highlighted(matcher: Matcher, title: str, offsets: list[int]) -> Content:
    """``title`` with the characters at ``offsets`` in the matcher's style."""
    content = Content(title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _nothing() -> None:
    """What choosing the line that says nothing matched does."""
