"""Graph values in query results: nodes, relationships and paths as dicts that know their kind.

:meth:`graphtool.store.neo4j.Neo4jStore.run` returns rows of plain Python
values. Nodes, relationships and paths become these ``dict`` subclasses: as
JSON they are ordinary objects, and a presenter can still tell a node from a
map that happens to have the same keys. This module does not import the
Neo4j driver.
"""

from __future__ import annotations


class GraphNode(dict):
    """A node: ``{"labels": [...], "properties": {...}}``."""


class GraphRelationship(dict):
    """A relationship: ``{"type": "FUNDS", "properties": {...}}``."""


class GraphPath(dict):
    """A path: ``{"nodes": [...], "relationships": [...], "forward": [...]}``.

    ``forward[i]`` is true when relationship ``i`` points from ``nodes[i]`` to
    ``nodes[i + 1]`` and false when it points back.
    """
