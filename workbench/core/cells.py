"""Spreadsheet cells that cannot run: CSV/TSV formula injection neutralised as OWASP advises.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV or TSV file takes a cell
that starts with `=`, `+`, `-`, `@`, a tab or a carriage return for a formula, which can run
commands (`=cmd|' /C calc'!A0`) or send data away (`=HYPERLINK(...)`). Following the OWASP
"CSV Injection" advice, such a cell is written with a single quote in front, which the
spreadsheet shows as text. `restore` undoes it when the workbench reads its own file back:
a value that already starts with quotes before such a character gets one more, so the round
trip is exact.
"""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "neutralise", "restore"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(value: str) -> str:
    """`value` made safe to open in a spreadsheet: a `'` in front of a formula start."""
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def restore(value: str) -> str:
    """The value `neutralise` was given (for files the workbench wrote)."""
    return value[1:] if _QUOTED.match(value) else value
