"""The township and its superiors as a source names them: the township's name, county and city read from an organ
(``中共巴中市巴州区光辉镇委员会``), or, when no organ names it, the likely township names of the running text. The
suffixes and the words that are not townships come from the pack's ``import.toml``."""

from __future__ import annotations

import re
from collections import Counter

from drafter.importer.fold import simplified
from drafter.importer.spec import ImportSpec


def township_names(texts: list[str], spec: ImportSpec) -> list[str]:
    """Likely township names in ``texts`` (``西火镇``), most frequent first."""
    suffixes = "|".join(re.escape(s) for s in spec.township_suffixes)
    pattern = re.compile(rf"([\u4e00-\u9fff]{{2}}(?:{suffixes}))")
    counts: Counter[str] = Counter()
    for text in texts:
        for match in pattern.finditer(simplified(text)):
            folded = match.group(1)
            if folded in spec.not_townships or folded[-2:] in spec.not_townships:
                continue
            start = match.start()
            name = text[start:match.end()]  # as written (in traditional characters, if so)
            # A name that starts a clause counts more than one inside running text (依法治镇 is not a name).
            boundary = start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff")
            counts[name] += 3 if boundary else 1
    ranked = [name for name, n in counts.most_common() if n >= 2]
    if texts:  # a name in the opening paragraph comes first, in its order there
        in_opening = sorted((texts[0].find(n), n) for n in ranked if n in texts[0])
        ranked = [n for _pos, n in in_opening] + [n for n in ranked if n not in texts[0]]
    return ranked


def organ_parts(organ: str, spec: ImportSpec) -> tuple[str, str, str]:
    """``(township, county, city)`` named in an organ such as ``中共巴中市巴州区光辉镇委员会``."""
    name = organ.replace(" ", "")
    folded = simplified(name)
    if folded.startswith("中共"):
        name, folded = name[2:], folded[2:]
    for suffix in spec.organ_suffixes:
        if folded.endswith(suffix):
            name, folded = name[: -len(suffix)], folded[: -len(suffix)]
            break
    # Cut at 省市县区 in the simplified reading, keep the pieces as written.
    spans = [m.span() for m in re.finditer(r"[^省市县区]*?[省市县区]|[^省市县区]+$", folded) if m.end() > m.start()]
    segments = [(name[a:b], folded[a:b]) for a, b in spans]
    township, township_folded = segments[-1] if segments else (name, folded)
    county = next((s for s, f in reversed(segments[:-1]) if f.endswith(("县", "区"))), "")
    city = next((s for s, f in reversed(segments[:-1]) if f.endswith(("市", "州"))), "")
    if not township_folded.endswith(tuple(spec.township_suffixes)):
        return "", county, city
    return township, county, city


def joint_signatories(title_organs: list[str], signature: list[str]) -> list[str]:
    """The organs that sign: a title naming two or more organs (``中共X镇委员会 X镇人民政府关于……``) is a joint
    report, signed by each of them in the title's order, even where the source's signature block names one; else
    the signature block as written."""
    if len(title_organs) >= 2:
        return list(title_organs)
    return list(signature)
