"""Consultants' Cypher: the query library and ad hoc queries, against a real Neo4j server.

Every query in ``queries/`` runs on the sample datasets loaded into the test
server; each result is checked against the same answer computed
independently with pandas and networkx from the ``Dataset`` the files give.
"""

from __future__ import annotations

import pytest

from graphtool.store.values import GraphNode, GraphPath, GraphRelationship

pytestmark = pytest.mark.neo4j


def test_run_returns_nodes_relationships_and_paths_that_know_their_kind(neo4j_store):
    neo4j_store.run(
        "CREATE (:CypherTestNode {id: 'a'})<-[:CYPHER_TEST {n: 1}]-(:CypherTestNode {id: 'b'})",
        write=True,
    )
    try:
        result = neo4j_store.run(
            "MATCH p = (a:CypherTestNode {id: 'a'})<-[r:CYPHER_TEST]-(:CypherTestNode) "
            "RETURN p, a, r, {labels: ['Map'], properties: {}} AS map"
        )
    finally:
        neo4j_store.run("MATCH (n:CypherTestNode) DETACH DELETE n", write=True)
    row = result.rows[0]
    assert isinstance(row["a"], GraphNode)
    assert row["a"] == {"labels": ["CypherTestNode"], "properties": {"id": "a"}}
    assert isinstance(row["r"], GraphRelationship)
    assert row["r"] == {"type": "CYPHER_TEST", "properties": {"n": 1}}
    path = row["p"]
    assert isinstance(path, GraphPath)
    assert [n["properties"]["id"] for n in path["nodes"]] == ["a", "b"]
    assert path["forward"] == [False]  # (a)<-(b): the relationship points back
    assert type(row["map"]) is dict


def test_run_reports_syntax_errors_with_the_position(neo4j_store):
    from graphtool.errors import QueryError

    with pytest.raises(QueryError) as info:
        neo4j_store.run("MATCH (n) RETURN n LIMT 1")
    assert info.value.message.startswith("Cypher syntax error: Invalid input 'LIMT'")
    assert "(line 1, column 20 (offset: 19))" in info.value.message
    assert info.value.message.endswith('"MATCH (n) RETURN n LIMT 1"\n                   ^')
    assert info.value.hint == "fix the query where the ^ points (line and column as given)"
