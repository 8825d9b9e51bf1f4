"""`workbench install-desktop`: a freedesktop menu entry and icon for this user."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from workbench.core.atomic import write_bytes_atomic, write_text_atomic
from workbench.core.errors import WorkbenchError
from workbench.resources import icon_path, user_data_dir

DESKTOP_ID = "workbench"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `install-desktop`."""
    parser = subparsers.add_parser(
        "install-desktop",
        help="add the workbench to this user's application menu (Linux desktops)",
        description="Write a freedesktop .desktop entry and the icon into your data folder "
        "($XDG_DATA_HOME, ~/.local/share by default): the application menu then starts the "
        "workbench on the sample, and file managers open project folders with it.",
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove the entry and the icon again"
    )
    parser.set_defaults(handler=run)


def desktop_paths(data_home: Path | None = None) -> tuple[Path, Path]:
    """Where the entry and the icon go: applications/ and the hicolor theme's scalable apps."""
    base = data_home or user_data_dir().parent
    return (
        base / "applications" / f"{DESKTOP_ID}.desktop",
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg",
    )


def gui_command() -> list[str]:
    """The command that starts the GUI from this installation (its gui-script if it has one)."""
    folder = Path(sys.executable).parent
    for name in ("workbench-gui", "workbench-gui.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    found = shutil.which("workbench-gui")
    if found:
        return [found]
    return [sys.executable, "-m", "workbench", "gui"]


def _quote(argument: str) -> str:
    # The Desktop Entry spec: an argument with reserved characters goes in double quotes,
    # inside which ", `, $ and \ are escaped with a backslash; % is doubled everywhere.
    argument = argument.replace("%", "%%")
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        return argument
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def desktop_entry(command: list[str]) -> str:
    """The .desktop file text; `%f` passes a project folder or manifest opened with it."""
    exec_line = " ".join(_quote(a) for a in command) + " %f"
    # Backslashes inside a quoted argument are escaped once more at the string level.
    exec_line = exec_line.replace("\\", "\\\\")
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=Workbench",
            "GenericName=Translation alignment workbench",
            "Comment=Segment, align and review translations; check terminology; export TMX",
            f"Exec={exec_line}",
            f"Icon={DESKTOP_ID}",
            "Terminal=false",
            "Categories=Office;Qt;",
            "Keywords=translation;alignment;TMX;terminology;glossary;TBX;",
            "StartupWMClass=workbench",
            "",
        ]
    )


def run(args: argparse.Namespace) -> int:
    """Install (or remove) the entry and the icon."""
    if sys.platform in {"win32", "darwin"}:
        raise WorkbenchError(
            "install-desktop writes a freedesktop (Linux, BSD) menu entry; on this system "
            "start the workbench with `workbench` or `workbench-gui`"
        )
    entry, icon = desktop_paths()
    if args.uninstall:
        for path in (entry, icon):
            path.unlink(missing_ok=True)
            print(f"removed {path}")
        return 0
    write_bytes_atomic(icon, icon_path().read_bytes())
    write_text_atomic(entry, desktop_entry(gui_command()))
    print(f"wrote {entry}\nwrote {icon}")
    return 0
