"""Report renderers: turn a report document into a file format."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from lessonkit.method import LocalizedText

__all__ = ["Renderer"]


@attrs.frozen
class Renderer:
    """An output format: key (``md``), title, file extension and its render function."""

    key: str
    title: LocalizedText
    extension: str
    render: Callable[..., Any]
    binary: bool = False
