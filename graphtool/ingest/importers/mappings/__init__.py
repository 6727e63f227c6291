"""Mapping files: TOML that tells an importer which source column holds what.

Shipped mappings (``amsterdam.toml``, ...) live in this package and are found
by name (``--mapping amsterdam``); any other mapping is given by its path.
The format is described in ``docs/importers.md``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from graphtool.config import read_toml
from graphtool.errors import ConfigError

#: The sections and keys each source kind accepts; ``*`` means any key.
SCHEMAS: dict[str, dict[str, tuple[str, ...]]] = {
    "subsidy-register": {
        "register": ("name", "sheet", "currency", "id_scheme"),
        "funder": ("name", "id", "type", "sector", "column", "id_column"),
        "columns": (
            "recipient",
            "recipient_id",
            "recipient_type",
            "amount",
            "year",
            "date",
            "programme",
            "currency",
            "grant_id",
        ),
        "flow_properties": ("*",),
        "types": ("*",),
    },
    "360giving": {"types": ("*",)},
    "cordis": {
        "funder": ("name", "id", "type", "sector"),
        "activity_types": ("*",),
        "roles": ("*",),
        "types": ("*",),
    },
}


def shipped_mappings() -> list[str]:
    """Names of the mappings shipped with graphtool."""
    folder = resources.files(__name__)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_mapping(spec: str | Path, kind: str) -> dict[str, Any]:
    """Read a mapping by shipped name (``amsterdam``) or path, and check its sections and keys.

    Raises
    ------
    ConfigError
        When the file is missing or not TOML, or has a section or key the
        source kind does not know.
    """
    text = str(spec)
    if "/" not in text and "\\" not in text and not text.endswith(".toml"):
        packaged = resources.files(__name__) / f"{text}.toml"
        if not packaged.is_file():
            raise ConfigError(
                f"no shipped mapping named {text!r}",
                hint="shipped mappings: "
                + ", ".join(shipped_mappings())
                + "; or give the path of a .toml file",
            )
        with resources.as_file(packaged) as path:
            data = read_toml(path)
        where = f"mapping {text!r}"
    else:
        data = read_toml(Path(text))
        where = text
    check_mapping(data, kind, where)
    return data


def check_mapping(data: dict[str, Any], kind: str, where: str) -> None:
    """Refuse unknown sections and keys, so a typo never passes silently."""
    schema = SCHEMAS[kind]
    for section, values in data.items():
        if section not in schema:
            raise ConfigError(
                f"{where}: unknown section [{section}] for {kind}",
                hint="known sections: " + ", ".join(f"[{s}]" for s in schema),
            )
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: [{section}] must be a table of keys")
        allowed = schema[section]
        if "*" in allowed:
            continue
        for key in values:
            if key not in allowed:
                raise ConfigError(
                    f"{where}: unknown key {key!r} in [{section}]",
                    hint="known keys: " + ", ".join(allowed),
                )
