"""Missing links: pairs of organisations that do not work together yet but might.

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

The score is the weighted mean Σ wₖ xₖ / Σ wₖ with the weights of
:data:`DEFAULTS` (overridable in the ``[missing_links]`` section of a TOML
file). The defaults were tuned on the years before a split year and checked
on a later one (``docs/missing-links.md``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from graphtool.analyses.communities import community_labels
from graphtool.analyses.reasons import reason
from graphtool.config import load_section
from graphtool.errors import AnalysisError, ConfigError
from graphtool.graphs import build_collaboration_graph, build_funding_graph, build_incidence
from graphtool.model import RESIDENTS, Dataset
from graphtool.progress import SILENT, Progress

COMPONENTS = ("structure", "activity", "neighbourhood", "theme", "complementarity", "bridging")
INSTITUTION_SECTORS = ("government", "public_service")

#: Default settings of the ``[missing_links]`` configuration section.
DEFAULTS: dict[str, Any] = {
    "weights": {
        "structure": 1.0,
        "activity": 1.0,
        "neighbourhood": 0.5,
        "theme": 0.25,
        "complementarity": 0.0,
        "bridging": 0.1,
    },
    # years after which an action counts half in ``activity`` (inf: every action counts 1)
    "recency_half_life": 4.0,
    # neighbourhoods with more active organisations than this add no same-neighbourhood pairs
    "neighbourhood_pair_limit": 1000,
    # rows per block of the sparse products (memory against speed)
    "block_rows": 2000,
}


def settings_from(config: str | Path | Mapping[str, Any] | None) -> dict[str, Any]:
    """The settings: defaults, overridden by a TOML file or a dict shaped like :data:`DEFAULTS`."""
    if config is None or isinstance(config, str | os.PathLike):
        settings, _ = load_section(config, "missing_links", DEFAULTS)
    else:
        from graphtool.config import merged

        settings = merged(DEFAULTS, config, "missing_links")
    weights = settings["weights"]
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ConfigError(
            f"[missing_links.weights]: weights must be non-negative and not all zero, got {weights}"
        )
    if not settings["recency_half_life"] > 0:
        raise ConfigError(
            "[missing_links]: recency_half_life must be a positive number of years (inf to "
            f"count every action alike), got {settings['recency_half_life']}"
        )
    if settings["block_rows"] < 1 or settings["neighbourhood_pair_limit"] < 0:
        raise ConfigError("[missing_links]: block_rows must be >= 1, neighbourhood_pair_limit >= 0")
    return settings


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
    weights: dict[str, float]
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
        settings = settings_from(None) if settings is None else settings
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
            weights={k: float(settings["weights"][k]) for k in COMPONENTS},
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

    def score(self, components: Mapping[str, np.ndarray]) -> np.ndarray:
        """The weighted mean of the components."""
        total = sum(self.weights.values())
        out = np.zeros(len(components["structure"]))
        for name in COMPONENTS:
            out += self.weights[name] * components[name]
        return out / total


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


def _top_pairs(
    features: LinkFeatures, top: int, rows: np.ndarray | None, progress: Progress
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ``top`` candidate pairs (ties at the cut kept) over all blocks."""
    keep_i, keep_j, keep_s = [], [], []
    for i, j in features.candidates(rows, progress=progress):
        if len(i) == 0:
            continue
        score = features.score(features.components(i, j))
        if len(score) > top:
            cut = np.partition(score, len(score) - top)[len(score) - top]
            chosen = score >= cut
            i, j, score = i[chosen], j[chosen], score[chosen]
        keep_i.append(i)
        keep_j.append(j)
        keep_s.append(score)
    if not keep_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(keep_i), np.concatenate(keep_j), np.concatenate(keep_s)


class _Reasons:
    """The reason records behind a suggestion (:mod:`graphtool.analyses.reasons`)."""

    def __init__(self, features: LinkFeatures) -> None:
        self.f = features
        ds = features.dataset
        hood_names = dict(
            zip(ds.neighbourhoods["id"], ds.neighbourhoods["name"].astype(str), strict=True)
        )
        self.hood_name = lambda h: hood_names.get(h) or h
        # (theme, neighbourhood) of the actions each organisation leads
        leads = ds.participations.loc[
            ds.participations["role"] == "lead", ["organisation_id", "action_id"]
        ].merge(
            ds.joint_actions[["id", "theme", "neighbourhood"]], left_on="action_id", right_on="id"
        )
        self.leads: dict[str, set[tuple[str, str]]] = {}
        for org, theme, hood in zip(
            leads["organisation_id"],
            leads["theme"].astype(str),
            leads["neighbourhood"].astype(str),
            strict=True,
        ):
            self.leads.setdefault(org, set()).add((theme, hood))
        self.funding_known = len(ds.funding) > 0
        # joint actions and the latest start year per organisation, for ``both_active``
        starts = ds.participations.drop_duplicates(["action_id", "organisation_id"]).merge(
            ds.joint_actions[["id", "start_year"]], left_on="action_id", right_on="id"
        )
        by_org = starts.groupby("organisation_id")
        self.action_count = by_org.size().to_dict()
        self.latest_start = by_org["start_year"].max().dropna().astype(int).to_dict()

    def _row(self, matrix: sp.csr_matrix, i: int) -> set[int]:
        return set(matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]].tolist())

    def shared_partners(self, i: int, j: int) -> list[int]:
        common = self._row(self.f.adjacency, i) & self._row(self.f.adjacency, j)
        # the partners that weigh most in Adamic–Adar (fewest partners) first
        return sorted(common, key=lambda z: (self.f.degree[z], str(self.f.ids[z])))

    def _context(self, i: int, j: int) -> dict[str, Any] | None:
        """The themes they both lead (or work on) and the neighbourhoods they share."""
        f = self.f
        hoods = sorted(
            (f.neighbourhood_ids[k] for k in self._row(f.neighbourhoods, i)
             & self._row(f.neighbourhoods, j)),
            key=lambda h: (self.hood_name(h), h),
        )
        themes = sorted(f.theme_ids[k] for k in self._row(f.themes, i) & self._row(f.themes, j))
        lead_i = self.leads.get(str(f.ids[i]), set())
        lead_j = self.leads.get(str(f.ids[j]), set())
        both_led = sorted((lead_i & lead_j) - {("", "")})
        led_themes = sorted({t for t, _ in both_led if t})
        led_places = sorted({h for _, h in both_led if h}, key=lambda h: (self.hood_name(h), h))
        if led_themes:
            return reason("both_lead", themes=led_themes, neighbourhoods=led_places)
        if themes:
            return reason("shared_themes", themes=themes, neighbourhoods=hoods)
        if hoods:
            return reason("shared_neighbourhoods", neighbourhoods=hoods)
        return None

    def records(self, i: int, j: int, comp: Mapping[str, float]) -> list[dict[str, Any]]:
        f = self.f
        pair = [str(f.ids[i]), str(f.ids[j])]
        out: list[dict[str, Any]] = []
        context = self._context(i, j)
        if context is not None:
            out.append(context)
        partners = self.shared_partners(i, j)
        if partners:
            out.append(
                reason(
                    "shared_partners",
                    {"partners": len(partners)},
                    organisations=[f.ids[z] for z in partners],
                )
            )
        org_i, org_j = pair
        active: dict[str, Any] = {
            "actions_a": int(self.action_count.get(org_i, 0)),
            "actions_b": int(self.action_count.get(org_j, 0)),
        }
        if org_i in self.latest_start and org_j in self.latest_start:
            active["latest_year_a"] = int(self.latest_start[org_i])
            active["latest_year_b"] = int(self.latest_start[org_j])
        out.append(reason("both_active", active, organisations=pair))
        groups = [f.groups[i], f.groups[j]]
        mixed = (f.resident[i] and f.institution[j]) or (f.institution[i] and f.resident[j])
        if mixed:
            out.append(reason("resident_institution", organisations=pair, groups=groups))
        elif f.groups[i] != f.groups[j]:
            out.append(reason("different_groups", organisations=pair, groups=groups))
        if comp["bridging"] > 0:
            out.append(
                reason(
                    "bridging",
                    {"community_a": int(f.community[i]), "community_b": int(f.community[j])},
                )
            )
        out.append(
            reason("never_together" if self.funding_known else "never_together_no_funding_data")
        )
        return out


def missing_links(
    dataset: Dataset,
    *,
    top: int = 20,
    for_org: str | None = None,
    group_by: str = "sector",
    config: str | Path | Mapping[str, Any] | None = None,
    seed: int = 0,
    progress: Progress = SILENT,
) -> list[dict[str, Any]]:
    """The ``top`` best missing links, best first, each with its components and reasons.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it to a year with ``dataset.for_year`` first).
    top
        How many suggestions.
    for_org
        Only the best partners of this organisation id.
    group_by
        The organisations column that defines groups for complementarity.
    config
        A TOML file with a ``[missing_links]`` section, or a dict of overrides of
        :data:`DEFAULTS`; ``None`` uses the defaults.
    seed
        Seed of the community detection behind ``bridging``.

    Returns
    -------
    list of dict
        ``source``, ``target`` (ids; ``source`` is ``for_org`` when given, else the
        smaller id), ``source_name``, ``target_name``, ``score`` (the weighted mean of
        the components), ``components`` (dict of the five components),
        ``shared_partners`` (count), ``adamic_adar`` (raw index) and ``reasons``
        (reason records, :mod:`graphtool.analyses.reasons`; codes in
        ``docs/reasons.md``). Sorted by score descending, ties by source then target id.

    Raises
    ------
    AnalysisError
        ``for_org`` is not an organisation of the dataset or has no joint action.
    ConfigError
        The configuration is invalid.

    References
    ----------
    Adamic, L. A., Adar, E. (2003). Friends and neighbors on the Web. Social
    Networks 25(3), 211–230.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> links = missing_links(read_dataset("sample_data/lindenwaard"), top=3)  # doctest: +SKIP
    >>> sorted(links[0])  # doctest: +SKIP
    ['adamic_adar', 'components', 'reasons', 'score', 'shared_partners', 'source', ...]
    """
    if top < 1:
        raise AnalysisError(f"top (how many suggestions) must be at least 1, got {top}")
    settings = settings_from(config)
    progress.step("missing links: graphs, neighbourhoods, themes and communities")
    features = LinkFeatures.build(dataset, settings=settings, group_by=group_by, seed=seed)
    rows = None
    if for_org is not None:
        index = {str(o): k for k, o in enumerate(features.ids)}
        if for_org not in index:
            raise AnalysisError(
                f"unknown organisation id {for_org!r} in {dataset.name}",
                hint="use an id from the 'id' column of organisations.csv",
            )
        if not features.active[index[for_org]]:
            raise AnalysisError(
                f"organisation {for_org!r} takes part in no joint action"
                + (f" in {dataset.year}" if dataset.year is not None else ""),
                hint="missing links are suggested between organisations with at least one action",
            )
        rows = np.array([index[for_org]], dtype=np.int64)
    progress.step("missing links: candidate pairs within two hops and shared neighbourhoods")
    i, j, _ = _top_pairs(features, top, rows, progress)
    if for_org is None:
        swap = features.ids[i].astype(str) > features.ids[j].astype(str)
        i, j = np.where(swap, j, i), np.where(swap, i, j)
    comps = features.components(i, j)
    scores = features.score(comps)
    order = np.lexsort((features.ids[j].astype(str), features.ids[i].astype(str), -scores))[:top]
    reasons = _Reasons(features)
    results = []
    for k in order:
        a, b = int(i[k]), int(j[k])
        comp = {name: round(float(comps[name][k]), 6) for name in COMPONENTS}
        results.append(
            {
                "source": str(features.ids[a]),
                "target": str(features.ids[b]),
                "source_name": str(features.names[a]),
                "target_name": str(features.names[b]),
                "score": round(float(scores[k]), 6),
                "components": comp,
                "shared_partners": int(comps["common_partners"][k]),
                "adamic_adar": round(float(comps["adamic_adar"][k]), 6),
                "resource_allocation": round(float(comps["resource_allocation"][k]), 6),
                "recent_actions": [
                    round(float(features.recent_actions[a]), 6),
                    round(float(features.recent_actions[b]), 6),
                ],
                "reasons": reasons.records(a, b, comp),
            }
        )
    return results


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
