"""What drafter serves over HTTP (a shell, like the TUI): the guard every one of its aiohttp apps puts in front."""
