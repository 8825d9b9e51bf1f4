"""TMX 1.4 writer: streaming, one string per TU.

The writer follows what CAT tools need (see the README's "TMX mapping"):

- `<tmx version="1.4">`, a header with all seven required attributes, `segtype="sentence"`,
  `datatype="plaintext"`, `creationdate` in UTC (fixed with `creationdate=` for reproducible
  files), UTF-8, only the five XML entities; the header is lxml's, each TU a filled template
  escaped byte for byte as lxml would (tested against lxml).
- Every TU holds every declared language, in the declared order; a TU that lacks one, or has
  an empty or blank segment, is skipped and counted (`TmxStats.skipped_*`), never written.
- A variant of several segments is one `<seg>`: segments joined with a space (none for zh/ja),
  and a `<prop type="x-seglengths">` with the segments' lengths so our reader can split them
  again (other tools ignore `x-` props).
- Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are
  refused with a message naming the unit and language, or replaced by U+FFFD on request.
- A segment over 2,000 characters (Trados Cloud's cap) is written and reported as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path

from lxml import etree

from workbench.core.atomic import atomic_write
from workbench.core.errors import FormatError, InputError
from workbench.core.inline import OPEN as CODE_OPEN
from workbench.core.langs import DEFAULT_LANG_CODES, base_lang
from workbench.core.version import __version__
from workbench.formats.tmx_inline import escape_attr, escape_text, seg_markup, tmx_form
from workbench.formats.tmx_units import (
    ATTRIBUTE_PROPS,
    SEGLENGTHS_PROP,
    Progress,
    Props,
    TranslationUnit,
    Variant,
)

MAX_SEGMENT_CHARS = 2000
PROGRESS_EVERY = 1000
FLUSH_UNITS = 1000  # TUs (~1 MB) encoded and written at once
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class TmxStats:
    """What a write did: units written and skipped, characters replaced, warnings."""

    path: Path
    units: int
    skipped_incomplete: int = 0
    skipped_empty: int = 0
    replaced_chars: int = 0
    long_segments: int = 0
    warnings: tuple[str, ...] = ()


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date `YYYYMMDDThhmmssZ` in UTC (now when no moment is given)."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def format_confidence(value: float) -> str:
    """A confidence as written in props and comments: two decimals."""
    return f"{value:.2f}"


# The writer fills one `%`-format string per TU shape with values escaped as libxml2 escapes
# them (a test compares the bytes with TUs serialised by lxml): ~1.4x the TU/s of refilling
# cached lxml elements. The values of a TU are joined with NUL (XML forbids it, so it is never
# in a cleaned value), escaped in one pass and split again.
_SEP = "\x00"
_INVALID_BUT_SEP = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _attribute_count(props: Props) -> int:
    """How many props at the front are `@<TMX attribute>` ones."""
    count = 0
    for name, _ in props:
        if not (name[:1] == "@" and name[1:] in ATTRIBUTE_PROPS):
            break
        count += 1
    return count


class _Templates:
    """`%`-format strings of a whole `<tu>`, one per shape (props, notes, variants' prop types).

    Slots, in order: the tuid, TU props' values, notes, then per variant its props' values and
    its segment text - the order `_fill` lists the values in.
    """

    def __init__(
        self, codes: Mapping[str, str], order: Sequence[str], clean: Callable[[str, str], str]
    ) -> None:
        self.codes = {lang: escape_attr(code).replace("%", "%%") for lang, code in codes.items()}
        self.order = order
        self.clean = clean
        self.cache: dict[object, str] = {}
        self.by_shape: dict[object, str] = {}

    def get(self, props: Props, notes: int, variants: Sequence[Props]) -> str:
        """The template for this shape; `props` and `variants` give the prop types."""
        # Props tuples with their values are hashed as they come (cheap, strings cache their
        # hash); the template itself depends only on the prop types.
        shape = (props, notes, *variants)
        found = self.by_shape.get(shape)
        if found is not None:
            return found
        key = (tuple(map(_first, props)), notes, tuple(tuple(map(_first, p)) for p in variants))
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._build(props, notes, variants)
        if len(self.by_shape) >= 4096:
            self.by_shape.clear()
        self.by_shape[shape] = found
        return found

    def _build(self, props: Props, notes: int, variants: Sequence[Props]) -> str:
        # Leading `@<attribute>` props (a TMX attribute name: readers keep a TU's attributes
        # so, first) are the element's attributes again; the rest are `<prop>` children.
        lead = _attribute_count(props)
        parts = ['<tu tuid="%s"', *(f' {n[1:]}="%s"' for n, _ in props[:lead]), ">"]
        for name, _ in props[lead:]:
            parts.append(f'\n    <prop type="{self._type(name)}">%s</prop>')
        parts.extend(["\n    <note>%s</note>"] * notes)
        for lang, vprops in zip(self.order, variants, strict=True):
            lead = _attribute_count(vprops)
            parts.append(f'\n    <tuv xml:lang="{self.codes[lang]}"')
            parts.extend(f' {n[1:]}="%s"' for n, _ in vprops[:lead])
            parts.append(">")
            for name, _ in vprops[lead:]:
                parts.append(f'\n      <prop type="{self._type(name)}">%s</prop>')
            parts.append("\n      <seg>%s</seg>\n    </tuv>")
        parts.append("\n  </tu>\n  ")
        return "".join(parts)

    def _type(self, name: str) -> str:
        return escape_attr(self.clean(name, f"prop type {name!r}")).replace("%", "%%")


def write_tmx(
    path: str | Path,
    units: Iterable[TranslationUnit],
    *,
    srclang: str,
    langs: Sequence[str],
    lang_codes: Mapping[str, str] | None = None,
    creation_tool_version: str = __version__,
    creation_tool: str = "workbench",
    creationdate: str | None = None,
    header_props: Props = (),
    header_notes: Sequence[str] = (),
    replace_invalid: bool = False,
    progress: Progress | None = None,
    total: int = 0,
) -> TmxStats:
    """Stream `units` into a TMX 1.4 file at `path` (atomically) and say what was written.

    `langs` are workbench languages in file order (the source included); `lang_codes` maps
    them to the codes written (defaults: en-US, es-ES, ru-RU, zh-CN; others as they are).
    `creation_tool` is the header's `creationtool` (`OmegaT` for `tmx_omegat`'s tags).
    Raises FormatError for a character XML forbids unless `replace_invalid` is set.
    `progress(done, total)` is called every 1,000 TUs; it may raise CancelledError to stop,
    and then nothing is written (the temporary file is removed).
    """
    target = Path(path)
    order = tuple(dict.fromkeys([srclang, *langs]))
    given = lang_codes or {}
    codes = {lang: given.get(lang) or DEFAULT_LANG_CODES.get(lang, lang) for lang in order}
    _check_codes(codes, srclang)
    counts = {"units": 0, "incomplete": 0, "empty": 0, "replaced": 0, "long": 0}
    warnings: list[str] = []

    def clean(text: str, where: str) -> str:
        if INVALID_XML_CHARS.search(text) is None:
            return text
        if not replace_invalid:
            bad = INVALID_XML_CHARS.search(text)
            assert bad is not None
            raise FormatError(
                f"{where} contains U+{ord(bad.group()):04X}, a character XML 1.0 forbids; "
                "remove it or export with --replace-invalid (writes U+FFFD)",
                target,
            )
        found = len(INVALID_XML_CHARS.findall(text))
        counts["replaced"] += found
        return INVALID_XML_CHARS.sub("\ufffd", text)

    templates = _Templates(codes, order, clean)
    header = _header(
        codes[srclang], creation_tool_version, creationdate, header_props, header_notes
    )
    header.set("creationtool", creation_tool)
    prologue = b"<?xml version='1.0' encoding='UTF-8'?>\n<tmx version=\"1.4\">\n  %s\n  <body>\n  "
    try:
        with atomic_write(target, "wb") as handle:
            handle.write(prologue % etree.tostring(header, encoding="UTF-8"))
            chunk: list[str] = []
            for unit in units:
                text = _fill(unit, order, templates, counts, warnings, clean)
                if text is not None:
                    chunk.append(text)
                    if len(chunk) >= FLUSH_UNITS:
                        handle.write("".join(chunk).encode())
                        chunk.clear()
                if progress is not None and (counts["units"] % PROGRESS_EVERY == 0):
                    progress(counts["units"], total)
            handle.write("".join(chunk).encode())
            handle.write(b"</body>\n</tmx>")
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror or exc}", target) from None
    if progress is not None:
        progress(counts["units"], max(total, counts["units"]))
    written, incomplete, empty, replaced, long = counts.values()  # counts in built order
    return TmxStats(target, written, incomplete, empty, replaced, long, tuple(warnings))


def _check_codes(codes: Mapping[str, str], srclang: str) -> None:
    # Two target variants of one language in a TU (zh-Hans and zh-Hant, es-ES and es-MX) make
    # OmegaT take whichever comes last: refuse them in one file. A source and a target of one
    # language (an en-US to en-GB memory, as in the LISA kit) is a pair CAT tools take.
    seen: dict[str, tuple[str, str]] = {}
    for lang, code in codes.items():
        if not code or INVALID_XML_CHARS.search(code) or any(c.isspace() for c in code):
            raise InputError(f"language code {code!r} for {lang!r} is not a valid xml:lang")
        if lang == srclang:
            continue
        base = base_lang(code)
        if base in seen:
            other, other_code = seen[base]
            raise InputError(
                f"{other} ({other_code}) and {lang} ({code}) are both {base} in one file; CAT "
                "tools keep only one of them - export per pair (--pairs) or change --lang-codes"
            )
        seen[base] = (lang, code)


def _child(parent: etree._Element, tag: str, tail: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    element.tail = tail
    return element


def _header(
    srccode: str, version: str, date: str | None, props: Props, notes: Sequence[str]
) -> etree._Element:
    header = etree.Element(
        "header",
        {
            "creationtool": "workbench",
            "creationtoolversion": version,
            "segtype": "sentence",
            "o-tmf": "workbench",
            "adminlang": "en",
            "srclang": srccode,
            "datatype": "plaintext",
            "creationdate": date or tmx_date(),
        },
    )
    if props or notes:
        header.text = "\n    "
    for name, value in props:
        _child(header, "prop", "\n    ", type=name).text = value
    for note in notes:
        _child(header, "note", "\n    ").text = note
    if len(header):
        header[-1].tail = "\n  "
    return header


def _fill(
    unit: TranslationUnit,
    order: Sequence[str],
    templates: _Templates,
    counts: dict[str, int],
    warnings: list[str],
    clean: Callable[[str, str], str],
) -> str | None:
    # The hot loop of a 1M-TU export: C-level maps and string methods where possible, one
    # join, one regex search, one escape pass and one `%` per TU.
    variants: Sequence[Variant] = unit.variants
    if tuple(map(_first, variants)) != order:
        by_lang = {v.lang: v for v in variants}
        try:
            variants = [by_lang[lang] for lang in order]
        except KeyError:
            counts["incomplete"] += 1
            return None
    texts = [v[1][0] if len(v[1]) == 1 else v.text for v in variants]
    if not all(texts) or any(map(str.isspace, texts)):
        counts["empty"] += 1
        return None
    number = counts["units"] + 1
    tuid = unit.tuid or str(number)
    vprops = [v[2] if len(v[1]) == 1 else _variant_props(v) for v in variants]
    values = [tuid]
    if unit.props:
        values.extend(map(_second, unit.props))
    values.extend(unit.notes)
    for props, text in zip(vprops, texts):  # noqa: B905 - same length by construction
        values.extend(map(_second, props))
        values.append(text)
    joined = _SEP.join(values)
    has_codes = CODE_OPEN in joined
    if _INVALID_BUT_SEP.search(joined) is not None or joined.count(_SEP) != len(values) - 1:
        values = _clean_values(unit, tuid, variants, vprops, values, clean)
        joined = _SEP.join(values)
    if max(map(len, texts)) > MAX_SEGMENT_CHARS:
        _warn_long(unit, tuid, variants, texts, counts, warnings)
    template = templates.get(unit.props, len(unit.notes), vprops)
    escaped = escape_text(joined).split(_SEP)
    if has_codes:
        # Inline codes become TMX elements; only segment texts carry them (the last value of
        # each variant), so those are written again with `seg_markup`.
        position = 1 + len(unit.props) + len(unit.notes)
        for props in vprops:
            position += len(props)
            if CODE_OPEN in values[position]:
                escaped[position] = seg_markup(values[position])
            position += 1
    if unit.tuid:
        escaped[0] = escape_attr(values[0])
    counts["units"] = number
    return template % tuple(escaped)


_first = itemgetter(0)
_second = itemgetter(1)


def _label(unit: TranslationUnit, tuid: str) -> str:
    return f"TU {tuid}" + (f" ({unit.origin})" if unit.origin else "")


def _clean_values(
    unit: TranslationUnit,
    tuid: str,
    variants: Sequence[Variant],
    vprops: Sequence[Props],
    values: list[str],
    clean: Callable[[str, str], str],
) -> list[str]:
    """The slow path: name where a forbidden character is, or replace it."""
    label = _label(unit, tuid)
    wheres = [label] * (1 + len(unit.props)) + [f"{label} note"] * len(unit.notes)
    for variant, props in zip(variants, vprops, strict=True):
        wheres += [f"{label}, {variant.lang}"] * (len(props) + 1)
    return [clean(value, where) for value, where in zip(values, wheres, strict=True)]


def _warn_long(
    unit: TranslationUnit,
    tuid: str,
    variants: Sequence[Variant],
    texts: Sequence[str],
    counts: dict[str, int],
    warnings: list[str],
) -> None:
    for variant, text in zip(variants, texts, strict=True):
        if len(text) > MAX_SEGMENT_CHARS:
            counts["long"] += 1
            if len(warnings) < 20:
                warnings.append(
                    f"{_label(unit, tuid)}, {variant.lang}: {len(text)} characters, over the "
                    f"{MAX_SEGMENT_CHARS} some CAT tools accept (Trados Cloud)"
                )


def _variant_props(variant: Variant) -> Props:
    props = tuple(p for p in variant.props if p[0] != SEGLENGTHS_PROP)
    if len(variant.segments) > 1:
        # Lengths as the reader will see the segments: codes in their TMX form.
        lengths = " ".join(str(len(tmx_form(s))) for s in variant.segments)
        props += ((SEGLENGTHS_PROP, lengths),)
    return props
