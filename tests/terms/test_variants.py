"""Glossary languages against document variants: RFC 4647 ranges, never the reverse."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.cli import main
from workbench.formats.tbx import tbx_bytes
from workbench.terms.glossary import Concept, Glossary, Term, for_documents

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="X" creationtoolversion="1" segtype="sentence"
 o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="en-US"><seg>Information security matters.</seg></tuv>
<tuv xml:lang="zh-TW"><seg>資訊安全很重要。</seg></tuv>
<tuv xml:lang="zh-CN"><seg>信息安全很重要。</seg></tuv></tu>
</body></tmx>
"""


def glossary(*terms: tuple[str, str]) -> Glossary:
    return Glossary([Concept("c1", terms=tuple(Term(text, lang) for lang, text in terms))])


def test_a_bare_language_term_applies_to_every_variant() -> None:
    adapted, notes = for_documents(
        glossary(("en", "information security"), ("zh", "信息安全")),
        {"en": "en-US", "zh": "zh-CN", "zh-TW": "zh-TW"},
    )
    assert {t.lang for t in adapted.concept("c1").terms} == {"en", "zh", "zh-TW"}
    assert any("zh terms apply to the zh-TW document" in n for n in notes)


def test_a_regional_term_does_not_apply_to_another_region() -> None:
    adapted, notes = for_documents(
        glossary(("en", "information security"), ("zh-CN", "信息安全")),
        {"en": "en-US", "zh-TW": "zh-TW"},
    )
    assert "zh-TW" not in {t.lang for t in adapted.concept("c1").terms}
    assert any("glossary language zh-CN matches no document" in n for n in notes)


def test_a_document_key_with_a_region_code_takes_the_regional_term() -> None:
    adapted, _ = for_documents(
        glossary(("en-US", "information security"), ("zh-CN", "信息安全")),
        {"en": "en-US", "zh": "zh-CN"},
    )
    assert {t.lang for t in adapted.concept("c1").terms} >= {"en", "zh"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    tmx = tmp_path / "tm.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    folder = tmp_path / "p"
    assert main(["import", "tmx", str(tmx), "--into", str(folder)]) == 0
    return folder


def test_check_terms_on_a_taiwan_document_with_a_mainland_glossary_says_so(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(tbx_bytes(glossary(("en", "information security"), ("zh-CN", "信息安全"))))
    capsys.readouterr()
    code = main(["check-terms", str(project), "--lang", "zh-TW", "--glossary", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "none in the target language(s) zh-TW" in err


def test_check_terms_applies_a_bare_language_glossary_to_both_variants(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.tbx"
    path.write_bytes(tbx_bytes(glossary(("en", "information security"), ("zh", "信息安全"))))
    capsys.readouterr()
    main(["check-terms", str(project), "--glossary", str(path), "--format", "json"])
    captured = capsys.readouterr()
    assert "zh terms apply to the zh-TW document" in captured.err
    # The Taiwan text writes 資訊安全, not the glossary's 信息安全: a finding there only.
    assert '"zh-TW"' in captured.out
