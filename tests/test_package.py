"""The wheel: it builds, installs into a fresh virtual environment, runs, and ships the queries.

The fresh venv sees the dependencies of the environment running the tests
(numpy, pandas, ...) through a ``.pth`` file listing that environment's
site-packages, so nothing is downloaded again, and this works whether the
suite runs in a venv or in the system Python (``--system-site-packages``
would only reach the base interpreter's packages, not a venv's). The wheel
itself is installed with ``--no-deps`` into the venv's own site-packages,
which comes first on ``sys.path``; the test then checks that every
dependency the wheel declares is satisfied in that environment. The commands run
outside the checkout and without ``PYTHONPATH``, and the test asserts that
``graphtool`` is imported from the venv, not from the repository.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graphtool.store.queries import parse_query
from tests.conftest import ROOT
from tests.plugins.small_dataset import write_tables

pytestmark = pytest.mark.slow

PROBE = """
import json, importlib.metadata as md
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
import graphtool
from graphtool.store.queries import list_queries, load_query
unmet = []
for line in md.requires("graphtool") or []:
    req = Requirement(line)
    if req.marker is not None and not req.marker.evaluate({"extra": ""}):
        continue
    try:
        version = md.version(req.name)
    except md.PackageNotFoundError:
        unmet.append(line)
        continue
    if not req.specifier.contains(version, prereleases=True):
        unmet.append(f"{line} (installed {version})")
queries = {name: load_query(name) for name in list_queries()}
print(json.dumps({
    "file": graphtool.__file__,
    "unmet": unmet,
    "queries": {n: {"parameters": q.parameters, "text": q.text} for n, q in queries.items()},
}))
"""


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        cwd=out,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("graphtool-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel: Path) -> Path:
    where = tmp_path_factory.mktemp("venv")
    env = where / "venv"
    result = run([sys.executable, "-m", "venv", "--without-pip", str(env)], cwd=where)
    assert result.returncode == 0, result.stderr
    python = env / "bin" / "python"
    result = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=where
    )
    assert result.returncode == 0, result.stderr
    own = Path(result.stdout.strip())
    # the running environment's packages (pip included), after the venv's own; a plain
    # path entry, so that environment's .pth files (an editable graphtool) stay out
    outer = site.getsitepackages()
    if site.ENABLE_USER_SITE:
        outer.append(site.getusersitepackages())
    lines = "".join(f"{path}\n" for path in dict.fromkeys(outer))
    (own / "outer-environment.pth").write_text(lines, encoding="utf-8")
    result = run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            str(wheel),
        ],
        cwd=where,
    )
    assert result.returncode == 0, result.stderr
    return env


def test_wheel_ships_every_query(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {Path(n).name for n in names if n.startswith("graphtool/queries/")}
    in_repo = {p.name for p in (ROOT / "queries").iterdir() if p.is_file()}
    assert {"organisations_by_group.cypher", "graphtool.grass"} <= in_repo
    assert shipped == in_repo
    assert "graphtool/store/queries.py" in names


def test_wheel_ships_the_documentation(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {Path(n).name for n in names if n.startswith("graphtool/docs/")}
    assert shipped == {p.name for p in (ROOT / "docs").glob("*.md")}
    assert "dataset-format.md" in shipped


def test_installed_help_topics_come_from_the_package(venv: Path, tmp_path: Path) -> None:
    """Error hints say `graphtool help TOPIC`: it must work without the checkout."""
    result = run([str(venv / "bin" / "graphtool"), "help", "dataset-format"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (ROOT / "docs" / "dataset-format.md").read_text(encoding="utf-8")


def test_installed_command_runs(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv / "bin" / "graphtool"), "--help"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: graphtool [OPTIONS] COMMAND [ARGS]...")
    folder = write_tables(tmp_path / "ds", {})
    result = run([str(venv / "bin" / "graphtool"), "validate", str(folder)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid: ds: 3 organisations")


def test_installed_package_loads_queries_by_name(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv / "bin" / "python"), "-c", PROBE], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    assert Path(probe["file"]).resolve().is_relative_to(venv.resolve())
    assert probe["unmet"] == []
    expected = {
        p.stem: parse_query(p.stem, p.read_text(encoding="utf-8"))
        for p in (ROOT / "queries").glob("*.cypher")
    }
    assert sorted(probe["queries"]) == sorted(expected)
    for name, query in expected.items():
        assert probe["queries"][name] == {"parameters": query.parameters, "text": query.text}
    assert probe["queries"]["organisations_by_group"]["parameters"] == {
        "dataset": "name of the dataset, as it was loaded into Neo4j"
    }


def test_wheel_ships_the_store_statements(wheel: Path) -> None:
    """The store's own Cypher (loaded by name at run time) is package data of the wheel."""
    names = set(zipfile.ZipFile(wheel).namelist())
    folder = "graphtool/store/neo4j/cypher/"
    shipped = {Path(n).name for n in names if n.startswith(folder)}
    in_repo = {p.name for p in (ROOT / folder).glob("*.cypher")}
    assert "create_nodes.cypher" in in_repo
    assert shipped == in_repo
