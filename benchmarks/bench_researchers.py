"""Benchmark: scan, compare, export graph and report on synthetic datasets.

Baseline in the same process: building the collaboration graph of the same
dataset (the cheapest step every analysis needs), so the ratios travel
between machines. Peak memory with tracemalloc (Python allocations, numpy
included).

    python benchmarks/bench_researchers.py --organisations 2000 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate, write  # noqa: E402
from graphtool.analyses.compare import compare  # noqa: E402
from graphtool.analyses.scan import scan  # noqa: E402
from graphtool.graphs import build_collaboration_graph  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.present.export import export_graph  # noqa: E402
from graphtool.present.report import build_report, render_html  # noqa: E402


def measure(label, func):
    tracemalloc.start()
    start = time.perf_counter()
    func()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return label, seconds, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    for n in args.organisations:
        with tempfile.TemporaryDirectory() as tmp:
            dataset = read_dataset(write(generate(n, seed=0), Path(tmp) / "ds"))
        years = dataset.years()
        a, b = years[len(years) // 3], years[-1]
        results = [
            measure(
                "baseline: collaboration graph", lambda ds=dataset: build_collaboration_graph(ds)
            ),
            measure("scan", lambda ds=dataset: scan(ds)),
            measure(f"compare {a}-{b}", lambda ds=dataset, a=a, b=b: compare(ds, a, b)),
            measure("export graph", lambda ds=dataset: export_graph(ds)),
            measure("report (html)", lambda ds=dataset: render_html(build_report(ds))),
        ]
        base = results[0][1]
        print(f"{n:,} organisations")
        for label, seconds, peak in results:
            print(f"  {label:32s} {seconds:8.2f} s  x{seconds / base:8.1f}  peak {peak:8.1f} MiB")


if __name__ == "__main__":
    main()
