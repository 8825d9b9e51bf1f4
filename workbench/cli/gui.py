"""`workbench gui [PROJECT] [--screenshot FILE]`: the desktop application."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `gui` subcommand (Qt is imported only when it runs)."""
    parser = subparsers.add_parser(
        "gui",
        help="open the alignment and terminology workbench (default: the bundled project)",
        description="Open a project in the desktop workbench. With no PROJECT, the bundled "
        "SCO 2006 project (the repository root) opens.",
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

    return run_gui(args.project, args.screenshot, theme=args.theme)
