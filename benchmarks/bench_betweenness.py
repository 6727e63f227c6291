"""Sampled betweenness against exact: its error and its speed.

:func:`graphtool.analyses.centrality.betweenness` is exact (networkx) up to
5,000 organisations and sampled above (Brandes & Pich 2007: shortest paths
from ``k`` random sources, scaled by ``n / k``). This script measures what the
sampling costs in accuracy on synthetic datasets from ``generate.py``, where
exact values are still computable (networkx at 5,000, igraph with every node
as a source beyond):

- ``top-10 error``: mean and largest relative error of the ten organisations
  with the highest exact betweenness, over five seeds;
- ``top-10 kept``: how many of the exact top ten the estimate also ranks top ten;
- ``Spearman top-1000``: rank correlation on the thousand most central organisations.

Usage::

    python benchmarks/bench_betweenness.py --sizes 5000,20000 --sources 64,256,1024
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate, write  # noqa: E402

from graphtool.analyses import centrality  # noqa: E402
from graphtool.graphs import build_collaboration_graph  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402


def exact_values(graph) -> tuple[np.ndarray, float, str]:
    """Exact normalised betweenness, its seconds and engine (igraph when installed)."""
    start = time.perf_counter()
    n = graph.n
    if centrality._igraph_available():
        raw = centrality._partial_betweenness(graph, np.arange(n))
        engine = "igraph, every source"
    else:
        raw = centrality._partial_betweenness(graph, None)
        engine = "networkx"
    return raw * 2.0 / ((n - 1) * (n - 2)), time.perf_counter() - start, engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000")
    parser.add_argument("--sources", default="64,256,1024")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/graphtool-bench"))
    args = parser.parse_args(argv)
    print(
        "| organisations | exact s (engine) | sources k | sampled s | top-10 mean error "
        "| top-10 max error | top-10 kept | Spearman top-1000 |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in [int(s) for s in args.sizes.split(",")]:
        folder = args.workdir / f"betweenness-{size}"
        if not (folder / "organisations.csv").exists():
            write(generate(size, seed=0), folder)
        graph = build_collaboration_graph(read_dataset(folder))
        exact, exact_seconds, engine = exact_values(graph)
        top10 = np.argsort(-exact)[:10]
        top1000 = np.argsort(-exact)[:1000]
        for k in [int(s) for s in args.sources.split(",")]:
            errors, kept, rho, seconds = [], [], [], []
            for seed in range(args.seeds):
                start = time.perf_counter()
                values, _ = centrality.betweenness(graph, sources=k, seed=seed)
                seconds.append(time.perf_counter() - start)
                errors.append(np.abs(values[top10] - exact[top10]) / exact[top10])
                kept.append(len(set(np.argsort(-values)[:10]) & set(top10)))
                rho.append(spearmanr(values[top1000], exact[top1000]).statistic)
            errors_all = np.concatenate(errors)
            print(
                f"| {size:,} | {exact_seconds:.1f} ({engine}) | {k} | {np.mean(seconds):.2f} "
                f"| {errors_all.mean():.1%} | {errors_all.max():.1%} | {np.mean(kept):.1f} "
                f"| {np.mean(rho):.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
