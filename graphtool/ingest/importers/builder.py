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
from graphtool.ingest.importers.currencies import RateTable
from graphtool.ingest.importers.normalise import (
    canonical_name,
    clean_name,
    explain_type,
    is_bare_legal_form,
    is_placeholder,
    is_placeholder_id,
    is_private_person,
    name_key,
    slug,
)
from graphtool.model import ROLES, sector_of

#: When one organisation appears twice in an action, the stronger role is kept.
ROLE_STRENGTH = {"lead": 0, "funder": 1, "partner": 2, "contractor": 3, "participant": 4}
#: How many problems an error lists before it says "and N more".
MAX_PROBLEMS = 50
#: How many examples the report keeps per kind of skipped row.
MAX_EXAMPLES = 3
#: How many unreadable values the report lists one by one.
MAX_UNREADABLE_LISTED = 20
#: Why a recipient is not an organisation -> the reason its money is reported under.
PERSON = "private person"
PERSON_LEGAL_FORM = "private person (a bare legal form, the name masked)"
PLACEHOLDER = "placeholder recipient"


@dataclass
class ImportResult:
    """What an importer produced: the dataset tables and the report of what it did."""

    tables: dict[str, pd.DataFrame]
    report: dict[str, Any]
    #: What a user must see even when the import succeeds (unused overrides, rows left out).
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Organisation:
    id: str
    names: Counter = field(default_factory=Counter)
    type: str = ""
    type_source: str = ""
    sector: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    #: Where the id comes from: the source's identifier scheme ("org-id", "pic",
    #: "NL-KVK", ...), "mapping" (an id the mapping gives) or "name" (made from the name).
    id_scheme: str = "name"


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
        *,
        strict: bool = False,
        rates: RateTable | None = None,
        id_scheme: str = "source",
    ) -> None:
        self.source = source
        self.id_scheme = id_scheme
        self.files = files
        self.strict = strict
        self.rates = rates
        self._grant_keys: dict[str, list[tuple]] = defaultdict(list)
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
        scheme: str | None = None,
    ) -> str:
        """Register an organisation (or one more mention of it); returns its id.

        With an ``id`` the source's identifier decides identity and the names
        seen are variants of it (``scheme`` names the identifier scheme, by
        default the builder's); without one, or with a placeholder identifier
        (``DUMMY01``), the name key decides and the id is made from it.
        """
        display = clean_name(name)
        if id is not None and is_placeholder_id(id):
            if clean_name(id):
                self.count("identifiers", "placeholder identifier read as missing")
            id = None
        id_scheme = scheme or self.id_scheme
        if id is None:
            key = name_key(display) or canonical_name(display)
            org_id = self._id_of_key.get(key)
            if org_id is None:
                org_id = self._unique_id(slug(canonical_name(display)))
                self._id_of_key[key] = org_id
            id_scheme = "name"
        else:
            org_id = str(id).strip()
            # later mentions by name alone (a register naming the funder as a
            # recipient) resolve to this organisation
            self._id_of_key.setdefault(name_key(display), org_id)
        org = self._orgs.get(org_id)
        if org is None:
            org = self._orgs[org_id] = _Organisation(org_id, id_scheme=id_scheme)
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
        grant: str = "",
        where: str = "",
    ) -> None:
        """Add money from one source row to the flow it belongs to.

        Rows with the same funder, recipient, year, programme, action, currency
        and extra properties make one flow; a negative row (a correction) is
        netted against the others. ``grant`` links rows of one grant booked in
        different years: a correction in a later year is netted against the
        grant's flow of its first year (see :meth:`finish`).
        """
        if funder_id == recipient_id:
            self.skip(
                "funder and recipient are one organisation (a self-loop)",
                amount=amount,
                currency=currency,
                example=where or f"{funder_id} {year}",
            )
            return
        extra = dict(extra or {})
        for column in extra:
            if column not in self._flow_extra_columns:
                self._flow_extra_columns.append(column)
        # the grant is part of the key until corrections are netted (finish drops it)
        key = (
            funder_id,
            recipient_id,
            int(year),
            programme,
            action_id,
            currency,
            tuple(sorted(extra.items())),
            grant,
        )
        flow = self._flows[key]
        flow.amount += amount
        flow.rows += 1
        if grant:
            self._grant_keys[grant].append(key)
        if amount < 0:
            flow.negative_rows += 1
            self.styles["amounts"]["negative rows"] += 1

    # --- the account -----------------------------------------------------------

    def skip(
        self,
        reason: str,
        *,
        amount: float | None = None,
        currency: str = "",
        example: str = "",
    ) -> None:
        """Count a source row left out (private person, placeholder, no amount...).

        Money left out is counted per currency, like the money imported.
        """
        entry = self._skipped.setdefault(
            f"{reason}\0{currency}",
            {"reason": reason, "currency": currency, "rows": 0, "amount": 0.0, "examples": []},
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
        *,
        record: int | None = None,
        amount: float | None = None,
        currency: str = "",
    ) -> None:
        """Record a value that cannot be read; its row is left out.

        With ``strict`` :meth:`finish` raises them all at once and nothing is
        written; otherwise the row is reported as left out, with its
        ``amount`` when that much could be read.
        """
        problem = Problem(
            file,
            code,
            message,
            line=line,
            column=column,
            value=None if value is None else str(value),
            record=record,
        )
        self.problems.append(problem)
        where = f"{file}:{line}" if line is not None else f"{file} record {record}"
        self.skip(
            f"unreadable value ({code})",
            amount=amount,
            currency=currency,
            example=f"{where} {column}={value!r}",
        )

    def left_out_recipient(self, name: object) -> str | None:
        """Why a recipient name is no organisation (a reason for :meth:`skip`), or ``None``.

        A masked private person (``(Particulier)``, ``Eenmanszaak``, ``*****``)
        and a bare legal form (``Stichting``: a register that masks the name of
        a person leaves its legal form) count as private persons; ``onbekend``,
        ``n.v.t.`` and empty names as placeholders.
        """
        if is_private_person(name):
            return PERSON
        if is_placeholder(name):
            return PLACEHOLDER
        if is_bare_legal_form(name):
            return PERSON_LEGAL_FORM
        return None

    def count(self, kind: str, style: str) -> None:
        """Count how a value was written (``count("dates", "dd-mm-yyyy")``)."""
        self.styles[kind][style] += 1

    # --- the result ------------------------------------------------------------

    def finish(self) -> ImportResult:
        """The dataset tables and the report.

        Values that could not be read leave their rows out and are reported
        (``unreadable`` section, counts and money under ``skipped``); with
        ``strict`` they raise instead and nothing is written.

        Raises
        ------
        ImportSourceError
            With ``strict``, listing every unreadable value (file, line or
            record, column, value).
        """
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > len(shown):
            shown.append(f"... and {len(self.problems) - len(shown)} more")
        if self.problems and self.strict:
            noun = "value" if len(self.problems) == 1 else "values"
            raise ImportSourceError(
                f"{self.source}: {len(self.problems)} {noun} cannot be read, nothing was written "
                "(--strict)\n" + "\n".join(shown),
                hint="correct the source file, or map the right columns in the mapping file "
                "(graphtool help importers); without --strict such rows are left out and reported",
            )
        self._net_corrections_across_years()
        funding, dropped = self._funding_table()
        participants = {o for _, o in self._participations}
        used = set(funding["funder_id"]) | set(funding["recipient_id"]) | participants
        unused_orgs = [o for o in self._orgs if o not in used]
        if unused_orgs:
            self.notes.append(
                f"{len(unused_orgs)} organisation(s) whose only rows were €0 (or netted to €0) "
                "were not created: "
                + ", ".join(unused_orgs[:10])
                + (" ..." if len(unused_orgs) > 10 else "")
            )
        organisations, merges, types, explained = self._organisation_table(used)
        if organisations.empty:
            reasons = "; ".join(
                f"{e['rows']} {e['reason']}" for e in [*self._skipped.values(), *dropped]
            )
            raise ImportSourceError(
                f"{self.source}: nothing to import, every one of the {self.rows_read} rows "
                f"was left out ({reasons or 'no rows'}), nothing was written"
                + "".join(f"\n{line}" for line in shown),
                hint="check that the mapping names the right columns (graphtool help importers)",
            )
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
        warnings: list[str] = []
        unused = sorted(set(self._overrides) - self._used_overrides)
        if unused:
            text = (
                f"{len(unused)} of {len(self._overrides)} type overrides match no organisation: "
                + ", ".join(repr(u) for u in unused)
            )
            self.notes.append(text)
            warnings.append(text + " (check their spelling against the register's names)")
        summary: dict[str, Any] = {
            "source": self.source,
            "files": ", ".join(self.files),
            "rows read": self.rows_read,
            "organisations": len(organisations),
            "joint actions": len(tables["joint_actions"]),
            "participations": len(tables["participations"]),
            "funding flows": len(funding),
        }
        summary.update(money_totals(funding, "amount in flows"))
        skipped = [
            {
                "reason": e["reason"],
                "currency": e["currency"],
                "rows": e["rows"],
                "amount": round(e["amount"], 2),
                "examples": "; ".join(e["examples"]),
            }
            for e in self._skipped.values()
        ]
        skipped += dropped
        if not any(e["currency"] for e in skipped):
            for e in skipped:
                del e["currency"]
        left_out_rows = sum(e["rows"] for e in skipped if e["reason"].startswith("unreadable"))
        if left_out_rows:
            warnings.append(
                f"{left_out_rows} row(s) left out: values that cannot be read, "
                f"first {self.problems[0]}; every reason and the money left out are in the "
                "report; --strict refuses the whole import instead"
            )
        report: dict[str, Any] = {
            "import": summary,
            "skipped": skipped,
            "unreadable": [
                {
                    "file": p.file,
                    "line": p.line if p.line is not None else "",
                    "record": p.record if p.record is not None else "",
                    "column": p.column or "",
                    "value": p.value if p.value is not None else "",
                    "code": p.code,
                    "problem": p.message,
                }
                for p in self.problems[:MAX_UNREADABLE_LISTED]
            ],
            "values": [
                {"kind": kind, "written as": style, "count": n}
                for kind, counter in sorted(self.styles.items())
                for style, n in sorted(counter.items())
            ],
            "merged names": merges,
            "types": types,
            "type explanations": explained,
            "notes": [{"note": n} for n in self.notes],
        }
        return ImportResult(tables, report, warnings)

    def _net_corrections_across_years(self) -> None:
        """Net a grant's negative flows of later years against the grant's first positive flow,
        then merge the flows of different grants that share funder, recipient, year and
        the rest of the key."""
        moved = 0
        for keys in self._grant_keys.values():
            keys = list(dict.fromkeys(keys))
            positive = [k for k in keys if self._flows[k].amount > 0]
            if not positive:
                continue
            target = min(positive, key=lambda k: k[2])
            into = self._flows[target]
            for key in keys:
                flow = self._flows[key]
                if key == target or flow.amount >= 0 or key[2] <= target[2]:
                    continue
                into.amount += flow.amount
                into.rows += flow.rows
                into.negative_rows += flow.negative_rows
                del self._flows[key]
                moved += 1
        if moved:
            self.styles["amounts"]["corrections netted against their grant's first year"] += moved
        merged: dict[tuple, _Flow] = defaultdict(_Flow)
        for key, flow in self._flows.items():
            total = merged[key[:-1]]
            total.amount += flow.amount
            total.rows += flow.rows
            total.negative_rows += flow.negative_rows
        self._flows = merged

    def _type_of(self, org: _Organisation, name: str) -> tuple[str, str, str]:
        keys = {name_key(n) for n in org.names}
        matched = [k for k in self._overrides if k == org.id or name_key(k) in keys]
        if matched:
            self._used_overrides.update(matched)
            return self._overrides[matched[0]], "override", repr(matched[0])
        if org.type:
            return org.type, org.type_source, ""
        kind, rule, words = explain_type(name)
        return kind, ("default" if rule == "default" else f"name: {rule}"), words

    def _organisation_table(
        self, used: set[str]
    ) -> tuple[pd.DataFrame, list[dict], list[dict], list[dict]]:
        rows = []
        merges = []
        explained = []
        type_counts: Counter = Counter()
        type_examples: dict[tuple[str, str], list[str]] = defaultdict(list)
        kept = [org for org in self._orgs.values() if org.id in used]
        extra_columns = sorted({c for org in kept for c in org.extra})
        for org in kept:
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
            kind, source, words = self._type_of(org, name)
            explained.append(
                {"id": org.id, "name": name, "type": kind, "from": source, "matched": words}
            )
            type_counts[(kind, source)] += 1
            if len(type_examples[(kind, source)]) < MAX_EXAMPLES:
                type_examples[(kind, source)].append(name)
            row = {
                "id": org.id,
                "name": name,
                "type": kind,
                "sector": org.sector or sector_of(kind),
                "type_source": source,
                "id_scheme": org.id_scheme,
            }
            row.update({c: org.extra.get(c, "") for c in extra_columns})
            rows.append(row)
        columns = ["id", "name", "type", "sector", "type_source", "id_scheme", *extra_columns]
        frame = pd.DataFrame(rows, columns=columns).sort_values("id", kind="stable")
        types = [
            {"type": k, "from": s, "organisations": n, "examples": "; ".join(type_examples[(k, s)])}
            for (k, s), n in sorted(type_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        explained.sort(key=lambda e: e["id"])
        return frame.reset_index(drop=True), merges, types, explained

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

    def _drop(
        self, dropped: dict, reason: str, currency: str, amount: float, rows: int, example: str
    ) -> None:
        entry = dropped.setdefault(
            (reason, currency),
            {"reason": reason, "currency": currency, "rows": 0, "amount": 0.0, "examples": ""},
        )
        entry["rows"] += rows
        entry["amount"] = round(entry["amount"] + amount, 2)
        if not entry["examples"]:
            entry["examples"] = example

    def _funding_table(self) -> tuple[pd.DataFrame, list[dict]]:
        rows = []
        dropped: dict[tuple[str, str], dict[str, Any]] = {}
        for key, flow in self._flows.items():
            funder, recipient, year, programme, action_id, currency, extra = key
            amount = round(flow.amount, 2)
            example = f"{funder} -> {recipient} {year}"
            if amount <= 0:
                if amount == 0:
                    reason = "zero amount (after netting corrections)"
                elif flow.rows == flow.negative_rows:
                    reason = "correction not linked to a grant (not netted)"
                else:
                    reason = "negative amount (corrections exceed the grant)"
                self._drop(dropped, reason, currency, amount, flow.rows, example)
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
            if self.rates is not None:
                rate = self.rates.rate(currency or self.rates.target, year)
                if rate is None:
                    self._drop(
                        dropped,
                        f"no exchange rate for {currency} in {year} ({self.rates.file})",
                        currency,
                        amount,
                        flow.rows,
                        example,
                    )
                    continue
                row.update(
                    amount=round(amount * rate, 2),
                    currency=self.rates.target,
                    original_amount=amount,
                    original_currency=currency or self.rates.target,
                    rate=rate,
                )
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
        ]
        if self.rates is not None:
            columns += ["original_amount", "original_currency", "rate"]
            self.notes.append(
                f"amounts converted into {self.rates.target} with the rates of {self.rates.file}"
            )
        columns += self._flow_extra_columns
        frame = pd.DataFrame(rows, columns=columns)
        if not frame["currency"].astype(str).str.len().any():
            frame = frame.drop(columns=["currency"])
        return frame, list(dropped.values())


def money_totals(funding: pd.DataFrame, label: str) -> dict[str, float]:
    """Totals of ``funding.amount``, one per currency, never added across currencies.

    One currency (or none given) gives ``{label: total}``; several give
    ``{"label (GBP)": ..., "label (USD)": ...}``.

    >>> money_totals(pd.DataFrame({"amount": [1.0, 2.5]}), "money")
    {'money': 3.5}
    >>> money_totals(pd.DataFrame({"amount": [1.0, 2.0], "currency": ["GBP", "USD"]}), "money")
    {'money (GBP)': 1.0, 'money (USD)': 2.0}
    """
    if not len(funding):
        return {label: 0.0}
    if "currency" not in funding:
        return {label: round(float(funding["amount"].sum()), 2)}
    by = funding.groupby(funding["currency"].fillna("").astype(str))["amount"].sum()
    if len(by) == 1:
        return {label: round(float(by.iloc[0]), 2)}
    return {f"{label} ({c or 'no currency'})": round(float(v), 2) for c, v in by.items()}
