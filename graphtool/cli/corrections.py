"""corrections: merge the corrections made in the network page into a copy of a dataset."""

from __future__ import annotations

from pathlib import Path

import click

from graphtool.cli.common import emit, example


@click.group(
    epilog=example("graphtool corrections apply sample_data/lindenwaard corrections.csv -o fixed")
)
def corrections() -> None:
    """Corrections from the room (the network page's "Download corrections")."""


@corrections.command(
    "apply",
    epilog=example(
        "graphtool corrections apply sample_data/lindenwaard corrections-lindenwaard.csv "
        "-o lindenwaard-corrected"
    ),
)
@click.argument("dataset_path", metavar="DATASET", type=click.Path(exists=True, path_type=Path))
@click.argument(
    "corrections_file",
    metavar="CORRECTIONS.csv",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The corrected dataset folder to write (a copy; DATASET is not changed).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT when it is not empty.")
def apply(dataset_path: Path, corrections_file: Path, output: Path, force: bool) -> None:
    """Apply CORRECTIONS.csv to a copy of DATASET, validated, and say what changed.

    "These two work together" adds a joint action of the two; "this tie is wrong"
    takes the second organisation out of the joint actions they share; "this
    organisation is missing" adds it (and a joint action with the organisation it
    works with, when the file names one). The copy is written only when it
    validates. The file format: graphtool help network-page ("Corrections").
    """
    from graphtool.ingest import read_dataset
    from graphtool.ingest.corrections import apply_corrections, read_corrections, write_corrected

    dataset = read_dataset(dataset_path)
    rows = read_corrections(corrections_file, dataset)
    tables, report = apply_corrections(dataset, rows)
    corrected = write_corrected(tables, output, force=force)
    for line in report.lines():
        emit(line + "\n")
    before, after = dataset.counts(), corrected.counts()
    summary = ", ".join(
        f"{table} {before[table]:,} → {after[table]:,}"
        for table in ("organisations", "joint_actions", "participations")
    )
    emit(f"wrote {output}: {len(rows)} correction(s), {len(report.changes)} applied; {summary}\n")


COMMANDS = [corrections]
