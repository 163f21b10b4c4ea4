"""The ``live_view`` hook: a plugin's own template for a prompt on the participant or projector page."""

from __future__ import annotations

from typing import Any

__all__ = ["plugin_view"]


def plugin_view(registry: Any, view: str, session: Any, group: Any, method: Any, step: Any,
                prompt: Any, context: dict[str, Any], locale: str) -> str:
    """The HTML of the first plugin's template for this prompt, or ``""`` for the built-in view.

    Asked are the plugins :meth:`lessonkit.plugins.Registry.implementations_for` chooses
    for ``method`` (the one that registered it, plugins registering no method, and
    implementations marked with :func:`lessonkit.for_methods`).

    The template is rendered in an autoescaping Jinja2 environment with the built-in
    view's variables (``view``: the prompt's values, items and current answers;
    ``t``: the words of :mod:`lessonkit.i18n`; ``locale``). A plugin that fails is
    left out (its failure is a warning), so the built-in view shows instead.
    """
    from markupsafe import Markup

    kwargs = {"view": view, "session": session, "group": group, "method": method, "step": step,
              "prompt": prompt}
    for impl in registry.implementations_for("live_view", method):
        try:
            source = impl.function(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
            if source is None:
                continue
            if not isinstance(source, str):
                raise TypeError(f"returned {type(source).__name__}, not a template string")
            html = _environment().from_string(source).render(view=context, locale=locale,
                                                             t=_words(locale), method=method,
                                                             step=step, prompt=prompt)
            return Markup(html)
        except Exception as exc:  # a plugin's bug must not stop a workshop
            registry.pm.warn(f"plugin {impl.plugin_name!r} failed in live_view: {type(exc).__name__}: {exc}")
    return ""


def _words(locale: str) -> Any:
    from lessonkit.i18n import t

    return lambda key, **kw: t(key, locale, **kw)


_ENV: list[Any] = []


def _environment() -> Any:
    if not _ENV:
        from jinja2 import Environment

        _ENV.append(Environment(autoescape=True))
    return _ENV[0]
