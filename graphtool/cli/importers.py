"""import and merge: datasets from 360Giving files, subsidy registers and CORDIS; combining them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graphtool.cli.common import emit, example, note_dataset_size, progress, quiet, warn

if TYPE_CHECKING:
    import pandas as pd

    from graphtool.ingest.importers import ImportResult
    from graphtool.model import Dataset


def decisions_option(help: str) -> Callable[[Callable], Callable]:
    """--decisions FILE: a merge-decisions.csv corrected by hand."""
    return click.option(
        "--decisions",
        default=None,
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="FILE",
        help=help,
    )


def report_format_option(func: Callable) -> Callable:
    """--format table|json for the report of an import or a merge."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json"]),
        default="table",
        show_default=True,
        help="table: the report on stderr; json: the report as JSON on stdout.",
    )(func)


@click.command(
    "import",
    epilog=example(
        "graphtool import cordis cordis-h2020-swafs.csv -o datasets/swafs",
        "graphtool import cordis project.csv organization.csv -o datasets/h2020",
        "graphtool import subsidy-register subsidies-2023.csv --mapping amsterdam -o datasets/ams",
        "graphtool import subsidy-register register.xlsx --suggest-mapping > register.toml",
        "graphtool import 360giving grants.json.gz --rates rates.csv --into datasets/ams",
    ),
)
@click.argument("kind", metavar="SOURCE_KIND")
@click.argument(
    "files", metavar="FILE...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    "output",
    default=None,
    type=click.Path(path_type=Path),
    metavar="DATASET_DIR",
    help="The dataset folder to write.",
)
@click.option(
    "--into",
    default=None,
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DATASET_DIR",
    help="Add this source to an existing dataset folder instead (organisations matched by "
    "identifier, then name; decisions in merge-decisions.csv).",
)
@decisions_option("With --into: merge decisions corrected by hand (a merge-decisions.csv).")
@click.option(
    "--mapping",
    default=None,
    metavar="NAME|FILE",
    help="Mapping file (TOML) or the name of a shipped one (e.g. amsterdam).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="All or nothing: refuse the import when any value cannot be read (default: leave "
    "such rows out and report them).",
)
@click.option(
    "--rates",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Dated exchange rates (CSV: currency,to,year,rate[,source]) converting every amount "
    "into one currency; without it each flow keeps its currency.",
)
@click.option(
    "--explain-types",
    is_flag=True,
    help="List every organisation with its type and the rule (and words) that gave it.",
)
@click.option(
    "--suggest-mapping",
    is_flag=True,
    help="subsidy-register: print a TOML mapping guessed from the file's columns and values, "
    "to edit; nothing is imported.",
)
@click.option("--force", is_flag=True, help="Replace DATASET_DIR when it is not empty.")
@report_format_option
def import_command(
    kind: str,
    files: tuple[Path, ...],
    output: Path | None,
    into: Path | None,
    decisions: Path | None,
    mapping: str | None,
    strict: bool,
    rates: Path | None,
    explain_types: bool,
    suggest_mapping: bool,
    force: bool,
    fmt: str,
) -> None:
    """Read SOURCE_KIND files (360giving, subsidy-register, cordis) into a dataset folder.

    Values that cannot be read (NULL, text in an amount, a date that is no
    date) leave their row out; the rows, their money and the first examples
    are reported, and the import exits 0 with a warning. --strict refuses
    the whole import instead (exit 1, nothing written). The report also says
    what was skipped (private persons, placeholders), merged (name variants)
    and inferred (organisation types); it is saved as import-report.json.
    Gzipped files (.csv.gz, .json.gz) are read as they are.
    """
    from graphtool.ingest.importers import import_source, write_dataset
    from graphtool.present.tables import render, render_sections

    if suggest_mapping:
        _suggest(kind, files)
        return
    if (output is None) == (into is None):
        raise click.UsageError("give either -o DATASET_DIR or --into DATASET_DIR (one of the two)")
    if decisions is not None and into is None:
        raise click.UsageError("--decisions goes with --into")
    existing = [f for f in files if f.is_file()]
    if existing:
        note_dataset_size(max(existing, key=lambda f: f.stat().st_size))
    result = import_source(
        kind, files, mapping=mapping, progress=progress(), strict=strict, rates=rates
    )
    for message in result.warnings:
        warn(message)
    if explain_types:
        columns = ["id", "name", "type", "from", "matched"]
        emit(render(result.report["type explanations"], "table", columns))
    if into is not None:
        _merge_into(result, into, decisions, fmt)
        return
    assert output is not None
    dataset = write_dataset(result, output, force=force)
    if fmt == "json":
        emit(render_sections(result.report, "json"))
        return
    if not quiet():
        hidden = {"type explanations", "unreadable"}
        sections = {n: rows for n, rows in result.report.items() if rows and n not in hidden}
        click.echo(render_sections(sections, "table"), err=True, nl=False)
    unreadable = sum(
        s["rows"] for s in result.report["skipped"] if s["reason"].startswith("unreadable")
    )
    left_out = (
        f"; {unreadable} row(s) with unreadable values left out, listed in "
        f"{output / 'import-report.json'}"
        if unreadable
        else ""
    )
    emit(f"wrote {output}: {dataset.summary()}{left_out}\n")


def _suggest(kind: str, files: tuple[Path, ...]) -> None:
    from graphtool.errors import ImportSourceError
    from graphtool.ingest.importers.mappings.suggest import suggest_mapping

    if kind != "subsidy-register":
        raise ImportSourceError(
            f"--suggest-mapping is for subsidy-register, not {kind}",
            hint=f"{kind} files have fixed columns; import them without a mapping",
        )
    for path in files:
        emit(suggest_mapping(path))


def _merge_into(result: ImportResult, into: Path, decisions: Path | None, fmt: str) -> None:
    """Write ``result`` as a dataset beside ``into``, then merge it into ``into``."""
    import tempfile

    from graphtool.ingest import read_dataset
    from graphtool.ingest.importers import write_dataset
    from graphtool.ingest.importers.merge import read_decisions

    base = read_dataset(into)
    with tempfile.TemporaryDirectory(prefix=".import.", dir=into.parent) as scratch:
        name = Path(str(result.report["import"]["files"]).split(", ")[0]).name.split(".")[0]
        addition = write_dataset(result, Path(scratch) / name)
    chosen = read_decisions(decisions) if decisions is not None else None
    _write_merge(
        base, addition, into, chosen, fmt, replace=True, report=result.report, keep_others=True
    )


def _write_merge(
    base: Dataset,
    addition: Dataset,
    out: Path,
    decisions: pd.DataFrame | None,
    fmt: str,
    *,
    replace: bool,
    report: dict[str, Any] | None = None,
    keep_others: bool = False,
) -> None:
    """Merge ``addition`` into ``base`` and write the result (and its decisions) to ``out``."""
    from graphtool.ingest.importers import ImportResult, write_dataset
    from graphtool.ingest.importers.merge import DECISIONS_FILE, merge_datasets
    from graphtool.present.tables import render_sections

    merged = merge_datasets(base, addition, decisions=decisions)
    full_report = {**merged.report, **(report or {})}
    dataset = write_dataset(
        ImportResult(merged.tables, full_report),
        out,
        force=replace,
        extra_files={DECISIONS_FILE: merged.decisions.to_csv(index=False)},
        keep_others=keep_others,
    )
    if fmt == "json":
        emit(render_sections(full_report, "json"))
        return
    if not quiet():
        click.echo(render_sections(merged.report, "table"), err=True, nl=False)
        click.echo(
            f"merge decisions: {out / DECISIONS_FILE} (correct it and give it back "
            "with --decisions)",
            err=True,
        )
    emit(f"wrote {out}: {dataset.summary()}\n")


@click.command(
    "merge",
    epilog=example(
        "graphtool merge datasets/ams datasets/grants -o datasets/combined",
        "graphtool merge datasets/ams datasets/grants -o datasets/combined "
        "--decisions datasets/combined/merge-decisions.csv --force",
    ),
)
@click.argument("base", metavar="DATASET_A", type=click.Path(path_type=Path))
@click.argument("addition", metavar="DATASET_B", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DATASET_DIR",
    help="The combined dataset folder to write.",
)
@decisions_option("Merge decisions corrected by hand (a merge-decisions.csv written by a merge).")
@click.option("--force", is_flag=True, help="Replace DATASET_DIR when it is not empty.")
@report_format_option
def merge_command(
    base: Path, addition: Path, output: Path, decisions: Path | None, force: bool, fmt: str
) -> None:
    """Combine DATASET_B into DATASET_A as a new dataset folder.

    Organisations are matched by identifier where both have one (360Giving
    org-ids, PICs, KvK or charity numbers), otherwise by normalised name; the
    decisions are written to merge-decisions.csv in the new folder, to correct
    and give back with --decisions.
    """
    from graphtool.errors import ImportSourceError
    from graphtool.ingest import read_dataset
    from graphtool.ingest.importers.merge import read_decisions

    if output.exists() and any(output.iterdir()) and not force:
        raise ImportSourceError(
            f"{output}: the folder exists and is not empty",
            hint="choose another -o, or give --force to replace it",
        )
    chosen = read_decisions(decisions) if decisions is not None else None
    _write_merge(read_dataset(base), read_dataset(addition), output, chosen, fmt, replace=force)


COMMANDS = [import_command, merge_command]
