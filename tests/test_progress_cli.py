"""Progress on stderr: shown for large datasets, silent for small ones and with --quiet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from graphtool.cli import common, main
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.ingest import read_dataset
from graphtool.progress import Progress
from tests.conftest import ROOT
from tests.plugins.small_dataset import write_tables

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate, write  # noqa: E402


class Recorder(Progress):
    """Remembers every report, to check what a library function says."""

    def __init__(self) -> None:
        self.reports: list[tuple] = []

    def step(self, label: str) -> None:
        self.reports.append(("step", label))

    def advance(self, label: str, done: int, total: int) -> None:
        self.reports.append(("advance", label, done, total))


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory) -> Path:
    """10,000 synthetic organisations: 1.7 MB of CSV, above the CLI's progress threshold."""
    folder = write(generate(10_000, seed=1), tmp_path_factory.mktemp("large") / "large")
    assert common.dataset_bytes(folder) >= common.PROGRESS_FROM_BYTES
    return folder


def test_read_dataset_reports_each_table_and_the_validation(tmp_path: Path) -> None:
    recorder = Recorder()
    read_dataset(write_tables(tmp_path / "ds", {}), progress=recorder)
    assert recorder.reports == [
        *[("advance", "reading tables", done, 5) for done in range(6)],
        ("step", "validating"),
    ]


def test_graph_builds_report_their_size(tmp_path: Path) -> None:
    dataset = read_dataset(write_tables(tmp_path / "ds", {}))
    recorder = Recorder()
    build_collaboration_graph(dataset, progress=recorder)
    build_funding_graph(dataset, progress=recorder)
    assert recorder.reports == [
        ("step", "collaboration graph: 4 participations"),
        ("step", "funding graph: 1 flows"),
    ]


def test_validate_shows_progress_for_a_large_dataset(runner, large_folder: Path) -> None:
    result = runner.invoke(main, ["validate", str(large_folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("valid: large: 10000 organisations")
    lines = result.stderr.splitlines()
    assert [line.split("] ", 1)[1] for line in lines] == ["reading tables: 5/5", "validating"]


def test_quiet_silences_progress(runner, large_folder: Path, monkeypatch) -> None:
    # without the dataset cache, which would build the graphs while it writes itself
    monkeypatch.setenv("GRAPHTOOL_NO_CACHE", "1")
    loud = runner.invoke(main, ["overview", str(large_folder), "--format", "json"])
    quiet = runner.invoke(main, ["--quiet", "overview", str(large_folder), "--format", "json"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "collaboration graph: " in loud.stderr
    assert "funding graph: " in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout == loud.stdout


def test_small_datasets_show_no_progress(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["overview", str(write_tables(tmp_path / "ds", {}))])
    assert result.exit_code == 0
    assert result.stderr == ""


def test_the_threshold_decides(runner, tmp_path: Path, monkeypatch) -> None:
    folder = write_tables(tmp_path / "ds", {})
    monkeypatch.setattr(common, "PROGRESS_FROM_BYTES", 1)
    result = runner.invoke(main, ["overview", str(folder)])
    assert result.exit_code == 0
    assert "reading tables: 5/5" in result.stderr


class Clock:
    """A clock the test moves by hand (progress reads ``time.perf_counter``)."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_held_steps_show_only_once_they_run_long(monkeypatch) -> None:
    import io

    from graphtool import progress as progress_module

    clock = Clock()
    monkeypatch.setattr(progress_module.time, "perf_counter", clock)
    stream = io.StringIO()
    reporter = progress_module.StderrProgress(stream, delay=2.0)
    reporter.step("quick step")
    clock.now += 0.5
    reporter.advance("quick step", 1, 1)
    reporter.step("long step")
    for done in range(1, 5):
        clock.now += 1.0
        reporter.advance("long step", done, 4)
    assert stream.getvalue().splitlines() == ["[   2.5s] long step", "[   4.5s] long step: 4/4"]


def test_a_held_step_without_progress_reports_shows_after_the_delay() -> None:
    import io
    import time

    from graphtool.progress import StderrProgress

    stream = io.StringIO()
    reporter = StderrProgress(stream, delay=0.2)
    reporter.step("laying out")
    deadline = time.monotonic() + 30
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stream.getvalue().endswith("] laying out\n")
    reporter.step("next")  # a new step cancels nothing already written, holds its own line
    assert stream.getvalue().count("\n") == 1


def test_a_long_step_shows_progress_on_a_small_dataset(runner, tmp_path: Path, monkeypatch):
    """Size in bytes does not predict a slow step: betweenness shows once it runs long."""
    import time

    import igraph

    from graphtool import progress as progress_module

    folder = write_tables(tmp_path / "ds", {})
    assert common.dataset_bytes(folder) < common.PROGRESS_FROM_BYTES
    monkeypatch.setattr(progress_module, "SHOW_AFTER_SECONDS", 1.0)
    searches = igraph.Graph.betweenness

    def slow(self, *args, **kwargs):
        time.sleep(0.6)
        return searches(self, *args, **kwargs)

    monkeypatch.setattr(igraph.Graph, "betweenness", slow)
    result = runner.invoke(main, ["overview", str(folder)])
    assert result.exit_code == 0, result.stderr
    shown = [line.split("] ", 1)[1] for line in result.stderr.splitlines()]
    assert "overview: betweenness" in shown
    assert shown[-1] == "betweenness: 3/3"
