"""The Krackhardt–Stern E-I index: ties to other groups against ties within one's own.

For a node ``i`` with summed tie weights ``E`` to nodes of other groups and
``I`` to nodes of its own group,

.. math:: EI_i = \\frac{E_i - I_i}{E_i + I_i}

from −1 (only its own kind) to +1 (only others); undefined without ties. The
whole-network index uses the sums of ``E`` and ``I`` over all ties
(:func:`network_ei_index`). Both come from one computation,
:func:`ei_index`, a sparse product of the tie matrix with the group indicator
columns, so the per-organisation value ``territorial-drive`` reports and the
whole-network values of the reference tests are the same arithmetic.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp


def group_codes(groups: Sequence[Hashable] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct groups (sorted, as strings) and each node's position among them."""
    labels, codes = np.unique(np.asarray(groups).astype(str), return_inverse=True)
    return labels, codes.reshape(-1)


def ties_by_group(adjacency: sp.spmatrix, codes: np.ndarray, k: int) -> np.ndarray:
    """``n × k``: the summed weight of each node's (out-)ties to the nodes of each group."""
    n = adjacency.shape[0]
    width = max(k, 1)
    one_hot = sp.csr_matrix((np.ones(n), (np.arange(n), codes)), shape=(n, width))
    product = sp.csr_matrix(adjacency, dtype=float) @ one_hot
    return np.asarray(product.todense()).reshape(n, width)


def ei_index(
    adjacency: sp.spmatrix, groups: Sequence[Hashable] | np.ndarray
) -> dict[str, np.ndarray]:
    """The E-I index of every node of a (weighted, possibly directed) sparse tie matrix.

    Parameters
    ----------
    adjacency
        Square sparse matrix: ``adjacency[i, j]`` is the weight of the tie from ``i``
        to ``j`` (for an undirected graph a symmetric matrix, as the collaboration
        graph's ``weights``: each tie then counts for both ends). The diagonal is ignored.
    groups
        The group of every node, in row order.

    Returns
    -------
    dict of numpy.ndarray
        ``external`` (E, weight of the ties to other groups), ``internal`` (I,
        to its own group) and ``ei_index`` ((E − I)/(E + I), NaN without ties), one
        value per row.

    Examples
    --------
    >>> ties = sp.csr_matrix(np.array([[0, 2, 1], [2, 0, 0], [1, 0, 0]]))
    >>> ei_index(ties, ["a", "a", "b"])["ei_index"].round(4).tolist()
    [-0.3333, -1.0, 1.0]
    """
    matrix = sp.csr_matrix(adjacency, dtype=float)
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    n = matrix.shape[0]
    labels, codes = group_codes(groups)
    by_group = ties_by_group(matrix, codes, len(labels))
    strength = by_group.sum(axis=1)
    internal = by_group[np.arange(n), codes] if n else np.zeros(0)
    external = strength - internal
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(strength > 0, (external - internal) / strength, np.nan)
    return {"external": external, "internal": internal, "ei_index": value}


def network_ei_index(
    edges: Iterable[Sequence[Any]],
    groups: Mapping[Hashable, Hashable],
    *,
    directed: bool = True,
) -> dict[str, float]:
    """Krackhardt–Stern E-I index of a whole network: (E − I)/(E + I) over all its ties.

    The sums over the nodes of :func:`ei_index`: each arc counts once at its
    source; an undirected tie counts at both ends, so the sums are halved.

    Parameters
    ----------
    edges
        ``(source, target)`` or ``(source, target, weight)`` tuples. Repeated
        ties are counted once (their weights summed when weighted); self-loops
        are ignored.
    groups
        The group of every node that appears in ``edges``.
    directed
        Count arcs (``True``), or undirected ties (``False``: ``a, b`` and
        ``b, a`` are one tie).

    Returns
    -------
    dict
        ``external`` (E, ties between groups), ``internal`` (I, ties within a
        group) and ``ei_index`` (NaN when there is no tie).

    Examples
    --------
    >>> network_ei_index([("a", "b"), ("a", "c")], {"a": 1, "b": 1, "c": 2})
    {'external': 1.0, 'internal': 1.0, 'ei_index': 0.0}
    """
    order: dict[Hashable, int] = {}
    ties: dict[tuple[int, int], float] = {}
    for edge in edges:
        a, b = (order.setdefault(node, len(order)) for node in (edge[0], edge[1]))
        if a == b:
            continue
        key = (a, b) if directed or a <= b else (b, a)
        if len(edge) > 2:
            ties[key] = ties.get(key, 0.0) + float(edge[2])
        else:
            ties[key] = 1.0
    n = len(order)
    rows = np.array([a for a, _ in ties], dtype=np.int64)
    cols = np.array([b for _, b in ties], dtype=np.int64)
    matrix = sp.csr_matrix((np.array(list(ties.values())), (rows, cols)), shape=(n, n))
    if not directed:
        matrix = sp.csr_matrix(matrix + matrix.T)
    nodes = sorted(order, key=order.__getitem__)
    per_node = ei_index(matrix, [groups[node] for node in nodes])
    halve = 1.0 if directed else 0.5
    external = float(per_node["external"].sum()) * halve
    internal = float(per_node["internal"].sum()) * halve
    total = external + internal
    value = (external - internal) / total if total else math.nan
    return {"external": external, "internal": internal, "ei_index": value}


__all__ = ["ei_index", "group_codes", "network_ei_index", "ties_by_group"]
