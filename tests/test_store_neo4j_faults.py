"""Faults that need a server of their own: authentication on, a read-only database.

A second server is started with ``scripts/neo4j-test-server`` on a free port
and its own home: authentication enabled, then restarted with the database
``neo4j`` read-only (``server.databases.read_only``; Neo4j Community has no
read-only users). In CI a server that cannot start fails the run.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphtool.cli import main
from tests.plugins.datasets import write_dataset
from tests.plugins.neo4j import CRAFTED, SERVER_SCRIPT, server_script, unavailable, uri_from

pytestmark = pytest.mark.neo4j

PASSWORD = "fault-test-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def secured_read_only_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with authentication on whose database ``neo4j`` is read-only."""
    if not SERVER_SCRIPT.exists():
        unavailable(f"{SERVER_SCRIPT} does not exist")
    env = {
        "GRAPHTOOL_NEO4J_HOME": str(tmp_path_factory.mktemp("neo4j-faults")),
        "GRAPHTOOL_NEO4J_PORT": str(free_port()),
        "GRAPHTOOL_NEO4J_AUTH": "1",
        "GRAPHTOOL_NEO4J_PASSWORD": PASSWORD,
    }
    try:
        # A database must have started read-write once before it can start read-only.
        server_script("start", env=env)
        server_script("stop", env=env)
        read_only = {**env, "GRAPHTOOL_NEO4J_EXTRA_CONF": "server.databases.read_only=neo4j"}
        uri = uri_from(server_script("start", env=read_only))
    except (RuntimeError, OSError) as exc:
        unavailable(str(exc))
    try:
        yield uri
    finally:
        server_script("stop", env=env)


def invoke(*args: str):
    return CliRunner().invoke(main, ["--quiet", *args], env={"NEO4J_PASSWORD": None})


@pytest.mark.parametrize("password", [["--password", "wrong"], []], ids=["wrong", "none"])
def test_wrong_password(password, secured_read_only_uri):
    result = invoke("datasets", "--uri", secured_read_only_uri, *password)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: Neo4j at {secured_read_only_uri} refused the credentials of user 'neo4j'\n"
        "hint: set NEO4J_USERNAME and NEO4J_PASSWORD (or --user and --password)\n"
    )
    assert "wrong" not in result.output


def test_right_password_reads(secured_read_only_uri):
    result = invoke("datasets", "--uri", secured_read_only_uri, "--password", PASSWORD)
    assert (result.exit_code, result.stderr) == (0, "")


def test_refused_write(secured_read_only_uri, tmp_path: Path):
    folder = write_dataset(tmp_path / "minimal", CRAFTED["minimal"])
    result = invoke("load", str(folder), "--uri", secured_read_only_uri, "--password", PASSWORD)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: Neo4j at {secured_read_only_uri} (the default database) refused to write: "
    )
    assert result.stderr.endswith(
        "hint: the database or the user is read-only; use a database and a user "
        "that may write (NEO4J_DATABASE, NEO4J_USERNAME)\n"
    )
    assert "Traceback" not in result.output
    assert PASSWORD not in result.output
