"""The one configuration loader: the whole file is checked, sections are mappings."""

from __future__ import annotations

import pytest

from graphtool.analyses import missing_links, roles, scan, territorial_drive
from graphtool.analyses.configuration import SECTIONS, complete_settings, load_configuration
from graphtool.errors import ConfigError


def test_defaults_without_a_file():
    configuration = load_configuration(None)
    assert configuration.source == "defaults"
    assert configuration["territorial_drive"] == territorial_drive.DEFAULTS
    assert configuration["scan"] == scan.DEFAULTS
    assert configuration["roles"] == roles.DEFAULTS
    assert configuration["missing_links"] == missing_links.DEFAULTS


def test_every_analysis_names_its_defaults_the_same_way():
    for section, (defaults, check) in SECTIONS.items():
        module = {
            "scan": scan,
            "territorial_drive": territorial_drive,
            "roles": roles,
            "missing_links": missing_links,
        }[section]
        assert defaults is module.DEFAULTS
        assert check is module.check_config
        assert check(None) == defaults


def test_a_file_overrides_some_keys_and_keeps_the_rest(tmp_path):
    path = tmp_path / "graphtool.toml"
    path.write_text("[territorial_drive]\nthreshold = 0.6\n\n[roles]\nbroker_top_share = 0.2\n")
    configuration = load_configuration(path)
    assert configuration.source == str(path)
    assert configuration["territorial_drive"]["threshold"] == 0.6
    assert configuration["territorial_drive"]["min_actions"] == 3
    assert configuration["roles"]["broker_top_share"] == 0.2
    assert configuration["scan"] == scan.DEFAULTS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[territorial_drve]\nthreshold = 0.1\n",
            "{path}: unknown section [territorial_drve]\nhint: did you mean [territorial_drive]? "
            "known sections: [missing_links], [roles], [scan], [territorial_drive]",
        ),
        (
            "[colours]\nred = 1\n",
            "{path}: unknown section [colours]\nhint: known sections: [missing_links], [roles], "
            "[scan], [territorial_drive]",
        ),
        (
            "threshold = 0.1\n",
            "{path}: setting 'threshold' is outside any section\nhint: put it under the section of "
            "its analysis; known sections: [missing_links], [roles], [scan], [territorial_drive]",
        ),
        (
            "[roles]\nbroker_share = 0.1\n",
            "{path} [roles]: unknown setting 'broker_share'\n"
            "hint: known settings: broker_top_share",
        ),
        (
            "[missing_links.weights]\nstructure = 'a lot'\n",
            "{path} [missing_links].weights.structure: expected a number, got 'a lot'",
        ),
        (
            "[roles]\nbroker_top_share = 0\n",
            "{path}: roles.broker_top_share: must be above 0 and at most 1, got 0.0",
        ),
        ("[roles\n", "{path}: not valid TOML"),
    ],
)
def test_bad_files_name_file_section_key_and_the_known_keys(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_configuration(path)
    assert str(info.value).startswith(message.format(path=path))


def test_mappings_from_python_are_checked_the_same_way():
    with pytest.raises(ConfigError, match=r"configuration: unknown section \[scans\]"):
        complete_settings({"scans": {}})
    settings = complete_settings({"missing_links": {"weights": {"bridging": 0.5}}})
    assert settings["missing_links"]["weights"]["bridging"] == 0.5
