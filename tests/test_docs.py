"""Docs stay true: every command is in the README and its help ends with a runnable example."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from baodantoc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_the_expected_commands_exist() -> None:
    assert set(COMMANDS) >= {"run", "crawl", "parse", "extract", "annotate", "evaluate", "export", "search",
                             "serve", "sample-site"}


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_shown_in_the_readme(name: str) -> None:
    assert f"baodantoc {name}" in README, f"README has no example of `baodantoc {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_ending_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    paragraphs = [p.strip() for p in result.output.split("Options:")[0].split("\n\n") if p.strip()]
    assert paragraphs[-1].startswith(f"Example: baodantoc {name}"), paragraphs[-1]


def test_the_quickstart_commands_are_the_makefile_targets_ci_calls() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "\ndemo:" in makefile and "\ntest:" in makefile
    assert "make test" in ci
