"""The 5C4F part of the report book: inventory, coverage matrix, gaps, radar chart, ranked needs.

Built from :mod:`lessonkit_5c4f.analysis` with the blocks of :mod:`lessonkit.report`,
so every renderer (Markdown, HTML, text, JSON, DOCX) shows it in Thai or English.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from lessonkit import Group, LessonkitError, Session
from lessonkit.report import (
    BulletList,
    Chart,
    Note,
    Paragraph,
    ReportContext,
    Section,
    Series,
    Table,
)
from lessonkit.thai import format_digits
from lessonkit_5c4f import analysis
from lessonkit_5c4f.frame import (
    GOAL_AREAS,
    METHOD_KEY,
    RESPONDENT_TYPES,
    crosswalk,
    dimension_label,
    respondents,
    settings,
    weak_below,
)
from lessonkit_5c4f.messages import say
from lessonkit_5c4f.operations import comments

__all__ = ["band_text", "baseline_for", "baseline_section", "group_sections", "session_sections"]

TOP_LEVEL = 3.0
#: the scale's lowest level ("never"): the radar's centre
BOTTOM_LEVEL = 1.0


def band_text(ctx: ReportContext, band: str) -> str:
    """``"0-6"`` as ``"0–6 years"`` / ``"๐–๖ ปี"``."""
    if not band:
        return say("any_band", ctx.locale)
    return say("band_years", ctx.locale, band=format_digits(band.replace("-", "–"), ctx.digits))


def _mean_n(ctx: ReportContext, cell: analysis.Cell) -> str:
    """A mean with its count, two decimals always (``๒.๕๐ (จำนวน ๔)``)."""
    mean = cell.mean
    if mean is None:
        return "–"
    shown = ctx.num(mean, 2)
    numbers = getattr(ctx, "numbers", None)
    if numbers is not None:
        shown = numbers.mean(mean)
    return ctx.t("mean_n", mean=shown, n=cell.n)


def _none(ctx: ReportContext, text: str) -> list[Any]:
    placeholder = getattr(ctx, "placeholder", None)
    return [Paragraph(text)] if placeholder is None else list(placeholder(text))


def _key(group: Group | None, name: str) -> str:
    return f"group.{group.key}.{METHOD_KEY}.{name}" if group else f"summary.{METHOD_KEY}.{name}"


def group_sections(ctx: ReportContext, group: Group) -> list[Section]:
    """The sections of one group's (one area's) 5C4F part."""
    try:
        return _group_sections(ctx, group)
    except LessonkitError as exc:
        return [Section(title=say("matrix", ctx.locale), key=_key(group, "error"),
                        blocks=[Note(str(exc), kind="warning")])]


def _group_sections(ctx: ReportContext, group: Group) -> list[Section]:
    session, lang = ctx.session, ctx.locale
    acts = analysis.activities(session, group)
    matrix = analysis.coverage_matrix(session, group)
    sections = [_inventory(ctx, group, acts), _matrix(ctx, group, matrix),
                _gaps(ctx, group, analysis.find_gaps(session, group, matrix)),
                _radar(ctx, group, matrix), _needs(ctx, group)]
    by_type = _by_respondent(ctx, group)
    if by_type is not None:
        sections.append(by_type)
    try:
        baseline = baseline_for(ctx)
    except LessonkitError as exc:
        sections.append(Section(title=say("since_baseline", lang), key=_key(group, "baseline"),
                                blocks=[Note(str(exc), kind="warning")]))
        baseline = None
    if baseline is not None:
        sections.append(baseline_section(ctx, group, baseline))
    notes = comments(session, group.key)
    if notes:
        names = {a.id: a.name for a in acts}
        sections.append(Section(title=say("comments", lang), key=_key(group, "comments"),
                                blocks=ctx.answer_list(
            [f"{names.get(c.get('item', ''), c.get('item', ''))}: {c.get('text', '')}"
             for c in notes], numbered=False)))
    return sections


def baseline_for(ctx: ReportContext) -> Session | None:
    """The baseline round: ``options["5c4f_baseline"]`` (a Session or a path), else the path in
    ``settings["5c4f"]["baseline"]``; ``None`` when neither is given (as the EE report does)."""
    given = ctx.options.get("5c4f_baseline") or settings(ctx.session).get("baseline")
    if given is None or isinstance(given, Session):
        return given
    from lessonkit import files

    return files.load(os.fspath(given))


def _signed(ctx: ReportContext, change: float | None) -> str:
    if change is None:
        return "–"
    return ("+" if change > 0 else "") + ctx.num(change)


def baseline_section(ctx: ReportContext, group: Group, baseline: Session) -> Section:
    """The change of ``group`` since the baseline: per dimension, then per activity with the
    activities added and dropped (matched by name and age band, Thai spellings folded)."""
    lang = ctx.locale
    section = Section(title=say("since_baseline", lang), key=_key(group, "baseline"))
    if not any(g.key == group.key for g in baseline.groups):
        return section.add(Paragraph(say("baseline_lacks_group", lang, group=group.name)))
    try:
        dims = [c for c in analysis.compare_rounds(baseline, ctx.session, group.key) if not c.band]
        acts = analysis.compare_activities(baseline, ctx.session, group.key)
    except LessonkitError as exc:
        return section.add(Note(str(exc), kind="warning"))
    name = str(settings(ctx.session).get("baseline") or "")
    section.add(Paragraph(say("since_baseline_intro", lang, baseline=os.path.basename(name) or "–")))
    base, now = say("baseline", lang), say("followup", lang)
    align = ("left", "right", "right", "right")
    section.subsections.append(Section(title=say("by_dimension_change", lang), key=_key(group, "baseline.dimensions"),
                                       blocks=[Table([say("dimension", lang), base, now, say("change", lang)],
                                                     [(dimension_label(c.dimension, lang), _mean_n(ctx, c.before),
                                                       _mean_n(ctx, c.after), _signed(ctx, c.change)) for c in dims],
                                                     align=align)]))
    rows = []
    for act in acts:
        for change in act.changes:
            first = change is act.overall
            rows.append((act.name if first else "", band_text(ctx, act.band) if first else "",
                         dimension_label(change.dimension, lang) if change.dimension else say("all_dimensions", lang),
                         _mean_n(ctx, change.before), _mean_n(ctx, change.after), _signed(ctx, change.change),
                         say(f"status_{act.status}", lang) if first else ""))
    by_activity = Section(title=say("by_activity_change", lang), key=_key(group, "baseline.activities"))
    if rows:
        by_activity.add(Table([say("activity", lang), say("band", lang), say("dimension", lang), base, now,
                               say("change", lang), say("status", lang)], rows,
                              align=("left", "left", "left", "right", "right", "right", "left")))
    else:
        by_activity.add(Paragraph(say("no_activities", lang)))
    sep = ", " if lang == "en" else " "
    for status in ("added", "dropped"):
        names = [a.name for a in acts if a.status == status]
        if names:
            by_activity.add(Note(say(f"{status}_since", lang, items=sep.join(names))))
    section.subsections.append(by_activity)
    return section


def _inventory(ctx: ReportContext, group: Group, acts: Sequence[analysis.Activity]) -> Section:
    lang = ctx.locale
    section = Section(title=say("inventory", lang), key=_key(group, "inventory"))
    if not acts:
        section.blocks.extend(_none(ctx, say("no_activities", lang)))
        return section
    rows = [(a.name, band_text(ctx, a.band), a.agency) for a in acts]
    return section.add(Table([say("activity", lang), say("band", lang), say("agency", lang)], rows))


def _matrix(ctx: ReportContext, group: Group | None, matrix: analysis.Matrix) -> Section:
    lang = ctx.locale
    headers = [say("dimension", lang)]
    for band in matrix.bands:
        shown = band_text(ctx, band)
        headers += [say("col_activities", lang, band=shown), say("col_mean", lang, band=shown)]
    headers.append(say("col_mean", lang, band=say("all_bands", lang)))
    rows: list[list[Any]] = []
    for dim in matrix.dimensions:
        row: list[Any] = [dimension_label(dim, lang)]
        for band in matrix.bands:
            cell = matrix.cell(dim, band)
            row += [cell.activities, _mean_n(ctx, cell)]
        row.append(_mean_n(ctx, matrix.by_dimension[dim]))
        rows.append(row)
    align = ["left"] + ["right"] * (len(headers) - 1)
    na = sum(matrix.by_dimension[d].na for d in matrix.dimensions)
    return Section(title=say("matrix", lang), key=_key(group, "matrix"), blocks=[
        Table(headers, rows, caption=say("matrix_caption", lang), align=align),
        *([Note(say("na_note", lang, n=ctx.num(na)))] if na else []),
    ])


def gap_text(ctx: ReportContext, gap: analysis.Gap) -> str:
    """One gap as a sentence in the report's language."""
    lang = ctx.locale
    values: dict[str, Any] = {
        "band": band_text(ctx, gap.band),
        "dimension": dimension_label(gap.dimension, lang) if gap.dimension else "",
        "mean": ctx.numbers.mean(gap.mean) if gap.mean is not None else "–",
        "n": ctx.num(gap.n),
        "need": gap.need.text if gap.need else "",
    }
    return say(f"gap_{gap.scope}_{gap.kind}", lang, **values)


def _gaps(ctx: ReportContext, group: Group, gaps: Sequence[analysis.Gap]) -> Section:
    lang = ctx.locale
    section = Section(title=say("gaps", lang), key=_key(group, "gaps"))
    section.add(Paragraph(say("gap_rule", lang, weak=ctx.num(weak_below(ctx.session)))))
    if not gaps:
        return section.add(Paragraph(say("no_gaps", lang)))
    return section.add(BulletList([gap_text(ctx, g) for g in gaps]))


def _radar(ctx: ReportContext, group: Group, matrix: analysis.Matrix) -> Section:
    lang = ctx.locale
    data = analysis.radar_data(matrix)
    chart = Chart(
        "radar", [dimension_label(d, lang) for d in data["labels"]],
        series=[Series(band_text(ctx, s["band"]), s["values"]) for s in data["series"]],
        title=say("profile", lang), minimum=BOTTOM_LEVEL, maximum=TOP_LEVEL,
    )
    return Section(title=say("profile", lang), key=_key(group, "profile"),
                   blocks=[chart, Note(say("radar_note", lang))])


def _needs(ctx: ReportContext, group: Group) -> Section:
    lang = ctx.locale
    section = Section(title=say("needs", lang), key=_key(group, "needs"))
    try:
        ranked = analysis.rank_needs(ctx.session, ctx.registry, group)
    except LessonkitError as exc:
        return section.add(Note(str(exc), kind="warning"))
    if not ranked:
        section.blocks.extend(_none(ctx, say("no_needs", lang)))
        return section
    if all(r.score is None for r in ranked):
        section.add(Note(say("not_voted", lang)))
    else:
        prompt = ctx.registry.method(METHOD_KEY).prompt("needs", "priority")
        rule_key = prompt.rule or "dots"
        try:
            rule_title = ctx.text(ctx.registry.rules.get(rule_key).title)
        except LessonkitError:
            rule_title = rule_key
        section.add(Paragraph(say("ranked_by", lang, rule=rule_title)))
    rows = []
    for r in ranked:
        served = ", ".join(r.matches) if r.matches else say(
            "unserved" if r.gap == "none" else "weakly_served", lang)
        rows.append((ctx.rank_label(r.label), r.need.text, band_text(ctx, r.need.band or ""),
                     ", ".join(dimension_label(d, lang) for d in r.need.dimensions) or "–",
                     r.score, r.n, served))
    headers = [ctx.t("rank"), say("need", lang), say("band", lang), say("dimensions", lang),
               ctx.t("score"), ctx.t("n"), say("served_by", lang)]
    return section.add(Table(headers, rows, align=("center",)))


def _by_respondent(ctx: ReportContext, group: Group) -> Section | None:
    types = sorted(set(respondents(group).values()), key=list(RESPONDENT_TYPES).index)
    if not types:
        return None
    lang = ctx.locale
    matrices = [analysis.coverage_matrix(ctx.session, group, respondent=k) for k in types]
    headers = [say("dimension", lang)] + [ctx.text(RESPONDENT_TYPES[k]) for k in types]
    rows = [[dimension_label(d, lang)] + [_mean_n(ctx, m.by_dimension[d]) for m in matrices]
            for d in matrices[0].dimensions]
    return Section(title=say("by_respondent", lang), key=_key(group, "respondents"), blocks=[
        Table(headers, rows, align=["left"] + ["right"] * len(types))])


def session_sections(ctx: ReportContext) -> list[Section]:
    """The session-wide 5C4F sections: groups side by side, the CFCI cross-walk when asked for."""
    lang = ctx.locale
    sections: list[Section] = []
    try:
        groups = [g for g in ctx.session.groups if g.entries_for(METHOD_KEY, "inventory", "activities")]
        if len(groups) > 1:
            matrices = [analysis.coverage_matrix(ctx.session, g) for g in groups]
            headers = [say("dimension", lang)] + [g.name for g in groups]
            rows = [[dimension_label(d, lang)] + [_mean_n(ctx, m.by_dimension[d]) for m in matrices]
                    for d in matrices[0].dimensions]
            sections.append(Section(title=say("by_group", lang), key=_key(None, "groups"), blocks=[
                Table(headers, rows, align=["left"] + ["right"] * len(groups))]))
        mapping = crosswalk(ctx.session)
    except LessonkitError as exc:
        return [Section(title=say("matrix", lang), key=_key(None, "error"),
                        blocks=[Note(str(exc), kind="warning")])]
    if mapping:
        pairs = [(dimension_label(d, lang), "; ".join(ctx.text(GOAL_AREAS[g]) for g in goals))
                 for d, goals in mapping.items()]
        sections.append(Section(title=say("crosswalk", lang), key=_key(None, "crosswalk"), blocks=[
            Table([say("dimension", lang), say("goal_areas", lang)], pairs)]))
    return sections
