"""Reader for SRX 2.0 segmentation rule files (the format OmegaT and Okapi use), and rule folders.

An SRX file holds named `<languagerule>`s, each an ordered list of `<rule break="yes|no">`
with a `<beforebreak>` and an `<afterbreak>` regular expression, and `<maprules>` mapping
language-code patterns to language rules. With `cascade="yes"` every matching language rule
applies, in map order; otherwise only the first.

One extension, from the `regex` module the rules are compiled with: `\\L<name>` in a rule
stands for the words listed in the file `name.txt` beside the SRX file (one entry a line,
`#` starts a comment). Abbreviation lists live there, not inside the regular expressions.
"""

from __future__ import annotations

import functools
from pathlib import Path

import regex  # type: ignore[import-untyped]

from workbench.core import langtags
from workbench.core.errors import FormatError, InputError, LanguageTagError
from workbench.core.segmentation import SegmentationRules, compile_rules
from workbench.core.srx import LanguageRule, SrxDocument, SrxRule
from workbench.formats.xmlsafe import line_of, parse_xml
from workbench.resources import segmentation_rules_dir

DEFAULT_RULES_FILE = "default.srx"
SRX_NS = "http://www.lisa.org/srx20"
_LIST_REF = regex.compile(r"\\L<(\w+)>")


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
    except IsADirectoryError:
        raise FormatError("word list named by a segmentation rule is a folder", path) from None
    except OSError as exc:
        raise FormatError(f"cannot read the word list: {exc.strerror or exc}", path) from None
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
        try:
            regex.compile(pattern)
        except (regex.error, RecursionError, OverflowError) as exc:
            raise FormatError(
                f"<languagemap> languagepattern {pattern!r} is not a regular expression ({exc})",
                path,
                line_of(entry),
            ) from None
        language_map.append((pattern, name))
    word_lists = tuple(
        (name, read_word_list(path.parent / f"{name}.txt")) for name in sorted(list_names)
    )
    return SrxDocument(str(path), cascade, tuple(language_rules), tuple(language_map), word_lists)


def _rules_file(lang: str, folder: Path) -> Path | None:
    code = lang.strip().replace("_", "-")
    candidates = [code, code.split("-")[0].lower(), code.lower()]
    for name in candidates:
        path = folder / f"{name}.srx"
        if name and path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=32)
def _load_bundled(lang: str) -> SegmentationRules:
    return _load_from(lang, segmentation_rules_dir())


def _load_from(lang: str, folder: Path) -> SegmentationRules:
    path = _rules_file(lang, folder) or folder / DEFAULT_RULES_FILE
    if not path.is_file():
        raise InputError(
            f"no segmentation rules for language {lang!r} and no {DEFAULT_RULES_FILE}", folder
        )
    document = read_srx(path)
    rules = document.rules_for(lang)
    if not rules:
        raise InputError(f"no <languagemap> in the rules matches language {lang!r}", path)
    return compile_rules(lang, rules, document)


def load_rules(lang: str, rules_dir: Path | None = None) -> SegmentationRules:
    """Rules for `lang`: from `rules_dir` when it has a file for it, else the bundled ones.

    A rules folder holds `<lang>.srx` files (`en.srx`, `pt-BR.srx`...), an optional
    `default.srx` for other languages, and the word lists (`name.txt`) they reference.
    """
    # The language names a file in the rules folder: a tag, never a path (`../x` would read
    # an SRX file from anywhere).
    try:
        langtags.parse(lang, source="segmentation language", registered=False)
    except LanguageTagError as exc:
        raise InputError(exc.problem) from None
    if rules_dir is not None:
        folder = Path(rules_dir)
        if not folder.is_dir():
            raise InputError("segmentation rules folder does not exist", folder)
        if _rules_file(lang, folder) is not None or (folder / DEFAULT_RULES_FILE).is_file():
            return _load_from(lang, folder)
    return _load_bundled(lang)
