"""Analysis results in the graph: ``graphtool load DATASET --analyses``.

The properties read back from the real server are compared with the Python
analysis of the same dataset (``graph_results``), every stored property of
every organisation and suggested link; the flagged organisations of the
sample municipality are the three siloed ones its README documents.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.analyses.graph_results import graph_results
from graphtool.cli import main
from graphtool.ingest import read_dataset
from graphtool.store.neo4j.results import AnalysisResults, mapped, prepare
from graphtool.store.neo4j.schema import camel_case
from tests.conftest import SAMPLE_DATA

neo4j = pytest.mark.neo4j
#: sample_data/README.md: the three organisations built to keep to themselves.
SILOS = {"wc-woongoed", "zorg-zorgkring", "fnd-lindenhout"}


# --- the mapping, without a server ------------------------------------------------------------


def test_any_column_a_result_carries_is_stored_under_its_camel_case_name() -> None:
    """Columns added later by other analyses (a p-value, a plausibility) flow through."""
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "territorial_drive_score": [0.5, np.nan],
            "territorial_drive_p_value": [0.01, 0.2],
            "territorial_drive_flag_stability": [0.9, None],
            "territorial_drive_flagged": [True, False],
            "community": [1, 2],
            "territorial_drive_reasons": [["x", "y"], []],
            "records": [{"code": "c"}, {"code": "d"}],
            "name": ["clash", "clash"],
        }
    )
    rows, names, skipped = mapped(frame, ("id",), taken={"name", "community"})
    assert names == {
        "territorial_drive_score": "territorialDriveScore",
        "territorial_drive_p_value": "territorialDrivePValue",
        "territorial_drive_flag_stability": "territorialDriveFlagStability",
        "territorial_drive_flagged": "territorialDriveFlagged",
        "community": "community2",
        "territorial_drive_reasons": "territorialDriveReasons",
        "name": "name2",
    }
    assert skipped == ["records"]
    assert rows[0] == {
        "id": "a",
        "p": {
            "territorialDriveScore": 0.5,
            "territorialDrivePValue": 0.01,
            "territorialDriveFlagStability": 0.9,
            "territorialDriveFlagged": True,
            "community2": 1,
            "territorialDriveReasons": ["x", "y"],
            "name2": "clash",
        },
    }
    # missing and non-finite values leave the property unset
    assert "territorialDriveScore" not in rows[1]["p"]
    assert "territorialDriveFlagStability" not in rows[1]["p"]


def test_suggestions_and_the_run_record_their_mapping() -> None:
    results = AnalysisResults(
        pd.DataFrame({"id": ["a"], "betweenness": [0.25]}),
        pd.DataFrame(
            {
                "source": ["a"],
                "target": ["b"],
                "score": [0.7],
                "rank": [1],
                "plausibility": [0.4],
                "value": [0.8],
                "reasons": [["r"]],
            }
        ),
        {"graphtoolVersion": "0.1.0", "fingerprint": "f"},
    )
    stored = prepare(results, ["id", "name"])
    assert stored.suggestions == [
        {
            "s": "a",
            "t": "b",
            "p": {"score": 0.7, "rank": 1, "plausibility": 0.4, "value": 0.8, "reasons": ["r"]},
        }
    ]
    assert json.loads(stored.run["properties"]) == {
        "organisations": {"betweenness": "betweenness"},
        "suggestedLinks": {
            "score": "score",
            "rank": "rank",
            "plausibility": "plausibility",
            "value": "value",
            "reasons": "reasons",
        },
    }


# --- against the real server ------------------------------------------------------------------


@pytest.fixture(scope="module")
def lindenwaard():
    return read_dataset(SAMPLE_DATA / "lindenwaard")


@pytest.fixture(scope="module")
def python_results(lindenwaard):
    """The Python analysis, as `load --analyses` hands it to the store (reasons as sentences)."""
    from graphtool.cli.store import analysis_results

    results = analysis_results(lindenwaard, 10, 200)
    return results.organisations, results.suggestions, json.loads(results.run["configuration"])


@pytest.fixture
def loaded(neo4j_env, neo4j_name, lindenwaard) -> str:
    name = neo4j_name("analyses")
    result = CliRunner().invoke(
        main, ["--quiet", "load", str(SAMPLE_DATA / "lindenwaard"), "--name", name, "--analyses"]
    )
    assert result.exit_code == 0, result.stderr
    return name


def _same(stored, expected) -> bool:
    if isinstance(expected, float):
        return isinstance(stored, float) and math.isclose(stored, expected, rel_tol=0, abs_tol=0)
    return stored == expected


@neo4j
def test_the_three_silos_are_flagged_in_the_graph(loaded, neo4j_store) -> None:
    rows = neo4j_store.run(
        "MATCH (o:Organisation {dataset: $d}) WHERE o.territorialDriveFlagged RETURN o.id AS id",
        {"d": loaded},
    ).rows
    assert {r["id"] for r in rows} == SILOS
    reasons = neo4j_store.run(
        "MATCH (o:Organisation {dataset: $d}) WHERE o.territorialDriveFlagged "
        "RETURN o.territorialDriveReasons AS text, o.territorialDriveReasonCodes AS codes",
        {"d": loaded},
    ).rows
    for r in reasons:  # sentences and their stable codes, one for one
        assert r["text"] and len(r["text"]) == len(r["codes"])
        assert all(isinstance(t, str) and t for t in r["text"])
        assert all(c.isidentifier() and c.islower() for c in r["codes"])


@neo4j
def test_suggested_links_carry_score_rank_and_reasons(loaded, neo4j_store) -> None:
    rows = neo4j_store.run(
        "MATCH (:Organisation {dataset: $d})-[s:SUGGESTED_LINK]->(:Organisation {dataset: $d}) "
        "RETURN s.score AS score, s.rank AS rank, s.reasons AS reasons, s.reasonCodes AS codes",
        {"d": loaded},
    ).rows
    assert len(rows) >= 10
    assert all(isinstance(r["score"], float) and r["rank"] >= 1 and r["reasons"] for r in rows)
    assert all(isinstance(x, str) for r in rows for x in r["reasons"])
    assert all(len(r["codes"]) == len(r["reasons"]) for r in rows)


@neo4j
def test_every_stored_property_equals_the_python_analysis(
    loaded, neo4j_store, python_results, lindenwaard
) -> None:
    organisations, suggestions, configuration = python_results
    stored = {
        r["p"]["id"]: r["p"]
        for r in neo4j_store.run(
            "MATCH (o:Organisation {dataset: $d}) RETURN properties(o) AS p", {"d": loaded}
        ).rows
    }
    checked = 0
    for row in organisations.to_dict("records"):
        props = stored[row["id"]]
        for column, value in row.items():
            if column == "id":
                continue
            name = camel_case(column)
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                assert name not in props, (row["id"], name)
            else:
                assert _same(props[name], value), (row["id"], name, props[name], value)
                checked += 1
    assert checked > 15 * len(organisations)  # 19 result columns, some undefined
    links = {
        (r["s"], r["t"]): r["p"]
        for r in neo4j_store.run(
            "MATCH (a:Organisation {dataset: $d})-[s:SUGGESTED_LINK]->(b) "
            "RETURN a.id AS s, b.id AS t, properties(s) AS p",
            {"d": loaded},
        ).rows
    }
    assert set(links) == set(zip(suggestions["source"], suggestions["target"], strict=True))
    for row in suggestions.to_dict("records"):
        props = links[(row["source"], row["target"])]
        for column, value in row.items():
            if column not in ("source", "target"):
                assert _same(props[camel_case(column)], value), (column, value)
    runs = neo4j_store.run(
        "MATCH (a:AnalysisRun {dataset: $d}) RETURN properties(a) AS p", {"d": loaded}
    ).rows
    assert len(runs) == 1
    run = runs[0]["p"]
    assert run["fingerprint"] == lindenwaard.fingerprint()
    assert json.loads(run["configuration"]) == json.loads(json.dumps(configuration))
    assert {"graphtoolVersion", "createdAt", "version", "properties"} <= set(run)
    # the data read back is unchanged by the results beside it
    back = neo4j_store.read_dataset(loaded)
    assert back.fingerprint() == lindenwaard.fingerprint()


@neo4j
def test_a_load_without_analyses_replaces_the_results_too(loaded, neo4j_store) -> None:
    result = CliRunner().invoke(
        main, ["--quiet", "load", str(SAMPLE_DATA / "lindenwaard"), "--name", loaded]
    )
    assert result.exit_code == 0, result.stderr
    counts = neo4j_store.run(
        "OPTIONAL MATCH (o:Organisation {dataset: $d}) WHERE o.territorialDriveScore IS NOT NULL "
        "WITH count(o) AS scored "
        "OPTIONAL MATCH (:Organisation {dataset: $d})-[s:SUGGESTED_LINK]->() "
        "WITH scored, count(s) AS links "
        "OPTIONAL MATCH (a:AnalysisRun {dataset: $d}) RETURN scored, links, count(a) AS runs",
        {"d": loaded},
    ).rows
    assert counts == [{"scored": 0, "links": 0, "runs": 0}]


# --- the library queries that use the results ----------------------------------------------------


@pytest.fixture(scope="module")
def with_analyses(neo4j_uri, lindenwaard, python_results):
    """Lindenwaard, and two of its years, loaded with their results (module-wide)."""
    import uuid

    from graphtool.cli.store import analysis_results
    from tests.plugins.neo4j import store_for

    tag = uuid.uuid4().hex[:8]
    datasets = {
        f"lw-{tag}": lindenwaard,
        f"lw2014-{tag}": lindenwaard.for_year(2014),
        f"lw2018-{tag}": lindenwaard.for_year(2018),
    }
    with store_for(neo4j_uri) as store:
        for name, dataset in datasets.items():
            store.load(dataset, name=name, results=analysis_results(dataset, 10, 200))
        yield store, list(datasets), datasets
        for name in datasets:
            store.drop(name)


def run_library(store, name: str, **params):
    from graphtool.store.queries import run_named

    return run_named(store, name, params).rows


@neo4j
@pytest.mark.parametrize("funder_types", [None, ["municipality"]])
def test_flagged_by_money_received(with_analyses, lindenwaard, python_results, funder_types):
    store, (name, *_), _ = with_analyses
    organisations = python_results[0]
    flagged = organisations[organisations["territorial_drive_flagged"]]
    types = lindenwaard.organisations.set_index("id")["type"]
    funding = lindenwaard.funding
    if funder_types is not None:
        funding = funding[funding["funder_id"].map(types).isin(funder_types)]
    expected = []
    for row in flagged.to_dict("records"):
        flows = funding[funding["recipient_id"] == row["id"]]
        expected.append(
            {
                "id": row["id"],
                "received": float(flows["amount"].sum()),
                "flows": len(flows),
                "funders": flows["funder_id"].nunique(),
                "score": row["territorial_drive_score"],
                "reasons": row["territorial_drive_reasons"],
            }
        )
    expected.sort(key=lambda r: (-r["received"], r["id"]))
    rows = run_library(store, "flagged_by_money_received", dataset=name, funderTypes=funder_types)
    assert [r["id"] for r in rows] == [e["id"] for e in expected]
    assert {r["id"] for r in rows} == SILOS
    for r, e in zip(rows, expected, strict=True):
        assert math.isclose(r["received"], e["received"], rel_tol=1e-12)
        assert (r["flows"], r["funders"], r["score"], r["reasons"]) == (
            e["flows"],
            e["funders"],
            e["score"],
            e["reasons"],
        )


@neo4j
def test_suggested_links_across_neighbourhoods(with_analyses, lindenwaard, python_results):
    store, (name, *_), _ = with_analyses
    suggestions = python_results[1]
    hoods = (
        lindenwaard.organisation_neighbourhoods()
        .groupby("organisation_id")["neighbourhood"]
        .agg(lambda s: sorted(set(s)))
        .to_dict()
    )
    expected = []
    for row in suggestions.sort_values("rank").to_dict("records"):
        a, b = hoods.get(row["source"], []), hoods.get(row["target"], [])
        if a and b and not set(a) & set(b):
            expected.append(
                {
                    "rank": row["rank"],
                    "source": row["source"],
                    "target": row["target"],
                    "sourceNeighbourhoods": a,
                    "targetNeighbourhoods": b,
                }
            )
    rows = run_library(store, "suggested_links_across_neighbourhoods", dataset=name, limit=1000)
    assert expected, "the sample has suggested links across neighbourhoods"
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


@neo4j
def test_brokers_with_roles(with_analyses, lindenwaard, python_results):
    store, (name, *_), _ = with_analyses
    organisations = python_results[0].set_index("id")
    sector = lindenwaard.organisations.set_index("id")["sector"]
    members = lindenwaard.participations[["action_id", "organisation_id"]].drop_duplicates()
    pairs = members.merge(members, on="action_id")
    pairs = pairs[pairs["organisation_id_x"] != pairs["organisation_id_y"]]
    partners = pairs.groupby("organisation_id_x")["organisation_id_y"].agg(set)
    expected = []
    for org, ps in partners.items():
        residents = sum(sector[p] == "residents" for p in ps)
        institutions = sum(sector[p] in ("government", "public_service") for p in ps)
        if residents and institutions:
            row = organisations.loc[org]
            expected.append(
                {
                    "id": org,
                    "residentPartners": residents,
                    "institutionPartners": institutions,
                    "betweenness": row["betweenness"],
                    "liaison": row["brokerage_liaison"],
                    "gatekeeper": row["brokerage_gatekeeper"],
                }
            )
    expected.sort(key=lambda r: (-r["betweenness"], r["id"]))
    rows = run_library(store, "brokers_with_roles", dataset=name)
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected


@neo4j
def test_communities_flagged(with_analyses, python_results):
    store, (name, *_), _ = with_analyses
    organisations = python_results[0].sort_values("id")
    expected = []
    for community, members in organisations.groupby("community"):
        flagged = members[members["territorial_drive_flagged"]]
        expected.append(
            {
                "community": int(community),
                "members": len(members),
                "flagged": len(flagged),
                "flaggedIds": flagged["id"].tolist(),
            }
        )
    expected.sort(key=lambda r: (-r["members"], r["community"]))
    rows = run_library(store, "communities_flagged", dataset=name)
    assert [{k: r[k] for k in expected[0]} for r in rows] == expected
    assert sum(r["flagged"] for r in rows) == len(SILOS)


@neo4j
def test_flag_changes_between_two_loaded_years(with_analyses):
    store, (_, early, late), datasets = with_analyses
    before = graph_results(datasets[early])[0].set_index("id")
    after = graph_results(datasets[late])[0].set_index("id")
    assert not before.empty and not after.empty
    expected = []
    for org in sorted(set(before.index) | set(after.index)):
        was = bool(before["territorial_drive_flagged"].get(org, False))
        now = bool(after["territorial_drive_flagged"].get(org, False))
        if org not in before.index and now:
            expected.append(("appeared flagged", org))
        elif org not in after.index and was:
            expected.append(("left flagged", org))
        elif org in before.index and org in after.index and was != now:
            expected.append(("flagged" if now else "unflagged", org))
    order = {"flagged": 0, "appeared flagged": 1, "unflagged": 2, "left flagged": 3}
    expected.sort(key=lambda e: (order[e[0]], e[1]))
    assert ("flagged", "zorg-zorgkring") in expected  # flagged in 2018, not in 2014
    rows = run_library(store, "flag_changes", fromDataset=early, dataset=late)
    assert [(r["change"], r["id"]) for r in rows] == expected


@neo4j
def test_analyse_write_stores_results_for_a_loaded_dataset(neo4j_env, neo4j_name, neo4j_store):
    name = neo4j_name("analyse")
    runner = CliRunner()
    loaded = runner.invoke(
        main, ["--quiet", "load", str(SAMPLE_DATA / "lindenwaard"), "--name", name]
    )
    assert loaded.exit_code == 0, loaded.stderr
    dry = runner.invoke(main, ["--quiet", "analyse", "--neo4j", name])
    assert dry.exit_code == 0, dry.stderr
    assert dry.stdout.endswith("give --write to store them in Neo4j\n")
    flagged = (
        "MATCH (o:Organisation {dataset: $d}) WHERE o.territorialDriveFlagged RETURN o.id AS id"
    )
    assert neo4j_store.run(flagged, {"d": name}).rows == []
    written = runner.invoke(main, ["--quiet", "analyse", "--neo4j", name, "--write"])
    assert written.exit_code == 0, written.stderr
    assert written.stdout.startswith(
        f"stored in {name!r}: 67 organisations with results (3 flagged)"
    )
    assert {r["id"] for r in neo4j_store.run(flagged, {"d": name}).rows} == SILOS
