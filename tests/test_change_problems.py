"""The ``change_problems`` hook: a method's own check of one answer, not of the whole session.

With it, an answer to the AAR is refused exactly as when the AAR's ``session_problems`` was
asked about the whole session before and after (same refusals, same message), and recording
one answer does the same work in a session 4× larger.
"""

from __future__ import annotations

from typing import Any

import pytest
from _scale_fixtures import CountingKey, work_of

from lessonkit import files, hookimpl, workshop
from lessonkit.errors import PluginRuleError
from lessonkit.model import Entry, Participant, Session
from lessonkit.plugins import Registry, get_plugin_manager, load_registry


@pytest.fixture(scope="module")
def aar_registry() -> Registry:
    return load_registry(get_plugin_manager())


def _without_change_hooks(monkeypatch: pytest.MonkeyPatch, registry: Registry) -> None:
    """Every plugin checked the old way: session_problems before and after the change."""
    original = registry.implementations_for

    def implementations_for(hook_name: str, method: Any) -> list[Any]:
        return [] if hook_name == "change_problems" else original(hook_name, method)

    monkeypatch.setattr(registry, "implementations_for", implementations_for)


def _aar_session(registry: Registry, form: str = "seeds5") -> Session:
    session = workshop.new_session(registry, "ทบทวน", methods=["aar", "ee"])
    session.settings["aar"] = {"form": form}
    for g in ("g1", "g2"):
        workshop.add_group(session, g, f"กลุ่ม {g}")
        for k in range(3):
            workshop.add_participant(session, g, f"{g}p{k}")
    return session


def _try(session: Session, registry: Registry, group: str, step: str, prompt: str,
         values: list[str], participant: str | None) -> str:
    try:
        workshop.add_answers(session, registry, group, "aar", prompt, values, step=step,
                             participant=participant)
    except PluginRuleError as exc:
        return f"refused: {exc}"
    return "saved"


# (step, prompt, individual) of both forms and the synthesis
ANSWERS = [("review", "expected", True), ("review", "actual", True), ("review4", "supposed", True),
           ("review4", "happened", True), ("synthesis", "improve", False),
           ("synthesis", "sustain", False)]


@pytest.mark.parametrize("form", ["seeds5", "army4", "no such form"])
def test_aar_refuses_the_same_answers_with_the_same_messages(
        aar_registry: Registry, monkeypatch: pytest.MonkeyPatch, form: str) -> None:
    import random

    def run() -> tuple[list[str], str]:
        rng = random.Random(5)
        session = _aar_session(aar_registry, form)
        outcomes = []
        for i in range(40):
            step, prompt, individual = rng.choice(ANSWERS)
            group = rng.choice(["g1", "g2"])
            who = f"{group}p{rng.randrange(3)}" if individual else None
            values = [f"คำตอบ {i}"] if prompt in ("expected", "actual", "supposed", "happened") \
                else [f"ข้อ {i}", f"ข้อ {i}b"]
            outcomes.append(_try(session, aar_registry, group, step, prompt, values, who))
            if i % 9 == 0:  # an answer from an older form already in the file (not refused later)
                session.group(group).entries.append(Entry(
                    id=f"old{i}", method="aar", step="review4", prompt="supposed", text="เก่า"))
        return outcomes, files.dumps(session)

    with_hook = run()
    with monkeypatch.context() as m:
        _without_change_hooks(m, aar_registry)
        without_hook = run()
    assert with_hook == without_hook
    refused = [o for o in with_hook[0] if o.startswith("refused")]
    if form == "no such form":
        assert not refused  # the form problem is there before and after: nothing new
    else:
        assert refused and "but the session uses the" in refused[0]
        assert "saved" in with_hook[0]


class BrokenChecks:
    @hookimpl
    def session_problems(self, session: Session, method: Any) -> list[str]:
        raise RuntimeError("boom")

    @hookimpl
    def change_problems(self, session: Session, method: Any, group: Any, entries: Any) -> list[str]:
        raise RuntimeError("boom")


class RefusingChecks:
    @hookimpl
    def session_problems(self, session: Session, method: Any) -> list[str]:
        return []

    @hookimpl
    def change_problems(self, session: Session, method: Any, group: Any, entries: Any) -> list[str]:
        return [f"no {e.text!r} @ {group.key}" for e in entries if e.text == "ไม่รับ"]


def test_a_failing_change_check_refuses_nothing_and_a_refusal_leaves_nothing() -> None:
    registry = load_registry(get_plugin_manager(plugins=[("broken", BrokenChecks()),
                                                         ("refusing", RefusingChecks())]))
    session = _aar_session(registry)
    before = files.dumps(session)
    with pytest.raises(PluginRuleError, match=r"^no 'ไม่รับ' @ g1$"):
        workshop.add_answers(session, registry, "g1", "aar", "improve", ["ไม่รับ"], step="synthesis")
    assert files.dumps(session) == before
    made = workshop.add_answers(session, registry, "g1", "aar", "improve", ["รับ"], step="synthesis")
    assert [e.text for e in made] == ["รับ"]


# ------------------------------------------------------------------ work of one answer


def _aar_work(registry: Registry, n: int) -> int:
    session = _aar_session(registry)
    K = CountingKey
    for g in session.groups:
        g.participants += [Participant(K(f"{g.key}x{i}")) for i in range(n)]
        g.entries += [Entry(id=K(f"x{i}"), method=K("aar"), step=K("review"), prompt=K("expected"),
                            text="คาดหวัง", participant=K(f"{g.key}x{i}")) for i in range(n)]

    def answer(who: str) -> None:
        workshop.add_answers(session, registry, "g1", "aar", "actual", ["เกิดขึ้นจริง"], step="review",
                             participant=who)

    answer("g1x1")  # the index is built on first use
    return work_of(lambda: answer(f"g1x{n // 2}"))


def test_an_aar_answer_costs_the_same_in_a_session_four_times_larger(
        aar_registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = _aar_work(aar_registry, 300), _aar_work(aar_registry, 1200)
    assert large <= 1.2 * small, (small, large)
    with monkeypatch.context() as m:  # checked the old way, the work grows with the session
        _without_change_hooks(m, aar_registry)
        old_small, old_large = _aar_work(aar_registry, 300), _aar_work(aar_registry, 1200)
    assert old_large > 3 * old_small, (old_small, old_large)
