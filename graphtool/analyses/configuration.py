"""The settings of every research analysis at once, from one ``--config`` TOML file.

Sections: ``[scan]``, ``[territorial_drive]``, ``[roles]`` and ``[missing_links]``;
each overrides the defaults of its analysis and is validated by it. The
report's methods appendix prints the result, so a reader sees every value
that was used, defaults included.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphtool.analyses import missing_links, roles, scan, territorial_drive
from graphtool.config import load_section, merged

#: section -> (defaults, validating function returning the full settings)
SECTIONS = {
    "scan": (scan.DEFAULT_CONFIG, scan.check_config),
    "territorial_drive": (territorial_drive.DEFAULT_CONFIG, territorial_drive.check_config),
    "roles": (roles.DEFAULT_CONFIG, roles.check_config),
    "missing_links": (missing_links.DEFAULTS, missing_links.settings_from),
}


def load_settings(path: str | Path | None) -> tuple[dict[str, dict[str, Any]], str]:
    """Every section's validated settings (defaults overridden by ``path``) and their source.

    Raises
    ------
    ConfigError
        The file is missing or not TOML, or a section has an unknown key or bad value.
    """
    settings, source = {}, "defaults"
    for section, (defaults, check) in SECTIONS.items():
        values, source = load_section(path, section, defaults)
        settings[section] = check(values)
    return settings, source


def complete_settings(
    overrides: Mapping[str, Mapping[str, Any]] | None,
) -> dict[str, dict[str, Any]]:
    """Every section's full settings from overrides of some of them (a dict like the file)."""
    overrides = overrides or {}
    return {
        section: check(merged(defaults, overrides.get(section, {}), section))
        for section, (defaults, check) in SECTIONS.items()
    }
