"""``lessonkit exchange themes FILE``: add the five themes as groups."""

from __future__ import annotations

import click

from lessonkit import files


@click.group()
def exchange() -> None:
    """Thematic good-practice exchange."""


@exchange.command("themes")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--theme", "keys", multiple=True,
              help="Only this theme (repeatable): family_strengthening, gatekeeping, "
                   "standard_of_care, family_based_care, deinstitutionalization.")
def themes(path: str, keys: tuple[str, ...]) -> None:
    """Add the meeting's themes to FILE as groups (in the session's language)."""
    from lessonkit_exchange.themes import add_themes

    with files.edit(path) as session:
        added = add_themes(session, keys=list(keys) or None)
        lang = session.locale
    for group in added:
        word = "เพิ่มประเด็น" if lang == "th" else "added theme"
        click.echo(f"{word} {group.key}: {group.name}", err=True)
