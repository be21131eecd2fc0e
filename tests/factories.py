"""Small answers documents built in code, for tests that need a particular shape."""

from __future__ import annotations

from typing import Any

from drafter.migrations import SCHEMA_VERSION
from drafter.model import Answers


def answers_dict(**overrides: Any) -> dict[str, Any]:
    """A complete, valid answers document as a dict (a fictional township), with ``overrides`` applied."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "org": {
            "name": "南溪乡",
            "county": "平川县",
            "city": "远山市",
            "party_organ": "中共南溪乡委员会",
            "government_organ": "南溪乡人民政府",
            "signatories": ["中共南溪乡委员会", "南溪乡人民政府"],
            "recipients": "县委、县政府",
            "places": ["上坪村", "下坪村"],
        },
        "year": 2025,
        "date": "2026-02-03",
        "title_form": "joint",
        "sections": {
            "measures": {
                "items": [
                    {"heading": "健全工作机制", "paragraphs": [{"text": "乡党委全年专题研究法治工作4次。"}]},
                    {
                        "heading": "抓好学法用法",
                        "run_in": True,
                        "paragraphs": [{"text": "一是会前学法12次；二是组织考试86人次。"}, {"text": "学法成效明显。"}],
                        "items": [
                            {
                                "heading": "干部学法",
                                "paragraphs": [{"text": "干部参学率明显提高。"}],
                                "items": [{"heading": "网上学法", "paragraphs": [{"text": "全员完成网上学法。"}]}],
                            }
                        ],
                    },
                ]
            },
            "problems": {"intro": [{"text": "一是普法形式单一，原因是宣传力量不足。"}]},
            "duty": {"intro": [{"text": "党委书记带头学法，主持召开专题会议4次。"}]},
            "plan": {"items": [{"heading": "深化普法宣传", "paragraphs": [{"text": "下一年度开展宣传活动。"}]}]},
            "other": {"intro": [{"text": "无其他需要报告的情况。"}]},
        },
        "figures": {"committee_study_sessions": {"value": 12, "previous": 10}},
    }
    data.update(overrides)
    return data


def make_answers(**overrides: Any) -> Answers:
    """:func:`answers_dict` validated into an :class:`Answers`."""
    return Answers.model_validate(answers_dict(**overrides))
