"""Roles: one word for the place of each organisation in the collaboration graph.

Each organisation gets exactly one role, the first that applies:

``absent``
    no joint action (in the year analysed).
``isolated``
    at least one joint action, but never with a partner.
``siloed``
    flagged by territorial drive (:mod:`graphtool.analyses.territorial_drive`).
``broker``
    among the top ``broker_top_share`` of active organisations by betweenness
    (at least one organisation, ties at the cut-off included) and with a
    betweenness above 0: it lies on many shortest paths between others, so
    much of the collaboration runs through it. Its Gould–Fernandez role
    counts (:mod:`graphtool.analyses.brokerage`) say between which groups.
``collaborative``
    every other organisation: it works with partners and is not siloed.

Betweenness is Freeman's (1977), unweighted, normalised by
(n − 1)(n − 2)/2 on the collaboration graph of the n active organisations, as
every command reports it (:func:`graphtool.analyses.centrality.active_betweenness`:
exact up to :data:`graphtool.analyses.centrality.EXACT_UP_TO` organisations,
estimated from seeded sources above, Brandes & Pich 2007).

A rank rule rather than a fixed betweenness value keeps the role comparable
between a small year and a large one: normalised betweenness falls as the
graph grows.

References
----------
Freeman, L. C. (1977). A set of measures of centrality based on betweenness.
*Sociometry* 40(1), 35–41.
Brandes, U. & Pich, C. (2007). Centrality estimation in large networks.
*International Journal of Bifurcation and Chaos* 17(7), 2303–2318.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from graphtool.analyses.centrality import active_betweenness
from graphtool.config import merged
from graphtool.errors import ConfigError
from graphtool.graphs import CollaborationGraph, build_collaboration_graph
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress

ROLES: tuple[str, ...] = ("absent", "isolated", "siloed", "broker", "collaborative")

#: Default settings of the ``[roles]`` configuration section.
DEFAULTS: dict[str, Any] = {"broker_top_share": 0.1}


def check_config(config: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overridden by ``config``, validated; raises :class:`ConfigError`."""
    settings = merged(DEFAULTS, config or {}, "roles")
    if not 0.0 < settings["broker_top_share"] <= 1.0:
        raise ConfigError(
            f"roles.broker_top_share: must be above 0 and at most 1, "
            f"got {settings['broker_top_share']!r}"
        )
    return settings


def roles(
    dataset: Dataset,
    *,
    territorial: list[dict[str, Any]] | None = None,
    group_by: str = "sector",
    config: Mapping[str, Any] | None = None,
    seed: int = 0,
    collab: CollaborationGraph | None = None,
    progress: Progress = SILENT,
) -> list[dict[str, Any]]:
    """The role of every organisation (see the module docstring), in table order.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it with ``dataset.for_year(y)`` first).
    territorial
        Territorial-drive rows already computed for this dataset (computed here otherwise).
    group_by
        Groups for territorial drive when it is computed here.
    config
        Overrides of :data:`DEFAULTS`.
    seed
        Seed of the sampled betweenness on large graphs.
    collab
        The collaboration graph of ``dataset`` when the caller has built it already.
    progress
        Told how far betweenness has come.

    Returns
    -------
    list of dict
        ``id``, ``name``, ``role``, ``actions``, ``partners``, ``betweenness``
        (normalised), ``betweenness_rank`` (1 = highest, among organisations with
        partners; ``None`` without partners) and ``brokerage`` (Gould–Fernandez
        counts from territorial drive).

    References
    ----------
    Freeman, L. C. (1977). *Sociometry* 40(1), 35–41.
    """
    settings = check_config(config)
    if territorial is None:
        from graphtool.analyses.territorial_drive import territorial_drive

        territorial = territorial_drive(dataset, group_by=group_by)
    by_id = {row["id"]: row for row in territorial}
    collab = collab if collab is not None else build_collaboration_graph(dataset)
    between, _ = active_betweenness(collab, seed=seed, progress=progress)
    actions = collab.actions_per_organisation
    partners = collab.degree
    active = actions > 0
    connected = partners > 0
    n_active = int(active.sum())
    cut = max(1, math.ceil(settings["broker_top_share"] * n_active)) if n_active else 0
    ranked = np.sort(between[connected])[::-1]
    threshold = (
        ranked[cut - 1] if cut and len(ranked) >= cut else (ranked[-1] if len(ranked) else 0)
    )
    order = np.argsort(-between[connected], kind="stable")
    rank = np.full(collab.n, -1)
    rank_values = np.empty(len(order), dtype=int)
    # competition ranking: equal values share the best rank
    sorted_vals = between[connected][order]
    for k, value in enumerate(sorted_vals):
        rank_values[k] = k + 1 if k == 0 or value != sorted_vals[k - 1] else rank_values[k - 1]
    rank[np.flatnonzero(connected)[order]] = rank_values
    names = dataset.organisations["name"].tolist()
    rows = []
    for i, org_id in enumerate(collab.ids):
        td = by_id.get(org_id, {})
        if not active[i]:
            role = "absent"
        elif not connected[i]:
            role = "isolated"
        elif td.get("flagged"):
            role = "siloed"
        elif between[i] > 0 and between[i] >= threshold:
            role = "broker"
        else:
            role = "collaborative"
        rows.append(
            {
                "id": str(org_id),
                "name": names[i],
                "role": role,
                "actions": int(actions[i]),
                "partners": int(partners[i]),
                "betweenness": float(between[i]),
                "betweenness_rank": int(rank[i]) if rank[i] > 0 else None,
                "brokerage": td.get("brokerage"),
            }
        )
    return rows
