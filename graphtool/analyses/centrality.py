"""Betweenness of the collaboration graph: exact for small graphs, sampled for large ones.

Betweenness (Freeman 1977) of node ``v`` sums, over all pairs ``s, t`` of other
nodes, the share of shortest ``s``–``t`` paths that pass through ``v``:

    B(v) = Σ_{s<t, s≠v≠t} σ_st(v) / σ_st

normalised as :func:`networkx.betweenness_centrality` does for undirected
graphs, ``2 B(v) / ((n − 1)(n − 2))``, unweighted (a tie is a tie however many
actions it carries).

Exact betweenness (Brandes 2001) takes one breadth-first search per node,
``O(n m)``: minutes at 100,000 organisations in networkx and not feasible at a
million. Above :data:`EXACT_UP_TO` organisations it is **sampled** (Brandes &
Pich 2007): the searches start from ``k`` random sources only, and the sums are
scaled by ``n / k``, an unbiased estimate. Exact values come from networkx (the
reference implementation); the sampled searches run in python-igraph (compiled,
GPL, optional) when installed, otherwise in networkx. The error against the exact
values is measured by ``benchmarks/bench_betweenness.py`` and reported in
``docs/performance.md``: with 1,024 sources (the default up to
:data:`FEWER_SOURCES_FROM` organisations) the ten most central organisations
are off by 4–7 % on average (at most about 20 %) and 8–10 of them stay in the
top ten; with 256 sources (above, where each search is slow) by 12–16 %.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
Sociometry 40(1), 35–41.
Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
Mathematical Sociology 25(2), 163–177.
Brandes, U., Pich, C. (2007). Centrality estimation in large networks.
International Journal of Bifurcation and Chaos 17(7), 2303–2318.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graphtool.graphs import CollaborationGraph

#: Up to this many organisations betweenness is exact; above, it is sampled.
EXACT_UP_TO = 5_000
#: Sources of the sampled estimate.
SAMPLE_SOURCES = 1024
#: From this many organisations on, :data:`FEW_SOURCES` (each search costs O(n + m)).
FEWER_SOURCES_FROM = 200_000
FEW_SOURCES = 256


def _upper_edges(graph: CollaborationGraph) -> list[tuple[int, int]]:
    """Every tie once, as (node, node) pairs (built from flat lists: fast at a million nodes)."""
    upper = sp.triu(graph.weights, k=1).tocoo()
    return list(zip(upper.row.tolist(), upper.col.tolist(), strict=True))


def _igraph_available() -> bool:
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def _partial_betweenness(graph: CollaborationGraph, sources: np.ndarray | None) -> np.ndarray:
    """Unnormalised betweenness from ``sources`` (all nodes when None), each pair counted once."""
    n = graph.n
    edges = _upper_edges(graph)
    if sources is not None and _igraph_available():
        import igraph as ig

        g = ig.Graph(n=n, edges=edges)
        chosen = None if sources is None else sources.tolist()
        return np.asarray(g.betweenness(directed=False, sources=chosen), dtype=float)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    if sources is None:
        values = nx.betweenness_centrality(g, normalized=False)
    else:
        values = nx.betweenness_centrality_subset(g, sources.tolist(), list(g), normalized=False)
    return np.array([values[v] for v in range(n)], dtype=float)


def betweenness(
    graph: CollaborationGraph,
    *,
    sources: int | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, str]:
    """Normalised betweenness of every node, and ``"exact"`` or ``"sampled (k sources)"``.

    Parameters
    ----------
    graph
        The collaboration graph.
    sources
        Sample this many sources; by default exact up to :data:`EXACT_UP_TO`
        organisations, :data:`SAMPLE_SOURCES` above and :data:`FEW_SOURCES` from
        :data:`FEWER_SOURCES_FROM`. ``sources >= n`` is exact.
    seed
        Seed of the source sample.

    Returns
    -------
    (numpy.ndarray, str)
        ``2 B(v) / ((n − 1)(n − 2))`` per node (``B`` estimated as ``n / k`` times
        the sum over the sampled sources), and how it was computed.

    Examples
    --------
    >>> from graphtool.graphs import build_collaboration_graph
    >>> from graphtool.ingest import read_dataset
    >>> graph = build_collaboration_graph(read_dataset("sample_data/knoke"))  # doctest: +SKIP
    >>> values, method = betweenness(graph)  # doctest: +SKIP
    >>> method  # doctest: +SKIP
    'exact'
    """
    n = graph.n
    if n < 3:
        return np.zeros(n), "exact"
    if sources is not None:
        k = sources
    elif n <= EXACT_UP_TO:
        k = n
    else:
        k = SAMPLE_SOURCES if n < FEWER_SOURCES_FROM else FEW_SOURCES
    scale = 2.0 / ((n - 1) * (n - 2))
    if k >= n:
        return _partial_betweenness(graph, None) * scale, "exact"
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(n, size=k, replace=False))
    return _partial_betweenness(graph, chosen) * (n / k) * scale, f"sampled ({k} sources)"
