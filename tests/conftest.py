"""Shared test set-up.

Fixtures that need a service (a Neo4j server, a headless browser) live in
``tests/plugins/<topic>.py``; every module there is loaded as a pytest plugin.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
#: Reference networks and real data copied into the repository (sources and licences in README.md).
TEST_DATA = ROOT / "tests" / "data"

# the dataset cache of every command the suite runs goes to a folder of its own, removed
# when the run ends
if "GRAPHTOOL_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="graphtool-test-cache-")
    atexit.register(shutil.rmtree, _cache, True)
    os.environ["GRAPHTOOL_CACHE_DIR"] = _cache

# On a loaded machine a quick step can run past the delay after which progress shows for
# small datasets, and print where tests expect exact stderr; the tests of that delay set it.
import graphtool.progress  # noqa: E402

graphtool.progress.SHOW_AFTER_SECONDS = 3600.0

pytest_plugins = sorted(
    f"tests.plugins.{p.stem}"
    for p in (Path(__file__).parent / "plugins").glob("*.py")
    if p.stem != "__init__"
)
