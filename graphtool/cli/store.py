"""load, datasets, drop: a dataset in Neo4j."""

from __future__ import annotations

from pathlib import Path

import click

from graphtool.cli.common import (
    connection_options,
    emit,
    example,
    format_option,
    open_store,
    progress,
    warn,
)


@click.command(
    epilog=example(
        "graphtool load sample_data/lindenwaard",
        "NEO4J_URI=bolt://localhost:7687 graphtool load data/2024 --name lindenwaard-2024",
    )
)
@click.argument("path", metavar="DATASET", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Name in Neo4j (default: the folder or workbook name).")
@connection_options
def load(
    path: Path, name: str | None, uri: str, user: str, password: str | None, database: str | None
) -> None:
    """Validate DATASET and load it into Neo4j, replacing the dataset of that name as a whole.

    Readers see the previous version until the new one is complete; a failed
    or interrupted load leaves the previous version in place.
    """
    from graphtool.ingest import read_dataset

    dataset = read_dataset(path)
    for message in dataset.warnings:
        warn(message)
    with open_store(uri, user, password, database) as store:
        result = store.load(dataset, name=name, progress=progress())
    emit(
        f"loaded {result['name']!r}: {result['organisations']} organisations, "
        f"{result['joint_actions']} joint actions, {result['participations']} participations, "
        f"{result['funding']} funding flows, {result['neighbourhoods']} neighbourhoods\n"
    )


@click.command(epilog=example("graphtool datasets", "graphtool datasets --format json"))
@connection_options
@format_option
def datasets(uri: str, user: str, password: str | None, database: str | None, fmt: str) -> None:
    """List the datasets in the Neo4j database with their counts."""
    from graphtool.present.tables import render

    with open_store(uri, user, password, database) as store:
        rows = store.datasets()
    columns = [
        "name",
        "organisations",
        "joint_actions",
        "participations",
        "funding",
        "neighbourhoods",
        "loaded",
    ]
    emit(render(rows, fmt, columns))


@click.command(epilog=example("graphtool drop lindenwaard-2024"))
@click.argument("name")
@connection_options
def drop(name: str, uri: str, user: str, password: str | None, database: str | None) -> None:
    """Remove the dataset NAME from the Neo4j database."""
    with open_store(uri, user, password, database) as store:
        store.drop(name, progress=progress())
    emit(f"dropped {name!r}\n")


COMMANDS = [load, datasets, drop]
