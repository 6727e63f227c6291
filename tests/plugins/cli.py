"""The click test runner, with stdout and stderr kept apart on every click version."""

from __future__ import annotations

import inspect

import pytest
from click.testing import CliRunner


def make_runner() -> CliRunner:
    """A ``CliRunner`` whose results have separate ``stdout`` and ``stderr``.

    click 8.2 separated them by default and removed ``mix_stderr``; older
    versions need ``mix_stderr=False``.
    """
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)
    return CliRunner()


@pytest.fixture
def runner() -> CliRunner:
    return make_runner()
