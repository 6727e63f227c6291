"""How good are the missing-link suggestions? Hide known ties, predict them, score.

The protocol follows Liben-Nowell & Kleinberg (2007): split the data into a
training part and the ties to predict, let every method rank the pairs that
are not tied in the training part, and compare the ranking with the truth.

Splits (:func:`holdout_split`, :func:`year_split`):

- **holdout** FRACTION: the collaboration ties are shuffled (seeded); a tie
  (a, b) is hidden by removing, from every joint action a and b share, the
  participation of one of them: the one with more actions (seeded coin on a
  draw), and only if it keeps at least one other action, so both stay present
  in training (if neither can, the tie is skipped). Removing a participation
  can dissolve other ties of that organisation too; every tie that disappears
  counts as hidden. Ties are hidden until at least FRACTION of all ties are.
  Funding is kept.
- **split-year** Y: training holds the actions that start before Y and the
  flows of the years before Y; actions without a start year are left out.
  The truth is the pairs that first share an action starting in Y or later.

In both, the truth is restricted to *eligible* pairs: both organisations have
an action in training, they are not tied and have no funding between them in
training. The same eligible pairs are the universe every method ranks.

Methods (:data:`METHODS`) are functions ``method(train, i, j, seed)`` scoring
the pairs ``(i[k], j[k])`` (organisation row numbers) from the training
dataset only; the harness never hands them anything else and checks that the
training data holds none of the hidden ties. ``graphtool`` is the score of
:mod:`graphtool.analyses.missing_links` with its candidates first (a pair that
is not a candidate is never suggested); the baselines are common neighbours
|Γ(a) ∩ Γ(b)|, Adamic–Adar Σ 1/log|Γ(z)|, preferential attachment |Γ(a)|·|Γ(b)|
and a seeded random score.

Measures, per method: precision@K and recall@K of the K best-ranked pairs
(ties broken by one seeded random order shared by all methods) and the AUC,
the probability that a true pair outranks a false one (ties count ½; the
Mann–Whitney statistic), exact over all eligible pairs up to
:data:`EXACT_PAIRS` pairs. Above that the universe is the true pairs, every
candidate pair of the project's generator (which holds every pair with a
common partner, so the top K of graphtool, common neighbours and Adamic–Adar
are exact) and a seeded uniform sample of :data:`EXACT_PAIRS` other eligible
pairs (so preferential attachment, random and the AUC are estimates).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from graphtool.analyses.link_features import LinkFeatures
from graphtool.analyses.missing_links import check_config, rank_score
from graphtool.errors import AnalysisError
from graphtool.graphs import build_collaboration_graph, build_funding_graph
from graphtool.model import Dataset
from graphtool.progress import SILENT, Progress

#: Up to this many eligible pairs the AUC and precision are exact over all of them.
EXACT_PAIRS = 5_000_000

Method = Callable[[Dataset, np.ndarray, np.ndarray, int], np.ndarray]


@dataclass(frozen=True)
class Split:
    """A training dataset and the pairs (row numbers, ``i < j``) it must predict."""

    train: Dataset
    truth_i: np.ndarray
    truth_j: np.ndarray
    protocol: str


def _tie_pairs(dataset: Dataset) -> pd.DataFrame:
    edges = build_collaboration_graph(dataset).weights
    coo = edges.tocoo()
    upper = coo.row < coo.col
    return pd.DataFrame({"i": coo.row[upper], "j": coo.col[upper]})


def _eligible_mask(train: Dataset, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    graph = build_collaboration_graph(train)
    funding = build_funding_graph(train).amounts
    active = graph.actions_per_organisation > 0
    tied = np.asarray(graph.weights[i, j]).ravel() > 0
    money = (np.asarray(funding[i, j]).ravel() > 0) | (np.asarray(funding[j, i]).ravel() > 0)
    return active[i] & active[j] & ~tied & ~money & (i != j)


def _split(train: Dataset, i: np.ndarray, j: np.ndarray, protocol: str) -> Split:
    if len(i):
        keep = _eligible_mask(train, i, j)
        i, j = i[keep], j[keep]
    return Split(train, i.astype(np.int64), j.astype(np.int64), protocol)


def holdout_split(dataset: Dataset, fraction: float, *, seed: int = 0) -> Split:
    """Hide ``fraction`` of the collaboration ties (see the module docstring for how)."""
    if not 0 < fraction < 1:
        raise AnalysisError(f"holdout must be a fraction between 0 and 1, got {fraction}")
    rng = np.random.default_rng(seed)
    parts = dataset.participations.drop_duplicates(["action_id", "organisation_id"])
    members: dict[str, set[str]] = {}
    actions_of: dict[str, set[str]] = {}
    for action, org in zip(parts["action_id"], parts["organisation_id"], strict=True):
        members.setdefault(action, set()).add(org)
        actions_of.setdefault(org, set()).add(action)
    weight: dict[tuple[str, str], int] = {}
    for group in members.values():
        ordered = sorted(group)
        for x in range(len(ordered)):
            for y in range(x + 1, len(ordered)):
                key = (ordered[x], ordered[y])
                weight[key] = weight.get(key, 0) + 1
    ties = sorted(weight)
    target = math.ceil(fraction * len(ties))
    removed: set[tuple[str, str]] = set()
    hidden = 0
    for t in rng.permutation(len(ties)):
        if hidden >= target:
            break
        a, b = ties[t]
        if weight[(a, b)] == 0:
            continue
        shared = actions_of[a] & actions_of[b]
        keeps_a = len(actions_of[a]) > len(shared)
        keeps_b = len(actions_of[b]) > len(shared)
        if not keeps_a and not keeps_b:
            continue
        if keeps_a and keeps_b:
            na, nb = len(actions_of[a]), len(actions_of[b])
            drop = a if na > nb or (na == nb and rng.random() < 0.5) else b
        else:
            drop = a if keeps_a else b
        for action in sorted(shared):
            members[action].discard(drop)
            actions_of[drop].discard(action)
            removed.add((action, drop))
            for other in members[action]:
                key = (drop, other) if drop < other else (other, drop)
                weight[key] -= 1
                if weight[key] == 0:
                    hidden += 1
    full = dataset.participations
    gone = pd.MultiIndex.from_tuples(sorted(removed), names=["action_id", "organisation_id"])
    rows = pd.MultiIndex.from_frame(full[["action_id", "organisation_id"]])
    train = replace(dataset, participations=full[~rows.isin(gone)].reset_index(drop=True))
    index = {o: k for k, o in enumerate(dataset.organisations["id"])}
    lost = [(index[a], index[b]) for (a, b), w in weight.items() if w == 0]
    lost_arr = np.array(sorted((min(p), max(p)) for p in lost), dtype=np.int64).reshape(-1, 2)
    return _split(train, lost_arr[:, 0], lost_arr[:, 1], f"holdout {fraction:g} (seed {seed})")


def year_split(dataset: Dataset, year: int) -> Split:
    """Train on actions and flows before ``year``; predict the first ties from ``year`` on."""
    actions = dataset.joint_actions
    start = actions["start_year"]
    before = (start < year).fillna(False).astype(bool)
    after = (start >= year).fillna(False).astype(bool)

    def restricted(mask: pd.Series, flows: pd.DataFrame) -> Dataset:
        kept = actions[mask.to_numpy()].reset_index(drop=True)
        parts = dataset.participations[dataset.participations["action_id"].isin(set(kept["id"]))]
        return replace(
            dataset,
            joint_actions=kept,
            participations=parts.reset_index(drop=True),
            funding=flows.reset_index(drop=True),
        )

    flows_before = dataset.funding[(dataset.funding["year"] < year).fillna(False).astype(bool)]
    train = restricted(before, flows_before)
    if not before.any():
        raise AnalysisError(
            f"no joint action starts before {year}: nothing to train on",
            hint="choose a later --split-year; the actions start in "
            + ", ".join(str(int(y)) for y in sorted(start.dropna().unique())),
        )
    later = _tie_pairs(restricted(after, dataset.funding.iloc[0:0]))
    return _split(train, later["i"].to_numpy(), later["j"].to_numpy(), f"split year {year}")


# -- methods ------------------------------------------------------------------------------


def graphtool_method(settings: Mapping[str, Any] | None = None, group_by: str = "sector") -> Method:
    """The project's score; pairs outside the candidate set rank after every candidate."""

    def score(train: Dataset, i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
        chosen = check_config(settings)
        features = LinkFeatures.build(train, settings=chosen, group_by=group_by, seed=seed)
        values = rank_score(features.components(i, j), chosen["weights"])
        return values + features.is_candidate(i, j)  # scores are in [0, 1]: candidates first

    return score


def common_neighbours(train: Dataset, i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """|Γ(a) ∩ Γ(b)| on the training collaboration graph."""
    features = LinkFeatures.build(train, seed=seed)
    return features.components(i, j)["common_partners"]


def adamic_adar_index(train: Dataset, i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """Σ over common partners z of 1 / log |Γ(z)| (Adamic & Adar 2003)."""
    features = LinkFeatures.build(train, seed=seed)
    return features.components(i, j)["adamic_adar"]


def preferential_attachment(train: Dataset, i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """|Γ(a)| · |Γ(b)| (Barabási & Albert 1999; Liben-Nowell & Kleinberg 2007)."""
    degree = build_collaboration_graph(train).degree.astype(float)
    return degree[i] * degree[j]


def random_score(train: Dataset, i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """A seeded uniform random score: the floor every method must clear."""
    return np.random.default_rng(seed + 1).random(len(i))


def default_methods(
    settings: Mapping[str, Any] | None = None, group_by: str = "sector"
) -> dict[str, Method]:
    return {
        "graphtool": graphtool_method(settings, group_by),
        "adamic_adar": adamic_adar_index,
        "common_neighbours": common_neighbours,
        "preferential_attachment": preferential_attachment,
        "random": random_score,
    }


METHODS = tuple(default_methods())


# -- harness ------------------------------------------------------------------------------


def check_split(split: Split) -> None:
    """Refuse a split whose training data still holds a tie it asks to predict."""
    weights = build_collaboration_graph(split.train).weights
    if len(split.truth_i) == 0:
        return
    leaked = int((np.asarray(weights[split.truth_i, split.truth_j]).ravel() > 0).sum())
    if leaked:
        raise AnalysisError(
            f"the training data holds {leaked} of the {len(split.truth_i)} ties to predict; "
            "the evaluation would be meaningless",
        )


def _universe(split: Split, seed: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """The pairs every method ranks (row numbers, i < j) and whether they are all eligible pairs."""
    train = split.train
    active = np.flatnonzero(build_collaboration_graph(train).actions_per_organisation > 0)
    n_active = len(active)
    if n_active * (n_active - 1) // 2 <= EXACT_PAIRS:
        a, b = np.triu_indices(n_active, k=1)
        i, j = active[a], active[b]
        keep = _eligible_mask(train, i, j)
        return i[keep], j[keep], True
    features = LinkFeatures.build(train, seed=seed)
    blocks = list(features.candidates())
    rng = np.random.default_rng(seed)
    a = active[rng.integers(0, n_active, size=EXACT_PAIRS)]
    b = active[rng.integers(0, n_active, size=EXACT_PAIRS)]
    i = np.concatenate([split.truth_i, *(x for x, _ in blocks), np.minimum(a, b)])
    j = np.concatenate([split.truth_j, *(y for _, y in blocks), np.maximum(a, b)])
    pairs = np.unique(np.column_stack([i, j]), axis=0)
    i, j = pairs[:, 0], pairs[:, 1]
    keep = _eligible_mask(train, i, j)
    return i[keep], j[keep], False


def _auc(scores: np.ndarray, truth: np.ndarray) -> float | None:
    positives = int(truth.sum())
    negatives = len(truth) - positives
    if positives == 0 or negatives == 0:
        return None
    ranks = rankdata(scores)  # average ranks: ties count one half
    return float((ranks[truth].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def evaluate_links(
    dataset: Dataset,
    *,
    holdout: float | None = None,
    split_year: int | None = None,
    top: int = 100,
    seed: int = 0,
    config: Mapping[str, Any] | None = None,
    group_by: str = "sector",
    methods: Mapping[str, Method] | None = None,
    progress: Progress = SILENT,
) -> list[dict[str, Any]]:
    """Precision@K, recall@K and AUC of the missing-link score and the baselines on one split.

    Parameters
    ----------
    dataset
        A validated dataset with the ties to learn from and to predict.
    holdout
        Hide this fraction of the collaboration ties (0 < fraction < 1).
    split_year
        Train on what starts before this year; predict the first ties from it on.
        Exactly one of ``holdout`` and ``split_year``.
    top
        K of precision@K and recall@K.
    seed
        Seed of the holdout, the communities, the random baseline and the order of ties.
    config, group_by
        Settings of the project's score: overrides of the ``[missing_links]`` defaults
        (see :func:`.missing_links.missing_links`).
    methods
        Name -> method; :func:`default_methods` when ``None``. Each method receives only
        the training dataset and the pairs to score.

    Returns
    -------
    list of dict
        One row per method: ``method``, ``precision_at_k``, ``recall_at_k``, ``auc``,
        ``k``, ``positives`` (ties to predict), ``pairs`` (pairs ranked), ``exact``
        (whether the pairs are all eligible pairs) and ``protocol``.

    Raises
    ------
    AnalysisError
        Both or neither split given, a bad fraction or year, or nothing to predict.

    References
    ----------
    Liben-Nowell, D., Kleinberg, J. (2007). The link-prediction problem for social
    networks. JASIST 58(7), 1019–1031.
    """
    if (holdout is None) == (split_year is None):
        raise AnalysisError("give exactly one of holdout (a fraction) and split_year (a year)")
    if top < 1:
        raise AnalysisError(f"top (K of precision@K) must be at least 1, got {top}")
    settings = check_config(config)
    progress.step("evaluation: splitting the data")
    if holdout is not None:
        split = holdout_split(dataset, holdout, seed=seed)
    else:
        assert split_year is not None
        split = year_split(dataset, split_year)
    check_split(split)
    if len(split.truth_i) == 0:
        raise AnalysisError(
            f"{split.protocol}: no tie to predict among organisations present in training",
            hint="choose an earlier split year or a larger holdout fraction",
        )
    i, j, exact = _universe(split, seed)
    n = len(split.train.organisations)
    truth_keys = set((split.truth_i * n + split.truth_j).tolist())
    truth = np.isin(i * n + j, np.fromiter(truth_keys, dtype=np.int64))
    tiebreak = np.random.default_rng(seed).permutation(len(i))
    methods = default_methods(settings, group_by) if methods is None else methods
    rows = []
    for name, method in progress.iterate(list(methods.items()), "evaluation: methods"):
        scores = np.asarray(method(split.train, i, j, seed), dtype=float)
        order = np.lexsort((tiebreak, -scores))[:top]
        hits = int(truth[order].sum())
        auc = _auc(scores, truth)
        rows.append(
            {
                "method": name,
                "precision_at_k": round(hits / top, 6),
                "recall_at_k": round(hits / len(split.truth_i), 6),
                "auc": None if auc is None else round(auc, 6),
                "k": top,
                "positives": len(split.truth_i),
                "pairs": len(i),
                "exact": exact,
                "protocol": split.protocol,
            }
        )
    return rows
