"""Report renderers: turn a report :class:`~lessonkit.report.Document` into a file format.

A renderer is registered through the ``register_renderers`` hook::

    from lessonkit import LocalizedText, hookimpl
    from lessonkit.render import Renderer

    def render_csv(document, options):
        ...  # return str (text formats) or bytes (binary=True)

    @hookimpl
    def register_renderers(register):
        register(Renderer(key="csv", title=LocalizedText(en="CSV"), extension=".csv",
                          render=render_csv))

The built-in renderers live in :mod:`lessonkit.renderers` and are registered by
:mod:`lessonkit.default_plugins.renderers`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from lessonkit.method import LocalizedText

__all__ = ["Renderer"]


def _text(value: LocalizedText | str) -> LocalizedText:
    return value if isinstance(value, LocalizedText) else LocalizedText(en=value)


@attrs.frozen
class Renderer:
    """An output format.

    :ivar key: the format's name (``md``), used by ``--format``.
    :ivar title: a localized title for listings.
    :ivar extension: the file extension with its dot (``.md``).
    :ivar render: ``render(document, options) -> str | bytes``; ``options`` is a
        mapping (may be empty).
    :ivar binary: ``True`` when ``render`` returns bytes (DOCX).
    """

    key: str
    title: LocalizedText = attrs.field(converter=_text)
    extension: str
    render: Callable[..., Any]
    binary: bool = False

    def __call__(self, document: Any, options: Mapping[str, Any] | None = None) -> str | bytes:
        """Render ``document``; checks that the result has the declared type."""
        result = self.render(document, dict(options or {}))
        expected = bytes if self.binary else str
        if not isinstance(result, expected):
            from lessonkit.errors import PluginError

            raise PluginError(f"renderer {self.key!r} returned {type(result).__name__}, "
                              f"not {expected.__name__}")
        return result
