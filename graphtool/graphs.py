"""Dataset -> collaboration and funding graphs, built with sparse matrices.

The collaboration graph is the organisation–organisation projection of the
bipartite organisation–action graph: with ``B`` the organisations × actions
incidence matrix (1 where an organisation takes part, however many roles it
has), the weights are ``W = B Bᵀ`` with the diagonal removed, so ``W[i, j]``
is the number of joint actions ``i`` and ``j`` share. The funding graph is the
directed matrix ``F[i, j]`` = total amount ``i`` gives ``j``.

Node ``i`` of both graphs is row ``i`` of ``dataset.organisations``, so every
array lines up with the organisations table. ``to_networkx()`` gives the
graph networkx users know, for analyses that are not vectorised.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress


@dataclass(frozen=True)
class CollaborationGraph:
    """The undirected collaboration graph and the incidence matrix behind it."""

    ids: np.ndarray  # organisation ids, node i = ids[i]
    action_ids: np.ndarray  # joint action ids, column k of the incidence = action_ids[k]
    incidence: sp.csr_matrix  # organisations x actions, 1.0 where the organisation takes part
    weights: sp.csr_matrix  # organisations x organisations, shared actions, zero diagonal

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def index(self) -> dict[str, int]:
        """Organisation id -> node number."""
        return {org: i for i, org in enumerate(self.ids)}

    @cached_property
    def actions_per_organisation(self) -> np.ndarray:
        """Number of joint actions each organisation takes part in."""
        return np.asarray(self.incidence.sum(axis=1)).ravel().astype(np.int64)

    @cached_property
    def participants_per_action(self) -> np.ndarray:
        """Number of organisations in each joint action."""
        return np.asarray(self.incidence.sum(axis=0)).ravel().astype(np.int64)

    @cached_property
    def degree(self) -> np.ndarray:
        """Number of distinct partners of each organisation."""
        return np.diff(self.weights.indptr).astype(np.int64)

    @cached_property
    def strength(self) -> np.ndarray:
        """Sum of tie weights (shared actions, counted per partner) of each organisation."""
        return np.asarray(self.weights.sum(axis=1)).ravel()

    def subgraph(self, keep: np.ndarray) -> CollaborationGraph:
        """The graph of the organisations where the boolean mask ``keep`` is true (actions kept)."""
        return CollaborationGraph(
            self.ids[keep],
            self.action_ids,
            self.incidence[keep],
            self.weights[keep][:, keep].tocsr(),
        )

    def number_of_edges(self) -> int:
        return int(self.weights.nnz // 2)

    def edges(self) -> pd.DataFrame:
        """The ties as a table ``source, target, weight`` with source < target in node order."""
        upper = sp.triu(self.weights, k=1).tocoo()
        order = np.lexsort((upper.col, upper.row))
        return pd.DataFrame(
            {
                "source": self.ids[upper.row[order]],
                "target": self.ids[upper.col[order]],
                "weight": upper.data[order].astype(np.int64),
            }
        )

    def to_networkx(self) -> nx.Graph:
        """The collaboration graph as a weighted ``nx.Graph`` with every organisation as a node."""
        graph = nx.Graph()
        graph.add_nodes_from(self.ids)
        edges = self.edges()
        graph.add_weighted_edges_from(
            zip(edges["source"], edges["target"], edges["weight"].astype(int), strict=True)
        )
        return graph


@dataclass(frozen=True)
class FundingGraph:
    """The directed funding graph: ``amounts[i, j]`` is what ``ids[i]`` gives ``ids[j]``."""

    ids: np.ndarray
    amounts: sp.csr_matrix

    @cached_property
    def given(self) -> np.ndarray:
        return np.asarray(self.amounts.sum(axis=1)).ravel()

    @cached_property
    def received(self) -> np.ndarray:
        return np.asarray(self.amounts.sum(axis=0)).ravel()

    def edges(self) -> pd.DataFrame:
        """The flows as a table ``source, target, amount`` (summed over years), in node order."""
        coo = self.amounts.tocoo()
        order = np.lexsort((coo.col, coo.row))
        return pd.DataFrame(
            {
                "source": self.ids[coo.row[order]],
                "target": self.ids[coo.col[order]],
                "amount": coo.data[order],
            }
        )

    def to_networkx(self) -> nx.DiGraph:
        graph = nx.DiGraph()
        graph.add_nodes_from(self.ids)
        edges = self.edges()
        graph.add_weighted_edges_from(
            zip(edges["source"], edges["target"], edges["amount"], strict=True), weight="amount"
        )
        return graph


def _positions(values: pd.Series, ids: pd.Series) -> np.ndarray:
    return pd.Index(ids).get_indexer(values)


def build_incidence(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, sp.csr_matrix]:
    """The organisations × actions incidence matrix (duplicates and extra roles count once)."""
    org_ids = dataset.organisations["id"].to_numpy(dtype=object)
    action_ids = dataset.joint_actions["id"].to_numpy(dtype=object)
    parts = dataset.participations
    rows = _positions(parts["organisation_id"], dataset.organisations["id"])
    cols = _positions(parts["action_id"], dataset.joint_actions["id"])
    keep = (rows >= 0) & (cols >= 0)
    matrix = sp.csr_matrix(
        (np.ones(int(keep.sum())), (rows[keep], cols[keep])),
        shape=(len(org_ids), len(action_ids)),
    )
    matrix.data[:] = 1.0  # an organisation with two roles in one action takes part once
    return org_ids, action_ids, matrix


def build_collaboration_graph(
    dataset: Dataset, *, progress: Progress = SILENT
) -> CollaborationGraph:
    """The collaboration graph of ``dataset`` (restrict with ``dataset.for_year(y)`` first).

    Built once per dataset and kept in ``dataset.derived``, so every analysis
    of one command (and, through the dataset cache, of the next) shares it.
    ``progress`` is told when the build starts (silent by default).

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> g = build_collaboration_graph(read_dataset("sample_data/knoke"))  # doctest: +SKIP
    >>> g.number_of_edges()  # doctest: +SKIP
    32
    """
    if "collaboration_graph" in dataset.derived:
        return dataset.derived["collaboration_graph"]
    progress.step(f"collaboration graph: {len(dataset.participations):,} participations")
    org_ids, action_ids, incidence = build_incidence(dataset)
    shared = (incidence @ incidence.T).tocsr()
    weights = (shared - sp.diags(shared.diagonal())).tocsr()
    weights.eliminate_zeros()
    weights.sort_indices()
    graph = CollaborationGraph(org_ids, action_ids, incidence, weights)
    dataset.derived["collaboration_graph"] = graph
    return graph


def build_funding_graph(dataset: Dataset, *, progress: Progress = SILENT) -> FundingGraph:
    """The directed funding graph of ``dataset``, amounts summed per (funder, recipient).

    Built once per dataset (kept in ``dataset.derived``), like the collaboration graph.
    """
    if "funding_graph" in dataset.derived:
        return dataset.derived["funding_graph"]
    progress.step(f"funding graph: {len(dataset.funding):,} flows")
    org_ids = dataset.organisations["id"].to_numpy(dtype=object)
    flows = dataset.funding
    rows = _positions(flows["funder_id"], dataset.organisations["id"])
    cols = _positions(flows["recipient_id"], dataset.organisations["id"])
    amounts = sp.csr_matrix(
        (flows["amount"].to_numpy(dtype=float), (rows, cols)), shape=(len(org_ids), len(org_ids))
    )
    amounts.sum_duplicates()
    amounts.sort_indices()
    graph = FundingGraph(org_ids, amounts)
    dataset.derived["funding_graph"] = graph
    return graph
