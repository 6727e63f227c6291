"""Analysis results as graph properties: what ``load --analyses`` stores, under which names.

The store takes plain tables built above it (the analyses' results, one row
per organisation and one per suggested link) and writes whatever columns
they carry, so a result that an analysis adds later (a p-value, a
plausibility) is stored without a change here. The mapping is fixed and
documented in ``docs/neo4j.md``:

* a column becomes the camelCase property of its name:
  ``territorial_drive_score`` → ``territorialDriveScore``,
  ``brokerage_gatekeeper`` → ``brokerageGatekeeper``;
* stored are numbers (integers and finite floats; a missing or non-finite
  value leaves the property unset), booleans, text, and lists of those;
  a column holding anything else (maps, records) is not stored and is
  listed in :attr:`StoredResults.skipped`;
* a name that the dataset's own columns already use as a property gets a
  number (``community2``), as the dataset's colliding columns do; the
  ``(:AnalysisRun)`` node keeps the exact column → property mapping (JSON).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from graphtool.store.neo4j.schema import RESERVED_PROPERTIES, camel_case


@dataclass(frozen=True)
class AnalysisResults:
    """What to store with a version: plain tables, built above the store.

    Parameters
    ----------
    organisations
        Column ``id`` plus one column per result (snake_case, prefixed by its
        analysis: ``territorial_drive_score``).
    suggestions
        Columns ``source`` and ``target`` (organisation ids) plus one column
        per property of the ``SUGGESTED_LINK`` (``score``, ``rank``, ``reasons``, ...).
    run
        The properties of the ``(:AnalysisRun)`` node besides ``dataset`` and
        ``version``: ``graphtoolVersion``, ``configuration``, ``fingerprint``, ``createdAt``.
    """

    organisations: pd.DataFrame
    suggestions: pd.DataFrame
    run: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class StoredResults:
    """The rows to write and the mapping used: what :meth:`Loader.load` sends."""

    organisations: list[dict[str, Any]]
    suggestions: list[dict[str, Any]]
    run: dict[str, Any]
    organisation_properties: dict[str, str]
    suggestion_properties: dict[str, str]
    skipped: list[str]


def _storable(value: Any) -> Any:
    """A value as Neo4j can hold it, or None to leave the property unset."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | np.ndarray):
        items = [_storable(v) for v in value]
        if (
            all(isinstance(v, str) for v in items)
            or all(isinstance(v, int | float) and not isinstance(v, bool) for v in items)
            or all(isinstance(v, bool) for v in items)
        ):
            return items
    raise TypeError(type(value).__name__)


def _column(values: Iterable[Any]) -> list[Any] | None:
    """The column's values as stored, or None when the column holds what cannot be stored."""
    out = []
    for value in values:
        try:
            out.append(_storable(value))
        except TypeError:
            return None
    return out


def mapped(
    frame: pd.DataFrame, keys: tuple[str, ...], taken: Iterable[str]
) -> tuple[list[dict[str, Any]], dict[str, str], list[str]]:
    """Rows of ``keys`` plus ``p`` (the storable properties), the mapping and the skipped columns.

    >>> rows, names, skipped = mapped(
    ...     pd.DataFrame({"id": ["a"], "territorial_drive_score": [0.5], "x": [{"k": 1}]}),
    ...     ("id",), taken={"name"})
    >>> rows
    [{'id': 'a', 'p': {'territorialDriveScore': 0.5}}]
    >>> names, skipped
    ({'territorial_drive_score': 'territorialDriveScore'}, ['x'])
    """
    used = set(RESERVED_PROPERTIES) | set(taken)
    names: dict[str, str] = {}
    columns: dict[str, list[Any]] = {}
    skipped: list[str] = []
    for column in frame.columns:
        if column in keys:
            continue
        values = _column(frame[column].tolist())
        if values is None:
            skipped.append(str(column))
            continue
        base = camel_case(str(column))
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}{n}"
        used.add(name)
        names[str(column)] = name
        columns[name] = values
    key_values = {key: frame[key].tolist() for key in keys}
    rows = []
    for i in range(len(frame)):
        row: dict[str, Any] = {key: key_values[key][i] for key in keys}
        row["p"] = {name: values[i] for name, values in columns.items() if values[i] is not None}
        rows.append(row)
    return rows, names, skipped


def prepare(results: AnalysisResults, data_properties: Iterable[str]) -> StoredResults:
    """The rows and the mapping for ``results`` on a dataset whose nodes use ``data_properties``."""
    organisations, org_names, skipped = mapped(results.organisations, ("id",), data_properties)
    suggestions, link_names, link_skipped = mapped(results.suggestions, ("source", "target"), ())
    links = [{"s": r["source"], "t": r["target"], "p": r["p"]} for r in suggestions]
    run = {k: v for k, v in dict(results.run).items() if _column([v]) is not None}
    run["properties"] = json.dumps(
        {"organisations": org_names, "suggestedLinks": link_names}, ensure_ascii=False
    )
    return StoredResults(
        organisations=organisations,
        suggestions=links,
        run=run,
        organisation_properties=org_names,
        suggestion_properties=link_names,
        skipped=skipped + [f"suggestions.{c}" for c in link_skipped],
    )
