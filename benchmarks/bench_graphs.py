"""Build time and peak memory of the graphs, against networkx in the same process.

Steps, on a dataset from ``benchmarks/generate.py``:

- ``read_dataset``: read and validate the CSV files written by ``generate.write``;
- ``collaboration graph``: :func:`graphtool.graphs.build_collaboration_graph`
  (the sparse product ``B Bᵀ``), against networkx's
  ``nx.bipartite.weighted_projected_graph`` on the organisation–action graph
  (building that bipartite graph is timed separately, so the projection alone
  is compared);
- ``funding graph``: :func:`graphtool.graphs.build_funding_graph`, against an
  ``nx.DiGraph`` with the amounts summed per pair.

Each step runs twice: once timed, once under tracemalloc for its peak memory
(numpy and scipy report their buffers to tracemalloc; tracing slows Python
code, so it is never on while timing). The process's maximum resident size
is printed too.
networkx runs on the same data unless ``--nx-organisations`` makes it smaller
(for sizes where it would take too long); the ratio then compares unequal
sizes and the table says so.

Usage::

    python benchmarks/bench_graphs.py --organisations 100000
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate, write  # noqa: E402

from graphtool.graphs import build_collaboration_graph, build_funding_graph  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.model import Dataset  # noqa: E402


def measure(step: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run ``step`` twice: timed without tracing, then under tracemalloc for its peak (MiB).

    tracemalloc slows Python-level code several times, so it never runs while timing.
    """
    gc.collect()
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    del result
    gc.collect()
    tracemalloc.start()
    result = step()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def bipartite_graph(dataset: Dataset) -> tuple[nx.Graph, list[str]]:
    graph = nx.Graph()
    orgs = [f"o:{i}" for i in dataset.organisations["id"]]
    graph.add_nodes_from(orgs, bipartite=0)
    graph.add_nodes_from((f"a:{a}" for a in dataset.joint_actions["id"]), bipartite=1)
    parts = dataset.participations
    graph.add_edges_from(
        zip(
            ("o:" + parts["organisation_id"]).tolist(),
            ("a:" + parts["action_id"]).tolist(),
            strict=True,
        )
    )
    return graph, orgs


def funding_digraph(dataset: Dataset) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(dataset.organisations["id"])
    flows = dataset.funding
    for u, v, amount in zip(
        flows["funder_id"], flows["recipient_id"], flows["amount"], strict=True
    ):
        if graph.has_edge(u, v):
            graph[u][v]["amount"] += amount
        else:
            graph.add_edge(u, v, amount=amount)
    return graph


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", "-n", type=int, default=100_000)
    parser.add_argument(
        "--nx-organisations",
        type=int,
        default=None,
        help="size for the networkx baseline (default: the same as --organisations)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    n_nx = args.nx_organisations or args.organisations

    rows: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = write(generate(args.organisations, seed=args.seed), Path(tmp) / "bench")
        dataset, seconds, peak = measure(lambda: read_dataset(folder))
        rows.append(("read_dataset (CSV, validated)", args.organisations, seconds, peak))
    counts = dataset.counts()

    collab, collab_s, collab_mb = measure(lambda: build_collaboration_graph(dataset))
    rows.append(("collaboration graph (sparse)", args.organisations, collab_s, collab_mb))
    funding, funding_s, funding_mb = measure(lambda: build_funding_graph(dataset))
    rows.append(("funding graph (sparse)", args.organisations, funding_s, funding_mb))

    if n_nx == args.organisations:
        small = dataset
    else:
        with tempfile.TemporaryDirectory() as tmp:
            small = read_dataset(write(generate(n_nx, seed=args.seed), Path(tmp) / "small"))
    (bipartite, orgs), seconds, peak = measure(lambda: bipartite_graph(small))
    rows.append(("networkx: bipartite graph", n_nx, seconds, peak))
    projected, nx_s, nx_mb = measure(lambda: nx.bipartite.weighted_projected_graph(bipartite, orgs))
    rows.append(("networkx: weighted_projected_graph", n_nx, nx_s, nx_mb))
    digraph, nxf_s, nxf_mb = measure(lambda: funding_digraph(small))
    rows.append(("networkx: funding DiGraph", n_nx, nxf_s, nxf_mb))

    if small is dataset:  # the same ties both ways
        assert projected.number_of_edges() == collab.number_of_edges()
        assert digraph.number_of_edges() == funding.amounts.nnz

    print(
        f"dataset: {counts['organisations']:,} organisations, {counts['joint_actions']:,} "
        f"joint actions, {counts['participations']:,} participations, "
        f"{counts['funding']:,} funding flows; {collab.number_of_edges():,} collaboration ties"
    )
    print()
    print("| step | organisations | seconds | peak MiB |")
    print("|---|---:|---:|---:|")
    for name, n, seconds, peak in rows:
        print(f"| {name} | {n:,} | {seconds:.3f} | {peak:.0f} |")
    print()
    same = "" if n_nx == args.organisations else f" (networkx on {n_nx:,} organisations)"
    print(
        f"networkx / sparse, collaboration projection: {nx_s / collab_s:.1f}x time, "
        f"{nx_mb / collab_mb:.1f}x memory{same}"
    )
    print(
        f"networkx / sparse, funding graph: {nxf_s / funding_s:.1f}x time, "
        f"{nxf_mb / funding_mb:.1f}x memory{same}"
    )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process maximum resident size: {maxrss:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
