"""The collaboration and funding graphs, checked by hand and against networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.ingest import read_dataset, validate_tables
from graphtool.ingest.read import RawTable
from graphtool.model import Dataset
from tests.plugins.datasets import write_dataset

# a-b share j1 and j2, a-c and b-c share j2, a-d share j4; c is alone in j3; e takes part in
# nothing. The duplicated row (j1, a) and c's second role in j2 must not count twice.
HAND = {
    "organisations": (
        "id,name,type\n"
        "a,Gemeente,municipality\n"
        "b,Woonstede,housing_association\n"
        "c,Buurtkracht,resident_initiative\n"
        "d,Zorg Oost,care\n"
        "e,Bakkerij,business\n"
    ),
    "joint_actions": (
        "id,name,start_year,end_year\n"
        "j1,Energie,2014,2015\n"
        "j2,Schoon,2015,2016\n"
        "j3,Moestuin,,\n"
        "j4,Zorgnetwerk,2017,\n"
    ),
    "participations": (
        "action_id,organisation_id,role\n"
        "j1,a,lead\n"
        "j1,b,\n"
        "j1,a,lead\n"
        "j2,a,\n"
        "j2,b,\n"
        "j2,c,partner\n"
        "j2,c,funder\n"
        "j3,c,lead\n"
        "j4,a,\n"
        "j4,d,\n"
    ),
    "funding": (
        "funder_id,recipient_id,amount,year\na,b,100,2015\na,b,50,2016\nb,c,20.5,2016\nc,a,5,2015\n"
    ),
}


@pytest.fixture
def hand(tmp_path: Path) -> Dataset:
    return read_dataset(write_dataset(tmp_path / "hand", HAND))


def test_collaboration_weights_are_shared_actions(hand: Dataset) -> None:
    graph = build_collaboration_graph(hand)
    assert graph.edges().to_dict("records") == [
        {"source": "a", "target": "b", "weight": 2},
        {"source": "a", "target": "c", "weight": 1},
        {"source": "a", "target": "d", "weight": 1},
        {"source": "b", "target": "c", "weight": 1},
    ]
    assert graph.number_of_edges() == 4
    dense = graph.weights.toarray()
    assert (dense == dense.T).all()
    assert (np.diag(dense) == 0).all()


def test_collaboration_counts_per_organisation_and_action(hand: Dataset) -> None:
    graph = build_collaboration_graph(hand)
    assert graph.ids.tolist() == ["a", "b", "c", "d", "e"]
    assert graph.action_ids.tolist() == ["j1", "j2", "j3", "j4"]
    assert graph.index == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 4}
    # a: j1 (twice in the file), j2, j4; c: j2 (two roles), j3
    assert graph.actions_per_organisation.tolist() == [3, 2, 2, 1, 0]
    assert graph.participants_per_action.tolist() == [2, 3, 1, 2]
    assert graph.degree.tolist() == [3, 2, 2, 1, 0]
    assert graph.strength.tolist() == [4, 3, 2, 1, 0]
    assert set(graph.incidence.data) == {1.0}


def test_collaboration_for_a_year(hand: Dataset) -> None:
    # 2016: j2 (2015-2016) and j3 (no years) are active
    graph = build_collaboration_graph(hand.for_year(2016))
    assert graph.ids.tolist() == ["a", "b", "c", "d", "e"]
    assert graph.action_ids.tolist() == ["j2", "j3"]
    assert graph.edges().to_dict("records") == [
        {"source": "a", "target": "b", "weight": 1},
        {"source": "a", "target": "c", "weight": 1},
        {"source": "b", "target": "c", "weight": 1},
    ]
    # 2014: only j1 (and the timeless j3)
    assert build_collaboration_graph(hand.for_year(2014)).edges().to_dict("records") == [
        {"source": "a", "target": "b", "weight": 1},
    ]


def test_funding_sums_per_pair(hand: Dataset) -> None:
    graph = build_funding_graph(hand)
    assert graph.edges().to_dict("records") == [
        {"source": "a", "target": "b", "amount": 150.0},
        {"source": "b", "target": "c", "amount": 20.5},
        {"source": "c", "target": "a", "amount": 5.0},
    ]
    assert graph.given.tolist() == [150.0, 20.5, 5.0, 0.0, 0.0]
    assert graph.received.tolist() == [5.0, 150.0, 20.5, 0.0, 0.0]


def test_funding_for_a_year(hand: Dataset) -> None:
    graph = build_funding_graph(hand.for_year(2015))
    assert graph.edges().to_dict("records") == [
        {"source": "a", "target": "b", "amount": 100.0},
        {"source": "c", "target": "a", "amount": 5.0},
    ]


def test_to_networkx_keeps_every_organisation(hand: Dataset) -> None:
    collab = build_collaboration_graph(hand).to_networkx()
    assert sorted(collab.nodes) == ["a", "b", "c", "d", "e"]
    assert collab["a"]["b"]["weight"] == 2
    assert nx.degree(collab, "e") == 0
    funding = build_funding_graph(hand).to_networkx()
    assert funding.is_directed()
    assert funding["a"]["b"]["amount"] == 150.0
    assert not funding.has_edge("b", "a")


def test_empty_graphs(tmp_path: Path) -> None:
    dataset = read_dataset(
        write_dataset(
            tmp_path / "empty",
            {
                "organisations": "id,name,type\na,A,care\n",
                "joint_actions": "id,name\n",
                "participations": "action_id,organisation_id\n",
            },
        )
    )
    collab = build_collaboration_graph(dataset)
    assert collab.weights.shape == (1, 1)
    assert collab.number_of_edges() == 0
    assert collab.edges().empty
    assert build_funding_graph(dataset).edges().empty


# --- against networkx on random datasets -------------------------------------------------


def dataset_from_rows(
    n_orgs: int, n_actions: int, participations: list[tuple[int, int]], flows
) -> Dataset:
    """Build a dataset in memory through the validator (no files)."""

    def raw(name: str, header: list[str], rows: list[list[str]]) -> RawTable:
        return RawTable(name, f"{name}.csv", header, rows, list(range(2, len(rows) + 2)))

    tables = {
        "organisations": raw(
            "organisations",
            ["id", "name", "type"],
            [[f"o{i}", f"O{i}", "care"] for i in range(n_orgs)],
        ),
        "joint_actions": raw(
            "joint_actions", ["id", "name"], [[f"j{k}", f"J{k}"] for k in range(n_actions)]
        ),
        "participations": raw(
            "participations",
            ["action_id", "organisation_id"],
            [[f"j{k}", f"o{i}"] for i, k in participations],
        ),
        "funding": raw(
            "funding",
            ["funder_id", "recipient_id", "amount", "year"],
            [[f"o{i}", f"o{j}", str(amount), "2016"] for i, j, amount in flows],
        ),
    }
    return validate_tables(tables, "random")


@st.composite
def random_datasets(draw):
    n_orgs = draw(st.integers(1, 12))
    # at least one action: networkx refuses to project a graph with one side empty
    # (the case without actions is test_empty_graphs)
    n_actions = draw(st.integers(1, 8))
    pairs = st.lists(
        st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_actions - 1)), max_size=40
    )
    flows = st.lists(
        st.tuples(st.integers(0, n_orgs - 1), st.integers(0, n_orgs - 1), st.integers(0, 10_000)),
        max_size=15,
    )
    return n_orgs, n_actions, draw(pairs), draw(flows)


@settings(max_examples=150, deadline=None)
@given(random_datasets())
def test_collaboration_equals_networkx_bipartite_projection(data) -> None:
    """``W = B Bᵀ`` without its diagonal equals networkx's weighted projection.

    ``nx.bipartite.weighted_projected_graph(B, nodes)`` ties two nodes of
    ``nodes`` with weight = the number of neighbours they share in the
    bipartite graph ``B`` (networkx documentation, ``bipartite.projection``;
    Newman, "Scientific collaboration networks", Phys. Rev. E 64, 016131, 2001,
    uses the same count before its 1/(n-1) normalisation). An nx.Graph keeps
    one edge per pair, so duplicate participations count once there too.
    """
    n_orgs, n_actions, pairs, flows = data
    dataset = dataset_from_rows(n_orgs, n_actions, pairs, flows)
    bipartite = nx.Graph()
    orgs = [f"o{i}" for i in range(n_orgs)]
    bipartite.add_nodes_from(orgs, bipartite=0)
    bipartite.add_nodes_from((f"j{k}" for k in range(n_actions)), bipartite=1)
    bipartite.add_edges_from((f"o{i}", f"j{k}") for i, k in pairs)
    expected = nx.bipartite.weighted_projected_graph(bipartite, orgs)

    actual = build_collaboration_graph(dataset).to_networkx()
    assert sorted(actual.nodes) == sorted(expected.nodes)
    assert {frozenset((u, v)): w for u, v, w in actual.edges(data="weight")} == {
        frozenset((u, v)): w for u, v, w in expected.edges(data="weight")
    }


@settings(max_examples=150, deadline=None)
@given(random_datasets())
def test_funding_equals_summed_flows(data) -> None:
    n_orgs, n_actions, pairs, flows = data
    dataset = dataset_from_rows(n_orgs, n_actions, pairs, flows)
    expected = nx.DiGraph()
    expected.add_nodes_from(f"o{i}" for i in range(n_orgs))
    for i, j, amount in flows:
        u, v = f"o{i}", f"o{j}"
        previous = expected.edges[u, v]["amount"] if expected.has_edge(u, v) else 0.0
        expected.add_edge(u, v, amount=previous + amount)
    actual = build_funding_graph(dataset).to_networkx()
    assert sorted(actual.nodes) == sorted(expected.nodes)
    assert dict(((u, v), a) for u, v, a in actual.edges(data="amount")) == pytest.approx(
        dict(((u, v), a) for u, v, a in expected.edges(data="amount"))
    )


@pytest.mark.parametrize("hub_factor", [0.01, 1.0, 4.0, 1e9])
def test_masked_product_equals_the_plain_product_on_the_mask(hub_factor: float) -> None:
    """Against scipy's full product, masked afterwards: hubs apart or not, any block size."""
    import scipy.sparse as sp

    from graphtool.graphs import masked_product

    rng = np.random.default_rng(7)
    for _ in range(10):
        n = int(rng.integers(5, 60))
        a = sp.random(n, n, density=0.2, random_state=rng, format="lil")
        hub = int(rng.integers(n))  # one node tied to everyone: the case the split is for
        a[hub, :] = rng.random(n)
        a = sp.csr_matrix(a + a.T)
        b = sp.random(n, n, density=0.3, random_state=rng, format="csr")
        mask = (a != 0).astype(float)
        expected = (a @ b).multiply(mask).toarray()
        got = masked_product(a, b, mask, hub_factor=hub_factor, block_work=40)
        assert got.nnz == mask.nnz  # the mask's pattern, explicit zeros included
        np.testing.assert_allclose(got.toarray(), expected, rtol=1e-13, atol=1e-13)
