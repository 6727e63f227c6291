"""Documentation generated from the code stays true: the CLI reference and the defaults.

``docs/cli.md`` and the blocks of defaults in the other pages are written by
``scripts/generate_docs.py``; these tests fail when a command, an option or a
default changes without the documentation being regenerated, and check the
generated page independently of the generator (every command, every option).
"""

from __future__ import annotations

import importlib.util
import re

import click
import pytest

from graphtool.analyses.configuration import SECTIONS
from graphtool.cli import main
from tests.conftest import ROOT

REGENERATE = "python scripts/generate_docs.py"


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "generate_docs", ROOT / "scripts" / "generate_docs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = load_generator()
CLI_MD = ROOT / "docs" / "cli.md"


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield " ".join((*prefix, name)), command
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))


def test_cli_reference_is_up_to_date() -> None:
    assert CLI_MD.read_text(encoding="utf-8") == GENERATOR.cli_reference(), (
        f"docs/cli.md is out of date with the commands: run `{REGENERATE}` and commit it"
    )


def test_defaults_in_the_docs_are_up_to_date() -> None:
    blocks = {p: t for p, t in GENERATOR.expected_files().items() if p != CLI_MD}
    assert blocks, "no page holds a generated block of defaults"
    stale = [str(p.relative_to(ROOT)) for p, t in blocks.items() if p.read_text("utf-8") != t]
    assert not stale, f"defaults out of date in {stale}: run `{REGENERATE}` and commit them"


def test_every_configuration_section_has_its_defaults_in_the_docs() -> None:
    documented = set()
    for path in (ROOT / "docs").glob("*.md"):
        documented |= set(
            re.findall(r"<!-- generated: defaults (\w+) -->", path.read_text("utf-8"))
        )
    assert documented == set(SECTIONS), f"add a defaults block for {set(SECTIONS) - documented}"


@pytest.mark.parametrize(("path", "command"), list(commands()), ids=lambda x: str(x))
def test_cli_reference_lists_the_command_and_each_option(path: str, command) -> None:
    """Read from the page, not from the generator: a heading and every option's name."""
    text = CLI_MD.read_text(encoding="utf-8")
    heading = f"\n## graphtool {path}\n"
    assert heading in text, f"docs/cli.md has no section for graphtool {path}"
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    for param in command.params:
        if isinstance(param, click.Option):
            assert f"`{param.opts[-1]}`" in section, f"graphtool {path}: {param.opts[-1]}"
        else:
            assert param.human_readable_name in section, f"graphtool {path}: {param.name}"


def test_defaults_blocks_hold_the_values_of_the_code() -> None:
    """Independent of the TOML writer: each default appears as ``key = value``."""
    text = (ROOT / "docs" / "missing-links.md").read_text(encoding="utf-8")
    weights = SECTIONS["missing_links"][0]["weights"]
    row = "| " + " | ".join(str(w) for w in weights.values()) + " |"
    assert "| " + " | ".join(weights) + " |\n|" in text and row in text
    measures = (ROOT / "docs" / "measures.md").read_text(encoding="utf-8")
    for key, value in SECTIONS["territorial_drive"][0]["weights"].items():
        assert f"\n{key} = {value}\n" in measures


def test_the_check_mode_reports_a_stale_page(tmp_path, monkeypatch, capsys) -> None:
    page = tmp_path / "cli.md"
    page.write_text("old text\n", encoding="utf-8")
    monkeypatch.setattr(GENERATOR, "DOCS", tmp_path)
    monkeypatch.setattr(GENERATOR, "ROOT", tmp_path)
    assert GENERATOR.main(["--check"]) == 1
    assert capsys.readouterr().err == f"out of date: cli.md (run {REGENERATE})\n"
    assert GENERATOR.main([]) == 0
    assert page.read_text(encoding="utf-8") == GENERATOR.cli_reference()
