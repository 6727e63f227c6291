"""Fixtures and helpers for writing small datasets in tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from graphtool.ingest import read_dataset
from graphtool.model import Dataset


def write_dataset(folder: Path, tables: dict[str, str]) -> Path:
    """Write CSV texts (``{"organisations": "id,name,type\\n..."}``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, text in tables.items():
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
    return folder


def generated_dataset(folder: Path, n: int, seed: int) -> Path:
    """Write a synthetic dataset of ``n`` organisations (benchmarks/generate.py) to ``folder``."""
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        from generate import generate, write
    finally:
        sys.path.pop(0)
    return write(generate(n, seed=seed), folder)


@pytest.fixture
def make_dataset(tmp_path: Path) -> Callable[..., Dataset]:
    """Write tables (CSV text per table) to a temporary folder and read them back as a Dataset.

    ``participations`` and ``joint_actions`` default to header-only tables.
    """
    counter = iter(range(1_000_000))

    def make(**tables: str) -> Dataset:
        tables.setdefault("joint_actions", "id,name\n")
        tables.setdefault("participations", "action_id,organisation_id\n")
        folder = write_dataset(tmp_path / f"ds{next(counter)}", tables)
        return read_dataset(folder)

    return make
