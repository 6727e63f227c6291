"""Folders of data that ship with the package (the Cypher library, the documentation)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def package_folder(name: str) -> Traversable:
    """The folder ``name`` of the repository's top level, wherever graphtool is installed.

    Installed from a wheel it is the package data ``graphtool/NAME`` (the wheel
    copies ``queries/`` and ``docs/`` there); in a checkout (an editable install)
    it is the repository's own ``NAME/``.
    """
    packaged = files("graphtool") / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / name
