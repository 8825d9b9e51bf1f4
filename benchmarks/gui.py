"""GUI speed at scale: open a 4 x 10k-segment project, paint the first screen, edit at 10k beads.

Run: `python benchmarks/gui.py [--segments 10000] [--repeat 5]` (offscreen; prints a table).
Targets from the issue: first screen under 1 s, each edit under 50 ms. An edit is timed from
the action to the end of the repaint it causes (median of --repeat runs at different rows).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.core.alignment import Alignment, Bead, ParallelText
from workbench.core.document import Document
from workbench.project.manifest import Manifest
from workbench.project.project import Project

WORDS = {
    "en": [
        "information",
        "security",
        "state",
        "cooperation",
        "system",
        "network",
        "threat",
        "the",
        "of",
        "and",
    ],
    "es": [
        "información",
        "seguridad",
        "estado",
        "cooperación",
        "sistema",
        "red",
        "amenaza",
        "la",
        "de",
        "y",
    ],
    "ru": [
        "информация",
        "безопасность",
        "государство",
        "сотрудничество",
        "система",
        "сеть",
        "угроза",
        "и",
    ],
    "zh": list("信息安全国家合作系统网络威胁的和"),
}


def sentence(rng: random.Random, lang: str) -> str:
    """A random sentence of 6-25 words (characters for Chinese)."""
    words = [rng.choice(WORDS[lang]) for _ in range(rng.randint(6, 25))]
    joined = "".join(words) if lang == "zh" else " ".join(words)
    return joined[0].upper() + joined[1:] + ("。" if lang == "zh" else ".")


def make_project(root: Path, n: int, seed: int = 7) -> Project:
    """A project of a pivot and three languages, about `n` segments each, mixed bead kinds."""
    rng = random.Random(seed)
    pivot_texts = [sentence(rng, "en") for _ in range(n)]
    en = Document("en", [pivot_texts[i : i + 5] for i in range(0, n, 5)])
    documents = {"en": en}
    alignments = {}
    for lang in ("es", "ru", "zh"):
        beads: list[Bead] = []
        i = j = 0
        while i < n:
            a, b = rng.choices([(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)], [90, 4, 4, 1, 1])[0]
            a = min(a, n - i)
            if a == 0 and b == 0:
                continue
            beads.append(
                Bead(tuple(range(i, i + a)), tuple(range(j, j + b)), confidence=rng.random())
            )
            i, j = i + a, j + b
        texts = [sentence(rng, lang) for _ in range(j)]
        document = Document(lang, [texts[k : k + 5] for k in range(0, j, 5)])
        documents[lang] = document
        alignments[lang] = Alignment(en, document, beads)
    text = ParallelText("en", documents, alignments)
    manifest = Manifest(
        name="bench",
        pivot="en",
        documents={lang: Path(f"{lang}.txt") for lang in documents},
        alignments_dir=Path("alignments"),
    )
    root.mkdir(parents=True, exist_ok=True)
    project = Project(root, manifest, text)
    project.save()
    return project


def timed(fn) -> float:
    """Milliseconds `fn()` took."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    """Build the project, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from workbench.gui.app import make_app
    from workbench.gui.main_window import MainWindow

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench"
        make_project(root, args.segments)
        app = make_app()
        window = MainWindow(recovery_base=Path(tmp) / "recovery")
        window.resize(1400, 860)

        from workbench.project.project import Project

        loaded: list[Project] = []

        def read() -> None:
            loaded.append(Project.open(root))

        def show_and_paint() -> None:
            window.load_text(loaded[0].text, loaded[0])
            window.show()
            QApplication.processEvents()
            window.table.fit_visible_rows()
            window.grab()

        read_ms = timed(read)
        paint_ms = timed(show_and_paint)
        label = f"4 x {args.segments} segments"
        rows.append((f"read project ({label}, core Project.open)", read_ms, ""))
        rows.append(("window: rows, model, first paint", paint_ms, ""))
        rows.append(("open + first paint, total", read_ms + paint_ms, "< 1000"))
        assert window.model is not None and window.text is not None
        beads = len(window.text.alignments["es"].beads)
        rows.append(("table rows / es beads", float(window.model.rowCount()), f"{beads} beads"))
        actions = window.actions_by_name
        middle = window.model.rowCount() // 2

        stack = window.controller.stack if window.controller is not None else None
        assert stack is not None

        def edit(name: str, lang: str) -> float:
            """Median time of successful edits (rows where the edit is impossible are skipped)."""
            samples: list[float] = []
            row = middle
            action = actions[name]
            while len(samples) < args.repeat and row < middle + 50 * args.repeat:
                window.move_to_row(row, lang)  # navigating is not part of the edit
                QApplication.processEvents()
                window.table.fit_visible_rows()
                before = stack.count()
                took = timed(lambda: (action.trigger(), QApplication.processEvents()))
                if stack.count() > before:
                    samples.append(took)
                row += 7
            if not samples:
                raise SystemExit(f"{name} changed nothing: {window.statusBar().currentMessage()}")
            return statistics.median(samples)

        def undo_redo(step) -> float:
            samples = []
            for _ in range(args.repeat):
                samples.append(timed(lambda: (step(), QApplication.processEvents())))
                (window.redo if step == window.undo else window.undo)()
                QApplication.processEvents()
            return statistics.median(samples)

        for name, lang in [
            ("merge", "es"),
            ("split", "es"),
            ("shift_down", "ru"),
            ("shift_source_up", "ru"),
            ("insert_empty", "zh"),
            ("confirm", "es"),
            ("confirm_above", "zh"),
            ("merge_segments", "en"),
        ]:
            rows.append((f"edit: {name} ({lang})", edit(name, lang), "< 50"))
        rows.append(("undo (merge_segments)", undo_redo(window.undo), "< 50"))
        window.undo()
        rows.append(("redo (merge_segments)", undo_redo(window.redo), "< 50"))
        window.ask_on_close = False
        window.close()
        del app

    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':>10}  target (ms)")
    for label, value, target in rows:
        print(f"{label.ljust(width)}  {value:>10.1f}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
