"""Literal strings every match of a regular expression begins with, to skip texts cheaply.

A case-insensitive pattern that begins with a word boundary (`\\bseguridad\\s+informática\\b`)
gives Python's regex engine no literal to search for, so it tries the pattern at every
character. When every match must begin with one of a few literal strings, a plain substring
search of the case-folded texts finds the few texts worth the full pattern.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence
from functools import lru_cache

# At most this many literal strings (a class or an alternation multiplies them).
_MAX_LITERALS = 16
# Shorter literals hit nearly every text: not worth a prefilter.
_MIN_LENGTH = 2


def _extra_cases() -> dict[int, tuple[int, ...]] | None:
    """The regex engine's case equivalences beyond lower(): ſ is s, ı is i, µ is μ (a private
    table of the standard library; without it only case-sensitive patterns are prefiltered)."""
    try:
        table = importlib.import_module("re._casefix")._EXTRA_CASES
    except (ImportError, AttributeError):
        return None
    return dict(table)


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int] | None:
    """Characters to map after lower() so that case-insensitive regex matching implies
    substring containment: each group of equivalent lowercase letters becomes its smallest."""
    extra = _extra_cases()
    if extra is None:
        return None
    table: dict[int, int] = {}
    for key, others in extra.items():
        group = (key, *others)
        for code in group:
            table[code] = min(group)
    return table


# İ is the one letter whose full lowercase (str.lower, Unicode SpecialCasing) is two
# characters; the engine lowers it to a plain i.
_DOTTED_I = re.compile("\u0130")
# No letter past this one (ADLAM SMALL LETTER SHA, Unicode 15) has a case.
_LAST_CASED = 0x1E943


@lru_cache(maxsize=1)
def _odd_letters() -> re.Pattern[str] | None:
    """Letters whose lower() is not what the regex engine compares."""
    table = _fold_table()
    if table is None:
        return None
    odd = set()
    for code in range(_LAST_CASED + 1):
        lower = chr(code).lower()
        if len(lower) != 1 or table.get(ord(lower), ord(lower)) != ord(lower):
            odd.add(code)
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(odd)) + "]")


def fold(text: str) -> str:
    """`text` in a caseless form: a case-insensitive regex match of a literal in `text`
    implies that the literal's folded form is a substring of this."""
    table, odd = _fold_table(), _odd_letters()
    if odd is None or table is None or not odd.search(text):
        return text.lower()
    return _DOTTED_I.sub("i", text).lower().translate(table)


def fold_all(texts: Sequence[str]) -> list[str]:
    """`fold` of every text (the plain lower() where no letter needs more)."""
    table, odd = _fold_table(), _odd_letters()
    if odd is None or table is None:
        return [t.lower() for t in texts]
    return [fold(t) if odd.search(t) else t.lower() for t in texts]


@lru_cache(maxsize=256)
def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Folded strings one of which begins every match of `pattern` (after zero-width
    assertions), or None when no such short list of strings of two or more characters exists
    (or the standard library lacks what the case folding needs)."""
    if pattern.flags & re.IGNORECASE and _fold_table() is None:
        return None
    try:
        tree = importlib.import_module("re._parser").parse(pattern.pattern, pattern.flags)
        literals, _ = _literal_run(list(tree))
    except Exception:  # a private parser of another Python: no prefilter, never a wrong one
        return None
    if not literals or min(map(len, literals)) < _MIN_LENGTH:
        return None
    return frozenset(fold(s) for s in literals)


def _literal_run(items: Sequence[tuple[object, object]]) -> tuple[set[str], bool]:
    """The literal strings `items` begin with, and whether they are all of it."""
    run = {""}
    for op, value in items:
        name = str(op)
        if name == "AT":
            continue  # a zero-width assertion (\b, ^): nothing consumed
        if name == "LITERAL" and isinstance(value, int):
            alternatives, whole = {chr(value)}, True
        elif name == "IN" and isinstance(value, list) and _all_literal(value):
            alternatives, whole = {chr(code) for _, code in value}, True
        elif name == "SUBPATTERN" and isinstance(value, tuple):
            alternatives, whole = _literal_run(list(value[-1]))
        elif name == "BRANCH" and isinstance(value, tuple):
            runs = [_literal_run(list(branch)) for branch in value[1]]
            alternatives = set().union(*(r for r, _ in runs))
            whole = all(w for _, w in runs)
        else:
            return run, False
        combined = {a + b for a in run for b in alternatives}
        if len(combined) > _MAX_LITERALS:
            return run, False
        run = combined
        if not whole:
            return run, False
    return run, True


def _all_literal(items: list[tuple[object, object]]) -> bool:
    return len(items) <= 4 and all(
        str(op) == "LITERAL" and isinstance(code, int) for op, code in items
    )
