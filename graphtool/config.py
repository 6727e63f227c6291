"""TOML files and settings dicts: reading them, and laying overrides over defaults.

Each analysis declares its defaults as a plain dict (``DEFAULTS``); the one
loader of configuration files, :mod:`graphtool.analyses.configuration`,
reads a file with :func:`read_toml` and lays its sections over the defaults
with :func:`merged`, which refuses unknown keys and values of the wrong type.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphtool.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read a TOML file; errors name the file and, for syntax errors, the line."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def merged(defaults: Mapping[str, Any], overrides: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``defaults`` updated with ``overrides``, recursively; unknown keys, bad types are errors."""
    result = copy.deepcopy(dict(defaults))
    for key, value in overrides.items():
        if key not in defaults:
            raise ConfigError(
                f"{where}: unknown setting {key!r}",
                hint="known settings: " + ", ".join(sorted(defaults)),
            )
        default = defaults[key]
        if isinstance(default, Mapping):
            if not isinstance(value, Mapping):
                raise ConfigError(f"{where}.{key}: expected a table of settings, got {value!r}")
            result[key] = merged(default, value, f"{where}.{key}")
        elif isinstance(default, bool) or isinstance(value, bool):
            if type(value) is not type(default):
                raise ConfigError(f"{where}.{key}: expected true or false, got {value!r}")
            result[key] = value
        elif isinstance(default, (int, float)):
            if not isinstance(value, (int, float)):
                raise ConfigError(f"{where}.{key}: expected a number, got {value!r}")
            result[key] = type(default)(value) if isinstance(default, float) else value
        else:
            result[key] = value
    return result
