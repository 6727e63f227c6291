"""Choose the default weights of the missing-link score on the tuning split years only.

For every weight combination of a small grid (structure fixed at 1), compute
the AUC and the hits at K = 10, 20, 50 and 100 on the tuning splits of
``evaluate_missing_links.py`` (lindenwaard 2015 and 2016, CORDIS 2017 and
2018). The rule: among the combinations that find more new ties than
Adamic–Adar (hits summed over the four K) on every tuning split, take the
one with the highest mean AUC over the four splits. The later split years are
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
from evaluate_missing_links import KS, TUNING, datasets  # noqa: E402

from graphtool.analyses import evaluation  # noqa: E402
from graphtool.analyses.link_features import COMPONENTS, LinkFeatures  # noqa: E402

#: The grid the defaults were chosen on; complementarity stays 0 (every positive weight lowered
#: the AUC in the earlier tuning, docs/missing-links.md).
GRID = {
    "activity": (0.15, 0.5, 1.0),
    "neighbourhood": (0.0, 0.25, 0.5),
    "theme": (0.0, 0.25, 0.5),
    "complementarity": (0.0,),
    "bridging": (0.0, 0.1, 0.25),
}


def hits(score: np.ndarray, truth: np.ndarray, tiebreak: np.ndarray) -> int:
    """New ties among the K best, summed over :data:`KS`."""
    order = np.lexsort((tiebreak, -score))
    return sum(int(truth[order[:k]].sum()) for k in KS)


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
            aa = parts["adamic_adar"]
            aa_hits = hits(aa, truth, tiebreak)
            splits.append((f"{name} {year}", parts, candidate, truth, tiebreak, aa_hits))
            print(
                f"{name} {year}: Adamic–Adar AUC {evaluation._auc(aa, truth):.3f}, "
                f"hits at K = {KS} summed {aa_hits}"
            )
    results = []
    for values in itertools.product(*GRID.values()):
        weights = {"structure": 1.0, **dict(zip(GRID, values, strict=True))}
        total = sum(weights.values())
        aucs, found, beats = [], [], True
        for _, parts, candidate, truth, tiebreak, aa_hits in splits:
            score = sum(weights[c] * parts[c] for c in COMPONENTS) / total + candidate
            aucs.append(evaluation._auc(score, truth))
            found.append(hits(score, truth, tiebreak))
            beats &= found[-1] > aa_hits
        results.append((beats, float(np.mean(aucs)), aucs, found, weights))
    results.sort(key=lambda r: (not r[0], -r[1]))
    for beats, auc, aucs, found, weights in results[:10]:
        print(
            f"beats Adamic–Adar's hits {beats}  mean AUC {auc:.4f}  "
            f"AUCs {np.round(aucs, 3).tolist()}  hits {found}  {weights}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
