"""Territorial drive: which organisations keep to themselves, and why.

Six components per organisation with at least one joint action (DESIGN.md,
"Analyses"), all computed with sparse matrix products over the whole
dataset at once:

``solo_share``
    share of its joint actions in which it is the only participant.
``ei_index``
    Krackhardt–Stern E-I index of its collaboration ties, (E − I)/(E + I),
    E and I the summed tie weights (shared actions) to other groups and to
    its own group. −1 means only its own kind; undefined without partners.
    Computed by :func:`graphtool.analyses.ei_index.ei_index`.
``partner_diversity``
    Blau's heterogeneity 1 − Σₖ pₖ² of its partners' groups, pₖ the share
    of its tie weight going to group k, divided by its maximum (K − 1)/K,
    K the number of groups in the dataset. Undefined without partners, or
    when the dataset has a single group.
``resident_reach``
    share of its joint actions that include an organisation of the
    residents sector. Undefined for resident organisations themselves.
    Resident organisations are those whose ``sector`` is ``residents``,
    whatever column groups the organisations.
``funding_in_group_share``
    share of the money it gives plus the money it receives that flows
    between it and organisations of its own group (money to itself counts
    as in-group). Undefined when it neither gives nor receives.
``constraint``
    Burt's constraint on the *weighted* collaboration graph (weight = shared
    actions), as :func:`networkx.constraint` with ``weight="weight"``
    (:func:`graphtool.analyses.structural_holes.constraint_matrix`).
    Undefined without partners.

The score is the weighted mean of the defined components, each turned so
that 1 means inward-looking: ``solo_share``, ``(1 − ei_index)/2``,
``1 − partner_diversity``, ``1 − resident_reach``,
``funding_in_group_share`` and ``min(constraint, 1)`` (constraint can exceed
1, with equal weights too: one action of three organisations gives 1.125). An
organisation is flagged when its score reaches the threshold and it has at
least ``min_actions`` joint actions.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational
crises: an experimental simulation. *Social Psychology Quarterly* 51(2), 123–140.
Blau, P. M. (1977). *Inequality and Heterogeneity*. New York: Free Press.
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*.
Cambridge, MA: Harvard University Press.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from graphtool.analyses.brokerage import BROKERAGE_ROLES, brokerage_matrix
from graphtool.analyses.ei_index import ei_index, group_codes, ties_by_group
from graphtool.analyses.reasons import reason
from graphtool.analyses.structural_holes import constraint_matrix
from graphtool.config import merged
from graphtool.errors import ConfigError
from graphtool.graphs import (
    CollaborationGraph,
    FundingGraph,
    build_collaboration_graph,
    build_funding_graph,
)
from graphtool.model import RESIDENTS, Dataset
from graphtool.progress import SILENT, Progress

#: The components, in output order, with the function that turns each so 1 = inward-looking.
COMPONENTS: tuple[str, ...] = (
    "solo_share",
    "ei_index",
    "partner_diversity",
    "resident_reach",
    "funding_in_group_share",
    "constraint",
)

#: Default configuration. ``weights`` weigh the turned components in the score
#: (0 leaves a component out of the score; it is still reported). ``threshold``
#: is the score from which an organisation is flagged, ``min_actions`` the
#: number of joint actions it needs before it can be flagged, and
#: ``reason_level`` the turned value above which a component is named as a reason.
DEFAULTS: dict[str, Any] = {
    "weights": {
        "solo_share": 1.0,
        "ei_index": 1.0,
        "partner_diversity": 1.0,
        "resident_reach": 1.0,
        "funding_in_group_share": 1.0,
        "constraint": 0.0,
    },
    "threshold": 0.65,
    "min_actions": 3,
    "reason_level": 0.5,
}

#: Keys of every row :func:`territorial_drive` returns, in order.
OUTPUT_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "type",
    "group",
    "actions",
    "partners",
    *COMPONENTS,
    "score",
    "flagged",
    "absent",
    "reasons",
    "brokerage",
)


# --------------------------------------------------------------------------- components


def territorial_components(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    collab: CollaborationGraph | None = None,
    funding: FundingGraph | None = None,
) -> pd.DataFrame:
    """The six components of every organisation, one row per organisation in table order.

    Columns: ``actions``, ``partners``, ``solo``, ``own_partners``, the six
    components (NaN when undefined), the money in and out (``money_total``,
    ``money_within``) and ``groups_used`` (distinct partner groups).
    Organisations without a joint action have ``actions`` 0 and NaN
    components. ``collab`` and ``funding`` are the graphs of ``dataset``
    when the caller has built them already.
    """
    collab = collab if collab is not None else build_collaboration_graph(dataset)
    funding = funding if funding is not None else build_funding_graph(dataset)
    n = collab.n
    group_values = dataset.group_of(group_by).to_numpy().astype(str)
    labels, codes = group_codes(group_values)
    k = len(labels)

    incidence = collab.incidence
    actions = collab.actions_per_organisation.astype(float)
    has_actions = actions > 0
    per_action = collab.participants_per_action
    solo = np.asarray(incidence @ (per_action == 1).astype(float)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        solo_share = np.where(has_actions, solo / actions, np.nan)

    weights = collab.weights
    ei = ei_index(weights, group_values)["ei_index"]
    by_group = ties_by_group(weights, codes, k)
    strength = by_group.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = by_group / strength[:, None]
        blau = 1.0 - np.nansum(shares**2, axis=1)
        diversity = np.where(strength > 0, blau / ((k - 1) / k), np.nan) if k > 1 else (
            np.full(n, np.nan)
        )
    diversity = np.clip(diversity, 0.0, 1.0)  # rounding only
    groups_used = (by_group > 0).sum(axis=1)

    pattern = weights.copy()
    pattern.data[:] = 1.0
    same = codes[pattern.indices] == np.repeat(codes, np.diff(pattern.indptr))
    own_partners = np.bincount(
        np.repeat(np.arange(n), np.diff(pattern.indptr))[same], minlength=n
    )

    sector = dataset.organisations["sector"].astype(str).to_numpy()
    resident = sector == RESIDENTS
    action_has_resident = np.asarray(incidence.T @ resident.astype(float)).ravel() > 0
    reached = np.asarray(incidence @ action_has_resident.astype(float)).ravel()
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.where(has_actions & ~resident, reached / actions, np.nan)

    amounts = funding.amounts.tocoo()
    in_group = codes[amounts.row] == codes[amounts.col]
    money_total = funding.given + funding.received
    money_within = np.zeros(n)
    np.add.at(money_within, amounts.row[in_group], amounts.data[in_group])
    np.add.at(money_within, amounts.col[in_group], amounts.data[in_group])
    # money to itself is counted once in given and once in received, like any flow
    with np.errstate(divide="ignore", invalid="ignore"):
        funding_share = np.where(
            has_actions & (money_total > 0), money_within / money_total, np.nan
        )

    burt = constraint_matrix(weights)
    burt = np.where(has_actions, burt, np.nan)

    nan_if_absent = np.where(has_actions, 1.0, np.nan)
    return pd.DataFrame(
        {
            "actions": actions.astype(np.int64),
            "partners": collab.degree,
            "solo": solo.astype(np.int64),
            "own_partners": own_partners.astype(np.int64),
            "groups_used": groups_used.astype(np.int64),
            "solo_share": solo_share,
            "ei_index": ei * nan_if_absent,
            "partner_diversity": diversity * nan_if_absent,
            "resident_reach": reach,
            "reached": reached.astype(np.int64),
            "funding_in_group_share": funding_share,
            "money_total": money_total,
            "money_within": money_within,
            "constraint": burt,
        }
    )


def turned(components: pd.DataFrame) -> pd.DataFrame:
    """Each component turned so that 1 means inward-looking (NaN stays NaN)."""
    return pd.DataFrame(
        {
            "solo_share": components["solo_share"],
            "ei_index": (1.0 - components["ei_index"]) / 2.0,
            "partner_diversity": 1.0 - components["partner_diversity"],
            "resident_reach": 1.0 - components["resident_reach"],
            "funding_in_group_share": components["funding_in_group_share"],
            "constraint": components["constraint"].clip(upper=1.0),
        }
    )


def score(turned_components: pd.DataFrame, weights: Mapping[str, float]) -> np.ndarray:
    """Weighted mean of the defined turned components (NaN when none is defined)."""
    values = turned_components[list(COMPONENTS)].to_numpy(dtype=float)
    w = np.array([float(weights[c]) for c in COMPONENTS])
    defined = ~np.isnan(values)
    total_weight = (defined * w).sum(axis=1)
    weighted = np.where(defined, values, 0.0) @ w
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total_weight > 0, weighted / total_weight, np.nan)


def check_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by ``config``, validated; raises :class:`ConfigError`."""
    settings = merged(DEFAULTS, config or {}, "territorial_drive")
    weights = settings["weights"]
    for name, value in weights.items():
        if not (value >= 0 and math.isfinite(value)):
            raise ConfigError(
                f"territorial_drive.weights.{name}: must be a number of 0 or more, got {value!r}"
            )
    if sum(weights.values()) <= 0:
        raise ConfigError(
            "territorial_drive.weights: at least one weight must be above 0",
            hint="the default weights are 1 for every component but constraint",
        )
    for key in ("threshold", "reason_level"):
        if not 0.0 <= settings[key] <= 1.0:
            raise ConfigError(
                f"territorial_drive.{key}: must be between 0 and 1, got {settings[key]!r}"
            )
    minimum = settings["min_actions"]
    if isinstance(minimum, float) and not minimum.is_integer() or minimum < 1:
        raise ConfigError(
            f"territorial_drive.min_actions: must be a whole number of 1 or more, got {minimum!r}"
        )
    settings["min_actions"] = int(minimum)
    return settings


# --------------------------------------------------------------------------- the analysis


def territorial_drive(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    config: Mapping[str, Any] | None = None,
    progress: Progress = SILENT,
    collab: CollaborationGraph | None = None,
    funding: FundingGraph | None = None,
) -> list[dict[str, Any]]:
    """Territorial drive of every organisation, worst first, each with its reasons.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it with ``dataset.for_year(y)`` first).
    group_by
        The organisations column that defines groups (``sector`` by default).
    config
        Overrides of :data:`DEFAULTS` (any subset of its keys).
    progress
        Where to report the steps.
    collab, funding
        The graphs of ``dataset`` when the caller has built them already.

    Returns
    -------
    list of dict
        One row per organisation with the keys of :data:`OUTPUT_KEYS`;
        undefined values are ``None``. Flagged organisations come first by
        score (highest first), then the other scored organisations by score,
        then the absent ones (no joint action: ``absent`` true, ``score``
        ``None``). ``brokerage`` holds the Gould–Fernandez role counts on the
        collaboration graph (:func:`graphtool.analyses.brokerage.brokerage`).
        ``reasons`` is a list of reason records (:mod:`graphtool.analyses.reasons`;
        codes in ``docs/reasons.md``) for every component above
        ``reason_level``; :mod:`graphtool.present.reasons` writes them as sentences.

    Raises
    ------
    ConfigError
        When ``config`` has an unknown key or a value out of range.
    AnalysisError
        When ``group_by`` is not a column of the organisations.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> rows = territorial_drive(read_dataset("sample_data/lindenwaard"))  # doctest: +SKIP
    >>> rows[0]["id"], [r["code"] for r in rows[0]["reasons"]]  # doctest: +SKIP
    ('wc-woongoed', ['solo_actions', 'own_group_partners', 'no_residents', 'money_within_group'])
    """
    settings = check_config(config)
    progress.step("territorial drive: components")
    collab = collab if collab is not None else build_collaboration_graph(dataset)
    funding = funding if funding is not None else build_funding_graph(dataset)
    parts = territorial_components(dataset, group_by=group_by, collab=collab, funding=funding)
    inward = turned(parts)
    scores = score(inward, settings["weights"])
    absent = parts["actions"].to_numpy() == 0
    scores[absent] = np.nan
    enough = parts["actions"].to_numpy() >= settings["min_actions"]
    flagged = ~absent & enough & (scores >= settings["threshold"] - 1e-12)

    progress.step("territorial drive: brokerage roles")
    group_values = dataset.group_of(group_by).to_numpy().astype(str)
    roles = brokerage_matrix(collab.weights, group_values)

    progress.step("territorial drive: reasons")
    explain = _Reasons(dataset, collab, funding, group_values, parts, inward, settings)
    orgs = dataset.organisations
    ids = orgs["id"].tolist()
    names = orgs["name"].tolist()
    types = orgs["type"].tolist()
    groups = group_values.tolist()
    actions = parts["actions"].tolist()
    partners = parts["partners"].tolist()
    # plain Python values (None for undefined), converted column by column: per-row
    # pandas access would dominate the run time on large datasets
    values = {name: _plain_column(parts[name].to_numpy(dtype=float)) for name in COMPONENTS}
    score_values = _plain_column(scores)
    role_counts = roles.tolist()
    rows = []
    for i in range(len(orgs)):
        row: dict[str, Any] = {
            "id": ids[i],
            "name": names[i],
            "type": types[i],
            "group": groups[i],
            "actions": actions[i],
            "partners": partners[i],
        }
        for name in COMPONENTS:
            row[name] = values[name][i]
        row["score"] = score_values[i]
        row["flagged"] = bool(flagged[i])
        row["absent"] = bool(absent[i])
        row["reasons"] = explain.reasons(i, flagged=bool(flagged[i]), score=scores[i])
        row["brokerage"] = dict(zip(BROKERAGE_ROLES, role_counts[i], strict=True))
        rows.append(row)
    return sort_rows(rows)


def sort_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flagged first by score (highest first), then the other scored rows, absent last.

    Ties are broken by id, so the order is deterministic.
    """

    def key(row: dict[str, Any]) -> tuple:
        rank = 0 if row["flagged"] else (2 if row["absent"] else 1)
        return (rank, -(row["score"] if row["score"] is not None else 0.0), str(row["id"]))

    return sorted(rows, key=key)


def _plain_column(values: np.ndarray) -> list[float | None]:
    """Floats as a list, NaN as ``None``."""
    return [None if v != v else v for v in values.tolist()]  # v != v only for NaN


class _Reasons:
    """The reason records behind each inward-looking component."""

    def __init__(self, dataset, collab, funding, group_values, parts, inward, settings):
        self.dataset = dataset
        self.collab = collab
        self.groups = group_values
        # column lists: per-row pandas access would dominate on large datasets
        self.parts = {c: parts[c].tolist() for c in parts.columns}
        self.inward = {c: inward[c].tolist() for c in inward.columns}
        self.settings = settings
        self.ids = dataset.organisations["id"].astype(str).to_numpy()
        self.names = dataset.organisations["name"].astype(str).to_numpy()
        self.action_ids = dataset.joint_actions["id"].astype(str).to_numpy()
        self.action_names = dataset.joint_actions["name"].astype(str).to_numpy()
        self.n_groups = len(np.unique(group_values))
        self.funding = funding.amounts
        self.funding_t = self.funding.T.tocsr()
        self.incidence = collab.incidence.tocsr()
        self.solo_action = collab.participants_per_action == 1

    def partners(self, i: int, own: bool | None) -> list[str]:
        """Partner ids, most shared actions first (then by name); only own group or others."""
        w = self.collab.weights
        cols = w.indices[w.indptr[i] : w.indptr[i + 1]]
        vals = w.data[w.indptr[i] : w.indptr[i + 1]]
        if own is not None:
            keep = (self.groups[cols] == self.groups[i]) == own
            cols, vals = cols[keep], vals[keep]
        order = sorted(range(len(cols)), key=lambda k: (-vals[k], self.names[cols[k]]))
        return [self.ids[cols[k]] for k in order]

    def solo_actions(self, i: int) -> list[str]:
        """Ids of its actions without a partner, by name (then id)."""
        row = self.incidence.indices[self.incidence.indptr[i] : self.incidence.indptr[i + 1]]
        solo = [a for a in row if self.solo_action[a]]
        solo.sort(key=lambda a: (self.action_names[a], self.action_ids[a]))
        return [self.action_ids[a] for a in solo]

    def reasons(self, i: int, *, flagged: bool, score: float) -> list[dict[str, Any]]:
        p = {c: values[i] for c, values in self.parts.items()}
        actions = int(p["actions"])
        if actions == 0:
            year = self.dataset.year
            return [reason("no_actions", {} if year is None else {"year": year})]
        level = self.settings["reason_level"]
        inward = {c: values[i] for c, values in self.inward.items()}
        own_group = [self.groups[i]]
        out: list[dict[str, Any]] = []
        solo = int(p["solo"])
        if inward["solo_share"] > level and solo > 0:
            out.append(
                reason(
                    "solo_actions",
                    {"solo": solo, "actions": actions},
                    joint_actions=self.solo_actions(i),
                )
            )
        partners = int(p["partners"])
        own = int(p["own_partners"])
        if partners and inward["ei_index"] > level and own > 0:
            out.append(
                reason(
                    "own_group_partners",
                    {"own": own, "partners": partners},
                    groups=own_group,
                    organisations=self.partners(i, own=True),
                )
            )
        if (
            partners
            and not (own > 0 and own == partners and inward["ei_index"] > level)
            and not math.isnan(inward["partner_diversity"])
            and inward["partner_diversity"] > level
        ):
            used = self._partner_groups(i)
            out.append(
                reason(
                    "few_partner_groups",
                    {
                        "partners": partners,
                        "used_groups": len(used),
                        "dataset_groups": self.n_groups,
                    },
                    groups=used,
                )
            )
        if not math.isnan(inward["resident_reach"]) and inward["resident_reach"] > level:
            reached = int(p["reached"])
            if reached == 0:
                out.append(reason("no_residents", {"actions": actions}))
            else:
                out.append(reason("few_residents", {"reached": reached, "actions": actions}))
        share = inward["funding_in_group_share"]
        if not math.isnan(share) and share > level:
            top = self._top_money_partner(i)
            out.append(
                reason(
                    "money_within_group",
                    {
                        "share": share,
                        "within_money": p["money_within"],
                        "total_money": p["money_total"],
                    },
                    groups=own_group,
                    organisations=[] if top is None else [top],
                )
            )
        if (
            self.settings["weights"]["constraint"] > 0
            and not math.isnan(inward["constraint"])
            and inward["constraint"] > level
        ):
            out.append(reason("high_constraint", {"constraint": p["constraint"]}))
        minimum = self.settings["min_actions"]
        if actions < minimum and score >= self.settings["threshold"]:
            out.append(reason("too_few_actions", {"actions": actions, "min_actions": minimum}))
        return out

    def _partner_groups(self, i: int) -> list[str]:
        w = self.collab.weights
        cols = w.indices[w.indptr[i] : w.indptr[i + 1]]
        vals = w.data[w.indptr[i] : w.indptr[i + 1]]
        totals: dict[str, float] = {}
        for c, v in zip(cols, vals, strict=True):
            totals[self.groups[c]] = totals.get(self.groups[c], 0.0) + v
        return sorted(totals, key=lambda g: (-totals[g], g))

    def _top_money_partner(self, i: int) -> str | None:
        """The other organisation of its own group it exchanges most money with (its id)."""
        totals: dict[int, float] = {}
        for matrix in (self.funding, self.funding_t):
            cols = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
            vals = matrix.data[matrix.indptr[i] : matrix.indptr[i + 1]]
            for c, v in zip(cols, vals, strict=True):
                if c != i and self.groups[c] == self.groups[i]:
                    totals[int(c)] = totals.get(int(c), 0.0) + float(v)
        if not totals:
            return None
        best = min(totals, key=lambda c: (-totals[c], self.names[c]))
        return str(self.ids[best])


def configuration_summary(settings: Mapping[str, Any], source: str) -> str:
    """One line saying which configuration was used, e.g. for a table footer."""
    weights = ", ".join(f"{k} {v:g}" for k, v in settings["weights"].items())
    return (
        f"configuration: {source} (threshold {settings['threshold']:g}, "
        f"min_actions {settings['min_actions']}, weights: {weights})"
    )


__all__ = [
    "COMPONENTS",
    "DEFAULTS",
    "OUTPUT_KEYS",
    "check_config",
    "configuration_summary",
    "score",
    "territorial_components",
    "territorial_drive",
    "turned",
]
