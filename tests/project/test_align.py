"""Aligning a project: only the pairs not aligned yet, with the glossary as a dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.align import glossary_lexicons
from workbench.core.errors import CancelledError
from workbench.project.align import align_missing, align_project
from workbench.project.project import Project
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus


def _project(tmp_path: Path, glossary: Path | None = None) -> Project:
    texts = {
        "en": "Information security matters.\n\nThe weather is fine today.\n",
        "es": "La seguridad de la información importa.\n\nHoy hace buen tiempo.\n",
        "ru": "Информационная безопасность важна.\n\nСегодня хорошая погода.\n",
    }
    for lang, text in texts.items():
        (tmp_path / f"{lang}.txt").write_text(text, encoding="utf-8")
    docs = {lang: tmp_path / f"{lang}.txt" for lang in texts}
    return Project.create(tmp_path / "p", "en", docs, "p", glossary=glossary)


def test_only_missing_pairs_are_aligned(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = align_project(project, ["es"])
    project.text.alignments.update(first)
    assert set(first) == {"es"}
    assert set(align_project(project)) == {"ru"}
    assert [b.kind for b in first["es"].beads] == ["1-1", "1-1"]


def test_glossary_term_pairs_become_lexicon_entries() -> None:
    concept = Concept(
        "infosec",
        terms=(
            Term("information security", "en", TermStatus.PREFERRED),
            Term("seguridad de la información", "es", TermStatus.PREFERRED),
            Term("seguridad informática", "es", TermStatus.DEPRECATED),
        ),
    )
    lexicons = glossary_lexicons(Glossary([concept]), "en", ["es", "ru"])
    spanish = lexicons["es"].entries
    assert spanish["secur"] == {"segur", "de", "la", "inform"}  # word pairs of the approved term
    assert "informát" not in {w for words in spanish.values() for w in words}  # not deprecated
    assert len(lexicons["ru"]) == 0


def test_align_missing_adds_only_the_pairs_not_aligned_yet(tmp_path: Path) -> None:
    project = _project(tmp_path)
    project.text.alignments.update(align_project(project, ["es"]))
    es = project.text.alignments["es"]
    assert align_missing(project) == ["ru"]
    assert project.text.alignments["es"] is es and "ru" in project.text.alignments
    assert align_missing(project) == []


def test_a_cancelled_align_missing_adds_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path)
    with pytest.raises(CancelledError):
        align_missing(project, cancel=lambda: True)
    assert project.text.alignments == {}


def _capture_setting(monkeypatch: pytest.MonkeyPatch) -> list[bool | None]:
    import workbench.project.align as module

    seen: list[bool | None] = []
    real = module.align_text

    def spy(*args: object, embeddings: bool | None = None, **kwargs: object) -> object:
        seen.append(embeddings)
        return real(*args, embeddings=False, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(module, "align_text", spy)
    return seen


def test_the_manifest_embeddings_setting_reaches_the_aligner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    seen = _capture_setting(monkeypatch)
    project = _project(tmp_path)
    align_project(project, ["es"])
    project.manifest = dataclasses.replace(project.manifest, embeddings=False)
    align_project(project, ["es"])
    align_project(project, ["es"], embeddings=True)  # a face's flag wins over the manifest
    assert seen == [None, False, True]


def test_the_embeddings_setting_survives_save_and_open(tmp_path: Path) -> None:
    import dataclasses

    project = _project(tmp_path)
    project.manifest = dataclasses.replace(project.manifest, embeddings=False)
    project.save()
    assert "[align]" in (project.root / "workbench.toml").read_text(encoding="utf-8")
    assert Project.open(project.root, allow_outside=True).manifest.embeddings is False


def test_a_bad_embeddings_setting_names_the_manifest(tmp_path: Path) -> None:
    from workbench.core.errors import FormatError

    project = _project(tmp_path)
    manifest = project.root / "workbench.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[align]\nembeddings = "yes"\n', "utf-8"
    )
    with pytest.raises(FormatError, match="embeddings"):
        Project.open(project.root, allow_outside=True)
