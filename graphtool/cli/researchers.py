"""scan, compare, report and export: the researcher's commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from graphtool.cli.common import (
    config_option,
    emit,
    example,
    format_option,
    group_by_option,
    lang_option,
    output_option,
    progress,
    raw_option,
    source_options,
    year_option,
)
from graphtool.model import Dataset

if TYPE_CHECKING:
    from graphtool.analyses.configuration import Configuration

#: --config with every research analysis' section.
settings_option = config_option(
    "TOML file whose [scan], [territorial_drive], [roles] and [missing_links] "
    "sections override the defaults."
)


@click.command(
    epilog=example(
        "graphtool scan sample_data/lindenwaard",
        "graphtool scan sample_data/lindenwaard --year 2018 --lang nl --format md",
        "graphtool scan sample_data/lindenwaard --config graphtool.toml --format json",
    )
)
@source_options
@year_option
@settings_option
@lang_option()
@format_option
def scan(
    dataset: Dataset, year: int | None, configuration: Configuration, lang: str, fmt: str
) -> None:
    """The five LSA action points as numbers: indicators, a verdict, the evidence.

    Residents as the starting point, socio-economic perspectives, the energy
    transition as a lever, territorial drive and the national government's role
    (graphtool help report). The table shows one block per point; CSV one row per
    indicator; JSON every point with the dataset fingerprint and configuration.
    """
    from graphtool.analyses.scan import scan as compute
    from graphtool.present.provenance import provenance
    from graphtool.present.reasons import Labels
    from graphtool.present.scan import render_scan

    settings, source = configuration.settings, configuration.source
    cut = dataset.for_year(year)
    progress().step("scan: the five action points")
    from graphtool.analyses.territorial_drive import territorial_drive

    drive = territorial_drive(cut, config=settings["territorial_drive"])
    points = compute(cut, config=settings["scan"], territorial=drive)
    labels = Labels(cut, lang=lang)
    emit(render_scan(points, fmt, provenance(dataset, year, source), labels))


@click.command(
    epilog=example(
        "graphtool compare sample_data/lindenwaard --from-year 2014 --to-year 2018",
        "graphtool compare sample_data/lindenwaard --from-year 2014 --to-year 2018 --format md",
    )
)
@source_options
@click.option("--from-year", "from_year", type=int, required=True, help="The earlier year.")
@click.option("--to-year", "to_year", type=int, required=True, help="The later year.")
@group_by_option
@settings_option
@format_option
def compare(
    dataset: Dataset,
    from_year: int,
    to_year: int,
    group_by: str,
    configuration: Configuration,
    fmt: str,
) -> None:
    """What changed between two years: ties, organisations, territorial drive, roles, the scan.

    An organisation is active in a year when it takes part in at least one joint
    action running that year. Roles: absent, isolated (actions but no partner),
    siloed (flagged), broker (top betweenness), collaborative (graphtool help report).
    """
    from graphtool.analyses.compare import compare as compute
    from graphtool.present.scan import render_change

    settings = configuration.settings
    change = compute(
        dataset,
        from_year,
        to_year,
        group_by=group_by,
        config=settings,
        progress=progress(),
    )
    emit(render_change(change, fmt))


@click.command(
    epilog=example(
        "graphtool report sample_data/lindenwaard -o lindenwaard.html",
        "graphtool report sample_data/lindenwaard -o 2018.html --year 2018 --compare 2014 2018",
        "graphtool report sample_data/lindenwaard -o report.md --lang nl",
    )
)
@source_options
@output_option(
    "report.html (one self-contained offline page) or report.md (charts as SVG beside it)."
)
@year_option
@click.option(
    "--compare",
    "compare_years",
    type=int,
    nargs=2,
    default=None,
    metavar="A B",
    help="Add the change between years A and B.",
)
@lang_option()
@click.option("--title", default=None, help="Title of the report.")
@group_by_option
@settings_option
def report(
    dataset: Dataset,
    output: Path,
    year: int | None,
    compare_years: tuple[int, int] | None,
    lang: str,
    title: str | None,
    group_by: str,
    configuration: Configuration,
) -> None:
    """Write the full report: scan, flags, suggested links, brokers, money, change, methods.

    HTML: one file that works offline, with the charts as inline SVG and the
    interactive network page embedded. Markdown (-o *.md): the same text, the
    charts and the network page written beside it.
    """
    from graphtool.present.report import build_report, write_report

    settings, source = configuration.settings, configuration.source
    data = build_report(
        dataset,
        year=year,
        compare_years=compare_years,
        lang=lang,
        title=title,
        group_by=group_by,
        settings=settings,
        config_source=source,
        progress=progress(),
    )
    written = write_report(data, output)
    emit("".join(f"wrote {path}\n" for path in written))


@click.command(
    epilog=example(
        "graphtool export sample_data/lindenwaard --to gexf -o lindenwaard.gexf",
        "graphtool export sample_data/lindenwaard --to csv -o lindenwaard-csv --year 2018",
    )
)
@source_options
@click.option(
    "--to",
    "to",
    type=click.Choice(["gexf", "graphml", "csv", "json"]),
    required=True,
    help="File format: gexf and graphml for Gephi, csv (a folder with nodes.csv and "
    "edges.csv), json (networkx node-link).",
)
@output_option("The file (or, for csv, the folder) to write.", dir_okay=True)
@year_option
@group_by_option
@settings_option
@raw_option
def export(
    dataset: Dataset,
    to: str,
    output: Path,
    year: int | None,
    group_by: str,
    configuration: Configuration,
) -> None:
    """Export the graph with every attribute and the analysis results, for Gephi and others.

    One directed multigraph: collaboration ties (kind=collaboration, weight =
    shared actions, stored once per pair) and funding flows (kind=funding,
    amount in euros). Organisations carry their columns and their territorial
    drive, community, role, betweenness and brokerage counts.
    """
    from graphtool.present.export import export_graph, write_export

    settings = configuration.settings
    graph = export_graph(
        dataset.for_year(year), group_by=group_by, settings=settings, progress=progress()
    )
    written = write_export(graph, to, output)
    emit("".join(f"wrote {path}\n" for path in written))


COMMANDS = [scan, compare, report, export]
