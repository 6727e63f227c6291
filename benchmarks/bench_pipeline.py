"""The whole pipeline at 1,000 to 1,000,000 organisations: seconds and peak memory per step.

Steps, on datasets from ``benchmarks/generate.py`` (generating is not timed):

- ``read``: graphtool's ``read_dataset`` (read and validate every table);
  baseline: the same validator on the csv module's row-by-row reader;
- ``build``: ``build_collaboration_graph`` + ``build_funding_graph``; baseline:
  ``nx.bipartite.weighted_projected_graph`` and an ``nx.DiGraph`` of summed amounts;
- ``territorial_drive``: ``territorial_drive``; baseline: every component, the
  score and the brokerage pairs node by node with networkx (``nx.constraint``);
- ``missing_links``: ``missing_links`` (top 20 with every component: shared
  partners, neighbourhoods, themes, groups, communities); baseline:
  ``nx.adamic_adar_index`` on every untied two-hop pair, top 20;
- ``overview`` and ``scan`` (reusing the territorial drive rows): graphtool only.

Each size runs in a fresh subprocess per engine, so the peak resident size
(``getrusage(RUSAGE_SELF).ru_maxrss``) belongs to that size alone; it is read
after each step, so a step's figure is the peak of the process up to and
including it. Wall and CPU seconds are both reported: on a shared machine the
CPU seconds say more about the code, the wall seconds about the wait; the
ratio is of CPU seconds. networkx runs only up to ``--nx-max`` organisations
and within ``--nx-budget`` seconds per size; steps it did not finish show as
``>budget``.

Usage::

    python benchmarks/bench_pipeline.py                       # 1k, 10k, 100k, 1M
    python benchmarks/bench_pipeline.py --sizes 1000,10000 --nx-max 10000
    python benchmarks/bench_pipeline.py --sizes 100000 --json /tmp/bench.json
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

GRAPHTOOL_STEPS = ("read", "build", "territorial_drive", "missing_links", "overview", "scan")
NETWORKX_STEPS = ("read", "build", "territorial_drive", "missing_links")
TIMED = ("read", "build", "territorial_drive", "missing_links")  # the targets' total


def peak_mib() -> float:
    """The process's peak resident size so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(step: str, seconds: float, cpu: float) -> None:
    record = {"step": step, "seconds": seconds, "cpu_seconds": cpu, "peak_mib": peak_mib()}
    print(json.dumps(record), flush=True)


def timed(step: str, work: Callable[[], Any]) -> Any:
    """Run one step; report its wall and CPU seconds and the peak resident size so far."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    report(step, time.perf_counter() - start, time.process_time() - cpu)
    return result


# ----------------------------------------------------------------------------- graphtool


def run_graphtool(folder: Path) -> None:
    from graphtool.analyses.missing_links import missing_links
    from graphtool.analyses.overview import overview
    from graphtool.analyses.scan import scan
    from graphtool.analyses.territorial_drive import territorial_drive
    from graphtool.graphs import build_collaboration_graph, build_funding_graph
    from graphtool.ingest import read_dataset

    dataset = timed("read", lambda: read_dataset(folder))
    timed("build", lambda: (build_collaboration_graph(dataset), build_funding_graph(dataset)))
    rows = timed("territorial_drive", lambda: territorial_drive(dataset))
    timed("missing_links", lambda: missing_links(dataset, top=20))
    timed("overview", lambda: overview(dataset))
    timed("scan", lambda: scan(dataset, territorial=rows))


# ------------------------------------------------------------------ straightforward networkx


def read_with_csv_module(folder: Path):
    """The validator on the exact reader alone: Python's csv module, every cell stripped."""
    from graphtool.ingest import read as read_module

    read_module._read_records = read_module._read_records_exactly
    read_module._needs_strip = lambda text: True
    return read_module.read_dataset(folder)


def networkx_graphs(dataset):
    import networkx as nx

    orgs = list(dataset.organisations["id"])
    incidence = nx.Graph()
    incidence.add_nodes_from(("o", i) for i in orgs)
    incidence.add_nodes_from(("a", a) for a in dataset.joint_actions["id"])
    parts = dataset.participations
    incidence.add_edges_from(
        (("o", o), ("a", a))
        for o, a in zip(parts["organisation_id"], parts["action_id"], strict=True)
    )
    projected = nx.bipartite.weighted_projected_graph(incidence, [("o", i) for i in orgs])
    collab = nx.relabel_nodes(projected, {("o", i): i for i in orgs})
    money = nx.DiGraph()
    money.add_nodes_from(orgs)
    flows = dataset.funding
    for f, r, amount in zip(
        flows["funder_id"], flows["recipient_id"], flows["amount"], strict=True
    ):
        old = money.get_edge_data(f, r, {"amount": 0.0})["amount"]
        money.add_edge(f, r, amount=old + amount)
    return incidence, collab, money


def networkx_territorial_drive(dataset, incidence, collab, money) -> list[dict]:
    """The territorial drive components, score and brokerage roles node by node."""
    import networkx as nx

    from graphtool.analyses.territorial_drive import check_config

    weights = check_config(None)["weights"]
    orgs = dataset.organisations
    groups = dict(zip(orgs["id"], orgs["sector"], strict=True))
    residents = set(orgs.loc[orgs["sector"] == "residents", "id"])
    n_groups = len(set(groups.values()))
    burt = nx.constraint(collab, weight="weight")
    rows = []
    for org in orgs["id"]:
        actions = list(incidence[("o", org)])
        row: dict[str, Any] = {"id": org, "actions": len(actions)}
        nbrs = collab[org]
        strength = sum(d["weight"] for d in nbrs.values())
        parts: dict[str, float] = {}
        if actions:
            parts["solo_share"] = sum(incidence.degree(a) == 1 for a in actions) / len(actions)
            if org not in residents:
                reached = sum(
                    any(p[1] in residents for p in incidence[a] if p[1] != org) for a in actions
                )
                parts["resident_reach"] = 1 - reached / len(actions)
            flows = [(r, d["amount"]) for _, r, d in money.out_edges(org, data=True)]
            flows += [(f, d["amount"]) for f, _, d in money.in_edges(org, data=True)]
            total = sum(a for _, a in flows)
            if total:
                inside = sum(a for p, a in flows if groups[p] == groups[org])
                parts["funding_in_group_share"] = inside / total
        if strength:
            internal = sum(d["weight"] for p, d in nbrs.items() if groups[p] == groups[org])
            parts["ei_index"] = (1 - (strength - 2 * internal) / strength) / 2
            if n_groups > 1:
                by_group: dict[str, float] = {}
                for p, d in nbrs.items():
                    by_group[groups[p]] = by_group.get(groups[p], 0) + d["weight"]
                blau = 1 - sum((w / strength) ** 2 for w in by_group.values())
                parts["partner_diversity"] = 1 - blau / ((n_groups - 1) / n_groups)
            parts["constraint"] = min(burt[org], 1.0)
        used = [(weights[k], v) for k, v in parts.items() if weights.get(k, 0) > 0]
        total_weight = sum(w for w, _ in used)
        row["score"] = sum(w * v for w, v in used) / total_weight if actions and used else None
        roles = 0
        partners = list(nbrs)
        for a in partners:
            for b in partners:
                if a != b and not collab.has_edge(a, b):
                    roles += 1
        row["brokerage"] = roles
        rows.append(row)
    return rows


def networkx_missing_links(collab, top: int = 20) -> list[tuple]:
    """Adamic–Adar on every untied pair within two hops, the ``top`` best."""
    import heapq

    import networkx as nx

    pairs = []
    for u in collab:
        for w in collab[u]:
            for v in collab[w]:
                if u < v and not collab.has_edge(u, v):
                    pairs.append((u, v))
    pairs = list(set(pairs))
    return heapq.nlargest(top, nx.adamic_adar_index(collab, pairs), key=lambda t: t[2])


def run_networkx(folder: Path) -> None:
    import networkx  # noqa: F401  (imported before timing, as graphtool's modules are)

    import graphtool.ingest  # noqa: F401

    dataset = timed("read", lambda: read_with_csv_module(folder))
    incidence, collab, money = timed("build", lambda: networkx_graphs(dataset))
    timed(
        "territorial_drive",
        lambda: networkx_territorial_drive(dataset, incidence, collab, money),
    )
    timed("missing_links", lambda: networkx_missing_links(collab))


# ---------------------------------------------------------------------------------- driver


def dataset_folder(size: int, seed: int, workdir: Path) -> Path:
    folder = workdir / f"organisations-{size}-seed-{seed}"
    if not (folder / "organisations.csv").exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "-n",
                str(size),
                "--seed",
                str(seed),
                "-o",
                str(folder),
            ],
            check=True,
        )
    return folder


def run_child(engine: str, folder: Path, timeout: float) -> tuple[dict[str, dict], str]:
    """Run one engine on one dataset in a fresh process; its steps, and how it ended."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [sys.executable, __file__, "--child", engine, str(folder)]
    steps: dict[str, dict] = {}
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(command, stdout=out, env=env, cwd=ROOT)
        try:
            code = process.wait(timeout=timeout)
            ending = "ok" if code == 0 else f"exit {code}"
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            ending = "timeout"
        out.seek(0)
        for line in out:
            if line.startswith("{"):
                record = json.loads(line)
                steps[record["step"]] = record
    return steps, ending


def cells(record: dict | None, ending: str) -> list[str]:
    """Wall seconds, CPU seconds and peak MiB of one step, or why there are none."""
    if record is None:
        why = {"timeout": ">budget", "skipped": "-", "ok": ""}.get(ending, ending)
        return [why, "", ""]
    return [
        f"{record['seconds']:.2f}",
        f"{record.get('cpu_seconds', 0.0):.2f}",
        f"{record['peak_mib']:,.0f}",
    ]


def table(results: list[dict]) -> str:
    """The Markdown table: organisations x step -> seconds, peak memory and the ratio."""
    lines = [
        "| organisations | step | graphtool s | CPU s | peak MiB "
        "| networkx s | CPU s | peak MiB | networkx / graphtool (CPU) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        ours, theirs = result["graphtool"], result["networkx"]
        for step in [*GRAPHTOOL_STEPS, "total"]:
            mine = ours["steps"].get(step)
            compared = step in (*NETWORKX_STEPS, "total")
            other = theirs["steps"].get(step) if compared else None
            ratio = ""
            if mine and other and mine.get("cpu_seconds"):
                ratio = f"{other['cpu_seconds'] / mine['cpu_seconds']:.1f}x"
            row = [
                f"{result['organisations']:,}",
                step,
                *cells(mine, ours["ending"]),
                *(cells(other, theirs["ending"]) if compared else ["", "", ""]),
                ratio,
            ]
            lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def with_total(steps: dict[str, dict]) -> dict[str, dict]:
    """Add the targets' total (read + build + territorial drive + missing links) when complete."""
    if all(step in steps for step in TIMED):
        steps["total"] = {
            "step": "total",
            "seconds": sum(steps[s]["seconds"] for s in TIMED),
            "cpu_seconds": sum(steps[s].get("cpu_seconds", 0.0) for s in TIMED),
            "peak_mib": max(steps[s]["peak_mib"] for s in TIMED),
        }
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000,1000000",
        help="comma-separated numbers of organisations",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nx-max", type=int, default=100_000, help="largest size networkx runs at")
    parser.add_argument(
        "--nx-budget", type=float, default=600, help="seconds networkx may take per size"
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds graphtool may take per size"
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "graphtool-bench"
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "DATASET"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        engine, folder = args.child
        (run_graphtool if engine == "graphtool" else run_networkx)(Path(folder))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    load = os.getloadavg()
    print(
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores",
        file=sys.stderr,
    )
    results = []
    for size in sizes:
        folder = dataset_folder(size, args.seed, args.workdir)
        result: dict[str, Any] = {"organisations": size}
        for engine in ("graphtool", "networkx"):
            if engine == "networkx" and size > args.nx_max:
                steps, ending = {}, "skipped"
            else:
                budget = args.timeout if engine == "graphtool" else args.nx_budget
                print(f"{size:,} organisations: {engine} ...", file=sys.stderr, flush=True)
                steps, ending = run_child(engine, folder, budget)
            result[engine] = {"steps": with_total(steps), "ending": ending}
            for record in steps.values():
                print(
                    f"  {record['step']:<18} {record['seconds']:8.2f} s "
                    f"(CPU {record.get('cpu_seconds', 0):8.2f} s) {record['peak_mib']:8,.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
        results.append(result)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps({"load": load, "results": results}, indent=1))
    return 0 if all(r["graphtool"]["ending"] == "ok" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
