"""The one configuration loader: every analysis' settings from one ``--config`` TOML file.

A configuration file holds up to four sections, one per configurable
analysis, each overriding that analysis' :data:`DEFAULTS`::

    [territorial_drive]
    threshold = 0.6

    [territorial_drive.weights]
    solo_share = 2.0

    [missing_links.weights]
    complementarity = 0.5

The whole file is checked before anything runs, whichever command reads it:
an unknown section, an unknown key or a value of the wrong type or range is
an error naming the file, the section, the key and the keys that exist, so a
typo such as ``[territorial_drve]`` never passes silently as "used". Analyses
only ever receive mappings (the validated sections), never paths. The report's
methods appendix prints the complete settings, defaults included.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphtool.analyses import missing_links, roles, scan, territorial_drive
from graphtool.config import merged, read_toml
from graphtool.errors import ConfigError

Check = Callable[[Mapping[str, Any] | None], dict[str, Any]]

#: section -> (its defaults, the function that validates overrides and returns full settings)
SECTIONS: dict[str, tuple[Mapping[str, Any], Check]] = {
    "scan": (scan.DEFAULTS, scan.check_config),
    "territorial_drive": (territorial_drive.DEFAULTS, territorial_drive.check_config),
    "roles": (roles.DEFAULTS, roles.check_config),
    "missing_links": (missing_links.DEFAULTS, missing_links.check_config),
}


@dataclass(frozen=True)
class Configuration:
    """The validated settings of every section and where they came from."""

    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = "defaults"

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.settings[section]


def _known(names: Mapping[str, Any] | list[str]) -> str:
    return ", ".join(sorted(names))


def check_sections(overrides: Mapping[str, Any], where: str) -> None:
    """Refuse a section that no analysis reads, or a section that is not a table."""
    for section, values in overrides.items():
        if section not in SECTIONS and not isinstance(values, Mapping):
            raise ConfigError(
                f"{where}: setting {section!r} is outside any section",
                hint="put it under the section of its analysis; known sections: "
                + ", ".join(f"[{s}]" for s in sorted(SECTIONS)),
            )
        if section not in SECTIONS:
            close = difflib.get_close_matches(section, list(SECTIONS), n=1)
            guess = f"did you mean [{close[0]}]? " if close else ""
            raise ConfigError(
                f"{where}: unknown section [{section}]",
                hint=f"{guess}known sections: " + ", ".join(f"[{s}]" for s in sorted(SECTIONS)),
            )
        if not isinstance(values, Mapping):
            raise ConfigError(
                f"{where}: [{section}] must be a table of settings, got {values!r}",
                hint=f"known settings of [{section}]: {_known(SECTIONS[section][0])}",
            )


def complete_settings(
    overrides: Mapping[str, Mapping[str, Any]] | None = None, *, where: str = "configuration"
) -> dict[str, dict[str, Any]]:
    """Every section's full, validated settings from overrides of some of them.

    ``overrides`` is shaped like the file (``{"territorial_drive": {"threshold": 0.6}}``);
    ``where`` names it in error messages.

    Raises
    ------
    ConfigError
        An unknown section or key, or a bad value.

    Examples
    --------
    >>> complete_settings({"roles": {"broker_top_share": 0.2}})["roles"]["broker_top_share"]
    0.2
    """
    overrides = overrides or {}
    check_sections(overrides, where)
    settings = {}
    for section, (defaults, check) in SECTIONS.items():
        # unknown keys and types first, named with the file and section; then the ranges
        given = merged(defaults, overrides.get(section, {}), f"{where} [{section}]")
        try:
            settings[section] = check(given)
        except ConfigError as exc:
            if where == "configuration":
                raise
            raise ConfigError(f"{where}: {exc.message}", hint=exc.hint) from None
    return settings


def load_configuration(path: str | Path | None) -> Configuration:
    """The configuration of ``path`` (a TOML file), or the defaults when ``None``.

    Raises
    ------
    ConfigError
        The file is missing or not TOML (with its line), or holds an unknown
        section or key, or a bad value.
    """
    if path is None:
        return Configuration(complete_settings(), "defaults")
    data = read_toml(path)
    return Configuration(complete_settings(data, where=str(path)), str(path))


__all__ = [
    "SECTIONS",
    "Configuration",
    "check_sections",
    "complete_settings",
    "load_configuration",
]
