"""The bundled SCO 2006 statement: titles and datelines are whole segments, no text is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.segmentation import segment_paragraphs
from workbench.formats.plaintext import read_paragraphs
from workbench.formats.srx import load_rules

TEXTS = Path(__file__).resolve().parents[2] / "resources" / "texts" / "sco-2006"
DATELINES = {
    "en": "Shanghai, 15 June 2006",
    "es": "Shanghái, 15 de junio de 2006",
    "ru": "Шанхай, 15 июня 2006 года",
    "zh": "（2006年6月15日，上海）",
}


@pytest.mark.parametrize("lang", sorted(DATELINES))
def test_dateline_is_a_paragraph_of_one_segment(lang: str) -> None:
    paragraphs = segment_paragraphs(read_paragraphs(TEXTS / f"{lang}.txt"), lang, load_rules(lang))
    assert [DATELINES[lang]] in paragraphs


@pytest.mark.parametrize("lang", sorted(DATELINES))
def test_every_segment_ends_like_a_sentence_unless_it_is_a_heading(lang: str) -> None:
    paragraphs = segment_paragraphs(read_paragraphs(TEXTS / f"{lang}.txt"), lang, load_rules(lang))
    for segments in paragraphs:
        if len(segments) > 1:
            assert all(segment[-1] in ".。" for segment in segments), segments


@pytest.mark.parametrize("lang", sorted(DATELINES))
def test_the_segments_hold_the_whole_text(lang: str) -> None:
    path = TEXTS / f"{lang}.txt"
    paragraphs = segment_paragraphs(read_paragraphs(path), lang, load_rules(lang))
    joined = "".join("".join(segments) for segments in paragraphs)
    assert "".join(joined.split()) == "".join(path.read_text(encoding="utf-8").split())
