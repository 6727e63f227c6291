"""What a query may do without ``--write``: plain reading of the graph, judged from its plan.

A read transaction stops writes to the graph and nothing more: ``LOAD CSV``
still reads the server's files and fetches URLs from its network, and
administration commands, ``SHOW``/``TERMINATE`` commands and many procedures
run in one. So before a read-only query runs, its plan (``EXPLAIN``: the
query type and every operator) is checked, not its text, and the query is
refused when the plan holds

* a query type other than read (``r``): writes, schema changes, system commands;
* ``LOAD CSV``;
* an administration, ``SHOW`` or ``TERMINATE`` command;
* a procedure outside :data:`READ_PROCEDURES`.

The rule works on plain data (:class:`Plan`), so it is tested without a
server; :meth:`graphtool.store.neo4j.Neo4jStore.explain` gets the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphtool.errors import QueryError

#: Procedures a read-only query may call: they read the database's own schema and nothing else.
READ_PROCEDURES: frozenset[str] = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.info",
        "db.ping",
    }
)


_PROCEDURE = re.compile(r"^\s*([\w.]+)\s*\(")


@dataclass(frozen=True)
class Operator:
    """One operator of a plan: its name without the database (``LoadCSV``) and its details."""

    name: str
    details: str = ""


@dataclass(frozen=True)
class Plan:
    """What ``EXPLAIN`` says of a query: its type (``r``, ``rw``, ``w``, ``s``) and operators."""

    query_type: str
    operators: list[Operator] = field(default_factory=list)


def refusal(plan: Plan) -> str | None:
    """Why a query with this plan is not plain reading (``None`` when it is).

    Examples
    --------
    >>> refusal(Plan("r", [Operator("ProduceResults"), Operator("AllNodesScan")])) is None
    True
    >>> refusal(Plan("r", [Operator("ProduceResults"), Operator("LoadCSV")]))
    'LOAD CSV (it reads files and URLs from the server)'
    >>> call = Operator("ProcedureCall", "db.clearQueryCaches() :: (value :: STRING)")
    >>> refusal(Plan("s", [call]))
    'CALL db.clearQueryCaches (not one of the read procedures allowed)'
    """
    for operator in plan.operators:
        if operator.name == "LoadCSV":
            return "LOAD CSV (it reads files and URLs from the server)"
        if operator.name == "AdministrationCommand":
            return "an administration command"
        if operator.name.startswith("Show"):
            return f"a SHOW command ({operator.name})"
        if operator.name.startswith("Terminate"):
            return f"a TERMINATE command ({operator.name})"
        if "ProcedureCall" in operator.name:
            match = _PROCEDURE.match(operator.details)
            procedure = match.group(1) if match else operator.details or "unknown"
            if procedure not in READ_PROCEDURES:
                return f"CALL {procedure} (not one of the read procedures allowed)"
    if plan.query_type != "r":
        kind = {"rw": "writes", "w": "writes", "s": "changes the schema or the system"}
        return f"a query that {kind.get(plan.query_type, 'does more than read')}"
    return None


def check_read_only(plan: Plan) -> None:
    """Raise :class:`QueryError` when the plan is not plain reading of the graph.

    Raises
    ------
    QueryError
        Naming what was refused and how to allow it.
    """
    reason = refusal(plan)
    if reason is not None:
        raise QueryError(
            f"refused {reason}: without --write a query may only read the graph; "
            "give --write to allow it"
        )
