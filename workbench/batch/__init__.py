"""Corpus batches: many document sets aligned, checked and exported on a pool or a Dask cluster."""

from __future__ import annotations

from workbench.batch.corpus import BatchResult, SetResult, SetStatus, run_batch
from workbench.batch.engines import DaskEngine, Engine, LocalEngine, make_engine
from workbench.batch.manifest import DocumentSet, read_manifest
from workbench.batch.runner import STEPS, BatchConfig, SetOutput, SetStats, process_set
from workbench.batch.summary import build_summary, render_html, render_text, write_summary

__all__ = [
    "STEPS",
    "BatchConfig",
    "BatchResult",
    "DaskEngine",
    "DocumentSet",
    "Engine",
    "LocalEngine",
    "SetOutput",
    "SetResult",
    "SetStats",
    "SetStatus",
    "build_summary",
    "make_engine",
    "process_set",
    "read_manifest",
    "render_html",
    "render_text",
    "run_batch",
    "write_summary",
]
