"""Report sections: each theme's chapter and the summary across themes."""

from __future__ import annotations

from typing import Any

from lessonkit.i18n import add_messages
from lessonkit.report import BulletList, Chart, Note, Section, Table

MESSAGES = {
    "exchange_situation": {"en": "Situation", "th": "สถานการณ์"},
    "exchange_practices": {"en": "Good practices, by broad support", "th": "แนวปฏิบัติที่ดี เรียงตามการสนับสนุน"},
    "exchange_practice": {"en": "Practice", "th": "แนวปฏิบัติ"},
    "exchange_rank": {"en": "Rank", "th": "ลำดับ"},
    "exchange_support": {"en": "Support", "th": "การสนับสนุน"},
    "exchange_raters": {"en": "Raters", "th": "ผู้ประเมิน"},
    "exchange_plan": {"en": "Plan for the remaining years", "th": "แผนในระยะเวลาที่เหลือ"},
    "exchange_none": {"en": "Nothing recorded yet.", "th": "ยังไม่มีข้อมูล"},
    "exchange_summary": {"en": "Across the themes", "th": "ภาพรวมทุกประเด็น"},
    "exchange_theme": {"en": "Theme", "th": "ประเด็น"},
    "exchange_top": {"en": "Most widely supported practice", "th": "แนวปฏิบัติที่ได้รับการสนับสนุนมากที่สุด"},
    "exchange_actions": {"en": "Planned actions", "th": "จำนวนการดำเนินงานตามแผน"},
}


def _words() -> None:
    try:
        add_messages(MESSAGES)
    except ValueError:  # already added
        pass


def _ranking(context: Any, group: Any) -> Any:
    from lessonkit.ranking import rank_prompt

    return rank_prompt(context.session, context.registry, group.key, "exchange", "transferable")


def theme_sections(context: Any, group: Any) -> list[Section]:
    """Situation, ranked good practices (table and chart) and the plan of one theme."""
    _words()
    t = context.t
    situation = [e.text for e in group.entries_for("exchange", "situation", "situation")]
    practices = Section(title=t("exchange_practices"), key="exchange.practices", part="exchange")
    ranking = _ranking(context, group)
    if ranking.rows:
        practices.add(
            Table(headers=[t("exchange_rank"), t("exchange_practice"), t("exchange_support"),
                           t("exchange_raters")],
                  rows=[[row.label, row.text, None if row.score is None else round(row.score * 100),
                         row.n] for row in ranking.rows],
                  decimals=0),
            Chart(kind="bar", labels=[row.text for row in ranking.rows],
                  values=[(row.score or 0) * 100 for row in ranking.rows], maximum=100,
                  title=t("exchange_support")),
        )
    else:
        practices.add(Note(t("exchange_none")))
    rows = [e.row or {} for e in group.entries_for("exchange", "plan", "plan")]
    plan = Section(title=t("exchange_plan"), key="exchange.plan", part="exchange")
    if rows:
        step = context.registry.method("exchange").step("plan")
        fields = step.prompt("plan").fields
        plan.add(Table(headers=[context.text(f.label) for f in fields],
                       rows=[[row.get(f.key) or "" for f in fields] for row in rows]))
    else:
        plan.add(Note(t("exchange_none")))
    return [
        Section(title=t("exchange_situation"), key="exchange.situation", part="exchange",
                blocks=[BulletList(situation)] if situation else [Note(t("exchange_none"))]),
        practices,
        plan,
    ]


def summary_sections(context: Any) -> list[Section]:
    """One table: each theme, its most widely supported practice and its number of actions."""
    _words()
    t = context.t
    rows = []
    for group in context.session.groups:
        ranking = _ranking(context, group)
        top = ", ".join(row.text for row in ranking.rows if row.rank == 1) if ranking.rows else ""
        actions = len(group.entries_for("exchange", "plan", "plan"))
        rows.append([group.name, top, actions])
    return [Section(title=t("exchange_summary"), key="exchange.summary", part="exchange",
                    blocks=[Table(headers=[t("exchange_theme"), t("exchange_top"), t("exchange_actions")],
                                  rows=rows)])]
