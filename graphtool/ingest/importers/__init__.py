"""Importers: datasets made from the sources users already have.

Each source kind has its module (``three_sixty_giving``, ``subsidy_register``,
``cordis``); :mod:`~graphtool.ingest.importers.normalise` holds the rules for
messy values they share, :mod:`~graphtool.ingest.importers.builder` the
merging and the report, and :func:`write_dataset` writes the result
atomically. :func:`import_source` is the one entry point.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graphtool.errors import ConfigError, ImportSourceError
from graphtool.ingest.importers.builder import ImportResult
from graphtool.ingest.importers.cordis import import_cordis
from graphtool.ingest.importers.mappings import load_mapping, shipped_mappings
from graphtool.ingest.importers.subsidy_register import import_subsidy_register
from graphtool.ingest.importers.three_sixty_giving import import_360giving
from graphtool.ingest.importers.write import REPORT_FILE, write_dataset
from graphtool.progress import SILENT, Progress

#: Source kind -> importer function.
IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    "360giving": import_360giving,
    "subsidy-register": import_subsidy_register,
    "cordis": import_cordis,
}

__all__ = [
    "IMPORTERS",
    "REPORT_FILE",
    "ImportResult",
    "import_source",
    "load_mapping",
    "shipped_mappings",
    "write_dataset",
]


def import_source(
    kind: str,
    files: Sequence[str | Path],
    *,
    mapping: str | Path | dict[str, Any] | None = None,
    progress: Progress = SILENT,
) -> ImportResult:
    """Read source ``files`` of the given ``kind`` into dataset tables and a report.

    Parameters
    ----------
    kind
        ``360giving``, ``subsidy-register`` or ``cordis``.
    files
        The source files.
    mapping
        A mapping: a shipped name (``amsterdam``), a TOML path, or an
        already-read dict. Required for ``subsidy-register``.
    progress
        Reports reading progress.

    Returns
    -------
    ImportResult
        ``tables`` (organisations, joint_actions, participations, funding)
        and ``report`` (sections: import, skipped, values, merged names,
        types, notes).

    Raises
    ------
    ImportSourceError
        Unknown kind, unreadable file, missing column, unreadable values.
    ConfigError
        A missing or invalid mapping.

    Examples
    --------
    >>> result = import_source("cordis", ["cordis.csv"])  # doctest: +SKIP
    >>> write_dataset(result, "datasets/swafs")  # doctest: +SKIP
    """
    if kind not in IMPORTERS:
        raise ImportSourceError(
            f"unknown source kind {kind!r}", hint="source kinds: " + ", ".join(IMPORTERS)
        )
    if not files:
        raise ImportSourceError(f"{kind}: no source files given")
    if isinstance(mapping, (str, Path)):
        mapping = load_mapping(mapping, kind)
    if kind == "subsidy-register" and not mapping:
        raise ConfigError(
            "subsidy-register needs --mapping: the register's columns differ per source",
            hint="shipped mappings: "
            + ", ".join(shipped_mappings())
            + "; or write one (docs/importers.md)",
        )
    return IMPORTERS[kind]([Path(f) for f in files], mapping or {}, progress=progress)
