"""The one parser of the numbers in a dataset: years and amounts, as people mean them.

Only the ASCII digits 0-9 are digits (Python's ``\\d`` and pandas also accept
fullwidth ``２０１６`` or Arabic-Indic ``٢٠١٦``, and then fail to convert them).
Such digits are refused with the ASCII spelling in the message rather than
silently normalised. Years lie in :data:`YEAR_RANGE`; amounts are finite.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Years outside this range are refused (a typing slip, a date serial, an overflow).
YEAR_RANGE = (1800, 2200)

#: Ids longer than this (in UTF-8 bytes) are refused: Neo4j cannot index them
#: (its index keys hold about 8 KB, and the key is the dataset name plus the id).
MAX_ID_BYTES = 4_000

_ASCII_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_ASCII_NUMBER = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f]")


def ascii_equivalent(text: str) -> str | None:
    """The ASCII spelling of ``text`` when it holds non-ASCII digits (fullwidth, Arabic-Indic,
    mathematical), else None. ``'２０１６'`` gives ``'2016'``."""
    if not _NON_ASCII_DIGIT.search(text):
        return None
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in folded)
    return folded if folded.isascii() and any(c.isdigit() for c in folded) else None


@dataclass
class Parsed:
    """The result of parsing a column of numbers: values (NaN where not parsed) and,
    per cell, why it was refused (``""`` when it was not); both aligned with the cells."""

    values: pd.Series
    reasons: pd.Series


def _floats(cells: pd.Series, plain: np.ndarray) -> np.ndarray:
    """The cells matched by ``plain`` as floats (a 30-digit year overflows int64, not a float)."""
    values = np.full(len(cells), np.nan)
    if plain.any():
        values[plain] = cells.to_numpy()[plain].astype("float64")
    return values


def _match(cells: pd.Series, pattern: re.Pattern[str]) -> np.ndarray:
    return cells.str.match(pattern).to_numpy(dtype=bool, na_value=False)


def parse_years(cells: pd.Series) -> Parsed:
    """Parse a column of year texts: ASCII digits, a whole number in :data:`YEAR_RANGE`.

    Empty cells give NaN and no reason. This is the one parser of years: the
    validation and the conversion of the column both use it.
    """
    low, high = YEAR_RANGE
    filled = (cells != "").to_numpy()
    plain = _match(cells, _ASCII_INTEGER)
    values = _floats(cells, plain)
    reasons = np.full(len(cells), "", dtype=object)
    reasons[filled & ~plain] = "a year must be a whole number such as 2016"
    _non_ascii(cells, filled & ~plain, reasons)
    with np.errstate(invalid="ignore"):
        outside = plain & ((values < low) | (values > high))
    reasons[outside] = f"a year must lie between {low} and {high}"
    values[reasons != ""] = np.nan
    return Parsed(pd.Series(values, index=cells.index), pd.Series(reasons, index=cells.index))


def parse_amounts(cells: pd.Series) -> Parsed:
    """Parse a column of amount texts: ASCII digits, ``.`` as the decimal point, finite.

    Reasons name thousands separators and the ambiguous ``1.000``; the sign is
    checked by the caller (amounts may not be negative, other numbers may).
    """
    filled = (cells != "").to_numpy()
    plain = _match(cells, _ASCII_NUMBER)
    values = _floats(cells, plain)
    reasons = np.full(len(cells), "", dtype=object)
    reasons[filled & ~plain] = (
        "not a number; write the amount in digits with a . as decimal point (1234.5)"
    )
    _non_ascii(cells, filled & ~plain, reasons)
    reasons[filled & ~plain & _match(cells, _THOUSANDS)] = (
        "write amounts without thousands separators, with a . as decimal point (1234.5)"
    )
    reasons[plain & _match(cells, _AMBIGUOUS)] = (
        "ambiguous: the . may be a thousands separator; write 1000 for a thousand "
        "(no separators) or 1.0 for one"
    )
    reasons[plain & ~np.isfinite(values)] = (
        "the number is too large to hold (it reads as infinity); correct the amount"
    )
    values[reasons != ""] = np.nan
    return Parsed(pd.Series(values, index=cells.index), pd.Series(reasons, index=cells.index))


_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}([.,\s'][0-9]{3})+([.,][0-9]+)?$|^[+-]?[0-9]+,[0-9]+$")
# "1.000" is a valid number, but in Dutch and German it means one thousand: refuse to guess.
_AMBIGUOUS = re.compile(r"^\+?[1-9][0-9]{0,2}\.[0-9]{3}$")


def _non_ascii(cells: pd.Series, candidates: np.ndarray, reasons: np.ndarray) -> None:
    """Set the reason of each cell among ``candidates`` written with digits outside ASCII:
    they are refused, not normalised (a year typed as ２０１６ was most likely pasted from
    another system; the user should see it), and the message spells the ASCII number."""
    if not candidates.any():
        return
    for position in np.flatnonzero(candidates):
        folded = ascii_equivalent(cells.iloc[position])
        if folded is not None:
            reasons[position] = (
                "written with digits outside ASCII (fullwidth, Arabic-Indic or mathematical); "
                f"type it as {folded} with the digits 0-9"
            )
