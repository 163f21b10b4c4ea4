"""The hooks a lessonkit plugin can implement.

A plugin is a module (or object) with functions marked ``@hookimpl`` and named
after a hook below; it is found through the ``lessonkit`` entry-point group.
An implementation may take fewer parameters than the specification (hooks only
ever gain parameters): lessonkit passes each implementation only the
parameters it names. See ``docs/hooks.md`` for examples.

The per-method hooks (``report_sections``, ``session_problems``,
``change_problems``, ``steps_in_use``…) are called, for a method, only on the plugin that registered
that method, and on plugins that register no method at all; a plugin that
wants other plugins' methods too says so with :func:`for_methods`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pluggy

__all__ = ["PER_METHOD_HOOKS", "for_methods", "hookimpl", "hookspec", "methods_of"]

hookspec = pluggy.HookspecMarker("lessonkit")
hookimpl = pluggy.HookimplMarker("lessonkit")

#: Hooks about one method, dispatched to the plugin that registered it.
PER_METHOD_HOOKS = ("report_sections", "session_problems", "change_problems", "steps_in_use",
                    "report_part", "live_view")
_METHODS_ATTR = "lessonkit_methods"
F = TypeVar("F", bound=Callable[..., Any])


def for_methods(*keys: str) -> Callable[[F], F]:
    """Let a per-method hook implementation be called for other plugins' methods too.

    ``@for_methods("*")`` asks for every method, ``@for_methods("ee", "aar")``
    for those (besides the plugin's own methods, which it always gets)::

        @hookimpl
        @for_methods("*")
        def report_sections(context, method, group): ...
    """
    if not keys or not all(isinstance(k, str) and k for k in keys):
        raise ValueError("for_methods() needs method keys, or '*' for every method")

    def mark(function: F) -> F:
        setattr(function, _METHODS_ATTR, tuple(keys))
        return function

    return mark


def methods_of(function: Callable[..., Any]) -> tuple[str, ...] | None:
    """The method keys a hook implementation asked for with :func:`for_methods`, or None."""
    found = getattr(function, _METHODS_ATTR, None)
    return tuple(found) if found is not None else None


@hookspec
def register_methods(register: Any) -> None:
    """Register evaluation methods.

    :param register: call ``register(method)`` with a :class:`lessonkit.Method`
        for each method the plugin provides. A method key already registered by
        another plugin is an error naming both plugins.

    Added in 0.1.
    """


@hookspec
def register_ranking_rules(register: Any) -> None:
    """Register ranking rules.

    :param register: call ``register(rule)`` with a :class:`lessonkit.ranking.Rule`
        for each rule. Keys are unique across all plugins.

    Added in 0.1.
    """


@hookspec
def register_renderers(register: Any) -> None:
    """Register report renderers (output formats).

    :param register: call ``register(renderer)`` with a
        :class:`lessonkit.render.Renderer` for each format. Keys (``md``,
        ``html``…) are unique across all plugins.

    Added in 0.1.
    """


@hookspec
def register_importers(register: Any) -> None:
    """Register importers: file formats answers can be imported from.

    :param register: call ``register(importer)`` with a
        :class:`lessonkit.importing.Importer` for each format. Keys (``csv``,
        ``xlsx``…) are unique across all plugins; ``lessonkit import`` picks
        the importer whose ``extensions`` match the data file's name.

    Added in 0.1.
    """


@hookspec
def report_sections(context: Any, method: Any, group: Any) -> Any:
    """Contribute sections to a report.

    Called once for each method in use and each group (``group`` is a
    :class:`lessonkit.Group`), and once per method with ``group=None`` for the
    session-wide part (summaries across groups) — on the plugin that registered
    ``method`` only (and on plugins registering no method); no need to check
    ``method.key``. Mark the implementation :func:`for_methods` to add sections
    to other plugins' methods.

    :param context: a :class:`lessonkit.report.ReportContext` (session, locale,
        digits, registry, the ``t()`` translator, options).
    :param method: the :class:`lessonkit.Method` whose part is being built.
    :param group: the :class:`lessonkit.Group`, or ``None`` for the session part.
    :returns: a list of :class:`lessonkit.report.Section` (or ``None``).

    Added in 0.1.
    """


@hookspec
def register_commands(cli: Any, registry: Any) -> None:
    """Add commands to the ``lessonkit`` command line.

    :param cli: the top-level :class:`click.Group`; add commands with
        ``@cli.command()`` or ``cli.add_command(...)``.
    :param registry: the running command's :class:`lessonkit.plugins.Registry`
        (loaded on first use), for commands the plugin builds here; commands
        defined at module level take it with ``lessonkit.cli.pass_registry``.

    Added in 0.1; ``registry`` in 0.2.
    """


@hookspec
def session_problems(session: Any, method: Any) -> Any:
    """Check a session's data for rules a method's declaration cannot express.

    Called for each method in use (``method`` is its :class:`lessonkit.Method`),
    on the plugin that registered it (see :func:`for_methods`): look at your
    method's data (the AAR's question form, 5C4F's age bands…). ``lessonkit validate`` lists the
    problems, and :func:`lessonkit.workshop.add_answers` and
    :func:`~lessonkit.workshop.set_scores` refuse a change that adds one.

    :param session: the :class:`lessonkit.Session`.
    :param method: the :class:`lessonkit.Method` being checked.
    :returns: a list of readable problem lines (``"… @ groups[0].entries[3]"``),
        or ``None`` when there is nothing to say.

    Added in 0.1.
    """


@hookspec
def change_problems(session: Any, method: Any, group: Any, entries: Any) -> Any:
    """Check one change instead of the whole session: :func:`session_problems` per change.

    :func:`lessonkit.workshop.add_answers` and :func:`~lessonkit.workshop.set_scores`
    refuse a change that adds a problem. For a plugin without this hook they call its
    ``session_problems`` before and after the change and compare (work in proportion
    to the session, for every answer); for a plugin with it they call this once, after
    the change, instead. Called on the plugin that registered ``method`` (see
    :func:`for_methods`). A plugin that raises here adds no problem (as a failing
    ``session_problems`` says the same before and after).

    :param session: the :class:`lessonkit.Session`, with the change made.
    :param method: the :class:`lessonkit.Method` changed.
    :param group: the :class:`lessonkit.Group` changed.
    :param entries: the entries just added, the last ``len(entries)`` of
        ``group.entries``; empty when the change is one participant's scores.
    :returns: exactly the lines your ``session_problems`` lists now and did not list
        before the change, or ``None`` when there are none.

    Added in 0.2.
    """


@hookspec
def steps_in_use(session: Any, method: Any) -> Any:
    """Say which of a method's steps a session uses, when a setting chooses between them.

    The AAR, for example, has two question forms as two steps and a session
    uses one. ``lessonkit ask`` without ``--step`` walks only these steps.
    Called on the plugin that registered ``method`` (see :func:`for_methods`);
    the first plugin to answer decides.

    :param session: the :class:`lessonkit.Session`.
    :param method: the :class:`lessonkit.Method`.
    :returns: the keys of the steps in use, in order, or ``None`` for "all of them".

    Added in 0.1.
    """


@hookspec
def report_part(context: Any, method: Any, part: str) -> Any:
    """Contribute a method's share of a session-wide part of the report book.

    Called once per method in use and part. ``part`` is one of:

    - ``"process"``: how the method was run (the process chapter), e.g. the AAR's five
      questions or EE's three steps. Without a contribution the core explains the method
      from its declaration (description and steps in use).
    - ``"summary_points"``: a few findings for the executive summary (a section holding a
      bullet list).
    - ``"recommendations"``: the method's recommendations (conclusions chapter).
    - ``"appendix"``: appendices of the method's own (each section becomes one appendix).

    Called on the plugin that registered the method (per-method dispatch, see
    :func:`for_methods`), so there is no need to check ``method.key``. Build with
    ``context.placeholder()`` / ``context.warn()`` so the final edition leaves out empty
    parts and facilitator warnings.

    :param context: a :class:`lessonkit.report.ReportContext`.
    :param method: the :class:`lessonkit.Method`.
    :param part: the part being built.
    :returns: a list of :class:`lessonkit.report.Section` (or ``None``).

    Added in 0.2.
    """


@hookspec
def live_view(view: str, session: Any, group: Any, method: Any, step: Any, prompt: Any) -> Any:
    """Show a prompt your own way on the live workshop's pages (``lessonkit serve``).

    Called for every prompt shown on a participant's phone (``view ==
    "participant"``) or on the projector (``view == "projector"``), on the plugin
    that registered the method (per-method dispatch, see :func:`for_methods`). Check
    ``prompt.key``; return ``None`` to keep the built-in view
    (which covers every prompt kind), or the source of a Jinja2 template
    (autoescaped, like every page). A participant view posts the built-in form
    fields (``v.<item>.<criterion>``, ``d.<item>``…), so the method's checks apply
    unchanged. The first plugin to answer decides.

    :param view: ``"participant"`` or ``"projector"``.
    :param session: the :class:`lessonkit.Session`.
    :param group: the participant's (or shown) :class:`lessonkit.Group`.
    :param method: the :class:`lessonkit.Method`.
    :param step: the :class:`lessonkit.Step` open for the group.
    :param prompt: the :class:`lessonkit.Prompt` being shown.
    :returns: a template source string, or ``None``.

    Added in 0.2.
    """
