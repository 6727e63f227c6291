"""Betweenness: exact against networkx, sampled against exact, both engines alike."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from graphtool.analyses import centrality
from graphtool.analyses.centrality import active_betweenness, betweenness
from graphtool.analyses.engines import igraph_available
from graphtool.errors import AnalysisError
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


@pytest.mark.parametrize("engine", ["auto", "igraph", "networkx"])
def test_exact_is_networkx(graph, engine: str) -> None:
    values, method = betweenness(graph, engine=engine)
    assert method == "exact"
    np.testing.assert_allclose(values, reference(graph), atol=1e-12)


def test_auto_is_igraph_when_installed() -> None:
    # igraph is a test dependency: "auto" runs it, so both engines are always tested
    assert igraph_available()
    assert centrality._choose_engine("auto") == "igraph"


@pytest.mark.parametrize("engine", ["igraph", "networkx"])
def test_sampling_every_source_is_exact(graph, engine: str) -> None:
    values, method = betweenness(graph, sources=graph.n - 1, seed=1, engine=engine)
    assert method == f"sampled ({graph.n - 1} sources)"
    exact = reference(graph)
    # one source left out: the top organisations stay within 10 %
    top = np.argsort(-exact)[:10]
    np.testing.assert_allclose(values[top], exact[top], rtol=0.1)


def test_igraph_and_networkx_sample_alike(graph) -> None:
    with_igraph, _ = betweenness(graph, sources=40, seed=2, engine="igraph")
    with_networkx, _ = betweenness(graph, sources=40, seed=2, engine="networkx")
    np.testing.assert_allclose(with_igraph, with_networkx, atol=1e-12)


def test_unknown_engine_is_refused(graph) -> None:
    with pytest.raises(AnalysisError, match="^unknown betweenness engine 'fast'"):
        betweenness(graph, engine="fast")


def test_searches_report_progress(graph) -> None:
    from tests.test_progress_cli import Recorder

    recorder = Recorder()
    betweenness(graph, progress=recorder)
    reports = [r for r in recorder.reports if r[0] == "advance"]
    assert reports[0] == ("advance", "betweenness", 0, 200)
    assert reports[-1] == ("advance", "betweenness", 200, 200)
    assert len(reports) == centrality.CHUNKS + 1


def test_active_betweenness_normalises_over_active_organisations() -> None:
    """Organisations without an action change nothing: the same values with or without them.

    The reference is networkx's exact, normalised betweenness of the active organisations.
    """
    # a path a - b - c (two actions) and two organisations with no action at all
    parts = [(0, 0), (1, 0), (1, 1), (2, 1)]
    with_absent = build_collaboration_graph(dataset_from_rows(5, 2, parts, []))
    without = build_collaboration_graph(dataset_from_rows(3, 2, parts, []))
    values, method = active_betweenness(with_absent)
    assert method == "exact"
    np.testing.assert_allclose(values, [0.0, 1.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(values[:3], active_betweenness(without)[0])
    expected = nx.betweenness_centrality(nx.path_graph(3), normalized=True)
    np.testing.assert_allclose(values[:3], [expected[i] for i in range(3)])


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
