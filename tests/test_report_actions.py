"""A group's action items appear once: in the method plugin's sections or in the core's list."""

from __future__ import annotations

import types
from typing import Any

from lessonkit import LocalizedText, Method, Prompt, Step, hookimpl
from lessonkit.model import Group, Session
from lessonkit.plugins import get_plugin_manager, load_registry
from lessonkit.report import Section, Table, build_report, iter_sections
from lessonkit.workshop import add_action

METHOD = Method(key="demo", title=LocalizedText(en="Demo"),
                steps=(Step(key="s", title="S", prompts=(Prompt(key="q", kind="text", text="Q"),)),))


def _plugin(contribute: bool) -> Any:
    @hookimpl
    def register_methods(register: Any) -> None:
        register(METHOD)

    @hookimpl
    def report_sections(context: Any, method: Any, group: Any) -> Any:
        if not contribute or method.key != "demo" or group is None:
            return None
        rows = [[a.what] for a in group.actions if a.method == "demo"]
        return [Section(title="Demo actions", blocks=[Table(["what"], rows)])]

    return types.SimpleNamespace(register_methods=register_methods, report_sections=report_sections)


def _cells(doc: Any, title: str) -> list[str]:
    found = []
    for _depth, section in iter_sections(doc.chapters):
        if section.title == title:
            for block in section.blocks:
                if isinstance(block, Table):
                    found.extend(str(row[0]) for row in block.rows)
    return found


def _session() -> Session:
    session = Session(title="t", locale="en", methods=["demo"], groups=[Group(key="g1", name="G")])
    add_action(session, "g1", "from the method", method="demo")
    add_action(session, "g1", "typed by hand")
    return session


def test_actions_shown_by_a_plugin_are_not_listed_again() -> None:
    registry = load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("p", _plugin(True))]))
    doc = build_report(_session(), registry)
    assert _cells(doc, "Demo actions") == ["from the method"]
    assert _cells(doc, "Action items") == ["typed by hand"]


def test_without_plugin_sections_the_core_lists_every_action() -> None:
    registry = load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("p", _plugin(False))]))
    doc = build_report(_session(), registry)
    assert _cells(doc, "Action items") == ["from the method", "typed by hand"]
