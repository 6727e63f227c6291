"""Load a dataset into Neo4j, read it back as the same ``Dataset``, run Cypher.

This is the only module that imports the ``neo4j`` driver. The graph model,
the property names and the atomic replace are described in ``docs/neo4j.md``;
in short:

* every node carries ``dataset``; uniqueness is on ``(dataset, id)`` per label;
* a load writes a new *version* under a hidden staging key (``dataset`` =
  ``"\\x00loading:<version>"``), in batches of ``UNWIND $rows``;
* one small transaction then switches: the current version's nodes get a
  retiring key and the new version's nodes get the dataset's name, so
  ``MATCH (o:Organisation {dataset: $dataset})`` sees the old version or the
  new one, never a mix nor a half-loaded one;
* the retired version is deleted in batches; leftovers of a killed load are
  deleted by the next load or drop.

One ``(:Dataset)`` node per version records its name, state (``loading``,
``current``, ``retiring``), counts, the column names and dtypes of each table
(so the read-back restores them exactly) and the warnings met reading it.
"""

from __future__ import annotations

import functools
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
import pandas as pd
from neo4j import exceptions as nx_errors

from graphtool.errors import QueryError, StoreError
from graphtool.model import (
    ACTIVE_IN,
    DATASET,
    FUNDS,
    IN,
    JOINT_ACTION,
    NEIGHBOURHOOD,
    ORGANISATION,
    PARTICIPATES_IN,
    TABLES,
    Dataset,
)
from graphtool.progress import SILENT, Progress
from graphtool.store.values import GraphNode, GraphPath, GraphRelationship

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
#: Properties the store sets itself; a column whose camelCase name is one of these gets a suffix.
RESERVED_PROPERTIES = frozenset({"dataset", "version", "row"})

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
LOADING = "\x00loading:"
RETIRING = "\x00retiring:"
#: A ``loading`` version of another dataset is garbage only when it has not written for this long.
STALE_AFTER_MS = 10 * 60 * 1000
BATCH_SIZE = 5000
#: Switch versions in one transaction up to this many nodes (both versions together); see _switch.
SWITCH_LIMIT = 250_000
#: Seconds a read waits for the new version of a dataset whose switch is under way.
READ_WAIT = 30.0


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


@dataclass
class QueryResult:
    """The outcome of :meth:`Neo4jStore.run`: columns, rows as dicts of plain values."""

    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool = False
    counters: dict[str, int] = field(default_factory=dict)


def _starts_at(relationship: neo4j.graph.Relationship, node: neo4j.graph.Node) -> bool:
    """Whether ``relationship`` starts at ``node`` (a path always carries both end nodes)."""
    start = relationship.start_node
    return start is not None and start.element_id == node.element_id


def plain(value: Any) -> Any:
    """A driver value as plain data: nodes, relationships and paths become dicts, times ISO text.

    The dicts are :mod:`graphtool.store.values` types, so a presenter can show
    them as nodes, relationships and paths.
    """
    if isinstance(value, neo4j.graph.Node):
        return GraphNode(labels=sorted(value.labels), properties=plain(dict(value)))
    if isinstance(value, neo4j.graph.Relationship):
        return GraphRelationship(type=value.type, properties=plain(dict(value)))
    if isinstance(value, neo4j.graph.Path):
        nodes = value.nodes
        return GraphPath(
            nodes=[plain(n) for n in nodes],
            relationships=[plain(r) for r in value.relationships],
            forward=[_starts_at(r, nodes[i]) for i, r in enumerate(value.relationships)],
        )
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _column_values(series: pd.Series) -> list[Any]:
    """Python values of a column, missing values as None (Neo4j leaves those properties unset)."""
    return list(series.astype(object).where(series.notna(), None))


def _schema_of(dataset: Dataset) -> dict[str, list[list[str]]]:
    """Per table: [column, property, dtype] in column order; what the read-back restores."""
    schema: dict[str, list[list[str]]] = {}
    for table, frame in dataset.tables().items():
        endpoints = RELATIONSHIP_TABLES[table][1::2][:2] if table in RELATIONSHIP_TABLES else ()
        names = property_names(list(frame.columns), tuple(endpoints))
        schema[table] = [
            [column, names.get(column, ""), str(frame[column].dtype)] for column in frame.columns
        ]
    return schema


class Neo4jStore:
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
        Largest switch (nodes of both versions) done in one transaction; see ``_switch``.

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

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        connection_timeout: float = 5.0,
        retry_time: float = 10.0,
        batch_size: int = BATCH_SIZE,
        switch_limit: int = SWITCH_LIMIT,
    ) -> None:
        self.uri = uri or "bolt://localhost:7687"
        self.user = user or "neo4j"
        self._password = password
        self.database = database or None
        self.connection_timeout = connection_timeout
        self.retry_time = retry_time
        self.batch_size = batch_size
        self.switch_limit = switch_limit
        self._driver: neo4j.Driver | None = None
        self._schema_ready = False

    # -- connection -------------------------------------------------------------------------

    def __repr__(self) -> str:  # never shows the password
        return f"Neo4jStore(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    def __enter__(self) -> Neo4jStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def where(self) -> str:
        """The server and database, as messages name them."""
        db = f"database {self.database!r}" if self.database else "the default database"
        return f"Neo4j at {self.uri} ({db})"

    def open(self) -> None:
        """Connect and check the credentials and the database with one trivial query."""
        if self._driver is not None:
            return
        auth = (self.user, self._password) if self._password is not None else None
        scheme = self.uri.split("://", 1)[0] if "://" in self.uri else ""
        if scheme not in URI_SCHEMES:
            raise StoreError(
                f"cannot use the Neo4j URI {self.uri!r}: the scheme must be one of "
                + ", ".join(URI_SCHEMES),
                hint="set NEO4J_URI (or --uri) to a URI such as bolt://localhost:7687",
            )
        try:
            self._driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
                connection_timeout=self.connection_timeout,
                connection_acquisition_timeout=self.connection_timeout * 2,
                max_transaction_retry_time=self.retry_time,
                notifications_min_severity="OFF",
            )
            with self._session() as session:
                session.run("RETURN 1").consume()
        except (nx_errors.ConfigurationError, ValueError) as exc:
            self.close()
            raise StoreError(
                f"cannot use the Neo4j URI {self.uri!r}: {exc}",
                hint="set NEO4J_URI (or --uri) to a URI such as bolt://localhost:7687",
            ) from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            self.close()
            raise self._translate(exc, "connecting") from exc

    def close(self) -> None:
        """Close the connection (the context manager does this)."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self, read: bool = False) -> neo4j.Session:
        if self._driver is None:
            raise StoreError(
                "the store is not open", hint="use it as `with Neo4jStore(...) as store:`"
            )
        mode = neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _translate(self, exc: Exception, doing: str) -> StoreError:
        """A driver error as a StoreError that names the URI and the setting to change."""
        code = getattr(exc, "code", None) or ""
        message = getattr(exc, "message", None) or str(exc)
        if isinstance(exc, nx_errors.AuthError) or code.startswith(
            "Neo.ClientError.Security.Unauth"
        ):
            return StoreError(
                f"Neo4j at {self.uri} refused the credentials of user {self.user!r}",
                hint="set NEO4J_USERNAME and NEO4J_PASSWORD (or --user and --password)",
            )
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(
                f"Neo4j at {self.uri} has no database {self.database!r}",
                hint="set NEO4J_DATABASE (or --database) to an existing database, "
                "or leave it unset for the server's default",
            )
        if (
            isinstance(exc, nx_errors.ForbiddenOnReadOnlyDatabase)
            or "ReadOnly" in code
            or code == "Neo.ClientError.Security.Forbidden"
        ):
            return StoreError(
                f"{self.where} refused to write: {message}",
                hint="the database or the user is read-only; use a database and a user "
                "that may write (NEO4J_DATABASE, NEO4J_USERNAME)",
            )
        if "MemoryPoolOutOfMemory" in code:
            return StoreError(
                f"{self.where} has too little transaction memory for {doing}: {message}",
                hint="raise dbms.memory.transaction.total.max (and the heap) on the server; "
                "switching a version needs memory in proportion to its nodes (docs/neo4j.md)",
            )
        if isinstance(exc, nx_errors.ServiceUnavailable | nx_errors.SessionExpired):
            if doing == "connecting":
                return StoreError(
                    f"cannot connect to Neo4j at {self.uri}: is the server running?",
                    hint="start Neo4j, or set NEO4J_URI (or --uri) to the server's address",
                )
            return StoreError(
                f"lost the connection to Neo4j at {self.uri} while {doing}",
                hint="check that the server is running and run the command again",
            )
        return StoreError(f"{self.where} failed while {doing}: {message}")

    # -- the general primitive ----------------------------------------------------------------

    def run(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> QueryResult:
        """Run one Cypher statement in a managed transaction and return its rows.

        Parameters
        ----------
        cypher
            The statement; values go in ``params``, never into the text.
        params
            The ``$parameters``.
        write
            Run in a write transaction. By default the transaction is
            read-only and the server refuses any write in it.
        timeout
            Seconds after which the server aborts the transaction.
        limit
            Keep at most this many rows (``truncated`` says whether there were more).

        Raises
        ------
        QueryError
            Syntax errors, writes in a read-only run, timeouts, other client errors.
        StoreError
            Connection problems and refused writes.
        """

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            result = tx.run(cypher, params or {})
            columns = list(result.keys())
            rows: list[dict[str, Any]] = []
            truncated = False
            for record in result:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append({k: plain(v) for k, v in record.items()})
            summary = result.consume()
            counters = {
                k: v
                for k, v in vars(summary.counters).items()
                if isinstance(v, int) and not isinstance(v, bool) and v and not k.startswith("_")
            }
            return QueryResult(columns, rows, truncated, counters)

        try:
            with self._session(read=not write) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except nx_errors.ClientError as exc:
            code = exc.code or ""
            if code == "Neo.ClientError.Statement.AccessMode":
                raise QueryError(
                    f"the query writes, but queries run read-only: {exc.message}",
                    hint="run it with --write if the change is intended",
                ) from exc
            if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
                raise QueryError(
                    f"the query ran longer than {timeout} s and was stopped",
                    hint="give a larger --timeout or narrow the query",
                ) from exc
            if code == "Neo.ClientError.Statement.SyntaxError":
                raise QueryError(
                    f"{code}: {exc.message}",
                    hint="fix the query where the ^ points (line and column as given)",
                ) from exc
            if code.startswith(
                ("Neo.ClientError.Statement", "Neo.ClientError.Procedure", "Neo.ClientError.Schema")
            ):
                raise QueryError(f"{code}: {exc.message}") from exc
            raise self._translate(exc, "running a query") from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, "running a query") from exc

    def _write(self, doing: str, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        try:
            with self._session() as session:
                return session.execute_write(work)
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, doing) from exc

    def _read(self, doing: str, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
        try:
            with self._session(read=True) as session:
                return session.execute_read(work)
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, doing) from exc

    # -- schema -----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints on ``(dataset, id)`` per label (idempotent).

        Neo4j Community has no node keys; a composite uniqueness constraint is
        what it offers, and its index serves every lookup by dataset and id.
        """
        if self._schema_ready:
            return
        statements = [
            f"CREATE CONSTRAINT graphtool_{label.lower()}_key IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE (n.dataset, n.id) IS UNIQUE"
            for label in NODE_LABELS
        ]
        statements += [
            f"CREATE INDEX graphtool_{label.lower()}_dataset IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.dataset)"
            for label in NODE_LABELS
        ]
        statements += [
            f"CREATE INDEX graphtool_{label.lower()}_version IF NOT EXISTS "
            f"FOR (n:{label}) ON (n.version)"
            for label in NODE_LABELS
        ]
        statements.append(
            f"CREATE CONSTRAINT graphtool_dataset_key IF NOT EXISTS "
            f"FOR (d:{DATASET}) REQUIRE d.dataset IS UNIQUE"
        )
        try:
            with self._session() as session:
                for statement in statements:
                    session.run(statement).consume()
                session.run("CALL db.awaitIndexes(300)").consume()
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, "creating the constraints") from exc
        self._schema_ready = True

    # -- versions ---------------------------------------------------------------------------

    def _current(self, name: str) -> dict[str, Any] | None:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any] | None:
            record = tx.run(
                f"MATCH (d:{DATASET} {{dataset: $name, state: 'current'}}) RETURN d", name=name
            ).single()
            return dict(record["d"]) if record else None

        return self._read("reading the list of datasets", work)

    def current_version(self, name: str, *, wait: bool = True) -> str | None:
        """The version of ``name`` readers see now (``None`` when there is none).

        With ``wait``, a switch under way is waited for (see :meth:`_current_or_wait`)
        and an unknown name raises :class:`StoreError`.
        """
        if wait:
            return str(self._current_or_wait(name)["version"])
        marker = self._current(name)
        return None if marker is None else str(marker["version"])

    def _current_or_wait(self, name: str) -> dict[str, Any]:
        """The current version of ``name``; raises when there is none.

        Neo4j reads at read-committed isolation: a read that overlaps the
        commit of a switch may find neither the old nor the new version's
        marker, and a large switch leaves a gap between hiding the old version
        and revealing the new one. While a load of the name is active (it
        wrote in the last :data:`READ_WAIT` seconds), look again, for at most
        that long.
        """
        deadline = time.monotonic() + READ_WAIT
        while True:
            marker = self._current(name)
            if marker is not None:
                return marker
            in_flight = self._read(
                "reading the list of datasets",
                lambda tx: tx.run(
                    f"MATCH (d:{DATASET} {{name: $name}}) WHERE d.state = 'current' OR "
                    "(d.state = 'loading' AND d.heartbeat > timestamp() - $recent) "
                    "RETURN count(d) AS n",
                    name=name,
                    recent=int(READ_WAIT * 1000),
                ).single(strict=True)["n"],
            )
            if not in_flight or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        raise self._unknown(name)

    def _unknown(self, name: str) -> StoreError:
        names = [d["name"] for d in self.datasets()]
        held = ", ".join(repr(n) for n in names) if names else "no datasets"
        return StoreError(
            f"no dataset {name!r} in {self.where}; it holds {held}",
            hint="load it with `graphtool load DATASET --name NAME`, "
            "or list the datasets with `graphtool datasets`",
        )

    def _delete_version(self, key: str, progress: Progress = SILENT) -> None:
        """Delete every node under ``key`` in batches, then its marker."""
        for label in NODE_LABELS:
            while True:

                def work(tx: neo4j.ManagedTransaction, label: str = label) -> int:
                    record = tx.run(
                        f"MATCH (n:{label} {{dataset: $key}}) WITH n LIMIT $batch "
                        "DETACH DELETE n RETURN count(*) AS n",
                        key=key,
                        batch=self.batch_size,
                    ).single()
                    return int(record["n"]) if record else 0

                if self._write("deleting an old version", work) == 0:
                    break
        self._write(
            "deleting an old version",
            lambda tx: tx.run(f"MATCH (d:{DATASET} {{dataset: $key}}) DELETE d", key=key).consume(),
        )

    def collect_garbage(self, name: str | None = None) -> int:
        """Delete retired versions and unfinished loads; returns how many versions were deleted.

        Unfinished loads of ``name`` are deleted whatever their age (a new
        load of a name supersedes an unfinished one); those of other datasets
        only when they have written nothing for :data:`STALE_AFTER_MS`, so a
        load running elsewhere is left alone.
        """

        def work(tx: neo4j.ManagedTransaction) -> list[str]:
            result = tx.run(
                f"MATCH (d:{DATASET}) WHERE d.state = 'retiring' OR (d.state = 'loading' AND "
                "(d.name = $name OR d.heartbeat < timestamp() - $stale)) RETURN d.dataset AS key",
                name=name,
                stale=STALE_AFTER_MS,
            )
            return [r["key"] for r in result]

        keys = self._read("looking for unfinished loads", work)
        for key in keys:
            self._delete_version(key)
        return len(keys)

    # -- load -------------------------------------------------------------------------------

    def load(
        self, dataset: Dataset, name: str | None = None, progress: Progress = SILENT
    ) -> dict[str, Any]:
        """Load ``dataset`` as ``name``, replacing the dataset of that name as a whole.

        Readers see the previous version until the switch, and the new one
        after it; never a mix, also when the load is killed midway.

        Parameters
        ----------
        dataset
            A validated dataset.
        name
            The name in Neo4j; ``dataset.name`` by default.
        progress
            Where to report the batches.

        Returns
        -------
        dict
            ``name``, the table counts, ``relationships`` written and ``seconds``.

        Raises
        ------
        StoreError
            Connection lost, write refused: nothing of the new version is visible.
        """
        name = self._check_name(name if name is not None else dataset.name)
        start = time.perf_counter()
        progress.step(f"loading {name!r} into {self.where}")
        self.ensure_schema()
        self.collect_garbage(name)
        version = uuid.uuid4().hex
        key = LOADING + version
        counts = dataset.counts()
        schema = _schema_of(dataset)
        self._write(
            f"starting the load of {name!r}",
            lambda tx: tx.run(
                f"CREATE (d:{DATASET} {{dataset: $key, name: $name, version: $version, "
                "state: 'loading', startedAt: timestamp(), heartbeat: timestamp()})",
                key=key,
                name=name,
                version=version,
            ).consume(),
        )
        relationships = 0
        nodes = 0
        try:
            for label, query, rows in self._batches(dataset, schema):
                total = len(rows)
                for done in range(0, total, self.batch_size):
                    batch = rows[done : done + self.batch_size]
                    self._write_batch(name, key, version, query, batch)
                    progress.advance(label, min(done + self.batch_size, total), total)
                if label in RELATIONSHIP_TYPES:
                    relationships += total
                else:
                    nodes += total
            self._switch(name, key, version, counts, schema, dataset, nodes)
        except StoreError as exc:
            if not isinstance(
                exc.__cause__, nx_errors.ServiceUnavailable | nx_errors.SessionExpired
            ):
                self._abandon(key)  # a lost connection cannot clean up: the next load does
            raise StoreError(
                f"{exc.message}; nothing of the new version of {name!r} is visible "
                "(the previous version, if any, is unchanged)",
                hint=exc.hint,
            ) from exc
        progress.step("removing the previous version")
        self.collect_garbage(name)
        seconds = time.perf_counter() - start
        progress.step(f"loaded {name!r} in {seconds:.1f} s")
        return {"name": name, **counts, "relationships": relationships, "seconds": seconds}

    @staticmethod
    def _check_name(name: str) -> str:
        if not isinstance(name, str) or not name.strip() or name.startswith("\x00"):
            raise StoreError(
                f"{name!r} cannot name a dataset",
                hint="give a non-empty name that does not start with a NUL character",
            )
        return name

    def _write_batch(
        self, name: str, key: str, version: str, query: str, rows: list[dict[str, Any]]
    ) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            alive = tx.run(
                f"MATCH (d:{DATASET} {{dataset: $key}}) "
                "SET d.heartbeat = timestamp() RETURN d.state",
                key=key,
            ).single()
            if alive is None:
                raise _Superseded()
            tx.run(query, rows=rows, key=key, version=version).consume()

        try:
            self._write(f"loading {name!r}", work)
        except _Superseded:
            raise StoreError(
                f"the load of {name!r} was superseded by another load of the same name"
            ) from None

    def _abandon(self, key: str) -> None:
        """Best effort: delete what a failed load wrote (the next load does it otherwise)."""
        try:
            self._delete_version(key)
        except StoreError:
            pass

    def _batches(
        self, dataset: Dataset, schema: dict[str, list[list[str]]]
    ) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
        """(progress label, Cypher, rows) for the nodes, then the relationships."""
        tables = dataset.tables()
        for table, label in NODE_TABLES.items():
            frame = tables[table]
            props = {column: prop for column, prop, _ in schema[table]}
            columns = {prop: _column_values(frame[column]) for column, prop in props.items()}
            rows = [
                {"p": {**{prop: values[i] for prop, values in columns.items()}, "row": i}}
                for i in range(len(frame))
            ]
            yield (
                label,
                (
                    f"UNWIND $rows AS r CREATE (n:{label}) "
                    "SET n = r.p, n.dataset = $key, n.version = $version"
                ),
                rows,
            )
            if table == "neighbourhoods":
                listed = set(frame["id"])
                referenced = [
                    *dataset.joint_actions["neighbourhood"],
                    *dataset.organisation_neighbourhoods()["neighbourhood"],
                ]
                unlisted = sorted({h for h in referenced if h and h not in listed})
                yield (
                    f"{label} (referenced only)",
                    f"UNWIND $rows AS r CREATE (n:{label}) SET n.id = r, n.listed = false, "
                    "n.dataset = $key, n.version = $version",
                    unlisted,
                )
        for table, (rel, src_col, src_label, dst_col, dst_label) in RELATIONSHIP_TABLES.items():
            frame = tables[table]
            props = {column: prop for column, prop, _ in schema[table] if prop}
            columns = {prop: _column_values(frame[column]) for column, prop in props.items()}
            sources, targets = list(frame[src_col]), list(frame[dst_col])
            rows = [
                {
                    "s": sources[i],
                    "t": targets[i],
                    "p": {**{prop: values[i] for prop, values in columns.items()}, "row": i},
                }
                for i in range(len(frame))
            ]
            yield rel, self._relationship_query(src_label, rel, dst_label, "SET x = r.p"), rows
        hoods = dataset.organisation_neighbourhoods().drop_duplicates()
        rows = [
            {"s": s, "t": t, "p": {}}
            for s, t in zip(hoods["organisation_id"], hoods["neighbourhood"], strict=True)
        ]
        yield ACTIVE_IN, self._relationship_query(ORGANISATION, ACTIVE_IN, NEIGHBOURHOOD, ""), rows
        actions = dataset.joint_actions[dataset.joint_actions["neighbourhood"] != ""]
        rows = [
            {"s": s, "t": t, "p": {}}
            for s, t in zip(actions["id"], actions["neighbourhood"], strict=True)
        ]
        yield IN, self._relationship_query(JOINT_ACTION, IN, NEIGHBOURHOOD, ""), rows

    @staticmethod
    def _relationship_query(src: str, rel: str, dst: str, set_clause: str) -> str:
        return (
            f"UNWIND $rows AS r MATCH (s:{src} {{dataset: $key, id: r.s}}) "
            f"MATCH (t:{dst} {{dataset: $key, id: r.t}}) CREATE (s)-[x:{rel}]->(t) {set_clause}"
        )

    def _switch(
        self,
        name: str,
        key: str,
        version: str,
        counts: dict[str, int],
        schema: dict[str, list[list[str]]],
        dataset: Dataset,
        nodes: int,
    ) -> None:
        """Make the new version current and the old one retiring.

        In one transaction when both versions together have at most
        ``switch_limit`` nodes, so no reader sees a gap. Renaming a node costs
        about 1.5 KB of transaction memory (measured on Neo4j 5.26), and a
        server refuses transactions beyond ``dbms.memory.transaction.total.max``;
        so a larger switch, or one the server refuses for memory, takes two
        transactions: hide the old version, then reveal the new one. Between
        the two, nothing of the name is visible (never a mix); graphtool's
        own reads wait for the reveal.
        """
        marker = {
            "organisations": counts["organisations"],
            "jointActions": counts["joint_actions"],
            "participations": counts["participations"],
            "funding": counts["funding"],
            "neighbourhoods": counts["neighbourhoods"],
            "nodes": nodes,
            "schema": json.dumps(schema, ensure_ascii=False),
            "warnings": list(dataset.warnings),
            "year": dataset.year,
        }

        def check(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> bool:
            """Whether there is still a switch to do; raises when the load was superseded."""
            mine = tx.run(
                f"MATCH (d:{DATASET} {{version: $version}}) RETURN d.state AS state",
                version=version,
            ).single()
            if mine is None:
                raise _Superseded()
            return mine["state"] != "current"  # current: a retry after a lost commit answer

        def hide(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> None:
            tx.run(
                f"MATCH (d:{DATASET} {{dataset: $key}}) SET d.heartbeat = timestamp()", key=key
            ).consume()
            _retire_current(tx, name)

        def reveal(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> None:
            for label in NODE_LABELS:
                tx.run(
                    f"MATCH (n:{label} {{version: $version}}) SET n.dataset = $name",
                    version=version,
                    name=name,
                ).consume()
            tx.run(
                f"MATCH (d:{DATASET} {{dataset: $key}}) SET d += $marker, d.dataset = $name, "
                "d.state = 'current', d.loadedAt = timestamp()",
                key=key,
                name=name,
                marker=marker,
            ).consume()

        def both(tx: neo4j.ManagedTransaction | neo4j.Transaction) -> None:
            if check(tx):
                hide(tx)
                reveal(tx)

        doing = f"switching to the new version of {name!r}"
        try:
            current = self._current(name)
            old_nodes = int(current.get("nodes") or 0) if current else 0
            if old_nodes + nodes <= self.switch_limit and self._switch_at_once(doing, both):
                return
            self._write(doing, lambda tx: hide(tx) if check(tx) else None)
            self._write(doing, lambda tx: reveal(tx) if check(tx) else None)
        except _Superseded:
            raise StoreError(
                f"the load of {name!r} was superseded by another load of the same name"
            ) from None

    def _switch_at_once(self, doing: str, work: Callable[[neo4j.Transaction], None]) -> bool:
        """Run ``work`` in one explicit transaction; False when the server lacks the memory.

        Not a managed transaction: the driver would retry a memory refusal,
        which fails again the same way.
        """
        try:
            with self._session() as session, session.begin_transaction() as tx:
                work(tx)
                tx.commit()
            return True
        except nx_errors.TransientError as exc:
            if "MemoryPoolOutOfMemory" in (exc.code or ""):
                return False
            raise self._translate(exc, doing) from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, doing) from exc

    # -- read back, list, drop ----------------------------------------------------------------

    def read_dataset(self, name: str) -> Dataset:
        """Read the current version of ``name`` back as the ``Dataset`` its files gave.

        Same columns in the same order, same dtypes, same row order. The read
        is checked against the version pointer: when a load switched versions
        during the read, it is read again.

        Raises
        ------
        StoreError
            No dataset of that name, or the connection failed.
        """
        for _ in range(5):
            marker = self._current_or_wait(name)
            tables = self._read(
                f"reading {name!r}", functools.partial(self._read_tables, marker=marker)
            )
            again = self._current(name)
            if again is not None and again["version"] == marker["version"]:
                year = marker.get("year")
                return Dataset(
                    name=name,
                    warnings=tuple(marker.get("warnings") or ()),
                    year=int(year) if year is not None else None,
                    **tables,
                )
        raise StoreError(f"{name!r} kept changing while it was read", hint="read it again")

    @staticmethod
    def _read_tables(
        tx: neo4j.ManagedTransaction, marker: dict[str, Any]
    ) -> dict[str, pd.DataFrame]:
        # By the version, which never changes on a node, not by the name, which the switch
        # moves: a read that overlaps a switch sees one whole version (checked afterwards).
        version = marker["version"]
        schema: dict[str, list[list[str]]] = json.loads(marker["schema"])
        tables: dict[str, pd.DataFrame] = {}
        for table in TABLES:
            spec = schema[table]
            if table in NODE_TABLES:
                result = tx.run(
                    f"MATCH (n:{NODE_TABLES[table]} {{version: $version}}) WHERE n.row IS NOT NULL "
                    "RETURN properties(n) AS p ORDER BY n.row",
                    version=version,
                )
                props = [r["p"] for r in result]
                ends: dict[str, list[Any]] = {}
            else:
                rel, src_col, src_label, dst_col, dst_label = RELATIONSHIP_TABLES[table]
                result = tx.run(
                    f"MATCH (s:{src_label} {{version: $version}})-[x:{rel}]->(t:{dst_label}) "
                    "RETURN s.id AS s, t.id AS t, properties(x) AS p ORDER BY x.row",
                    version=version,
                )
                records = list(result)
                props = [r["p"] for r in records]
                ends = {src_col: [r["s"] for r in records], dst_col: [r["t"] for r in records]}
            data = {}
            for column, prop, dtype in spec:
                values = ends[column] if column in ends else [p.get(prop) for p in props]
                data[column] = pd.Series(values, dtype=dtype)
            frame = pd.DataFrame(data, columns=[c for c, _, _ in spec])
            if not len(frame):
                frame = frame.astype({c: d for c, _, d in spec})
            tables[table] = frame.reset_index(drop=True)
        return tables

    def datasets(self) -> list[dict[str, Any]]:
        """The datasets held, by name, with their table counts and when each was loaded."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            # loadedAt is written last by a switch: a marker caught mid-commit is left out
            result = tx.run(
                f"MATCH (d:{DATASET} {{state: 'current'}}) WHERE d.loadedAt IS NOT NULL "
                "RETURN d ORDER BY d.name"
            )
            return [dict(r["d"]) for r in result]

        rows = []
        for d in self._read("listing the datasets", work):
            loaded = pd.Timestamp(d["loadedAt"], unit="ms", tz="UTC")
            rows.append(
                {
                    "name": d["name"],
                    "organisations": d.get("organisations"),
                    "joint_actions": d.get("jointActions"),
                    "participations": d.get("participations"),
                    "funding": d.get("funding"),
                    "neighbourhoods": d.get("neighbourhoods"),
                    "loaded": loaded.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            )
        return rows

    def drop(self, name: str, progress: Progress = SILENT) -> None:
        """Remove the dataset ``name``: it disappears at once, its nodes are deleted in batches.

        Raises
        ------
        StoreError
            No dataset of that name.
        """
        self.ensure_schema()

        def work(tx: neo4j.ManagedTransaction) -> bool:
            return _retire_current(tx, name)

        if not self._write(f"dropping {name!r}", work):
            raise self._unknown(name)
        progress.step(f"dropped {name!r}; deleting its nodes")
        self.collect_garbage(name)


def _retire_current(tx: neo4j.ManagedTransaction | neo4j.Transaction, name: str) -> bool:
    """Hide the current version of dataset ``name`` from readers and mark it for deletion.

    Its nodes and its marker move to the dataset name ``RETIRING + version``, which
    :meth:`Neo4jStore.collect_garbage` deletes. Returns whether there was a current version.
    """
    old = tx.run(
        f"MATCH (d:{DATASET} {{dataset: $name, state: 'current'}}) RETURN d.version AS v",
        name=name,
    ).single()
    if old is None:
        return False
    retiring = RETIRING + old["v"]
    for label in NODE_LABELS:
        tx.run(
            f"MATCH (n:{label} {{version: $old}}) SET n.dataset = $retiring",
            old=old["v"],
            retiring=retiring,
        ).consume()
    tx.run(
        f"MATCH (d:{DATASET} {{dataset: $name}}) SET d.dataset = $retiring, d.state = 'retiring'",
        name=name,
        retiring=retiring,
    ).consume()
    return True


class _Superseded(Exception):
    """Raised inside a transaction when the version being loaded was garbage-collected."""
