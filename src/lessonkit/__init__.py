"""lessonkit: facilitated evaluation workshops as a library, a plugin framework and a CLI."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from lessonkit.errors import (
    LessonkitError,
    NotFoundError,
    PluginError,
    PluginRuleError,
    ScoreError,
    SessionFileError,
    ValidationError,
)
from lessonkit.hookspecs import for_methods, hookimpl
from lessonkit.method import (
    PROMPT_KINDS,
    Choice,
    Criterion,
    Field,
    Level,
    LocalizedText,
    Method,
    Prompt,
    Scale,
    Step,
)

if TYPE_CHECKING:
    from lessonkit.model import ActionItem, Entry, Group, Participant, Session
    from lessonkit.scores import NA, ScoreTable

# The session model is imported on first use: a plugin declaring its method at
# import time needs only the method classes, and the CLI starts quicker.
_LAZY = {
    "ActionItem": "lessonkit.model",
    "Entry": "lessonkit.model",
    "Group": "lessonkit.model",
    "Participant": "lessonkit.model",
    "Session": "lessonkit.model",
    "NA": "lessonkit.scores",
    "ScoreTable": "lessonkit.scores",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "NA",
    "PROMPT_KINDS",
    "ActionItem",
    "Choice",
    "Criterion",
    "Entry",
    "Field",
    "Group",
    "LessonkitError",
    "Level",
    "LocalizedText",
    "Method",
    "NotFoundError",
    "Participant",
    "PluginError",
    "PluginRuleError",
    "Prompt",
    "Scale",
    "ScoreError",
    "ScoreTable",
    "Session",
    "SessionFileError",
    "Step",
    "ValidationError",
    "__version__",
    "for_methods",
    "hookimpl",
]
