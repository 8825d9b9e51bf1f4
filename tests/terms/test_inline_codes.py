"""Term matching sees the text around inline codes: a code inside a term does not hide it."""

from __future__ import annotations

from collections.abc import Sequence

from tests.terms.factories import parallel
from tests.terms.test_drift import GLOSSARY
from workbench.core.inline import Code, CodeKind, join, visible
from workbench.terms.drift import Finding, FindingKind, check_drift

ON = Code(CodeKind.OPENING, "1", "<b>", "bpt")
OFF = Code(CodeKind.CLOSING, "1", "</b>", "ept")


def _kinds(findings: Sequence[Finding]) -> list[tuple[str, str, str]]:
    return [(f.lang, f.kind.value, f.concept) for f in findings]


def test_a_term_split_by_a_code_is_found_on_both_sides() -> None:
    plain = parallel(
        ["Threats to information security."],
        {"es": ["Amenazas a la seguridad de la información."]},
    )
    tagged = parallel(
        [join(["Threats to information ", ON, "security", OFF, "."])],
        {"es": [join(["Amenazas a la ", ON, "seguridad", OFF, " de la información."])]},
    )
    assert _kinds(check_drift(tagged, GLOSSARY)) == _kinds(check_drift(plain, GLOSSARY))


def test_a_missing_term_behind_codes_is_reported_at_visible_offsets() -> None:
    source = join(["Threats to ", ON, "information security", OFF, "."])
    text = parallel([source], {"es": ["Amenazas a la esfera digital."]})
    (finding,) = [f for f in check_drift(text, GLOSSARY) if f.kind is FindingKind.MISSING]
    ((start, end),) = finding.source_spans
    assert visible(source)[start:end] == "information security"
