"""Loader for the hand-written segmentation test set in tests/data/segmentation/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "segmentation"
LANGS = ("en", "es", "ru", "zh")
BOUNDARY = "‖"
NEWLINE = "⏎"


@dataclass(frozen=True, slots=True)
class Case:
    """One paragraph with its expected segments."""

    lang: str
    line: int
    text: str
    expected: tuple[str, ...]
    xfail: str | None


def _dense_offsets(segments: list[str] | tuple[str, ...]) -> frozenset[int]:
    """Segment ends as offsets in the text with all whitespace removed (the last one excluded)."""
    total = 0
    ends = []
    for segment in segments:
        total += len("".join(segment.split()))
        ends.append(total)
    return frozenset(ends[:-1])


def boundaries(segments: list[str] | tuple[str, ...]) -> frozenset[int]:
    """The inner boundaries of a segmentation, independent of whitespace."""
    return _dense_offsets(segments)


def load_cases(lang: str, folder: Path = CASES_DIR) -> list[Case]:
    """Every case of one language (from `folder`, default: the test set), in file order."""
    cases = []
    xfail: str | None = None
    path = folder / f"{lang}.txt"
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#xfail:"):
            xfail = raw.removeprefix("#xfail:").strip()
            continue
        if not raw.strip() or raw.startswith("#"):
            continue
        text = raw.replace(f" {BOUNDARY} ", " ").replace(BOUNDARY, "").replace(NEWLINE, "\n")
        expected = tuple(part.replace(NEWLINE, "\n").strip() for part in raw.split(BOUNDARY))
        cases.append(Case(lang, number, text, expected, xfail))
        xfail = None
    return cases
