"""import: make a dataset from a 360Giving file, a subsidy register or CORDIS tables."""

from __future__ import annotations

from pathlib import Path

import click

from graphtool.cli.common import emit, example, progress, quiet


@click.command(
    "import",
    epilog=example(
        "graphtool import cordis cordis-h2020-swafs.csv -o datasets/swafs",
        "graphtool import subsidy-register subsidies-2023.csv --mapping amsterdam -o datasets/ams",
        "graphtool import 360giving grants.json -o datasets/grants --format json",
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
    required=True,
    type=click.Path(path_type=Path),
    metavar="DATASET_DIR",
    help="The dataset folder to write.",
)
@click.option(
    "--mapping",
    default=None,
    metavar="NAME|FILE",
    help="Mapping file (TOML) or the name of a shipped one (e.g. amsterdam).",
)
@click.option("--force", is_flag=True, help="Replace DATASET_DIR when it is not empty.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: the report on stderr; json: the report as JSON on stdout.",
)
def import_command(
    kind: str, files: tuple[Path, ...], output: Path, mapping: str | None, force: bool, fmt: str
) -> None:
    """Read SOURCE_KIND files (360giving, subsidy-register, cordis) into a dataset folder.

    The folder is written only when the whole import validates. The report
    says what was read, skipped (private persons, placeholders, missing
    amounts), merged (name variants) and inferred (organisation types); it is
    also saved as import-report.json in the folder.
    """
    from graphtool.ingest.importers import import_source, write_dataset
    from graphtool.present.tables import render_sections

    result = import_source(kind, files, mapping=mapping, progress=progress())
    dataset = write_dataset(result, output, force=force)
    if fmt == "json":
        emit(render_sections(result.report, "json"))
        return
    if not quiet():
        sections = {name: rows for name, rows in result.report.items() if rows}
        click.echo(render_sections(sections, "table"), err=True, nl=False)
    emit(f"wrote {output}: {dataset.summary()}\n")


COMMANDS = [import_command]
