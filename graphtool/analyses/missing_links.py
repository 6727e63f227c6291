"""Missing links: pairs of organisations that do not work together yet but might.

Candidates and their features (shared partners, activity, neighbourhoods,
themes, complementarity, bridging) come from
:class:`graphtool.analyses.link_features.LinkFeatures`; this module ranks them
and says why.

The score is the weighted mean Σ wₖ xₖ / Σ wₖ with the weights of
:data:`DEFAULTS` (overridable in the ``[missing_links]`` section of a TOML
file). The defaults were tuned on the years before a split year and checked
on a later one (``docs/missing-links.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import scipy.sparse as sp

from graphtool.analyses.link_features import COMPONENTS, FEATURE_DEFAULTS, LinkFeatures
from graphtool.analyses.reasons import reason
from graphtool.config import merged
from graphtool.errors import AnalysisError, ConfigError
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress

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
    **FEATURE_DEFAULTS,
}


def check_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by ``config`` (any subset of :data:`DEFAULTS`), validated.

    Raises
    ------
    ConfigError
        An unknown key, a negative weight or all weights zero, a half-life that is not
        positive, or block sizes out of range.
    """
    settings = merged(DEFAULTS, config or {}, "missing_links")
    weights = settings["weights"]
    if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ConfigError(
            f"missing_links.weights: weights must be non-negative and not all zero, got {weights}"
        )
    if not settings["recency_half_life"] > 0:
        raise ConfigError(
            "missing_links.recency_half_life: must be a positive number of years (inf to "
            f"count every action alike), got {settings['recency_half_life']}"
        )
    if settings["block_rows"] < 1 or settings["neighbourhood_pair_limit"] < 0:
        raise ConfigError("missing_links: block_rows must be >= 1, neighbourhood_pair_limit >= 0")
    return settings


def rank_score(components: Mapping[str, np.ndarray], weights: Mapping[str, float]) -> np.ndarray:
    """The weighted mean Σ wₖ xₖ / Σ wₖ of the components (:data:`COMPONENTS`) of some pairs."""
    total = sum(float(weights[name]) for name in COMPONENTS)
    out = np.zeros(len(components["structure"]))
    for name in COMPONENTS:
        out += float(weights[name]) * components[name]
    return out / total


def _top_pairs(
    features: LinkFeatures,
    weights: Mapping[str, float],
    top: int,
    rows: np.ndarray | None,
    progress: Progress,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The best ``top`` candidate pairs (ties at the cut kept) over all blocks."""
    keep_i, keep_j, keep_s = [], [], []
    for i, j in features.candidates(rows, progress=progress):
        if len(i) == 0:
            continue
        score = rank_score(features.components(i, j), weights)
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
            (
                f.neighbourhood_ids[k]
                for k in self._row(f.neighbourhoods, i) & self._row(f.neighbourhoods, j)
            ),
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
    config: Mapping[str, Any] | None = None,
    seed: int = 0,
    progress: Progress = SILENT,
    features: LinkFeatures | None = None,
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
        Overrides of :data:`DEFAULTS` (the ``[missing_links]`` section of a
        configuration, :mod:`graphtool.analyses.configuration`); ``None`` uses the defaults.
    seed
        Seed of the community detection behind ``bridging``.
    features
        The :class:`LinkFeatures` of ``dataset`` when the caller has built them already
        (``group_by``, ``seed`` and the feature settings are then theirs).

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
        ``top`` is below 1, or ``for_org`` is not an organisation of the dataset or
        has no joint action.
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
    settings = check_config(config)
    if features is None:
        progress.step("missing links: graphs, neighbourhoods, themes and communities")
        features = LinkFeatures.build(dataset, settings=settings, group_by=group_by, seed=seed)
    return suggestions(features, settings["weights"], top=top, for_org=for_org, progress=progress)


def suggestions(
    features: LinkFeatures,
    weights: Mapping[str, float],
    *,
    top: int = 20,
    for_org: str | None = None,
    progress: Progress = SILENT,
) -> list[dict[str, Any]]:
    """The ``top`` best candidate pairs of ``features`` ranked by ``weights`` (see
    :func:`missing_links`, which builds the features and checks the settings)."""
    if top < 1:
        raise AnalysisError(f"top (how many suggestions) must be at least 1, got {top}")
    dataset = features.dataset
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
    i, j, _ = _top_pairs(features, weights, top, rows, progress)
    if for_org is None:
        swap = features.ids[i].astype(str) > features.ids[j].astype(str)
        i, j = np.where(swap, j, i), np.where(swap, i, j)
    comps = features.components(i, j)
    scores = rank_score(comps, weights)
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


__all__ = ["COMPONENTS", "DEFAULTS", "check_config", "missing_links", "rank_score", "suggestions"]
