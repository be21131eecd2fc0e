"""发文字号 and the other dispatch data of the submission copy (GB/T 9704-2012 §7.2.4, §7.4).

One home for the format of a document number: 机关代字 + 年份 in 六角括号 〔〕 + 发文顺序号 + 号, with the full
four-digit year, no 第 and no leading zeros (``青禾发〔2026〕3号``).
"""

from __future__ import annotations

import re

from drafter.i18n import _

SERIAL_MAX = 99_999
"""The largest 发文顺序号 accepted: an organ numbers its documents from 1 each year, and none issues a hundred
thousand (a 31-digit number is a typing slip, not a document number)."""

OPEN, CLOSE = "〔", "〕"
"""The 六角括号 that enclose the year of a document number."""

_WRONG_BRACKETS = "[]［］()（）【】〈〉<>《》{}｛｝"
_NUMBER = re.compile(
    r"^(?P<prefix>.+?)(?P<open>[〔\[［(（【〈<《{｛])(?P<year>\d+)(?P<close>[〕\]］)）】〉>》}｝])"
    r"(?P<ordinal>第?)(?P<serial>\d+)号$"
)


def prefix_problem(prefix: str) -> str | None:
    """What is wrong with a 机关代字 such as ``青禾发``, or None when it is usable."""
    text = prefix.strip()
    if not text:
        return _("the 发文字号 prefix is empty")
    if any(ch in _WRONG_BRACKETS + OPEN + CLOSE for ch in text):
        return _("the 发文字号 prefix holds brackets; type only the organ's code, e.g. 青禾发")
    if any(ch.isdigit() for ch in text):
        return _("the 发文字号 prefix holds digits; the year and the number are added by drafter")
    if text.endswith(("第", "号")):
        return _("the 发文字号 prefix must not end in 第 or 号")
    return None


def format_doc_number(prefix: str, year: int, serial: int) -> str:
    """The document number ``青禾发〔2026〕3号``; a bad prefix, year or serial is a ValueError naming the problem."""
    problem = prefix_problem(prefix)
    if problem:
        raise ValueError(problem)
    if not 1000 <= year <= 9999:
        raise ValueError(_("the year of a 发文字号 is written in full, e.g. 2026"))
    if serial < 1:
        raise ValueError(_("the serial number of a 发文字号 starts at 1"))
    if serial > SERIAL_MAX:
        raise ValueError(_("the serial number of a 发文字号 is at most {largest}").format(largest=SERIAL_MAX))
    return f"{prefix.strip()}{OPEN}{year}{CLOSE}{serial}号"


def doc_number_problems(text: str) -> list[str]:
    """What is wrong with a typed document number (brackets, a short year, 第, leading zeros); empty when right."""
    match = _NUMBER.match(text.strip())
    if match is None:
        return [_("a 发文字号 reads like 青禾发〔2026〕3号")]
    problems = []
    if (match["open"], match["close"]) != (OPEN, CLOSE):
        problems.append(_("the year goes in 六角括号 〔〕, not {brackets}").format(
            brackets=match["open"] + match["close"]))
    if len(match["year"]) != 4:
        problems.append(_("the year of a 发文字号 is written in full, e.g. 2026"))
    if match["ordinal"]:
        problems.append(_("a 发文字号 has no 第 before the number"))
    if match["serial"].startswith("0"):
        problems.append(_("a 发文字号 has no leading zeros"))
    elif int(match["serial"]) > SERIAL_MAX:
        problems.append(_("the serial number of a 发文字号 is at most {largest}").format(largest=SERIAL_MAX))
    prefix = prefix_problem(match["prefix"])
    if prefix:
        problems.append(prefix)
    return problems


def issue_year(report_year: int, date_year: int | None) -> int:
    """The year in the number: the year the report is issued (its date), else the year after the report year."""
    return date_year if date_year is not None else report_year + 1


_OFFICE_SUFFIXES = ("办公室", "办")
"""What makes an organ's office of its name: 县委 → 县委办公室, 县委办."""


def copies_to_recipients(recipients: str, copy_to: list[str]) -> list[str]:
    """The 抄送 organs that are a 主送 organ or its office (县委办公室 when the 主送 is 县委): the report reaches
    them already, a 抄送 sends it twice."""
    names = [name for name in re.split(r"[、，,；;\s\u3000]+", recipients) if name]
    return [organ for organ in copy_to
            if any(organ == name or organ in (name + s for s in _OFFICE_SUFFIXES) for name in names)]
