"""``lessonkit plugins --hook NAME``: who implements a hook."""

from __future__ import annotations

import json

from click.testing import CliRunner

from lessonkit.cli import cli


def test_plugins_hook_lists_only_implementers(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plugins", "--json", "--hook", "report_sections"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    names = {row["name"] for row in rows}
    assert {"aar", "ee"} <= names
    assert "5c4f" not in names or "report_sections" in next(
        row["hooks"] for row in rows if row["name"] == "5c4f")
    assert all("report_sections" in row["hooks"] for row in rows)


def test_plugins_hook_with_all_shows_the_core_renderers(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plugins", "--json", "--all", "--hook", "register_renderers"])
    assert result.exit_code == 0
    names = {row["name"] for row in json.loads(result.stdout)}
    assert "lessonkit.renderers" in names
    assert "aar" not in names
    result = runner.invoke(cli, ["plugins", "--json", "--hook", "register_ranking_rules"])
    assert result.exit_code == 0
    assert "lessonkit.rules" not in {row["name"] for row in json.loads(result.stdout)}


def test_plugins_hook_table_names_the_hook(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plugins", "--hook", "register_commands", "--locale", "en"])
    assert result.exit_code == 0
    assert "register_commands" in result.stdout
    assert "ee" in result.stdout


def test_plugins_unknown_hook_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["plugins", "--hook", "register_method"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no hook 'register_method'" in result.stderr
    assert "register_methods" in result.stderr
