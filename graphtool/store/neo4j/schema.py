"""How a dataset's tables map to the graph in Neo4j: labels, relationship types, property names.

A column becomes a camelCase property (:func:`camel_case`); names that would
collide get a number, and the store's own properties (``dataset``,
``version``, ``row``) are never taken by a column (:func:`property_names`).
The mapping of each table (column, property, dtype) is stored with the
version, so the read-back restores the ``Dataset`` exactly.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from graphtool.model import (
    ACTIVE_IN,
    ANALYSIS_RUN,
    FUNDS,
    IN,
    JOINT_ACTION,
    NEIGHBOURHOOD,
    ORGANISATION,
    PARTICIPATES_IN,
    Dataset,
)

#: Node labels that hold a dataset's rows, in the order they are loaded.
NODE_LABELS: tuple[str, ...] = (ORGANISATION, JOINT_ACTION, NEIGHBOURHOOD)
#: Table -> node label, for the tables that become nodes.
NODE_TABLES: dict[str, str] = {
    "organisations": ORGANISATION,
    "joint_actions": JOINT_ACTION,
    "neighbourhoods": NEIGHBOURHOOD,
}
#: Table -> (relationship type, source column and label, target column and label).
RELATIONSHIP_TABLES: dict[str, tuple[str, str, str, str, str]] = {
    "participations": (PARTICIPATES_IN, "organisation_id", ORGANISATION, "action_id", JOINT_ACTION),
    "funding": (FUNDS, "funder_id", ORGANISATION, "recipient_id", ORGANISATION),
}
RELATIONSHIP_TYPES = frozenset({PARTICIPATES_IN, FUNDS, ACTIVE_IN, IN})
#: Every label whose nodes belong to one version (switched, retired and deleted with it).
VERSION_LABELS: tuple[str, ...] = (*NODE_LABELS, ANALYSIS_RUN)
#: Properties the store sets itself; a column whose camelCase name is one of these gets a suffix.
RESERVED_PROPERTIES = frozenset({"dataset", "version", "row"})


def camel_case(column: str) -> str:
    """The camelCase property name of a column.

    Examples
    --------
    >>> camel_case("start_year")
    'startYear'
    >>> camel_case("Budget (EUR)")
    'budgetEUR'
    >>> camel_case("id")
    'id'
    """
    parts = [p for p in re.split(r"[\W_]+", column) if p]
    if not parts:
        return "column"
    first = parts[0][0].lower() + parts[0][1:]
    return first + "".join(p[0].upper() + p[1:] for p in parts[1:])


def property_names(columns: list[str], endpoints: tuple[str, ...] = ()) -> dict[str, str]:
    """Column -> property name: camelCase, unique, never a reserved name.

    ``endpoints`` are relationship columns that are not stored as properties
    (the ids of the nodes at either end).

    >>> property_names(["id", "start_year", "startYear", "row"])
    {'id': 'id', 'start_year': 'startYear', 'startYear': 'startYear2', 'row': 'row2'}
    """
    names: dict[str, str] = {}
    taken = set(RESERVED_PROPERTIES)
    for column in columns:
        if column in endpoints:
            continue
        base = camel_case(column)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}{n}"
        taken.add(name)
        names[column] = name
    return names


def column_values(series: pd.Series) -> list[Any]:
    """Python values of a column, missing values as None (Neo4j leaves those properties unset)."""
    return list(series.astype(object).where(series.notna(), None))


def schema_of(dataset: Dataset) -> dict[str, list[list[str]]]:
    """Per table: [column, property, dtype] in column order; what the read-back restores."""
    schema: dict[str, list[list[str]]] = {}
    for table, frame in dataset.tables().items():
        endpoints = RELATIONSHIP_TABLES[table][1::2][:2] if table in RELATIONSHIP_TABLES else ()
        names = property_names(list(frame.columns), tuple(endpoints))
        schema[table] = [
            [column, names.get(column, ""), str(frame[column].dtype)] for column in frame.columns
        ]
    return schema
