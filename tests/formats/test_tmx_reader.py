"""The TMX reader's three paths read the same: pieces in this process, pieces in worker
processes, and the streamed parser they fall back to (which also names every error)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.core.inline import codes, visible
from workbench.formats import tmx_reader as tmx
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import TranslationUnit

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="T" creationtoolversion="1" segtype="sentence" o-tmf="t"
 adminlang="en" srclang="en-US" datatype="plaintext">
  <prop type="x-header">kept</prop>
</header>
<body>
"""
TAIL = "</body>\n</tmx>\n"
_STREAMED = TmxReader._streamed_units  # the streamed parser alone, for expected results


def varied_tu(i: int) -> str:
    """TUs of every shape the reader handles, chosen by `i`."""
    kind = i % 7
    if kind == 0:  # plain, two languages, TU-level props and a note
        return (
            f'<tu tuid="{i}"><prop type="x-bead">1-1</prop><note>n{i}</note>\n'
            f'  <tuv xml:lang="en-US"><seg>One &amp; {i} &lt;x&gt;</seg></tuv>\n'
            f'  <tuv xml:lang="es-ES"><prop type="x-status">auto</prop><seg>Uno {i}</seg></tuv>\n'
            "</tu>\n"
        )
    if kind == 1:  # inline codes and <hi>, no tuid
        return (
            '<tu>\n  <tuv xml:lang="en-US"><seg><bpt i="1">&lt;b&gt;</bpt>Bold'
            f'<ept i="1">&lt;/b&gt;</ept> <hi>{i}</hi> end</seg></tuv>\n'
            f'  <tuv xml:lang="ru-RU"><seg>Жирный {i}</seg></tuv>\n</tu>\n'
        )
    if kind == 2:  # several segments in one <seg>, zh without spaces
        return (
            f'<tu tuid="{i}"><tuv xml:lang="en-US"><prop type="x-seglengths">2 3</prop>'
            f'<seg>Ab Cde</seg></tuv><tuv xml:lang="zh-CN"><prop type="x-seglengths">2 1</prop>'
            f"<seg>甲乙丙</seg></tuv></tu>\n"
        )
    if kind == 3:  # a second variant of one language (a warning), TMX 1.1 `lang`
        return (
            f'<tu tuid="{i}"><tuv lang="EN-US"><seg>First {i}</seg></tuv>'
            f'<tuv xml:lang="en"><seg>Second {i}</seg></tuv></tu>\n'
        )
    if kind == 4:  # comments, a processing instruction and CR/tab in text, empty <seg>
        return (
            f'<!-- before {i} --><tu tuid="{i}"><?pi x?><tuv xml:lang="en-US">'
            f'<seg>a&#13;b\tc {i}</seg></tuv><tuv xml:lang="es-ES"><seg/></tuv></tu>\n'
        )
    if kind == 5:  # an empty TU, written `<tu/>` (no `</tu>` to cut after)
        return f'<tu tuid="{i}"/>\n'
    return (  # CDATA
        f'<tu tuid="{i}"><tuv xml:lang="en-US"><seg><![CDATA[x < y & {i}]]></seg></tuv></tu>\n'
    )


def write(path: Path, body: str, head: str = HEAD, tail: str = TAIL) -> Path:
    path.write_text(head + body + tail, encoding="utf-8")
    return path


def streamed(path: Path) -> tuple[list[TranslationUnit], list[str]]:
    reader = TmxReader(path, workers=0)
    units = list(_STREAMED(reader))
    return units, reader.warnings


def read(path: Path, workers: int) -> tuple[list[TranslationUnit], list[str], TmxReader]:
    reader = TmxReader(path, workers=workers)
    units = list(reader)
    return units, reader.warnings, reader


@pytest.fixture
def fallbacks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The `skip` of each fall back to the streamed parser."""
    calls: list[int] = []
    original = TmxReader._streamed_units

    def spy(self: TmxReader, skip: int = 0) -> object:
        calls.append(skip)
        return original(self, skip)

    monkeypatch.setattr(TmxReader, "_streamed_units", spy)
    return calls


@pytest.fixture
def varied(tmp_path: Path) -> Path:
    # ~200 KB: several 64 KB pieces in this process
    return write(tmp_path / "varied.tmx", "".join(varied_tu(i) for i in range(1400)))


def test_pieces_read_what_the_streamed_parser_reads(varied: Path, fallbacks: list[int]) -> None:
    expected, warnings = streamed(varied)
    units, got_warnings, reader = read(varied, workers=0)
    assert fallbacks == []
    assert len(expected) == 1400
    assert units == expected
    assert got_warnings == warnings and len(warnings) == 200
    assert reader.header is not None and reader.header.props == (("x-header", "kept"),)
    # spot checks of what the shapes become
    (bold,) = units[1].variants[0].segments
    assert visible(bold) == "Bold 1 end"
    assert [c.element for c in codes(bold)] == ["bpt", "ept", "hi", "hi"]
    assert units[2].variant("zh") is not None
    assert units[2].variant("zh").segments == ("甲乙", "丙")  # type: ignore[union-attr]
    assert units[4].variant("en").segments == ("a\rb\tc 4",)  # type: ignore[union-attr]
    assert units[6].variant("en").segments == ("x < y & 6",)  # type: ignore[union-attr]


@pytest.mark.parametrize("piece", [20_000, 100])  # ~10 pieces; pieces smaller than a TU
def test_worker_processes_read_what_the_streamed_parser_reads(
    varied: Path, monkeypatch: pytest.MonkeyPatch, fallbacks: list[int], piece: int
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", piece)
    expected, warnings = streamed(varied)
    units, got_warnings, _ = read(varied, workers=2)
    assert fallbacks == []
    assert units == expected
    assert [type(u) for u in units[:2]] == [TranslationUnit, TranslationUnit]
    assert got_warnings == warnings  # TU numbers and lines as in the file


def test_warnings_name_the_line_of_the_second_variant(varied: Path) -> None:
    _, warnings, _ = read(varied, workers=0)
    lines = varied.read_text("utf-8").splitlines()
    for warning in warnings[:5] + warnings[-5:]:
        line = int(warning.split(":")[1])
        number = warning.split("TU ")[1].split()[0]
        assert f"Second {int(number) - 1}" in lines[line - 1]


def test_a_large_file_is_read_by_workers_by_default(
    varied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_MIN_BYTES", 1000)
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    for cpus, workers in ((1, 0), (2, 1), (3, 2), (16, tmx.MAX_WORKERS)):
        monkeypatch.setattr(tmx, "available_cpus", lambda cpus=cpus: cpus)
        with open(varied, "rb") as stream:  # the workers and this process: one per CPU
            assert TmxReader(varied)._worker_count(stream) == workers
    assert list(TmxReader(varied)) == streamed(varied)[0]
    monkeypatch.setattr(tmx, "PARALLEL_MIN_BYTES", 10**9)
    with open(varied, "rb") as stream:
        assert TmxReader(varied)._worker_count(stream) == 0  # a small file: no workers
    with open(varied, "rb") as stream:
        assert TmxReader(varied, workers=3)._worker_count(stream) == 3


# Files the pieces cannot take: each is read by the streamed parser, with the same result.
# Longer than any piece, so that some cut falls inside them.
MANY_END_TAGS = "</tu> " * 20_000
AWKWARD = {
    "end tags in a comment": (HEAD, f"<!-- {MANY_END_TAGS} -->\n", TAIL),
    "end tags in CDATA": (
        HEAD,
        f'<tu><tuv xml:lang="en"><seg><![CDATA[a {MANY_END_TAGS}]]></seg></tuv></tu>\n',
        TAIL,
    ),
    "end tag written with a space": (HEAD, "", TAIL),
    "latin-1 declared": (
        HEAD.replace("UTF-8", "ISO-8859-1"),
        '<tu><tuv xml:lang="es"><seg>Año</seg></tuv></tu>\n',
        TAIL,
    ),
    "prefix declared on the root": (
        HEAD.replace('<tmx version="1.4">', '<tmx version="1.4" xmlns:x="urn:x">'),
        '<tu x:a="1"><tuv xml:lang="en"><seg>Prefixed</seg></tuv></tu>\n',
        TAIL,
    ),
}


@pytest.mark.parametrize("case", sorted(AWKWARD))
@pytest.mark.parametrize("workers", [0, 2])
def test_awkward_files_fall_back_to_the_streamed_parser(
    tmp_path: Path, case: str, workers: int, monkeypatch: pytest.MonkeyPatch, fallbacks: list[int]
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    head, awkward, tail = AWKWARD[case]
    before = "".join(varied_tu(i) for i in range(1000))  # more than one piece
    after = "".join(varied_tu(i) for i in range(1000, 1300))
    if case == "end tag written with a space":
        awkward = '<tu tuid="x"><tuv xml:lang="en"><seg>Spaced</seg></tuv></tu >\n'
        after = ""  # such a TU is read from what follows the last `</tu>`
    path = tmp_path / "awkward.tmx"
    encoding = "latin-1" if "latin-1" in case else "utf-8"
    path.write_bytes((head + before + awkward + after + tail).encode(encoding, "xmlcharrefreplace"))
    expected, warnings = streamed(path)
    units, got_warnings, _ = read(path, workers)
    assert units == expected
    assert got_warnings == warnings
    awkward_texts = ("Año", "a " + MANY_END_TAGS, "Spaced", "Prefixed")
    assert case == "end tags in a comment" or any(
        u.variants and u.variants[0].segments[0] in awkward_texts for u in units
    )
    if case in ("latin-1 declared", "prefix declared on the root"):
        assert fallbacks == [0]  # seen in the prolog
    elif case == "end tag written with a space":
        assert fallbacks == []  # read from the tail
    else:  # seen in a piece, after the TUs of the pieces before it
        assert len(fallbacks) == 1 and 0 < fallbacks[0] < 1000


@pytest.mark.parametrize("workers", [0, 2])
def test_an_error_late_in_the_file_names_its_line(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    body = "".join(varied_tu(i) for i in range(500))
    bad = '<tu tuid="bad"><tuv><seg>No language</seg></tuv></tu>\n'
    path = write(tmp_path / "bad.tmx", body + bad + body)
    line = (HEAD + body).count("\n") + 1
    reader = TmxReader(path, workers=workers)
    got: list[TranslationUnit] = []
    with pytest.raises(FormatError) as caught:
        got.extend(reader)
    assert caught.value.line == line
    assert "TU 501" in caught.value.problem
    assert got == streamed(write(tmp_path / "good.tmx", body))[0]


@pytest.mark.parametrize("workers", [0, 2])
def test_a_truncated_file_gives_every_whole_tu_then_the_error(
    tmp_path: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    body = "".join(varied_tu(i) for i in range(400))
    path = tmp_path / "cut.tmx"
    path.write_text(HEAD + body + '<tu tuid="cut"><tuv xml:lang="en"><seg>Cu', "utf-8")
    got: list[TranslationUnit] = []
    with pytest.raises(FormatError) as caught:
        got.extend(TmxReader(path, workers=workers))
    assert caught.value.line == (HEAD + body).count("\n") + 1
    assert len(got) == 400


def test_entities_in_a_doctype_are_refused_on_every_path(tmp_path: Path) -> None:
    head = HEAD.replace(
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx [<!ENTITY e "expanded">]>'
    )
    path = write(tmp_path / "entity.tmx", varied_tu(0) * 50, head=head)
    for workers in (0, 2):
        with pytest.raises(UnsafeInputError):
            list(TmxReader(path, workers=workers))


def test_closing_the_reader_early_stops_the_workers(
    varied: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    units = iter(TmxReader(varied, workers=2))
    first = next(units)
    units.close()  # type: ignore[attr-defined]
    assert first == streamed(varied)[0][0]


# --- differential fuzzing: pieces and the streamed parser agree on any input ------------------

TOKENS = [
    b"</tu>",
    b"<tu>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b' xmlns="urn:x"',
    b"&e;",
    b"<?pi?>",
    b"\xff",
    b"\x00",
    b"</body>",
    b"<tuv>",
    b'<tuv xml:lang="ru">',
    b"</seg>",
]


def outcome(reader: TmxReader) -> tuple[object, ...]:
    try:
        units = list(reader)
    except InputError as exc:
        return ("error", type(exc).__name__, exc.line, exc.problem)
    return ("read", units, reader.warnings)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS) | st.binary(max_size=6)),
        max_size=3,
    ),
    cut=st.none() | st.integers(0, 10**6),
)
def test_pieces_and_the_streamed_parser_agree_on_mutated_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edits: list[tuple[int, bytes]],
    cut: int | None,
) -> None:
    monkeypatch.setattr(tmx, "CHUNK_BYTES", 300)  # many pieces in a small file
    assert_agree(tmp_path, edits, cut, workers=0)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS)), max_size=2),
    cut=st.none() | st.integers(0, 10**6),
)
def test_workers_and_the_streamed_parser_agree_on_mutated_files(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edits: list[tuple[int, bytes]],
    cut: int | None,
) -> None:
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 600)  # the workers' pieces
    assert_agree(tmp_path, edits, cut, workers=2)


def assert_agree(
    tmp_path: Path, edits: list[tuple[int, bytes]], cut: int | None, workers: int
) -> None:
    data = (HEAD + "".join(varied_tu(i) for i in range(14)) + TAIL).encode("utf-8")
    for where, token in edits:
        where %= len(data) + 1
        data = data[:where] + token + data[where:]
    if cut is not None:
        data = data[: cut % (len(data) + 1)]
    path = tmp_path / "fuzz.tmx"
    path.write_bytes(data)
    streamed_only = TmxReader(path, workers=0)

    def unchunkable(stream: object) -> object:
        raise tmx._Unchunkable

    streamed_only._chunked_units = unchunkable  # type: ignore[method-assign,assignment]
    assert outcome(TmxReader(path, workers=workers)) == outcome(streamed_only)


@pytest.mark.parametrize("workers", [0, 2])
def test_a_tu_longer_than_any_piece_goes_to_the_streamed_parser(
    varied: Path, monkeypatch: pytest.MonkeyPatch, fallbacks: list[int], workers: int
) -> None:
    monkeypatch.setattr(tmx, "MAX_CHUNK_BYTES", 120)  # shorter than most TUs
    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 100)
    assert list(TmxReader(varied, workers=workers)) == streamed(varied)[0]
    assert len(fallbacks) == 1


def test_when_workers_fail_the_streamed_parser_reads_on(
    varied: Path, monkeypatch: pytest.MonkeyPatch, fallbacks: list[int]
) -> None:
    from workbench.formats import workers

    monkeypatch.setattr(tmx, "PARALLEL_PIECE_BYTES", 20_000)
    original = workers.ordered_map

    def failing_after_two(*args: object, **kwargs: object) -> object:
        for number, result in enumerate(original(*args, **kwargs)):  # type: ignore[arg-type]
            if number == 2:
                raise workers.WorkerError("a worker process stopped unexpectedly")
            yield result

    monkeypatch.setattr(tmx, "ordered_map", failing_after_two)
    reader = TmxReader(varied, workers=1)
    assert list(reader) == streamed(varied)[0]
    assert reader.worker_problem == "a worker process stopped unexpectedly"
    assert len(fallbacks) == 1 and fallbacks[0] > 0
    from workbench.project.tmx_import import import_tmx_project

    warnings: list[str] = []
    import_tmx_project(varied, varied.parent / "project", workers=1, warnings=warnings)
    assert f"{varied}: read on in one process: a worker process stopped unexpectedly" in warnings
