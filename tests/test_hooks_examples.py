"""The examples of docs/hooks.md run: each is registered as a plugin on a fresh manager."""

from __future__ import annotations

import re
import types
from pathlib import Path

import pytest

from lessonkit import Group, Session
from lessonkit.plugins import get_plugin_manager, load_registry

DOC = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"


def example_module(hook: str) -> types.ModuleType:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"## `{hook}`")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end != -1 else len(text)]
    code = re.search(r"\*\*Example\*\*\n+```python\n(.*?)```", section, re.DOTALL)
    assert code is not None, hook
    module = types.ModuleType(f"example_{hook}")
    exec(compile(code.group(1), f"docs/hooks.md:{hook}", "exec"), module.__dict__)
    return module


def registry_with(hook: str):  # type: ignore[no-untyped-def]
    pm = get_plugin_manager(load_entrypoints=False, plugins=[(hook, example_module(hook))])
    assert pm.warnings == []
    return load_registry(pm)


def test_register_methods_example() -> None:
    registry = registry_with("register_methods")
    method = registry.method("exchange")
    assert method.prompt("practices", "usefulness").items_from == "practices"
    assert registry.methods.source("exchange") == "register_methods"


def test_register_ranking_rules_example_ranks() -> None:
    from lessonkit.ranking import rank
    from lessonkit.scores import ScoreTable

    registry = registry_with("register_ranking_rules")
    table = ScoreTable()
    table.set_ballot("p1", {"a": 5, "b": 3})
    table.set_ballot("p2", {"a": 5, "b": 5})
    result = rank(table, ["a", "b"], registry.rules.get("share_top"), low=1, high=5)
    assert [(row.item, row.score) for row in result.rows] == [("a", 1.0), ("b", 0.5)]


def test_register_renderers_example_renders() -> None:
    from lessonkit.report import build_report

    registry = registry_with("register_renderers")
    session = Session(title="Exchange", methods=[])
    session.groups.append(Group(key="g1", name="Family Strengthening"))
    output = registry.renderers.get("outline")(build_report(session, registry, locale="en"))
    # The final edition's outline: the unnumbered executive summary, then the introduction with
    # its numbered sections; the results chapter is left out, as no method was run.
    assert isinstance(output, str)
    assert output.splitlines() == ["Executive summary", "1 Introduction", "  1.1 Participants and groups"]


def test_register_importers_example_reads() -> None:
    registry = registry_with("register_importers")
    importer = registry.importers.get("jsonl")
    sheet = importer.read(b'{"q1": "yes", "q2": 3}\n', "answers.jsonl")
    assert sheet.headers == ["q1", "q2"] and sheet.rows == [["yes", 3]]


def test_report_sections_example_contributes_to_its_method_only() -> None:
    from lessonkit.report import ReportContext

    module = example_module("report_sections")
    methods = registry_with("register_methods")
    session = Session(title="Exchange", methods=["exchange"])
    context = ReportContext(session=session, registry=methods, locale="en", digits="arabic")
    assert module.report_sections(context, methods.method("exchange"), None) is None


@pytest.mark.parametrize("hook", ["register_commands"])
def test_register_commands_example_defines_the_hook(hook: str) -> None:
    module = example_module(hook)
    assert hasattr(module.register_commands, "lessonkit_impl")


def test_session_problems_example_names_the_place() -> None:
    from lessonkit import Entry

    module = example_module("session_problems")
    methods = registry_with("register_methods")
    group = Group(key="g1", name="G", entries=[
        Entry(id="e1", method="exchange", step="s", prompt="theme", text="Gatekeeping"),
        Entry(id="e2", method="exchange", step="s", prompt="theme", text="Gardening")])
    session = Session(title="Exchange", methods=["exchange"], groups=[group])
    method = methods.method("exchange")
    assert module.session_problems(session, method) == ["unknown theme 'Gardening' @ groups[0].entries[1]"]
    assert module.session_problems(Session(title="Empty", methods=["exchange"]), method) == []


def test_change_problems_example_gives_the_new_lines_of_session_problems() -> None:
    from lessonkit import Entry

    whole = example_module("session_problems")
    change = example_module("change_problems")
    methods = registry_with("register_methods")
    group = Group(key="g1", name="G", entries=[
        Entry(id="e1", method="exchange", step="s", prompt="theme", text="Gardening")])
    session = Session(title="Exchange", methods=["exchange"], groups=[Group(key="g0", name="F"), group])
    method = methods.method("exchange")
    before = whole.session_problems(session, method)
    added = [Entry(id="e2", method="exchange", step="s", prompt="theme", text="Gatekeeping"),
             Entry(id="e3", method="exchange", step="s", prompt="theme", text="Fishing")]
    group.entries.extend(added)
    after = whole.session_problems(session, method)
    assert change.change_problems(session, method, group, added) == [
        line for line in after if line not in before] == ["unknown theme 'Fishing' @ groups[1].entries[2]"]
    assert change.change_problems(session, method, group, []) == []


def test_steps_in_use_example_chooses_steps() -> None:
    module = example_module("steps_in_use")
    methods = registry_with("register_methods")
    method = methods.method("exchange")
    session = Session(title="t", methods=["exchange"])
    assert module.steps_in_use(session, method) is None
    session.settings["exchange"] = {"plan": False}
    assert module.steps_in_use(session, method) == ["practices"]
