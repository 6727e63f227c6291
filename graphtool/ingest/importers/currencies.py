"""Currencies: codes, and the dated exchange-rate table a user may give to convert.

Money in different currencies is never added together. Without a rate table
each flow keeps its currency and every total is given per currency. With one
(``--rates FILE``) flows are converted into the table's target currency at
the rate of their year, and each converted flow keeps its original amount,
currency and the rate used.

The rate table is a CSV file with the columns ``currency`` (ISO 4217 code of
the money in the source), ``to`` (the target currency, the same on every
row), ``year`` and ``rate`` (units of ``to`` per unit of ``currency``), and
optionally ``source`` (where the rate comes from, e.g. "ECB euro reference
rate, annual average"). One rate per currency and year.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphtool.errors import ConfigError

_CODE = re.compile(r"^[A-Z]{3}$")
#: Currency symbols and words as registers write them, and their codes.
SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD", "EURO": "EUR", "EUROS": "EUR"}


def currency_code(value: object) -> str | None:
    """The ISO 4217 code a cell holds (``""`` when empty), or ``None`` when it is no code.

    >>> [currency_code(v) for v in ["GBP", " usd ", "€", "", "Community project"]]
    ['GBP', 'USD', 'EUR', '', None]
    """
    text = str(value if value is not None else "").strip()
    if not text:
        return ""
    upper = text.upper()
    if upper in SYMBOLS:
        return SYMBOLS[upper]
    return upper if _CODE.match(upper) else None


@dataclass
class RateTable:
    """Exchange rates by (currency, year) into one target currency."""

    target: str
    rates: dict[tuple[str, int], float] = field(default_factory=dict)
    sources: dict[tuple[str, int], str] = field(default_factory=dict)
    file: str = ""

    def rate(self, currency: str, year: int) -> float | None:
        """Units of :attr:`target` per unit of ``currency`` in ``year`` (1 for the target)."""
        if currency in ("", self.target):
            return 1.0
        return self.rates.get((currency, int(year)))


def read_rates(path: str | Path) -> RateTable:
    """Read a rate table (see the module docstring).

    Raises
    ------
    ConfigError
        A missing file or column, a bad code, year or rate, two targets, or
        two rates for one currency and year; every message names the line.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such rate table", hint="give a CSV file to --rates")
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("currency", "to", "year", "rate") if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(
            f"{path.name}: not a rate table, missing column(s): " + ", ".join(missing),
            hint="columns: currency,to,year,rate[,source], e.g. GBP,EUR,2020,1.1248,ECB",
        )
    table: RateTable | None = None
    for line, row in enumerate(reader, start=2):
        currency, to = currency_code(row["currency"]), currency_code(row["to"])
        if not currency or not to:
            bad = row["currency"] if not currency else row["to"]
            raise ConfigError(f"{path.name}, line {line}: {bad!r} is not a currency code")
        try:
            year, rate = int(row["year"]), float(row["rate"])
        except ValueError as exc:
            raise ConfigError(
                f"{path.name}, line {line}: year must be an integer and rate a number "
                f"(year {row['year']!r}, rate {row['rate']!r})"
            ) from exc
        if rate <= 0:
            raise ConfigError(f"{path.name}, line {line}: rate {rate} must be above 0")
        if table is None:
            table = RateTable(to, file=path.name)
        elif to != table.target:
            raise ConfigError(
                f"{path.name}, line {line}: target {to} differs from {table.target}",
                hint="one rate table converts into one currency",
            )
        if (currency, year) in table.rates:
            raise ConfigError(f"{path.name}, line {line}: a second rate for {currency} in {year}")
        table.rates[(currency, year)] = rate
        table.sources[(currency, year)] = (row.get("source") or "").strip()
    if table is None:
        raise ConfigError(f"{path.name}: the rate table has no rates")
    return table
