"""Properties every ranking rule keeps (hypothesis).

Anonymity, neutrality before tie-breaking, monotonicity, Pareto where the rule
guarantees it, homogeneity, determinism, tie-label consistency and, for dots,
budget conservation.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import ScoreTable
from lessonkit.ranking import Ranking, builtin_rule, rank

Ballots = dict[str, dict[str, float]]

ITEMS = ["a", "b", "c", "d", "e"]
SCORE_RULES = ["sum", "mean", "median", "approval"]
LOW, HIGH = 1, 5


def table_of(ballots: Mapping[str, Mapping[str, float]], order: list[str] | None = None) -> ScoreTable:
    table = ScoreTable()
    for person in order or list(ballots):
        table.set_ballot(person, ballots[person])  # type: ignore[arg-type]
    return table


@st.composite
def score_ballots(draw: Any, complete: bool = False) -> Ballots:
    """2–5 items, 1–7 participants, scores 1–5 with some skipped."""
    items = ITEMS[: draw(st.integers(2, 5))]
    people = draw(st.integers(1, 7))
    value = st.integers(LOW, HIGH).map(float)
    cell = value if complete else st.one_of(value, value, st.none())
    ballots: Ballots = {}
    for p in range(people):
        ballot = {item: draw(cell) for item in items}
        ballots[f"p{p}"] = {k: v for k, v in ballot.items() if v is not None}
    ballots["_items"] = {item: 0.0 for item in items}
    return ballots


def split(ballots: Ballots) -> tuple[list[str], Ballots]:
    items = list(ballots["_items"])
    return items, {p: b for p, b in ballots.items() if p != "_items"}


@st.composite
def rank_ballots(draw: Any, complete: bool = False) -> Ballots:
    items = ITEMS[: draw(st.integers(2, 5))]
    ballots: Ballots = {}
    for p in range(draw(st.integers(1, 7))):
        order = draw(st.permutations(items))
        depth = len(items) if complete else draw(st.integers(1, len(items)))
        ballots[f"p{p}"] = {item: float(i + 1) for i, item in enumerate(order[:depth])}
    ballots["_items"] = {item: 0.0 for item in items}
    return ballots


@st.composite
def dot_ballots(draw: Any) -> Ballots:
    items = ITEMS[: draw(st.integers(2, 5))]
    ballots: Ballots = {}
    for p in range(draw(st.integers(1, 7))):
        budget = 5
        ballot: dict[str, float] = {}
        for item in draw(st.permutations(items)):
            dots = draw(st.integers(0, min(3, budget)))
            budget -= dots
            if dots:
                ballot[item] = float(dots)
        ballots[f"p{p}"] = ballot
    ballots["_items"] = {item: 0.0 for item in items}
    return ballots


def run(rule: str, ballots: Ballots, order: list[str] | None = None, items: list[str] | None = None,
        **kwargs: Any) -> Ranking:
    item_list, people = split(ballots)
    kind = {"borda": "rank", "truncated_borda": "rank", "dots": "dots"}.get(rule, "score")
    extra: dict[str, Any] = {"kind": kind}
    if kind == "score":
        extra.update(low=LOW, high=HIGH)
    if kind == "dots":
        extra.update(high=3, budget=5)
    return rank(table_of(people, order), items or item_list, builtin_rule(rule), **extra, **kwargs)


def weak_order(result: Ranking) -> list[frozenset[str]]:
    return [frozenset(c) for c in result.classes]


def summary(result: Ranking) -> list[tuple[Any, ...]]:
    return [(r.item, r.rank, r.label, r.score, r.n, r.spread, r.note) for r in result.rows]


any_rule_ballots = st.one_of(
    *[st.tuples(st.just(rule), score_ballots()) for rule in SCORE_RULES],
    st.tuples(st.sampled_from(["borda", "truncated_borda"]), rank_ballots()),
    st.tuples(st.just("dots"), dot_ballots()),
)


@settings(max_examples=150, deadline=None)
@given(any_rule_ballots, st.randoms(use_true_random=False))
def test_anonymity(case: tuple[str, Ballots], rng: random.Random) -> None:
    rule, ballots = case
    people = [p for p in ballots if p != "_items"]
    shuffled = people[:]
    rng.shuffle(shuffled)
    chain = ["top", "bottom", "spread", "n", "draw"]
    assert summary(run(rule, ballots, tie_break=chain)) == \
        summary(run(rule, ballots, order=shuffled, tie_break=chain))


@settings(max_examples=150, deadline=None)
@given(any_rule_ballots, st.randoms(use_true_random=False))
def test_neutrality_before_tie_breaking(case: tuple[str, Ballots], rng: random.Random) -> None:
    rule, ballots = case
    items, people = split(ballots)
    renamed = items[:]
    rng.shuffle(renamed)
    mapping = dict(zip(items, renamed, strict=True))
    relabelled: Ballots = {p: {mapping[i]: v for i, v in b.items()} for p, b in people.items()}
    relabelled["_items"] = {mapping[i]: 0.0 for i in items}
    before = run(rule, ballots)
    after = run(rule, relabelled)
    assert [frozenset(mapping[i] for i in c) for c in before.classes] == weak_order(after)
    scores = {mapping[r.item]: (r.score, r.n, r.rank) for r in before.rows}
    assert scores == {r.item: (r.score, r.n, r.rank) for r in after.rows}


@settings(max_examples=150, deadline=None)
@given(any_rule_ballots)
def test_homogeneity(case: tuple[str, Ballots]) -> None:
    rule, ballots = case
    _items, people = split(ballots)
    doubled: Ballots = {**people, **{f"{p}x": dict(b) for p, b in people.items()}}
    doubled["_items"] = ballots["_items"]
    once, twice = run(rule, ballots), run(rule, doubled)
    assert weak_order(once) == weak_order(twice)
    assert [r.label for r in once.rows] == [r.label for r in twice.rows]
    for a, b in zip(once.rows, twice.rows, strict=True):
        assert b.n == 2 * a.n
        if rule in ("mean", "median"):
            assert a.score == b.score
        if rule in ("sum", "approval", "dots", "borda", "truncated_borda"):
            assert b.score == (None if a.score is None else 2 * a.score)


@settings(max_examples=150, deadline=None)
@given(any_rule_ballots, st.randoms(use_true_random=False))
def test_determinism_and_input_order(case: tuple[str, Ballots], rng: random.Random) -> None:
    rule, ballots = case
    items, _people = split(ballots)
    shuffled = items[:]
    rng.shuffle(shuffled)
    chain = ["top", "random"]
    first = run(rule, ballots, tie_break=chain, seed=3)
    assert first.to_data() == run(rule, ballots, tie_break=chain, seed=3).to_data()
    assert first.to_data() == run(rule, ballots, items=shuffled, tie_break=chain, seed=3).to_data()


@settings(max_examples=200, deadline=None)
@given(any_rule_ballots, st.sampled_from([None, ["top"], ["bottom", "spread"], ["n", "random"]]))
def test_tie_labels_are_consistent(case: tuple[str, Ballots], chain: list[str] | None) -> None:
    rule, ballots = case
    for ties in ("competition", "dense"):
        result = run(rule, ballots, ties=ties, tie_break=chain)
        final: list[list[str]] = []
        for row in result.rows:
            if final and result.row(final[-1][0]).rank == row.rank:
                final[-1].append(row.item)
            else:
                final.append([row.item])
        for index, group in enumerate(final):
            ahead = sum(len(g) for g in final[:index])
            for item in group:
                row = result.row(item)
                expected = 1 + ahead if ties == "competition" else 1 + index
                assert row.rank == expected
                assert row.label == (f"{expected}=" if len(group) > 1 else str(expected))
        # tie-breaking only ever splits a class: it never moves an item past another class
        position = {r.item: i for i, r in enumerate(result.rows)}
        spans = [sorted(position[i] for i in c) for c in result.classes]
        for a, b in itertools.pairwise(spans):
            assert a[-1] < b[0]
        # rows rest on the rule: a row below another has a score no better (eligible rows)
        ranked = [r for r in result.rows if r.eligible]
        for upper, lower in itertools.pairwise(ranked):
            if rule != "median":
                assert upper.score is not None and lower.score is not None
                assert upper.score >= lower.score


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SCORE_RULES), score_ballots(), st.data())
def test_monotonicity_of_scores(rule: str, ballots: Ballots, data: Any) -> None:
    _items, people = split(ballots)
    cells = [(p, i) for p, b in people.items() for i, v in b.items() if v < HIGH]
    if not cells:
        return
    person, item = data.draw(st.sampled_from(cells))
    raised = {p: dict(b) for p, b in people.items()}
    raised[person][item] += data.draw(st.integers(1, int(HIGH - raised[person][item])))
    raised["_items"] = ballots["_items"]
    before, after = run(rule, ballots).row(item), run(rule, raised).row(item)
    assert after.rank <= before.rank


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["borda", "truncated_borda"]), rank_ballots(), st.data())
def test_monotonicity_of_rankings(rule: str, ballots: Ballots, data: Any) -> None:
    """Swapping an item with the one just above it on one ballot never worsens its rank."""
    _items, people = split(ballots)
    cells = [(p, i) for p, b in people.items() for i, v in b.items() if v > 1]
    if not cells:
        return
    person, item = data.draw(st.sampled_from(cells))
    raised = {p: dict(b) for p, b in people.items()}
    position = raised[person][item]
    other = next(i for i, v in raised[person].items() if v == position - 1)
    raised[person][item], raised[person][other] = position - 1, position
    raised["_items"] = ballots["_items"]
    assert run(rule, raised).row(item).rank <= run(rule, ballots).row(item).rank


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.tuples(st.sampled_from(SCORE_RULES), score_ballots(complete=True)),
                 st.tuples(st.just("borda"), rank_ballots(complete=True))))
def test_pareto(case: tuple[str, Ballots]) -> None:
    """If everyone scores A at least as high as B (and someone higher), A is not below B;
    for sum, mean and Borda on complete ballots, A is strictly above."""
    rule, ballots = case
    items, people = split(ballots)
    result = run(rule, ballots)
    better = (lambda x, y: x < y) if rule == "borda" else (lambda x, y: x > y)
    for a in items:
        for b in items:
            if a == b:
                continue
            pairs = [(ballot[a], ballot[b]) for ballot in people.values()]
            if all(x == y or better(x, y) for x, y in pairs) and any(better(x, y) for x, y in pairs):
                if rule in ("sum", "mean", "borda"):
                    assert result.row(a).rank < result.row(b).rank
                else:
                    assert result.row(a).rank <= result.row(b).rank


@settings(max_examples=150, deadline=None)
@given(dot_ballots())
def test_dots_budget_conservation(ballots: Ballots) -> None:
    _items, people = split(ballots)
    result = run("dots", ballots)
    spent = sum(sum(b.values()) for b in people.values())
    assert sum(r.score or 0 for r in result.rows) == spent
    voters = sum(1 for b in people.values() if b)  # a participant who placed no dot is not a voter
    assert all(r.n == voters for r in result.rows)
