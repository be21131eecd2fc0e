"""Property test of the command line (hypothesis): whatever answers document a clerk's worst day produces — deep
nesting, huge texts, broken characters, 100+ items, wrong types anywhere — validate, render and check end with
exit 0, 1 or 2, never a traceback, and never change the answers file (issue 18).

Each example runs the three commands through :func:`drafter.cli.main` in this process, as ``python -m drafter``
runs them (tests.cli_helpers.run_drafter: fresh language, empty stdin, exit codes, a traceback as a process prints
it), so an example costs no interpreter start.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter.store import MAX_TEXT_CHARS
from tests.cli_helpers import run_drafter
from tests.factories import answers_dict

from .conftest import DATA

DEEP = "__DEEP__"
"""Stands in the JSON for a nesting too deep to build as Python objects (json.dumps itself would recurse)."""

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
text_chars = st.one_of(CJK, CJK, st.characters(min_codepoint=0x20, max_codepoint=0x7E), SURROGATE,
                       st.sampled_from(["\x00", "\x0b", "👍", "𠀀", "\u200b"]))
small_text = st.text(text_chars, max_size=20)
huge_text = st.sampled_from([MAX_TEXT_CHARS - 10, MAX_TEXT_CHARS + 1]).map(lambda n: "法" * n)
texts = st.one_of(small_text, small_text, small_text, small_text, small_text, huge_text)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | small_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(small_text, inner, max_size=3),
    max_leaves=6,
)
FIELDS: list[tuple[str, ...]] = [
    ("year",), ("date",), ("org", "name"), ("org", "signatories"), ("title_form",), ("figures",), ("pack",),
    ("schema_version",), ("opening",), ("sections", "problems"), ("sections", "plan", "items"),
    ("figures", "committee_study_sessions", "value"),
]


def _chain(depth: int, text: str) -> dict[str, Any]:
    """An item with sub-items ``depth`` levels deep."""
    item: dict[str, Any] = {"heading": "最深的一项", "paragraphs": [{"text": text}]}
    for level in range(depth):
        item = {"heading": f"第{level}层", "items": [item]}
    return item


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target: Any = data
    for key in path[:-1]:
        if not isinstance(target, dict) or not isinstance(target.get(key), dict):
            return
        target = target[key]
    target[path[-1]] = value


@st.composite
def documents(draw: st.DrawFn) -> str:
    """The text of an answers file: mostly a real report, bent in a few drawn ways."""
    data = answers_dict()
    count = draw(st.sampled_from([0, 2, 99, 100, 101, 130]))
    first, other = draw(texts), draw(small_text)
    items = [{"heading": f"第{n}项举措", "paragraphs": [{"text": other}]} for n in range(1, count + 1)]
    if items:
        items[0]["paragraphs"].append({"text": first})
    items.append(_chain(draw(st.integers(0, 40)), draw(small_text)))
    data["sections"]["measures"]["items"] = items
    for path, value in draw(st.lists(st.tuples(st.sampled_from(FIELDS), json_values), max_size=2)):
        _set(data, path, value)
    deep = draw(st.sampled_from([0, 0, 0, 70, 5_000, 60_000]))
    if deep:
        data["sections"]["other"] = DEEP
    text = json.dumps(data, ensure_ascii=True)  # a lone surrogate can only be written as a \\u escape
    return text.replace(json.dumps(DEEP), "[" * deep + "]" * deep)


def _run(answers: Path, out: Path) -> list[subprocess.CompletedProcess[str]]:
    return [
        run_drafter("--lang", "en", "validate", answers),
        run_drafter("--lang", "en", "render", answers, "-o", out),
        run_drafter("--lang", "en", "check", answers),
    ]


def _example(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents())
@example(_example("answers-deeply-nested.json"))
@example(_example("answers-lone-surrogate.json"))
@example(_example("answers-120-items.json"))
def test_validate_render_check_never_crash_and_never_touch_the_answers(document: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.json"
        answers.write_text(document, encoding="utf-8")
        before = answers.read_bytes()
        results = _run(answers, Path(folder) / "out.docx")
        stderr = "".join(result.stderr for result in results)
        assert "Traceback" not in stderr, stderr[-3000:]
        validate, render, check = (result.returncode for result in results)
        assert validate in (0, 2) and render in (0, 2) and check in (0, 1, 2), (validate, render, check, stderr[-2000:])
        assert (validate == 0) == (render == 0), stderr[-2000:]  # what validates renders, and only that
        assert answers.read_bytes() == before
