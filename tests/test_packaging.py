"""What a wheel carries: every package, every bundled file read at run time, the sample copy."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

import pytest

from workbench import resources
from workbench.project import Project

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


PACKAGED = {
    path.relative_to(ROOT).as_posix()
    for pattern in SETUPTOOLS["package-data"]["workbench.bundled"]
    for path in ROOT.glob(pattern)  # setuptools globs the same way: ** is any depth
    if path.is_file()
}


def _packaged(relative: str) -> bool:
    return relative in PACKAGED


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "workbench").rglob("__init__.py")
    }
    assert set(SETUPTOOLS["packages"]) == found | {"workbench.bundled"}


def test_the_bundled_package_is_the_top_of_the_repository() -> None:
    assert SETUPTOOLS["package-dir"] == {"workbench.bundled": "."}
    assert resources.data_root() == ROOT


def test_every_segmentation_rule_and_word_list_is_package_data() -> None:
    folder = resources.segmentation_rules_dir()
    files = [p for p in folder.iterdir() if p.suffix in {".srx", ".txt"}]
    assert len(files) > 40
    missing = [p.name for p in files if not _packaged(p.relative_to(ROOT).as_posix())]
    assert missing == []


def test_the_sample_project_and_its_files_are_package_data() -> None:
    manifest = tomllib.loads((ROOT / "workbench.toml").read_text(encoding="utf-8"))
    named = [*manifest["documents"].values(), manifest["paths"]["glossary"]]
    files = [ROOT / "workbench.toml", *(ROOT / n for n in named)]
    files += [*(ROOT / manifest["paths"]["alignments"]).glob("*.xml")]
    files += [*(ROOT / manifest["paths"]["tmx"]).glob("*.tmx")]
    assert len(files) > 10
    assert [f for f in files if not _packaged(f.relative_to(ROOT).as_posix())] == []


def test_the_icon_and_the_tmx_dtd_are_package_data() -> None:
    for path in (resources.icon_path(), resources.tmx_dtd()):
        assert path.is_file()
        assert _packaged(path.relative_to(ROOT).as_posix())


def test_the_sample_is_copied_into_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    copy = resources.sample_project()
    assert copy == tmp_path / "data" / "workbench" / "sample" / "sco-2006"
    project = Project.open(copy)
    assert sorted(project.text.alignments) == ["es", "ru", "zh"]
    assert project.glossary_path is not None and project.glossary_path.is_file()
    assert (copy / "tmx" / "sco-2006.tmx").read_bytes() == (ROOT / "tmx/sco-2006.tmx").read_bytes()
    assert [p.name for p in copy.parent.iterdir()] == ["sco-2006"]  # no staging folder left


def test_an_existing_sample_copy_keeps_the_users_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    first = resources.sample_project()
    edited = first / "alignments" / "sco-2006" / "en-es.xml"
    edited.write_text("edited", encoding="utf-8")
    assert resources.sample_project() == first
    assert edited.read_text(encoding="utf-8") == "edited"


def _pretend_copied_from_an_older_sample(copy: Path, relative: str) -> None:
    """Make `copy` look like an untouched copy of a release whose `relative` file differed."""
    (copy / relative).write_text("the older release's file", encoding="utf-8")
    stamp = copy / resources.SAMPLE_STAMP
    recorded = json.loads(stamp.read_text(encoding="utf-8"))
    recorded["files"][relative] = hashlib.sha256(b"the older release's file").hexdigest()
    stamp.write_text(json.dumps(recorded), encoding="utf-8")


def test_an_untouched_copy_of_an_older_sample_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    copy = resources.sample_project()
    assert resources.sample_copy_state(copy) == "current"
    relative = "alignments/sco-2006/en-es.xml"
    _pretend_copied_from_an_older_sample(copy, relative)
    assert resources.sample_copy_state(copy) == "outdated"
    assert resources.sample_project() == copy
    assert (copy / relative).read_bytes() == (ROOT / relative).read_bytes()
    assert resources.sample_copy_state(copy) == "current"
    assert sorted(p.name for p in copy.parent.iterdir()) == ["sco-2006"]  # nothing left over


def test_an_edited_copy_of_an_older_sample_is_kept_and_the_user_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    copy = resources.sample_project()
    _pretend_copied_from_an_older_sample(copy, "alignments/sco-2006/en-ru.xml")
    edited = copy / "alignments" / "sco-2006" / "en-es.xml"
    edited.write_text("my edits", encoding="utf-8")
    assert resources.sample_copy_state(copy) == "edited"
    assert resources.sample_project() == copy
    assert edited.read_text(encoding="utf-8") == "my edits"
    from workbench.cli.gui import project_or_sample

    monkeypatch.chdir(tmp_path)  # outside any project
    assert project_or_sample(None) == copy
    assert "holds your edits and is kept" in capsys.readouterr().err
    assert edited.read_text(encoding="utf-8") == "my edits"


def test_a_copy_without_a_stamp_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    copy = resources.sample_project()
    (copy / resources.SAMPLE_STAMP).unlink()
    assert resources.sample_copy_state(copy) == "edited"
    assert resources.sample_update_note(copy) is None  # nothing known to compare
    assert resources.sample_project() == copy
    assert not (copy / resources.SAMPLE_STAMP).exists()


def test_a_relative_xdg_data_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if resources.sys.platform in {"win32", "darwin"}:
        pytest.skip("XDG applies to Linux and other Unixes")
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resources.user_data_dir() == tmp_path / ".local" / "share" / "workbench"


def test_the_resource_lookup_imports_nothing_of_workbench() -> None:
    import ast

    tree = ast.parse(Path(resources.__file__).read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert [n for n in names if n.split(".")[0] == "workbench"] == []


def test_the_distribution_name_is_free_of_the_unrelated_workbench_on_pypi() -> None:
    # "workbench" on PyPI is another project; the import package and the command keep the name.
    assert PYPROJECT["project"]["name"] == "alignment-workbench"
    assert PYPROJECT["project"]["scripts"] == {"workbench": "workbench.cli:main"}
    assert PYPROJECT["project"]["gui-scripts"] == {"workbench-gui": "workbench.cli:gui_main"}


def test_every_install_hint_names_the_real_distribution() -> None:
    hints = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "workbench").rglob("*.py")
        if "'workbench[" in path.read_text(encoding="utf-8")
    ]
    assert hints == []
