"""Project QA rules beyond the glossary, and the per-bead checks they drive.

Rules: forbidden strings or regular expressions per language (`forbidden`), numbers and
dates that differ between a bead's source and target after locale normalisation (`number`,
`date`), a target identical to its source (`identical`), a blank target (`empty`), traditional
characters in a simplified Chinese text (`traditional`). Every kind, glossary kinds too, can
be switched off; `exceptions` drop findings whose text matches a pattern (beside the
per-finding dismissals). The rules are plain values: the project reads and writes their file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from workbench.core.alignment import Alignment
from workbench.core.document import Document
from workbench.core.errors import FormatError
from workbench.core.inline import visible
from workbench.core.langs import word_joiner
from workbench.terms.findings import Finding, FindingKind, Severity
from workbench.terms.literals import fold, required_literals
from workbench.terms.matching import _han_simplified
from workbench.terms.numbers import digit_runs, plain_digits, quantities

FORMAT_VERSION = 1
_LETTER = re.compile(r"[^\W\d_]")
_HANT = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")


@dataclass(frozen=True, slots=True)
class ForbiddenRule:
    """A string (or regular expression) a target language must not contain."""

    id: str
    pattern: str
    lang: str = ""
    is_regex: bool = False
    case_sensitive: bool = False
    message: str = ""

    def __post_init__(self) -> None:
        if not self.id.strip() or not self.pattern:
            raise ValueError("a forbidden rule needs an id and a pattern")
        self.compiled()  # a broken regex fails here, where the rule is made

    def compiled(self) -> re.Pattern[str]:
        """The rule as a compiled pattern."""
        return _compile(self.pattern, self.is_regex, self.case_sensitive)

    def applies_to(self, lang: str) -> bool:
        """True when the rule is for `lang` (a rule for `zh` covers `zh-CN`; "" covers all)."""
        return _lang_matches(self.lang, lang)


@dataclass(frozen=True, slots=True)
class FindingException:
    """Findings not to report: those whose target (or found) text matches `pattern`.

    `kind`, `concept` and `lang` narrow it ("" matches any).
    """

    pattern: str
    kind: str = ""
    concept: str = ""
    lang: str = ""
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.pattern:
            raise ValueError("an exception needs a pattern")
        if self.kind and self.kind not in {k.value for k in FindingKind}:
            raise ValueError(f"unknown finding kind {self.kind!r}")
        _compile(self.pattern, True, False)

    def covers(self, finding: Finding) -> bool:
        """True when `finding` is one this exception drops."""
        if self.kind and finding.kind.value != self.kind:
            return False
        if self.concept and finding.concept != self.concept:
            return False
        if self.lang and not _lang_matches(self.lang, finding.lang):
            return False
        pattern = _compile(self.pattern, True, False)
        return bool(pattern.search(finding.found) or pattern.search(finding.target_text))


@dataclass(frozen=True, slots=True)
class QaRules:
    """The project's QA rules: forbidden patterns, exceptions, and the kinds switched off."""

    forbidden: tuple[ForbiddenRule, ...] = ()
    exceptions: tuple[FindingException, ...] = ()
    disabled: frozenset[FindingKind] = field(default_factory=frozenset)

    def is_enabled(self, kind: FindingKind) -> bool:
        """True unless `kind` is switched off."""
        return kind not in self.disabled

    def keeps(self, finding: Finding) -> bool:
        """True when the finding is of an enabled kind and no exception covers it."""
        return finding.kind not in self.disabled and not any(
            e.covers(finding) for e in self.exceptions
        )

    def to_dict(self) -> dict[str, object]:
        """The rules as the JSON object their file holds."""
        return {
            "version": FORMAT_VERSION,
            "disabled": sorted(k.value for k in self.disabled),
            "forbidden": [
                {
                    "id": r.id,
                    "lang": r.lang,
                    "pattern": r.pattern,
                    "regex": r.is_regex,
                    "case_sensitive": r.case_sensitive,
                    "message": r.message,
                }
                for r in self.forbidden
            ],
            "exceptions": [
                {
                    "pattern": e.pattern,
                    "kind": e.kind,
                    "concept": e.concept,
                    "lang": e.lang,
                    "reason": e.reason,
                }
                for e in self.exceptions
            ],
        }

    @classmethod
    def from_dict(cls, data: object, source: str = "QA rules") -> QaRules:
        """Rules from the JSON object of their file; FormatError names what is wrong."""
        if not isinstance(data, Mapping):
            raise FormatError("expected a JSON object", source, 1)
        try:
            disabled_names = data.get("disabled", [])
            if not isinstance(disabled_names, list):
                raise TypeError("'disabled' must be a list")
            disabled = frozenset(FindingKind(str(k)) for k in disabled_names)
            forbidden = tuple(
                ForbiddenRule(
                    str(r["id"]),
                    str(r["pattern"]),
                    str(r.get("lang", "")),
                    bool(r.get("regex", False)),
                    bool(r.get("case_sensitive", False)),
                    str(r.get("message", "")),
                )
                for r in _list(data, "forbidden")
            )
            exceptions = tuple(
                FindingException(
                    str(e["pattern"]),
                    str(e.get("kind", "")),
                    str(e.get("concept", "")),
                    str(e.get("lang", "")),
                    str(e.get("reason", "")),
                )
                for e in _list(data, "exceptions")
            )
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise FormatError(f"bad QA rule: {exc}", source) from None
        return cls(forbidden, exceptions, disabled)


def _list(data: Mapping[str, object], name: str) -> list[Mapping[str, object]]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise TypeError(f"{name!r} must be a list")
    return value


@lru_cache(maxsize=256)
def _compile(pattern: str, is_regex: bool, case_sensitive: bool) -> re.Pattern[str]:
    # Without a cased letter in it (资讯, [資訊]+) a pattern matches alike either way, and
    # without IGNORECASE the engine scans far faster.
    cased = pattern.lower() != pattern.upper()
    flags = re.IGNORECASE if cased and not case_sensitive else 0
    return re.compile(pattern if is_regex else re.escape(pattern), flags)


def _lang_matches(rule_lang: str, lang: str) -> bool:
    if not rule_lang:
        return True
    rule, actual = rule_lang.casefold(), lang.casefold()
    return actual == rule or actual.startswith(rule + "-")


def is_simplified_chinese(lang: str) -> bool:
    """True for zh, zh-CN, zh-Hans...; False for zh-Hant, zh-TW, zh-HK and other languages."""
    code = lang.casefold().replace("_", "-")
    return (code == "zh" or code.startswith("zh-")) and not code.startswith(_HANT)


@lru_cache(maxsize=1)
def _traditional_re() -> re.Pattern[str]:
    """Every Han character OpenCC simplifies, as one character class (built once, ~0.1 s)."""
    from workbench.terms.matching import _t2s

    chars = "".join(
        chr(c)
        for first, last in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
        for c in range(first, last + 1)
    )
    simplified = _t2s()(chars)
    if len(simplified) == len(chars):
        traditional = [a for a, b in zip(chars, simplified, strict=True) if a != b]
    else:  # a phrase rule changed the length: test character by character
        traditional = [c for c in chars if _han_simplified(c) != c]
    return re.compile("[" + "".join(traditional) + "]+")


def traditional_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` has runs of traditional Chinese characters."""
    return [m.span() for m in _traditional_re().finditer(text)]


def check_rules(
    alignment: Alignment,
    pivot: str,
    lang: str,
    rules: QaRules,
    cache: SourceCache | None = None,
) -> list[Finding]:
    """The QA-rule findings of one target language, in bead order.

    `cache` keeps what is read from the source document across target languages.
    """
    cache = cache if cache is not None else SourceCache()
    numbers_of = cache.numbers
    forbidden = [r for r in rules.forbidden if r.applies_to(lang)]
    enabled = rules.is_enabled
    want_forbidden = bool(forbidden) and enabled(FindingKind.FORBIDDEN)
    want_numbers = enabled(FindingKind.NUMBER) or enabled(FindingKind.DATE)
    want_identical = enabled(FindingKind.IDENTICAL)
    want_empty = enabled(FindingKind.EMPTY)
    want_traditional = enabled(FindingKind.TRADITIONAL) and is_simplified_chinese(lang)
    if not (want_forbidden or want_numbers or want_identical or want_empty or want_traditional):
        return []
    traditional = _traditional_re() if want_traditional else None
    # What a reader sees: inline codes out (a code is no forbidden string, number or letter).
    scan = cache.scan(alignment.source, pivot)
    source_texts = scan.texts
    target_texts = [visible(t) for t in alignment.target.texts]
    source_id, target_id = alignment.source.segment, alignment.target.segment
    source_glue, target_glue = word_joiner(pivot), word_joiner(lang)
    digit = _HAN_DIGIT_RE if lang.startswith("zh") else _DIGIT_RE
    has_digit, has_letter = digit.search, _LETTER.search
    # Per segment, found in a few scans of the whole documents: which target segments a
    # forbidden rule or a traditional character may hit, which source ones have a digit,
    # which target ones are blank, and each segment's first letter (identical texts share it).
    flagged: set[int] = set()
    if want_forbidden:
        # Rule by rule: an alternation of them would defeat each pattern's literal search.
        folded: _Joined | None = None
        for rule in forbidden:
            compiled = rule.compiled()
            needles = required_literals(compiled)
            if needles is None:
                flagged |= _segments_matching(target_texts, compiled)
                continue
            # Every match begins with one of a few literals: a substring search of the
            # case-folded texts finds the texts the pattern may hit (a superset).
            if folded is None:
                folded = _Joined(target_texts)
            maybe = folded.holding(needles)
            if rule.is_regex:
                flagged.update(j for j in maybe if compiled.search(target_texts[j]))
            else:
                flagged |= maybe
    if traditional is not None:
        flagged |= _segments_matching(target_texts, traditional)
    with_digits = scan.with_digits if want_numbers else frozenset()
    blank = (
        {j for j, t in enumerate(target_texts) if not has_letter(t) and not has_digit(t)}
        if want_empty
        else set()
    )
    source_first = scan.first_letters if want_identical else []
    target_first = [t.lstrip()[:1].casefold() for t in target_texts] if want_identical else []
    out: list[Finding] = []
    for row, bead in enumerate(alignment.beads):
        if not bead.source or not bead.target:
            continue  # a 1-0 or 0-1 bead is the alignment's business, shown in its review
        if len(bead.source) == 1 and len(bead.target) == 1:
            # The common bead: nothing to look at unless a scan flagged one of its segments.
            s0, t0 = bead.source[0], bead.target[0]
            if not (
                t0 in flagged
                or s0 in with_digits
                or t0 in blank
                or (want_identical and source_first[s0] == target_first[t0])
            ):
                continue
        if len(bead.source) == 1:
            source = source_texts[bead.source[0]]
        else:
            source = source_glue.join(source_texts[i] for i in bead.source)
        if len(bead.target) == 1:
            target = target_texts[bead.target[0]]
        else:
            target = target_glue.join(target_texts[j] for j in bead.target)
        found: list[_Raw] = []
        if want_empty and not has_letter(target) and not has_digit(target):
            if has_letter(source):
                found.append((FindingKind.EMPTY, "", "the target segment is blank", (), ""))
        else:
            if (
                want_identical
                and _same(source, target)
                and _is_prose(source)
                and _in_source_language(source, pivot, lang)
            ):
                message = "the target is the source text"
                found.append((FindingKind.IDENTICAL, target, message, (), ""))
            if want_forbidden and not flagged.isdisjoint(bead.target):
                for rule in forbidden:
                    for match in rule.compiled().finditer(target):
                        message = rule.message or f"forbidden: {rule.pattern}"
                        kind = FindingKind.FORBIDDEN
                        found.append((kind, match.group(), message, [match.span()], rule.id))
            if want_numbers and not with_digits.isdisjoint(bead.source):
                cached = numbers_of.get(source)
                if cached is None:
                    numbers = quantities(source, pivot)
                    cached = numbers_of[source] = (numbers, plain_digits(source, pivot, numbers))
                numbers, plain = cached
                # The same plain digits on both sides: the same numbers (one C-level scan).
                if numbers and (plain is None or digit_runs(target) != plain):
                    found.extend(_number_findings(numbers, target, lang, rules))
            if traditional is not None and traditional.search(target):
                spans = traditional_spans(target)
                chars = "".join(target[a:b] for a, b in spans)
                message = f"traditional characters in simplified Chinese: {chars}"
                found.append((FindingKind.TRADITIONAL, chars, message, spans, ""))
        for kind, what, message, where, concept in found:
            out.append(
                Finding(
                    lang,
                    kind,
                    concept,
                    (),
                    what,
                    source,
                    target,
                    tuple(source_id(i).id for i in bead.source),
                    tuple(target_id(j).id for j in bead.target),
                    Severity.WARNING,
                    row,
                    message,
                    (),
                    tuple(where),
                    anchor=source_texts[bead.source[0]],
                )
            )
    return out


class SourceScan:
    """What the rules read from every segment of a source document, read once."""

    def __init__(self, document: Document, lang: str) -> None:
        self.document = document
        self.texts = [visible(t) for t in document.texts]
        digit = _HAN_DIGIT_RE if lang.startswith("zh") else _DIGIT_RE
        joined = _Joined(self.texts, folded=False)
        self.with_digits = frozenset(joined.matching(digit))
        self._first: list[str] | None = None

    @property
    def first_letters(self) -> list[str]:
        """Each segment's first character, case-folded (identical texts share it)."""
        if self._first is None:
            self._first = [t.lstrip()[:1].casefold() for t in self.texts]
        return self._first


@dataclass
class SourceCache:
    """The source document's scan and its texts' numbers, kept across target languages."""

    numbers: dict[str, tuple[Counter[str], tuple[str, ...] | None]] = field(default_factory=dict)
    _scans: dict[int, SourceScan] = field(default_factory=dict)

    def scan(self, document: Document, lang: str) -> SourceScan:
        """The scan of `document` (made on first use)."""
        found = self._scans.get(id(document))
        if found is None or found.document is not document:
            found = self._scans[id(document)] = SourceScan(document, lang)
        return found


_DIGIT_RE = re.compile(r"\d")
_HAN_DIGIT_RE = re.compile(r"\d|[十百千万〇零]")


class _Joined:
    """Texts joined by NUL and case-folded once (folding keeps every offset), for finding
    which texts hold a literal string."""

    def __init__(self, texts: Sequence[str], folded: bool = True) -> None:
        joined = "\x00".join(texts)
        self.text = fold(joined) if folded else joined
        self.starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def matching(self, pattern: re.Pattern[str]) -> set[int]:
        """Indices of the texts `pattern` finds something in (one scan; a pattern that
        matches no NUL and nothing empty)."""
        found: set[int] = set()
        text, starts = self.text, self.starts
        at = pattern.search(text)
        while at is not None:
            index = bisect_right(starts, at.start()) - 1
            found.add(index)
            if index + 1 >= len(starts):
                break
            at = pattern.search(text, starts[index + 1])
        return found

    def holding(self, needles: Iterable[str]) -> set[int]:
        """Indices of the texts that hold one of `needles` (folded, no NUL in them)."""
        found: set[int] = set()
        text, starts = self.text, self.starts
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                found.add(index)
                # On to the next text: one hit is enough for this one.
                at = text.find(needle, starts[index + 1]) if index + 1 < len(starts) else -1
        return found


def _segments_matching(texts: Sequence[str], pattern: re.Pattern[str]) -> set[int]:
    """The indices of the texts `pattern` finds something in, from one scan of them joined
    (for patterns that hit few texts; a match running across two texts flags both)."""
    joined = "\x00".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    found: set[int] = set()
    for match in pattern.finditer(joined):
        first = bisect_right(starts, match.start()) - 1
        last = bisect_right(starts, max(match.start(), match.end() - 1)) - 1
        found.update(range(first, last + 1))
    return found


# A finding before it is a Finding: kind, what was found, message, target spans, concept.
_Raw = tuple[FindingKind, str, str, Sequence[tuple[int, int]], str]


def _number_findings(source: Counter[str], target: str, lang: str, rules: QaRules) -> list[_Raw]:
    """Numbers and dates of the source (already counted) that the target lacks."""
    in_target = quantities(target, lang)
    if in_target == source:
        return []
    only_source = source - in_target
    if not only_source:
        return []
    only_target = in_target - source
    out: list[_Raw] = []
    for kind, prefix, what in (
        (FindingKind.DATE, "d:", "date"),
        (FindingKind.NUMBER, "n:", "number"),
    ):
        missing = sorted(k[2:] for k in only_source.elements() if k.startswith(prefix))
        if not missing or not rules.is_enabled(kind):
            continue
        extra = sorted(k[2:] for k in only_target.elements() if k.startswith(prefix))
        message = f"{what} {', '.join(missing)} of the source not in the target"
        if extra:
            message += f" (the target has {', '.join(extra)})"
        out.append((kind, ", ".join(extra), message, (), ""))
    return out


def _same(source: str, target: str) -> bool:
    """Equal but for spacing and case (most beads are told apart by their first letters)."""
    if source == target:
        return True
    # Texts equal but for spacing and case start with the same letter.
    if source.lstrip()[:1].casefold() != target.lstrip()[:1].casefold():
        return False
    return " ".join(source.split()).casefold() == " ".join(target.split()).casefold()


def _is_prose(text: str) -> bool:
    """Two words or more: a lone name, code or number may rightly stay as it is."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2


def _in_source_language(text: str, pivot: str, lang: str) -> bool:
    """True when `text` has a function word of the pivot language that the target language
    lacks: a source line that is already in the target language (a heading in Spanish in
    the English text) is rightly identical. Without a word list for the pivot, True."""
    source_words = _stop_words(pivot)
    if not source_words:
        return True
    only_source = source_words - _stop_words(lang)
    return any(w in only_source for w in re.findall(r"[^\W\d_]+", text.casefold()))


@lru_cache(maxsize=32)
def _stop_words(lang: str) -> frozenset[str]:
    from stop_words import StopWordError, get_stop_words

    try:
        return frozenset(get_stop_words(lang.split("-")[0].lower()))
    except StopWordError:
        return frozenset()
