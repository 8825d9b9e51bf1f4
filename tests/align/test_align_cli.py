"""`workbench align` and `workbench evaluate`: formats, options and errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from workbench.align.evaluate import parse_links, read_links
from workbench.cli import main

from .helpers import build


def _files(tmp_path: Path) -> tuple[Path, Path, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    source, target, gold = build([(1, 1), (1, 1), (2, 1), (1, 1), (1, 1)])
    src = tmp_path / "src.txt"
    tgt = tmp_path / "tgt.txt"
    # A paragraph break after the third bead on both sides: an empty line, not a segment.
    src.write_text("\n".join(source[:4]) + "\n\n" + "\n".join(source[4:]) + "\n", "utf-8")
    tgt.write_text("\n".join(target[:3]) + "\n\n" + "\n".join(target[3:]) + "\n", "utf-8")
    return src, tgt, gold


def test_links_format_with_confidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, gold = _files(tmp_path)
    code = main(
        ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented"]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert parse_links(out) == gold
    for line in out.splitlines():
        confidence = float(line.rsplit(":", 1)[1])
        assert 0.0 <= confidence <= 1.0


def test_tsv_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, tgt, gold = _files(tmp_path)
    assert (
        main(
            [
                "align",
                str(src),
                str(tgt),
                "--src-lang",
                "en",
                "--tgt-lang",
                "fr",
                "--presegmented",
                "--format",
                "tsv",
            ]
        )
        == 0
    )
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(gold)
    assert all(len(row) == 4 for row in rows)
    assert [row[2] for row in rows] == [f"{len(s)}-{len(t)}" for s, t in gold]
    assert rows[0][0] == src.read_text("utf-8").splitlines()[0]


def test_xces_format_to_a_file(tmp_path: Path) -> None:
    src, tgt, gold = _files(tmp_path)
    out = tmp_path / "out.xml"
    assert (
        main(
            [
                "align",
                str(src),
                str(tgt),
                "--src-lang",
                "en",
                "--tgt-lang",
                "fr",
                "--presegmented",
                "--format",
                "xces",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    root = etree.parse(str(out)).getroot()
    assert root.tag == "cesAlign"
    links = root.findall(".//link")
    assert len(links) == len(gold)
    assert links[2].get("type") == "2-1"


def test_unsegmented_input_with_dictionary_and_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "es.txt"
    src.write_text(
        "The heads of state met in Shanghai. They signed a statement.\n\n"
        "Information security matters.\n",
        "utf-8",
    )
    tgt.write_text(
        "Los jefes de Estado se reunieron en Shanghái. Firmaron una declaración.\n\n"
        "La seguridad de la información importa.\n",
        "utf-8",
    )
    dictionary = tmp_path / "dict.tsv"
    dictionary.write_text("# user dictionary\nstatement\tdeclaración\n", "utf-8")
    glossary = tmp_path / "glossary.csv"
    glossary.write_text(
        "concept_id,subject_field,lang,term,status,note\n"
        "c1,,en,information security,preferred,\n"
        "c1,,es,seguridad de la información,preferred,\n",
        "utf-8",
    )
    assert (
        main(
            [
                "align",
                str(src),
                str(tgt),
                "--src-lang",
                "en",
                "--tgt-lang",
                "es",
                "--dictionary",
                str(dictionary),
                "--glossary",
                str(glossary),
            ]
        )
        == 0
    )
    assert parse_links(capsys.readouterr().out) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_missing_and_empty_files_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, _tgt, _gold = _files(tmp_path)
    missing = tmp_path / "missing.txt"
    assert main(["align", str(src), str(missing), "--src-lang", "en", "--tgt-lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", "utf-8")
    assert (
        main(
            [
                "align",
                str(empty),
                str(src),
                "--src-lang",
                "en",
                "--tgt-lang",
                "fr",
                "--presegmented",
            ]
        )
        == 1
    )
    assert "no text" in capsys.readouterr().err


def test_bad_dictionary_line_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, tgt, _gold = _files(tmp_path)
    dictionary = tmp_path / "dict.tsv"
    dictionary.write_text("river fleuve\n", "utf-8")
    assert (
        main(
            [
                "align",
                str(src),
                str(tgt),
                "--src-lang",
                "en",
                "--tgt-lang",
                "fr",
                "--presegmented",
                "--dictionary",
                str(dictionary),
            ]
        )
        == 1
    )
    assert "dict.tsv:1" in capsys.readouterr().err


def test_evaluate_prints_strict_and_lax(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n", "utf-8")
    test = tmp_path / "test.align"
    test.write_text("[0]:[0]:0.99\n[1]:[1]:0.5\n[2]:[]:0.4\n[3]:[2]:0.9\n", "utf-8")
    assert main(["evaluate", str(gold), str(test), str(gold), str(gold)]) == 0
    out = capsys.readouterr().out
    # Precision: pair 1 has 2 exact of 4, pair 2 has 3 of 3 -> 5/7.
    assert "strict  P=0.714" in out
    assert out.splitlines()[1].startswith("lax")
    assert read_links(test)[0] == ((0,), (0,))


def test_evaluate_needs_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n", "utf-8")
    assert main(["evaluate", str(gold)]) == 2  # a usage error
    assert "pairs" in capsys.readouterr().err


def test_encoding_reads_texts_in_another_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "en.txt"
    tgt = tmp_path / "es.txt"
    src.write_text("The council met.\nIt agreed.\n", encoding="latin-1")
    tgt.write_text("El consejo se reunió.\nEstuvo de acuerdo.\n", encoding="latin-1")
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "es", "--presegmented"]
    assert main(args) == 1
    assert "--encoding latin-1" in capsys.readouterr().err
    assert main([*args, "--encoding", "latin-1", "--format", "tsv"]) == 0
    assert "El consejo se reunió." in capsys.readouterr().out


def test_embeddings_flag_without_the_extra_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.align.embeddings as embeddings

    monkeypatch.setattr(embeddings, "embeddings_available", lambda: False)
    src, tgt, _gold = _files(tmp_path)
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented"]
    assert main([*args, "--embeddings"]) == 1
    err = capsys.readouterr().err
    assert "pip install" in err and "Traceback" not in err
    assert main([*args, "--no-embeddings"]) == 0


def test_embeddings_flags_exclude_each_other(tmp_path: Path) -> None:
    src, tgt, _gold = _files(tmp_path)
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr"]
    with pytest.raises(SystemExit) as stop:
        main([*args, "--embeddings", "--no-embeddings"])
    assert stop.value.code == 2


@pytest.mark.skipif(
    not __import__("workbench.align.embeddings", fromlist=["x"]).embeddings_available(),
    reason="the [embeddings] extra",
)
def test_embeddings_flag_aligns_with_the_bundled_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, tgt, gold = _files(tmp_path)
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented"]
    assert main([*args, "--embeddings"]) == 0
    assert parse_links(capsys.readouterr().out) == gold


def test_evaluate_prints_a_reliability_table_and_ece(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n", "utf-8")
    test = tmp_path / "test.align"
    test.write_text("[0]:[0]:0.95\n[1]:[1]:0.95\n[2]:[]:0.15\n[3]:[2]:0.15\n", "utf-8")
    assert main(["evaluate", str(gold), str(test)]) == 0
    out = capsys.readouterr().out
    # [0.9, 1.0]: two beads at 0.95, one right; [0.1, 0.2): two at 0.15, one right.
    assert "[0.9, 1.0]        2      0.950          0.500" in out
    assert "[0.1, 0.2)        2      0.150          0.500" in out
    assert "ECE 0.400 over 4 beads" in out


def test_evaluate_without_confidences_prints_no_reliability(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n", "utf-8")
    assert main(["evaluate", str(gold), str(gold)]) == 0
    assert "ECE" not in capsys.readouterr().out


def test_evaluate_rejects_a_confidence_outside_zero_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.align"
    gold.write_text("[0]:[0]\n", "utf-8")
    test = tmp_path / "test.align"
    test.write_text("[0]:[0]:1.5\n", "utf-8")
    assert main(["evaluate", str(gold), str(test)]) == 1
    assert "test.align:1" in capsys.readouterr().err


def test_embedding_cache_folder_spares_the_model_a_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:

    from .test_embeddings import MeaningEmbedder, _scrambled_pair

    source, target, _gold = _scrambled_pair()
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("\n".join(source) + "\n", "utf-8")
    tgt.write_text("\n".join(target) + "\n", "utf-8")
    model = MeaningEmbedder()
    monkeypatch.setattr("workbench.align.aligner.resolve_embedder", lambda _setting: model)
    cache = tmp_path / "cache"
    args = ["align", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented"]
    args += ["--embedding-cache", str(cache)]
    assert main(args) == 0
    first = capsys.readouterr().out
    calls = model.calls
    assert calls > 0 and any(cache.iterdir())
    assert main(args) == 0
    assert model.calls == calls  # every segment came from the folder
    assert capsys.readouterr().out == first
