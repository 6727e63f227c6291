"""The Neo4j store against a real server: round trip, graph model, atomic replace, commands."""

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

import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.errors import QueryError, StoreError
from graphtool.ingest import read_dataset
from graphtool.model import Dataset
from graphtool.store.neo4j import LOADING, SWITCH_LIMIT, camel_case, property_names
from tests.conftest import ROOT, SAMPLE_DATA
from tests.plugins.datasets import generated_dataset, write_dataset
from tests.plugins.neo4j import CRAFTED, store_for

pytestmark = pytest.mark.neo4j


def crafted(tmp_path: Path, key: str) -> Path:
    return write_dataset(tmp_path / key, CRAFTED[key])


def sample_folders() -> list[Path]:
    if not SAMPLE_DATA.is_dir():
        return []
    return sorted(p for p in SAMPLE_DATA.iterdir() if (p / "organisations.csv").exists())


def assert_same_dataset(got: Dataset, expected: Dataset) -> None:
    assert got.name == expected.name
    for table, frame in expected.tables().items():
        pd.testing.assert_frame_equal(getattr(got, table), frame, check_exact=True, obj=table)
    assert got.warnings == expected.warnings
    assert got.year == expected.year


# -- property names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("start_year", "startYear"),
        ("action_id", "actionId"),
        ("id", "id"),
        ("Budget (EUR)", "budgetEUR"),
        ("__", "column"),
        ("inwoners_2020", "inwoners2020"),
    ],
)
def test_camel_case(column, expected):
    assert camel_case(column) == expected


def test_property_names_are_unique_and_avoid_reserved_names():
    names = property_names(["id", "budget_eur", "budgetEur", "row", "dataset", "row2", "version"])
    assert names == {
        "id": "id",
        "budget_eur": "budgetEur",
        "budgetEur": "budgetEur2",
        "row": "row2",
        "dataset": "dataset2",
        "row2": "row22",
        "version": "version2",
    }


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(CRAFTED))
def test_read_back_gives_the_same_dataset(key, tmp_path, neo4j_store, neo4j_name):
    expected = read_dataset(crafted(tmp_path, key), name=neo4j_name(key))
    neo4j_store.load(expected)
    assert_same_dataset(neo4j_store.read_dataset(expected.name), expected)


@pytest.mark.parametrize("folder", sample_folders(), ids=lambda p: p.name)
def test_every_sample_dataset_reads_back_identically(folder, neo4j_store, neo4j_name):
    expected = read_dataset(folder, name=neo4j_name(folder.name))
    neo4j_store.load(expected)
    assert_same_dataset(neo4j_store.read_dataset(expected.name), expected)


def test_sample_data_is_covered():
    """The read-back and parity tests run on every sample dataset of sample_data/."""
    assert {p.name for p in sample_folders()} >= {"knoke", "lindenwaard"}


# -- graph model ------------------------------------------------------------------------------


def test_graph_model_follows_the_design(tmp_path, neo4j_store, neo4j_name):
    name = neo4j_name("model")
    neo4j_store.load(read_dataset(crafted(tmp_path, "extras")), name=name)
    run = neo4j_store.run

    labels = run(
        "MATCH (n {dataset: $d}) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label",
        {"d": name},
    ).rows
    assert labels == [
        {"label": "Dataset", "n": 1},
        {"label": "JointAction", "n": 3},
        {"label": "Neighbourhood", "n": 3},
        {"label": "Organisation", "n": 3},
    ]
    rels = run(
        "MATCH (s {dataset: $d})-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type",
        {"d": name},
    ).rows
    assert rels == [
        {"type": "ACTIVE_IN", "n": 3},
        {"type": "FUNDS", "n": 3},
        {"type": "IN", "n": 2},
        {"type": "PARTICIPATES_IN", "n": 6},
    ]
    action = run(
        "MATCH (a:JointAction {dataset: $d, id: 'j1'}) RETURN properties(a) AS p", {"d": name}
    ).rows[0]["p"]
    assert len(action.pop("version")) == 32
    assert action == {
        "dataset": name,
        "id": "j1",
        "name": "One",
        "theme": "",
        "neighbourhood": "zuid",
        "startYear": 2016,
        "endYear": 2018,
        "note": "n1",
        "row": 0,
    }
    flow = run(
        "MATCH (:Organisation {dataset: $d, id: 'a'})-[f:FUNDS {row: 0}]->(b) "
        "RETURN properties(f) AS p, b.id AS b",
        {"d": name},
    ).rows[0]
    assert flow == {
        "b": "b",
        "p": {
            "amount": 10.5,
            "year": 2016,
            "actionId": "j1",
            "programme": "P1",
            "currency": "EUR",
            "row": 0,
        },
    }
    org = run(
        "MATCH (o:Organisation {dataset: $d, id: 'a'}) RETURN properties(o) AS p", {"d": name}
    ).rows[0]["p"]
    assert org["budgetEUR"] == "1" and org["budgetEUR2"] == "x"
    assert org["row2"] == "r1" and org["dataset2"] == "d1" and org["row"] == 0
    hoods = run(
        "MATCH (o:Organisation {dataset: $d})-[:ACTIVE_IN]->(n) "
        "RETURN o.id AS o, n.id AS n, n.listed AS listed ORDER BY o, n",
        {"d": name},
    ).rows
    assert hoods == [
        {"o": "a", "n": "noord", "listed": False},
        {"o": "a", "n": "zuid", "listed": False},
        {"o": "c", "n": "noord", "listed": False},
    ]
    constraints = run(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE labelsOrTypes[0] = 'Organisation' RETURN properties, type",
        write=True,  # SHOW commands are refused in read-only runs
    ).rows
    assert {"properties": ["dataset", "id"], "type": "UNIQUENESS"} in constraints


def test_loading_twice_gives_the_same_graph(tmp_path, neo4j_store, neo4j_name):
    name = neo4j_name("twice")
    dataset = read_dataset(crafted(tmp_path, "extras"))
    dump = (
        "MATCH (n {dataset: $d}) WHERE NOT n:Dataset OPTIONAL MATCH (n)-[r]->(m) "
        "RETURN labels(n) AS l, properties(n) AS p, type(r) AS t, properties(r) AS rp, m.id AS m "
        "ORDER BY l[0], p.id, t, rp.row, m"
    )

    def graph() -> list[dict]:
        rows = neo4j_store.run(dump, {"d": name}).rows
        versions = {r["p"].pop("version") for r in rows}
        assert len(versions) == 1  # one version visible
        return rows

    neo4j_store.load(dataset, name=name)
    first = graph()
    neo4j_store.load(dataset, name=name)
    second = graph()
    assert first == second and len(first) > 10
    assert neo4j_store.run(
        "MATCH (d:Dataset {name: $d}) RETURN d.state AS s", {"d": name}
    ).rows == [{"s": "current"}]


def test_datasets_side_by_side_and_drop(tmp_path, neo4j_store, neo4j_name):
    one, two = neo4j_name("one"), neo4j_name("two")
    a = read_dataset(crafted(tmp_path, "extras"), name=one)
    b = read_dataset(crafted(tmp_path, "listed-neighbourhoods"), name=two)
    neo4j_store.load(a)
    neo4j_store.load(b)
    held = {d["name"]: d for d in neo4j_store.datasets()}
    assert {k: v for k, v in held[one].items() if k != "loaded"} == {
        "name": one,
        "organisations": 3,
        "joint_actions": 3,
        "participations": 6,
        "funding": 3,
        "neighbourhoods": 0,
    }
    assert held[two]["neighbourhoods"] == 3
    neo4j_store.drop(one)
    assert one not in {d["name"] for d in neo4j_store.datasets()}
    assert neo4j_store.run("MATCH (n {dataset: $d}) RETURN count(n) AS n", {"d": one}).rows == [
        {"n": 0}
    ]
    assert_same_dataset(neo4j_store.read_dataset(two), b)


@pytest.mark.parametrize("name", ["a'b", "a`b", "x})//", 'a"b\\', "MATCH (n) DETACH DELETE n"])
def test_names_with_cypher_characters_are_plain_data(name, tmp_path, neo4j_store, neo4j_name):
    unique = neo4j_name(name)
    dataset = read_dataset(crafted(tmp_path, "minimal"), name=unique)
    neo4j_store.load(dataset)
    assert unique in {d["name"] for d in neo4j_store.datasets()}
    assert_same_dataset(neo4j_store.read_dataset(unique), dataset)
    assert neo4j_store.run(
        "MATCH (o:Organisation {dataset: $d}) RETURN o.id AS id", {"d": unique}
    ).rows == [{"id": "solo"}]
    neo4j_store.drop(unique)
    with pytest.raises(StoreError, match="no dataset"):
        neo4j_store.read_dataset(unique)


def test_unknown_dataset(neo4j_store, neo4j_uri):
    with pytest.raises(StoreError) as info:
        neo4j_store.read_dataset("no-such-dataset")
    message = str(info.value)
    assert message.startswith(
        f"no dataset 'no-such-dataset' in Neo4j at {neo4j_uri} (the default database); it holds "
    )
    assert message.endswith(
        "hint: load it with `graphtool load DATASET --name NAME`, "
        "or list the datasets with `graphtool datasets`"
    )
    with pytest.raises(StoreError, match="^no dataset 'no-such-dataset'"):
        neo4j_store.drop("no-such-dataset")


# -- atomic replace ---------------------------------------------------------------------------


def generated(tmp_path: Path, n: int, seed: int) -> Path:
    return generated_dataset(tmp_path / f"gen{n}-{seed}", n, seed)


def visible_counts(store, name: str) -> dict[str, int]:
    rows = store.run(
        "MATCH (n {dataset: $d}) WHERE NOT n:Dataset AND n.row IS NOT NULL "
        "RETURN labels(n)[0] AS label, count(*) AS n",
        {"d": name},
    ).rows
    return {r["label"]: r["n"] for r in rows}


def expected_counts(dataset: Dataset) -> dict[str, int]:
    c = dataset.counts()
    counts = {
        "Organisation": c["organisations"],
        "JointAction": c["joint_actions"],
        "Neighbourhood": c["neighbourhoods"],
    }
    return {k: v for k, v in counts.items() if v}


def loading_in_background(uri: str, dataset: Dataset, switch_limit: int) -> Iterator[None]:
    """Load ``dataset`` in a thread; yield until the load has finished (then join it)."""
    done = threading.Event()
    failures: list[BaseException] = []

    def load() -> None:
        try:
            with store_for(uri, batch_size=500, switch_limit=switch_limit) as store:
                store.load(dataset)
        except BaseException as exc:  # reported in the test's thread
            failures.append(exc)
        finally:
            done.set()

    loader = threading.Thread(target=load)
    loader.start()
    while not done.is_set():
        yield
    loader.join()
    if failures:
        raise failures[0]


@pytest.mark.parametrize("switch_limit", [SWITCH_LIMIT, 0], ids=["one-transaction", "two-steps"])
def test_readers_see_the_old_or_the_new_version_never_a_mix(
    switch_limit, tmp_path, neo4j_store, neo4j_name
):
    """read_dataset during a load returns the whole old or the whole new dataset.

    With ``switch_limit=0`` the switch hides the old version and reveals the
    new one in two transactions, as it does for datasets too big for one.
    """
    name = neo4j_name("concurrent")
    old = read_dataset(crafted(tmp_path, "extras"), name=name)
    new = read_dataset(generated(tmp_path, 3000, seed=1), name=name)
    neo4j_store.load(old)
    seen: list[dict[str, int]] = []
    with store_for(neo4j_store.uri) as reader:
        for _ in loading_in_background(neo4j_store.uri, new, switch_limit):
            seen.append(reader.read_dataset(name).counts())
    seen.append(neo4j_store.read_dataset(name).counts())
    allowed = [old.counts(), new.counts()]
    assert all(s in allowed for s in seen), [s for s in seen if s not in allowed][:3]
    assert seen[0] == allowed[0] and seen[-1] == allowed[1] and len(seen) > 3
    assert_same_dataset(neo4j_store.read_dataset(name), new)


def loader_process(folder: Path, name: str, uri: str) -> subprocess.Popen:
    code = (
        "import sys\n"
        "from graphtool.ingest import read_dataset\n"
        "from graphtool.store.neo4j import Neo4jStore\n"
        "with Neo4jStore(sys.argv[1], batch_size=500) as store:\n"
        "    store.load(read_dataset(sys.argv[2]), name=sys.argv[3])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, uri, str(folder), name], env=env)


def wait_for_staging(store, name: str, proc: subprocess.Popen, at_least: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        rows = store.run(
            "MATCH (d:Dataset {name: $d, state: 'loading'}) "
            "OPTIONAL MATCH (o:Organisation {dataset: d.dataset}) RETURN count(o) AS n",
            {"d": name},
        ).rows
        if rows and rows[0]["n"] >= at_least:
            return
        time.sleep(0.05)
    raise AssertionError("the loader never got midway")


@pytest.mark.parametrize("previous", [True, False], ids=["over-a-version", "first-load"])
def test_killed_loader_leaves_the_previous_version_or_nothing(
    previous, tmp_path, neo4j_store, neo4j_name, neo4j_uri
):
    name = neo4j_name("killed")
    old = read_dataset(crafted(tmp_path, "extras"), name=name)
    if previous:
        neo4j_store.load(old)
    proc = loader_process(generated(tmp_path, 20000, seed=2), name, neo4j_uri)
    try:
        wait_for_staging(neo4j_store, name, proc, at_least=1000)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    if previous:
        assert visible_counts(neo4j_store, name) == expected_counts(old)
        assert_same_dataset(neo4j_store.read_dataset(name), old)
    else:
        assert visible_counts(neo4j_store, name) == {}
        with pytest.raises(StoreError, match="^no dataset"):
            neo4j_store.read_dataset(name)
    leftovers = neo4j_store.run(
        "MATCH (d:Dataset {name: $d, state: 'loading'}) RETURN d.dataset AS key", {"d": name}
    ).rows
    assert len(leftovers) == 1 and leftovers[0]["key"].startswith(LOADING)
    # the next load of the name removes what the killed one left
    neo4j_store.load(old)
    assert neo4j_store.run(
        "MATCH (n {dataset: $k}) RETURN count(n) AS n", {"k": leftovers[0]["key"]}
    ).rows == [{"n": 0}]
    assert_same_dataset(neo4j_store.read_dataset(name), old)


# -- run --------------------------------------------------------------------------------------


def test_run_is_read_only_by_default(neo4j_store):
    with pytest.raises(QueryError, match="^refused a query that writes: without --write"):
        neo4j_store.run("CREATE (:Scratch {x: 1})")
    result = neo4j_store.run("CREATE (s:Scratch {x: $x}) RETURN s.x AS x", {"x": 7}, write=True)
    assert result.rows == [{"x": 7}] and result.counters["nodes_created"] == 1
    neo4j_store.run("MATCH (s:Scratch) DELETE s", write=True)


def test_run_limit_and_plain_values(neo4j_store):
    result = neo4j_store.run("UNWIND range(1, 5) AS i RETURN i, {a: [i]} AS m", limit=3)
    assert result.columns == ["i", "m"]
    assert result.rows == [
        {"i": 1, "m": {"a": [1]}},
        {"i": 2, "m": {"a": [2]}},
        {"i": 3, "m": {"a": [3]}},
    ]
    assert result.truncated
    assert not neo4j_store.run("RETURN 1 AS one", limit=1).truncated


def test_run_timeout(neo4j_store):
    with pytest.raises(QueryError) as info:
        neo4j_store.run(
            "UNWIND range(1, 1000000000) AS i WITH i WHERE i < 0 RETURN count(i)", timeout=0.5
        )
    assert str(info.value) == (
        "the query ran longer than 0.5 s and was stopped\n"
        "hint: give a larger --timeout or narrow the query"
    )


def test_run_syntax_error(neo4j_store):
    with pytest.raises(QueryError, match="^Neo.ClientError.Statement.SyntaxError"):
        neo4j_store.run("MATCH (n RETURN n")


# -- commands ---------------------------------------------------------------------------------


def invoke(*args: str):
    return CliRunner().invoke(main, ["--quiet", *args])


def test_load_datasets_drop_commands(tmp_path, neo4j_env, neo4j_name):
    name = neo4j_name("cli")
    folder = crafted(tmp_path, "extras")
    result = invoke("load", str(folder), "--name", name)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"loaded {name!r}: 3 organisations, 3 joint actions, 6 participations, "
        "3 funding flows, 0 neighbourhoods\n"
    )
    result = invoke("datasets", "--format", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "name,organisations,joint_actions,participations,funding,neighbourhoods,loaded"
    )
    assert any(line.startswith(f"{name},3,3,6,3,0,") for line in lines)
    result = invoke("overview", "--neo4j", name, "--format", "json")
    assert result.exit_code == 0 and f'"dataset": "{name}"' in result.stdout
    result = invoke("drop", name)
    assert (result.exit_code, result.stdout) == (0, f"dropped {name!r}\n")
    result = invoke("drop", name)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: no dataset {name!r} in Neo4j at ")
    assert "Traceback" not in result.output


def test_load_of_an_invalid_dataset_writes_nothing(tmp_path, neo4j_env, neo4j_name, neo4j_store):
    name = neo4j_name("invalid")
    folder = write_dataset(
        tmp_path / "bad",
        {
            "organisations": "id,name,type\na,A,care\na,B,care\n",
            "joint_actions": "id,name\n",
            "participations": "action_id,organisation_id\n",
        },
    )
    result = invoke("load", str(folder), "--name", name)
    assert result.exit_code == 1
    assert "[duplicate-id]" in result.stderr
    assert neo4j_store.run(
        "MATCH (d:Dataset {name: $d}) RETURN count(d) AS n", {"d": name}
    ).rows == [{"n": 0}]


# -- faults -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_not_running():
    uri = f"bolt://127.0.0.1:{free_port()}"
    start = time.monotonic()
    result = invoke("datasets", "--uri", uri)
    assert time.monotonic() - start < 10
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot connect to Neo4j at {uri}: is the server running?\n"
        "hint: start Neo4j, or set NEO4J_URI (or --uri) to the server's address\n"
    )


def test_unknown_database(neo4j_env):
    result = invoke("datasets", "--database", "nosuchdb")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: Neo4j at {neo4j_env} has no database 'nosuchdb'\n"
        "hint: set NEO4J_DATABASE (or --database) to an existing database, "
        "or leave it unset for the server's default\n"
    )


def test_bad_uri():
    result = invoke("datasets", "--uri", "http://localhost:7474")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: cannot use the Neo4j URI 'http://localhost:7474': the scheme must be one of "
        "bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc\n"
        "hint: set NEO4J_URI (or --uri) to a URI such as bolt://localhost:7687\n"
    )


class CuttableProxy:
    """A TCP proxy to the server that can cut every connection, as a network failure does."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.bytes_up = 0
        self.cut_after: int | None = None
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, up: bool) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
                if up:
                    self.bytes_up += len(data)
                    if self.cut_after is not None and self.bytes_up > self.cut_after:
                        self.cut()
                        return
        except OSError:
            pass

    def cut(self) -> None:
        """Stop accepting and close every connection."""
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


def test_connection_lost_during_a_load(tmp_path, neo4j_uri, neo4j_store, neo4j_name):
    name = neo4j_name("lost")
    old = read_dataset(crafted(tmp_path, "extras"), name=name)
    neo4j_store.load(old)
    host, port = neo4j_uri.split("//", 1)[1].rsplit(":", 1)
    proxy = CuttableProxy((host, int(port)))
    proxy.cut_after = 400_000  # some batches in, well before the end
    uri = f"bolt://127.0.0.1:{proxy.port}"
    folder = generated(tmp_path, 5000, seed=3)
    result = invoke("load", str(folder), "--name", name, "--uri", uri)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"error: lost the connection to Neo4j at {uri} while loading {name!r}; nothing of the "
        f"new version of {name!r} is visible (the previous version, if any, is unchanged)\n"
        "hint: check that the server is running and run the command again\n"
    )
    assert visible_counts(neo4j_store, name) == expected_counts(old)
    assert_same_dataset(neo4j_store.read_dataset(name), old)


@pytest.mark.parametrize("switch_limit", [SWITCH_LIMIT, 0], ids=["one-transaction", "two-steps"])
def test_ad_hoc_queries_see_the_old_or_the_new_version_never_a_mix(
    switch_limit, tmp_path, neo4j_store, neo4j_name
):
    """A consultant's query on ``{dataset: $dataset}`` during a load counts one whole version.

    ``run_cypher`` repeats a read that overlapped a switch, so even a query
    that scans every node of the dataset never mixes two versions.
    """
    from graphtool.store.queries import run_cypher

    name = neo4j_name("adhoc")
    old = read_dataset(crafted(tmp_path, "extras"), name=name)
    new = read_dataset(generated(tmp_path, 3000, seed=2), name=name)
    neo4j_store.load(old)
    query = (
        "MATCH (o:Organisation {dataset: $dataset}) "
        "OPTIONAL MATCH (a:JointAction {dataset: $dataset}) "
        "RETURN count(DISTINCT o) AS organisations, count(DISTINCT a) AS actions"
    )
    seen: list[tuple[int, int]] = []
    with store_for(neo4j_store.uri) as reader:
        for _ in loading_in_background(neo4j_store.uri, new, switch_limit):
            row = run_cypher(reader, query, {"dataset": name}).rows[0]
            seen.append((row["organisations"], row["actions"]))
    allowed = [(len(d.organisations), len(d.joint_actions)) for d in (old, new)]
    assert all(s in allowed for s in seen), [s for s in seen if s not in allowed][:3]
    assert seen and seen[0] == allowed[0]
