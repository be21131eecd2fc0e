"""The Jinja sandbox packs and snippets render in: an immutable sandboxed environment with ``StrictUndefined``,
and limits on time, output size and amplification, so a hostile template cannot hang or flood drafter."""

from __future__ import annotations

import functools
import re
import sys
import threading
import time
import types
from collections.abc import Callable, Collection, MutableMapping
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import (
    Environment,
    StrictUndefined,
    Template,
    TemplateError,
    meta,
    nodes,
)
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.errors import PackError
from drafter.i18n import _

MAX_OUTPUT_CHARS = 100_000
"""Most characters one render of a wording template may produce."""
MAX_RENDER_SECONDS = 1.0
"""Longest one render of a wording template may run."""
MAX_VALUE_CHARS = 1_000_000
"""Longest string or list a template expression may build (``'x' * n``, ``'x'|center(n)`` …)."""
MAX_NUMBER_ARGUMENT = 100_000
"""Largest number a template may pass to a function or filter (widths, counts, repeats)."""
MAX_RANGE = 10_000
"""Most items ``range()`` may produce in a template."""
MAX_EXPONENT = 64
"""Largest exponent of ``**`` in a template."""

_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(?:\d{6,}|\*)|\{[^{}]*:[^{}]*\d{6,}[^{}]*\}")
"""A ``%``-format or ``str.format`` field whose width or precision has six digits or more."""

_BUDGET = threading.local()


class TemplateLimitError(SecurityError):
    """A template ran too long, produced too much, or asked for a value too large."""


class _Budget:
    """The time left to one render, checked every few steps."""

    __slots__ = ("deadline", "steps")

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.steps = 0

    def tick(self) -> None:
        self.steps += 1
        if self.steps & 0x3F == 0 and time.monotonic() > self.deadline:
            raise TemplateLimitError(
                _("the template ran longer than {seconds} s").format(seconds=MAX_RENDER_SECONDS)
            )


def _tick() -> None:
    budget: _Budget | None = getattr(_BUDGET, "current", None)
    if budget is not None:
        budget.tick()


def _size(value: Any, limit: int = MAX_VALUE_CHARS) -> int:
    """Roughly how many characters ``str(value)`` would have; stops counting once past ``limit``."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, bool) or value is None:
        return 5
    if isinstance(value, int):
        return value.bit_length() // 3 + 1
    if isinstance(value, list | tuple | set | frozenset | dict):
        total = 2
        for item in value.items() if isinstance(value, dict) else value:
            total += _size(item, limit - total) + 2
            if total > limit:
                return total
        return total
    return 32


def _too_long() -> TemplateLimitError:
    return TemplateLimitError(_("the template built a value longer than {limit}").format(limit=MAX_VALUE_CHARS))


def _check_value(value: Any) -> Any:
    if _size(value) > MAX_VALUE_CHARS:
        raise _too_long()
    return value


def _check_amplification(name: str, value: Any, args: tuple[Any, ...]) -> None:
    """Refuse the string operations whose result can be far longer than their inputs, before they run."""
    estimate = 0
    if name == "join" and isinstance(value, str):  # str.join: the value is the separator, args[0] the items
        items = list(args[0]) if args and isinstance(args[0], list | tuple | str) else []
        estimate = _size(items) + len(items) * len(value)
    elif name == "do_join":  # the join filter: the value holds the items, args[0] is the separator
        items = list(value) if isinstance(value, list | tuple | set | dict | str) else []
        estimate = _size(items) + len(items) * _size(args[0] if args else "")
    elif name in ("replace", "do_replace") and isinstance(value, str) and len(args) >= 2:
        old, new = str(args[0]), args[1]
        estimate = len(value) + (value.count(old) if old else len(value) + 1) * _size(new)
    elif name == "do_indent" and isinstance(value, str):
        width = args[0] if args else 4
        estimate = len(value) + (value.count("\n") + 1) * (width if isinstance(width, int) else _size(width))
    elif name == "expandtabs" and isinstance(value, str):
        size = args[0] if args and isinstance(args[0], int) else 8
        estimate = len(value) + value.count("\t") * size
    elif name in ("format", "do_format", "%") and isinstance(value, str):
        fields = value.count("{") + value.count("%")
        estimate = len(value) + fields * max((_size(a) for a in args), default=0)
    if estimate > MAX_VALUE_CHARS:
        raise _too_long()


def _check_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT:
            raise TemplateLimitError(
                _("the template passed the number {value}, more than the limit {limit}").format(
                    value=value, limit=MAX_NUMBER_ARGUMENT
                )
            )
        if isinstance(value, str) and _FORMAT_WIDTH.search(value):
            raise TemplateLimitError(_("the template asked for a format width that is too large"))


def _capped_range(*args: int) -> range:
    _check_arguments(args, {})
    result = range(*args)
    if len(result) > MAX_RANGE:
        raise TemplateLimitError(_("range() in a template may give at most {limit} numbers").format(limit=MAX_RANGE))
    return result


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its extra arguments and its result checked against the limits."""

    is_format = func.__name__ == "do_format"

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        # Arguments: [context | environment | eval context], the filtered value, then the filter's own arguments.
        value_at = 1 if args and isinstance(args[0], Context | Environment | EvalContext) else 0
        _check_arguments(args[value_at + 1 :], kwargs)
        if is_format:
            _check_arguments(args[value_at : value_at + 1], {})
        if len(args) > value_at:
            _check_amplification(func.__name__, args[value_at], (*args[value_at + 1 :], *kwargs.values()))
        return _check_value(func(*args, **kwargs))

    return guarded


def _guarded_join(join: Callable[[Any], str]) -> Callable[[Any], str]:
    def guarded(seq: Any) -> str:
        _tick()
        items = list(seq)
        if _size(items) > MAX_VALUE_CHARS:
            raise _too_long()
        return join(items)

    return guarded


class _PackTemplate(Template):
    """A compiled template whose ``~`` concatenations are size-checked too (they bypass the sandbox's hooks)."""

    @classmethod
    def _from_namespace(
        cls, environment: Environment, namespace: MutableMapping[str, Any], globals: MutableMapping[str, Any]
    ) -> Template:
        for name in ("str_join", "markup_join"):
            if name in namespace:
                namespace[name] = _guarded_join(namespace[name])
        return super()._from_namespace(environment, namespace, globals)


class PackSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with limits: a template cannot reach Python internals, build huge values, or run
    unbounded. Time is enforced by :func:`render_template` (a per-render deadline checked on every template line,
    call, attribute access and operator)."""

    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, **options: Any) -> None:
        options.setdefault("finalize", _check_value)
        super().__init__(**options)
        self.template_class = _PackTemplate
        self.globals = {
            "range": _capped_range,
            "dict": dict,
            "namespace": self.globals["namespace"],
            "lipsum": self.globals["lipsum"],
        }
        self.filters = {name: _guard_filter(func) for name, func in self.filters.items()}

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if _size(seq) and isinstance(count, int) and _size(seq) * count > MAX_VALUE_CHARS:
                    raise TemplateLimitError(
                        _("the template built a value longer than {limit}").format(limit=MAX_VALUE_CHARS)
                    )
        elif operator == "**":
            too_big = isinstance(right, int | float) and abs(right) > MAX_EXPONENT
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() * abs(right) > 10_000:
                too_big = True
            if too_big:
                raise TemplateLimitError(_("the template raised a number to too high a power"))
        elif operator == "%" and isinstance(left, str):
            values = right if isinstance(right, tuple) else (right,)
            _check_arguments((left, *values), {})
            _check_amplification("%", left, values)
        elif operator == "+" and _size(left) + _size(right) > MAX_VALUE_CHARS:
            raise _too_long()
        return _check_value(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        pattern: str = value.__self__
        _check_arguments((pattern,), {})

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_amplification("format", pattern, (*args, *kwargs.values()))
            return wrapped(*args, **kwargs)

        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _tick()
        _check_arguments(args, kwargs)
        owner = getattr(__obj, "__self__", None)
        if isinstance(__obj, types.BuiltinMethodType | types.MethodType) and isinstance(owner, str):
            _check_arguments((owner,), {})
            _check_amplification(__obj.__name__, owner, (*args, *kwargs.values()))
        return _check_value(super().call(__context, __obj, *args, **kwargs))


def make_environment(loader: Any) -> PackSandbox:
    """A sandboxed Jinja environment: no attribute access to Python internals, undefined names are errors,
    values, output and time are capped (see :class:`PackSandbox` and :func:`render_template`)."""
    return PackSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def undeclared_variables(ast: nodes.Template, known: Collection[str]) -> list[tuple[str, int]]:
    """Names a template reads that are not in ``known`` and that it does not set itself (Jinja's own analysis,
    :func:`jinja2.meta.find_undeclared_variables`), each with the line where it is first read, in template order."""
    unknown = meta.find_undeclared_variables(ast) - set(known)
    first: dict[str, int] = {}
    for node in ast.find_all(nodes.Name):
        if node.name in unknown and node.ctx == "load":
            first[node.name] = min(node.lineno, first.get(node.name, node.lineno))
    return sorted(first.items(), key=lambda item: (item[1], item[0]))


def _trace_templates(frame: FrameType, event: str, arg: Any) -> Any:
    """sys.settrace hook: step the render budget on every line of compiled template code."""
    filename = frame.f_code.co_filename
    if filename == "<template>" or filename.endswith(".j2"):
        return _trace_lines
    return None


def _trace_lines(frame: FrameType, event: str, arg: Any) -> Any:
    if event == "line":
        _tick()
    return _trace_lines


def render_template(template: Template, context: dict[str, Any], source: Path | str) -> str:
    """Render ``template`` within the limits: at most :data:`MAX_OUTPUT_CHARS` characters and
    :data:`MAX_RENDER_SECONDS` seconds. Every failure, including a template that breaks a limit or the sandbox,
    is a :class:`PackError` naming ``source``."""
    budget = _Budget(MAX_RENDER_SECONDS)
    previous_budget = getattr(_BUDGET, "current", None)
    previous_trace = sys.gettrace()
    _BUDGET.current = budget
    sys.settrace(_trace_templates)
    chunks: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimitError(
                    _("the template produced more than {limit} characters").format(limit=MAX_OUTPUT_CHARS)
                )
            chunks.append(chunk)
    except SecurityError as exc:
        raise PackError(_("not allowed in a template: {reason}").format(reason=exc), source, _line(exc)) from None
    except TemplateError as exc:
        raise PackError(str(exc), source, _line(exc)) from None
    except RecursionError:
        raise PackError(_("the template calls itself without end"), source) from None
    except Exception as exc:  # a template is foreign code: any failure inside it is the pack's problem
        raise PackError(f"{type(exc).__name__}: {exc}", source, _line(exc)) from None
    finally:
        sys.settrace(previous_trace)
        _BUDGET.current = previous_budget
    return "".join(chunks)


def _line(exc: BaseException) -> int | None:
    """The template line an exception came from, when the traceback reaches template code."""
    tb = exc.__traceback__
    line: int | None = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == "<template>" or code.co_filename.endswith(".j2"):
            debug = tb.tb_frame.f_globals.get("__jinja_template__")
            # Jinja rewrites tracebacks so that template frames carry the template's own line numbers.
            line = debug.get_corresponding_lineno(tb.tb_lineno) if debug is not None else tb.tb_lineno
        tb = tb.tb_next
    return line


