"""The library of named Cypher queries: one ``.cypher`` file per query, loaded by name.

The files live in the repository's top-level ``queries/`` folder and ship in
the wheel as ``graphtool/queries/``. Each starts with a comment header::

    // What the query returns, in a sentence or a paragraph.
    //
    // Returns: the columns.
    // Parameters:
    //   $dataset  name of the dataset
    //   $limit    how many rows
    // Example:
    //   :param dataset => 'lindenwaard'
    MATCH ...

Values always travel as ``$parameters``; the header must document every
parameter the query uses and no other, or loading it fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from graphtool.errors import QueryError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SUFFIX = ".cypher"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMETER_LINE = re.compile(r"^\$(\w+)\s*(.*)$")
# $name in the body, outside strings and comments is good enough: names are words
_PARAMETER_USE = re.compile(r"\$(\w+)")
_SECTION = re.compile(r"^(Returns|Parameters|Example|Examples):\s*(.*)$")


@dataclass(frozen=True)
class Query:
    """A named query: its description, its parameters (name -> meaning) and its Cypher text."""

    name: str
    description: str
    parameters: dict[str, str] = field(hash=False)
    text: str
    returns: str = ""
    example: str = ""


def query_folder() -> Traversable:
    """The folder holding the ``.cypher`` files.

    Installed from a wheel it is the package data ``graphtool/queries``; in a
    checkout (an editable install) it is the repository's top-level ``queries/``.
    """
    packaged = files("graphtool") / "queries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "queries"


def list_queries() -> list[str]:
    """The names of the available queries, sorted.

    Examples
    --------
    >>> "organisations_by_group" in list_queries()
    True
    """
    folder = query_folder()
    if not folder.is_dir():
        return []
    return sorted(
        item.name.removesuffix(SUFFIX) for item in folder.iterdir() if item.name.endswith(SUFFIX)
    )


def load_query(name: str) -> Query:
    """Load the query ``name`` (the file name without ``.cypher``).

    Raises
    ------
    QueryError
        When there is no such query, or its header does not document exactly
        the parameters its body uses.

    Examples
    --------
    >>> query = load_query("organisations_by_group")
    >>> list(query.parameters)
    ['dataset']
    >>> query.text.splitlines()[0]
    'MATCH (o:Organisation {dataset: $dataset})'
    """
    known = list_queries()
    if not _NAME.match(name) or name not in known:
        raise QueryError(
            f"no query named {name!r}",
            hint="known queries: " + (", ".join(known) if known else "none (queries/ is empty)"),
        )
    source = (query_folder() / f"{name}{SUFFIX}").read_text(encoding="utf-8")
    return parse_query(name, source)


def parse_query(name: str, source: str) -> Query:
    """Split a query file into its header (description, returns, parameters, example) and body."""
    lines = source.splitlines()
    header: list[str] = []
    while lines and lines[0].lstrip().startswith("//"):
        header.append(lines.pop(0).lstrip()[2:].removeprefix(" ").rstrip())
    text = "\n".join(lines).strip()
    if not header or not text:
        raise QueryError(
            f"query {name!r} needs a comment header and a body",
            hint="start the file with // lines saying what it returns and its $parameters",
        )
    sections: dict[str, list[str]] = {"description": []}
    current = "description"
    for line in header:
        match = _SECTION.match(line)
        if match:
            current = "example" if match.group(1).startswith("Example") else match.group(1).lower()
            sections[current] = [match.group(2)] if match.group(2) else []
        else:
            sections.setdefault(current, []).append(line)
    parameters: dict[str, str] = {}
    for line in sections.get("parameters", []):
        match = _PARAMETER_LINE.match(line.strip())
        if match:
            parameters[match.group(1)] = match.group(2).strip()
        elif line.strip() and parameters:
            last = next(reversed(parameters))
            parameters[last] = f"{parameters[last]} {line.strip()}"
    used = set(_PARAMETER_USE.findall(text))
    if used != set(parameters):
        missing = sorted(used - set(parameters))
        unused = sorted(set(parameters) - used)
        problems = []
        if missing:
            problems.append("used but not documented: " + ", ".join(f"${p}" for p in missing))
        if unused:
            problems.append("documented but not used: " + ", ".join(f"${p}" for p in unused))
        raise QueryError(
            f"query {name!r}: " + "; ".join(problems),
            hint="list every parameter under '// Parameters:' as '//   $name  meaning'",
        )

    def paragraph(key: str) -> str:
        return " ".join(line.strip() for line in sections.get(key, []) if line.strip())

    return Query(
        name=name,
        description=paragraph("description"),
        parameters=parameters,
        text=text,
        returns=paragraph("returns"),
        example="\n".join(line.strip() for line in sections.get("example", [])).strip(),
    )
