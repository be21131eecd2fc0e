"""The Textual UI: the only part of drafter that imports textual. Build it with :func:`drafter.tui.app.make_app`."""
