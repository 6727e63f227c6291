"""missing-links and evaluate-links."""

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
    seed_option,
    source_options,
    top_option,
    year_option,
)
from graphtool.model import Dataset

if TYPE_CHECKING:
    from graphtool.analyses.configuration import Configuration

SUGGESTION_COLUMNS = [
    "source",
    "target",
    "source_name",
    "target_name",
    "score",
    "shared_partners",
    "reasons",
]
EVALUATION_COLUMNS = ["method", "precision_at_k", "recall_at_k", "auc", "k", "positives", "pairs"]

#: --config with the [missing_links] section.
settings_option = config_option(
    "TOML file whose [missing_links] section overrides the default weights."
)


@click.command(
    "missing-links",
    epilog=example(
        "graphtool missing-links sample_data/lindenwaard --top 10",
        "graphtool missing-links sample_data/lindenwaard --for org01 --lang nl --format json",
    ),
)
@source_options
@top_option(20, "How many suggestions.")
@year_option
@click.option(
    "--for",
    "for_org",
    default=None,
    metavar="ORG_ID",
    help="Only the best partners of this organisation.",
)
@settings_option
@group_by_option
@lang_option("Language of the reasons.")
@seed_option("Seed of the community detection.")
@format_option
def missing_links(
    dataset: Dataset,
    top: int,
    year: int | None,
    for_org: str | None,
    configuration: Configuration,
    group_by: str,
    lang: str,
    seed: int,
    fmt: str,
) -> None:
    """Suggest pairs of organisations that do not work together yet, with the reasons why.

    The score combines shared partners (Adamic–Adar), activity, shared
    neighbourhoods and themes, complementary groups and bridging between
    communities; see graphtool help missing-links.
    """
    from graphtool.analyses.missing_links import missing_links as suggest
    from graphtool.present.reasons import Labels, rows_with_reasons
    from graphtool.present.tables import render

    cut = dataset.for_year(year)
    rows = suggest(
        cut,
        top=top,
        for_org=for_org,
        group_by=group_by,
        config=configuration["missing_links"],
        seed=seed,
        progress=progress(),
    )
    rows = rows_with_reasons(rows, Labels(cut, group_by=group_by, lang=lang), records=fmt == "json")
    emit(render(rows, fmt, SUGGESTION_COLUMNS))


@click.command(
    "evaluate-links",
    epilog=example(
        "graphtool evaluate-links sample_data/lindenwaard --split-year 2018 --top 20",
        "graphtool evaluate-links sample_data/lindenwaard --holdout 0.2 --seed 1 --format json",
    ),
)
@source_options
@click.option(
    "--holdout",
    type=click.FloatRange(min=0, max=1, min_open=True, max_open=True),
    default=None,
    metavar="FRACTION",
    help="Hide this fraction of the collaboration ties and predict them.",
)
@click.option(
    "--split-year",
    type=int,
    default=None,
    metavar="YEAR",
    help="Train on actions before YEAR; predict the first ties from YEAR on.",
)
@top_option(100, "K of precision@K and recall@K.")
@seed_option("Seed of the split and the baselines.")
@settings_option
@group_by_option
@format_option
def evaluate_links(
    dataset: Dataset,
    holdout: float | None,
    split_year: int | None,
    top: int,
    seed: int,
    configuration: Configuration,
    group_by: str,
    fmt: str,
) -> None:
    """Measure the missing-link score against baselines on held-out ties.

    Reports precision@K, recall@K and AUC for graphtool's score, Adamic–Adar,
    common neighbours, preferential attachment and random, all on the same split.
    """
    from graphtool.analyses.evaluation import evaluate_links as evaluate
    from graphtool.present.tables import render

    if (holdout is None) == (split_year is None):
        raise click.UsageError("give exactly one of --holdout FRACTION and --split-year YEAR")
    rows = evaluate(
        dataset,
        holdout=holdout,
        split_year=split_year,
        top=top,
        seed=seed,
        config=configuration["missing_links"],
        group_by=group_by,
        progress=progress(),
    )
    emit(render(rows, fmt, EVALUATION_COLUMNS))


COMMANDS = [missing_links, evaluate_links]
