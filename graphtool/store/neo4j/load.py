"""Loading into Neo4j: the schema, a dataset as a new version, the switch, dropping, cleaning up.

A load writes a new *version* under a hidden staging key (``dataset`` =
``"\\x00loading:<version>"``), in batches of ``UNWIND $rows``; one small
transaction then switches: the current version's nodes get a retiring key
and the new version's nodes get the dataset's name, so
``MATCH (o:Organisation {dataset: $dataset})`` sees the old version or the
new one, never a mix nor a half-loaded one. The retired version is deleted
in batches; leftovers of a killed load are deleted by the next load or drop.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import neo4j
from neo4j import exceptions as nx_errors

from graphtool.errors import StoreError
from graphtool.model import (
    ACTIVE_IN,
    DATASET,
    IN,
    JOINT_ACTION,
    NEIGHBOURHOOD,
    ORGANISATION,
    SUGGESTED_LINK,
    Dataset,
)
from graphtool.progress import SILENT, Progress
from graphtool.store.neo4j.read import Reader
from graphtool.store.neo4j.results import AnalysisResults, prepare
from graphtool.store.neo4j.schema import (
    NODE_LABELS,
    NODE_TABLES,
    RELATIONSHIP_TABLES,
    RELATIONSHIP_TYPES,
    VERSION_LABELS,
    column_values,
    schema_of,
)
from graphtool.store.neo4j.statements import statement

LOADING = "\x00loading:"
RETIRING = "\x00retiring:"
#: A ``loading`` version of another dataset is garbage only when it has not written for this long.
STALE_AFTER_MS = 10 * 60 * 1000
CONSTRAINT_FAILED = "Neo.ClientError.Schema.ConstraintValidationFailed"
#: Seconds :meth:`Loader.ensure_schema` waits for the indexes to come online.
INDEX_WAIT = 300

Transaction = neo4j.ManagedTransaction | neo4j.Transaction


class Loader(Reader):
    """The writing half of :class:`~graphtool.store.neo4j.Neo4jStore`.

    ``switch_state`` says where the current (or last) load stands, for a
    caller that must stop it from another thread: ``idle``, ``loading``
    (staging: nothing visible yet), ``switching`` (the switch is under way),
    ``switched`` (the new version is visible; the old one is being deleted).
    """

    switch_state: str = "idle"

    def wait_for_switch(self, seconds: float = 60.0) -> None:
        """Wait (at most ``seconds``) while a switch is under way, so it is not cut in two."""
        deadline = time.monotonic() + seconds
        while self.switch_state == "switching" and time.monotonic() < deadline:
            time.sleep(0.05)

    # -- schema -----------------------------------------------------------------------------

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints on ``(dataset, id)`` per label (idempotent)."""
        if self._schema_ready:
            return
        statements = []
        for label in NODE_LABELS:
            prefix = f"graphtool_{label.lower()}"
            statements += [
                statement("create_key_constraint", label=label, name=f"{prefix}_key"),
                statement("create_dataset_index", label=label, name=f"{prefix}_dataset"),
                statement("create_version_index", label=label, name=f"{prefix}_version"),
            ]
        statements.append(
            statement("create_marker_constraint", label=DATASET, name="graphtool_dataset_key")
        )
        try:
            with self._session() as session:
                for text in statements:
                    session.run(text).consume()
                session.run(statement("await_indexes"), seconds=INDEX_WAIT).consume()
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, "creating the constraints") from exc
        self._schema_ready = True

    # -- load -------------------------------------------------------------------------------

    def load(
        self,
        dataset: Dataset,
        name: str | None = None,
        progress: Progress = SILENT,
        results: AnalysisResults | None = None,
    ) -> dict[str, Any]:
        """Load ``dataset`` as ``name``, replacing the dataset of that name as a whole.

        Readers see the previous version until the switch, and the new one
        after it; never a mix, also when the load is killed midway.

        Parameters
        ----------
        dataset
            A validated dataset.
        name
            The name in Neo4j; ``dataset.name`` by default.
        progress
            Where to report the batches.
        results
            Analysis results to store in the same version: properties on the
            organisations, ``SUGGESTED_LINK`` relationships and one
            ``(:AnalysisRun)`` node (:mod:`graphtool.store.neo4j.results`); a
            reader sees the data and these results of one version together.

        Returns
        -------
        dict
            ``name``, the table counts, ``relationships`` written and ``seconds``.

        Raises
        ------
        StoreError
            Connection lost, write refused: nothing of the new version is visible.
        """
        name = self._check_name(name if name is not None else dataset.name)
        self.switch_state = "loading"
        start = time.perf_counter()
        progress.step(f"loading {name!r} into {self.where}")
        self.ensure_schema()
        self.collect_garbage(name)
        version = uuid.uuid4().hex
        key = LOADING + version
        counts = dataset.counts()
        schema = schema_of(dataset)
        self._write(
            f"starting the load of {name!r}",
            lambda tx: tx.run(
                statement("start_load"), key=key, name=name, version=version
            ).consume(),
        )
        relationships = 0
        nodes = 0
        try:
            for label, query, rows in self._batches(dataset, schema):
                total = len(rows)
                for done in range(0, total, self.batch_size):
                    batch = rows[done : done + self.batch_size]
                    self._write_batch(name, key, version, query, batch)
                    progress.advance(label, min(done + self.batch_size, total), total)
                if label in RELATIONSHIP_TYPES:
                    relationships += total
                else:
                    nodes += total
            if results is not None:
                self._write_results(name, key, version, results, schema, progress)
            self.switch_state = "switching"
            self._switch(name, key, version, counts, schema, dataset, nodes, results is not None)
            self.switch_state = "switched"
        except StoreError as exc:
            self.switch_state = "idle"
            if not isinstance(
                exc.__cause__, nx_errors.ServiceUnavailable | nx_errors.SessionExpired
            ):
                self._abandon(key)  # a lost connection cannot clean up: the next load does
            if getattr(exc.__cause__, "code", None) == CONSTRAINT_FAILED:
                # The only rows that can collide at the switch are another version's taking
                # the same name in the same moment: two loads of one name ran side by side.
                raise StoreError(
                    f"another load of {name!r} switched to its own version at the same moment; "
                    "this load was not applied and readers see the other load's version",
                    hint="run this load again if its data should be the current version; "
                    "`graphtool datasets` shows when each dataset was loaded",
                ) from exc
            raise StoreError(
                f"{exc.message}; nothing of the new version of {name!r} is visible "
                "(the previous version, if any, is unchanged)",
                hint=exc.hint,
            ) from exc
        progress.step("removing the previous version")
        self.collect_garbage(name)
        seconds = time.perf_counter() - start
        progress.step(f"loaded {name!r} in {seconds:.1f} s")
        return {"name": name, **counts, "relationships": relationships, "seconds": seconds}

    def _write_results(
        self,
        name: str,
        key: str,
        version: str,
        results: AnalysisResults,
        schema: dict[str, list[list[str]]],
        progress: Progress,
    ) -> None:
        """The results, under the staging key like the data: invisible until the switch."""
        stored = prepare(results, [prop for _, prop, _ in schema["organisations"]])
        for message in stored.skipped:
            progress.step(f"analysis column {message!r} holds no storable values; not stored")
        batches = [
            ("results on Organisation", statement("set_results"), stored.organisations),
            (
                SUGGESTED_LINK,
                _relationships(ORGANISATION, SUGGESTED_LINK, ORGANISATION),
                stored.suggestions,
            ),
        ]
        for label, query, rows in batches:
            for done in range(0, len(rows), self.batch_size):
                self._write_batch(name, key, version, query, rows[done : done + self.batch_size])
                progress.advance(label, min(done + self.batch_size, len(rows)), len(rows))
        run = {**stored.run, "createdAt": int(time.time() * 1000)}
        self._write(
            f"loading {name!r}",
            lambda tx: tx.run(
                statement("create_analysis_run"), run=run, key=key, version=version
            ).consume(),
        )

    @staticmethod
    def _check_name(name: str) -> str:
        if not isinstance(name, str) or not name.strip() or name.startswith("\x00"):
            raise StoreError(
                f"{name!r} cannot name a dataset",
                hint="give a non-empty name that does not start with a NUL character",
            )
        return name

    def _write_batch(
        self, name: str, key: str, version: str, query: str, rows: list[dict[str, Any]]
    ) -> None:
        def work(tx: neo4j.ManagedTransaction) -> None:
            if tx.run(statement("heartbeat"), key=key).single() is None:
                raise _Superseded()
            tx.run(query, rows=rows, key=key, version=version).consume()

        try:
            self._write(f"loading {name!r}", work)
        except _Superseded:
            raise StoreError(
                f"the load of {name!r} was superseded by another load of the same name"
            ) from None
        except StoreError as exc:
            # Another load of the name deleting this one's staged rows while a batch
            # wrote gives the server's "Unable to load NODE ...": say what happened.
            # (the marker may still stand when the other load's delete has not committed)
            if self._gone(version) or "Unable to load NODE" in str(exc):
                raise StoreError(
                    f"the load of {name!r} was superseded by another load of the same name"
                ) from exc
            raise

    def _gone(self, version: str) -> bool:
        """Whether the marker of ``version`` was deleted (by another load of its name)."""
        try:
            return (
                self._read(
                    "checking the load",
                    lambda tx: tx.run(statement("version_state"), version=version).single(),
                )
                is None
            )
        except StoreError:
            return False

    def _abandon(self, key: str) -> None:
        """Best effort: delete what a failed load wrote (the next load does it otherwise)."""
        try:
            self._delete_version(key)
        except StoreError:
            pass

    def _batches(
        self, dataset: Dataset, schema: dict[str, list[list[str]]]
    ) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
        """(progress label, Cypher, rows) for the nodes, then the relationships."""
        tables = dataset.tables()
        for table, label in NODE_TABLES.items():
            frame = tables[table]
            props = {column: prop for column, prop, _ in schema[table]}
            columns = {prop: column_values(frame[column]) for column, prop in props.items()}
            rows = [
                {"p": {**{prop: values[i] for prop, values in columns.items()}, "row": i}}
                for i in range(len(frame))
            ]
            yield label, statement("create_nodes", label=label), rows
            if table == "neighbourhoods":
                listed = set(frame["id"])
                referenced = [
                    *dataset.joint_actions["neighbourhood"],
                    *dataset.organisation_neighbourhoods()["neighbourhood"],
                ]
                unlisted = sorted({h for h in referenced if h and h not in listed})
                yield (
                    f"{label} (referenced only)",
                    statement("create_unlisted_neighbourhoods"),
                    unlisted,
                )
        for table, (rel, src_col, src_label, dst_col, dst_label) in RELATIONSHIP_TABLES.items():
            frame = tables[table]
            props = {column: prop for column, prop, _ in schema[table] if prop}
            columns = {prop: column_values(frame[column]) for column, prop in props.items()}
            sources, targets = list(frame[src_col]), list(frame[dst_col])
            rows = [
                {
                    "s": sources[i],
                    "t": targets[i],
                    "p": {**{prop: values[i] for prop, values in columns.items()}, "row": i},
                }
                for i in range(len(frame))
            ]
            yield rel, _relationships(src_label, rel, dst_label), rows
        hoods = dataset.organisation_neighbourhoods().drop_duplicates()
        rows = [
            {"s": s, "t": t, "p": {}}
            for s, t in zip(hoods["organisation_id"], hoods["neighbourhood"], strict=True)
        ]
        yield ACTIVE_IN, _relationships(ORGANISATION, ACTIVE_IN, NEIGHBOURHOOD), rows
        actions = dataset.joint_actions[dataset.joint_actions["neighbourhood"] != ""]
        rows = [
            {"s": s, "t": t, "p": {}}
            for s, t in zip(actions["id"], actions["neighbourhood"], strict=True)
        ]
        yield IN, _relationships(JOINT_ACTION, IN, NEIGHBOURHOOD), rows

    # -- the switch -------------------------------------------------------------------------

    def _switch(
        self,
        name: str,
        key: str,
        version: str,
        counts: dict[str, int],
        schema: dict[str, list[list[str]]],
        dataset: Dataset,
        nodes: int,
        analyses: bool = False,
    ) -> None:
        """Make the new version current and the old one retiring.

        In one transaction when both versions together have at most
        ``switch_limit`` nodes, so no reader sees a gap. Renaming a node costs
        about 1.5 KB of transaction memory (measured on Neo4j 5.26), and a
        server refuses transactions beyond ``dbms.memory.transaction.total.max``;
        so a larger switch, or one the server refuses for memory, takes two
        transactions: hide the old version, then reveal the new one. Between
        the two, nothing of the name is visible (never a mix); graphtool's
        own reads wait for the reveal.
        """
        marker = {
            "organisations": counts["organisations"],
            "jointActions": counts["joint_actions"],
            "participations": counts["participations"],
            "funding": counts["funding"],
            "neighbourhoods": counts["neighbourhoods"],
            "nodes": nodes,
            "schema": json.dumps(schema, ensure_ascii=False),
            "warnings": list(dataset.warnings),
            "year": dataset.year,
            "analyses": analyses,
        }

        def check(tx: Transaction) -> bool:
            """Whether there is still a switch to do; raises when the load was superseded."""
            mine = tx.run(statement("version_state"), version=version).single()
            if mine is None:
                raise _Superseded()
            return mine["state"] != "current"  # current: a retry after a lost commit answer

        def hide(tx: Transaction) -> None:
            tx.run(statement("heartbeat"), key=key).consume()
            _retire_current(tx, name)

        def reveal(tx: Transaction) -> None:
            for label in VERSION_LABELS:
                tx.run(
                    statement("rename_version", label=label), version=version, dataset=name
                ).consume()
            tx.run(statement("reveal_marker"), key=key, name=name, marker=marker).consume()

        def both(tx: Transaction) -> None:
            if check(tx):
                hide(tx)
                reveal(tx)

        doing = f"switching to the new version of {name!r}"
        try:
            current = self._current(name)
            old_nodes = int(current.get("nodes") or 0) if current else 0
            if old_nodes + nodes <= self.switch_limit and self._switch_at_once(doing, both):
                return
            self._write(doing, lambda tx: hide(tx) if check(tx) else None)
            self._write(doing, lambda tx: reveal(tx) if check(tx) else None)
        except _Superseded:
            raise StoreError(
                f"the load of {name!r} was superseded by another load of the same name"
            ) from None

    def _switch_at_once(self, doing: str, work: Callable[[neo4j.Transaction], None]) -> bool:
        """Run ``work`` in one explicit transaction; False when the server lacks the memory.

        Not a managed transaction: the driver would retry a memory refusal,
        which fails again the same way.
        """
        try:
            with self._session() as session, session.begin_transaction() as tx:
                work(tx)
                tx.commit()
            return True
        except nx_errors.TransientError as exc:
            if "MemoryPoolOutOfMemory" in (exc.code or ""):
                return False
            raise self._translate(exc, doing) from exc
        except (nx_errors.Neo4jError, nx_errors.DriverError) as exc:
            raise self._translate(exc, doing) from exc

    # -- drop, clean up ---------------------------------------------------------------------

    def drop(self, name: str, progress: Progress = SILENT) -> None:
        """Remove the dataset ``name``: it disappears at once, its nodes are deleted in batches.

        Raises
        ------
        StoreError
            No dataset of that name.
        """
        self.ensure_schema()

        def work(tx: neo4j.ManagedTransaction) -> bool:
            return _retire_current(tx, name)

        if not self._write(f"dropping {name!r}", work):
            raise self._unknown(name)
        progress.step(f"dropped {name!r}; deleting its nodes")
        self.collect_garbage(name)

    def _delete_version(self, key: str, progress: Progress = SILENT) -> None:
        """Delete every node under ``key`` in batches, then its marker."""
        for label in VERSION_LABELS:
            text = statement("delete_nodes", label=label)
            while True:

                def work(tx: neo4j.ManagedTransaction, text: str = text) -> int:
                    record = tx.run(text, key=key, batch=self.batch_size).single()
                    return int(record["n"]) if record else 0

                if self._write("deleting an old version", work) == 0:
                    break
        self._write(
            "deleting an old version",
            lambda tx: tx.run(statement("delete_marker"), key=key).consume(),
        )

    def collect_garbage(self, name: str | None = None) -> int:
        """Delete retired versions and unfinished loads; returns how many versions were deleted.

        Unfinished loads of ``name`` are deleted whatever their age (a new
        load of a name supersedes an unfinished one); those of other datasets
        only when they have written nothing for :data:`STALE_AFTER_MS`, so a
        load running elsewhere is left alone.
        """

        def work(tx: neo4j.ManagedTransaction) -> list[str]:
            result = tx.run(statement("unfinished_versions"), name=name, stale=STALE_AFTER_MS)
            return [r["key"] for r in result]

        keys = self._read("looking for unfinished loads", work)
        for key in keys:
            self._delete_version(key)
        return len(keys)


def _relationships(source: str, rel: str, target: str) -> str:
    return statement("create_relationships", source=source, type=rel, target=target)


def _retire_current(tx: Transaction, name: str) -> bool:
    """Hide the current version of dataset ``name`` from readers and mark it for deletion.

    Its nodes and its marker move to the dataset name ``RETIRING + version``, which
    :meth:`Loader.collect_garbage` deletes. Returns whether there was a current version.
    """
    old = tx.run(statement("current_marker"), name=name).single()
    if old is None:
        return False
    version = old["d"]["version"]
    retiring = RETIRING + version
    for label in VERSION_LABELS:
        tx.run(
            statement("rename_version", label=label), version=version, dataset=retiring
        ).consume()
    tx.run(statement("retire_marker"), name=name, retiring=retiring).consume()
    return True


class _Superseded(Exception):
    """Raised inside a transaction when the version being loaded was garbage-collected."""
