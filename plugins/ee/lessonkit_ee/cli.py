"""``lessonkit ee …``: the Empowerment Evaluation commands (thin: parse, call, print).

Scores and answers are recorded with the core's ``lessonkit answer`` and
``lessonkit score``; these commands add what is specific to EE.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from lessonkit.cli import complete_group
from lessonkit.i18n import help_texts


def _thai_help() -> dict[str, dict[str, str]]:
    from lessonkit_ee.help_th import texts

    return texts()


# the Thai help, under the ee catalogue's namespace (WORDS.help does the same, but importing
# the words here would cost every start-up): loaded only when help is shown in Thai
help_texts("ee", _thai_help)

__all__ = ["ee"]

_FORMAT = click.Choice(["table", "json"])


def _locale(explicit: str | None, session: Any = None) -> str:
    from lessonkit.i18n import resolve_locale

    return resolve_locale(explicit, getattr(session, "locale", None))


def _run(func: Any) -> Any:
    """Run ``func``; a lessonkit error becomes one line on stderr and exit 1."""
    from lessonkit import LessonkitError
    from lessonkit.cli import error_message

    try:
        return func()
    except LessonkitError as exc:
        raise click.ClickException(error_message(exc)) from None


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> None:
    from tabulate import tabulate

    click.echo(tabulate([["" if c is None else str(c) for c in row] for row in rows],
                        headers=list(headers), tablefmt="simple", disable_numparse=True))


def _num(value: float | int | None, signed: bool = False) -> str:
    if value is None:
        return ""
    from lessonkit.report import format_number

    text = format_number(value, "arabic", 2)
    return f"+{text}" if signed and value > 0 else text


def _load(path: str) -> Any:
    from lessonkit import files

    return _run(lambda: files.load(path))


_locale_option = click.option("--locale", type=click.Choice(["th", "en"]), default=None,
                              help="Language of the output (default: LESSONKIT_LOCALE, else the session's).")


@click.group()
def ee() -> None:
    """Empowerment Evaluation: settings, mission, taking stock, plan checks, comparison.

    \b
    Record answers and scores with the core commands, e.g.
      lessonkit answer ws.json --group g2 --method ee --prompt activities "…" "…"
      lessonkit score ws.json --group g2 --method ee --prompt importance --participant p1 1=3 2=2
    then look at the result with 'lessonkit ee stock' and 'lessonkit report'.
    """


@ee.command("settings")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--prioritisation", type=click.Choice(["importance", "dots"]), default=None,
              help="Part I: 1–3 importance scores summed (the seeds) or 5 dots each (Fetterman).")
@click.option("--top-k", "top_k", type=int, default=None, help="How many activities part I keeps.")
@click.option("--low-rating", type=float, default=None,
              help="A mean rating at or below this flags an important activity as rated low.")
@click.option("--disagreement", type=float, default=None,
              help="A spread (standard deviation) at or above this flags disagreement.")
@click.option("--baseline", default=None, help="Path of the baseline session the report compares with.")
@click.option("--json", "as_json", is_flag=True, help="Output the settings as JSON.")
@_locale_option
def settings_command(path: str, prioritisation: str | None, top_k: int | None,
                     low_rating: float | None, disagreement: float | None, baseline: str | None,
                     as_json: bool, locale: str | None) -> None:
    """Show or change the session's EE settings."""
    from lessonkit import files
    from lessonkit_ee import analysis, words

    changes = {k: v for k, v in (("prioritisation", prioritisation), ("top_k", top_k),
                                 ("low_rating", low_rating), ("disagreement", disagreement),
                                 ("baseline", baseline)) if v is not None}

    def change() -> Any:
        if not changes:
            session = files.load(path)
            return session, analysis.settings(session)
        with files.edit(path) as session:
            current = dict(session.settings.get("ee", {}))
            current.update(changes)
            session.settings["ee"] = current
            conf = analysis.settings(session)  # raises (and saves nothing) on a bad value
        return session, conf

    session, conf = _run(change)
    if as_json:
        _json({"prioritisation": conf.prioritisation, "top_k": conf.top_k,
               "low_rating": conf.low_rating, "disagreement": conf.disagreement,
               "baseline": session.setting("ee", "baseline")})
        return
    click.echo(words.t("ee:settings", _locale(locale, session), prioritisation=conf.prioritisation,
                       top_k=conf.top_k))


@ee.command("merge")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group.")
def merge_command(path: str, group_key: str) -> None:
    """Merge repeated objectives and goals of a group (same text, ignoring case and spacing)."""
    from lessonkit import files
    from lessonkit_ee import analysis, words

    def change() -> Any:
        with files.edit(path) as session:
            removed = analysis.merge_mission_duplicates(session.group(group_key))
        return session, removed

    session, removed = _run(change)
    click.echo(words.t("ee:merged_cli", _locale(None, session), n=len(removed), group=group_key),
               err=True)


@ee.command("stock")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group.")
@click.option("--format", "fmt", type=_FORMAT, default="table", show_default=True)
@_locale_option
def stock_command(path: str, group_key: str, fmt: str, locale: str | None) -> None:
    """Taking stock: part I (priority, the kept top k) and part II (mean, n, spread, flags)."""
    from lessonkit_ee import analysis, words

    session = _load(path)

    def compute() -> Any:
        group = session.group(group_key)
        priority = analysis.prioritise(session, group)
        return group, priority, analysis.rate(session, group, priority)

    group, priority, rating = _run(compute)
    if fmt == "json":
        _json({"group": group.key, "part1": priority.to_data(), "part2": rating.to_data()})
        return
    lang = _locale(locale, session)
    t = words.t
    click.echo(t("ee:part1", lang))
    score = t("ee:dots" if priority.variant == "dots" else "ee:score", lang)
    _table([[r.label if r.n else "", r.text, _num(r.score) if r.n else "", r.n,
             t("ee:yes", lang) if r.kept else t("ee:no", lang)] for r in priority.rows],
           [t("ee:rank", lang), t("ee:activity", lang), score, "n", t("ee:kept", lang)])
    click.echo(t("ee:kept_top", lang, k=priority.top_k))
    if priority.tie_at_cut:
        click.echo(t("ee:tie_at_cut", lang, kept=len(priority.kept), k=priority.top_k))
    click.echo("")
    click.echo(t("ee:part2", lang))
    rows = []
    for r in rating.rows:
        flags = [t("ee:flag_low", lang)] if r.low else []
        if r.disagreement:
            flags.append(t("ee:flag_disagree", lang))
        rows.append([r.text, _num(r.mean), r.n, _num(r.spread), ", ".join(flags)])
    _table(rows, [t("ee:activity", lang), t("ee:mean", lang), "n", t("ee:spread", lang),
                  t("ee:flag", lang)])
    if rating.not_kept:
        items = ", ".join(f"{r.number}. {r.text} (n={r.n})" for r in rating.not_kept)
        click.echo(f"{t('warning', lang)}: {t('ee:not_kept_rated', lang, items=items)}", err=True)


@ee.command("check")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group (default: every group).")
@click.option("--format", "fmt", type=_FORMAT, default="table", show_default=True)
@_locale_option
def check_command(path: str, group_key: str | None, fmt: str, locale: str | None) -> None:
    """Check the plans: every kept activity has a plan row and every plan row has evidence.

    Exits with status 1 when something is missing.
    """
    from lessonkit_ee import analysis, words

    session = _load(path)
    lang = _locale(locale, session)

    def compute() -> Any:
        groups = [session.group(group_key)] if group_key else list(session.groups)
        return [(g, analysis.plan_problems(session, g)) for g in groups]

    found = _run(compute)
    total = sum(len(p) for _g, p in found)
    if fmt == "json":
        _json({"complete": total == 0,
               "groups": [{"group": g.key, "problems": [p.to_data() for p in problems]}
                          for g, problems in found]})
    else:
        for g, problems in found:
            for p in problems:
                text = (words.t("ee:no_plan", lang, activity=p.activity) if p.kind == "no_plan"
                        else words.t(f"ee:{p.kind}", lang, row=p.row, activity=p.activity))
                click.echo(f"{g.key}: {text}")
        if not total:
            click.echo(words.t("ee:plan_complete", lang))
    if total:
        raise click.ClickException(words.t("ee:plan_problems", lang, n=total))


@ee.command("compare")
@click.argument("baseline", metavar="BASELINE", type=click.Path(exists=True, dir_okay=False))
@click.argument("followup", metavar="FOLLOWUP", type=click.Path(exists=True, dir_okay=False))
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group (default: every group in both).")
@click.option("--format", "fmt", type=_FORMAT, default="table", show_default=True)
@_locale_option
def compare_command(baseline: str, followup: str, group_key: str | None, fmt: str,
                    locale: str | None) -> None:
    """Compare a follow-up session with its baseline, side by side.

    Activities are matched by their text (ignoring case and spacing); the table
    shows each one's mean rating and n in both sessions, the change, the
    priority rank in both and how many places it moved, and which activities
    were added or dropped.
    """
    from lessonkit_ee import analysis, words

    base = _load(baseline)
    follow = _load(followup)
    result = _run(lambda: analysis.compare(base, follow, group=group_key, baseline_name=baseline,
                                           followup_name=followup))
    if fmt == "json":
        _json(result.to_data())
        return
    lang = _locale(locale, follow)
    t = words.t
    b, f = t("ee:baseline", lang), t("ee:followup", lang)
    for i, g in enumerate(result.groups):
        if i:
            click.echo("")
        click.echo(f"{g.key}: {g.name}")
        _table([[c.text, _num(c.baseline_mean), c.baseline_n, _num(c.followup_mean), c.followup_n,
                 _num(c.mean_change, signed=True), c.baseline_rank or "", c.followup_rank or "",
                 "" if c.rank_change is None else f"{c.rank_change:+d}",
                 t(f"ee:status_{c.status}", lang)] for c in g.changes],
               [t("ee:activity", lang), f"{b} {t('ee:mean', lang)}", f"{b} n",
                f"{f} {t('ee:mean', lang)}", f"{f} n", t("ee:change", lang),
                f"{b} {t('ee:rank', lang)}", f"{f} {t('ee:rank', lang)}",
                t("ee:rank_change", lang), t("ee:status", lang)])
    for keys, where in ((result.only_baseline, b), (result.only_followup, f)):
        if keys:
            click.echo(t("ee:only_in", lang, where=where, groups=", ".join(keys)), err=True)
