"""The package type-checks: ``mypy graphtool`` with the settings of pyproject.toml is clean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_is_clean_on_the_package():
    # from the repository root, so mypy reads [tool.mypy] of pyproject.toml
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "graphtool"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"mypy graphtool exited {result.returncode}:\n{result.stdout}{result.stderr}"
    )
