"""Interrupts, waits and misleading errors around Neo4j.

* Ctrl-C (a real SIGINT to a real ``graphtool`` process) during ``query``
  and ``load`` stops the command within a second or so, prints one line,
  exits 130 and leaves nothing half-written in the graph;
* queries have a default timeout, configurable by option and variable;
* a service on the port that is not Neo4j gets a clear message at once,
  not "is the server running?" after the driver's retries;
* the loser of two loads of one name gets graphtool's message, not the
  server's "Node(…) already exists with label `Dataset`".
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.ingest import read_dataset
from graphtool.store.neo4j import connection
from tests.conftest import ROOT, SAMPLE_DATA
from tests.plugins.datasets import generated_dataset
from tests.plugins.neo4j import store_for

neo4j = pytest.mark.neo4j
#: An interrupted command must be gone well before the driver's own waits (10 s and more).
PROMPT = 5.0


def graphtool(*args: str, uri: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NEO4J_URI": uri}
    return subprocess.Popen(
        [sys.executable, "-m", "graphtool", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def interrupt(proc: subprocess.Popen) -> tuple[float, str, str]:
    """SIGINT, as Ctrl-C sends it; returns seconds until the process ended, stdout, stderr."""
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    return time.monotonic() - sent, out, err


def wait_until(condition, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} never happened")


def running(store, marker: str) -> bool:
    rows = store.run(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $m RETURN count(*) AS n",
        {"m": marker},
        write=True,
    ).rows
    return bool(rows[0]["n"])


# --- Ctrl-C --------------------------------------------------------------------------------------


@neo4j
@pytest.mark.parametrize("write", [False, True], ids=["read", "write"])
def test_ctrl_c_stops_a_query_at_once(neo4j_uri: str, write: bool) -> None:
    marker = f"interrupt_{'w' if write else 'r'}_{os.getpid()}"
    if write:
        cypher = f"UNWIND range(1, 100000000) AS i CREATE (:{marker} {{i: i}})"
    else:
        cypher = f"UNWIND range(1, 10000000000) AS i WITH i WHERE i < 0 RETURN count(i) AS {marker}"
    args = ["query", cypher, "--timeout", "0"] + (["--write"] if write else [])
    with store_for(neo4j_uri) as store:
        proc = graphtool(*args, uri=neo4j_uri)
        wait_until(lambda: running(store, marker), "the query running on the server")
        took, out, err = interrupt(proc)
        assert proc.returncode == 130, err
        assert took < PROMPT, took
        assert out == ""
        expected = (
            (
                "interrupted: the query was stopped; the server rolls its transaction back, "
                "so it changed nothing\n"
            )
            if write
            else "interrupted: the query was stopped\n"
        )
        assert err == expected
        wait_until(lambda: not running(store, marker), "the server ending the transaction", 60)
        if write:
            count = f"MATCH (n:{marker}) RETURN count(n) AS n"
            assert store.run(count).rows == [{"n": 0}]


@neo4j
@pytest.mark.parametrize("previous", [True, False], ids=["over-a-version", "first-load"])
def test_ctrl_c_stops_a_load_and_leaves_the_previous_version(
    tmp_path: Path, neo4j_uri: str, neo4j_store, neo4j_name, previous: bool
) -> None:
    name = neo4j_name("ctrl-c")
    old = read_dataset(SAMPLE_DATA / "knoke", name=name)
    if previous:
        neo4j_store.load(old)
    folder = generated_dataset(tmp_path / "big", 20000, seed=3)
    proc = graphtool("--quiet", "load", str(folder), "--name", name, uri=neo4j_uri)

    def staged() -> bool:
        rows = neo4j_store.run(
            "MATCH (d:Dataset {name: $d, state: 'loading'}) "
            "OPTIONAL MATCH (o:Organisation {dataset: d.dataset}) RETURN count(o) AS n",
            {"d": name},
        ).rows
        return bool(rows) and rows[0]["n"] >= 1

    wait_until(lambda: staged() or proc.poll() is not None, "the load staging rows")
    assert proc.poll() is None, proc.communicate()
    took, out, err = interrupt(proc)
    assert proc.returncode == 130, err
    assert took < PROMPT, took
    assert err == (
        f"interrupted: the load of {name!r} was stopped before its switch: readers still see "
        "the previous version; the next load or drop deletes what was staged\n"
    )
    assert err.count("interrupted: ") == 1 and "Traceback" not in err
    if previous:
        back = neo4j_store.read_dataset(name)
        assert back.counts() == old.counts()
    else:
        assert name not in {d["name"] for d in neo4j_store.datasets()}
    neo4j_store.load(old)  # the next load removes what was staged
    left = neo4j_store.run(
        "MATCH (d:Dataset {name: $d}) RETURN collect(d.state) AS s", {"d": name}
    ).rows
    assert left == [{"s": ["current"]}]


# --- timeouts ------------------------------------------------------------------------------------


def test_queries_have_a_default_timeout() -> None:
    from graphtool.cli.query import DEFAULT_TIMEOUT, TIMEOUT_VARIABLE

    result = CliRunner().invoke(main, ["query", "--help"])
    text = " ".join(result.output.split())
    assert f"[env {TIMEOUT_VARIABLE}]" in text
    assert f"[default: {DEFAULT_TIMEOUT};" in text
    assert DEFAULT_TIMEOUT == 120.0  # as docs/cypher.md says


@neo4j
def test_the_timeout_variable_stops_a_long_query(neo4j_env, monkeypatch) -> None:
    monkeypatch.setenv("GRAPHTOOL_QUERY_TIMEOUT", "0.5")
    result = CliRunner().invoke(
        main, ["query", "UNWIND range(1, 10000000000) AS i WITH i WHERE i < 0 RETURN count(i)"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the query ran longer than 0.5 s and was stopped\n")


# --- a service that is not Neo4j ------------------------------------------------------------------


@pytest.fixture
def not_neo4j() -> Iterator[dict[str, int]]:
    """Two services on 127.0.0.1: one that never answers the handshake (like an HTTP
    server), one that answers with a banner of its own (like SSH)."""
    silent = socket.create_server(("127.0.0.1", 0))
    banner = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve(server: socket.socket, answer: bytes | None) -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            if answer is None:
                held.append(conn)
            else:
                conn.sendall(answer)
                conn.close()

    threads = [
        threading.Thread(target=serve, args=(silent, None), daemon=True),
        threading.Thread(target=serve, args=(banner, b"SSH-2.0-OpenSSH_9.2\r\n"), daemon=True),
    ]
    for t in threads:
        t.start()
    try:
        yield {"silent": silent.getsockname()[1], "banner": banner.getsockname()[1]}
    finally:
        stop.set()
        for t in threads:
            t.join()
        for s in (silent, banner, *held):
            s.close()


@pytest.mark.parametrize(
    ("service", "message"),
    [
        (
            "silent",
            "accepted the connection but did not answer the Neo4j (Bolt) handshake "
            "within 3 s: it is not Neo4j's Bolt port",
        ),
        (
            "banner",
            "is not a Neo4j Bolt server: it answered 'SSH-2.0-OpenSSH_9.2' to the Bolt handshake",
        ),
    ],
)
def test_a_service_that_is_not_neo4j_is_named_quickly(not_neo4j, service, message) -> None:
    port = not_neo4j[service]
    start = time.monotonic()
    result = CliRunner().invoke(main, ["datasets", "--uri", f"bolt://127.0.0.1:{port}"])
    took = time.monotonic() - start
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: the service at 127.0.0.1:{port} {message}\n"
        "hint: set NEO4J_URI (or --uri) to the server's Bolt address "
        "(bolt://HOST:7687 by default; 7474 is Neo4j's HTTP port)\n"
    )
    assert took < connection.HANDSHAKE_WAIT + PROMPT, took


# --- two loads of one name ------------------------------------------------------------------------


@neo4j
def test_the_loser_of_two_loads_gets_a_clear_message(neo4j_store, neo4j_name, monkeypatch) -> None:
    """The race, made certain: the second load's switch misses the first load's version.

    Two loads that switch in the same moment both find no current version
    to retire and both give their own the name; the second commit then
    breaks the uniqueness of the name. Here the retiring step of the second
    load is made to miss the current version (a patch of graphtool's own
    function, standing in for the timing), so the collision happens every time.
    """
    from graphtool.errors import StoreError
    from graphtool.store.neo4j import load as load_module

    name = neo4j_name("race")
    winner = read_dataset(SAMPLE_DATA / "knoke", name=name)
    neo4j_store.load(winner)
    monkeypatch.setattr(load_module, "_retire_current", lambda tx, name: False)
    loser = read_dataset(SAMPLE_DATA / "lindenwaard", name=name)
    with pytest.raises(StoreError) as info:
        neo4j_store.load(loser)
    assert str(info.value) == (
        f"another load of {name!r} switched to its own version at the same moment; this load "
        "was not applied and readers see the other load's version\n"
        "hint: run this load again if its data should be the current version; "
        "`graphtool datasets` shows when each dataset was loaded"
    )
    assert "already exists" not in str(info.value)
    monkeypatch.undo()
    assert neo4j_store.read_dataset(name).counts() == winner.counts()
    states = neo4j_store.run(
        "MATCH (d:Dataset {name: $d}) RETURN collect(d.state) AS s", {"d": name}
    ).rows
    assert states == [{"s": ["current"]}]  # the loser's staged version is gone


@neo4j
@pytest.mark.xfail(
    strict=False,
    reason="known race: two loads of one name can each supersede the other, so neither "
    "exits 0 and the name is left without a version; to be fixed in the two-step switch",
)
def test_two_loads_side_by_side_end_in_one_version(neo4j_uri: str, neo4j_store, neo4j_name) -> None:
    """Real processes loading one name at once: each succeeds or says why, in graphtool's words."""
    name = neo4j_name("side-by-side")
    allowed = (
        "switched to its own version at the same moment",
        "was superseded by another load of the same name",
    )
    for _ in range(3):
        procs = [
            graphtool("--quiet", "load", str(SAMPLE_DATA / sample), "--name", name, uri=neo4j_uri)
            for sample in ("knoke", "lindenwaard")
        ]
        outcomes = [(p.wait(timeout=300), p.communicate()[1]) for p in procs]
        assert any(code == 0 for code, _ in outcomes), outcomes
        for code, err in outcomes:
            assert code in (0, 1), err
            assert "already exists" not in err and "Traceback" not in err, err
            if code == 1:
                assert any(a in err for a in allowed), err
        counts = neo4j_store.read_dataset(name).counts()
        assert counts in (
            read_dataset(SAMPLE_DATA / "knoke").counts(),
            read_dataset(SAMPLE_DATA / "lindenwaard").counts(),
        )
