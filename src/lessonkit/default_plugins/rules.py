"""The built-in ranking rules, registered through ``register_ranking_rules``.

They use the same hook as any third party's rules, so a plugin's rule sits
beside them as an equal (and a clash of keys is reported naming both). The
import of :mod:`lessonkit.ranking` waits until the hook is called, keeping the
command line's start-up quick.
"""

from __future__ import annotations

from typing import Any

from lessonkit.hookspecs import hookimpl


@hookimpl
def register_ranking_rules(register: Any) -> None:
    """Register sum, mean, median, dots, approval, Borda, truncated Borda and importance × performance."""
    from lessonkit.ranking import builtin_rules

    for rule in builtin_rules():
        register(rule)
