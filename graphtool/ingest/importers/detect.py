"""Recognising what a source file is, so a file given to the wrong importer names the right one.

Recognition reads the header (or, for JSON, the top-level keys) only:

- 360Giving: a JSON package with ``grants``, or the titles ``Amount Awarded``
  and ``Funding Org:Identifier``/``Funding Org:Name``;
- CORDIS open data: ``organization.csv`` (``projectID``, ``organisationID``,
  ``ecContribution``) and ``project.csv`` (``id``, ``acronym``,
  ``ecMaxContribution``); the derived one-table format (``rcn``, ``pic``);
- a subsidy register a shipped mapping describes (every mapped column present).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graphtool.errors import GraphtoolError
from graphtool.ingest.importers.sources import read_bytes, read_source_table, source_suffix

#: Kinds of file, as :func:`file_kind` names them.
CORDIS_ORGANISATIONS = "cordis organization.csv"
CORDIS_PROJECTS = "cordis project.csv"
CORDIS_DERIVED = "cordis participation table"
THREE_SIXTY = "360giving"


def header_kind(header: list[str]) -> str | None:
    """What a table with this header is (one of the constants above), or ``None``.

    >>> header_kind(["projectID", "organisationID", "name", "ecContribution", "role"])
    'cordis organization.csv'
    >>> header_kind(["Identifier", "Amount Awarded", "Funding Org:Name"])
    '360giving'
    >>> header_kind(["AANVRAGER", "BEDRAG_VERLEEND"]) is None
    True
    """
    folded = {h.strip().casefold() for h in header}
    if "amount awarded" in folded and folded & {"funding org:identifier", "funding org:name"}:
        return THREE_SIXTY
    if {"projectid", "organisationid"} <= folded:
        return CORDIS_ORGANISATIONS
    if {"id", "acronym"} <= folded and folded & {"ecmaxcontribution", "frameworkprogramme"}:
        return CORDIS_PROJECTS
    if {"rcn", "pic"} <= folded:
        return CORDIS_DERIVED
    return None


def file_kind(path: Path) -> tuple[str | None, list[str]]:
    """What the file at ``path`` is, and its header (``[]`` for JSON); never raises."""
    try:
        if source_suffix(path) == ".json":
            data: Any = json.loads(read_bytes(path).decode("utf-8-sig"))
            if isinstance(data, dict) and isinstance(data.get("grants"), list):
                return THREE_SIXTY, []
            return None, []
        header = read_source_table(path).header
    except (GraphtoolError, ValueError, OSError):
        return None, []
    return header_kind(header), header


def suggestion(path: Path, given: str) -> str | None:
    """A hint naming the importer for ``path`` when it is not ``given``, else ``None``.

    Examples
    --------
    A 360Giving spreadsheet given to the CORDIS importer gives
    ``"this looks like 360Giving data: graphtool import 360giving grants.csv -o DIR"``.
    """
    kind, header = file_kind(path)
    if kind == THREE_SIXTY and given != "360giving":
        return f"this looks like 360Giving data: graphtool import 360giving {path.name} -o DIR"
    if kind in (CORDIS_ORGANISATIONS, CORDIS_PROJECTS, CORDIS_DERIVED) and given != "cordis":
        return f"this looks like a {kind}: graphtool import cordis {path.name} ... -o DIR"
    if kind is None and header and given != "subsidy-register":
        mapping = matching_mapping(header)
        command = f"graphtool import subsidy-register {path.name} "
        if mapping:
            return f"this looks like a subsidy register: {command}--mapping {mapping} -o DIR"
        return (
            "this looks like a register of grants: "
            f"{command}--suggest-mapping prints a mapping to start from"
        )
    return None


def matching_mapping(header: list[str]) -> str | None:
    """The first shipped mapping whose every mapped column is in ``header``."""
    from graphtool.ingest.importers.mappings import load_mapping, shipped_mappings

    folded = {h.strip().casefold() for h in header}
    for name in shipped_mappings():
        mapping = load_mapping(name, "subsidy-register")
        wanted = [v for v in mapping.get("columns", {}).values() if v]
        if wanted and all(str(v).casefold() in folded for v in wanted):
            return name
    return None
