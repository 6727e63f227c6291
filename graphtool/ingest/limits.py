"""The limits a dataset must stay within before it is read.

Limits protect the reader from files that would take minutes or gigabytes to
read (a workbook whose zip expands a thousandfold, a sheet with a cell in row
five million, a header of a million columns). Each is checked before the
cells are read: for a workbook from the zip directory and one streaming pass
over the XML, for a CSV from its size and first line. A refusal names the
limit and the option that raises it.

=====================  ===============  ==================  =================================
limit                  default          option              checked against
=====================  ===============  ==================  =================================
rows                   1,048,576        ``--max-rows``      a sheet's last row; a CSV's lines
columns                16,384           ``--max-columns``   a sheet's last column; a header
cells                  20,000,000       ``--max-cells``     the cells a sheet spans, row by row
string                 1,000,000        ``--max-string``    characters in one cell
uncompressed           2,000,000,000    ``--max-uncompressed``  bytes of a workbook's XML parts
=====================  ===============  ==================  =================================

The row and column defaults are the limits of the .xlsx format itself
(Excel and LibreOffice open nothing larger). The string limit is also the
CSV field limit (Python's own default, 131,072 characters, refuses long
descriptions that are valid data).
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """How large a dataset may be; see the module's table for the defaults."""

    rows: int = 1_048_576
    columns: int = 16_384
    cells: int = 20_000_000
    string: int = 1_000_000
    uncompressed: int = 2_000_000_000

    def option(self, name: str) -> str:
        """The command-line option that raises the limit ``name``."""
        return f"--max-{name}"

    def refusal(self, name: str, found: str) -> str:
        """A message for a file past the limit ``name``: what was found, the limit, the fix."""
        limit = getattr(self, name)
        return (
            f"{found}, more than the limit of {limit:,} {_UNITS[name]}; "
            f"raise it with {self.option(name)} if the file is genuine"
        )

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


_UNITS = {
    "rows": "rows",
    "columns": "columns",
    "cells": "cells",
    "string": "characters in one cell",
    "uncompressed": "bytes uncompressed",
}

DEFAULT_LIMITS = Limits()
