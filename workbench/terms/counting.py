"""How often a bead side names each concept, and which source mention has no counterpart.

A mention is one match, except that a full form with its short form in brackets right
after it ("information communication technology (ICT)", "信息通信技术（ICT）") or before it
("ICT (information communication technology)") is one mention. Nested terms are one mention
already (the matcher keeps the longest). Anaphora ("the Organisation") are never mentions:
only glossary terms are matched, never a head word alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.terms.matching import Match

# What may stand between a mention and its bracketed other form: an opening bracket.
# A closing quote or title mark may come first: 《联合国气候变化框架公约》（UNFCCC）.
_OPEN = re.compile(r"[\s》」』〉\"'”’»]*[(（\[]\s*")
_CLOSE = re.compile(r"\s*[)）\]]")


def mentions(matches: Sequence[Match], text: str) -> dict[str, list[Match]]:
    """Per concept, its mentions in `text` (in text order), a bracketed other form folded in."""
    by_concept: dict[str, list[Match]] = {}
    for match in matches:
        by_concept.setdefault(match.concept_id, []).append(match)
    for concept, found in by_concept.items():
        if len(found) > 1:
            by_concept[concept] = _fold_brackets(found, text)
    return by_concept


def is_bracketed_after(first: Match | tuple[int, int], second: Match, text: str) -> bool:
    """True when `second` stands in brackets right after `first` ("X (Y)")."""
    end = first.end if isinstance(first, Match) else first[1]
    opening = _OPEN.match(text, end)
    return (
        opening is not None
        and opening.end() == second.start
        and _CLOSE.match(text, second.end) is not None
    )


def _fold_brackets(found: list[Match], text: str) -> list[Match]:
    kept: list[Match] = []
    for match in found:
        if kept and is_bracketed_after(kept[-1], match, text):
            continue
        kept.append(match)
    return kept


def unmatched(
    source: Sequence[Match], source_len: int, target: Sequence[Match], target_len: int
) -> list[Match]:
    """The source mentions that no target mention renders, by relative position in the bead.

    Each target mention is paired with one source mention, in order, so that the pairs' relative
    positions (offset / text length) differ least in total; the source mentions left over are
    the ones without a counterpart. With no target mention, every source mention is left over.
    """
    n, k = len(source), len(target)
    if k >= n:
        return []
    if k == 0:
        return list(source)
    s_pos = [m.start / max(1, source_len) for m in source]
    t_pos = [m.start / max(1, target_len) for m in target]
    inf = float("inf")
    # cost[i][j]: best total for the first i source mentions holding the first j targets.
    cost = [[inf] * (k + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(1, n + 1):
        for j in range(0, min(i, k) + 1):
            skip = cost[i - 1][j]
            take = cost[i - 1][j - 1] + abs(s_pos[i - 1] - t_pos[j - 1]) if j else inf
            cost[i][j] = min(skip, take)
    left: list[Match] = []
    i, j = n, k
    while i > 0:
        take = cost[i - 1][j - 1] + abs(s_pos[i - 1] - t_pos[j - 1]) if j else float("inf")
        if j and cost[i][j] == take:
            j -= 1
        else:
            left.append(source[i - 1])
        i -= 1
    return left[::-1]
