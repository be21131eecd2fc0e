"""Turn a report's paragraphs into answers: head, numbered parts and items, tail.

The parts are mapped to the canonical sections by the meaning of their headings (the pack's section
keywords), not by their position. Numbering is stripped (it is generated again when rendering) and recorded,
so that every character of the source is accounted for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from drafter.i18n import _
from drafter.importer.fold import simplified
from drafter.importer.spec import ImportSpec
from drafter.locale_format import read_date
from drafter.numbering import numbered, strip_numbering
from drafter.pack import Pack, Role

YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年")
"""A year as a report writes it (``2024年``, ``2024 年``)."""
_STOPS = "。！？!?"
HAN_NAME = re.compile(r"[\u4e00-\u9fff·]+")
"""A person's name as a signature prints it."""


def parse_date(text: str) -> dt.date | None:
    """A date line such as ``2021年12月25日`` or ``二〇二一年十二月二十五日``, or None."""
    return read_date(text)


@dataclass
class Node:
    """A numbered item while the tree is being built."""

    level: int
    heading: str
    run_in: bool = False
    paragraphs: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def dump(self, provenance: str) -> dict[str, Any]:
        data: dict[str, Any] = {"heading": self.heading, "provenance": provenance}
        if self.run_in:
            data["run_in"] = True
        data["paragraphs"] = [{"text": t, "provenance": provenance} for t in self.paragraphs]
        data["items"] = [c.dump(provenance) for c in self.children]
        return data


@dataclass
class Part:
    """A level-1 part of the source (一、…) with what follows it."""

    heading: str
    line: int
    intro: list[str] = field(default_factory=list)
    items: list[Node] = field(default_factory=list)
    key: str | None = None


@dataclass
class Parsed:
    """What the parser found, before it becomes answers."""

    title_lines: list[str] = field(default_factory=list)
    title: str = ""
    title_organs: list[str] = field(default_factory=list)
    recipient_line: str = ""
    opening: str | None = None
    parts: list[Part] = field(default_factory=list)
    closing: str = ""
    signature: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    """The lines of ``signature`` that are a person's (post and name), not an organ's."""
    date_line: str = ""
    date: dt.date | None = None
    unrecognised: list[tuple[int, str]] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Parser:
    """One parse of one source's paragraphs with one pack."""

    def __init__(self, pack: Pack, spec: ImportSpec) -> None:
        self.pack = pack
        self.spec = spec
        self.noise = [re.compile(p) for p in spec.noise]
        self.out = Parsed()
        self.top = 1
        """The outline level of the parts: 1 (一、), or the shallowest level used when no line is numbered 一、."""

    # ---- line kinds -----------------------------------------------------------------------------------------
    # Every test of wording reads traditional characters as simplified (see drafter.importer.fold).
    def is_noise(self, text: str) -> bool:
        return any(p.search(simplified(text)) for p in self.noise)

    def is_organ(self, text: str) -> bool:
        compact = simplified(text).replace(" ", "").replace("\u3000", "")
        return (
            len(compact) <= 40
            and compact.endswith(tuple(self.spec.organ_suffixes))
            and not any(ch in compact for ch in "，。；：:,;")
            and numbered(compact) is None
        )

    def is_signer(self, text: str) -> bool:
        """A person's signature: a post of the pack's ``signer_posts`` followed by a name (2 to 4 characters)."""
        compact = simplified(text).replace("\u3000", " ").strip()
        if len(compact) > 40 or any(ch in compact for ch in "，。；,;") or numbered(compact) is not None:
            return False
        for post in self.spec.signer_posts:
            at = compact.find(post)
            name = compact[at + len(post):].strip(" ：:") if at >= 0 else ""
            if name and 2 <= len(name) <= 4 and HAN_NAME.fullmatch(name):
                return True
        return False

    def signs(self, text: str) -> bool:
        """Whether ``text`` is a line of the signature: an organ, or a person for a pack signed by one."""
        return self.is_organ(text) or self.is_signer(text)

    def is_closing(self, text: str) -> bool:
        return simplified(text).rstrip("。.！! ") in self.spec.closing

    def is_title(self, text: str) -> bool:
        return len(text) <= 80 and "。" not in text and any(w in simplified(text) for w in self.spec.title_words)

    def is_recipient(self, text: str) -> bool:
        return len(text) <= 40 and text.endswith(("：", ":")) and "如下" not in text and "。" not in text

    # ---- the whole source ---------------------------------------------------------------------------------
    def parse(self, blocks: list[str]) -> Parsed:
        lines = [(i, raw.strip()) for i, raw in enumerate(blocks)]
        lines = [(i, t) for i, t in lines if t]
        self.top = self._top_level([t for _i, t in lines])
        first = next((n for n, (_i, t) in enumerate(lines) if self._level1(t)), len(lines))
        tail = self._tail_start(lines, first)
        self._head(lines[:first], has_parts=first < len(lines))
        self._body(lines[first:tail])
        self._tail(lines[tail:])
        return self.out

    def _top_level(self, texts: list[str]) -> int:
        """1, unless no line is numbered 一、 and the shallowest numbered lines (``1.`` of Word's "List Number")
        are headings that name at least two different parts of the report: then that level."""
        levels = [found for found in map(numbered, texts) if found is not None]
        if not levels or any(level == 1 for level, _n, _r in levels):
            return 1
        top = min(level for level, _n, _r in levels)
        keys = {self.best_key(self._split_run_in(rest)[0]) for level, _n, rest in levels if level == top}
        return top if len(keys - {None}) >= 2 else 1

    def _level1(self, text: str) -> bool:
        found = numbered(text)
        return found is not None and found[0] <= self.top

    def _tail_start(self, lines: list[tuple[int, str]], first: int) -> int:
        for n in range(first, len(lines)):
            if self.is_closing(lines[n][1]):
                return n
        start = len(lines)
        seen_end = False
        for n in range(len(lines) - 1, first, -1):
            text = lines[n][1]
            if parse_date(text) or self.signs(text):
                seen_end = True
                start = n
            elif self.is_noise(text) or (not seen_end and len(text) <= 20 and not numbered(text)):
                start = n
            else:
                break
        return start if seen_end else len(lines)

    # ---- head: organ, title, 主送, opening ------------------------------------------------------------------
    def _head(self, lines: list[tuple[int, str]], has_parts: bool) -> None:
        out = self.out
        title_at = None
        for n, (_i, text) in enumerate(lines):
            if self.is_noise(text):
                continue
            if self.is_title(text):
                title_at = n
                break
            nxt = lines[n + 1][1] if n + 1 < len(lines) else ""
            about = "关于" in simplified(text) and len(text) <= 60 and "。" not in text
            if about and self.is_title(nxt) and len(nxt) <= 40:
                title_at = n
                break
        rest = lines
        if title_at is not None:
            start = title_at
            end = title_at + 1
            if not self.is_title(lines[title_at][1]):
                end += 1  # a title split over two lines
            while start > 0 and self.is_organ(lines[start - 1][1]) and start - 1 >= title_at - 2:
                start -= 1
            for index, text in lines[:start]:
                out.unrecognised.append((index, text))
            out.title_lines = [t for _i, t in lines[start:end]]
            self._split_title(out.title_lines)
            rest = lines[end:]
        remaining: list[tuple[int, str]] = []
        for index, text in rest:
            if self.is_noise(text):
                out.unrecognised.append((index, text))
            elif not remaining and not out.recipient_line and self.is_recipient(text):
                out.recipient_line = text
            elif not remaining and out.date is None and parse_date(text.strip("（）()")):
                out.date, out.date_line = parse_date(text.strip("（）()")), text  # a date under the title
            elif not remaining and title_at is None and self.is_organ(text):
                out.title_lines.append(text)
                out.title_organs.append(text)
            else:
                remaining.append((index, text))
        if not remaining:
            return
        out.opening = remaining[0][1]
        extra = remaining[1:]
        if not has_parts and extra:
            part = Part(heading="", line=extra[0][0], key=self.pack.spec.home_key())
            self._fill(part, extra)
            out.parts.append(part)
            return
        for index, text in extra:
            if len(text) <= 60 and "如下" in text and text == extra[-1][1]:
                out.opening += text  # "现将有关情况报告如下：" on a line of its own ends the opening
            else:
                out.unrecognised.append((index, text))
                out.notes.append(_("a paragraph between the opening and the first part was kept aside"))

    def _split_title(self, title_lines: list[str]) -> None:
        out = self.out
        joined = "".join(title_lines)
        organs: list[str] = []
        at = simplified(joined).find("关于")
        head = joined[:at] if at >= 0 else joined
        if at >= 0 and head.strip():
            organs = [o for o in re.split(r"[\s\u3000]+", head.strip()) if o]
        if at < 0:  # 青禾镇人民政府2025年政府信息公开工作年度报告: the organ before the year
            year = YEAR.search(joined)
            head = joined[: year.start()].strip() if year else ""
            if head and self.is_organ(head):
                organs, at = [head], year.start() if year else 0
        out.title = joined[at:] if at >= 0 else joined
        out.title_organs = [o for o in organs if self.is_organ(o)]

    # ---- body: parts, items, paragraphs --------------------------------------------------------------------
    def clean_heading(self, heading: str) -> str:
        """``heading`` without any further outline numbers (the model would strip them), recording them."""
        heading = heading.strip()
        while heading:
            cleaned = strip_numbering(heading)
            if cleaned == heading:
                break
            self.out.stripped.append(heading[: len(heading) - len(cleaned)] if cleaned else heading)
            heading = cleaned
        return heading

    def _split_run_in(self, rest: str) -> tuple[str, str | None, str]:
        """``(heading, stop, body)`` of a numbered line; body is empty when the line is a heading alone."""
        limit = self.spec.run_in_max_chars
        for pos, ch in enumerate(rest[: limit + 1]):
            if ch in _STOPS:
                body = rest[pos + 1:].strip()
                if not body:
                    break
                if ch == "。":
                    return rest[:pos], ch, body
                return rest[: pos + 1], None, body
        return rest, None, ""

    def _body(self, lines: list[tuple[int, str]]) -> None:
        part: Part | None = None
        chunk: list[tuple[int, str]] = []
        for index, text in lines:
            found = numbered(text)
            if found and found[0] <= self.top:
                if part is not None:
                    self._fill(part, chunk)
                heading, stop, body = self._split_run_in(found[2])
                self.out.stripped.append(found[1])
                if stop:
                    self.out.stripped.append(stop)
                part = Part(heading=self.clean_heading(heading), line=index)
                if body:
                    part.intro.append(body)
                self.out.parts.append(part)
                chunk = []
            else:
                chunk.append((index, text))
        if part is not None:
            self._fill(part, chunk)

    def _fill(self, part: Part, lines: list[tuple[int, str]]) -> None:
        stack: list[Node] = []
        for index, text in lines:
            if self.is_noise(text):
                self.out.unrecognised.append((index, text))
                continue
            found = numbered(text)
            if found is None or found[0] <= self.top:
                if stack:
                    stack[-1].paragraphs.append(text)
                else:
                    part.intro.append(text)
                continue
            level, number, rest = found
            heading, stop, body = self._split_run_in(rest)
            self.out.stripped.append(number)
            if stop:
                self.out.stripped.append(stop)
            node = Node(level, self.clean_heading(heading), run_in=bool(body), paragraphs=[body] if body else [])
            while stack and stack[-1].level >= level:
                stack.pop()
            if stack:
                stack[-1].children.append(node)
            else:
                part.items.append(node)
            stack.append(node)

    # ---- tail: 特此报告, signature, date ----------------------------------------------------------------------
    def _tail(self, lines: list[tuple[int, str]]) -> None:
        out = self.out
        for index, text in lines:
            date = parse_date(text)
            if not out.closing and self.is_closing(text) and not out.signature:
                out.closing = text
            elif date and out.date is None:
                out.date, out.date_line = date, text
            elif self.signs(text) and out.date is None:
                out.signature.append(text)
                if not self.is_organ(text):
                    out.persons.append(text)
            else:
                out.unrecognised.append((index, text))

    # ---- meaning ---------------------------------------------------------------------------------------------
    def score(self, heading: str, key: str) -> int:
        spec = self.pack.section(key)
        if spec is None:
            return 0
        folded = simplified(heading)
        return sum(len(word) for word in spec.keywords if word in folded)

    def fallback_key(self) -> str:
        """Where a part whose heading matches none lands: the part with the other role, else the first part."""
        return self.pack.spec.key_of(Role.OTHER) or self.pack.spec.sections[0].key

    def best_key(self, heading: str) -> str | None:
        """The section whose keywords ``heading`` matches best, or None when it matches none."""
        scores = {s.key: self.score(heading, s.key) for s in self.pack.spec.sections}
        best = max(scores, key=lambda k: scores[k], default=None)
        return best if best is not None and scores[best] > 0 else None

    def assign(self, year: int | None) -> None:
        """Give each part its canonical key by the meaning of its heading."""
        keys: list[str] = [s.key for s in self.pack.spec.sections]
        plan = self.pack.spec.key_of(Role.PLAN)
        ranked: list[tuple[int, int, str]] = []
        for n, part in enumerate(self.out.parts):
            for key in keys:
                points = self.score(part.heading, key)
                if key == plan and year is not None and f"{year + 1}年" in part.heading:
                    points += 2
                if points:
                    ranked.append((points, -n, key))
        ranked.sort(reverse=True)
        taken: set[str] = set()
        for points, neg, key in ranked:
            part = self.out.parts[-neg]
            if part.key is None and key not in taken and points > 0:
                part.key = key
                taken.add(key)
        for part in self.out.parts:
            if part.key is not None:
                continue
            best = self.best_key(part.heading) or self.fallback_key()
            part.key = best  # merged into a part already found when it is taken


def detect_year(parsed: Parsed) -> int | None:
    """The report year: from the title, else the opening, else the year before the date."""
    for text in (parsed.title, parsed.opening or ""):
        match = YEAR.search(text)
        if match:
            return int(match.group(1))
    if parsed.date is not None:
        return parsed.date.year - 1 if parsed.date.month <= 6 else parsed.date.year
    return None
