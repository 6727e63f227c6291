"""Known-answer tests: E-I, brokerage, constraint and betweenness against tests/data/reference.

Every expected number is copied from tests/data/reference/README.md (values from
R netseg, R sna 2.7-1 and R igraph 1.3.5) and cited next to the test.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from graphtool.analyses.brokerage import BROKERAGE_ROLES, betweenness, brokerage_roles
from graphtool.analyses.ei_index import ei_index, network_ei_index
from graphtool.analyses.structural_holes import constraint, constraint_matrix
from tests.plugins.territorial_drive import read_edges, read_rows

# ---------------------------------------------------------------- E-I (netseg, README "netseg/")
#
# The reference values are whole-network E and I. They are checked against the sums of
# the per-organisation E-I (graphtool.analyses.ei_index.ei_index, the function
# territorial-drive reports): each arc counts once at its source, an undirected tie at both
# ends. network_ei_index is the same sum and must agree.


def per_organisation(edges, groups, *, directed=True):
    """The per-organisation E-I of an edge list, and the whole-network E, I it sums to."""
    nodes = sorted(groups, key=str)
    order = {node: k for k, node in enumerate(nodes)}
    ties = {}
    for edge in edges:
        a, b = order[edge[0]], order[edge[1]]
        if a == b:
            continue
        key = (a, b) if directed or a <= b else (b, a)
        # a repeated tie counts once, its weights summed when weighted
        ties[key] = ties.get(key, 0.0) + float(edge[2]) if len(edge) > 2 else 1.0
    rows, cols = zip(*ties) if ties else ((), ())
    matrix = sp.csr_matrix((list(ties.values()), (rows, cols)), shape=(len(nodes), len(nodes)))
    if not directed:
        matrix = sp.csr_matrix(matrix + matrix.T)
    result = ei_index(matrix, [groups[node] for node in nodes])
    halve = 1 if directed else 2
    external = result["external"].sum() / halve
    internal = result["internal"].sum() / halve
    per_node = dict(zip(nodes, result["ei_index"].tolist(), strict=True))
    return per_node, external, internal


def check_network(edges, groups, directed, external, internal, expected):
    per_node, e, i = per_organisation(edges, groups, directed=directed)
    assert (e, i) == (external, internal)
    assert (e - i) / (e + i) == pytest.approx(expected, abs=1e-7)
    whole = network_ei_index(edges, groups, directed=directed)
    assert (whole["external"], whole["internal"]) == (external, internal)
    assert whole["ei_index"] == pytest.approx(expected, abs=1e-7)
    return per_node


def test_ei_classroom_directed_arcs(reference):
    # netseg: ei(Classroom, "gender") = -0.8409091, E 7, I 81
    folder = reference / "netseg"
    groups = {r["id"]: r["gender"] for r in read_rows(folder / "classroom-vdb.csv")}
    check_network(read_edges(folder / "classroom-edb.csv"), groups, True, 7, 81, -0.8409091)


def test_ei_classroom_mutual_ties(reference):
    # netseg docs: mutual ties only, E 1, I 21, E-I -0.9090909
    folder = reference / "netseg"
    groups = {r["id"]: r["gender"] for r in read_rows(folder / "classroom-vdb.csv")}
    arcs = set(read_edges(folder / "classroom-edb.csv"))
    mutual = [(a, b) for a, b in arcs if (b, a) in arcs]
    check_network(mutual, groups, False, 1, 21, -0.9090909)


def test_ei_white_kinship(reference):
    # netseg docs: WhiteKinship (undirected), E 9, I 13, E-I -0.1818182
    folder = reference / "netseg"
    groups = {r["name"]: r["gender"] for r in read_rows(folder / "WhiteKinship-vdb.csv")}
    check_network(read_edges(folder / "WhiteKinship-edb.csv"), groups, False, 9, 13, -0.1818182)


@pytest.mark.parametrize(
    ("network", "directed", "external", "internal", "expected"),
    [
        ("information", True, 37, 12, 0.5102041),  # information arcs
        ("information", False, 25, 7, 0.5625),  # weakly symmetrised to 32 edges
        ("money", True, 14, 8, 0.2727273),  # money arcs
    ],
)
def test_ei_knoke(knoke, network, directed, external, internal, expected):
    # README "knoke-bureaucracies/": E-I index by sector
    per_node = check_network(
        knoke[network], knoke["groups"], directed, external, internal, expected
    )
    # each organisation's own value, counted here from the edge list by hand
    arcs = set(knoke[network])
    if not directed:
        arcs |= {(b, a) for a, b in arcs}
    for node, value in per_node.items():
        out = [b for a, b in arcs if a == node and b != node]
        e = sum(knoke["groups"][b] != knoke["groups"][node] for b in out)
        i = len(out) - e
        assert value == pytest.approx((e - i) / (e + i)) if out else math.isnan(value)


def test_ei_weighted_edges_sum_weights():
    edges = [("a", "b", 3), ("a", "c", 1), ("c", "a", 1)]
    groups = {"a": 0, "b": 0, "c": 1}
    assert network_ei_index(edges, groups, directed=False) == {
        "external": 2.0,
        "internal": 3.0,
        "ei_index": -0.2,
    }
    per_node, _, _ = per_organisation(edges, groups, directed=False)
    # a: 3 within, 2 outside; b: 3 within; c: 2 outside
    assert per_node == {"a": pytest.approx(-0.2), "b": -1.0, "c": 1.0}


# ------------------------------------------------- brokerage (sna::brokerage raw counts, Knoke)

KNOKE_BROKERAGE = {
    # org: coordinator, itinerant, representative, gatekeeper, liaison (README table)
    "COUN": (0, 0, 0, 2, 0),
    "COMM": (1, 5, 3, 5, 7),
    "EDUC": (0, 5, 1, 1, 2),
    "INDU": (0, 1, 1, 0, 0),
    "MAYR": (5, 3, 7, 7, 5),
    "WRO": (0, 1, 0, 0, 0),
    "NEWS": (0, 1, 0, 4, 1),
    "UWAY": (0, 0, 0, 0, 0),
    "WELF": (0, 1, 0, 1, 0),
    "WEST": (0, 1, 0, 0, 0),
}


def test_brokerage_knoke_information(knoke):
    roles = brokerage_roles(knoke["information"], knoke["groups"])
    got = {org: tuple(counts[r] for r in BROKERAGE_ROLES) for org, counts in roles.items()}
    assert got == KNOKE_BROKERAGE


def _brute_force_brokerage(arcs, groups):
    """Straight from the definition: every open two-path a -> v -> b, classified by groups."""
    arcs = set(arcs)
    succ = {n: {b for a, b in arcs if a == n} for n in groups}
    pred = {n: {a for a, b in arcs if b == n} for n in groups}
    counts = {n: dict.fromkeys(BROKERAGE_ROLES, 0) for n in groups}
    for v in groups:
        for a in pred[v]:
            for b in succ[v]:
                if a == b or (a, b) in arcs:
                    continue
                ga, gv, gb = groups[a], groups[v], groups[b]
                if ga == gv == gb:
                    role = "coordinator"
                elif ga == gb:
                    role = "itinerant"
                elif ga == gv:
                    role = "representative"
                elif gv == gb:
                    role = "gatekeeper"
                else:
                    role = "liaison"
                counts[v][role] += 1
    return counts


def test_brokerage_undirected_counts_each_tie_both_ways(reference):
    # Florentine marriages, families split in three arbitrary groups
    folder = reference / "padgett-florentine"
    edges = read_edges(folder / "flomarriage_edges.csv")
    names = [r["name"] for r in read_rows(folder / "florentine_nodes.csv")]
    groups = {name: i % 3 for i, name in enumerate(names)}
    both_ways = edges + [(b, a) for a, b in edges]
    assert brokerage_roles(edges, groups, directed=False) == _brute_force_brokerage(
        both_ways, groups
    )
    medici = brokerage_roles(edges, groups, directed=False)["Medici"]
    assert medici["representative"] == medici["gatekeeper"]


# ------------------------------------------------------------------------- Burt's constraint

KNOKE_CONSTRAINT = {
    # directed, unweighted (igraph = networkx), README "knoke-bureaucracies/"
    "COUN": 0.480551,
    "COMM": 0.401446,
    "EDUC": 0.385987,
    "INDU": 0.478619,
    "MAYR": 0.387401,
    "WRO": 0.454345,
    "NEWS": 0.424221,
    "UWAY": 0.513779,
    "WELF": 0.435565,
    "WEST": 0.485779,
}


def test_constraint_knoke_directed(knoke):
    got = constraint(knoke["information"], directed=True)
    assert got == pytest.approx(KNOKE_CONSTRAINT, abs=1e-6)


def test_constraint_florentine(reference):
    # igraph, README "padgett-florentine/"
    folder = reference / "padgett-florentine"
    names = [r["name"] for r in read_rows(folder / "florentine_nodes.csv")]
    got = constraint(read_edges(folder / "flomarriage_edges.csv"), names)
    expected = {
        "Medici": 0.209877,
        "Guadagni": 0.25,
        "Albizzi": 0.333333,
        "Strozzi": 0.458333,
        "Peruzzi": 0.655864,
    }
    for family, value in expected.items():
        assert got[family] == pytest.approx(value, abs=1e-6), family
    for pendant in ("Acciaiuoli", "Ginori", "Lamberteschi", "Pazzi"):
        assert got[pendant] == 1.0
    assert math.isnan(got["Pucci"])  # isolate: undefined


def test_constraint_burt_example():
    # Borgatti (1997), UCINET and igraph values, README "Burt's own example graph"
    edges = [
        ("A", "B"),
        ("A", "F"),
        ("A", "G"),
        ("A", "E"),
        ("E", "G"),
        ("F", "G"),
        ("B", "G"),
        ("B", "D"),
        ("D", "G"),
        ("G", "C"),
    ]
    got = constraint(edges)
    assert got["G"] == pytest.approx(0.400, abs=5e-4)
    assert got["A"] == pytest.approx(0.595, abs=5e-4)
    assert got["C"] == pytest.approx(1.0)
    assert got["B"] == pytest.approx(0.642747, abs=1e-6)
    assert got["F"] == pytest.approx(0.730903, abs=1e-6)
    assert got["E"] == pytest.approx(0.730903, abs=1e-6)
    assert got["D"] == pytest.approx(0.784722, abs=1e-6)


def test_constraint_weighted_matches_networkx():
    edges = [("a", "b", 3), ("a", "c", 1), ("b", "c", 2), ("c", "d", 5), ("d", "e", 1)]
    graph = nx.Graph()
    graph.add_weighted_edges_from(edges)
    assert constraint(edges) == pytest.approx(nx.constraint(graph, weight="weight"))


def test_constraint_small_blocks_give_the_same_values(knoke):
    order = {n: i for i, n in enumerate(knoke["groups"])}
    rows = [order[a] for a, _ in knoke["information"]]
    cols = [order[b] for _, b in knoke["information"]]
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(10, 10))
    np.testing.assert_allclose(constraint_matrix(matrix, block_work=1), constraint_matrix(matrix))


# ------------------------------------------------------------------------------- betweenness


def test_betweenness_knoke_directed(knoke):
    # sna = igraph = networkx, README "knoke-bureaucracies/"
    expected = {
        "MAYR": 17.833333,
        "COMM": 12.333333,
        "EDUC": 11.694444,
        "NEWS": 2.75,
        "WELF": 1.222222,
        "INDU": 0.805556,
        "COUN": 0.666667,
        "WEST": 0.361111,
        "WRO": 0.333333,
        "UWAY": 0.0,
    }
    assert betweenness(knoke["information"]) == pytest.approx(expected, abs=1e-6)


def test_betweenness_florentine(reference):
    folder = reference / "padgett-florentine"
    names = [r["name"] for r in read_rows(folder / "florentine_nodes.csv")]
    got = betweenness(read_edges(folder / "flomarriage_edges.csv"), names, directed=False)
    expected = {
        "Medici": 47.5,
        "Guadagni": 23.1667,
        "Albizzi": 19.3333,
        "Salviati": 13,
        "Ridolfi": 10.3333,
        "Bischeri": 9.5,
        "Strozzi": 9.3333,
        "Barbadori": 8.5,
        "Tornabuoni": 8.3333,
        "Castellani": 5,
        "Peruzzi": 2,
    }
    for family in names:
        assert got[family] == pytest.approx(expected.get(family, 0.0), abs=1e-4), family
