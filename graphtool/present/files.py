"""Writing result files so that an interrupted run leaves none half-written."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from graphtool.errors import OutputError


def check_output_folder(path: Path) -> None:
    """Raise :class:`OutputError` when the folder ``path`` would be written into is missing."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"{path}: cannot write it, the folder {folder} does not exist; "
            "create the folder first or choose another path"
        )


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

    Raises
    ------
    OutputError
        A folder is missing or a file cannot be written (nothing is left behind).
    """
    for path in outputs:
        check_output_folder(path)
    temporary = []
    try:
        for path, content in outputs.items():
            tmp = path.with_name(path.name + ".tmp")
            temporary.append((tmp, path))
            tmp.write_text(content, encoding="utf-8")
        for tmp, path in temporary:
            tmp.replace(path)
    except OSError as exc:
        for tmp, _ in temporary:
            if tmp.is_file():
                tmp.unlink()
        raise OutputError(f"{exc.filename or path}: cannot write it: {exc.strerror}") from exc
    return list(outputs)
