"""Ranking: rules, tie classes, rank labels and the tie-break chain.

A :class:`Rule` turns the scores of a prompt into one :class:`Scored` per item
(a score, how many scores it rests on, their spread, and the order the rule
sorts by). :func:`rank` builds from that the *weak order* — tie classes of
items the rule cannot separate — and only then, as a separate and optional
step, applies a tie-break chain, recording for every row which key put it
below the row above. Rank labels follow from the final classes: competition
ranking ("1, 2=, 2=, 4") by default, dense ranking ("1, 2=, 2=, 3") on request.

Nothing depends on the order of participants or items: sums are exact
(:func:`math.fsum`), tied items are listed by their ids in natural order, and
the random draws hash the item id with a seed.

Rules read whole columns (:meth:`ScoreTable.column`) with C-level loops, so
ranking is linear in the number of scores::

    >>> from lessonkit.scores import ScoreTable
    >>> table = ScoreTable()
    >>> for person, ballot in {"p1": {"a": 3, "b": 2, "c": 2},
    ...                        "p2": {"a": 1, "b": 3, "c": 3}}.items():
    ...     table.set_ballot(person, ballot)
    >>> result = rank(table, ["a", "b", "c"], builtin_rule("sum"), low=1, high=3)
    >>> [(row.label, row.item, row.score) for row in result.rows]
    [('1=', 'b', 5.0), ('1=', 'c', 5.0), ('3', 'a', 4.0)]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress
from operator import add, mul
from typing import TYPE_CHECKING, Any

import attrs

from lessonkit.errors import NotFoundError, ValidationError
from lessonkit.method import LocalizedText
from lessonkit.scores import NA_VALUE, ScoreTable

if TYPE_CHECKING:
    from lessonkit.model import Session
    from lessonkit.plugins import Registry

__all__ = [
    "MISSING_POLICIES",
    "TIE_BREAKS",
    "TIE_CONVENTIONS",
    "ItemStats",
    "RankedItem",
    "Ranking",
    "Rule",
    "RuleContext",
    "Scored",
    "builtin_rule",
    "builtin_rules",
    "note_words",
    "rank",
    "rank_labels",
    "rank_prompt",
]

#: What an absent score counts as: left out, the scale's worst value, or a fixed value.
MISSING_POLICIES = ("exclude", "lowest", "value")
#: How tied items are numbered.
TIE_CONVENTIONS = ("competition", "dense")
#: The tie-break keys, each "better" in the direction its name says.
TIE_BREAKS = ("top", "bottom", "spread", "n", "random", "draw", "none")
#: Options every rule accepts (the rest are listed in :attr:`Rule.options`).
COMMON_OPTIONS = frozenset({"missing", "missing_value", "min_n", "seed", "low", "high", "locale"})

_isfinite = math.isfinite


# -- rules -----------------------------------------------------------------------


@attrs.frozen
class Scored:
    """What a rule says about one item.

    ``order`` is what the rule sorts by, higher first (default ``(score,)``);
    items with equal ``order`` are tied. When the rule orders by more than the
    score (majority judgement's gauge), ``order_note`` names that second key:
    a code whose words the rule declares in :attr:`Rule.messages` (or a full
    message key, ``"namespace:key"``, of :mod:`lessonkit.i18n`), saying why the
    lower row is lower ("lower mean score"). ``absent`` and ``na`` count
    skipped and "does not apply" answers.

    A rule that cannot rank an item says so with ``eligible=False`` (or
    ``score=None``) and, optionally, ``reason``: a code declared in
    :attr:`Rule.messages` like ``order_note`` (its words may use ``{n}`` and
    ``{min_n}``). Not-ranked items are listed last, tied, with that reason.

    >>> Scored(score=7.0, n=3, spread=0.5).sort_key
    (7.0,)
    >>> Scored(score=None, n=1, eligible=False, reason="too_few").eligible
    False
    """

    score: float | None
    n: int
    spread: float | None = None
    order: tuple[float, ...] | None = None
    order_note: str | None = None
    absent: int = 0
    na: int = 0
    eligible: bool = True
    reason: str | None = None

    @property
    def sort_key(self) -> tuple[float, ...]:
        """What the engine sorts by, higher first: ``order``, else ``(score,)``."""
        if self.order is not None:
            return self.order
        return () if self.score is None else (self.score,)


Compute = Callable[["RuleContext"], Mapping[str, Scored]]


@attrs.frozen
class Rule:
    """A ranking rule: a key, a localized title and description, and its function.

    ``compute(context)`` returns a :class:`Scored` for every item of
    ``context.items``. ``kinds`` are the prompt kinds it ranks; ``missing`` is
    its default missing-score policy (one of :data:`MISSING_POLICIES`);
    ``options`` names the extra options it accepts (beyond
    :data:`COMMON_OPTIONS`). ``min_n`` is the fewest scores an item needs to
    be ranked by this rule (the engine enforces it; a caller's larger
    ``min_n`` wins). ``messages`` gives the words of the codes the rule uses
    in :attr:`Scored.order_note` and :attr:`Scored.reason`, each a
    :class:`~lessonkit.LocalizedText` in Thai and English.

    >>> from lessonkit.method import LocalizedText
    >>> def most_votes(ctx):
    ...     return {item: Scored(score=ctx.stats(item).total, n=ctx.stats(item).n) for item in ctx.items}
    >>> rule = Rule("votes", LocalizedText(en="Votes"), LocalizedText(en="Most votes first."),
    ...             most_votes, kinds=("score",), min_n=2)
    >>> rule.key, rule.min_n
    ('votes', 2)
    """

    key: str
    title: LocalizedText
    description: LocalizedText
    compute: Compute
    kinds: tuple[str, ...] = ("score",)
    missing: str = "exclude"
    missing_value: float | None = None
    options: tuple[str, ...] = ()
    min_n: int = 0
    messages: Mapping[str, LocalizedText] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        if self.missing not in MISSING_POLICIES:
            raise ValidationError(f"rule {self.key!r}: missing policy {self.missing!r} is not one of "
                                  f"{', '.join(MISSING_POLICIES)}")
        if isinstance(self.min_n, bool) or not isinstance(self.min_n, int) or self.min_n < 0:
            raise ValidationError(f"rule {self.key!r}: min_n must be a whole number of 0 or more "
                                  f"(got {self.min_n!r})")
        if not isinstance(self.messages, Mapping):
            raise ValidationError(f"rule {self.key!r}: messages must be a mapping of code to "
                                  f"LocalizedText (got {type(self.messages).__name__})")
        for code, words in self.messages.items():
            if not isinstance(code, str) or not code or not isinstance(words, LocalizedText):
                raise ValidationError(f"rule {self.key!r}: messages[{code!r}] must be a LocalizedText "
                                      f"(got {type(words).__name__})",
                                      hint="e.g. messages={'mean': LocalizedText(en='lower mean score', "
                                           "th='ค่าเฉลี่ยต่ำกว่า')}")


class ItemStats:
    """Summary of one item's column under a missing-score policy.

    ``n`` counts the scores used (present ones plus absent ones filled in by
    the policy); N/A answers are never scores. ``spread`` is the population
    standard deviation. ``histogram`` (value → count) is built on request.

    >>> stats = ItemStats([3.0, 2.0, float("nan")], fill=None)
    >>> stats.n, stats.total, stats.absent, stats.mean
    (2, 5.0, 1, 2.5)
    """

    __slots__ = ("absent", "histogram", "n", "na", "spread", "total")

    def __init__(self, column: Sequence[float], fill: float | None, *, histogram: bool = False) -> None:
        values = list(filter(_isfinite, column))
        present = len(values)
        gaps = len(column) - present
        self.na = column.count(NA_VALUE) if gaps else 0
        self.absent = gaps - self.na
        if fill is not None and self.absent:
            values.extend([fill] * self.absent)
        self.n = len(values)
        self.total = math.fsum(values)
        if self.n:
            mean = self.total / self.n
            variance = math.fsum(map(mul, values, values)) / self.n - mean * mean
            self.spread: float | None = math.sqrt(round(variance, 12)) if variance > 0 else 0.0
        else:
            self.spread = None
        self.histogram: dict[float, int] | None = dict(Counter(values)) if histogram else None

    @property
    def mean(self) -> float | None:
        """The mean of the scores used, or None without any."""
        return self.total / self.n if self.n else None

    def count(self, value: float) -> int:
        """How many scores equal ``value`` (needs ``histogram=True``)."""
        assert self.histogram is not None
        return self.histogram.get(value, 0)

    def lower_median(self) -> float | None:
        """The majority grade: the lower middle value (as majority judgement uses)."""
        assert self.histogram is not None
        if not self.n:
            return None
        position = (self.n + 1) // 2
        seen = 0
        for value in sorted(self.histogram):
            seen += self.histogram[value]
            if seen >= position:
                return value
        raise AssertionError("unreachable")


@attrs.define
class RuleContext:
    """What a rule computes from: the table, the items, the prompt's kind and scale ends.

    ``best`` and ``worst`` are the best and worst raw values (a score scale's
    top and bottom; 1 and the last position for a ranking; the cap and 0 for
    dots). ``second`` is a second score table for rules combining two
    prompts (importance × performance).

    >>> from lessonkit.scores import ScoreTable
    >>> table = ScoreTable()
    >>> table.set("p1", "e1", 3)
    >>> table.set("p2", "e1", 1)
    >>> ctx = RuleContext(table=table, items=("e1",), best=3.0, worst=1.0)
    >>> ctx.stats("e1").mean
    2.0
    """

    table: ScoreTable
    items: tuple[str, ...]
    criterion: str = ""
    kind: str = "score"
    best: float = 1.0
    worst: float = 0.0
    missing: str = "exclude"
    missing_value: float | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict)
    second: ScoreTable | None = None
    second_criterion: str = ""
    second_best: float | None = None
    second_worst: float | None = None
    _cache: dict[Any, Any] = attrs.field(factory=dict, repr=False)

    @property
    def fill(self) -> float | None:
        """The value an absent score counts as, or None to leave it out."""
        if self.missing == "lowest":
            return self.worst
        if self.missing == "value":
            if self.missing_value is None:
                raise ValidationError("missing policy 'value' needs a missing_value")
            return float(self.missing_value)
        return None

    def column(self, item: str) -> Sequence[float]:
        """The raw scores of ``item``, one per participant (NaN = absent, -inf = N/A)."""
        return self.table.column(item, self.criterion)

    def stats(self, item: str, *, histogram: bool = False) -> ItemStats:
        """The item's :class:`ItemStats` (cached only when it carries a histogram)."""
        cached = self._cache.get(("stats", item))
        if cached is not None and (cached.histogram is not None or not histogram):
            return cached
        stats = ItemStats(self.column(item), self.fill, histogram=histogram)
        if histogram:
            self._cache[("stats", item)] = stats
        return stats

    def option(self, name: str, default: Any = None) -> Any:
        """An option given to the rule, or ``default``."""
        value = self.options.get(name)
        return default if value is None else value


def _plain(stats: ItemStats, score: float | None, **extra: Any) -> Scored:
    return Scored(score=score, n=stats.n, spread=stats.spread, absent=stats.absent, na=stats.na,
                  **extra)


def _compute_sum(ctx: RuleContext) -> dict[str, Scored]:
    result = {}
    for item in ctx.items:
        stats = ctx.stats(item)
        result[item] = _plain(stats, stats.total)
    return result


def _compute_mean(ctx: RuleContext) -> dict[str, Scored]:
    result = {}
    for item in ctx.items:
        stats = ctx.stats(item)
        result[item] = _plain(stats, stats.mean)
    return result


def _compute_median(ctx: RuleContext) -> dict[str, Scored]:
    result = {}
    for item in ctx.items:
        stats = ctx.stats(item, histogram=True)
        grade = stats.lower_median()
        if grade is None:
            result[item] = _plain(stats, None)
            continue
        assert stats.histogram is not None
        above = sum(c for v, c in stats.histogram.items() if v > grade) / stats.n
        below = sum(c for v, c in stats.histogram.items() if v < grade) / stats.n
        gauge = above if above > below else -below
        result[item] = _plain(stats, grade, order=(grade, gauge), order_note="majority_gauge")
    return result


def _compute_approval(ctx: RuleContext) -> dict[str, Scored]:
    threshold = float(ctx.option("threshold", ctx.best))
    result = {}
    for item in ctx.items:
        stats = ctx.stats(item, histogram=True)
        assert stats.histogram is not None
        count = sum(c for v, c in stats.histogram.items() if v >= threshold)
        result[item] = _plain(stats, float(count))
    return result


def _compute_dots(ctx: RuleContext) -> dict[str, Scored]:
    budget = ctx.option("budget")
    result = {}
    grand = 0.0
    for item in ctx.items:
        stats = ctx.stats(item)
        grand += stats.total
        result[item] = _plain(stats, stats.total)
    if budget is not None and ctx.table.participants and grand > budget * len(ctx.table.participants):
        raise ValidationError(f"{int(grand)} dots were spent by {len(ctx.table.participants)} "
                              f"participants, more than their budgets of {budget} allow")
    return result


def _ballot_sizes(ctx: RuleContext) -> list[int]:
    """How many items each participant ranked (one C-level pass per column)."""
    sizes = ctx._cache.get("sizes")
    if sizes is None:
        sizes = [0] * len(ctx.table.participants)
        for item in ctx.items:
            sizes = list(map(add, sizes, map(_isfinite, ctx.column(item))))
        ctx._cache["sizes"] = sizes
    return sizes


def _borda(ctx: RuleContext, depth: int | None) -> dict[str, Scored]:
    m = len(ctx.items)
    result: dict[str, Scored] = {}
    partial = False
    for item in ctx.items:
        column = ctx.column(item)
        positions = list(filter(_isfinite, column))
        n = len(positions)
        partial = partial or n < len(column)
        if depth is None:
            # Points m − r: their sum is n·m − Σr; their spread is that of the positions.
            score = n * m - math.fsum(positions)
            points = positions
        else:
            points = [depth - r + 1 if r <= depth else 0.0 for r in positions]
            score = math.fsum(points)
        if n:
            mean = math.fsum(points) / n
            variance = math.fsum(map(mul, points, points)) / n - mean * mean
            spread: float | None = math.sqrt(round(variance, 12)) if variance > 0 else 0.0
        else:
            spread = None
        result[item] = Scored(score=score, n=n, spread=spread, absent=len(column) - n)
    if depth is None and partial:
        # An unranked item gets the average of the points nobody was given on that ballot.
        sizes = _ballot_sizes(ctx)
        if any(0 < k < m - 1 for k in sizes):
            spare = [(m - k - 1) / 2 if 0 < k < m else 0.0 for k in sizes]
            spare_total = math.fsum(spare)
            for item in ctx.items:
                ranked = map(_isfinite, ctx.column(item))
                extra = spare_total - math.fsum(compress(spare, ranked))
                result[item] = attrs.evolve(result[item], score=(result[item].score or 0.0) + extra)
    return result


def _compute_borda(ctx: RuleContext) -> dict[str, Scored]:
    return _borda(ctx, None)


def _compute_truncated_borda(ctx: RuleContext) -> dict[str, Scored]:
    depth = int(ctx.option("depth", 3))
    if depth < 1:
        raise ValidationError(f"truncated Borda needs a depth of 1 or more (got {depth})")
    return _borda(ctx, depth)


def _compute_importance_performance(ctx: RuleContext) -> dict[str, Scored]:
    if ctx.second is None:
        raise ValidationError("the importance × performance rule needs a second score table "
                              "(the performance ratings)", hint="pass second=… or second_prompt=…")
    gap = bool(ctx.option("gap", False))
    result = {}
    for item in ctx.items:
        importance = ctx.stats(item)
        perf = ItemStats(ctx.second.column(item, ctx.second_criterion), None)
        mean_i, mean_p = importance.mean, perf.mean
        if mean_i is None or mean_p is None:
            score = None
        elif gap:
            top = ctx.second_best if ctx.second_best is not None else 0.0
            score = mean_i * (top - mean_p)
        else:
            score = mean_i * mean_p
        result[item] = Scored(score=score, n=min(importance.n, perf.n), spread=importance.spread,
                              absent=importance.absent, na=importance.na)
    return result


def _text(en: str, th: str) -> LocalizedText:
    return LocalizedText(en=en, th=th)


def builtin_rules() -> list[Rule]:
    """The core's rule catalogue (registered by :mod:`lessonkit.default_plugins.rules`).

    >>> [rule.key for rule in builtin_rules()][:3]
    ['sum', 'mean', 'median']
    """
    return [
        Rule("sum", _text("Sum", "ผลรวมคะแนน"), _text(
            "Adds up each item's scores and ranks the highest total first. Simple and what the "
            "seeds' workshops did (importance 1–3, summed), but an item fewer people scored "
            "collects fewer points: use it when everybody scores every item.",
            "รวมคะแนนของแต่ละรายการ แล้วจัดลำดับจากผลรวมมากไปน้อย เป็นวิธีที่ใช้ในเวทีถอดบทเรียน "
            "(ให้คะแนนความสำคัญ ๑–๓ แล้วรวมคะแนน) เหมาะเมื่อทุกคนให้คะแนนทุกรายการ "
            "เพราะรายการที่มีผู้ให้คะแนนน้อยจะได้คะแนนรวมน้อยตามไปด้วย"),
            compute=_compute_sum, kinds=("score",)),
        Rule("mean", _text("Mean", "ค่าเฉลี่ย"), _text(
            "Ranks items by the average of their scores, always shown with n, the number of "
            "scores it rests on, and their spread. Set a minimum n so that an item one person "
            "scored cannot come first.",
            "จัดลำดับตามค่าเฉลี่ยของคะแนน โดยแสดงจำนวนผู้ให้คะแนน (n) และการกระจายเสมอ "
            "ควรกำหนดจำนวนผู้ให้คะแนนขั้นต่ำ เพื่อไม่ให้รายการที่มีผู้ให้คะแนนเพียงคนเดียวได้อันดับหนึ่ง"),
            compute=_compute_mean),
        Rule("median", _text("Median (majority judgement)", "มัธยฐาน (การตัดสินโดยเสียงข้างมาก)"), _text(
            "Ranks items by their median score (the lower middle value when n is even), which a "
            "few extreme scores cannot move. Items with the same median are separated as "
            "majority judgement does: by the majority gauge, i.e. whether more scores lie above "
            "the median than below it, and by how many.",
            "จัดลำดับตามมัธยฐานของคะแนน (ค่ากลางตัวล่างเมื่อ n เป็นเลขคู่) ซึ่งคะแนนสุดโต่งเพียงไม่กี่ค่า"
            "ไม่อาจเปลี่ยนได้ รายการที่มีมัธยฐานเท่ากันแยกลำดับแบบการตัดสินโดยเสียงข้างมาก "
            "คือดูว่ามีคะแนนสูงกว่ามัธยฐานมากกว่าหรือต่ำกว่ามัธยฐานมากกว่า และมากเพียงใด"),
            compute=_compute_median, kinds=("score",),
            messages={"majority_gauge": _text("majority gauge (share above vs below the median)",
                                              "สัดส่วนคะแนนที่สูงกว่าและต่ำกว่ามัธยฐาน")}),
        Rule("dots", _text("Dot voting", "ลงคะแนนด้วยจุด"), _text(
            "Each participant spreads a budget of dots over the items (stacking allowed up to "
            "the per-item cap); items are ranked by the number of dots they received. n is the "
            "number of voters.",
            "ผู้เข้าร่วมแต่ละคนกระจายจุดตามจำนวนที่กำหนดให้รายการต่าง ๆ (วางซ้อนได้ไม่เกินเพดานต่อรายการ) "
            "แล้วจัดลำดับตามจำนวนจุดที่แต่ละรายการได้รับ n คือจำนวนผู้ลงคะแนน"),
            compute=_compute_dots, kinds=("dots",), missing="value", missing_value=0.0,
            options=("budget",)),
        Rule("approval", _text("Count of top scores", "จำนวนคะแนนสูงสุด"), _text(
            "Counts, for each item, the participants who gave it a top score (the scale's "
            "highest value, or at least the threshold you set) and ranks the largest count "
            "first — approval voting on a score scale.",
            "นับจำนวนผู้ที่ให้คะแนนสูงสุดแก่แต่ละรายการ (ค่าสูงสุดของมาตรวัด หรือไม่ต่ำกว่าเกณฑ์ที่กำหนด) "
            "แล้วจัดลำดับจากจำนวนมากไปน้อย เทียบได้กับการลงคะแนนแบบเห็นชอบ"),
            compute=_compute_approval, kinds=("score",), options=("threshold",)),
        Rule("borda", _text("Borda count", "การนับคะแนนแบบบอร์ดา"), _text(
            "For rankings: with m items, first place earns m−1 points, second m−2, and so on to "
            "0 for last. Items a participant left unranked share the points nobody got (each "
            "receives their average), so ranking only a few items neither helps nor hurts them.",
            "สำหรับการจัดลำดับ: เมื่อมี m รายการ อันดับหนึ่งได้ m−1 คะแนน อันดับสองได้ m−2 "
            "ไปจนถึงอันดับสุดท้ายได้ ๐ รายการที่ผู้เข้าร่วมไม่ได้จัดลำดับได้คะแนนเฉลี่ยของคะแนนที่เหลือ"),
            compute=_compute_borda, kinds=("rank",)),
        Rule("truncated_borda", _text("Truncated Borda", "บอร์ดาแบบนับเฉพาะอันดับต้น"), _text(
            "For rankings where only the top places count (as in Loomio's ranked choice): with "
            "depth k, first place earns k points, second k−1, down to 1 for place k; lower and "
            "unranked places earn nothing. The depth defaults to the prompt's maximum of ranked "
            "items, else 3.",
            "สำหรับการจัดลำดับที่นับเฉพาะอันดับต้น ๆ: เมื่อนับ k อันดับ อันดับหนึ่งได้ k คะแนน "
            "อันดับสองได้ k−1 ไปจนถึงอันดับที่ k ได้ ๑ คะแนน อันดับที่ต่ำกว่าหรือไม่ได้จัดลำดับได้ ๐"),
            compute=_compute_truncated_borda, kinds=("rank",), options=("depth",)),
        Rule("importance_performance", _text("Importance × performance", "ความสำคัญ × ผลการดำเนินงาน"), _text(
            "Combines two ratings of the same items, e.g. importance and how well we are doing: "
            "the mean of the first times the mean of the second. With the gap option it is the "
            "mean importance times the distance of the mean performance from the top of its "
            "scale, so important items done poorly come first.",
            "รวมการให้คะแนนสองแบบของรายการเดียวกัน เช่น ความสำคัญ และผลการดำเนินงาน: "
            "ค่าเฉลี่ยความสำคัญคูณค่าเฉลี่ยผลการดำเนินงาน หากเลือกแบบช่องว่าง (gap) "
            "จะคูณกับระยะห่างจากคะแนนสูงสุด ทำให้รายการที่สำคัญแต่ยังทำได้ไม่ดีขึ้นมาก่อน"),
            compute=_compute_importance_performance, kinds=("score",),
            options=("second", "second_criterion", "second_prompt", "gap")),
    ]


def builtin_rule(key: str) -> Rule:
    """One rule of :func:`builtin_rules` by key (for host programs without plugins).

    >>> builtin_rule("borda").kinds
    ('rank',)
    """
    for rule in builtin_rules():
        if rule.key == key:
            return rule
    known = ", ".join(r.key for r in builtin_rules())
    raise NotFoundError(f"unknown ranking rule {key!r} (known: {known})")


# -- results ---------------------------------------------------------------------------


@attrs.frozen
class RankedItem:
    """One row of a ranking.

    ``separated_by`` says what put this row below the one above: ``"score"``,
    the rule's own second key (its ``order_note`` code, ``"majority_gauge"``),
    a tie-break key, or ``None`` when tied with it (or first). ``note`` says it
    in words, in the ranking's language. ``eligible`` is False for items not
    ranked; they are listed last, tied, and ``not_ranked`` gives the code of
    why: ``"min_n"`` (fewer scores than the minimum), ``"no_scores"`` (none),
    ``"no_score"`` (the rule gave none) or the rule's own ``reason`` code.

    >>> from lessonkit.scores import ScoreTable
    >>> table = ScoreTable()
    >>> table.set("p1", "e1", 3)
    >>> row = rank(table, {"e1": "อบรมครู"}, builtin_rule("sum")).rows[0]
    >>> row.rank, row.label, row.text, row.score, row.n
    (1, '1', 'อบรมครู', 3.0, 1)
    """

    item: str
    text: str
    rank: int
    label: str
    score: float | None
    n: int
    spread: float | None
    note: str = ""
    separated_by: str | None = None
    absent: int = 0
    na: int = 0
    eligible: bool = True
    not_ranked: str | None = None

    def to_data(self) -> dict[str, Any]:
        """The row as JSON-able data (documented in ``docs/ranking.md``)."""
        return {
            "rank": self.rank,
            "label": self.label,
            "item": self.item,
            "text": self.text,
            "score": _number(self.score),
            "n": self.n,
            "spread": _number(self.spread),
            "absent": self.absent,
            "na": self.na,
            "eligible": self.eligible,
            "not_ranked": self.not_ranked,
            "separated_by": self.separated_by,
            "note": self.note,
        }


@attrs.frozen
class Ranking:
    """The result of :func:`rank`: rows in rank order, plus the weak order before tie-breaking.

    >>> from lessonkit.scores import ScoreTable
    >>> table = ScoreTable()
    >>> for person, item, value in [("p1", "e1", 3), ("p1", "e2", 1), ("p2", "e2", 3)]:
    ...     table.set(person, item, value)
    >>> ranking = rank(table, ["e1", "e2"], builtin_rule("sum"))
    >>> [(row.item, row.rank) for row in ranking.rows], ranking.to_data()["rule"]
    ([('e2', 1), ('e1', 2)], 'sum')
    """

    rule: Rule
    ties: str
    tie_break: tuple[str, ...]
    rows: list[RankedItem]
    classes: list[list[str]]
    criterion: str = ""
    options: Mapping[str, Any] = attrs.field(factory=dict)
    #: What the rule said about each item (not part of the JSON form).
    scored: Mapping[str, Scored] = attrs.field(factory=dict, repr=False)

    def row(self, item: str) -> RankedItem:
        """The row of ``item``; :class:`NotFoundError` if it is not ranked here."""
        for row in self.rows:
            if row.item == item:
                return row
        raise NotFoundError(f"item {item!r} is not in this ranking")

    def to_data(self) -> dict[str, Any]:
        """The JSON form (documented in ``docs/ranking.md``)."""
        return {
            "rule": self.rule.key,
            "rule_title": {k: v for k, v in self.rule.title.values.items()},
            "ties": self.ties,
            "tie_break": list(self.tie_break),
            "criterion": self.criterion or None,
            "options": {k: _jsonable(v) for k, v in sorted(self.options.items())},
            "classes": [list(c) for c in self.classes],
            "rows": [row.to_data() for row in self.rows],
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return str(value)


def _number(value: float | None) -> float | int | None:
    from lessonkit.scores import data_number  # the one rounding rule of JSON and CSV output

    return data_number(value)


def rank_labels(class_sizes: Sequence[int], ties: str = "competition") -> list[tuple[int, str]]:
    """(rank, label) for each item, given the sizes of the tie classes in order.

    >>> rank_labels([1, 2, 1])
    [(1, '1'), (2, '2='), (2, '2='), (4, '4')]
    >>> rank_labels([1, 2, 1], "dense")
    [(1, '1'), (2, '2='), (2, '2='), (3, '3')]
    """
    if ties not in TIE_CONVENTIONS:
        raise ValidationError(f"tie convention {ties!r} is not one of {', '.join(TIE_CONVENTIONS)}")
    result: list[tuple[int, str]] = []
    ahead = 0
    for index, size in enumerate(class_sizes):
        number = ahead + 1 if ties == "competition" else index + 1
        label = f"{number}=" if size > 1 else str(number)
        result.extend([(number, label)] * size)
        ahead += size
    return result


# -- ranking ----------------------------------------------------------------------------

_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[Any, ...]:
    """``e2`` before ``e10``: digits compare as numbers (by length, then digit by digit,
    so a run of thousands of digits never goes through ``int``)."""
    return tuple((0, len(part.lstrip("0")), part.lstrip("0")) if part.isdecimal() and part.isascii()
                 else (0, len(part), part) if part.isdigit() else (1, 0, part)
                 for part in _DIGITS.split(text) if part)


def _draw(seed: str, item: str) -> int:
    import hashlib

    return int.from_bytes(hashlib.sha256(f"{seed}\x00{item}".encode()).digest()[:8], "big")


def _ballot_hash(ctx: RuleContext) -> str:
    """A digest of all scores that does not depend on participant order."""
    import hashlib

    digest = hashlib.sha256()
    for item in sorted(ctx.items):
        counts = sorted(Counter(v for v in ctx.column(item) if v == v).items())
        digest.update(f"{item}:{counts!r};".encode())
    return digest.hexdigest()


def _check_chain(tie_break: Iterable[str] | None) -> tuple[str, ...]:
    chain: list[str] = []
    for key in tie_break or ():
        key = key.strip()
        if not key:
            continue
        if key not in TIE_BREAKS:
            raise NotFoundError(f"unknown tie-break key {key!r} (known: {', '.join(TIE_BREAKS)})")
        if key in chain:
            raise ValidationError(f"tie-break key {key!r} is given twice")
        chain.append(key)
    return tuple(chain)


def _break_values(ctx: RuleContext, key: str, items: Sequence[str], scored: Mapping[str, Scored],
                  seed: Any) -> dict[str, float]:
    """For one tie-break key: a number per item, higher is better."""
    if key == "top":
        return {i: float(ctx.stats(i, histogram=True).count(ctx.best)) for i in items}
    if key == "bottom":
        return {i: -float(ctx.stats(i, histogram=True).count(ctx.worst)) for i in items}
    if key == "spread":
        spreads = {i: scored[i].spread for i in items}
        return {i: -math.inf if s is None else -s for i, s in spreads.items()}
    if key == "n":
        return {i: float(scored[i].n) for i in items}
    if key == "random":
        return {i: float(_draw(str(seed), i)) for i in items}
    if key == "draw":
        digest = ctx._cache.get("ballot_hash")
        if digest is None:
            digest = ctx._cache["ballot_hash"] = _ballot_hash(ctx)
        return {i: float(_draw(digest, i)) for i in items}
    raise AssertionError(key)


def _shown(key: str, value: float) -> str:
    if key in ("random", "draw"):
        return ""
    if key in ("bottom", "spread"):
        value = -value
    if key == "spread":
        return f"{value:.2f}"
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def rank(
    table: ScoreTable,
    items: Sequence[str] | Mapping[str, str],
    rule: Rule,
    *,
    criterion: str = "",
    kind: str | None = None,
    low: float | None = None,
    high: float | None = None,
    missing: str | None = None,
    missing_value: float | None = None,
    min_n: int = 0,
    ties: str = "competition",
    tie_break: Sequence[str] | None = None,
    seed: Any = 0,
    second: ScoreTable | None = None,
    second_criterion: str = "",
    second_high: float | None = None,
    locale: str = "en",
    **options: Any,
) -> Ranking:
    """Rank ``items`` by ``rule`` from the scores in ``table``.

    :param items: item ids, or a mapping of id → text shown in the rows.
        Items nobody scored are ranked too (last); other columns are ignored.
    :param kind: the prompt kind (``score``, ``dots`` or ``rank``); defaults to
        the rule's first kind.
    :param low: the worst value of the scale (``score``), used by the
        ``lowest`` missing policy and the ``bottom`` tie-break; defaults to the
        lowest score present. For ``dots`` it is 0, for ``rank`` the last position.
    :param high: the best value (scale top, dot cap); defaults to the highest present.
    :param missing: ``exclude``, ``lowest`` or ``value`` (then give
        ``missing_value``); defaults to the rule's policy.
    :param min_n: items with fewer scores are not ranked (listed last); the
        rule's own :attr:`Rule.min_n` applies when it is larger.
    :param ties: ``competition`` (1, 2=, 2=, 4) or ``dense`` (1, 2=, 2=, 3).
    :param tie_break: a chain of keys from :data:`TIE_BREAKS`, applied in order
        to items the rule leaves tied; ``none`` (or nothing) keeps ties.
    :param seed: the seed of the ``random`` tie-break.
    :param second: a second score table for rules combining two prompts.
    :param locale: language of the notes.
    :param options: rule-specific options (:attr:`Rule.options`).

    >>> from lessonkit.scores import ScoreTable
    >>> table = ScoreTable()
    >>> for person, item, value in [("p1", "e1", 3), ("p2", "e1", 2), ("p1", "e2", 3)]:
    ...     table.set(person, item, value)
    >>> ranking = rank(table, {"e1": "อบรมครู", "e2": "จัดงบ"}, builtin_rule("mean"), low=1, high=3)
    >>> [(row.label, row.text, row.score, row.n) for row in ranking.rows]
    [('1', 'จัดงบ', 3.0, 1), ('2', 'อบรมครู', 2.5, 2)]
    """
    from lessonkit.i18n import t

    _add_messages()
    kind = kind or rule.kinds[0]
    if kind not in rule.kinds:
        raise ValidationError(f"rule {rule.key!r} ranks {' or '.join(rule.kinds)} prompts, "
                              f"not {kind} prompts")
    unknown = sorted(set(options) - set(rule.options) - COMMON_OPTIONS)
    if unknown:
        accepted = ", ".join(rule.options) or "none"
        raise ValidationError(f"rule {rule.key!r} has no option {unknown[0]!r} (its options: {accepted})")
    if ties not in TIE_CONVENTIONS:
        raise ValidationError(f"tie convention {ties!r} is not one of {', '.join(TIE_CONVENTIONS)}")
    missing = missing or rule.missing
    if missing not in MISSING_POLICIES:
        raise ValidationError(f"missing policy {missing!r} is not one of {', '.join(MISSING_POLICIES)}")
    if missing == "value" and missing_value is None:
        missing_value = rule.missing_value
        if missing_value is None:
            raise ValidationError("missing policy 'value' needs a missing value")
    if min_n < 0:
        raise ValidationError(f"min_n must not be negative (got {min_n})")
    chain = _check_chain(tie_break)
    if "none" in chain:
        chain = chain[:chain.index("none")]

    texts = dict(items) if isinstance(items, Mapping) else {i: i for i in items}
    ids = tuple(sorted(texts, key=natural_key))
    best, worst = _ends(table, ids, criterion, kind, low, high)
    ctx = RuleContext(
        table=table, items=ids, criterion=criterion, kind=kind, best=best, worst=worst,
        missing=missing, missing_value=missing_value, options=options, second=second,
        second_criterion=second_criterion, second_best=second_high,
    )
    scored = dict(rule.compute(ctx))
    lost = [i for i in ids if i not in scored]
    if lost:
        raise ValidationError(f"rule {rule.key!r} gave no result for item {lost[0]!r}")

    need = max(min_n, rule.min_n, 1)
    eligible = [i for i in ids
                if scored[i].eligible and scored[i].score is not None and scored[i].n >= need]
    others = [i for i in ids if i not in set(eligible)]
    eligible.sort(key=lambda i: scored[i].sort_key, reverse=True)
    classes: list[list[str]] = []
    for item in eligible:
        if classes and scored[classes[-1][0]].sort_key == scored[item].sort_key:
            classes[-1].append(item)
        else:
            classes.append([item])
    for group in classes:
        group.sort(key=natural_key)
    if others:
        classes.append(sorted(others, key=natural_key))

    # Tie-breaking: split each class by the chain; remember what split each pair.
    final: list[list[str]] = []
    reasons: dict[str, tuple[str | None, str]] = {}  # item -> (key, detail)
    for index, group in enumerate(classes):
        is_rest = bool(others) and index == len(classes) - 1
        if index:
            first, above = group[0], classes[index - 1][-1]
            if is_rest:
                reasons[first] = ("min_n", "")
            else:
                a, b = scored[above], scored[first]
                key = "score" if a.score != b.score else (a.order_note or "score")
                reasons[first] = (key, "")
        if len(group) == 1 or not chain or is_rest:
            final.append(group)
            continue
        values = {key: _break_values(ctx, key, group, scored, seed) for key in chain}
        ordered = sorted(group, key=lambda i: (tuple(-values[k][i] for k in chain), natural_key(i)))
        parts: list[list[str]] = [[ordered[0]]]
        for item in ordered[1:]:
            prev = parts[-1][-1]
            split = next((k for k in chain if values[k][item] != values[k][prev]), None)
            if split is None:
                parts[-1].append(item)
                continue
            detail = ""
            shown_prev, shown_this = _shown(split, values[split][prev]), _shown(split, values[split][item])
            if shown_prev:
                detail = f"{shown_prev} / {shown_this}"
            reasons[item] = (split, detail)
            parts.append([item])
        for part in parts:
            part.sort(key=natural_key)
        final.extend(parts)

    rows: list[RankedItem] = []
    labels = rank_labels([len(c) for c in final], ties)
    flat = [item for group in final for item in group]
    not_ranked = set(others)
    for position, item in enumerate(flat):
        number, label = labels[position]
        result = scored[item]
        ok = item not in not_ranked
        why, detail = reasons.get(item, (None, ""))
        note = ""
        code: str | None = None
        if not ok:
            code, note = _not_ranked(rule, result, need, locale)
        elif why is not None and why != "score":
            above = texts[flat[position - 1]] or flat[position - 1]
            words = note_words(rule, why, locale)
            if words is None:  # an undeclared code: never show it raw (check_method reports it)
                words = t("rank_note_rule_order", locale, rule=rule.title.get(locale))
            note = t("rank_note_below", locale, item=above, reason=words)
            if detail:
                note += f" ({detail})"
        rows.append(RankedItem(
            item=item, text=texts[item], rank=number, label=label,
            score=None if code == "no_scores" else result.score, n=result.n,
            spread=result.spread, note=note, separated_by=why if why != "min_n" else None,
            absent=result.absent, na=result.na, eligible=ok, not_ranked=code,
        ))
    used: dict[str, Any] = {"missing": missing, "min_n": need if need > 1 else min_n,
                            "best": best, "worst": worst}
    if missing == "value":
        used["missing_value"] = missing_value
    if "random" in chain:
        used["seed"] = seed
    used.update({k: v for k, v in options.items() if k != "second" and not isinstance(v, ScoreTable)})
    return Ranking(rule=rule, ties=ties, tie_break=chain, rows=rows,
                   classes=[list(c) for c in classes], criterion=criterion, options=used,
                   scored=scored)


def note_words(rule: Rule, code: str, locale: str = "en", **kwargs: Any) -> str | None:
    """The words of a note code in ``locale``, or None when nobody declared them.

    ``code`` is a tie-break key (``"top"``), a code of the rule's
    :attr:`Rule.messages` (its ``order_note`` and ``reason`` codes), or a full
    message key of :mod:`lessonkit.i18n` (``"exchange:mean"``). ``kwargs``
    fill the words' ``{n}``/``{min_n}`` placeholders.

    >>> note_words(builtin_rule("mean"), "nobody-declared-this") is None
    True
    """
    from lessonkit.i18n import lookup
    from lessonkit.i18n import t as translate

    _add_messages()
    declared = rule.messages.get(code)
    if declared is not None:
        text = declared.get(locale)
        return text.format(**kwargs) if kwargs else text
    if ":" in code and lookup(code) is not None:
        return translate(code, locale, **kwargs)
    if code in TIE_BREAKS:
        return translate(f"tie_break_{code}", locale)
    return None


def _not_ranked(rule: Rule, scored: Scored, need: int, locale: str) -> tuple[str, str]:
    """Why an item is not ranked: a code and the note in words."""
    from lessonkit.i18n import t

    if scored.reason is not None:
        words = note_words(rule, scored.reason, locale, n=scored.n, min_n=need)
        if words is not None:
            return scored.reason, t("rank_note_not_ranked", locale, reason=words)
        return scored.reason, t("rank_note_rule_reason", locale, rule=rule.title.get(locale),
                                n=scored.n)
    if scored.n == 0:
        return "no_scores", t("rank_note_no_scores", locale)
    if scored.score is None or not scored.eligible:
        return "no_score", t("rank_note_no_score", locale, n=scored.n)
    return "min_n", t("rank_note_min_n", locale, n=need)


def _ends(table: ScoreTable, items: Sequence[str], criterion: str, kind: str,
          low: float | None, high: float | None) -> tuple[float, float]:
    """(best, worst) raw values for a prompt kind."""
    if kind == "rank":
        last = high if high is not None else None
        if last is None:
            present = [max(filter(_isfinite, table.column(i, criterion)), default=1.0) for i in items]
            last = max([*present, float(len(items))], default=1.0)
        return 1.0, float(last)
    if kind == "dots":
        if high is None:
            high = max((max(filter(_isfinite, table.column(i, criterion)), default=0.0) for i in items),
                       default=0.0)
        return float(high), 0.0 if low is None else float(low)
    if high is None or low is None:
        found = [v for i in items for v in (
            max(filter(_isfinite, table.column(i, criterion)), default=None),
            min(filter(_isfinite, table.column(i, criterion)), default=None)) if v is not None]
        if high is None:
            high = max(found, default=1.0)
        if low is None:
            low = min(found, default=0.0)
    return float(high), float(low)


_MESSAGES = {
    "rank_note_below": {"en": "below {item}: {reason}", "th": "อยู่ต่ำกว่า {item} เพราะ{reason}"},
    "rank_note_min_n": {"en": "not ranked: fewer than {n} scores",
                        "th": "ไม่จัดลำดับ: มีผู้ให้คะแนนน้อยกว่า {n} คน"},
    "rank_note_no_scores": {"en": "not ranked: no scores", "th": "ไม่จัดลำดับ: ไม่มีผู้ให้คะแนน"},
    "rank_note_no_score": {"en": "not ranked: the rule gives no score (n = {n})",
                           "th": "ไม่จัดลำดับ: กฎการจัดลำดับไม่ได้ให้คะแนน (n = {n})"},
    "rank_note_not_ranked": {"en": "not ranked: {reason}", "th": "ไม่จัดลำดับ: {reason}"},
    "rank_note_rule_reason": {"en": "not ranked by the rule {rule} (n = {n})",
                              "th": "กฎ{rule}ไม่จัดลำดับรายการนี้ (n = {n})"},
    "rank_note_rule_order": {"en": "the order of the rule {rule}",
                             "th": "ลำดับตามกฎ{rule}"},
    "tie_break_top": {"en": "fewer top scores", "th": "ได้คะแนนสูงสุดน้อยกว่า"},
    "tie_break_bottom": {"en": "more bottom scores", "th": "ได้คะแนนต่ำสุดมากกว่า"},
    "tie_break_spread": {"en": "larger spread", "th": "คะแนนกระจายมากกว่า"},
    "tie_break_n": {"en": "fewer scores", "th": "มีผู้ให้คะแนนน้อยกว่า"},
    "tie_break_random": {"en": "seeded random draw", "th": "การจับสลากด้วยค่าตั้งต้น"},
    "tie_break_draw": {"en": "draw from the ballot hash", "th": "การจับสลากจากค่าแฮชของคะแนน"},
    "tie_break_key_top": {"en": "more top scores", "th": "ได้คะแนนสูงสุดมากกว่า"},
    "tie_break_key_bottom": {"en": "fewer bottom scores", "th": "ได้คะแนนต่ำสุดน้อยกว่า"},
    "tie_break_key_spread": {"en": "smaller spread", "th": "คะแนนกระจายน้อยกว่า"},
    "tie_break_key_n": {"en": "larger n", "th": "มีผู้ให้คะแนนมากกว่า"},
    "tie_break_key_random": {"en": "seeded random draw", "th": "การจับสลากด้วยค่าตั้งต้น"},
    "tie_break_key_draw": {"en": "draw from the ballot hash", "th": "การจับสลากจากค่าแฮชของคะแนน"},
    "tie_break_key_none": {"en": "no tie-break: ties stay", "th": "ไม่แยกลำดับที่เท่ากัน"},
}


def _add_messages() -> None:
    from lessonkit.i18n import MESSAGES, add_messages

    if "rank_note_below" not in MESSAGES:
        add_messages(_MESSAGES)


# -- sessions -------------------------------------------------------------------------------

_KIND_DEFAULT_RULE = {"score": "sum", "dots": "dots", "rank": "borda"}


def rank_prompt(
    session: Session,
    registry: Registry,
    group_key: str,
    method_key: str,
    prompt_key: str,
    *,
    step: str | None = None,
    rule: str | None = None,
    criterion: str = "",
    ties: str = "competition",
    tie_break: Sequence[str] | None = None,
    **options: Any,
) -> Ranking:
    """Rank the items a ``score``, ``dots`` or ``rank`` prompt of a group scores.

    The items are the entries of the prompt's ``items_from`` list; their
    ``text`` shows in the rows. The rule is ``rule``, else the prompt's
    ``rule``, else the method's ``default_rule`` (if that fits the prompt's
    kind, else ``sum``/``dots``/``borda`` for score/dots/rank prompts). A rule
    that is not installed is a :class:`~lessonkit.errors.NotFoundError`, never
    a silent fallback. The
    scale's ends, the dot cap and the ranking depth come from the prompt.
    ``second_prompt="performance"`` (a prompt key, ``step.prompt`` allowed)
    supplies the second table of two-prompt rules. Other options go to
    :func:`rank`.

    >>> from lessonkit import workshop
    >>> from lessonkit.plugins import get_registry
    >>> registry = get_registry()
    >>> session = workshop.new_session(registry, "AAR", methods=["aar"])
    >>> _ = workshop.add_group(session, "g1", "กลุ่ม 1")
    >>> _ = workshop.add_participant(session, "g1", "p1")
    >>> _ = workshop.add_answers(session, registry, "g1", "aar", "improve", ["ประสานงาน", "งบ"])
    >>> _ = workshop.set_scores(session, registry, "g1", "aar", "priority", "p1", {"2": 2, "1": 1})
    >>> [row.text for row in rank_prompt(session, registry, "g1", "aar", "priority").rows]
    ['งบ', 'ประสานงาน']
    """
    from lessonkit.workshop import items_for

    method = registry.method(method_key)
    group = session.group(group_key)
    found_step, prompt = method.find_prompt(step, prompt_key)
    where = f"group {group.key!r} {method.key}.{found_step.key}.{prompt.key}"
    if not prompt.scored:
        raise ValidationError(f"a {prompt.kind} prompt has no scores to rank", where=where)
    if prompt.criteria:
        if not criterion:
            raise ValidationError(
                f"this prompt is scored per criterion; give one of {', '.join(c.key for c in prompt.criteria)}",
                where=where)
        prompt.criterion(criterion)
    elif criterion:
        raise ValidationError(f"this prompt has no criteria (got {criterion!r})", where=where)
    if rule is None:
        rule = prompt.rule
    if rule is None:
        rule = method.default_rule
        if rule not in registry.rules:
            raise NotFoundError(
                f"method {method.key!r} ranks with the rule {rule!r}, which is not installed "
                f"(installed: {', '.join(registry.rules.keys())})", where=where,
                hint="install the plugin that provides it, fix the method's default_rule, "
                     "or choose a rule (--rule)")
        if prompt.kind not in registry.rules.get(rule).kinds:
            rule = _KIND_DEFAULT_RULE[prompt.kind]
    found_rule = registry.rules.get(rule)
    entries = items_for(group, method, found_step, prompt)
    texts = {entry.id: entry.label() for entry in entries}
    table = group.scores_for(method.key, found_step.key, prompt.key)
    low: float | None = None
    high: float | None = None
    if prompt.kind == "score" and prompt.scale is not None:
        low, high = prompt.scale.low, prompt.scale.high
    elif prompt.kind == "dots":
        high = float(prompt.per_item_cap or prompt.budget or 0) or None
        if "budget" in found_rule.options and prompt.budget is not None:
            options.setdefault("budget", prompt.budget)
    elif prompt.kind == "rank":
        high = float(prompt.max_ranked or len(texts) or 1)
        if "depth" in found_rule.options and prompt.max_ranked:
            options.setdefault("depth", prompt.max_ranked)
    options.setdefault("low", low)
    options.setdefault("high", high)
    second_ref = options.pop("second_prompt", None)
    if second_ref is not None:
        second_step, second = method.resolve(found_step.key, str(second_ref))
        if not second.scored:
            raise ValidationError(f"second prompt {second.key!r} is a {second.kind} prompt, not scored",
                                  where=where)
        options["second"] = group.scores_for(method.key, second_step.key, second.key)
        if second.scale is not None:
            options.setdefault("second_high", second.scale.high)
        if second.criteria and not options.get("second_criterion"):
            options["second_criterion"] = criterion
    return rank(table, texts, found_rule, criterion=criterion, kind=prompt.kind, ties=ties,
                tie_break=tie_break, **options)
