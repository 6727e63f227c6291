"""Provenance: what a number was computed from, so a researcher can cite it.

Every research output (the scan's JSON, the report's methods appendix) carries
the dataset's name, the year, a fingerprint of the dataset's contents, the
configuration used and the graphtool version. The fingerprint changes when any
value of any table changes, so two people can check that they analysed the
same data.
"""

from __future__ import annotations

from typing import Any

from graphtool import __version__
from graphtool.model import Dataset


def fingerprint(dataset: Dataset) -> str:
    """SHA-256 (first 16 hex digits) of the dataset's tables as CSV, in the order of ``TABLES``.

    Rows are taken in file order, so the same files always give the same
    fingerprint, and reading the same files from CSV, .xlsx or Neo4j gives the
    same one as long as the values are the same.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> len(fingerprint(read_dataset("sample_data/knoke")))
    16
    """
    return dataset.fingerprint()


def provenance(dataset: Dataset, year: int | None, configuration: str) -> dict[str, Any]:
    """``dataset``, ``year``, ``fingerprint``, ``configuration`` and ``graphtool`` version."""
    return {
        "dataset": dataset.name,
        "year": year,
        "fingerprint": fingerprint(dataset),
        "configuration": configuration,
        "graphtool": __version__,
    }


def citation(meta: dict[str, Any]) -> str:
    """One sentence to quote under a table or figure.

    >>> citation({"dataset": "lindenwaard", "year": 2018, "fingerprint": "ab12",
    ...           "configuration": "defaults", "graphtool": "0.1.0"})
    'graphtool 0.1.0, dataset lindenwaard (fingerprint ab12), year 2018, configuration: defaults'
    """
    year = "all years" if meta.get("year") is None else f"year {meta['year']}"
    return (
        f"graphtool {meta['graphtool']}, dataset {meta['dataset']} "
        f"(fingerprint {meta['fingerprint']}), {year}, configuration: {meta['configuration']}"
    )
