"""The connection to Neo4j: opening it, translating the driver's errors, running Cypher.

:class:`Connection` is the base of :class:`~graphtool.store.neo4j.Neo4jStore`:
it holds the driver and offers managed read and write transactions to the
reading and loading parts, and :meth:`Connection.run` for any Cypher
statement. Every driver error leaves it as a :class:`~graphtool.errors.StoreError`
or :class:`~graphtool.errors.QueryError` that names the server and what to change.
"""

from __future__ import annotations

import re
import socket
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as nx_errors

from graphtool.errors import QueryError, StoreError
from graphtool.store.neo4j.statements import statement
from graphtool.store.read_only import Operator, Plan, check_read_only
from graphtool.store.values import GraphNode, GraphPath, GraphRelationship

URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
BATCH_SIZE = 5000
#: Switch versions in one transaction up to this many nodes (both versions together).
SWITCH_LIMIT = 250_000

_C = TypeVar("_C", bound="Connection")

#: The Bolt magic number and four version proposals (5.0-5.8, 4.2-4.4, 3, none).
BOLT_HANDSHAKE = bytes.fromhex("6060B01700080805000204040000000300000000")
#: Seconds a service has to answer the Bolt handshake before it is taken for something else.
HANDSHAKE_WAIT = 3.0

#: On a line of its own, so the server's columns in error messages stay the query's own.
EXPLAIN = "EXPLAIN\n"
_POSITION = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")


def _unshifted(message: str) -> str:
    """A server message about ``EXPLAIN + query`` with the positions of the query itself.

    >>> _unshifted("Unknown function 'foo' (line 2, column 8 (offset: 15))")
    "Unknown function 'foo' (line 1, column 8 (offset: 7))"
    """

    def back(match: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in match.groups())
        return f"(line {line - 1}, column {column} (offset: {offset - len(EXPLAIN)}))"

    return _POSITION.sub(back, message)


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


class Connection:
    """A Neo4j database reached through the driver (the base of ``Neo4jStore``).

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
        Largest switch (nodes of both versions) done in one transaction.

    Raises
    ------
    StoreError
        When the server cannot be reached, refuses the credentials or has no
        such database (raised on entering the context).
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
        name = type(self).__name__
        return f"{name}(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    def __enter__(self: _C) -> _C:
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
        if scheme in ("bolt", "neo4j"):
            self._check_bolt()
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
                session.run(statement("ping")).consume()
        except (nx_errors.ConfigurationError, ValueError) as exc:
            self.close()
            raise StoreError(
                f"cannot use the Neo4j URI {self.uri!r}: {exc}",
                hint="set NEO4J_URI (or --uri) to a URI such as bolt://localhost:7687",
            ) from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            self.close()
            raise self._translate(exc, "connecting") from exc

    def _check_bolt(self) -> None:
        """Refuse quickly, and say so, when the service at the address does not speak Bolt.

        The driver waits for a Bolt handshake answer for up to twice the
        connection timeout and then reports the server as not running. An
        HTTP server, or Neo4j's own HTTP port, never answers the handshake,
        or answers with something else: the handshake is sent here first
        and the answer (or the silence) named. A refused or unreachable
        address is left to the driver's message.
        """
        parts = urllib.parse.urlsplit(self.uri)
        try:
            host, port = parts.hostname or "localhost", parts.port or 7687
        except ValueError:
            return  # a malformed port: the driver's message names it
        try:
            connection = socket.create_connection((host, port), timeout=self.connection_timeout)
        except OSError:
            return
        with connection:
            answer = b""
            try:
                connection.settimeout(min(HANDSHAKE_WAIT, self.connection_timeout))
                connection.sendall(BOLT_HANDSHAKE)
                while len(answer) < 4:
                    chunk = connection.recv(4 - len(answer))
                    if not chunk:
                        break
                    answer += chunk
            except TimeoutError:
                raise StoreError(
                    f"the service at {host}:{port} accepted the connection but did not answer "
                    f"the Neo4j (Bolt) handshake within {HANDSHAKE_WAIT:g} s: it is not "
                    "Neo4j's Bolt port",
                    hint="set NEO4J_URI (or --uri) to the server's Bolt address "
                    "(bolt://HOST:7687 by default; 7474 is Neo4j's HTTP port)",
                ) from None
            except OSError:
                return
            if len(answer) == 4 and answer[:2] == b"\x00\x00":
                return  # a Bolt server (a version, or 0 when it shares no version with the driver)
            try:  # the rest of the first line, for the message
                connection.settimeout(0.2)
                answer += connection.recv(76)
            except OSError:
                pass
        said = answer.decode("latin-1").splitlines()[0].strip() if answer.strip() else ""
        said = repr(said) if said else "nothing before closing the connection"
        raise StoreError(
            f"the service at {host}:{port} is not a Neo4j Bolt server: it answered "
            f"{said} to the Bolt handshake",
            hint="set NEO4J_URI (or --uri) to the server's Bolt address "
            "(bolt://HOST:7687 by default; 7474 is Neo4j's HTTP port)",
        )

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
                "switching a version needs memory in proportion to its nodes "
                "(graphtool help neo4j)",
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

    # -- running Cypher ----------------------------------------------------------------

    def run(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
        limit: int | None = None,
        checked: bool = False,
    ) -> QueryResult:
        """Run one Cypher statement in a managed transaction and return its rows.

        Parameters
        ----------
        cypher
            The statement; values go in ``params``, never into the text.
        params
            The ``$parameters``.
        write
            Run in a write transaction. By default the statement's plan is
            checked first (:mod:`graphtool.store.read_only`): anything but
            plain reading of the graph is refused before it runs, and it
            runs in a read transaction.
        timeout
            Seconds after which the server aborts the transaction.
        limit
            Keep at most this many rows (``truncated`` says whether there were more).
        checked
            The caller has checked this statement's plan already.

        Raises
        ------
        QueryError
            Syntax errors, anything but reading in a read-only run, timeouts,
            other client errors.
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

        if not write and not checked:
            check_read_only(self.explain(cypher, params, timeout=timeout))
        try:
            with self._session(read=not write) as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._query_error(exc, timeout) from exc

    def explain(
        self, cypher: str, params: dict[str, Any] | None = None, *, timeout: float | None = None
    ) -> Plan:
        """The plan of ``cypher`` (``EXPLAIN``: nothing runs): its query type and operators.

        Raises
        ------
        QueryError
            Syntax errors and what else the server reports about the statement.
        """

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> Plan:
            summary = tx.run(EXPLAIN + cypher, params or {}).consume()
            operators: list[Operator] = []
            stack = [summary.plan] if summary.plan else []
            while stack:
                step = stack.pop()
                name = str(step.get("operatorType", "")).split("@", 1)[0]
                details = str((step.get("args") or {}).get("Details", ""))
                operators.append(Operator(name, details))
                stack.extend(step.get("children") or [])
            return Plan(summary.query_type or "", operators)

        try:
            with self._session(read=True) as session:
                return session.execute_read(work)
        except nx_errors.ClientError as exc:
            message = _unshifted(exc.message or "")
            if "execution mode" in message:
                raise QueryError(
                    "refused PROFILE: without --write a query is checked with EXPLAIN "
                    "before it runs, and PROFILE cannot be; leave PROFILE out or give --write"
                ) from exc
            raise self._query_error(exc, timeout, message) from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._query_error(exc, timeout) from exc

    def _query_error(
        self, exc: Exception, timeout: float | None, message: str | None = None
    ) -> Exception:
        """A driver error met running a consultant's statement, as graphtool's error."""
        if not isinstance(exc, nx_errors.ClientError):
            return self._translate(exc, "running a query")
        code = exc.code or ""
        message = message if message is not None else exc.message
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryError(
                f"the query writes, but queries run read-only: {message}",
                hint="run it with --write if the change is intended",
            )
        if code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            return QueryError(
                f"the query ran longer than {timeout} s and was stopped",
                hint="give a larger --timeout or narrow the query",
            )
        if code == "Neo.ClientError.Statement.SyntaxError":
            return QueryError(
                f"{code}: {message}",
                hint="fix the query where the ^ points (line and column as given)",
            )
        if code.startswith(
            ("Neo.ClientError.Statement", "Neo.ClientError.Procedure", "Neo.ClientError.Schema")
        ):
            return QueryError(f"{code}: {message}")
        return self._translate(exc, "running a query")

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
