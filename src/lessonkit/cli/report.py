"""CLI commands for report."""

from __future__ import annotations

import click


def add_commands(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
