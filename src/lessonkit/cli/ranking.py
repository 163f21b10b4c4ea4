"""CLI commands for scoring and ranking: ``rules``, ``score`` and ``rank``."""

from __future__ import annotations

from typing import Any

import click

from lessonkit.cli._common import (
    cli_locale,
    complete_group,
    complete_method,
    echo_json,
    echo_table,
    edit_session,
    get_registry,
    load_session,
    locale_option,
    pick_locale,
    say,
)
from lessonkit.i18n import add_messages, t

__all__ = ["add_commands"]

add_messages({
    "rules_tie_breaks": {"en": "Tie-break keys (--tie-break, applied in order):",
                         "th": "ตัวแยกลำดับที่เท่ากัน (--tie-break ใช้ตามลำดับที่ระบุ):"},
    "rank_heading": {"en": "{prompt} — group {group} — rule: {rule}",
                     "th": "{prompt} — กลุ่ม {group} — กฎ: {rule}"},
    "rank_ties_note": {"en": "Ties: {ties} ranking; '=' marks items ranked equal.",
                       "th": "ลำดับที่เท่ากัน: แบบ{ties} เครื่องหมาย '=' แสดงรายการที่ได้ลำดับเท่ากัน"},
    "ties_competition": {"en": "competition", "th": "แข่งขัน (1, 2=, 2=, 4)"},
    "ties_dense": {"en": "dense", "th": "ต่อเนื่อง (1, 2=, 2=, 3)"},
    "rank_note": {"en": "Note", "th": "หมายเหตุ"},
    "rank_no_items": {"en": "no items to rank yet (add entries to the list prompt first)",
                      "th": "ยังไม่มีรายการให้จัดลำดับ (เพิ่มรายการในคำถามแบบรายการก่อน)"},
    "score_pair_error": {"en": "{value!r} is not ITEM=VALUE", "th": "{value!r} ไม่อยู่ในรูป ITEM=VALUE"},
})

_TIE_BREAK_HELP = ("Comma list applied in order to break ties: top (more top scores), bottom "
                   "(fewer bottom scores), spread (smaller spread), n (larger n), random "
                   "(seeded draw), draw (ballot-hash draw), none.")


def _fmt_number(value: float | None) -> str:
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def add_commands(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""

    @cli.command("rules")
    @click.option("--json", "as_json", is_flag=True, help="Output JSON.")
    @locale_option
    def rules(as_json: bool, locale: str | None) -> None:
        """List the ranking rules: key, title and what each does."""
        from lessonkit.ranking import TIE_BREAKS, _add_messages

        _add_messages()
        registry = get_registry()
        lang = pick_locale(locale)
        if as_json:
            echo_json([{
                "key": key, "title": rule.title.get(lang), "description": rule.description.get(lang),
                "kinds": list(rule.kinds), "missing": rule.missing, "options": list(rule.options),
                "plugin": plugin,
            } for key, rule, plugin in registry.rules.items()])
            return
        for key, rule, _plugin in registry.rules.items():
            kinds = ", ".join(t(f"kind_{k}", lang) for k in rule.kinds)
            click.echo(f"{key} — {rule.title.get(lang)} [{kinds}]")
            click.echo(f"    {rule.description.get(lang)}")
            click.echo()
        click.echo(t("rules_tie_breaks", lang))
        for key in TIE_BREAKS:
            click.echo(f"    {key:8} {t('tie_break_key_' + key, lang)}")

    @cli.command("score")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.argument("pairs", metavar="ITEM=VALUE…", nargs=-1, required=True)
    @click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group.")
    @click.option("--method", "method_key", shell_complete=complete_method, required=True, help="The method, e.g. ee.")
    @click.option("--step", default=None, help="The step (needed only if the prompt key is in several).")
    @click.option("--prompt", "prompt_key", default=None,
                  help="The score, dots or rank prompt (default: the step's only scored prompt).")
    @click.option("--participant", required=True, help="Who gives these scores.")
    @click.option("--criterion", default="", help="The criterion, for prompts scored per criterion.")
    def score(path: str, pairs: tuple[str, ...], group_key: str, method_key: str, step: str | None,
              prompt_key: str | None, participant: str, criterion: str) -> None:
        """Record a participant's scores: ITEM=VALUE pairs.

        \b
        ITEM is a list entry's id (e3), its number in the list (3) or its exact
        text; VALUE is a score on the prompt's scale (Thai digits too; 'na' for
        "does not apply" where allowed), a number of dots, or a position in a
        ranking. An invalid value is refused and nothing is saved.
        """
        from lessonkit import workshop

        values: dict[str, str] = {}
        for pair in pairs:
            ref, sep, raw = pair.rpartition("=")
            if not sep or not ref.strip():
                raise click.UsageError(t("score_pair_error", cli_locale(), value=pair))
            values[ref.strip()] = raw
        registry = get_registry()
        with edit_session(path) as session:
            prompt_key = prompt_key or _only_scored_prompt(registry, method_key, step)
            stored = workshop.set_scores(session, registry, group_key, method_key, prompt_key,
                                         participant, values, step=step, criterion=criterion)
            lang = pick_locale(None, session)
        say(t("recorded_scores", lang, n=len(stored), participant=participant,
              prompt=f"{method_key}.{prompt_key}", group=group_key))

    @cli.command("rank")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group.")
    @click.option("--method", "method_key", shell_complete=complete_method, required=True, help="The method, e.g. ee.")
    @click.option("--step", default=None, help="The step (needed only if the prompt key is in several).")
    @click.option("--prompt", "prompt_key", default=None,
                  help="The scored prompt (default: the step's only scored prompt).")
    @click.option("--rule", "rule_key", default=None,
                  help="Ranking rule ('lessonkit rules' lists them); default: the prompt's or method's.")
    @click.option("--ties", type=click.Choice(["competition", "dense"]), default="competition",
                  show_default=True, help="Numbering of ties: 1, 2=, 2=, 4 or 1, 2=, 2=, 3.")
    @click.option("--tie-break", "tie_break", default=None, metavar="KEY,KEY…", help=_TIE_BREAK_HELP)
    @click.option("--criterion", default="", help="The criterion, for prompts scored per criterion.")
    @click.option("--missing", type=click.Choice(["exclude", "lowest", "value"]), default=None,
                  help="What a skipped score counts as (default: the rule's policy).")
    @click.option("--missing-value", type=float, default=None, help="The value for --missing value.")
    @click.option("--min-n", type=click.IntRange(0), default=0, show_default=True,
                  help="Do not rank items with fewer scores than this.")
    @click.option("--seed", default="0", show_default=True, help="Seed of the 'random' tie-break.")
    @click.option("--threshold", type=float, default=None, help="approval: the lowest 'top' score.")
    @click.option("--depth", type=click.IntRange(1), default=None, help="truncated_borda: places counted.")
    @click.option("--second", "second_prompt", default=None,
                  help="importance_performance: the prompt with the second ratings.")
    @click.option("--gap", is_flag=True, help="importance_performance: use the gap to the top of the scale.")
    @click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                  show_default=True, help="Output format.")
    @locale_option
    def rank(path: str, group_key: str, method_key: str, step: str | None, prompt_key: str | None,
             rule_key: str | None, ties: str, tie_break: str | None, criterion: str,
             missing: str | None, missing_value: float | None, min_n: int, seed: str,
             threshold: float | None, depth: int | None, second_prompt: str | None, gap: bool,
             fmt: str, locale: str | None) -> None:
        """Rank the items of a scored prompt, ties shown honestly."""
        from lessonkit.ranking import rank_prompt

        registry = get_registry()
        session = load_session(path)
        lang = pick_locale(locale, session)
        prompt_key = prompt_key or _only_scored_prompt(registry, method_key, step)
        options: dict[str, Any] = {}
        for name, value in (("threshold", threshold), ("depth", depth), ("second_prompt", second_prompt),
                            ("gap", gap or None), ("missing_value", missing_value)):
            if value is not None:
                options[name] = value
        chain = tie_break.split(",") if tie_break else None
        result = rank_prompt(session, registry, group_key, method_key, prompt_key, step=step,
                             rule=rule_key, criterion=criterion, ties=ties, tie_break=chain,
                             missing=missing, min_n=min_n, seed=seed, locale=lang, **options)
        if fmt == "json":
            data = result.to_data()
            data = {"group": group_key, "method": method_key, "prompt": prompt_key, **data}
            echo_json(data)
            return
        headers = [t("rank", lang), t("item", lang), t("score", lang), t("n", lang),
                   t("spread", lang), t("rank_note", lang)]
        if fmt == "csv":
            from lessonkit.exporting import csv_text  # the one CSV writer, as export's

            rows = []
            for row in result.rows:
                data = row.to_data()
                rows.append([data["rank"], data["label"], row.item, row.text, data["score"], data["n"],
                             data["spread"], data["separated_by"], row.note])
            click.echo("\ufeff" + csv_text(["rank", "label", "item", "text", "score", "n", "spread",
                                             "separated_by", "note"], rows), nl=False)
            return
        if not result.rows:
            say(t("rank_no_items", lang))
            return
        click.echo(t("rank_heading", lang, prompt=f"{method_key}.{prompt_key}", group=group_key,
                     rule=result.rule.title.get(lang)))
        echo_table([[row.label, row.text or row.item, _fmt_number(row.score), row.n,
                     _fmt_number(row.spread), row.note] for row in result.rows], headers)
        click.echo(t("rank_ties_note", lang, ties=t(f"ties_{ties}", lang)))


def _only_scored_prompt(registry: Any, method_key: str, step: str | None) -> str:
    """The key of the only scored prompt (of a step, or of the method)."""
    method = registry.method(method_key)
    found = [p for s, p in method.scored_prompts() if step is None or s.key == step]
    if len(found) != 1:
        lang = cli_locale()
        known = ", ".join(p.key for p in found) or t("none", lang)
        raise click.UsageError(t("usage_give_prompt", lang, known=known))
    return str(found[0].key)
