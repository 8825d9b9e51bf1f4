"""Findings as text, JSON, TSV, a self-contained HTML page or XLSX (both grouped by concept)."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence

from workbench.core.cells import neutralise
from workbench.terms.coverage import NoEquivalent
from workbench.terms.drift import Finding

FORMATS = ("text", "json", "tsv", "html", "xlsx")
#: Formats whose report is bytes, not text (they need an output file).
BINARY_FORMATS = frozenset({"xlsx"})
TSV_COLUMNS = (
    "key",
    "lang",
    "kind",
    "severity",
    "concept",
    "expected",
    "found",
    "source_ids",
    "target_ids",
    "bead",
    "source_text",
    "target_text",
    "message",
    "dismissed",
)


def render_bytes(
    findings: Sequence[Finding],
    fmt: str,
    title: str = "Terminology check",
    gaps: Sequence[NoEquivalent] = (),
) -> bytes:
    """The report in any of FORMATS as bytes (UTF-8 for the text formats)."""
    if fmt == "xlsx":
        from workbench.terms.xlsx_report import to_xlsx

        return to_xlsx(findings, title, gaps)
    return render(findings, fmt, title).encode("utf-8")


def bead_number(finding: Finding) -> int | None:
    """The finding's bead, numbered from 1 in its pair's alignment (None: document-wide).

    Every report (text, JSON, TSV, HTML) numbers beads this way; `Finding.row` is the
    0-based index behind it.
    """
    return None if finding.row is None else finding.row + 1


def render(
    findings: Sequence[Finding],
    fmt: str,
    title: str = "Terminology check",
    dismissed: Mapping[str, str] | None = None,
) -> str:
    """The findings in a text format `fmt` (one of FORMATS but the binary ones); `dismissed`
    maps keys to reasons."""
    marks = dismissed or {}
    if fmt == "json":
        return to_json(findings, marks)
    if fmt == "tsv":
        return to_tsv(findings, marks)
    if fmt == "html":
        return to_html(findings, title)
    if fmt == "text":
        return to_text(findings, marks)
    if fmt in BINARY_FORMATS:
        raise ValueError(f"{fmt} is a binary format: use render_bytes")
    raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")


def to_json(findings: Sequence[Finding], dismissed: Mapping[str, str] | None = None) -> str:
    """A JSON list of finding objects (`bead` from 1; `dismissed` holds a reason or null)."""
    records = []
    for f in findings:
        record: dict[str, object] = {}
        for name, value in f.to_dict().items():
            if name == "row":
                record["bead"] = bead_number(f)
            else:
                record[name] = value
        record["dismissed"] = (dismissed or {}).get(f.key)
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _cell(value: str) -> str:
    return neutralise(" ".join(value.replace("\t", " ").split()))


def to_tsv(findings: Sequence[Finding], dismissed: Mapping[str, str] | None = None) -> str:
    """Tab-separated values with a header row; tabs and line breaks in texts become spaces."""
    lines = ["\t".join(TSV_COLUMNS)]
    for f in findings:
        bead = bead_number(f)
        row = (
            f.key,
            f.lang,
            f.kind.value,
            f.severity.value,
            f.concept,
            " | ".join(f.expected),
            f.found,
            " ".join(f.source_ids),
            " ".join(f.target_ids),
            "" if bead is None else str(bead),
            f.source_text,
            f.target_text,
            f.message,
            (dismissed or {}).get(f.key, ""),
        )
        lines.append("\t".join(_cell(v) for v in row))
    return "\n".join(lines) + "\n"


def to_text(findings: Sequence[Finding], dismissed: Mapping[str, str] | None = None) -> str:
    """One block per finding, for a terminal, each ending with the key `--dismiss` takes."""
    if not findings:
        return "No terminology findings.\n"
    blocks: list[str] = []
    for f in findings:
        bead = bead_number(f)
        where = f"bead {bead}" if bead is not None else "document"
        ids = " ".join(f.target_ids) or "-"
        lines = [f"{f.lang} {f.severity.value} {f.kind.value} [{f.concept}] {where}, {ids}"]
        lines.append(f"  {f.message}")
        if f.expected:
            lines.append(f"  expected: {' | '.join(f.expected)}")
        if f.found and f.kind.value != "inconsistent":
            lines.append(f"  found:    {f.found}")
        if f.source_text:
            lines.append(f"  source:   {_short(f.source_text)}")
        if f.target_text:
            lines.append(f"  target:   {_short(f.target_text)}")
        lines.append(f"  key:      {f.key}")
        reason = (dismissed or {}).get(f.key)
        if reason is not None:
            lines.append(f"  dismissed: {reason}")
        blocks.append("\n".join(lines))
    counts: dict[str, int] = defaultdict(int)
    for f in findings:
        counts[f.kind.value] += 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return "\n\n".join(blocks) + f"\n\n{len(findings)} findings: {summary}\n"


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _highlight(text: str, spans: Sequence[tuple[int, int]], css: str) -> str:
    out: list[str] = []
    position = 0
    for start, end in sorted(set(spans)):
        if start < position or end > len(text):
            continue
        out.append(html.escape(text[position:start]))
        out.append(f'<mark class="{css}">{html.escape(text[start:end])}</mark>')
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


_STYLE = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #ddd; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
mark.src { background: #cfe8ff; } mark.tgt { background: #ffd7a8; }
.error { color: #b00020; font-weight: bold; } .warning { color: #a05a00; } .info { color: #555; }
.ids { color: #666; font-size: 0.9em; white-space: nowrap; }
"""


def to_html(findings: Sequence[Finding], title: str = "Terminology check") -> str:
    """A self-contained page: a summary, then one table per concept, terms highlighted."""
    by_concept: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_concept[f.concept or "(no concept)"].append(f)
    parts = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{len(findings)} findings in {len(by_concept)} concepts.</p>",
    ]
    if not findings:
        parts.append("<p>No terminology findings.</p>")
    for concept in sorted(by_concept):
        items = by_concept[concept]
        parts.append(f'<h2 id="{html.escape(concept)}">{html.escape(concept)}</h2>')
        parts.append(
            "<table><tr><th>Lang</th><th>Kind</th><th>Expected</th><th>Found</th>"
            "<th>Source</th><th>Target</th><th>Ids</th></tr>"
        )
        for f in items:
            found = (
                html.escape(f.found) if f.kind.value != "inconsistent" else html.escape(f.message)
            )
            parts.append(
                "<tr>"
                f"<td>{html.escape(f.lang)}</td>"
                f'<td class="{f.severity.value}">{html.escape(f.kind.value)}</td>'
                f"<td>{html.escape(' | '.join(f.expected))}</td>"
                f"<td>{found}</td>"
                f"<td>{_highlight(f.source_text, f.source_spans, 'src')}</td>"
                f"<td>{_highlight(f.target_text, f.target_spans, 'tgt')}</td>"
                f'<td class="ids">{html.escape(" ".join(f.source_ids))} → '
                f"{html.escape(' '.join(f.target_ids))}</td>"
                "</tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
