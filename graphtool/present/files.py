"""Writing result files so that nothing is half-written, replaced by mistake or redirected.

Every output goes through :func:`write_files`:

- each file is first written to a new temporary file in the target folder,
  created exclusively (``O_EXCL``, ``O_NOFOLLOW``: a symlink or file planted
  at that name is never followed or reused; the name is random), then renamed
  over the target, so a reader sees the old file or the new one, never a part;
- a target that exists and is not a regular file (a symlink, a FIFO, a
  device, a folder) is refused, not replaced;
- on any failure, a full disk or Ctrl-C included, every temporary file is
  removed and no target has changed (a set of files is renamed only once all
  are written);
- the path ``-`` means standard output, for outputs that are a single file.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from graphtool.errors import OutputError

#: The path that means standard output.
STDOUT = "-"
_CHUNK = 1 << 20


def is_stdout(path: Path | str) -> bool:
    """Whether ``path`` is ``-`` (standard output)."""
    return str(path) == STDOUT


def check_output_folder(path: Path) -> None:
    """Raise :class:`OutputError` when the folder ``path`` would be written into is missing."""
    if is_stdout(path):
        return
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"{path}: cannot write it, the folder {folder} does not exist; "
            "create the folder first or choose another path"
        )


def write_files(outputs: Mapping[Path, str | bytes]) -> list[Path]:
    """Write each text (UTF-8) or bytes to its path: all to temporary files first, then renamed.

    Parameters
    ----------
    outputs
        Path -> content. An existing regular file is replaced; anything else
        at a path (symlink, FIFO, device, folder) is refused. A single output
        to ``-`` goes to standard output.

    Returns
    -------
    list of Path
        The files written, in the order given (empty for standard output).

    Raises
    ------
    OutputError
        A missing folder, a target that is not a regular file, or an error of
        the file system (no permission, disk full); nothing is left behind.
    """
    outputs = {Path(p): c for p, c in outputs.items()}
    if any(is_stdout(p) for p in outputs):
        if len(outputs) != 1:
            names = ", ".join(p.name for p in outputs if not is_stdout(p))
            raise OutputError(
                f"-o - (standard output) takes one file, but this output has more ({names})",
                hint="give a file name instead of -",
            )
        _to_stdout(next(iter(outputs.values())))
        return []
    for path in outputs:
        check_output_folder(path)
        _check_target(path)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in outputs.items():
            staged.append((_stage(path, content), path))
        for tmp, path in staged:
            _check_target(path)  # again: something may have appeared meanwhile
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(
            f"{exc.filename or path}: cannot write it: {exc.strerror or exc}; nothing was written",
            hint="check that the folder is writable and has space",
        ) from exc
    finally:
        for tmp, _ in staged:
            _remove(tmp)
    return list(outputs)


def _check_target(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    if stat.S_ISREG(mode):
        return
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    raise OutputError(
        f"{path} is {kind}; refusing to replace it with the output",
        hint="remove it, or give another output path (- for standard output)",
    )


def _stage(path: Path, content: str | bytes) -> Path:
    """Write ``content`` to a new temporary file beside ``path``; returns its path."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    tmp = Path(name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        view = memoryview(data)
        done = 0
        while done < len(view):  # in chunks: Ctrl-C is seen between them
            done += os.write(handle, view[done : done + _CHUNK])
        os.fsync(handle)
    except BaseException:
        os.close(handle)
        _remove(tmp)
        raise
    os.close(handle)
    return tmp


def _remove(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _to_stdout(content: str | bytes) -> None:
    if isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
