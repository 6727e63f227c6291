"""One pipeline: the results a command needs, each computed once, handed to ``present``.

A :class:`Pipeline` holds a dataset (cut to a year when asked), the
configuration and the seed, and computes each result the first time it is
asked for and never again: the graphs, territorial drive, the scan, roles,
communities, the link features and the suggestions ranked from them, the
money by group and the change between two years. The report, the network
page and the exports read from one pipeline, so territorial drive runs once
per command and the page's suggestions (the best overall and each flagged
organisation's own) are ranked from one set of link features instead of
rebuilding them for every flagged organisation.

Everything it returns is plain data; :mod:`graphtool.present` renders it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from graphtool.analyses.communities import community_labels
from graphtool.analyses.compare import compare
from graphtool.analyses.configuration import complete_settings
from graphtool.analyses.link_features import LinkFeatures
from graphtool.analyses.missing_links import suggestions
from graphtool.analyses.roles import roles
from graphtool.analyses.scan import scan
from graphtool.analyses.territorial_drive import territorial_drive
from graphtool.errors import AnalysisError
from graphtool.graphs import (
    CollaborationGraph,
    FundingGraph,
    build_collaboration_graph,
    build_funding_graph,
)
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress

#: The page's suggestions: the best this many overall, plus the best
#: :data:`SUGGESTIONS_PER_FLAG` partners of each of the first
#: :data:`FLAGGED_WITH_SUGGESTIONS` flagged organisations.
PAGE_SUGGESTIONS = 50
FLAGGED_WITH_SUGGESTIONS = 10
SUGGESTIONS_PER_FLAG = 3


class Pipeline:
    """The analyses of one dataset (cut to ``year``), each run at most once, on first use.

    Parameters
    ----------
    dataset
        The whole dataset; :attr:`dataset` is its cut to ``year`` (the whole when
        ``None``). :meth:`compare` reads the whole one.
    year
        The year analysed, or ``None`` for all years.
    group_by
        The organisations column that defines groups.
    settings
        Overrides per configuration section (``territorial_drive``, ``scan``,
        ``roles``, ``missing_links``), as :mod:`graphtool.analyses.configuration`
        loads them; checked here and completed with the defaults.
    seed
        Seed of the communities, the sampled betweenness and anything random.
    progress
        Told about each step as it runs.

    Examples
    --------
    >>> from graphtool.ingest import read_dataset
    >>> results = Pipeline(read_dataset("sample_data/lindenwaard"))  # doctest: +SKIP
    >>> [r["id"] for r in results.territorial_drive if r["flagged"]]  # doctest: +SKIP
    ['wc-woongoed', 'zorg-zorgkring', 'fnd-lindenhout']
    """

    def __init__(
        self,
        dataset: Dataset,
        *,
        year: int | None = None,
        group_by: str = "sector",
        settings: Any = None,
        seed: int = 0,
        progress: Progress = SILENT,
    ) -> None:
        self.whole = dataset
        self.year = year
        self.dataset = dataset.for_year(year)
        self.group_by = group_by
        self.settings = complete_settings(getattr(settings, "settings", settings))
        self.seed = seed
        self.progress = progress
        self._links: dict[tuple[int, str | None], list[dict[str, Any]]] = {}
        self._changes: dict[tuple[int, int], dict[str, Any]] = {}

    # -- graphs ---------------------------------------------------------------------------

    @cached_property
    def collab(self) -> CollaborationGraph:
        return build_collaboration_graph(self.dataset, progress=self.progress)

    @cached_property
    def funding(self) -> FundingGraph:
        return build_funding_graph(self.dataset, progress=self.progress)

    # -- analyses -------------------------------------------------------------------------

    @cached_property
    def territorial_drive(self) -> list[dict[str, Any]]:
        """:func:`graphtool.analyses.territorial_drive.territorial_drive` rows."""
        return territorial_drive(
            self.dataset,
            group_by=self.group_by,
            config=self.settings["territorial_drive"],
            progress=self.progress,
            collab=self.collab,
            funding=self.funding,
        )

    @cached_property
    def scan(self) -> list[dict[str, Any]]:
        """The five points of :func:`graphtool.analyses.scan.scan`."""
        self.progress.step("LSA scan")
        return scan(self.dataset, config=self.settings["scan"], territorial=self.territorial_drive)

    @cached_property
    def roles(self) -> list[dict[str, Any]]:
        """:func:`graphtool.analyses.roles.roles` rows, in table order."""
        self.progress.step("roles")
        return roles(
            self.dataset,
            territorial=self.territorial_drive,
            config=self.settings["roles"],
            seed=self.seed,
            collab=self.collab,
            progress=self.progress,
        )

    @cached_property
    def communities(self) -> tuple[np.ndarray, str]:
        """Louvain community labels of every organisation, and the engine used."""
        return community_labels(self.collab, seed=self.seed)

    @cached_property
    def community_rows(self) -> list[dict[str, Any]]:
        """Communities of at least two active organisations, largest first, with their
        members (most partners first) and the engine."""
        labels, engine = self.communities
        collab = self.collab
        names = self.dataset.organisations["name"].to_numpy()
        active = collab.actions_per_organisation > 0
        rows: list[dict[str, Any]] = []
        for label in np.unique(labels[active]) if active.any() else []:
            members = np.flatnonzero((labels == label) & active)
            if len(members) < 2:
                continue
            top = members[np.lexsort((names[members].astype(str), -collab.degree[members]))]
            rows.append(
                {
                    "community": int(label),
                    "size": len(members),
                    "members": [str(names[i]) for i in top],
                    "engine": engine,
                }
            )
        rows.sort(key=lambda r: (-r["size"], r["community"]))
        return rows

    @cached_property
    def link_features(self) -> LinkFeatures:
        """The features of every candidate pair, built once for every ranking asked."""
        self.progress.step("missing links: graphs, neighbourhoods, themes and communities")
        return LinkFeatures.build(
            self.dataset,
            settings=self.settings["missing_links"],
            group_by=self.group_by,
            seed=self.seed,
        )

    def missing_links(self, top: int = 20, for_org: str | None = None) -> list[dict[str, Any]]:
        """:func:`graphtool.analyses.missing_links.missing_links` from the one set of features."""
        key = (top, for_org)
        if key not in self._links:
            self._links[key] = suggestions(
                self.link_features,
                self.settings["missing_links"]["weights"],
                top=top,
                for_org=for_org,
                progress=self.progress,
            )
        return self._links[key]

    @cached_property
    def page_suggestions(self) -> list[dict[str, Any]]:
        """The network page's suggestions: the best :data:`PAGE_SUGGESTIONS` overall, then
        each of the first :data:`FLAGGED_WITH_SUGGESTIONS` flagged organisations' best
        :data:`SUGGESTIONS_PER_FLAG` partners not among them, so its panel can say whom
        to start working with."""
        rows = list(self.missing_links(PAGE_SUGGESTIONS))
        seen = {frozenset((row["source"], row["target"])) for row in rows}
        flagged = [row["id"] for row in self.territorial_drive if row["flagged"]]
        for org in flagged[:FLAGGED_WITH_SUGGESTIONS]:
            try:
                own = self.missing_links(SUGGESTIONS_PER_FLAG, for_org=org)
            except AnalysisError:
                continue  # e.g. no candidate partner at all
            for row in own:
                pair = frozenset((row["source"], row["target"]))
                if pair not in seen:
                    seen.add(pair)
                    rows.append(row)
        return rows

    def compare(self, from_year: int, to_year: int) -> dict[str, Any]:
        """:func:`graphtool.analyses.compare.compare` of two years of the whole dataset."""
        key = (from_year, to_year)
        if key not in self._changes:
            self.progress.step(f"change from {from_year} to {to_year}")
            self._changes[key] = compare(
                self.whole,
                from_year,
                to_year,
                group_by=self.group_by,
                config=self.settings,
                seed=self.seed,
            )
        return self._changes[key]

    # -- aggregates -----------------------------------------------------------------------

    @cached_property
    def groups(self) -> pd.Series:
        """The group of every organisation, by organisation id."""
        return self.dataset.group_of(self.group_by)

    @cached_property
    def summary(self) -> dict[str, Any]:
        """Counts of organisations, active ones, actions, ties, flows, money and flags."""
        collab = self.collab
        return {
            "organisations": collab.n,
            "active": int((collab.actions_per_organisation > 0).sum()),
            "joint_actions": len(self.dataset.joint_actions),
            "ties": collab.number_of_edges(),
            "funding_flows": len(self.dataset.funding),
            "money": float(self.dataset.funding["amount"].sum()),
            "flagged": sum(1 for r in self.territorial_drive if r["flagged"]),
        }

    @cached_property
    def money_by_group(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Money given and received per group (most first), and group → group totals."""
        flows = self.dataset.funding
        if not len(flows):
            return [], []
        groups = self.groups
        frame = pd.DataFrame(
            {
                "source": flows["funder_id"].map(groups).to_numpy(),
                "target": flows["recipient_id"].map(groups).to_numpy(),
                "amount": flows["amount"].to_numpy(dtype=float),
            }
        )
        given = frame.groupby("source")["amount"].sum()
        received = frame.groupby("target")["amount"].sum()
        by_group = [
            {"group": g, "given": float(given.get(g, 0.0)), "received": float(received.get(g, 0.0))}
            for g in sorted(set(given.index) | set(received.index))
        ]
        by_group.sort(key=lambda r: -(r["given"] + r["received"]))
        pairs = frame.groupby(["source", "target"])["amount"].sum().reset_index()
        pairs = pairs[pairs["amount"] > 0]
        pair_rows = [
            {"source": s, "target": t, "amount": float(a)}
            for s, t, a in pairs.itertuples(index=False)
        ]
        pair_rows.sort(key=lambda r: -r["amount"])
        return by_group, pair_rows


__all__ = [
    "FLAGGED_WITH_SUGGESTIONS",
    "PAGE_SUGGESTIONS",
    "SUGGESTIONS_PER_FLAG",
    "Pipeline",
]
