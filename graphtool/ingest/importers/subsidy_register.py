"""Grant registers (municipal or national subsidy registers) through a TOML mapping.

Each row is a grant: a funder (fixed in the mapping, or a column), a
recipient, an amount, a year (or a date) and optionally a programme. Grants
become funding flows; a register says nothing about who works with whom, so
the dataset has no joint actions (making each programme an action would tie
every recipient of a large programme to every other one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphtool.errors import ConfigError, ImportSourceError
from graphtool.ingest.importers.builder import DatasetBuilder, ImportResult
from graphtool.ingest.importers.currencies import RateTable, currency_code
from graphtool.ingest.importers.detect import suggestion
from graphtool.ingest.importers.normalise import (
    AmountError,
    DateError,
    check_type,
    clean_name,
    is_placeholder,
    parse_amount,
    parse_date,
)
from graphtool.ingest.importers.sources import read_source_table
from graphtool.progress import SILENT, Progress

KIND = "subsidy-register"


def import_subsidy_register(
    files: list[Path],
    mapping: dict[str, Any],
    *,
    progress: Progress = SILENT,
    strict: bool = False,
    rates: RateTable | None = None,
) -> ImportResult:
    """Import one or more register files (CSV or XLSX) described by ``mapping``.

    Parameters
    ----------
    files
        Register files with the same columns (e.g. one per year).
    mapping
        A mapping as read by :func:`graphtool.ingest.importers.mappings.load_mapping`.
    progress
        Reports the rows read per file.

    Returns
    -------
    ImportResult

    Raises
    ------
    ConfigError
        When the mapping lacks a required column or funder.
    ImportSourceError
        When a file cannot be read, a mapped column is missing from it, or
        values cannot be read (every such value is listed).
    """
    columns = dict(mapping.get("columns", {}))
    funder = dict(mapping.get("funder", {}))
    register = dict(mapping.get("register", {}))
    flow_properties = dict(mapping.get("flow_properties", {}))
    _check(columns, funder)
    builder = DatasetBuilder(
        KIND,
        [str(f) for f in files],
        mapping.get("types", {}),
        strict=strict,
        rates=rates,
        id_scheme=register.get("id_scheme", "register"),
    )
    fixed_funder = None
    if "column" not in funder:
        fixed_funder = builder.organisation(
            funder["name"],
            id=funder.get("id"),
            type=check_type(funder["type"], "[funder] type") if funder.get("type") else "",
            type_source="mapping",
            sector=funder.get("sector", ""),
            scheme="mapping",
        )
    default_currency = register.get("currency", "")
    for path in files:
        table = read_source_table(Path(path), sheet=register.get("sheet"))
        builder.notes.extend(table.notes)
        wanted = (
            {f"columns.{k}": v for k, v in columns.items() if v}
            | {f"funder.{k}": funder[k] for k in ("column", "id_column") if funder.get(k)}
            | {f"flow_properties.{k}": v for k, v in flow_properties.items()}
        )
        missing = [(k, v) for k, v in wanted.items() if table.column_index(v) is None]
        if missing:
            other = suggestion(Path(path), KIND)
            raise ImportSourceError(
                f"{table.label}: mapped column(s) not found: "
                + ", ".join(f"{v!r} ({k})" for k, v in missing),
                hint=other
                or "the file's columns are: "
                + ", ".join(repr(h) for h in table.header)
                + "; correct the mapping file, or print a mapping guessed from the file "
                "with --suggest-mapping",
            )
        index = {k: table.column_index(v) for k, v in wanted.items()}
        progress.step(f"reading {table.label}")
        rows = list(zip(table.lines, table.rows, strict=True))
        for line, row in progress.iterate(rows, f"rows of {table.label}", len(rows)):
            builder.rows_read += 1
            cell = table.pick(row, index).get
            _read_row(
                builder,
                table.label,
                line,
                cell,
                columns,
                funder,
                fixed_funder,
                flow_properties,
                default_currency,
            )
    return builder.finish()


def _check(columns: dict[str, str], funder: dict[str, str]) -> None:
    for key in ("recipient", "amount"):
        if not columns.get(key):
            raise ConfigError(
                f"mapping: [columns] {key} is required",
                hint=f'name the register column that holds the {key}, e.g. {key} = "..."',
            )
    if not columns.get("year") and not columns.get("date"):
        raise ConfigError(
            "mapping: [columns] needs year or date",
            hint="name the column with the grant year (year = ...) or a date (date = ...)",
        )
    if not funder.get("name") and not funder.get("column"):
        raise ConfigError(
            "mapping: [funder] needs a name (one funder for the whole register) or a column",
            hint='e.g. [funder] name = "Gemeente Amsterdam", type = "municipality"',
        )


def _read_row(
    builder: DatasetBuilder,
    label: str,
    line: int,
    cell: Any,
    columns: dict[str, str],
    funder: dict[str, str],
    fixed_funder: str | None,
    flow_properties: dict[str, str],
    default_currency: str,
) -> None:
    recipient = clean_name(cell("columns.recipient"))
    where = f"{label}:{line} {recipient}".strip()
    raw_currency = cell("columns.currency")
    currency = currency_code(raw_currency)
    if currency is None:
        builder.problem(
            label,
            line,
            columns["currency"],
            raw_currency,
            "bad-currency",
            "not a currency code (such as EUR or GBP): the row's columns may be shifted",
        )
        return
    currency = currency or default_currency
    raw_amount = cell("columns.amount")
    try:
        amount, style = parse_amount(raw_amount)
    except AmountError as exc:
        builder.problem(
            label,
            line,
            columns["amount"],
            raw_amount,
            "bad-amount",
            f"{exc}; write it as 1234.56, 1.234,56 or 1,234.56",
            currency=currency,
        )
        return
    builder.count("amounts", style)
    year_key = "columns.year" if columns.get("year") else "columns.date"
    raw_year = cell(year_key)
    try:
        when, fmt = parse_date(raw_year)
    except DateError as exc:
        builder.problem(
            label,
            line,
            columns[year_key.split(".")[1]],
            raw_year,
            "bad-date",
            str(exc),
            amount=amount,
            currency=currency,
        )
        return
    if amount is None:
        builder.skip("no amount", example=where)
        return
    reason = builder.left_out_recipient(recipient)
    if reason is not None:
        builder.skip(reason, amount=amount, currency=currency, example=where or label)
        return
    if when is None:
        builder.skip("no year", amount=amount, currency=currency, example=where)
        return
    builder.count("dates", fmt)
    if fixed_funder is not None:
        funder_id = fixed_funder
    else:
        funder_name = clean_name(cell("funder.column"))
        if is_placeholder(funder_name):
            builder.skip("no funder", amount=amount, currency=currency, example=where)
            return
        funder_id = builder.organisation(
            funder_name,
            id=clean_name(cell("funder.id_column")) or None,
            type=check_type(funder["type"], "[funder] type") if funder.get("type") else "",
            type_source="mapping",
            sector=funder.get("sector", ""),
        )
    recipient_type = clean_name(cell("columns.recipient_type"))
    recipient_id = builder.organisation(
        recipient,
        id=clean_name(cell("columns.recipient_id")) or None,
        type=recipient_type.lower().replace(" ", "_") if recipient_type else "",
        type_source="source",
    )
    builder.flow(
        funder_id,
        recipient_id,
        amount,
        when.year,
        programme=clean_name(cell("columns.programme")),
        currency=currency,
        extra={k: clean_name(cell(f"flow_properties.{k}")) for k in flow_properties},
        grant=clean_name(cell("columns.grant_id")),
        where=where,
    )
