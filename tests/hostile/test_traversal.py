"""Every write of every command stays inside the folder it was given (issue 12.1).

Each test runs in a sandbox (`tmp_path`) holding the target folder and a `victim` file
beside it, and lists the whole sandbox before and after: nothing outside the target may
appear or change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.sandbox import PO, make_po_project, run_cli, snapshot

TMX = (
    '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" '
    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
    'datatype="plaintext"/>\n<body>\n<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv>\n'
    '<tuv xml:lang="{code}"><seg>Hola.</seg></tuv></tu>\n</body></tmx>\n'
)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    (tmp_path / "victim").mkdir()
    (tmp_path / "victim" / "notes.txt").write_text("the user's notes")
    (tmp_path / "en.txt").write_text("One sentence here. Another one.\n")
    (tmp_path / "es.txt").write_text("Una frase aquí. Otra más.\n")
    return tmp_path


def _outside(sandbox: Path, before: dict[str, str], target: str) -> dict[str, str]:
    """What changed in the sandbox outside `target`."""
    after = snapshot(sandbox)
    keys = set(before) | set(after)
    return {
        k: after.get(k, "gone")
        for k in keys
        if not k.startswith(target) and before.get(k) != after.get(k)
    }


@pytest.mark.parametrize(
    "code", ["../../victim/notes", "../victim/notes", "/tmp/notes", "..", "es/../../../x"]
)
def test_import_tmx_with_a_path_for_xml_lang_writes_nothing(
    sandbox: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    source = sandbox / "in.tmx"
    source.write_text(TMX.format(code=code), "utf-8")
    before = snapshot(sandbox)
    code_, err = run_cli(["import", "tmx", str(source), "--into", str(sandbox / "p")], capsys)
    assert code_ == 1 and "xml:lang" in err and "in.tmx:5" in err
    assert snapshot(sandbox) == before


@pytest.mark.parametrize("code", ["../../victim/notes", "/tmp/notes", "es/../../x"])
def test_import_po_with_a_path_for_language_writes_nothing(
    sandbox: Path, capsys: pytest.CaptureFixture[str], code: str
) -> None:
    source = sandbox / "in.po"
    source.write_text(PO.replace("Language: es", f"Language: {code}"), "utf-8")
    before = snapshot(sandbox)
    code_, err = run_cli(["import", "po", str(source), "--into", str(sandbox / "p")], capsys)
    assert code_ == 1 and "Language" in err
    assert snapshot(sandbox) == before


@pytest.mark.parametrize("lang", ["../../victim/notes", "/tmp/x", "es/../x"])
def test_import_po_lang_option_that_is_a_path_is_a_usage_error(
    sandbox: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    source = sandbox / "in.po"
    source.write_text(PO, "utf-8")
    before = snapshot(sandbox)
    with pytest.raises(SystemExit) as caught:
        run_cli(["import", "po", str(source), "--into", str(sandbox / "p"), "--lang", lang], capsys)
    assert caught.value.code == 2
    assert snapshot(sandbox) == before


@pytest.mark.parametrize("command", ["po", "tmx"])
@pytest.mark.parametrize("name", ["../../victim", "../x", "/tmp/x", "a/b", ".."])
def test_import_name_that_is_a_path_is_refused(
    sandbox: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    source = sandbox / f"in.{command}"
    source.write_text(PO if command == "po" else TMX.format(code="es"), "utf-8")
    before = snapshot(sandbox)
    argv = ["import", command, str(source), "--into", str(sandbox / "p"), "--name", name]
    code, err = run_cli(argv, capsys)
    assert code == 1 and "name" in err
    assert snapshot(sandbox) == before


@pytest.mark.parametrize("name", ["../../x", "../victim", "/tmp/x", "a\\b", "x\0y"])
def test_project_new_name_that_is_a_path_is_refused(
    sandbox: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = snapshot(sandbox)
    argv = ["project", "new", str(sandbox / "p"), "--doc", f"en={sandbox / 'en.txt'}"]
    code, err = run_cli([*argv, "--name", name, "--no-align"], capsys)
    assert code == 1 and "name" in err
    assert snapshot(sandbox) == before


@pytest.mark.parametrize("lang", ["../../x", "../victim/notes", "/tmp/x", "en/.."])
def test_project_new_doc_language_that_is_a_path_is_a_usage_error(
    sandbox: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    before = snapshot(sandbox)
    argv = ["project", "new", str(sandbox / "p"), "--doc", f"en={sandbox / 'en.txt'}"]
    code, err = run_cli([*argv, "--doc", f"{lang}={sandbox / 'es.txt'}", "--no-align"], capsys)
    assert code == 2 and "looks like a path" in err
    assert snapshot(sandbox) == before


def test_project_new_with_a_bad_document_leaves_no_folder(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sandbox / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    before = snapshot(sandbox)
    argv = ["project", "new", str(sandbox / "p" / "q"), "--doc", f"en={sandbox / 'en.txt'}"]
    code, _ = run_cli([*argv, "--doc", f"es={sandbox / 'bad.txt'}", "--no-align"], capsys)
    assert code == 1
    assert snapshot(sandbox) == before


def _manifest(project: Path, **replace: str) -> None:
    path = project / "workbench.toml"
    text = path.read_text("utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ('name = "proj"', 'name = "../../victim"', "name"),
        ('tmx = "tmx"', 'tmx = "../../victim"', "tmx"),
        ('tmx = "tmx"', 'tmx = "/tmp"', "tmx"),
        ('alignments = "alignments/proj"', 'alignments = "../victim"', "alignments"),
    ],
)
def test_manifest_that_climbs_out_is_refused_and_nothing_is_written(
    sandbox: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, reason: str
) -> None:
    project = make_po_project(sandbox, capsys)
    _manifest(project, **{old: new})
    before = snapshot(sandbox)
    code, err = run_cli(["export", "tmx", str(project)], capsys)
    assert code == 1 and reason in err and "workbench.toml" in err
    assert snapshot(sandbox) == before


def test_manifest_document_outside_the_project_needs_the_option(
    sandbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_po_project(sandbox, capsys)
    secret = sandbox / "victim" / "notes.txt"
    _manifest(project, **{'es = "texts/es.txt"': f'es = "{secret}"'})
    for xml in (project / "alignments" / "proj").glob("*.xml"):
        xml.unlink()  # not segmented yet: the manifest's document would be read
    code, err = run_cli(["project", "info", str(project)], capsys)
    assert code == 1 and "outside the project" in err and "--allow-outside" in err
    assert "the user's notes" not in err
    code, _ = run_cli(["project", "info", str(project), "--allow-outside"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("[paths]", 'paths = "oops"\n[x]'),
        ("[export.lang_codes]", "export = 5\n[y]"),
        ('[export.lang_codes]\nen = "en-US"', '[export]\nlang_codes = "zz"\n[z]\nen = "en-US"'),
        ('tmx = "tmx"', "tmx = " + "[" * 5000 + "]" * 5000),
        ('es = "texts/es.txt"', "es = 5"),
        ('es = "texts/es.txt"', '"../x" = "texts/es.txt"'),
    ],
    ids=["paths-string", "export-int", "lang-codes-string", "deep-array", "doc-int", "doc-path"],
)
def test_malformed_manifest_values_are_one_line_errors(
    sandbox: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> None:
    project = make_po_project(sandbox, capsys)
    _manifest(project, **{old: new})
    code, err = run_cli(["project", "info", str(project)], capsys)
    assert code == 1 and "workbench.toml" in err


@pytest.mark.parametrize("command", [["project", "new"], ["import", "po"]])
def test_project_at_an_existing_file_is_refused(
    sandbox: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    target = sandbox / "victim" / "notes.txt"
    source = sandbox / "in.po"
    source.write_text(PO, "utf-8")
    before = snapshot(sandbox)
    if command[0] == "project":
        argv = [*command, str(target), "--doc", f"en={sandbox / 'en.txt'}", "--no-align"]
    else:
        argv = [*command, str(source), "--into", str(target)]
    code, err = run_cli(argv, capsys)
    assert code == 1 and "is a file" in err
    assert snapshot(sandbox) == before
