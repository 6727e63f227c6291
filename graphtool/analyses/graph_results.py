"""The analysis results a dataset carries into Neo4j: flat tables, one row per organisation or link.

:func:`graph_results` runs territorial drive (with its brokerage role counts),
communities, betweenness and missing links once and flattens what they return
into plain columns, so the store can write each as a property
(``graphtool.store.neo4j.results`` gives the names). Every scalar key a row
carries is kept, prefixed by its analysis: a key an analysis adds later (a
p-value, a flag stability, a plausibility) becomes a column without a
change here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from graphtool.graphs import build_collaboration_graph
from graphtool.model import Dataset

#: Territorial-drive keys that repeat the organisation's own data (not results).
_DATA_KEYS = frozenset({"id", "name", "type", "group"})
#: Suggested-link keys that repeat data or the endpoints.
_LINK_DATA_KEYS = frozenset({"source", "target", "source_name", "target_name"})


def _flat(prefix: str, row: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> dict:
    """``row`` as flat columns ``prefix_key``; nested maps become ``prefix_key_inner``."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if key in skip:
            continue
        name = f"{prefix}_{key}" if prefix else key
        if isinstance(value, Mapping):
            out.update(_flat(name, value))
        else:
            out[name] = value
    return out


def _codes(records: Any) -> list[str]:
    """The codes of a list of reason records."""
    return [str(r.get("code", "")) for r in records or () if isinstance(r, Mapping)]


def graph_results(
    dataset: Dataset,
    *,
    per_organisation: int = 10,
    top: int = 200,
    seed: int = 0,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, Any]]:
    """Results per organisation, suggested links, and the configuration that made them.

    Parameters
    ----------
    dataset
        A validated dataset.
    per_organisation
        Keep each organisation's best this many suggestions (among the
        ranked candidates; see Notes).
    top
        Keep the best this many suggestions overall.
    seed
        Seed of the community detection (communities and the bridging term).

    Returns
    -------
    organisations : DataFrame
        ``id`` and one column per result: ``territorial_drive_<key>`` for
        every key of :func:`~graphtool.analyses.territorial_drive.territorial_drive`
        but the data ones (``territorial_drive_reasons`` holds the reason
        records, ``territorial_drive_reason_codes`` their codes),
        ``brokerage_<role>``, ``community``, ``betweenness``.
    suggestions : DataFrame
        ``source``, ``target``, ``rank`` (1 = best overall) and every scalar
        key of :func:`~graphtool.analyses.missing_links.missing_links`
        (``score``, components as ``components_<name>``, ...), ``reasons``
        (the records) and ``reason_codes``.
    configuration : dict
        What was run, with which settings.

    Notes
    -----
    The candidates are the best ``max(top, per_organisation × organisations / 2)``
    pairs (at most 20,000); an organisation's best ``per_organisation`` are
    taken from those, so an organisation whose pairs all rank below them has
    fewer.
    """
    from graphtool.analyses.centrality import betweenness
    from graphtool.analyses.communities import communities
    from graphtool.analyses.missing_links import missing_links
    from graphtool.analyses.territorial_drive import territorial_drive

    rows = territorial_drive(dataset)
    flat = []
    for row in rows:
        values = _flat("territorial_drive", row, _DATA_KEYS | {"brokerage", "reasons"})
        values.update(_flat("brokerage", row.get("brokerage") or {}))
        values["territorial_drive_reasons"] = list(row.get("reasons") or [])
        values["territorial_drive_reason_codes"] = _codes(row.get("reasons"))
        flat.append({"id": row["id"], **values})
    organisations = pd.DataFrame(flat)
    order = {o: k for k, o in enumerate(dataset.organisations["id"])}
    organisations = organisations.sort_values("id", key=lambda s: s.map(order))
    community = {r["id"]: r["community"] for r in communities(dataset, seed=seed)}
    organisations["community"] = organisations["id"].map(community)
    graph = build_collaboration_graph(dataset)
    centrality, method = betweenness(graph, seed=seed)
    central = dict(zip(graph.ids, centrality.tolist(), strict=True))
    organisations["betweenness"] = organisations["id"].map(central)
    organisations = organisations.reset_index(drop=True)

    n = len(dataset.organisations)
    pool = min(max(top, per_organisation * n // 2), 20_000)
    links = missing_links(dataset, top=pool, seed=seed) if pool > 0 else []
    kept: list[dict[str, Any]] = []
    count: dict[str, int] = {}
    for rank, link in enumerate(links, start=1):
        s, t = link["source"], link["target"]
        if rank <= top or count.get(s, 0) < per_organisation or count.get(t, 0) < per_organisation:
            count[s] = count.get(s, 0) + 1
            count[t] = count.get(t, 0) + 1
            kept.append(
                {
                    "source": s,
                    "target": t,
                    "rank": rank,
                    **_flat("", link, _LINK_DATA_KEYS | {"reasons"}),
                    "reasons": list(link.get("reasons") or []),
                    "reason_codes": _codes(link.get("reasons")),
                }
            )
    suggestions = pd.DataFrame(kept, columns=None if kept else ["source", "target", "rank"])
    configuration = {
        "territorial_drive": "defaults",
        "missing_links": {"per_organisation": per_organisation, "top": top, "candidates": pool},
        "communities": {"seed": seed},
        "betweenness": method,
    }
    return organisations, suggestions, configuration
