"""Reader for SRX 2.0 segmentation rule files (the format OmegaT and Okapi use).

An SRX file holds named `<languagerule>`s, each an ordered list of `<rule break="yes|no">`
with a `<beforebreak>` and an `<afterbreak>` regular expression, and `<maprules>` mapping
language-code patterns to language rules. With `cascade="yes"` every matching language rule
applies, in map order; otherwise only the first.

One extension, from the `regex` module the rules are compiled with: `\\L<name>` in a rule
stands for the words listed in the file `name.txt` beside the SRX file (one entry a line,
`#` starts a comment). Abbreviation lists live there, not inside the regular expressions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import regex  # type: ignore[import-untyped]

from workbench.core.errors import FormatError
from workbench.formats.xmlsafe import line_of, parse_xml

SRX_NS = "http://www.lisa.org/srx20"
_LIST_REF = regex.compile(r"\\L<(\w+)>")


@dataclass(frozen=True, slots=True)
class SrxRule:
    """One SRX rule: break (or not) between text matching `before` and text matching `after`."""

    is_break: bool
    before: str
    after: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class LanguageRule:
    """A named, ordered list of rules (`<languagerule languagerulename=...>`)."""

    name: str
    rules: tuple[SrxRule, ...]


@dataclass(frozen=True, slots=True)
class SrxDocument:
    """The content of one SRX file: language rules, the language map, and the word lists."""

    path: str
    cascade: bool
    language_rules: tuple[LanguageRule, ...]
    language_map: tuple[tuple[str, str], ...]
    word_lists: tuple[tuple[str, tuple[str, ...]], ...]

    def rules_for(self, lang: str) -> tuple[SrxRule, ...]:
        """The rules that apply to `lang`, in order, following the map and the cascade flag."""
        by_name = {rule.name: rule for rule in self.language_rules}
        chosen: list[SrxRule] = []
        for pattern, name in self.language_map:
            if regex.fullmatch(pattern, lang, flags=regex.IGNORECASE) is None:
                continue
            chosen.extend(by_name[name].rules)
            if not self.cascade:
                break
        return tuple(chosen)


def _tag(name: str) -> str:
    return f"{{{SRX_NS}}}{name}"


def read_word_list(path: Path) -> tuple[str, ...]:
    """The entries of a word-list file: one a line, blank lines and `#` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormatError("word list named by a segmentation rule is missing", path) from None
    except UnicodeDecodeError as exc:
        raise FormatError(f"word list is not UTF-8 ({exc.reason})", path) from None
    words: list[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip() if not line.startswith("#") else ""
        if entry:
            words.append(entry)
    return tuple(words)


def read_srx(path: Path) -> SrxDocument:
    """Parse an SRX 2.0 file; check every regular expression compiles; load named word lists."""
    tree = parse_xml(path)
    root = tree.getroot()
    if root.tag != _tag("srx"):
        raise FormatError(
            f"not an SRX 2.0 file: root is <{root.tag}>, expected <srx> in namespace {SRX_NS}",
            path,
            line_of(root),
        )
    header = root.find(_tag("header"))
    cascade = header is not None and header.get("cascade", "no").lower() == "yes"
    body = root.find(_tag("body"))
    if body is None:
        raise FormatError("SRX file has no <body>", path, line_of(root))
    language_rules: list[LanguageRule] = []
    list_names: set[str] = set()
    for lang_rule in body.iter(_tag("languagerule")):
        name = lang_rule.get("languagerulename")
        if not name:
            raise FormatError("<languagerule> without languagerulename", path, line_of(lang_rule))
        rules: list[SrxRule] = []
        for rule in lang_rule.iter(_tag("rule")):
            before_el = rule.find(_tag("beforebreak"))
            after_el = rule.find(_tag("afterbreak"))
            before = (before_el.text or "") if before_el is not None else ""
            after = (after_el.text or "") if after_el is not None else ""
            where = f"{path}:{line_of(rule)}"
            list_names.update(_LIST_REF.findall(before))
            list_names.update(_LIST_REF.findall(after))
            rules.append(SrxRule(rule.get("break", "yes").lower() != "no", before, after, where))
        language_rules.append(LanguageRule(name, tuple(rules)))
    known = {rule.name for rule in language_rules}
    language_map: list[tuple[str, str]] = []
    for entry in body.iter(_tag("languagemap")):
        pattern = entry.get("languagepattern", "")
        name = entry.get("languagerulename", "")
        if name not in known:
            raise FormatError(
                f"<languagemap> names unknown language rule {name!r}", path, line_of(entry)
            )
        language_map.append((pattern, name))
    word_lists = tuple(
        (name, read_word_list(path.parent / f"{name}.txt")) for name in sorted(list_names)
    )
    return SrxDocument(str(path), cascade, tuple(language_rules), tuple(language_map), word_lists)
