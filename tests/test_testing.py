"""lessonkit.testing: the fixtures, the conformance check and the hypothesis strategies."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import LocalizedText as T
from lessonkit import Method, Prompt, Scale, Step, hookimpl
from lessonkit.plugins import PluginManager, Registry, get_registry
from lessonkit.testing import LessonkitRunner, check_method, scores_for, sessions_for

BUNDLED = ("aar", "ee", "5c4f")


@pytest.fixture(scope="module")
def installed() -> Registry:
    return get_registry()


@pytest.mark.parametrize("key", BUNDLED)
def test_the_bundled_methods_pass_the_conformance_check(installed: Registry, key: str) -> None:
    assert check_method(installed.method(key), installed) == []


BROKEN = Method(
    key="broken",
    title=T(en="Broken example", th="ตัวอย่างที่ผิด"),
    default_rule="borda",
    steps=(Step(key="s1", title=T(en="Step one"), prompts=(
        Prompt(key="ideas", kind="list", text=T(en="Ideas", th="ความคิด")),
        Prompt(key="rating", kind="score", text=T(en="Rate", th="ให้คะแนน"), items_from="ideas",
               scale=Scale.range(1, 4), rule="no_such_rule"),
        Prompt(key="votes", kind="dots", text=T(en="Dots", th="จุด"), items_from="ideas",
               budget=3, rule="mean"),
        Prompt(key="more_votes", kind="dots", text=T(en="More dots", th="จุดเพิ่ม"), items_from="ideas",
               budget=2),
    )),),
)


def test_a_broken_method_fails_with_messages_that_say_what_to_fix(installed: Registry) -> None:
    problems = check_method(BROKEN, installed)
    text = "\n".join(problems)
    assert "method 'broken' step 's1' title has no 'th' text: add th=\"…\"" in text
    assert "rule 'no_such_rule' is not a registered ranking rule" in text
    assert "prompt 'votes': rule 'mean' ranks score prompts, not dots: pick a rule for dots prompts" in text
    assert "default_rule 'borda' ranks rank prompts, but the method's scored prompts are dots, score: " \
        "pick a default rule for those kinds" in text
    assert len(problems) == 4, problems


class BadSections:
    """A plugin whose report section is not a list of sections."""

    @hookimpl
    def report_sections(self, context: Any, method: Any, group: Any) -> Any:
        return "a string" if method.key == "tiny" else None


class BadRenderer:
    @hookimpl
    def register_renderers(self, register: Any) -> None:
        from lessonkit.render import Renderer

        def fail(document: Any, options: Any) -> str:
            raise RuntimeError("cannot draw")

        register(Renderer(key="fails", title="Fails", extension=".x", render=fail))


class BadRule:
    @hookimpl
    def register_ranking_rules(self, register: Any) -> None:
        from lessonkit.ranking import Rule, Scored

        def first_only(ctx: Any) -> Any:
            item = ctx.items[0]
            return {item: Scored(score=1.0, n=99)}

        register(Rule(key="first_only", title=T(en="First"), description=T(en="Bad"),
                      compute=first_only))


TINY = Method(
    key="tiny", title=T(en="Tiny", th="เล็ก"), locales=("th", "en"), default_rule="first_only",
    steps=(Step(key="s", title=T(en="S", th="ส"), prompts=(
        Prompt(key="ideas", kind="list", text=T(en="Ideas", th="ความคิด")),
        Prompt(key="rating", kind="score", text=T(en="Rate", th="ให้คะแนน"), items_from="ideas",
               scale=Scale.range(1, 3)),
    )),),
)


def test_bad_plugins_around_a_method_are_named(lessonkit_registry: Callable[..., Registry]) -> None:
    registry = lessonkit_registry(("sections", BadSections()), ("renderer", BadRenderer()),
                                  ("rule", BadRule()))
    text = "\n".join(check_method(TINY, registry))
    assert "plugin 'sections': report_sections must return a list of lessonkit.report.Section" in text
    assert "does not render as 'fails' (renderer of plugin 'renderer'): RuntimeError: cannot draw" in text
    assert "ranking rule 'first_only' (from plugin 'rule') fails on valid score scores" in text


def test_check_method_does_not_change_the_registry(lessonkit_registry: Callable[..., Registry]) -> None:
    registry = lessonkit_registry()
    assert check_method(TINY.__class__(**{**_fields(TINY), "default_rule": "mean"}), registry) == []
    assert "tiny" not in registry.methods


def _fields(method: Method) -> dict[str, Any]:
    import attrs

    return attrs.asdict(method, recurse=False)


def test_lessonkit_pm_has_defaults_and_chosen_plugins(lessonkit_pm: Callable[..., PluginManager]) -> None:
    pm = lessonkit_pm(("rule", BadRule()))
    assert "lessonkit.rules" in pm.infos and "rule" in pm.infos
    assert "aar" not in pm.infos
    assert "aar" in lessonkit_pm(entrypoints=True).infos


def test_lessonkit_session_writes_a_filled_session(lessonkit_session: Callable[..., Path],
                                                   installed: Registry) -> None:
    from lessonkit import files
    from lessonkit.workshop import session_problems

    path = lessonkit_session(installed, ["ee"], groups=2, participants=2, filled=True)
    session = files.load(path)
    assert [g.key for g in session.groups] == ["g1", "g2"]
    assert session_problems(session, installed) == []
    assert session.groups[0].scores


def test_lessonkit_runner_sees_only_chosen_plugins(lessonkit_runner: LessonkitRunner) -> None:
    class Tiny:
        @hookimpl
        def register_methods(self, register: Any) -> None:
            register(TINY)

    result = lessonkit_runner.use(("tiny", Tiny())).invoke("methods", "--json")
    assert result.exit_code == 0, result.stderr
    assert [m["key"] for m in json.loads(result.stdout)] == ["tiny"]
    result = lessonkit_runner.invoke("methods", "--json")
    assert [m["key"] for m in json.loads(result.stdout)] == ["tiny"]
    result = LessonkitRunner().invoke("methods", "--json")
    assert {"aar", "ee", "5c4f"} <= {m["key"] for m in json.loads(result.stdout)}


@pytest.mark.parametrize("key", BUNDLED)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_generated_sessions_are_valid_and_rank(installed: Registry, key: str, data: st.DataObject) -> None:
    from lessonkit.ranking import rank_prompt
    from lessonkit.workshop import session_problems

    method = installed.method(key)
    session = data.draw(sessions_for(method, registry=installed))
    assert session_problems(session, installed) == []
    group = session.groups[0]
    for step, prompt in method.scored_prompts():
        criterion = prompt.criteria[0].key if prompt.criteria else ""
        ranking = rank_prompt(session, installed, group.key, key, prompt.key, step=step.key,
                              criterion=criterion)
        assert {row.item for row in ranking.rows} <= {e.id for e in group.entries}


@pytest.mark.parametrize("key", BUNDLED)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_generated_scores_are_accepted_by_the_workshop(installed: Registry, key: str,
                                                       data: st.DataObject) -> None:
    from lessonkit import workshop
    from lessonkit.plugins import PluginManager
    from lessonkit.plugins import Registry as _Registry

    method = installed.method(key)
    # the declaration alone: sample rows cannot know a plugin's own rules (5C4F's age bands)
    bare = _Registry(PluginManager())
    bare.methods.add(key, method, "test")
    step, prompt = next(iter(method.scored_prompts()))
    source_step, source = method.resolve(step.key, prompt.items_from or "")
    session = workshop.new_session(bare, "t", methods=[key])
    workshop.add_group(session, "g1", "Group")
    workshop.add_participant(session, "g1", "p1")
    texts = ["a", "b", "c", "d"] if source.kind == "list" else []
    if source.kind == "table":
        for n in range(4):
            workshop.add_answers(session, bare, "g1", key, source.key,
                                 [f"{f.key}=2026-01-0{n + 1}" if f.kind == "date" else
                                  f"{f.key}={n + 1}" if f.kind == "number" else f"{f.key}=x{n}"
                                  for f in source.fields], step=source_step.key)
    else:
        workshop.add_answers(session, bare, "g1", key, source.key, texts, step=source_step.key)
    items = [e.id for e in workshop.items_for(session.group("g1"), method, step, prompt)]
    ballot = data.draw(scores_for(prompt, items))
    criterion = prompt.criteria[0].key if prompt.criteria else ""
    stored = workshop.set_scores(session, bare, "g1", key, prompt.key, "p1", ballot,
                                 step=step.key, criterion=criterion)
    assert set(stored) == set(ballot)


def test_scores_for_refuses_an_unscored_prompt() -> None:
    with pytest.raises(ValueError, match="takes no scores"):
        scores_for(Prompt(key="x", kind="text", text="X"))


class OptionalRenderer:
    """A format needing a library that is not installed, as DOCX without python-docx."""

    @hookimpl
    def register_renderers(self, register: Any) -> None:
        from lessonkit.errors import LessonkitError
        from lessonkit.render import Renderer

        def needs_library(document: Any, options: Any) -> str:
            try:
                import lessonkit_no_such_library  # type: ignore[import-not-found]  # noqa: F401
            except ImportError:
                raise LessonkitError("the format needs a library that is not installed") from None
            return "never"

        register(Renderer(key="optional", title="Optional", extension=".o", render=needs_library))


def test_a_format_whose_library_is_missing_is_left_out(lessonkit_registry: Callable[..., Registry]) -> None:
    registry = lessonkit_registry(("optional", OptionalRenderer()), ("renderer", BadRenderer()))
    assert "optional" in registry.renderers
    problems = check_method(TINY.__class__(**{**_fields(TINY), "default_rule": "mean"}), registry)
    assert problems and all("'fails'" in p for p in problems)  # the broken one is still reported
    assert not any("optional" in p for p in problems)
