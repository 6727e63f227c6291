"""Brokerage: Gould–Fernandez roles by group, and betweenness.

A broker ``v`` sits on an *open* two-path ``a → v → b``: ``a ≠ b`` and there
is no arc ``a → b``. The groups of ``a``, ``v`` and ``b`` give the role
(Gould & Fernandez 1989), following R ``sna::brokerage`` (raw counts):

=================  ===========  ====================================
role               sna name     groups of a → v → b
=================  ===========  ====================================
coordinator        w_I          A → A → A
itinerant          w_O          A → B → A (UCINET: "consultant")
representative     b_IO         A → A → B (the broker passes out)
gatekeeper         b_OI         A → B → B (the broker lets in)
liaison            b_O          A → B → C
=================  ===========  ====================================

The collaboration graph is undirected; :func:`brokerage_matrix` reads every
tie as two arcs, so each open pair ``a – v – b`` counts twice (once each way)
and an organisation's representative and gatekeeper counts are equal.

The counts are vectorised: with ``A`` the 0/1 arc matrix and group indicator
columns, the two-paths through ``v`` by group pair are products of its in-
and out-degrees per group; the reciprocal pairs (``a = b``) and the closed
ones (``a → b`` exists) are subtracted, the latter computed with masked
sparse products ``(Aᵀ A) ∘ A`` (:func:`graphtool.graphs.masked_product`, which
adds the share of hub intermediates apart, so a hub's d² two-paths are never
formed).

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
*Sociometry* 40(1), 35–41.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graphtool.graphs import build_collaboration_graph, masked_product
from graphtool.model import Dataset

#: The five roles, in the order of the columns of :func:`brokerage_matrix`.
BROKERAGE_ROLES: tuple[str, ...] = (
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
)


def _rowsum(matrix: sp.spmatrix) -> np.ndarray:
    return np.asarray(matrix.sum(axis=1)).ravel()


def _keep(matrix: sp.csr_matrix, mask: np.ndarray) -> sp.csr_matrix:
    """``matrix`` with only the stored entries where ``mask`` (aligned with ``.data``) holds."""
    out = matrix.copy()
    out.data = np.where(mask, out.data, 0.0)
    out.eliminate_zeros()
    return out


def brokerage_matrix(
    adjacency: sp.spmatrix, groups: Sequence[Hashable] | np.ndarray, *, block_work: int = 2_000_000
) -> np.ndarray:
    """Gould–Fernandez role counts of every node: an ``n × 5`` integer array.

    Parameters
    ----------
    adjacency
        Square sparse matrix; any stored non-zero ``[a, b]`` is an arc ``a → b``
        (weights are ignored, the diagonal too). A symmetric matrix is an
        undirected graph with every tie both ways.
    groups
        The group of every node, in row order.
    block_work
        Upper bound on the two-step work per block of rows (memory bound).

    Returns
    -------
    numpy.ndarray
        Columns in the order of :data:`BROKERAGE_ROLES`.
    """
    a = sp.csr_matrix(adjacency, dtype=float)
    a.setdiag(0)
    a.eliminate_zeros()
    a.data[:] = 1.0
    n = a.shape[0]
    codes = np.unique(np.asarray(groups).astype(str), return_inverse=True)[1]
    k = int(codes.max()) + 1 if n else 1
    one_hot = sp.csr_matrix((np.ones(n), (np.arange(n), codes)), shape=(n, k))
    own = (np.arange(n), codes)

    pred = a.T.tocsr()  # pred[v, x] = 1 when x -> v
    in_g = np.asarray((pred @ one_hot).todense()).reshape(n, k)
    out_g = np.asarray((a @ one_hot).todense()).reshape(n, k)
    recip_g = np.asarray((a.multiply(pred) @ one_hot).todense()).reshape(n, k)
    in_s, out_s, recip_s = in_g[own], out_g[own], recip_g[own]
    in_o = in_g.sum(axis=1) - in_s
    out_o = out_g.sum(axis=1) - out_s
    same_diag = (in_g * out_g).sum(axis=1) - in_s * out_s  # pairs a, b in one other group

    totals = np.column_stack(
        [
            in_s * out_s - recip_s,
            same_diag - (recip_g.sum(axis=1) - recip_s),
            in_s * out_o,
            in_o * out_s,
            in_o * out_o - same_diag,
        ]
    )

    # closed two-paths a -> v -> b with a -> b, split by role, in blocks of brokers v
    pred_rows = np.repeat(np.arange(n), np.diff(pred.indptr))
    pred_same = codes[pred.indices] == codes[pred_rows]
    pred_s, pred_o = _keep(pred, pred_same), _keep(pred, ~pred_same)
    a_rows = np.repeat(np.arange(n), np.diff(a.indptr))
    a_same = codes[a.indices] == codes[a_rows]
    succ_s, succ_o = _keep(a, a_same), _keep(a, ~a_same)
    a_eq = succ_s  # arcs a -> b within one group
    # masked products: evaluated on the arcs v -> b only, hubs handled apart (graphs.py)
    via_s = masked_product(pred_s, a, a, block_work=block_work)  # closed, from own-group a
    via_o = masked_product(pred_o, a, a, block_work=block_work)
    coord = _rowsum(via_s.multiply(succ_s))
    rep = _rowsum(via_s.multiply(succ_o))
    gate = _rowsum(via_o.multiply(succ_s))
    equal = _rowsum(masked_product(pred, a_eq, a, block_work=block_work))  # g(a) == g(b)
    total = _rowsum(via_s) + _rowsum(via_o)
    itin = equal - coord
    closed = np.column_stack([coord, itin, rep, gate, total - coord - itin - rep - gate])
    return np.rint(totals - closed).astype(np.int64)


def brokerage_roles(
    edges: Iterable[Sequence[Hashable]],
    groups: Mapping[Hashable, Hashable],
    *,
    directed: bool = True,
) -> dict[Hashable, dict[str, int]]:
    """Gould–Fernandez role counts of every node of an edge list (see :func:`brokerage_matrix`).

    Parameters
    ----------
    edges
        ``(source, target)`` arcs (extra items such as weights are ignored).
    groups
        The group of every node; nodes listed here but in no edge get zeros.
    directed
        ``False`` reads each edge as a tie both ways.

    Returns
    -------
    dict
        node -> {role: count} with the roles of :data:`BROKERAGE_ROLES`.

    Examples
    --------
    >>> brokerage_roles([("a", "b"), ("b", "c")], {"a": 1, "b": 1, "c": 2})["b"]
    {'coordinator': 0, 'itinerant': 0, 'representative': 1, 'gatekeeper': 0, 'liaison': 0}

    References
    ----------
    Gould, R. V. & Fernandez, R. M. (1989). *Sociological Methodology* 19, 89–126.
    """
    order = {node: i for i, node in enumerate(groups)}
    rows, cols = [], []
    for edge in edges:
        rows.append(order[edge[0]])
        cols.append(order[edge[1]])
    n = len(order)
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    if not directed:
        matrix = matrix + matrix.T
    counts = brokerage_matrix(matrix, [groups[node] for node in order])
    return {
        node: {role: int(counts[i, r]) for r, role in enumerate(BROKERAGE_ROLES)}
        for node, i in order.items()
    }


def betweenness(
    edges: Iterable[Sequence[Hashable]],
    nodes: Iterable[Hashable] | None = None,
    *,
    directed: bool = True,
    normalized: bool = False,
) -> dict[Hashable, float]:
    """Freeman betweenness of every node (networkx, unweighted; unnormalised by default).

    Exact and O(n·m): meant for graphs of up to a few thousand nodes.

    Examples
    --------
    >>> betweenness([("a", "b"), ("b", "c")], directed=False)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}

    References
    ----------
    Freeman, L. C. (1977). *Sociometry* 40(1), 35–41.
    """
    graph = nx.DiGraph() if directed else nx.Graph()
    if nodes is not None:
        graph.add_nodes_from(nodes)
    graph.add_edges_from((e[0], e[1]) for e in edges)
    return nx.betweenness_centrality(graph, normalized=normalized)


def brokerage(dataset: Dataset, *, group_by: str = "sector") -> list[dict[str, Any]]:
    """Brokerage roles of every organisation on the collaboration graph (ties both ways).

    Returns
    -------
    list of dict
        ``id``, ``name``, ``group``, the five role counts and ``total``,
        the highest total first (ties by id).
    """
    collab = build_collaboration_graph(dataset)
    group_values = dataset.group_of(group_by).to_numpy().astype(str)
    counts = brokerage_matrix(collab.weights, group_values)
    orgs = dataset.organisations
    rows = []
    for i in range(len(orgs)):
        row: dict[str, Any] = {
            "id": orgs["id"].iat[i],
            "name": orgs["name"].iat[i],
            "group": group_values[i],
        }
        row.update({role: int(counts[i, r]) for r, role in enumerate(BROKERAGE_ROLES)})
        row["total"] = int(counts[i].sum())
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["total"], str(r["id"])))
