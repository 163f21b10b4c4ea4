"""The After Action Review's report sections.

Per group: participants; each question's answers grouped by theme with counts; expected
versus actual side by side; sustain items and the improve items in order of priority;
the action items from the review and the review of those carried over. Session-wide (when
several groups ran the AAR): answers, themes and actions per group, the themes shared
across groups and each group's top improvement.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lessonkit import Group, LessonkitError, Method
from lessonkit.report import (
    Block,
    BulletList,
    Chart,
    Heading,
    Note,
    Paragraph,
    Section,
    Table,
)
from lessonkit_aar import review
from lessonkit_aar.messages import WORDS  # noqa: F401  (registers the aar words)

__all__ = ["book_part", "group_sections", "session_sections"]


class _Names:
    """Participants as the book names them — the name, else "participant 3" (their place in
    the group), never the internal key — indexed once (a report names thousands of rows)."""

    def __init__(self, context: Any, group: Group) -> None:
        self.context = context
        self.by_key = {p.key: (n, p) for n, p in enumerate(group.participants, start=1)}

    def __call__(self, key: str | None) -> str:
        found = self.by_key.get(key) if key is not None else None
        if found is None:
            return str(self.context.t("aar:anonymous_card"))
        n, person = found
        return person.name or str(self.context.t("participant_no", n=n))


def _none(context: Any, label: str | None = None) -> list[Block]:
    """The "no answers yet" line: in the draft edition only (``context.placeholder``)."""
    placeholder = getattr(context, "placeholder", None)
    if placeholder is None:  # an older core: always the line
        return [Paragraph(context.t("no_answers"), label=label)]
    return list(placeholder(context.t("no_answers"), label=label))


def _form(context: Any) -> str:
    try:
        return review.form_of(context.session)
    except LessonkitError:
        return review.DEFAULT_FORM


def _ran_aar(group: Group) -> bool:
    return any(e.method == review.METHOD_KEY for e in group.entries) or any(
        a.method == review.METHOD_KEY for a in group.actions)


def group_sections(context: Any, method: Method, group: Group) -> list[Section]:
    """The AAR sections of one group."""
    form = _form(context)
    step = review.form_step(method, form)
    key = f"aar.{group.key}"
    intro: list[Block] = [Paragraph(context.t("aar:form_in_report",
                                 title=context.text(review.FORM_TITLES[form]))),
             Paragraph(context.t("aar:ground_rules"))]
    off_form = [e for e in group.entries if e.method == review.METHOD_KEY
                and e.step in review.FORM_STEPS.values() and e.step != step.key]
    if off_form:
        other = next(f for f, s in review.FORM_STEPS.items() if s == off_form[0].step)
        intro.append(Note(context.t("aar:off_form", n=len(off_form), form=other), kind="warning"))
    participants = _participants(context, group, step, key)
    participants.blocks[:0] = intro
    sections = [participants, _questions(context, group, step, key), _gap(context, group, form, key),
                _synthesis(context, method, group, key)]
    for extra in (_actions(context, group, key), _carried(context, group, key)):
        if extra is not None:
            sections.append(extra)
    return sections


def _participants(context: Any, group: Group, step: Any, key: str) -> Section:
    section = Section(title=context.t("aar:participants"), key=f"{key}.participants")
    entries = [e for e in group.entries if e.method == review.METHOD_KEY and e.step == step.key]
    counts: dict[str | None, int] = {}
    for entry in entries:
        counts[entry.participant] = counts.get(entry.participant, 0) + 1
    if len(group.participants) > context.listing_limit("participants"):
        section.add(*_participant_summary(context, group, counts))
        return section
    draft = getattr(context, "draft", True)
    who = _Names(context, group)
    rows: list[list[Any]] = [[who(p.key), p.agency or "", counts.get(p.key, 0)]
                             for p in group.participants if draft or counts.get(p.key, 0)]
    if None in counts:
        rows.append([context.t("aar:anonymous_card"), "", counts[None]])
    if rows:
        section.add(Table([context.t("participant"), context.t("agency"), context.t("aar:answered")],
                          rows))
    elif draft:
        section.add(Paragraph(context.t("participants_n", n=0)))
    return section


def _participant_summary(context: Any, group: Group, counts: dict[str | None, int]) -> list[Block]:
    """A large group's participants as counts: how many gave how many answers, per agency."""
    spread: dict[int, int] = {}
    agencies: dict[str, int] = {}
    for person in group.participants:
        n = counts.get(person.key, 0)
        spread[n] = spread.get(n, 0) + 1
        if person.agency:
            agencies[person.agency] = agencies.get(person.agency, 0) + 1
    blocks: list[Block] = [
        Paragraph(context.t("participants_omitted", n=len(group.participants))),
        Table([context.t("aar:answered"), context.t("participants")],
              sorted(spread.items()), caption=context.t("aar:answers_spread")),
    ]
    if None in counts:
        blocks.append(Paragraph(context.t("aar:anonymous_n", n=counts[None])))
    if agencies:
        top = sorted(agencies.items(), key=lambda kv: -kv[1])[:30]
        blocks.append(Table([context.t("agency"), context.t("participants")], top))
    return blocks


def _questions(context: Any, group: Group, step: Any, key: str) -> Section:
    section = Section(title=context.t("aar:questions"), key=f"{key}.questions")
    for number, prompt in enumerate(step.prompts, 1):
        section.add(Heading(f"{context.num(number)}. {context.text(prompt.text)}"))
        entries = review.answers(group, step.key, prompt.key)
        if not entries:
            section.blocks.extend(_none(context))
            continue
        themed, untagged = review.group_by_theme(entries)
        if themed:
            section.add(Table([context.t("aar:theme"), context.t("aar:answers_n")],
                              [[theme, len(items)] for theme, items in themed]))
            for theme, items in themed:
                section.add(*context.answer_list(
                    [e.text for e in items], numbered=False,
                    title=context.t("aar:theme_n", theme=theme, n=len(items))))
        if untagged:
            title = context.t("aar:theme_n", theme=context.t("aar:untagged_answers"),
                              n=len(untagged)) if themed else None
            section.add(*context.answer_list([e.text for e in untagged], title=title,
                                             numbered=False))
    return section


def _gap(context: Any, group: Group, form: str, key: str) -> Section:
    section = Section(title=context.t("aar:gap"), key=f"{key}.gap")
    rows = review.gap_rows(group, form)
    if not rows:
        section.blocks.extend(_none(context))
        return section
    names = ("aar:expected", "aar:actual", "aar:why") if form == "seeds5" else (
        "aar:supposed", "aar:happened", "aar:right_wrong")
    if len(rows) > context.listing_limit("participants"):
        section.add(Paragraph(context.t("rows_omitted", n=len(rows))))
        section.add(Table([context.t("aar:gap_column"), context.t("aar:answered")],
                          [[context.t(n), sum(1 for r in rows if getattr(r, f))]
                           for n, f in zip(names, ("expected", "actual", "why"), strict=True)]))
        return section
    who = _Names(context, group)
    section.add(Paragraph(context.t("aar:gap_note")))
    section.add(Table(
        [context.t("participant"), *(context.t(n) for n in names)],
        [[who(r.participant), "; ".join(r.expected), "; ".join(r.actual),
          "; ".join(r.why)] for r in rows],
    ))
    return section


def _synthesis(context: Any, method: Method, group: Group, key: str) -> Section:
    section = Section(title=context.t("aar:sustain_improve"), key=f"{key}.synthesis")
    sustain = review.answers(group, review.SYNTHESIS, "sustain")
    improve = review.answers(group, review.SYNTHESIS, "improve")
    # without the group's synthesis, the individual answers to "what went well" and "what do
    # you suggest" (questions 4 and 5 of the seeds' form) are what the group said to keep
    # and to improve
    own_sustain, own_improve = _from_questions(context, group)
    if sustain:
        section.add(BulletList([e.text for e in sustain], title=context.t("aar:sustain")))
    elif own_sustain:  # one answer per participant: summarised past the listing limit
        section.add(*context.answer_list(own_sustain, title=context.t("aar:sustain"), numbered=False))
    else:
        section.blocks.extend(_none(context, context.t("aar:sustain")))
    if not improve:
        if own_improve:
            section.add(*context.answer_list(own_improve, title=context.t("aar:improve"),
                                             numbered=False))
        else:
            section.blocks.extend(_none(context, context.t("aar:improve")))
        return section
    section.add(Heading(context.t("aar:improve_ranked")))
    try:
        ranked = review.prioritise(context.session, context.registry, group.key)
    except LessonkitError as exc:
        section.add(Note(context.t("ranking_unavailable", error=str(exc)), kind="warning"))
        section.add(BulletList([e.text for e in improve]))
        return section
    if not ranked.scored:
        section.add(Paragraph(context.t("aar:not_ranked")))
        section.add(BulletList([e.text for e in improve]))
        return section
    section.add(Paragraph(context.t("aar:ranked_by", rule=context.text(ranked.rule_title))))
    section.add(Table(
        [context.t("rank"), context.t("aar:improve"), context.t("aar:dots"), context.t("aar:voters")],
        [[context.rank_label(r.label), r.entry.text, r.score, r.n] for r in ranked.rows],
        align=("center",),
    ))
    section.add(Chart("bar", [r.entry.text for r in ranked.rows], [r.score for r in ranked.rows],
                      title=context.t("aar:dots")))
    return section


def _from_questions(context: Any, group: Group) -> tuple[list[str], list[str]]:
    """Answers to the form's "went well" and "recommend"/"differently" questions."""
    form = _form(context)
    step = review.FORM_STEPS.get(form, "review")
    keep = [e.text for e in review.answers(group, step, "went_well")] if form == "seeds5" else []
    improve_key = "recommend" if form == "seeds5" else "differently"
    return keep, [e.text for e in review.answers(group, step, improve_key)]


def _digits(context: Any, text: str) -> str:
    from lessonkit.thai import format_digits

    return str(format_digits(text, context.digits))


def _actions(context: Any, group: Group, key: str) -> Section | None:
    actions = [a for a in group.actions if a.method == review.METHOD_KEY]
    if not actions:
        return None
    carried = {r.get("action"): r for r in review.carried_actions(group)}
    improve = {e.id: e for e in review.answers(group, review.SYNTHESIS, "improve")}
    section = Section(title=context.t("aar:actions"), key=f"{key}.actions")
    rows = []
    for action in actions:
        if action.id in carried:
            origin = context.t("aar:carried_from", session=carried[action.id].get("from_session", ""))
        elif (item := improve.get(action.source or "")) is not None:
            origin = context.t("aar:improve") if item.text == action.what else \
                f"{context.t('aar:improve')}: {item.text}"
        else:
            origin = action.source or ""
        rows.append([action.what, action.owner or "",
                     context.date(action.due, "short") if action.due else "",
                     context.t(f"status_{action.status}"), origin])
    section.add(Table([context.t("what"), context.t("owner"), context.t("due"), context.t("status"),
                       context.t("aar:from")], rows))
    return section


def _carried(context: Any, group: Group, key: str) -> Section | None:
    records = review.carried_actions(group)
    if not records:
        return None
    by_id = {a.id: a for a in group.actions}
    section = Section(title=context.t("aar:carry_review"), key=f"{key}.carried")
    rows = []
    done = still_open = 0
    for record in records:
        action = by_id.get(str(record.get("action")))
        if action is None:
            continue
        done += action.status == "done"
        still_open += action.status in review.CARRY_STATUSES
        rows.append([action.what, str(record.get("from_session", "")),
                     context.t(f"status_{action.status}"), action.note or ""])
    section.add(Paragraph(context.t("aar:carry_review_n", n=len(rows), done=done, open=still_open)))
    section.add(Table([context.t("what"), context.t("aar:from"), context.t("status"),
                       context.t("note")], rows))
    return section


def session_sections(context: Any, method: Method) -> list[Section]:
    """The cross-group summary, when two or more groups ran the AAR."""
    groups = [g for g in context.session.groups if _ran_aar(g)]
    if len(groups) < 2:
        return []
    form = _form(context)
    step = review.form_step(method, form)
    section = Section(title=context.t("aar:summary"), key="aar.summary")
    section.add(Paragraph(context.t("aar:form_in_report",
                                    title=context.text(review.FORM_TITLES[form]))))
    rows: list[list[Any]] = []
    totals = [0, 0, 0, 0, 0]
    theme_counts: dict[str, dict[str, int]] = {}
    for group in groups:
        entries = [e for e in group.entries if e.method == review.METHOD_KEY and e.step == step.key]
        themes = {t for e in entries for t in e.tags}
        for entry in entries:
            for theme in entry.tags:
                per = theme_counts.setdefault(theme, {})
                per[group.key] = per.get(group.key, 0) + 1
        improve = review.answers(group, review.SYNTHESIS, "improve")
        still_open = sum(1 for a in group.actions
                         if a.method == review.METHOD_KEY and a.status in review.CARRY_STATUSES)
        values = [len(group.participants), len(entries), len(themes), len(improve), still_open]
        totals = [t + v for t, v in zip(totals, values, strict=False)]
        # anonymous answer cards with no registered participant: the count is unknown, not 0
        shown: list[Any] = [None if not values[0] and values[1] else values[0], *values[1:]]
        rows.append([group.name, *shown])
    rows.append([context.t("aar:total"), *totals])
    section.add(Table([context.t("group"), context.t("participants"), context.t("aar:answers_n"),
                       context.t("aar:themes"), context.t("aar:improve"),
                       context.t("aar:open_actions")], rows, caption=context.t("aar:summary_table")))
    if theme_counts:
        ordered = sorted(theme_counts.items(), key=lambda kv: -sum(kv[1].values()))
        section.add(Heading(context.t("aar:themes_across")))
        section.add(Table(
            [context.t("aar:theme"), *(g.name for g in groups), context.t("aar:total")],
            [[theme, *(per.get(g.key, 0) for g in groups), sum(per.values())]
             for theme, per in ordered],
        ))
    tops = _top_improvements(context, groups)
    if tops:
        section.add(BulletList(tops, title=context.t("aar:top_improve")))
    return [section]


def _top_improvements(context: Any, groups: Sequence[Group]) -> list[str]:
    lines = []
    for group in groups:
        try:
            ranked = review.prioritise(context.session, context.registry, group.key)
        except LessonkitError:
            continue
        if ranked.scored and ranked.rows:
            first = [r.entry.text for r in ranked.rows if r.rank == 1]
            lines.append(f"{group.name}: {'; '.join(first)}")
    return lines


def book_part(context: Any, method: Method, part: str) -> list[Section] | None:
    """The AAR's share of the book: its questions (process chapter), each group's ranked
    improvements and suggestions (recommendations), the top improvement per group
    (executive summary)."""
    if part == "process":
        return [_process(context, method)]
    if part == "recommendations":
        return _recommendations(context)
    if part == "summary_points":
        groups = [g for g in context.session.groups if _ran_aar(g)]
        tops = _top_improvements(context, groups)
        return [Section(title=context.t("aar:top_improve"), blocks=[BulletList(tops)])] if tops else None
    return None


def _process(context: Any, method: Method) -> Section:
    form = _form(context)
    step = review.form_step(method, form)
    section = Section(title=context.text(method.title), key="aar.process")
    if method.description is not None:
        section.add(Paragraph(context.text(method.description)))
    section.add(Paragraph(context.t("aar:process_intro", n=len(step.prompts))))
    from lessonkit.report import NumberedList

    section.add(NumberedList([context.text(p.text) for p in step.prompts],
                             title=context.t("aar:form_in_report",
                                             title=context.text(review.FORM_TITLES[form]))))
    synthesis = method.step(review.SYNTHESIS)
    if synthesis.description is not None:
        section.add(Paragraph(context.text(synthesis.description)))
    return section


def _recommendations(context: Any) -> list[Section] | None:
    lines: list[str] = []
    for group in context.session.groups:
        if not _ran_aar(group):
            continue
        improve = review.answers(group, review.SYNTHESIS, "improve")
        texts: list[str] = []
        if improve:
            try:
                ranked = review.prioritise(context.session, context.registry, group.key)
                texts = [r.entry.text for r in ranked.rows]
            except LessonkitError:
                texts = [e.text for e in improve]
        else:
            texts = _from_questions(context, group)[1]
        lines.extend(f"{group.name}: {text}" for text in texts)
    if not lines:
        return None

    # with answers to the form standing in for a synthesis, one line per participant:
    # summarised past the listing limit, as every per-participant list is
    return [Section(title=context.t("aar:recommendations"), key="aar.recommendations",
                    blocks=context.answer_list(lines))]
