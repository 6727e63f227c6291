"""Time of every library query on generated datasets in Neo4j, against pandas.

For generated datasets (``benchmarks/generate.py``) of the given sizes it
loads the dataset into the server at ``NEO4J_URI`` (default
``bolt://127.0.0.1:7687``), runs every query of ``queries/`` read-only with its
defaults (``partners_within`` from the organisation with most actions,
``tie_changes`` between the first two years) and reports seconds and rows
per query. The baseline, in the same process, is ``organisations_by_group``
(one index scan); the ratio says how much more work a query is than that.
Each query has a server-side timeout (``--timeout``); a query that hits it
is reported as such. Usage::

    NEO4J_URI=bolt://127.0.0.1:7687 python benchmarks/bench_queries.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generate import generate, write  # noqa: E402

from graphtool.errors import QueryError  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.store.neo4j import Neo4jStore  # noqa: E402
from graphtool.store.queries import list_queries, run_named  # noqa: E402


def extra_parameters(dataset) -> dict[str, dict]:
    busiest = dataset.participations["organisation_id"].value_counts().index[0]
    years = sorted(int(y) for y in dataset.joint_actions["start_year"].dropna().unique())
    return {
        "partners_within": {"organisation": busiest},
        "tie_changes": {"fromYear": years[0], "toYear": years[min(1, len(years) - 1)]},
    }


def bench(store: Neo4jStore, n: int, timeout: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        dataset = read_dataset(write(generate(n, seed=0), Path(tmp) / f"synthetic-{n}"))
    name = f"bench-queries-{uuid.uuid4().hex[:8]}"
    start = time.perf_counter()
    store.load(dataset, name=name)
    print(f"\n{n} organisations: loaded in {time.perf_counter() - start:.1f} s")
    extra = extra_parameters(dataset)
    try:
        timings = {}
        for query in list_queries():
            start = time.perf_counter()
            try:
                result = run_named(
                    store,
                    query,
                    {"dataset": name, **extra.get(query, {})},
                    timeout=timeout,
                    limit=None,
                )
                rows: int | str = len(result.rows)
            except QueryError as exc:
                rows = f"stopped: {exc.message[:40]}"
            timings[query] = (time.perf_counter() - start, rows)
        base = timings["organisations_by_group"][0]
        print(f"{'query':32} {'seconds':>8} {'ratio':>8}  rows")
        for query, (seconds, rows) in timings.items():
            print(f"{query:32} {seconds:8.3f} {seconds / base:8.1f}  {rows}")
    finally:
        store.drop(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    with Neo4jStore(uri, password=os.environ.get("NEO4J_PASSWORD")) as store:
        for n in args.sizes:
            bench(store, n, args.timeout)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
