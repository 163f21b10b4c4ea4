"""Rules that can say why (issue 12): min_n per rule, not-ranked reasons, localized
tie-break notes, a conformance check that fails on raw keys, rank labels in the report's digits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lessonkit import LocalizedText as T
from lessonkit import Method, Prompt, Scale, Step, hookimpl
from lessonkit.errors import ValidationError
from lessonkit.ranking import Rule, Scored, builtin_rule, note_words, rank
from lessonkit.report import ReportContext
from lessonkit.scores import ScoreTable
from lessonkit.testing import check_method, make_registry


def table_of(ballots: dict[str, dict[str, Any]]) -> ScoreTable:
    table = ScoreTable()
    for person, ballot in ballots.items():
        table.set_ballot(person, ballot)
    return table


def _share(ctx: Any) -> dict[str, Scored]:
    """Share of top-two scores; equal shares told apart by the mean (order_note 'mean')."""
    result = {}
    for item in ctx.items:
        stats = ctx.stats(item, histogram=True)
        if not stats.n:
            result[item] = Scored(score=None, n=0)
            continue
        high = sum(c for v, c in (stats.histogram or {}).items() if v >= ctx.best - 1) / stats.n
        result[item] = Scored(score=high, n=stats.n, order=(high, stats.mean or 0.0), order_note="mean")
    return result


LEAKY = Rule(key="leaky_share", title=T(en="Share", th="สัดส่วน"), description=T(en="d", th="ค"),
             compute=_share)
WORDED = Rule(key="worded_share", title=T(en="Share", th="สัดส่วน"), description=T(en="d", th="ค"),
              compute=_share, messages={"mean": T(en="lower mean score", th="ค่าเฉลี่ยต่ำกว่า")})
TIED_ON_SHARE = {"p1": {"a": 5, "b": 4}, "p2": {"a": 5, "b": 4}}  # both 100 %, means 5 and 4


def test_a_tie_break_note_is_never_a_raw_key() -> None:
    # today: "below a: tie_break_mean", and JSON separated_by carries the raw key
    result = rank(table_of(TIED_ON_SHARE), ["a", "b"], LEAKY, low=1, high=5)
    row = result.row("b")
    assert row.separated_by == "mean"  # the stable code
    assert "tie_break" not in row.note and "mean" not in row.note
    assert row.note == "below a: the order of the rule Share"


@pytest.mark.parametrize(("locale", "note"), [("en", "below a: lower mean score"),
                                              ("th", "อยู่ต่ำกว่า a เพราะค่าเฉลี่ยต่ำกว่า")])
def test_a_rule_declares_the_words_of_its_notes(locale: str, note: str) -> None:
    result = rank(table_of(TIED_ON_SHARE), ["a", "b"], WORDED, low=1, high=5, locale=locale)
    data = result.to_data()["rows"][1]
    assert data["separated_by"] == "mean" and data["note"] == note


def test_the_core_median_rule_has_its_majority_gauge_words() -> None:
    assert note_words(builtin_rule("median"), "majority_gauge", "th") == "สัดส่วนคะแนนที่สูงกว่าและต่ำกว่ามัธยฐาน"
    assert note_words(builtin_rule("median"), "top", "en") == "fewer top scores"
    assert note_words(builtin_rule("median"), "mean", "en") is None


def test_a_rule_declares_its_minimum_n_and_the_engine_enforces_it() -> None:
    rule = Rule(key="mean3", title=T(en="Mean, n ≥ 3", th="ค่าเฉลี่ย"), description=T(en="d", th="ค"),
                compute=builtin_rule("mean").compute, min_n=3)
    table = table_of({"p1": {"a": 1, "b": 5}, "p2": {"a": 1, "b": 5}, "p3": {"a": 1}})
    result = rank(table, ["a", "b"], rule, low=1, high=5)
    assert [(r.item, r.eligible, r.not_ranked) for r in result.rows] == [("a", True, None),
                                                                         ("b", False, "min_n")]
    assert result.row("b").note == "not ranked: fewer than 3 scores"
    assert result.options["min_n"] == 3
    # a caller's larger minimum wins
    assert not rank(table, ["a", "b"], rule, low=1, high=5, min_n=4).row("a").eligible
    with pytest.raises(ValidationError, match="min_n"):
        Rule(key="x", title=T(en="x"), description=T(en="x"), compute=_share, min_n=-1)


def test_score_none_with_scores_does_not_say_no_scores() -> None:
    def nothing(ctx: Any) -> dict[str, Scored]:
        return {item: Scored(score=None, n=ctx.stats(item).n) for item in ctx.items}

    rule = Rule(key="none", title=T(en="None", th="ไม่มี"), description=T(en="d", th="ค"), compute=nothing)
    result = rank(table_of({"p1": {"a": 1}, "p2": {"a": 2}}), ["a", "b"], rule, low=1, high=5)
    assert result.row("a").note == "not ranked: the rule gives no score (n = 2)"
    assert result.row("a").not_ranked == "no_score"
    assert result.row("b").note == "not ranked: no scores"
    assert result.row("b").not_ranked == "no_scores"


def test_a_rule_gives_its_own_localized_not_ranked_reason() -> None:
    def split(ctx: Any) -> dict[str, Scored]:
        out = {}
        for item in ctx.items:
            stats = ctx.stats(item)
            divided = (stats.spread or 0) > 1
            out[item] = Scored(score=stats.mean, n=stats.n, spread=stats.spread,
                               eligible=not divided, reason="divided" if divided else None)
        return out

    rule = Rule(key="consensus", title=T(en="Consensus", th="ฉันทามติ"), description=T(en="d", th="ค"),
                compute=split, messages={"divided": T(en="the {n} raters disagree",
                                                      th="ผู้ประเมิน {n} คนเห็นต่างกัน")})
    table = table_of({"p1": {"a": 4, "b": 1}, "p2": {"a": 4, "b": 5}})
    en = rank(table, ["a", "b"], rule, low=1, high=5)
    th = rank(table, ["a", "b"], rule, low=1, high=5, locale="th")
    assert en.row("b").note == "not ranked: the 2 raters disagree"
    assert th.row("b").note == "ไม่จัดลำดับ: ผู้ประเมิน 2 คนเห็นต่างกัน"
    assert json.loads(json.dumps(en.to_data()))["rows"][1]["not_ranked"] == "divided"
    assert [r.eligible for r in en.rows] == [True, False]


class _Plugin:
    def __init__(self, rule: Rule) -> None:
        self.rule = rule

    @hookimpl
    def register_ranking_rules(self, register: Any) -> None:
        register(self.rule)


def _method(rule: str) -> Method:
    return Method(key="sharing", title=T(en="Sharing", th="การแบ่งปัน"), default_rule=rule, steps=(
        Step(key="s", title=T(en="Step", th="ขั้น"), prompts=(
            Prompt(key="ideas", kind="list", text=T(en="Ideas", th="ความคิด")),
            Prompt(key="rate", kind="score", items_from="ideas", scale=Scale.range(1, 5),
                   text=T(en="Rate", th="ให้คะแนน")),
        )),))


def test_check_method_fails_when_a_rule_leaks_raw_message_keys() -> None:
    registry = make_registry(("leaky", _Plugin(LEAKY)))
    problems = check_method(_method("leaky_share"), registry)
    assert any("note code 'mean', which has no words" in p and "messages={'mean'" in p
               for p in problems), problems
    good = make_registry(("worded", _Plugin(WORDED)))
    assert check_method(_method("worded_share"), good) == []


def test_check_method_wants_every_language_of_a_note() -> None:
    half = Rule(key="half", title=T(en="Half", th="ครึ่ง"), description=T(en="d", th="ค"), compute=_share,
                messages={"mean": T(en="lower mean score")})
    problems = check_method(_method("half"), make_registry(("half", _Plugin(half))))
    assert any("note code 'mean' have no 'th' text" in p for p in problems), problems


def test_rank_labels_in_the_reports_digits_through_the_context() -> None:
    context = ReportContext(session=None, registry=None, locale="th", digits="thai")  # type: ignore[arg-type]
    assert context.rank_label("5=") == "๕="
    assert context.num("12") == "๑๒"  # num() takes labels too (it raised before)
    assert context.num(1234) == "๑,๒๓๔"
    english = ReportContext(session=None, registry=None, locale="en", digits="arabic")  # type: ignore[arg-type]
    assert english.rank_label("๓=") == "3="
    with pytest.raises(ValidationError, match="not a rank label"):
        context.rank_label("first")
