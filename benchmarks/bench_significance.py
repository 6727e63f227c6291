"""Benchmark: territorial drive with its significance test (999 reshuffles) and without.

Both runs read the same generated dataset (``benchmarks/generate.py``) and
run :func:`graphtool.analyses.territorial_drive.territorial_drive` with the
default configuration, once as it is (999 reshuffles of the group labels,
p-values, q-values, flag stability) and once with ``permutations = 0``. Each
run happens in its own subprocess so its peak memory (``ru_maxrss``) is its
own; the runs alternate (``--repeat``) so machine noise hits both alike.

    python benchmarks/bench_significance.py                 # 100,000 organisations
    python benchmarks/bench_significance.py -n 20000 --repeat 3

Printed: seconds to read, seconds for the analysis, peak memory, the number
flagged, and the ratio of the analysis times (with / without).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def run_child(folder: str, permutations: int) -> None:
    from graphtool.analyses.territorial_drive import territorial_drive
    from graphtool.ingest import read_dataset

    start = time.perf_counter()
    dataset = read_dataset(folder)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    rows = territorial_drive(dataset, config={"significance": {"permutations": permutations}})
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "read_seconds": read_seconds,
                "seconds": seconds,
                "cpu_seconds": cpu.ru_utime + cpu.ru_stime,
                "peak_mb": peak_mb,
                "flagged": sum(r["flagged"] for r in rows),
                "significant_ei": sum(1 for r in rows if (r["ei_p_value"] or 1) < 0.05),
            }
        )
    )


def measure(folder: Path, permutations: int) -> dict:
    command = [sys.executable, __file__, "--child", str(folder), str(permutations)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--organisations", type=int, default=100_000)
    parser.add_argument("--permutations", type=int, default=999)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dataset", help="an existing dataset folder instead of a generated one")
    parser.add_argument(
        "--child", nargs=2, metavar=("DATASET", "PERMUTATIONS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        run_child(args.child[0], int(args.child[1]))
        return 0

    from generate import generate, write

    with tempfile.TemporaryDirectory() as tmp:
        folder = (
            Path(args.dataset)
            if args.dataset
            else write(generate(args.organisations, args.seed), Path(tmp) / "data")
        )
        runs: dict[int, list[dict]] = {0: [], args.permutations: []}
        for _ in range(args.repeat):
            for permutations in (args.permutations, 0):
                runs[permutations].append(measure(folder, permutations))

    print(f"territorial drive, {args.organisations:,} generated organisations (seed {args.seed})")
    print(
        f"{'reshuffles':>10}  {'read s':>7}  {'analysis s':>10}  {'cpu s':>7}  "
        f"{'peak MB':>8}  {'flagged':>7}  {'E-I p<0.05':>10}"
    )
    best = {}
    for permutations, figures in runs.items():
        fastest = min(figures, key=lambda f: f["seconds"])
        best[permutations] = fastest
        print(
            f"{permutations:>10}  {fastest['read_seconds']:>7.2f}  {fastest['seconds']:>10.2f}  "
            f"{fastest['cpu_seconds']:>7.2f}  {fastest['peak_mb']:>8.0f}  "
            f"{fastest['flagged']:>7}  {fastest['significant_ei']:>10}"
        )
    ratio = best[args.permutations]["seconds"] / best[0]["seconds"]
    print(f"with / without reshuffles, analysis time: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
