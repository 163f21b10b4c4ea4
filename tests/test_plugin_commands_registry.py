"""Plugin commands get the registry from lessonkit instead of fetching it (issue 12)."""

from __future__ import annotations

import inspect
from typing import Any

import click

from lessonkit import hookimpl
from lessonkit.cli import _common, pass_registry
from lessonkit.testing import LessonkitRunner


class HookBuilt:
    """A plugin building its command inside register_commands, with the registry it is given."""

    @hookimpl
    def register_commands(self, cli: Any, registry: Any) -> None:
        @cli.command("count-rules")
        def count_rules() -> None:
            click.echo(f"{len(registry.rules)} rules")


@click.command("rule-keys")
@pass_registry
def rule_keys(registry: Any) -> None:
    click.echo(",".join(registry.rules.keys()))


class ModuleLevel:
    """A plugin whose command is defined at module level and takes the registry."""

    @hookimpl
    def register_commands(self, cli: Any) -> None:  # the 0.1 signature still works
        cli.add_command(rule_keys)


def test_a_command_built_by_the_hook_uses_the_registry_it_was_given() -> None:
    runner = LessonkitRunner().use(("hook-built", HookBuilt()))
    result = runner.invoke("count-rules")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "8 rules"


def test_pass_registry_gives_a_module_level_command_the_running_registry() -> None:
    runner = LessonkitRunner().use(("module-level", ModuleLevel()))
    result = runner.invoke("rule-keys")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().split(",")[:3] == ["sum", "mean", "median"]


def test_listing_commands_does_not_load_the_registry() -> None:
    runner = LessonkitRunner().use(("hook-built", HookBuilt()))
    seen: dict[str, Any] = {}
    original = _common.reset

    def keep_state() -> None:  # look at the state before the runner resets it
        seen.update(_common._STATE)
        original()

    _common.reset = keep_state  # type: ignore[assignment]
    try:
        result = runner.invoke("--help")
    finally:
        _common.reset = original  # type: ignore[assignment]
    assert result.exit_code == 0 and "count-rules" in result.stdout
    assert "registry" not in seen


def test_the_built_in_plugins_commands_do_not_fetch_the_registry() -> None:
    import lessonkit_5c4f.cli
    import lessonkit_aar.cli
    import lessonkit_ee.cli

    for module in (lessonkit_aar.cli, lessonkit_ee.cli, lessonkit_5c4f.cli):
        assert "get_registry" not in inspect.getsource(module)


def test_a_runner_call_leaves_no_plugin_command_behind() -> None:
    from lessonkit.cli import cli

    before = set(cli.commands)
    assert LessonkitRunner().use(("hook-built", HookBuilt())).invoke("count-rules").exit_code == 0
    assert set(cli.commands) == before
