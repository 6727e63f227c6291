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
import scipy.sparse as sp

from graphtool.analyses.brokerage import BROKERAGE_ROLES, brokerage_matrix
from graphtool.analyses.ei_index import ei_index, group_codes, ties_by_group
from graphtool.analyses.reasons import reason
from graphtool.analyses.significance import (
    ScoreModel,
    benjamini_hochberg,
    chance_frequency,
    expected_diversity,
    expected_ei,
    permutation_null,
    weight_settings,
)
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
    "significance": {
        # reshuffles of the group labels (0: no test, the flag needs threshold and actions only)
        "permutations": 999,
        "seed": 0,
        # the flag needs this value below ``level``: "p_value" or "q_value" (Benjamini–Hochberg)
        "measure": "p_value",
        "level": 0.05,
        # flag stability: weight settings sampled around the weights, each weight times a
        # factor drawn log-uniformly between 1/spread and spread (seeded with ``seed``)
        "stability_settings": 100,
        "stability_spread": 2.0,
        # a flag is robust when it holds in at least this share of the settings
        "robust_share": 0.9,
    },
}

#: Keys of the significance of every row: expectations under random mixing, permutation
#: p-values (E-I, diversity and the score), the Benjamini–Hochberg q-value of the score, the
#: reshuffles and seed used, and the stability of a flag over sampled weight settings.
SIGNIFICANCE_KEYS: tuple[str, ...] = (
    "ei_expected",
    "ei_p_value",
    "diversity_expected",
    "diversity_p_value",
    "p_value",
    "q_value",
    "permutations",
    "seed",
    "flag_stability",
    "stability",
)

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
    *SIGNIFICANCE_KEYS,
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
    if k < 2:
        ei = np.full(n, np.nan)  # with a single group E-I is −1 by construction: undefined
    by_group = ties_by_group(weights, codes, k)
    strength = by_group.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = by_group / strength[:, None]
        blau = 1.0 - np.nansum(shares**2, axis=1)
        diversity = (
            np.where(strength > 0, blau / ((k - 1) / k), np.nan) if k > 1 else (np.full(n, np.nan))
        )
    diversity = np.clip(diversity, 0.0, 1.0)  # rounding only
    groups_used = (by_group > 0).sum(axis=1)

    pattern = weights.copy()
    pattern.data[:] = 1.0
    same = codes[pattern.indices] == np.repeat(codes, np.diff(pattern.indptr))
    own_partners = np.bincount(np.repeat(np.arange(n), np.diff(pattern.indptr))[same], minlength=n)

    sector = dataset.organisations["sector"].astype(str).to_numpy()
    resident = sector == RESIDENTS
    action_has_resident = np.asarray(incidence.T @ resident.astype(float)).ravel() > 0
    reached = np.asarray(incidence @ action_has_resident.astype(float)).ravel()
    # without any residents' organisation in a joint action (of the year), reach is undefined
    residents_take_part = bool((resident & has_actions).any())
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = np.where(has_actions & ~resident & residents_take_part, reached / actions, np.nan)

    amounts = funding.amounts.tocoo()
    in_group = codes[amounts.row] == codes[amounts.col]
    money_total = funding.given + funding.received
    money_within = np.zeros(n)
    np.add.at(money_within, amounts.row[in_group], amounts.data[in_group])
    np.add.at(money_within, amounts.col[in_group], amounts.data[in_group])
    # money to itself is counted once in given and once in received, like any flow
    with np.errstate(divide="ignore", invalid="ignore"):
        # with a single group all money stays "in the group" by construction: undefined
        funding_share = np.where(
            has_actions & (money_total > 0) & (k > 1), money_within / money_total, np.nan
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
            "strength": strength,
            "squared_weights": np.asarray(weights.multiply(weights).sum(axis=1)).ravel(),
        }
    )


#: Why a component can be left out for every organisation: the reason code and its component.
LEFT_OUT_REASONS: dict[str, tuple[str, ...]] = {
    "single_group": ("ei_index", "partner_diversity", "funding_in_group_share"),
    "no_residents": ("resident_reach",),
}


def left_out_components(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    collab: CollaborationGraph | None = None,
) -> list[dict[str, Any]]:
    """The components the data does not allow, for everyone, as reason records.

    ``left_out_single_group``: every organisation is in one group, so E-I
    (−1 by construction), partner diversity and the in-group money share (1
    by construction) say nothing, and no score can be judged against chance.
    ``left_out_no_residents``: no residents' organisation takes part in a
    joint action (of the year), so reaching residents is asked of nobody.
    Each record also lists its ``components``.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> [r["code"] for r in left_out_components(read_dataset("sample_data/knoke"))]
    ['left_out_no_residents']
    """
    collab = collab if collab is not None else build_collaboration_graph(dataset)
    groups = dataset.group_of(group_by).astype(str).unique().tolist()
    year = {} if dataset.year is None else {"year": dataset.year}
    out = []
    if len(groups) < 2:
        record = reason("left_out_single_group", year, groups=groups[:1])
        record["components"] = list(LEFT_OUT_REASONS["single_group"])
        out.append(record)
    resident = dataset.organisations["sector"].astype(str).to_numpy() == RESIDENTS
    if not (resident & (collab.actions_per_organisation > 0)).any():
        record = reason("left_out_no_residents", year)
        record["components"] = list(LEFT_OUT_REASONS["no_residents"])
        out.append(record)
    return out


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
    test = settings["significance"]
    for key in ("permutations", "seed", "stability_settings"):
        value = test[key]
        if isinstance(value, float) and not value.is_integer() or value < 0:
            raise ConfigError(
                f"territorial_drive.significance.{key}: must be a whole number of 0 or more, "
                f"got {value!r}"
            )
        test[key] = int(value)
    if test["measure"] not in ("p_value", "q_value"):
        raise ConfigError(
            f'territorial_drive.significance.measure: must be "p_value" or "q_value", '
            f"got {test['measure']!r}"
        )
    for key in ("level", "robust_share"):
        if not 0.0 < test[key] <= 1.0:
            raise ConfigError(
                f"territorial_drive.significance.{key}: must be above 0 and at most 1, "
                f"got {test[key]!r}"
            )
    if not test["stability_spread"] >= 1.0:
        raise ConfigError(
            "territorial_drive.significance.stability_spread: must be 1 or more, "
            f"got {test['stability_spread']!r}"
        )
    return settings


def flag_rule(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The rule a flag follows, as a record (for output footers, the report and the page)."""
    test = settings["significance"]
    return {
        "threshold": settings["threshold"],
        "min_actions": settings["min_actions"],
        "measure": test["measure"] if test["permutations"] else None,
        "level": test["level"],
        "permutations": test["permutations"],
        "seed": test["seed"],
        "stability_settings": test["stability_settings"],
        "stability_spread": test["stability_spread"],
        "robust_share": test["robust_share"],
    }


def flag_rule_summary(settings: Mapping[str, Any]) -> str:
    """The flag rule in one line, e.g. for a table footer or stderr."""
    rule = flag_rule(settings)
    text_ = (
        f"flag rule: score >= {rule['threshold']:g}, at least {rule['min_actions']} joint actions"
    )
    if rule["measure"]:
        text_ += (
            f", and {rule['measure']} < {rule['level']:g} ({rule['permutations']} reshuffles of "
            f"the group labels, own label fixed, seed {rule['seed']})"
        )
    else:
        text_ += " (no significance test: --permutations 0)"
    if rule["stability_settings"]:
        text_ += (
            f"; robust when flagged under at least {100 * rule['robust_share']:g}% of "
            f"{rule['stability_settings']} weight settings (each weight x a log-uniform factor "
            f"in [1/{rule['stability_spread']:g}, {rule['stability_spread']:g}], seed "
            f"{rule['seed']})"
        )
    return text_


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
    passes = ~absent & enough & (scores >= settings["threshold"] - 1e-12)
    group_values = dataset.group_of(group_by).to_numpy().astype(str)
    chance = _significance(
        parts, inward, scores, passes, group_values, collab, funding, settings, progress
    )
    flagged = passes & chance["significant"]
    chance["flag_stability"] = np.where(flagged, chance["flag_stability"], np.nan)

    progress.step("territorial drive: brokerage roles")
    roles = brokerage_matrix(collab.weights, group_values)

    progress.step("territorial drive: reasons")
    explain = _Reasons(dataset, collab, funding, group_values, parts, inward, settings, chance)
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
    test = settings["significance"]
    chance_values = {
        key: _plain_column(chance[key])
        for key in (
            "ei_expected",
            "ei_p_value",
            "diversity_expected",
            "diversity_p_value",
            "p_value",
            "q_value",
            "flag_stability",
        )
    }
    tested = test["permutations"] > 0
    robust = test["robust_share"]
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
        stability = chance_values["flag_stability"][i]
        extra = {
            "permutations": test["permutations"] if tested else 0,
            "seed": test["seed"] if tested else None,
            "stability": None
            if stability is None
            else ("robust" if stability >= robust - 1e-12 else "fragile"),
        }
        for key in SIGNIFICANCE_KEYS:
            row[key] = chance_values[key][i] if key in chance_values else extra[key]
        row["flagged"] = bool(flagged[i])
        row["absent"] = bool(absent[i])
        row["reasons"] = explain.reasons(
            i, flagged=bool(flagged[i]), score=scores[i], passes=bool(passes[i])
        )
        row["brokerage"] = dict(zip(BROKERAGE_ROLES, role_counts[i], strict=True))
        rows.append(row)
    return sort_rows(rows)


def score_model(
    inward: pd.DataFrame,
    weights: Mapping[str, float],
    rows: np.ndarray | None = None,
    parts: pd.DataFrame | None = None,
) -> ScoreModel:
    """The score as base + coefficients of the components the null model redraws.

    With ``parts`` (the components table) acting alone and reaching residents
    are redrawn at the network's rates (:class:`~graphtool.analyses.significance.ScoreModel`).
    """
    frame = inward if rows is None else inward.iloc[rows]
    values = frame[list(COMPONENTS)].to_numpy(dtype=float)
    w = np.array([float(weights[c]) for c in COMPONENTS])
    defined = ~np.isnan(values)
    total = (defined * w).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(total[:, None] > 0, defined * w / total[:, None], 0.0)
    index = {c: COMPONENTS.index(c) for c in COMPONENTS}
    redrawn = ["ei_index", "partner_diversity", "funding_in_group_share"]
    if parts is not None:
        redrawn += ["solo_share", "resident_reach"]
    fixed = [j for c, j in index.items() if c not in redrawn]
    base = (share[:, fixed] * np.nan_to_num(values[:, fixed])).sum(axis=1)
    observed = (share * np.nan_to_num(values)).sum(axis=1)
    observed[total <= 0] = np.nan
    model = ScoreModel(
        base=base,
        ei=share[:, index["ei_index"]],
        diversity=share[:, index["partner_diversity"]],
        money=share[:, index["funding_in_group_share"]],
        observed=observed,
    )
    if parts is not None:
        actions = parts["actions"].to_numpy()
        solo = parts["solo"].to_numpy()
        reached = parts["reached"].to_numpy()
        reach_defined = ~np.isnan(parts["resident_reach"].to_numpy(dtype=float))
        model.solo = share[:, index["solo_share"]]
        model.residents = share[:, index["resident_reach"]]
        model.actions = actions if rows is None else actions[rows]
        model.solo_rate = float(solo.sum() / actions.sum()) if actions.sum() else 0.0
        together = (actions - solo)[reach_defined].sum()
        model.resident_rate = float(reached[reach_defined].sum() / together) if together else 0.0
    return model


def _stack(models: list[ScoreModel]) -> ScoreModel:
    stacked = ScoreModel(
        *(  # type: ignore[arg-type]
            np.stack([getattr(m, f) for m in models])
            for f in ("base", "ei", "diversity", "money", "observed")
        )
    )
    if models[0].solo is not None:
        stacked.solo = np.stack([m.solo for m in models])  # type: ignore[misc]
        stacked.residents = np.stack([m.residents for m in models])  # type: ignore[misc]
    return stacked


def _significance(
    parts, inward, scores, passes, group_values, collab, funding, settings, progress
) -> dict[str, np.ndarray]:
    """Expectations, permutation p-values, q-values and flag stability (significance module)."""
    test = settings["significance"]
    n = len(parts)
    _, codes = np.unique(group_values, return_inverse=True)
    sizes = np.bincount(codes, minlength=1)
    ei_obs = parts["ei_index"].to_numpy(dtype=float)
    div_obs = parts["partner_diversity"].to_numpy(dtype=float)
    out: dict[str, np.ndarray] = {
        "ei_expected": np.where(np.isnan(ei_obs), np.nan, expected_ei(sizes, codes)),
        "diversity_expected": np.where(
            np.isnan(div_obs),
            np.nan,
            expected_diversity(
                sizes, codes, parts["strength"].to_numpy(), parts["squared_weights"].to_numpy()
            ),
        ),
    }
    nan = np.full(n, np.nan)
    candidates = np.flatnonzero(passes)
    count = test["stability_settings"]
    weight_list = weight_settings(
        settings["weights"], count=count, spread=test["stability_spread"], seed=test["seed"]
    )
    stacked = (
        _stack([score_model(inward, w, candidates, parts) for w in weight_list])
        if count and len(candidates)
        else None
    )
    above = stacked.observed >= settings["threshold"] - 1e-12 if stacked is not None else None
    if not test["permutations"]:
        out.update(
            ei_p_value=nan,
            diversity_p_value=nan,
            p_value=nan,
            q_value=nan,
            significant=np.ones(n, dtype=bool),
        )
        stability = nan.copy()
        if above is not None and len(candidates):
            stability[candidates] = above.mean(axis=0)
        out["flag_stability"] = stability
        out["ei_count"] = out["score_count"] = np.zeros(n, dtype=np.int64)
        return out
    progress.step(f"territorial drive: {test['permutations']} reshuffles of the groups")
    amounts = sp.csr_matrix(funding.amounts, dtype=float)
    money = (amounts + amounts.T).tocsr()
    money_self = 2.0 * amounts.diagonal()
    money.setdiag(0)
    money.eliminate_zeros()
    model = score_model(inward, settings["weights"], parts=parts)
    null = permutation_null(
        collab.weights,
        codes,
        observed_ei=ei_obs,
        observed_diversity=div_obs,
        model=model,
        money=money,
        money_total=parts["money_total"].to_numpy(dtype=float),
        money_self=money_self,
        candidates=candidates if count else None,
        settings=stacked,
        permutations=test["permutations"],
        seed=test["seed"],
        progress=progress,
    )
    ei_p = np.where(np.isnan(ei_obs), np.nan, null.p_value(null.ei_count))
    div_p = np.where(np.isnan(div_obs), np.nan, null.p_value(null.diversity_count))
    p = np.where(np.isnan(scores), np.nan, null.p_value(null.score_count))
    q = benjamini_hochberg(p)
    level = test["level"]
    measure = p if test["measure"] == "p_value" else q
    significant = np.nan_to_num(measure, nan=1.0) < level
    stability = nan.copy()
    if above is not None and len(candidates):
        p_settings = null.p_value(null.setting_counts)  # type: ignore[arg-type]
        if test["measure"] == "p_value":
            cut = level
        else:
            # each setting is tested at the Benjamini–Hochberg cut-off of the default weights
            passing = p[np.nan_to_num(q, nan=1.0) < level]
            cut = float(passing.max()) * (1 + 1e-12) if len(passing) else 0.0
        held = above & (p_settings < cut if test["measure"] == "p_value" else p_settings <= cut)
        stability[candidates] = held.mean(axis=0)
    out.update(
        ei_p_value=ei_p,
        diversity_p_value=div_p,
        p_value=p,
        q_value=q,
        significant=significant,
        flag_stability=stability,
        ei_count=null.ei_count,
        score_count=null.score_count,
    )
    return out


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

    def __init__(self, dataset, collab, funding, group_values, parts, inward, settings, chance):
        self.chance = {key: np.asarray(values).tolist() for key, values in chance.items()}
        self.permutations = settings["significance"]["permutations"]
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

    def chance_reasons(
        self, i: int, *, flagged: bool, passes: bool, ei_said: bool
    ) -> list[dict[str, Any]]:
        """The chance statements: E-I against its expectation, the score, the stability."""
        out: list[dict[str, Any]] = []
        test = self.settings["significance"]
        if self.permutations:
            c = {key: values[i] for key, values in self.chance.items()}
            ei = self.parts["ei_index"][i]
            if (ei_said or passes) and not math.isnan(ei):
                out.append(
                    chance_reason(
                        "ei_against_chance",
                        c["ei_count"],
                        self.permutations,
                        expected_outside_share=(1 + c["ei_expected"]) / 2,
                        outside_share=(1 + ei) / 2,
                    )
                )
            if passes and not flagged:
                if self.n_groups < 2:
                    out.append(reason("single_group_no_test"))
                elif c["score_count"] >= self.permutations and c["p_value"] == 1.0:
                    out.append(reason("score_not_testable"))
                else:
                    numbers = {"q_value": c["q_value"]} if test["measure"] == "q_value" else {}
                    out.append(
                        chance_reason(
                            "score_not_beyond_chance",
                            c["score_count"],
                            self.permutations,
                            **numbers,
                        )
                    )
            elif flagged:
                out.append(
                    chance_reason("score_beyond_chance", c["score_count"], self.permutations)
                )
        if flagged and not math.isnan(self.chance["flag_stability"][i]):
            total = test["stability_settings"]
            held = int(round(self.chance["flag_stability"][i] * total))
            robust = self.chance["flag_stability"][i] >= test["robust_share"] - 1e-12
            out.append(
                reason(
                    "flag_robust" if robust else "flag_fragile", {"held": held, "settings": total}
                )
            )
        return out

    def reasons(
        self, i: int, *, flagged: bool, score: float, passes: bool = False
    ) -> list[dict[str, Any]]:
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
        ei_said = bool(partners and inward["ei_index"] > level and own > 0)
        out.extend(self.chance_reasons(i, flagged=flagged, passes=passes, ei_said=ei_said))
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


def chance_reason(code: str, count: int, permutations: int, **numbers: float) -> dict[str, Any]:
    """A reason record citing how often chance matched the data (``chance_frequency``).

    Its numbers: ``one_in`` ("fewer than 1 in 100 reshuffles") or ``in_100``
    ("about 12 in 100"), ``count`` and ``permutations``, and ``numbers``.

    >>> chance_reason("score_beyond_chance", 0, 999)["numbers"]
    {'one_in': 100, 'count': 0, 'permutations': 999}
    """
    words = chance_frequency(int(count), permutations)
    cited = {key: value for key, value in words.items() if key != "kind"}
    return reason(code, {**cited, **numbers})


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
    "chance_reason",
    "flag_rule",
    "flag_rule_summary",
    "left_out_components",
    "score",
    "territorial_components",
    "territorial_drive",
    "turned",
]
