"""Dismissed findings of a project, keyed so they survive re-alignment.

A dismissal is keyed by `Finding.key` (kind, concept, language, source text, what was found),
never by row numbers, so re-aligning or editing other beads keeps it. The file side (JSON
beside the project) is `workbench.project.dismissals`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from workbench.core.errors import EditError
from workbench.terms.drift import Finding


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

    def __init__(self, items: Iterable[Dismissal] = ()) -> None:
        self._items: dict[str, Dismissal] = {item.key: item for item in items}

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


class DismissalStep:
    """Dismissing a finding (with a reason) or taking a dismissal back, as one undoable step.

    `redo` applies it to `dismissals`, `undo` puts back what was there before; it fits the
    project history's `Step` protocol (`workbench.core.history`).
    """

    def __init__(self, dismissals: Dismissals, finding: Finding, reason: str | None) -> None:
        if reason is not None and not reason.strip():
            raise EditError("a dismissal needs a reason")
        self.dismissals = dismissals
        self.finding = finding
        self.reason = reason
        self.previous = dismissals.get(finding.key)
        verb = "Dismiss" if reason is not None else "Restore"
        self.description = f"{verb} {finding.kind.value} {finding.concept} ({finding.lang})"

    def redo(self) -> None:
        """Dismiss the finding, or take its dismissal back."""
        if self.reason is None:
            self.dismissals.undismiss(self.finding.key)
        else:
            self.dismissals.dismiss(self.finding, self.reason)

    def undo(self) -> None:
        """Put back the dismissal (or its absence) from before."""
        self.dismissals.restore(self.finding.key, self.previous)
