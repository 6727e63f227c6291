"""Collecting organisations, actions, participations and flows from source rows.

An importer reads its source row by row and hands what it finds to a
:class:`DatasetBuilder`, which merges name variants of one organisation,
nets negative corrections against their grants, infers and overrides types,
and keeps the account of everything it skipped or changed. ``finish`` returns
the dataset tables and the report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphtool.errors import ImportSourceError, Problem
from graphtool.ingest.importers.normalise import clean_name, infer_type, name_key, slug
from graphtool.model import ROLES, sector_of

#: When one organisation appears twice in an action, the stronger role is kept.
ROLE_STRENGTH = {"lead": 0, "funder": 1, "partner": 2, "contractor": 3, "participant": 4}
#: How many problems an error lists before it says "and N more".
MAX_PROBLEMS = 50
#: How many examples the report keeps per kind of skipped row.
MAX_EXAMPLES = 3


@dataclass
class ImportResult:
    """What an importer produced: the dataset tables and the report of what it did."""

    tables: dict[str, pd.DataFrame]
    report: dict[str, Any]


@dataclass
class _Organisation:
    id: str
    names: Counter = field(default_factory=Counter)
    type: str = ""
    type_source: str = ""
    sector: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class _Flow:
    amount: float = 0.0
    rows: int = 0
    negative_rows: int = 0


class DatasetBuilder:
    """Accumulates one import; see the module docstring.

    Parameters
    ----------
    source
        The source kind (``360giving``, ``subsidy-register``, ``cordis``).
    files
        The source files, for the report.
    type_overrides
        Organisation type by organisation id or by name (any variant: names
        are compared by :func:`name_key`); these win over the source and the rules.
    """

    def __init__(
        self,
        source: str,
        files: list[str],
        type_overrides: Mapping[str, str] | None = None,
    ) -> None:
        self.source = source
        self.files = files
        self._overrides = dict(type_overrides or {})
        self._used_overrides: set[str] = set()
        self._orgs: dict[str, _Organisation] = {}
        self._id_of_key: dict[str, str] = {}
        self._actions: dict[str, dict[str, Any]] = {}
        self._participations: dict[tuple[str, str], str] = {}
        self._flows: dict[tuple, _Flow] = defaultdict(_Flow)
        self._flow_extra_columns: list[str] = []
        self.rows_read = 0
        self.problems: list[Problem] = []
        self._skipped: dict[str, dict[str, Any]] = {}
        self.styles: dict[str, Counter] = defaultdict(Counter)
        self.notes: list[str] = []

    # --- organisations ------------------------------------------------------

    def organisation(
        self,
        name: str,
        *,
        id: str | None = None,
        type: str = "",
        type_source: str = "source",
        sector: str = "",
        extra: Mapping[str, str] | None = None,
    ) -> str:
        """Register an organisation (or one more mention of it); returns its id.

        With an ``id`` the source's identifier decides identity and the names
        seen are variants of it; without one, the name key decides and the id
        is made from it.
        """
        display = clean_name(name)
        if id is None:
            key = name_key(display)
            org_id = self._id_of_key.get(key)
            if org_id is None:
                org_id = self._unique_id(slug(key))
                self._id_of_key[key] = org_id
        else:
            org_id = str(id).strip()
            # later mentions by name alone (a register naming the funder as a
            # recipient) resolve to this organisation
            self._id_of_key.setdefault(name_key(display), org_id)
        org = self._orgs.get(org_id)
        if org is None:
            org = self._orgs[org_id] = _Organisation(org_id)
        org.names[display or org_id] += 1
        if type and not org.type:
            org.type, org.type_source = type, type_source
        if sector and not org.sector:
            org.sector = sector
        for column, value in (extra or {}).items():
            if value and not org.extra.get(column):
                org.extra[column] = str(value)
        return org_id

    def _unique_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self._orgs:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # --- actions and participations ------------------------------------------

    def action(self, id: str, name: str, **columns: Any) -> None:
        """Register a joint action; the first mention's columns are kept, later gaps filled."""
        action = self._actions.setdefault(id, {"id": id, "name": name})
        for column, value in columns.items():
            if value is not None and value != "" and action.get(column) in (None, ""):
                action[column] = value

    def action_ids(self) -> list[str]:
        """The ids of the joint actions registered so far."""
        return list(self._actions)

    def participation(self, action_id: str, organisation_id: str, role: str) -> None:
        """Register a participation; a repeated one keeps the stronger role."""
        assert role in ROLES, role
        key = (action_id, organisation_id)
        old = self._participations.get(key)
        if old is None or ROLE_STRENGTH[role] < ROLE_STRENGTH[old]:
            self._participations[key] = role

    # --- flows ---------------------------------------------------------------

    def flow(
        self,
        funder_id: str,
        recipient_id: str,
        amount: float,
        year: int,
        *,
        programme: str = "",
        action_id: str = "",
        currency: str = "",
        extra: Mapping[str, str] | None = None,
    ) -> None:
        """Add money from one source row to the flow it belongs to.

        Rows with the same funder, recipient, year, programme, action, currency
        and extra properties make one flow; a negative row (a correction) is
        netted against the others.
        """
        extra = dict(extra or {})
        for column in extra:
            if column not in self._flow_extra_columns:
                self._flow_extra_columns.append(column)
        key = (
            funder_id,
            recipient_id,
            int(year),
            programme,
            action_id,
            currency,
            tuple(sorted(extra.items())),
        )
        flow = self._flows[key]
        flow.amount += amount
        flow.rows += 1
        if amount < 0:
            flow.negative_rows += 1
            self.styles["amounts"]["negative rows"] += 1

    # --- the account -----------------------------------------------------------

    def skip(self, reason: str, *, amount: float | None = None, example: str = "") -> None:
        """Count a source row left out (private person, placeholder, no amount...)."""
        entry = self._skipped.setdefault(
            reason, {"reason": reason, "rows": 0, "amount": 0.0, "examples": []}
        )
        entry["rows"] += 1
        if amount is not None:
            entry["amount"] += amount
        if example and len(entry["examples"]) < MAX_EXAMPLES and example not in entry["examples"]:
            entry["examples"].append(example)

    def problem(
        self,
        file: str,
        line: int | None,
        column: str | None,
        value: object,
        code: str,
        message: str,
    ) -> None:
        """Record a row that cannot be read; :meth:`finish` raises them all at once."""
        self.problems.append(
            Problem(
                file,
                code,
                message,
                line=line,
                column=column,
                value=None if value is None else str(value),
            )
        )

    def count(self, kind: str, style: str) -> None:
        """Count how a value was written (``count("dates", "dd-mm-yyyy")``)."""
        self.styles[kind][style] += 1

    # --- the result ------------------------------------------------------------

    def finish(self) -> ImportResult:
        """The dataset tables and the report; raises when any row could not be read.

        Raises
        ------
        ImportSourceError
            Listing every unreadable value (file, line, column, value).
        """
        if self.problems:
            shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
            more = len(self.problems) - len(shown)
            if more:
                shown.append(f"... and {more} more")
            noun = "value" if len(self.problems) == 1 else "values"
            raise ImportSourceError(
                f"{self.source}: {len(self.problems)} {noun} cannot be read, nothing was written\n"
                + "\n".join(shown),
                hint="correct the source file, or map the right columns in the mapping file "
                "(docs/importers.md)",
            )
        organisations, merges, types = self._organisation_table()
        funding, dropped = self._funding_table()
        tables = {
            "organisations": organisations,
            "joint_actions": self._actions_table(),
            "participations": pd.DataFrame(
                [
                    {"action_id": a, "organisation_id": o, "role": r}
                    for (a, o), r in self._participations.items()
                ],
                columns=["action_id", "organisation_id", "role"],
            ),
            "funding": funding,
        }
        unused = sorted(set(self._overrides) - self._used_overrides)
        if unused:
            self.notes.append(
                "type overrides that matched no organisation: " + ", ".join(repr(u) for u in unused)
            )
        summary = {
            "source": self.source,
            "files": ", ".join(self.files),
            "rows read": self.rows_read,
            "organisations": len(organisations),
            "joint actions": len(tables["joint_actions"]),
            "participations": len(tables["participations"]),
            "funding flows": len(funding),
            "amount in flows": round(float(funding["amount"].sum()), 2) if len(funding) else 0.0,
        }
        skipped = [
            {**e, "amount": round(e["amount"], 2), "examples": "; ".join(e["examples"])}
            for e in self._skipped.values()
        ]
        skipped += dropped
        report: dict[str, Any] = {
            "import": summary,
            "skipped": skipped,
            "values": [
                {"kind": kind, "written as": style, "count": n}
                for kind, counter in sorted(self.styles.items())
                for style, n in sorted(counter.items())
            ],
            "merged names": merges,
            "types": types,
            "notes": [{"note": n} for n in self.notes],
        }
        return ImportResult(tables, report)

    def _type_of(self, org: _Organisation, name: str) -> tuple[str, str]:
        keys = {name_key(n) for n in org.names}
        matched = [k for k in self._overrides if k == org.id or name_key(k) in keys]
        if matched:
            self._used_overrides.update(matched)
            return self._overrides[matched[0]], "override"
        if org.type:
            return org.type, org.type_source
        kind, rule = infer_type(name)
        return kind, ("default" if rule == "default" else f"name: {rule}")

    def _organisation_table(self) -> tuple[pd.DataFrame, list[dict], list[dict]]:
        rows = []
        merges = []
        type_counts: Counter = Counter()
        type_examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        extra_columns = sorted({c for org in self._orgs.values() for c in org.extra})
        for org in self._orgs.values():
            # most frequent spelling; ties go to the one seen first
            name = max(org.names, key=lambda n: org.names[n])
            if len(org.names) > 1:
                merges.append(
                    {
                        "id": org.id,
                        "name": name,
                        "variants": " | ".join(f"{n} ({c})" for n, c in org.names.most_common()),
                    }
                )
            kind, source = self._type_of(org, name)
            type_counts[(kind, source)] += 1
            if len(type_examples[(kind, source)]) < MAX_EXAMPLES:
                type_examples[(kind, source)].append(name)
            row = {
                "id": org.id,
                "name": name,
                "type": kind,
                "sector": org.sector or sector_of(kind),
                "type_source": source,
            }
            row.update({c: org.extra.get(c, "") for c in extra_columns})
            rows.append(row)
        columns = ["id", "name", "type", "sector", "type_source", *extra_columns]
        frame = pd.DataFrame(rows, columns=columns).sort_values("id", kind="stable")
        types = [
            {"type": k, "from": s, "organisations": n, "examples": "; ".join(type_examples[(k, s)])}
            for (k, s), n in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        return frame.reset_index(drop=True), merges, types

    def _actions_table(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self._actions.values()))
        base = ["id", "name", "theme", "neighbourhood", "start_year", "end_year"]
        if frame.empty:
            return pd.DataFrame(columns=["id", "name", "start_year", "end_year"])
        for column in ("start_year", "end_year"):
            if column in frame:
                frame[column] = frame[column].astype("Int64")
        ordered = [c for c in base if c in frame] + [c for c in frame if c not in base]
        return frame[ordered]

    def _funding_table(self) -> tuple[pd.DataFrame, list[dict]]:
        rows = []
        dropped: dict[str, dict[str, Any]] = {}
        for key, flow in self._flows.items():
            funder, recipient, year, programme, action_id, currency, extra = key
            amount = round(flow.amount, 2)
            if amount <= 0:
                reason = (
                    "zero amount (after netting corrections)"
                    if amount == 0
                    else "negative amount (corrections exceed the grant)"
                )
                entry = dropped.setdefault(
                    reason, {"reason": reason, "rows": 0, "amount": 0.0, "examples": ""}
                )
                entry["rows"] += flow.rows
                entry["amount"] = round(entry["amount"] + amount, 2)
                if not entry["examples"]:
                    entry["examples"] = f"{funder} -> {recipient} {year}"
                continue
            if flow.negative_rows:
                self.styles["amounts"]["flows corrected by negative rows"] += 1
            row = {
                "funder_id": funder,
                "recipient_id": recipient,
                "amount": amount,
                "year": year,
                "action_id": action_id,
                "programme": programme,
                "currency": currency,
                "source_rows": flow.rows,
            }
            row.update(dict(extra))
            rows.append(row)
        columns = [
            "funder_id",
            "recipient_id",
            "amount",
            "year",
            "action_id",
            "programme",
            "currency",
            "source_rows",
            *self._flow_extra_columns,
        ]
        frame = pd.DataFrame(rows, columns=columns)
        if not frame["currency"].astype(str).str.len().any():
            frame = frame.drop(columns=["currency"])
        return frame, list(dropped.values())
