"""Grants published in the 360Giving Data Standard (JSON package or flattened CSV/XLSX).

Field names follow the standard (standard.threesixtygiving.org): in JSON a
package ``{"grants": [...]}`` whose grants carry ``id``, ``title``,
``amountAwarded``, ``currency``, ``awardDate``, ``plannedDates`` and the
arrays ``fundingOrganization``, ``recipientOrganization``,
``grantProgramme`` and ``beneficiaryLocation`` (objects with ``id``/``name``,
``code``/``title``, ``name``/``geoCode``), or a ``recipientIndividual`` object
for a grant to a person. In spreadsheets the flattened titles of the standard
and of GrantNav's export: ``Identifier``, ``Amount Awarded``, ``Currency``,
``Award Date``, ``Planned Dates:Start Date``, ``Recipient Org:Identifier``,
``Recipient Org:Name``, ``Recipient Org:Charity Number``, ``Recipient
Org:Company Number``, ``Recipient Ind:Identifier`` or ``Recipient Individual
Id``, ``Funding Org:Identifier``, ``Funding Org:Name``, ``Grant
Programme:Title`` and ``Beneficiary Location:Name`` or ``Beneficiary
Location:0:Name``.

Organisations are identified by their 360Giving organisation identifiers
(``GB-CHC-1234567``); placeholder identifiers (``DUMMY01``, ``…-n/a``,
``GB-REV``) are read as missing and the name decides. Grants become funding
flows in the year of the award date (the planned start date when there is no
award date), with their currency. The standard records no joint work, so
there are no joint actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphtool.errors import ImportSourceError
from graphtool.ingest.importers.builder import PERSON, DatasetBuilder, ImportResult
from graphtool.ingest.importers.currencies import RateTable, currency_code
from graphtool.ingest.importers.detect import suggestion
from graphtool.ingest.importers.normalise import (
    AmountError,
    DateError,
    clean_name,
    is_placeholder,
    is_placeholder_id,
    parse_amount,
    parse_date,
)
from graphtool.ingest.importers.sources import read_json, read_source_table, source_suffix
from graphtool.progress import SILENT, Progress

KIND = "360giving"

#: Spreadsheet column titles (the standard's, then GrantNav's) -> the grant fields used here.
COLUMN_TITLES: dict[str, tuple[str, ...]] = {
    "id": ("Identifier",),
    "amount": ("Amount Awarded",),
    "currency": ("Currency",),
    "date": ("Award Date",),
    "planned_start": ("Planned Dates:Start Date", "Planned Dates:0:Start Date"),
    "planned_end": ("Planned Dates:End Date", "Planned Dates:0:End Date"),
    "recipient_id": ("Recipient Org:Identifier", "Recipient Org:0:Identifier"),
    "recipient_name": ("Recipient Org:Name", "Recipient Org:0:Name"),
    "charity_number": ("Recipient Org:Charity Number", "Recipient Org:0:Charity Number"),
    "company_number": ("Recipient Org:Company Number", "Recipient Org:0:Company Number"),
    "individual_id": ("Recipient Ind:Identifier", "Recipient Individual Id"),
    "funder_id": ("Funding Org:Identifier", "Funding Org:0:Identifier"),
    "funder_name": ("Funding Org:Name", "Funding Org:0:Name"),
    "programme": ("Grant Programme:Title", "Grant Programme:0:Title"),
    "location": ("Beneficiary Location:Name", "Beneficiary Location:0:Name"),
}
REQUIRED_TITLES = ("amount", "date", "funder_id", "funder_name")
#: JSON field of each grant field, for messages.
JSON_FIELDS = {
    "amount": "amountAwarded",
    "date": "awardDate",
    "currency": "currency",
    "planned_start": "plannedDates/startDate",
}


def import_360giving(
    files: list[Path],
    mapping: dict[str, Any] | None = None,
    *,
    progress: Progress = SILENT,
    strict: bool = False,
    rates: RateTable | None = None,
) -> ImportResult:
    """Import 360Giving files: ``.json`` packages, ``.csv`` or ``.xlsx`` with the standard titles.

    Parameters
    ----------
    files
        One or more files, mixed formats allowed, gzipped or not.
    mapping
        Optional; only its ``[types]`` (type overrides) is used.
    progress
        Reports the grants read per file.
    strict
        Refuse the whole import when any value cannot be read.
    rates
        Convert amounts with this rate table (:mod:`.currencies`).

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportSourceError
        When a file cannot be read or is not 360Giving data; with ``strict``
        also when values cannot be read (every one is listed, by line for
        spreadsheets and by record number for JSON).
    """
    builder = DatasetBuilder(
        KIND,
        [str(f) for f in files],
        (mapping or {}).get("types", {}),
        strict=strict,
        rates=rates,
        id_scheme="org-id",
    )
    for path in map(Path, files):
        if source_suffix(path) == ".json":
            label, grants = path.name, _grants_from_json(path)
        else:
            label, grants = _grants_from_table(path)
        progress.step(f"reading {label}")
        for where, grant in progress.iterate(grants, f"grants of {label}", len(grants)):
            builder.rows_read += 1
            _read_grant(builder, label, where, grant)
    return builder.finish()


def _first(value: Any) -> dict[str, Any]:
    """The first object of a 360Giving array field (or the object itself)."""
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else {}
    return value if isinstance(value, dict) else {}


def _grants_from_json(path: Path) -> list[tuple[tuple[str, int], dict[str, Any]]]:
    data = read_json(path)
    grants = data.get("grants") if isinstance(data, dict) else data
    if not isinstance(grants, list):
        raise ImportSourceError(
            f'{path.name}: not a 360Giving package (no "grants" list)',
            hint='a 360Giving JSON file looks like {"grants": [{"id": ..., "amountAwarded": ...}]}',
        )
    result: list[tuple[tuple[str, int], dict[str, Any]]] = []
    for number, grant in enumerate(grants, start=1):
        if not isinstance(grant, dict):
            raise ImportSourceError(f"{path.name}, record {number}: the grant is not an object")
        recipient = _first(grant.get("recipientOrganization"))
        funder = _first(grant.get("fundingOrganization"))
        individual = grant.get("recipientIndividual") or {}
        planned = _first(grant.get("plannedDates"))
        locations = grant.get("beneficiaryLocation") or []
        result.append(
            (
                ("record", number),
                {
                    "id": grant.get("id", ""),
                    "amount": grant.get("amountAwarded", ""),
                    "currency": grant.get("currency", ""),
                    "date": grant.get("awardDate", ""),
                    "planned_start": planned.get("startDate", ""),
                    "recipient_id": recipient.get("id", ""),
                    "recipient_name": recipient.get("name", ""),
                    "charity_number": recipient.get("charityNumber", ""),
                    "company_number": recipient.get("companyNumber", ""),
                    "individual_id": _first(individual).get("id", "") if individual else "",
                    "funder_id": funder.get("id", ""),
                    "funder_name": funder.get("name", ""),
                    "funders": len(grant.get("fundingOrganization") or []),
                    "programme": _first(grant.get("grantProgramme")).get("title", ""),
                    "location": "; ".join(
                        str(loc.get("name", "")) for loc in locations if isinstance(loc, dict)
                    ),
                },
            )
        )
    return result


def _grants_from_table(path: Path) -> tuple[str, list[tuple[tuple[str, int], dict[str, Any]]]]:
    table = read_source_table(path)
    index = {field: table.column_index(*titles) for field, titles in COLUMN_TITLES.items()}
    missing = [COLUMN_TITLES[f][0] for f in REQUIRED_TITLES if index[f] is None]
    if index["recipient_id"] is None and index["recipient_name"] is None:
        missing.append(COLUMN_TITLES["recipient_name"][0])
    if missing:
        raise ImportSourceError(
            f"{table.label}: not a 360Giving spreadsheet, missing column(s) "
            + ", ".join(repr(m) for m in missing),
            hint=suggestion(path, KIND)
            or "360Giving files use the standard's column titles "
            "(standard.threesixtygiving.org); for other registers use "
            "`graphtool import subsidy-register --mapping FILE`",
        )
    grants: list[tuple[tuple[str, int], dict[str, Any]]] = []
    for line, row in zip(table.lines, table.rows, strict=True):
        grants.append((("line", line), {"funders": 1, **table.pick(row, index)}))
    return table.label, grants


def _read_grant(builder: DatasetBuilder, label: str, where: tuple[str, int], grant: dict) -> None:
    unit, number = where
    example = f"{label}:{number} {grant['id']}".strip()
    if unit == "record":
        example = f"{label} record {number} {grant['id']}".strip()
        column_of = JSON_FIELDS
    else:
        column_of = {f: COLUMN_TITLES[f][0] for f in JSON_FIELDS}

    def problem(field: str, code: str, message: str, **money: Any) -> None:
        builder.problem(
            label,
            number if unit == "line" else None,
            column_of[field],
            grant[field],
            code,
            message,
            record=number if unit == "record" else None,
            **money,
        )

    currency = currency_code(grant["currency"])
    if currency is None:
        problem(
            "currency",
            "bad-currency",
            "not a currency code (such as GBP): the grant's fields may be shifted",
        )
        return
    try:
        amount, style = parse_amount(grant["amount"])
    except AmountError as exc:
        problem(
            "amount", "bad-amount", f"{exc}; the grant's fields may be shifted", currency=currency
        )
        return
    try:
        when, fmt = parse_date(grant["date"], serials=False)
        if when is None and grant.get("planned_start"):
            when, fmt = parse_date(grant["planned_start"], serials=False)
            fmt = f"{fmt} (planned start date: no award date)"
    except DateError as exc:
        field = "date" if grant["date"] not in ("", None) else "planned_start"
        problem(field, "bad-date", str(exc), amount=amount, currency=currency)
        return
    builder.count("amounts", style)
    recipient_name = clean_name(grant["recipient_name"])
    recipient_id = clean_name(grant["recipient_id"])
    if amount is None:
        builder.skip("no amount", example=example)
        return
    if grant["individual_id"]:
        builder.skip(PERSON, amount=amount, currency=currency, example=example)
        return
    reason = builder.left_out_recipient(recipient_name)
    if reason is not None and (is_placeholder_id(recipient_id) or reason == PERSON):
        builder.skip(reason, amount=amount, currency=currency, example=example)
        return
    if when is None:
        builder.skip("no award date", amount=amount, currency=currency, example=example)
        return
    builder.count("dates", fmt)
    funder_id = clean_name(grant["funder_id"])
    funder_name = clean_name(grant["funder_name"])
    if is_placeholder_id(funder_id) and is_placeholder(funder_name):
        builder.skip("no funder", amount=amount, currency=currency, example=example)
        return
    if grant["funders"] > 1:
        builder.count("grants", "co-funded: first funding organisation kept")
    funder = builder.organisation(funder_name, id=funder_id or None)
    extra = {
        "charity_number": clean_name(grant.get("charity_number", "")),
        "company_number": clean_name(grant.get("company_number", "")),
    }
    recipient = builder.organisation(recipient_name, id=recipient_id or None, extra=extra)
    builder.flow(
        funder,
        recipient,
        amount,
        when.year,
        programme=clean_name(grant["programme"]),
        currency=currency,
        extra={"beneficiary_location": clean_name(grant.get("location", ""))},
        grant=clean_name(grant["id"]),
        where=example,
    )
