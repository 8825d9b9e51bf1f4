"""Generated document sets for batch tests and benchmarks: small four-language texts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

# Parallel sentences (en, es, ru, zh). Set `i` uses a rotation of them, so sets differ.
SENTENCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "The member states agreed to strengthen information security.",
        "Los Estados miembros acordaron reforzar la seguridad de la información.",
        "Государства-члены договорились укреплять информационную безопасность.",
        "成员国同意加强信息安全。",
    ),
    (
        "The council met in the capital on Monday.",
        "El consejo se reunió en la capital el lunes.",
        "Совет собрался в столице в понедельник.",
        "理事会星期一在首都开会。",
    ),
    (
        "Experts will prepare a report before the next meeting.",
        "Los expertos prepararán un informe antes de la próxima reunión.",
        "Эксперты подготовят доклад до следующего заседания.",
        "专家将在下次会议前编写一份报告。",
    ),
    (
        "Cooperation in trade and energy continues to grow.",
        "La cooperación en comercio y energía sigue creciendo.",
        "Сотрудничество в области торговли и энергетики продолжает расти.",
        "贸易和能源合作不断发展。",
    ),
    (
        "The ministers discussed the threats to information security.",
        "Los ministros examinaron las amenazas a la seguridad informática.",
        "Министры обсудили угрозы информационной безопасности.",
        "部长们讨论了信息安全面临的威胁。",
    ),
    (
        "A working group was created for this purpose.",
        "Se creó un grupo de trabajo con este fin.",
        "Для этой цели была создана рабочая группа.",
        "为此设立了一个工作组。",
    ),
    (
        "The secretariat will publish the decisions.",
        "La secretaría publicará las decisiones.",
        "Секретариат опубликует решения.",
        "秘书处将公布各项决定。",
    ),
)
LANGS = ("en", "es", "ru", "zh")
GLOSSARY_CSV = """concept_id,subject_field,lang,term,status,note
infosec,security,en,information security,preferred,
infosec,security,es,seguridad de la información,preferred,
infosec,security,es,seguridad informática,deprecated,
infosec,security,ru,информационная безопасность,preferred,
infosec,security,zh,信息安全,preferred,
"""


def set_texts(index: int, sentences: int = 5, langs: Sequence[str] = LANGS) -> dict[str, str]:
    """The texts of generated set `index`: a title and two paragraphs per language."""
    chosen = [SENTENCES[(index + k) % len(SENTENCES)] for k in range(sentences)]
    texts = {}
    for column, lang in enumerate(LANGS):
        if lang not in langs:
            continue
        title = f"Document {index}"
        rows = [row[column] for row in chosen]
        glue = "" if lang == "zh" else " "
        half = (len(rows) + 1) // 2
        texts[lang] = f"{title}\n\n{glue.join(rows[:half])}\n\n{glue.join(rows[half:])}\n"
    return texts


def write_corpus(
    root: Path, count: int, langs: Sequence[str] = LANGS, sentences: int = 5
) -> tuple[Path, list[str]]:
    """Write `count` generated sets under `root/texts/` and their manifest; return it and ids."""
    lines = []
    ids = []
    for index in range(count):
        set_id = f"set-{index:03d}"
        folder = root / "texts" / set_id
        folder.mkdir(parents=True, exist_ok=True)
        documents = {}
        for lang, text in set_texts(index, sentences, langs).items():
            (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
            documents[lang] = f"texts/{set_id}/{lang}.txt"
        lines.append(json.dumps({"id": set_id, "pivot": langs[0], "documents": documents}))
        ids.append(set_id)
    manifest = root / "manifest.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest, ids


def add_set(root: Path, set_id: str, files: dict[str, bytes | None], pivot: str = "en") -> None:
    """Append a set whose documents have the given bytes (None: a path that does not exist)."""
    folder = root / "texts" / set_id
    folder.mkdir(parents=True, exist_ok=True)
    documents = {}
    for lang, data in files.items():
        path = folder / f"{lang}.txt"
        if data is not None:
            path.write_bytes(data)
        documents[lang] = f"texts/{set_id}/{lang}.txt"
    manifest = root / "manifest.jsonl"
    with manifest.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": set_id, "pivot": pivot, "documents": documents}) + "\n")


def write_glossary(root: Path) -> Path:
    """The test glossary (information security, with a deprecated Spanish term) as CSV."""
    path = root / "glossary.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path (to compare two output folders)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
