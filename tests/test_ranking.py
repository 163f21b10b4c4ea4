"""Ranking rules, ties and tie-breaks: worked examples checked by hand."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pytest

from lessonkit import (
    NA,
    LocalizedText,
    Method,
    NotFoundError,
    PluginError,
    Prompt,
    Scale,
    ScoreError,
    ScoreTable,
    Step,
    ValidationError,
    hookimpl,
    workshop,
)
from lessonkit.plugins import get_plugin_manager, get_registry, load_registry
from lessonkit.ranking import (
    Ranking,
    Rule,
    Scored,
    builtin_rule,
    natural_key,
    rank,
    rank_labels,
    rank_prompt,
)


def table_of(ballots: Mapping[str, Mapping[str, object]], criterion: str = "") -> ScoreTable:
    table = ScoreTable()
    for person, ballot in ballots.items():
        table.set_ballot(person, ballot, criterion)  # type: ignore[arg-type]
    return table


def rows(result: Ranking) -> list[tuple[str, str, float | None, int]]:
    return [(r.label, r.item, r.score, r.n) for r in result.rows]


# The seeds' taking stock: each participant scores each activity 1–3 for importance; the
# scores are summed and ranked from high to low.
SEED_ACTIVITIES = {
    "e1": "ศูนย์พัฒนาเด็กเล็ก",
    "e2": "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด",
    "e3": "สภาเด็กและเยาวชน",
    "e4": "กล่องของขวัญรับขวัญเด็กแรกเกิด",
    "e5": "แอปพลิเคชัน VNjoin",
}
SEED_SCORES = {
    "p1": {"e1": 3, "e2": 3, "e3": 2, "e4": 1, "e5": 2},
    "p2": {"e1": 3, "e2": 2, "e3": 2, "e4": 1, "e5": 1},
    "p3": {"e1": 2, "e2": 3, "e3": 3, "e4": 2, "e5": 1},
    "p4": {"e1": 3, "e2": 2, "e3": 3, "e4": 1, "e5": 1},
}


def test_seed_importance_sum() -> None:
    # e1 3+3+2+3=11, e2 3+2+3+2=10, e3 2+2+3+3=10, e4 1+1+2+1=5, e5 2+1+1+1=5
    result = rank(table_of(SEED_SCORES), SEED_ACTIVITIES, builtin_rule("sum"), low=1, high=3)
    assert rows(result) == [("1", "e1", 11, 4), ("2=", "e2", 10, 4), ("2=", "e3", 10, 4),
                            ("4=", "e4", 5, 4), ("4=", "e5", 5, 4)]
    assert [r.rank for r in result.rows] == [1, 2, 2, 4, 4]
    assert result.rows[0].text == "ศูนย์พัฒนาเด็กเล็ก"
    assert result.classes == [["e1"], ["e2", "e3"], ["e4", "e5"]]
    dense = rank(table_of(SEED_SCORES), SEED_ACTIVITIES, builtin_rule("sum"), ties="dense")
    assert [r.label for r in dense.rows] == ["1", "2=", "2=", "3=", "3="]
    # e2 and e3 have the same two top scores and the same spread: 'top' cannot separate them,
    # 'bottom' (fewer 1s) cannot either; the seeded draw does, and says so.
    broken = rank(table_of(SEED_SCORES), SEED_ACTIVITIES, builtin_rule("sum"), low=1, high=3,
                  tie_break=["top", "bottom", "random"], seed=7)
    by_item = {r.item: r for r in broken.rows}
    assert [r.label for r in broken.rows] == ["1", "2", "3", "4", "5"]
    assert broken.classes == [["e1"], ["e2", "e3"], ["e4", "e5"]]  # the weak order is kept
    assert broken.rows[2].separated_by == "random" and "seeded random draw" in broken.rows[2].note
    # e4 (1, 1, 2, 1) and e5 (2, 1, 1, 1) both have three bottom scores: the draw decides.
    assert {by_item["e4"].rank, by_item["e5"].rank} == {4, 5}
    assert broken.rows[4].separated_by == "random"


def test_tie_break_chain_records_the_separating_key() -> None:
    ballots = {
        "p1": {"a": 3, "b": 2, "c": 2, "d": 1},
        "p2": {"a": 1, "b": 2, "c": 3, "d": 2},
        "p3": {"a": 2, "b": 2, "c": 1},
    }
    # sums: a 6, b 6, c 6, d 3 — a, b, c tied.
    table = table_of(ballots)
    plain = rank(table, ["a", "b", "c", "d"], builtin_rule("sum"), low=1, high=3)
    assert [r.label for r in plain.rows] == ["1=", "1=", "1=", "4"]
    assert all(r.note == "" for r in plain.rows)
    result = rank(table, ["a", "b", "c", "d"], builtin_rule("sum"), low=1, high=3,
                  tie_break=["top", "bottom", "spread"])
    # top scores (3s): a 1, b 0, c 1 → b last of the three; a vs c: bottom scores (1s) a 1, c 1;
    # spread: a = c (both {1,2,3}) → still tied.
    assert rows(result) == [("1=", "a", 6, 3), ("1=", "c", 6, 3), ("3", "b", 6, 3), ("4", "d", 3, 2)]
    assert result.rows[2].separated_by == "top"
    assert result.rows[2].note == "below c: fewer top scores (1 / 0)"
    assert result.rows[3].separated_by == "score" and result.rows[3].note == ""
    assert result.classes == [["a", "b", "c"], ["d"]]
    # 'none' ends the chain: what follows is ignored.
    kept = rank(table, ["a", "b", "c", "d"], builtin_rule("sum"), tie_break=["none", "top"])
    assert [r.label for r in kept.rows] == ["1=", "1=", "1=", "4"] and kept.tie_break == ()
    spread_first = rank(table, ["a", "b", "c", "d"], builtin_rule("sum"), tie_break=["spread"])
    assert spread_first.rows[0].item == "b" and spread_first.rows[0].spread == 0
    assert spread_first.rows[1].note.startswith("below b: larger spread (0.00 / 0.82)")
    thai = rank(table, ["a", "b", "c", "d"], builtin_rule("sum"), tie_break=["spread"], locale="th")
    assert thai.rows[1].note.startswith("อยู่ต่ำกว่า b เพราะคะแนนกระจายมากกว่า")


def test_larger_n_and_draws_are_deterministic() -> None:
    table = table_of({"p1": {"a": 2, "b": 2}, "p2": {"a": 2}, "p3": {"c": 4}})
    result = rank(table, ["a", "b", "c"], builtin_rule("mean"), tie_break=["n"])
    assert rows(result) == [("1", "c", 4, 1), ("2", "a", 2, 2), ("3", "b", 2, 1)]
    assert result.rows[2].separated_by == "n"
    first = rank(table, ["a", "b"], builtin_rule("mean"), tie_break=["draw"]).rows
    again = rank(table_of({"p2": {"a": 2}, "p3": {"c": 4}, "p1": {"b": 2, "a": 2}}), ["b", "a"],
                 builtin_rule("mean"), tie_break=["draw"]).rows
    assert [r.item for r in first] == [r.item for r in again]
    seeds = {tuple(r.item for r in rank(table, ["a", "b"], builtin_rule("mean"), tie_break=["random"],
                                         seed=s).rows) for s in range(20)}
    assert seeds == {("a", "b"), ("b", "a")}  # the seed matters, the input order does not


def test_mean_shows_n_and_min_n_keeps_a_single_rater_off_the_top() -> None:
    table = table_of({"p1": {"a": 10, "b": 7, "c": 6}, "p2": {"b": 8, "c": 6}, "p3": {"b": 6, "c": 9}})
    result = rank(table, ["a", "b", "c", "d"], builtin_rule("mean"), min_n=2)
    assert [(r.label, r.item, r.n, r.eligible) for r in result.rows] == [
        ("1=", "b", 3, True), ("1=", "c", 3, True), ("3=", "a", 1, False), ("3=", "d", 0, False)]
    assert result.rows[0].score == 7 and result.rows[1].score == 7
    assert result.rows[0].spread == pytest.approx(math.sqrt(2 / 3))
    assert result.rows[2].note == "not ranked: fewer than 2 scores"
    assert result.rows[3].note == "not ranked: no scores" and result.rows[3].score is None
    without = rank(table, ["a", "b", "c"], builtin_rule("mean"))
    assert without.rows[0].item == "a"  # what min_n guards against


def test_missing_policies() -> None:
    table = table_of({"p1": {"a": 3, "b": 2}, "p2": {"a": 3, "b": 2}, "p3": {"b": 2}})
    excluded = rank(table, ["a", "b"], builtin_rule("mean"), low=1, high=3)
    assert rows(excluded) == [("1", "a", 3, 2), ("2", "b", 2, 3)]
    lowest = rank(table, ["a", "b"], builtin_rule("mean"), low=1, high=3, missing="lowest")
    assert rows(lowest) == [("1", "a", pytest.approx(7 / 3), 3), ("2", "b", 2, 3)]
    fixed = rank(table, ["a", "b"], builtin_rule("mean"), missing="value", missing_value=0)
    assert rows(fixed) == [("1=", "a", 2, 3), ("1=", "b", 2, 3)]  # a: 3, 3, 0
    assert fixed.rows[0].absent == 1  # still reported as absent
    with pytest.raises(ValidationError, match="needs a missing value"):
        rank(table, ["a"], builtin_rule("mean"), missing="value")
    with pytest.raises(ValidationError, match="missing policy 'zero'"):
        rank(table, ["a"], builtin_rule("mean"), missing="zero")


def test_na_is_neither_a_score_nor_absent() -> None:
    table = table_of({"p1": {"a": NA, "b": 1}, "p2": {"a": 3, "b": 2}, "p3": {"b": 1}})
    result = rank(table, ["a", "b"], builtin_rule("mean"), low=1, high=3, missing="lowest")
    a = result.row("a")
    assert (a.score, a.n, a.na, a.absent) == (2, 2, 1, 1)  # the absent one counts as 1, N/A not at all


def test_median_with_majority_gauge() -> None:
    table = table_of({f"p{i}": dict(zip("abcd", scores, strict=True)) for i, scores in enumerate(
        [(1, 2, 1, 3), (2, 2, 1, 3), (2, 2, 2, 1), (3, 2, 3, 1), (3, 3, 3, 3)])})
    # a: 1 2 2 3 3 → median 2, above 2/5 > below 1/5 → +0.4
    # b: 2 2 2 2 3 → median 2, above 1/5 > below 0 → +0.2
    # c: 1 1 2 3 3 → median 2, above 2/5 = below 2/5 → −0.4
    # d: 1 1 3 3 3 → median 3, best
    result = rank(table, list("abcd"), builtin_rule("median"))
    assert rows(result) == [("1", "d", 3, 5), ("2", "a", 2, 5), ("3", "b", 2, 5), ("4", "c", 2, 5)]
    assert result.rows[2].separated_by == "majority_gauge"
    assert "majority gauge" in result.rows[2].note
    assert result.rows[1].separated_by == "score"
    # even n: the lower middle value
    even = rank(table_of({"p1": {"a": 1}, "p2": {"a": 3}}), ["a"], builtin_rule("median"))
    assert even.rows[0].score == 1


def test_approval_counts_top_scores() -> None:
    table = table_of({"p1": {"a": 10, "b": 9}, "p2": {"a": 3, "b": 8}, "p3": {"a": 10, "b": 8}})
    top = rank(table, ["a", "b"], builtin_rule("approval"), low=1, high=10)
    assert rows(top) == [("1", "a", 2, 3), ("2", "b", 0, 3)]
    eight = rank(table, ["a", "b"], builtin_rule("approval"), low=1, high=10, threshold=8)
    assert rows(eight) == [("1", "b", 3, 3), ("2", "a", 2, 3)]


def test_dots() -> None:
    table = table_of({"p1": {"a": 3, "b": 2}, "p2": {"b": 4, "c": 1}, "p3": {"c": 5}})
    result = rank(table, ["a", "b", "c", "d"], builtin_rule("dots"), kind="dots", high=5)
    assert rows(result) == [("1=", "b", 6, 3), ("1=", "c", 6, 3), ("3", "a", 3, 3), ("4", "d", 0, 3)]
    assert sum(r.score or 0 for r in result.rows) == 15
    with pytest.raises(ValidationError, match="more than their budgets of 4"):
        rank(table, ["a", "b", "c"], builtin_rule("dots"), kind="dots", budget=4)


def test_borda_full_and_partial_ballots() -> None:
    table = table_of({
        "p1": {"a": 1, "b": 2, "c": 3, "d": 4},
        "p2": {"b": 1, "c": 2, "a": 3, "d": 4},
        "p3": {"c": 1},
    })
    # m=4: p1 a3 b2 c1 d0; p2 b3 c2 a1 d0; p3 c3, a b d share (2+1+0)/3 = 1 each
    result = rank(table, list("abcd"), builtin_rule("borda"), kind="rank")
    assert [(r.item, r.score) for r in result.rows] == [("b", 6), ("c", 6), ("a", 5), ("d", 1)]
    assert [r.label for r in result.rows] == ["1=", "1=", "3", "4"]
    assert result.row("c").n == 3 and result.row("d").n == 2
    truncated = rank(table, list("abcd"), builtin_rule("truncated_borda"), kind="rank", depth=2)
    # depth 2: first place 2 points, second 1, the rest 0: p1 a2 b1; p2 b2 c1; p3 c2
    assert [(r.label, r.item, r.score) for r in truncated.rows] == [
        ("1=", "b", 3), ("1=", "c", 3), ("3", "a", 2), ("4", "d", 0)]


def test_importance_performance_with_a_second_table() -> None:
    importance = table_of({"p1": {"a": 3, "b": 1}, "p2": {"a": 3, "b": 2}})
    performance = table_of({"p1": {"a": 4, "b": 10}, "p2": {"a": 6, "b": 8}})
    rule = builtin_rule("importance_performance")
    result = rank(importance, ["a", "b"], rule, second=performance)
    assert [(r.item, r.score) for r in result.rows] == [("a", 15), ("b", 13.5)]
    gap = rank(importance, ["a", "b"], rule, second=performance, second_high=10, gap=True)
    assert [(r.item, r.score) for r in gap.rows] == [("a", 15), ("b", 1.5)]
    with pytest.raises(ValidationError, match="needs a second score table"):
        rank(importance, ["a"], rule)


def test_rank_labels_and_natural_order() -> None:
    assert rank_labels([2, 1, 3]) == [(1, "1="), (1, "1="), (3, "3"), (4, "4="), (4, "4="), (4, "4=")]
    assert rank_labels([2, 1, 3], "dense")[-1] == (3, "3=")
    with pytest.raises(ValidationError, match="tie convention 'olympic'"):
        rank_labels([1], "olympic")
    assert sorted(["e10", "e2", "e1"], key=natural_key) == ["e1", "e2", "e10"]


def test_errors_name_the_problem() -> None:
    table = table_of({"p1": {"a": 1}})
    with pytest.raises(ValidationError, match="rule 'borda' ranks rank prompts, not score prompts"):
        rank(table, ["a"], builtin_rule("borda"), kind="score")
    with pytest.raises(ValidationError, match="rule 'sum' has no option 'depth'"):
        rank(table, ["a"], builtin_rule("sum"), depth=2)
    with pytest.raises(NotFoundError, match="unknown tie-break key 'coin'"):
        rank(table, ["a"], builtin_rule("sum"), tie_break=["coin"])
    with pytest.raises(ValidationError, match="given twice"):
        rank(table, ["a"], builtin_rule("sum"), tie_break=["top", "top"])
    with pytest.raises(NotFoundError, match="unknown ranking rule 'x'"):
        builtin_rule("x")


def test_json_form() -> None:
    result = rank(table_of(SEED_SCORES), SEED_ACTIVITIES, builtin_rule("mean"), tie_break=["top"],
                  low=1, high=3)
    data = result.to_data()
    assert set(data) == {"rule", "rule_title", "ties", "tie_break", "criterion", "options", "classes",
                         "rows"}
    assert data["rule"] == "mean" and data["ties"] == "competition" and data["tie_break"] == ["top"]
    assert data["rule_title"] == {"en": "Mean", "th": "ค่าเฉลี่ย"}
    first = data["rows"][0]
    assert first == {"rank": 1, "label": "1", "item": "e1", "text": "ศูนย์พัฒนาเด็กเล็ก", "score": 2.75,
                     "n": 4, "spread": 0.433013, "absent": 0, "na": 0, "eligible": True, "not_ranked": None,
                     "separated_by": None, "note": ""}


# -- plugins and sessions -------------------------------------------------------------------------


def _first_letter(ctx: object) -> dict[str, Scored]:
    items: tuple[str, ...] = ctx.items  # type: ignore[attr-defined]
    return {item: Scored(score=float(-ord(item[0])), n=1) for item in items}


ALPHA = Rule("alphabetical", LocalizedText(en="Alphabetical"), LocalizedText(en="By name."),
             compute=_first_letter)


class RulePlugin:
    @hookimpl
    def register_ranking_rules(self, register: object) -> None:
        register(ALPHA)  # type: ignore[operator]


class ClashPlugin:
    @hookimpl
    def register_ranking_rules(self, register: object) -> None:
        register(builtin_rule("sum"))  # type: ignore[operator]


def test_third_party_rules_sit_beside_the_builtins() -> None:
    registry = get_registry(load_entrypoints=False, plugins=[("alpha", RulePlugin())])
    assert registry.rules.keys()[:3] == ["sum", "mean", "median"]
    assert registry.rules.source("alphabetical") == "alpha"
    result = rank(table_of({"p1": {"b": 1}}), ["b", "a"], registry.rules.get("alphabetical"))
    assert [r.item for r in result.rows] == ["a", "b"]
    with pytest.raises(PluginError, match=r"'sum' is registered by two plugins: 'lessonkit\.rules' and 'clash'"):
        load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("clash", ClashPlugin())])).rules  # noqa: B018


METHOD = Method(key="tm", title="Test", default_rule="mean", steps=(
    Step(key="s", title="S", prompts=(
        Prompt(key="acts", kind="list", text="Activities"),
        Prompt(key="imp", kind="score", text="Importance", scale=Scale.range(1, 3), items_from="acts"),
        Prompt(key="imp_sum", kind="score", text="Importance", scale=Scale.range(1, 3),
               items_from="acts", rule="sum"),
        Prompt(key="order", kind="rank", text="Order", items_from="acts", max_ranked=2),
        Prompt(key="note", kind="text", text="Notes"),
    )),
))


class MethodPlugin:
    @hookimpl
    def register_methods(self, register: object) -> None:
        register(METHOD)  # type: ignore[operator]


def test_rank_prompt_on_a_session() -> None:
    registry = get_registry(load_entrypoints=False, plugins=[("tm", MethodPlugin())])
    session = workshop.new_session(registry, "Workshop", methods=["tm"])
    workshop.add_group(session, "g1", "Children")
    for key in ("p1", "p2"):
        workshop.add_participant(session, "g1", key)
    workshop.add_answers(session, registry, "g1", "tm", "acts", ["Centre", "Grant", "Council"])
    for prompt in ("imp", "imp_sum"):
        workshop.set_scores(session, registry, "g1", "tm", prompt, "p1", {"1": 3, "Grant": 1, "e3": 2})
        workshop.set_scores(session, registry, "g1", "tm", prompt, "p2", {"e1": "3"})
    by_default = rank_prompt(session, registry, "g1", "tm", "imp")
    assert by_default.rule.key == "mean"  # the method's default
    assert [(r.item, r.text, r.score, r.n) for r in by_default.rows] == [
        ("e1", "Centre", 3, 2), ("e3", "Council", 2, 1), ("e2", "Grant", 1, 1)]
    assert rank_prompt(session, registry, "g1", "tm", "imp_sum").rule.key == "sum"  # the prompt's
    assert rank_prompt(session, registry, "g1", "tm", "imp", rule="sum").rows[0].score == 6
    workshop.set_scores(session, registry, "g1", "tm", "order", "p1", {"e2": 1, "e1": 2})
    with pytest.raises(ScoreError, match="beyond 2"):
        workshop.set_scores(session, registry, "g1", "tm", "order", "p2", {"e2": 1, "e1": 3})
    ranked = rank_prompt(session, registry, "g1", "tm", "order")
    assert ranked.rule.key == "borda" and ranked.rows[0].item == "e2"
    truncated = rank_prompt(session, registry, "g1", "tm", "order", rule="truncated_borda")
    assert truncated.options["depth"] == 2
    with pytest.raises(ValidationError, match="has no scores to rank"):
        rank_prompt(session, registry, "g1", "tm", "note")
    with pytest.raises(ValidationError, match="no criteria"):
        rank_prompt(session, registry, "g1", "tm", "imp", criterion="fun")
