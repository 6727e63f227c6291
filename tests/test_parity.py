"""Every analysis gives identical results from the files and from Neo4j.

The commands are discovered: every command that accepts ``--neo4j`` runs
twice on every dataset, once with the DATASET folder and once with
``--neo4j NAME`` after ``load``, and the outputs (stdout, stderr, files
written with ``--output``) must be byte for byte the same. An analysis added
later joins this test by accepting ``--neo4j`` (``source_options``); when it
needs arguments of its own, add them to :data:`EXTRA_ARGS`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.ingest import read_dataset
from tests.conftest import SAMPLE_DATA
from tests.plugins.datasets import write_dataset
from tests.plugins.neo4j import CRAFTED

pytestmark = pytest.mark.neo4j

#: Arguments a command needs besides the source, by command name, from the dataset's years;
#: None when the command does not apply to the dataset.
EXTRA_ARGS: dict[str, Callable[[list[int]], list[str] | None]] = {
    "compare": lambda years: (
        ["--from-year", str(years[0]), "--to-year", str(years[-1])] if len(years) > 1 else None
    ),
    "export": lambda years: ["--to", "json"],
    "evaluate-links": lambda years: ["--holdout", "0.2", "--seed", "1"],
}


def source_commands() -> list[click.Command]:
    """Commands that read DATASET or --neo4j NAME (``analyse`` reads Neo4j only: no files)."""
    return [
        command
        for _, command in sorted(main.commands.items())
        if {"neo4j_name", "path"} <= {p.name for p in command.params}
    ]


def datasets() -> list[tuple[str, Path | dict[str, str]]]:
    found: list[tuple[str, Path | dict[str, str]]] = []
    if SAMPLE_DATA.is_dir():
        found += [
            (p.name, p) for p in sorted(SAMPLE_DATA.iterdir()) if (p / "organisations.csv").exists()
        ]
    found += sorted(CRAFTED.items())
    return found


def variants(command: click.Command, years: list[int]) -> list[list[str]]:
    """The argument lists to compare: defaults, JSON output, one year if the data has years."""
    names = {p.name for p in command.params}
    extra = EXTRA_ARGS.get(command.name or "", lambda years: [])(years)
    if extra is None:
        return []
    base = list(extra)
    runs = [base]
    if "fmt" in names:
        runs.append([*base, "--format", "json"])
    if "year" in names and years:
        runs.append([*base, "--year", str(years[len(years) // 2])])
    return runs


def test_commands_with_a_neo4j_source_are_found():
    assert "overview" in {c.name for c in source_commands()}


@pytest.mark.parametrize(("key", "source"), datasets(), ids=[k for k, _ in datasets()])
def test_every_analysis_is_identical_from_files_and_from_neo4j(
    key, source, tmp_path, neo4j_env, neo4j_name
):
    # The dataset's name is the folder name; give the copy the Neo4j name so both agree.
    name = neo4j_name(key)
    folder = tmp_path / name
    if isinstance(source, Path):
        shutil.copytree(source, folder)
    else:
        write_dataset(folder, source)
    runner = CliRunner()
    loaded = runner.invoke(main, ["--quiet", "load", str(folder)])
    assert loaded.exit_code == 0, loaded.output
    years = read_dataset(folder).years()
    compared = 0
    for command in source_commands():
        for args in variants(command, years):
            outputs = []
            for source_args in ([str(folder)], ["--neo4j", name]):
                # the same path on both sides: commands name the file they wrote
                out_file = tmp_path / "output"
                if out_file.exists():
                    out_file.unlink()
                extra = (
                    ["--output", str(out_file)]
                    if any(p.name == "output" for p in command.params)
                    else []
                )
                result = runner.invoke(main, ["--quiet", command.name, *source_args, *args, *extra])
                written = out_file.read_bytes() if out_file.exists() else None
                outputs.append((result.exit_code, result.stdout, result.stderr, written))
            files, neo4j = outputs
            # a small crafted dataset may be refused (exit 1), then identically from Neo4j;
            # the sample datasets must run
            allowed = (0,) if isinstance(source, Path) else (0, 1)
            assert files[0] in allowed, f"{command.name} {args}: {files[2]}"
            assert neo4j == files, f"{command.name} {args} differs between files and Neo4j"
            compared += 1
    assert compared >= 2
