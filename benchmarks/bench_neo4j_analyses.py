"""The extra time of ``graphtool load --analyses``: results written with the data.

For generated datasets (``benchmarks/generate.py``) of the given sizes, in one
process and against one server (``NEO4J_URI``), it times:

* **plain**: :meth:`Neo4jStore.load` of the data alone (a replacing load, the
  dataset loaded once before so both runs switch over a version);
* **analyses**: computing the results (:func:`graph_results`: territorial
  drive, brokerage, communities, betweenness, missing links);
* **with results**: the same replacing load with the results
  (properties on every organisation, the suggested links, the run record).

It prints seconds and the ratios to the plain load. Usage::

    NEO4J_URI=bolt://127.0.0.1:7687 python benchmarks/bench_neo4j_analyses.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate, write  # noqa: E402

from graphtool.cli.store import analysis_results  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.store.neo4j import Neo4jStore  # noqa: E402


def bench(size: int, uri: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        dataset = read_dataset(write(generate(size, seed=1), Path(folder) / f"gen{size}"))
    name = f"bench-analyses-{uuid.uuid4().hex[:6]}"
    with Neo4jStore(uri) as store:
        store.load(dataset, name=name)  # so both timed loads replace a version
        start = time.perf_counter()
        store.load(dataset, name=name)
        plain = time.perf_counter() - start
        start = time.perf_counter()
        results = analysis_results(dataset, 10, 200)
        analyses = time.perf_counter() - start
        start = time.perf_counter()
        store.load(dataset, name=name, results=results)
        with_results = time.perf_counter() - start
        store.drop(name)
    return {
        "organisations": size,
        "suggested links": len(results.suggestions),
        "plain load s": plain,
        "analyses s": analyses,
        "load with results s": with_results,
        "writing results / plain": (with_results - plain) / plain,
        "--analyses total / plain": (analyses + with_results) / plain,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    args = parser.parse_args(argv)
    for size in args.sizes:
        row = bench(size, args.uri)
        print(
            "  ".join(
                f"{k}: {v:.2f}" if isinstance(v, float) else f"{k}: {v}" for k, v in row.items()
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
