"""Rules of the code base that no single feature test would catch.

- the layers: a module imports only from the layers before its own;
- only ``graphtool/store/neo4j*`` imports the ``neo4j`` driver;
- lint (``ruff check``) and formatting (``ruff format --check``);
- the tests read nothing outside the repository.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "graphtool"

#: The layers from the bottom up; a module may import its own layer and those below it.
#: ``model`` holds the vocabulary and the ``Dataset``, so it sits below ``ingest`` in the
#: import order (DESIGN.md). ``config``, ``progress`` and ``resources`` (the package's data
#: folders) are the plumbing every layer may use. ``i18n`` sits with ``present``, which
#: writes the sentences.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors",),
    ("config", "progress", "resources"),
    ("model",),
    ("ingest",),
    ("graphs",),
    ("store",),
    ("analyses",),
    ("present", "i18n"),
    ("cli",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}

#: Imports that break the order and are being removed: (importing layer, imported layer).
#: Analyses still write some sentences through i18n; once they return reason records only,
#: delete the entry (the test below says when).
PENDING: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, absolute names."""
    name = module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                found.add(".".join([*base, *([node.module] if node.module else [])]))
            elif node.module:
                found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    """The layer of a ``graphtool`` module (``None`` for the package root and ``__main__``)."""
    parts = module.split(".")
    if parts[0] != "graphtool" or len(parts) == 1 or parts[1] == "__main__":
        return None
    return parts[1]


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer() -> None:
    layers = {layer_of(module_name(p)) for p in SOURCES} - {None}
    assert layers <= set(RANK), f"modules outside LAYERS: {sorted(layers - set(RANK))}"
    assert {"analyses", "cli", "store"} <= layers


def layer_imports() -> dict[tuple[str, str], list[str]]:
    """(importing layer, imported layer) -> the modules doing it, across the package."""
    seen: dict[tuple[str, str], list[str]] = {}
    for path in SOURCES:
        own = layer_of(module_name(path))
        if own is None:
            continue
        for target in imported_modules(path):
            other = layer_of(target)
            if other is not None and other != own:
                seen.setdefault((own, other), []).append(str(path.relative_to(ROOT)))
    return seen


def test_modules_import_only_from_earlier_layers() -> None:
    wrong = [
        f"{', '.join(sorted(set(paths)))}: {own} imports {other}"
        for (own, other), paths in sorted(layer_imports().items())
        if RANK[other] > RANK[own] and (own, other) not in PENDING
    ]
    order = " → ".join("/".join(names) for names in LAYERS)
    assert not wrong, f"imports against the layer order ({order}):\n" + "\n".join(wrong)


def test_pending_exceptions_are_still_needed() -> None:
    gone = sorted(PENDING - set(layer_imports()))
    assert not gone, f"no module imports these any more; remove them from PENDING: {gone}"


def test_only_the_store_imports_the_neo4j_driver() -> None:
    importing = [
        str(path.relative_to(ROOT))
        for path in SOURCES
        if any(m == "neo4j" or m.startswith("neo4j.") for m in imported_modules(path))
    ]
    assert importing, "nothing imports neo4j: the check looks in the wrong place"
    outside = [p for p in importing if not p.startswith("graphtool/store/neo4j")]
    assert not outside, f"only graphtool/store/neo4j* may import neo4j: {outside}"


def test_the_import_scanner_sees_relative_and_local_imports() -> None:
    module = PACKAGE / "analyses" / "roles.py"
    found = imported_modules(module)
    assert "graphtool.analyses.centrality" in found
    # a lazy import inside a function counts as much as one at the top
    assert "graphtool.analyses.territorial_drive" in found


def test_tests_read_nothing_outside_the_repository() -> None:
    """Test data lives in tests/data/ (sources and licences in tests/data/README.md)."""
    offenders = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("ROOT.parent", "/work/", '/ "shared"', "../shared"):
            if needle in text and path.name != "test_repository.py":
                offenders.append(f"{path.relative_to(ROOT)}: {needle}")
    assert not offenders, offenders


def ruff(*args: str) -> subprocess.CompletedProcess:
    executable = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert executable, "ruff is not installed (it is part of the test extra)"
    return subprocess.run(
        [executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_ruff_check_passes() -> None:
    result = ruff("check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_passes() -> None:
    result = ruff("format", "--check", "--no-cache", ".")
    assert result.returncode == 0, "run `ruff format .`:\n" + result.stdout + result.stderr


def user_facing_strings(path: Path) -> list[str]:
    """String constants a user may read: all but module, class and function docstrings,
    except in the CLI, whose function docstrings are the commands' help texts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if path.parent.name == "cli" and not isinstance(node, ast.Module):
                continue
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_messages_point_to_help_topics_not_to_files_of_the_checkout() -> None:
    """A pip install has no docs/ folder: hints and help texts say ``graphtool help TOPIC``."""
    import re

    from graphtool.present.topics import topics

    known = set(topics())
    files, unknown = [], []
    for path in SOURCES:
        for text in user_facing_strings(path):
            if re.search(r"docs/[\w-]+\.md", text):
                files.append(f"{path.relative_to(ROOT)}: {text[:80]!r}")
            unknown += [
                f"{path.relative_to(ROOT)}: {topic}"
                for topic in re.findall(r"graphtool help ([\w-]+)", text)
                if topic not in known | {"TOPIC"}
            ]
    assert not files, "point to `graphtool help TOPIC` instead:\n" + "\n".join(files)
    assert not unknown, f"no such help topic: {unknown}"
