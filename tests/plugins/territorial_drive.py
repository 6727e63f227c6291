"""Reference networks of tests/data/reference/ as edge lists, for the known-answer tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA

REFERENCE = TEST_DATA / "reference"


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_edges(path: Path) -> list[tuple[str, str]]:
    return [(row["from"], row["to"]) for row in read_rows(path)]


@pytest.fixture(scope="session")
def reference() -> Path:
    """The folder of reference networks (fails, never skips, when it is missing)."""
    assert REFERENCE.is_dir(), f"reference networks not found at {REFERENCE}"
    return REFERENCE


@pytest.fixture(scope="session")
def knoke(reference: Path) -> dict:
    """Knoke bureaucracies: information arcs, money arcs and sector of each organisation."""
    folder = reference / "knoke-bureaucracies"
    nodes = read_rows(folder / "knoke_nodes.csv")
    return {
        "groups": {row["code"]: row["sector"].strip() for row in nodes},
        "information": read_edges(folder / "knoke_information_edges.csv"),
        "money": read_edges(folder / "knoke_money_edges.csv"),
    }
