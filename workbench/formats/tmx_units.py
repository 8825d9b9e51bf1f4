"""The values a TMX file holds: translation units, their language variants, the header."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from workbench.core.langs import join_segments

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SEGLENGTHS_PROP = "x-seglengths"

Progress = Callable[[int, int], None]
Props = tuple[tuple[str, str], ...]
# The props the workbench writes on its own TUs: bead shape, review status, confidence.
PROP_BEAD = "x-bead"
PROP_STATUS = "x-status"
PROP_CONFIDENCE = "x-confidence"


# Variant and TranslationUnit are immutable NamedTuples rather than frozen dataclasses: a
# frozen dataclass costs ~1.7 us to build against ~0.8 us, and a four-language TU builds five
# of them, which measured as a third of the time of a 1M-TU export or read.


class Variant(NamedTuple):
    """One language of a TU: its segments (joined into one `<seg>`) and its `tuv` props."""

    lang: str
    segments: tuple[str, ...]
    props: Props = ()
    code: str = ""

    @property
    def text(self) -> str:
        """The segments joined as the `<seg>` holds them."""
        return join_segments(self.lang, self.segments)


class TranslationUnit(NamedTuple):
    """A TMX `<tu>`: variants in any order, TU-level props and notes.

    `tuid` empty means "number it in the file" (1, 2, ...). `origin` says where the unit came
    from (e.g. "en 3:1+3:2") for error messages; it is not written.
    """

    variants: tuple[Variant, ...]
    props: Props = ()
    notes: tuple[str, ...] = ()
    tuid: str = ""
    origin: str = ""

    def variant(self, lang: str) -> Variant | None:
        """The variant of `lang`, if the unit has one."""
        for item in self.variants:
            if item.lang == lang:
                return item
        return None


# TU and TUV attributes (TMX 1.4) a reader keeps as props named `@<attribute>`, first in the
# props, and a writer writes back as attributes: creation and change ids and dates, usage.
ATTRIBUTE_PROPS = frozenset(
    {
        "creationdate",
        "creationid",
        "changedate",
        "changeid",
        "usagecount",
        "lastusagedate",
        "creationtool",
        "creationtoolversion",
        "datatype",
        "o-encoding",
        "o-tmf",
        "segtype",
    }
)


def attribute_props(
    attributes: Iterable[tuple[str | bytes, str | bytes]],
) -> list[tuple[str, str]]:
    """The `@name` props of an element's kept attributes (a `"` in a value becomes `'`)."""
    return [
        ("@" + str(name), str(value).replace('"', "'"))
        for name, value in attributes
        if name in ATTRIBUTE_PROPS
    ]


@dataclass(frozen=True, slots=True)
class TmxHeader:
    """The header attributes, props and notes of a TMX file."""

    attributes: Mapping[str, str]
    props: Props = ()
    notes: tuple[str, ...] = ()

    @property
    def srclang(self) -> str:
        """The header's source language code ("*all*" allowed)."""
        return self.attributes.get("srclang", "")
