"""Betweenness of the collaboration graph: one engine, one sampling policy, one normalisation.

Betweenness (Freeman 1977) of node ``v`` sums, over all pairs ``s, t`` of other
nodes, the share of shortest ``s``–``t`` paths that pass through ``v``:

    B(v) = Σ_{s<t, s≠v≠t} σ_st(v) / σ_st

normalised as :func:`networkx.betweenness_centrality` does for undirected
graphs, ``2 B(v) / ((n − 1)(n − 2))``, unweighted (a tie is a tie however many
actions it carries). Every command reports it through :func:`active_betweenness`:
on the graph of the *active* organisations (at least one joint action), so ``n``
counts those; organisations without an action get 0. Overview, roles, compare,
export and the report therefore give an organisation the same value.

Exact betweenness (Brandes 2001) takes one breadth-first search per node,
``O(n m)``. Above :data:`EXACT_UP_TO` organisations it is **sampled** (Brandes &
Pich 2007): the searches start from ``k`` random sources only, and the sums are
scaled by ``n / k``, an unbiased estimate. The searches run in python-igraph
(compiled, GPL, optional) when installed, as community detection does,
otherwise in networkx (the reference implementation; the tests check both give
the same values). They run in chunks of sources so that progress shows on long
graphs. The error of the sample against the exact values is measured by
``benchmarks/bench_betweenness.py`` and reported in ``docs/performance.md``: with
1,024 sources (the default up to :data:`FEWER_SOURCES_FROM` organisations) the
ten most central organisations are off by 4–7 % on average (at most about 20 %)
and 8–10 of them stay in the top ten; with 256 sources (above, where each search
is slow) by 12–16 %.

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

from graphtool.analyses.engines import ENGINES, igraph_available
from graphtool.errors import AnalysisError
from graphtool.graphs import CollaborationGraph
from graphtool.progress import SILENT, Progress

#: Up to this many (active) organisations betweenness is exact; above, it is sampled.
EXACT_UP_TO = 5_000
#: Sources of the sampled estimate.
SAMPLE_SOURCES = 1024
#: From this many organisations on, :data:`FEW_SOURCES` (each search costs O(n + m)).
FEWER_SOURCES_FROM = 200_000
FEW_SOURCES = 256
#: Searches per chunk between two progress reports.
CHUNKS = 50


def _upper_edges(graph: CollaborationGraph) -> list[tuple[int, int]]:
    """Every tie once, as (node, node) pairs (built from flat lists: fast at a million nodes)."""
    upper = sp.triu(graph.weights, k=1).tocoo()
    return list(zip(upper.row.tolist(), upper.col.tolist(), strict=True))


def _choose_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise AnalysisError(
            f"unknown betweenness engine {engine!r}", hint="choose one of: " + ", ".join(ENGINES)
        )
    if engine == "auto":
        return "igraph" if igraph_available() else "networkx"
    if engine == "igraph" and not igraph_available():
        raise AnalysisError(
            "the igraph engine needs python-igraph", hint="pip install python-igraph"
        )
    return engine


def _partial_betweenness(
    graph: CollaborationGraph, sources: np.ndarray, engine: str, progress: Progress, label: str
) -> np.ndarray:
    """Unnormalised betweenness summed over the searches from ``sources``, each pair once."""
    n = graph.n
    edges = _upper_edges(graph)
    chunks = np.array_split(sources, min(CHUNKS, len(sources)))
    total = np.zeros(n, dtype=float)
    if engine == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=edges)

        def search(chunk: np.ndarray) -> np.ndarray:
            return np.asarray(g.betweenness(directed=False, sources=chunk.tolist()), dtype=float)

    else:
        nxg = nx.Graph()
        nxg.add_nodes_from(range(n))
        nxg.add_edges_from(edges)
        targets = list(nxg)

        def search(chunk: np.ndarray) -> np.ndarray:
            values = nx.betweenness_centrality_subset(
                nxg, chunk.tolist(), targets, normalized=False
            )
            return np.array([values[v] for v in range(n)], dtype=float)

    done = 0
    progress.advance(label, done, len(sources))
    for chunk in chunks:
        total += search(chunk)
        done += len(chunk)
        progress.advance(label, done, len(sources))
    return total


def sources_for(n: int) -> int:
    """How many sources the searches start from on ``n`` organisations (``n``: exact)."""
    if n <= EXACT_UP_TO:
        return n
    return SAMPLE_SOURCES if n < FEWER_SOURCES_FROM else FEW_SOURCES


def betweenness(
    graph: CollaborationGraph,
    *,
    sources: int | None = None,
    seed: int = 0,
    engine: str = "auto",
    progress: Progress = SILENT,
) -> tuple[np.ndarray, str]:
    """Normalised betweenness of every node, and ``"exact"`` or ``"sampled (k sources)"``.

    Parameters
    ----------
    graph
        The collaboration graph.
    sources
        Sample this many sources; by default :func:`sources_for` the graph's size
        (exact up to :data:`EXACT_UP_TO` organisations, :data:`SAMPLE_SOURCES`
        above and :data:`FEW_SOURCES` from :data:`FEWER_SOURCES_FROM`).
        ``sources >= n`` is exact.
    seed
        Seed of the source sample.
    engine
        ``auto`` (igraph when installed, otherwise networkx), ``igraph`` or ``networkx``.
    progress
        Told how many searches are done.

    Returns
    -------
    (numpy.ndarray, str)
        ``2 B(v) / ((n − 1)(n − 2))`` per node (``B`` estimated as ``n / k`` times
        the sum over the sampled sources), and how it was computed.

    Raises
    ------
    AnalysisError
        An unknown engine, or ``igraph`` without python-igraph installed.

    Examples
    --------
    >>> from graphtool.graphs import build_collaboration_graph
    >>> from graphtool.ingest import read_dataset
    >>> graph = build_collaboration_graph(read_dataset("sample_data/knoke"))
    >>> values, method = betweenness(graph)
    >>> method
    'exact'
    >>> bool(values.max() <= 1.0)
    True
    """
    engine = _choose_engine(engine)
    n = graph.n
    if n < 3:
        return np.zeros(n), "exact"
    k = sources_for(n) if sources is None else sources
    if k < 1:
        raise AnalysisError(f"betweenness needs at least 1 source, got {k}")
    scale = 2.0 / ((n - 1) * (n - 2))
    if k >= n:
        exact = _partial_betweenness(graph, np.arange(n), engine, progress, "betweenness")
        return exact * scale, "exact"
    rng = np.random.default_rng(seed)
    chosen = np.sort(rng.choice(n, size=k, replace=False))
    label = f"betweenness ({k} sampled sources)"
    partial = _partial_betweenness(graph, chosen, engine, progress, label)
    return partial * (n / k) * scale, f"sampled ({k} sources)"


def active_betweenness(
    graph: CollaborationGraph,
    *,
    seed: int = 0,
    engine: str = "auto",
    progress: Progress = SILENT,
) -> tuple[np.ndarray, str]:
    """Betweenness on the graph of the active organisations, in table order (0 for the rest).

    The one betweenness every command reports: normalised over the ``n`` organisations
    with at least one joint action (organisations without one lie on no path, and
    counting them would only shrink the values), with the sampling policy of
    :func:`sources_for` applied to ``n``.

    Parameters
    ----------
    graph
        The collaboration graph of a dataset (or of one year of it).
    seed, engine, progress
        As for :func:`betweenness`.

    Returns
    -------
    (numpy.ndarray, str)
        One value per organisation of ``graph``, and how it was computed.
    """
    active = graph.actions_per_organisation > 0
    values, method = betweenness(
        graph.subgraph(active), seed=seed, engine=engine, progress=progress
    )
    result = np.zeros(graph.n, dtype=float)
    result[active] = values
    return result, method
