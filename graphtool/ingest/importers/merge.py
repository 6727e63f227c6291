"""Combining datasets from different sources into one, matching their organisations.

An organisation of the added dataset is matched to one of the base dataset:

1. by a decision the user wrote (the merge-decisions file fed back), else
2. by identifier, where both have one of the same scheme: 360Giving org-ids
   (``GB-CHC-1036733``, also derived from a ``charity_number`` or
   ``company_number`` column), PICs (CORDIS), a register's identifier
   (``[register] id_scheme`` of its mapping, e.g. ``NL-KVK`` for KvK numbers),
   VAT numbers; an id made from a name is no identifier, else
3. by normalised name (:func:`~.normalise.name_key`: case, accents,
   punctuation and legal forms ignored) when exactly one base organisation has
   that name; two or more are reported as ambiguous and not merged.

Every decision is written to ``merge-decisions.csv`` (one row per organisation
of the added dataset: how it was matched, to what, and a ``decision`` column
``merge`` or ``separate``). A user corrects the file (change ``decision``, or
``matched_id`` to another base organisation) and gives it back with
``--decisions FILE``; its rows win over the automatic matching.

Joint actions with the same id are one action (CORDIS project numbers are
global). Flows are all kept and carry the dataset they came from in
``source``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from graphtool.errors import ImportSourceError
from graphtool.ingest.importers.normalise import name_key
from graphtool.model import Dataset

#: The file of merge decisions written beside the merged tables.
DECISIONS_FILE = "merge-decisions.csv"
DECISION_COLUMNS = [
    "source",
    "id",
    "name",
    "matched_by",
    "matched_id",
    "matched_name",
    "decision",
]
#: Identifier columns an organisations table may carry -> the org-id prefix of their values.
IDENTIFIER_COLUMNS = {
    "charity_number": "GB-CHC-",
    "company_number": "GB-COH-",
    "kvk": "NL-KVK-",
    "kvk_number": "NL-KVK-",
    "vat_number": "VAT-",
    "pic": "PIC-",
}


@dataclass
class MergeResult:
    """The merged tables, the decisions made and a report."""

    tables: dict[str, pd.DataFrame]
    decisions: pd.DataFrame
    report: dict[str, Any]


def identifiers(row: pd.Series) -> set[str]:
    """The identifier keys of an organisation row (scheme and value, comparable across sources).

    >>> sorted(identifiers(pd.Series({"id": "GB-CHC-1036733", "id_scheme": "org-id"})))
    ['GB-CHC-1036733']
    >>> sorted(identifiers(pd.Series({"id": "999", "id_scheme": "pic", "vat_number": "NL 1"})))
    ['PIC-999', 'VAT-NL1']
    >>> identifiers(pd.Series({"id": "stichting-x", "id_scheme": "name"}))
    set()
    """
    keys: set[str] = set()
    scheme = str(row.get("id_scheme", "") or "")
    ident = str(row.get("id", "")).strip()
    if scheme == "org-id":
        keys.add(ident.upper())
    elif scheme == "pic":
        keys.add(f"PIC-{ident}")
    elif scheme and scheme not in ("name", "mapping", "source", "register"):
        number = re.sub(r"[\s.]+", "", ident)
        keys.add(f"{scheme}-{number}".upper())
    for column, prefix in IDENTIFIER_COLUMNS.items():
        value = re.sub(r"[\s.]+", "", str(row.get(column, "") or "")).upper()
        if value and value not in ("NAN", "NONE"):
            if column == "company_number" and value.isdigit():
                value = value.zfill(8)
            keys.add(prefix + value)
    return keys


def read_decisions(path: str | Path) -> pd.DataFrame:
    """Read a merge-decisions file a user corrected.

    Raises
    ------
    ImportSourceError
        A missing file or column, or a decision other than ``merge``/``separate``.
    """
    path = Path(path)
    if not path.is_file():
        raise ImportSourceError(f"{path}: no such decisions file", hint="check the path")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("source", "id", "matched_id", "decision") if c not in frame]
    if missing:
        raise ImportSourceError(
            f"{path.name}: not a merge-decisions file, missing column(s): " + ", ".join(missing),
            hint=f"start from the {DECISIONS_FILE} a merge wrote",
        )
    bad = frame[~frame["decision"].isin(["merge", "separate"])]
    if len(bad):
        line = int(bad.index[0]) + 2
        raise ImportSourceError(
            f"{path.name}, line {line}, column 'decision': {bad['decision'].iloc[0]!r} "
            "is not a decision",
            hint="write merge (the same organisation as matched_id) or separate",
        )
    return frame


def merge_datasets(
    base: Dataset, addition: Dataset, *, decisions: pd.DataFrame | None = None
) -> MergeResult:
    """Add ``addition`` to ``base``, matching organisations by identifier, then by name.

    Parameters
    ----------
    base, addition
        Validated datasets; ``addition.name`` is what ``source`` and the
        decisions call it.
    decisions
        Decisions a user corrected (:func:`read_decisions`); they win.

    Returns
    -------
    MergeResult

    Raises
    ------
    ImportSourceError
        A decision naming a base organisation that does not exist.
    """
    base_orgs = base.organisations
    by_identifier: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    names = dict(zip(base_orgs["id"], base_orgs["name"], strict=True))
    for _, row in base_orgs.iterrows():
        for key in identifiers(row):
            by_identifier.setdefault(key, []).append(row["id"])
        key = name_key(row["name"])
        if key:
            by_name.setdefault(key, []).append(row["id"])
    given: dict[str, tuple[str, str]] = {}
    if decisions is not None:
        mine = decisions[decisions["source"] == addition.name]
        for line, row in mine.iterrows():
            if row["decision"] == "merge" and row["matched_id"] not in names:
                raise ImportSourceError(
                    f"decisions, line {int(str(line)) + 2}: matched_id {row['matched_id']!r} "
                    f"is not an organisation of {base.name}",
                    hint="name an id from the base dataset's organisations.csv, or write separate",
                )
            given[row["id"]] = (row["decision"], row["matched_id"])
    rows: list[dict[str, str]] = []
    mapping: dict[str, str] = {}
    taken = set(base_orgs["id"])
    new_orgs = []
    for _, org in addition.organisations.iterrows():
        org_id, name = org["id"], org["name"]
        matched_by, matched = "none", ""
        if org_id in given:
            decision, target = given[org_id]
            matched_by, matched = "decision", target if decision == "merge" else ""
        else:
            hits = sorted({b for k in identifiers(org) for b in by_identifier.get(k, [])})
            if len(hits) == 1:
                matched_by, matched = "identifier", hits[0]
            elif len(hits) > 1:
                matched_by = "ambiguous identifier: " + " | ".join(hits)
            else:
                candidates = by_name.get(name_key(name), []) if name_key(name) else []
                if len(candidates) == 1:
                    matched_by, matched = "name", candidates[0]
                elif candidates:
                    matched_by = "ambiguous name: " + " | ".join(candidates)
        if matched:
            mapping[org_id] = matched
        else:
            new_id, n = org_id, 1
            while new_id in taken:
                n += 1
                new_id = f"{org_id}-{n}"
            taken.add(new_id)
            mapping[org_id] = new_id
            new_orgs.append(org.to_dict() | {"id": new_id})
        rows.append(
            {
                "source": addition.name,
                "id": org_id,
                "name": name,
                "matched_by": matched_by,
                "matched_id": matched,
                "matched_name": names.get(matched, ""),
                "decision": "merge" if matched else "separate",
            }
        )
    organisations = pd.concat(
        [base_orgs, pd.DataFrame(new_orgs, columns=addition.organisations.columns)],
        ignore_index=True,
    )
    organisations = organisations.astype(object).where(organisations.notna(), "")
    actions = pd.concat([base.joint_actions, addition.joint_actions], ignore_index=True)
    actions = actions.drop_duplicates("id", keep="first").reset_index(drop=True)
    added_parts = addition.participations.assign(
        organisation_id=addition.participations["organisation_id"].map(mapping)
    )
    participations = pd.concat([base.participations, added_parts], ignore_index=True)
    participations = participations.drop_duplicates(["action_id", "organisation_id"])
    base_flows = base.funding.copy()
    if "source" not in base_flows or not base_flows["source"].astype(str).str.len().any():
        base_flows["source"] = base.name
    added_flows = addition.funding.assign(
        funder_id=addition.funding["funder_id"].map(mapping),
        recipient_id=addition.funding["recipient_id"].map(mapping),
        source=addition.name,
    )
    funding = pd.concat([base_flows, added_flows], ignore_index=True)
    loops = funding["funder_id"] == funding["recipient_id"]
    decisions_frame = pd.DataFrame(rows, columns=DECISION_COLUMNS)
    counts = decisions_frame["matched_by"].str.split(":").str[0].value_counts()
    report = {
        "merge": {
            "base": base.name,
            "added": addition.name,
            "organisations added": len(addition.organisations),
            "matched by identifier": int(counts.get("identifier", 0)),
            "matched by name": int(counts.get("name", 0)),
            "matched by decision": int(
                (
                    (decisions_frame["matched_by"] == "decision")
                    & (decisions_frame["matched_id"] != "")
                ).sum()
            ),
            "ambiguous (kept apart)": int(
                decisions_frame["matched_by"].str.startswith("ambiguous").sum()
            ),
            "new organisations": len(new_orgs),
            "organisations": len(organisations),
            "flows dropped as self-loops after matching": int(loops.sum()),
        }
    }
    tables = {
        "organisations": organisations,
        "joint_actions": actions,
        "participations": participations.reset_index(drop=True),
        "funding": funding[~loops].reset_index(drop=True),
    }
    if len(base.neighbourhoods) or len(addition.neighbourhoods):
        hoods = pd.concat([base.neighbourhoods, addition.neighbourhoods], ignore_index=True)
        tables["neighbourhoods"] = hoods.drop_duplicates("id").reset_index(drop=True)
    return MergeResult(tables, decisions_frame, report)
