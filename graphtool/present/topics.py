"""The documentation as help topics: ``graphtool help TOPIC`` prints ``docs/TOPIC.md``.

The Markdown files of the repository's ``docs/`` folder ship in the wheel as
``graphtool/docs/``, so error hints and help texts can point to a topic that
every installation has (``graphtool help dataset-format``) instead of a file
that only a checkout has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphtool.errors import GraphtoolError
from graphtool.resources import package_folder

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SUFFIX = ".md"


def docs_folder() -> Traversable:
    """The folder holding the topics.

    Installed from a wheel it is the package data ``graphtool/docs``; in a
    checkout (an editable install) it is the repository's top-level ``docs/``.
    """
    return package_folder("docs")


def topics() -> dict[str, str]:
    """Every topic name and its title (the first heading), sorted by name.

    Examples
    --------
    >>> topics()["dataset-format"]
    'The dataset format'
    """
    found = {}
    for entry in docs_folder().iterdir():
        if entry.name.endswith(SUFFIX):
            text = entry.read_text(encoding="utf-8")
            title = next(
                (line[2:].strip() for line in text.splitlines() if line.startswith("# ")), ""
            )
            found[entry.name[: -len(SUFFIX)]] = title
    return dict(sorted(found.items()))


def topic_text(name: str) -> str:
    """The Markdown text of the topic ``name``.

    Raises
    ------
    GraphtoolError
        No topic of that name.
    """
    entry = docs_folder() / f"{name}{SUFFIX}"
    if not entry.is_file():
        raise GraphtoolError(f"no help topic {name!r}", hint="topics: " + ", ".join(topics()))
    return entry.read_text(encoding="utf-8")
