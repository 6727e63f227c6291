"""Benchmark: territorial drive (vectorised) against a straightforward networkx implementation.

Both compute the same measures (the six components, the score, the flag and
the Gould–Fernandez brokerage counts on the collaboration graph) from the
same dataset read with ``read_dataset``. Each run happens in its own
subprocess so its peak memory (``ru_maxrss``) is its own. The networkx
version loops over organisations in Python; it is run on a smaller dataset
too, where both are timed and their results compared value by value.

    python benchmarks/bench_territorial_drive.py                      # 100,000 and 10,000
    python benchmarks/bench_territorial_drive.py -n 20000 --baseline-organisations 5000

Figures are printed as a table: seconds to read the dataset, for the
analysis and for writing its rows as JSON (each apart), peak resident memory
of the whole run, and the ratio of the analysis times.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


# ------------------------------------------------------------------ straightforward networkx


def networkx_territorial_drive(dataset, *, group_by="sector", config=None):
    """The same measures with networkx graphs and Python loops (the baseline)."""
    import networkx as nx
    from networkx.algorithms import bipartite

    from graphtool.analyses.territorial_drive import check_config

    settings = check_config(config)
    weights = settings["weights"]
    orgs = dataset.organisations
    org_ids = list(orgs["id"])
    groups = dict(zip(orgs["id"], orgs[group_by].astype(str), strict=True))
    residents = set(orgs.loc[orgs["sector"] == "residents", "id"])
    n_groups = len(set(groups.values()))

    incidence = nx.Graph()
    incidence.add_nodes_from(("o", i) for i in org_ids)
    incidence.add_nodes_from(("a", a) for a in dataset.joint_actions["id"])
    incidence.add_edges_from(
        (("o", o), ("a", a))
        for o, a in zip(
            dataset.participations["organisation_id"],
            dataset.participations["action_id"],
            strict=True,
        )
    )
    projected = bipartite.weighted_projected_graph(incidence, [("o", i) for i in org_ids])
    collab = nx.relabel_nodes(projected, {("o", i): i for i in org_ids})
    money = nx.DiGraph()
    for f, r, amount in zip(
        dataset.funding["funder_id"],
        dataset.funding["recipient_id"],
        dataset.funding["amount"],
        strict=True,
    ):
        old = money.get_edge_data(f, r, {"amount": 0.0})["amount"]
        money.add_edge(f, r, amount=old + amount)
    burt = nx.constraint(collab, weight="weight")

    rows = []
    for org in org_ids:
        actions = list(incidence[("o", org)])
        n_actions = len(actions)
        row = {"id": org, "actions": n_actions}
        row.update(
            dict.fromkeys(
                (
                    "solo_share",
                    "ei_index",
                    "partner_diversity",
                    "resident_reach",
                    "funding_in_group_share",
                    "constraint",
                )
            )
        )
        nbrs = collab[org]
        strength = sum(d["weight"] for d in nbrs.values())
        internal = sum(d["weight"] for p, d in nbrs.items() if groups[p] == groups[org])
        if n_actions:
            row["solo_share"] = sum(1 for a in actions if incidence.degree(a) == 1) / n_actions
        if strength:
            row["ei_index"] = (strength - 2 * internal) / strength
            if n_groups > 1:
                by_group = {}
                for p, d in nbrs.items():
                    by_group[groups[p]] = by_group.get(groups[p], 0) + d["weight"]
                blau = 1 - sum((w / strength) ** 2 for w in by_group.values())
                row["partner_diversity"] = blau / ((n_groups - 1) / n_groups)
            row["constraint"] = burt[org]
        if n_actions and org not in residents:
            reached = sum(
                1 for a in actions if any(p[1] in residents for p in incidence[a] if p[1] != org)
            )
            row["resident_reach"] = reached / n_actions
        if n_actions and org in money:
            flows = [(r, d["amount"]) for _, r, d in money.out_edges(org, data=True)]
            flows += [(f, d["amount"]) for f, _, d in money.in_edges(org, data=True)]
            total = sum(a for _, a in flows)
            if total:
                row["funding_in_group_share"] = (
                    sum(a for p, a in flows if groups[p] == groups[org]) / total
                )
        turned = {
            "solo_share": row["solo_share"],
            "ei_index": None if row["ei_index"] is None else (1 - row["ei_index"]) / 2,
            "partner_diversity": None
            if row["partner_diversity"] is None
            else 1 - row["partner_diversity"],
            "resident_reach": None if row["resident_reach"] is None else 1 - row["resident_reach"],
            "funding_in_group_share": row["funding_in_group_share"],
            "constraint": None if row["constraint"] is None else min(row["constraint"], 1.0),
        }
        used = [(weights[k], v) for k, v in turned.items() if v is not None and weights[k] > 0]
        total_weight = sum(w for w, _ in used)
        row["score"] = sum(w * v for w, v in used) / total_weight if n_actions else None
        row["flagged"] = bool(
            n_actions >= settings["min_actions"]
            and row["score"] is not None
            and row["score"] >= settings["threshold"] - 1e-12
        )
        # brokerage: every ordered pair of partners that are not tied, each tie both ways
        roles = dict.fromkeys(
            ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0
        )
        gv = groups[org]
        partners = list(nbrs)
        for a in partners:
            for b in partners:
                if a == b or collab.has_edge(a, b):
                    continue
                ga, gb = groups[a], groups[b]
                if ga == gv == gb:
                    roles["coordinator"] += 1
                elif ga == gb:
                    roles["itinerant"] += 1
                elif ga == gv:
                    roles["representative"] += 1
                elif gb == gv:
                    roles["gatekeeper"] += 1
                else:
                    roles["liaison"] += 1
        row["brokerage"] = roles
        rows.append(row)
    return rows


# ------------------------------------------------------------------------------- one run


def run_child(engine: str, folder: str, output: str | None) -> None:
    """Run one engine on one dataset and print its figures as JSON (in a subprocess)."""
    from graphtool.ingest import read_dataset
    from graphtool.present.tables import to_json

    start = time.perf_counter()
    dataset = read_dataset(folder)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    if engine == "graphtool":
        from graphtool.analyses.territorial_drive import territorial_drive

        rows = territorial_drive(dataset)
    else:
        rows = networkx_territorial_drive(dataset)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    text = to_json(rows)  # what --format json prints, timed apart
    json_seconds = time.perf_counter() - start
    if output:
        Path(output).write_text(text, encoding="utf-8")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(
        json.dumps(
            {
                "read_seconds": read_seconds,
                "seconds": seconds,
                "json_seconds": json_seconds,
                "peak_mb": peak_mb,
            }
        )
    )


def measure(engine: str, folder: Path, output: Path | None = None) -> dict:
    command = [sys.executable, __file__, "--child", engine, str(folder)]
    if output is not None:
        command += ["--output", str(output)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def compare(ours: Path, theirs: Path) -> int:
    """Number of values on which the two engines disagree (beyond 1e-9)."""
    mine = {r["id"]: r for r in json.loads(ours.read_text())}
    base = {r["id"]: r for r in json.loads(theirs.read_text())}
    differences = 0
    for org, row in base.items():
        for key, value in row.items():
            got = mine[org][key]
            if isinstance(value, float) or isinstance(got, float):
                same = (value is None and got is None) or (
                    value is not None and got is not None and math.isclose(got, value, abs_tol=1e-9)
                )
            else:
                same = got == value
            differences += not same
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--organisations", type=int, default=100_000)
    parser.add_argument(
        "--baseline-organisations",
        type=int,
        default=10_000,
        help="size on which networkx runs too (it is slow at full size)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "DATASET"), help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child(args.child[0], args.child[1], args.output)
        return 0

    from generate import generate, write

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        small = write(generate(args.baseline_organisations, args.seed), tmp_path / "small")
        ours_small = measure("graphtool", small, tmp_path / "ours.json")
        theirs_small = measure("networkx", small, tmp_path / "theirs.json")
        differences = compare(tmp_path / "ours.json", tmp_path / "theirs.json")
        large = write(generate(args.organisations, args.seed), tmp_path / "large")
        ours_large = measure("graphtool", large)

    print(f"territorial drive, generated datasets (seed {args.seed})")
    print(
        f"{'organisations':>13}  {'engine':<9}  {'read s':>7}  {'analysis s':>10}  "
        f"{'JSON s':>7}  {'peak MB':>8}"
    )
    for n, engine, figures in (
        (args.baseline_organisations, "graphtool", ours_small),
        (args.baseline_organisations, "networkx", theirs_small),
        (args.organisations, "graphtool", ours_large),
    ):
        print(
            f"{n:>13,}  {engine:<9}  {figures['read_seconds']:>7.2f}  "
            f"{figures['seconds']:>10.2f}  {figures['json_seconds']:>7.2f}  "
            f"{figures['peak_mb']:>8.0f}"
        )
    ratio = theirs_small["seconds"] / ours_small["seconds"]
    print(
        f"networkx / graphtool analysis time at {args.baseline_organisations:,}: {ratio:.1f}x; "
        f"peak memory {theirs_small['peak_mb'] / ours_small['peak_mb']:.1f}x"
    )
    print(f"values that differ between the two at {args.baseline_organisations:,}: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
