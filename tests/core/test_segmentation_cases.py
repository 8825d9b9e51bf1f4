"""The hand-written hard cases (tests/data/segmentation/) per language: boundaries must match."""

from __future__ import annotations

import pytest

from tests.core.segmentation_cases import LANGS, Case, boundaries, load_cases
from workbench.core.segmentation import segment_paragraph
from workbench.formats.srx import load_rules

MIN_CASES_PER_LANGUAGE = 150


def _params() -> list[object]:
    params: list[object] = []
    for lang in LANGS:
        for case in load_cases(lang):
            marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
            params.append(pytest.param(case, id=f"{lang}:{case.line}", marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_case_boundaries_match(case: Case) -> None:
    segments = segment_paragraph(case.text, case.lang, load_rules(case.lang))
    assert boundaries(segments) == boundaries(case.expected), (segments, case.expected)


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_enough_cases(lang: str) -> None:
    assert len(load_cases(lang)) >= MIN_CASES_PER_LANGUAGE


@pytest.mark.parametrize("lang", LANGS)
def test_known_failures_stay_few(lang: str) -> None:
    cases = load_cases(lang)
    assert sum(1 for case in cases if case.xfail) <= len(cases) // 30


@pytest.mark.parametrize("lang", LANGS)
def test_every_case_keeps_its_text(lang: str) -> None:
    for case in load_cases(lang):
        segments = segment_paragraph(case.text, case.lang, load_rules(case.lang))
        assert "".join("".join(segments).split()) == "".join(case.text.split())
