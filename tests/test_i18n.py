"""Every visible string goes through the catalogs; both languages are complete and compiled."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
from pathlib import Path

import pytest

from drafter.figures import rate, rate_text
from drafter.i18n import normalise, resolve_language
from drafter.locale_format import format_document_date
from tests.cli_helpers import run_drafter

ROOT = Path(__file__).resolve().parent.parent


def _i18n_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_is_translated_in_both_catalogs_and_compiled() -> None:
    script = _i18n_script()
    template = script.extract()
    assert len(template) > 50
    assert script.problems(template) == []


def test_catalogs_have_no_fuzzy_or_obsolete_entries() -> None:
    for lang in ("zh_CN", "en"):
        text = (ROOT / "drafter" / "locale" / lang / "LC_MESSAGES" / "drafter.po").read_text(encoding="utf-8")
        assert "#, fuzzy" not in text.split("msgid", 2)[2]  # the header may say fuzzy; entries may not
        assert "#~ msgid" not in text


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_LANG", "LANGUAGE", "LC_ALL", "LANG")}
    environment.update(env)
    return run_drafter(*args, env=environment)


def test_help_is_chinese_by_default() -> None:
    result = run(["--help"], LANG="C.UTF-8")
    assert result.returncode == 0
    assert "用法：" in result.stdout and "把答卷文件生成 Word 文档" in result.stdout
    assert "usage" not in result.stdout


def test_help_in_english_with_lang_option() -> None:
    result = run(["--lang", "en", "--help"])
    assert "usage: " in result.stdout and "render an answers file to a Word document" in result.stdout
    assert "用法" not in result.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"DRAFTER_LANG": "en"}, "usage: "), ({"LANG": "en_US.UTF-8"}, "usage: "), ({"LANG": "zh_CN.UTF-8"}, "用法：")],
)
def test_language_from_environment(env: dict[str, str], expected: str) -> None:
    assert expected in run(["--help"], **env).stdout


def test_option_beats_environment() -> None:
    assert "用法：" in run(["--lang", "zh_CN", "--help"], DRAFTER_LANG="en").stdout


def test_error_messages_follow_the_language(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    assert "找不到文件" in run(["render", str(missing)]).stderr
    assert "file not found" in run(["--lang", "en", "render", str(missing)]).stderr


@pytest.mark.parametrize(
    ("tag", "lang"),
    [
        ("en_GB.UTF-8", "en"),
        ("zh-Hans", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("C", None),
        ("POSIX", None),
        ("fr_FR", None),
        (None, None),
    ],
)
def test_normalise_locale_tags(tag: str | None, lang: str | None) -> None:
    assert normalise(tag) == lang


def test_unknown_language_falls_back_to_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DRAFTER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert resolve_language("fr") == "zh_CN"


def test_document_dates_and_rates_are_formatted_with_babel() -> None:
    assert format_document_date(dt.date(2026, 1, 8)) == "2026年1月8日"
    assert format_document_date(dt.date(2025, 12, 31)) == "2025年12月31日"
    assert rate_text(80, 86, 1) == "93.0%"
    assert rate_text(1, 3, 2) == "33.33%"
    assert rate(5, 0) is None and rate(None, 4) is None


def test_the_chinese_document_date_is_babels_long_format_without_loading_babel() -> None:
    from babel.dates import format_date

    day = dt.date(2024, 1, 1)
    while day.year < 2027:  # every day of three years, leap day included
        for locale in ("zh_CN", "zh", "zh_Hans_CN"):
            assert format_document_date(day, locale) == format_date(day, format="long", locale=locale)
        day += dt.timedelta(days=1)
    assert format_document_date(dt.date(2026, 1, 8), "en") == "January 8, 2026"  # other languages: babel
