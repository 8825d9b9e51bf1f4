"""Constructed parallel texts with a known alignment, for the aligner tests."""

from __future__ import annotations

import random

Link = tuple[tuple[int, ...], tuple[int, ...]]

_SOURCE_WORDS = (
    "the",
    "river",
    "ran",
    "past",
    "old",
    "stone",
    "houses",
    "while",
    "people",
    "walked",
    "slowly",
    "home",
)
_TARGET_WORDS = (
    "le",
    "fleuve",
    "coulait",
    "devant",
    "vieilles",
    "maisons",
    "pierre",
    "tandis",
    "gens",
    "rentraient",
)


def pair(text_id: int, rng: random.Random) -> tuple[str, str]:
    """One source sentence and its 'translation': shared number and name, other words differ."""
    length = rng.randint(8, 16)
    name = f"Zorbex{text_id}"
    number = str(1000 + 37 * text_id)
    src = [rng.choice(_SOURCE_WORDS) for _ in range(length)]
    tgt = [rng.choice(_TARGET_WORDS) for _ in range(length)]
    src[length // 2 : length // 2] = [name, number]
    tgt[length // 2 : length // 2] = [name, number]
    return " ".join(src).capitalize() + ".", " ".join(tgt).capitalize() + "."


def build(kinds: list[tuple[int, int]], seed: int = 3) -> tuple[list[str], list[str], list[Link]]:
    """Source, target and gold links for a sequence of bead kinds (e.g. (2, 1))."""
    rng = random.Random(seed)
    source: list[str] = []
    target: list[str] = []
    gold: list[Link] = []
    counter = 0
    for di, dj in kinds:
        parts = {(2, 2): 4, (2, 3): 6, (3, 2): 6}.get((di, dj), max(di, dj))
        pairs = []
        for _ in range(parts):
            counter += 1
            pairs.append(pair(counter, rng))
        s0, t0 = len(source), len(target)
        if (di, dj) == (2, 2):
            # A true 2-2: the middle sentence ends the first source segment but starts the
            # second target segment.
            middle_src = pairs[1][0] + " " + pairs[2][0]
            middle_tgt = pairs[1][1] + " " + pairs[2][1]
            source.extend([pairs[0][0] + " " + middle_src, pairs[3][0]])
            target.extend([pairs[0][1], middle_tgt + " " + pairs[3][1]])
        elif (di, dj) in ((2, 3), (3, 2)):
            # A true 2-3 (3-2): sentences a..f as "abc" + "def" on the two-segment side and
            # "ab" + "cd" + "ef" on the other; every segment boundary crosses one of the
            # other side, so no smaller beads can hold it.
            side = 0 if di == 2 else 1
            two = [" ".join(p[side] for p in pairs[:3]), " ".join(p[side] for p in pairs[3:])]
            three = [" ".join(p[1 - side] for p in pairs[k : k + 2]) for k in (0, 2, 4)]
            source.extend(two if di == 2 else three)
            target.extend(three if di == 2 else two)
        elif di == 0:
            target.append(pairs[0][1])
        elif dj == 0:
            source.append(pairs[0][0])
        elif di >= dj:
            # di source sentences; the target joins them into dj sentences.
            source.extend(p[0] for p in pairs)
            groups = _split(len(pairs), dj)
            target.extend(" ".join(pairs[k][1] for k in g) for g in groups)
        else:
            target.extend(p[1] for p in pairs)
            groups = _split(len(pairs), di)
            source.extend(" ".join(pairs[k][0] for k in g) for g in groups)
        gold.append((tuple(range(s0, len(source))), tuple(range(t0, len(target)))))
    return source, target, gold


def _split(total: int, parts: int) -> list[list[int]]:
    size = total // parts
    groups = [list(range(k * size, (k + 1) * size)) for k in range(parts)]
    groups[-1].extend(range(parts * size, total))
    return groups
