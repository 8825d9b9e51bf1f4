"""Lexicons from user files: tab-separated pairs and dictd (FreeDict) dictionaries."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from workbench.align.dictionaries import dictd_lexicon, dictd_pair, is_dictd
from workbench.align.lexicon import Lexicon, Tokenizer
from workbench.core.errors import InputError

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(value: int) -> str:
    out = ""
    while True:
        out = _B64[value % 64] + out
        value //= 64
        if value == 0:
            return out


def _write_dictd(folder: Path, entries: list[tuple[str, str]], compress: bool) -> Path:
    data = b""
    index_lines = []
    for head, body in [("00databaseshort", "a test dictionary\n"), *entries]:
        raw = body.encode("utf-8")
        index_lines.append(f"{head}\t{_b64(len(data))}\t{_b64(len(raw))}")
        data += raw
    index = folder / "freedict-eng-spa.index"
    index.write_text("\n".join(index_lines) + "\n", "utf-8")
    if compress:
        (folder / "freedict-eng-spa.dict.dz").write_bytes(gzip.compress(data))
    else:
        (folder / "freedict-eng-spa.dict").write_bytes(data)
    return index


@pytest.mark.parametrize("compress", [True, False])
def test_dictd_entries_become_pairs(tmp_path: Path, compress: bool) -> None:
    index = _write_dictd(
        tmp_path,
        [
            ("arrest", "arrest /ərest/\n1. arresto, detención\n2. arrestar\n"),
            ("army", "army /ɑːmiː/\nejército\n"),
        ],
        compress,
    )
    assert is_dictd(index)
    assert dictd_pair(index) == ("en", "es")
    lexicon = dictd_lexicon(index, "en", "es")
    en, es = Tokenizer("en"), Tokenizer("es")
    assert lexicon.entries[en.words("arrest")[0]] == {
        es.words("arresto")[0],
        es.words("detención")[0],
        es.words("arrestar")[0],
    }
    assert lexicon.entries[en.words("army")[0]] == {es.words("ejército")[0]}


def test_dictd_needs_both_files(tmp_path: Path) -> None:
    index = tmp_path / "freedict-eng-spa.index"
    index.write_text("a\tA\tB\n", "utf-8")
    with pytest.raises(InputError, match="both"):
        dictd_lexicon(index, "en", "es")


def test_tab_separated_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("# comment\nriver\tfleuve\n\nold houses\tvieilles maisons\n", "utf-8")
    lexicon = Lexicon.from_file(path, "en", "fr")
    assert "fleuv" in lexicon.entries["river"]
    assert lexicon.reversed().entries["fleuv"] == {"river"}
    assert lexicon.oriented("de", "fr") is None


def test_english_is_lemmatised_before_the_dictionary_is_looked_up() -> None:
    from workbench.align.lexicon import Tokenizer

    english = Tokenizer("en", lemmatise=True)
    assert [english.stem(w) for w in ("went", "told", "children")] == ["go", "tell", "child"]
    assert Tokenizer("en").stem("went") == "went"


def test_english_clitics_are_expanded() -> None:
    from workbench.align.lexicon import Tokenizer

    english = Tokenizer("en", lemmatise=True)
    assert english.raw_tokens("He didn't say she's gone; I can't, I won't.") == [
        "He",
        "did",
        "not",
        "say",
        "she",
        "gone",
        "I",
        "can",
        "not",
        "I",
        "will",
        "not",
    ]


def test_chinese_names_and_their_pinyin_share_a_key() -> None:
    from workbench.align.lexicon import Tokenizer

    chinese = Tokenizer("zh", pinyin=True)
    english = Tokenizer("en", pinyin=True)
    zh_keys = {
        k for token in chinese.raw_tokens("陈清扬看着王二") for k in chinese.analyse_token(token)[1]
    }
    en_keys = {
        k
        for token in english.raw_tokens("Chen Qingyang looked at Wang Er")
        for k in english.analyse_token(token)[1]
    }
    assert "py:qingyang" in zh_keys & en_keys
    assert not {k for k in en_keys if k.startswith("py:")} - {
        "py:chen",
        "py:qingyang",
        "py:wang",
        "py:er",
    }
