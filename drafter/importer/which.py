"""Which kind of report a source is: told by the pack data, never by a report type named in code.

Each built-in pack's ``import.toml`` names the words that identify its reports (``identify``: ``政府信息公开工作
年度报告``, ``法治政府建设`` …). The words are looked for in the source's head (title and opening, before the first
part); a source whose head names none is given the pack whose part headings match its own best (the section
``keywords`` of pack.toml); the default pack when nothing tells.
"""

from __future__ import annotations

from pathlib import Path

from drafter.importer.fold import simplified
from drafter.importer.spec import import_spec
from drafter.locations import templates_dir
from drafter.numbering import numbered
from drafter.pack import DEFAULT_PACK, Pack, load_pack

HEAD_LINES = 12
"""How many non-empty paragraphs before the first part are read for the words that identify a report."""


def builtin_packs() -> list[Pack]:
    """The built-in packs, the default one first."""
    names = sorted(p.name for p in templates_dir().iterdir() if (p / "pack.toml").is_file())
    names.sort(key=lambda name: name != DEFAULT_PACK)
    return [load_pack(name) for name in names]


def _compact(text: str) -> str:
    return "".join(simplified(text).split())


def identify(blocks: list[str], packs: list[Pack]) -> Pack | None:
    """The pack whose identifying words the source's head holds (the longest match wins), else the one whose
    part headings match the source's level-1 headings best; None when neither tells."""
    lines = [line.strip() for line in blocks if line.strip()]
    first = next((n for n, line in enumerate(lines) if (found := numbered(line)) and found[0] == 1), len(lines))
    head = _compact("".join(lines[: min(first, HEAD_LINES)]))
    best: tuple[int, Pack | None] = (0, None)
    for pack in packs:
        score = max((len(word) for word in import_spec(pack).identify if _compact(word) in head), default=0)
        if score > best[0]:
            best = (score, pack)
    if best[1] is not None:
        return best[1]
    headings = [_compact(found[2]) for line in lines if (found := numbered(line)) and found[0] == 1]
    for pack in packs:
        score = sum(max((len(word) for s in pack.spec.sections for word in s.keywords if word in heading), default=0)
                    for heading in headings)
        if score > best[0]:
            best = (score, pack)
    return best[1]


def choose_pack(blocks: list[str], override: Path | None = None) -> Pack:
    """The pack to import ``blocks`` with. An office folder (``--pack DIR``) with a pack.toml of its own is that
    pack, forced; one without (only some files of a pack) overrides the pack the source is identified as."""
    if override is not None and (override / "pack.toml").is_file():
        return load_pack(override=override)
    found = identify(blocks, builtin_packs())
    return load_pack(found.name if found else DEFAULT_PACK, override)
