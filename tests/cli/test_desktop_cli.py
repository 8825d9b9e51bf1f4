"""`workbench install-desktop`: a valid freedesktop entry and icon in the user's data folder."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.cli.desktop import desktop_entry, desktop_paths

pytestmark = pytest.mark.skipif(
    sys.platform in {"win32", "darwin"}, reason="freedesktop entries are for Linux and BSD"
)


def _read(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def _unescape_exec(value: str) -> list[str]:
    # The string-level escape first (\\ -> \), then the quoting rule, as the spec orders them.
    return shlex.split(value.replace("\\\\", "\\"))


def test_install_writes_an_entry_whose_command_exists_and_the_icon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    entry, icon = desktop_paths(tmp_path)
    assert str(entry) in capsys.readouterr().out
    fields = _read(entry)
    assert fields["Type"] == "Application"
    assert fields["Icon"] == "workbench"
    command = _unescape_exec(fields["Exec"])
    assert command[-1] == "%f"
    assert Path(command[0]).is_file()
    assert icon.read_bytes().startswith(b"<?xml")


def test_uninstall_removes_both_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop", "--uninstall"]) == 0
    assert [p.exists() for p in desktop_paths(tmp_path)] == [False, False]


@pytest.mark.parametrize(
    "program", ["/opt/my tools/bin/workbench-gui", '/home/zoë/100% "real"/bin/wb', "/usr/bin/wb"]
)
def test_exec_quotes_paths_with_spaces_and_reserved_characters(program: str) -> None:
    text = desktop_entry([program])
    exec_value = next(line for line in text.splitlines() if line.startswith("Exec="))[5:]
    assert _unescape_exec(exec_value.replace("%%", "%")) == [program, "%f"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_the_entry_passes_desktop_file_validate(tmp_path: Path) -> None:
    path = tmp_path / "workbench.desktop"
    path.write_text(desktop_entry(["/opt/my tools/workbench-gui"]), encoding="utf-8")
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
