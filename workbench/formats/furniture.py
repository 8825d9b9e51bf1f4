"""Page furniture out, text whole: from positioned lines of pages to paragraphs.

Works on values (`Page`, `Line`) that a reader of a paged format (PDF) builds, so the rules
can be tested without a PDF. Removed: running headers and footers (lines in the top or bottom
margin repeated on other pages, or whose number follows the page), page numbers, UN job
numbers and bar codes; footnote reference marks. Footnotes (small lines at the foot of a page)
become their own paragraphs after the body, or are dropped. Two-column pages are read column
by column; lines wrapped inside a paragraph are joined (a line-end hyphen by `HyphenJudge`).
Every removal is reported as a `Removed` value so a translator can check it.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex  # type: ignore[import-untyped]

from workbench.formats.hyphens import LINE_END_HYPHENS, HyphenJudge, first_word, last_word

FootnoteMode = Literal["end", "drop"]

# Lines whose top lies in this share of the page height (from the top or bottom edge) can be
# furniture; body text on UN, EU and UNESCO pages starts below it.
MARGIN_SHARE = 0.13
# A line is a running header/footer when its text is in the margin of at least this share of
# the pages (and of two pages at least): alternating left/right headers reach one half.
REPEAT_SHARE = 0.4
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—\s]*\d{1,4}[-–—\s]*|\d{1,4}\s*/\s*\d{1,4}|[ivxlcdm]{1,7}|"
    r"(?:page|página|page|seite|стр\.?|страница|pág\.?)\s*\d{1,4}(?:\s*(?:of|de|из|sur|von)\s*\d{1,4})?|"
    r"第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*页)$",
    re.IGNORECASE,
)
# UN documents: the job number ("18-21920 (E)"), often with a date code, and the bar code.
_UN_JOB = re.compile(r"^\d{2}-\d{5}\s*(?:\(\w\)|\w)?(?:\s+\d{6})?(?:\s+\d{6})?$")
_UN_BARCODE = re.compile(r"^\*\d{7}\*$")
# A UN document symbol (A/RES/73/27, S/2006/472, E/CN.6/2020/L.1, "A/61/1005–S/2006/472"),
# with the date or page that may share its header line.
_UN_SYMBOL = re.compile(
    r"^[A-Z]{1,5}(?:/[A-Z0-9.]+){1,6}(?:\s*[–—-]\s*[A-Z]{1,5}(?:/[A-Z0-9.]+){1,6})*(?:\s.{0,40})?$"
)
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
_TERMINAL = tuple('.!?;:。！？；：…)»"”')
_GLUED_NUMBER = re.compile(r"^\s*(\d{1,3})(?=[^\d\s.,)/-])")
# The start of a numbered item: "4.", "12)", "(b)", "iv.", "Pp5", "Article 3", "Статья 3".
_ITEM = re.compile(
    r"^(?:\(?\d{1,3}[.)]|\([a-z]{1,4}\)|[a-z]\)|[ivxIVX]{1,5}\.|(?:Pp|Op|PP|OP)\d{1,3}"
    r"|(?:Article|Artículo|Article|Статья)\s+\d{1,3}|第[一二三四五六七八九十百\d]{1,4}条)\s"
)
_CLAUSE_END = tuple(".;:,。；：，")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_FOOTNOTE_START = re.compile(r"^\s*(?:\d{1,3}|[*†‡§]+|\(\d{1,3}\))(?:\s|[.)]\s*|(?=\D))")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text on a page; coordinates in points, `top` and `bottom` from the page top.

    `marks` are the (start, end) offsets in `text` of raised small figures: footnote references.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its number (from 1), size in points, lines, and its short rules as
    (top, x0, x1): a footnote separator is one."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    rules: tuple[tuple[float, float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of text taken out of the body: page number, the text, why."""

    page: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReadingOptions:
    """How a paged document (PDF, ODT, RTF) is read: its page furniture removed or kept, its
    footnotes after the body or dropped. The defaults are what a translator aligning wants."""

    keep_furniture: bool = False
    drop_footnotes: bool = False

    @property
    def footnotes(self) -> FootnoteMode:
        """The footnote mode these options give `Cleaned.all_paragraphs`."""
        return "drop" if self.drop_footnotes else "end"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The paragraphs of a paged document, its footnotes and what was taken out.

    `warnings` are what the reader ignored and the user should know (scripts in a PDF).
    """

    paragraphs: list[str]
    footnotes: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def all_paragraphs(self, footnotes: FootnoteMode = "end") -> list[str]:
        """The body paragraphs, followed by the footnotes unless they are dropped."""
        return self.paragraphs + (self.footnotes if footnotes != "drop" else [])


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


def _digits_key(text: str) -> str:
    return re.sub(r"\d+", "#", _key(text))


def _in_margin(line: Line, page: Page) -> str | None:
    if line.top < page.height * MARGIN_SHARE:
        return "header"
    if line.bottom > page.height * (1 - MARGIN_SHARE):
        return "footer"
    return None


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)][:4]


def _follows_pages(occurrences: list[tuple[int, str]]) -> bool:
    """Whether some number in the line goes up with the page (a running page number)."""
    if len(occurrences) < 2:
        return False
    width = min(len(_numbers(text)) for _, text in occurrences)
    for slot in range(width):
        offsets = {_numbers(text)[slot] - page for page, text in occurrences}
        if len(offsets) == 1:
            return True
    return False


def find_furniture(pages: Sequence[Page]) -> dict[tuple[int, int], str]:
    """(page index, line index) -> reason, for every header, footer and page number line."""
    found: dict[tuple[int, int], str] = {}
    exact: dict[tuple[str, str], set[int]] = defaultdict(set)
    numbered: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    numbers: list[tuple[int, int]] = []
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            zone = _in_margin(line, page)
            if zone is None or not line.text.strip():
                continue
            text = line.text.strip()
            if _is_page_number(text):
                # Judged below by what shares its line (a footnote's number is not a page's).
                numbers.append((p, i))
                continue
            if zone == "footer" and (_UN_JOB.match(text) or _UN_BARCODE.match(text)):
                found[(p, i)] = "UN job number"
            elif zone == "header" and _UN_SYMBOL.match(text):
                found[(p, i)] = "UN document symbol"
                # The date or page printed on the symbol's line goes with it.
                for j, other in enumerate(page.lines):
                    if j != i and abs(other.top - line.top) < 2 and len(other.text) < 40:
                        found.setdefault((p, j), "UN document symbol")
            exact[(zone, _key(text))].add(p)
            if re.search(r"\d", text):
                numbered[(zone, _digits_key(text))].append((p, i, text))
    needed = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    number_set = set(numbers)
    for p, page in enumerate(pages):
        for i, line in enumerate(page.lines):
            zone = _in_margin(line, page)
            if zone is None or (p, i) in found or (p, i) in number_set:
                continue
            if len(exact[(zone, _key(line.text))]) >= needed:
                found[(p, i)] = f"running {zone}"
    for (zone, _), occurrences in numbered.items():
        per_page = {p: text for p, _, text in occurrences}
        if len(per_page) >= needed and _follows_pages(sorted(per_page.items())):
            for p, i, _ in occurrences:
                found.setdefault((p, i), f"running {zone}")
    for p, i in numbers:
        # A number sharing its baseline with text that is not furniture is a footnote's.
        line = pages[p].lines[i]
        partners = [
            j
            for j, other in enumerate(pages[p].lines)
            if j != i and abs(other.top - line.top) < line.size * 0.3 and other.text.strip()
        ]
        if all((p, j) in found or (p, j) in number_set for j in partners):
            found[(p, i)] = "page number"
    return found


def _is_page_number(text: str) -> bool:
    if not _PAGE_NUMBER.match(text):
        return False
    # "3/10" is page 3 of 10; "5419/16" is a document number.
    parts = [int(n) for n in re.findall(r"\d+", text)]
    return not (len(parts) == 2 and "/" in text and parts[0] > parts[1])


def body_size(pages: Sequence[Page]) -> float:
    """The font size of most characters: the body text's."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _footnote_lines(lines: list[Line], page: Page, size: float) -> set[int]:
    """Indexes in `lines` of the page's footnotes: small lines under all body text of their
    column, opening with a note number (or under the separator rule)."""
    small = [
        i
        for i, line in enumerate(lines)
        if line.size <= size * 0.92 and line.top > page.height * 0.45
    ]
    notes: set[int] = set()
    # Under the separator rule in the lower part of the page, the notes may be in the body's
    # size (Word documents often set them so).
    rules = [rule for rule in page.rules if rule[0] > page.height * 0.5]
    for top, x0, _ in sorted(rules, reverse=True):
        # The notes of a column start at its rule's left end and lie under it.
        under = [
            i
            for i, line in enumerate(lines)
            if line.top > top - 2 and line.x0 >= x0 - 20 and line.x0 < x0 + page.width * 0.3
        ]
        if under:
            first = lines[min(under, key=lambda i: lines[i].top)]
            opens_with_mark = bool(first.marks) and first.marks[0][0] == 0
            if opens_with_mark or _FOOTNOTE_START.match(first.text):
                notes.update(under)
    if notes:
        return notes
    for i in small:
        line = lines[i]
        below = (
            other
            for other in lines
            if other.top > line.top + 0.5 and other.x0 < line.x1 and other.x1 > line.x0
        )
        if all(other.size <= size * 0.92 for other in below):
            notes.add(i)
    if not notes:
        return notes
    first = lines[min(notes, key=lambda i: lines[i].top)]
    under_rule = any(first.top > rule[0] - 2 for rule in page.rules)
    opens_with_mark = bool(first.marks) and first.marks[0][0] == 0
    if under_rule or opens_with_mark or _FOOTNOTE_START.match(first.text):
        return notes
    return set()


def _strip_marks(line: Line) -> tuple[str, list[str]]:
    if not line.marks:
        return line.text, []
    pieces, taken, at = [], [], 0
    for start, end in line.marks:
        pieces.append(line.text[at:start])
        taken.append(line.text[start:end])
        at = end
    pieces.append(line.text[at:])
    return "".join(pieces), taken


def _merge_fragments(run: list[Line]) -> list[Line]:
    """Pieces of one printed line (pdfminer cuts justified lines at wide spaces) made one."""
    rows: list[list[Line]] = []
    for line in sorted(run, key=lambda line: line.top):
        row = rows[-1] if rows else None
        if row is not None and abs(line.top - row[0].top) < max(line.size, row[0].size) * 0.3:
            row.append(line)
        else:
            rows.append([line])
    merged: list[Line] = []
    for row in rows:
        row.sort(key=lambda line: line.x0)
        current = row[0]
        for line in row[1:]:
            if line.x0 < current.x1 - 1:  # overlapping: another line printed over this one
                merged.append(current)
                current = line
                continue
            shift = len(current.text) + 1
            current = Line(
                current.text + " " + line.text,
                current.x0,
                line.x1,
                min(current.top, line.top),
                max(current.bottom, line.bottom),
                max(current.size, line.size),
                current.marks + tuple((a + shift, b + shift) for a, b in line.marks),
            )
        merged.append(current)
    return merged


def find_gutter(lines: Sequence[Line], width: float) -> float | None:
    """The x of the gap between two columns, when most lines keep to one side of one."""
    if len(lines) < 6:
        return None
    best: tuple[int, float] | None = None
    for gutter in sorted({line.x1 + 0.5 for line in lines} | {line.x0 - 0.5 for line in lines}):
        if not width * 0.3 < gutter < width * 0.7:
            continue
        left = sum(1 for line in lines if line.x1 <= gutter)
        right = sum(1 for line in lines if line.x0 >= gutter)
        if left >= 3 and right >= 3 and (best is None or left + right > best[0]):
            best = (left + right, gutter)
    if best is None or best[0] < 0.7 * len(lines):
        return None
    return best[1]


def reading_runs(lines: Sequence[Line], gutter: float | None) -> list[list[Line]]:
    """The lines in reading order as runs: bands of lines across the gutter (titles), and
    between them the left column, then the right one."""
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    if gutter is None:
        return [ordered] if ordered else []
    runs: list[list[Line]] = []
    left_run: list[Line] = []
    right_run: list[Line] = []
    across: list[Line] = []
    for line in ordered:
        if line.x1 <= gutter or line.x0 >= gutter:
            if across:
                runs.append(across)
                across = []
            (left_run if line.x1 <= gutter else right_run).append(line)
        else:  # a line across the gutter (a title) closes the band above it
            runs.extend(run for run in (left_run, right_run) if run)
            left_run, right_run = [], []
            across.append(line)
    runs.extend(run for run in (across, left_run, right_run) if run)
    return runs


def _is_cjk(char: str) -> bool:
    return bool(char) and _CJK.match(char) is not None


@dataclass(slots=True)
class _Flow:
    """Joins lines into paragraphs, one column run after another."""

    judge: HyphenJudge
    paragraphs: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)
    previous: Line | None = None
    previous_right: float = 0.0
    count: int = 0
    indented_starts: int = 0
    indent: float = 0.0
    text_width: float = 0.0
    first_x0: float = 0.0

    def close(self) -> None:
        if self.current:
            self.paragraphs.append(_SPACES.sub(" ", "".join(self.current)).strip())
        self.current = []
        self.previous = None
        self.count = 0

    def breaks_before(
        self, line: Line, text: str, bounds: tuple[float, float], pitch: float
    ) -> bool:
        left, right = bounds
        prev = self.previous
        if prev is None:
            return False
        if abs(line.size - prev.size) > 0.1 * prev.size:
            return True
        if line.top - prev.top > pitch * 1.45 or line.top < prev.top - 1:
            return True
        # A numbered item after a line that ends a clause: "4. Parties ...", "(b) ...".
        if _ITEM.match(text.lstrip()) and self.current[-1].rstrip().endswith(_CLAUSE_END):
            return True
        # The words go on: the previous line closes no clause and this one, flush with it,
        # opens in lowercase, or with a figure after a lowercase word (a heading broken by
        # hand: "Resolution adopted by the General Assembly" / "on 4 December 2023",
        # "follow-up to the" / "2013 high-level meeting").
        head = text.lstrip()
        tail = self.current[-1].rstrip()
        goes_on = head[:1].islower() or (
            head[:1].isdigit() and tail[-1:].islower() and not _ITEM.match(head)
        )
        if goes_on and not tail.endswith(_CLAUSE_END) and abs(line.x0 - prev.x0) < line.size:
            return False
        # Both lines centred (a title over several lines).
        middle = (left + right) / 2
        centred = all(abs((one.x0 + one.x1) / 2 - middle) < line.size for one in (prev, line))
        if centred and max(prev.x0, line.x0) > left + line.size * 2:
            return False
        # A first-line indent (a hanging indent moves the second line, not a later one).
        if self.count > 1 and line.x0 > prev.x0 + line.size * 1.2:
            return True
        # The previous line stopped short although the next word would have fitted.
        room = right - prev.x1
        char_width = (prev.x1 - prev.x0) / max(1, len(prev.text))
        word = head[:1] if _is_cjk(head[:1]) else head.split(" ")[0]
        # Proportional letters: a word is wider than its share of an average line.
        return room > char_width * (len(word) * 1.15 + 1.5)

    def continues(self, line: Line, left: float) -> bool:
        """Whether `line`, first of a new column or page, goes on with the paragraph."""
        prev = self.previous
        if prev is None or not self.current:
            return False
        tail = self.current[-1].rstrip()
        char_width = (prev.x1 - prev.x0) / max(1, len(prev.text))
        # A line alone in its run (a heading beside another) is "full" of nothing.
        wide = prev.x1 - prev.x0 >= 0.45 * self.text_width
        full = wide and prev.x1 >= self.previous_right - char_width * 3
        same_size = abs(line.size - prev.size) <= 0.1 * prev.size
        if not (full and same_size):
            return False
        if self.indented_starts >= 2:
            # Paragraphs here open with an indent: a line not so indented goes on, even
            # after a sentence that ended at the foot of the column.
            return abs(line.x0 - left - self.indent) > line.size * 0.5
        return not tail.endswith(_TERMINAL)

    def add(
        self, line: Line, text: str, bounds: tuple[float, float], pitch: float, new_run: bool
    ) -> None:
        if new_run:
            if not self.continues(line, bounds[0]):
                self.close()
        elif self.breaks_before(line, text, bounds, pitch):
            self.close()
        text = text.strip()
        if not text:
            return
        if self.current:
            self.current[-1] = self._joined_tail(self.current[-1], text)
        self.current.append(text)
        if self.count == 0:
            self.first_x0 = line.x0
        elif (
            self.count == 1
            and line.x0 < bounds[0] + line.size * 0.5
            and bounds[0] + line.size < self.first_x0 < bounds[0] + line.size * 8
        ):
            self.indented_starts += 1
            self.indent = self.first_x0 - bounds[0]
        self.previous = line
        self.previous_right = bounds[1]
        self.count += 1

    def _joined_tail(self, tail: str, head: str) -> str:
        tail = tail.rstrip()
        if tail.endswith("\u00ad"):
            return tail[:-1]
        if tail[-1:] in LINE_END_HYPHENS and tail[-2:-1].isalpha():
            left, right = last_word(tail), first_word(head)
            if left and right and self.judge.joins(left, right):
                return tail[:-1]
            return tail
        if _is_cjk(tail[-1:]) or _is_cjk(head[:1]):
            return tail
        return tail + " "


def _bounds(run: list[Line]) -> tuple[float, float]:
    """Left and right edge of a column: the right one is the furthest end that another line
    reaches too (one line sticking out must not move it)."""
    ends = sorted((line.x1 for line in run), reverse=True)
    size = max(line.size for line in run)
    right = next(
        (end for n, end in enumerate(ends[:-1]) if end - ends[n + 1] < size * 1.5), ends[0]
    )
    return min(line.x0 for line in run), right


def _pitch(lines: list[Line]) -> float:
    gaps = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if 0 < b.top - a.top < a.size * 3 and abs(a.size - b.size) < 0.5
    ]
    if gaps:
        return statistics.median(gaps)
    return (lines[0].size if lines else 10.0) * 1.2


def clean_pages(pages: Sequence[Page], lang: str, *, remove_furniture: bool = True) -> Cleaned:
    """Paragraphs of the pages with furniture removed (unless told not) and footnotes apart."""
    furniture = find_furniture(pages) if remove_furniture else {}
    removed: list[Removed] = []
    size = body_size(pages)
    judge = HyphenJudge(lang, (line.text for page in pages for line in page.lines))
    laid_out: list[tuple[Page, list[list[Line]], list[Line], float | None]] = []
    for p, page in enumerate(pages):
        kept: list[Line] = []
        for i, line in enumerate(page.lines):
            reason = furniture.get((p, i))
            if reason is not None:
                removed.append(Removed(page.number, line.text.strip(), reason))
            elif line.text.strip():
                kept.append(line)
        kept.sort(key=lambda line: (line.top, line.x0))
        in_notes = _footnote_lines(kept, page, size) if remove_furniture else set()
        main = [line for i, line in enumerate(kept) if i not in in_notes]
        foot = [line for i, line in enumerate(kept) if i in in_notes]
        gutter = find_gutter(main, page.width)
        runs = [_merge_fragments(run) for run in reading_runs(main, gutter)]
        laid_out.append((page, runs, foot, gutter))
    # The right margin of one-column pages is the document's: a page of short lines
    # ("Having regard to ...,") does not show it by itself.
    single = [line for _, runs, _, gutter in laid_out if gutter is None for r in runs for line in r]
    margin = _bounds(single)[1] if single else 0.0
    body = _Flow(judge)
    notes = _Flow(judge)
    for page, runs, foot, gutter in laid_out:
        lines = [line for run in runs for line in run]
        pitch = _pitch(lines)
        if lines:
            body.text_width = max(margin, *(line.x1 for line in lines)) - min(
                line.x0 for line in lines
            )
        for run in runs:
            left, right = _bounds(run)
            bounds = (left, max(right, margin) if gutter is None else right)
            for n, line in enumerate(run):
                text = line.text
                if remove_furniture and line.marks:
                    text, marks = _strip_marks(line)
                    for mark in marks:
                        removed.append(Removed(page.number, mark, "footnote mark"))
                body.add(line, text, bounds, pitch, new_run=n == 0)
        for run in reading_runs(foot, gutter):
            run = _merge_fragments(run)
            bounds = _bounds(run)
            foot_pitch = _pitch(run)
            notes.close()
            for line in run:
                opens = bool(line.marks) and line.marks[0][0] == 0
                if notes.current and (opens or _FOOTNOTE_START.match(line.text)):
                    notes.close()
                text = line.text
                if opens:
                    end = line.marks[0][1]
                    text = text[:end] + " " + text[end:]
                elif notes.count == 0:
                    text = _GLUED_NUMBER.sub(r"\1 ", text)
                notes.add(line, text, bounds, foot_pitch, new_run=False)
            notes.close()
    body.close()
    notes.close()
    return Cleaned(body.paragraphs, notes.paragraphs, removed)
