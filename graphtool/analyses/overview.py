"""The overview of a dataset: counts, density, components, central organisations, money by group."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import connected_components

from graphtool.analyses.centrality import active_betweenness
from graphtool.errors import AnalysisError
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress


def overview(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    top: int = 10,
    seed: int = 0,
    progress: Progress = SILENT,
) -> dict[str, Any]:
    """Counts by type and group, density, components, central organisations, money by group.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it to a year with ``dataset.for_year`` first).
    group_by
        The organisations column that defines groups.
    top
        How many central organisations to list (0 or more).
    seed
        Seed of the sampled betweenness on large graphs.
    progress
        Told about the graph builds and betweenness (silent by default).

    Raises
    ------
    AnalysisError
        ``top`` is negative.

    Returns
    -------
    dict
        Sections ``summary`` (dict), ``by_type``, ``by_group``, ``most_central`` (lists of rows).
        Density is ties / (n (n − 1) / 2) over all organisations; centrality is the number
        of distinct partners (degree), then shared actions (strength), and betweenness
        (Freeman 1977, normalised over the active organisations, unweighted; exact up to
        :data:`graphtool.analyses.centrality.EXACT_UP_TO` active organisations, sampled
        above, Brandes & Pich 2007; see :func:`graphtool.analyses.centrality.active_betweenness`
        for the sample and its measured error).
    """
    if top < 0:
        raise AnalysisError(f"top (how many central organisations) must be 0 or more, got {top}")
    collab = build_collaboration_graph(dataset, progress=progress)
    funding = build_funding_graph(dataset, progress=progress)
    orgs = dataset.organisations
    groups = dataset.group_of(group_by).to_numpy()
    n = collab.n
    ties = collab.number_of_edges()
    n_components, labels = connected_components(collab.weights, directed=False)
    sizes = np.bincount(labels) if n else np.array([0])
    actions = collab.actions_per_organisation
    summary = {
        "dataset": dataset.name,
        "year": dataset.year,
        "organisations": n,
        "joint_actions": len(dataset.joint_actions),
        "participations": len(dataset.participations),
        "funding_flows": len(dataset.funding),
        "neighbourhoods": len(dataset.neighbourhoods),
        "collaboration_ties": ties,
        "density": (2.0 * ties / (n * (n - 1))) if n > 1 else None,
        "components": int(n_components),
        "largest_component": int(sizes.max()) if n else 0,
        "without_partner": int((collab.degree == 0).sum()),
        "without_action": int((actions == 0).sum()),
        "total_funding": float(dataset.funding["amount"].sum()),
    }

    frame = pd.DataFrame(
        {
            "type": orgs["type"].to_numpy(),
            "group": groups,
            "actions": actions,
            "partners": collab.degree,
        }
    )
    by_type = (
        frame.groupby(["type", "group"], sort=True)
        .agg(organisations=("actions", "size"), participations=("actions", "sum"))
        .reset_index()
        .sort_values(["organisations", "type"], ascending=[False, True])
    )

    given = funding.given
    received = funding.received
    coo = funding.amounts.tocoo()
    within = np.zeros(n)
    same = groups[coo.row] == groups[coo.col]
    np.add.at(within, coo.row[same], coo.data[same])
    money = pd.DataFrame({"group": groups, "given": given, "received": received, "within": within})
    # distinct actions with at least one organisation of the group
    member = collab.incidence.tocoo()
    action_groups = pd.DataFrame({"group": groups[member.row], "action": member.col})
    actions_by_group = action_groups.drop_duplicates().groupby("group").size()
    by_group = (
        money.groupby("group", sort=True)
        .agg(
            organisations=("given", "size"),
            funding_given=("given", "sum"),
            funding_received=("received", "sum"),
            funding_within_group=("within", "sum"),
        )
        .reset_index()
    )
    by_group.insert(
        2, "joint_actions", by_group["group"].map(actions_by_group).fillna(0).astype(int)
    )

    betweenness = None
    if n > 0:
        progress.step("overview: betweenness")
        betweenness, _ = active_betweenness(collab, seed=seed, progress=progress)
    order = np.lexsort((collab.ids.astype(str), -collab.strength, -collab.degree))[:top]
    most_central = [
        {
            "id": collab.ids[i],
            "name": orgs["name"].iat[i],
            "group": groups[i],
            "actions": int(actions[i]),
            "partners": int(collab.degree[i]),
            "shared_actions": int(collab.strength[i]),
            "betweenness": None if betweenness is None else round(float(betweenness[i]), 6),
        }
        for i in order
    ]
    return {
        "summary": summary,
        "by_type": by_type.to_dict("records"),
        "by_group": by_group.to_dict("records"),
        "most_central": most_central,
    }
