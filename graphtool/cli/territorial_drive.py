"""territorial-drive and brokerage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from graphtool.cli.common import (
    config_option,
    emit,
    example,
    format_option,
    group_by_option,
    lang_option,
    progress,
    source_options,
    year_option,
)
from graphtool.model import Dataset

if TYPE_CHECKING:
    from graphtool.analyses.configuration import Configuration

#: Columns of the default table (flagged organisations); --all shows every key of a row
#: but the brokerage counts (the brokerage command lists those).
FLAGGED_COLUMNS = ("id", "name", "group", "actions", "score", "reasons")


@click.command(
    "territorial-drive",
    epilog=example(
        "graphtool territorial-drive sample_data/lindenwaard",
        "graphtool territorial-drive sample_data/lindenwaard --all --lang nl --format json",
        "graphtool territorial-drive sample_data/lindenwaard --config graphtool.toml",
    ),
)
@source_options
@year_option
@group_by_option
@config_option("TOML file whose [territorial_drive] section overrides the defaults.")
@click.option("--all", "show_all", is_flag=True, help="List every organisation, not only flagged.")
@lang_option("Language of the reasons.")
@format_option
def territorial_drive(
    dataset: Dataset,
    year: int | None,
    group_by: str,
    configuration: Configuration,
    show_all: bool,
    lang: str,
    fmt: str,
) -> None:
    """Flag organisations that keep to their own kind, worst first, with their reasons.

    The score combines solo actions, the E-I index, partner diversity, reach of
    residents and money kept within the group (graphtool help measures). The
    configuration used is named below the table (table, md) or on stderr
    (csv, json, whose stdout stays machine-readable).
    """
    from graphtool.analyses.territorial_drive import OUTPUT_KEYS, configuration_summary
    from graphtool.analyses.territorial_drive import territorial_drive as compute
    from graphtool.present.reasons import Labels, rows_with_reasons
    from graphtool.present.tables import render

    settings, source = configuration["territorial_drive"], configuration.source
    cut = dataset.for_year(year)
    rows = compute(cut, group_by=group_by, config=settings, progress=progress())
    if not show_all:
        rows = [row for row in rows if row["flagged"]]
    rows = rows_with_reasons(rows, Labels(cut, group_by=group_by, lang=lang), records=fmt == "json")
    columns = [k for k in OUTPUT_KEYS if k != "brokerage"] if show_all else FLAGGED_COLUMNS
    emit(render(rows, fmt, list(columns)))
    summary = configuration_summary(settings, source)
    if fmt in ("table", "md"):
        emit(f"\n{summary}\n")
    else:
        click.echo(summary, err=True)


@click.command(
    epilog=example(
        "graphtool brokerage sample_data/lindenwaard",
        "graphtool brokerage sample_data/knoke --format csv",
    )
)
@source_options
@year_option
@group_by_option
@format_option
def brokerage(dataset: Dataset, year: int | None, group_by: str, fmt: str) -> None:
    """Gould–Fernandez brokerage roles of every organisation on the collaboration graph.

    Each tie counts both ways, so representative and gatekeeper counts are
    equal (graphtool help measures).
    """
    from graphtool.analyses.brokerage import brokerage as compute
    from graphtool.present.tables import render

    emit(render(compute(dataset.for_year(year), group_by=group_by), fmt))


COMMANDS = [territorial_drive, brokerage]
