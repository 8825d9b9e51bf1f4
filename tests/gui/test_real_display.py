"""The window opens on a real X server (Xvfb) through Qt's xcb plugin, not only offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (Debian package xvfb)"
)
def test_main_window_renders_on_an_x_server(tmp_path: Path) -> None:
    out = tmp_path / "x11.png"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            sys.executable,
            "-m",
            "workbench",
            "gui",
            str(ROOT),
            "--screenshot",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500
    # A blank window would be one colour; the table, Chinese and Cyrillic text are not.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, 400, 11)}
    assert len(colours) > 20
