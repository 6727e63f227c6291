"""The named query library: every file in queries/ loads, headers are parsed, names are checked."""

from __future__ import annotations

import pytest

from graphtool.errors import QueryError
from graphtool.store.queries import Query, list_queries, load_query, parse_query
from tests.conftest import ROOT

QUERY_FILES = sorted(p.stem for p in (ROOT / "queries").glob("*.cypher"))


def test_list_queries_is_the_folder() -> None:
    assert list_queries() == QUERY_FILES
    assert "organisations_by_group" in QUERY_FILES


@pytest.mark.parametrize("name", QUERY_FILES)
def test_every_query_loads_with_a_description(name: str) -> None:
    query = load_query(name)
    assert query.name == name
    assert query.description
    assert query.returns
    assert query.example
    assert "$" not in query.description or query.parameters


def test_organisations_by_group() -> None:
    assert load_query("organisations_by_group") == Query(
        name="organisations_by_group",
        description="Organisations per group (sector) in one dataset.",
        parameters={"dataset": "name of the dataset, as it was loaded into Neo4j"},
        text=(
            "MATCH (o:Organisation {dataset: $dataset})\n"
            "RETURN o.sector AS group, count(*) AS organisations\n"
            "ORDER BY group"
        ),
        returns="one row per group, sorted by group: group (the organisation's sector), "
        "organisations (how many).",
        example=":param dataset => 'lindenwaard'\n"
        "gives rows such as {group: 'government', organisations: 4}",
    )


@pytest.mark.parametrize("name", ["no_such_query", "../pyproject", "Organisations_By_Group", ""])
def test_unknown_name(name: str) -> None:
    with pytest.raises(QueryError) as info:
        load_query(name)
    assert str(info.value) == (
        f"no query named {name!r}\nhint: known queries: " + ", ".join(QUERY_FILES)
    )


def test_parameters_span_lines_and_must_match_the_body() -> None:
    source = (
        "// Partners of one organisation.\n"
        "// Parameters:\n"
        "//   $dataset  the dataset\n"
        "//   $id       the organisation,\n"
        "//             by its id\n"
        "MATCH (o:Organisation {dataset: $dataset, id: $id}) RETURN o\n"
    )
    query = parse_query("partners", source)
    assert query.parameters == {"dataset": "the dataset", "id": "the organisation, by its id"}
    assert query.text == "MATCH (o:Organisation {dataset: $dataset, id: $id}) RETURN o"
    with pytest.raises(QueryError, match=r"used but not documented: \$id\n") as info:
        parse_query(
            "partners",
            source.replace("//   $id       the organisation,\n", "").replace(
                "//             by its id\n", ""
            ),
        )
    assert info.value.hint == "list every parameter under '// Parameters:' as '//   $name  meaning'"
    with pytest.raises(QueryError, match=r"documented but not used: \$limit"):
        parse_query(
            "partners", source.replace("// Parameters:\n", "// Parameters:\n//   $limit  n\n")
        )


def test_a_query_needs_a_header() -> None:
    with pytest.raises(QueryError, match="needs a comment header and a body"):
        parse_query("bare", "MATCH (n) RETURN n\n")
