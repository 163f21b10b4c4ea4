"""CLI command ``export``: tidy CSV or XLSX tables of a session."""

from __future__ import annotations

import click

from lessonkit.cli._common import complete_group, get_registry, load_session, pick_locale, say
from lessonkit.i18n import add_messages, t

__all__ = ["add_commands"]

add_messages({
    "export_written": {"en": "wrote {n} rows of {what} to {path}",
                       "th": "เขียน {what} {n} แถวลงใน {path} แล้ว"},
    "export_xlsx_needs_out": {"en": "XLSX is a binary file: give -o FILE.xlsx",
                              "th": "XLSX เป็นไฟล์ไบนารี: ระบุ -o FILE.xlsx"},
})


def add_commands(cli: click.Group) -> None:
    """Add ``export`` to the top-level group."""

    @cli.command("export")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--format", "format_", type=click.Choice(["csv", "xlsx"]), default="csv",
                  show_default=True, help="The file format.")
    @click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
                  help="Write here (default: CSV to standard output).")
    @click.option("--what", type=click.Choice(["answers", "scores", "rankings", "actions"]),
                  default="answers", show_default=True, help="Which table to export.")
    @click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group.")
    def export(path: str, format_: str, out: str | None, what: str, group_key: str | None) -> None:
        """Export a tidy table (one row per answer, score, ranked item or action).

        \b
        CSV is UTF-8 with a byte-order mark, so Excel shows Thai correctly.
        Text that a spreadsheet would run as a formula (=, +, -, @ …) is
        written with a leading ' ; numbers stay numbers.
        """
        from lessonkit.exporting import export_table, to_csv, to_xlsx

        session = load_session(path)
        lang = pick_locale(None, session)
        if format_ == "xlsx" and out is None:
            raise click.UsageError(t("export_xlsx_needs_out", lang))
        registry = get_registry() if what == "rankings" else None
        table = export_table(session, registry, what, group=group_key)
        for warning in table.warnings:
            say(f"{t('warning', lang)}: {warning}")
        data = to_xlsx(table) if format_ == "xlsx" else to_csv(table)
        if out is None:
            click.echo(data, nl=False)
            return
        from lessonkit.output import write_file

        write_file(out, data, protect=[path], what="export")
        say(t("export_written", lang, n=len(table.rows), what=what, path=out))
