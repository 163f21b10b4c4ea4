"""``lessonkit aar …``: the After Action Review's commands (thin: parse, call
:mod:`lessonkit_aar.review`, print). Confirmations go to stderr, data to stdout."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from lessonkit.cli import complete_group, pass_registry
from lessonkit_aar.messages import WORDS


def _thai_help() -> dict[str, dict[str, str]]:
    from lessonkit_aar.help_th import texts

    return texts()


WORDS.help(_thai_help)  # the Thai help, in the plugin's catalogue, loads only when shown

if TYPE_CHECKING:
    from lessonkit.plugins import Registry

__all__ = ["aar"]


FILE = click.Path(exists=True, dir_okay=False)
STATUSES = click.Choice(["open", "in_progress", "done", "dropped"])




def _lang(session: Any) -> str:
    from lessonkit.i18n import resolve_locale

    return resolve_locale(None, getattr(session, "locale", None))


def _say(message: str) -> None:
    click.echo(message, err=True)


def _t(key: str, lang: str, **kwargs: Any) -> str:
    from lessonkit.i18n import t

    return t(key, lang, **kwargs)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    from lessonkit.cli import parse_date_option

    return parse_date_option(ctx, param, value)


group_option = click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group's key.")


@click.group()
def aar() -> None:
    """After Action Review: form, answers, themes, priorities, actions, carry-over.

    \b
    lessonkit aar form ws.json army4            choose the 4-question form
    lessonkit aar answer ws.json --group g1 --question expected --participant p1 "…"
    lessonkit aar tag ws.json --group g1 --theme data e1 e4
    lessonkit aar item ws.json --group g1 improve "…"
    lessonkit aar dots ws.json --group g1 --participant p1 1=2 2=1
    lessonkit aar act ws.json --group g1 --top 2 --owner "…" --due 2018-03-31
    lessonkit aar carry-over before.json after.json --group g1
    lessonkit aar review after.json --group g1 a1 --status done
    """


@aar.command("form")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("form", required=False, type=click.Choice(["seeds5", "army4"]))
def form_command(path: str, form: str | None) -> None:
    """Show or choose the session's question form: seeds5 (default) or army4.

    Switching is refused while answers to the current form exist.
    """
    from lessonkit import files
    from lessonkit_aar import review

    if form is None:
        session = files.load(path)
        current = review.form_of(session)
        click.echo(_t("aar:form_is", _lang(session), form=current,
                      title=review.FORM_TITLES[current].get(_lang(session))))
        return
    with files.edit(path) as session:
        review.set_form(session, form)
        lang = _lang(session)
    _say(_t("aar:form_set", lang, form=form, title=review.FORM_TITLES[form].get(lang)))


@aar.command("handout")
@click.argument("path", metavar="[FILE]", required=False, type=FILE)
@click.option("--form", type=click.Choice(["seeds5", "army4"]), default=None,
              help="The form (default: the session's, else seeds5).")
@click.option("--locale", type=click.Choice(["th", "en"]), default=None,
              help="Language (default: LESSONKIT_LOCALE, else the session's).")
@pass_registry
def handout_command(registry: Registry, path: str | None, form: str | None, locale: str | None) -> None:
    """Print the participants' answer sheet: ground rules, then each question with its
    guidance and room to write."""
    from lessonkit import files
    from lessonkit.i18n import resolve_locale
    from lessonkit_aar import review

    session = files.load(path) if path else None
    chosen = form or (review.form_of(session) if session is not None else review.DEFAULT_FORM)
    lang = resolve_locale(locale, getattr(session, "locale", None))
    step = review.form_step(registry.method(review.METHOD_KEY), chosen)
    click.echo(_t("aar:handout", lang))
    if session is not None:
        click.echo(session.title)
    click.echo("")
    click.echo(_t("aar:ground_rules", lang))
    click.echo(_t("aar:handout_intro", lang))
    for number, prompt in enumerate(step.prompts, 1):
        click.echo("")
        click.echo(f"{number}. {prompt.text.get(lang)}")
        if prompt.help is not None:
            click.echo(f"   ({prompt.help.get(lang)})")
        for _ in range(3):
            click.echo("   " + "." * 60)


@aar.command("answer")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("values", nargs=-1, required=True)
@group_option
@click.option("--question", "-q", "question", required=True,
              help="The question's key ('lessonkit prompts aar' lists them).")
@click.option("--participant", default=None, help="Who answers; leave out for an anonymous card.")
@click.option("--tag", "tags", multiple=True, help="A theme (repeatable).")
@pass_registry
def answer_command(registry: Registry, path: str, values: tuple[str, ...], group_key: str, question: str,
                   participant: str | None, tags: tuple[str, ...]) -> None:
    """Record answers to a question of the session's form (each VALUE is one answer).

    Answers to the other form's questions are refused.
    """
    from lessonkit import files
    from lessonkit_aar import review

    with files.edit(path) as session:
        made = review.answer(session, registry, group_key, question, values,
                             participant=participant, tags=tags)
        lang = _lang(session)
    _say(_t("added_entries", lang, n=len(made), prompt=f"aar.{made[0].step}.{question}",
            group=group_key))
    click.echo(" ".join(e.id for e in made))


@aar.command("tag")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("entry_ids", metavar="ANSWER_ID...", nargs=-1, required=True)
@group_option
@click.option("--theme", "themes", multiple=True, required=True, help="A theme (repeatable).")
@click.option("--remove", is_flag=True, help="Remove these themes instead of adding them.")
def tag_command(path: str, entry_ids: tuple[str, ...], group_key: str, themes: tuple[str, ...],
                remove: bool) -> None:
    """Group similar answers into a theme: tag the answers ANSWER_ID… (e1 e4 …)."""
    from lessonkit import files
    from lessonkit_aar import review

    with files.edit(path) as session:
        changed = review.tag(session, group_key, entry_ids, themes, remove=remove)
        lang = _lang(session)
    key = "aar:untagged" if remove else "aar:tagged"
    _say(_t(key, lang, n=len(changed), group=group_key, themes=", ".join(themes)))


@aar.command("themes")
@click.argument("path", metavar="FILE", type=FILE)
@group_option
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_registry
def themes_command(registry: Registry, path: str, group_key: str, as_json: bool) -> None:
    """Count the themes of each question's answers in a group."""
    from lessonkit import files
    from lessonkit_aar import review

    session = files.load(path)
    group = session.group(group_key)
    method = registry.method(review.METHOD_KEY)
    step = review.form_step(method, review.form_of(session))
    lang = _lang(session)
    data: list[dict[str, Any]] = []
    for prompt in step.prompts:
        themed, untagged = review.group_by_theme(review.answers(group, step.key, prompt.key))
        data.append({"question": prompt.key,
                     "themes": [{"theme": t, "count": len(es), "answers": [e.id for e in es]}
                                for t, es in themed],
                     "untagged": [e.id for e in untagged]})
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for prompt, item in zip(step.prompts, data, strict=False):
        click.echo(f"[{prompt.key}] {prompt.text.get(lang)}")
        for theme in item["themes"]:
            click.echo(f"  {theme['count']:>3}  {theme['theme']}  ({' '.join(theme['answers'])})")
        if item["untagged"]:
            click.echo(f"  {len(item['untagged']):>3}  {_t('aar:untagged_answers', lang)}"
                       f"  ({' '.join(item['untagged'])})")


@aar.command("item")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("kind", type=click.Choice(["sustain", "improve"]))
@click.argument("text")
@group_option
@click.option("--from", "sources", multiple=True, metavar="ANSWER_ID",
              help="An answer this item comes from (repeatable).")
@pass_registry
def item_command(registry: Registry, path: str, kind: str, text: str, group_key: str, sources: tuple[str, ...]) -> None:
    """Add a sustain or improve item to the group's synthesis."""
    from lessonkit import files
    from lessonkit_aar import review

    with files.edit(path) as session:
        entry = review.add_item(session, registry, group_key, kind, text, sources=sources)
        lang = _lang(session)
    _say(_t("aar:added_item", lang, kind=_t(f"aar:{kind}", lang), id=entry.id, group=group_key))
    click.echo(entry.id)


@aar.command("dots")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("votes", metavar="ITEM=DOTS...", nargs=-1, required=True)
@group_option
@click.option("--participant", required=True, help="Who places the dots.")
@pass_registry
def dots_command(registry: Registry, path: str, votes: tuple[str, ...], group_key: str, participant: str) -> None:
    """Place a participant's dots on improve items (ITEM is an id, a number or the text)."""
    from lessonkit import ValidationError, files
    from lessonkit_aar import review

    values: dict[str, str] = {}
    for vote in votes:
        item, sep, count = vote.rpartition("=")
        if not sep or not item:
            raise ValidationError(f"{vote!r} is not ITEM=DOTS (e.g. 2=1 or e7=2)")
        values[item] = count
    with files.edit(path) as session:
        stored = review.add_dots(session, registry, group_key, participant, values)
        lang = _lang(session)
    _say(_t("recorded_scores", lang, n=len(stored), participant=participant,
            prompt="aar.synthesis.priority", group=group_key))


@aar.command("priorities")
@click.argument("path", metavar="FILE", type=FILE)
@group_option
@click.option("--rule", default=None, help="A registered ranking rule (default: dots).")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@pass_registry
def priorities_command(registry: Registry, path: str, group_key: str, rule: str | None, as_json: bool) -> None:
    """Show the group's improve items in order of priority."""
    from lessonkit import files
    from lessonkit_aar import review

    session = files.load(path)
    ranked = review.prioritise(session, registry, group_key, rule)
    lang = _lang(session)
    if as_json:
        click.echo(json.dumps({
            "rule": ranked.rule, "scored": ranked.scored,
            "rows": [{"id": r.entry.id, "text": r.entry.text, "rank": r.rank, "label": r.label,
                      "score": r.score, "n": r.n} for r in ranked.rows],
        }, ensure_ascii=False, indent=2))
        return
    click.echo(_t("aar:ranked_by", lang, rule=ranked.rule_title.get(lang)))
    for row in ranked.rows:
        click.echo(f"{row.label:>4}  {row.score:g}  {row.entry.text}  ({row.entry.id})")


@aar.command("act")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("items", metavar="[ITEM]...", nargs=-1)
@group_option
@click.option("--top", type=int, default=None, help="Turn the top N improve items into actions.")
@click.option("--rule", default=None, help="The ranking rule for --top (default: dots).")
@click.option("--what", default=None, help="Word the action differently from the item.")
@click.option("--owner", default=None, help="Who is responsible.")
@click.option("--due", callback=_date, default=None, help="Due date: 2018-03-31 or 31/3/2561.")
@click.option("--status", type=STATUSES, default="open", show_default=True)
@pass_registry
def act_command(registry: Registry, path: str, items: tuple[str, ...], group_key: str, top: int | None,
                rule: str | None, what: str | None, owner: str | None, due: dt.date | None,
                status: str) -> None:
    """Turn improve items (ITEM: id, number or text) or the --top N into action items."""
    from lessonkit import files
    from lessonkit_aar import review

    with files.edit(path) as session:
        made = review.act(session, registry, group_key, items=items, top=top, rule=rule,
                          what=what, owner=owner, due=due, status=status)
        lang = _lang(session)
    for action in made:
        _say(_t("aar:added_action", lang, id=action.id, group=group_key, what=action.what))
    click.echo(" ".join(a.id for a in made))


@aar.command("review")
@click.argument("path", metavar="FILE", type=FILE)
@click.argument("action_id")
@group_option
@click.option("--status", type=STATUSES, default=None)
@click.option("--note", default=None, help="What was found when reviewing it.")
@click.option("--owner", default=None)
@click.option("--due", callback=_date, default=None)
def review_command(path: str, action_id: str, group_key: str, status: str | None,
                   note: str | None, owner: str | None, due: dt.date | None) -> None:
    """Review an action item: its status, a note, its owner or due date."""
    from lessonkit import files
    from lessonkit_aar import review

    with files.edit(path) as session:
        action = review.review_action(session, group_key, action_id, status=status, note=note,
                                      owner=owner, due=due)
        lang = _lang(session)
    _say(_t("aar:reviewed", lang, id=action.id, group=group_key,
            status=_t(f"status_{action.status}", lang)))


@aar.command("carry-over")
@click.argument("earlier", metavar="EARLIER", type=FILE)
@click.argument("later", metavar="LATER", type=FILE)
@group_option
@click.option("--into", default=None, help="The group of LATER to carry into (default: the same key).")
def carry_over_command(earlier: str, later: str, group_key: str, into: str | None) -> None:
    """Bring the open action items of a group of EARLIER into LATER, to be reviewed there."""
    from lessonkit import files
    from lessonkit_aar import review

    before = files.load(earlier)
    with files.edit(later) as session:
        made = review.carry_over(before, session, group_key, into=into)
        lang = _lang(session)
    _say(_t("aar:carried", lang, n=len(made), source=group_key, group=into or group_key))
    click.echo(" ".join(a.id for a in made))


@aar.command("check")
@click.argument("path", metavar="FILE", type=FILE)
def check_command(path: str) -> None:
    """Check that every AAR answer fits the session's form (exit 1 if not)."""
    from lessonkit import ValidationError, files
    from lessonkit_aar import review

    session = files.load(path)
    problems = review.form_problems(session)
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise ValidationError(f"{path}: {len(problems)} AAR answer(s) do not fit the form")
    click.echo(_t("aar:form_ok", _lang(session), path=path, form=review.form_of(session)))
