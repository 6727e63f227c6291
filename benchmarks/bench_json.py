"""JSON output at speed: graphtool's writer against an indented ``json.dumps``, same process.

Rows shaped like ``territorial-drive --all --format json`` (ids, names, scores,
flags and reason records); both writers get the same rows, and the result is
checked to parse to the same value. CPU seconds, best of ``--repeat``.

Usage::

    python benchmarks/bench_json.py --rows 100000
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from graphtool.present.tables import clean, to_json


def rows(n: int, seed: int = 0) -> list[dict]:
    rng = np.random.default_rng(seed)
    scores = rng.random(n)
    return [
        {
            "id": f"o{i}",
            "name": f"Organisation {i}",
            "group": "residents",
            "actions": int(i % 17),
            "score": float(scores[i]),
            "flagged": bool(scores[i] > 0.9),
            "ei_index": float("nan") if i % 50 == 0 else -0.25,
            "reasons": [
                {
                    "code": "solo_actions",
                    "numbers": {"solo": 3, "actions": 5},
                    "ids": ["a1", "a2", "a3"],
                    "text": "3 of its 5 joint actions have no partner",
                }
            ],
        }
        for i in range(n)
    ]


def best(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.rows)
    assert json.loads(to_json(data)) == clean(data)
    ours = best(lambda: to_json(data), args.repeat)
    indented = best(lambda: json.dumps(clean(data), indent=2, ensure_ascii=False), args.repeat)
    print(
        json.dumps(
            {
                "rows": args.rows,
                "graphtool_cpu_s": round(ours, 3),
                "json_indent2_cpu_s": round(indented, 3),
                "ratio": round(indented / ours, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
