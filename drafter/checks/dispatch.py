"""Checks of the dates of the 公文 that are unusual but not invalid: a 成文日期 outside the year after the report year
(``date.year``) and a 印发日期 before the 成文日期 (``date.printed-before``). What makes the submission copy invalid
(no 成文日期, a 发文顺序号 out of range) is refused before rendering (:func:`drafter.pipeline.submission_problems`,
:class:`drafter.model.Dispatch`)."""

from __future__ import annotations

from drafter.checks.findings import Finding
from drafter.checks.text import finding
from drafter.i18n import _
from drafter.locale_format import format_document_date
from drafter.model import Answers

YEAR_END_MONTH = 11
"""A report signed from this month of the report year on is a year-end report, not an unusual date."""


def check_dispatch_dates(answers: Answers) -> list[Finding]:
    """``date.year`` and ``date.printed-before`` for ``answers`` (nothing when the report has no 成文日期)."""
    signed = answers.date
    if signed is None:
        return []
    out: list[Finding] = []
    expected = answers.year + 1
    # Year-end reports are common: many townships sign theirs in November or December of the year itself.
    if signed.year != expected and not (signed.year == answers.year and signed.month >= YEAR_END_MONTH):
        out.append(finding("date.year", None, format_document_date(signed),
                           _("the report on {year} is dated {date}, not in {expected}").format(
                               year=answers.year, date=format_document_date(signed), expected=expected),
                           _("A report on a year is dated at its end or in the year after it; check the 成文日期.")))
    printed = answers.dispatch.print_date
    if printed is not None and printed < signed:
        out.append(finding("date.printed-before", None, format_document_date(printed),
                           _("the 印发日期 {printed} is before the 成文日期 {date}").format(
                               printed=format_document_date(printed), date=format_document_date(signed)),
                           _("A 公文 is printed on or after the day it is signed; check both dates.")))
    return out
