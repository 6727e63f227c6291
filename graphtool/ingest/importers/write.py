"""Writing an imported dataset atomically: all of it, validated, or nothing."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from graphtool.errors import ImportSourceError
from graphtool.ingest.importers.builder import ImportResult
from graphtool.model import TABLES, Dataset

#: The report of an import, written beside the tables.
REPORT_FILE = "import-report.json"


def write_dataset(
    result: ImportResult,
    out: str | Path,
    *,
    force: bool = False,
    extra_files: dict[str, str] | None = None,
    keep_others: bool = False,
) -> Dataset:
    """Write the tables of ``result`` as a dataset folder at ``out``, atomically.

    The tables go to a temporary folder beside ``out``, are read back and
    validated with :func:`graphtool.ingest.read_dataset`, and only then does
    the folder take the name ``out``; on any failure ``out`` is left as it was.
    The import report is written too, as ``import-report.json``.

    Parameters
    ----------
    result
        What an importer returned.
    out
        The dataset folder to write.
    force
        Replace ``out`` when it exists and is not empty.
    extra_files
        More files to write beside the tables: file name -> text (the merge
        decisions).
    keep_others
        When ``out`` is replaced, keep its files and folders that are not
        written here (a README beside the tables, notes): adding a source to a
        dataset folder must not delete what the user keeps in it.

    Returns
    -------
    Dataset
        The dataset as read back from ``out``.

    Raises
    ------
    ImportSourceError
        When ``out`` is a file, or a non-empty folder without ``force``.
    DatasetError
        When the imported tables do not validate (a defect of the importer).
    """
    from graphtool.ingest import read_dataset

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ImportSourceError(f"{out}: exists and is not a folder", hint="choose another -o")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise ImportSourceError(
            f"{out}: the folder exists and is not empty",
            hint="choose another -o, or give --force to replace it",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for table, frame in result.tables.items():
            frame.to_csv(staging / f"{table}.csv", index=False, encoding="utf-8")
        (staging / REPORT_FILE).write_text(
            json.dumps(result.report, indent=2, ensure_ascii=False, default=str) + "\n",
            encoding="utf-8",
        )
        for name, text in (extra_files or {}).items():
            (staging / name).write_text(text, encoding="utf-8")
        if keep_others and out.is_dir():
            for item in out.iterdir():
                target = staging / item.name
                if target.exists() or item.name in (f"{t}.csv" for t in TABLES):
                    continue
                if item.is_dir():
                    shutil.copytree(item, target)
                else:
                    shutil.copy2(item, target)
        read_dataset(staging, name=out.name)
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / out.name)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return read_dataset(out)
