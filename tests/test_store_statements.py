"""The store's own Cypher: one file per statement, documented like the library queries."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from graphtool.errors import QueryError
from graphtool.model import ANALYSIS_RUN, DATASET
from graphtool.store.neo4j.schema import NODE_LABELS
from graphtool.store.neo4j.statements import list_statements, load_statement, statement
from tests.conftest import ROOT

PACKAGE = ROOT / "graphtool" / "store" / "neo4j"


def test_every_statement_parses_with_its_parameters_and_slots() -> None:
    names = list_statements()
    assert {p.stem for p in (PACKAGE / "cypher").glob("*.cypher")} == set(names)
    assert len(names) >= 20
    for name in names:
        query = load_statement(name)
        assert query.description, name
        assert query.text, name


def test_a_slot_is_filled_with_a_model_name_only() -> None:
    text = statement(
        "create_relationships", source="Organisation", type="FUNDS", target="Organisation"
    )
    assert "CREATE (s)-[x:FUNDS]->(t)" in text
    assert "{{" not in text
    with pytest.raises(QueryError, match="cannot fill the slot 'label'"):
        statement("read_nodes", label="Organisation) DETACH DELETE (n")
    with pytest.raises(QueryError, match="takes the slots"):
        statement("read_nodes")
    with pytest.raises(QueryError, match="no statement named"):
        statement("no_such_statement")


def test_statements_name_the_labels_of_the_model() -> None:
    """Labels written into the files are the model's labels (no typo can hide in a file)."""
    known = {*NODE_LABELS, DATASET, ANALYSIS_RUN}
    for name in list_statements():
        text = load_statement(name).text
        for label in re.findall(r"\(\w*:(\w+)", text):
            assert label in known, (name, label)


def test_the_store_modules_hold_no_cypher_text() -> None:
    """Cypher lives in the statement files: no module of the store builds it from strings."""
    keywords = ("MATCH (", "CREATE (", "UNWIND $", "CREATE CONSTRAINT", "CREATE INDEX")
    for path in PACKAGE.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not any(k in node.value for k in keywords) or _docstring(tree, node), (
                    path.name,
                    node.value[:60],
                )


def _docstring(tree: ast.AST, constant: ast.Constant) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            if ast.get_docstring(node, clean=False) == constant.value:
                return True
    return False


def test_only_the_store_package_imports_the_driver() -> None:
    importers = []
    for path in (ROOT / "graphtool").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n == "neo4j" or n.startswith("neo4j.") for n in names):
                importers.append(path.relative_to(ROOT).as_posix())
    assert importers
    assert all(Path(p).as_posix().startswith("graphtool/store/neo4j") for p in importers), importers
