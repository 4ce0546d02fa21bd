"""--help on every command and --version."""
import re

import pytest

COMMANDS = ["inspect", "list-tags", "manifest-digest", "delete", "login", "logout"]


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_exits_0_with_usage(periscope, command):
    result = periscope(command, "--help")
    assert result.returncode == 0, result.describe()
    assert "Usage:" in result.stdout and command in result.stdout, result.describe()


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_lists_its_flags(periscope, command):
    result = periscope(command, "--help")
    assert "--help" in result.stdout or "-h" in result.stdout, result.describe()


def test_top_level_help_lists_commands(periscope):
    result = periscope("--help")
    assert result.returncode == 0, result.describe()
    for command in COMMANDS:
        assert command in result.stdout, result.describe()


@pytest.mark.skopeo_differs("prints 'skopeo version 1.9.3'")
def test_version_prints_periscope_version(periscope):
    result = periscope("--version")
    assert result.returncode == 0, result.describe()
    assert re.fullmatch(r"periscope version \S+( .*)?\n", result.stdout), result.describe()
