"""Where a dataset lives besides its files: Neo4j, and the named Cypher queries.

The embedded default needs no store: the graph is built in memory from the
files. :class:`graphtool.store.neo4j.Neo4jStore` loads a dataset into Neo4j
and reads it back as the same :class:`~graphtool.model.Dataset`. It is
imported from its module (``from graphtool.store.neo4j import Neo4jStore``)
so that importing :mod:`graphtool.store` does not import the Neo4j driver.
:mod:`graphtool.store.queries` holds the library of named Cypher queries.
"""
