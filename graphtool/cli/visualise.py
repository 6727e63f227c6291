"""visualise: the facilitator's interactive network page."""

from __future__ import annotations

from pathlib import Path

import click

from graphtool.cli.common import (
    emit,
    example,
    group_by_option,
    lang_option,
    output_option,
    progress,
    source_options,
    warn,
    year_option,
)
from graphtool.model import Dataset


def _layers(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from graphtool.present.network_page import LAYERS

    layers = tuple(part.strip() for part in value.split(",") if part.strip())
    for layer in layers:
        if layer not in LAYERS:
            raise click.BadParameter(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")
    return layers


@click.command(
    epilog=example(
        "graphtool visualise sample_data/lindenwaard -o lindenwaard.html",
        "graphtool visualise sample_data/lindenwaard -o 2016.html --year 2016 --lang nl",
    )
)
@source_options
@output_option("The HTML file to write (one self-contained page that works offline).")
@year_option
@lang_option("Language of the page.")
@click.option(
    "--layers",
    default="collaboration,funding",
    show_default=True,
    callback=_layers,
    help="Edge layers shown when the page opens (each can be switched in the page).",
)
@click.option("--title", default=None, help="Page title (default: 'Who works with whom').")
@click.option(
    "--bipartite",
    is_flag=True,
    help="Show joint actions as their own nodes instead of organisation ties.",
)
@click.option(
    "--no-analyses",
    "no_analyses",
    is_flag=True,
    help="Leave out territorial-drive flags and suggested links.",
)
@click.option(
    "--compare",
    "compare_years",
    nargs=2,
    type=int,
    default=None,
    metavar="A B",
    help="Add the story step 'what changed' from year A to year B.",
)
@click.option(
    "--background-share",
    type=click.FloatRange(0, 1),
    default=0.25,
    show_default=True,
    help="A funder paying more than this share of all organisations is a legend badge, "
    "its arrows off at first.",
)
@group_by_option
def visualise(
    dataset: Dataset,
    output: Path,
    year: int | None,
    lang: str,
    layers: tuple[str, ...],
    title: str | None,
    bipartite: bool,
    no_analyses: bool,
    compare_years: tuple[int, int] | None,
    background_share: float,
    group_by: str,
) -> None:
    """Write the interactive network page: one HTML file, no internet needed.

    Organisations coloured by group and sized by activity, collaboration and money
    as switchable layers, flagged organisations and suggested links, a legend,
    search, filters and a side panel; a focus view, a group view (the first view
    from 400 organisations on), story mode, "what if" and corrections from the room.
    Above 1,500 organisations the page uses a fixed layout without physics (fast
    mode) and says so.
    """
    from graphtool.present.files import write_files
    from graphtool.present.network_page import network_page

    if compare_years is not None and no_analyses:
        raise click.UsageError("--compare needs the analyses: leave out --no-analyses")
    if compare_years is not None and year is not None:
        raise click.UsageError("--compare needs every year: leave out --year")
    page, notes = network_page(
        dataset.for_year(year),
        compare_years=compare_years,
        background_share=background_share,
        lang=lang,
        layers=layers,
        title=title,
        group_by=group_by,
        bipartite=bipartite,
        analyses=not no_analyses,
        progress=progress(),
    )
    for note in notes:
        warn(note)
    if write_files({output: page.html}):  # nothing to say when the page went to stdout
        emit(f"wrote {output} ({len(page.data['organisations']):,} organisations)\n")


COMMANDS = [visualise]
