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
from graphtool.ingest.importers.currencies import RateTable, read_rates
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
    strict: bool = False,
    rates: str | Path | RateTable | None = None,
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
    strict
        All or nothing: refuse the import when any value cannot be read. By
        default such rows are left out and reported (``skipped`` and
        ``unreadable`` in the report, :attr:`ImportResult.warnings`).
    rates
        A dated exchange-rate table (a CSV path or a read
        :class:`~graphtool.ingest.importers.currencies.RateTable`) to convert
        every amount into one currency; without one, each flow keeps its
        currency and totals are per currency.

    Returns
    -------
    ImportResult
        ``tables`` (organisations, joint_actions, participations, funding),
        ``report`` (sections: import, skipped, unreadable, values, merged
        names, types, type explanations, notes) and ``warnings``.

    Raises
    ------
    ImportSourceError
        Unknown kind, unreadable file, missing column; unreadable values with ``strict``.
    ConfigError
        A missing or invalid mapping or rate table.

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
            + "; or write one (graphtool help importers)",
        )
    if isinstance(rates, (str, Path)):
        rates = read_rates(rates)
    return IMPORTERS[kind](
        [Path(f) for f in files], mapping or {}, progress=progress, strict=strict, rates=rates
    )
