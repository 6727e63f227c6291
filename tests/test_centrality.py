"""Betweenness: exact against networkx, sampled against exact, both engines alike."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graphtool.analyses import centrality
from graphtool.analyses.centrality import betweenness
from graphtool.graphs import build_collaboration_graph
from tests.test_graphs import dataset_from_rows


@pytest.fixture(scope="module")
def graph():
    """200 organisations in 150 random actions of 2 to 4 (one connected-ish graph)."""
    rng = np.random.default_rng(3)
    parts = sorted(
        {(int(o), k) for k in range(150) for o in rng.choice(200, size=rng.integers(2, 5))}
    )
    return build_collaboration_graph(dataset_from_rows(200, 150, parts, []))


def reference(graph) -> np.ndarray:
    """networkx's normalised betweenness of the same graph (the independent implementation)."""
    values = nx.betweenness_centrality(graph.to_networkx(), normalized=True)
    return np.array([values[i] for i in graph.ids])


def test_exact_is_networkx(graph) -> None:
    values, method = betweenness(graph)
    assert method == "exact"
    np.testing.assert_allclose(values, reference(graph), atol=1e-12)


@pytest.mark.parametrize("igraph", [True, False])
def test_sampling_every_source_is_exact(graph, monkeypatch, igraph: bool) -> None:
    monkeypatch.setattr(centrality, "_igraph_available", lambda: igraph)
    values, method = betweenness(graph, sources=graph.n - 1, seed=1)
    assert method == f"sampled ({graph.n - 1} sources)"
    exact = reference(graph)
    # one source left out: the top organisations stay within 10 %
    top = np.argsort(-exact)[:10]
    np.testing.assert_allclose(values[top], exact[top], rtol=0.1)


def test_igraph_and_networkx_sample_alike(graph, monkeypatch) -> None:
    # igraph is a test dependency: both engines are always compared
    assert centrality._igraph_available()
    with_igraph, _ = betweenness(graph, sources=40, seed=2)
    monkeypatch.setattr(centrality, "_igraph_available", lambda: False)
    with_networkx, _ = betweenness(graph, sources=40, seed=2)
    np.testing.assert_allclose(with_igraph, with_networkx, atol=1e-12)


def test_sampled_estimate_is_unbiased(graph) -> None:
    """Brandes & Pich: averaged over many samples the estimate tends to the exact value."""
    exact = reference(graph)
    mean = np.mean([betweenness(graph, sources=50, seed=s)[0] for s in range(40)], axis=0)
    top = np.argsort(-exact)[:5]
    np.testing.assert_allclose(mean[top], exact[top], rtol=0.1)
    single, _ = betweenness(graph, sources=50, seed=0)
    assert np.corrcoef(single, exact)[0, 1] > 0.9


def test_large_graphs_are_sampled(monkeypatch, graph) -> None:
    monkeypatch.setattr(centrality, "EXACT_UP_TO", 100)
    monkeypatch.setattr(centrality, "SAMPLE_SOURCES", 50)
    _, method = betweenness(graph)
    assert method == "sampled (50 sources)"
