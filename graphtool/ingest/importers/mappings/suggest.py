"""A first mapping for an unknown register, guessed from its column names and values.

``graphtool import subsidy-register FILE --suggest-mapping`` prints it as TOML
to edit: each guessed column carries a comment saying why it was chosen (its
name, or what its values look like) and an example value; columns left
unmapped are listed at the end. Column names are recognised in Dutch
(Amsterdam, Rotterdam, national registers), Flemish and French (Belgian
registers) and English (UK local authority and 360Giving-like layouts).
"""

from __future__ import annotations

import re
from pathlib import Path

from graphtool.ingest.importers.normalise import (
    AmountError,
    DateError,
    parse_amount,
    parse_date,
    strip_accents,
)
from graphtool.ingest.importers.sources import SourceTable, read_source_table

#: Field -> column names that mean it (compared lower-case, without accents,
#: with spaces, underscores, hyphens and dots removed); first field to claim a
#: column wins, in this order.
NAMES: dict[str, tuple[str, ...]] = {
    "recipient_id": (
        "kvk",
        "kvknummer",
        "kvknr",
        "ondernemingsnummer",
        "kbonummer",
        "kbo",
        "numerodentreprise",
        "bce",
        "companynumber",
        "charitynumber",
        "registrationnumber",
        "recipientorgidentifier",
        "recipientid",
    ),
    "recipient": (
        "aanvrager",
        "ontvanger",
        "naamontvanger",
        "begunstigde",
        "naambegunstigde",
        "subsidieontvanger",
        "organisatie",
        "naamorganisatie",
        "beneficiaire",
        "recipient",
        "recipientname",
        "recipientorgname",
        "beneficiary",
        "beneficiaryname",
        "grantee",
        "payee",
        "organisation",
        "organisationname",
        "organization",
        "suppliername",
    ),
    "amount": (
        "bedragverleend",
        "verleend",
        "bedrag",
        "toegekendbedrag",
        "bedragtoegekend",
        "vastgesteldbedrag",
        "subsidiebedrag",
        "verleendbedrag",
        "montant",
        "montantoctroye",
        "amount",
        "amountawarded",
        "grantamount",
        "value",
        "amountgbp",
        "amounteur",
        "totalamount",
        "amountpaid",
    ),
    "year": (
        "subsidiejaar",
        "jaar",
        "boekjaar",
        "begrotingsjaar",
        "year",
        "financialyear",
        "annee",
        "exercice",
    ),
    "date": (
        "datum",
        "besluitdatum",
        "datumbesluit",
        "beschikkingsdatum",
        "toekenningsdatum",
        "date",
        "awarddate",
        "paymentdate",
        "datepaid",
        "dateawarded",
        "datedecision",
    ),
    "programme": (
        "regeling",
        "regelingnaam",
        "subsidieregeling",
        "naamregeling",
        "maatregel",
        "subsidiemaatregel",
        "programma",
        "programme",
        "program",
        "scheme",
        "grantprogramme",
        "grantprogrammetitle",
        "fund",
        "fundname",
        "dispositif",
    ),
    "currency": ("valuta", "munteenheid", "currency", "devise"),
    "department": (
        "organisatieonderdeel",
        "directie",
        "afdeling",
        "dienst",
        "entiteit",
        "beleidsdomein",
        "department",
        "directorate",
        "servicearea",
        "service",
        "administration",
    ),
    "funder": ("verstrekker", "subsidieverstrekker", "funder", "fundingorgname", "bailleur"),
}
#: Identifier columns -> the org-id scheme (org-id.guide) their values belong to.
ID_SCHEMES = {
    "kvk": "NL-KVK",
    "kvknummer": "NL-KVK",
    "kvknr": "NL-KVK",
    "ondernemingsnummer": "BE-BCE_KBO",
    "kbonummer": "BE-BCE_KBO",
    "kbo": "BE-BCE_KBO",
    "numerodentreprise": "BE-BCE_KBO",
    "bce": "BE-BCE_KBO",
    "charitynumber": "GB-CHC",
    "companynumber": "GB-COH",
}
#: How many rows are looked at to judge values.
SAMPLE = 200


def _fold(name: str) -> str:
    return re.sub(r"[\s_\-.:()/]+", "", strip_accents(name).lower())


def _values(table: SourceTable, index: int) -> list[object]:
    return [
        row[index]
        for row in table.rows[:SAMPLE]
        if index < len(row) and str(row[index]).strip() != ""
    ]


def _share(values: list[object], test) -> float:  # noqa: ANN001 - a predicate
    if not values:
        return 0.0
    return sum(1 for v in values if test(v)) / len(values)


def _is_amount(value: object) -> bool:
    try:
        amount, _ = parse_amount(value)
    except AmountError:
        return False
    return amount is not None


def _is_year(value: object) -> bool:
    text = str(value).strip().removesuffix(".0")
    return text.isdigit() and 1990 <= int(text) <= 2100


def _is_date(value: object) -> bool:
    try:
        when, fmt = parse_date(value, serials=False)
    except DateError:
        return False
    return when is not None and fmt != "year"


def guess_columns(table: SourceTable) -> dict[str, tuple[str, str]]:
    """Field -> (column, why) for the register ``table``: by name first, then by values."""
    chosen: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    folded = [_fold(h) for h in table.header]
    for field, names in NAMES.items():
        for name in names:
            if name in folded and table.header[folded.index(name)] not in used:
                column = table.header[folded.index(name)]
                chosen[field] = (column, "its name")
                used.add(column)
                break
    free = [(i, h) for i, h in enumerate(table.header) if h and h not in used]
    if "year" not in chosen and "date" not in chosen:
        for i, header in free:
            values = _values(table, i)
            if _share(values, _is_year) > 0.9:
                chosen["year"] = (header, "its values: years")
                break
            if _share(values, _is_date) > 0.9:
                chosen["date"] = (header, "its values: dates")
                break
    used |= {c for c, _ in chosen.values()}
    if "amount" not in chosen:
        for i, header in free:
            values = _values(table, i)
            if header not in used and not _share(values, _is_year) > 0.5:
                if _share(values, _is_amount) > 0.9:
                    chosen["amount"] = (header, "its values: amounts")
                    used.add(header)
                    break
    if "recipient" not in chosen:
        best, best_unique = None, 0
        for i, header in free:
            values = _values(table, i)
            if header in used or _share(values, _is_amount) > 0.5:
                continue
            unique = len({str(v) for v in values})
            if unique > best_unique:
                best, best_unique = header, unique
        if best is not None:
            chosen["recipient"] = (best, "its values: the most varied text")
    return chosen


def _example(table: SourceTable, column: str) -> str:
    values = _values(table, table.header.index(column))
    return str(values[0]) if values else ""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def suggest_mapping(path: str | Path, *, sheet: str | None = None) -> str:
    """A TOML mapping for the register at ``path``, guessed, with comments, to edit.

    The text loads as a mapping (``load_mapping``) once the funder's name is
    right; fields that could not be guessed are left as comments.

    Examples
    --------
    >>> print(suggest_mapping("subsidies.csv"))  # doctest: +SKIP
    """
    path = Path(path)
    table = read_source_table(path, sheet=sheet)
    chosen = guess_columns(table)
    lines = [
        f"# A mapping guessed from the columns and values of {path.name}: check every line.",
        "# Format: graphtool help importers. Use it with:",
        f"#   graphtool import subsidy-register {path.name} --mapping THIS.toml -o DIR",
        "",
        "[register]",
        f"name = {_quote(path.stem)}",
    ]
    if sheet:
        lines.append(f"sheet = {_quote(sheet)}")
    if "recipient_id" in chosen and _fold(chosen["recipient_id"][0]) in ID_SCHEMES:
        scheme = ID_SCHEMES[_fold(chosen["recipient_id"][0])]
        lines.append(f"id_scheme = {_quote(scheme)}  # the recipient ids are {scheme} numbers")
    lines += ["", "[funder]"]
    if "funder" in chosen:
        column, why = chosen["funder"]
        lines.append(
            f"column = {_quote(column)}  # recognised by {why}; e.g. {_example(table, column)!r}"
        )
    else:
        lines += [
            "# EDIT: who pays every grant of this register (one funder), e.g. the municipality",
            f"name = {_quote('Funder of ' + path.stem)}",
            '# type = "municipality"',
        ]
    lines += ["", "[columns]"]
    for field in ("recipient", "recipient_id", "amount", "year", "date", "programme", "currency"):
        if field in chosen:
            column, why = chosen[field]
            example = _example(table, column)
            lines.append(f"{field} = {_quote(column)}  # recognised by {why}; e.g. {example!r}")
        elif field in ("recipient", "amount") or (field == "year" and "date" not in chosen):
            lines.append(f'# {field} = "..."  # EDIT: required, no column recognised')
    if "department" in chosen:
        column, why = chosen["department"]
        example = _example(table, column)
        lines += [
            "",
            "# The part of the funder that granted it: kept on each flow, not an organisation.",
            "[flow_properties]",
            f"department = {_quote(column)}  # recognised by {why}; e.g. {example!r}",
        ]
    mapped = {c for c, _ in chosen.values()}
    rest = [h for h in table.header if h and h not in mapped]
    if rest:
        lines += ["", "# Columns not mapped: " + ", ".join(rest)]
    lines += [
        "",
        "# Type overrides by organisation name or id, e.g.",
        "[types]",
        '# "Stichting Voorbeeld" = "welfare"',
    ]
    return "\n".join(lines) + "\n"
