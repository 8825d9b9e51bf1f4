"""PO (gettext) exchange through polib: one file per target language, and reading one back.

Mapping: one entry per bead with pivot segments; the
target-only (0-1) beads after it (before the first one, at the start) are folded into it, so
every segment of both documents is in the file. `msgctxt` = the pivot segment ids
(`3:1+3:2`, unique, so a repeated sentence is never a duplicate entry); `#:` = `lang:id` of each
segment; `#.` = `bead n-m, status, confidence c` and, when a side has several segments,
`lengths en 12 20; es 30` so they can be split again; `#, fuzzy` = not confirmed (fuzzy
entries are dropped by po2tmx and by OmegaT). An empty `msgstr` is a 1-0 bead.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polib

from workbench.core import langtags
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.atomic import write_bytes_atomic
from workbench.core.document import Document
from workbench.core.errors import EncodingError, FormatError, InputError, LanguageTagError
from workbench.core.inline import plain
from workbench.core.langs import DEFAULT_LANG_CODES, join_segments, language_key
from workbench.core.version import __version__
from workbench.formats.plaintext import check_encoding
from workbench.formats.tmx_reader import split_segments
from workbench.formats.tmx_writer import INVALID_XML_CHARS, format_confidence

_COMMENT = re.compile(r"bead (\d+)-(\d+), (auto|confirmed), confidence ([0-9.]+)")
_LENGTHS = re.compile(r"lengths (.*)")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_SYNTAX_LINE = re.compile(r"line (\d+)")
# polib silently mangles some broken lines (a missing closing quote drops a character), so
# every keyword or continuation line is checked first.
# The string is matched as an unrolled loop with possessive repeats: `(?:[^"\\]|\\.)*` kept one
# backtracking frame per character, 740 MB for a 6 MB entry; this takes constant memory.
_PO_LINE = re.compile(
    r'\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"[^"\\]*+(?:\\.[^"\\]*+)*+"\s*'
)


def po_date(creationdate: str | None) -> str:
    """A PO header date from a TMX date (`YYYYMMDDThhmmssZ`), or now."""
    moment = (
        datetime.strptime(creationdate, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if creationdate
        else datetime.now(UTC)
    )
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def _groups(beads: Sequence[Bead]) -> Iterator[list[Bead]]:
    """Beads grouped as PO entries: a bead with pivot segments and the target-only ones after."""
    current: list[Bead] = []
    leading: list[Bead] = []
    for item in beads:
        if item.source:
            if current:
                yield current
            current = [*leading, item]
            leading = []
        elif current:
            current.append(item)
        else:
            leading.append(item)
    if current:
        yield current


def po_entries(
    alignment: Alignment, *, only_confirmed: bool = False, replace_invalid: bool = False
) -> Iterator[polib.POEntry]:
    """The PO entries of one alignment, in order."""
    source, target = alignment.source, alignment.target
    src_texts, tgt_texts = source.texts, target.texts
    src_ids = [s.id for s in source.segments]
    tgt_ids = [s.id for s in target.segments]
    for group in _groups(alignment.beads):
        confirmed = all(b.is_confirmed for b in group)
        if only_confirmed and not confirmed:
            continue
        src = [i for b in group for i in b.source]
        tgt = [j for b in group for j in b.target]
        context = "+".join(src_ids[i] for i in src)
        # Inline codes as the plain text a gettext user expects (`%s`, `{0}`), formatting
        # codes left out: PO has no inline markup of its own.
        msgid = _clean(
            plain(join_segments(source.lang, [src_texts[i] for i in src])),
            context,
            replace_invalid,
        )
        msgstr = _clean(
            plain(join_segments(target.lang, [tgt_texts[j] for j in tgt])),
            context,
            replace_invalid,
        )
        if confirmed:  # msgfmt --check leaves fuzzy entries alone
            _check_newlines(msgid, msgstr, context)
        confidence = min(b.confidence for b in group)
        comment = (
            f"bead {len(src)}-{len(tgt)}, {'confirmed' if confirmed else 'auto'}, "
            f"confidence {format_confidence(confidence)}"
        )
        if len(src) > 1 or len(tgt) > 1:
            lengths = [f"{source.lang} " + " ".join(str(len(src_texts[i])) for i in src)]
            if tgt:
                lengths.append(f"{target.lang} " + " ".join(str(len(tgt_texts[j])) for j in tgt))
            comment += "\nlengths " + "; ".join(lengths)
        occurrences = [(f"{source.lang}:{src_ids[i]}", "") for i in src]
        occurrences += [(f"{target.lang}:{tgt_ids[j]}", "") for j in tgt]
        yield polib.POEntry(
            msgctxt=context,
            msgid=msgid,
            msgstr=msgstr,
            comment=comment,
            occurrences=occurrences,
            flags=[] if confirmed else ["fuzzy"],
        )


def _clean(text: str, context: str, replace_invalid: bool) -> str:
    found = INVALID_XML_CHARS.search(text)
    if found is None:
        return text
    if replace_invalid:
        return INVALID_XML_CHARS.sub("\ufffd", text)
    raise FormatError(
        f"segment {context} contains the control character U+{ord(found.group()):04X}; "
        "remove it or export with --replace-invalid"
    )


def _check_newlines(msgid: str, msgstr: str, context: str) -> None:
    # msgfmt refuses an entry whose msgid and msgstr disagree on a leading/trailing newline.
    if msgstr and (
        msgid.startswith("\n") != msgstr.startswith("\n")
        or msgid.endswith("\n") != msgstr.endswith("\n")
    ):
        raise FormatError(
            f"segment {context}: source and translation differ in a leading or trailing line "
            "break, which gettext refuses; fix the segment text"
        )


def write_po(
    path: str | Path,
    alignment: Alignment,
    *,
    lang_codes: Mapping[str, str] | None = None,
    project: str = "workbench",
    creationdate: str | None = None,
    only_confirmed: bool = False,
    replace_invalid: bool = False,
) -> int:
    """Write one alignment as a PO file (atomically); return the number of entries."""
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    source, target = alignment.pair
    date = po_date(creationdate)
    catalog = polib.POFile(wrapwidth=78)
    catalog.header = (
        f"Alignment of {source} and {target} exported by workbench.\n"
        "msgctxt = bead id (pivot segment ids); fuzzy = alignment not yet confirmed."
    )
    catalog.metadata = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": date,
        "PO-Revision-Date": date,
        "Last-Translator": "workbench",
        "Language-Team": codes.get(target, target),
        "Language": codes.get(target, target).replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"workbench {__version__}",
        "X-Source-Language": codes.get(source, source).replace("-", "_"),
    }
    for entry in po_entries(
        alignment, only_confirmed=only_confirmed, replace_invalid=replace_invalid
    ):
        catalog.append(entry)
    try:
        write_bytes_atomic(path, (str(catalog).rstrip("\n") + "\n").encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror or exc}", path) from None
    return len(catalog)


# The charset names every gettext accepts (gettext's "portable encoding names"; from 0.22 on
# msgfmt and msgmerge refuse others such as "windows-1251" or "ISO8859-1"), by Python codec.
_PORTABLE = {
    "ascii": "ASCII",
    "utf-8": "UTF-8",
    **{f"iso8859-{n}": f"ISO-8859-{n}" for n in (*range(1, 10), 13, 14, 15)},
    "koi8-r": "KOI8-R",
    "koi8-u": "KOI8-U",
    "koi8-t": "KOI8-T",
    **{f"cp{n}": f"CP{n}" for n in (850, 866, 874, 932, 949, 950, *range(1250, 1259))},
    "gb2312": "GB2312",
    "gbk": "GBK",
    "gb18030": "GB18030",
    "euc_jp": "EUC-JP",
    "euc_kr": "EUC-KR",
    "big5": "BIG5",
    "big5hkscs": "BIG5-HKSCS",
    "shift_jis": "SHIFT_JIS",
    "johab": "JOHAB",
    "tis-620": "TIS-620",
}


def portable_charset(charset: str) -> str:
    """The gettext-portable name of `charset` ("windows-1251" -> "CP1251"), else "UTF-8".

    A catalogue is written back in its own encoding under a name every gettext accepts; one
    whose encoding has no such name is written in UTF-8, which holds any text.
    """
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return "UTF-8"
    return _PORTABLE.get(name, "UTF-8")


def set_charset(catalog: polib.POFile, charset: str) -> None:
    """Name `charset` in the catalogue's Content-Type header (and encode the file in it)."""
    content_type = catalog.metadata.get("Content-Type", "text/plain; charset=UTF-8")
    if "charset=" in content_type:
        content_type = re.sub(r"charset=[^\s;]*", f"charset={charset}", content_type)
    else:
        content_type = f"{content_type.rstrip('; ')}; charset={charset}"
    catalog.metadata["Content-Type"] = content_type
    catalog.encoding = charset


def read_po_text(path: str | Path) -> str:
    """The PO file's text, decoded by its header charset; BOM dropped, UTF-16 refused by name."""
    data = Path(path).read_bytes() if Path(path).is_file() else None
    if data is None:
        raise InputError("no such PO file", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EncodingError("PO in UTF-16 is not supported by gettext; convert it to UTF-8", path)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    found = _CHARSET.search(data[:8192])
    charset = found.group(1).decode("ascii") if found else "utf-8"
    if charset.upper() == "CHARSET":  # the xgettext template placeholder
        charset = "utf-8"
    try:
        check_encoding(charset, path)
    except EncodingError as exc:
        raise EncodingError(f"the PO header's charset: {exc.problem}", path) from None
    try:
        return data.decode(charset)
    except LookupError:
        raise EncodingError(f"unknown charset {charset!r} in the PO header", path) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(f"not valid {charset} (byte {exc.start})", path, line) from None


_BARE_COMMENT = re.compile(r"^#(?=[^\s.:,|~])", re.MULTILINE)


def parse_catalog(content: str, path: str | Path) -> polib.POFile:
    """The catalogue of checked PO text (see `check_po_syntax`); FormatError names the line.

    gettext takes `#word` as a translator comment; polib refuses it, so such lines get the
    space polib expects (a Drupal catalogue starts with `#Abbreviated ...`).
    """
    check_po_syntax(content, path)
    try:
        return polib.pofile(_BARE_COMMENT.sub("# ", content), wrapwidth=78)
    except (OSError, ValueError) as exc:
        found = _SYNTAX_LINE.search(str(exc))
        raise FormatError(
            f"malformed PO: {exc}", path, int(found.group(1)) if found else None
        ) from None


def live_entries(catalog: polib.POFile) -> list[polib.POEntry]:
    """The entries an import reads, in order: not obsolete, with a msgid."""
    return [e for e in catalog if not e.obsolete and e.msgid]


def plural_forms(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(source, translation) of each form: msgid with msgstr[0], msgid_plural with the rest."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    count = max(len(entry.msgstr_plural), 2)
    return [
        (entry.msgid if n == 0 else entry.msgid_plural, entry.msgstr_plural.get(n, ""))
        for n in range(count)
    ]


def check_po_syntax(content: str, path: str | Path) -> None:
    """Raise FormatError naming the first line that is not a comment, keyword or string."""
    for number, line in enumerate(content.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _PO_LINE.fullmatch(line) is None:
            raise FormatError(
                f"malformed PO: expected msgctxt/msgid/msgstr and a quoted string, found "
                f"{stripped[:40]!r}",
                path,
                number,
            )


@dataclass(slots=True)
class _Side:
    lang: str
    segments: list[str] = field(default_factory=list)
    ids: list[str | None] = field(default_factory=list)

    def add(self, segments: Sequence[str], ids: Sequence[str]) -> range:
        start = len(self.segments)
        self.segments.extend(segments)
        if len(ids) == len(segments):
            self.ids.extend(ids)
        else:
            self.ids.extend([None] * len(segments))
        return range(start, len(self.segments))

    def ids_are_ours(self) -> bool:
        """True when every segment has a `paragraph:sentence` id (a PO this tool wrote)."""
        return bool(self.ids) and all(i is not None and _paragraph(i) is not None for i in self.ids)

    def document(self, name: str, entries: Sequence[range], ours: bool) -> Document:
        # Our own PO names each segment's id: paragraphs as they were. Any other catalogue
        # gives one paragraph per entry (paragraph n = the n-th entry read, which is how
        # `po_catalog` finds an entry's translation again).
        paragraphs: list[list[str]] = []
        if ours:
            last: int | None = None
            for text, ident in zip(self.segments, self.ids, strict=True):
                number = _paragraph(ident or "")
                if number != last:
                    paragraphs.append([])
                    last = number
                paragraphs[-1].append(text)
        else:
            paragraphs = [self.segments[r.start : r.stop] for r in entries if len(r)]
        return Document(self.lang, paragraphs, name)


def _paragraph(ident: str) -> int | None:
    head, sep, tail = ident.partition(":")
    return int(head) if sep and head.isdigit() and tail.isdigit() else None


def import_po(
    path: str | Path,
    pivot: str = "en",
    *,
    lang: str | None = None,
    warnings: list[str] | None = None,
) -> ParallelText:
    """Read a PO file into a two-language ParallelText (pivot = msgid, target = msgstr)."""
    content = read_po_text(path)
    catalog = parse_catalog(content, path)
    written = lang or catalog.metadata.get("Language", "")
    target, code = _header_language(written, path, pivot)
    if not target:
        raise FormatError("the PO header has no Language; pass --lang", path)
    if target == pivot:
        raise InputError(f"the PO target language {target} is the pivot; pass --pivot", path)
    src, tgt = _Side(pivot), _Side(target)
    plain = 0  # entries read as one bead (not plural)
    beads: list[Bead] = []
    ranges: tuple[list[range], list[range]] = ([], [])
    for entry in live_entries(catalog):
        if entry.msgid_plural:
            # One bead per plural form, all in the entry's paragraph: msgid with msgstr[0],
            # msgid_plural with msgstr[1..]; the catalogue kept in the project puts them back.
            start = (len(src.segments), len(tgt.segments))
            for source_text, translation in plural_forms(entry):
                s = src.add([source_text], [])
                t = tgt.add([translation], []) if translation.strip() else range(0)
                confirmed = bool(t) and "fuzzy" not in entry.flags
                status = BeadStatus.CONFIRMED if confirmed else BeadStatus.AUTO
                beads.append(Bead(tuple(s), tuple(t), status, 1.0 if confirmed else 0.0))
            ranges[0].append(range(start[0], len(src.segments)))
            ranges[1].append(range(start[1], len(tgt.segments)))
            continue
        info = _COMMENT.search(entry.comment or "")
        lengths = _lengths(entry.comment or "")
        refs = [f"{f}:{n}" if n else f for f, n in entry.occurrences]
        source_range = src.add(
            split_segments(pivot, entry.msgid, lengths.get(pivot)),
            [r.partition(":")[2] for r in refs if r.startswith(pivot + ":")],
        )
        msgstr = entry.msgstr
        if msgstr and not msgstr.strip():
            # A white-space translation (OmegaT writes them) would be an empty segment, which no
            # project may hold: read it as untranslated, and say so.
            if warnings is not None:
                warnings.append(
                    f"{path}:{entry.linenum}: the msgstr is only white space; read as untranslated"
                )
            msgstr = ""
        target_segments = split_segments(target, msgstr, lengths.get(target)) if msgstr else ()
        target_range = tgt.add(
            target_segments, [r.partition(":")[2] for r in refs if r.startswith(target + ":")]
        )
        ranges[0].append(source_range)
        ranges[1].append(target_range)
        beads.append(Bead(tuple(source_range), tuple(target_range), *_status(entry, info)))
        plain += 1
    if not beads:
        raise FormatError("the PO file has no entry to import", path)
    if not tgt.segments:
        raise FormatError(
            f"none of the {len(ranges[0])} entries has a translation (a template?); a project "
            "needs text in both languages",
            path,
        )
    name = Path(path).name
    single = plain == len(ranges[0])
    source_doc = src.document(name, ranges[0], single and src.ids_are_ours())
    target_doc = tgt.document(name, ranges[1], single and tgt.ids_are_ours())
    text = ParallelText(
        pivot,
        {pivot: source_doc, target: target_doc},
        {target: Alignment(source_doc, target_doc, beads)},
    )
    text.lang_codes = {target: code}
    return text


def _header_language(value: str, path: str | Path, pivot: str) -> tuple[str, str]:
    """The workbench language and the tag of a PO `Language:` header (a POSIX locale such as
    `pt_BR`, `sr@latin`, `de_DE.UTF-8`), never a path.

    The language is named as a TMX variant is (`language_key`: `es_ES` -> es, `pt_BR` ->
    pt-BR); a target of the pivot's language (`en_US` for an `en` pivot) keeps its whole tag.
    """
    value = value.strip()
    if not value:
        return "", ""
    locale = value.partition("@")[0].partition(".")[0]
    try:
        tag = langtags.parse(locale or value, source="PO Language header", registered=False)
    except LanguageTagError as exc:
        raise FormatError(f"{exc.problem}; pass --lang", path, _header_line(path)) from None
    key = language_key(tag.tag)
    return (tag.tag if key == pivot else key), tag.tag


def _header_line(path: str | Path) -> int | None:
    try:
        with open(path, "rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.lstrip().startswith(b'"Language:'):
                    return number
    except OSError:
        return None
    return None


def _lengths(comment: str) -> dict[str, str]:
    found = _LENGTHS.search(comment)
    if found is None:
        return {}
    result: dict[str, str] = {}
    for part in found.group(1).split(";"):
        code, _, numbers = part.strip().partition(" ")
        result[code] = numbers
    return result


def _status(entry: polib.POEntry, info: re.Match[str] | None) -> tuple[BeadStatus, float]:
    if "fuzzy" in entry.flags:
        status = BeadStatus.AUTO
    elif entry.msgstr.strip():
        status = BeadStatus.CONFIRMED
    else:  # untranslated: confirmed only if our own comment says a person confirmed a 1-0 bead
        confirmed = info is not None and info.group(3) == "confirmed"
        status = BeadStatus.CONFIRMED if confirmed else BeadStatus.AUTO
    default = 1.0 if status is BeadStatus.CONFIRMED else 0.0
    if info is None:
        return status, default
    try:
        confidence = float(info.group(4))
    except ValueError:
        return status, default
    return status, confidence if 0.0 <= confidence <= 1.0 else default
