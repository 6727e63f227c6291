"""What the commands share: error handling, the dataset source options, output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graphtool.errors import EXIT_ERROR, AnalysisError, GraphtoolError
from graphtool.i18n import DEFAULT_LANGUAGE, LANGUAGES
from graphtool.ingest.limits import DEFAULT_LIMITS, Limits
from graphtool.model import Dataset
from graphtool.present.tables import FORMATS, NEUTRALISE_FORMULAS
from graphtool.progress import Progress, stderr_progress

if TYPE_CHECKING:
    from graphtool.store.neo4j import Neo4jStore


#: The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells use.
EXIT_INTERRUPTED = 130
#: Where to report an unexpected error.
REPORT_TO = "the graphtool issue tracker"


class GraphtoolGroup(click.Group):
    """A group that turns every failure into one message on stderr and an exit code.

    - :class:`GraphtoolError` (bad input, a refused query, ...): its message, exit 1;
    - Ctrl-C: ``interrupted``, exit 130 (the writers leave no half-written file);
    - anything else is a bug: one line saying so, "please report this" and the
      path of a file holding the traceback; exit 1. No traceback on the terminal.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphtoolError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:  # `graphtool ... | head`: the reader left; say nothing
            _silence_stdout()
            ctx.exit(EXIT_ERROR)
        except Exception as exc:
            saved = save_traceback(exc)
            where = f"the traceback is in {saved}" if saved else "no traceback file could be saved"
            first = (str(exc).splitlines() or [""])[0][:200]
            click.echo(
                f"error: unexpected {type(exc).__name__}: {first} (a bug in graphtool); "
                f"please report this to {REPORT_TO}; {where}",
                err=True,
            )
            ctx.exit(EXIT_ERROR)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit flush raises no second BrokenPipeError."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def save_traceback(exc: BaseException) -> Path | None:
    """Write the traceback of ``exc`` with the version and the command line to a new file.

    The file goes to ``$GRAPHTOOL_CRASH_DIR``, else the user's cache folder
    (``$XDG_CACHE_HOME/graphtool`` or ``~/.cache/graphtool``), else the
    temporary folder; it is created exclusively (never over another file).
    Option values that may be secrets (``--password``) are left out.
    """
    import platform
    import tempfile
    import traceback

    from graphtool import __version__

    args = list(sys.argv)
    for i, arg in enumerate(args):
        if i and args[i - 1] == "--password":
            args[i] = "***"
        elif arg.startswith("--password="):
            args[i] = "--password=***"
    text = (
        f"graphtool {__version__}, Python {platform.python_version()}, {platform.platform()}\n"
        f"command: {' '.join(args)}\n\n" + "".join(traceback.format_exception(exc))
    )
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folders = [os.environ.get("GRAPHTOOL_CRASH_DIR"), os.path.join(cache, "graphtool")]
    for folder in [f for f in folders if f] + [tempfile.gettempdir()]:
        try:
            os.makedirs(folder, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix="crash-", suffix=".txt", dir=folder)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            return Path(name)
        except OSError:
            continue
    return None


def example(*lines: str) -> str:
    """An epilog that click prints as is: 'Example:' and the command lines."""
    return "\b\nExample:\n" + "\n".join(f"  {line}" for line in lines)


#: Progress is shown for datasets of at least this many bytes on disk (about 5,000
#: organisations); smaller ones are done before anyone could read a bar.
PROGRESS_FROM_BYTES = 1_000_000
#: The same for a dataset read back from Neo4j, in participations.
PROGRESS_FROM_PARTICIPATIONS = 10_000


def _setting(key: str) -> Any:
    """A value the group or an earlier step of this command stored on the context."""
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and key in ctx.obj:
            return ctx.obj[key]
        ctx = ctx.parent
    return None


def quiet() -> bool:
    return bool(_setting("quiet"))


def note_dataset_size(path: Path) -> None:
    """Decide from the size of the dataset at ``path`` whether this command shows progress."""
    _note_small(dataset_bytes(path) < PROGRESS_FROM_BYTES)


def _note_small(small: bool) -> None:
    """Record whether this command's dataset is too small for progress to be worth showing."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        root = ctx.find_root()
        root.ensure_object(dict)
        root.obj["small_dataset"] = small


def dataset_bytes(path: Path) -> int:
    """The size on disk of a dataset folder's files (or of a workbook)."""
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(f.stat().st_size for f in path.glob("*.csv") if f.is_file())
    return 0


def warn(message: str) -> None:
    """A diagnostic on stderr, unless --quiet."""
    if not quiet():
        click.echo(f"warning: {message}", err=True)


def format_option(func: Callable) -> Callable:
    """--format table|csv|json|md, and --raw (CSV values as they are)."""
    return raw_option(
        click.option(
            "--format",
            "fmt",
            type=click.Choice(FORMATS),
            default="table",
            show_default=True,
            help="Output format.",
        )(func)
    )


def raw_option(func: Callable) -> Callable:
    """--raw: CSV cells starting with = + - @ (a formula to a spreadsheet) are written as they
    are; by default they get a leading ' (present/tables.py, ``neutralise``)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            token = NEUTRALISE_FORMULAS.set(False)
            ctx.call_on_close(lambda: NEUTRALISE_FORMULAS.reset(token))

    return click.option(
        "--raw",
        is_flag=True,
        expose_value=False,
        callback=remember,
        help="CSV: write values that start with = + - @ as they are, without the leading ' "
        "that keeps a spreadsheet from running them as formulas.",
    )(func)


def year_option(func: Callable) -> Callable:
    return click.option(
        "--year", type=int, default=None, help="Only actions active in this year and its flows."
    )(func)


def top_option(default: int, help: str, *, minimum: int = 1) -> Callable[[Callable], Callable]:
    """--top N (at least ``minimum``, so a bad count exits 2); ``help`` says what it counts."""
    return click.option(
        "--top",
        type=click.IntRange(min=minimum),
        default=default,
        show_default=True,
        help=help,
    )


def seed_option(help: str) -> Callable[[Callable], Callable]:
    """--seed N (0 or more); ``help`` says what it seeds."""
    return click.option(
        "--seed", type=click.IntRange(min=0), default=0, show_default=True, help=help
    )


def group_by_option(func: Callable) -> Callable:
    return click.option(
        "--group-by",
        default="sector",
        show_default=True,
        help="Organisations column that defines groups (e.g. sector, type).",
    )(func)


def lang_option(help: str = "Language of the texts.") -> Callable[[Callable], Callable]:
    """--lang en|nl; ``help`` says what it translates."""
    return click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        show_default=True,
        help=help,
    )


def _configuration(ctx: click.Context, param: click.Parameter, value: Path | None) -> Any:
    from graphtool.analyses.configuration import load_configuration

    return load_configuration(value)


def config_option(help: str) -> Callable[[Callable], Callable]:
    """--config FILE (a TOML file), passed as ``configuration``: every section validated.

    The command receives a :class:`graphtool.analyses.configuration.Configuration`
    (the defaults without ``--config``); a bad file stops the command before the
    dataset is read. ``help`` names the sections the command uses.
    """
    return click.option(
        "--config",
        "configuration",
        type=click.Path(path_type=Path),
        default=None,
        callback=_configuration,
        help=help + " Every section of the file is checked.",
    )


def _output_folder_exists(ctx: click.Context, param: click.Parameter, value: Path | None) -> Any:
    """Refuse an output path in a missing folder before any work is done (exit code 1)."""
    if value is not None:
        from graphtool.present.files import check_output_folder

        check_output_folder(value)
    return value


def output_option(help: str, *, dir_okay: bool = False) -> Callable[[Callable], Callable]:
    """-o/--output PATH (required; a file unless ``dir_okay``), passed as ``output``.

    Its folder must exist: otherwise the command stops with one line and exit code 1.
    """
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=dir_okay, path_type=Path),
        callback=_output_folder_exists,
        help=help,
    )


def connection_options(func: Callable) -> Callable:
    """--uri/--user/--password/--database with the standard NEO4J_* variables."""
    options = [
        click.option(
            "--uri",
            envvar="NEO4J_URI",
            default="bolt://localhost:7687",
            show_default=True,
            help="Neo4j URI [env NEO4J_URI].",
        ),
        click.option(
            "--user",
            envvar="NEO4J_USERNAME",
            default="neo4j",
            show_default=True,
            help="Neo4j user [env NEO4J_USERNAME].",
        ),
        click.option(
            "--password",
            envvar="NEO4J_PASSWORD",
            default=None,
            help="Neo4j password [env NEO4J_PASSWORD]; no default, never printed.",
        ),
        click.option(
            "--database",
            envvar="NEO4J_DATABASE",
            default=None,
            help="Neo4j database [env NEO4J_DATABASE]; the server's default when not set.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_LIMIT_HELP = {
    "rows": "rows in a sheet",
    "columns": "columns in a sheet or CSV header",
    "cells": "cells a sheet spans",
    "string": "characters in one cell",
    "uncompressed": "bytes a workbook expands to",
}


def limit_options(func: Callable) -> Callable:
    """--max-rows/--max-columns/--max-cells/--max-string/--max-uncompressed: the reading
    limits (:mod:`graphtool.ingest.limits`); :func:`dataset_limits` gives them back."""

    def remember(ctx: click.Context, param: click.Parameter, value: int | None) -> None:
        if value is not None:
            root = ctx.find_root()
            root.ensure_object(dict)
            root.obj.setdefault("limits", {})[param.name.removeprefix("max_")] = value

    for name in reversed(Limits.names()):
        func = click.option(
            f"--max-{name}",
            type=click.IntRange(min=1),
            default=None,
            metavar="N",
            expose_value=False,
            callback=remember,
            help=f"Limit on the {_LIMIT_HELP[name]} (default {getattr(DEFAULT_LIMITS, name):,}); "
            "a dataset past it is refused before it is read.",
        )(func)
    return func


def dataset_limits() -> Limits:
    """The reading limits of this command: the defaults, with any --max-* given."""
    return replace(DEFAULT_LIMITS, **(_setting("limits") or {}))


def source_options(func: Callable) -> Callable:
    """DATASET (a folder or .xlsx) or --neo4j NAME, plus the connection options.

    The wrapped command receives ``dataset`` (a :class:`Dataset`) instead of the raw options.
    """

    @click.argument("path", metavar="DATASET", required=False, type=click.Path(path_type=Path))
    @click.option(
        "--neo4j",
        "neo4j_name",
        default=None,
        metavar="NAME",
        help="Read the dataset NAME back from Neo4j instead of files.",
    )
    @connection_options
    @limit_options
    @functools.wraps(func)
    def wrapper(path, neo4j_name, uri, user, password, database, **kwargs):
        dataset = open_source(
            path, neo4j_name, uri=uri, user=user, password=password, database=database
        )
        check_joint_actions(dataset)
        warn_mixed_currencies(dataset)
        return func(dataset=dataset, **kwargs)

    return wrapper


#: Commands that compute nothing without joint actions. On a funding-only dataset (a
#: subsidy register, a 360Giving file) they stop with one line and exit 1 instead of
#: printing an empty table; the commands that work on money alone run as usual.
NEEDS_JOINT_ACTIONS = frozenset(
    {"territorial-drive", "brokerage", "missing-links", "evaluate-links"}
)


def warn_mixed_currencies(dataset: Dataset) -> None:
    """Warn when the flows are in more than one currency: the analyses' totals add amounts."""
    if "currency" not in dataset.funding:
        return
    currencies = sorted({c for c in dataset.funding["currency"].astype(str) if c})
    if len(currencies) > 1:
        warn(
            f"{dataset.name} has flows in {len(currencies)} currencies ({', '.join(currencies)}): "
            "money totals add their amounts as they are; import with --rates FILE to convert "
            "them into one currency (graphtool help importers)"
        )


def check_joint_actions(dataset: Dataset) -> None:
    """Refuse a funding-only dataset for a command of :data:`NEEDS_JOINT_ACTIONS`."""
    ctx = click.get_current_context(silent=True)
    command = ctx.info_name if ctx is not None else None
    if command in NEEDS_JOINT_ACTIONS and dataset.participations.empty:
        raise AnalysisError(
            f"{dataset.name} has no joint actions (funding only): {command} needs who takes "
            "part in what; overview, scan, report and visualise show its money"
        )


def open_store(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Neo4jStore:
    """A :class:`Neo4jStore` for the connection options (imported only when a command needs it)."""
    from graphtool.store.neo4j import Neo4jStore

    return Neo4jStore(uri=uri, user=user, password=password, database=database)


def open_source(
    path: Path | None,
    neo4j_name: str | None,
    *,
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Dataset:
    """Open a dataset from files or from Neo4j; warnings go to stderr."""
    if neo4j_name is not None and path is None:
        with open_store(uri, user, password, database) as store:
            dataset = store.read_dataset(neo4j_name)
        _note_small(len(dataset.participations) < PROGRESS_FROM_PARTICIPATIONS)
    elif path is not None and neo4j_name is None:
        from graphtool.store.cache import read_dataset_cached

        note_dataset_size(path)
        dataset = read_dataset_cached(
            path,
            progress=progress(),
            use_cache=not _setting("no_cache"),
            limits=dataset_limits(),
        )
    else:
        raise click.UsageError("give either a DATASET path or --neo4j NAME (one of the two)")
    for message in dataset.warnings:
        warn(message)
    return dataset


def emit(text: str) -> None:
    """Write a result to stdout."""
    sys.stdout.write(text)
    sys.stdout.flush()


def progress() -> Progress:
    """The progress reporter for this command: silent with --quiet; for small datasets only
    the steps that run for more than a few seconds show."""
    return stderr_progress(quiet(), small=bool(_setting("small_dataset")))
