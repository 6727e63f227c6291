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
    EXIT_INTERRUPTED,
    connection_options,
    dataset_limits,
    emit,
    example,
    format_option,
    limit_options,
    open_store,
    progress,
    warn,
)

T = TypeVar("T")


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


def analysis_results(dataset: Any, per_organisation: int, top: int) -> Any:
    """The results ``load --analyses`` stores, with what a citation needs."""
    import json

    from graphtool import __version__
    from graphtool.analyses.graph_results import graph_results
    from graphtool.present.reasons import Labels, reason_texts
    from graphtool.store.neo4j.results import AnalysisResults

    organisations, suggestions, configuration = graph_results(
        dataset, per_organisation=per_organisation, top=top
    )
    # the graph holds the English sentences beside the codes: what Browser and Bloom show
    labels = Labels(dataset)
    organisations["territorial_drive_reasons"] = [
        reason_texts(records, labels) for records in organisations["territorial_drive_reasons"]
    ]
    if "reasons" in suggestions:
        suggestions["reasons"] = [reason_texts(r, labels) for r in suggestions["reasons"]]
    run = {
        "graphtoolVersion": __version__,
        "configuration": json.dumps(configuration, sort_keys=True),
        "fingerprint": dataset.fingerprint(),
        "organisations": len(organisations),
        "suggestedLinks": len(suggestions),
    }
    return AnalysisResults(organisations, suggestions, run)


@click.command(
    epilog=example(
        "graphtool load sample_data/lindenwaard",
        "graphtool load sample_data/lindenwaard --analyses",
        "NEO4J_URI=bolt://localhost:7687 graphtool load data/2024 --name lindenwaard-2024",
    )
)
@click.argument("path", metavar="DATASET", type=click.Path(path_type=Path))
@click.option("--name", default=None, help="Name in Neo4j (default: the folder or workbook name).")
@click.option(
    "--analyses",
    is_flag=True,
    help="Also store the analysis results in the same version: territorial drive, brokerage "
    "roles, community and betweenness on each organisation, SUGGESTED_LINK relationships and "
    "an AnalysisRun node.",
)
@click.option(
    "--suggestions-per-organisation",
    "per_organisation",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="With --analyses: each organisation's best suggestions.",
)
@click.option(
    "--suggestions",
    "top",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="With --analyses: the best suggestions overall.",
)
@connection_options
@limit_options
def load(
    path: Path,
    name: str | None,
    analyses: bool,
    per_organisation: int,
    top: int,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
) -> None:
    """Validate DATASET and load it into Neo4j, replacing the dataset of that name as a whole.

    Readers see the previous version until the new one is complete; a failed
    or interrupted load leaves the previous version in place. With
    --analyses the results go into the same version, so a reader sees data
    and results of one version together.
    """
    from graphtool.ingest import read_dataset

    try:
        dataset = read_dataset(path, limits=dataset_limits())
    except KeyboardInterrupt:
        click.echo("interrupted: nothing was loaded", err=True)
        sys.exit(EXIT_INTERRUPTED)
    for message in dataset.warnings:
        warn(message)
    results = analysis_results(dataset, per_organisation, top) if analyses else None
    store = open_store(uri, user, password, database)
    target = name if name is not None else dataset.name
    reporter = progress()  # here: the worker thread has no click context (--quiet)

    def work() -> dict[str, Any]:
        with store:
            return store.load(dataset, name=name, progress=reporter, results=results)

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


@click.command(
    epilog=example(
        "graphtool analyse --neo4j lindenwaard",
        "graphtool analyse --neo4j lindenwaard --write",
    )
)
@click.option(
    "--neo4j", "neo4j_name", required=True, metavar="NAME", help="The dataset in Neo4j to analyse."
)
@click.option(
    "--write",
    is_flag=True,
    help="Store the results in Neo4j (a new version of the dataset: data and results).",
)
@click.option(
    "--suggestions-per-organisation",
    "per_organisation",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Each organisation's best suggestions.",
)
@click.option(
    "--suggestions",
    "top",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="The best suggestions overall.",
)
@connection_options
def analyse(
    neo4j_name: str,
    write: bool,
    per_organisation: int,
    top: int,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
) -> None:
    """Compute the analysis results of the dataset NAME in Neo4j; with --write, store them.

    The results go in as a new version of the dataset holding its data and
    the results together (as `load --analyses` does), so readers never see
    results of one version on the data of another.
    """
    store = open_store(uri, user, password, database)
    with store:
        dataset = store.read_dataset(neo4j_name)
    results = analysis_results(dataset, per_organisation, top)
    flagged = int(results.organisations["territorial_drive_flagged"].sum())
    summary = (
        f"{len(results.organisations)} organisations with results ({flagged} flagged), "
        f"{len(results.suggestions)} suggested links"
    )
    if not write:
        emit(f"{neo4j_name!r}: {summary}; give --write to store them in Neo4j\n")
        return

    reporter = progress()  # here: the worker thread has no click context (--quiet)

    def work() -> dict[str, Any]:
        with store:
            return store.load(dataset, name=neo4j_name, progress=reporter, results=results)

    until_interrupted(work, lambda: f"the results of {neo4j_name!r} were not stored")
    emit(f"stored in {neo4j_name!r}: {summary}\n")


COMMANDS = [load, datasets, drop, analyse]
