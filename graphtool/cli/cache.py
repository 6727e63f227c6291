"""cache: show or clear the dataset cache."""

from __future__ import annotations

import click

from graphtool.cli.common import emit, example


@click.group(
    epilog=example("graphtool cache info", "graphtool cache clear"),
)
def cache() -> None:
    """The dataset cache: validated datasets and their graphs, kept between commands.

    A dataset of 1 MB or more is read and validated once; later commands on the
    same files read it from the cache. An entry is keyed by every byte of the
    dataset's files and graphtool's version, so a changed file is read anew.
    The folder is $GRAPHTOOL_CACHE_DIR, else $XDG_CACHE_HOME/graphtool/datasets,
    else ~/.cache/graphtool/datasets. 'graphtool --no-cache COMMAND' (or
    GRAPHTOOL_NO_CACHE=1) bypasses it.
    """


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


@cache.command(epilog=example("graphtool cache info"))
def info() -> None:
    """Where the cache is, and the datasets it holds."""
    from graphtool.store.cache import cache_summary

    summary = cache_summary()
    lines = [f"{summary['folder']}: {summary['entries']} entries, {_size(summary['bytes'])}"]
    lines += [f"  {r['dataset']}  {_size(r['bytes'])}  {r['key']}" for r in summary["datasets"]]
    emit("\n".join(lines) + "\n")


@cache.command(epilog=example("graphtool cache clear"))
def clear() -> None:
    """Remove every cached dataset."""
    from graphtool.store.cache import clear_cache

    removed = clear_cache()
    emit(
        f"removed {removed['entries']} entries ({_size(removed['bytes'])}) "
        f"from {removed['folder']}\n"
    )


COMMANDS = [cache]
