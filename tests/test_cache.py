"""The dataset cache: a second read equals the first, and a changed file is never served stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from graphtool.cli import main
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.ingest import read_dataset
from graphtool.store import cache
from tests.conftest import SAMPLE_DATA


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch) -> Path:
    """An empty cache folder, and every dataset large enough to be cached."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRAPHTOOL_CACHE_DIR", str(folder))
    monkeypatch.delenv("GRAPHTOOL_NO_CACHE", raising=False)
    monkeypatch.setattr(cache, "CACHE_FROM_BYTES", 0)
    return folder


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SAMPLE_DATA / "lindenwaard", tmp_path / "lindenwaard"))


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.exists() else []


def test_a_cached_dataset_equals_the_one_read_from_files(cache_dir: Path, sample: Path) -> None:
    direct = read_dataset(sample)
    first = cache.read_dataset_cached(sample)
    assert len(entries(cache_dir)) == 1
    second = cache.read_dataset_cached(sample)
    assert "collaboration_graph" in second.derived  # it came from the cache
    assert second.name == direct.name and second.year == direct.year
    assert second.warnings == direct.warnings
    for table, frame in direct.tables().items():
        pd.testing.assert_frame_equal(second.tables()[table], frame, check_exact=True)
        pd.testing.assert_frame_equal(first.tables()[table], frame, check_exact=True)
    assert second.fingerprint() == direct.fingerprint()
    built = build_collaboration_graph(direct)
    cached = build_collaboration_graph(second)
    assert (cached.weights != built.weights).nnz == 0
    assert (cached.incidence != built.incidence).nnz == 0
    assert list(cached.ids) == list(built.ids)
    assert (build_funding_graph(second).amounts != build_funding_graph(direct).amounts).nnz == 0


def test_a_changed_value_makes_a_new_entry(cache_dir: Path, sample: Path) -> None:
    cache.read_dataset_cached(sample)
    orgs = sample / "organisations.csv"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("Woongoed", "Woonvast"), "utf-8")
    again = cache.read_dataset_cached(sample)
    assert len(entries(cache_dir)) == 2
    assert again.organisations["name"].str.contains("Woonvast").any()
    assert not again.organisations["name"].str.contains("Woongoed").any()


def test_no_cache_neither_reads_nor_writes(cache_dir: Path, sample: Path, monkeypatch) -> None:
    cache.read_dataset_cached(sample, use_cache=False)
    assert entries(cache_dir) == []
    monkeypatch.setenv("GRAPHTOOL_NO_CACHE", "1")
    cache.read_dataset_cached(sample)
    assert entries(cache_dir) == []


def test_small_datasets_are_read_from_their_files(cache_dir: Path, sample: Path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_FROM_BYTES", 10_000_000)
    cache.read_dataset_cached(sample)
    assert entries(cache_dir) == []


def test_a_damaged_entry_is_a_miss_and_is_replaced(cache_dir: Path, sample: Path) -> None:
    cache.read_dataset_cached(sample)
    (entry,) = entries(cache_dir)
    (entry / "weights.npz").write_bytes(b"not a matrix")
    dataset = cache.read_dataset_cached(sample)
    pd.testing.assert_frame_equal(dataset.organisations, read_dataset(sample).organisations)
    assert cache.load_entry(entry.name) is not None  # rewritten whole


def test_an_entry_of_another_version_is_not_used(cache_dir: Path, sample: Path) -> None:
    cache.read_dataset_cached(sample)
    (entry,) = entries(cache_dir)
    meta = json.loads((entry / "meta.json").read_text())
    meta["graphtool"] = "0.0.0-old"
    (entry / "meta.json").write_text(json.dumps(meta))
    assert cache.load_entry(entry.name) is None


def test_an_unwritable_cache_costs_speed_not_the_result(tmp_path, sample, monkeypatch) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("GRAPHTOOL_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(cache, "CACHE_FROM_BYTES", 0)
    dataset = cache.read_dataset_cached(sample)
    assert len(dataset.organisations) == len(read_dataset(sample).organisations)


def test_an_invalid_dataset_is_never_cached(cache_dir: Path, sample: Path) -> None:
    from graphtool.errors import DatasetError

    (sample / "participations.csv").write_text("action_id,organisation_id\nnope,nobody\n")
    with pytest.raises(DatasetError):
        cache.read_dataset_cached(sample)
    assert entries(cache_dir) == []


def test_commands_give_the_same_output_from_the_cache(runner, cache_dir, sample) -> None:
    args = ["territorial-drive", str(sample), "--all", "--format", "json"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.stderr
    assert len(entries(cache_dir)) == 1
    second = runner.invoke(main, args)
    assert second.exit_code == 0, second.stderr
    assert second.stdout == first.stdout
    bypass = runner.invoke(main, ["--no-cache", *args])
    assert bypass.stdout == first.stdout


def test_cache_info_and_clear(runner, cache_dir: Path, sample: Path) -> None:
    cache.read_dataset_cached(sample)
    info = runner.invoke(main, ["cache", "info"])
    assert info.exit_code == 0
    assert info.stdout.startswith(f"{cache_dir}: 1 entries, ")
    assert "  lindenwaard  " in info.stdout
    cleared = runner.invoke(main, ["cache", "clear"])
    assert cleared.exit_code == 0
    assert cleared.stdout.startswith("removed 1 entries (")
    assert entries(cache_dir) == []
