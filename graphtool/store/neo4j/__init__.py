"""Load a dataset into Neo4j, read it back as the same ``Dataset``, run Cypher.

This package is the only part of graphtool that imports the ``neo4j`` driver.
The graph model, the property names and the atomic replace are described in
``docs/neo4j.md``; in short:

* every node carries ``dataset``; uniqueness is on ``(dataset, id)`` per label;
* a load writes a new *version* under a hidden staging key, in batches;
* one small transaction then switches versions, so a reader sees the old
  version or the new one, never a mix nor a half-loaded one;
* one ``(:Dataset)`` node per version records its name, state (``loading``,
  ``current``, ``retiring``), counts, the column names and dtypes of each
  table (so the read-back restores them exactly) and the warnings met reading it.

Modules: :mod:`~graphtool.store.neo4j.connection` (the driver, errors,
:meth:`~Neo4jStore.run`), :mod:`~graphtool.store.neo4j.load` (schema, load,
switch, drop), :mod:`~graphtool.store.neo4j.read` (read-back, datasets,
versions), :mod:`~graphtool.store.neo4j.schema` (tables -> labels and
properties) and :mod:`~graphtool.store.neo4j.statements` (the store's own
Cypher, one file per statement in ``cypher/``).
"""

from __future__ import annotations

from graphtool.store.neo4j.connection import (
    BATCH_SIZE,
    SWITCH_LIMIT,
    URI_SCHEMES,
    QueryResult,
    plain,
)
from graphtool.store.neo4j.load import LOADING, RETIRING, STALE_AFTER_MS, Loader
from graphtool.store.neo4j.read import READ_WAIT
from graphtool.store.neo4j.schema import (
    NODE_LABELS,
    NODE_TABLES,
    RELATIONSHIP_TABLES,
    RELATIONSHIP_TYPES,
    RESERVED_PROPERTIES,
    camel_case,
    property_names,
)

__all__ = [
    "BATCH_SIZE",
    "LOADING",
    "NODE_LABELS",
    "NODE_TABLES",
    "READ_WAIT",
    "RELATIONSHIP_TABLES",
    "RELATIONSHIP_TYPES",
    "RESERVED_PROPERTIES",
    "RETIRING",
    "STALE_AFTER_MS",
    "SWITCH_LIMIT",
    "URI_SCHEMES",
    "Neo4jStore",
    "QueryResult",
    "camel_case",
    "plain",
    "property_names",
]


class Neo4jStore(Loader):
    """A Neo4j database that holds graphtool datasets.

    Parameters
    ----------
    uri
        The server's Bolt or Neo4j URI (``bolt://localhost:7687``,
        ``neo4j+s://xxxx.databases.neo4j.io``).
    user, password
        Credentials; with no password the connection is made without
        authentication (for a server with authentication disabled).
    database
        The database; ``None`` for the server's default.
    connection_timeout
        Seconds to wait for the server before giving up.
    retry_time
        Seconds the driver keeps retrying a transaction after a transient error.
    batch_size
        Rows per write transaction of a load.
    switch_limit
        Largest switch (nodes of both versions) done in one transaction; see
        :meth:`~graphtool.store.neo4j.load.Loader._switch`.

    Raises
    ------
    StoreError
        When the server cannot be reached, refuses the credentials or has no
        such database (raised on entering the context).

    Examples
    --------
    >>> with Neo4jStore("bolt://localhost:7687") as store:  # doctest: +SKIP
    ...     store.load(read_dataset("sample_data/knoke"))
    ...     dataset = store.read_dataset("knoke")
    """
