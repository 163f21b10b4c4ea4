"""Per-method hooks reach only the plugin that registered the method (issue 12).

Today every plugin's report_sections, session_problems and steps_in_use were
called for every method, so every implementation began with
``if method.key != …``. These plugins do not filter, and must not be asked
about each other's methods.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from lessonkit import LocalizedText as T
from lessonkit import Method, Prompt, Step, for_methods, hookimpl, workshop
from lessonkit.report import Paragraph, Section, build_report
from lessonkit.testing import make_registry


def _method(key: str) -> Method:
    return Method(key=key, title=T(en=key.title(), th=key), steps=(
        Step(key="s1", title=T(en="One", th="หนึ่ง"), prompts=(
            Prompt(key="notes", kind="list", text=T(en="Notes", th="บันทึก")),)),
        Step(key="s2", title=T(en="Two", th="สอง"), prompts=(
            Prompt(key="more", kind="list", text=T(en="More", th="เพิ่ม")),)),
    ))


class MethodPlugin:
    """A method plugin whose per-method hooks do not check method.key."""

    def __init__(self, key: str) -> None:
        self.method = _method(key)
        self.seen: list[tuple[str, str]] = []

    @hookimpl
    def register_methods(self, register: Any) -> None:
        register(self.method)

    @hookimpl
    def report_sections(self, context: Any, method: Any, group: Any) -> Any:
        self.seen.append(("report_sections", method.key))
        if group is None:
            return None
        return [Section(title=f"{self.method.key} section", blocks=[Paragraph("x")])]

    @hookimpl
    def report_part(self, context: Any, method: Any, part: str) -> Any:
        self.seen.append(("report_part", method.key))
        return None

    @hookimpl
    def live_view(self, view: str, method: Any, prompt: Any) -> Any:
        self.seen.append(("live_view", method.key))
        return None

    @hookimpl
    def session_problems(self, session: Any, method: Any) -> Any:
        self.seen.append(("session_problems", method.key))
        return [f"{self.method.key} problem"]

    @hookimpl
    def steps_in_use(self, session: Any, method: Any) -> Any:
        self.seen.append(("steps_in_use", method.key))
        return ["s2"]


def _session(registry: Any) -> Any:
    session = workshop.new_session(registry, "t", locale="en", methods=["alpha", "beta"])
    workshop.add_group(session, "g1", "G")
    return session


def test_each_plugin_is_asked_only_about_its_own_method() -> None:
    alpha, beta = MethodPlugin("alpha"), MethodPlugin("beta")
    registry = make_registry(("alpha", alpha), ("beta", beta))
    session = _session(registry)
    doc = build_report(session, registry, locale="en", draft=True)  # g1 has no data yet
    assert workshop.session_problems(session, registry).count("alpha problem") == 1
    assert workshop.session_problems(session, registry).count("beta problem") == 1
    for method in (registry.method("alpha"), registry.method("beta")):
        assert [s.key for s in workshop.steps_in_use(session, registry, method)] == ["s2"]
    assert {hook for hook, _key in alpha.seen} == {"report_sections", "report_part",
                                                   "session_problems", "steps_in_use"}
    assert {key for _hook, key in alpha.seen} == {"alpha"}
    assert {key for _hook, key in beta.seen} == {"beta"}
    from lessonkit.report import iter_sections

    part = next(s for _d, s in iter_sections(doc.chapters) if s.key == "group.g1.alpha")
    titles = [s.title for s in part.subsections]
    assert "alpha section" in titles
    assert "beta section" not in titles  # beta's section does not land in alpha's part


def test_the_live_view_hook_is_asked_only_about_the_plugins_own_method() -> None:
    pytest.importorskip("jinja2")  # the serve extra
    from lessonkit.serve.views import plugin_view

    alpha, beta = MethodPlugin("alpha"), MethodPlugin("beta")
    registry = make_registry(("alpha", alpha), ("beta", beta))
    session = _session(registry)
    for method in (registry.method("alpha"), registry.method("beta")):
        step = method.steps[0]
        assert plugin_view(registry, "participant", session, session.groups[0], method, step,
                           step.prompts[0], {}, "en") == ""  # both answer None: the built-in view
    assert alpha.seen == [("live_view", "alpha")]
    assert beta.seen == [("live_view", "beta")]


def test_a_plugin_opts_in_to_other_methods_with_for_methods() -> None:
    class Extra(MethodPlugin):
        @hookimpl
        @for_methods("*")
        def report_sections(self, context: Any, method: Any, group: Any) -> Any:
            self.seen.append(("report_sections", method.key))
            return None

    alpha, extra = MethodPlugin("alpha"), Extra("gamma")
    registry = make_registry(("alpha", alpha), ("extra", extra))
    session = workshop.new_session(registry, "t", locale="en", methods=["alpha", "gamma"])
    workshop.add_group(session, "g1", "G")
    build_report(session, registry, locale="en")
    assert {key for hook, key in extra.seen if hook == "report_sections"} == {"alpha", "gamma"}
    assert {key for _hook, key in alpha.seen} == {"alpha"}


def test_for_methods_names_methods() -> None:
    def impl(method: Any) -> None:
        return None

    from lessonkit.hookspecs import methods_of

    assert methods_of(for_methods("ee", "aar")(impl)) == ("ee", "aar")
    with pytest.raises(ValueError, match="method keys"):
        for_methods()


def test_a_plugin_registering_no_method_is_still_asked_about_every_method() -> None:
    """Backwards compatible: a sections-only plugin keeps working."""
    seen: list[str] = []

    class SectionsOnly:
        @hookimpl
        def report_sections(self, method: Any) -> Any:  # fewer parameters than the spec
            seen.append(method.key)
            return None

    registry = make_registry(("alpha", MethodPlugin("alpha")), ("beta", MethodPlugin("beta")),
                             ("only", SectionsOnly()))
    build_report(_session(registry), registry, locale="en")
    assert set(seen) == {"alpha", "beta"}


def test_the_built_in_plugins_no_longer_filter_by_key() -> None:
    import inspect

    import lessonkit_5c4f
    import lessonkit_aar
    import lessonkit_ee

    for module in (lessonkit_aar, lessonkit_ee, lessonkit_5c4f):
        assert "method.key !=" not in inspect.getsource(module)


def test_register_hooks_may_take_fewer_parameters() -> None:
    class NoArgs:
        @hookimpl
        def register_methods(self) -> None:  # takes nothing: registers nothing, and does not fail
            return None

    registry = make_registry(("noargs", NoArgs()))
    assert not [w for w in registry.warnings if "noargs" in w]


def test_the_per_method_hooks_are_hooks() -> None:
    from lessonkit import hookspecs

    assert hookspecs.PER_METHOD_HOOKS == ("report_sections", "session_problems", "change_problems",
                                          "steps_in_use", "report_part", "live_view")
    for name in hookspecs.PER_METHOD_HOOKS:
        assert "method" in inspect.signature(getattr(hookspecs, name)).parameters
