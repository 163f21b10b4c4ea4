"""The plugin framework on fresh managers: registration, clashes, broken plugins, the env switch."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import pytest

from lessonkit import LocalizedText, Method, PluginError, Prompt, Step, hookimpl
from lessonkit.plugins import get_plugin_manager, load_registry


def _method(key: str) -> Method:
    return Method(key=key, title=LocalizedText(en="Test", th="ทดสอบ"),
                  steps=(Step(key="s", title="S", prompts=(Prompt(key="q", kind="text", text="Q?"),)),))


def _plugin(name: str, *methods: Method) -> types.SimpleNamespace:
    @hookimpl
    def register_methods(register: Callable[[Method], None]) -> None:
        for method in methods:
            register(method)

    return types.SimpleNamespace(__name__=name, register_methods=register_methods)


def test_entry_point_plugins_are_the_three_methods() -> None:
    pm = get_plugin_manager()
    registry = load_registry(pm)
    assert {"aar", "ee", "5c4f"} <= set(registry.methods)
    for key in ("aar", "ee", "5c4f"):
        assert registry.methods.source(key) == key
        assert pm.infos[key].source == "entry point"
        assert pm.infos[key].distribution == "lessonkit"
    assert pm.warnings == []


def test_a_test_plugin_registers_a_method_and_is_recorded() -> None:
    pm = get_plugin_manager(load_entrypoints=False, plugins=[("mine", _plugin("mine", _method("msc")))])
    registry = load_registry(pm)
    assert registry.methods.keys() == ["msc"]
    assert registry.methods.source("msc") == "mine"
    assert pm.hooks_of("mine") == ["register_methods"]


def test_duplicate_method_is_an_error_naming_both_plugins() -> None:
    pm = get_plugin_manager(load_entrypoints=False, plugins=[
        ("first", _plugin("first", _method("msc"))), ("second", _plugin("second", _method("msc")))])
    with pytest.raises(PluginError, match="'msc' is registered by two plugins: 'first' and 'second'"):
        load_registry(pm)


def test_a_plugin_raising_in_its_hook_is_a_warning_and_others_work() -> None:
    @hookimpl
    def register_methods(register: Any) -> None:
        raise RuntimeError("oops")

    broken = types.SimpleNamespace(register_methods=register_methods)
    pm = get_plugin_manager(load_entrypoints=False,
                            plugins=[("broken", broken), ("good", _plugin("good", _method("msc")))])
    registry = load_registry(pm)
    assert registry.methods.keys() == ["msc"]
    assert pm.warnings == ["plugin 'broken' failed in register_methods: RuntimeError: oops"]


def test_registering_the_wrong_type_is_a_warning() -> None:
    @hookimpl
    def register_methods(register: Any) -> None:
        register("not a method")

    pm = get_plugin_manager(load_entrypoints=False,
                            plugins=[("wrong", types.SimpleNamespace(register_methods=register_methods))])
    registry = load_registry(pm)
    assert len(registry.methods) == 0
    assert "expects a lessonkit.Method, got str" in pm.warnings[0]


def test_misspelt_hook_is_caught_and_the_plugin_left_out() -> None:
    @hookimpl
    def register_method(register: Any) -> None:  # misspelt: no such hook
        raise AssertionError("never called")

    pm = get_plugin_manager(load_entrypoints=False, plugins=[
        ("typo", types.SimpleNamespace(register_method=register_method)),
        ("good", _plugin("good", _method("msc")))])
    registry = load_registry(pm)
    assert registry.methods.keys() == ["msc"]
    assert pm.infos["typo"].loaded is False
    assert "plugin 'typo' was not loaded" in pm.warnings[0]
    assert "register_method" in pm.warnings[0]


def test_entry_points_match_importlib_metadata() -> None:
    import importlib.metadata as md

    from lessonkit.plugins import iter_entry_points

    ours = {(ep.name, ep.value) for ep in iter_entry_points("lessonkit")}
    theirs = {(ep.name, ep.value) for ep in md.entry_points(group="lessonkit")}
    assert ours == theirs
    assert {"aar", "ee", "5c4f"} <= {name for name, _value in ours}


def test_a_plugin_that_fails_to_import_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from lessonkit import plugins

    real = plugins.iter_entry_points

    def fake_entry_points(group: str = "lessonkit") -> list[plugins.EntryPoint]:
        return [*real(group), plugins.EntryPoint(name="broken", value="lessonkit_no_such_module")]

    monkeypatch.setattr(plugins, "iter_entry_points", fake_entry_points)
    pm = get_plugin_manager()
    registry = load_registry(pm)
    assert {"aar", "ee", "5c4f"} <= set(registry.methods)
    assert len(pm.warnings) == 1
    assert "plugin 'broken' (lessonkit_no_such_module) failed to import: ModuleNotFoundError" in pm.warnings[0]
    assert pm.infos["broken"].loaded is False


@pytest.mark.parametrize(("value", "expected"), [("", set()), ("ee", {"ee"}), ("aar, 5c4f", {"aar", "5c4f"})])
def test_load_plugins_env_limits_loading(monkeypatch: pytest.MonkeyPatch, value: str, expected: set[str]) -> None:
    monkeypatch.setenv("LESSONKIT_LOAD_PLUGINS", value)
    registry = load_registry(get_plugin_manager())
    assert set(registry.methods) == expected
    assert registry.warnings == []


def test_load_plugins_env_naming_an_unknown_plugin_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONKIT_LOAD_PLUGINS", "ee,nosuch")
    pm = get_plugin_manager()
    assert pm.warnings == ["LESSONKIT_LOAD_PLUGINS names 'nosuch', but no installed plugin has that name"]


def test_managers_are_independent() -> None:
    one = get_plugin_manager(load_entrypoints=False, plugins=[("a", _plugin("a", _method("one")))])
    two = get_plugin_manager(load_entrypoints=False)
    assert "one" in load_registry(one).methods
    assert "one" not in load_registry(two).methods


def test_hookspecs_are_all_documented() -> None:
    from lessonkit import hookspecs

    for name in ("register_methods", "register_ranking_rules", "register_renderers",
                 "report_sections", "register_commands"):
        doc = getattr(hookspecs, name).__doc__
        assert doc and "Added in" in doc, name


def test_a_plugin_failing_to_add_commands_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from lessonkit import plugins
    from lessonkit.cli import _common, cli

    @hookimpl
    def register_commands(cli: Any) -> None:
        raise RuntimeError("half-written")

    real = plugins.get_plugin_manager

    def with_broken(**kwargs: Any) -> plugins.PluginManager:
        return real(plugins=[("broken", types.SimpleNamespace(register_commands=register_commands))])

    monkeypatch.setattr(_common, "get_plugin_manager", with_broken)
    _common.reset()
    try:
        result = CliRunner().invoke(cli, ["nosuchcommand"])
        assert result.exit_code == 2
        assert result.stderr.count("plugin 'broken' failed in register_commands: RuntimeError: half-written") == 1
        result = CliRunner().invoke(cli, ["methods"])
        assert result.exit_code == 0
    finally:
        _common.reset()
