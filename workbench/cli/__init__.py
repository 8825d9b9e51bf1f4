"""The `workbench` command line: argparse subcommands, one module each in this package.

Each module `workbench.cli.<name>` defines `register(subparsers)`, which adds its subcommand(s)
and sets `handler=` to a function taking the parsed arguments and returning an exit code.
Qt is imported only by the `gui` subcommand.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from workbench.core.errors import UsageError, WorkbenchError
from workbench.core.version import __version__

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every subcommand module's `register` applied."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Segment, align, review and check parallel texts; export TMX, PO and TBX.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def gui_main() -> int:
    """The `workbench-gui` entry point (a gui-script: no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; with no arguments, open the GUI (the project here, else the sample)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["gui"]
    parser = build_parser()
    args = parser.parse_args(args_list)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except UsageError as exc:
        print(f"workbench {args.command}: usage error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except WorkbenchError as exc:
        print(f"workbench {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except OSError as exc:
        # A file the command reads or writes: a full disk, a read-only folder, a folder
        # given for a file. The system's reason and the file's name are all the user needs.
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"workbench {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print(f"workbench {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
