"""The exception tree. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class GraphtoolError(Exception):
    """Base class of every error graphtool raises on purpose.

    ``hint`` says how to fix it; the CLI prints it after the message.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\nhint: {self.hint}"
        return self.message


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset.

    ``line`` is the 1-based physical line in the file (the header is line 1);
    for a workbook it is the sheet row. ``code`` is stable: tests and users may
    rely on it (``missing-column``, ``duplicate-id``, ...).
    """

    file: str
    code: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None
    #: The 1-based record number where a file has records, not lines (a JSON list).
    record: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.record is not None:
            where += f", record {self.record}"
        if self.column is not None:
            where += f", column {self.column!r}"
        text = f"{where}: [{self.code}] {self.message}"
        if self.value is not None:
            text += f" (value: {self.value!r})"
        return text


class DatasetError(GraphtoolError):
    """A dataset is invalid. ``problems`` lists every problem found, not only the first."""

    def __init__(self, problems: list[Problem], source: str = "dataset") -> None:
        self.problems = list(problems)
        n = len(self.problems)
        noun = "problem" if n == 1 else "problems"
        super().__init__(
            f"{source}: {n} {noun} found, nothing was loaded",
            hint="fix the rows listed above; the format: graphtool help dataset-format",
        )

    def __str__(self) -> str:
        lines = [self.message]
        lines.extend(str(p) for p in self.problems)
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


class ConfigError(GraphtoolError):
    """A configuration file or option is invalid."""


class StoreError(GraphtoolError):
    """A dataset store (Neo4j) failed: connection, login, unknown dataset, refused write."""


class QueryError(GraphtoolError):
    """A Cypher query failed or is not allowed (for example a write in a read transaction)."""


class OutputError(GraphtoolError):
    """A result cannot be written where the user asked (missing folder, no permission)."""


class AnalysisError(GraphtoolError):
    """An analysis cannot run on the given data (for example an unknown organisation id)."""


class ImportSourceError(GraphtoolError):
    """A source file for an importer cannot be read or mapped."""
