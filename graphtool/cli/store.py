"""load, datasets, drop: a dataset in Neo4j."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

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

T = TypeVar("T")
#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130


def until_interrupted(work: Callable[[], T], interrupted: Callable[[], str]) -> T:
    """Run ``work`` (which talks to Neo4j) so that Ctrl-C stops the command within a second.

    The driver waits on its socket, and on an interrupt it tries to end the
    transaction politely, which waits for the server's running query. So the
    work runs in a thread of its own; on Ctrl-C the command prints one line
    (``interrupted()``) and exits with code 130 at once. The closed
    connection makes the server roll the open transaction back: a query
    writes nothing, and a load leaves its staged version, which no reader
    sees and the next load or drop of the name deletes. A load whose switch
    takes two transactions (very large datasets) is let finish the switch
    first, so the name never stays hidden.
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # handed to the main thread as is
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="graphtool-neo4j", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.05)
    except KeyboardInterrupt:
        sys.stdout.flush()
        click.echo(f"interrupted: {interrupted()}", err=True)
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)  # no clean-up that waits for the server
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


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

    try:
        dataset = read_dataset(path)
    except KeyboardInterrupt:
        click.echo("interrupted: nothing was loaded", err=True)
        sys.exit(EXIT_INTERRUPTED)
    for message in dataset.warnings:
        warn(message)
    store = open_store(uri, user, password, database)
    target = name if name is not None else dataset.name
    reporter = progress()  # here: the worker thread has no click context (--quiet)

    def work() -> dict[str, Any]:
        with store:
            return store.load(dataset, name=name, progress=reporter)

    def interrupted() -> str:
        if store.switch_state == "switching":
            store.wait_for_switch()
        if store.switch_state in ("switched", "switching"):
            return (
                f"the load of {target!r} was stopped after its switch: readers see the new "
                "version; the previous one is deleted by the next load or drop"
            )
        return (
            f"the load of {target!r} was stopped before its switch: readers still see the "
            "previous version; the next load or drop deletes what was staged"
        )

    result = until_interrupted(work, interrupted)
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
