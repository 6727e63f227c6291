"""Output that cannot be turned against its reader, and files that are never half-written.

Markdown escaping, CSV formula neutralisation (with ``--raw``), output paths
(symlinks, FIFOs, ``-`` for stdout), Ctrl-C and a full disk while writing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphtool.cli import main
from tests.conftest import ROOT, SAMPLE_DATA

HTML = "<img src=x onerror=alert(1)>"
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(A1)", "-2+3", "\tx"]


@pytest.fixture
def knoke(tmp_path: Path) -> Path:
    """The Knoke sample with hostile organisation names: HTML, and formulas of every kind."""
    folder = tmp_path / "knoke"
    shutil.copytree(SAMPLE_DATA / "knoke", folder, ignore=shutil.ignore_patterns("*.md"))
    path = folder / "organisations.csv"
    names = [HTML, *FORMULAS]
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, name in enumerate(names, start=1):
        cells = lines[i].split(",")
        cells[1] = '"' + name.replace('"', '""') + '"'
        lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _ok(result) -> None:
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(
    "command",
    [
        ["overview", "--top", "10"],
        ["brokerage"],
        ["missing-links", "--top", "45"],
        ["territorial-drive", "--all"],
        ["scan"],
    ],
)
def test_markdown_escapes_html_in_every_cell(runner, knoke: Path, command: list[str]) -> None:
    result = runner.invoke(main, [command[0], str(knoke), *command[1:], "--format", "md"])
    _ok(result)
    assert re.search(r"(?<!\\)<img", result.stdout) is None  # only the escaped \<img
    if command[0] != "scan":  # the scan shows indicators, not organisations
        assert "\\<img src=x onerror=alert(1)\\>" in result.stdout


def test_markdown_escapes_pipes_and_backticks() -> None:
    from graphtool.present.tables import render

    text = render([{"name": "a|b `c` [d](javascript:x) ![i](y)", "n": -1}], "md")
    body = text.splitlines()[2]
    assert body == "| a\\|b \\`c\\` \\[d\\](javascript:x) \\!\\[i\\](y) | -1 |"
    # escaping is idempotent: the report escapes its own cells first
    assert render([{"x": "\\<b\\>"}], "md").splitlines()[2] == "| \\<b\\> |"
    assert render([{"x": "\\\\<b>"}], "md").splitlines()[2] == "| \\\\\\<b\\> |"


@pytest.mark.parametrize(
    "command", [["brokerage"], ["overview"], ["territorial-drive", "--all"], ["missing-links"]]
)
def test_csv_neutralises_formulas(runner, knoke: Path, command: list[str]) -> None:
    result = runner.invoke(main, [command[0], str(knoke), *command[1:], "--format", "csv"])
    _ok(result)
    rows = result.stdout
    for record in csv.reader(io.StringIO(rows)):
        for cell in record:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), record
            assert not cell.startswith("-") or re.match(r"^-[0-9.e+-]+$", cell), record
    raw = runner.invoke(
        main, [command[0], str(knoke), *command[1:], "--format", "csv", "--raw"]
    ).stdout
    if command[0] in ("brokerage", "territorial-drive"):
        assert '"=HYPERLINK(""http://x"",""y"")"' in raw
        assert "'=HYPERLINK" in rows


def test_csv_keeps_negative_numbers_numbers() -> None:
    from graphtool.present.tables import render

    text = render([{"a": -0.25, "b": "-3", "c": "-1.5e3", "d": "-3 + 1", "e": -7}], "csv")
    assert text.splitlines()[1] == "-0.25,-3,-1.5e3,'-3 + 1,-7"


def test_query_csv_neutralises_formulas() -> None:
    """``query --format csv`` renders through the same function (no server needed here)."""
    from graphtool.present.cypher import render_result

    text = render_result(["=x", "n"], [{"=x": "=HYPERLINK(1)", "n": -4}], "csv")
    assert text.splitlines() == ["'=x,n", "'=HYPERLINK(1),-4"]


def test_export_csv_neutralises_and_raw_keeps(runner, knoke: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    _ok(runner.invoke(main, ["export", str(knoke), "--to", "csv", "-o", str(out)]))
    nodes = (out / "nodes.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in nodes and "'@SUM(A1)" in nodes and "'+cmd" in nodes
    _ok(runner.invoke(main, ["export", str(knoke), "--to", "csv", "-o", str(out), "--raw"]))
    assert '"=HYPERLINK(""http://x"",""y"")"' in (out / "nodes.csv").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]


# -- output paths --------------------------------------------------------------------------


def test_a_planted_temporary_symlink_is_not_followed(runner, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "out.html"
    for name in ("out.html.tmp", ".out.html.tmp"):
        (tmp_path / name).symlink_to(victim)
    _ok(runner.invoke(main, ["visualise", str(SAMPLE_DATA / "knoke"), "-o", str(out)]))
    assert victim.read_text() == "precious"
    assert out.is_file() and not out.is_symlink()
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".out.html.tmp", "out.html", "out.html.tmp", "victim.txt"]


@pytest.mark.parametrize("kind", ["symlink", "fifo", "folder", "device"])
def test_an_output_that_is_not_a_regular_file_is_refused(runner, tmp_path: Path, kind: str) -> None:
    out = tmp_path / "out.html"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    if kind == "symlink":
        out.symlink_to(victim)
    elif kind == "fifo":
        os.mkfifo(out)
    elif kind == "folder":
        out.mkdir()
    else:
        out.symlink_to("/dev/null")
    result = runner.invoke(main, ["visualise", str(SAMPLE_DATA / "knoke"), "-o", str(out)])
    assert result.exit_code in (1, 2), result.output  # click refuses a folder itself (2)
    assert "Traceback" not in result.output
    if kind != "folder":
        assert f"{out} is a " in result.stderr and "refusing to replace it" in result.stderr
    assert victim.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_dash_means_stdout(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["visualise", str(SAMPLE_DATA / "knoke"), "-o", "-"])
    _ok(result)
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith(
        "</html>"
    )
    result = runner.invoke(main, ["export", str(SAMPLE_DATA / "knoke"), "--to", "gexf", "-o", "-"])
    _ok(result)
    assert result.stdout.startswith("<?xml") and "<gexf" in result.stdout
    result = runner.invoke(main, ["export", str(SAMPLE_DATA / "knoke"), "--to", "csv", "-o", "-"])
    assert result.exit_code == 1
    assert "--to csv writes a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_a_report_to_stdout_needs_one_file(runner, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["report", str(SAMPLE_DATA / "knoke"), "-o", "-"])
    _ok(result)
    assert "<html" in result.stdout
    assert list(tmp_path.iterdir()) == []


# -- interrupts and a full disk -----------------------------------------------------------


def test_ctrl_c_while_writing_leaves_nothing(runner, tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C arriving while the file is written (injected at the write call, the one moment
    a real signal cannot be aimed at): exit 130, one line, no output, no temporary file."""
    import graphtool.present.files as files

    real_write = os.write
    calls = []

    def write(handle, data):
        calls.append(len(data))
        if len(calls) == 1:
            real_write(handle, data[:10])
            raise KeyboardInterrupt
        return real_write(handle, data)

    monkeypatch.setattr(files.os, "write", write)
    out = tmp_path / "page.html"
    result = runner.invoke(main, ["visualise", str(SAMPLE_DATA / "knoke"), "-o", str(out)])
    assert result.exit_code == 130
    assert result.stderr == "interrupted\n"
    assert list(tmp_path.iterdir()) == []


def _graphtool(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "graphtool", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


@pytest.mark.parametrize(
    "command",
    [
        ["report", str(SAMPLE_DATA / "lindenwaard"), "-o", "{out}/report.html"],
        ["visualise", str(SAMPLE_DATA / "lindenwaard"), "-o", "{out}/page.html"],
        ["export", str(SAMPLE_DATA / "lindenwaard"), "--to", "gexf", "-o", "{out}/g.gexf"],
        [
            "import",
            "360giving",
            str(ROOT / "tests/data/importers/360giving-grants.csv"),
            "-o",
            "{out}/ds",
        ],
    ],
)
def test_a_real_sigint_stops_within_a_second(tmp_path: Path, command: list[str]) -> None:
    """SIGINT sent to a running command: it stops within a second (plus start-up noise),
    exits 130 with one line, and leaves no temporary file (or, when the command had
    already finished, exit 0 and a complete file)."""
    out = tmp_path / "out"
    out.mkdir()
    process = _graphtool(*(c.format(out=out) for c in command))
    time.sleep(3.0)  # past the imports, inside the work
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    stopped = time.perf_counter() - sent
    assert "Traceback" not in stderr
    if process.returncode == 130:
        assert stderr.strip().splitlines()[-1] == "interrupted"
        assert stopped < 3.0
        assert [p.name for p in out.iterdir()] == []
    else:  # finished first; -2: the signal came as the interpreter was shutting down
        assert process.returncode in (0, -signal.SIGINT), stderr
        assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """The file-size limit of the child process (RLIMIT_FSIZE) makes the write fail as a full
    disk does (EFBIG instead of ENOSPC): a real failure of the write system call."""
    out = tmp_path / "page.html"
    out.write_text("the old page")

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (10_000, 10_000))

    process = _graphtool(
        "visualise", str(SAMPLE_DATA / "knoke"), "-o", str(out), preexec_fn=small_files
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert f"error: {tmp_path}" in stderr and "cannot write it: File too large" in stderr
    assert "nothing was written" in stderr
    assert out.read_text() == "the old page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
