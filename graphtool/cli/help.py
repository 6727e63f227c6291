"""graphtool help: the documentation, from any installation."""

from __future__ import annotations

import click

from graphtool.cli.common import emit, example
from graphtool.present.topics import topic_text, topics


@click.command(
    "help",
    epilog=example("graphtool help", "graphtool help dataset-format"),
)
@click.argument("topic", required=False, metavar="[TOPIC]", type=click.Choice(list(topics())))
def help_topic(topic: str | None) -> None:
    """Print the documentation of TOPIC (Markdown); without TOPIC, list the topics.

    The same pages as the docs/ folder of the source repository, shipped
    with the package.
    """
    if topic is None:
        width = max(len(name) for name in topics())
        emit("".join(f"{name.ljust(width)}  {title}\n" for name, title in topics().items()))
        emit("\nRead one with: graphtool help TOPIC\n")
        return
    emit(topic_text(topic))


COMMANDS = [help_topic]
