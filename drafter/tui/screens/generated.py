"""Tell where the .docx was written and offer to open its folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drafter.i18n import N_, _
from drafter.tui.widgets.footer import Footer


def open_folder(folder: Path) -> bool:
    """Open ``folder`` in the system's file manager; False when there is none (harmless)."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(folder)  # type: ignore[attr-defined,unused-ignore]
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        exe = shutil.which(opener)
        if exe is None:
            return False
        subprocess.Popen([exe, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        return True
    except OSError:
        return False


class GeneratedScreen(ModalScreen[None]):
    """The path of the written document."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_folder", N_("Open folder"), id="generated.open"),
        Binding("escape,enter", "close", N_("Close"), id="generated.close"),
    ]

    def __init__(self, path: Path, warnings: list[str], downloaded: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.path = path
        self.warnings = warnings
        self.downloaded = downloaded
        """In the browser (``drafter serve``) the document was sent as a download: the clerk's computer has it, and
        the folder on the server is not one the browser can open."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "open_folder" and self.downloaded)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.downloaded:
                yield Label(_("The Word document {file} is downloaded: your browser keeps it with its downloads.")
                            .format(file=self.path.name), classes="dialog-title")
                yield Static(_("A copy is also saved beside the report, in {path}").format(path=self.path),
                             id="generated-path", markup=False)
            else:
                yield Label(_("The Word document is written:"), classes="dialog-title")
                yield Static(str(self.path), id="generated-path", markup=False)
            for warning in self.warnings:
                yield Static("⚠ " + warning, classes="warning", markup=False)
            with Horizontal(classes="dialog-buttons"):
                if not self.downloaded:
                    yield Button(_("Open folder (O)"), id="open", variant="primary")
                yield Button(_("Close"), id="close")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#close").focus()

    @on(Button.Pressed, "#open")
    def action_open_folder(self) -> None:
        """Open the folder holding the document."""
        if not open_folder(self.path.parent):
            self.notify(_("No file manager found; the folder is {folder}").format(folder=self.path.parent))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to editing."""
        self.dismiss(None)
