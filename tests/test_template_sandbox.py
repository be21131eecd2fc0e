"""Templates are other people's code: hostile wording templates in an office pack folder are stopped with a
PackError naming the file — at load time where the template itself shows the problem, at render time otherwise —
and never run unbounded (time, output and value size are capped)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from drafter.compose import compose
from drafter.errors import PackError
from drafter.pack import MAX_OUTPUT_CHARS, MAX_RENDER_SECONDS, load_pack, make_environment, render_template
from tests.factories import make_answers

LOAD_TIME: dict[str, tuple[str, str]] = {
    "class of a dict": ("{{ org.__class__ }}", "Python internals"),
    "mro of a string": ("{{ ''.__class__.__mro__ }}", "Python internals"),
    "globals via cycler": ("{{ cycler.__init__.__globals__ }}", "Python internals"),
    "internals by key": ("{{ org['__class__'] }}", "Python internals"),
    "internals by attr filter": ("{{ org|attr('__class__') }}", "Python internals"),
    "absolute include": ("{% include '/etc/passwd' %}", "files of its own pack"),
    "parent include": ("{% include '../pack.toml' %}", "files of its own pack"),
    "parent import": ("{% from '../../x.j2' import m %}", "files of its own pack"),
    "computed include": ("{% include org.name %}", "named in the template itself"),
    "cycler is not offered": ("{{ cycler }}", "unknown variable 'cycler'"),
}

RENDER_TIME: dict[str, tuple[str, str]] = {
    "computed attribute name": ("{% set a = '_' ~ '_class__' %}{{ org|attr(a) }}", "unsafe"),
    "computed key": ("{% set k = '__cla' ~ 'ss__' %}{{ org[k] }}", "unsafe"),
    "huge range": ("{% for i in range(10**9) %}x{% endfor %}", "more than the limit"),
    "nested loops": ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "longer than"),
    "loop over a long string": (
        "{% for i in range(10000) %}{% for c in 'x' * 1000000 %}{% endfor %}{% endfor %}", "longer than"),
    "string multiplication": ("{{ 'x' * 10**9 }}", "longer than 1000000"),
    "centre filter": ("{{ 'x'|center(10**9) }}", "more than the limit"),
    "format filter width": ("{{ '%999999999s'|format('x') }}", "format width"),
    "percent width": ("{{ '%999999999s' % 'x' }}", "format width"),
    "str.format width": ("{{ '{:>999999999}'.format('x') }}", "format width"),
    "str.format fan-out": ("{% set s = 'x' * 100000 %}{{ ('{0}' * 10000).format(s) }}", "longer than"),
    "doubling by ~": (
        "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "longer than"),
    "doubling by +": (
        "{% set ns = namespace(s='x') %}{% for i in range(100) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
        "longer than"),
    "join fan-out": ("{% set s = 'x' * 1000000 %}{{ ([s] * 100000)|join }}", "longer than"),
    "str.join fan-out": ("{% set s = 'x' * 1000000 %}{{ ','.join([s] * 100000) }}", "longer than"),
    "replace fan-out": ("{% set s = 'x' * 1000000 %}{{ s|replace('x', s) }}", "longer than"),
    "printing a nested list": ("{% set s = 'x' * 1000000 %}{{ [[s] * 100000] }}", "longer than"),
    "indent fan-out": ("{% set s = '\n' * 100000 %}{{ s|indent(100000) }}", "longer than"),
    "huge power": ("{{ 10 ** 100000 }}", "too high a power"),
    "tower of powers": ("{{ (10 ** 60) ** 60 ** 2 }}", "too high a power"),
    "lipsum": ("{{ lipsum(n=10**9) }}", "more than the limit"),
    "endless recursion": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself"),
    "exponential recursion": (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}", "longer than"),
    "too much output": ("{% for i in range(10000) %}{{ 'x' * 100 }}{% endfor %}", f"more than {MAX_OUTPUT_CHARS}"),
}


def office_pack(tmp_path: Path, title: str) -> Path:
    """An office pack folder whose title template is ``title`` (everything else comes from the built-in pack)."""
    folder = tmp_path / "office-pack"
    (folder / "text").mkdir(parents=True)
    (folder / "text" / "title.j2").write_text(title, encoding="utf-8")
    return folder


@pytest.mark.parametrize(("source", "fragment"), list(LOAD_TIME.values()), ids=list(LOAD_TIME))
def test_refused_when_the_pack_loads(tmp_path: Path, source: str, fragment: str) -> None:
    folder = office_pack(tmp_path, source)
    with pytest.raises(PackError) as caught:
        load_pack(override=folder)
    assert caught.value.path == folder.resolve() / "text" / "title.j2"
    assert caught.value.line == 1
    assert fragment in caught.value.message


@pytest.mark.parametrize(("source", "fragment"), list(RENDER_TIME.values()), ids=list(RENDER_TIME))
def test_stopped_when_the_template_renders(tmp_path: Path, source: str, fragment: str) -> None:
    folder = office_pack(tmp_path, source)
    pack = load_pack(override=folder)
    started = time.monotonic()
    with pytest.raises(PackError) as caught:
        compose(make_answers(), pack)
    assert time.monotonic() - started < MAX_RENDER_SECONDS + 1.5
    assert caught.value.path == folder.resolve() / "text" / "title.j2"
    assert fragment in caught.value.message, caught.value.message


def test_file_system_loader_cannot_leave_the_pack(tmp_path: Path) -> None:
    # Even without the load-time check, the loader refuses paths outside the pack's text folders.
    secret = tmp_path / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    folder = office_pack(tmp_path, "x")
    pack = load_pack(override=folder)
    for name in ("../../secret.txt", str(secret), "../secret.txt"):
        template = pack.env.from_string("{% include name %}")
        with pytest.raises(PackError, match=r"secret\.txt"):
            render_template(template, {"name": name}, folder / "text" / "probe.j2")


def test_reasonable_templates_still_work(tmp_path: Path) -> None:
    source = (
        "{% macro upper(s) %}{{ s }}{% endmacro %}"
        "{% for part in [org.party_organ, org.government_organ] if part %}{{ upper(part) }}{% endfor %}"
        "关于{{ year }}年度法治政府建设情况的报告{{ '%d' % 1 if false }}{{ '-' * 3 }}{{ '{}'.format('') }}"
        "{{ range(3)|join('') }}"
    )
    pack = load_pack(override=office_pack(tmp_path, source))
    title = compose(make_answers(), pack).title
    assert title == "中共南溪乡委员会南溪乡人民政府关于2025年度法治政府建设情况的报告---012"


def test_limits_hold_outside_the_pack_too() -> None:
    env = make_environment(None)
    with pytest.raises(PackError, match=r"snippet\.j2"):
        render_template(env.from_string("{{ 'x' * 10**9 }}"), {}, "snippet.j2")
