"""The batch summary: counts, failures, beads, findings, corpus terminology, throughput.

Written as `summary.json` (for scripts) and `summary.html` (for a terminologist), and printed
as text. Corpus terminology adds up, per concept and language, every rendering the sets used:
glossary terms with their status, free renderings found where the term was missing, pivot
terms left untranslated, and places with no rendering, each with occurrences, the number of
sets and a few example set ids.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from pathlib import Path

from workbench.batch.corpus import BatchResult, SetStatus
from workbench.core.atomic import write_text_atomic

EXAMPLES = 5
SUMMARY_JSON = "summary.json"
SUMMARY_HTML = "summary.html"


def build_summary(batch: BatchResult) -> dict[str, object]:
    """The summary as a JSON-ready dictionary (sorted, so runs on any engine compare)."""
    finished = [r for r in batch.results if r.status in (SetStatus.DONE, SetStatus.SKIPPED)]
    processed = [r for r in batch.results if r.status in (SetStatus.DONE, SetStatus.FAILED)]
    done = [r for r in batch.results if r.status is SetStatus.DONE]
    beads: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: Counter[str] = Counter()
    by_concept: dict[str, Counter[str]] = defaultdict(Counter)
    segments = 0
    for result in finished:
        segments += result.stats.total_segments
        for lang, counts in result.stats.beads.items():
            beads[lang].update(counts)
        for lang, kind, concept, n in result.stats.findings:
            kinds[kind] += n
            by_concept[concept or "(none)"][f"{lang} {kind}"] += n
    done_segments = sum(r.stats.total_segments for r in done)
    wall = batch.wall_seconds
    task_seconds = sum(r.seconds for r in processed)
    all_beads: Counter[str] = Counter()
    for counts in beads.values():
        all_beads.update(counts)
    return {
        "engine": batch.engine,
        "workers": batch.workers,
        "steps": list(batch.steps),
        "interrupted": batch.interrupted,
        "sets": {
            "total": len(batch.results),
            **{status.value: batch.count(status) for status in SetStatus},
        },
        "failures": [{"id": r.set_id, "stage": r.stage, "reason": r.error} for r in batch.failed],
        "segments": segments,
        "beads": {
            "all": _sorted(all_beads),
            "by_language": {lang: _sorted(c) for lang, c in sorted(beads.items())},
        },
        "findings": {
            "by_kind": _sorted(kinds),
            "by_concept": {c: _sorted(n) for c, n in sorted(by_concept.items())},
        },
        "terminology": corpus_terminology(batch),
        "throughput": {
            "wall_seconds": round(wall, 3),
            "sets_processed": len(processed),
            "sets_per_second": round(len(processed) / wall, 3) if wall > 0 else 0.0,
            "segments_per_second": round(done_segments / wall, 1) if wall > 0 else 0.0,
            "task_seconds_per_set": round(task_seconds / len(processed), 4) if processed else 0.0,
        },
    }


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items()))


def corpus_terminology(batch: BatchResult) -> dict[str, dict[str, list[dict[str, object]]]]:
    """Per concept and language, each rendering with status, occurrences, sets and examples."""
    occurrences: Counter[tuple[str, str, str, str]] = Counter()
    sets: dict[tuple[str, str, str, str], list[str]] = defaultdict(list)
    for result in batch.results:
        if result.status not in (SetStatus.DONE, SetStatus.SKIPPED):
            continue
        for r in result.stats.renderings:
            key = (r.concept, r.lang, r.text, r.status)
            occurrences[key] += r.count
            sets[key].append(result.set_id)
    out: dict[str, dict[str, list[dict[str, object]]]] = {}
    for key in sorted(occurrences, key=lambda k: (k[0], k[1], -occurrences[k], k[2], k[3])):
        concept, lang, text, status = key
        ids = sorted(sets[key])
        out.setdefault(concept, {}).setdefault(lang, []).append(
            {
                "rendering": text,
                "status": status,
                "occurrences": occurrences[key],
                "sets": len(ids),
                "examples": ids[:EXAMPLES],
            }
        )
    return out


def render_text(summary: dict[str, object]) -> str:
    """A short plain-text report for the terminal."""
    sets = _dict(summary["sets"])
    lines = [
        f"Sets: {sets['total']} total, {sets['done']} done, {sets['skipped']} already complete, "
        f"{sets['failed']} failed" + (f", {sets['not run']} not run" if sets["not run"] else ""),
    ]
    if summary["interrupted"]:
        lines.append("Interrupted: finished sets are kept; run the same command to continue.")
    for failure in _list(summary["failures"]):
        item = _dict(failure)
        lines.append(f"  FAILED {item['id']} ({item['stage']}): {item['reason']}")
    beads = _dict(_dict(summary["beads"])["all"])
    if beads:
        lines.append("Beads: " + ", ".join(f"{k} {v}" for k, v in beads.items()))
    kinds = _dict(_dict(summary["findings"])["by_kind"])
    if kinds:
        lines.append("Findings: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    speed = _dict(summary["throughput"])
    lines.append(
        f"Throughput: {_sets(speed['sets_processed'])} in {speed['wall_seconds']} s "
        f"({speed['sets_per_second']} sets/s, {speed['segments_per_second']} segments/s) "
        f"on {summary['engine']}"
    )
    return "\n".join(lines) + "\n"


def _sets(count: object) -> str:
    return f"{count} set" if count == 1 else f"{count} sets"


def _dict(value: object) -> dict[str, object]:
    assert isinstance(value, dict)
    return value


def _list(value: object) -> list[object]:
    assert isinstance(value, list)
    return value


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3} td.n{text-align:right}
.deprecated,.superseded,.untranslated,.missing{color:#a00} .unlisted{color:#a60}
.preferred,.admitted{color:#070}
"""


def render_html(summary: dict[str, object]) -> str:
    """A self-contained HTML page of the summary."""
    esc = html.escape
    sets = _dict(summary["sets"])
    speed = _dict(summary["throughput"])
    parts = [
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Batch summary</title>",
        f"<style>{_CSS}</style></head><body><h1>Batch summary</h1>",
        f"<p>{esc(str(summary['engine']))}; steps: "
        + esc(", ".join(map(str, _list(summary["steps"]))))
        + ("; <strong>interrupted</strong>" if summary["interrupted"] else "")
        + "</p>",
        _table(["Sets", "Count"], [[k, v] for k, v in sets.items()]),
        _table(["Throughput", ""], [[k.replace("_", " "), v] for k, v in speed.items()]),
    ]
    failures = [_dict(f) for f in _list(summary["failures"])]
    if failures:
        parts.append("<h2>Failed sets</h2>")
        parts.append(
            _table(
                ["Set", "Stage", "Reason"], [[f["id"], f["stage"], f["reason"]] for f in failures]
            )
        )
    beads = _dict(summary["beads"])
    by_lang = _dict(beads["by_language"])
    kinds = sorted(_dict(beads["all"]))
    if kinds:
        parts.append("<h2>Beads by type</h2>")
        rows = [[lang, *(_dict(c).get(k, 0) for k in kinds)] for lang, c in by_lang.items()]
        parts.append(_table(["Language", *kinds], rows))
    findings = _dict(summary["findings"])
    if _dict(findings["by_kind"]):
        parts.append("<h2>Findings</h2>")
        parts.append(
            _table(["Kind", "Count"], [[k, v] for k, v in _dict(findings["by_kind"]).items()])
        )
        rows = [
            [concept, ", ".join(f"{k} {v}" for k, v in _dict(counts).items())]
            for concept, counts in _dict(findings["by_concept"]).items()
        ]
        parts.append(_table(["Concept", "Findings"], rows))
    terminology = _dict(summary["terminology"])
    if terminology:
        parts.append("<h2>Corpus terminology</h2>")
        parts.append(
            "<p>How each concept is rendered across the corpus: glossary terms with their "
            "status, free renderings found where the term was missing (unlisted), terms left "
            "untranslated and places with no rendering (missing).</p>"
        )
        for concept, langs in terminology.items():
            parts.append(f"<h3>{esc(concept)}</h3>")
            rows = []
            for lang, items in _dict(langs).items():
                for entry in (_dict(e) for e in _list(items)):
                    rows.append(
                        [
                            lang,
                            entry["rendering"] or "—",
                            _Status(str(entry["status"])),
                            entry["occurrences"],
                            entry["sets"],
                            ", ".join(map(str, _list(entry["examples"]))),
                        ]
                    )
            parts.append(
                _table(["Language", "Rendering", "Status", "Occurrences", "Sets", "Examples"], rows)
            )
    parts.append("</body></html>\n")
    return "\n".join(parts)


class _Status(str):
    """A status cell, coloured by its class."""


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = []
        for value in row:
            text = html.escape(str(value))
            if isinstance(value, _Status):
                cells.append(f"<td class='{text}'>{text}</td>")
            elif isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f"<td class='n'>{text}</td>")
            else:
                cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>\n" + "\n".join(body) + "</table>"


def write_summary(out: str | Path, summary: dict[str, object]) -> tuple[Path, Path]:
    """Write `summary.json` and `summary.html` into `out` (atomically)."""
    folder = Path(out)
    json_path, html_path = folder / SUMMARY_JSON, folder / SUMMARY_HTML
    write_text_atomic(json_path, json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    write_text_atomic(html_path, render_html(summary))
    return json_path, html_path
