"""Change between two years: ties, organisations, territorial drive, roles and the scan.

Both years are cut from the same dataset with :meth:`Dataset.for_year` (the
actions active in the year, start ≤ Y ≤ end, and the flows of the year), and
every analysis runs on each year on its own, with the same settings:

``ties``
    collaboration ties (pairs sharing at least one action that year) only in
    the first year (``lost``) or only in the second (``added``), with their
    weights (shared actions) in both years.
``organisations``
    *active* organisations have at least one joint action in the year; those
    active only in the second year ``appeared``, only in the first ``left``.
``territorial_drive``
    score, p-value and flag in both years for every organisation active in
    either, largest change first. A flag is judged against chance in each
    year (docs/measures.md), so a change is only called one when it holds
    there: ``newly flagged`` when the organisation is flagged in the second
    year (its score significant that year), ``no longer flagged`` when its
    second-year score is below the threshold. A flag lost only because the
    second year's evidence is too thin (score still above the threshold but
    not significant, or too few actions) is no change; ``flag_note`` says so.
``roles``
    the role (:mod:`graphtool.analyses.roles`: absent, isolated, siloed,
    broker, collaborative) in both years, for the organisations whose role
    changed.
``scan``
    every indicator of the LSA scan (:mod:`graphtool.analyses.scan`) in both
    years and its change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from graphtool.analyses.roles import roles as compute_roles
from graphtool.analyses.scan import indicator_rows
from graphtool.analyses.scan import scan as compute_scan
from graphtool.analyses.territorial_drive import check_config as check_drive_config
from graphtool.analyses.territorial_drive import territorial_drive
from graphtool.errors import AnalysisError
from graphtool.graphs import build_collaboration_graph
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress

SECTIONS: tuple[str, ...] = (
    "summary",
    "organisations",
    "ties",
    "territorial_drive",
    "roles",
    "scan",
)


def _difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else b - a


def compare(
    dataset: Dataset,
    from_year: int,
    to_year: int,
    *,
    group_by: str = "sector",
    config: Mapping[str, Mapping[str, Any]] | None = None,
    seed: int = 0,
    progress: Progress = SILENT,
) -> dict[str, Any]:
    """What changed between ``from_year`` and ``to_year``.

    Parameters
    ----------
    dataset
        A validated dataset covering both years.
    from_year, to_year
        The two years; they may be equal (everything is then unchanged).
    group_by
        The organisations column that defines groups for territorial drive.
    config
        Settings per analysis: ``{"territorial_drive": {...}, "scan": {...},
        "roles": {...}}``, each overriding that analysis' defaults.
    seed
        Seed of the sampled betweenness on large graphs.

    Returns
    -------
    dict
        The sections of :data:`SECTIONS`: ``summary`` (a dict of counts) and lists
        of rows for the others (see the module docstring).

    Raises
    ------
    AnalysisError
        A year has no joint action and no flow in the dataset.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> change = compare(read_dataset("sample_data/lindenwaard"), 2014, 2018)
    >>> change["summary"]["ties_added"]
    154
    """
    config = dict(config or {})
    known = set(dataset.years())
    for year in (from_year, to_year):
        if year not in known:
            span = f"{min(known)}–{max(known)}" if known else "none"
            raise AnalysisError(
                f"{dataset.name} has no joint action and no flow in {year}",
                hint=f"years in the dataset: {span}",
            )
    years = (from_year, to_year)
    cut = {y: dataset.for_year(y) for y in years}
    drive, role_rows, scans, graphs = {}, {}, {}, {}
    for y in years:
        progress.step(f"compare: analyses of {y}")
        graphs[y] = build_collaboration_graph(cut[y])
        drive[y] = territorial_drive(
            cut[y],
            group_by=group_by,
            config=config.get("territorial_drive"),
            collab=graphs[y],
        )
        role_rows[y] = compute_roles(
            cut[y],
            territorial=drive[y],
            config=config.get("roles"),
            seed=seed,
            collab=graphs[y],
            progress=progress,
        )
        scans[y] = compute_scan(cut[y], config=config.get("scan"), territorial=drive[y])

    names = dict(zip(dataset.organisations["id"], dataset.organisations["name"], strict=True))
    active = {y: set(graphs[y].ids[graphs[y].actions_per_organisation > 0]) for y in years}
    organisations = [
        {"id": i, "name": names[i], "change": "appeared"}
        for i in sorted(active[to_year] - active[from_year])
    ] + [
        {"id": i, "name": names[i], "change": "left"}
        for i in sorted(active[from_year] - active[to_year])
    ]

    edges = {
        y: graphs[y].edges().set_index(["source", "target"])["weight"].rename(f"weight_{y}")
        for y in years
    }
    if from_year == to_year:
        ties_frame = edges[from_year].to_frame("weight_from")
        ties_frame["weight_to"] = ties_frame["weight_from"]
    else:
        ties_frame = pd.concat(
            [edges[from_year].rename("weight_from"), edges[to_year].rename("weight_to")], axis=1
        )
    ties = []
    for (source, target), row in ties_frame.sort_index().iterrows():
        before, after = row["weight_from"], row["weight_to"]
        if pd.isna(before) == pd.isna(after):
            continue
        ties.append(
            {
                "source": source,
                "target": target,
                "source_name": names[source],
                "target_name": names[target],
                "change": "added" if pd.isna(before) else "lost",
                "weight_from": None if pd.isna(before) else int(before),
                "weight_to": None if pd.isna(after) else int(after),
            }
        )
    ties.sort(key=lambda t: (t["change"], t["source"], t["target"]))

    threshold = check_drive_config(config.get("territorial_drive"))["threshold"]
    td = {y: {row["id"]: row for row in drive[y]} for y in years}
    drive_rows = []
    for org_id in sorted(active[from_year] | active[to_year]):
        a, b = td[from_year][org_id], td[to_year][org_id]
        drive_rows.append(
            {
                "id": org_id,
                "name": names[org_id],
                "score_from": a["score"],
                "score_to": b["score"],
                "score_change": _difference(a["score"], b["score"]),
                "p_value_from": a.get("p_value"),
                "p_value_to": b.get("p_value"),
                "flagged_from": a["flagged"],
                "flagged_to": b["flagged"],
                "flag_change": _flag_change(a, b, threshold),
                "flag_note": _flag_note(a, b, threshold, to_year),
            }
        )
    drive_rows.sort(
        key=lambda r: (
            r["flag_change"] == "",
            -abs(r["score_change"]) if r["score_change"] is not None else 0.0,
            r["id"],
        )
    )

    rl = {y: {row["id"]: row for row in role_rows[y]} for y in years}
    role_changes = [
        {
            "id": org_id,
            "name": names[org_id],
            "role_from": rl[from_year][org_id]["role"],
            "role_to": rl[to_year][org_id]["role"],
            "betweenness_from": rl[from_year][org_id]["betweenness"],
            "betweenness_to": rl[to_year][org_id]["betweenness"],
        }
        for org_id in rl[from_year]
        if rl[from_year][org_id]["role"] != rl[to_year][org_id]["role"]
    ]
    role_changes.sort(key=lambda r: (r["role_from"], r["role_to"], r["id"]))

    before_scan = indicator_rows(scans[from_year])
    after_scan = {(r["key"], r["indicator"]): r for r in indicator_rows(scans[to_year])}
    scan_rows = []
    for row in before_scan:
        value_to = after_scan[(row["key"], row["indicator"])]["value"]
        scan_rows.append(
            {
                "point": row["point"],
                "key": row["key"],
                "indicator": row["indicator"],
                "value_from": row["value"],
                "value_to": value_to,
                "change": _difference(row["value"], value_to),
            }
        )
    verdicts = {y: {p["key"]: p["verdict"] for p in scans[y]} for y in years}

    summary = {
        "dataset": dataset.name,
        "from_year": from_year,
        "to_year": to_year,
        "active_from": len(active[from_year]),
        "active_to": len(active[to_year]),
        "appeared": sum(1 for o in organisations if o["change"] == "appeared"),
        "left": sum(1 for o in organisations if o["change"] == "left"),
        "ties_from": graphs[from_year].number_of_edges(),
        "ties_to": graphs[to_year].number_of_edges(),
        "ties_added": sum(1 for t in ties if t["change"] == "added"),
        "ties_lost": sum(1 for t in ties if t["change"] == "lost"),
        "flagged_from": sum(1 for r in drive[from_year] if r["flagged"]),
        "flagged_to": sum(1 for r in drive[to_year] if r["flagged"]),
        "role_changes": len(role_changes),
    }
    for key in verdicts[from_year]:
        summary[f"verdict_{key}"] = f"{verdicts[from_year][key]} → {verdicts[to_year][key]}"
    return {
        "summary": summary,
        "organisations": organisations,
        "ties": ties,
        "territorial_drive": drive_rows,
        "roles": role_changes,
        "scan": scan_rows,
    }


def _held_back(row: Mapping[str, Any], threshold: float) -> bool:
    """Not flagged although its score reaches the threshold (not significant, too few actions)."""
    return not row["flagged"] and row["score"] is not None and row["score"] >= threshold - 1e-12


def _flag_change(a: Mapping[str, Any], b: Mapping[str, Any], threshold: float) -> str:
    if a["flagged"] == b["flagged"]:
        return ""
    if b["flagged"]:
        return "newly flagged"  # flagged in the second year: significant there
    return "" if _held_back(b, threshold) else "no longer flagged"


def _flag_note(a: Mapping[str, Any], b: Mapping[str, Any], threshold: float, year: int) -> str:
    if a["flagged"] and _held_back(b, threshold):
        return f"flag not confirmed in {year}: score above the threshold, evidence too thin"
    return ""
