"""``lessonkit 5c4f …``: the 5C4F commands. Thin: parse, call the library, print.

Data (tables, ``--format json``) goes to stdout, confirmations to stderr; a
:class:`lessonkit.LessonkitError` becomes one line on stderr and exit 1 (the
``lessonkit`` group does that for every command).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from lessonkit.cli import cli_locale, complete_group, pass_registry
from lessonkit_5c4f import analysis, frame, operations
from lessonkit_5c4f.messages import WORDS, say


def _thai_help() -> dict[str, dict[str, str]]:
    from lessonkit_5c4f.help_th import texts

    return texts()


WORDS.help(_thai_help)  # the Thai help, in the plugin's catalogue, loads only when shown

if TYPE_CHECKING:
    from lessonkit.plugins import Registry

__all__ = ["five_c_four_f"]

FILE = click.Path(exists=True, dir_okay=False)




def _load(path: str) -> Any:
    from lessonkit import files

    return files.load(path)


def _lang(explicit: str | None, session: Any = None) -> str:
    from lessonkit.i18n import resolve_locale

    return resolve_locale(explicit, getattr(session, "locale", None))


def _info(message: str) -> None:
    click.echo(message, err=True)


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> None:
    from tabulate import tabulate

    click.echo(tabulate([["" if c is None else str(c) for c in r] for r in rows], headers=list(headers),
                        disable_numparse=True))


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _pairs(values: Sequence[str], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(say("pair_error", cli_locale(), value=repr(value), what=what),
                                     param_hint="VALUES")
        pairs[key.strip()] = rest.strip()
    return pairs


def _mean(cell: analysis.Cell) -> str:
    return "–" if cell.mean is None else f"{cell.mean:.2f} (n={cell.n})"


locale_option = click.option("--locale", type=click.Choice(["th", "en"]), default=None,
                             help="Language of the output (default: LESSONKIT_LOCALE, else the session's).")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                             show_default=True, help="Output a table or JSON.")
group_option = click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group (the area).")


@click.group("5c4f")
def five_c_four_f() -> None:
    """5C4F Child-friendly City: activities by age band, the nine dimensions, gaps, needs.

    \b
    A typical session:
      lessonkit new area.json --title "โคกม่วง" --method 5c4f
      lessonkit group add area.json kokmuang --name "เทศบาลตำบลโคกม่วง"
      lessonkit 5c4f activity area.json --group kokmuang --band 0-6 "กล่องรับขวัญ"
      lessonkit participant add area.json --group kokmuang --count 3
      lessonkit 5c4f assess area.json --group kokmuang --participant p1 --activity 1 all=mostly fun=na
      lessonkit 5c4f need area.json --group kokmuang --band 7-18 -d comfort "พื้นที่ปลอดภัย"
      lessonkit 5c4f matrix area.json --group kokmuang
    """


@five_c_four_f.command("dimensions")
@click.option("--crosswalk", is_flag=True, help="Show UNICEF CFCI's goal areas for each dimension.")
@format_option
@locale_option
def dimensions_cmd(crosswalk: bool, fmt: str, locale: str | None) -> None:
    """List the nine dimensions (keys to use in commands), the levels and respondent types."""
    from lessonkit_5c4f import DIMENSIONS, LEVELS

    lang = _lang(locale)
    if fmt == "json":
        _json({
            "dimensions": [{"key": d.key, "label": dict(d.label.values),
                            "description": dict(d.description.values) if d.description else None,
                            "goal_areas": list(frame.DEFAULT_CROSSWALK[d.key])} for d in DIMENSIONS],
            "levels": [{"key": lv.key, "value": lv.value, "label": dict(lv.label.values)} for lv in LEVELS.levels]
            + [{"key": "na", "value": None, "label": dict(LEVELS.na_label.values)}],
            "respondent_types": {k: dict(v.values) for k, v in frame.RESPONDENT_TYPES.items()},
            "goal_areas": {k: dict(v.values) for k, v in frame.GOAL_AREAS.items()},
        })
        return
    headers = ["key", say("dimension", lang), say("description", lang)]
    rows: list[list[Any]] = []
    for d in DIMENSIONS:
        row = [d.key, d.label.get(lang), d.description.get(lang) if d.description else ""]
        if crosswalk:
            row.append("; ".join(frame.GOAL_AREAS[g].get(lang) for g in frame.DEFAULT_CROSSWALK[d.key]))
        rows.append(row)
    if crosswalk:
        headers.append(say("goal_areas", lang))
    _table(rows, headers)
    click.echo("")
    click.echo(f"{LEVELS.describe(lang)}  (never/sometimes/mostly/na)")
    click.echo(", ".join(f"{k} = {v.get(lang)}" for k, v in frame.RESPONDENT_TYPES.items()))


@five_c_four_f.command("bands")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("bands", nargs=-1)
@locale_option
def bands_cmd(path: str, bands: tuple[str, ...], locale: str | None) -> None:
    """Show the session's age bands, or set them: lessonkit 5c4f bands FILE 0-2 3-6 7-12 13-18."""
    if not bands:
        session = _load(path)
        click.echo(" ".join(frame.age_bands(session)))
        return
    from lessonkit import files

    with files.edit(path) as session:
        new = operations.set_bands(session, bands)
        lang = _lang(locale, session)
    _info(say("bands_set", lang, bands=", ".join(new)))


@five_c_four_f.command("respondents")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("participants", nargs=-1)
@group_option
@click.option("--type", "kind", required=True,
              help="children, adolescents, parents or officials (Thai labels work too).")
@click.option("--new", "count", type=click.IntRange(0, 100000), default=0,
              help="Also add this many new anonymous participants of this type.")
@locale_option
def respondents_cmd(path: str, participants: tuple[str, ...], group_key: str, kind: str, count: int,
                    locale: str | None) -> None:
    """Say which respondent type participants answer as (UNICEF's kit has a tool per type)."""
    from lessonkit import files, workshop

    if not participants and not count:
        raise click.UsageError(say("respondents_none", cli_locale()))
    with files.edit(path) as session:
        keys = list(participants)
        keys += [workshop.add_participant(session, group_key).key for _ in range(count)]
        group = session.group(group_key)
        key = ""
        for participant in keys:
            key = frame.set_respondent_type(group, participant, kind)
        lang = _lang(locale, session)
    _info(say("respondents_set", lang, participants=", ".join(keys),
              kind=frame.RESPONDENT_TYPES[key].get(lang)))


@five_c_four_f.command("activity")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("names", nargs=-1, required=True)
@group_option
@click.option("--band", required=True, help="The age band, e.g. 0-6 ('lessonkit 5c4f bands FILE' lists them).")
@click.option("--agency", default=None, help="The responsible agency.")
@locale_option
@pass_registry
def activity_cmd(registry: Registry, path: str, names: tuple[str, ...], group_key: str, band: str, agency: str | None,
                 locale: str | None) -> None:
    """Add activities of the area to the inventory (one per NAME), for one age band."""
    from lessonkit import files

    with files.edit(path) as session:
        made = [operations.add_activity(session, registry, group_key, name, band, agency) for name in names]
        lang = _lang(locale, session)
    for entry in made:
        row = entry.row or {}
        _info(say("added_activity", lang, id=entry.id, name=row.get("activity", ""), band=row.get("age_band", "")))


@five_c_four_f.command("need")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("text")
@group_option
@click.option("--band", default=None, help="The age band of the children with this need.")
@click.option("-d", "--dimension", "dimensions", multiple=True,
              help="A dimension the need touches (repeatable; key or name, or a comma list).")
@locale_option
@pass_registry
def need_cmd(registry: Registry, path: str, text: str, group_key: str, band: str | None, dimensions: tuple[str, ...],
             locale: str | None) -> None:
    """Add a need stated by children or young people, tagged with its age band and dimensions."""
    from lessonkit import files

    dims = [part for value in dimensions for part in value.split(",")]
    with files.edit(path) as session:
        entry = operations.add_need(session, registry, group_key, text, band, dims)
        lang = _lang(locale, session)
    _info(say("added_need", lang, id=entry.id, text=(entry.row or {}).get("need", "")))


@five_c_four_f.command("assess")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("values", nargs=-1, required=True)
@group_option
@click.option("--participant", required=True, help="Who rates.")
@click.option("--activity", required=True, help="The activity: its number, id (e3) or name.")
@click.option("--comment", default=None, help="A comment on the activity (optional, as in the kit).")
@locale_option
@pass_registry
def assess_cmd(registry: Registry, path: str, values: tuple[str, ...], group_key: str, participant: str, activity: str,
               comment: str | None, locale: str | None) -> None:
    """Rate an activity on dimensions: DIMENSION=LEVEL ... (all=LEVEL for the rest).

    \b
    Levels: never (1), sometimes (2), mostly (3), na (does not apply — not a low score).
    Example: lessonkit 5c4f assess area.json --group g1 --participant p1 --activity 2 all=sometimes fun=mostly family_focused=na
    """
    from lessonkit import files

    levels = _pairs(values, "DIMENSION=LEVEL")
    with files.edit(path) as session:
        stored = operations.assess(session, registry, group_key, participant, activity, levels, comment)
        lang = _lang(locale, session)
    _info(say("assessed", lang, n=len(stored), participant=participant, activity=activity))


@five_c_four_f.command("vote")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("values", nargs=-1, required=True)
@group_option
@click.option("--participant", required=True, help="Who votes.")
@locale_option
@pass_registry
def vote_cmd(registry: Registry, path: str, values: tuple[str, ...], group_key: str, participant: str, locale: str | None) -> None:
    """Spread dots over the needs: NEED=DOTS ... (NEED is its number, id or text; 5 dots each)."""
    from lessonkit import files

    dots = _pairs(values, "NEED=DOTS")
    with files.edit(path) as session:
        operations.vote(session, registry, group_key, participant, dots)
        lang = _lang(locale, session)
    _info(say("voted", lang, participant=participant))


@five_c_four_f.command("matrix")
@click.argument("path", metavar="FILE", type=FILE)
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="One group (area); default: all groups pooled.")
@click.option("--respondent", default=None, help="Only the ratings of this respondent type.")
@format_option
@locale_option
def matrix_cmd(path: str, group_key: str | None, respondent: str | None, fmt: str, locale: str | None) -> None:
    """The coverage matrix: dimension × age band, activities addressing it and mean level (n)."""
    session = _load(path)
    matrix = analysis.coverage_matrix(session, analysis.select_groups(session, group_key), respondent=respondent)
    if fmt == "json":
        _json({**matrix.to_data(), "radar": analysis.radar_data(matrix)})
        return
    lang = _lang(locale, session)
    headers = [say("dimension", lang)]
    for band in matrix.bands:
        headers += [say("col_activities", lang, band=band), say("col_mean", lang, band=band),
                    say("col_na", lang, band=band)]
    headers.append(say("col_mean", lang, band=say("all_bands", lang)))
    rows = []
    for dim in matrix.dimensions:
        row: list[Any] = [frame.dimension_label(dim, lang)]
        for band in matrix.bands:
            cell = matrix.cell(dim, band)
            row += [f"{cell.activities}/{cell.listed}", _mean(cell), cell.na]
        row.append(_mean(matrix.by_dimension[dim]))
        rows.append(row)
    _table(rows, headers)


@five_c_four_f.command("gaps")
@click.argument("path", metavar="FILE", type=FILE)
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="One group (area); default: all groups pooled.")
@format_option
@locale_option
def gaps_cmd(path: str, group_key: str | None, fmt: str, locale: str | None) -> None:
    """Gaps: age bands and dimensions with no or weak activities, needs no activity serves."""
    session = _load(path)
    gaps = analysis.find_gaps(session, analysis.select_groups(session, group_key))
    if fmt == "json":
        _json({"weak_below": frame.weak_below(session), "gaps": [g.to_data() for g in gaps]})
        return
    lang = _lang(locale, session)
    click.echo(say("gap_rule", lang, weak=f"{frame.weak_below(session):g}"))
    if not gaps:
        click.echo(say("no_gaps", lang))
    for gap in gaps:
        values = {"band": gap.band or say("any_band", lang),
                  "dimension": frame.dimension_label(gap.dimension, lang) if gap.dimension else "",
                  "mean": "–" if gap.mean is None else f"{gap.mean:.2f}", "n": gap.n,
                  "need": gap.need.text if gap.need else ""}
        click.echo(f"- {say(f'gap_{gap.scope}_{gap.kind}', lang, **values)}")


@five_c_four_f.command("needs")
@click.argument("path", metavar="FILE", type=FILE)
@group_option
@click.option("--rule", default=None, help="A registered ranking rule (default: the prompt's, dots).")
@format_option
@locale_option
@pass_registry
def needs_cmd(registry: Registry, path: str, group_key: str, rule: str | None, fmt: str, locale: str | None) -> None:
    """The group's needs in priority order, with the activities that serve each."""
    session = _load(path)
    ranked = analysis.rank_needs(session, registry, session.group(group_key), rule=rule)
    if fmt == "json":
        _json([r.to_data() for r in ranked])
        return
    lang = _lang(locale, session)
    rows = [[r.label, r.need.text, r.need.band or say("any_band", lang),
             ", ".join(frame.dimension_label(d, lang) for d in r.need.dimensions),
             "" if r.score is None else f"{r.score:g}", r.n,
             ", ".join(r.matches) or say("unserved" if r.gap == "none" else "weakly_served", lang)]
            for r in ranked]
    from lessonkit.i18n import t

    _table(rows, [t("rank", lang), say("need", lang), say("band", lang), say("dimensions", lang),
                  t("score", lang), t("n", lang), say("served_by", lang)])


@five_c_four_f.command("compare")
@click.argument("first", metavar="ROUND1", type=FILE)
@click.argument("second", metavar="ROUND2", type=FILE)
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="The same group in both files; default: all pooled.")
@click.option("--by-band", is_flag=True, help="Also show the change in each age band.")
@click.option("--by-activity", is_flag=True,
              help="Show the change of each activity instead, matched by name and age band.")
@format_option
@locale_option
def compare_cmd(first: str, second: str, group_key: str | None, by_band: bool, by_activity: bool,
                fmt: str, locale: str | None) -> None:
    """The change of each dimension's mean level between two rounds (baseline and follow-up).

    With --by-activity: each activity's mean level over all dimensions and on each
    dimension, n and the change, then the activities added and dropped. An activity
    is the same in both rounds when its group, age band and name match (Thai spelled
    either way: SARA AM typed as two keys counts as the same letter).
    """
    one, two = _load(first), _load(second)
    if by_activity:
        _compare_activities(first, second, one, two, group_key, fmt, locale)
        return
    changes = analysis.compare_rounds(one, two, group_key)
    if not by_band:
        changes = [c for c in changes if not c.band]
    if fmt == "json":
        _json({"round1": first, "round2": second, "group": group_key, "changes": [c.to_data() for c in changes]})
        return
    lang = _lang(locale, two)
    rows = [[frame.dimension_label(c.dimension, lang), c.band or say("all_bands", lang), _mean(c.before),
             _mean(c.after), _signed(c.change)] for c in changes]
    _table(rows, [say("dimension", lang), say("band", lang), say("round1", lang), say("round2", lang),
                  say("change", lang)])


def _signed(change: float | None) -> str:
    return "–" if change is None else f"{change:+.2f}"


def _compare_activities(first: str, second: str, one: Any, two: Any, group_key: str | None, fmt: str,
                        locale: str | None) -> None:
    found = analysis.compare_activities(one, two, group_key)
    if fmt == "json":
        _json({"round1": first, "round2": second, "group": group_key,
               "activities": [a.to_data() for a in found],
               "added": [a.name for a in found if a.status == "added"],
               "dropped": [a.name for a in found if a.status == "dropped"]})
        return
    lang = _lang(locale, two)
    pooled = group_key is None and len({a.group for a in found}) > 1
    rows = []
    for act in found:
        name = f"{act.name} ({act.group})" if pooled else act.name
        for change in act.changes:
            label = frame.dimension_label(change.dimension, lang) if change.dimension else say("all_dimensions", lang)
            rows.append([name if change is act.overall else "", act.band if change is act.overall else "",
                         label, _mean(change.before), _mean(change.after), _signed(change.change),
                         say(f"status_{act.status}", lang) if change is act.overall else ""])
    _table(rows, [say("activity", lang), say("band", lang), say("dimension", lang), say("round1", lang),
                  say("round2", lang), say("change", lang), say("status", lang)])
    for status in ("added", "dropped"):
        names = [a.name for a in found if a.status == status]
        if names:
            click.echo(say(f"activities_{status}", lang, items=", ".join(names)))


@five_c_four_f.command("baseline")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("baseline", metavar="BASELINE", required=False, type=FILE)
@click.option("--clear", is_flag=True, help="Forget the baseline.")
@locale_option
def baseline_cmd(path: str, baseline: str | None, clear: bool, locale: str | None) -> None:
    """Show or set the baseline round: the session file the report compares this round with.

    With a baseline the report adds the change since the baseline per dimension
    and per activity (as 'lessonkit 5c4f compare --by-activity' shows it).
    """
    from lessonkit import files

    if baseline is None and not clear:
        session = _load(path)
        click.echo(frame.settings(session).get("baseline") or "")
        return
    if baseline is not None:
        files.load(baseline)  # a baseline that is not a session file is refused now, not in the report
    with files.edit(path) as session:
        current = dict(frame.settings(session))
        current.pop("baseline", None)
        if baseline is not None and not clear:
            current["baseline"] = baseline
        session.settings["5c4f"] = current
        lang = _lang(locale, session)
    _info(say("baseline_set", lang, path=current.get("baseline") or "–"))


@five_c_four_f.command("check")
@click.argument("path", metavar="FILE", type=FILE)
def check_cmd(path: str) -> None:
    """Check the 5C4F data: known age bands and dimensions, valid settings (exit 1 on problems)."""
    problems = analysis.session_problems(_load(path))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(f"{path}: {len(problems)} problem(s)")
    click.echo(f"{path}: 5C4F data valid")
