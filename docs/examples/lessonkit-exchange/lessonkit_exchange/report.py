"""Report sections: each theme's chapter and the summary across themes."""

from __future__ import annotations

from typing import Any

from lessonkit.i18n import messages
from lessonkit.report import BulletList, Chart, Note, Section, Table

#: The plugin's words, looked up as context.t("exchange:situation").
WORDS = messages("exchange", {
    "situation": {"en": "Situation", "th": "สถานการณ์"},
    "practices": {"en": "Good practices, by broad support", "th": "แนวปฏิบัติที่ดี เรียงตามการสนับสนุน"},
    "practice": {"en": "Practice", "th": "แนวปฏิบัติ"},
    "rank": {"en": "Rank", "th": "ลำดับ"},
    "support": {"en": "Support (%)", "th": "การสนับสนุน (%)"},
    "raters": {"en": "Raters", "th": "ผู้ประเมิน"},
    "note": {"en": "Note", "th": "หมายเหตุ"},
    "plan": {"en": "Plan for the remaining years", "th": "แผนในระยะเวลาที่เหลือ"},
    "none": {"en": "Nothing recorded yet.", "th": "ยังไม่มีข้อมูล"},
    "summary": {"en": "Across the themes", "th": "ภาพรวมทุกประเด็น"},
    "theme": {"en": "Theme", "th": "ประเด็น"},
    "top": {"en": "Most widely supported practice", "th": "แนวปฏิบัติที่ได้รับการสนับสนุนมากที่สุด"},
    "actions": {"en": "Planned actions", "th": "จำนวนการดำเนินงานตามแผน"},
})


def _ranking(context: Any, group: Any) -> Any:
    from lessonkit.ranking import rank_prompt

    return rank_prompt(context.session, context.registry, group.key, "exchange", "transferable",
                       locale=context.locale)


def theme_sections(context: Any, group: Any) -> list[Section]:
    """Situation, ranked good practices (table and chart) and the plan of one theme."""
    t = context.t
    situation = [e.text for e in group.entries_for("exchange", "situation", "situation")]
    practices = Section(title=t("exchange:practices"), key="exchange.practices", part="exchange")
    ranking = _ranking(context, group)
    if ranking.rows:
        practices.add(
            Table(headers=[t("exchange:rank"), t("exchange:practice"), t("exchange:support"),
                           t("exchange:raters"), t("exchange:note")],
                  rows=[[context.rank_label(row.label), row.text,
                         None if row.score is None else round(row.score * 100), row.n, row.note]
                        for row in ranking.rows],
                  decimals=0),
            Chart(kind="bar", labels=[row.text for row in ranking.rows],
                  values=[(row.score or 0) * 100 for row in ranking.rows], maximum=100,
                  title=t("exchange:support")),
        )
    else:
        practices.add(Note(t("exchange:none")))
    rows = [e.row or {} for e in group.entries_for("exchange", "plan", "plan")]
    plan = Section(title=t("exchange:plan"), key="exchange.plan", part="exchange")
    if rows:
        step = context.registry.method("exchange").step("plan")
        fields = step.prompt("plan").fields
        plan.add(Table(headers=[context.text(f.label) for f in fields],
                       rows=[[row.get(f.key) or "" for f in fields] for row in rows]))
    else:
        plan.add(Note(t("exchange:none")))
    return [
        Section(title=t("exchange:situation"), key="exchange.situation", part="exchange",
                blocks=[BulletList(situation)] if situation else [Note(t("exchange:none"))]),
        practices,
        plan,
    ]


def summary_sections(context: Any) -> list[Section]:
    """One table: each theme, its most widely supported practice and its number of actions."""
    t = context.t
    rows = []
    for group in context.session.groups:
        ranking = _ranking(context, group)
        top = ", ".join(row.text for row in ranking.rows if row.rank == 1) if ranking.rows else ""
        actions = len(group.entries_for("exchange", "plan", "plan"))
        rows.append([group.name, top, actions])
    return [Section(title=t("exchange:summary"), key="exchange.summary", part="exchange",
                    blocks=[Table(headers=[t("exchange:theme"), t("exchange:top"), t("exchange:actions")],
                                  rows=rows)])]
