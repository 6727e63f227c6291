"""query, queries: Cypher against the datasets in Neo4j, ad hoc or from the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TextIO

import click

from graphtool.cli.common import (
    connection_options,
    emit,
    example,
    format_option,
    open_store,
    warn,
)
from graphtool.cli.store import until_interrupted
from graphtool.errors import QueryError

DEFAULT_LIMIT = 1000
#: Seconds after which the server stops a query unless --timeout (or the variable) says otherwise.
DEFAULT_TIMEOUT = 120.0
TIMEOUT_VARIABLE = "GRAPHTOOL_QUERY_TIMEOUT"
_COUNTER_NAMES = {
    "nodes_created": "nodes created",
    "nodes_deleted": "nodes deleted",
    "relationships_created": "relationships created",
    "relationships_deleted": "relationships deleted",
    "properties_set": "properties set",
    "labels_added": "labels added",
    "labels_removed": "labels removed",
    "indexes_added": "indexes added",
    "indexes_removed": "indexes removed",
    "constraints_added": "constraints added",
    "constraints_removed": "constraints removed",
}


def _parameters(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict:
    from graphtool.store.queries import parse_parameter

    params: dict[str, Any] = {}
    for argument in values:
        try:
            key, value = parse_parameter(argument)
        except QueryError as exc:
            raise click.BadParameter(f"{exc.message} ({exc.hint})") from exc
        if key in params:
            raise click.BadParameter(f"${key} is given twice")
        params[key] = value
    return params


def query_options(func: Callable) -> Callable:
    """--param, --neo4j-dataset, --limit, --timeout, the connection options and --format."""
    options = [
        click.option(
            "--param",
            "-p",
            "params",
            multiple=True,
            metavar="KEY=VALUE",
            callback=_parameters,
            help="A $parameter, repeatable. key=value is typed: 2 and 0.5 are numbers, "
            "true/false/null as in Cypher, [..] and {..} JSON, 'text' text, anything else "
            "text. key:=JSON takes exactly that JSON (id:='\"007\"' for digits as text).",
        ),
        click.option(
            "--neo4j-dataset",
            "dataset",
            default=None,
            metavar="NAME",
            help="The dataset to query: sets $dataset.",
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=0),
            default=DEFAULT_LIMIT,
            show_default=True,
            help="Show at most this many rows (0: all); a note on stderr says when rows were cut.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0),
            default=DEFAULT_TIMEOUT,
            envvar=TIMEOUT_VARIABLE,
            show_default=True,
            metavar="SECONDS",
            callback=lambda ctx, param, value: value or None,
            help=f"Stop the query on the server after this many seconds (0: no limit) "
            f"[env {TIMEOUT_VARIABLE}].",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return format_option(connection_options(func))


def _with_dataset(params: dict[str, Any], dataset: str | None) -> dict[str, Any]:
    if dataset is None:
        return params
    if "dataset" in params:
        raise click.UsageError(
            "give the dataset once: --neo4j-dataset NAME or --param dataset=NAME"
        )
    return {**params, "dataset": dataset}


def _show(result: Any, fmt: str, limit: int) -> None:
    from graphtool.present.cypher import render_result

    if result.columns:  # a write without RETURN has no table to show
        emit(render_result(result.columns, result.rows, fmt))
    if result.truncated:
        warn(
            f"showing the first {limit} rows; the query returned more "
            "(give --limit N for more, --limit 0 for all)"
        )
    changes = [
        f"{n} {_COUNTER_NAMES.get(k, k.replace('_', ' '))}"
        for k, n in result.counters.items()
        if k != "system_updates"
    ]
    if changes:
        click.echo("changes: " + ", ".join(changes), err=True)


@click.command(
    epilog=example(
        'graphtool query "MATCH (o:Organisation {dataset: \\$dataset}) '
        'RETURN o.sector, count(*)" --neo4j-dataset lindenwaard',
        'graphtool query "MATCH p = (:Organisation {dataset: \\$dataset, id: \\$id})'
        '-[:FUNDS]->() RETURN p" --neo4j-dataset lindenwaard -p id=rijk-bzk --limit 5',
        "graphtool query --file my-query.cypher --neo4j-dataset lindenwaard -p year=2019 "
        "--format csv",
        "echo 'MATCH (n) RETURN count(n)' | graphtool query -",
    )
)
@click.argument("cypher", metavar="CYPHER", required=False)
@click.option(
    "--file",
    "-f",
    "file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the query from this file (- for stdin).",
)
@query_options
@click.option(
    "--write",
    is_flag=True,
    help="Allow the query to write; without it the query runs read-only and a write fails.",
)
def query(
    cypher: str | None,
    file: TextIO | None,
    params: dict[str, Any],
    dataset: str | None,
    limit: int,
    timeout: float | None,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
    fmt: str,
    write: bool,
) -> None:
    """Run the Cypher query CYPHER (or from --file, or - for stdin) against Neo4j.

    The query runs in a read transaction unless --write is given. Values go in
    as $parameters (--param, --neo4j-dataset), never into the text; every
    $parameter the query uses must be given, and every one given used.
    Nodes show as (:Label {id: .., name: ..}), relationships as
    [:TYPE {..}], paths as both.
    """
    from graphtool.store.queries import parameter_names, run_cypher

    if cypher is not None and file is None:
        text = sys.stdin.read() if cypher == "-" else cypher
    elif file is not None and cypher is None:
        text = file.read()
    else:
        raise click.UsageError("give the query as CYPHER, or --file F, or - to read stdin")
    if dataset is not None and "dataset" not in parameter_names(text):
        warn(
            "the query does not use $dataset, so --neo4j-dataset has no effect; "
            "match on {dataset: $dataset} to stay within one dataset"
        )
        dataset = None
    given = _with_dataset(params, dataset)

    def work() -> Any:
        with open_store(uri, user, password, database) as store:
            return run_cypher(store, text, given, write=write, timeout=timeout, limit=limit or None)

    _show(until_interrupted(work, lambda: _stopped(write)), fmt, limit)


def _stopped(write: bool) -> str:
    if write:
        return "the query was stopped; the server rolls its transaction back, so it changed nothing"
    return "the query was stopped"


@click.group(epilog=example("graphtool queries list", "graphtool queries show solo_actions"))
def queries() -> None:
    """The library of ready Cypher queries: list, show and run them."""


@queries.command(name="list", epilog=example("graphtool queries list --format md"))
@format_option
def list_command(fmt: str) -> None:
    """List the queries in the library with what each answers."""
    from graphtool.present.tables import render
    from graphtool.store.queries import list_queries, load_query

    rows = []
    for name in list_queries():
        q = load_query(name)
        rows.append(
            {
                "name": name,
                "description": first_sentence(q.description),
                "parameters": ", ".join(f"${p}" for p in q.parameters),
            }
        )
    emit(render(rows, fmt, ["name", "description", "parameters"]))


def first_sentence(text: str) -> str:
    """The description up to its first full stop (or colon), for one-line listings.

    >>> first_sentence("Solo actions: joint actions with one participant. More.")
    'Solo actions: joint actions with one participant.'
    """
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


@queries.command(epilog=example("graphtool queries show partners_within"))
@click.argument("name")
def show(name: str) -> None:
    """Show the query NAME: what it answers, its parameters and defaults, and its Cypher."""
    from graphtool.store.queries import load_query

    q = load_query(name)
    lines = [q.name, "", q.description, ""]
    if q.returns:
        lines += [f"Returns: {q.returns}", ""]
    lines.append("Parameters:")
    width = max((len(p) for p in q.parameters), default=0) + 1
    for parameter, meaning in q.parameters.items():
        if parameter == "dataset":
            meaning += " (--neo4j-dataset)"
        elif parameter not in q.defaults:
            meaning += " (required)"
        lines.append(f"  ${parameter.ljust(width)} {meaning}")
    if q.example:
        lines += ["", "Example:", *[f"  {line}" for line in q.example.splitlines()]]
    lines += ["", q.text, ""]
    emit("\n".join(lines))


@queries.command(epilog=example("graphtool queries style > graphtool.grass"))
def style() -> None:
    """Print the Neo4j Browser style file (.grass) for graphtool's graph.

    Drag the saved file onto Neo4j Browser (or paste it after :style) to
    colour organisations, joint actions, neighbourhoods and money flows.
    """
    from graphtool.store.queries import browser_style

    emit(browser_style())


@queries.command(
    epilog=example(
        "graphtool queries run solo_actions --neo4j-dataset lindenwaard",
        "graphtool queries run partners_within --neo4j-dataset lindenwaard "
        "-p organisation=wc-woongoed -p steps=3",
    )
)
@click.argument("name")
@query_options
def run(
    name: str,
    params: dict[str, Any],
    dataset: str | None,
    limit: int,
    timeout: float | None,
    uri: str,
    user: str,
    password: str | None,
    database: str | None,
    fmt: str,
) -> None:
    """Run the library query NAME (read-only); parameters not given take their defaults."""
    from graphtool.store.queries import load_query, run_named

    given = _with_dataset(params, dataset)
    load_query(name).arguments(given)  # a wrong name or parameter fails before connecting

    def work() -> Any:
        with open_store(uri, user, password, database) as store:
            return run_named(store, name, given, timeout=timeout, limit=limit or None)

    _show(until_interrupted(work, lambda: _stopped(False)), fmt, limit)


COMMANDS = [query, queries]
