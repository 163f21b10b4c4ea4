"""The After Action Review plugin through its library API: forms, answers, themes,
priorities, actions, carry-over and report sections."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessonkit import (
    Entry,
    LocalizedText,
    NotFoundError,
    Session,
    ValidationError,
    hookimpl,
    workshop,
)
from lessonkit.plugins import Registry, get_registry
from lessonkit.report import build_report, iter_sections
from lessonkit_aar import METHOD, review


def make_session(registry: Registry, *, title: str = "AAR", groups: tuple[str, ...] = ("g1",),
                 date: dt.date | None = None) -> Session:
    session = workshop.new_session(registry, title, methods=["aar"], locale="en", date=date)
    for n, key in enumerate(groups, 1):
        workshop.add_group(session, key, f"Group {n}")
        workshop.add_participant(session, key, f"{key}-a", name=f"Named {n}")
        workshop.add_participant(session, key, f"{key}-b")  # anonymous: no name
    return session


# -------------------------------------------------------------------- forms


def test_default_form_is_the_seeds_five_questions(registry: Registry) -> None:
    session = make_session(registry)
    assert review.form_of(session) == "seeds5"
    step = review.form_step(METHOD, "seeds5")
    assert [p.key for p in step.prompts] == ["expected", "actual", "why_differ", "went_well",
                                             "recommend"]
    assert [p.key for p in review.form_step(METHOD, "army4").prompts] == [
        "supposed", "happened", "right_wrong", "differently"]


def test_every_question_of_both_forms_has_guidance_in_thai_and_english() -> None:
    for form in review.FORM_STEPS:
        for prompt in review.form_step(METHOD, form).prompts:
            assert prompt.help is not None, prompt.key
            assert set(prompt.help.locales) == {"en", "th"}
            assert set(prompt.text.locales) == {"en", "th"}


def test_seeds_form_refuses_an_army_question_with_a_clear_error(registry: Registry) -> None:
    session = make_session(registry)
    with pytest.raises(ValidationError) as info:
        review.answer(session, registry, "g1", "supposed", ["x"], participant="g1-a")
    text = str(info.value)
    assert "'supposed' belongs to the army4 form" in text
    assert "this session uses the seeds5 form" in text
    assert "lessonkit aar form FILE army4" in text
    assert session.groups[0].entries == []


def test_army_form_takes_army_questions_and_refuses_the_seeds_ones(registry: Registry) -> None:
    session = make_session(registry)
    review.set_form(session, "army4")
    assert session.settings["aar"]["form"] == "army4"
    made = review.answer(session, registry, "g1", "supposed", ["All agencies share data"],
                         participant="g1-a")
    assert [(e.step, e.prompt) for e in made] == [("review4", "supposed")]
    with pytest.raises(ValidationError, match="'expected' belongs to the seeds5 form"):
        review.answer(session, registry, "g1", "expected", ["x"])
    assert review.gap_rows(session.group("g1"), "army4")[0].expected == ("All agencies share data",)


def test_switching_form_is_refused_once_answers_exist(registry: Registry) -> None:
    session = make_session(registry)
    review.answer(session, registry, "g1", "expected", ["x"], participant="g1-a")
    with pytest.raises(ValidationError, match=r"cannot switch the AAR form to 'army4'.*group 'g1'"):
        review.set_form(session, "army4")
    assert review.form_of(session) == "seeds5"
    with pytest.raises(ValidationError, match="'nato' is not one of seeds5, army4"):
        review.set_form(session, "nato")


def test_a_bad_form_in_the_file_is_named_with_its_place(registry: Registry) -> None:
    session = make_session(registry)
    session.settings["aar"] = {"form": "five"}
    with pytest.raises(ValidationError) as info:
        review.form_of(session)
    assert "'five'" in str(info.value)
    assert "settings.aar.form" in str(info.value)


def test_form_problems_lists_answers_of_the_other_form(registry: Registry) -> None:
    from lessonkit import Entry, PluginRuleError

    session = make_session(registry)
    # the generic path is refused it too (the plugin's session_problems hook) …
    with pytest.raises(PluginRuleError, match="army4 question 'happened'"):
        workshop.add_answers(session, registry, "g1", "aar", "happened", ["x"], participant="g1-a")
    assert session.group("g1").entries == []
    # … so such an answer comes only from a hand-edited file
    session.group("g1").entries.append(Entry(id="e1", method="aar", step="review4", prompt="happened",
                                             text="x", participant="g1-a"))
    problems = review.form_problems(session)
    assert len(problems) == 1
    assert "army4 question 'happened'" in problems[0]
    assert "groups[0].entries[0]" in problems[0]


# -------------------------------------------------------------------- bad input


def test_unknown_question_lists_the_questions_of_the_form(registry: Registry) -> None:
    session = make_session(registry)
    with pytest.raises(NotFoundError) as info:
        review.answer(session, registry, "g1", "lessons", ["x"])
    assert "unknown AAR question 'lessons'" in str(info.value)
    assert "expected, actual, why_differ, went_well, recommend" in str(info.value)


def test_answer_for_a_missing_group_names_the_known_groups(registry: Registry) -> None:
    session = make_session(registry, groups=("g1", "g2"))
    with pytest.raises(NotFoundError, match=r"unknown group 'g3' \(known: g1, g2\)"):
        review.answer(session, registry, "g3", "expected", ["x"])


def test_answer_for_an_unknown_participant_is_refused(registry: Registry) -> None:
    session = make_session(registry)
    with pytest.raises(NotFoundError, match="unknown participant 'zz' in group 'g1'"):
        review.answer(session, registry, "g1", "expected", ["x"], participant="zz")


def test_dots_prompt_takes_no_text_answers(registry: Registry) -> None:
    session = make_session(registry)
    with pytest.raises(ValidationError, match="'priority' takes dots"):
        review.answer(session, registry, "g1", "priority", ["x"])


# -------------------------------------------------------------------- anonymous answers, gap


def test_anonymous_answers_and_side_by_side_rows(registry: Registry) -> None:
    session = make_session(registry)
    review.answer(session, registry, "g1", "expected", ["E1"], participant="g1-a")
    review.answer(session, registry, "g1", "actual", ["A1"], participant="g1-a")
    review.answer(session, registry, "g1", "why_differ", ["W1"], participant="g1-a")
    review.answer(session, registry, "g1", "expected", ["E2"], participant="g1-b")
    (card,) = review.answer(session, registry, "g1", "actual", ["a card without a name"])
    assert card.participant is None
    assert session.group("g1").participant("g1-b").anonymous
    rows = review.gap_rows(session.group("g1"), "seeds5")
    assert [(r.participant, r.expected, r.actual, r.why) for r in rows] == [
        ("g1-a", ("E1",), ("A1",), ("W1",)),
        ("g1-b", ("E2",), (), ()),
        (None, (), ("a card without a name",), ()),
    ]


# -------------------------------------------------------------------- themes


def test_tagging_groups_answers_into_themes_with_counts(registry: Registry) -> None:
    session = make_session(registry)
    made = review.answer(session, registry, "g1", "recommend",
                         ["one database", "share data monthly", "more budget", "train staff"],
                         participant="g1-a")
    ids = [e.id for e in made]
    review.tag(session, "g1", ids[:2], ["data"])
    review.tag(session, "g1", [ids[2]], ["money"])
    review.tag(session, "g1", [ids[1]], ["data", "meetings"])  # 'data' is not added twice
    assert made[1].tags == ["data", "meetings"]
    themed, untagged = review.group_by_theme(made)
    assert [(t, [e.id for e in es]) for t, es in themed] == [
        ("data", ids[:2]), ("meetings", [ids[1]]), ("money", [ids[2]])]  # ties: answer order
    assert untagged == [made[3]]
    review.tag(session, "g1", [ids[1]], ["meetings"], remove=True)
    assert made[1].tags == ["data"]


def test_tagging_an_unknown_answer_changes_nothing(registry: Registry) -> None:
    session = make_session(registry)
    (entry,) = review.answer(session, registry, "g1", "expected", ["x"], participant="g1-a")
    with pytest.raises(NotFoundError, match=r"unknown answer 'e99' in group 'g1' \(AAR answers: e1\)"):
        review.tag(session, "g1", [entry.id, "e99"], ["data"])
    assert entry.tags == []
    with pytest.raises(ValidationError, match="non-empty theme"):
        review.tag(session, "g1", [entry.id], ["  "])


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3, unique=True),
                max_size=20))
def test_theme_counts_add_up(tag_lists: list[list[str]]) -> None:
    entries = [Entry(id=f"e{i}", method="aar", step="review", prompt="expected", text=str(i),
                     tags=tags) for i, tags in enumerate(tag_lists)]
    themed, untagged = review.group_by_theme(entries)
    assert sum(len(es) for _t, es in themed) == sum(len(tags) for tags in tag_lists)
    assert [e.id for e in untagged] == [e.id for e in entries if not e.tags]
    counts = [len(es) for _t, es in themed]
    assert counts == sorted(counts, reverse=True)


# -------------------------------------------------------------------- sustain, improve, actions


def synthesis(session: Session, registry: Registry, group: str = "g1") -> list[Entry]:
    review.add_item(session, registry, group, "sustain", "Good cooperation")
    items = [review.add_item(session, registry, group, "improve", text)
             for text in ("One shared database", "Meet monthly", "Train staff")]
    review.add_dots(session, registry, group, f"{group}-a", {"1": 2, "2": 1})
    review.add_dots(session, registry, group, f"{group}-b", {"1": 1, "3": 2})
    return items


def test_improve_items_are_ranked_by_dots(registry: Registry) -> None:
    session = make_session(registry)
    (source,) = review.answer(session, registry, "g1", "recommend", ["a database"],
                              participant="g1-a")
    items = synthesis(session, registry)
    linked = review.add_item(session, registry, "g1", "improve", "Linked", sources=[source.id])
    assert linked.data["from"] == [source.id]
    ranked = review.prioritise(session, registry, "g1")
    assert ranked.rule == "dots" and ranked.scored
    top = [(r.entry.id, r.rank, r.score) for r in ranked.rows[:3]]
    assert top == [(items[0].id, 1, 3.0), (items[2].id, 2, 2.0), (items[1].id, 3, 1.0)]
    assert [r.n for r in ranked.rows] == [2, 1, 1, 0]  # voters: who put a dot on it


def test_dots_over_the_budget_are_refused(registry: Registry) -> None:
    session = make_session(registry)
    synthesis(session, registry)
    with pytest.raises(ValidationError, match="over the budget of 3"):
        review.add_dots(session, registry, "g1", "g1-a", {"3": 1})


def test_top_improve_items_become_action_items(registry: Registry) -> None:
    session = make_session(registry)
    items = synthesis(session, registry)
    due = dt.date(2018, 3, 31)
    actions = review.act(session, registry, "g1", top=2, owner="NSO", due=due)
    assert [(a.what, a.owner, a.due, a.status, a.source, a.method) for a in actions] == [
        ("One shared database", "NSO", due, "open", items[0].id, "aar"),
        ("Train staff", "NSO", due, "open", items[2].id, "aar"),
    ]
    with pytest.raises(ValidationError, match=f"improve item '{items[0].id}' is already action 'a1'"):
        review.act(session, registry, "g1", items=["1"])
    (third,) = review.act(session, registry, "g1", items=["Meet monthly"], what="Monthly meeting",
                          status="in_progress")
    assert (third.what, third.status) == ("Monthly meeting", "in_progress")
    with pytest.raises(ValidationError, match="one of the two"):
        review.act(session, registry, "g1")


def test_top_without_dots_is_refused(registry: Registry) -> None:
    session = make_session(registry)
    review.add_item(session, registry, "g1", "improve", "x")
    with pytest.raises(ValidationError, match="no dots yet"):
        review.act(session, registry, "g1", top=1)
    assert session.group("g1").actions == []


def test_an_unknown_ranking_rule_is_named(registry: Registry) -> None:
    session = make_session(registry)
    synthesis(session, registry)
    with pytest.raises(NotFoundError, match="unknown ranking rule 'coin'"):
        review.prioritise(session, registry, "g1", "coin")


# -------------------------------------------------------------------- carry-over


def test_open_actions_carry_over_to_a_later_session_and_are_reviewed(registry: Registry) -> None:
    earlier = make_session(registry, title="Round 1", date=dt.date(2017, 12, 22))
    synthesis(earlier, registry)
    review.act(earlier, registry, "g1", top=3, owner="NSO")
    review.review_action(earlier, "g1", "a2", status="done")
    review.review_action(earlier, "g1", "a3", status="in_progress", note="started")

    later = make_session(registry, title="Round 2", groups=("g1", "g2"))
    made = review.carry_over(earlier, later, "g1", into="g2")
    assert [(a.what, a.status, a.note, a.source) for a in made] == [
        ("One shared database", "open", None, "carry-over"),
        ("Meet monthly", "in_progress", "started", "carry-over"),
    ]
    records = review.carried_actions(later.group("g2"))
    assert records[0] == {"action": "a1", "from_session": "Round 1 (2017-12-22)",
                          "from_group": "g1", "from_action": "a1"}
    assert review.carry_over(earlier, later, "g1", into="g2") == []  # not twice
    reviewed = review.review_action(later, "g2", made[0].id, status="done", note="database live")
    assert (reviewed.status, reviewed.note) == ("done", "database live")
    assert earlier.group("g1").actions[0].status == "open"


def test_carry_over_names_the_session_missing_the_group(registry: Registry) -> None:
    earlier = make_session(registry, title="Round 1")
    later = make_session(registry, title="Round 2", groups=("g2",))
    with pytest.raises(NotFoundError, match=r"unknown group 'g1'.*later session 'Round 2'"):
        review.carry_over(earlier, later, "g1")
    with pytest.raises(NotFoundError, match=r"unknown group 'g5'.*earlier session 'Round 1'"):
        review.carry_over(earlier, later, "g5", into="g2")


def test_review_needs_a_change_and_a_known_status(registry: Registry) -> None:
    session = make_session(registry)
    synthesis(session, registry)
    review.act(session, registry, "g1", items=["1"])
    with pytest.raises(ValidationError, match="nothing to change"):
        review.review_action(session, "g1", "a1")
    with pytest.raises(ValidationError, match="status 'finished' is not one of"):
        review.review_action(session, "g1", "a1", status="finished")
    with pytest.raises(NotFoundError, match="unknown action 'a9'"):
        review.review_action(session, "g1", "a9", status="done")


# -------------------------------------------------------------------- report sections


def full_session(registry: Registry) -> Session:
    session = make_session(registry, groups=("g1", "g2"))
    for g in ("g1", "g2"):
        e = review.answer(session, registry, g, "expected", ["shared data"], participant=f"{g}-a")
        review.answer(session, registry, g, "actual", ["data in silos"], participant=f"{g}-a")
        review.answer(session, registry, g, "actual", ["anonymous card"])
        review.tag(session, g, [e[0].id], ["data"])
        synthesis(session, registry, g)
        review.act(session, registry, g, top=1, owner="NSO")
    return session


@pytest.mark.parametrize("locale", ["en", "th"])
def test_report_has_the_aar_sections_per_group_and_a_summary(registry: Registry,
                                                             locale: str) -> None:
    document = build_report(full_session(registry), registry, locale=locale)
    keys = {s.key for _d, s in iter_sections(document.chapters)}
    for g in ("g1", "g2"):
        for part in ("participants", "questions", "gap", "synthesis", "actions"):
            assert f"aar.{g}.{part}" in keys
    assert "aar.summary" in keys
    summary = next(s for _d, s in iter_sections(document.chapters) if s.key == "aar.summary")
    table = next(b for b in summary.blocks if getattr(b, "type", "") == "table")
    assert table.rows[-1][1:] == (4, 6, 2, 6, 2)  # totals: people, answers, themes, improve, open
    title = "Expected and actual, side by side" if locale == "en" else \
        "สิ่งที่คาดหวังเทียบกับสิ่งที่เกิดขึ้นจริง"
    assert title in {s.title for _d, s in iter_sections(document.chapters)}


def test_no_summary_when_only_one_group_ran_the_aar(registry: Registry) -> None:
    session = make_session(registry, groups=("g1", "g2"))
    review.answer(session, registry, "g1", "expected", ["x"], participant="g1-a")
    document = build_report(session, registry, locale="en")
    keys = {s.key for _d, s in iter_sections(document.chapters)}
    assert "aar.g1.questions" in keys
    assert "aar.summary" not in keys


class VotersRule:
    """A test plugin: a ranking rule for dots that counts the people behind an item."""

    @staticmethod
    @hookimpl
    def register_ranking_rules(register: Any) -> None:
        from lessonkit.ranking import Rule, Scored

        def compute(ctx: Any) -> dict[str, Any]:
            result = {}
            for item in ctx.items:
                people = sum(1 for v in ctx.column(item) if v == v and v > 0)
                result[item] = Scored(score=float(people), n=people)
            return result

        register(Rule(key="voters", title=LocalizedText(en="Most voters", th="ผู้ลงคะแนนมากที่สุด"),
                      description=LocalizedText(en="How many people put a dot on it."),
                      compute=compute, kinds=("dots",)))


def test_improve_items_can_be_ranked_with_any_registered_rule() -> None:
    registry = get_registry(plugins=[("voters-rule", VotersRule)])
    session = make_session(registry)
    items = synthesis(session, registry)
    ranked = review.prioritise(session, registry, "g1", "voters")
    assert ranked.rule_title.get("en") == "Most voters"
    assert [(r.entry.id, r.label) for r in ranked.rows[:3]] == [
        (items[0].id, "1"), (items[1].id, "2="), (items[2].id, "2=")]
    (action,) = review.act(session, registry, "g1", top=1, rule="voters")
    assert action.source == items[0].id
    with pytest.raises(ValidationError, match="rule 'sum' ranks score prompts, not dots prompts"):
        review.prioritise(session, registry, "g1", "sum")
