"""Link-prediction features: what a pair of organisations has in common, as numbers.

Candidates are pairs of *active* organisations (each with at least one joint
action) that are

- within two hops on the collaboration graph (they share a partner), found
  with the sparse product ``A[rows] @ A`` over blocks of rows, or
- in the same neighbourhood (from ``organisations.neighbourhoods`` or from the
  neighbourhoods of their actions), found with ``N[rows] @ Nᵀ``; neighbourhoods
  with more than ``neighbourhood_pair_limit`` active organisations do not add
  all their pairs (their pairs still count as context when found otherwise),

minus the pairs that already share an action or have funding in either
direction. Each candidate gets six components, each in [0, 1]:

- ``structure``   ``ra / (1 + ra)`` with ``ra`` the resource allocation index on
  the collaboration graph, Σ over common partners z of 1 / deg z (Zhou, Lü &
  Zhang 2009): like Adamic–Adar (Σ 1 / log deg z) but a partner shared by
  many counts much less. The saturating map keeps one pair's value
  independent of the other pairs, so a suggestion reads the same in any
  dataset.
- ``activity``    ``x / (1 + x)``, x = log(1 + r_a · r_b), r the recent joint
  actions of an organisation: each action counts 0.5^(age / half-life), its
  age the latest start year in the data minus its start year
  (``recency_half_life``, 4 years by default; actions without a start year
  count 1). Active organisations take on new partners (preferential
  attachment, Barabási & Albert 1999), and recently active ones more so.
- ``neighbourhood`` Jaccard index of their neighbourhood sets.
- ``theme``         Jaccard index of the themes of their actions.
- ``complementarity`` ½ when they are in different groups (``group_by``) plus
  ½ when one is a resident organisation (sector ``residents``) and the other an
  institution (sector ``government`` or ``public_service``).
- ``bridging``      1 when they sit in different communities (Louvain, seeded;
  :mod:`graphtool.analyses.communities`), else 0.

:class:`LinkFeatures` is built once from a (training) dataset; it enumerates
the candidate pairs block by block and computes the components of any pairs.
The ranking that weighs them, and the reasons, live in
:mod:`graphtool.analyses.missing_links`.

References
----------
Zhou, T., Lü, L. & Zhang, Y.-C. (2009). Predicting missing links via local
information. *Eur. Phys. J. B* 71, 623–630.
Adamic, L. A. & Adar, E. (2003). Friends and neighbors on the Web. *Social
Networks* 25(3), 211–230.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from graphtool.analyses.communities import community_labels
from graphtool.graphs import build_collaboration_graph, build_funding_graph, build_incidence
from graphtool.model import RESIDENTS, Dataset
from graphtool.progress import SILENT, Progress

COMPONENTS = ("structure", "activity", "neighbourhood", "theme", "complementarity", "bridging")
INSTITUTION_SECTORS = ("government", "public_service")

#: Settings of the features (the ``[missing_links]`` section holds them besides the weights).
FEATURE_DEFAULTS: dict[str, Any] = {
    # years after which an action counts half in ``activity`` (inf: every action counts 1)
    "recency_half_life": 4.0,
    # neighbourhoods with more active organisations than this add no same-neighbourhood pairs
    "neighbourhood_pair_limit": 1000,
    # rows per block of the sparse products (memory against speed)
    "block_rows": 2000,
}


def _binary(matrix: sp.spmatrix) -> sp.csr_matrix:
    out = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    out.data[:] = 1.0
    out.eliminate_zeros()
    out.sort_indices()
    return out


def _membership(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    return _binary(sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape))


def _pair_sum(
    left: sp.csr_matrix, right: sp.csr_matrix, values: np.ndarray | None = None
) -> np.ndarray:
    """Row-wise Σ left[r, c] · right[r, c] (· values[c])."""
    both = left.multiply(right).tocsr()
    if values is not None:
        return np.asarray(both @ values).ravel()
    return np.asarray(both.sum(axis=1)).ravel()


@dataclass
class LinkFeatures:
    """What the score needs, built once from a (training) dataset.

    Node ``i`` is row ``i`` of ``dataset.organisations``. Use :meth:`candidates`
    to enumerate candidate pairs block by block and :meth:`components` to score
    any pairs.
    """

    dataset: Dataset
    ids: np.ndarray
    names: np.ndarray
    active: np.ndarray  # bool: has at least one joint action
    adjacency: sp.csr_matrix  # binary collaboration graph
    degree: np.ndarray
    inverse_log_degree: np.ndarray  # 1 / log(deg) where deg >= 2, else 0
    inverse_degree: np.ndarray  # 1 / deg where deg >= 1, else 0
    recent_actions: np.ndarray  # actions per organisation, each weighted by its recency
    excluded: sp.csr_matrix  # binary: tied or funding in either direction, symmetric
    neighbourhoods: sp.csr_matrix  # organisations x neighbourhoods, binary
    neighbourhood_ids: np.ndarray
    pair_neighbourhoods: sp.csr_matrix  # the columns small enough to add all their pairs
    themes: sp.csr_matrix  # organisations x themes, binary
    theme_ids: np.ndarray
    groups: np.ndarray
    resident: np.ndarray
    institution: np.ndarray
    community: np.ndarray
    community_engine: str
    block_rows: int
    theme_bits: np.ndarray | None = None  # themes as a bit set per organisation, up to 64 themes

    @classmethod
    def build(
        cls,
        dataset: Dataset,
        *,
        settings: Mapping[str, Any] | None = None,
        group_by: str = "sector",
        seed: int = 0,
    ) -> LinkFeatures:
        settings = {**FEATURE_DEFAULTS, **(settings or {})}
        graph = build_collaboration_graph(dataset)
        funding = build_funding_graph(dataset)
        n = graph.n
        adjacency = _binary(graph.weights)
        degree = graph.degree
        inverse_log = adamic_adar(degree)
        recency = action_recency(
            dataset.joint_actions["start_year"], half_life=float(settings["recency_half_life"])
        )
        money = _binary(funding.amounts)
        excluded = _binary(adjacency + money + money.T)

        orgs = dataset.organisations
        actions = dataset.joint_actions
        _, _, incidence = build_incidence(dataset)

        # neighbourhoods: the organisation's own column and the neighbourhoods of its actions
        own = dataset.organisation_neighbourhoods()
        action_hood = actions["neighbourhood"].astype(str).to_numpy()
        hood_ids = np.unique(
            np.concatenate(
                [own["neighbourhood"].astype(str).to_numpy(), action_hood[action_hood != ""]]
            )
        )
        hood_index = {h: k for k, h in enumerate(hood_ids)}
        org_pos = {o: i for i, o in enumerate(orgs["id"])}
        own_matrix = _membership(
            np.array([org_pos[o] for o in own["organisation_id"]], dtype=np.int64),
            np.array([hood_index[h] for h in own["neighbourhood"]], dtype=np.int64),
            (n, len(hood_ids)),
        )
        with_hood = np.flatnonzero(action_hood != "")
        action_hoods = _membership(
            with_hood,
            np.array([hood_index[h] for h in action_hood[with_hood]], dtype=np.int64),
            (len(actions), len(hood_ids)),
        )
        hoods = _binary(own_matrix + incidence @ action_hoods)

        action_theme = actions["theme"].astype(str).to_numpy()
        theme_ids = np.unique(action_theme[action_theme != ""])
        theme_index = {t: k for k, t in enumerate(theme_ids)}
        with_theme = np.flatnonzero(action_theme != "")
        action_themes = _membership(
            with_theme,
            np.array([theme_index[t] for t in action_theme[with_theme]], dtype=np.int64),
            (len(actions), len(theme_ids)),
        )
        themes = _binary(incidence @ action_themes)

        active = graph.actions_per_organisation > 0
        active_hoods = hoods[active]
        per_hood = np.asarray(active_hoods.sum(axis=0)).ravel()
        small = per_hood <= settings["neighbourhood_pair_limit"]
        pair_hoods = _binary(hoods @ sp.diags(small.astype(float)))

        sector = orgs["sector"].astype(str).to_numpy()
        labels, engine = community_labels(graph, seed=seed)
        return cls(
            dataset=dataset,
            ids=graph.ids,
            names=orgs["name"].astype(str).to_numpy(),
            active=active,
            adjacency=adjacency,
            degree=degree,
            inverse_log_degree=inverse_log,
            inverse_degree=resource_allocation(degree),
            recent_actions=np.asarray(incidence @ recency).ravel(),
            excluded=excluded,
            neighbourhoods=hoods,
            neighbourhood_ids=hood_ids,
            pair_neighbourhoods=pair_hoods,
            themes=themes,
            theme_ids=theme_ids,
            groups=dataset.group_of(group_by).to_numpy().astype(str),
            resident=sector == RESIDENTS,
            institution=np.isin(sector, INSTITUTION_SECTORS),
            community=labels,
            community_engine=engine,
            block_rows=int(settings["block_rows"]),
            theme_bits=_bit_sets(themes),
        )

    @property
    def n(self) -> int:
        return len(self.ids)

    # -- candidates -------------------------------------------------------------------------

    def candidates(
        self, rows: np.ndarray | None = None, *, progress: Progress = SILENT
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield blocks of candidate pairs ``(i, j)`` (node numbers).

        Without ``rows`` every unordered pair appears once, with ``i < j``; with
        ``rows`` (one organisation for ``--for``) every pair ``(row, j)``.
        """
        every = rows is None
        if every:
            rows = np.flatnonzero(self.active)
        assert rows is not None
        total = len(rows)
        step = self.block_rows
        for start in range(0, total, step):
            block = rows[start : start + step]
            reach = self.adjacency[block] @ self.adjacency
            reach = reach + self.pair_neighbourhoods[block] @ self.pair_neighbourhoods.T
            reach = _binary(reach)
            # drop pairs that already work together or have funding
            reach = reach - reach.multiply(self.excluded[block])
            reach.eliminate_zeros()
            coo = reach.tocoo()
            i = block[coo.row]
            j = coo.col.astype(np.int64)
            keep = self.active[j] & (j != i)
            if every:
                keep &= j > i
            progress.advance("scoring candidate pairs", min(start + step, total), total)
            yield i[keep], j[keep]

    def is_candidate(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether each pair is in the candidate set (two hops or a shared small neighbourhood)."""
        near = np.zeros(len(i), dtype=bool)
        for lo in range(0, len(i), 200_000):
            a, b = i[lo : lo + 200_000], j[lo : lo + 200_000]
            common = _pair_sum(self.adjacency[a], self.adjacency[b])
            hood = _pair_sum(self.pair_neighbourhoods[a], self.pair_neighbourhoods[b])
            near[lo : lo + 200_000] = (common > 0) | (hood > 0)
        ok = self.active[i] & self.active[j] & (i != j)
        excluded = np.asarray(self.excluded[i, j]).ravel() > 0
        return near & ok & ~excluded

    # -- scores -----------------------------------------------------------------------------

    def components(self, i: np.ndarray, j: np.ndarray) -> dict[str, np.ndarray]:
        """The score components (each in [0, 1]) and raw counts of the pairs ``(i[k], j[k])``."""
        parts: dict[str, list[np.ndarray]] = {
            k: [] for k in ("adamic_adar", "resource_allocation", "common", "hood_jaccard", "theme")
        }
        step = 200_000
        for lo in range(0, len(i), step):
            a, b = i[lo : lo + step], j[lo : lo + step]
            both = self.adjacency[a].multiply(self.adjacency[b]).tocsr()
            parts["adamic_adar"].append(np.asarray(both @ self.inverse_log_degree).ravel())
            parts["resource_allocation"].append(np.asarray(both @ self.inverse_degree).ravel())
            parts["common"].append(np.diff(both.indptr).astype(np.float64))
            parts["hood_jaccard"].append(_jaccard(self.neighbourhoods[a], self.neighbourhoods[b]))
            parts["theme"].append(self._theme_jaccard(a, b))
        joined = {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in parts.items()}
        ra = joined["resource_allocation"]
        attachment = np.log1p(self.recent_actions[i] * self.recent_actions[j])
        different = self.groups[i] != self.groups[j]
        mixed = (self.resident[i] & self.institution[j]) | (self.institution[i] & self.resident[j])
        return {
            "structure": ra / (1.0 + ra),
            "activity": attachment / (1.0 + attachment),
            "neighbourhood": joined["hood_jaccard"],
            "theme": joined["theme"],
            "complementarity": 0.5 * different + 0.5 * mixed,
            "bridging": (self.community[i] != self.community[j]).astype(np.float64),
            "adamic_adar": joined["adamic_adar"],
            "resource_allocation": ra,
            "common_partners": joined["common"],
        }

    def _theme_jaccard(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if self.theme_bits is None:
            return _jaccard(self.themes[a], self.themes[b])
        left, right = self.theme_bits[a], self.theme_bits[b]
        inter = np.bitwise_count(left & right).astype(np.float64)
        union = np.bitwise_count(left | right).astype(np.float64)
        return np.divide(inter, union, out=np.zeros(len(a)), where=union > 0)


def _bit_sets(matrix: sp.csr_matrix) -> np.ndarray | None:
    """Each row's columns as bits of one uint64 (None with more than 64 columns or old numpy)."""
    if matrix.shape[1] > 64 or not hasattr(np, "bitwise_count"):
        return None
    coo = matrix.tocoo()
    bits = np.zeros(matrix.shape[0], dtype=np.uint64)
    np.bitwise_or.at(bits, coo.row, np.left_shift(np.uint64(1), coo.col.astype(np.uint64)))
    return bits


def _jaccard(left: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
    inter = _pair_sum(left, right)
    size_left = np.diff(left.indptr)
    size_right = np.diff(right.indptr)
    union = size_left + size_right - inter
    return np.divide(inter, union, out=np.zeros(len(inter)), where=union > 0)


def resource_allocation(degrees: np.ndarray) -> np.ndarray:
    """The resource allocation weight 1 / k of common partners with ``degrees`` k (0 at k = 0).

    Zhou, T., Lü, L., Zhang, Y.-C. (2009). Predicting missing links via local
    information. Eur. Phys. J. B 71, 623–630.

    >>> resource_allocation(np.array([0, 1, 4])).tolist()
    [0.0, 1.0, 0.25]
    """
    degrees = np.asarray(degrees, dtype=float)
    return np.divide(1.0, degrees, out=np.zeros(len(degrees)), where=degrees > 0)


def action_recency(start_years: Any, *, half_life: float) -> np.ndarray:
    """The weight 0.5^(age / half_life) of each action in ``activity``.

    The age is the latest start year minus the action's start year, so the
    newest actions count 1; an action without a start year counts 1, and
    ``half_life = inf`` makes every action count 1.

    >>> years = pd.Series([2015, 2017, None], dtype="Int64")
    >>> action_recency(years, half_life=2.0).round(4).tolist()
    [0.5, 1.0, 1.0]
    """
    years = pd.to_numeric(pd.Series(start_years), errors="coerce").to_numpy(dtype=float)
    if len(years) == 0 or np.isnan(years).all() or np.isinf(half_life):
        return np.ones(len(years))
    age = np.nanmax(years) - years
    return np.where(np.isnan(years), 1.0, 0.5 ** (np.nan_to_num(age) / half_life))


def adamic_adar(degrees: np.ndarray) -> np.ndarray:
    """The Adamic–Adar weight 1 / log(k) of common partners with ``degrees`` k (0 below k = 2).

    >>> adamic_adar(np.array([1, 2, np.e**2])).round(4).tolist()
    [0.0, 1.4427, 0.5]
    """
    degrees = np.asarray(degrees, dtype=float)
    with np.errstate(divide="ignore"):
        return np.where(degrees >= 2, 1.0 / np.log(np.maximum(degrees, 2)), 0.0)


__all__ = [
    "COMPONENTS",
    "FEATURE_DEFAULTS",
    "INSTITUTION_SECTORS",
    "LinkFeatures",
    "action_recency",
    "adamic_adar",
    "resource_allocation",
]
