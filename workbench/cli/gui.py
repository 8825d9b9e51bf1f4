"""`workbench gui [PROJECT] [--screenshot FILE]`: the desktop application."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.core.errors import ProjectError
from workbench.project import find_project
from workbench.resources import sample_project, sample_update_note


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `gui` subcommand (Qt is imported only when it runs)."""
    parser = subparsers.add_parser(
        "gui",
        help="open the alignment and terminology workbench (default: the project here, "
        "else the sample)",
        description="Open a project in the desktop workbench. With no PROJECT, the project "
        "holding the current folder opens; outside any project, the sample SCO 2006 project "
        "(copied into your data folder the first time, so the installed one is never written).",
    )
    parser.add_argument("project", nargs="?", type=Path, help="the project folder")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="render the main window offscreen to a PNG file and exit",
    )
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark"),
        default="system",
        help="colour scheme [system]",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Start the GUI (or write the screenshot)."""
    from workbench.gui.app import run as run_gui

    return run_gui(project_or_sample(args.project), args.screenshot, theme=args.theme)


def project_or_sample(project: Path | None) -> Path:
    """`project`, else the project holding the current folder, else the user's sample copy."""
    if project is not None:
        return find_project(project)
    try:
        return find_project()
    except ProjectError:
        copy = sample_project()
        note = sample_update_note(copy)
        if note is not None:
            print(f"workbench: {note}", file=sys.stderr)
        return copy
