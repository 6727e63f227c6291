"""Load throughput into Neo4j: batched ``UNWIND $rows`` against one statement per row.

For generated datasets (``benchmarks/generate.py``) of the given sizes it measures,
against the server at ``NEO4J_URI`` (default ``bolt://127.0.0.1:7687``):

* **batched**: :meth:`Neo4jStore.load` as the ``load`` command runs it, twice
  under one name (the second load replaces the first, so it includes the
  switch of a whole version and the deletion of the old one);
* **switch**: the one transaction that makes the new version current (it
  renames the ``dataset`` property of both versions' nodes);
* **naive**: the same graph written with one auto-commit statement per row
  (``CREATE`` a node, ``MATCH``/``MATCH``/``CREATE`` a relationship), the way a
  first attempt does it. It is run on a sample of rows and extrapolated to the
  whole dataset (said so in the output), because at its speed the full run
  would take hours.

Throughput is relationships written per second over the whole load (nodes
included in the time). Usage::

    NEO4J_URI=bolt://127.0.0.1:7687 python benchmarks/bench_neo4j_load.py --sizes 10000 100000
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

from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.progress import Progress  # noqa: E402
from graphtool.store.neo4j import Neo4jStore  # noqa: E402


class Timer(Progress):
    """Records when each step begins, to time the switch inside a load."""

    def __init__(self) -> None:
        self.last_batch = 0.0
        self.switched = 0.0

    def advance(self, label: str, done: int, total: int) -> None:
        self.last_batch = time.perf_counter()

    def step(self, label: str) -> None:
        if label.startswith("removing the previous version"):
            self.switched = time.perf_counter()


def naive_load(store: Neo4jStore, dataset, key: str, sample: int) -> tuple[float, int, int]:
    """Seconds per node and per relationship, one statement each, and the rows run."""
    # the first `sample` flows and the organisations at their ends, so every sampled
    # relationship finds both of its nodes
    flows = dataset.funding.head(sample)
    ends = set(flows["funder_id"]) | set(flows["recipient_id"])
    orgs = dataset.organisations[dataset.organisations["id"].isin(ends)]
    assert store._driver is not None
    with store._driver.session(database=store.database) as session:
        start = time.perf_counter()
        for row in orgs.to_dict("records"):
            session.run(
                "CREATE (n:Organisation) SET n = $p, n.dataset = $key", p=row, key=key
            ).consume()
        node_seconds = time.perf_counter() - start
        rels = flows.to_dict("records")
        start = time.perf_counter()
        for row in rels:
            session.run(
                "MATCH (s:Organisation {dataset: $key, id: $s}) "
                "MATCH (t:Organisation {dataset: $key, id: $t}) "
                "CREATE (s)-[:FUNDS {amount: $amount, year: $year}]->(t)",
                key=key,
                s=row["funder_id"],
                t=row["recipient_id"],
                amount=row["amount"],
                year=int(row["year"]),
            ).consume()
        rel_seconds = time.perf_counter() - start
        session.run("MATCH (n:Organisation {dataset: $key}) DETACH DELETE n", key=key).consume()
    return node_seconds / len(orgs), rel_seconds / len(rels), len(orgs) + len(rels)


def bench(size: int, uri: str, sample: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        dataset = read_dataset(write(generate(size, seed=0), Path(tmp) / f"gen{size}"))
    name = f"bench-{size}-{uuid.uuid4().hex[:6]}"
    counts = dataset.counts()
    hoods = dataset.organisation_neighbourhoods().drop_duplicates()
    in_rels = int((dataset.joint_actions["neighbourhood"] != "").sum())
    relationships = counts["participations"] + counts["funding"] + len(hoods) + in_rels
    nodes = counts["organisations"] + counts["joint_actions"] + counts["neighbourhoods"]
    with Neo4jStore(uri, password=os.environ.get("NEO4J_PASSWORD")) as store:
        store.ensure_schema()
        first = store.load(dataset, name=name)
        timer = Timer()
        second = store.load(dataset, name=name, progress=timer)
        switch = timer.switched - timer.last_batch
        per_node, per_rel, sampled = naive_load(store, dataset, "\x00bench:" + name, sample)
        store.drop(name)
    naive_seconds = per_node * nodes + per_rel * relationships
    return {
        "organisations": size,
        "nodes": nodes,
        "relationships": relationships,
        "first_load_s": first["seconds"],
        "replace_load_s": second["seconds"],
        "switch_s": switch,
        "batched_rels_per_s": relationships / second["seconds"],
        "naive_rows_sampled": sampled,
        "naive_s_extrapolated": naive_seconds,
        "naive_rels_per_s": relationships / naive_seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sample", type=int, default=2000, help="rows run naively per kind")
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    args = parser.parse_args(argv)
    for size in args.sizes:
        r = bench(size, args.uri, args.sample)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{size:>7,} organisations: {r['nodes']:,} nodes, "
            f"{r['relationships']:,} relationships\n"
            f"  batched load:  first {r['first_load_s']:.1f} s, "
            f"replacing {r['replace_load_s']:.1f} s "
            f"(switch {r['switch_s']:.2f} s) = {r['batched_rels_per_s']:,.0f} rel/s replacing, "
            f"{r['relationships'] / r['first_load_s']:,.0f} rel/s first\n"
            f"  naive load:    {r['naive_s_extrapolated']:.0f} s extrapolated from "
            f"{r['naive_rows_sampled']:,} rows run one statement each "
            f"= {r['naive_rels_per_s']:,.0f} rel/s\n"
            f"  ratio:         batched is {r['batched_rels_per_s'] / r['naive_rels_per_s']:.0f}x "
            f"faster; peak RSS of this process {peak:,.0f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
