"""A real Neo4j server for the tests.

``neo4j_uri`` is the server: ``NEO4J_URI`` when set, otherwise the one
``scripts/neo4j-test-server start`` starts (and reuses when it already runs).
In CI (``CI=true``) a server that cannot start fails the run with the tail of
its log; elsewhere the Neo4j tests are skipped with that reason.

``neo4j_store`` is an open :class:`Neo4jStore` on it; ``neo4j_name`` makes
dataset names unique to one test and drops them afterwards, so tests never
see each other's data.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_SCRIPT = ROOT / "scripts" / "neo4j-test-server"

#: Small datasets that exercise what the sample data may not: extra columns whose camelCase
#: names collide, reserved names, neighbourhoods referenced without neighbourhoods.csv,
#: repeated participations, unknown types (warnings), empty optional tables, NULL years.
CRAFTED = {
    "extras": {
        "organisations": (
            "id,name,type,neighbourhoods,Budget (EUR),budget_EUR,row,dataset\n"
            "a,Alpha,welfare,zuid; noord,1,x,r1,d1\n"
            "b,B'eta,care,,2,y,r2,d2\n"
            'c,"Gamma, the ""third""",bakery,noord;noord,,z,r3,d3\n'
        ),
        "joint_actions": (
            "id,name,neighbourhood,start_year,end_year,note\n"
            "j1,One,zuid,2016,2018,n1\nj2,Two,,,,\nj3,Three,west,2020,,x\n"
        ),
        "participations": (
            "action_id,organisation_id,role,hours\n"
            "j1,a,lead,3\nj1,b,,\nj2,a,,\nj2,b,,\nj2,c,,\nj2,c,funder,1\n"
        ),
        "funding": (
            "funder_id,recipient_id,amount,year,action_id,programme,currency\n"
            "a,b,10.5,2016,j1,P1,EUR\nb,a,0,2017,,,GBP\na,b,1e6,2016,,P1,EUR\n"
        ),
    },
    "listed-neighbourhoods": {
        "organisations": "id,name,type,sector,scale,neighbourhoods\nx,X,municipality,,local,n1;n2\n"
        "y,Y,residents_association,residents,local,n2\n",
        "joint_actions": "id,name,theme,neighbourhood\nk,K,housing,n1\n",
        "participations": "action_id,organisation_id,role\nk,x,lead\nk,y,participant\n",
        "neighbourhoods": "id,name,municipality,income\nn1,Noord,Lindenwaard,31000\n"
        "n2,Zuid,Lindenwaard,\nn3,West,,\n",
    },
    "minimal": {
        "organisations": "id,name,type\nsolo,Solo,other\n",
        "joint_actions": "id,name\n",
        "participations": "action_id,organisation_id\n",
    },
}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def server_script(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> str:
    """Run ``scripts/neo4j-test-server ARGS`` and return its stdout; raise with the log tail."""
    result = subprocess.run(
        [str(SERVER_SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
    if result.returncode != 0:
        log = subprocess.run(
            [str(SERVER_SCRIPT), "log"],
            capture_output=True,
            text=True,
            env={**os.environ, **(env or {})},
        ).stdout
        raise RuntimeError(
            f"scripts/neo4j-test-server {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}\n--- server log (tail) ---\n{log[-4000:]}"
        )
    return result.stdout


def uri_from(output: str) -> str:
    for line in output.splitlines():
        if line.startswith("NEO4J_URI="):
            return line.split("=", 1)[1].strip()
    raise RuntimeError(f"scripts/neo4j-test-server printed no NEO4J_URI=...:\n{output}")


def unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere."""
    if in_ci():
        pytest.fail(f"Neo4j is required in CI: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server: {reason}")


@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """The Bolt URI of a running Neo4j server (see the module docstring)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return uri
    if not SERVER_SCRIPT.exists():
        unavailable(f"NEO4J_URI is not set and {SERVER_SCRIPT} does not exist")
    try:
        return uri_from(server_script("start"))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        unavailable(str(exc))
    raise AssertionError("unreachable")


def store_for(uri: str, **kwargs):
    from graphtool.store.neo4j import Neo4jStore

    return Neo4jStore(
        uri=uri,
        user=os.environ.get("NEO4J_USERNAME", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE"),
        **kwargs,
    )


@pytest.fixture
def neo4j_store(neo4j_uri: str) -> Iterator:
    """An open store on the test server."""
    with store_for(neo4j_uri) as store:
        yield store


@pytest.fixture
def neo4j_name(neo4j_uri: str) -> Iterator[Callable[[str], str]]:
    """``neo4j_name(base)`` -> a dataset name unique to this test; dropped after the test."""
    names: list[str] = []

    def make(base: str = "test") -> str:
        name = f"{base}-{uuid.uuid4().hex[:10]}"
        names.append(name)
        return name

    yield make
    from graphtool.errors import StoreError

    with store_for(neo4j_uri) as store:
        held = {d["name"] for d in store.datasets()}
        for name in names:
            if name in held:
                try:
                    store.drop(name)
                except StoreError:
                    pass


@pytest.fixture
def neo4j_env(neo4j_uri: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """NEO4J_URI set for CLI tests (CliRunner reads the options from the environment)."""
    monkeypatch.setenv("NEO4J_URI", neo4j_uri)
    return neo4j_uri
