"""The vocabulary of the graph and the validated ``Dataset``.

The names here are the contract shared by the in-memory graphs and Neo4j:
labels, relationship types, organisation types and the sector groups they
belong to. Neo4j labels and relationship types come from these constants,
never from user input.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

# Neo4j labels and relationship types (DESIGN.md, "Graph model").
ORGANISATION = "Organisation"
JOINT_ACTION = "JointAction"
NEIGHBOURHOOD = "Neighbourhood"
PARTICIPATES_IN = "PARTICIPATES_IN"
FUNDS = "FUNDS"
IN = "IN"
ACTIVE_IN = "ACTIVE_IN"
#: The label of the one node per loaded dataset version in Neo4j (name, counts, state).
DATASET = "Dataset"
#: Analysis results stored with a version: the run that made them, and suggested links.
ANALYSIS_RUN = "AnalysisRun"
SUGGESTED_LINK = "SUGGESTED_LINK"

#: Organisation type -> sector group, used when ``sector`` is not given.
TYPE_SECTORS: dict[str, str] = {
    "municipality": "government",
    "province": "government",
    "regional_government": "government",
    "national_government": "government",
    "police": "government",
    "housing_association": "public_service",
    "welfare": "public_service",
    "care": "public_service",
    "health": "public_service",
    "education": "public_service",
    "knowledge_institute": "public_service",
    "resident_initiative": "residents",
    "residents_association": "residents",
    "energy_cooperative": "civil_society",
    "foundation": "civil_society",
    "other": "civil_society",
    "business": "market",
    "social_enterprise": "market",
}
ORGANISATION_TYPES: tuple[str, ...] = tuple(TYPE_SECTORS)
SECTORS: tuple[str, ...] = ("government", "public_service", "residents", "civil_society", "market")
#: The sector given to an organisation of an unknown type that has no ``sector``.
UNKNOWN_SECTOR = "unknown"
RESIDENTS = "residents"
RESIDENT_TYPES: tuple[str, ...] = ("resident_initiative", "residents_association")

ROLES: tuple[str, ...] = ("lead", "partner", "funder", "contractor", "participant")
DEFAULT_ROLE = "partner"
SCALES: tuple[str, ...] = ("local", "regional", "national")
THEMES: tuple[str, ...] = (
    "energy_transition",
    "socio_economic",
    "employment",
    "education",
    "safety",
    "health",
    "housing",
    "liveability",
    "youth",
    "participation",
)

#: The tables of a dataset: file stem -> (required?, required columns, optional known columns).
TABLES: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {
    "organisations": (True, ("id", "name", "type"), ("sector", "scale", "neighbourhoods")),
    "joint_actions": (
        True,
        ("id", "name"),
        ("theme", "neighbourhood", "start_year", "end_year"),
    ),
    "participations": (True, ("action_id", "organisation_id"), ("role",)),
    "funding": (
        False,
        ("funder_id", "recipient_id", "amount", "year"),
        ("action_id", "programme"),
    ),
    "neighbourhoods": (False, ("id", "name"), ("municipality",)),
}
#: Columns holding integers (nullable) and numbers, per table.
INTEGER_COLUMNS: dict[str, tuple[str, ...]] = {
    "joint_actions": ("start_year", "end_year"),
    "funding": ("year",),
}
NUMBER_COLUMNS: dict[str, tuple[str, ...]] = {"funding": ("amount",)}


def sector_of(org_type: str) -> str:
    """The sector group of an organisation type (``unknown`` for a type not in the vocabulary).

    Examples
    --------
    >>> sector_of("housing_association")
    'public_service'
    >>> sector_of("bakery")
    'unknown'
    """
    return TYPE_SECTORS.get(org_type, UNKNOWN_SECTOR)


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped parts.

    >>> split_list(" zuid; noord ;")
    ['zuid', 'noord']
    """
    return [part.strip() for part in str(value).split(";") if part.strip()]


def empty_table(table: str) -> pd.DataFrame:
    """An empty table with the known columns of ``table`` and their dtypes."""
    _, required, optional = TABLES[table]
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in (*required, *optional)})
    return _with_dtypes(table, frame)


def _with_dtypes(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    for col in INTEGER_COLUMNS.get(table, ()):
        if col in frame:
            frame[col] = frame[col].astype("Int64")
    for col in NUMBER_COLUMNS.get(table, ()):
        if col in frame:
            frame[col] = frame[col].astype("float64")
    return frame


@dataclass(frozen=True)
class Dataset:
    """A validated dataset: five tables of clean values.

    Every table has all its known columns (missing optional text columns are
    empty strings, missing years are ``<NA>``); ids are strings; extra columns
    are kept as strings. ``organisations.sector`` is always filled (given or
    derived from ``type``). Build one with :func:`graphtool.ingest.read_dataset`
    or read one back from Neo4j; do not build one from unvalidated tables.
    """

    name: str
    organisations: pd.DataFrame
    joint_actions: pd.DataFrame
    participations: pd.DataFrame
    funding: pd.DataFrame
    neighbourhoods: pd.DataFrame
    warnings: tuple[str, ...] = field(default=(), compare=False)
    year: int | None = None
    #: Every joint action before :meth:`for_year` cut the table (``None``: not cut), so
    #: that money paid in a year for an action not active that year keeps its theme.
    uncut_actions: pd.DataFrame | None = field(default=None, compare=False, repr=False)
    #: Values derived from the tables once and kept (the graphs, the fingerprint). Not a
    #: constructor argument, so ``replace`` (``for_year`` and the like) starts a new one.
    derived: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def fingerprint(self) -> str:
        """SHA-256 (first 16 hex digits) of the tables as CSV, in the order of ``TABLES``.

        Rows are taken in file order, so the same files always give the same
        fingerprint, and reading the same files from CSV, .xlsx or Neo4j gives
        the same one as long as the values are the same. Computed once.
        """
        if "fingerprint" not in self.derived:
            digest = hashlib.sha256()
            for table, frame in self.tables().items():
                digest.update(f"[{table}]\n".encode())
                ordered = frame[sorted(frame.columns)]
                digest.update(ordered.to_csv(index=False, lineterminator="\n").encode("utf-8"))
            self.derived["fingerprint"] = digest.hexdigest()[:16]
        return str(self.derived["fingerprint"])

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order of :data:`TABLES`."""
        return {t: getattr(self, t) for t in TABLES}

    def counts(self) -> dict[str, int]:
        """Number of rows of each table."""
        return {t: len(frame) for t, frame in self.tables().items()}

    def summary(self) -> str:
        """A one-line summary of the counts."""
        c = self.counts()
        return (
            f"{self.name}: {c['organisations']} organisations, {c['joint_actions']} joint actions, "
            f"{c['participations']} participations, {c['funding']} funding flows, "
            f"{c['neighbourhoods']} neighbourhoods"
        )

    def years(self) -> list[int]:
        """Every year any action is active in or any flow is made in, sorted."""
        years: set[int] = set()
        ja = self.joint_actions
        start = ja["start_year"].dropna()
        end = ja["end_year"].dropna()
        if len(start) or len(end):
            lo = int(min([*start, *end]))
            hi = int(max([*start, *end]))
            years.update(range(lo, hi + 1))
        years.update(int(y) for y in self.funding["year"].dropna())
        return sorted(years)

    def active_action_mask(self, year: int) -> pd.Series:
        """Mask of the joint actions active in ``year`` (start <= year <= end; open ends open)."""
        ja = self.joint_actions
        start_ok = ja["start_year"].isna() | (ja["start_year"] <= year)
        end_ok = ja["end_year"].isna() | (ja["end_year"] >= year)
        return (start_ok & end_ok).fillna(False).astype(bool)

    def for_year(self, year: int | None) -> Dataset:
        """The dataset restricted to the actions active in ``year`` and the flows of ``year``.

        Organisations and neighbourhoods are kept, so an organisation without any
        action that year shows as absent. ``None`` returns the dataset itself.
        """
        if year is None:
            return self
        actions = self.joint_actions[self.active_action_mask(year)].reset_index(drop=True)
        keep = set(actions["id"])
        parts = self.participations[self.participations["action_id"].isin(keep)]
        flows = self.funding[self.funding["year"] == year]
        return replace(
            self,
            joint_actions=actions,
            participations=parts.reset_index(drop=True),
            funding=flows.reset_index(drop=True),
            year=year,
            uncut_actions=self.joint_actions if self.uncut_actions is None else self.uncut_actions,
        )

    def for_years(self, years: Iterable[int]) -> Dataset:
        """The dataset restricted to actions active in any of ``years`` and their flows."""
        years = list(years)
        mask = pd.Series(False, index=self.joint_actions.index)
        for y in years:
            mask |= self.active_action_mask(y)
        actions = self.joint_actions[mask].reset_index(drop=True)
        parts = self.participations[self.participations["action_id"].isin(set(actions["id"]))]
        flows = self.funding[self.funding["year"].isin(years)]
        return replace(
            self,
            joint_actions=actions,
            participations=parts.reset_index(drop=True),
            funding=flows.reset_index(drop=True),
            uncut_actions=self.joint_actions if self.uncut_actions is None else self.uncut_actions,
        )

    def action_themes(self) -> pd.Series:
        """The theme of every joint action by id, including actions a year cut left out.

        A flow names the action it is for; paid in a year the action is not active
        in, it is still money for that action and its theme.
        """
        actions = self.joint_actions if self.uncut_actions is None else self.uncut_actions
        return pd.Series(actions["theme"].to_numpy(), index=actions["id"].to_numpy())

    def group_of(self, column: str = "sector") -> pd.Series:
        """The group of each organisation (indexed by id) for ``column`` (``sector`` by default)."""
        orgs = self.organisations
        if column not in orgs.columns:
            from graphtool.errors import AnalysisError

            raise AnalysisError(
                f"organisations have no column {column!r} to group by",
                hint="choose one of: " + ", ".join(orgs.columns),
            )
        return pd.Series(orgs[column].astype(str).to_numpy(), index=orgs["id"].to_numpy())

    def organisation_neighbourhoods(self) -> pd.DataFrame:
        """One row per (organisation_id, neighbourhood) from the ``neighbourhoods`` column."""
        orgs = self.organisations[["id", "neighbourhoods"]]
        cells = orgs["neighbourhoods"].astype(str)
        # most cells hold one id or none: split only the others (seconds saved at 1M rows)
        listed = cells.str.contains(r"[;\s]", regex=True).to_numpy()
        parts = cells.astype(object).where(cells != "", None)
        if listed.any():
            parts[listed] = cells[listed].map(split_list)
        exploded = orgs.assign(neighbourhood=parts).explode("neighbourhood")
        exploded = exploded.dropna(subset=["neighbourhood"])
        return exploded.rename(columns={"id": "organisation_id"})[
            ["organisation_id", "neighbourhood"]
        ].reset_index(drop=True)
