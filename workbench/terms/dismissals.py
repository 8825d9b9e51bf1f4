"""Dismissed findings, kept as JSON beside the project; keyed so they survive re-alignment.

A dismissal is keyed by `Finding.key` (kind, concept, language, source text, what was found),
never by row numbers, so re-aligning or editing other beads keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from workbench.core.atomic import write_text_atomic
from workbench.core.errors import EditError, FormatError
from workbench.terms.drift import Finding

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Dismissal:
    """One dismissed finding: its key, the reason, and what it was (for people reading the file)."""

    key: str
    reason: str
    lang: str = ""
    kind: str = ""
    concept: str = ""
    found: str = ""
    source_text: str = ""
    date: str = ""


class Dismissals:
    """The set of dismissed findings of a project; edits return what they replaced (for undo)."""

    def __init__(self, items: Iterable[Dismissal] = (), path: Path | None = None) -> None:
        self.path = path
        self._items: dict[str, Dismissal] = {item.key: item for item in items}

    @classmethod
    def load(cls, path: str | Path) -> Dismissals:
        """Read the dismissals file; a missing file means none."""
        file = Path(path)
        if not file.exists():
            return cls(path=file)
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
        return cls(items, file)

    def save(self, path: str | Path | None = None) -> None:
        """Write the dismissals atomically (to `path`, else where they were loaded from)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise EditError("no file to save the dismissals to")
        data = {
            "version": FORMAT_VERSION,
            "dismissed": [
                {name: getattr(item, name) for name in Dismissal.__slots__}
                for item in sorted(self._items.values(), key=lambda d: d.key)
            ],
        }
        write_text_atomic(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Dismissal]:
        return iter(list(self._items.values()))

    def __contains__(self, finding: object) -> bool:
        key = finding.key if isinstance(finding, Finding) else finding
        return key in self._items

    def get(self, key: str) -> Dismissal | None:
        """The dismissal with `key`, if any."""
        return self._items.get(key)

    def dismiss(self, finding: Finding, reason: str) -> Dismissal | None:
        """Dismiss `finding` with `reason`; returns the dismissal it replaced (None if new)."""
        if not reason.strip():
            raise EditError("a dismissal needs a reason")
        old = self._items.get(finding.key)
        self._items[finding.key] = Dismissal(
            finding.key,
            reason.strip(),
            finding.lang,
            finding.kind.value,
            finding.concept,
            finding.found,
            finding.source_text,
            datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        return old

    def restore(self, key: str, previous: Dismissal | None) -> None:
        """Put back the state before a dismiss/undismiss of `key` (undo)."""
        if previous is None:
            self._items.pop(key, None)
        else:
            self._items[key] = previous

    def undismiss(self, key: str) -> Dismissal | None:
        """Take a dismissal back; returns it (None if `key` was not dismissed)."""
        return self._items.pop(key, None)

    def active(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings that are not dismissed."""
        return [f for f in findings if f.key not in self._items]
