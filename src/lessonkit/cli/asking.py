"""CLI command ``ask``: walk a participant through a method's prompts, saving each answer."""

from __future__ import annotations

from typing import Any

import click

from lessonkit.cli._common import (
    complete_group,
    complete_method,
    get_registry,
    load_session,
    pick_locale,
    say,
)
from lessonkit.i18n import add_messages, t

__all__ = ["add_commands"]

add_messages({
    "ask_keys": {"en": "Type the answer and Enter.  -  skip   <  back   q  finish later",
                 "th": "พิมพ์คำตอบแล้วกด Enter  -  ข้าม   <  ย้อนกลับ   q  ทำต่อภายหลัง"},
    "ask_answer": {"en": "Answer", "th": "คำตอบ"},
    "ask_item": {"en": "Item {n} (empty line: next question)",
                 "th": "รายการที่ {n} (บรรทัดว่าง: ข้อถัดไป)"},
    "ask_scale": {"en": "scale: {scale}", "th": "มาตราวัด: {scale}"},
    "ask_dots": {"en": "dots for this item ({budget} in all)", "th": "จำนวนจุดของรายการนี้ (รวม {budget} จุด)"},
    "ask_rank": {"en": "the item numbers in order, best first (e.g. 2,1,3)",
                 "th": "เลขรายการเรียงตามลำดับ ดีที่สุดก่อน (เช่น 2,1,3)"},
    "ask_choices": {"en": "choices", "th": "ตัวเลือก"},
    "ask_field": {"en": "{field}", "th": "{field}"},
    "ask_empty": {"en": "no answer given (type - to skip)", "th": "ยังไม่ได้ตอบ (พิมพ์ - เพื่อข้าม)"},
    "ask_saved": {"en": "saved", "th": "บันทึกแล้ว"},
    "ask_already": {"en": "answered already: {answer}", "th": "ตอบแล้ว: {answer}"},
    "ask_progress": {"en": "{step} — question {n} of {total}", "th": "{step} — ข้อ {n} จาก {total}"},
    "ask_paused": {"en": "answers saved; run the same command to continue",
                   "th": "บันทึกคำตอบแล้ว เรียกคำสั่งเดิมอีกครั้งเพื่อทำต่อ"},
    "ask_done": {"en": "all questions answered", "th": "ตอบครบทุกข้อแล้ว"},
    "ask_no_scores": {"en": "scored prompts are left out: give --participant to score",
                      "th": "ข้ามข้อที่ให้คะแนน: ระบุ --participant เพื่อให้คะแนน"},
    "ask_first": {"en": "this is the first question", "th": "นี่คือข้อแรก"},
})

_SKIP, _BACK, _QUIT = "-", "<", "q"


def add_commands(cli: click.Group) -> None:
    """Add ``ask`` to the top-level group."""

    @cli.command("ask")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group answering.")
    @click.option("--method", "method_key", shell_complete=complete_method, required=True, help="The method, e.g. aar.")
    @click.option("--step", default=None, help="Only this step.")
    @click.option("--participant", default=None,
                  help="Who answers (an existing participant); leave out for the group's answers.")
    def ask(path: str, group_key: str, method_key: str, step: str | None,
            participant: str | None) -> None:
        """Ask the prompts one at a time and save each answer as it is given.

        \b
        Starts at the first question not answered yet, so an interrupted walk
        (q, Ctrl-C, a closed laptop) continues where it stopped. Type - to
        skip a question, < to go back, q to finish later.
        """
        from lessonkit.asking import is_answered, questions
        from lessonkit.workshop import steps_in_use

        registry = get_registry()
        session = load_session(path)
        lang = pick_locale(None, session)
        method = registry.method(method_key)
        if method.key not in session.methods:
            from lessonkit.errors import ValidationError

            raise ValidationError(f"method {method.key!r} is not used in this session "
                                  f"(in use: {', '.join(session.methods) or 'none'})")
        group = session.group(group_key)
        if participant is not None:
            group.participant(participant)
        elif any(p.scored for _s, p in method.prompts()):
            say(t("ask_no_scores", lang))
        click.echo(t("ask_keys", lang))
        walk = questions(group, method, step, participant=participant,
                             steps=steps_in_use(session, registry, method))
        index = next((i for i, q in enumerate(walk)
                      if not is_answered(group, method, q, participant)), len(walk))
        while index < len(walk):
            question = walk[index]
            outcome = _ask_one(path, registry, session, group_key, method, question, participant,
                               index, len(walk), lang)
            if outcome == _QUIT:
                say(t("ask_paused", lang))
                return
            session = load_session(path)
            group = session.group(group_key)
            walk = questions(group, method, step, participant=participant,
                             steps=steps_in_use(session, registry, method))
            position = next((i for i, q in enumerate(walk) if q.key == question.key), index)
            if outcome == _BACK:
                if position == 0:
                    say(t("ask_first", lang))
                index = max(position - 1, 0)
                continue
            # on to the next question not answered yet (a resumed walk passes over the rest)
            index = next((i for i in range(position + 1, len(walk))
                          if not is_answered(group, method, walk[i], participant)), len(walk))
        click.echo(t("ask_done", lang))


def _header(question: Any, n: int, total: int, lang: str) -> None:
    prompt = question.prompt
    click.echo("")
    click.echo(t("ask_progress", lang, step=question.step.title.get(lang), n=n + 1, total=total))
    click.echo(prompt.text.get(lang))
    if prompt.help is not None:
        click.echo(f"  {prompt.help.get(lang)}")


def _ask_one(path: str, registry: Any, session: Any, group_key: str, method: Any, question: Any,
             participant: str | None, index: int, total: int, lang: str) -> str:
    """Ask one question until it is answered, skipped, left (back) or paused; returns which."""
    from lessonkit import files
    from lessonkit.asking import save_answer
    from lessonkit.errors import LessonkitError
    from lessonkit.workshop import items_for

    prompt = question.prompt
    _header(question, index, total, lang)
    group = session.group(group_key)
    if prompt.kind == "choice":
        for n, choice in enumerate(prompt.choices, 1):
            click.echo(f"  {n}. {choice.label.get(lang)} [{choice.key}]")
    if prompt.scored:
        if question.item is not None:
            label = question.item.label()
            if question.criterion:
                label = f"{prompt.criterion(question.criterion).label.get(lang)}: {label}"
            click.echo(f"  → {label}")
        if prompt.kind == "score":
            click.echo(f"  {t('ask_scale', lang, scale=prompt.scale.describe(lang))}")
        elif prompt.kind == "dots":
            click.echo(f"  {t('ask_dots', lang, budget=prompt.budget)}")
        else:
            for n, item in enumerate(items_for(group, method, question.step, prompt), 1):
                click.echo(f"  {n}. {item.label()}")
            click.echo(f"  {t('ask_rank', lang)}")

    def save(values: list[str]) -> None:
        with files.edit(path) as current:
            save_answer(current, registry, group_key, method, question, participant, values)

    def read(label: str) -> str:
        return str(click.prompt(label, default="", show_default=False)).strip()

    if prompt.kind in ("list", "table"):
        count = 0
        while True:
            if prompt.kind == "list":
                raw = read(t("ask_item", lang, n=count + 1))
                if raw in (_SKIP, _BACK, _QUIT):
                    return raw
                if not raw:
                    return "next" if count else _SKIP
                values = [raw]
            else:
                values = []
                for field in prompt.fields:
                    raw = read(t("ask_field", lang, field=field.label.get(lang)))
                    if raw in (_SKIP, _BACK, _QUIT):
                        return raw
                    if raw:
                        values.append(f"{field.key}={raw}")
                if not values:
                    return "next" if count else _SKIP
            try:
                save(values)
            except LessonkitError as exc:
                click.echo(str(exc), err=True)
                continue
            count += 1
            if prompt.kind == "table":
                return "next"
    while True:
        raw = read(t("ask_answer", lang))
        if raw in (_SKIP, _BACK, _QUIT):
            return raw
        if not raw:
            click.echo(t("ask_empty", lang), err=True)
            continue
        if prompt.kind == "choice" and raw.isdigit() and 1 <= int(raw) <= len(prompt.choices):
            values = [prompt.choices[int(raw) - 1].key]
        elif prompt.kind == "rank":
            values = raw.replace(",", " ").split()
        elif prompt.kind == "choice" and prompt.multiple:
            values = [v.strip() for v in raw.split(",") if v.strip()]
        else:
            values = [raw]
        try:
            save(values)
        except LessonkitError as exc:
            click.echo(str(exc), err=True)
            continue
        return "next"
