"""Corrections from the room: read the network page's corrections file and apply it.

The network page lets the people in a workshop mark what the map gets wrong and
downloads the marks as one CSV file (docs/network-page.md, "Corrections"):

=====================  ===============================================================
column                 meaning
=====================  ===============================================================
``kind``               ``works_together``, ``tie_wrong`` or ``missing_organisation``
``organisation_id``    the organisation the mark is about (empty for a missing one)
``organisation_name``  its name, for people reading the file (not used to match)
``other_id``           the second organisation; for ``missing_organisation``, optional:
                       an organisation the missing one works with
``other_name``         its name, for people
``name``, ``type``     the missing organisation's name and type (``missing_organisation``)
``note``               what the room said, free text
=====================  ===============================================================

:func:`apply_corrections` turns the marks into changes of a copy of the tables:

- ``works_together``: a new joint action ``correction-N`` with the two as
  participants (nothing when they already share an action: reported);
- ``tie_wrong``: the second organisation's participation is removed from every
  joint action the two share, so the tie goes and the first keeps its actions;
- ``missing_organisation``: a new organisation (id from its name, made unique),
  with a joint action with ``other_id`` when that is given.

Every new row carries the note in a ``correction_note`` column. The result is
validated as any dataset before anything is written (:func:`write_corrected`).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from graphtool.errors import DatasetError, GraphtoolError, Problem
from graphtool.model import ORGANISATION_TYPES, TABLES, Dataset

#: The columns of a corrections file, in the order the page writes them.
COLUMNS = (
    "kind",
    "organisation_id",
    "organisation_name",
    "other_id",
    "other_name",
    "name",
    "type",
    "note",
)
KINDS = ("works_together", "tie_wrong", "missing_organisation")
NOTE_COLUMN = "correction_note"


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file (``line`` is its line in the file)."""

    line: int
    kind: str
    organisation_id: str = ""
    other_id: str = ""
    name: str = ""
    type: str = ""
    note: str = ""


@dataclass
class CorrectionReport:
    """What applying the corrections changed, one plain line per correction."""

    changes: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    added_organisations: list[str] = field(default_factory=list)
    added_actions: list[str] = field(default_factory=list)
    removed_participations: int = 0

    def lines(self) -> list[str]:
        out = [f"changed: {c}" for c in self.changes]
        out += [f"unchanged: {c}" for c in self.unchanged]
        return out


def read_corrections(path: str | Path, dataset: Dataset) -> list[Correction]:
    """The corrections of the file at ``path``, checked against ``dataset``.

    Raises
    ------
    DatasetError
        Listing every bad row (line, column, value): an unknown kind, an unknown
        organisation id, a missing name or an unknown type.
    """
    path = Path(path)
    label = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(
            [Problem(label, "encoding", f"not UTF-8 text (byte {exc.start})")], source=label
        ) from None
    except OSError as exc:
        raise GraphtoolError(f"{path}: cannot read ({exc.strerror})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in ("kind", "organisation_id", "other_id") if c not in header]
    if missing:
        raise DatasetError(
            [
                Problem(label, "missing-column", f"the column {c!r} is missing", line=1)
                for c in missing
            ],
            source=label,
        )
    ids = set(dataset.organisations["id"])
    problems: list[Problem] = []
    rows: list[Correction] = []
    for record in reader:
        line = reader.line_num
        cell = {c: (record.get(c) or "").strip() for c in COLUMNS}
        kind = cell["kind"]
        if kind not in KINDS:
            problems.append(
                Problem(
                    label,
                    "unknown-kind",
                    "kind must be one of " + ", ".join(KINDS),
                    line=line,
                    column="kind",
                    value=kind,
                )
            )
            continue
        needed = ["organisation_id", "other_id"] if kind != "missing_organisation" else []
        for column in needed:
            if not cell[column]:
                problems.append(
                    Problem(
                        label, "missing-value", f"{kind} needs {column}", line=line, column=column
                    )
                )
        for column in ("organisation_id", "other_id"):
            if cell[column] and cell[column] not in ids:
                problems.append(
                    Problem(
                        label,
                        "unknown-organisation",
                        "no organisation with this id in the dataset",
                        line=line,
                        column=column,
                        value=cell[column],
                    )
                )
        if kind != "missing_organisation" and cell["organisation_id"] == cell["other_id"] != "":
            problems.append(
                Problem(
                    label,
                    "same-organisation",
                    "the two ids are the same",
                    line=line,
                    column="other_id",
                    value=cell["other_id"],
                )
            )
        if kind == "missing_organisation":
            if not cell["name"]:
                problems.append(
                    Problem(
                        label,
                        "missing-value",
                        "a missing organisation needs a name",
                        line=line,
                        column="name",
                    )
                )
            if cell["type"] not in ORGANISATION_TYPES:
                problems.append(
                    Problem(
                        label,
                        "unknown-type",
                        "type must be a known organisation type (graphtool help dataset-format)",
                        line=line,
                        column="type",
                        value=cell["type"],
                    )
                )
        rows.append(
            Correction(
                line,
                kind,
                cell["organisation_id"],
                cell["other_id"],
                cell["name"],
                cell["type"],
                cell["note"],
            )
        )
    if problems:
        raise DatasetError(problems, source=label)
    return rows


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "organisation"


def _unique(base: str, taken: set[str]) -> str:
    key, k = base, 2
    while key in taken:
        key = f"{base}-{k}"
        k += 1
    taken.add(key)
    return key


def apply_corrections(
    dataset: Dataset, corrections: list[Correction]
) -> tuple[dict[str, pd.DataFrame], CorrectionReport]:
    """The dataset's tables with the corrections applied, and what changed.

    The tables are copies; ``dataset`` is not changed. See the module docstring
    for what each kind does.
    """
    tables = {name: frame.copy() for name, frame in dataset.tables().items()}
    orgs, actions, parts = (
        tables["organisations"],
        tables["joint_actions"],
        tables["participations"],
    )
    names = dict(zip(orgs["id"], orgs["name"], strict=True))
    taken_orgs, taken_actions = set(orgs["id"]), set(actions["id"])
    new_orgs: list[dict] = []
    new_actions: list[dict] = []
    new_parts: list[dict] = []
    drop = pd.Series(False, index=parts.index)
    report = CorrectionReport()

    def action_of(a: str, b: str, note: str, line: int) -> str:
        action_id = _unique(f"correction-{line}", taken_actions)
        new_actions.append(
            {
                "id": action_id,
                "name": f"Reported in the room: {names[a]} and {names[b]}",
                NOTE_COLUMN: note,
            }
        )
        new_parts.extend(
            {"action_id": action_id, "organisation_id": o, NOTE_COLUMN: note} for o in (a, b)
        )
        report.added_actions.append(action_id)
        return action_id

    def shared(a: str, b: str) -> set[str]:
        live = parts[~drop]
        of = live.groupby("organisation_id")["action_id"].agg(set)
        return set(of.get(a, set())) & set(of.get(b, set()))

    for c in corrections:
        where = f"line {c.line}"
        if c.kind == "works_together":
            common = shared(c.organisation_id, c.other_id)
            if common:
                report.unchanged.append(
                    f"{where}: {names[c.organisation_id]} and {names[c.other_id]} already share "
                    f"{len(common)} joint action(s)"
                )
                continue
            action_id = action_of(c.organisation_id, c.other_id, c.note, c.line)
            report.changes.append(
                f"{where}: {names[c.organisation_id]} and {names[c.other_id]} work together "
                f"(new joint action {action_id})"
            )
        elif c.kind == "tie_wrong":
            common = shared(c.organisation_id, c.other_id)
            if not common:
                report.unchanged.append(
                    f"{where}: {names[c.organisation_id]} and {names[c.other_id]} share no joint "
                    "action: nothing to remove"
                )
                continue
            hit = parts["action_id"].isin(common) & (parts["organisation_id"] == c.other_id)
            drop |= hit
            new_parts[:] = [
                p
                for p in new_parts
                if not (p["action_id"] in common and p["organisation_id"] == c.other_id)
            ]
            report.removed_participations += int(hit.sum())
            report.changes.append(
                f"{where}: the tie between {names[c.organisation_id]} and {names[c.other_id]} "
                f"removed ({names[c.other_id]} taken out of {len(common)} joint action(s))"
            )
        else:
            org_id = _unique(_slug(c.name), taken_orgs)
            new_orgs.append({"id": org_id, "name": c.name, "type": c.type, NOTE_COLUMN: c.note})
            names[org_id] = c.name
            report.added_organisations.append(org_id)
            text = f"{where}: {c.name} added as {org_id} ({c.type})"
            if c.other_id:
                action_id = action_of(org_id, c.other_id, c.note, c.line)
                text += f", working with {names[c.other_id]} (new joint action {action_id})"
            report.changes.append(text)

    def extend(frame: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
        if not rows:
            return frame
        if NOTE_COLUMN not in frame.columns:
            frame = frame.assign(**{NOTE_COLUMN: ""})
        added = pd.DataFrame(rows).reindex(columns=frame.columns)
        added = added.astype(object).where(added.notna(), None)
        return pd.concat([frame.astype(object), added], ignore_index=True)

    parts = parts[~drop]
    # a new organisation's sector is left empty: it follows from its type when read
    tables["organisations"] = extend(orgs, new_orgs)
    tables["joint_actions"] = extend(actions, new_actions)
    tables["participations"] = extend(parts, new_parts)
    return tables, report


def write_corrected(
    tables: dict[str, pd.DataFrame],
    out: str | Path,
    *,
    name: str | None = None,
    force: bool = False,
) -> Dataset:
    """Write ``tables`` as a dataset folder at ``out``: validated first, whole or not at all.

    The tables are written to a temporary folder beside ``out`` and read back with
    :func:`graphtool.ingest.read_dataset`; only a valid dataset takes the name ``out``.

    Raises
    ------
    GraphtoolError
        ``out`` exists and is not an empty folder (and ``force`` is not given).
    DatasetError
        The corrected tables do not validate; nothing is written.
    """
    from graphtool.ingest import read_dataset

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise GraphtoolError(f"{out}: exists and is not a folder", hint="choose another -o")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise GraphtoolError(
            f"{out}: the folder exists and is not empty",
            hint="choose another -o, or give --force to replace it",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for table in TABLES:
            frame = tables[table]
            if table == "organisations" and "sector" in frame.columns:
                # derived when read: written only where the source gave one
                frame = frame.drop(columns=["sector"]) if _derived_sector(frame) else frame
            frame.to_csv(staging / f"{table}.csv", index=False, encoding="utf-8")
        read_dataset(staging, name=name or out.name)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / out.name)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return read_dataset(out, name=name or out.name)


def _derived_sector(frame: pd.DataFrame) -> bool:
    """Whether every sector is the one its type gives (so the column can be left out)."""
    from graphtool.model import sector_of

    given = frame["sector"].fillna("").astype(str)
    derived = frame["type"].astype(str).map(sector_of)
    return bool(((given == derived) | (given == "")).all())


__all__ = [
    "COLUMNS",
    "KINDS",
    "Correction",
    "CorrectionReport",
    "apply_corrections",
    "read_corrections",
    "write_corrected",
]
