"""The ``lessonkit`` command line: thin — parse, call the library, print.

Library errors (:class:`~lessonkit.errors.LessonkitError`) become one line on
stderr and exit status 1, in one place (:class:`LessonkitGroup`); usage errors
exit 2. Data (``--json``) goes to stdout, confirmations and warnings to stderr.
Plugins add commands through the ``register_commands`` hook.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from lessonkit import __version__
from lessonkit.cli._common import (
    _RUN,
    _STATE,
    TextValuesCommand,
    cli_locale,
    complete_group,
    complete_method,
    echo_json,
    echo_table,
    edit_session,
    error_message,
    flush_warnings,
    get_pm,
    get_registry,
    help_locale,
    load_session,
    locale_option,
    pass_registry,
    pick_locale,
    running_registry,
    say,
    start_up_step,
    visible_output,
)
from lessonkit.errors import LessonkitError
from lessonkit.i18n import add_messages, t

if TYPE_CHECKING:  # in annotations only: 'methods' and '--version' need no datetime
    import datetime as dt

#: ``pass_registry`` gives a plugin's command the running command's registry (the plugins
#: it loaded; ``get_registry()`` returns it too) and
#: ``parse_date_option`` a click callback reading ISO, Thai and Buddhist Era dates:
#: ``complete_group``/``complete_method`` complete ``--group``/``--method`` in a shell:
#: all are for plugins' own commands.
__all__ = ["cli", "cli_locale", "complete_group", "complete_method", "error_message", "get_registry",
           "help_locale", "main", "parse_date_option", "pass_registry"]


#: The built-in commands defined in modules of their own, imported when the command runs
#: (or when the commands are listed): ``lessonkit methods`` need not import the report
#: builder, the importers or the ranking engine. A test checks the table is complete.
LAZY_COMMANDS = {
    "rules": "ranking", "score": "ranking", "rank": "ranking", "report": "report",
    "demo": "demo", "completion": "completion", "export": "exporting", "collect": "exporting",
    "import": "importing",
    "ask": "asking", "serve": "serve", "session": "book",
}

class LessonkitGroup(click.Group):
    """A click group that turns library errors into one clear line and exit 1,
    imports the built-in commands' modules on first use, and lets plugins add
    commands (on first use, not at import)."""

    def _load_builtin(self, module: str) -> None:
        """Add the commands of a built-in command module (again, if something removed them:
        the test runner restores the command table after each call)."""
        names = [name for name, owner in LAZY_COMMANDS.items() if owner == module]
        if self is not cli or all(name in self.commands for name in names):
            return
        import importlib

        importlib.import_module(f"lessonkit.cli.{module}").add_commands(self)

    def _load_plugin_commands(self) -> None:
        if not _STATE.get("commands_loaded"):
            _STATE["commands_loaded"] = True
            pm = get_pm()
            offered = {"cli": self, "registry": running_registry()}
            for impl in pm.hook.register_commands.get_hookimpls():
                try:
                    impl.function(**{k: offered[k] for k in impl.argnames if k in offered})
                except Exception as exc:  # one plugin's bug must not break the CLI
                    message = (f"plugin {impl.plugin_name!r} failed in register_commands: "
                               f"{type(exc).__name__}: {exc}")
                    pm.warn(message)  # printed once, by flush_warnings

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in dict.fromkeys(LAZY_COMMANDS.values()):
            self._load_builtin(module)
        self._load_plugin_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            self._load_builtin(LAZY_COMMANDS[cmd_name])
        command = super().get_command(ctx, cmd_name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, cmd_name)
        return command

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line with help and click's messages in :func:`help_locale`'s language."""
        argv = args[0] if args else kwargs.get("args")
        lang = help_locale(list(sys.argv[1:] if argv is None else argv))
        _RUN["locale"] = lang  # cli_locale(): the language of the CLI's own usage errors
        try:
            if lang == "en" and "lessonkit.cli.help" not in sys.modules:
                return super().main(*args, **kwargs)
            # Thai only: English help stays as cheap as it was
            from lessonkit.cli import help as localized

            localized.install(lang)
            try:
                return super().main(*args, **kwargs)
            finally:
                localized.install("en")
        finally:
            _RUN.pop("locale", None)

    def invoke(self, ctx: click.Context) -> Any:
        from lessonkit.safetext import visible

        try:
            with visible_output():  # control characters from data are shown escaped
                return super().invoke(ctx)
        except LessonkitError as exc:
            raise click.ClickException(visible(error_message(exc))) from None
        finally:
            with visible_output():
                flush_warnings()


add_messages({
    "usage_no_hook": {"en": "no hook {hook!r} (hooks: {known})", "th": "ไม่มีฮุก {hook!r} (ฮุกที่มี: {known})"},
    "usage_count_anonymous": {"en": "--count adds anonymous participants: leave out KEY and --name",
                              "th": "--count ใช้เพิ่มผู้เข้าร่วมแบบไม่ระบุชื่อ: ไม่ต้องใส่ KEY และ --name"},
    "usage_give_prompt": {"en": "give --prompt (scored prompts: {known})",
                          "th": "ระบุ --prompt (คำถามที่ให้คะแนน: {known})"},
})


#: The path types of this module's commands, made once: each ``click.Path`` asks gettext
#: for its name ("file") when it is made, and the first ask imports :mod:`locale`.
_EXISTING_FILE = click.Path(exists=True, dir_okay=False)
_NEW_FILE = click.Path(dir_okay=False)


def _print_version(ctx: click.Context, value: bool) -> None:
    """``--version``: click's own words for it (``%(prog)s, version %(version)s``), in the help
    language, read when it is printed (click's version_option reads them at import)."""
    if not value or ctx.resilient_parsing:
        return
    message = "%(prog)s, version %(version)s"
    if "lessonkit.cli.help" in sys.modules:  # Thai: loaded by LessonkitGroup.main
        from lessonkit.cli.help import gettext_click

        message = gettext_click(message)
    click.echo(message % {"prog": "lessonkit", "version": __version__})
    ctx.exit()


def parse_date_option(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    """Accept ISO, Thai (๒๒ ธันวาคม ๒๕๖๐) and Buddhist Era dates; store Common Era."""
    if value is None:
        return None
    from lessonkit.thai import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.group(cls=LessonkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _param, value: _print_version(ctx, value),
              help="Show the version and exit.")
def cli() -> None:
    """lessonkit: run evaluation workshops (After Action Review, Empowerment
    Evaluation, 5C4F) and print their report book, in Thai or English.

    \b
    Start with:
      lessonkit methods                 what methods are installed
      lessonkit new ws.json --title … --method ee
      lessonkit group add ws.json g1 --name "…"
      lessonkit show ws.json
    """


# -- plugins and methods --------------------------------------------------------


@cli.command()
@click.option("--all", "show_all", is_flag=True, help="Include the core's own default plugins.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON.")
@click.option("--hook", "hook_name", default=None, help="Only plugins implementing this hook.")
@locale_option
def plugins(show_all: bool, as_json: bool, hook_name: str | None, locale: str | None) -> None:
    """List the installed plugins, where they come from and the hooks they implement."""
    pm = get_pm()
    registry = get_registry()
    lang = pick_locale(locale)
    if hook_name is not None and not hasattr(pm.hook, hook_name):
        known = ", ".join(sorted(n for n in dir(pm.hook) if not n.startswith("_")))
        raise click.BadParameter(t("usage_no_hook", cli_locale(), hook=hook_name, known=known),
                                 param_hint="--hook")
    rows: list[dict[str, Any]] = []
    for name, info in pm.infos.items():
        if info.source == "default" and not show_all:
            continue
        hooks = pm.hooks_of(name)
        if hook_name and hook_name not in hooks:
            continue
        provides = {
            "methods": [k for k, _v, p in registry.methods.items() if p == name],
            "rules": [k for k, _v, p in registry.rules.items() if p == name],
            "renderers": [k for k, _v, p in registry.renderers.items() if p == name],
        }
        rows.append({
            "name": name, "source": info.source, "module": info.module,
            "distribution": info.distribution, "version": info.version,
            "loaded": info.loaded, "error": info.error, "hooks": hooks,
            **provides,
        })
    if as_json:
        echo_json(rows)
        return
    echo_table(
        [[r["name"], r["source"], r["version"] or "",
          t("loaded", lang) if r["loaded"] else f"{t('failed', lang)}: {r['error']}",
          ", ".join(r["hooks"])] for r in rows],
        [t("plugin", lang), t("source", lang), t("version", lang), t("status", lang), t("hooks", lang)],
    )


def _scale_data(scale: Any) -> dict[str, Any] | None:
    if scale is None:
        return None
    data: dict[str, Any] = {"kind": scale.kind, "allow_na": scale.allow_na}
    if scale.kind == "range":
        data.update(minimum=scale.minimum, maximum=scale.maximum, step=scale.step)
    else:
        data["levels"] = [{"key": lv.key, "value": lv.value, "label": dict(lv.label.values)}
                          for lv in scale.levels]
    return data


def method_data(method: Any, plugin: str) -> dict[str, Any]:
    """A method as plain data (the JSON of ``lessonkit methods``)."""
    def text(value: Any) -> Any:
        return None if value is None else dict(value.values)

    return {
        "key": method.key,
        "title": text(method.title),
        "description": text(method.description),
        "plugin": plugin,
        "locales": list(method.locales),
        "default_rule": method.default_rule,
        "steps": [{
            "key": step.key,
            "title": text(step.title),
            "prompts": [{
                "key": p.key, "kind": p.kind, "text": text(p.text), "help": text(p.help),
                "individual": p.individual, "items_from": p.items_from,
                "scale": _scale_data(p.scale), "budget": p.budget, "per_item_cap": p.per_item_cap,
                "criteria": [{"key": c.key, "label": text(c.label)} for c in p.criteria],
                "fields": [{"key": f.key, "label": text(f.label), "kind": f.kind, "required": f.required}
                           for f in p.fields],
                "choices": [{"key": c.key, "label": text(c.label)} for c in p.choices],
                "rule": p.rule,
            } for p in step.prompts],
        } for step in method.steps],
    }


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Output JSON: every step and prompt in every language.")
@click.option("--path", "paths", multiple=True, metavar="DIR",
              type=click.Path(file_okay=False),
              help="Check and list the TOML method files of DIR too (repeatable); a bad file "
                   "is an error. For this listing only: other commands read "
                   "LESSONKIT_METHODS_PATH.")
@locale_option
def methods(as_json: bool, paths: tuple[str, ...], locale: str | None) -> None:
    """List the evaluation methods the installed plugins provide.

    Methods written as TOML files are found in the folders of
    LESSONKIT_METHODS_PATH, in every command. --path DIR checks and lists a
    folder's files without configuring it: to use them in a session, add the
    folder to LESSONKIT_METHODS_PATH.
    """
    registry = get_registry()
    lang = pick_locale(locale)
    listed = registry.methods.items()
    if paths:
        from lessonkit.declarative import load_folders

        found, _problems = load_folders(paths, strict=True, rules=registry.rules.keys())
        known = {key: plugin for key, _m, plugin in listed}
        for method in found:
            if known.get(method.key, "lessonkit.declarative") != "lessonkit.declarative":
                raise LessonkitError(
                    f"method {method.key!r} of {os.pathsep.join(paths)} is already registered by "
                    f"plugin {known[method.key]!r}", hint="give the TOML method another key")
        listed = listed + [(m.key, m, f"toml:{os.pathsep.join(paths)}")
                           for m in found if m.key not in known]
    if as_json:
        echo_json([method_data(m, p) for _k, m, p in listed])
        return
    # Plain lines, not a table: this is the command a facilitator runs most, and
    # its start-up is kept quick (no table formatter to import).
    width = max((len(key) for key, _m, _p in listed), default=0)
    for key, method, plugin in listed:
        click.echo(f"{key.ljust(width)}  {method.title.get(lang)}  [{t('plugin', lang)}: {plugin}]")
        steps = " → ".join(s.title.get(lang) for s in method.steps)
        click.echo(f"{' ' * width}  {steps}")


def _prompt_line(prompt: Any, lang: str) -> str:
    details = [t(f"kind_{prompt.kind}", lang)]
    if prompt.scale is not None:
        details.append(f"{t('scale', lang)} {prompt.scale.describe(lang)}")
    if prompt.budget:
        details.append(t("budget", lang, n=prompt.budget))
    details.append(t("individual" if prompt.individual else "group_answer", lang))
    return "; ".join(details)


@cli.command()
@click.argument("method_key", metavar="METHOD")
@click.option("--step", default=None, help="Only this step.")
@locale_option
def prompts(method_key: str, step: str | None, locale: str | None) -> None:
    """Print a method's question sheet: its steps and prompts, with guidance."""
    registry = get_registry()
    method = registry.method(method_key)
    lang = pick_locale(locale)
    click.echo(f"{method.title.get(lang)} — {t('question_sheet', lang)}")
    if method.description is not None:
        click.echo(method.description.get(lang))
    steps = [method.step(step)] if step else list(method.steps)
    for number, st in enumerate(method.steps, 1):
        if st not in steps:
            continue
        click.echo("")
        click.echo(f"{t('step_n', lang, n=number)}: {st.title.get(lang)}")
        if st.description is not None:
            click.echo(f"  {st.description.get(lang)}")
        for q, prompt in enumerate(st.prompts, 1):
            click.echo(f"  {q}. {prompt.text.get(lang)}")
            click.echo(f"     [{prompt.key}] {_prompt_line(prompt, lang)}")
            if prompt.help is not None:
                click.echo(f"     {t('guidance', lang)}: {prompt.help.get(lang)}")


# -- sessions ------------------------------------------------------------------


@cli.command()
@click.argument("path", metavar="FILE", type=_NEW_FILE)
@click.option("--title", required=True, help="The workshop's title.")
@click.option("--date", "date", callback=parse_date_option, default=None,
              help="Date: 2017-12-22, 22/12/2560 or '๒๒ ธันวาคม ๒๕๖๐'.")
@click.option("--venue", default=None, help="Where the workshop takes place.")
@click.option("--locale", type=click.Choice(["th", "en"]), default="th", show_default=True,
              help="The session's language.")
@click.option("--method", "methods_", multiple=True, shell_complete=complete_method, metavar="KEY",
              help="A method in use (repeatable), e.g. --method aar --method ee.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
def new(path: str, title: str, date: dt.date | None, venue: str | None, locale: str,
        methods_: tuple[str, ...], force: bool) -> None:
    """Create a new session file."""
    import os

    from lessonkit import files, workshop

    if os.path.exists(path) and not force:
        raise click.ClickException(f"{path} already exists (use --force to replace it)")
    session = workshop.new_session(get_registry(), title, date=date, venue=venue, locale=locale,
                                   methods=list(methods_))
    with files.lock(path):
        files.save(session, path)
    say(t("created", locale, path=path))


@cli.group()
def group() -> None:
    """Add and list groups."""


@group.command("add")
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.argument("key")
@click.option("--name", required=True, help="The group's name, e.g. 'การคุ้มครองทางสังคมสำหรับเด็ก'.")
@click.option("--member", "members", multiple=True, help="A member agency (repeatable).")
@click.option("--facilitator", default=None, help="The group's facilitator.")
def group_add(path: str, key: str, name: str, members: tuple[str, ...], facilitator: str | None) -> None:
    """Add a group KEY to the session FILE."""
    from lessonkit import workshop

    with edit_session(path) as session:
        created = workshop.add_group(session, key, name, members=members, facilitator=facilitator)
        lang = pick_locale(None, session)
    say(t("added_group", lang, key=created.key, name=created.name))


@group.command("member")
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.argument("key")
@click.argument("members", nargs=-1, required=True)
def group_member(path: str, key: str, members: tuple[str, ...]) -> None:
    """Add member agencies to group KEY."""
    from lessonkit.workshop import clean_text

    with edit_session(path) as session:
        found = session.group(key)
        found.members.extend(clean_text(m) for m in members if m.strip())


@cli.group()
def participant() -> None:
    """Add participants to groups."""


@participant.command("add")
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.argument("key", required=False)
@click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The participant's group.")
@click.option("--name", default=None, help="Name; leave out for an anonymous participant.")
@click.option("--agency", default=None, help="The participant's agency.")
@click.option("--count", default=1, show_default=True, type=click.IntRange(1, 100000),
              help="Add this many anonymous participants (p1, p2, …).")
def participant_add(path: str, key: str | None, group_key: str, name: str | None, agency: str | None,
                    count: int) -> None:
    """Add a participant (anonymous without --name) to a group.

    Without KEY one is made: p1, p2, …
    """
    from lessonkit import workshop

    if count > 1 and (key or name):
        raise click.UsageError(t("usage_count_anonymous", cli_locale()))
    with edit_session(path) as session:
        added = [workshop.add_participant(session, group_key, key, name=name, agency=agency)
                 for _ in range(count)]
        lang = pick_locale(None, session)
    for person in added:
        say(t("added_participant", lang, key=person.key, group=group_key))


@cli.command(cls=TextValuesCommand)
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.argument("values", nargs=-1, required=True)
@click.option("--group", "group_key", shell_complete=complete_group, required=True, help="The group answering.")
@click.option("--method", "method_key", shell_complete=complete_method, required=True, help="The method, e.g. aar.")
@click.option("--step", default=None, help="The step (needed only if the prompt key is in several).")
@click.option("--prompt", "prompt_key", required=True, help="The prompt key ('lessonkit prompts' lists them).")
@click.option("--participant", default=None, help="Who answers; leave out for the group's answer.")
@click.option("--tag", "tags", multiple=True, help="A theme to tag the answers with (repeatable).")
def answer(path: str, values: tuple[str, ...], group_key: str, method_key: str, step: str | None,
           prompt_key: str, participant: str | None, tags: tuple[str, ...]) -> None:
    """Record answers to a text, list, table or choice prompt.

    \b
    Each VALUE of a text or list prompt is one answer; a table prompt takes
    field=value pairs making one row; a choice prompt takes choice keys.
    """
    from lessonkit import workshop

    registry = get_registry()
    with edit_session(path) as session:
        made = workshop.add_answers(session, registry, group_key, method_key, prompt_key, values,
                                    step=step, participant=participant, tags=tags)
        lang = pick_locale(None, session)
    say(t("added_entries", lang, n=len(made), prompt=f"{method_key}.{made[0].step}.{prompt_key}",
          group=group_key))


@cli.command()
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group.")
@locale_option
def show(path: str, group_key: str | None, locale: str | None) -> None:
    """Print a session: its groups, members, participants and answers."""
    session = load_session(path)
    lang = pick_locale(locale, session)
    registry = get_registry()
    with start_up_step():
        from lessonkit.showing import show_session

    click.echo(show_session(session, registry, lang, group_key))


@cli.command()
@click.argument("path", metavar="FILE", type=_EXISTING_FILE)
@click.option("--json", "as_json", is_flag=True, help="Output the problems as JSON.")
def validate(path: str, as_json: bool) -> None:
    """Check a session file against the format and the installed methods."""
    from lessonkit.workshop import session_problems

    session = load_session(path)
    problems = session_problems(session, get_registry())
    lang = pick_locale(None, session)
    if as_json:
        echo_json({"path": path, "valid": not problems, "problems": problems})
    elif not problems:
        groups, people = len(session.groups), session.participant_count()
        click.echo(t("valid", lang, path=path,
                     groups=t("n_groups_one" if groups == 1 else "n_groups", lang, n=groups),
                     participants=t("n_participants_one" if people == 1 else "n_participants",
                                    lang, n=people)))
    if problems:
        if not as_json:
            for problem in problems:
                click.echo(problem, err=True)
        raise click.ClickException(t("problems", lang, path=path, n=len(problems)))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the session file format."""
    from lessonkit.schema import session_schema

    echo_json(session_schema())


def main() -> None:
    """The console script.

    When the command is done, whatever way it ends, the objects left in memory (the
    modules, classes and functions imported, the session read) are set aside from the
    garbage collector (:func:`gc.freeze`): the interpreter's last collections at exit would
    otherwise walk every one of them, about a tenth of a quick command's CPU time, only to
    find what exiting frees anyway (lessonkit closes and saves its files itself, never
    through the collector).
    """
    try:
        cli(prog_name="lessonkit")
    finally:
        import gc

        gc.freeze()
