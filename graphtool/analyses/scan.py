"""The LSA scan: the five action points of a resilient neighbourhood approach, as numbers.

The Landelijk Samenwerkingsverband Actieve bewoners (LSA) essay *Tussen
territoriumdrift en burgerkracht* (Lub, 2018) names five action points; the
scan turns each into indicators computed from the dataset, a verdict against
documented thresholds and the evidence behind it:

1. ``residents`` — residents are the starting point: share of joint actions
   with a resident organisation, share led by one, share of the money that
   reaches resident organisations, their distance (in ties) to the nearest
   funder, and the resident organisations at the margin.
2. ``socio_economic`` — socio-economic perspectives first: share of actions and
   of action-linked money on work, income and education themes.
3. ``energy`` — the energy transition as a lever: who takes part in energy
   actions, the share of local organisations and residents among them, and the
   share of energy money that reaches local organisations.
4. ``territorial_drive`` — flagged organisations, the share of collaboration
   (in shared actions) that crosses groups, and fragmentation.
5. ``national_government`` — the national government's money, where it goes
   and whether it takes part in joint actions.

Verdicts: each point has one headline indicator (:data:`HEADLINES`); the
verdict is ``good`` when it reaches the point's ``good`` threshold, ``weak``
below its ``weak`` threshold, ``partly`` between, and ``no data`` when the
indicator is undefined (e.g. no energy action at all). Every headline is a
share where more is better. Thresholds, the socio-economic themes, the energy
theme and the margin rule are settings (:data:`DEFAULTS`), overridable in
the ``[scan]`` section of a ``--config`` TOML file.

A resident organisation is *at the margin* when it takes part in at most
``margin_max_actions`` joint actions, leads none and receives no money.
*Local* means a local organisation outside government (``scale`` ``local``, not the
government group: a municipality is local government, not the neighbourhood) or a
resident organisation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

from graphtool.analyses.reasons import reason
from graphtool.config import merged
from graphtool.errors import ConfigError
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.model import RESIDENTS, Dataset

#: Themes that count as socio-economic (work, income, education, debt).
SOCIO_ECONOMIC_THEMES = ("socio_economic", "employment", "education")
ENERGY_THEME = "energy_transition"

#: Default settings of the ``[scan]`` section. ``thresholds`` hold, per point, the
#: headline share from which the verdict is ``good`` and below which it is ``weak``.
#: The defaults are judgement calls, documented in docs/report.md: a majority of
#: actions with residents is good, under a quarter weak; and so on.
DEFAULTS: dict[str, Any] = {
    "socio_economic_themes": list(SOCIO_ECONOMIC_THEMES),
    "energy_themes": [ENERGY_THEME],
    "margin_max_actions": 2,
    "thresholds": {
        "residents": {"good": 0.5, "weak": 0.25},
        "socio_economic": {"good": 0.3, "weak": 0.15},
        "energy": {"good": 0.5, "weak": 0.25},
        "territorial_drive": {"good": 0.6, "weak": 0.4},
        "national_government": {"good": 0.5, "weak": 0.2},
    },
}
HEADLINES = {
    "residents": "actions_with_residents_share",
    "socio_economic": "socio_economic_actions_share",
    "energy": "energy_local_participation_share",
    "territorial_drive": "cross_group_tie_share",
    "national_government": "national_money_to_local_share",
}


def check_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by ``config`` (any subset of :data:`DEFAULTS`), validated.

    Raises
    ------
    ConfigError
        An unknown key, a threshold outside [0, 1], ``weak`` above ``good``,
        a theme list that is not a list of strings, or a negative margin.
    """
    settings = merged(DEFAULTS, config or {}, "scan")
    for key in ("socio_economic_themes", "energy_themes"):
        value = settings[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(
                f"scan.{key}: expected a list of theme names, got {value!r}",
                hint="e.g. " + key + ' = ["socio_economic", "employment"]',
            )
    margin = settings["margin_max_actions"]
    if not isinstance(margin, int) or margin < 0:
        raise ConfigError(f"scan.margin_max_actions: expected a whole number >= 0, got {margin!r}")
    for point, limits in settings["thresholds"].items():
        good, weak = limits["good"], limits["weak"]
        if not (0.0 <= weak <= good <= 1.0):
            raise ConfigError(
                f"scan.thresholds.{point}: need 0 <= weak <= good <= 1, got weak {weak!r}, "
                f"good {good!r}"
            )
    return settings


def indicator_rows(points: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per indicator of :func:`scan`'s points: point, key, indicator, value, headline."""
    return [
        {
            "point": p["point"],
            "key": p["key"],
            "indicator": name,
            "value": value,
            "headline": name == p["headline"],
        }
        for p in points
        for name, value in p["indicators"].items()
    ]


def _share(part: float, whole: float) -> float | None:
    return float(part) / float(whole) if whole else None


def _verdict(value: float | None, thresholds: dict[str, float]) -> str:
    if value is None:
        return "no data"
    if value >= thresholds["good"]:
        return "good"
    if value < thresholds["weak"]:
        return "weak"
    return "partly"


def scan(
    dataset: Dataset,
    *,
    config: Mapping[str, Any] | None = None,
    territorial: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The five LSA action points with indicators, verdicts and evidence.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it with ``for_year`` first for one year).
    config
        Overrides of :data:`DEFAULTS` (any subset; see :func:`check_config`).
    territorial
        Territorial-drive results when already computed (otherwise computed here).

    Returns
    -------
    list of dict
        One dict per point: ``point`` (1–5), ``key``, ``indicators`` (name -> number
        or ``None``), ``headline`` (the indicator behind the verdict), ``verdict``
        (good / partly / weak / no data) and ``evidence`` (reason records,
        :mod:`graphtool.analyses.reasons`; :mod:`graphtool.present.scan` writes the
        title, the verdict's sentence and the evidence in English or Dutch).

    Raises
    ------
    ConfigError
        The configuration is invalid.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> points = scan(read_dataset("sample_data/lindenwaard"))  # doctest: +SKIP
    >>> [(p["key"], p["verdict"]) for p in points][0]  # doctest: +SKIP
    ('residents', 'good')

    References
    ----------
    Lub, V. (2018). *Tussen territoriumdrift en burgerkracht*. LSA.
    """
    settings = check_config(config)
    orgs = dataset.organisations
    sectors = orgs["sector"].to_numpy()
    is_resident = sectors == RESIDENTS
    collab = build_collaboration_graph(dataset)
    funding = build_funding_graph(dataset)
    parts = dataset.participations.merge(
        pd.DataFrame(
            {
                "organisation_id": orgs["id"],
                "sector": sectors,
                "scale": orgs["scale"],
                "type": orgs["type"],
            }
        ),
        on="organisation_id",
    )
    points = [
        _residents(dataset, collab, funding, parts, is_resident, settings),
        _socio_economic(dataset, settings),
        _energy(dataset, parts, sectors, settings),
        _territorial(dataset, collab, territorial),
        _national(dataset, funding, parts, sectors),
    ]
    for number, point in enumerate(points, start=1):
        key = point["key"]
        point["point"] = number
        headline = HEADLINES[key]
        point["headline"] = headline
        point["verdict"] = _verdict(point["indicators"].get(headline), settings["thresholds"][key])
    return [
        {k: p[k] for k in ("point", "key", "headline", "verdict", "indicators", "evidence")}
        for p in points
    ]


def _residents(dataset, collab, funding, parts, is_resident, settings):
    actions = dataset.joint_actions
    n_actions = len(actions)
    res_parts = parts[parts["sector"] == RESIDENTS]
    with_res = res_parts["action_id"].nunique()
    led = res_parts[res_parts["role"] == "lead"]["action_id"].nunique()
    total_money = float(dataset.funding["amount"].sum())
    to_residents = float(funding.received[is_resident].sum())
    # distance from each resident organisation to the nearest funder, over collaboration
    # ties and funding ties (undirected): 1 = funded directly or working with a funder.
    funders = np.flatnonzero(funding.given > 0)
    adjacency = (collab.weights > 0).astype(np.int8) + (funding.amounts > 0).astype(np.int8)
    adjacency = ((adjacency + adjacency.T) > 0).astype(np.int8)
    resident_idx = np.flatnonzero(is_resident)
    distances = np.full(len(resident_idx), np.inf)
    if len(funders) and len(resident_idx):
        # one breadth-first search from a virtual node tied to every funder
        n = adjacency.shape[0]
        hub = sp.csr_matrix(
            (np.ones(len(funders), dtype=np.int8), (np.zeros(len(funders), dtype=int), funders)),
            shape=(1, n),
        )
        augmented = sp.bmat([[adjacency, hub.T], [hub, None]], format="csr")
        dist = shortest_path(augmented, directed=False, unweighted=True, indices=[n])[0]
        distances = dist[resident_idx] - 1
    reachable = distances[np.isfinite(distances)]
    actions_of = collab.actions_per_organisation
    leads = set(res_parts.loc[res_parts["role"] == "lead", "organisation_id"])
    ids = dataset.organisations["id"].to_numpy()
    received = funding.received
    margin = [
        i
        for i in resident_idx
        if actions_of[i] <= settings["margin_max_actions"]
        and ids[i] not in leads
        and received[i] == 0
    ]
    names = dataset.organisations["name"].astype(str).to_numpy()
    margin_ids = [ids[i] for i in sorted(margin, key=lambda i: (names[i], ids[i]))]
    centre = [
        ids[i]
        for i in sorted(
            (i for i in resident_idx if collab.degree[i] > 1),
            key=lambda i: (-int(collab.degree[i]), names[i]),
        )
    ]
    indicators = {
        "resident_organisations": int(is_resident.sum()),
        "actions_with_residents_share": _share(with_res, n_actions),
        "actions_led_by_residents_share": _share(led, n_actions),
        "money_to_residents": to_residents,
        "money_to_residents_share": _share(to_residents, total_money),
        "mean_distance_to_funder": float(reachable.mean()) if len(reachable) else None,
        "residents_unreachable_from_funders": int((~np.isfinite(distances)).sum()),
        "residents_at_margin": len(margin),
        "resident_organisations_absent": int((actions_of[resident_idx] == 0).sum()),
    }
    evidence = [
        reason(
            "actions_with_residents",
            {"with_residents": int(with_res), "actions": n_actions, "led": int(led)},
        ),
        reason(
            "money_to_residents",
            {"money": to_residents, "share": _share(to_residents, total_money)},
        ),
    ]
    if margin_ids:
        evidence.append(
            reason(
                "residents_at_margin",
                {"residents": len(margin_ids), "max_actions": settings["margin_max_actions"]},
                organisations=margin_ids,
            )
        )
    if centre:
        evidence.append(reason("residents_at_centre", organisations=centre))
    return {"key": "residents", "indicators": indicators, "evidence": evidence}


def _socio_economic(dataset, settings):
    themes = set(settings["socio_economic_themes"])
    actions = dataset.joint_actions
    se = actions["theme"].isin(themes)
    flows = dataset.funding
    linked = flows[flows["action_id"] != ""]
    # the theme of the action the money is for, active in the year analysed or not
    linked_theme = linked["action_id"].map(dataset.action_themes())
    se_money = float(linked.loc[linked_theme.isin(themes).to_numpy(), "amount"].sum())
    linked_money = float(linked["amount"].sum())
    by_theme = actions.loc[se, "theme"].value_counts().sort_index()
    indicators = {
        "socio_economic_actions": int(se.sum()),
        "socio_economic_actions_share": _share(se.sum(), len(actions)),
        "socio_economic_money": se_money,
        "socio_economic_money_share": _share(se_money, linked_money),
        "money_linked_to_actions_share": _share(linked_money, float(flows["amount"].sum())),
    }
    evidence = [
        reason(
            "socio_economic_actions",
            {
                "socio_economic": int(se.sum()),
                "actions": len(actions),
                "per_theme": [int(c) for c in by_theme.to_numpy()],
            },
            themes=by_theme.index.tolist(),
        ),
        reason("socio_economic_money", {"money": se_money, "linked_money": linked_money}),
    ]
    return {"key": "socio_economic", "indicators": indicators, "evidence": evidence}


def _is_local(scale: pd.Series, sector: pd.Series) -> pd.Series:
    """Local organisations outside government, and resident organisations."""
    scale = pd.Series(np.asarray(scale, dtype=object))
    sector = pd.Series(np.asarray(sector, dtype=object))
    return ((scale == "local") & (sector != "government")) | (sector == RESIDENTS)


def _energy(dataset, parts, sectors, settings):
    actions = dataset.joint_actions
    energy_ids = set(actions.loc[actions["theme"].isin(settings["energy_themes"]), "id"])
    ep = parts[parts["action_id"].isin(energy_ids)].drop_duplicates(
        ["action_id", "organisation_id"]
    )
    orgs_in = ep.drop_duplicates("organisation_id")
    local = _is_local(orgs_in["scale"], orgs_in["sector"])
    flows = dataset.funding
    themes = dataset.action_themes()
    energy_money_ids = set(themes.index[themes.isin(settings["energy_themes"]).to_numpy()])
    energy_flows = flows[flows["action_id"].isin(energy_money_ids)]
    org_scale = pd.Series(
        dataset.organisations["scale"].to_numpy(), index=dataset.organisations["id"].to_numpy()
    )
    org_sector = pd.Series(sectors, index=dataset.organisations["id"].to_numpy())
    to_local = _is_local(
        energy_flows["recipient_id"].map(org_scale), energy_flows["recipient_id"].map(org_sector)
    )
    energy_money = float(energy_flows["amount"].sum())
    local_money = float(energy_flows.loc[to_local.to_numpy(), "amount"].sum())
    by_group = orgs_in["sector"].value_counts().sort_index()
    indicators = {
        "energy_actions": len(energy_ids),
        "energy_participants": int(len(orgs_in)),
        "energy_local_participation_share": _share(local.sum(), len(orgs_in)),
        "energy_resident_participants": int((orgs_in["sector"] == RESIDENTS).sum()),
        "energy_money": energy_money,
        "energy_money_to_local_share": _share(local_money, energy_money),
    }
    evidence = [
        reason(
            "energy_participants",
            {
                "energy_actions": len(energy_ids),
                "participants": int(len(orgs_in)),
                "per_group": [int(c) for c in by_group.to_numpy()],
            },
            groups=by_group.index.tolist(),
        ),
        reason("energy_money", {"money": energy_money, "local_money": local_money}),
    ]
    return {"key": "energy", "indicators": indicators, "evidence": evidence}


def _territorial(dataset, collab, territorial):
    if territorial is None:
        from graphtool.analyses.territorial_drive import territorial_drive

        territorial = territorial_drive(dataset)
    flagged = [r for r in territorial if r.get("flagged")]
    sectors = dataset.organisations["sector"].to_numpy()
    upper = collab.weights.tocoo()
    cross = sectors[upper.row] != sectors[upper.col]
    total = float(upper.data.sum())
    active = collab.actions_per_organisation > 0
    sub = collab.weights[active][:, active]
    n_comp, labels = connected_components(sub, directed=False)
    largest = int(np.bincount(labels).max()) if active.any() else 0
    indicators = {
        "flagged_organisations": len(flagged),
        "cross_group_tie_share": _share(float(upper.data[cross].sum()), total),
        "active_organisations": int(active.sum()),
        "components": int(n_comp),
        "outside_largest_component_share": _share(int(active.sum()) - largest, int(active.sum())),
    }
    evidence = [
        reason(
            "flagged_organisations",
            {"flagged": len(flagged)},
            organisations=[r["id"] for r in flagged],
        ),
        reason(
            "fragmented" if n_comp != 1 else "connected",
            {"clusters": int(n_comp), "largest": largest, "active": int(active.sum())},
        ),
    ]
    return {"key": "territorial_drive", "indicators": indicators, "evidence": evidence}


def _national(dataset, funding, parts, sectors):
    orgs = dataset.organisations
    national = (orgs["type"] == "national_government").to_numpy()
    ids = orgs["id"].to_numpy()
    national_ids = set(ids[national])
    flows = dataset.funding
    nat_flows = flows[flows["funder_id"].isin(national_ids)]
    total = float(flows["amount"].sum())
    given = float(nat_flows["amount"].sum())
    org_sector = pd.Series(sectors, index=ids)
    org_scale = pd.Series(orgs["scale"].to_numpy(), index=ids)
    by_group = nat_flows.groupby(nat_flows["recipient_id"].map(org_sector))["amount"].sum()
    local = _is_local(
        nat_flows["recipient_id"].map(org_scale), nat_flows["recipient_id"].map(org_sector)
    )
    to_local = float(nat_flows.loc[local.to_numpy(), "amount"].sum())
    nat_parts = parts[parts["organisation_id"].isin(national_ids)]
    nat_actions = nat_parts["action_id"].nunique()
    # taking part as more than a funder: lead, partner, contractor or participant
    nat_active = nat_parts.loc[nat_parts["role"] != "funder", "action_id"].nunique()
    indicators = {
        "national_organisations": int(national.sum()),
        "national_money": given,
        "national_money_share": _share(given, total),
        "national_money_to_local_share": _share(to_local, given),
        "national_joint_actions": int(nat_actions),
        "national_joint_actions_beyond_funding": int(nat_active),
    }
    ordered = by_group.sort_values(ascending=False)
    evidence = [
        reason(
            "national_money",
            {
                "money": given,
                "share": _share(given, total),
                "per_group_money": [float(a) for a in ordered.to_numpy()],
            },
            groups=ordered.index.tolist(),
        ),
        reason(
            "national_actions",
            {"actions": int(nat_actions), "beyond_funding": int(nat_active)},
        ),
    ]
    return {"key": "national_government", "indicators": indicators, "evidence": evidence}
