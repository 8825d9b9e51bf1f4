"""`check-terms` and `glossary import|export|suggest` through their argparse front end."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from tests.terms.factories import BUNDLED_GLOSSARY
from workbench.cli import terms
from workbench.core.errors import WorkbenchError
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.formats.tbx import read_tbx, tbx_version

STARTER = BUNDLED_GLOSSARY.parent / "glossary-starter.csv"


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="workbench")
    terms.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.handler(args))


def test_import_csv_writes_tbx_v3(tmp_path: Path) -> None:
    out = tmp_path / "g.tbx"
    assert run("glossary", "import", str(STARTER), "-o", str(out)) == 0
    assert tbx_version(out) == 3
    assert read_tbx(out).concepts == read_glossary_csv(STARTER).concepts


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv"])
def test_export_then_import_gives_the_same_glossary(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{'csv' if fmt == 'csv' else 'tbx'}"
    assert run("glossary", "export", str(BUNDLED_GLOSSARY), "-o", str(out), "--format", fmt) == 0
    back = tmp_path / "back.tbx"
    assert run("glossary", "import", str(out), "-o", str(back)) == 0
    assert read_tbx(back).concepts == read_tbx(BUNDLED_GLOSSARY).concepts


def test_import_of_a_broken_file_raises_a_workbench_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_text("<tbx><text>", encoding="utf-8")
    with pytest.raises(WorkbenchError):
        run("glossary", "import", str(bad), "-o", str(tmp_path / "x.tbx"))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict[str, object]], Path]:
    folder = tmp_path_factory.mktemp("check")
    out = folder / "findings.json"
    code = run(
        "check-terms",
        "--lang",
        "es,zh",
        "--format",
        "json",
        "-o",
        str(out),
        "--dismissals",
        str(folder / "dismissals.json"),
    )
    return code, json.loads(out.read_text(encoding="utf-8")), folder


def test_check_terms_on_the_bundled_project_reports_findings(
    report: tuple[int, list[dict[str, object]], Path],
) -> None:
    code, records, _ = report
    assert code == 1
    assert records and {r["lang"] for r in records} <= {"es", "zh"}
    for name in (
        "lang",
        "kind",
        "concept",
        "expected",
        "found",
        "source_text",
        "target_text",
        "source_ids",
        "target_ids",
    ):
        assert all(name in r for r in records)
    assert {"deprecated", "missing"} <= {str(r["kind"]) for r in records}


def test_dismissed_finding_leaves_the_report(
    report: tuple[int, list[dict[str, object]], Path],
) -> None:
    _, records, folder = report
    key = str(records[0]["key"])
    dismissals = str(folder / "dismissals.json")
    assert (
        run(
            "check-terms",
            "--lang",
            "es,zh",
            "--dismiss",
            key,
            "--reason",
            "approved by client",
            "--dismissals",
            dismissals,
        )
        == 0
    )
    out = folder / "after.json"
    run(
        "check-terms",
        "--lang",
        "es,zh",
        "--format",
        "json",
        "-o",
        str(out),
        "--dismissals",
        dismissals,
    )
    after = json.loads(out.read_text(encoding="utf-8"))
    assert key not in {r["key"] for r in after}
    assert len(after) == len(records) - 1


def test_suggest_lists_renderings(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert (
        run(
            "glossary",
            "suggest",
            "--concept",
            "infosec",
            "--lang",
            "ru",
            "--format",
            "json",
            "-o",
            str(out),
        )
        == 0
    )
    (result,) = json.loads(out.read_text(encoding="utf-8"))
    assert result["lang"] == "ru" and result["beads"] > 0
    assert "информационная безопасность" in {u["text"] for u in result["used"]}


def test_check_terms_writes_an_xlsx_report(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "report.xlsx"
    dismissals = str(tmp_path / "d.json")
    code = run(
        "check-terms",
        "--lang",
        "es",
        "--format",
        "xlsx",
        "-o",
        str(out),
        "--dismissals",
        dismissals,
    )
    assert code == 1
    book = load_workbook(out)
    assert book.sheetnames == ["Findings", "Summary", "No equivalent"]
    kinds = {row[1] for row in book["Findings"].iter_rows(min_row=3, values_only=True)}
    assert {"deprecated", "missing"} <= kinds


def test_xlsx_needs_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="needs -o"):
        run(
            "check-terms",
            "--lang",
            "es",
            "--format",
            "xlsx",
            "--dismissals",
            str(tmp_path / "d.json"),
        )


def test_rules_file_and_off_switch_change_the_kinds(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(
        '{"forbidden": [{"id": "no-mediante", "lang": "es", "pattern": "mediante"}]}',
        encoding="utf-8",
    )
    out = tmp_path / "f.json"
    common = (
        "--lang",
        "es",
        "--format",
        "json",
        "-o",
        str(out),
        "--dismissals",
        str(tmp_path / "d.json"),
    )
    run("check-terms", *common, "--rules", str(rules))
    kinds = {r["kind"] for r in json.loads(out.read_text(encoding="utf-8"))}
    assert "forbidden" in kinds and "deprecated" in kinds
    run("check-terms", *common, "--rules", str(rules), "--off", "forbidden,deprecated")
    kinds = {r["kind"] for r in json.loads(out.read_text(encoding="utf-8"))}
    assert not {"forbidden", "deprecated"} & kinds and "missing" in kinds
    with pytest.raises(WorkbenchError, match="unknown kind"):
        run("check-terms", *common, "--off", "nonsense")


def test_findings_name_the_glossary_they_come_from(tmp_path: Path) -> None:
    client = tmp_path / "client.csv"
    client.write_text(
        "concept_id,subject_field,lang,term,status,note\n"
        "heads,,en,heads of state,preferred,\n"
        "heads,,es,mandatarios,preferred,\n",
        encoding="utf-8",
    )
    out = tmp_path / "f.json"
    run(
        "check-terms",
        "--lang",
        "es",
        "--format",
        "json",
        "-o",
        str(out),
        "--also-glossary",
        str(client),
        "--dismissals",
        str(tmp_path / "d.json"),
    )
    records = json.loads(out.read_text(encoding="utf-8"))
    by_glossary = {r["glossary"] for r in records if r["concept"] == "heads"}
    assert by_glossary == {"client"}
    assert "information-security" in {r["glossary"] for r in records}


def test_glossary_gaps_lists_concepts_without_an_equivalent(tmp_path: Path) -> None:
    glossary = tmp_path / "g.csv"
    glossary.write_text(
        "concept_id,subject_field,lang,term,status,note\n"
        "a,,en,alpha,preferred,\n"
        "a,,es,alfa,deprecated,\n"
        "b,,en,beta,preferred,\n"
        "b,,es,beta,preferred,\n",
        encoding="utf-8",
    )
    out = tmp_path / "gaps.json"
    assert run("glossary", "gaps", str(glossary), "--format", "json", "-o", str(out)) == 1
    assert json.loads(out.read_text(encoding="utf-8")) == [
        {
            "concept": "a",
            "lang": "es",
            "source_terms": ["alpha"],
            "unapproved_terms": ["alfa (deprecated)"],
        }
    ]


def test_one_bead_numbering_from_1_in_json_text_and_tsv(tmp_path: Path) -> None:
    outs = {fmt: tmp_path / f"r.{fmt}" for fmt in ("json", "text", "tsv")}
    for fmt, out in outs.items():
        args = ("--format", fmt, "-o", str(out), "--dismissals", str(tmp_path / "d.json"))
        run("check-terms", "--lang", "es,zh", *args)
    records = json.loads(outs["json"].read_text(encoding="utf-8"))
    assert all("row" not in r for r in records)
    first = next(r for r in records if r["bead"] is not None)
    assert isinstance(first["bead"], int) and first["bead"] >= 1
    text = outs["text"].read_text(encoding="utf-8")
    assert f"bead {first['bead']}, " in text and f"  key:      {first['key']}" in text
    rows = [line.split("\t") for line in outs["tsv"].read_text(encoding="utf-8").splitlines()]
    column = rows[0].index("bead")
    by_key = {row[0]: row[column] for row in rows[1:]}
    assert by_key[str(first["key"])] == str(first["bead"])


def test_all_marks_dismissed_findings_with_their_reason(
    report: tuple[int, list[dict[str, object]], Path], tmp_path: Path
) -> None:
    _, records, _ = report
    key = str(records[-1]["key"])
    dismissals = str(tmp_path / "dismissals.json")
    args = ("check-terms", "--lang", "es,zh", "--dismissals", dismissals)
    assert run(*args, "--dismiss", key, "--reason", "client style") == 0
    out = tmp_path / "all.json"
    run(*args, "--all", "--format", "json", "-o", str(out))
    marked = {r["key"]: r["dismissed"] for r in json.loads(out.read_text(encoding="utf-8"))}
    assert marked[key] == "client style"
    assert sum(reason is not None for reason in marked.values()) == 1
    text = tmp_path / "all.txt"
    run(*args, "--all", "-o", str(text))
    assert "  dismissed: client style" in text.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "version"), [("x.tbx", 3), ("x.TBX", 3)])
def test_export_takes_the_format_from_the_extension(
    tmp_path: Path, name: str, version: int
) -> None:
    out = tmp_path / name
    assert run("glossary", "export", str(STARTER), "-o", str(out)) == 0
    assert tbx_version(out) == version


def test_export_to_csv_by_extension_writes_csv(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert run("glossary", "export", str(BUNDLED_GLOSSARY), "-o", str(out)) == 0
    assert len(read_glossary_csv(out)) == len(read_tbx(BUNDLED_GLOSSARY))


def test_export_to_an_unknown_extension_asks_for_format(tmp_path: Path) -> None:
    from workbench.core.errors import UsageError

    with pytest.raises(UsageError, match="--format"):
        run("glossary", "export", str(STARTER), "-o", str(tmp_path / "x.txt"))
