"""A set's output folder `DIR/<id>/`: written whole or not at all, and checked on re-runs.

Files are written into a hidden staging folder beside it and renamed into place in one step,
so an interrupted batch leaves every set folder either complete (with its `set.json` record)
or absent. A re-run trusts a folder only when its record parses, names the same set, steps and
glossary, the inputs have the same size and modification time (when the client can see them),
and every file listed has the recorded size and SHA-256.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from workbench.batch.manifest import DocumentSet
from workbench.batch.runner import RECORD, BatchConfig, SetOutput, SetStats, sha256

STAGING_PREFIX = ".staging-"
# What a set record made before the reading options were recorded was read with.
_DEFAULT_READING = BatchConfig(frozenset(), "").reading_record
_OLD_PREFIX = ".replaced-"


def staging_dirs(out: Path) -> list[Path]:
    """Leftover staging folders of an interrupted run."""
    if not out.is_dir():
        return []
    return sorted(
        p for p in out.iterdir() if p.name.startswith((STAGING_PREFIX, _OLD_PREFIX)) and p.is_dir()
    )


def remove_staging(out: Path) -> None:
    """Delete leftover staging folders (they never hold a finished set)."""
    for folder in staging_dirs(out):
        shutil.rmtree(folder, ignore_errors=True)


def write_set(out: Path, output: SetOutput) -> Path:
    """Write a finished set's files into `out/<id>/`, replacing an older folder whole."""
    final = out / output.set_id
    if final.exists() and read_record(final) is None and any(final.iterdir()):
        # Only a folder a batch wrote (it has a record) or an empty one is replaced.
        raise FileExistsError(f"{final} exists and is not a batch output folder; move it away")
    staging = out / f"{STAGING_PREFIX}{output.set_id}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        for name, data in output.files:
            (staging / name).write_bytes(data)
        if final.exists():
            old = out / f"{_OLD_PREFIX}{output.set_id}-{os.getpid()}"
            if old.exists():
                shutil.rmtree(old)
            os.replace(final, old)
            try:
                os.replace(staging, final)
            except BaseException:
                os.replace(old, final)  # the older, complete folder comes back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, final)
    except BaseException:
        # A full disk (or Ctrl+C) half-way leaves no half folder, and frees what it took.
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final


def read_record(folder: Path) -> dict[str, object] | None:
    """The set's record, or None when it is missing or not a JSON object."""
    try:
        data = json.loads((folder / RECORD).read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def complete_stats(out: Path, doc_set: DocumentSet, config: BatchConfig) -> SetStats | None:
    """The stats of `out/<id>/` when it holds this set's complete, valid outputs, else None."""
    folder = out / doc_set.id
    record = read_record(folder)
    if record is None:
        return None
    glossary = config.glossary_sha256 if "check" in config.steps else ""
    if (
        record.get("format") != "workbench-batch-set/1"
        or record.get("set") != doc_set.to_dict()
        or record.get("steps") != sorted(config.steps)
        or record.get("glossary_sha256") != glossary
        or record.get("reading", _DEFAULT_READING) != config.reading_record
        or not _inputs_unchanged(record.get("inputs"), doc_set)
        or not _files_intact(record.get("files"), folder)
    ):
        return None
    stats = record.get("stats")
    if not isinstance(stats, dict):
        return None
    try:
        return SetStats.from_dict(stats)
    except (KeyError, TypeError, ValueError):
        return None


def _inputs_unchanged(inputs: object, doc_set: DocumentSet) -> bool:
    if not isinstance(inputs, dict):
        return False
    for lang, path in doc_set.documents:
        stored = inputs.get(lang)
        if not isinstance(stored, dict) or stored.get("path") != path:
            return False
        try:
            info = os.stat(path)
        except OSError:
            # On a cluster the client may not see the workers' paths: trust the record.
            continue
        if stored.get("size") != info.st_size or stored.get("mtime_ns") != info.st_mtime_ns:
            return False
    return True


def _files_intact(files: object, folder: Path) -> bool:
    if not isinstance(files, dict) or not files:
        return False
    for name, expected in files.items():
        if not isinstance(expected, dict) or "/" in name or name == RECORD:
            return False
        try:
            data = (folder / name).read_bytes()
        except OSError:
            return False
        if len(data) != expected.get("size") or sha256(data) != expected.get("sha256"):
            return False
    return True
