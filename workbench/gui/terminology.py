"""The terminology side of the window: term highlighting, the findings panel, dismissals."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.edits import Change
from workbench.core.errors import WorkbenchError
from workbench.gui.autosave import snapshot
from workbench.gui.models.findings import FindingRole, FindingsModel
from workbench.gui.views.renderings import Bar, RenderingsChart
from workbench.gui.workers import Worker
from workbench.project.dismissals import load_dismissals
from workbench.terms.dismissals import Dismissals, DismissalStep
from workbench.terms.drift import Finding, FindingKind, check_drift
from workbench.terms.glossary import Glossary, GlossaryChange, GlossaryStep
from workbench.terms.matching import TermMatcher
from workbench.terms.qa import QaRules

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow

RECHECK_MS = 1500
HIGHLIGHT_CACHE = 50_000


class Highlighter:
    """(lang, text) -> [(start, end, term status)] through the terminology matcher, cached."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._matchers: dict[str, TermMatcher] = {}
        self._cache: dict[tuple[str, str], list[tuple[int, int, str]]] = {}

    def __call__(self, lang: str, text: str) -> list[tuple[int, int, str]]:
        key = (lang, text)
        spans = self._cache.get(key)
        if spans is None:
            matcher = self._matchers.get(lang)
            if matcher is None:
                matcher = self._matchers[lang] = TermMatcher(self.glossary, lang)
            spans = [(m.start, m.end, m.status.value) for m in matcher.find(text)]
            if len(self._cache) > HIGHLIGHT_CACHE:
                self._cache.clear()
            self._cache[key] = spans
        return spans


class FindingsFilter(QSortFilterProxyModel):
    """Filters findings by kind, language, text, and whether dismissed ones show."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind = ""
        self.lang = ""
        self.text = ""
        self.show_dismissed = False

    def update(self, **values: object) -> None:
        """Set some filters and re-filter."""
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        if not isinstance(model, FindingsModel):
            return True
        finding = model.finding(source_row)
        if self.kind and finding.kind.value != self.kind:
            return False
        if self.lang and finding.lang != self.lang:
            return False
        if not self.show_dismissed and model.is_dismissed(source_row):
            return False
        if self.text:
            needle = self.text.casefold()
            haystack = " ".join(
                (finding.concept, finding.found, finding.target_text, *finding.expected)
            )
            return needle in haystack.casefold()
        return True


class TerminologyPanel(QWidget):
    """Findings with filters (double-click goes to the bead, Del dismisses) beside the chart."""

    def __init__(self, terms: Terminology) -> None:
        super().__init__()
        self.terms = terms
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.kind = QComboBox(self)
        self.kind.addItem("All kinds", "")
        for kind in FindingKind:
            self.kind.addItem(kind.value, kind.value)
        self.lang = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Filter findings by concept or text")
        self.search.setClearButtonEnabled(True)
        self.show_dismissed = QCheckBox("Show dismissed", self)
        self.recheck = QPushButton("Re-check (F9)", self)
        self.recheck.setToolTip("Check the terminology again (F9)")
        self.dismiss = QPushButton("Dismiss… (Del)", self)
        self.dismiss.setToolTip(
            "Dismiss the selected finding with a reason (Del); undo with Ctrl+Z"
        )
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        for widget in (self.kind, self.lang, self.search, self.show_dismissed):
            bar.addWidget(widget)
        bar.addWidget(self.progress)
        bar.addWidget(self.recheck)
        bar.addWidget(self.dismiss)
        layout.addLayout(bar)
        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.chart = RenderingsChart(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.kind.currentIndexChanged.connect(self._filters_changed)
        self.lang.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        self.show_dismissed.toggled.connect(self._filters_changed)
        self.recheck.clicked.connect(terms.check)
        self.dismiss.clicked.connect(self.dismiss_selected)
        self.view.doubleClicked.connect(self._go_to)
        self.view.activated.connect(self._go_to)
        self.view.selectionModel().currentRowChanged.connect(self._selected)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.dismiss_selected)

    def set_langs(self, langs: list[str], tags: Mapping[str, str] | None = None) -> None:
        """Fill the language filter; `tags` name each language by its exact tag."""
        named = dict(tags or {})
        self.model.set_tags(named)
        self.lang.blockSignals(True)
        self.lang.clear()
        self.lang.addItem("All languages", "")
        for lang in langs:
            self.lang.addItem(named.get(lang, lang), lang)
        self.lang.blockSignals(False)

    def _filters_changed(self, *_args) -> None:
        self.proxy.update(
            kind=self.kind.currentData() or "",
            lang=self.lang.currentData() or "",
            text=self.search.text(),
            show_dismissed=self.show_dismissed.isChecked(),
        )

    def select_first(self, kind: str = "") -> bool:
        """Make the first finding (of `kind`, if given) current; True when there was one."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            finding = self.proxy.data(index, FindingRole.FINDING)
            if finding is not None and (not kind or finding.kind.value == kind):
                self.view.setCurrentIndex(index)
                return True
        return False

    def current_finding(self) -> Finding | None:
        """The selected finding, if any."""
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, FindingRole.FINDING)

    def _go_to(self, index: QModelIndex) -> None:
        finding = self.proxy.data(index, FindingRole.FINDING)
        if finding is not None:
            self.terms.go_to(finding)

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        finding = self.proxy.data(current, FindingRole.FINDING) if current.isValid() else None
        if finding is not None:
            self.terms.show_renderings(finding.concept)

    def dismiss_selected(self) -> None:
        """Ask for a reason and dismiss the selected finding (or restore a dismissed one)."""
        finding = self.current_finding()
        if finding is None:
            return
        if self.terms.dismissals.get(finding.key) is not None:
            self.terms.dismiss(finding, None)
            return
        reason, ok = QInputDialog.getText(
            self,
            "Dismiss finding",
            f"Why is this {finding.kind.value} finding for {finding.concept} "
            f"({self.model.tag(finding.lang)}) "
            "not a problem?",
        )
        if ok and reason.strip():
            self.terms.dismiss(finding, reason.strip())


class Terminology(QObject):
    """Glossary, dismissals and findings of the open project, wired into the window."""

    glossary_edited = Signal(object)  # the GlossaryStep just applied or reverted

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.glossary = Glossary()
        self.dismissals = Dismissals()
        self.rules = QaRules()
        self._glossary_dirty = False
        self.findings: list[Finding] = []
        self.panel = TerminologyPanel(self)
        self.dock = QDockWidget("Terminology", window)
        self.dock.setObjectName("Terminology")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self._worker: Worker | None = None
        # Each check gets a number; a background result is shown only if no check started
        # after it (a synchronous check or an edit would otherwise be overwritten by it).
        self._generation = 0
        self._worker_generation = -1
        self._watched: object = None
        self._again = False
        self.recheck_timer = QTimer(self)
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_MS)
        self.recheck_timer.timeout.connect(self.check)
        self.on_checked: list[Callable[[], None]] = []

    def load(self, glossary: Glossary, dismissals: Dismissals, *, dirty: bool = False) -> None:
        """Use a project's glossary and dismissals; highlight terms and check in the background.

        `dirty`: the glossary differs from its file (edited and not saved yet).
        """
        self.glossary = glossary
        self.dismissals = dismissals
        self.glossary_dirty = dirty
        window = self.window
        if window.model is not None:
            window.model.set_highlighter(Highlighter(glossary))
            tags = window.text.lang_codes if window.text is not None else None
            self.panel.set_langs(window.model.langs[1:], tags)
        if window.controller is not None and window.controller is not self._watched:
            window.controller.changed.connect(self._text_changed)
            self._watched = window.controller
        self.dock.show()
        self.check()

    def set_rules(self, rules: QaRules) -> None:
        """Use edited QA rules and re-check."""
        self.rules = rules
        self.check()

    @property
    def glossary_dirty(self) -> bool:
        """True when the glossary differs from its file (the session's flag, with a project)."""
        session = getattr(self.window, "session", None)
        return session.is_glossary_changed if session is not None else self._glossary_dirty

    @glossary_dirty.setter
    def glossary_dirty(self, dirty: bool) -> None:
        session = getattr(self.window, "session", None)
        if session is not None:
            session.glossary = self.glossary
            session.is_glossary_changed = dirty
        self._glossary_dirty = dirty

    def set_glossary(self, glossary: Glossary, *, dirty: bool = True) -> None:
        """Swap in an edited glossary: re-highlight and re-check; unsaved unless `dirty` is off."""
        self.load(glossary, self.dismissals, dirty=dirty)
        finding = self.panel.current_finding()  # the chart shows the new glossary's colours
        if finding is not None:
            self.show_renderings(finding.concept)
        else:
            self.panel.chart.clear()
        self.window.update_state()

    def glossary_stepped(self, step: GlossaryStep) -> None:
        """A glossary edit was made, undone or redone: re-highlight, re-check, tell an editor."""
        window = self.window
        if window.model is not None:
            window.model.set_highlighter(Highlighter(self.glossary))
        finding = self.panel.current_finding()
        if finding is not None:
            self.show_renderings(finding.concept)
        self.check()
        self.glossary_edited.emit(step)

    def edit_glossary(self, make: Callable[[Glossary], GlossaryChange]) -> GlossaryStep | None:
        """Make one glossary edit as a step of the project's one history (undo: Edit menu).

        None when the window has no session (a text without its project). Raises the
        glossary's EditError, before anything changes, when the edit is impossible.
        """
        window = self.window
        session, controller = window.session, window.controller
        if session is None or controller is None or session.glossary is not self.glossary:
            return None
        step = session.edit_glossary(make)
        controller.push_recorded(step, lambda: self.glossary_stepped(step))
        return step

    def save_glossary(self) -> Path | None:
        """Write an edited glossary to the project's glossary file; the file, or None."""
        from workbench.gui.saving import trust_glossary_outside
        from workbench.project.glossary import save_project_glossary

        project = self.window.project
        if project is None or not self.glossary_dirty or not trust_glossary_outside(self.window):
            return None
        path = save_project_glossary(project, self.glossary)
        self.glossary_dirty = False
        return path

    def _text_changed(self, change: object) -> None:
        # Until the re-check, the marks follow the beads the edit moved; findings on the
        # beads it replaced are dropped (the re-check finds them again if they remain).
        if isinstance(change, Change) and change.beads and self.findings:
            self.findings = [f for f in map(lambda f: _moved(f, change), self.findings) if f]
            self._mark_cells()
        self.recheck_timer.start()

    def dismiss(self, finding: Finding, reason: str | None) -> None:
        """Dismiss a finding (None: take its dismissal back) as a step of the undo history."""
        if self.window.controller is not None:
            step = DismissalStep(self.dismissals, finding, reason)
            self.window.controller.perform_step(step, self.dismissals_changed)

    def check(self, synchronous: bool = False) -> None:
        """Run the drift check on a snapshot in a worker; results replace the findings."""
        text = self.window.text
        if text is None or not len(self.glossary):
            self._show([])
            return
        glossary, rules = self.glossary, self.rules
        if synchronous:
            self._generation += 1
            if self._worker is not None:
                # Its result is stale now (see _checked); the analyzers are per thread, so
                # the two checks share nothing, and the UI need not wait for it.
                self._worker.cancel()
            self._show(check_drift(text, glossary, rules=rules))
            return
        if self._worker is not None:
            self._again = True
            return
        copy = snapshot(text)

        def job(progress, cancelled):
            return check_drift(copy, glossary, progress=progress, cancelled=cancelled, rules=rules)

        self._generation += 1
        self._worker_generation = self._generation
        self._worker = Worker(job)
        signals = self._worker.signals
        signals.progressed.connect(self._progressed)
        signals.succeeded.connect(self._checked)
        signals.failed.connect(self._failed)
        signals.done.connect(self._done)
        self.panel.progress.setRange(0, 0)
        self.panel.progress.show()
        self._worker.start()

    def stop(self) -> None:
        """Cancel a background check and wait for its thread (the window is closing)."""
        worker = self._worker
        if worker is not None:
            worker.cancel()
            QThreadPool.globalInstance().waitForDone(5000)

    def _checked(self, findings: list[Finding]) -> None:
        if self._worker_generation == self._generation:
            self._show(findings)

    def _progressed(self, done: int, total: int) -> None:
        self.panel.progress.setRange(0, max(total, 1))
        self.panel.progress.setValue(done)

    def _failed(self, error: object) -> None:
        self.window.report(f"terminology check failed: {error}")

    def _done(self) -> None:
        self._worker = None
        self.panel.progress.hide()
        if self._again:
            self._again = False
            self.check()

    def _show(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        dismissed = {f.key for f in self.findings if f.key in self.dismissals}
        self.panel.model.set_findings(self.findings, dismissed)
        self._mark_cells()
        self._update_title()
        for callback in self.on_checked:
            callback()

    def _mark_cells(self) -> None:
        model = self.window.model
        if model is None:
            return
        counts: dict[tuple[str, int], int] = {}
        layout = model.layout
        for finding in self.dismissals.active(self.findings):
            if finding.row is None or finding.lang not in layout.langs:
                continue
            rows = layout.rows_of_beads(finding.lang, finding.row, finding.row + 1)
            if rows:
                key = (finding.lang, rows[0])
                counts[key] = counts.get(key, 0) + 1
        model.set_findings(counts)

    def dismissals_changed(self) -> None:
        """Redraw after a dismissal was made or undone."""
        dismissed = {f.key for f in self.findings if f.key in self.dismissals}
        self.panel.model.set_dismissed(dismissed)
        self.panel.proxy.invalidate()
        self._mark_cells()
        self._update_title()

    def _update_title(self) -> None:
        self.dock.setWindowTitle(
            f"Terminology — {len(self.dismissals.active(self.findings))} findings"
        )

    def go_to(self, finding: Finding) -> None:
        """Select the bead of a finding in the table."""
        model = self.window.model
        if model is None:
            return
        if finding.row is None:
            self.window.report(
                f"{finding.message or finding.kind.value}: applies to the whole text"
            )
            return
        if finding.lang in model.layout.langs:
            rows = model.layout.rows_of_beads(finding.lang, finding.row, finding.row + 1)
            if rows:
                self.window.move_to_row(rows[0], finding.lang)
                self.window.table.setFocus()

    def show_renderings(self, concept_id: str) -> None:
        """Chart how each language renders `concept_id` (glossary terms and mined candidates)."""
        text = self.window.text
        if text is None or concept_id not in self.glossary:
            self.panel.chart.clear()
            return
        from workbench.terms.suggest import suggest_renderings

        try:
            suggestions = suggest_renderings(text, self.glossary, concept_id, limit=3, examples=0)
        except WorkbenchError as exc:
            self.window.report(str(exc))
            self.panel.chart.clear()
            return
        groups = []
        for item in suggestions:
            bars = [Bar(s.text, s.count, s.status) for s in item.used]
            known = {s.text for s in item.used}
            # Only strong co-occurrence is charted: weaker candidates are noise on a short text
            # (the glossary editor's "Suggest equivalents" lists them all, with examples).
            strong = [s for s in item.candidates if s.text not in known and s.score >= 0.8]
            bars += [Bar(s.text, s.count, "") for s in strong][:2]
            groups.append((text.tag(item.lang), item.beads, bars))
        self.panel.chart.set_data(f"Renderings of “{concept_id}”", groups)


def _moved(finding: Finding, change: Change) -> Finding | None:
    """`finding` with its bead row moved by `change`; None when its bead was replaced."""
    row = finding.row
    if row is None:
        return finding
    for item in change.beads:
        if item.lang != finding.lang:
            continue
        if item.start <= row < item.start + item.removed:
            return None
        if row >= item.start + item.removed:
            row += item.inserted - item.removed
    return finding if row == finding.row else replace(finding, row=row)


def install_terminology(window: MainWindow) -> None:
    """Load the project's glossary and dismissals into the window's terminology panel."""
    from workbench.project.glossary import load_glossary
    from workbench.project.qa_rules import default_rules_path, read_qa_rules

    terms: Terminology | None = getattr(window, "terminology", None)
    project = window.project
    if project is None:
        if terms is not None:
            terms.load(Glossary(), Dismissals())
            terms.dock.hide()
        return
    try:
        path = project.glossary_file()
    except WorkbenchError as exc:  # a glossary outside the project is not read
        window.report(str(exc))
        if terms is not None:
            terms.load(Glossary(), Dismissals())
            terms.dock.hide()
        return
    try:
        glossary = (
            load_glossary(path)
            if path is not None and path.exists()
            else Glossary([], project.text.pivot)
        )
        dismissals = load_dismissals(project.dismissals_path)
        rules_path = default_rules_path(project.root)
        rules = read_qa_rules(rules_path) if rules_path.is_file() else QaRules()
    except (WorkbenchError, OSError) as exc:
        window.show_error(
            "Could not read the glossary",
            f"{exc}\n\nThe alignment works without it; fix the glossary file and reopen.",
        )
        return
    if terms is None:
        terms = Terminology(window)
        window.terminology = terms
        window.add_terminology_actions(terms)
    terms.rules = rules
    session = getattr(window, "session", None)
    if session is not None:  # one glossary and one set of dismissals: the session's
        session.glossary, session.dismissals = glossary, dismissals
    terms.load(glossary, dismissals)
    if not len(glossary):  # nothing to check yet: the editor (Ctrl+G) starts one
        terms.dock.hide()
