"""Cypher results for people: nodes, relationships and paths written the way Cypher writes them.

A node shows its labels and key properties, ``(:Organisation {id: 'x', name:
'Y'})``; a relationship its type and properties, ``[:FUNDS {amount: 1000,
year: 2019}]``; a path its nodes and relationships with their directions.
Tables, CSV and Markdown show these texts; JSON keeps the full structure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from graphtool.present.tables import render
from graphtool.store.values import GraphNode, GraphPath, GraphRelationship

#: Node properties shown first and, when the node has any of them, alone.
KEY_PROPERTIES = ("id", "name")
#: Properties the store keeps for itself; never shown.
HIDDEN_PROPERTIES = frozenset({"dataset", "row", "version"})
#: A node without key properties shows at most this many of its properties.
MAX_NODE_PROPERTIES = 3
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cypher_literal(value: Any) -> str:
    """``value`` written as a Cypher literal (graph values as in :func:`cypher_text`).

    Examples
    --------
    >>> cypher_literal({"name": "De 'Schakel'", "years": [2018, 2019], "amount": 1.5})
    "{name: 'De \\\\'Schakel\\\\'', years: [2018, 2019], amount: 1.5}"
    """
    if isinstance(value, GraphNode | GraphRelationship | GraphPath):
        return cypher_text(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, Sequence):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return str(value)


def _key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def _properties(props: Mapping[str, Any]) -> str:
    return " {" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in props.items()) + "}"


def _node(node: Mapping[str, Any]) -> str:
    props = {k: v for k, v in node["properties"].items() if k not in HIDDEN_PROPERTIES}
    keys = {k: props[k] for k in KEY_PROPERTIES if k in props}
    if not keys:
        keys = {k: props[k] for k in sorted(props)[:MAX_NODE_PROPERTIES]}
    labels = "".join(f":{_key(label)}" for label in node["labels"])
    return f"({labels}{_properties(keys) if keys else ''})"


def _relationship(rel: Mapping[str, Any]) -> str:
    props = {k: v for k, v in rel["properties"].items() if k not in HIDDEN_PROPERTIES and v != ""}
    return f"[:{_key(rel['type'])}{_properties(dict(sorted(props.items()))) if props else ''}]"


def cypher_text(value: GraphNode | GraphRelationship | GraphPath) -> str:
    """A node, relationship or path in Cypher's pattern notation.

    Nodes show ``id`` and ``name`` (or a few properties when they have
    neither); relationships show their properties except empty texts; the
    store's own properties (``dataset``, ``row``, ``version``) are left out.

    Examples
    --------
    >>> a = GraphNode(labels=["Organisation"], properties={"id": "a", "row": 0})
    >>> b = GraphNode(labels=["Organisation"], properties={"id": "b", "name": "B"})
    >>> funds = GraphRelationship(type="FUNDS", properties={"amount": 1000.0, "actionId": ""})
    >>> print(cypher_text(GraphPath(nodes=[a, b], relationships=[funds], forward=[False])))
    (:Organisation {id: 'a'})<-[:FUNDS {amount: 1000.0}]-(:Organisation {id: 'b', name: 'B'})
    """
    if isinstance(value, GraphNode):
        return _node(value)
    if isinstance(value, GraphRelationship):
        return _relationship(value)
    parts = [_node(value["nodes"][0])]
    for i, rel in enumerate(value["relationships"]):
        forward = value["forward"][i]
        parts.append(("-" if forward else "<-") + _relationship(rel) + ("->" if forward else "-"))
        parts.append(_node(value["nodes"][i + 1]))
    return "".join(parts)


def _readable(value: Any) -> Any:
    """A cell value for tables, CSV and Markdown: graph values and maps as Cypher text."""
    if isinstance(value, GraphNode | GraphRelationship | GraphPath):
        return cypher_text(value)
    if isinstance(value, Mapping):
        return cypher_literal(value)
    if isinstance(value, list | tuple):
        if any(isinstance(v, Mapping | list | tuple) for v in value):
            return cypher_literal(list(value))
        return list(value)
    return value


def render_result(columns: Sequence[str], rows: Sequence[Mapping[str, Any]], fmt: str) -> str:
    """Render the rows of a Cypher result in ``fmt`` (table, csv, json or md).

    JSON keeps nodes as ``{"labels", "properties"}``, relationships as
    ``{"type", "properties"}`` and paths as ``{"nodes", "relationships",
    "forward"}``; the other formats write them as Cypher text.

    Examples
    --------
    >>> node = GraphNode(labels=["JointAction"], properties={"id": "ja-001", "theme": "youth"})
    >>> print(render_result(["a", "n"], [{"a": node, "n": 3}], "csv"), end="")
    a,n
    (:JointAction {id: 'ja-001'}),3
    """
    if fmt == "json":
        return render(list(rows), fmt, list(columns))
    readable = [{c: _readable(row.get(c)) for c in columns} for row in rows]
    # a query's integers are often ids, years or timestamps: never 1,701,234,567
    return render(readable, fmt, list(columns), plain_integers=True)
