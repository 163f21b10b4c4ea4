"""lessonkit: facilitated evaluation workshops as a library, a plugin framework and a CLI."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lessonkit.errors import (
        LessonkitError,
        NotFoundError,
        PluginError,
        PluginRuleError,
        ScoreError,
        SessionFileError,
        ValidationError,
    )
    from lessonkit.hookspecs import hookimpl
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
    from lessonkit.model import ActionItem, Entry, Group, Participant, Session
    from lessonkit.scores import NA, ScoreTable

# Every name is imported on first use: ``lessonkit --version`` needs none of them, a
# plugin declaring its method at import time needs only the method classes, and the
# CLI starts quicker.
_LAZY = {
    **dict.fromkeys(("LessonkitError", "NotFoundError", "PluginError", "PluginRuleError",
                     "ScoreError", "SessionFileError", "ValidationError"), "lessonkit.errors"),
    "hookimpl": "lessonkit.hookspecs",
    **dict.fromkeys(("PROMPT_KINDS", "Choice", "Criterion", "Field", "Level", "LocalizedText",
                     "Method", "Prompt", "Scale", "Step"), "lessonkit.method"),
    **dict.fromkeys(("ActionItem", "Entry", "Group", "Participant", "Session"), "lessonkit.model"),
    "NA": "lessonkit.scores",
    "ScoreTable": "lessonkit.scores",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        import importlib.util

        # submodules (``lessonkit.files``) are found as attributes once imported
        if not name.startswith("_") and importlib.util.find_spec(f"lessonkit.{name}"):
            import importlib

            return importlib.import_module(f"lessonkit.{name}")
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
    "hookimpl",
]
