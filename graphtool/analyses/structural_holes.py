"""Structural holes: Burt's constraint.

An organisation whose partners are tied closely to each other (and so to the
same others) has few *structural holes* around it: its contacts are redundant,
it brokers little, and it is constrained by them. Burt's constraint measures
this on the (weighted) collaboration graph; the territorial-drive score can
weigh it (``constraint``, weight 0 by default: reported, not scored).

Constraint can exceed 1: one joint action of three organisations gives each
1.125 (p = ½ to each partner, each also reached through the other: (½ + ¼)² · 2).

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
Cambridge, MA: Harvard University Press, ch. 2.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from graphtool.graphs import masked_product


def constraint_matrix(adjacency: sp.spmatrix, *, block_work: int = 2_000_000) -> np.ndarray:
    """Burt's constraint of every node of a (weighted, possibly directed) sparse adjacency matrix.

    With mutual weights ``M = A + Aᵀ`` and ``P = D⁻¹ M`` (each row divided by
    its sum), the constraint of ``i`` is

    .. math:: c_i = \\sum_{j \\in N(i)} \\Big(p_{ij} + \\sum_{q} p_{iq} p_{qj}\\Big)^2

    over the neighbours ``N(i)`` (predecessors or successors), as
    :func:`networkx.constraint`. ``P P`` is only evaluated on existing ties
    (:func:`graphtool.graphs.masked_product`: hubs apart, the rest in blocks of
    rows whose two-step work stays under ``block_work``), so time and memory
    stay bounded on large graphs with hubs.

    Returns
    -------
    numpy.ndarray
        One value per row; NaN for nodes without any tie.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press, ch. 2.
    """
    a = sp.csr_matrix(adjacency, dtype=float)
    a.setdiag(0)
    a.eliminate_zeros()
    mutual = (a + a.T).tocsr()
    mutual.sort_indices()
    sums = np.asarray(mutual.sum(axis=1)).ravel()
    inverse = np.divide(1.0, sums, out=np.zeros_like(sums), where=sums > 0)
    p = (sp.diags(inverse) @ mutual).tocsr()
    two_step = masked_product(p, p, p, block_work=block_work)  # P P on existing ties only
    local = p + two_step
    result = np.asarray(local.multiply(local).sum(axis=1)).ravel()
    result[sums == 0] = math.nan
    return result


def constraint(
    edges: Iterable[Sequence[Any]],
    nodes: Iterable[Hashable] | None = None,
    *,
    directed: bool = False,
) -> dict[Hashable, float]:
    """Burt's constraint of every node of an edge list (see :func:`constraint_matrix`).

    Parameters
    ----------
    edges
        ``(source, target)`` or ``(source, target, weight)`` tuples.
    nodes
        Every node, including isolates (which get NaN); by default the nodes in ``edges``.
    directed
        Read the edges as arcs; otherwise each edge is a tie both ways.

    Examples
    --------
    >>> constraint([("a", "b"), ("b", "c")])
    {'a': 1.0, 'b': 0.5, 'c': 1.0}
    """
    edge_list = [tuple(e) for e in edges]
    order: dict[Hashable, int] = {}
    for node in nodes if nodes is not None else ():
        order.setdefault(node, len(order))
    for edge in edge_list:
        order.setdefault(edge[0], len(order))
        order.setdefault(edge[1], len(order))
    rows = [order[e[0]] for e in edge_list]
    cols = [order[e[1]] for e in edge_list]
    data = [float(e[2]) if len(e) > 2 else 1.0 for e in edge_list]
    n = len(order)
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
    if not directed:
        # an undirected tie is one tie whatever order it is listed in
        matrix = sp.csr_matrix(matrix + matrix.T)
    values = constraint_matrix(matrix)
    return {node: float(values[i]) for node, i in order.items()}


__all__ = ["constraint", "constraint_matrix"]
