"""Consultants' Cypher: the query library and ad hoc queries.

Every query in ``queries/`` runs on the sample datasets loaded into a real
Neo4j server; each result is checked against the same answer computed
independently with pandas and networkx from the ``Dataset`` the files give
(and, where the Python analyses compute the same measure, against them).
The parsing of parameters and the CLI's messages are checked without a
server where they need none.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx
import pandas as pd
import pytest

from graphtool.cli import main
from graphtool.errors import QueryError
from graphtool.graphs import build_collaboration_graph
from graphtool.ingest import read_dataset
from graphtool.model import Dataset
from graphtool.store.queries import (
    check_parameters,
    list_queries,
    load_query,
    parameter_names,
    parse_parameter,
    run_named,
)
from graphtool.store.values import GraphNode, GraphPath, GraphRelationship
from tests.conftest import ROOT, SAMPLE_DATA
from tests.plugins.neo4j import store_for

neo4j = pytest.mark.neo4j
SAMPLES = ("lindenwaard", "knoke")
INSTITUTIONS = ["government", "public_service"]
RESIDENT_TYPES = ["resident_initiative", "residents_association"]


# --- the sample datasets, from files and in Neo4j -------------------------------------------


@pytest.fixture(scope="module")
def files() -> dict[str, Dataset]:
    return {name: read_dataset(SAMPLE_DATA / name) for name in SAMPLES}


@pytest.fixture(scope="module")
def loaded(neo4j_uri: str, files: dict[str, Dataset]) -> Iterator[dict[str, str]]:
    """Each sample dataset loaded once for this module, under a name of its own."""
    names = {sample: f"cypher-{sample}-{uuid.uuid4().hex[:8]}" for sample in SAMPLES}
    with store_for(neo4j_uri) as store:
        for sample, name in names.items():
            store.load(files[sample], name=name)
    yield names
    with store_for(neo4j_uri) as store:
        for name in names.values():
            store.drop(name)


@pytest.fixture(scope="module")
def store(neo4j_uri: str) -> Iterator[Any]:
    with store_for(neo4j_uri) as opened:
        yield opened


# --- independent answers ----------------------------------------------------------------------


def memberships(ds: Dataset) -> pd.DataFrame:
    """(action_id, organisation_id), each taking part once however many roles."""
    return ds.participations[["action_id", "organisation_id"]].drop_duplicates()


def ties(ds: Dataset, actions: set[str] | None = None) -> pd.DataFrame:
    """Organisation pairs (a < b) with the number of actions they share."""
    m = memberships(ds)
    if actions is not None:
        m = m[m["action_id"].isin(actions)]
    pairs = m.merge(m, on="action_id")
    pairs = pairs[pairs["organisation_id_x"] < pairs["organisation_id_y"]]
    return (
        pairs.groupby(["organisation_id_x", "organisation_id_y"])
        .size()
        .rename("shared")
        .reset_index()
        .rename(columns={"organisation_id_x": "a", "organisation_id_y": "b"})
    )


def weights(ds: Dataset) -> dict[str, dict[str, int]]:
    """Organisation -> partner -> shared actions (both directions)."""
    out: dict[str, dict[str, int]] = {}
    for a, b, w in ties(ds).itertuples(index=False):
        out.setdefault(a, {})[b] = int(w)
        out.setdefault(b, {})[a] = int(w)
    return out


def actions_of(ds: Dataset) -> dict[str, set[str]]:
    return memberships(ds).groupby("organisation_id")["action_id"].agg(set).to_dict()


def participants_of(ds: Dataset) -> dict[str, set[str]]:
    return memberships(ds).groupby("action_id")["organisation_id"].agg(set).to_dict()


def orgs(ds: Dataset) -> pd.DataFrame:
    return ds.organisations.set_index("id")


def funded_pairs(ds: Dataset) -> set[frozenset[str]]:
    return {frozenset(p) for p in zip(ds.funding["funder_id"], ds.funding["recipient_id"])}


def active(ds: Dataset, year: int | None) -> pd.DataFrame:
    ja = ds.joint_actions
    if year is None:
        return ja
    start, end = ja["start_year"], ja["end_year"]
    return ja[(start.isna() | (start <= year)) & (end.isna() | (end >= year))]


def expect_organisations_by_group(ds: Dataset, p: dict) -> list[dict]:
    counts = ds.organisations.groupby("sector").size()
    return [{"group": g, "organisations": int(n)} for g, n in sorted(counts.items())]


def expect_ei_index(ds: Dataset, p: dict) -> list[dict]:
    group = orgs(ds)[p["groupBy"]]
    rows = []
    for o, partners in weights(ds).items():
        e = sum(w for q, w in partners.items() if group[q] != group[o])
        i = sum(w for q, w in partners.items() if group[q] == group[o])
        rows.append(
            {
                "id": o,
                "name": orgs(ds).loc[o, "name"],
                "group": group[o],
                "partners": len(partners),
                "external": e,
                "internal": i,
                "eiIndex": (e - i) / (e + i),
            }
        )
    return sorted(rows, key=lambda r: (r["eiIndex"], r["id"]))


def expect_own_kind_only(ds: Dataset, p: dict) -> list[dict]:
    group, table = orgs(ds)[p["groupBy"]], orgs(ds)
    actions = actions_of(ds)
    rows = []
    for o, partners in weights(ds).items():
        if len(actions[o]) >= p["minActions"] and all(group[q] == group[o] for q in partners):
            rows.append(
                {
                    "id": o,
                    "name": table.loc[o, "name"],
                    "type": table.loc[o, "type"],
                    "group": group[o],
                    "actions": len(actions[o]),
                    "partners": len(partners),
                    "internal": sum(partners.values()),
                    "partnerIds": sorted(partners),
                }
            )
    return sorted(rows, key=lambda r: (-r["internal"], r["id"]))


def expect_solo_actions(ds: Dataset, p: dict) -> list[dict]:
    ja, table = ds.joint_actions.set_index("id"), orgs(ds)
    rows = []
    for a, members in sorted(participants_of(ds).items()):
        if len(members) == 1:
            (o,) = members
            rows.append(
                {
                    "actionId": a,
                    "action": ja.loc[a, "name"],
                    "theme": ja.loc[a, "theme"],
                    "neighbourhood": ja.loc[a, "neighbourhood"],
                    "startYear": none_if_na(ja.loc[a, "start_year"]),
                    "endYear": none_if_na(ja.loc[a, "end_year"]),
                    "organisationId": o,
                    "organisation": table.loc[o, "name"],
                    "type": table.loc[o, "type"],
                }
            )
    return rows


def none_if_na(value: Any) -> Any:
    return None if pd.isna(value) else int(value)


def expect_solo_share(ds: Dataset, p: dict) -> list[dict]:
    members, table = participants_of(ds), orgs(ds)
    rows = []
    for o, actions in actions_of(ds).items():
        if len(actions) < p["minActions"]:
            continue
        solo = sum(1 for a in actions if members[a] == {o})
        rows.append(
            {
                "id": o,
                "name": table.loc[o, "name"],
                "type": table.loc[o, "type"],
                "actions": len(actions),
                "soloActions": solo,
                "soloShare": solo / len(actions),
            }
        )
    return sorted(rows, key=lambda r: (-r["soloShare"], -r["actions"], r["id"]))


def expect_funded_not_collaborating(ds: Dataset, p: dict) -> list[dict]:
    tied = {frozenset((a, b)) for a, b in ties(ds)[["a", "b"]].itertuples(index=False)}
    f = ds.funding[ds.funding["funder_id"] != ds.funding["recipient_id"]]
    table = orgs(ds)
    rows = []
    for (funder, recipient), flows in f.groupby(["funder_id", "recipient_id"]):
        if frozenset((funder, recipient)) in tied or flows["amount"].sum() < p["minAmount"]:
            continue
        rows.append(
            {
                "funderId": funder,
                "funder": table.loc[funder, "name"],
                "recipientId": recipient,
                "recipient": table.loc[recipient, "name"],
                "amount": flows["amount"].sum(),
                "flows": len(flows),
                "firstYear": int(flows["year"].min()),
                "lastYear": int(flows["year"].max()),
            }
        )
    return sorted(rows, key=lambda r: (-r["amount"], r["funderId"], r["recipientId"]))


def expect_collaborating_not_funded(ds: Dataset, p: dict) -> list[dict]:
    funded, table = funded_pairs(ds), orgs(ds)
    actions = actions_of(ds)
    rows = []
    for a, b, shared in ties(ds).itertuples(index=False):
        if shared >= p["minShared"] and frozenset((a, b)) not in funded:
            rows.append(
                {
                    "id1": a,
                    "name1": table.loc[a, "name"],
                    "id2": b,
                    "name2": table.loc[b, "name"],
                    "sharedActions": int(shared),
                    "actionIds": sorted(actions[a] & actions[b]),
                }
            )
    return sorted(rows, key=lambda r: (-r["sharedActions"], r["id1"], r["id2"]))


def expect_money_paths_to_residents(ds: Dataset, p: dict) -> list[dict]:
    flows = ds.funding if p["year"] is None else ds.funding[ds.funding["year"] == p["year"]]
    amounts = flows.groupby(["funder_id", "recipient_id"])["amount"].sum().to_dict()
    graph = nx.DiGraph(list(amounts))
    table = orgs(ds)
    sources = [o for o in table.index[table["type"] == "national_government"] if o in graph]
    targets = [o for o in table.index[table["sector"] == p["residents"]] if o in graph]
    rows = []
    for s, t in itertools.product(sources, targets):
        for chain in nx.all_simple_paths(graph, s, t, cutoff=min(p["maxSteps"], 4)):
            steps = [amounts[(x, y)] for x, y in itertools.pairwise(chain)]
            rows.append(
                {
                    "steps": len(chain) - 1,
                    "chain": chain,
                    "names": [table.loc[o, "name"] for o in chain],
                    "amounts": steps,
                    "bottleneck": min(steps),
                }
            )
    return sorted(rows, key=lambda r: (r["steps"], -r["bottleneck"], r["chain"]))


def expect_residents_without_institutions(ds: Dataset, p: dict) -> list[dict]:
    table, w, actions = orgs(ds), weights(ds), actions_of(ds)
    rows = []
    for o in sorted(table.index[table["type"].isin(p["residentTypes"])]):
        partners = w.get(o, {})
        groups = {table.loc[q, "sector"] for q in partners}
        if groups & set(p["institutions"]):
            continue
        rows.append(
            {
                "id": o,
                "name": table.loc[o, "name"],
                "type": table.loc[o, "type"],
                "actions": len(actions.get(o, ())),
                "partners": len(partners),
                "partnerGroups": sorted(groups),
            }
        )
    return rows


def expect_energy_local_share(ds: Dataset, p: dict) -> list[dict]:
    table, members = orgs(ds), participants_of(ds)
    hoods = ds.organisation_neighbourhoods()
    active_in = set(zip(hoods["organisation_id"], hoods["neighbourhood"]))
    rows = []
    for a in ds.joint_actions[ds.joint_actions["theme"] == p["theme"]].itertuples():
        who = members.get(a.id, set())
        if not who:
            continue
        local = sum(1 for o in who if table.loc[o, "scale"] == "local")
        inside = sum(1 for o in who if (o, a.neighbourhood) in active_in)
        rows.append(
            {
                "actionId": a.id,
                "action": a.name,
                "neighbourhood": a.neighbourhood,
                "startYear": none_if_na(a.start_year),
                "endYear": none_if_na(a.end_year),
                "participants": len(who),
                "local": local,
                "localShare": local / len(who),
                "inNeighbourhood": inside,
                "inNeighbourhoodShare": inside / len(who),
            }
        )
    return sorted(rows, key=lambda r: (r["localShare"], r["actionId"]))


def expect_resident_institution_brokers(ds: Dataset, p: dict) -> list[dict]:
    table, w = orgs(ds), weights(ds)
    sector = table["sector"]
    rows = []
    for b, partners in w.items():
        residents = {q for q in partners if sector[q] == p["residents"]}
        institutions = {q for q in partners if sector[q] in p["institutions"]}
        if not residents or not institutions:
            continue
        pairs = sum(1 for r in residents for i in institutions if i not in w.get(r, {}))
        if pairs >= p["minPairs"]:
            rows.append(
                {
                    "id": b,
                    "name": table.loc[b, "name"],
                    "type": table.loc[b, "type"],
                    "group": sector[b],
                    "residentPartners": len(residents),
                    "institutionPartners": len(institutions),
                    "brokeredPairs": pairs,
                }
            )
    return sorted(rows, key=lambda r: (-r["brokeredPairs"], r["id"]))


def expect_funding_concentration(ds: Dataset, p: dict) -> list[dict]:
    flows = ds.funding if p["year"] is None else ds.funding[ds.funding["year"] == p["year"]]
    table = orgs(ds)
    rows = []
    for funder, given in flows.groupby("funder_id"):
        per = given.groupby("recipient_id")["amount"].sum()
        total = per.sum()
        if total <= 0:
            continue
        top = sorted(per.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        rows.append(
            {
                "funderId": funder,
                "funder": table.loc[funder, "name"],
                "total": total,
                "recipients": len(per),
                "topRecipientId": top,
                "topRecipient": table.loc[top, "name"],
                "topShare": per[top] / total,
                "hhi": float(((per / total) ** 2).sum()),
            }
        )
    return sorted(rows, key=lambda r: (-r["hhi"], -r["total"], r["funderId"]))


def expect_actions_by_neighbourhood_theme(ds: Dataset, p: dict) -> list[dict]:
    ja, members = active(ds, p["year"]), participants_of(ds)
    rows = []
    for (hood, theme), group in ja.groupby(["neighbourhood", "theme"]):
        ids = sorted(group["id"])
        who = set().union(*(members.get(a, set()) for a in ids))
        rows.append(
            {
                "neighbourhood": hood,
                "theme": theme,
                "actions": len(ids),
                "organisations": len(who),
                "actionIds": ids,
            }
        )
    return sorted(rows, key=lambda r: (r["neighbourhood"], r["theme"]))


def tie_set(ds: Dataset, year: int) -> dict[tuple[str, str], int]:
    """Ties of the year from the project's own collaboration graph of ``for_year``."""
    edges = build_collaboration_graph(ds.for_year(year)).edges()
    return {
        tuple(sorted((s, t))): int(w)
        for s, t, w in zip(edges["source"], edges["target"], edges["weight"], strict=True)
    }


def expect_tie_changes(ds: Dataset, p: dict) -> list[dict]:
    before, after, table = tie_set(ds, p["fromYear"]), tie_set(ds, p["toYear"]), orgs(ds)
    rows = []
    for pair in set(before) ^ set(after):
        a, b = pair
        rows.append(
            {
                "change": "new" if pair in after else "lost",
                "id1": a,
                "name1": table.loc[a, "name"],
                "id2": b,
                "name2": table.loc[b, "name"],
                "actionsFrom": before.get(pair, 0),
                "actionsTo": after.get(pair, 0),
            }
        )
    return sorted(rows, key=lambda r: (r["change"] != "new", r["id1"], r["id2"]))


def expect_partners_within(ds: Dataset, p: dict) -> list[dict]:
    graph = build_collaboration_graph(ds).to_networkx()
    table, origin = orgs(ds), p["organisation"]
    distances = nx.single_source_shortest_path_length(graph, origin, cutoff=min(p["steps"], 10))
    rows = [
        {
            "id": o,
            "name": table.loc[o, "name"],
            "type": table.loc[o, "type"],
            "group": table.loc[o, "sector"],
            "steps": d,
        }
        for o, d in distances.items()
        if o != origin
    ]
    return sorted(rows, key=lambda r: (r["steps"], r["id"]))


EXPECTED: dict[str, Callable[[Dataset, dict], list[dict]]] = {
    name.removeprefix("expect_"): func
    for name, func in globals().items()
    if name.startswith("expect_")
}

# The parameters each query runs with, beyond $dataset; defaults fill the rest.
RUNS: dict[str, list[dict[str, dict]]] = {
    "lindenwaard": {
        "own_kind_only": [{}, {"minActions": 4}, {"groupBy": "type"}],
        "ei_index": [{}, {"groupBy": "type"}],
        "solo_share": [{}, {"minActions": 3}],
        "funded_not_collaborating": [{}, {"minAmount": 100000}],
        "collaborating_not_funded": [{}, {"minShared": 5}],
        "money_paths_to_residents": [
            {},
            {"year": 2018},
            {"maxSteps": 4, "year": 2013},
            {"maxSteps": 1},
        ],
        "residents_without_institutions": [{}, {"institutions": ["government"]}],
        "energy_local_share": [{}, {"theme": "youth"}],
        "resident_institution_brokers": [{}, {"minPairs": 10}],
        "funding_concentration": [{}, {"year": 2019}],
        "actions_by_neighbourhood_theme": [{}, {"year": 2015}],
        "tie_changes": [{"fromYear": 2014, "toYear": 2015}, {"fromYear": 2012, "toYear": 2019}],
        "partners_within": [
            {"organisation": "wc-woongoed"},
            {"organisation": "wc-woongoed", "steps": 1},
            {"organisation": "bi-speeltuin", "steps": 12},
        ],
    },
    "knoke": {
        "own_kind_only": [{}, {"groupBy": "type"}],
        "tie_changes": [{"fromYear": 1980, "toYear": 1981}],
        "partners_within": [{"organisation": "COUN", "steps": 1}, {"organisation": "NEWS"}],
    },
}


#: Queries on the analysis results (`load --analyses`): their answers, from the Python
#: analyses, are checked in tests/test_store_results.py.
ON_RESULTS = {
    "flagged_by_money_received",
    "suggested_links_across_neighbourhoods",
    "brokers_with_roles",
    "communities_flagged",
    "flag_changes",
}


def runs() -> list[Any]:
    cases = []
    for sample in SAMPLES:
        for name in sorted(set(list_queries()) - ON_RESULTS):
            for params in RUNS[sample].get(name, [{}]):
                label = ",".join(f"{k}={v}" for k, v in params.items()) or "defaults"
                cases.append(pytest.param(sample, name, params, id=f"{sample}-{name}-{label}"))
    return cases


def same(actual: Any, expected: Any) -> bool:
    """Equal, floats to 1e-9 relative (Cypher and pandas sum in different orders)."""
    if isinstance(expected, float) or isinstance(actual, float):
        return (
            actual is not None
            and expected is not None
            and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)
        )
    if isinstance(expected, list) and isinstance(actual, list):
        return len(actual) == len(expected) and all(map(same, actual, expected))
    if hasattr(expected, "item"):
        expected = expected.item()
    return actual == expected


def canonical(row: dict) -> str:
    """A row as JSON with floats rounded to cents, to compare rows as sets."""

    def cents(value: Any) -> Any:
        if isinstance(value, list):
            return [cents(v) for v in value]
        return round(float(value), 2) if isinstance(value, float) else value

    return json.dumps({k: cents(v) for k, v in row.items()}, sort_keys=True)


def assert_rows(actual: list[dict], expected: list[dict], keys: list[str] | None = None) -> None:
    assert len(actual) == len(expected), (actual[:3], expected[:3])
    for i, (a, e) in enumerate(zip(actual, expected, strict=True)):
        for key in keys or list(e):
            assert same(a[key], e[key]), f"row {i}, {key}: {a[key]!r} != {e[key]!r}\n{a}\n{e}"


# --- the store's run: graph values and errors ---------------------------------------------


@neo4j
def test_run_returns_nodes_relationships_and_paths_that_know_their_kind(neo4j_store):
    neo4j_store.run(
        "CREATE (:CypherTestNode {id: 'a'})<-[:CYPHER_TEST {n: 1}]-(:CypherTestNode {id: 'b'})",
        write=True,
    )
    try:
        result = neo4j_store.run(
            "MATCH p = (a:CypherTestNode {id: 'a'})<-[r:CYPHER_TEST]-(:CypherTestNode) "
            "RETURN p, a, r, {labels: ['Map'], properties: {}} AS map"
        )
    finally:
        neo4j_store.run("MATCH (n:CypherTestNode) DETACH DELETE n", write=True)
    row = result.rows[0]
    assert isinstance(row["a"], GraphNode)
    assert row["a"] == {"labels": ["CypherTestNode"], "properties": {"id": "a"}}
    assert isinstance(row["r"], GraphRelationship)
    assert row["r"] == {"type": "CYPHER_TEST", "properties": {"n": 1}}
    path = row["p"]
    assert isinstance(path, GraphPath)
    assert [n["properties"]["id"] for n in path["nodes"]] == ["a", "b"]
    assert path["forward"] == [False]  # (a)<-(b): the relationship points back
    assert type(row["map"]) is dict


@neo4j
def test_run_reports_syntax_errors_with_the_position(neo4j_store):
    with pytest.raises(QueryError) as info:
        neo4j_store.run("MATCH (n) RETURN n LIMT 1")
    assert info.value.message.startswith(
        "Neo.ClientError.Statement.SyntaxError: Invalid input 'LIMT'"
    )
    assert "(line 1, column 20 (offset: 19))" in info.value.message
    assert info.value.message.endswith('"MATCH (n) RETURN n LIMT 1"\n' + " " * 20 + "^")
    assert info.value.hint == "fix the query where the ^ points (line and column as given)"


# --- the library, query by query ------------------------------------------------------------


def test_every_query_has_an_independent_answer() -> None:
    from tests import test_store_results

    assert sorted(EXPECTED) == sorted(set(list_queries()) - ON_RESULTS)
    tested = {n.removeprefix("test_") for n in dir(test_store_results) if n.startswith("test_")}
    assert all(any(t.startswith(q) for t in tested) for q in ON_RESULTS)
    assert ON_RESULTS <= set(list_queries())
    assert len(list_queries()) >= 12


@neo4j
@pytest.mark.parametrize(("sample", "name", "params"), runs())
def test_library_query_gives_the_independent_answer(store, loaded, files, sample, name, params):
    query = load_query(name)
    given = {"dataset": loaded[sample], **params}
    result = run_named(store, name, given)
    expected = EXPECTED[name](files[sample], query.arguments(given))
    if expected:
        assert result.columns[: len(expected[0])] == list(expected[0])
    if name == "money_paths_to_residents":  # ties in bottleneck order freely; compare sets
        assert sorted(map(canonical, result.rows)) == sorted(map(canonical, expected))
        keys = [(r["steps"], -r["bottleneck"]) for r in result.rows]
        assert keys == sorted(keys)
    elif name == "partners_within":  # via is one of possibly several shortest chains
        assert_rows(result.rows, expected, ["id", "name", "type", "group", "steps"])
        graph = build_collaboration_graph(files[sample]).to_networkx()
        for row in result.rows:
            chain = [params["organisation"], *row["via"], row["id"]]
            assert len(chain) == row["steps"] + 1
            assert all(graph.has_edge(a, b) for a, b in itertools.pairwise(chain))
    else:
        assert_rows(result.rows, expected)
    assert not result.truncated


@neo4j
def test_the_deliberate_patterns_of_lindenwaard_show(store, loaded):
    """The sample's documented patterns (sample_data/README.md) come out of the library."""
    name = loaded["lindenwaard"]
    own_kind = {r["id"]: r for r in run_named(store, "own_kind_only", {"dataset": name}).rows}
    assert {"zorg-zorgkring", "wc-woongoed"} <= set(own_kind)
    assert "fnd-lindenhout" not in own_kind  # one tie outside its group: E-I -0.750
    assert own_kind["wc-woongoed"]["partnerIds"] == ["wc-gildewonen"]
    solo = run_named(store, "solo_actions", {"dataset": name})
    woongoed = [r["actionId"] for r in solo.rows if r["organisationId"] == "wc-woongoed"]
    assert woongoed == ["ja-005", "ja-006", "ja-021", "ja-050", "ja-051"]
    ei = {r["id"]: r for r in run_named(store, "ei_index", {"dataset": name}).rows}
    # sample_data/README.md: gem-lindenwaard E 110, I 15, E-I +0.760; zorg-zorgkring -1
    assert (ei["gem-lindenwaard"]["external"], ei["gem-lindenwaard"]["internal"]) == (110, 15)
    assert ei["gem-lindenwaard"]["eiIndex"] == pytest.approx(0.760, abs=5e-4)
    assert ei["zorg-zorgkring"]["eiIndex"] == -1.0
    solo_share = run_named(store, "solo_share", {"dataset": name}).rows
    share = {r["id"]: r["soloShare"] for r in solo_share}
    assert share["wc-woongoed"] == pytest.approx(0.714, abs=5e-4)
    concentration = run_named(store, "funding_concentration", {"dataset": name}).rows
    assert concentration[0]["funderId"] == "wc-woongoed"  # all its money to its subsidiary
    assert concentration[0]["topRecipientId"] == "wc-woongoed-wb"
    assert concentration[0]["hhi"] == 1.0


@neo4j
@pytest.mark.parametrize("sample", SAMPLES)
def test_solo_share_and_ei_index_agree_with_the_territorial_drive_analysis(
    store, loaded, files, sample
):
    from graphtool.analyses.territorial_drive import territorial_drive

    rows = {r["id"]: r for r in territorial_drive(files[sample])}
    given = {"dataset": loaded[sample]}
    ei = run_named(store, "ei_index", given).rows
    solo = run_named(store, "solo_share", given).rows
    assert ei and solo
    for row in ei:
        assert row["eiIndex"] == pytest.approx(rows[row["id"]]["ei_index"], abs=1e-12)
    for row in solo:
        assert row["soloShare"] == pytest.approx(rows[row["id"]]["solo_share"], abs=1e-12)
    scored = {o for o, r in rows.items() if r["solo_share"] is not None}
    assert {r["id"] for r in solo} == scored


# --- parameters: parsing and checking, no server needed ---------------------------------------


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("n=2", ("n", 2)),
        ("n=-3", ("n", -3)),
        ("x=0.5", ("x", 0.5)),
        ("x=1e3", ("x", 1000.0)),
        ("b=true", ("b", True)),
        ("b=False", ("b", False)),
        ("v=null", ("v", None)),
        ("id=wc-woongoed", ("id", "wc-woongoed")),
        ("name=De Wilgenhoek", ("name", "De Wilgenhoek")),
        ("s='2019'", ("s", "2019")),
        ('l=["government", "public_service"]', ("l", ["government", "public_service"])),
        ('m={"a": 1}', ("m", {"a": 1})),
        ('id:="007"', ("id", "007")),
        ("n:=12", ("n", 12)),
        ("e=", ("e", "")),
        ("expr=a=b", ("expr", "a=b")),
    ],
)
def test_parameters_are_typed(argument: str, expected: tuple) -> None:
    key, value = parse_parameter(argument)
    assert (key, value) == expected
    assert type(value) is type(expected[1])


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("steps", "'steps' is not a parameter"),
        ("two words=1", "'two words=1' is not a parameter"),
        ("=1", "'=1' is not a parameter"),
        ("l=[1,", "'[1,' is not valid JSON: Expecting value at character 4"),
        ("l:=text", "'text' is not valid JSON: Expecting value at character 1"),
    ],
)
def test_bad_parameters(argument: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_parameter(argument)
    assert info.value.message == message


def test_parameter_names_skip_strings_and_comments() -> None:
    cypher = (
        "MATCH (o:Organisation {dataset: $dataset, id: $id}) // not $this\n"
        "/* nor $that */ WHERE o.name <> '$text' AND o.x <> \"$too\" AND o.`$odd` = $`a b`\n"
        "RETURN $id, $0"
    )
    assert parameter_names(cypher) == ["dataset", "id", "a b", "0"]


def test_check_parameters() -> None:
    check_parameters("RETURN $a, $b", {"a": 1, "b": 2})
    with pytest.raises(QueryError) as info:
        check_parameters("RETURN $a, $b, $dataset", {"a": 1})
    assert str(info.value) == (
        "the query uses $b, $dataset but no value was given\n"
        "hint: give --param b=VALUE --neo4j-dataset NAME"
    )
    with pytest.raises(QueryError) as info:
        check_parameters("RETURN $a", {"a": 1, "stpes": 2})
    assert str(info.value) == (
        "the query does not use $stpes\nhint: it uses $a; check the spelling of the parameter names"
    )


def test_library_defaults_fill_the_parameters() -> None:
    query = load_query("partners_within")
    assert query.defaults == {"steps": 2}
    assert query.arguments({"dataset": "d", "organisation": "o"}) == {
        "dataset": "d",
        "organisation": "o",
        "steps": 2,
    }
    assert query.arguments({"dataset": "d", "organisation": "o", "steps": 4})["steps"] == 4
    with pytest.raises(QueryError) as info:
        query.arguments({"dataset": "d"})
    assert str(info.value) == (
        "query 'partners_within' needs $organisation\nhint: give --param organisation=VALUE"
    )
    with pytest.raises(QueryError) as info:
        query.arguments({"dataset": "d", "organisation": "o", "step": 3})
    assert str(info.value) == (
        "query 'partners_within' has no parameter $step\n"
        "hint: its parameters are $dataset, $organisation, $steps; "
        "see `graphtool queries show partners_within`"
    )
    assert load_query("residents_without_institutions").defaults == {
        "residentTypes": RESIDENT_TYPES,
        "institutions": INSTITUTIONS,
    }
    assert load_query("money_paths_to_residents").defaults["year"] is None


@pytest.mark.parametrize("name", list_queries())
def test_every_library_query_is_scoped_to_one_dataset(name: str) -> None:
    query = load_query(name)
    assert "dataset" in query.parameters
    assert "{dataset: $dataset" in query.text
    assert query.example


def test_a_bad_default_is_refused() -> None:
    from graphtool.store.queries import parse_query

    with pytest.raises(QueryError) as info:
        parse_query("q", "// Q.\n// Parameters:\n//   $l  a list (default: [1,)\nRETURN $l")
    assert info.value.message == (
        "query 'q': the default of $l is not a value: '[1,' is not valid JSON: "
        "Expecting value at character 4"
    )


# --- the commands: graphtool query, graphtool queries -----------------------------------------


def invoke(runner, *args: str, input: str | None = None):
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_queries_list(runner) -> None:
    result = invoke(runner, "queries", "list", "--format", "csv")
    assert result.exit_code == 0
    rows = list(pd.read_csv(io.StringIO(result.stdout)).itertuples(index=False))
    assert [r.name for r in rows] == list_queries()
    solo = next(r for r in rows if r.name == "solo_actions")
    assert solo.description == (
        "Solo actions: joint actions with a single participating organisation."
    )
    assert solo.parameters == "$dataset"
    for row in rows:
        assert row.description.endswith(".") and "\n" not in row.description
        assert len(row.description) <= 100


def test_queries_show(runner) -> None:
    result = invoke(runner, "queries", "show", "partners_within")
    assert result.exit_code == 0
    query = load_query("partners_within")
    assert result.stdout.startswith("partners_within\n\nPartners of an organisation within N steps")
    assert (
        "Parameters:\n"
        "  $dataset       name of the dataset, as it was loaded into Neo4j (--neo4j-dataset)\n"
        "  $organisation  the id of the organisation to start from (required)\n"
        "  $steps         how many steps at most (default: 2)\n"
    ) in result.stdout
    assert result.stdout.endswith("\n" + query.text + "\n")


def test_queries_show_and_run_an_unknown_query(runner) -> None:
    for args in (["show", "no_such"], ["run", "no_such"]):
        result = invoke(runner, "queries", *args)
        assert result.exit_code == 1
        assert result.stderr.startswith("error: no query named 'no_such'\nhint: known queries: ")


def test_queries_run_checks_parameters_before_connecting(runner) -> None:
    """Port 1 has no server: these fail on their parameters, before any connection."""
    result = invoke(
        runner,
        "queries",
        "run",
        "tie_changes",
        "--neo4j-dataset",
        "x",
        "-p",
        "fromYear=2014",
        "--uri",
        "bolt://127.0.0.1:1",
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "error: query 'tie_changes' needs $toYear\nhint: give --param toYear=VALUE\n"
    )
    result = invoke(runner, "queries", "run", "solo_actions", "--uri", "bolt://127.0.0.1:1")
    assert result.stderr == (
        "error: query 'solo_actions' needs $dataset\nhint: give --neo4j-dataset NAME\n"
    )


def test_connection_refused(runner) -> None:
    result = invoke(runner, "query", "RETURN 1", "--uri", "bolt://127.0.0.1:1")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: cannot connect to Neo4j at bolt://127.0.0.1:1: is the server running?\n"
        "hint: start Neo4j, or set NEO4J_URI (or --uri) to the server's address\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the query as CYPHER, or --file F, or - to read stdin"),
        (["RETURN 1", "--file", "-"], "give the query as CYPHER, or --file F, or - to read stdin"),
        (["RETURN $x", "-p", "x"], "Invalid value for '--param' / '-p': 'x' is not a parameter"),
        (["RETURN $x", "-p", "x=1", "-p", "x=2"], "$x is given twice"),
        (["RETURN $dataset", "--neo4j-dataset", "a", "-p", "dataset=b"], "give the dataset once"),
        (["RETURN 1", "--limit", "-1"], "Invalid value for '--limit'"),
        (["RETURN 1", "--timeout", "-1"], "Invalid value for '--timeout'"),
    ],
)
def test_bad_arguments_are_usage_errors(runner, args: list[str], message: str) -> None:
    result = invoke(runner, "query", *args, "--uri", "bolt://127.0.0.1:1")
    assert result.exit_code == 2
    assert message in result.stderr


@neo4j
def test_read_only_unless_write(runner, neo4j_env, store) -> None:
    marker = f"cypher-test-{uuid.uuid4().hex[:8]}"
    create = "CREATE (n:CypherTest {id: $id}) RETURN n"
    refused = invoke(runner, "query", create, "-p", f"id={marker}")
    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert refused.stderr == (
        "error: refused a query that writes: without --write a query may only read the graph; "
        "give --write to allow it\n"
    )
    count = "MATCH (n:CypherTest {id: $id}) RETURN count(n) AS n"
    assert store.run(count, {"id": marker}).rows == [{"n": 0}]
    written = invoke(runner, "query", create, "-p", f"id={marker}", "--write")
    try:
        assert written.exit_code == 0, written.stderr
        node = f"(:CypherTest {{id: '{marker}'}})"
        assert written.stdout == f"n\n{'-' * len(node)}\n{node}\n"
        assert written.stderr == "changes: 1 labels added, 1 nodes created, 1 properties set\n"
        assert store.run(count, {"id": marker}).rows == [{"n": 1}]
    finally:
        deleted = invoke(
            runner,
            "query",
            "MATCH (n:CypherTest {id: $id}) DELETE n",
            "-p",
            f"id={marker}",
            "--write",
        )
    assert deleted.stdout == ""
    assert deleted.stderr == "changes: 1 nodes deleted\n"


@neo4j
def test_parameters_travel_typed(runner, neo4j_env) -> None:
    result = invoke(
        runner,
        "query",
        "RETURN $n AS n, $x AS x, $b AS b, $v AS v, $l AS l, $s AS s, $t AS t, "
        "valueType($n) AS nType, valueType($l) AS lType, valueType($s) AS sType",
        "-p",
        "n=2",
        "-p",
        "x=0.5",
        "-p",
        "b=true",
        "-p",
        "v=null",
        "-p",
        'l=["government", 2]',
        "-p",
        's:="007"',
        "-p",
        "t=it's text",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [
        {
            "n": 2,
            "x": 0.5,
            "b": True,
            "v": None,
            "l": ["government", 2],
            "s": "007",
            "t": "it's text",
            "nType": "INTEGER NOT NULL",
            "lType": "LIST<STRING NOT NULL | INTEGER NOT NULL> NOT NULL",
            "sType": "STRING NOT NULL",
        }
    ]


@neo4j
def test_values_are_never_formatted_into_the_text(runner, neo4j_env, loaded) -> None:
    """A value that looks like Cypher stays a value: no match, no injection."""
    result = invoke(
        runner,
        "query",
        "MATCH (o:Organisation {dataset: $dataset, id: $id}) RETURN o.id",
        "--neo4j-dataset",
        loaded["lindenwaard"],
        "-p",
        "id=x' OR 1=1 //",
    )
    assert result.exit_code == 0
    assert result.stdout == "o.id\n----\n(none)\n"


@neo4j
def test_syntax_error(runner, neo4j_env) -> None:
    result = invoke(runner, "query", "MATCH (n)\nRETURN n LIMT 1")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "error: Neo.ClientError.Statement.SyntaxError: Invalid input 'LIMT'"
    )
    assert "(line 2, column 10 (offset: 19))\n" in result.stderr
    assert result.stderr.endswith(
        '"RETURN n LIMT 1"\n' + " " * 10 + "^\nhint: fix the query where the ^ points "
        "(line and column as given)\n"
    )
    assert "Traceback" not in result.stderr


@neo4j
@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["RETURN $x, $y", "-p", "x=1"],
            "error: the query uses $y but no value was given\nhint: give --param y=VALUE\n",
        ),
        (
            ["RETURN $x", "-p", "x=1", "-p", "z=2"],
            "error: the query does not use $z\n"
            "hint: it uses $x; check the spelling of the parameter names\n",
        ),
        (
            ["MATCH (o:Organisation {dataset: $dataset}) RETURN o"],
            "error: the query uses $dataset but no value was given\n"
            "hint: give --neo4j-dataset NAME\n",
        ),
    ],
)
def test_parameters_are_checked_before_sending(runner, neo4j_env, args, stderr) -> None:
    result = invoke(runner, "query", *args)
    assert result.exit_code == 1
    assert result.stderr == stderr


@neo4j
def test_timeout(runner, neo4j_env) -> None:
    # 10^10 rows: far longer than the timeout on any machine
    result = invoke(
        runner,
        "query",
        "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y RETURN count(x + y)",
        "--timeout",
        "0.5",
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: the query ran longer than 0.5 s and was stopped\n"
        "hint: give a larger --timeout or narrow the query\n"
    )


@neo4j
def test_row_limit(runner, neo4j_env) -> None:
    cut = invoke(
        runner, "query", "UNWIND range(1, 5) AS x RETURN x", "--limit", "2", "--format", "csv"
    )
    assert cut.exit_code == 0
    assert cut.stdout == "x\n1\n2\n"
    assert cut.stderr == (
        "warning: showing the first 2 rows; the query returned more "
        "(give --limit N for more, --limit 0 for all)\n"
    )
    exact = invoke(
        runner, "query", "UNWIND range(1, 5) AS x RETURN x", "--limit", "5", "--format", "csv"
    )
    assert (exact.stdout, exact.stderr) == ("x\n1\n2\n3\n4\n5\n", "")
    everything = invoke(
        runner, "query", "UNWIND range(1, 1500) AS x RETURN x", "--limit", "0", "--format", "json"
    )
    assert len(json.loads(everything.stdout)) == 1500
    default = invoke(runner, "query", "UNWIND range(1, 1500) AS x RETURN x", "--format", "json")
    assert len(json.loads(default.stdout)) == 1000
    assert "showing the first 1000 rows" in default.stderr


@neo4j
def test_query_from_a_file_and_from_stdin(runner, neo4j_env, loaded, tmp_path) -> None:
    text = "MATCH (o:Organisation {dataset: $dataset}) RETURN count(o) AS organisations"
    path = tmp_path / "count.cypher"
    path.write_text(text, encoding="utf-8")
    name = loaded["knoke"]
    from_file = invoke(runner, "query", "--file", str(path), "--neo4j-dataset", name)
    from_stdin = invoke(runner, "query", "-", "--neo4j-dataset", name, input=text)
    expected = "organisations\n-------------\n           10\n"
    assert (from_file.exit_code, from_file.stdout) == (0, expected)
    assert (from_stdin.exit_code, from_stdin.stdout) == (0, expected)


@neo4j
def test_unknown_dataset_and_a_query_that_ignores_it(runner, neo4j_env, loaded) -> None:
    missing = invoke(
        runner,
        "query",
        "MATCH (o:Organisation {dataset: $dataset}) RETURN o",
        "--neo4j-dataset",
        "no-such-dataset",
    )
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: no dataset 'no-such-dataset' in Neo4j at ")
    assert repr(loaded["knoke"]) in missing.stderr
    ignored = invoke(runner, "query", "RETURN 1 AS one", "--neo4j-dataset", loaded["knoke"])
    assert ignored.exit_code == 0
    assert ignored.stderr == (
        "warning: the query does not use $dataset, so --neo4j-dataset has no effect; "
        "match on {dataset: $dataset} to stay within one dataset\n"
    )


@neo4j
def test_nodes_relationships_and_paths_are_readable(runner, neo4j_env, loaded, files) -> None:
    flows = files["lindenwaard"].funding
    flow = flows[(flows["funder_id"] == "wc-woongoed") & (flows["year"] == 2012)].iloc[0]
    query = (
        "MATCH p = (f:Organisation {dataset: $dataset, id: 'wc-woongoed'})"
        "-[m:FUNDS {year: 2012}]->(r:Organisation) RETURN f, m, p"
    )
    result = invoke(
        runner, "query", query, "--neo4j-dataset", loaded["lindenwaard"], "--format", "md"
    )
    assert result.exit_code == 0, result.stderr
    woongoed = "(:Organisation {id: 'wc-woongoed', name: 'Woongoed Middenland'})"
    funds = (
        f"[:FUNDS {{amount: {float(flow['amount'])!r}, programme: '{flow['programme']}', "
        "year: 2012}]"
    )
    subsidiary = "(:Organisation {id: 'wc-woongoed-wb', name: 'Woongoed Wijkbeheer B.V.'})"
    # Markdown cells escape the brackets and the arrow's ">" (they would be links and HTML)
    path = f"{woongoed}-{funds}->{subsidiary}"
    cells = [
        c.replace("[", "\\[").replace("]", "\\]").replace(">", "\\>")
        for c in (woongoed, funds, path)
    ]
    assert result.stdout == "| f | m | p |\n|---|---|---|\n| " + " | ".join(cells) + " |\n"
    as_json = invoke(
        runner, "query", query, "--neo4j-dataset", loaded["lindenwaard"], "--format", "json"
    )
    row = json.loads(as_json.stdout)[0]
    assert row["f"]["labels"] == ["Organisation"]
    assert row["m"]["type"] == "FUNDS" and row["m"]["properties"]["year"] == 2012
    assert row["p"]["forward"] == [True]


@neo4j
def test_queries_run(runner, neo4j_env, loaded) -> None:
    result = invoke(
        runner,
        "queries",
        "run",
        "partners_within",
        "--neo4j-dataset",
        loaded["lindenwaard"],
        "-p",
        "organisation=wc-woongoed",
        "-p",
        "steps=1",
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "id,name,type,group,steps,via\n"
        "wc-gildewonen,Stichting Gildewonen,housing_association,public_service,1,\n"
    )


# --- the documentation ------------------------------------------------------------------------


def library_table() -> str:
    """The table of queries docs/cypher.md must hold, generated from the library."""
    lines = ["| query | answers | parameters (default) |", "|---|---|---|"]
    for name in list_queries():
        query = load_query(name)
        from graphtool.cli.query import first_sentence

        params = ", ".join(
            f"`${p}`" + (f" ({json.dumps(query.defaults[p])})" if p in query.defaults else "")
            for p in query.parameters
        )
        lines.append(f"| `{name}` | {first_sentence(query.description)} | {params} |")
    return "\n".join(lines) + "\n"


def test_every_query_is_in_the_docs() -> None:
    doc = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    assert library_table() in doc, (
        "docs/cypher.md's table of queries is out of date; replace it with:\n\n" + library_table()
    )


def test_docs_show_each_label_and_relationship() -> None:
    from graphtool.model import (
        ACTIVE_IN,
        FUNDS,
        IN,
        JOINT_ACTION,
        NEIGHBOURHOOD,
        ORGANISATION,
        PARTICIPATES_IN,
    )

    doc = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    for label in (ORGANISATION, JOINT_ACTION, NEIGHBOURHOOD):
        assert f"(:{label} {{" in doc
    for rel in (PARTICIPATES_IN, FUNDS, IN, ACTIVE_IN):
        assert f"[:{rel}" in doc
    assert "docs/neo4j.md" in doc or "(neo4j.md)" in doc
