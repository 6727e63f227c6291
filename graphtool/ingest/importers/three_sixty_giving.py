"""Grants published in the 360Giving Data Standard (JSON package or flattened CSV/XLSX).

Field names follow the standard (standard.threesixtygiving.org): in JSON a
package ``{"grants": [...]}`` whose grants carry ``id``, ``title``,
``amountAwarded``, ``currency``, ``awardDate`` and the arrays
``fundingOrganization``, ``recipientOrganization`` and ``grantProgramme``
(objects with ``id``/``name`` and ``code``/``title``), or a
``recipientIndividual`` object for a grant to a person; in spreadsheets the
column titles ``Identifier``, ``Title``, ``Amount Awarded``, ``Currency``,
``Award Date``, ``Recipient Org:Identifier``, ``Recipient Org:Name``,
``Recipient Ind:Identifier``, ``Funding Org:Identifier``, ``Funding Org:Name``
and ``Grant Programme:Title``.

Organisations are identified by their 360Giving organisation identifiers
(``GB-CHC-1234567``); grants become funding flows in the year of the award
date, with their currency. The standard records no joint work, so there are
no joint actions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphtool.errors import ImportSourceError
from graphtool.ingest.importers.builder import DatasetBuilder, ImportResult
from graphtool.ingest.importers.normalise import (
    AmountError,
    DateError,
    clean_name,
    is_placeholder,
    is_private_person,
    parse_amount,
    parse_date,
)
from graphtool.ingest.importers.sources import read_json, read_source_table
from graphtool.progress import SILENT, Progress

KIND = "360giving"

#: Spreadsheet column titles of the standard -> the grant fields used here.
COLUMN_TITLES = {
    "id": "Identifier",
    "amount": "Amount Awarded",
    "currency": "Currency",
    "date": "Award Date",
    "recipient_id": "Recipient Org:Identifier",
    "recipient_name": "Recipient Org:Name",
    "individual_id": "Recipient Ind:Identifier",
    "funder_id": "Funding Org:Identifier",
    "funder_name": "Funding Org:Name",
    "programme": "Grant Programme:Title",
}
REQUIRED_TITLES = ("amount", "date", "funder_id", "funder_name")


def import_360giving(
    files: list[Path], mapping: dict[str, Any] | None = None, *, progress: Progress = SILENT
) -> ImportResult:
    """Import 360Giving files: ``.json`` packages, ``.csv`` or ``.xlsx`` with the standard titles.

    Parameters
    ----------
    files
        One or more files, mixed formats allowed.
    mapping
        Optional; only its ``[types]`` (type overrides) is used.
    progress
        Reports the grants read per file.

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportSourceError
        When a file cannot be read, is not 360Giving data, or has values that
        cannot be read (every one is listed).
    """
    builder = DatasetBuilder(KIND, [str(f) for f in files], (mapping or {}).get("types", {}))
    for path in map(Path, files):
        if path.suffix.lower() == ".json":
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


def _grants_from_json(path: Path) -> list[tuple[int | None, dict[str, Any]]]:
    data = read_json(path)
    grants = data.get("grants") if isinstance(data, dict) else data
    if not isinstance(grants, list):
        raise ImportSourceError(
            f'{path.name}: not a 360Giving package (no "grants" list)',
            hint='a 360Giving JSON file looks like {"grants": [{"id": ..., "amountAwarded": ...}]}',
        )
    result: list[tuple[int | None, dict[str, Any]]] = []
    for number, grant in enumerate(grants, start=1):
        if not isinstance(grant, dict):
            raise ImportSourceError(f"{path.name}: grant {number} is not an object")
        recipient = _first(grant.get("recipientOrganization"))
        funder = _first(grant.get("fundingOrganization"))
        individual = grant.get("recipientIndividual") or {}
        result.append(
            (
                number,
                {
                    "id": grant.get("id", ""),
                    "amount": grant.get("amountAwarded", ""),
                    "currency": grant.get("currency", ""),
                    "date": grant.get("awardDate", ""),
                    "recipient_id": recipient.get("id", ""),
                    "recipient_name": recipient.get("name", ""),
                    "individual_id": _first(individual).get("id", "") if individual else "",
                    "funder_id": funder.get("id", ""),
                    "funder_name": funder.get("name", ""),
                    "funders": len(grant.get("fundingOrganization") or []),
                    "programme": _first(grant.get("grantProgramme")).get("title", ""),
                },
            )
        )
    return result


def _grants_from_table(path: Path) -> tuple[str, list[tuple[int | None, dict[str, Any]]]]:
    table = read_source_table(path)
    index = {field: table.column_index(title) for field, title in COLUMN_TITLES.items()}
    missing = [COLUMN_TITLES[f] for f in REQUIRED_TITLES if index[f] is None]
    if index["recipient_id"] is None and index["recipient_name"] is None:
        missing.append(COLUMN_TITLES["recipient_name"])
    if missing:
        raise ImportSourceError(
            f"{table.label}: not a 360Giving spreadsheet, missing column(s) "
            + ", ".join(repr(m) for m in missing),
            hint="360Giving files use the standard's column titles "
            "(standard.threesixtygiving.org); for other registers use "
            "`graphtool import subsidy-register --mapping FILE`",
        )
    grants: list[tuple[int | None, dict[str, Any]]] = []
    for line, row in zip(table.lines, table.rows, strict=True):
        grants.append((line, {"funders": 1, **table.pick(row, index)}))
    return table.label, grants


def _read_grant(builder: DatasetBuilder, label: str, line: int | None, grant: dict) -> None:
    where = f"{label}:{line} {grant['id']}".strip()
    column_of = (
        COLUMN_TITLES
        if not label.endswith(".json")
        else {"amount": "amountAwarded", "date": "awardDate"}
    )
    try:
        amount, style = parse_amount(grant["amount"])
    except AmountError as exc:
        builder.problem(label, line, column_of["amount"], grant["amount"], "bad-amount", str(exc))
        return
    try:
        when, fmt = parse_date(grant["date"])
    except DateError as exc:
        builder.problem(label, line, column_of["date"], grant["date"], "bad-date", str(exc))
        return
    builder.count("amounts", style)
    recipient_name = clean_name(grant["recipient_name"])
    recipient_id = clean_name(grant["recipient_id"])
    if amount is None:
        builder.skip("no amount", example=where)
        return
    if grant["individual_id"] or (not recipient_id and is_private_person(recipient_name)):
        builder.skip("private person", amount=amount, example=where)
        return
    if not recipient_id and is_placeholder(recipient_name):
        builder.skip("placeholder recipient", amount=amount, example=where)
        return
    if when is None:
        builder.skip("no award date", amount=amount, example=where)
        return
    builder.count("dates", fmt)
    funder_id = clean_name(grant["funder_id"])
    funder_name = clean_name(grant["funder_name"])
    if not funder_id and is_placeholder(funder_name):
        builder.skip("no funder", amount=amount, example=where)
        return
    if grant["funders"] > 1:
        builder.count("grants", "co-funded: first funding organisation kept")
    funder = builder.organisation(funder_name, id=funder_id or None)
    recipient = builder.organisation(recipient_name, id=recipient_id or None)
    builder.flow(
        funder,
        recipient,
        amount,
        when.year,
        programme=clean_name(grant["programme"]),
        currency=clean_name(grant["currency"]).upper(),
    )
