"""A project's dismissals file: JSON beside the alignments, read and written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.atomic import write_text_atomic
from workbench.core.errors import FormatError
from workbench.terms.dismissals import Dismissal, Dismissals

FORMAT_VERSION = 1


def load_dismissals(path: str | Path) -> Dismissals:
    """Read a dismissals file; a missing file means none. Errors name the file and line."""
    file = Path(path)
    if not file.exists():
        return Dismissals()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise FormatError("the dismissals file is not UTF-8", file) from None
    except json.JSONDecodeError as exc:
        raise FormatError(f"broken JSON: {exc.msg}", file, exc.lineno) from None
    if not isinstance(data, dict) or not isinstance(data.get("dismissed"), list):
        raise FormatError('expected an object with a "dismissed" list', file, 1)
    items: list[Dismissal] = []
    for number, entry in enumerate(data["dismissed"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
            raise FormatError(f"dismissal {number} has no key", file)
        fields = {name: str(entry.get(name, "")) for name in Dismissal.__slots__}
        items.append(Dismissal(**fields))
    return Dismissals(items)


def dismissals_json(dismissals: Dismissals) -> str:
    """The dismissals as the file holds them (sorted by key, so saves are reproducible)."""
    data = {
        "version": FORMAT_VERSION,
        "dismissed": [
            {name: getattr(item, name) for name in Dismissal.__slots__}
            for item in sorted(dismissals, key=lambda d: d.key)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def save_dismissals(dismissals: Dismissals, path: str | Path) -> None:
    """Write the dismissals to `path` atomically."""
    write_text_atomic(Path(path), dismissals_json(dismissals))
