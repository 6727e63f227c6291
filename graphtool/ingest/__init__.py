"""Reading datasets: CSV folders and .xlsx workbooks, validated completely.

:func:`read_dataset` is the one entry point: it returns a
:class:`graphtool.model.Dataset` or raises :class:`graphtool.errors.DatasetError`
listing every problem found.
"""

from graphtool.ingest.read import read_dataset, read_tables
from graphtool.ingest.validate import validate_tables

__all__ = ["read_dataset", "read_tables", "validate_tables"]
