"""Ranking rules, tie classes, rank labels and the tie-break chain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from lessonkit.method import LocalizedText

__all__ = ["Rule"]


@attrs.frozen
class Rule:
    """A ranking rule: a key, a localized title and description, and its function."""

    key: str
    title: LocalizedText
    description: LocalizedText
    compute: Callable[..., Any]
    kinds: tuple[str, ...] = ("score",)
