"""The summary: counts, failures, beads, findings and corpus terminology, as JSON and HTML."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from workbench.batch.corpus import BatchResult, SetResult, SetStatus
from workbench.batch.runner import Rendering, SetStats
from workbench.batch.summary import build_summary, render_html, render_text, write_summary


def stats(*renderings: Rendering, beads: int = 3) -> SetStats:
    return SetStats(
        {"en": beads, "es": beads},
        {"es": {"1-1": beads}},
        (("es", "deprecated", "infosec", 1),),
        renderings,
    )


def batch() -> BatchResult:
    pref = Rendering("infosec", "es", "seguridad de la información", "preferred", 2)
    depr = Rendering("infosec", "es", "seguridad informática", "deprecated", 1)
    return BatchResult(
        (
            SetResult("b", SetStatus.DONE, stats(pref, depr), seconds=1.0),
            SetResult("a", SetStatus.SKIPPED, stats(depr, beads=2)),
            SetResult("c", SetStatus.FAILED, error="c/es.txt: file <not> found", stage="segment"),
            SetResult("d", SetStatus.NOT_RUN),
        ),
        "local pool, 2 processes",
        2,
        ("align", "check"),
        2.0,
        interrupted=True,
    )


def test_counts_failures_beads_and_findings_add_up() -> None:
    summary = build_summary(batch())
    assert summary["sets"] == {
        "total": 4,
        "done": 1,
        "skipped": 1,
        "failed": 1,
        "not run": 1,
    }
    assert summary["failures"] == [
        {"id": "c", "stage": "segment", "reason": "c/es.txt: file <not> found"}
    ]
    assert summary["beads"] == {"all": {"1-1": 5}, "by_language": {"es": {"1-1": 5}}}
    assert summary["findings"] == {
        "by_kind": {"deprecated": 2},
        "by_concept": {"infosec": {"es deprecated": 2}},
    }
    assert summary["segments"] == 10


def test_throughput_counts_only_sets_processed_in_this_run() -> None:
    speed = build_summary(batch())["throughput"]
    assert speed == {
        "wall_seconds": 2.0,
        "sets_processed": 2,
        "sets_per_second": 1.0,
        "segments_per_second": 3.0,
        "task_seconds_per_set": 0.5,
    }


def test_terminology_adds_renderings_across_sets_most_frequent_first() -> None:
    terms = build_summary(batch())["terminology"]
    assert terms == {
        "infosec": {
            "es": [
                {
                    "rendering": "seguridad de la información",
                    "status": "preferred",
                    "occurrences": 2,
                    "sets": 1,
                    "examples": ["b"],
                },
                {
                    "rendering": "seguridad informática",
                    "status": "deprecated",
                    "occurrences": 2,
                    "sets": 2,
                    "examples": ["a", "b"],
                },
            ]
        }
    }


def test_the_html_page_escapes_text_and_shows_every_section(tmp_path: Path) -> None:
    json_path, html_path = write_summary(tmp_path, build_summary(batch()))
    assert json.loads(json_path.read_text(encoding="utf-8"))["interrupted"] is True
    page = html_path.read_text(encoding="utf-8")
    assert "file &lt;not&gt; found" in page
    tree = lxml_html.fromstring(page)
    headings = [h.text_content() for h in tree.iter("h2")]
    assert headings == ["Failed sets", "Beads by type", "Findings", "Corpus terminology"]
    cells = [td.text_content() for td in tree.iter("td")]
    assert "seguridad informática" in cells
    assert any(td.get("class") == "deprecated" for td in tree.iter("td"))


def test_the_text_report_names_failures_and_the_interruption() -> None:
    text = render_text(build_summary(batch()))
    assert "4 total, 1 done, 1 already complete, 1 failed, 1 not run" in text
    assert "FAILED c (segment)" in text
    assert "Interrupted" in text
    assert html_is_not_in(text)


def html_is_not_in(text: str) -> bool:
    return "<td" not in text and "<table" not in text


def test_an_empty_batch_renders() -> None:
    empty = BatchResult((), "local pool, 1 process", 1, ("align",), 0.0)
    summary = build_summary(empty)
    assert summary["throughput"]["sets_per_second"] == 0.0  # type: ignore[index]
    assert "<h1>Batch summary</h1>" in render_html(summary)
