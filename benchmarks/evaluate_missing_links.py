"""Measure the missing-link score against the baselines with ``--split-year``.

Two datasets: ``sample_data/lindenwaard`` and the real EU project data
``../shared/real-data/cordis-h2020-swafs.csv`` (H2020 "Science with and for
Society"), converted by the ``cordis`` importer (projects -> joint actions,
PIC -> organisations, the EC as funder). The default weights were tuned on
the earlier split years (:data:`TUNING`, see ``tune_missing_links.py``); this
script reports the later ones (:data:`REPORTED`) and, with ``--all``, both.

Usage::

    python benchmarks/evaluate_missing_links.py [--format md] [--all]

Every split is scored at K = 10, 20, 50 and 100 (:data:`KS`), so that one
hit more or less at a single cut does not decide.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphtool.analyses.evaluation import evaluate_links  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.ingest.importers import import_source, write_dataset  # noqa: E402
from graphtool.model import Dataset  # noqa: E402
from graphtool.present.tables import render  # noqa: E402

CORDIS = ROOT.parent / "shared" / "real-data" / "cordis-h2020-swafs.csv"
LINDENWAARD = ROOT / "sample_data" / "lindenwaard"
#: dataset -> split years used to tune the default weights, and the later ones reported.
TUNING = {"lindenwaard": (2015, 2016), "cordis": (2017, 2018)}
REPORTED = {"lindenwaard": (2017, 2018), "cordis": (2019, 2020)}
KS = (10, 20, 50, 100)
COLUMNS = ["method", "k", "hits", "precision_at_k", "recall_at_k", "auc", "positives", "pairs"]


def cordis_dataset(csv: Path = CORDIS) -> Dataset:
    """The CORDIS file through the ``cordis`` importer, written and read back (validated)."""
    result = import_source("cordis", [csv])
    with tempfile.TemporaryDirectory() as folder:
        return write_dataset(result, Path(folder) / "cordis")


def datasets() -> dict[str, Dataset]:
    return {"lindenwaard": read_dataset(LINDENWAARD), "cordis": cordis_dataset()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", default="md", choices=["md", "table", "csv", "json"])
    parser.add_argument("--all", action="store_true", help="also the tuning split years")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    for name, dataset in datasets().items():
        print(dataset.summary(), file=sys.stderr)
        years = (*TUNING[name], *REPORTED[name]) if args.all else REPORTED[name]
        for year in years:
            rows = []
            for k in KS:
                for row in evaluate_links(dataset, split_year=year, top=k, seed=args.seed):
                    rows.append({**row, "hits": round(row["precision_at_k"] * k)})
            role = "tuning" if year in TUNING[name] else "reported"
            title = f"{name}, split year {year} ({role})"
            print(render(rows, args.format, COLUMNS, title=title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
