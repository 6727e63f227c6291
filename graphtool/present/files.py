"""Writing result files so that an interrupted run leaves none half-written."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path


def write_files(outputs: Mapping[Path, str]) -> list[Path]:
    """Write each text to its path (UTF-8): all under temporary names first, then moved into place.

    Parameters
    ----------
    outputs
        Path -> text. A file that already exists is replaced.

    Returns
    -------
    list of Path
        The paths written, in the order given.
    """
    temporary = []
    for path, content in outputs.items():
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        temporary.append((tmp, path))
    for tmp, path in temporary:
        tmp.replace(path)
    return list(outputs)
