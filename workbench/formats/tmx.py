"""TMX 1.4 exchange: a streaming writer (one string per TU) and a streaming reader (safe iterparse).

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

The reader streams `<tu>` elements through `workbench.formats.xmlsafe.iterparse_safe` and
clears each one after use, so memory stays bounded by one TU. It reads `xml:lang` (TMX 1.4)
or `lang` (TMX 1.1-1.3), maps language codes back to workbench languages, keeps the text of
`<hi>` and drops native codes (`<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from typing import IO, NamedTuple

from lxml import etree

from workbench import __version__
from workbench.core.atomic import atomic_write
from workbench.core.errors import EncodingError, FormatError, InputError
from workbench.formats.xmlsafe import iterparse_safe

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEFAULT_LANG_CODES: dict[str, str] = {"en": "en-US", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN"}
MAX_SEGMENT_CHARS = 2000
NO_SPACE_LANGS = frozenset({"zh", "ja"})
SEGLENGTHS_PROP = "x-seglengths"
PROGRESS_EVERY = 1000
FLUSH_UNITS = 1000  # TUs (~1 MB) encoded and written at once
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Native-code elements whose content is markup of the original format, not translatable text.
_CODE_TAGS = frozenset({"bpt", "ept", "ph", "it", "ut", "sub"})

Progress = Callable[[int, int], None]
Props = tuple[tuple[str, str], ...]


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


def join_segments(lang: str, segments: Sequence[str]) -> str:
    """Segments as one text: joined with a space, or with nothing for Chinese and Japanese."""
    return segment_joiner(lang).join(segments)


def segment_joiner(lang: str) -> str:
    """The string put between two segments of `lang` when they form one TU side."""
    return "" if base_lang(lang) in NO_SPACE_LANGS else " "


def base_lang(code: str) -> str:
    """The primary language subtag, lower-cased: "zh-Hans-CN" -> "zh", "EN_us" -> "en"."""
    return code.replace("_", "-").split("-")[0].lower()


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


def escape_text(text: str) -> str:
    """`text` as element content, as lxml writes it: `&amp;`, `&lt;`, `&gt;`, CR as `&#13;`."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def escape_attr(text: str) -> str:
    """`text` as a `"`-quoted attribute value, as lxml writes it (`&quot;`, `&#10;`, `&#9;`)."""
    text = escape_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


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
        parts = ['<tu tuid="%s">']
        for name, _ in props:
            parts.append(f'\n    <prop type="{self._type(name)}">%s</prop>')
        parts.extend(["\n    <note>%s</note>"] * notes)
        for lang, vprops in zip(self.order, variants, strict=True):
            parts.append(f'\n    <tuv xml:lang="{self.codes[lang]}">')
            for name, _ in vprops:
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
    Raises FormatError for a character XML forbids unless `replace_invalid` is set.
    `progress(done, total)` is called every 1,000 TUs; it may raise CancelledError to stop,
    and then nothing is written (the temporary file is removed).
    """
    target = Path(path)
    order = tuple(dict.fromkeys([srclang, *langs]))
    given = lang_codes or {}
    codes = {lang: given.get(lang) or DEFAULT_LANG_CODES.get(lang, lang) for lang in order}
    _check_codes(codes)
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


def _check_codes(codes: Mapping[str, str]) -> None:
    # Two variants of one language in a TU (zh-Hans and zh-Hant, es-ES and es-MX) make OmegaT
    # take whichever comes last, and our reader keep the first: refuse them in one file.
    seen: dict[str, tuple[str, str]] = {}
    for lang, code in codes.items():
        if not code or INVALID_XML_CHARS.search(code) or any(c.isspace() for c in code):
            raise InputError(f"language code {code!r} for {lang!r} is not a valid xml:lang")
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
    if _INVALID_BUT_SEP.search(joined) is not None or joined.count(_SEP) != len(values) - 1:
        values = _clean_values(unit, tuid, variants, vprops, values, clean)
        joined = _SEP.join(values)
    if max(map(len, texts)) > MAX_SEGMENT_CHARS:
        _warn_long(unit, tuid, variants, texts, counts, warnings)
    template = templates.get(unit.props, len(unit.notes), vprops)
    escaped = escape_text(joined).split(_SEP)
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
        lengths = " ".join(str(len(s)) for s in variant.segments)
        props += ((SEGLENGTHS_PROP, lengths),)
    return props


class TmxReader:
    """Stream the TUs of a TMX file; `header` is set once the header has been read.

    `lang_codes` maps workbench languages to codes; a code found in the file maps back through
    it (case-insensitive), else to its primary subtag ("es-MX" -> "es"). A TU with two variants
    of one language keeps the first and records a warning.
    """

    def __init__(self, path: str | Path, lang_codes: Mapping[str, str] | None = None) -> None:
        self.path = Path(path)
        self.header: TmxHeader | None = None
        self.warnings: list[str] = []
        self._back = {code.lower(): lang for lang, code in (lang_codes or {}).items()}
        self._langs: dict[str, str] = {}

    def lang_of(self, code: str) -> str:
        """The workbench language of a TMX language code."""
        found = self._langs.get(code)
        if found is None:
            found = self._langs[code] = self._back.get(code.lower()) or base_lang(code)
        return found

    def __iter__(self) -> Iterator[TranslationUnit]:
        try:
            yield from self._units()
        except FormatError as exc:
            problem = exc.problem
            if "utf-8" in problem.lower() or "encoding" in problem.lower():
                raise EncodingError(
                    f"not readable in its declared encoding ({problem}); TMX must be UTF-8 "
                    "or declare its encoding in the XML declaration",
                    self.path,
                    exc.line,
                ) from None
            raise

    def _open(self) -> IO[bytes]:
        try:
            return open(self.path, "rb")
        except FileNotFoundError:
            raise InputError("no such TMX file", self.path) from None
        except IsADirectoryError:
            raise InputError("is a folder, not a TMX file", self.path) from None
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror or exc}", self.path) from None

    def _units(self) -> Iterator[TranslationUnit]:
        with self._open() as stream:
            events = iterparse_safe(stream, tag=("tmx", "header", "tu"))
            count = 0
            for event, element in events:
                if event == "start":
                    if count == 0 and self.header is None:
                        root = element.getroottree().getroot()
                        if root.tag != "tmx":
                            raise FormatError(
                                f"not a TMX file: the root is <{root.tag}>", self.path, 1
                            )
                    continue
                tag = element.tag
                if tag == "tu":
                    count += 1
                    yield self._unit(element, count)
                    element.clear()
                    parent = element.getparent()
                    if parent is not None:
                        while element.getprevious() is not None:
                            del parent[0]
                elif tag == "header":
                    self.header = _read_header(element)
                elif tag == "tmx" and self.header is None:
                    raise FormatError("no <header> in the TMX file", self.path)
        if self.header is None:
            raise FormatError(f"not a TMX file: {self._root_problem()}", self.path, 1)

    def _root_problem(self) -> str:
        with self._open() as stream:
            for _, element in iterparse_safe(stream):
                if element.tag != "tmx":
                    return f"the root is <{element.tag}>"
                return "no <header> in <tmx>"
        return "no XML element"

    def _unit(self, tu: etree._Element, number: int) -> TranslationUnit:
        # The hot loop of a 1M-TU import: one pass over the children, no helper calls for the
        # usual `<tuv><prop/>*<seg>text</seg></tuv>`.
        props: list[tuple[str, str]] = []
        notes: list[str] = []
        variants: dict[str, Variant] = {}
        for child in tu:
            tag = child.tag
            if tag == "tuv":
                code = child.get(XML_LANG) or child.get("lang")
                if not code:
                    raise FormatError(
                        f"TU {number}: <tuv> without xml:lang", self.path, _line(child)
                    )
                lang = self._langs.get(code) or self.lang_of(code)
                if lang in variants:
                    self.warnings.append(
                        f"{self.path}:{child.sourceline}: TU {number} has a second {lang} "
                        f"variant ({code}); kept the first"
                    )
                    continue
                vprops: list[tuple[str, str]] = []
                text = ""
                lengths = None
                for item in child:
                    name = item.tag
                    if name == "prop":
                        kind = item.get("type", "")
                        if kind == SEGLENGTHS_PROP:
                            lengths = item.text
                        else:
                            vprops.append((kind, item.text or ""))
                    elif name == "seg":
                        text = (item.text or "") if len(item) == 0 else seg_text(item)
                segments = (text,) if lengths is None else split_segments(lang, text, lengths)
                variants[lang] = _new(Variant, (lang, segments, tuple(vprops), code))
            elif tag == "prop":
                props.append((child.get("type", ""), child.text or ""))
            elif tag == "note":
                notes.append(child.text or "")
        return _new(
            TranslationUnit,
            (tuple(variants.values()), tuple(props), tuple(notes), tu.get("tuid", ""), ""),
        )


# NamedTuple construction without its Python-level `__new__` (every field given): ~0.5 us less
# per tuple, five tuples per four-language TU read.
_new = tuple.__new__


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _read_header(header: etree._Element) -> TmxHeader:
    props = tuple((c.get("type", ""), c.text or "") for c in header if c.tag == "prop")
    notes = tuple(c.text or "" for c in header if c.tag == "note")
    attributes = {str(k): str(v) for k, v in header.attrib.items()}
    return TmxHeader(attributes, props, notes)


def seg_text(seg: etree._Element) -> str:
    """The text of a `<seg>`: its text and `<hi>` text, without native codes."""
    if len(seg) == 0:
        return seg.text or ""
    parts = [seg.text or ""]
    for child in seg:
        # <hi> and unknown elements carry text; native codes and comments do not.
        if isinstance(child.tag, str) and child.tag not in _CODE_TAGS:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def split_segments(lang: str, text: str, lengths: str | None) -> tuple[str, ...]:
    """Split a `<seg>` text back into segments by `x-seglengths`; one segment if it won't fit."""
    if not lengths:
        return (text,)
    try:
        sizes = [int(part) for part in lengths.split()]
    except ValueError:
        return (text,)
    joiner = segment_joiner(lang)
    if len(sizes) < 2 or min(sizes) < 0 or sum(sizes) + len(joiner) * (len(sizes) - 1) != len(text):
        return (text,)
    segments: list[str] = []
    position = 0
    for size in sizes:
        segments.append(text[position : position + size])
        position += size
        if position < len(text):
            if text[position : position + len(joiner)] != joiner:
                return (text,)
            position += len(joiner)
    return tuple(segments)
