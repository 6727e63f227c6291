"""Read-only that is read-only: without --write a query may only read the graph.

A read transaction stops writes and nothing more. These tests send the
attacks of a security review of ``graphtool query`` (LOAD CSV of the server's
files, with ``../`` traversal; LOAD CSV of a URL on the server's network;
TERMINATE TRANSACTIONS, CALL db.clearQueryCaches(), SHOW USERS) to the real
test server and check that each is refused before it runs, with one line and
exit code 1, judged from the query's plan. Where it can be observed, the
test also shows that the attack does run with --write (so the refusal is
what stopped it), and that the test server keeps file URLs in its own
import folder.

The rule itself (:func:`graphtool.store.read_only.refusal`) is tested on
plain plans without a server.
"""

from __future__ import annotations

import http.server
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphtool.cli import main
from graphtool.errors import QueryError
from graphtool.store.queries import load_query
from graphtool.store.read_only import READ_PROCEDURES, Operator, Plan, check_read_only, refusal
from tests.plugins.neo4j import store_for

neo4j = pytest.mark.neo4j

REFUSED = "without --write a query may only read the graph; give --write to allow it\n"


def invoke(runner, *args: str):
    return runner.invoke(main, list(args), catch_exceptions=False)


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        type(self).requests.append(self.path)
        body = b"secret,value\nsecret,42\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 (the server's own network) that records each request."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    finally:
        server.shutdown()
        server.server_close()


# --- the rule, on plans --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "reason"),
    [
        (Plan("r", [Operator("ProduceResults"), Operator("AllNodesScan")]), None),
        (Plan("r", [Operator("ProcedureCall", "db.labels() :: (label :: STRING)")]), None),
        (Plan("r", [Operator("LoadCSV")]), "LOAD CSV (it reads files and URLs from the server)"),
        (Plan("s", [Operator("AdministrationCommand")]), "an administration command"),
        (Plan("r", [Operator("ShowTransactions")]), "a SHOW command (ShowTransactions)"),
        (
            Plan("r", [Operator("TerminateTransactions")]),
            "a TERMINATE command (TerminateTransactions)",
        ),
        (
            Plan("s", [Operator("ProcedureCall", "db.clearQueryCaches() :: (value :: STRING)")]),
            "CALL db.clearQueryCaches (not one of the read procedures allowed)",
        ),
        (Plan("rw", [Operator("Create")]), "a query that writes"),
        (Plan("s", [Operator("CreateIndex")]), "a query that changes the schema or the system"),
    ],
)
def test_the_rule_on_plans(plan: Plan, reason: str | None) -> None:
    assert refusal(plan) == reason
    if reason is None:
        check_read_only(plan)
    else:
        with pytest.raises(QueryError, match="give --write to allow it"):
            check_read_only(plan)


def test_the_allowed_procedures_only_read_the_schema() -> None:
    assert {"db.labels", "db.schema.visualization"} <= READ_PROCEDURES
    assert all(p.startswith("db.") for p in READ_PROCEDURES)
    assert "db.clearQueryCaches" not in READ_PROCEDURES


# --- the attacks, against the real server --------------------------------------------------------


@neo4j
@pytest.mark.parametrize(
    ("cypher", "what"),
    [
        ("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV"),
        ("LOAD CSV FROM 'file:///../../../../../../etc/passwd' AS r RETURN r", "LOAD CSV"),
        ("LOAD CSV FROM 'file:///' + '..' + '/etc/passwd' AS r RETURN r", "LOAD CSV"),
        (
            "MATCH (n) WITH count(n) AS n CALL (n) { "
            "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } RETURN r",
            "LOAD CSV",
        ),
        ("RETURN 1 AS r UNION LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "LOAD CSV"),
        ("TERMINATE TRANSACTIONS 'neo4j-transaction-999999'", "a TERMINATE command"),
        ("CALL db.clearQueryCaches()", "CALL db.clearQueryCaches"),
        ("SHOW USERS", "an administration command"),
        ("SHOW TRANSACTIONS", "a SHOW command"),
        ("SHOW DATABASES", "an administration command"),
        ("CALL dbms.listConfig()", "CALL dbms.listConfig"),
        ("CREATE USER mallory SET PASSWORD 'secret-secret'", "an administration command"),
        ("CREATE (n:Mallory) RETURN n", "a query that writes"),
        ("CREATE INDEX mallory IF NOT EXISTS FOR (n:Mallory) ON (n.x)", "a query that changes"),
    ],
)
def test_attacks_are_refused_with_one_line(runner, neo4j_env, cypher: str, what: str) -> None:
    result = invoke(runner, "query", cypher)
    assert result.exit_code == 1, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: refused {what}")
    assert result.stderr.endswith(REFUSED)
    assert result.stderr.count("\n") == 1


@neo4j
def test_a_url_on_the_server_network_is_never_fetched(runner, neo4j_env, web) -> None:
    base, requests = web
    cypher = f"LOAD CSV FROM '{base}/refused.csv' AS r RETURN r"
    refused = invoke(runner, "query", cypher)
    assert refused.exit_code == 1
    assert (
        refused.stderr
        == f"error: refused LOAD CSV (it reads files and URLs from the server): {REFUSED}"
    )
    assert requests == []
    # the same statement with --write is fetched: the refusal is what stopped it
    allowed = invoke(
        runner, "query", f"LOAD CSV FROM '{base}/allowed.csv' AS r RETURN r", "--write"
    )
    assert allowed.exit_code == 0, allowed.stderr
    assert requests == ["/allowed.csv"]
    assert "secret" in allowed.stdout


@neo4j
def test_plain_reading_and_the_allowed_procedures_run(runner, neo4j_env) -> None:
    for cypher in (
        "MATCH (n) RETURN count(n) AS n",
        "CALL db.labels()",
        "CALL db.schema.visualization()",
        "EXPLAIN MATCH (n) RETURN n",
    ):
        result = invoke(runner, "query", cypher)
        assert result.exit_code == 0, (cypher, result.stderr)


@neo4j
def test_profile_is_refused_without_write(runner, neo4j_env) -> None:
    result = invoke(runner, "query", "PROFILE MATCH (n) RETURN count(n)")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: refused PROFILE")
    assert result.stderr.count("\n") == 1


@neo4j
def test_syntax_errors_keep_the_query_positions(runner, neo4j_env) -> None:
    result = invoke(runner, "query", "MATCH (n RETURN n")
    assert result.exit_code == 1
    assert "(line 1, column 10 (offset: 9))" in result.stderr
    assert '"MATCH (n RETURN n"' in result.stderr


@neo4j
def test_library_queries_are_checked_too(runner, neo4j_env, monkeypatch) -> None:
    """`queries run` goes through the same check (a library query that loaded a file is refused)."""
    import graphtool.store.queries as library

    real = library.load_query

    def tampered(name: str):
        query = real(name)
        if name != "organisations_by_group":
            return query
        text = "LOAD CSV FROM 'file:///etc/passwd' AS r WITH r LIMIT 0 " + query.text
        return type(query)(**{**query.__dict__, "text": text})

    monkeypatch.setattr(library, "load_query", tampered)
    result = invoke(
        runner,
        "queries",
        "run",
        "organisations_by_group",
        "--neo4j-dataset",
        "none-" + uuid.uuid4().hex[:6],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: refused LOAD CSV")
    assert load_query("organisations_by_group").text.startswith("MATCH")


@neo4j
def test_the_test_server_keeps_file_urls_in_its_import_folder(neo4j_uri: str) -> None:
    """With --write LOAD CSV runs, but only inside the server's own import folder."""
    with store_for(neo4j_uri) as store:
        setting = store.run(
            "CALL dbms.listConfig('server.directories.import') YIELD value RETURN value",
            write=True,
        ).rows
        folder = Path(setting[0]["value"])
        assert folder.name == "import"
        assert folder.is_dir()
        marker = folder / f"read-only-{uuid.uuid4().hex[:8]}.csv"
        marker.write_text("inside,1\n", encoding="utf-8")
        try:
            inside = store.run(f"LOAD CSV FROM 'file:///{marker.name}' AS r RETURN r", write=True)
            assert inside.rows == [{"r": ["inside", "1"]}]
        finally:
            marker.unlink()
        for url in ("file:///etc/passwd", "file:///../../../../../../etc/passwd"):
            try:
                rows = store.run(f"LOAD CSV FROM '{url}' AS r RETURN r", write=True).rows
            except QueryError as exc:
                assert "Couldn't load the external resource" in exc.message
            else:
                assert not any("root:" in str(row) for row in rows)
