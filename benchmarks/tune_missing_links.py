"""Choose the default weights of the missing-link score on the tuning split years only.

For every weight combination of a small grid (structure fixed at 1), compute
the AUC and precision@K on the tuning splits of ``evaluate_missing_links.py``
(lindenwaard 2015 and 2016, CORDIS 2017 and 2018) and rank by the mean AUC
over the four splits, then by the mean precision@K. The later split years are
never looked at here; ``evaluate_missing_links.py`` reports them.

Usage::

    python benchmarks/tune_missing_links.py
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate_missing_links import TOP, TUNING, datasets  # noqa: E402

from graphtool.analyses import evaluation  # noqa: E402
from graphtool.analyses.missing_links import COMPONENTS, LinkFeatures  # noqa: E402

GRID = {
    "activity": (0.0, 0.15, 0.3, 0.5, 1.0),
    "neighbourhood": (0.0, 0.1, 0.25, 0.5),
    "theme": (0.0, 0.1, 0.25, 0.5),
    "complementarity": (0.0, 0.05, 0.1, 0.25),
    "bridging": (0.0, 0.05, 0.1, 0.25),
}


def main() -> int:
    splits = []
    for name, dataset in datasets().items():
        for year in TUNING[name]:
            split = evaluation.year_split(dataset, year)
            i, j, _ = evaluation._universe(split, 0)
            n = len(dataset.organisations)
            truth = np.isin(i * n + j, split.truth_i * n + split.truth_j)
            features = LinkFeatures.build(split.train, seed=0)
            parts = features.components(i, j)
            candidate = features.is_candidate(i, j).astype(float)
            tiebreak = np.random.default_rng(0).permutation(len(i))
            splits.append((f"{name} {year}", parts, candidate, truth, tiebreak, TOP[name]))
            aa = parts["adamic_adar"]
            top = np.lexsort((tiebreak, -aa))[: TOP[name]]
            print(
                f"{name} {year}: Adamic–Adar AUC {evaluation._auc(aa, truth):.3f}, "
                f"precision@{TOP[name]} {truth[top].mean():.3f}"
            )
    results = []
    for values in itertools.product(*GRID.values()):
        weights = {"structure": 1.0, **dict(zip(GRID, values, strict=True))}
        total = sum(weights.values())
        aucs, precisions = [], []
        for _, parts, candidate, truth, tiebreak, k in splits:
            score = sum(weights[c] * parts[c] for c in COMPONENTS) / total + candidate
            aucs.append(evaluation._auc(score, truth))
            precisions.append(truth[np.lexsort((tiebreak, -score))[:k]].mean())
        results.append(
            (float(np.mean(aucs)), float(np.mean(precisions)), aucs, precisions, weights)
        )
    results.sort(key=lambda r: (-r[0], -r[1]))
    for auc, precision, aucs, precisions, weights in results[:10]:
        print(
            f"mean AUC {auc:.4f}  mean precision {precision:.3f}  "
            f"AUCs {np.round(aucs, 3).tolist()}  precisions {np.round(precisions, 3).tolist()}  "
            f"{weights}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
