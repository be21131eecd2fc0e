"""Running the ``drafter`` command in tests: in this process (the default) or, where the process itself is under
test, as a real one.

:func:`run_drafter` is the one way a test runs a command line. It calls :func:`drafter.cli.main` in this process
with ``args`` and hands back what a :func:`subprocess.run` of ``python -m drafter ARGS`` with ``capture_output=True,
text=True`` would: a :class:`subprocess.CompletedProcess` with ``returncode``, ``stdout`` and ``stderr``. Starting
an interpreter for each command cost a test run minutes; what the clerk meets — argument parsing, the command,
the files it writes, its one-line errors and exit codes — is the same code either way.

What a fresh process would have, each call gets, and gives back after:

- ``env``: the whole environment, as ``subprocess.run(env=...)`` takes it (default: this process's);
  ``os.environ`` is that mapping during the call and is put back afterwards (drafter sets ``LANGUAGE``).
- ``cwd``: the working folder during the call (default: the repository's root).
- the language: :func:`drafter.cli.main` chooses it from ``--lang``, ``DRAFTER_LANG`` and the locale variables
  as at start-up; the language of this process (:mod:`drafter.i18n`) and gettext's domain are restored after.
- stdin is empty and not a terminal, stdout and stderr are UTF-8 text streams that are not terminals either.
- ``sys.exit``/``SystemExit`` (argparse's ``--help`` and usage errors) becomes the exit code; any other exception
  escaping the command becomes exit code 1 with its traceback on stderr, as Python prints it when it ends a process.
- warnings are shown on stderr with Python's default filters, as a process shows them.

:func:`drafter_process` runs a real ``python -m drafter`` with the same arguments, for the tests of the process
itself: start-up time and what it imports, signals and resource limits, a terminal, a pipe closed by its reader,
``drafter serve``.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import subprocess
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

Arg = str | os.PathLike[str]

_PROCESS_WARNING_FILTERS: tuple[tuple[str, type[Warning], str], ...] = (
    ("default", DeprecationWarning, "__main__"),
    ("ignore", DeprecationWarning, ""),
    ("ignore", PendingDeprecationWarning, ""),
    ("ignore", ImportWarning, ""),
    ("ignore", ResourceWarning, ""),
)
"""Python's default warning filters in a process started without -W or PYTHONWARNINGS (pytest adds its own)."""


def run_drafter(*args: Arg, env: Mapping[str, str] | None = None, cwd: Arg | None = None
                ) -> subprocess.CompletedProcess[str]:
    """Run ``drafter ARGS`` in this process, as a fresh ``python -m drafter ARGS`` would run (see the module)."""
    from drafter.cli import main

    argv = [os.fspath(arg) for arg in args]
    stdout, stderr = _text_stream(), _text_stream()
    with _process_state(argv, env, cwd, stdout, stderr):
        try:
            code: object = main(argv)
        except SystemExit as exc:
            code = exc.code
        except Exception:  # a process would print it and end with 1
            traceback.print_exc(file=sys.stderr)
            code = 1
    returncode = _exit_code(code, stderr)
    return subprocess.CompletedProcess(["drafter", *argv], returncode, _read(stdout), _read(stderr))


def drafter_process(*args: Arg, env: Mapping[str, str] | None = None, cwd: Arg | None = None,
                    timeout: float = 120, preexec_fn: Callable[[], None] | None = None
                    ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m drafter ARGS`` as a real process (for tests of the process itself); same arguments as
    :func:`run_drafter`, plus ``preexec_fn`` (run in the child before drafter starts: limits, capabilities)."""
    environment = dict(os.environ if env is None else env)
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "drafter", *(os.fspath(arg) for arg in args)], capture_output=True, text=True,
        env=environment, cwd=ROOT if cwd is None else cwd, timeout=timeout, preexec_fn=preexec_fn,
        stdin=subprocess.DEVNULL,
    )


def _text_stream() -> io.TextIOWrapper:
    """A stream like a process's redirected stdout: UTF-8, strict, line-buffered text over bytes, not a terminal."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n", write_through=True)


def _read(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8")


def _exit_code(code: object, stderr: io.TextIOWrapper) -> int:
    """The exit status of ``sys.exit(code)``: None is 0, an int is itself, anything else is printed and is 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    stderr.write(f"{code}\n")
    return 1


@contextlib.contextmanager
def _process_state(argv: list[str], env: Mapping[str, str] | None, cwd: Arg | None,
                   stdout: io.TextIOWrapper, stderr: io.TextIOWrapper) -> Iterator[None]:
    """This process made to look like a fresh ``drafter`` process for the duration, and put back afterwards."""
    from drafter.i18n import language, set_language

    saved_language = language()  # before the environment is saved: the first call writes LANGUAGE
    saved_environ = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_argv = sys.argv
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_domain = gettext.textdomain()
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
        os.chdir(ROOT if cwd is None else cwd)
        sys.argv = ["drafter", *argv]
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), stdout, stderr
        with warnings.catch_warnings():
            warnings.resetwarnings()
            for action, category, module in reversed(_PROCESS_WARNING_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)  # type: ignore[arg-type]
            warnings.showwarning = _show_warning
            yield  # drafter.cli.main chooses the language from argv and the environment, as at start-up
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        set_language(saved_language)
        os.environ.clear()
        os.environ.update(saved_environ)
        gettext.textdomain(saved_domain)


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: object = None, line: str | None = None) -> None:
    """Print a warning on (the captured) stderr, as a process does; pytest would otherwise collect it."""
    sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))
