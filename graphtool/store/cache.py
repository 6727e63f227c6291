"""The dataset cache: a validated dataset and its graphs, kept between commands.

Reading and validating a large dataset costs far more than every analysis
after it (19.5 s of 1,000,000 organisations' files before anything is
computed), and each command used to pay it again. The cache keeps, per
dataset, the validated tables as Parquet files, the collaboration and
funding graphs as sparse ``.npz`` matrices and the dataset's fingerprint, so
a second command on the same data skips reading, validation, the graph
builds and the fingerprint.

An entry is keyed by a BLAKE2 digest of graphtool's version, the cache
format, the dataset's name and the name, size and every byte of each file
the dataset is read from; changing one value of one file, or upgrading
graphtool, makes a new key, so a stale entry is never used (old entries
stay until ``graphtool cache clear``). Entries are written to a temporary
folder and renamed into place, so a reader sees a whole entry or none.

The folder is ``$GRAPHTOOL_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/graphtool/datasets``, else ``~/.cache/graphtool/datasets``.
Datasets smaller than :data:`CACHE_FROM_BYTES` are read directly (reading
them is as fast as the cache). ``graphtool --no-cache`` or
``GRAPHTOOL_NO_CACHE=1`` bypasses the cache; nothing is read from it or
written to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import scipy.sparse as sp

from graphtool import __version__
from graphtool.graphs import (
    CollaborationGraph,
    FundingGraph,
    build_collaboration_graph,
    build_funding_graph,
)
from graphtool.ingest.limits import DEFAULT_LIMITS, Limits
from graphtool.model import TABLES, Dataset
from graphtool.progress import SILENT, Progress

#: Bump when the layout of an entry changes.
FORMAT = 1
#: Datasets of fewer bytes than this are read from their files every time.
CACHE_FROM_BYTES = 1_000_000
_READ_CHUNK = 1 << 20


def cache_folder() -> Path:
    """The folder holding the cache entries (see the module documentation)."""
    explicit = os.environ.get("GRAPHTOOL_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "graphtool" / "datasets"


def cache_disabled() -> bool:
    """True when ``GRAPHTOOL_NO_CACHE`` is set to anything but ``0`` or empty."""
    return os.environ.get("GRAPHTOOL_NO_CACHE", "") not in ("", "0")


def source_files(path: Path) -> list[Path]:
    """The files a dataset at ``path`` is read from: the workbook, or the folder's tables."""
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xlsx")
    )


def source_key(path: Path, name: str) -> str:
    """The cache key of the dataset ``name`` read from ``path``: a digest of every byte of it."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"graphtool {__version__} cache {FORMAT} dataset {name}\n".encode())
    for file in source_files(path):
        digest.update(f"{file.name}\0{file.stat().st_size}\0".encode())
        with file.open("rb") as handle:
            while chunk := handle.read(_READ_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


def _entries() -> Iterator[Path]:
    folder = cache_folder()
    if folder.is_dir():
        yield from (p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def cache_summary() -> dict[str, Any]:
    """``folder``, ``entries`` and ``bytes`` of the cache, and each entry's dataset and size."""
    rows = []
    for entry in sorted(_entries()):
        meta = _read_meta(entry)
        size = sum(f.stat().st_size for f in entry.iterdir() if f.is_file())
        rows.append({"key": entry.name, "dataset": (meta or {}).get("name", "?"), "bytes": size})
    return {
        "folder": str(cache_folder()),
        "entries": len(rows),
        "bytes": sum(r["bytes"] for r in rows),
        "datasets": rows,
    }


def clear_cache() -> dict[str, Any]:
    """Remove every entry (and any half-written one); returns what was removed."""
    summary = cache_summary()
    folder = cache_folder()
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
    return summary


def _read_meta(entry: Path) -> dict[str, Any] | None:
    try:
        return json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def load_entry(key: str) -> Dataset | None:
    """The cached dataset of ``key`` with its graphs and fingerprint attached, or None."""
    entry = cache_folder() / key
    meta = _read_meta(entry)
    if meta is None or meta.get("format") != FORMAT or meta.get("graphtool") != __version__:
        return None
    try:
        tables = {}
        for table in TABLES:
            frame = pd.read_parquet(entry / f"{table}.parquet")
            # Parquet gives pandas' string dtype back: graphtool's tables hold objects
            for column in meta["object_columns"][table]:
                frame[column] = frame[column].astype(object)
            tables[table] = frame[meta["columns"][table]]
        dataset = Dataset(
            name=meta["name"], warnings=tuple(meta["warnings"]), year=meta["year"], **tables
        )
        ids = dataset.organisations["id"].to_numpy(dtype=object)
        actions = dataset.joint_actions["id"].to_numpy(dtype=object)
        dataset.derived["collaboration_graph"] = CollaborationGraph(
            ids,
            actions,
            sp.load_npz(entry / "incidence.npz").tocsr(),
            sp.load_npz(entry / "weights.npz").tocsr(),
        )
        dataset.derived["funding_graph"] = FundingGraph(
            ids, sp.load_npz(entry / "amounts.npz").tocsr()
        )
        dataset.derived["fingerprint"] = meta["fingerprint"]
    except (OSError, ValueError, KeyError):
        # a damaged entry is a cache miss; it is replaced by the next write
        return None
    return dataset


def save_entry(
    key: str, dataset: Dataset, fingerprint: str, *, progress: Progress = SILENT
) -> None:
    """Write ``dataset``, its graphs and ``fingerprint`` under ``key`` (atomically; best effort).

    A cache that cannot be written (read-only home, full disk) costs speed,
    never a result: the failure is swallowed and the command goes on.
    """
    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".writing-", dir=folder))
    except OSError:
        return
    try:
        for table, frame in dataset.tables().items():
            frame.reset_index(drop=True).to_parquet(staging / f"{table}.parquet", index=False)
        collaboration = build_collaboration_graph(dataset, progress=progress)
        sp.save_npz(staging / "incidence.npz", collaboration.incidence)
        sp.save_npz(staging / "weights.npz", collaboration.weights)
        funding = build_funding_graph(dataset, progress=progress)
        sp.save_npz(staging / "amounts.npz", funding.amounts)
        meta = {
            "format": FORMAT,
            "graphtool": __version__,
            "name": dataset.name,
            "year": dataset.year,
            "warnings": list(dataset.warnings),
            "fingerprint": fingerprint,
            "columns": {t: list(f.columns) for t, f in dataset.tables().items()},
            "object_columns": {
                t: [c for c in f.columns if f[c].dtype == object]
                for t, f in dataset.tables().items()
            },
        }
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        target = folder / key
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    except (OSError, ValueError, ImportError):
        shutil.rmtree(staging, ignore_errors=True)


def read_dataset_cached(
    path: str | Path,
    name: str | None = None,
    *,
    progress: Progress = SILENT,
    use_cache: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Dataset:
    """:func:`graphtool.ingest.read_dataset` through the cache.

    The dataset is read from its files when the cache is off, the dataset is
    small (under :data:`CACHE_FROM_BYTES`) or it has no entry yet; in the
    last case the entry is written for the next command. Errors are those of
    ``read_dataset``: an invalid dataset is never cached.
    """
    from graphtool.ingest import read_dataset

    path = Path(path)
    dataset_name = name or (path.stem if path.is_file() else path.resolve().name)
    # a FIFO or device (refused by read_dataset) is neither a file nor a folder
    if not use_cache or cache_disabled() or not (path.is_file() or path.is_dir()):
        return read_dataset(path, name, progress=progress, limits=limits)
    size = sum(f.stat().st_size for f in source_files(path))
    if size < CACHE_FROM_BYTES:
        return read_dataset(path, name, progress=progress, limits=limits)
    progress.step("checking the dataset cache")
    key = source_key(path, dataset_name)
    cached = load_entry(key)
    if cached is not None:
        progress.step(f"read from the cache ({cache_folder() / key})")
        return cached
    dataset = read_dataset(path, name, progress=progress, limits=limits)
    progress.step("writing the dataset cache")
    save_entry(key, dataset, dataset.fingerprint(), progress=progress)
    return dataset
