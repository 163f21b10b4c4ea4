"""A custom ranking rule: broad support.

A practice other provinces could take up is one that *most* participants rate
well, not one a few rate very highly. ``broad_support`` ranks by the share of
participants scoring a practice in the top two points of the scale; equal
shares are told apart by the mean score. A practice needs two raters to be
ranked at all, and one every rater called "does not apply" says so.
"""

from __future__ import annotations

from typing import Any

from lessonkit import LocalizedText as T
from lessonkit.ranking import Rule, Scored


def broad_support(ctx: Any) -> dict[str, Scored]:
    """The share of scores at or above the scale's second-best point, for every item."""
    threshold = ctx.best - 1
    result: dict[str, Scored] = {}
    for item in ctx.items:
        stats = ctx.stats(item, histogram=True)
        if not stats.n:
            result[item] = Scored(score=None, n=0, absent=stats.absent, na=stats.na,
                                  reason="all_na" if stats.na else None)
            continue
        high = sum(count for value, count in (stats.histogram or {}).items() if value >= threshold)
        share = high / stats.n
        result[item] = Scored(score=share, n=stats.n, spread=stats.spread,
                              order=(share, stats.mean or 0.0), order_note="mean",
                              absent=stats.absent, na=stats.na)
    return result


BROAD_SUPPORT = Rule(
    key="broad_support",
    title=T(en="Broad support", th="การสนับสนุนในวงกว้าง"),
    description=T(en="Share of participants scoring in the top two points; ties by the mean.",
                  th="สัดส่วนผู้ให้คะแนนในสองระดับสูงสุด เท่ากันแล้วดูค่าเฉลี่ย"),
    compute=broad_support,
    min_n=2,
    messages={
        "mean": T(en="lower mean score", th="ค่าเฉลี่ยต่ำกว่า"),
        "all_na": T(en="every rater said it does not apply", th="ผู้ประเมินทุกคนตอบว่าไม่เกี่ยวข้อง"),
    },
)
