"""validate and overview."""

from __future__ import annotations

from pathlib import Path

import click

from graphtool.cli.common import (
    dataset_limits,
    emit,
    example,
    format_option,
    group_by_option,
    limit_options,
    note_dataset_size,
    progress,
    source_options,
    top_option,
    warn,
    year_option,
)
from graphtool.model import Dataset


@click.command(epilog=example("graphtool validate sample_data/lindenwaard"))
@click.argument("path", metavar="DATASET", type=click.Path(path_type=Path))
@limit_options
def validate(path: Path) -> None:
    """Check a dataset (a folder of CSV files or an .xlsx workbook) against the format.

    Prints a one-line summary and exits 0 when it is valid; otherwise lists every
    problem on stderr (file, line, column, value, code) and exits 1.
    """
    from graphtool.ingest import read_dataset

    note_dataset_size(path)
    dataset = read_dataset(path, progress=progress(), limits=dataset_limits())
    for message in dataset.warnings:
        warn(message)
    emit(f"valid: {dataset.summary()}\n")


@click.command(
    epilog=example(
        "graphtool overview sample_data/lindenwaard",
        "graphtool overview sample_data/lindenwaard --year 2016 --format md",
    )
)
@source_options
@year_option
@group_by_option
@top_option(10, "How many central organisations.", minimum=0)
@format_option
def overview(dataset: Dataset, year: int | None, group_by: str, top: int, fmt: str) -> None:
    """Counts by type and group, density, components, central organisations, money by group."""
    from graphtool.analyses.overview import overview as compute
    from graphtool.present.tables import render_sections

    result = compute(dataset.for_year(year), group_by=group_by, top=top, progress=progress())
    emit(render_sections(result, fmt))


COMMANDS = [validate, overview]
