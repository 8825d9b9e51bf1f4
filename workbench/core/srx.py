"""SRX 2.0 segmentation rules as values: rules, named language rules, the language map.

An SRX file holds named `<languagerule>`s, each an ordered list of `<rule break="yes|no">`
with a `<beforebreak>` and an `<afterbreak>` regular expression, and `<maprules>` mapping
language-code patterns to language rules. With `cascade="yes"` every matching language rule
applies, in map order; otherwise only the first. `workbench.formats.srx` reads the files.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex  # type: ignore[import-untyped]


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
