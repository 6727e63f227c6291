"""Measure the missing-link score on real EU project data (CORDIS, H2020 SWAFS) and on sample data.

Converts ``../shared/real-data/cordis-h2020-swafs.csv`` into the dataset format
(projects -> joint actions, ``pic`` -> organisations, activity type -> type,
the country -> the organisation's ``neighbourhoods`` as its place of activity,
the EC as one funder whose contributions are flows in the project's start
year), then runs ``evaluate_links`` with ``--split-year`` for every method.

Usage::

    python benchmarks/evaluate_cordis.py [--csv PATH] [--split-year 2020] [--top 50]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphtool.analyses.evaluation import evaluate_links  # noqa: E402
from graphtool.ingest import read_dataset  # noqa: E402
from graphtool.model import Dataset  # noqa: E402
from graphtool.present.tables import render  # noqa: E402

CORDIS = ROOT.parent / "shared" / "real-data" / "cordis-h2020-swafs.csv"
#: EC activity types -> organisation types of the dataset format.
ACTIVITY_TYPES = {
    "HES": "education",
    "REC": "knowledge_institute",
    "PRC": "business",
    "PUB": "national_government",
    "OTH": "other",
}
ROLES = {"coordinator": "lead", "participant": "partner", "partner": "contractor"}
EC = "EC"


def cordis_tables(csv: Path) -> dict[str, pd.DataFrame]:
    """The dataset tables of a CORDIS participation file."""
    rows = pd.read_csv(csv, dtype=str, keep_default_na=False)
    first = rows.drop_duplicates("pic")
    organisations = pd.DataFrame(
        {
            "id": first["pic"],
            "name": "PIC " + first["pic"],
            "type": first["type"].map(ACTIVITY_TYPES).fillna("other"),
            "neighbourhoods": first["country"],
        }
    )
    organisations = pd.concat(
        [
            organisations,
            pd.DataFrame(
                [
                    {
                        "id": EC,
                        "name": "European Commission",
                        "type": "national_government",
                        "neighbourhoods": "",
                    }
                ]
            ),
        ]
    )
    projects = rows.drop_duplicates("rcn")
    joint_actions = pd.DataFrame(
        {
            "id": projects["rcn"],
            "name": "Project " + projects["rcn"],
            "start_year": projects["start_year"],
            "end_year": projects["end_year"],
        }
    )
    participations = pd.DataFrame(
        {
            "action_id": rows["rcn"],
            "organisation_id": rows["pic"],
            "role": rows["role"].map(ROLES).fillna("partner"),
        }
    )
    paid = rows[~rows["contribution"].isin(["", "NA"])]
    funding = pd.DataFrame(
        {
            "funder_id": EC,
            "recipient_id": paid["pic"],
            "amount": paid["contribution"],
            "year": paid["start_year"],
            "action_id": paid["rcn"],
            "programme": "H2020-SWAFS",
        }
    )
    return {
        "organisations": organisations,
        "joint_actions": joint_actions,
        "participations": participations,
        "funding": funding,
    }


def cordis_dataset(csv: Path = CORDIS) -> Dataset:
    """Write the converted tables to a temporary folder and read them back (validated)."""
    with tempfile.TemporaryDirectory() as folder:
        for name, frame in cordis_tables(csv).items():
            frame.to_csv(Path(folder) / f"{name}.csv", index=False)
        return read_dataset(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=CORDIS)
    parser.add_argument("--split-year", type=int, nargs="+", default=[2020])
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--format", default="md")
    args = parser.parse_args(argv)
    dataset = cordis_dataset(args.csv)
    print(dataset.summary(), file=sys.stderr)
    for year in args.split_year:
        rows = evaluate_links(dataset, split_year=year, top=args.top, seed=args.seed)
        print(
            render(
                rows,
                args.format,
                ["method", "precision_at_k", "recall_at_k", "auc", "k", "positives", "pairs"],
                title=f"{args.csv.name}, split year {year}",
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
