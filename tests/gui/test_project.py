"""Projects in the window: open, edit, save, reopen; interrupted saves; recovery; screenshot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.gui.conftest import _forget_edits
from workbench.gui.main_window import MainWindow
from workbench.project.project import Project

EN = "The first sentence is here. The second one follows.\n\nA new paragraph starts. It ends.\n"
ES = "La primera frase está aquí. La segunda sigue.\n\nEmpieza un párrafo nuevo. Termina.\n"
RU = "Первое предложение здесь. Второе следует.\n\nНачинается новый абзац. Он кончается.\n"


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    texts = tmp_path / "texts"
    texts.mkdir()
    docs = {}
    for lang, body in {"en": EN, "es": ES, "ru": RU}.items():
        (texts / f"{lang}.txt").write_text(body, encoding="utf-8")
        docs[lang] = texts / f"{lang}.txt"
    root = tmp_path / "proj"
    Project.create(root, "en", docs, "demo")
    return root


def open_window(qtbot, tmp_path: Path, root: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    window.open_project(root, ask_recover=False, synchronous=True)
    assert window.project is not None
    return window


def beads(text):
    return {lang: list(a.beads) for lang, a in text.alignments.items()}


def test_open_aligns_missing_pairs_then_edit_save_reopen_keeps_edits(qtbot, tmp_path, project_root):
    window = open_window(qtbot, tmp_path, project_root)
    assert set(window.text.alignments) == {"es", "ru"}
    assert window.is_dirty  # fresh alignments are not saved yet
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    window.move_to_row(0, "ru")
    window.actions_by_name["confirm"].trigger()
    window.table.cell_delegate.text_committed.emit(
        window.proxy.index(0, window.model.column_of_lang("en")),
        ["The very first sentence is here.", "The second one follows."],
    )
    expected = beads(window.text)
    expected_en = window.text.documents["en"].texts
    assert window.save()
    assert not window.is_dirty
    reopened = Project.open(project_root)
    assert beads(reopened.text) == expected
    assert reopened.text.documents["en"].texts == expected_en


def test_interrupted_save_loses_nothing(qtbot, tmp_path, project_root, monkeypatch):
    window = open_window(qtbot, tmp_path, project_root)
    assert window.save()
    saved = beads(Project.open(project_root).text)
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    edited = beads(window.text)
    assert edited != saved

    from workbench.formats import xces

    real = xces.write_alignment
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # the save dies after writing one alignment
            raise OSError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(xces, "write_alignment", failing)
    assert not window.save()
    assert window.is_dirty
    # The files on disk are still the previous save, complete and readable.
    assert beads(Project.open(project_root).text) == saved
    # The edits are still in the window and in the recovery copy written after the failure.
    assert beads(window.text) == edited
    assert window.recovery is not None and window.recovery.exists()
    monkeypatch.setattr(xces, "write_alignment", real)

    # A crash now: a new window over the saved files can recover the edits, undoably.
    from workbench.gui.loading import recover

    second = open_window(qtbot, tmp_path, project_root)
    assert beads(second.text) == saved
    assert recover(second)
    assert beads(second.text) == edited
    second.undo()
    assert beads(second.text) == saved


def test_autosave_writes_a_recovery_copy_only_when_dirty(qtbot, tmp_path, project_root):
    window = open_window(qtbot, tmp_path, project_root)
    window.save()
    window.autosave()
    assert not window.recovery.exists()
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    window.autosave()
    assert window.recovery.exists()
    window.save()
    assert not window.recovery.exists()


def test_screenshot_command_writes_a_png(tmp_path, project_root):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "gui", str(project_root), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600


def test_opening_aligns_in_a_worker_with_progress(qtbot, tmp_path, project_root):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    window.open_project(project_root, ask_recover=False)  # aligning runs in the thread pool
    qtbot.waitUntil(lambda: window.model is not None, timeout=30_000)
    assert set(window.text.alignments) == {"es", "ru"}
    assert window.recent_projects()[0] == str(project_root)


def test_export_runs_in_a_worker(qtbot, tmp_path, project_root):
    from workbench.gui.dialogs.export import ExportDialog

    window = open_window(qtbot, tmp_path, project_root)
    dialog = ExportDialog(window, "tmx")
    dialog.pairs.setChecked(True)
    dialog.output.setText(str(tmp_path / "tm" / "{pivot}-{lang}.tmx"))
    dialog.start()
    qtbot.waitUntil(lambda: bool(dialog.written), timeout=30_000)
    assert sorted(p.name for p in dialog.written) == ["en-es.tmx", "en-ru.tmx"]
    assert all(p.is_file() for p in dialog.written)


def test_no_display_is_a_clear_error_not_a_crash(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "gui"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux")
    assert result.returncode == 1
    assert "no display" in result.stderr and "--screenshot" in result.stderr


def test_timer_autosave_writes_in_the_background(qtbot, tmp_path, project_root):
    window = open_window(qtbot, tmp_path, project_root)
    window.save()
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    edited = beads(window.text)
    saver = window.autosaver
    saver.save_in_background()
    assert saver.busy
    window.actions_by_name["confirm"].trigger()  # editing goes on while the copy is written
    qtbot.waitUntil(lambda: not saver.busy, timeout=30_000)
    assert window.recovery.exists()
    from workbench.gui.loading import recover

    second = open_window(qtbot, tmp_path, project_root)
    assert recover(second)
    assert beads(second.text) == edited  # the snapshot, not the later confirm
    # A save while a background copy is written leaves no stale copy behind.
    saver.save_in_background()
    window.save()
    qtbot.waitUntil(lambda: not saver.busy, timeout=30_000)
    assert not window.recovery.exists()


def test_the_window_undoes_through_the_session_history(qtbot, tmp_path, project_root):
    window = open_window(qtbot, tmp_path, project_root)
    session = window.session
    assert session is not None and session.text is window.text
    assert session.is_dirty  # pairs aligned on opening
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    assert session.history.undo_description == window.controller.stack.undoText()
    before = beads(window.text)
    window.undo()
    assert not session.history.can_undo and session.history.can_redo
    window.redo()
    assert beads(window.text) == before
    assert window.save()
    assert not session.is_dirty and window.controller.stack.isClean()
