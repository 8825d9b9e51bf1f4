"""The Qt binding keeps Python's reference counts straight (PySide6 6.12.0 on Python 3.11 does not).

PySide6 6.12.0 drops a reference to None on every call of a C++ method returning void; on
Python 3.11 (where None is not immortal) the interpreter aborts after a few thousand calls
("Fatal Python error: none_dealloc"). The workbench needs PySide6 < 6.12 there.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_leak_references_to_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    assert lost < 100, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} loses a reference to "
        "None per call; the GUI would abort. Install PySide6-Essentials < 6.12 (e.g. 6.11.3)."
    )
