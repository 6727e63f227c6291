"""Reading from Neo4j: a dataset back as the same ``Dataset``, the list of datasets, versions.

Reads go by version, which never changes on a node, not by dataset name,
which a load's switch moves; a read is checked against the version pointer
afterwards and repeated when a load switched versions meanwhile.
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any

import neo4j
import pandas as pd

from graphtool.errors import StoreError
from graphtool.model import TABLES, Dataset
from graphtool.store.neo4j.connection import Connection
from graphtool.store.neo4j.schema import NODE_TABLES, RELATIONSHIP_TABLES
from graphtool.store.neo4j.statements import statement

#: Seconds a read waits for the new version of a dataset whose switch is under way.
READ_WAIT = 30.0


class Reader(Connection):
    """The reading half of :class:`~graphtool.store.neo4j.Neo4jStore`."""

    def read_dataset(self, name: str) -> Dataset:
        """Read the current version of ``name`` back as the ``Dataset`` its files gave.

        Same columns in the same order, same dtypes, same row order. The read
        is checked against the version pointer: when a load switched versions
        during the read, it is read again.

        Raises
        ------
        StoreError
            No dataset of that name, or the connection failed.
        """
        for _ in range(5):
            marker = self._current_or_wait(name)
            tables = self._read(
                f"reading {name!r}", functools.partial(self._read_tables, marker=marker)
            )
            again = self._current(name)
            if again is not None and again["version"] == marker["version"]:
                year = marker.get("year")
                return Dataset(
                    name=name,
                    warnings=tuple(marker.get("warnings") or ()),
                    year=int(year) if year is not None else None,
                    **tables,
                )
        raise StoreError(f"{name!r} kept changing while it was read", hint="read it again")

    @staticmethod
    def _read_tables(
        tx: neo4j.ManagedTransaction, marker: dict[str, Any]
    ) -> dict[str, pd.DataFrame]:
        version = marker["version"]
        schema: dict[str, list[list[str]]] = json.loads(marker["schema"])
        tables: dict[str, pd.DataFrame] = {}
        for table in TABLES:
            spec = schema[table]
            if table in NODE_TABLES:
                result = tx.run(statement("read_nodes", label=NODE_TABLES[table]), version=version)
                props = [r["p"] for r in result]
                ends: dict[str, list[Any]] = {}
            else:
                rel, src_col, src_label, dst_col, dst_label = RELATIONSHIP_TABLES[table]
                result = tx.run(
                    statement("read_relationships", source=src_label, type=rel, target=dst_label),
                    version=version,
                )
                records = list(result)
                props = [r["p"] for r in records]
                ends = {src_col: [r["s"] for r in records], dst_col: [r["t"] for r in records]}
            data = {}
            for column, prop, dtype in spec:
                values = ends[column] if column in ends else [p.get(prop) for p in props]
                data[column] = pd.Series(values, dtype=dtype)
            frame = pd.DataFrame(data, columns=[c for c, _, _ in spec])
            if not len(frame):
                frame = frame.astype({c: d for c, _, d in spec})
            tables[table] = frame.reset_index(drop=True)
        return tables

    def datasets(self) -> list[dict[str, Any]]:
        """The datasets held, by name, with their table counts and when each was loaded."""

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [dict(r["d"]) for r in tx.run(statement("list_datasets"))]

        rows = []
        for d in self._read("listing the datasets", work):
            loaded = pd.Timestamp(d["loadedAt"], unit="ms", tz="UTC")
            rows.append(
                {
                    "name": d["name"],
                    "organisations": d.get("organisations"),
                    "joint_actions": d.get("jointActions"),
                    "participations": d.get("participations"),
                    "funding": d.get("funding"),
                    "neighbourhoods": d.get("neighbourhoods"),
                    "loaded": loaded.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            )
        return rows

    # -- versions ---------------------------------------------------------------------------

    def _current(self, name: str) -> dict[str, Any] | None:
        def work(tx: neo4j.ManagedTransaction) -> dict[str, Any] | None:
            record = tx.run(statement("current_marker"), name=name).single()
            return dict(record["d"]) if record else None

        return self._read("reading the list of datasets", work)

    def current_version(self, name: str, *, wait: bool = True) -> str | None:
        """The version of ``name`` readers see now (``None`` when there is none).

        With ``wait``, a switch under way is waited for (see :meth:`_current_or_wait`)
        and an unknown name raises :class:`StoreError`.
        """
        if wait:
            return str(self._current_or_wait(name)["version"])
        marker = self._current(name)
        return None if marker is None else str(marker["version"])

    def _current_or_wait(self, name: str) -> dict[str, Any]:
        """The current version of ``name``; raises when there is none.

        Neo4j reads at read-committed isolation: a read that overlaps the
        commit of a switch may find neither the old nor the new version's
        marker, and a large switch leaves a gap between hiding the old version
        and revealing the new one. While a load of the name is active (it
        wrote in the last :data:`READ_WAIT` seconds), look again, for at most
        that long.
        """
        deadline = time.monotonic() + READ_WAIT
        while True:
            marker = self._current(name)
            if marker is not None:
                return marker
            in_flight = self._read(
                "reading the list of datasets",
                lambda tx: tx.run(
                    statement("loads_in_flight"), name=name, recent=int(READ_WAIT * 1000)
                ).single(strict=True)["n"],
            )
            if not in_flight or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        raise self._unknown(name)

    def _unknown(self, name: str) -> StoreError:
        names = [d["name"] for d in self.datasets()]
        held = ", ".join(repr(n) for n in names) if names else "no datasets"
        return StoreError(
            f"no dataset {name!r} in {self.where}; it holds {held}",
            hint="load it with `graphtool load DATASET --name NAME`, "
            "or list the datasets with `graphtool datasets`",
        )
