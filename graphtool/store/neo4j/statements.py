"""The Cypher the store runs itself: one file per statement in ``cypher/``, loaded by name.

The files follow the format of the library queries (:mod:`graphtool.store.queries`):
a comment header saying what the statement does and its ``$parameters``, then
the statement. Labels and relationship types cannot be parameters in Cypher;
where a statement serves several of them, the header lists them under
``Slots:`` and the text names them ``{{label}}``. A slot is filled only with
a name of the graph model, checked to be a plain identifier, so no value
ever enters the text.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from graphtool.errors import QueryError
from graphtool.store.queries import Query, parse_query

SUFFIX = ".cypher"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def list_statements() -> list[str]:
    """The names of the store's statements, sorted.

    >>> "create_nodes" in list_statements()
    True
    """
    folder = files("graphtool.store.neo4j") / "cypher"
    return sorted(
        item.name.removesuffix(SUFFIX) for item in folder.iterdir() if item.name.endswith(SUFFIX)
    )


@functools.cache
def load_statement(name: str) -> Query:
    """The statement ``name`` (its file name without ``.cypher``), parsed and checked.

    Examples
    --------
    >>> load_statement("heartbeat").parameters
    {'key': 'the staging key of the load'}
    """
    path = files("graphtool.store.neo4j") / "cypher" / f"{name}{SUFFIX}"
    if not path.is_file():
        raise QueryError(f"the store has no statement named {name!r}")
    return parse_query(name, path.read_text(encoding="utf-8"))


@functools.cache
def statement(name: str, /, **slots: str) -> str:
    """The text of the statement ``name`` with its ``{{slots}}`` filled in.

    Raises
    ------
    QueryError
        No such statement, a slot missing or not the statement's, or a slot
        value that is not a plain identifier.

    Examples
    --------
    >>> statement("read_nodes", label="Organisation").splitlines()[0]
    'MATCH (n:Organisation {version: $version})'
    """
    query = load_statement(name)
    if set(slots) != set(query.slots):
        raise QueryError(
            f"statement {name!r} takes the slots {sorted(query.slots)}, not {sorted(slots)}"
        )
    text = query.text
    for slot, value in slots.items():
        if not _IDENTIFIER.match(value):
            raise QueryError(f"{value!r} cannot fill the slot {slot!r} of statement {name!r}")
        text = text.replace("{{" + slot + "}}", value)
    return text
