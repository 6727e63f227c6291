"""Synthetic stakeholder datasets of any size, in the graphtool dataset format.

The data imitates what real neighbourhood networks look like:

- **communities**: organisations belong to one of ``n / 40`` communities, each tied to
  a neighbourhood; an action draws most participants from its own community and a
  few from anywhere (weak ties between communities);
- **skewed participation**: within a community, organisations are drawn with
  Zipf-like weights, so a few take part in many actions and most in one or two;
  action sizes are geometric (many small actions, some large ones, some solo);
- **funding hubs**: the national government, provinces and municipalities and a
  few large foundations give to many recipients; the amounts are log-normal;
  seven in ten flows of local funders stay in the funder's community, active
  organisations receive more, and a flow for an action is for one the
  recipient takes part in;
- **types** follow a plausible mix (many resident initiatives and businesses,
  few municipalities).

Every array is drawn with numpy in one go, so a million organisations take
seconds.

``--shape real`` draws instead a network shaped like the EU's Horizon 2020
projects as a whole (35,872 organisations, 31,451 projects, 144,726
participations): consortia of log-normal size (mean 4.6 partners, 1% of
projects with 32 or more, the largest near 190 at that size), hub
organisations whose share of all participations follows a Pareto(1.2) law
(at 36,000 organisations, seed 0, the five largest take part in 742–1,282
projects), partners drawn half from the project's own country
and half from anywhere, the activity-type mix of CORDIS (business, research,
higher education, public bodies, other), no neighbourhoods and no residents'
organisations, and one funder (the European Commission) paying every
participant of every project. Usage::

    python benchmarks/generate.py --organisations 100000 -o /tmp/ds100k
    python benchmarks/generate.py --organisations 36000 --shape real -o /tmp/h2020-like
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from graphtool.model import THEMES

TYPE_MIX = {
    "resident_initiative": 0.16,
    "residents_association": 0.06,
    "business": 0.16,
    "social_enterprise": 0.05,
    "foundation": 0.08,
    "welfare": 0.07,
    "care": 0.07,
    "health": 0.05,
    "education": 0.07,
    "housing_association": 0.04,
    "energy_cooperative": 0.04,
    "knowledge_institute": 0.02,
    "police": 0.01,
    "municipality": 0.02,
    "province": 0.005,
    "national_government": 0.005,
    "other": 0.06,
}
ROLES = np.array(["partner", "partner", "partner", "participant", "contractor", "funder"])
FUNDER_TYPES = ("national_government", "province", "municipality", "foundation")
LOCAL_TYPES = {"resident_initiative", "residents_association", "energy_cooperative"}


def generate(n_organisations: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A synthetic dataset of ``n_organisations`` as a dict of tables (DataFrames).

    About 0.6 actions per organisation, 3.5 participants per action on average,
    and 1.5 funding flows per organisation.
    """
    rng = np.random.default_rng(seed)
    n = int(n_organisations)
    n_comm = max(1, n // 40)
    n_hoods = n_comm
    types = np.array(list(TYPE_MIX))
    p = np.array(list(TYPE_MIX.values()))
    org_type = rng.choice(types, size=n, p=p / p.sum())
    community = rng.integers(0, n_comm, size=n)
    # organisations of the national government and provinces work everywhere
    ids = np.char.add("o", np.arange(n).astype(str))
    hood_ids = np.char.add("n", np.arange(n_hoods).astype(str))
    scale = np.where(
        np.isin(org_type, ["national_government", "province", "knowledge_institute"]),
        "national",
        np.where(np.isin(org_type, list(LOCAL_TYPES)), "local", "regional"),
    )
    second_hood = rng.integers(0, n_hoods, size=n)
    has_second = rng.random(n) < 0.2
    hoods = np.where(
        has_second,
        np.char.add(np.char.add(hood_ids[community], ";"), hood_ids[second_hood]),
        hood_ids[community],
    )
    organisations = pd.DataFrame(
        {
            "id": ids,
            "name": np.char.add(np.char.add("Organisation ", np.arange(n).astype(str)), ""),
            "type": org_type,
            "scale": scale,
            "neighbourhoods": hoods,
        }
    )

    # activity propensity: Zipf-like, so participation is skewed
    propensity = rng.pareto(1.5, size=n) + 1.0
    order = np.argsort(community, kind="stable")
    comm_sorted = community[order]
    starts = np.searchsorted(comm_sorted, np.arange(n_comm))
    ends = np.searchsorted(comm_sorted, np.arange(n_comm), side="right")
    cum = np.cumsum(propensity[order])
    cum_before = np.concatenate([[0.0], cum])

    n_actions = max(1, int(0.6 * n))
    action_comm = rng.integers(0, n_comm, size=n_actions)
    sizes = np.minimum(rng.geometric(0.3, size=n_actions), 40)
    total = int(sizes.sum())
    part_action = np.repeat(np.arange(n_actions), sizes)
    part_comm = action_comm[part_action]
    # draw within the community by propensity (inverse CDF on the community's slice)
    lo = cum_before[starts[part_comm]]
    hi = cum_before[ends[part_comm]]
    u = lo + rng.random(total) * (hi - lo)
    pos = np.searchsorted(cum, u, side="right")
    pos = np.clip(pos, starts[part_comm], np.maximum(ends[part_comm] - 1, starts[part_comm]))
    members = order[pos]
    # weak ties: 8% of participants come from anywhere, by global propensity
    outside = rng.random(total) < 0.08
    gcum = np.cumsum(propensity)
    members[outside] = np.searchsorted(gcum, rng.random(outside.sum()) * gcum[-1], side="right")
    members = np.minimum(members, n - 1)
    pairs = pd.DataFrame({"action": part_action, "org": members}).drop_duplicates()

    start_year = rng.integers(2012, 2020, size=n_actions)
    duration = rng.geometric(0.45, size=n_actions) - 1
    open_end = rng.random(n_actions) < 0.05
    action_ids = np.char.add("a", np.arange(n_actions).astype(str))
    joint_actions = pd.DataFrame(
        {
            "id": action_ids,
            "name": np.char.add("Action ", np.arange(n_actions).astype(str)),
            "theme": rng.choice(THEMES, size=n_actions),
            "neighbourhood": hood_ids[action_comm],
            "start_year": start_year.astype(str),
            "end_year": np.where(open_end, "", (start_year + duration).astype(str)),
        }
    )
    first = ~pairs.duplicated("action")
    roles = rng.choice(ROLES, size=len(pairs))
    roles[first.to_numpy()] = "lead"
    participations = pd.DataFrame(
        {
            "action_id": action_ids[pairs["action"].to_numpy()],
            "organisation_id": ids[pairs["org"].to_numpy()],
            "role": roles,
        }
    )

    funders = np.flatnonzero(np.isin(org_type, FUNDER_TYPES))
    if len(funders) == 0:
        funders = np.array([0])
    # hubs: a funder's share of flows is heavy-tailed
    weight = rng.pareto(1.2, size=len(funders)) + 1.0
    n_flows = int(1.5 * n)
    funder = funders[rng.choice(len(funders), size=n_flows, p=weight / weight.sum())]
    # money stays local: municipalities, local foundations and the like mostly fund organisations
    # of their own community (drawn by activity, so active organisations receive more);
    # national government and provinces fund anywhere
    u = rng.random(n_flows)
    local = (rng.random(n_flows) < 0.7) & ~np.isin(
        org_type[funder], ["national_government", "province"]
    )
    home = community[funder]
    lo, hi = cum_before[starts[home]], cum_before[ends[home]]
    pos = np.searchsorted(cum, lo + u * (hi - lo), side="right")
    pos = np.clip(pos, starts[home], np.maximum(ends[home] - 1, starts[home]))
    anywhere = np.searchsorted(gcum, u * gcum[-1], side="right")
    recipient = np.minimum(np.where(local, order[pos], anywhere), n - 1)
    keep = funder != recipient
    funder, recipient = funder[keep], recipient[keep]
    m = len(funder)
    year = rng.integers(2012, 2020, size=m)
    amount = np.round(np.exp(rng.normal(9.5, 1.3, size=m)), 2)
    # a third of the flows are for an action, one the recipient takes part in
    by_org = pairs.sort_values(["org", "action"], kind="stable")
    org_start = np.searchsorted(by_org["org"].to_numpy(), np.arange(n))
    org_count = np.bincount(by_org["org"].to_numpy(), minlength=n)
    with_action = (rng.random(m) < 0.3) & (org_count[recipient] > 0)
    pick = org_start[recipient] + (rng.random(m) * org_count[recipient]).astype(np.int64)
    pick = np.minimum(pick, len(by_org) - 1)
    flow_action = np.where(with_action, action_ids[by_org["action"].to_numpy()[pick]], "")
    funding = pd.DataFrame(
        {
            "funder_id": ids[funder],
            "recipient_id": ids[recipient],
            "amount": amount,
            "year": year.astype(str),
            "action_id": flow_action,
            "programme": rng.choice(["wijkaanpak", "energie", "participatie", ""], size=m),
        }
    )
    neighbourhoods = pd.DataFrame(
        {
            "id": hood_ids,
            "name": np.char.add("Neighbourhood ", np.arange(n_hoods).astype(str)),
            "municipality": np.char.add("Municipality ", (np.arange(n_hoods) // 25).astype(str)),
        }
    )
    return {
        "organisations": organisations,
        "joint_actions": joint_actions,
        "participations": participations,
        "funding": funding,
        "neighbourhoods": neighbourhoods,
    }


def add_funder_of_everyone(
    tables: dict[str, pd.DataFrame],
    funder_id: str = "EC",
    name: str = "European Commission",
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """The tables plus one funder that pays every organisation once (as the EC in EU projects)."""
    rng = np.random.default_rng(seed)
    orgs = tables["organisations"]
    funder = pd.DataFrame([{c: "" for c in orgs.columns}])
    funder.loc[0, ["id", "name", "type"]] = [funder_id, name, "national_government"]
    if "sector" in funder.columns:
        funder.loc[0, "sector"] = "government"
    flows = pd.DataFrame(
        {
            "funder_id": funder_id,
            "recipient_id": orgs["id"].to_numpy(),
            "amount": np.round(rng.lognormal(11, 1, len(orgs)), 2),
            "year": 2020,
        }
    )
    funding = tables["funding"]
    flows = flows.reindex(columns=funding.columns, fill_value="")
    flows["year"] = 2020
    return {
        **tables,
        "organisations": pd.concat([orgs, funder], ignore_index=True),
        "funding": pd.concat([funding, flows], ignore_index=True),
    }


#: CORDIS activity types as graphtool types and sectors, with their share in H2020 SC2.
REAL_TYPES = (
    ("business", "market", 0.31),
    ("knowledge_institute", "public_service", 0.26),
    ("education", "public_service", 0.23),
    ("other", "civil_society", 0.12),
    ("other", "government", 0.08),
)
#: Log-normal consortium sizes: mean 4.6 and P(size >= 32) = 1%, as in all of H2020.
CONSORTIUM_MU, CONSORTIUM_SIGMA = 0.933, 1.089
PROJECTS_PER_ORGANISATION = 31_451 / 35_872
N_COUNTRIES = 40


def generate_real(n_organisations: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """A dataset of ``n_organisations`` shaped like Horizon 2020's projects (see the module doc).

    >>> tables = generate_real(2_000, seed=1)
    >>> sizes = tables["participations"].groupby("action_id").size()
    >>> bool(sizes.max() >= 32), bool(tables["funding"]["funder_id"].eq("EC").all())
    (True, True)
    """
    rng = np.random.default_rng(seed)
    n = int(n_organisations)
    kinds = rng.choice(len(REAL_TYPES), size=n, p=[share for *_, share in REAL_TYPES])
    org_type = np.array([t for t, _, _ in REAL_TYPES])[kinds]
    sector = np.array([s for _, s, _ in REAL_TYPES])[kinds]
    country = rng.integers(0, N_COUNTRIES, size=n)
    ids = np.char.add("o", np.arange(n).astype(str))
    countries = np.char.add("C", country.astype(str))
    organisations = pd.DataFrame(
        {
            "id": np.concatenate([ids, ["EC"]]),
            "name": np.concatenate(
                [np.char.add("Organisation ", np.arange(n).astype(str)), ["European Commission"]]
            ),
            "type": np.concatenate([org_type, ["other"]]),
            "sector": np.concatenate([sector, ["government"]]),
            "country": np.concatenate([countries, [""]]),
        }
    )

    n_projects = max(1, round(PROJECTS_PER_ORGANISATION * n))
    sizes = np.rint(rng.lognormal(CONSORTIUM_MU, CONSORTIUM_SIGMA, size=n_projects))
    sizes = np.clip(sizes, 1, min(400, n)).astype(np.int64)
    total = int(sizes.sum())
    part_project = np.repeat(np.arange(n_projects), sizes)
    # hubs: a heavy-tailed propensity, drawn globally or within the project's country
    propensity = rng.pareto(1.2, size=n) + 1.0
    gcum = np.cumsum(propensity)
    members = np.searchsorted(gcum, rng.random(total) * gcum[-1], side="right")
    order = np.argsort(country, kind="stable")
    cum = np.cumsum(propensity[order])
    cum_before = np.concatenate([[0.0], cum])
    starts = np.searchsorted(country[order], np.arange(N_COUNTRIES))
    ends = np.searchsorted(country[order], np.arange(N_COUNTRIES), side="right")
    home = rng.integers(0, N_COUNTRIES, size=n_projects)[part_project]
    at_home = rng.random(total) < 0.5
    lo, hi = cum_before[starts[home]], cum_before[ends[home]]
    pos = np.searchsorted(cum, lo + rng.random(total) * (hi - lo), side="right")
    pos = np.clip(pos, starts[home], np.maximum(ends[home] - 1, starts[home]))
    members = np.where(at_home & (ends[home] > starts[home]), order[pos], members)
    members = np.minimum(members, n - 1)
    pairs = pd.DataFrame({"action": part_project, "org": members}).drop_duplicates()

    start_year = rng.integers(2014, 2021, size=n_projects)
    project_ids = np.char.add("p", np.arange(n_projects).astype(str))
    joint_actions = pd.DataFrame(
        {
            "id": project_ids,
            "name": np.char.add("Project ", np.arange(n_projects).astype(str)),
            "start_year": start_year.astype(str),
            "end_year": (start_year + rng.integers(2, 5, size=n_projects)).astype(str),
        }
    )
    roles = np.where(~pairs.duplicated("action").to_numpy(), "lead", "partner")
    action = pairs["action"].to_numpy()
    participations = pd.DataFrame(
        {
            "action_id": project_ids[action],
            "organisation_id": ids[pairs["org"].to_numpy()],
            "role": roles,
        }
    )
    # the EC pays each participant of each project; a few contributions are unknown
    known = rng.random(len(pairs)) >= 0.02
    funding = pd.DataFrame(
        {
            "funder_id": "EC",
            "recipient_id": participations["organisation_id"].to_numpy()[known],
            "amount": np.round(rng.lognormal(12.3, 1.1, size=int(known.sum())), 2),
            "year": start_year[action][known].astype(str),
            "action_id": project_ids[action][known],
            "programme": "H2020",
        }
    )
    neighbourhoods = pd.DataFrame({"id": [], "name": []}, dtype=str)
    return {
        "organisations": organisations,
        "joint_actions": joint_actions,
        "participations": participations,
        "funding": funding,
        "neighbourhoods": neighbourhoods,
    }


SHAPES = {"synthetic": generate, "real": generate_real}


def write(tables: dict[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write the tables as a dataset folder of CSV files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", "-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default="synthetic",
        help="synthetic neighbourhood networks, or real-shaped (H2020-like hubs and consortia)",
    )
    parser.add_argument("-o", "--output", required=True, help="dataset folder to write")
    args = parser.parse_args(argv)
    tables = SHAPES[args.shape](args.organisations, seed=args.seed)
    write(tables, args.output)
    counts = ", ".join(f"{len(v):,} {k}" for k, v in tables.items())
    print(f"wrote {args.output}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
