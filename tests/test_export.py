"""Exports read back by networkx (GEXF, GraphML, node-link JSON) and pandas (CSV).

Each round trip must give the same nodes, the same edges (with their kind) and
the same attributes; an undefined value (None) is left out of GEXF and GraphML.
"""

from __future__ import annotations

import json
import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from graphtool.cli import main
from graphtool.ingest import read_dataset
from graphtool.present.export import export_graph, write_export
from tests.conftest import SAMPLE_DATA
from tests.plugins.datasets import write_dataset

TABLES = {
    "organisations": (
        "id,name,type,website,founded\n"
        "gem,Gemeente,municipality,https://gem.example,1811\n"
        'woco,"Woon & Co <b>",housing_association,,1920\n'
        "welz,Welzijn,welfare,,\n"
        "bew,Bewoners,residents_association,,2010\n"
        "solo,Solo BV,business,,\n"
        "none,Nergens,foundation,,\n"
    ),
    "joint_actions": "id,name\na1,A\na2,B\na3,C\n",
    "participations": (
        "action_id,organisation_id\na1,gem\na1,woco\na1,bew\na2,gem\na2,welz\na3,solo\n"
    ),
    "funding": "funder_id,recipient_id,amount,year\ngem,woco,1000.5,2017\ngem,bew,200,2017\n",
}


@pytest.fixture(scope="module")
def lindenwaard_graph():
    return export_graph(read_dataset(SAMPLE_DATA / "lindenwaard"))


@pytest.fixture
def small_graph(tmp_path):
    return export_graph(read_dataset(write_dataset(tmp_path / "small", TABLES)))


def _edges(graph) -> Counter:
    return Counter((u, v, d["kind"]) for u, v, d in graph.edges(data=True))


def _same_attributes(original: dict, read: dict) -> None:
    read = {k: v for k, v in read.items() if k != "id"}
    assert set(read) == set(original)
    for key, value in original.items():
        if isinstance(value, float):
            assert read[key] == pytest.approx(value), key
        else:
            assert read[key] == value, key


def test_graph_holds_both_kinds_and_no_none(lindenwaard_graph):
    g = lindenwaard_graph
    assert g.number_of_nodes() == 67
    kinds = Counter(d["kind"] for _, _, d in g.edges(data=True))
    assert kinds["collaboration"] == 249  # sample_data/README.md: 249 ties
    assert kinds["funding"] > 0
    for _, attrs in g.nodes(data=True):
        assert all(v is not None for v in attrs.values())
    woongoed = g.nodes["wc-woongoed"]
    assert woongoed["flagged"] is True and woongoed["role"] == "siloed"
    assert woongoed["score"] == pytest.approx(0.9428571)  # sample_data/README.md
    # absent organisations have no score at all, not a None
    assert "score" not in g.nodes["bus-supermarkt"]
    assert g.nodes["bus-supermarkt"]["role"] == "absent"


def test_extra_columns_and_missing_values(small_graph):
    g = small_graph
    assert g.nodes["gem"]["website"] == "https://gem.example"
    assert g.nodes["gem"]["founded"] == "1811"
    # solo has actions but no partner: E-I and diversity are undefined, so absent
    assert "ei_index" not in g.nodes["solo"] and g.nodes["solo"]["solo_share"] == 1.0
    assert g.nodes["solo"]["role"] == "isolated"
    assert g.has_edge("gem", "woco", key="collaboration")
    assert g.has_edge("gem", "woco", key="funding")
    assert g.edges["gem", "woco", "funding"]["amount"] == 1000.5


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_round_trip(fmt, lindenwaard_graph, small_graph, tmp_path):
    for name, graph in (("lw", lindenwaard_graph), ("small", small_graph)):
        path = tmp_path / f"{name}.{fmt}"
        assert write_export(graph, fmt, path) == [path]
        read = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
        assert set(read.nodes) == set(graph.nodes)
        assert _edges(read) == _edges(graph)
        for node, attrs in graph.nodes(data=True):
            _same_attributes(attrs, read.nodes[node])
        for u, v, key, attrs in graph.edges(keys=True, data=True):
            matches = [d for d in read.get_edge_data(u, v).values() if d["kind"] == key]
            assert len(matches) == 1
            _same_attributes(attrs, matches[0])


def test_json_round_trip(lindenwaard_graph, tmp_path):
    path = tmp_path / "lw.json"
    write_export(lindenwaard_graph, "json", path)
    read = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert isinstance(read, nx.MultiDiGraph)
    assert set(read.nodes) == set(lindenwaard_graph.nodes)
    assert _edges(read) == _edges(lindenwaard_graph)
    for node, attrs in lindenwaard_graph.nodes(data=True):
        _same_attributes(attrs, read.nodes[node])


def test_csv_round_trip(small_graph, tmp_path):
    folder = tmp_path / "csv"
    written = write_export(small_graph, "csv", folder)
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    nodes = pd.read_csv(
        folder / "nodes.csv", dtype={"founded": str}, keep_default_na=False, na_values=[""]
    ).set_index("id")
    assert set(nodes.index) == set(small_graph.nodes)
    for node, attrs in small_graph.nodes(data=True):
        row = nodes.loc[node]
        for key in nodes.columns:
            value = row[key]
            if key not in attrs or attrs[key] == "":
                assert value is None or (isinstance(value, float) and math.isnan(value)), key
            elif isinstance(attrs[key], float):
                assert float(value) == pytest.approx(attrs[key]), key
            elif isinstance(attrs[key], bool):
                assert bool(value) == attrs[key], key
            else:
                assert str(value) == str(attrs[key]), key
    edges = pd.read_csv(folder / "edges.csv")
    assert Counter(zip(edges["source"], edges["target"], edges["kind"], strict=True)) == _edges(
        small_graph
    )
    assert edges.loc[edges["kind"] == "funding", "amount"].sum() == pytest.approx(1200.5)


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json", "csv"])
def test_export_command(fmt, tmp_path):
    out = tmp_path / f"lw.{fmt}"
    result = CliRunner().invoke(
        main,
        ["export", str(SAMPLE_DATA / "lindenwaard"), "--to", fmt, "-o", str(out), "--year", "2018"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}")
    assert not list(tmp_path.glob("*.tmp"))
    if fmt == "gexf":
        read = nx.read_gexf(out)
        assert read.nodes["oth-bieb"]["role"] == "broker"  # sample_data/README.md, 2018
