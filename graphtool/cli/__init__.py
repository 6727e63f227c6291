"""The ``graphtool`` command line: thin click commands over the library.

Each topic registers its commands from its own module; this module holds the
group, the error handling and the registration list.
"""

from __future__ import annotations

import click

from graphtool import __version__
from graphtool.cli.common import GraphtoolGroup


@click.group(cls=GraphtoolGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="graphtool")
@click.option("-q", "--quiet", is_flag=True, help="No progress or warnings on stderr.")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Read datasets from their files, without the dataset cache (see 'graphtool cache').",
)
@click.pass_context
def main(ctx: click.Context, quiet: bool, no_cache: bool) -> None:
    """Analyse who works with whom: organisations, joint actions and money as one graph.

    \b
    Example:
      graphtool overview sample_data/lindenwaard
    """
    ctx.ensure_object(dict)
    ctx.obj["quiet"] = quiet
    ctx.obj["no_cache"] = no_cache


def _register() -> None:
    """Add the ``COMMANDS`` of every module in this package (each topic owns one module)."""
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_register()
