"""Shared pieces of the CLI: the registry, session files, output, options."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from lessonkit.i18n import LOCALE_ENV, resolve_locale, system_locale, t

if TYPE_CHECKING:  # imported on first use: 'lessonkit --version' needs no plugins
    from lessonkit.plugins import PluginManager, Registry

__all__ = [
    "TextValuesCommand",
    "cli_locale",
    "digits_option",
    "echo_json",
    "echo_table",
    "edit_session",
    "error_message",
    "fmt",
    "get_pm",
    "get_registry",
    "help_locale",
    "load_session",
    "locale_option",
    "pass_registry",
    "raw_output",
    "running_registry",
    "say",
    "visible_output",
]

F = TypeVar("F", bound=Callable[..., Any])

_STATE: dict[str, Any] = {}
_RUN: dict[str, str] = {}


def help_locale(args: Sequence[str]) -> str:
    """The language of help screens and click's messages for the command line ``args``:
    ``--locale th|en`` anywhere in it (read before click parses it, so ``--locale th --help``
    and ``--help --locale th`` both work), else LESSONKIT_LOCALE, else the system's locale
    (LC_ALL, LC_MESSAGES, LANG: ``th_TH.UTF-8``), else English."""
    import os

    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--locale" and i + 1 < len(args) else (
            arg.partition("=")[2] if arg.startswith("--locale=") else None)
        if value in ("th", "en"):
            return value
    env = os.environ.get(LOCALE_ENV)
    if env in ("th", "en"):
        return env
    return system_locale() or "en"


def cli_locale() -> str:
    """The language of the running command line's help and usage errors (exit 2):
    :func:`help_locale` of its arguments. For a plugin command's own usage errors:
    ``raise click.UsageError(WORDS.t("need_value", cli_locale()))``."""
    return _RUN.get("locale") or help_locale([])


def get_plugin_manager(**kwargs: Any) -> PluginManager:
    """:func:`lessonkit.plugins.get_plugin_manager`, imported when first called."""
    from lessonkit.plugins import get_plugin_manager as make

    return make(**kwargs)


def load_registry(pm: PluginManager) -> Registry:
    """:func:`lessonkit.plugins.load_registry`, imported when first called."""
    from lessonkit.plugins import load_registry as load

    return load(pm)


def get_pm() -> PluginManager:
    """The plugin manager of this process, built on first use (not at import)."""
    pm = _STATE.get("pm")
    if pm is None:
        pm = get_plugin_manager()
        _STATE["pm"] = pm
        flush_warnings()
    return pm


def flush_warnings() -> None:
    """Print the plugin warnings not printed yet (to stderr)."""
    pm = _STATE.get("pm")
    if pm is None:
        return
    done = _STATE.get("warned", 0)
    for message in pm.warnings[done:]:
        click.echo(f"{t('warning')}: {message}", err=True)
    _STATE["warned"] = len(pm.warnings)


def get_registry() -> Registry:
    registry = _STATE.get("registry")
    if registry is None:
        with start_up_step():
            registry = load_registry(get_pm())
        _STATE["registry"] = registry
        flush_warnings()
    return registry


@contextlib.contextmanager
def start_up_step() -> Iterator[None]:
    """A step of a command's start-up whose objects live as long as the command: importing
    the modules it needs, loading the plugins and their methods.

    Such a step makes thousands of objects and next to no garbage, and the cyclic garbage
    collector would walk them again and again while they are made (a dozen passes for
    ``lessonkit show``), finding them all alive. It is paused during the step, and what is
    alive after it counts as old (moved to the oldest generation: ``gc.freeze()`` then
    ``gc.unfreeze()``, nothing stays frozen), so the young passes that follow do not walk it
    either. When something else has frozen objects, they are left as they are.
    """
    from lessonkit._collector import collector_paused

    with collector_paused(age=True):
        yield


class _RunningRegistry:
    """The running command's :class:`~lessonkit.plugins.Registry`, loaded on first use.

    Given to ``register_commands`` so that adding commands (``lessonkit --help``)
    does not load the registry.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(get_registry(), name)

    def __repr__(self) -> str:
        return "<the running command's lessonkit registry>"


def running_registry() -> Registry:
    """The registry given to ``register_commands``: the running command's, loaded on first use."""
    return _RunningRegistry()  # type: ignore[return-value]  # a lazy view of a Registry


def pass_registry(function: F) -> F:
    """Decorate a (plugin's) click command to receive the running command's
    :class:`~lessonkit.plugins.Registry` as its first argument::

        @exchange.command("themes")
        @click.argument("path")
        @pass_registry
        def themes(registry, path): ...

    Put it right above the ``def`` (under the click decorators).
    """
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return function(get_registry(), *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def reset() -> None:
    """Forget the plugin manager and registry (tests use this after changing plugins)."""
    _STATE.clear()


def load_session(path: str) -> Any:
    with start_up_step():
        from lessonkit import files

    return files.load(path)


@contextlib.contextmanager
def edit_session(path: str) -> Iterator[Any]:
    """Load, change and save a session under its lock; on any error the file is unchanged."""
    from lessonkit import files

    with files.edit(path) as session:
        yield session


#: The command that helps, by error code: the library's messages name no command
#: (a host program has none), so the CLI adds them here.
COMMAND_HINTS: dict[str, str] = {
    "takes_scores": "use 'lessonkit score'",
    "takes_answers": "use 'lessonkit answer'",
    "unknown_group": "add one with 'lessonkit group add'",
    "unknown_participant": "add one with 'lessonkit participant add'",
    "unknown_method": "'lessonkit methods' lists them",
    "method_not_in_session": "add it with 'lessonkit new --method' or list it in the session's methods",
    "session_problems": "'lessonkit validate' lists them",
    "no_file": "create one with 'lessonkit new'",
    "no_importer": "'lessonkit plugins' lists what is installed",
}


def error_message(exc: Exception) -> str:
    """The one line the CLI prints for a library error, with the command that helps.

    The hint keyed by the error's ``code`` replaces the library's own (which
    names Python functions, for host programs).
    """
    from lessonkit.errors import LessonkitError

    if not isinstance(exc, LessonkitError):
        return str(exc)
    hint = COMMAND_HINTS.get(exc.code)
    if hint is None or exc.hint == hint:
        return str(exc)
    saved = exc.hint
    exc.hint = hint
    try:
        return str(exc)
    finally:
        exc.hint = saved


class _VisibleBuffer:
    """A binary stream whose UTF-8 text is written with control characters escaped."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, data: bytes) -> int:
        from lessonkit.safetext import visible

        self._raw.write(visible(bytes(data).decode("utf-8", "surrogateescape")).encode(
            "utf-8", "surrogateescape"))
        return len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


class _VisibleStream:
    """A text stream that shows control characters from data as escapes (lessonkit.safetext)."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, text: str) -> int:
        from lessonkit.safetext import visible

        self._raw.write(visible(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> Any:
        return _VisibleBuffer(self._raw.buffer)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


@contextlib.contextmanager
def visible_output() -> Iterator[None]:
    """While a command runs, what it prints shows control characters as escapes.

    Everything on standard output and standard error passes through
    :func:`lessonkit.safetext.visible`, so an answer holding ``ESC [2J`` or U+202E cannot
    clear the screen or reverse a line, whichever command prints it. Output meant to
    control the terminal (a progress bar, a QR code) uses :func:`raw_output`.
    """
    import sys

    saved = sys.stdout, sys.stderr
    if not isinstance(sys.stdout, _VisibleStream):
        sys.stdout = _VisibleStream(sys.stdout)
    if not isinstance(sys.stderr, _VisibleStream):
        sys.stderr = _VisibleStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def raw_output() -> Iterator[None]:
    """Undo :func:`visible_output` inside it: for output that drives the terminal on purpose."""
    import sys

    saved = sys.stdout, sys.stderr
    sys.stdout = getattr(sys.stdout, "_raw", sys.stdout)
    sys.stderr = getattr(sys.stderr, "_raw", sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


class TextValuesCommand(click.Command):
    """A command whose positional values are free text that may begin with ``-``.

    ``lessonkit answer ws.json … "-10% of households"`` is a text, not the options
    ``-1 -0 -%``: an argument that starts with ``-`` followed by anything but an ASCII
    letter or a second ``-`` is taken as a value. Options keep working anywhere; a
    mistyped option (``--grup``) is still an error, whose message says to put ``--``
    before a text that starts like an option.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            return super().parse_args(ctx, args)
        takes_value: dict[str, bool] = {}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not param.is_flag and not param.count
        options: list[str] = []
        values: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if len(arg) > 1 and arg[0] == "-" and (arg[1] == "-" or (arg[1].isascii() and arg[1].isalpha())):
                options.append(arg)
                if takes_value.get(arg) and i + 1 < len(args):
                    options.append(args[i + 1])
                    i += 1
            else:
                values.append(arg)
            i += 1
        try:
            return super().parse_args(ctx, [*options, "--", *values])
        except click.NoSuchOption as exc:
            raise click.NoSuchOption(
                exc.option_name, f"No such option: {exc.option_name} (to give a text that starts "
                "with '-', put -- before it)", possibilities=exc.possibilities, ctx=exc.ctx) from None


def say(message: str) -> None:
    """A confirmation or diagnostic: to stderr, so stdout stays clean for data (control
    characters from data shown escaped, even where :func:`raw_output` is in force)."""
    from lessonkit.safetext import visible

    click.echo(visible(message), err=True)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_table(rows: Sequence[Sequence[Any]], headers: Sequence[str], tablefmt: str = "simple") -> None:
    click.echo(fmt(rows, headers, tablefmt))


def fmt(rows: Sequence[Sequence[Any]], headers: Sequence[str], tablefmt: str = "simple") -> str:
    """A table as text; Thai aligns (wcwidth), and cells are never parsed as numbers."""
    from tabulate import tabulate

    return str(tabulate([["" if c is None else str(c) for c in row] for row in rows],
                        headers=list(headers), tablefmt=tablefmt, disable_numparse=True))


def locale_option(f: F) -> F:
    return click.option(
        "--locale", type=click.Choice(["th", "en"]), default=None,
        help="Language of the output (default: LESSONKIT_LOCALE, else the session's).",
    )(f)


def digits_option(f: F) -> F:
    return click.option(
        "--digits", type=click.Choice(["thai", "arabic"]), default=None,
        help="Numerals: Thai (๑๒๓) or Arabic (123). Default: Thai for Thai output.",
    )(f)


def pick_locale(explicit: str | None, session: Any = None) -> str:
    return resolve_locale(explicit, getattr(session, "locale", None))




def complete_group(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of ``--group``: the group keys of the command's session file."""
    import os

    from click.shell_completion import CompletionItem

    # While an option waits for its value, click leaves the arguments before it unparsed
    # in ctx.args: the session file is the first of them that is a file.
    candidates = [ctx.params.get("path"), *ctx.args]
    path = next((str(c) for c in candidates if c and os.path.isfile(str(c))), None)
    if path is None:
        return []
    try:
        session = load_session(path)
    except Exception:  # completion must never fail loudly
        return []
    return [CompletionItem(g.key, help=g.name) for g in session.groups if g.key.startswith(incomplete)]


def complete_method(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of ``--method``: the keys of the installed methods."""
    from click.shell_completion import CompletionItem

    try:
        registry = get_registry()
    except Exception:  # completion must never fail loudly
        return []
    return [CompletionItem(key, help=method.title.get(pick_locale(None)))
            for key, method, _plugin in registry.methods.items() if key.startswith(incomplete)]
