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
FLAGGED_COLUMNS = ("id", "name", "group", "actions", "score", "p_value", "stability", "reasons")


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
@click.option(
    "--permutations",
    type=click.IntRange(min=0),
    default=None,
    help="Reshuffles of the group labels for the p-values (default 999, or the config's "
    "significance.permutations); 0 turns the significance test off.",
)
@lang_option("Language of the reasons.")
@format_option
def territorial_drive(
    dataset: Dataset,
    year: int | None,
    group_by: str,
    configuration: Configuration,
    show_all: bool,
    permutations: int | None,
    lang: str,
    fmt: str,
) -> None:
    """Flag organisations that keep to their own kind, worst first, with their reasons.

    The score combines solo actions, the E-I index, partner diversity, reach of
    residents and money kept within the group (graphtool help measures). The
    configuration used is named below the table (table, md) or on stderr
    (csv, json, whose stdout stays machine-readable).
    """
    from graphtool.analyses.territorial_drive import (
        OUTPUT_KEYS,
        configuration_summary,
        flag_rule_summary,
        left_out_components,
    )
    from graphtool.analyses.territorial_drive import territorial_drive as compute
    from graphtool.present.reasons import Labels, reason_text, rows_with_reasons
    from graphtool.present.tables import render

    settings, source = configuration["territorial_drive"], configuration.source
    if permutations is not None:
        settings = {
            **settings,
            "significance": {**settings["significance"], "permutations": permutations},
        }
    cut = dataset.for_year(year)
    labels = Labels(cut, group_by=group_by, lang=lang)
    # the components the data does not allow: said once, on stderr, before the rows
    for record in left_out_components(cut, group_by=group_by):
        click.echo(reason_text(record, labels), err=True)
    rows = compute(cut, group_by=group_by, config=settings, progress=progress())
    if not show_all:
        rows = [row for row in rows if row["flagged"]]
    rows = rows_with_reasons(rows, labels, records=fmt == "json")
    columns = [k for k in OUTPUT_KEYS if k != "brokerage"] if show_all else FLAGGED_COLUMNS
    emit(render(rows, fmt, list(columns)))
    summary = configuration_summary(settings, source) + "\n" + flag_rule_summary(settings)
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
