"""The EE part of the report book, mirroring the seeds' pages.

Per group: step 1 (objectives and goals as numbered lists), step 2 (part I
table activity/score/rank, part II table mean/n/spread with a bar chart and the
dialogue flags), step 3 (the plan table and what it lacks) and, when a baseline
is known, the change since the baseline. Every heading is built from the data
(the group's own name), so a heading can never name another group.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from lessonkit import Group, LessonkitError, Session
from lessonkit.errors import ReportInputError
from lessonkit.report import Chart, Note, NumberedList, Paragraph, ReportContext, Section, Table
from lessonkit.thai import format_digits
from lessonkit_ee import analysis
from lessonkit_ee import words as _words  # noqa: F401  (registers the ee words)

__all__ = ["baseline_for", "book_part", "comparison_section", "group_sections", "session_sections"]


def _none(ctx: ReportContext, text: str, label: str | None = None) -> list[Any]:
    """A "none yet" line: in the draft edition only."""
    placeholder = getattr(ctx, "placeholder", None)
    if placeholder is None:
        return [Paragraph(text, label=label)]
    return list(placeholder(text, label=label))


def _note(ctx: ReportContext, text: str, kind: str = "info") -> list[Any]:
    """A facilitator's note: in the draft edition only (stderr for the final one)."""
    warn = getattr(ctx, "warn", None)
    if warn is None:
        return [Note(text, kind=kind)]  # type: ignore[arg-type]
    return list(warn(text, kind))


def _step_title(ctx: ReportContext, number: int, step_key: str, group: Group) -> str:
    from lessonkit_ee import METHOD

    step = METHOD.step(step_key)
    return ctx.t("ee:step_group", n=number, step=ctx.text(step.title), group=group.name)


def _items(ctx: ReportContext, rows: Any) -> str:
    sep = ", " if ctx.locale == "en" else " "
    return sep.join(r.text for r in rows)


def mission_section(ctx: ReportContext, group: Group) -> Section:
    found = analysis.mission(group)
    section = Section(title=_step_title(ctx, 1, "mission", group), key=f"ee.{group.key}.mission")
    for title, items in ((ctx.t("ee:objectives"), found.objectives),
                         (ctx.t("ee:goals"), found.goals)):
        if items:
            section.add(NumberedList(items, title=title))
        else:
            section.blocks.extend(_none(ctx, ctx.t("ee:none_yet"), label=title))
    if found.merged:
        section.blocks.extend(_note(ctx, ctx.t("ee:merged", n=found.merged)))
    return section


def stock_section(ctx: ReportContext, group: Group) -> Section:
    from lessonkit_ee import METHOD

    session = ctx.session
    section = Section(title=_step_title(ctx, 2, "taking_stock", group),
                      key=f"ee.{group.key}.taking_stock")
    priority = analysis.prioritise(session, group)
    part1 = Section(title=ctx.t("ee:part1"), key=f"ee.{group.key}.part1")
    if priority.variant == "dots":
        budget = METHOD.prompt("taking_stock", "dots").budget or 0
        part1.add(Paragraph(ctx.t("ee:part1_dots", budget=budget)))
    else:
        part1.add(Paragraph(ctx.t("ee:part1_importance")))
    if not priority.rows:
        part1.blocks = []
        part1.blocks.extend(_none(ctx, ctx.t("ee:none_yet")))
    else:
        score_label = ctx.t("ee:dots" if priority.variant == "dots" else "ee:score")
        rows = [(r.text, r.score if r.n else None, r.n, ctx.rank_label(r.label) if r.n else "",
                 ctx.t("ee:yes") if r.kept else ctx.t("ee:no")) for r in priority.rows]
        part1.add(Table([ctx.t("ee:activity"), score_label, ctx.t("ee:n"), ctx.t("ee:rank"),
                         ctx.t("ee:kept")], rows, align=("left", "right", "right", "center",
                                                        "center")))
        part1.add(Paragraph(ctx.t("ee:kept_top", k=priority.top_k)))
        if priority.tie_at_cut:
            part1.add(Note(ctx.t("ee:tie_at_cut", kept=len(priority.kept), k=priority.top_k)))
    if not part1.blocks:
        return section
    section.subsections.append(part1)

    rating = analysis.rate(session, group, priority)
    part2 = Section(title=ctx.t("ee:part2"), key=f"ee.{group.key}.part2")
    part2.add(Paragraph(ctx.t("ee:part2_intro")))
    if priority.rows and not priority.kept:
        part2.blocks.extend(_note(ctx, ctx.t("ee:no_part1")))
    if rating.rows:
        rows2 = []
        for r in rating.rows:
            flags = [ctx.t("ee:flag_low")] if r.low else []
            if r.disagreement and getattr(ctx, "draft", True):  # a facilitator's cue
                flags.append(ctx.t("ee:flag_disagree"))
            rows2.append((r.text, r.mean, r.n, r.spread, ", ".join(flags)))
        part2.add(Table([ctx.t("ee:activity"), ctx.t("ee:mean"), ctx.t("ee:n"), ctx.t("ee:spread"),
                         ctx.t("ee:flag")], rows2))
        rated = [r for r in rating.rows if r.mean is not None]
        if rated:
            part2.add(Chart("bar", [r.text for r in rated], [r.mean or 0.0 for r in rated],
                            title=ctx.t("ee:chart"), minimum=0.0, maximum=rating.scale_max))
        if rating.low:
            part2.add(Note(ctx.t("ee:low_note", limit=rating.low_rating, items=_items(ctx, rating.low)),
                           kind="warning"))
        if rating.disputed:
            part2.blocks.extend(_note(ctx, ctx.t("ee:disagree_note", limit=rating.disagreement,
                                                 items=_items(ctx, rating.disputed))))
        unrated = [r for r in rating.rows if r.n == 0]
        if unrated:
            part2.add(Note(ctx.t("ee:unrated", items=_items(ctx, unrated)), kind="warning"))
        if rating.not_kept:
            part2.add(Note(ctx.t("ee:not_kept_rated", items=_items(ctx, rating.not_kept)),
                           kind="warning"))
    else:
        part2.blocks = _none(ctx, ctx.t("ee:none_yet"))
    section.subsections.append(part2)
    return section


def problem_text(ctx: ReportContext, problem: analysis.PlanProblem) -> str:
    if problem.kind == "no_plan":
        return ctx.t("ee:no_plan", activity=problem.activity)
    return ctx.t(f"ee:{problem.kind}", row=problem.row or 0, activity=problem.activity)


def planning_section(ctx: ReportContext, group: Group) -> Section:
    from lessonkit_ee import METHOD

    section = Section(title=_step_title(ctx, 3, "planning", group), key=f"ee.{group.key}.planning")
    prompt = METHOD.prompt("planning", "plan")
    rows = analysis.plan_rows(group)
    if rows:
        table_rows = []
        for entry in rows:
            fields = entry.row or {}
            cells: list[str] = []
            for field in prompt.fields:
                value = fields.get(field.key, "")
                if field.kind == "date" and value:
                    import datetime as dt

                    try:
                        value = ctx.date(dt.date.fromisoformat(value), "short")
                    except ValueError:
                        pass
                cells.append(value)
            table_rows.append(cells)
        section.add(Table([ctx.text(f.label) for f in prompt.fields], table_rows))
    else:
        section.blocks.extend(_none(ctx, ctx.t("ee:plan_none")))
    problems = analysis.plan_problems(ctx.session, group)
    for problem in problems:
        section.blocks.extend(_note(ctx, problem_text(ctx, problem), "warning"))
    if rows and not problems:
        section.blocks.extend(_note(ctx, ctx.t("ee:plan_complete")))
    return section


#: The largest baseline session file read, in bytes.
BASELINE_MAX_BYTES = 256 * 1024 * 1024


def baseline_path(given: str | os.PathLike[str], session_file: str | None) -> Path:
    """Where ``settings.ee.baseline`` points: a relative path is taken from the folder of
    the session file (``session_file``), else from the working folder."""
    path = Path(os.fspath(given)).expanduser()
    if not path.is_absolute() and session_file:
        path = Path(session_file).resolve().parent / path
    return path


def baseline_for(ctx: ReportContext) -> Session | None:
    """The baseline session: ``options["ee_baseline"]`` (a Session or a path), else the path in
    ``settings["ee"]["baseline"]``; ``None`` when neither is given.

    A relative path is resolved against the session file's folder
    (``options["session_file"]``). A baseline that cannot be read — missing, not a regular
    file (``/dev/zero``, a FIFO), larger than :data:`BASELINE_MAX_BYTES`, not a session —
    raises :class:`lessonkit.errors.ReportInputError`: the report is not written.
    """
    given = ctx.options.get("ee_baseline") or ctx.session.setting("ee", "baseline")
    if given is None or isinstance(given, Session):
        return given
    if not isinstance(given, (str, os.PathLike)) or not os.fspath(given).strip():
        raise ReportInputError(f"settings.ee.baseline must be the path of a session file "
                               f"(got {given!r})", hint="lessonkit ee settings FILE --baseline PATH")
    from lessonkit import files

    path = baseline_path(given, ctx.options.get("session_file"))
    try:
        return files.loads(files.read_regular(path, what="baseline session file",
                                              limit=BASELINE_MAX_BYTES), where=str(path))
    except LessonkitError as exc:
        where = "" if os.fspath(given) == str(path) else f" ({os.fspath(given)!r} from the session's folder)"
        raise ReportInputError(f"settings.ee.baseline{where}: {exc}",
                               hint="fix or remove it: lessonkit ee settings FILE --baseline PATH"
                               ) from None


def comparison_section(ctx: ReportContext, group: Group, baseline: Session) -> Section | None:
    """The change since the baseline for ``group`` (``None`` if the baseline lacks the group)."""
    if not any(g.key == group.key for g in baseline.groups):
        return None
    change = analysis.compare_groups(baseline, baseline.group(group.key), ctx.session, group)
    section = Section(title=ctx.t("ee:compare"), key=f"ee.{group.key}.compare")
    base, follow = ctx.t("ee:baseline"), ctx.t("ee:followup")
    rows = [(c.text, c.baseline_mean, c.baseline_n, c.followup_mean, c.followup_n, c.mean_change,
             format_digits(c.baseline_rank or "", ctx.digits),
             format_digits(c.followup_rank or "", ctx.digits), c.rank_change,
             ctx.t(f"ee:status_{c.status}")) for c in change.changes]
    section.add(Table([ctx.t("ee:activity"), f"{base} {ctx.t('ee:mean')}", f"{base} {ctx.t('ee:n')}",
                       f"{follow} {ctx.t('ee:mean')}", f"{follow} {ctx.t('ee:n')}", ctx.t("ee:change"),
                       f"{base} {ctx.t('ee:rank')}", f"{follow} {ctx.t('ee:rank')}",
                       ctx.t("ee:rank_change"), ctx.t("ee:status")], rows))
    if change.added:
        section.add(Note(ctx.t("ee:added", items=_items(ctx, change.added))))
    if change.dropped:
        section.add(Note(ctx.t("ee:dropped", items=_items(ctx, change.dropped))))
    return section


def group_sections(ctx: ReportContext, group: Group) -> list[Section]:
    """Every EE section of one group's chapter."""
    sections = [mission_section(ctx, group), stock_section(ctx, group),
                planning_section(ctx, group)]
    baseline = baseline_for(ctx)  # a baseline that cannot be read stops the report
    if baseline is not None:
        found = comparison_section(ctx, group, baseline)
        if found is not None:
            sections.append(found)
    return sections


def session_sections(ctx: ReportContext) -> list[Section]:
    """Across groups: each group's top activities (taking stock, part I) side by side."""
    columns: list[tuple[Group, list[str]]] = []
    for group in ctx.session.groups:
        try:
            priority = analysis.prioritise(ctx.session, group)
        except LessonkitError:
            continue
        kept = [r.text for r in priority.rows if r.kept]
        if kept:
            columns.append((group, kept))
    if len(columns) < 2:
        return []
    depth = max(len(k) for _, k in columns)
    rows = [[ctx.numbers.rank(str(i + 1)) if hasattr(ctx, "numbers") else str(i + 1),
             *(k[i] if i < len(k) else "" for _, k in columns)] for i in range(depth)]
    return [Section(title=ctx.t("ee:top_by_group"), key="ee.summary.top", blocks=[
        Table([ctx.t("ee:rank"), *(g.name for g, _ in columns)], rows, align=("center",))])]


def book_part(ctx: ReportContext, part: str) -> list[Section] | None:
    """EE's three steps once, for the process chapter; the groups' plans as recommendations."""
    from lessonkit_ee import METHOD

    if part == "process":
        section = Section(title=ctx.text(METHOD.title), key="ee.process")
        if METHOD.description is not None:
            section.add(Paragraph(ctx.text(METHOD.description)))
        for n, step in enumerate(METHOD.steps, start=1):
            text = ctx.text(step.description) if step.description is not None else ""
            section.add(Paragraph(text, label=ctx.t("ee:step_n", n=n, step=ctx.text(step.title))))
        section.add(Paragraph(ctx.t("ee:part1_importance")))
        return [section]
    if part == "recommendations":
        lines = []
        for group in ctx.session.groups:
            for entry in analysis.plan_rows(group):
                fields = entry.row or {}
                what = fields.get("activity") or entry.label()
                strategy = fields.get("strategy") or fields.get("goal") or ""
                lines.append(f"{group.name}: {what}" + (f" — {strategy}" if strategy else ""))
        if lines:
            return [Section(title=ctx.t("ee:plans_title"), key="ee.recommendations",
                            blocks=[NumberedList(lines)])]
    return None
