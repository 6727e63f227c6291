"""EU research projects from CORDIS: the EU open data portal's files or a participation table.

Two formats are read, and the importer says which it found:

- the **official open data files** as the EU portal publishes them,
  ``project.csv`` (one row per project: ``id``, ``acronym``, ``title``,
  ``startDate``, ``endDate``, ``frameworkProgramme``, ...) and
  ``organization.csv`` (one row per organisation in a project:
  ``projectID``, ``organisationID``, ``name``, ``activityType``, ``role``,
  ``ecContribution``, ``country``, ...), semicolon-separated, in the
  Horizon 2020 and the Horizon Europe editions (the H2020 edition's
  ``organization.csv`` also has ``contentUpdateDate`` and a per-row ``rcn``,
  which is the record number of the row, not of the project: projects are
  keyed on ``projectID``);
- a **derived participation table**, one file with one row per organisation in
  a project (``rcn`` or ``projectID``, ``pic``, ``type``, ``contribution``,
  ``start_year``), such as the tables of github.com/zambujo/eunets.

One row is one organisation taking part in one project. Projects become
joint actions (start and end year), organisations are identified by their
participant identification code (PIC), and the European Commission is one
funder organisation whose EC contribution to each participant is a funding
flow for that project, in the project's start year.

Column names of both the derived tables (``rcn``, ``pic``, ``type``,
``contribution``, ``start_year``) and the CORDIS open-data exports
(``projectID``, ``organisationID``, ``activityType``, ``ecContribution``,
``startDate``) are recognised.

Choices (each overridable in a mapping file, see ``docs/importers.md``):

- Activity types: ``HES`` (higher or secondary education) → ``education``,
  ``REC`` (research organisation) → ``knowledge_institute``, ``PRC``
  (private for-profit) → ``business``, ``PUB`` (public body other than
  research and education) → type ``other`` in sector ``government``, since
  CORDIS does not say whether it is a ministry, a region or a city; ``OTH``
  → ``other``. Where the files give names, a name rule that fires wins over
  ``PUB`` and ``OTH`` (``Stad Gent`` → ``municipality``, ``Provincie
  Antwerpen`` → ``province``, ``Vlaamse Overheid`` → ``regional_government``).
- Roles: ``coordinator`` → ``lead``, ``participant`` and
  ``beneficiary`` → ``partner``; third parties and associated partners
  (``partner``, ``thirdParty``, ``associatedPartner``, ...) → ``participant``.
- The EC (id ``EC``) has type ``other`` in sector ``government``; it does
  not take part in the projects as a participant, which would make it a hub
  joining every organisation in the collaboration graph.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from graphtool.errors import ConfigError, ImportSourceError
from graphtool.ingest.importers.builder import DatasetBuilder, ImportResult
from graphtool.ingest.importers.currencies import RateTable
from graphtool.ingest.importers.detect import (
    CORDIS_ORGANISATIONS,
    CORDIS_PROJECTS,
    header_kind,
    suggestion,
)
from graphtool.ingest.importers.normalise import (
    AmountError,
    DateError,
    check_type,
    clean_name,
    explain_type,
    parse_amount,
    parse_date,
)
from graphtool.ingest.importers.sources import SourceTable, read_source_table
from graphtool.model import ROLES
from graphtool.progress import SILENT, Progress

KIND = "cordis"

#: Activity type -> (organisation type, sector); sector "" means derived from the type.
ACTIVITY_TYPES: dict[str, tuple[str, str]] = {
    "HES": ("education", ""),
    "REC": ("knowledge_institute", ""),
    "PRC": ("business", ""),
    "PUB": ("other", "government"),
    "OTH": ("other", ""),
}
#: Activity types too broad to beat a name: a name rule that fires decides the type.
VAGUE_ACTIVITY_TYPES = frozenset({"PUB", "OTH"})
ROLE_MAP: dict[str, str] = {
    "coordinator": "lead",
    "participant": "partner",
    "beneficiary": "partner",
    "partner": "participant",
    "thirdparty": "participant",
    "third party": "participant",
    "associatedpartner": "participant",
    "associated partner": "participant",
    "internationalpartner": "participant",
}
EC = {"id": "EC", "name": "European Commission", "type": "other", "sector": "government"}

#: Field -> accepted column names, first found wins.
COLUMNS: dict[str, tuple[str, ...]] = {
    # projectID first: in the portal's organization.csv "rcn" numbers the row
    "project": ("projectID", "project_id", "rcn", "projectRcn"),
    "organisation": ("pic", "organisationID", "organisation_id", "participant_pic"),
    "name": ("name", "organisation_name", "legalName"),
    "activity": ("type", "activityType", "activity_type"),
    "role": ("role",),
    "contribution": ("contribution", "ecContribution", "ec_contribution", "netEcContribution"),
    "country": ("country",),
    "start_year": ("start_year",),
    "end_year": ("end_year",),
    "start_date": ("start_date", "startDate"),
    "end_date": ("end_date", "endDate"),
    "acronym": ("acronym", "projectAcronym"),
    "title": ("title", "projectTitle"),
    "programme": ("frameworkProgramme", "programme"),
}
REQUIRED = ("project", "organisation", "role", "contribution")
#: The portal's project.csv: field -> column.
PROJECT_COLUMNS: dict[str, str] = {
    "id": "id",
    "acronym": "acronym",
    "title": "title",
    "start_date": "startDate",
    "end_date": "endDate",
    "programme": "frameworkProgramme",
}
#: The portal's organization.csv: field -> column (the project's fields come from project.csv).
ORGANISATION_COLUMNS: dict[str, str] = {
    "project": "projectID",
    "organisation": "organisationID",
    "name": "name",
    "activity": "activityType",
    "role": "role",
    "contribution": "ecContribution",
    "country": "country",
    "vat_number": "vatNumber",
    "sme": "SME",
}
#: frameworkProgramme values -> edition names.
EDITIONS = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe"}


def import_cordis(
    files: list[Path],
    mapping: dict[str, Any] | None = None,
    *,
    progress: Progress = SILENT,
    strict: bool = False,
    rates: RateTable | None = None,
) -> ImportResult:
    """Import CORDIS: the portal's project.csv + organization.csv, or participation tables.

    Parameters
    ----------
    files
        ``project.csv`` and ``organization.csv`` (in any order, gzipped or
        not), or one or more participation tables (CSV or XLSX).
    mapping
        Optional: ``[activity_types]`` (code → type, or ``{type, sector}``),
        ``[roles]`` (CORDIS role → dataset role), ``[funder]`` (the EC's id,
        name, type, sector) and ``[types]`` (per PIC or name).
    progress
        Reports the rows read per file.
    strict
        Refuse the whole import when any value cannot be read.
    rates
        Unused for CORDIS (contributions are in euros); accepted like the others.

    Returns
    -------
    ImportResult

    Raises
    ------
    ImportSourceError
        When a file cannot be read, lacks a needed column, only one of the two
        portal files is given, or (with ``strict``) has values that cannot be read.
    """
    mapping = mapping or {}
    activity_types = dict(ACTIVITY_TYPES)
    for code, value in mapping.get("activity_types", {}).items():
        if isinstance(value, dict):
            activity_types[code.upper()] = (
                check_type(value.get("type", ""), f"[activity_types] {code}"),
                str(value.get("sector", "")),
            )
        else:
            activity_types[code.upper()] = (check_type(value, f"[activity_types] {code}"), "")
    roles = dict(ROLE_MAP)
    for name, role in mapping.get("roles", {}).items():
        if role not in ROLES:
            raise ConfigError(
                f"mapping: [roles] {name} = {role!r} is not a role",
                hint="roles: " + ", ".join(ROLES),
            )
        roles[name.strip().lower()] = role
    ec = {**EC, **mapping.get("funder", {})}
    builder = DatasetBuilder(
        KIND, [str(f) for f in files], mapping.get("types", {}), strict=strict, id_scheme="pic"
    )
    funder = builder.organisation(
        ec["name"],
        id=ec["id"],
        type=ec["type"],
        type_source="funder",
        sector=ec["sector"],
        scheme="mapping",
    )
    coordinators: dict[str, set[str]] = {}
    contribution_column = ""
    tables = [read_source_table(Path(path)) for path in files]
    kinds = [header_kind(t.header) for t in tables]
    if CORDIS_ORGANISATIONS in kinds or CORDIS_PROJECTS in kinds:
        _import_portal_files(
            builder, tables, kinds, funder, activity_types, roles, coordinators, progress
        )
        tables = []
    for path, table in zip(map(Path, files), tables, strict=False):
        builder.notes.extend(table.notes)
        index = {f: table.column_index(*names) for f, names in COLUMNS.items()}
        missing = [_names(COLUMNS[f]) for f in REQUIRED if index[f] is None]
        if index["start_year"] is None and index["start_date"] is None:
            missing.append("start_year (or start_date, startDate)")
        if missing:
            raise ImportSourceError(
                f"{table.label}: not a CORDIS participation table, missing column(s): "
                + "; ".join(missing),
                hint=suggestion(path, KIND) or "the file's columns are: " + ", ".join(table.header),
            )
        if not builder.notes or not builder.notes[-1].startswith("format:"):
            builder.notes.append("format: CORDIS participation table (one row per participation)")
        # a required column: its index is not None past the check above
        contribution_column = table.header[cast(int, index["contribution"])]
        progress.step(f"reading {table.label}")
        rows = list(zip(table.lines, table.rows, strict=True))
        for line, row in progress.iterate(rows, f"rows of {table.label}", len(rows)):
            builder.rows_read += 1
            cell = table.pick(row, index).get
            _read_row(
                builder,
                table,
                line,
                cell,
                funder,
                activity_types,
                roles,
                coordinators,
                contribution_column,
            )
    several = sorted(p for p, c in coordinators.items() if len(c) > 1)
    if several:
        builder.notes.append(
            f"{len(several)} project(s) with more than one coordinator, all kept as lead: "
            + ", ".join(several[:20])
            + (" ..." if len(several) > 20 else "")
        )
    without = sorted(set(builder.action_ids()) - set(coordinators))
    if without:
        builder.notes.append(f"{len(without)} project(s) without a coordinator")
    return builder.finish()


def _import_portal_files(
    builder: DatasetBuilder,
    tables: list[SourceTable],
    kinds: list[str | None],
    funder: str,
    activity_types: dict[str, tuple[str, str]],
    roles: dict[str, str],
    coordinators: dict[str, set[str]],
    progress: Progress,
) -> None:
    """Read the portal's project.csv + organization.csv (both editions)."""
    projects = [t for t, k in zip(tables, kinds, strict=True) if k == CORDIS_PROJECTS]
    organisations = [t for t, k in zip(tables, kinds, strict=True) if k == CORDIS_ORGANISATIONS]
    others = [t.label for t, k in zip(tables, kinds, strict=True) if k is None]
    if others:
        raise ImportSourceError(
            f"{', '.join(others)}: not a CORDIS project.csv or organization.csv",
            hint="give the portal's project.csv and organization.csv together",
        )
    if not organisations:
        raise ImportSourceError(
            f"{projects[0].label}: a CORDIS project.csv without its organization.csv",
            hint="give organization.csv too: it says which organisations take part "
            "and their EC contributions",
        )
    if not projects:
        raise ImportSourceError(
            f"{organisations[0].label}: a CORDIS organization.csv without its project.csv",
            hint="give project.csv too: the projects' dates (the years of the contributions) "
            "and titles are in it",
        )
    info: dict[str, dict[str, Any]] = {}
    editions: set[str] = set()
    for table in projects:
        builder.notes.extend(table.notes)
        index = {f: table.column_index(c) for f, c in PROJECT_COLUMNS.items()}
        for line, row in zip(table.lines, table.rows, strict=True):
            cell = table.pick(row, index)
            project = clean_name(cell["id"])
            if not project:
                continue
            programme = clean_name(cell["programme"])
            editions.add(EDITIONS.get(programme.upper(), programme or "unknown programme"))
            info[project] = {**cell, "line": line, "label": table.label}
    if not editions - {"unknown programme"}:
        # no frameworkProgramme values: the H2020 edition's organization.csv has a row rcn
        h2020 = any(t.column_index("rcn") is not None for t in organisations)
        editions = {"Horizon 2020" if h2020 else "Horizon Europe"}
    builder.notes.append(
        f"format: CORDIS open data, {' and '.join(sorted(editions))} edition "
        f"({', '.join(t.label for t in [*projects, *organisations])}; projects keyed on projectID)"
    )
    for table in organisations:
        builder.notes.extend(table.notes)
        index = {f: table.column_index(c) for f, c in ORGANISATION_COLUMNS.items()}
        missing = [c for f, c in ORGANISATION_COLUMNS.items() if index[f] is None and f in REQUIRED]
        if missing:
            raise ImportSourceError(
                f"{table.label}: a CORDIS organization.csv lacks column(s): " + ", ".join(missing)
            )
        contribution_column = table.header[cast(int, index["contribution"])]
        progress.step(f"reading {table.label}")
        rows = list(zip(table.lines, table.rows, strict=True))
        for line, row in progress.iterate(rows, f"rows of {table.label}", len(rows)):
            builder.rows_read += 1
            values = table.pick(row, index)
            details = info.get(clean_name(values["project"]))
            if details is None:
                try:
                    amount = parse_amount(values["contribution"])[0]
                except AmountError:
                    amount = None
                builder.skip(
                    "project not in project.csv",
                    amount=amount,
                    example=f"{table.label}:{line} {values['project']}",
                )
                continue
            values.update(
                start_date=details["start_date"],
                end_date=details["end_date"],
                acronym=details["acronym"],
                title=details["title"],
                programme=details["programme"],
            )
            _read_row(
                builder,
                table,
                line,
                values.get,
                funder,
                activity_types,
                roles,
                coordinators,
                contribution_column,
            )


def _names(names: tuple[str, ...]) -> str:
    """'rcn (or projectID, project_id)': the first column name and its alternatives."""
    return names[0] + (f" (or {', '.join(names[1:])})" if len(names) > 1 else "")


def _year(builder: DatasetBuilder, table: Any, line: int, cell: Any, field: str) -> int | None:
    """The year of ``start``/``end``: the *_year column, else the year of the *_date column."""
    for column_field in (f"{field}_year", f"{field}_date"):
        value = cell(column_field)
        if value in ("", None):
            continue
        try:
            when, fmt = parse_date(value)
        except DateError as exc:
            builder.problem(table.label, line, column_field, value, "bad-date", str(exc))
            return None
        if when is not None:
            return when.year
    return None


def _read_row(
    builder: DatasetBuilder,
    table: Any,
    line: int,
    cell: Any,
    funder: str,
    activity_types: dict[str, tuple[str, str]],
    roles: dict[str, str],
    coordinators: dict[str, set[str]],
    contribution_column: str,
) -> None:
    project = clean_name(cell("project"))
    pic = clean_name(cell("organisation"))
    if not project or not pic:
        builder.skip("no project or organisation id", example=f"{table.label}:{line}")
        return
    raw_role = clean_name(cell("role"))
    role = roles.get(raw_role.lower())
    if role is None:
        role = "partner"
        builder.count("roles", f"unknown role {raw_role!r} read as partner")
    builder.count("roles", f"{raw_role or '(empty)'} -> {role}")
    if role == "lead":
        coordinators.setdefault(project, set()).add(pic)
    code = clean_name(cell("activity")).upper()
    org_type, sector = activity_types.get(code, ("", ""))
    if code and code not in activity_types:
        builder.count("activity types", f"unknown code {code!r}: type from the name")
    country = clean_name(cell("country"))
    name = clean_name(cell("name"))
    type_source = f"activity type {code}" if org_type else ""
    if not name:
        details = ", ".join(x for x in (code, country) if x)
        name = f"PIC {pic}" + (f" ({details})" if details else "")
    elif code in VAGUE_ACTIVITY_TYPES:
        # PUB and OTH say little: "Stad Gent" is a municipality, "Provincie Antwerpen" a province
        kind, rule, _ = explain_type(name)
        if rule != "default":
            org_type, sector = kind, ""
            type_source = f"name: {rule} (activity type {code})"
    organisation = builder.organisation(
        name,
        id=pic,
        type=org_type,
        type_source=type_source,
        sector=sector,
        extra={
            "activity_type": code,
            "country": country,
            "vat_number": clean_name(cell("vat_number") or ""),
        },
    )
    start = _year(builder, table, line, cell, "start")
    end = _year(builder, table, line, cell, "end")
    title = clean_name(cell("acronym")) or clean_name(cell("title"))
    builder.action(
        project,
        title or f"Project {project}",
        start_year=start,
        end_year=end,
        programme=clean_name(cell("programme")),
    )
    builder.participation(project, organisation, role)
    raw = cell("contribution")
    try:
        amount, style = parse_amount(raw)
    except AmountError as exc:
        builder.problem(table.label, line, contribution_column, raw, "bad-amount", str(exc))
        return
    if amount is None:
        builder.skip("no EC contribution (NA or empty)", example=f"{table.label}:{line} {pic}")
        return
    builder.count("amounts", style)
    if start is None:
        builder.skip(
            "no start year for the contribution",
            amount=amount,
            example=f"{table.label}:{line} {project}",
        )
        return
    builder.flow(
        funder,
        organisation,
        amount,
        start,
        action_id=project,
        programme=clean_name(cell("programme")),
    )
