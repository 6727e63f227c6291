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
parameter the query uses and no other, or loading it fails. A parameter with
a default says so at the end of its line, ``(default: VALUE)``, VALUE written
as on the command line (:func:`parse_value`): ``(default: 2)``,
``(default: null)``, ``(default: ["government", "public_service"])``. A
parameter without a default must be given.

The same module checks the ``$parameters`` of any Cypher text against the
values given (:func:`parameter_names`, :func:`check_parameters`) and turns
``key=value`` and ``key:=JSON`` arguments into typed values
(:func:`parse_parameter`), for named and ad hoc queries alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphtool.errors import QueryError, StoreError
from graphtool.resources import package_folder
from graphtool.store.read_only import check_read_only

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from graphtool.store.neo4j import Neo4jStore, QueryResult

SUFFIX = ".cypher"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAMETER_LINE = re.compile(r"^\$(\w+)\s*(.*)$")
# $name in the body, outside strings and comments is good enough: names are words
_PARAMETER_USE = re.compile(r"\$(\w+)")
_SECTION = re.compile(r"^(Returns|Parameters|Slots|Example|Examples):\s*(.*)$")
# {{name}}: where the store's own statements take a label or a relationship type
_SLOT_USE = re.compile(r"\{\{(\w+)\}\}")
_SLOT_LINE = re.compile(r"^\{\{(\w+)\}\}\s*(.*)$")
_DEFAULT = re.compile(r"\(default:\s*(.+)\)\s*$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_FLOAT = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
# What a Cypher text holds besides clauses: strings, quoted names, comments, and parameters.
_CYPHER_TOKENS = re.compile(
    r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`]|``)*`|//[^\n]*|/\*.*?\*/"""
    r"|\$(?:(`(?:[^`]|``)*`)|([A-Za-z_][A-Za-z0-9_]*|\d+))",
    re.DOTALL,
)


@dataclass(frozen=True)
class Query:
    """A named query: its description, its parameters (name -> meaning) and its Cypher text."""

    name: str
    description: str
    parameters: dict[str, str] = field(hash=False)
    text: str
    returns: str = ""
    example: str = ""
    defaults: dict[str, Any] = field(default_factory=dict, hash=False)
    #: ``{{name}}`` slots (label or type names filled in by the store), name -> meaning
    slots: dict[str, str] = field(default_factory=dict, hash=False)

    def arguments(self, given: dict[str, Any] | None = None) -> dict[str, Any]:
        r"""The parameters to send: ``given`` over the defaults, every parameter accounted for.

        Raises
        ------
        QueryError
            A given parameter the query does not have, or one without a default not given.

        Examples
        --------
        >>> query = parse_query("q", "// Q.\n// Parameters:\n//   $dataset  the dataset\n"
        ...     "//   $steps  how far (default: 2)\nRETURN $dataset, $steps")
        >>> query.arguments({"dataset": "lindenwaard"})
        {'dataset': 'lindenwaard', 'steps': 2}
        """
        given = dict(given or {})
        unknown = sorted(set(given) - set(self.parameters))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter " + ", ".join(f"${p}" for p in unknown),
                hint="its parameters are "
                + _listing(self.parameters)
                + f"; see `graphtool queries show {self.name}`",
            )
        values = {**self.defaults, **given}
        missing = [p for p in self.parameters if p not in values]
        if missing:
            raise QueryError(
                f"query {self.name!r} needs " + ", ".join(f"${p}" for p in missing),
                hint=_how_to_give(missing),
            )
        return {p: values[p] for p in self.parameters}


def query_folder() -> Traversable:
    """The folder holding the ``.cypher`` files.

    Installed from a wheel it is the package data ``graphtool/queries``; in a
    checkout (an editable install) it is the repository's top-level ``queries/``.
    """
    return package_folder("queries")


#: The Neo4j Browser style file shipped beside the queries.
STYLE_FILE = "graphtool.grass"


def browser_style() -> str:
    """The Neo4j Browser style (``.grass``) for graphtool's labels and relationship types.

    Examples
    --------
    >>> browser_style().count("node.Organisation")
    1
    """
    return (query_folder() / STYLE_FILE).read_text(encoding="utf-8")


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

    slots: dict[str, str] = {}
    for line in sections.get("slots", []):
        match = _SLOT_LINE.match(line.strip())
        if match:
            slots[match.group(1)] = match.group(2).strip()
    filled = set(_SLOT_USE.findall(text))
    if filled != set(slots):
        raise QueryError(
            f"query {name!r}: its {{{{slots}}}} "
            + ", ".join(sorted(filled ^ set(slots)))
            + " are used but not documented, or documented but not used",
            hint="list every slot under '// Slots:' as '//   {{name}}  meaning'",
        )

    def paragraph(key: str) -> str:
        return " ".join(line.strip() for line in sections.get(key, []) if line.strip())

    defaults: dict[str, Any] = {}
    for parameter, meaning in parameters.items():
        match = _DEFAULT.search(meaning)
        if match:
            try:
                defaults[parameter] = parse_value(match.group(1).strip())
            except QueryError as exc:
                raise QueryError(
                    f"query {name!r}: the default of ${parameter} is not a value: {exc.message}",
                    hint="write defaults as on the command line: (default: 2), "
                    "(default: 'text'), (default: null), (default: [1, 2])",
                ) from exc

    return Query(
        name=name,
        description=paragraph("description"),
        parameters=parameters,
        text=text,
        returns=paragraph("returns"),
        example="\n".join(line.strip() for line in sections.get("example", [])).strip(),
        defaults=defaults,
        slots=slots,
    )


def _listing(names: Iterable[str]) -> str:
    listed = list(names)
    return ", ".join(f"${p}" for p in listed) if listed else "none"


def _how_to_give(names: list[str]) -> str:
    options = " ".join(
        "--neo4j-dataset NAME" if p == "dataset" else f"--param {p}=VALUE" for p in names
    )
    return f"give {options}"


# -- parameters of any Cypher text ------------------------------------------------------------


def parse_value(text: str) -> Any:
    """A command-line value as the Cypher value it most likely means.

    ``true``/``false`` are booleans, ``null`` is null, ``12`` an integer,
    ``0.5`` or ``1e6`` a float, text starting with ``[``, ``{`` or ``"`` is
    JSON (a list, a map, a string), and ``'text'`` is the text between the
    quotes; anything else is the text itself. To pass digits as text, quote
    them: ``"'007'"``.

    Raises
    ------
    QueryError
        Text that starts like JSON but is not valid JSON.

    Examples
    --------
    >>> [parse_value(v) for v in ["2", "-1.5", "true", "null", "ja-001", "'2019'"]]
    [2, -1.5, True, None, 'ja-001', '2019']
    >>> parse_value('["government", "public_service"]')
    ['government', 'public_service']
    """
    stripped = text.strip()
    lowered = stripped.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if _INTEGER.match(stripped):
        return int(stripped)
    if _FLOAT.match(stripped):
        return float(stripped)
    if len(stripped) >= 2 and stripped[0] == stripped[-1] == "'":
        return stripped[1:-1]
    if stripped[:1] in ("[", "{", '"'):
        return parse_json(stripped)
    return text


def parse_json(text: str) -> Any:
    """JSON text as a value; :class:`QueryError` naming the position when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise QueryError(
            f"{text!r} is not valid JSON: {exc.msg} at character {exc.pos + 1}",
            hint="quote strings with double quotes inside lists and maps, "
            'e.g. \'["government", "public_service"]\'',
        ) from exc


def parse_parameter(argument: str) -> tuple[str, Any]:
    """``key=value`` (typed by :func:`parse_value`) or ``key:=JSON`` (exactly that JSON).

    Raises
    ------
    QueryError
        No ``=``, a key that is not a parameter name, or bad JSON.

    Examples
    --------
    >>> parse_parameter("steps=3")
    ('steps', 3)
    >>> parse_parameter('id:="007"')
    ('id', '007')
    >>> parse_parameter("name=De Wilgenhoek")
    ('name', 'De Wilgenhoek')
    """
    key, sep, value = argument.partition("=")
    exact = key.endswith(":")
    key = key.removesuffix(":").strip()
    if not sep or not _KEY.match(key):
        raise QueryError(
            f"{argument!r} is not a parameter",
            hint="write key=value (2 and 0.5 are numbers, true, false and null as in Cypher, "
            "[1, 2] a list, 'text' text) "
            "or key:=JSON (exactly that JSON, e.g. id:='\"007\"')",
        )
    return key, parse_json(value) if exact else parse_value(value)


def parameter_names(cypher: str) -> list[str]:
    r"""The ``$parameters`` a Cypher text uses, in order of first use.

    Strings, quoted names and comments are skipped, so ``'$5'`` is no parameter.

    Examples
    --------
    >>> parameter_names("MATCH (o {id: $id}) // $not\nWHERE o.name <> '$x' RETURN $id, $`odd name`")
    ['id', 'odd name']
    """
    names: list[str] = []
    for match in _CYPHER_TOKENS.finditer(cypher):
        quoted, plain_name = match.group(1), match.group(2)
        name = quoted[1:-1].replace("``", "`") if quoted else plain_name
        if name is not None and name not in names:
            names.append(name)
    return names


def check_parameters(cypher: str, params: dict[str, Any]) -> None:
    """Check before sending that ``params`` gives exactly the ``$parameters`` ``cypher`` uses.

    Raises
    ------
    QueryError
        A parameter used but not given, or given but not used (most likely a typo).
    """
    used = parameter_names(cypher)
    missing = [p for p in used if p not in params]
    unused = sorted(set(params) - set(used))
    if missing:
        raise QueryError(
            "the query uses " + ", ".join(f"${p}" for p in missing) + " but no value was given",
            hint=_how_to_give(missing),
        )
    if unused:
        raise QueryError(
            "the query does not use " + ", ".join(f"${p}" for p in unused),
            hint="it uses " + _listing(used) + "; check the spelling of the parameter names",
        )


# -- running ------------------------------------------------------------------------------------


#: How often a read is repeated when a load replaced its dataset while it ran.
SWITCH_RETRIES = 3


def run_cypher(
    store: Neo4jStore,
    cypher: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run an ad hoc Cypher statement after checking its parameters and its ``$dataset``.

    Parameters
    ----------
    store
        An open :class:`~graphtool.store.neo4j.Neo4jStore`.
    cypher
        The statement; values travel in ``params``, never in the text.
    params
        Exactly the ``$parameters`` the statement uses.
    write
        Allow writes; by default the statement's plan is checked first and
        anything but plain reading of the graph is refused before it runs
        (:mod:`graphtool.store.read_only`), then it runs in a read transaction.
    timeout
        Seconds after which the server stops the statement.
    limit
        Keep at most this many rows; the result's ``truncated`` says whether there were more.

    Raises
    ------
    QueryError
        Parameters missing or not used, no statement, and what the server reports
        (syntax errors, writes without ``write``, timeouts).
    StoreError
        ``$dataset`` names no dataset in the database (reading only), connection problems.
    """
    params = dict(params or {})
    if not cypher.strip():
        raise QueryError(
            "no Cypher statement given", hint="give the statement, --file F, or - to read stdin"
        )
    check_parameters(cypher, params)
    if not write:  # before anything else reaches the server
        check_read_only(store.explain(cypher, params, timeout=timeout))
    if "dataset" not in params or write:
        return store.run(cypher, params, write=write, timeout=timeout, limit=limit, checked=True)
    # Neo4j reads at read-committed isolation: a query that overlaps the commit of a
    # load's switch could see part of both versions. The version readers see is
    # compared before and after; when a switch happened meanwhile the (read-only)
    # query runs again, so its rows always come from one complete version.
    name = params["dataset"]
    for _ in range(SWITCH_RETRIES):
        try:
            # waits while a load of the name is between hiding and revealing
            before = store.current_version(name)
        except StoreError:
            check_dataset(store, name)  # the consultant's message: which datasets there are
            raise
        result = store.run(cypher, params, write=False, timeout=timeout, limit=limit, checked=True)
        if store.current_version(name) == before:
            return result
    raise StoreError(
        f"dataset {name!r} was replaced {SWITCH_RETRIES} times while the query ran",
        hint="run the query again when the loads of this dataset have finished",
    )


def run_named(
    store: Neo4jStore,
    name: str,
    given: dict[str, Any] | None = None,
    *,
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run the library query ``name`` read-only, its defaults filling the parameters not given.

    Raises
    ------
    QueryError
        No such query, a parameter it does not have or a required one missing,
        and what the server reports.
    StoreError
        ``$dataset`` names no dataset in the database, connection problems.
    """
    query = load_query(name)
    return run_cypher(store, query.text, query.arguments(given), timeout=timeout, limit=limit)


def check_dataset(store: Neo4jStore, name: Any) -> None:
    """Raise :class:`StoreError` when the database holds no dataset ``name``.

    A misspelt dataset would otherwise give an empty result that looks like an answer.
    """
    held = [d["name"] for d in store.datasets()]
    if name not in held:
        listing = ", ".join(repr(n) for n in held) if held else "no datasets"
        raise StoreError(
            f"no dataset {name!r} in {store.where}; it holds {listing}",
            hint="give --neo4j-dataset one of those names, or load the dataset with "
            "`graphtool load DATASET --name NAME`",
        )
