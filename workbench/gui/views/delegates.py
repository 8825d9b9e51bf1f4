"""Cell painting (status tint, n:m badge, findings marker, term highlights) and the cell editor."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from workbench.core.inline import (
    LABEL_END,
    LABEL_RE,
    LABEL_START,
    CodeKind,
    codes,
    display,
    from_display,
    has_codes,
    missing_codes,
)
from workbench.gui.models.alignment_table import AnyIndex, Role

PADDING = 4
PIVOT_COLUMN = 0
DOCUMENT_CACHE = 600
MAX_LINES = 14


def highlight_format(status: str, palette: QPalette) -> QTextCharFormat:
    """The text format of a glossary term match by term status."""
    fmt = QTextCharFormat()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if status == "code":  # an inline code's tag chip
        fmt.setBackground(QColor(150, 110, 200, 110) if dark else QColor(215, 195, 240))
        fmt.setForeground(QColor(235, 220, 255) if dark else QColor(80, 30, 130))
        fmt.setFontWeight(QFont.Weight.Bold)
        return fmt
    if status in ("deprecated", "forbidden", "admitted-deprecated"):
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(230, 60, 60))
        fmt.setForeground(QColor(255, 120, 120) if dark else QColor(170, 20, 20))
    elif status == "admitted":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(80, 140, 230))
    else:  # preferred and unknown
        fmt.setBackground(QColor(70, 130, 230, 70))
        fmt.setFontWeight(QFont.Weight.DemiBold)
    return fmt


def raw_offset(texts: list[str], line: int, offset: int) -> int:
    """The offset in segment `line` of `texts` of display offset `offset` on that line.

    Display and raw texts differ where inline codes are shown as tag labels; an offset inside
    a label moves to its end, so a split never cuts a code.
    """
    if line >= len(texts) or not any(has_codes(text) for text in texts):
        return offset
    shown = display("\n".join(texts))
    raw_start = sum(len(text) + 1 for text in texts[:line])
    target = shown.offsets[raw_start] + offset
    for raw in range(raw_start, raw_start + len(texts[line]) + 1):
        if shown.offsets[raw] >= target:
            return raw - raw_start
    return len(texts[line])


INSERT_TAG_KEYS = ("Ctrl+,", "F9")  # Ctrl+, as Trados Studio, F9 as memoQ: next source tag


def _label_number(label: str) -> int:
    return int(label.strip(f"{LABEL_START}{LABEL_END}/"))


class SegmentEditor(QPlainTextEdit):
    """Edits a cell's segments, one per line; Enter commits, Ctrl+Shift+Enter splits here.

    Ctrl+, (or F9) puts the next tag of the source cell that this text lacks at the cursor,
    around the selection when a pair is missing; tags so taken over are `extra_labels`.
    """

    commit_requested = Signal()
    split_requested = Signal(int, int)  # line (segment within the cell), character offset
    notice = Signal(str)  # what the insert-tag command did or why it could not

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)
        self.setToolTip(
            "Enter: save the text · Esc: cancel · Ctrl+Shift+Enter: split the segment here · "
            "Ctrl+, or F9: insert the next tag of the source"
        )
        self._labels: dict[str, str] = {}  # this cell's own tags: label -> code span
        self._source = ""  # the source cell's raw text, where missing tags come from
        self._source_numbers: dict[str, int] = {}  # source code span -> its label number there
        self.extra_labels: dict[str, str] = {}
        self._insert_keys = [QKeySequence(k) for k in INSERT_TAG_KEYS]

    def set_tags(self, labels: dict[str, str], source: str) -> None:
        """This cell's tag labels, and the source cell's raw text (empty for the pivot)."""
        self._labels = dict(labels)
        self._source = source
        shown = display(source)
        self._source_numbers = {span: _label_number(lab) for lab, span in shown.labels.items()}
        self.extra_labels = {}

    def _present(self) -> list[str]:
        """The code spans whose labels are in the text now."""
        every = {**self._labels, **self.extra_labels}
        return [every[label] for label in LABEL_RE.findall(self.toPlainText()) if label in every]

    def _label_for(self, span: str) -> str:
        for label, known in self.extra_labels.items():
            if known == span and label not in self.toPlainText():
                return label
        code = codes(span)[0]
        used = {_label_number(label) for label in [*self._labels, *self.extra_labels]}
        number = None
        every = {**self._labels, **self.extra_labels}
        for label, known in every.items():  # the other half of a pair shares its number
            other = codes(known)[0]
            if (
                other.id == code.id
                and other.kind is not code.kind
                and CodeKind.STANDALONE
                not in (
                    other.kind,
                    code.kind,
                )
            ):
                number = _label_number(label)
        if number is None:
            preferred = self._source_numbers.get(span, 0)
            number = preferred if preferred and preferred not in used else max(used, default=0) + 1
        if code.kind is CodeKind.OPENING:
            label = f"{LABEL_START}{number}{LABEL_END}"
        elif code.kind is CodeKind.CLOSING:
            label = f"{LABEL_START}/{number}{LABEL_END}"
        else:
            label = f"{LABEL_START}{number}/{LABEL_END}"
        self.extra_labels[label] = span
        return label

    def insert_next_tag(self) -> None:
        """Put the first source tag this text lacks at the cursor (see the class docstring)."""
        if not has_codes(self._source):
            self.notice.emit("Insert tag: the source of this cell has no tags")
            return
        missing = missing_codes(self._source, "".join(self._present()))
        if not missing:
            self.notice.emit("Insert tag: every tag of the source is in this text")
            return
        cursor = self.textCursor()
        first = codes(missing[0])[0]
        partner = next(
            (
                span
                for span in missing[1:]
                if codes(span)[0].id == first.id and codes(span)[0].kind is CodeKind.CLOSING
            ),
            None,
        )
        if cursor.hasSelection() and first.kind is CodeKind.OPENING and partner is not None:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            opening, closing = self._label_for(missing[0]), self._label_for(partner)
            cursor.beginEditBlock()
            cursor.setPosition(end)
            cursor.insertText(closing)
            cursor.setPosition(start)
            cursor.insertText(opening)
            cursor.endEditBlock()
            cursor.setPosition(end + len(opening) + len(closing))
            self.setTextCursor(cursor)
            self.notice.emit(f"Inserted the tags {opening} {closing} around the selection")
            return
        tag = self._tag_at(cursor.position())
        if tag is not None and tag[0] < cursor.position() < tag[1]:
            cursor.setPosition(tag[1])  # never inside another tag
        label = self._label_for(missing[0])
        cursor.insertText(label)
        self.setTextCursor(cursor)
        left = len(missing) - 1
        self.notice.emit(
            f"Inserted the tag {label}; {left} more in the source"
            if left
            else f"Inserted the tag {label}; every source tag is in the text now"
        )

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        action = menu.addAction("Insert next source tag\tCtrl+,")
        action.setEnabled(has_codes(self._source))
        action.triggered.connect(self.insert_next_tag)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _tag_at(self, position: int) -> tuple[int, int] | None:
        """The span of the tag label that `position` is inside or touches, if any."""
        block = self.document().findBlock(position)
        base = block.position()
        for match in LABEL_RE.finditer(block.text()):
            start, end = base + match.start(), base + match.end()
            if start <= position <= end:
                return start, end
        return None

    def _guard_tags(self, event: QKeyEvent) -> bool:
        """Keep tag labels whole: Backspace/Delete step over a tag, typing never lands inside one.

        True when the key was handled here. Selecting a tag and cutting it (Ctrl+X), then
        pasting it elsewhere, moves it.
        """
        cursor = self.textCursor()
        key = event.key()
        if cursor.hasSelection():
            return False
        position = cursor.position()
        tag = self._tag_at(position)
        if tag is None:
            return False
        start, end = tag
        if key == Qt.Key.Key_Backspace and position == end:
            cursor.setPosition(start)
        elif key == Qt.Key.Key_Delete and position == start:
            cursor.setPosition(end)
        elif start < position < end and event.text() and event.text().isprintable():
            cursor.setPosition(end)  # typed inside a tag: the text goes after it
            self.setTextCursor(cursor)
            return False
        elif start < position < end and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            cursor.setPosition(end)
        else:
            return False
        self.setTextCursor(cursor)
        event.accept()
        return True

    def _is_insert_key(self, event: QKeyEvent) -> bool:
        pressed = QKeySequence(event.keyCombination())
        exact = QKeySequence.SequenceMatch.ExactMatch
        return any(pressed.matches(key) == exact for key in self._insert_keys)

    def event(self, event) -> bool:
        # F9 is also the window's Re-check terminology: while editing, the editor takes it.
        if event.type() == QEvent.Type.ShortcutOverride and self._is_insert_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_insert_key(event):
            self.insert_next_tag()
            event.accept()
            return
        if self._guard_tags(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
            if mods & ctrl_shift == ctrl_shift:
                cursor = self.textCursor()
                self.split_requested.emit(cursor.blockNumber(), cursor.positionInBlock())
            else:
                self.commit_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def lines(self) -> list[str]:
        """The edited segment texts, one per block."""
        return self.toPlainText().split("\n")


class CellDelegate(QStyledItemDelegate):
    """Paints alignment cells and edits their text; commits go through `text_committed`."""

    text_committed = Signal(QModelIndex, list)  # index, new segment texts
    tags_refused = Signal(str)  # an edit lost or invented an inline code: why
    split_requested = Signal(QModelIndex, int, int)  # index, segment within cell, offset

    def __init__(self, view) -> None:
        super().__init__(view)
        self._view = view
        # Laid-out cell texts by (text, width, highlights, font, dark): repaints after an edit
        # and scrolling back reuse them instead of laying the text out again.
        self._cache: OrderedDict[tuple[object, ...], QTextDocument] = OrderedDict()

    # -- painting ------------------------------------------------------------------------------
    def _document(self, option: QStyleOptionViewItem, index: AnyIndex, width: float):
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        spans = tuple(index.data(Role.HIGHLIGHTS) or ())
        dark = option.palette.color(QPalette.ColorRole.Base).lightness() < 128
        key = (text, int(width), spans, option.font.key(), dark)
        doc = self._cache.get(key)
        if doc is not None:
            self._cache.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(PADDING)
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        doc.setPlainText(text)
        doc.setTextWidth(max(width, 20.0))
        if spans:
            cursor = QTextCursor(doc)
            for start, end, status in spans:
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(highlight_format(status, option.palette))
        self._cache[key] = doc
        if len(self._cache) > DOCUMENT_CACHE:
            self._cache.popitem(last=False)
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        rect = opt.rect
        # Fill the background directly: the style's full item panel costs several times more
        # and a repaint after an edit draws every visible cell.
        if opt.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, opt.palette.highlight())
        elif opt.backgroundBrush.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(rect, opt.backgroundBrush)
        badge_width = 0
        painter.save()
        painter.setClipRect(rect)
        kind = index.data(Role.KIND) or ""
        status = index.data(Role.STATUS) or ""
        small = QFont(opt.font)
        small.setPointSizeF(max(opt.font.pointSizeF() * 0.75, 6.0))
        if (kind and kind != "1:1") or status == "confirmed":
            label = (kind if kind != "1:1" else "") + (" ✓" if status == "confirmed" else "")
            painter.setFont(small)
            metrics = painter.fontMetrics()
            badge_width = metrics.horizontalAdvance(label.strip()) + 6
            badge = QRectF(
                rect.right() - badge_width - 1, rect.top() + 2, badge_width, metrics.height()
            )
            colour = QColor(46, 160, 67) if status == "confirmed" else QColor(200, 120, 20)
            if kind not in ("", "1:1"):
                colour = QColor(150, 90, 200) if status != "confirmed" else QColor(46, 140, 110)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, label.strip())
        findings = index.data(Role.FINDINGS) or 0
        if findings:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(220, 40, 40))
            painter.drawRect(QRectF(rect.left(), rect.top(), 4, rect.height()))
        if not text and index.data(Role.OMISSION):
            # An empty side of an omission: say so, a blank cell reads as "nothing to do".
            painter.setFont(small)
            painter.setPen(opt.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(rect).adjusted(PADDING, PADDING, -badge_width - PADDING, -PADDING),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                "omission: no text on this side",
            )
        if text:
            doc = self._document(opt, index, rect.width() - badge_width)
            painter.translate(rect.topLeft())
            context = QAbstractTextDocumentLayout.PaintContext()
            selected = opt.state & QStyle.StateFlag.State_Selected
            role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
            context.clip = QRectF(0, 0, rect.width(), rect.height())
            doc.documentLayout().draw(painter, context)
            if doc.size().height() > rect.height() + 1:  # cut off: say so (tooltip has it all)
                painter.setFont(small)
                metrics = painter.fontMetrics()
                width = metrics.horizontalAdvance("more…") + 8
                tag = QRectF(
                    rect.width() - width - 2,
                    rect.height() - metrics.height() - 2,
                    width,
                    metrics.height(),
                )
                painter.fillRect(tag, opt.palette.highlight() if selected else opt.palette.base())
                painter.setPen(opt.palette.color(role))
                painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, "more…")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._view.columnWidth(index.column()) if self._view is not None else 300
        if not opt.text:
            return QSize(width, opt.fontMetrics.lineSpacing() + 2 * PADDING)
        doc = self._document(opt, index, width - 28)
        line = opt.fontMetrics.lineSpacing()
        height = min(int(doc.size().height()) + 1, MAX_LINES * line + 2 * PADDING)
        return QSize(width, height)

    # -- editing -------------------------------------------------------------------------------
    def createEditor(self, parent, option, index):
        editor = SegmentEditor(parent)
        editor.setFont(option.font)
        persistent = QPersistentModelIndex(index)
        editor.commit_requested.connect(lambda: self._finish(editor, persistent))
        editor.split_requested.connect(
            lambda line, offset: self._split(editor, persistent, line, offset)
        )
        editor.notice.connect(lambda message: self._notice(editor, message))
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        segments = index.data(Role.SEGMENTS) or []
        own = display("\n".join(text for _, _, text in segments)).labels
        source = ""
        if index.column() != PIVOT_COLUMN:  # the model's columns: the pivot first
            pivot = index.siblingAtColumn(PIVOT_COLUMN).data(Role.SEGMENTS) or []
            source = "\n".join(text for _, _, text in pivot)
        editor.set_tags(own, source)

    def _notice(self, editor, message: str) -> None:
        QToolTip.showText(editor.mapToGlobal(editor.cursorRect().bottomLeft()), message, editor)
        window = self._view.window() if self._view is not None else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)

    def setModelData(self, editor, model, index) -> None:
        segments = index.data(Role.SEGMENTS) or []
        original = [text for _, _, text in segments]
        shown = display("\n".join(original))
        try:
            # Tags may be moved, also between the cell's segments, but not lost or invented.
            lines = from_display(editor.toPlainText(), shown.labels, editor.extra_labels).split(
                "\n"
            )
        except ValueError as exc:
            self.tags_refused.emit(str(exc))
            return
        if original != lines:
            self.text_committed.emit(QModelIndex(index), lines)

    def updateEditorGeometry(self, editor, option, index) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), 4 * option.fontMetrics.lineSpacing()))
        editor.setGeometry(rect)

    def tag_problem(self, editor, index) -> str | None:
        """Why the editor's text cannot be saved (a tag lost or invented), or None."""
        segments = index.data(Role.SEGMENTS) or []
        shown = display("\n".join(text for _, _, text in segments))
        try:
            from_display(editor.toPlainText(), shown.labels, editor.extra_labels)
        except ValueError as exc:
            return str(exc)
        return None

    def _finish(self, editor, persistent=None) -> None:
        if persistent is not None and persistent.isValid():
            problem = self.tag_problem(editor, QModelIndex(persistent))
            if problem is not None:
                # Keep the editor open with the typed text: nothing is lost, the user fixes it.
                QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), problem, editor)
                self.tags_refused.emit(problem)
                return
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _split(self, editor, persistent, line: int, offset: int) -> None:
        self.commitData.emit(editor)  # keep typed changes: the split applies to the saved text
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
        if persistent.isValid():
            index = QModelIndex(persistent)
            texts = [text for _, _, text in index.data(Role.SEGMENTS) or []]
            self.split_requested.emit(index, line, raw_offset(texts, line, offset))
