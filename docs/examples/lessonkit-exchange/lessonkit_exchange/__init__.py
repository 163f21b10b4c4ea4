"""Thematic good-practice exchange, a lessonkit method plugin.

At the national meeting "A Shared Destination: A Caring Family for Every
Child", each theme group (Family Strengthening, Gatekeeping, Standard of Care,
Family Based Care, Deinstitutionalization) described the situation, presented
its good practices and planned the remaining years of the national action plan.

This module stays light (the command line imports it at start-up): the method
is plain data; rules, report sections and commands are imported when used.
"""

from __future__ import annotations

from typing import Any

from lessonkit import hookimpl
from lessonkit_exchange.method import METHOD

__all__ = ["METHOD", "register_commands", "register_methods", "register_ranking_rules",
           "report_sections"]


@hookimpl
def register_methods(register: Any) -> None:
    """The exchange method."""
    register(METHOD)


@hookimpl
def register_ranking_rules(register: Any) -> None:
    """The ``broad_support`` rule."""
    from lessonkit_exchange.rules import BROAD_SUPPORT

    register(BROAD_SUPPORT)


@hookimpl
def report_sections(context: Any, method: Any, group: Any) -> Any:
    """A theme's chapter (per group) and the summary across themes (group=None).

    lessonkit calls this for the exchange method only: the method this plugin registered.
    The theme's sections cover every step, so NO_GENERIC leaves lessonkit's generic
    sections (each step's answers) out.
    """
    from lessonkit.report import NO_GENERIC
    from lessonkit_exchange import report

    if group is None:
        return report.summary_sections(context)
    return [*report.theme_sections(context, group), NO_GENERIC]


@hookimpl
def register_commands(cli: Any) -> None:
    """``lessonkit exchange …``."""
    from lessonkit_exchange.cli import exchange

    cli.add_command(exchange)
