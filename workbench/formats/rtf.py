"""Rich Text Format (.rtf) in: the paragraphs of the body, footnotes apart.

A small tokenizer after the RTF 1.9.1 specification: groups, control words, `\\'hh` bytes in
the code page of the current font (`\\fcharset`) or of the document (`\\ansicpg`), `\\uN`
with its `\\ucN` fallback characters skipped, `\\binN` data skipped. Destinations that are not
text (font and colour tables, pictures, objects, headers and footers, fields' instructions)
are skipped; `\\footnote` groups become paragraphs after the body. Linear in the file size;
the nesting depth is bounded.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.core.segmentation import split_paragraphs
from workbench.formats.furniture import Cleaned

MAX_RTF_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 500
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
    re.DOTALL,
)
# Destinations whose text is not the document's (RTF 1.9.1 lists more; any group opened by
# \* is skipped too).
_SKIPPED = frozenset(
    b"""fonttbl colortbl stylesheet info pict object objdata header headerl headerr headerf
    footer footerl footerr footerf listtable listoverridetable rsidtbl generator xmlnstbl
    themedata colorschememapping latentstyles datastore fldinst pntext pntxta pntxtb
    filetbl revtbl bkmkstart bkmkend annotation atnid atnauthor atnref comment
    ftnsep ftnsepc ftncn aftnsep aftnsepc aftncn template userprops docvar
    shpinst shppict nonshppict blipuid""".split()
)
_SPECIAL = {
    b"line": "\n",
    b"tab": "\t",
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"emspace": "\u2003",
    b"enspace": "\u2002",
    b"qmspace": "\u2005",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"zwj": "\u200d",
    b"zwnj": "\u200c",
}
_BREAKS = frozenset([b"par", b"sect", b"page", b"cell", b"row", b"nestcell"])
_SYMBOLS = {b"~": "\u00a0", b"-": "\u00ad", b"_": "\u2011", b"{": "{", b"}": "}", b"\\": "\\"}
# \fcharset numbers to Python codecs (RTF 1.9.1, "Font table").
_CHARSETS = {
    0: "cp1252",
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    255: "cp850",
}


@dataclass(slots=True)
class _State:
    skip: bool = False
    uc: int = 1
    font: int | None = None
    in_footnote: bool = False
    in_fonttbl: bool = False


@dataclass(slots=True)
class _Out:
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    pending: bytearray = field(default_factory=bytearray)
    pending_codec: str = "cp1252"


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"


def _parse(data: bytes, path: str | Path) -> Cleaned:
    if not data.lstrip()[:5] == b"{\\rtf":
        raise FormatError("not an RTF file (it does not start with {\\rtf)", path)
    stack: list[_State] = []
    opened: list[int] = []  # where each open group's brace is, for an unclosed group's line
    state = _State()
    out = _Out()
    fonts: dict[int, str] = {}
    default_codec = "cp1252"
    skip_chars = 0
    defining_font: int | None = None
    note_count = 0
    position = 0
    length = len(data)

    def target() -> list[str]:
        return out.note if state.in_footnote else out.body

    def flush_bytes() -> None:
        if out.pending:
            target().append(bytes(out.pending).decode(out.pending_codec, errors="replace"))
            out.pending.clear()

    def emit(text: str) -> None:
        flush_bytes()
        target().append(text)

    while position < length:
        match = _TOKEN.match(data, position)
        if match is None:  # a lone backslash at the very end
            break
        position = match.end()
        word, arg, hexbyte, symbol, brace, text = match.groups()
        if brace == b"{":
            if len(stack) >= MAX_DEPTH:
                raise UnsafeInputError(f"groups nested deeper than {MAX_DEPTH}; refused", path)
            stack.append(state)
            opened.append(match.start())
            state = _State(state.skip, state.uc, state.font, state.in_footnote, state.in_fonttbl)
            continue
        if brace == b"}":
            flush_bytes()
            if state.in_footnote and stack and not stack[-1].in_footnote:
                out.notes.extend(" ".join(p.split()) for p in split_paragraphs("".join(out.note)))
                out.note.clear()
            if stack:
                state = stack.pop()
                opened.pop()
            continue
        if skip_chars and (hexbyte is not None or text is not None or symbol is not None):
            if text is not None:
                # A run of text counts one fallback character per character.
                used = min(skip_chars, len(text))
                skip_chars -= used
                text = text[used:]
                if not text:
                    continue
            else:
                skip_chars -= 1
                continue
        if word is not None:
            name = word.lower()
            value = int(arg) if arg is not None else None
            if name == b"bin" and value:
                position += max(0, value)
                continue
            if state.in_fonttbl:
                if name == b"f" and value is not None:
                    defining_font = value
                elif name == b"fcharset" and value is not None and defining_font is not None:
                    fonts[defining_font] = _CHARSETS.get(value, default_codec)
                continue
            if name == b"fonttbl":
                state.in_fonttbl = True
                state.skip = True
            elif name in _SKIPPED:
                state.skip = True
            elif name == b"footnote":
                flush_bytes()
                # Written {\*\footnote ...}: the \* is for readers that drop notes.
                state.skip = bool(stack) and stack[-1].skip
                state.in_footnote = True
                note_count += 1
                out.note.append(f"{note_count} ")
            elif name == b"ansicpg" and value is not None:
                default_codec = _codec(f"cp{value}")
            elif name == b"uc" and value is not None:
                state.uc = max(0, value)
            elif name == b"f" and value is not None:
                flush_bytes()
                state.font = value
            elif state.skip:
                continue
            elif name == b"u" and value is not None:
                emit(chr(value + 65536 if value < 0 else value) if -32768 <= value < 65536 else "")
                skip_chars = state.uc
            elif name in _BREAKS:
                emit("\n\n")
            elif name in _SPECIAL:
                emit(_SPECIAL[name])
            continue
        if state.skip:
            continue
        if symbol is not None:
            if symbol == b"*":
                state.skip = True
            elif symbol in _SYMBOLS:
                emit(_SYMBOLS[symbol])
            elif symbol in (b"\n", b"\r"):
                emit("\n\n")
            continue
        if hexbyte is not None:
            codec = (
                fonts.get(state.font, default_codec) if state.font is not None else default_codec
            )
            if out.pending and out.pending_codec != codec:
                flush_bytes()
            out.pending_codec = codec
            out.pending.append(int(hexbyte, 16))
            continue
        if text is not None:
            emit(text.decode("latin-1"))
    flush_bytes()
    if opened:
        # Word always closes every group: an open one at the end means the file was cut short
        # (the text after the cut is missing), which a translator needs to know.
        raise FormatError(
            f"the file ends inside {len(opened)} open group(s): it looks cut short",
            path,
            data.count(b"\n", 0, opened[-1]) + 1,
        )
    body = split_paragraphs(_pairs("".join(out.body)).replace("\u00ad", ""))
    notes = [_pairs(note) for note in out.notes]
    return Cleaned([" ".join(p.split(" ")).strip() for p in body], notes, [])


def _pairs(text: str) -> str:
    """Join UTF-16 surrogate pairs (`\\uN` writes a character past U+FFFF as two); a lone
    half becomes U+FFFD."""
    if not any("\ud800" <= c <= "\udfff" for c in text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def read_rtf(path: str | Path) -> Cleaned:
    """The paragraphs and footnotes of an RTF file."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_RTF_BYTES:
            raise UnsafeInputError(f"the file is larger than {MAX_RTF_BYTES >> 20} MB", path)
        data = source.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path) from None
    return _parse(data, path)
