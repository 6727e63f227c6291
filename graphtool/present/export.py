"""Exports for Gephi and other tools: GEXF, GraphML, CSV (nodes + edges) and node-link JSON.

One graph holds everything: a :class:`networkx.MultiDiGraph` whose nodes are the
organisations and whose edges are of two kinds, told apart by the edge
attribute ``kind`` (and the edge key, the same word):

- ``collaboration``: one edge per pair that shares at least one joint action,
  from the organisation that comes first in ``organisations.csv`` to the other;
  ``weight`` = ``shared_actions``. The tie is undirected in meaning.
- ``funding``: one edge per funder → recipient, the amounts of all years (of
  the year exported, with ``--year``) summed; ``weight`` = ``amount`` in euros.

Why one directed multigraph: GEXF and GraphML files hold one graph, and a pair
can both work together and exchange money, so a simple graph cannot hold both
kinds. GEXF could mark collaboration edges ``undirected`` in a mixed graph, and
Gephi would read that, but networkx refuses mixed graphs when it reads the file
back; so every edge is directed and ``kind`` tells them apart. In Gephi, filter
on ``kind`` (Filters → Attributes → Equal) to see one kind at a time.

Nodes carry every column of ``organisations.csv`` (extra columns too), ``label``
(= name, what Gephi shows), and the analysis results: ``actions``,
``partners``, the territorial-drive components, ``score``, ``flagged``,
``absent``, ``reasons`` (the sentences, in English, joined with " | "),
``reason_codes`` (their codes, ``docs/reasons.md``, joined with spaces),
``community`` (Louvain, seeded),
``role``, ``betweenness`` (normalised) and the Gould–Fernandez counts
``brokerage_<role>``. GEXF and GraphML cannot store a missing value, so an
undefined value (e.g. ``ei_index`` of an organisation without partners) is left
out for that node; CSV leaves the cell empty and JSON writes ``null``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from graphtool.analyses.pipeline import Pipeline
from graphtool.analyses.territorial_drive import COMPONENTS
from graphtool.errors import GraphtoolError
from graphtool.model import Dataset
from graphtool.present.files import is_stdout, write_files
from graphtool.present.reasons import Labels, reason_texts
from graphtool.present.tables import NEUTRALISE_FORMULAS, neutralise
from graphtool.progress import SILENT, Progress

FORMATS = ("gexf", "graphml", "csv", "json")
#: Node attributes added by the analyses, in order.
ANALYSIS_ATTRIBUTES = (
    "group",
    "actions",
    "partners",
    *COMPONENTS,
    "score",
    "flagged",
    "absent",
    "reasons",
    "reason_codes",
    "community",
    "role",
    "betweenness",
)


def _plain(value: Any) -> Any:
    """A value GEXF/GraphML can store, or ``None`` to leave the attribute out."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA:
        return None
    return value


def export_graph(
    dataset: Dataset,
    *,
    group_by: str = "sector",
    settings: Mapping[str, Mapping[str, Any]] | None = None,
    seed: int = 0,
    progress: Progress = SILENT,
    results: Pipeline | None = None,
) -> nx.MultiDiGraph:
    """The organisations with their attributes and analysis results, and both kinds of edge.

    Parameters
    ----------
    dataset
        A validated dataset (restrict it with ``dataset.for_year(y)`` first).
    group_by
        The organisations column that defines groups for territorial drive and brokerage.
    settings
        Settings per analysis (``territorial_drive``, ``roles``), as the CLI loads them.
    seed
        Seed of the community detection and of the sampled betweenness on large graphs.
    results
        The :class:`~graphtool.analyses.pipeline.Pipeline` of ``dataset`` when the caller
        has one (its settings, group and seed are then used).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by organisation id; no attribute is ``None``.
    """
    progress.step("export: territorial drive, roles and communities")
    if results is None:
        results = Pipeline(
            dataset, group_by=group_by, settings=settings, seed=seed, progress=progress
        )
    collab, funding = results.collab, results.funding
    drive = results.territorial_drive
    role_rows = {r["id"]: r for r in results.roles}
    labels, _ = results.communities
    community = dict(zip(collab.ids.tolist(), labels.tolist(), strict=True))
    by_id = {row["id"]: row for row in drive}
    reason_labels = Labels(dataset, group_by=results.group_by)

    graph = nx.MultiDiGraph(
        name=dataset.name,
        year=dataset.year if dataset.year is not None else "all",
        edge_kinds="collaboration (weight = shared actions), funding (weight = amount)",
    )
    orgs = dataset.organisations
    for record in orgs.to_dict("records"):
        org_id = str(record["id"])
        attrs: dict[str, Any] = {"label": record["name"]}
        # column labels are str by the Dataset contract; pandas types them Hashable
        attrs.update({str(k): v for k, v in record.items() if k != "id"})
        td = by_id[org_id]
        for key in ANALYSIS_ATTRIBUTES:
            if key in td:
                attrs[key] = td[key]
        attrs["reasons"] = " | ".join(reason_texts(td["reasons"], reason_labels))
        attrs["reason_codes"] = " ".join(r["code"] for r in td["reasons"])
        attrs["community"] = community[org_id]
        attrs["role"] = role_rows[org_id]["role"]
        attrs["betweenness"] = role_rows[org_id]["betweenness"]
        for role, count in (td["brokerage"] or {}).items():
            attrs[f"brokerage_{role}"] = count
        for key in ("actions", "partners", "community"):
            attrs[key] = int(attrs[key])
        for key in (*COMPONENTS, "score", "betweenness"):
            if attrs.get(key) is not None:
                attrs[key] = float(attrs[key])
        graph.add_node(
            org_id, **{k: v for k, v in ((k, _plain(v)) for k, v in attrs.items()) if v is not None}
        )

    for source, target, weight in collab.edges().itertuples(index=False):
        graph.add_edge(
            str(source),
            str(target),
            key="collaboration",
            kind="collaboration",
            weight=float(weight),
            shared_actions=int(weight),
        )
    for source, target, amount in funding.edges().itertuples(index=False):
        graph.add_edge(
            str(source),
            str(target),
            key="funding",
            kind="funding",
            weight=float(amount),
            amount=float(amount),
        )
    return graph


def _tables(graph: nx.MultiDiGraph) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = pd.DataFrame([{"id": n, **attrs} for n, attrs in graph.nodes(data=True)])
    edges = pd.DataFrame(
        [{"source": u, "target": v, **attrs} for u, v, attrs in graph.edges(data=True)],
        columns=["source", "target", "kind", "weight", "shared_actions", "amount"],
    )
    if len(edges):
        edges["shared_actions"] = edges["shared_actions"].astype("Int64")
    return nodes, edges


def write_export(graph: nx.MultiDiGraph, fmt: str, output: Path) -> list[Path]:
    """Write ``graph`` as ``fmt`` to ``output`` (a folder for ``csv``); returns the files written.

    Files go through :func:`graphtool.present.files.write_files`: written in
    full under temporary names and then moved into place, so a failure leaves
    no half-written export; ``-`` writes a single-file format to standard
    output. CSV cells that a spreadsheet would run as formulas are
    neutralised unless ``--raw`` (:func:`graphtool.present.tables.neutralise`).
    """
    output = Path(output)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "csv":
        if is_stdout(output):
            raise GraphtoolError(
                "--to csv writes a folder (nodes.csv and edges.csv), not standard output",
                hint="give a folder name with -o",
            )
        if output.exists() and not output.is_dir():
            raise GraphtoolError(
                f"{output} exists and is not a folder; --to csv writes a folder",
                hint="give a folder name with -o",
            )
        nodes, edges = _tables(graph)
        output.mkdir(parents=True, exist_ok=True)
        return write_files({output / "nodes.csv": _csv(nodes), output / "edges.csv": _csv(edges)})
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return write_files({output: json.dumps(data, ensure_ascii=False, indent=1)})
    lines = nx.generate_gexf(graph) if fmt == "gexf" else nx.generate_graphml(graph)
    declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
    return write_files({output: declaration + "\n".join(lines) + "\n"})


def _csv(frame: pd.DataFrame) -> str:
    if NEUTRALISE_FORMULAS.get():
        frame = frame.copy()
        for column in frame.columns:
            if not pd.api.types.is_numeric_dtype(frame[column]):
                frame[column] = frame[column].map(neutralise)
        frame.columns = [neutralise(str(c)) for c in frame.columns]
    return frame.to_csv(index=False)
