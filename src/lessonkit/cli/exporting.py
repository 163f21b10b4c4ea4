"""CLI commands ``export`` (tidy CSV, XLSX or Parquet tables of a session) and ``collect``
(many session files into one Parquet dataset)."""

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
    "export_parquet_needs_out": {"en": "Parquet is a folder of files: give -o FOLDER",
                                 "th": "Parquet เป็นโฟลเดอร์ของไฟล์: ระบุ -o FOLDER"},
    "collect_progress": {"en": "Reading session files", "th": "กำลังอ่านไฟล์การประชุม"},
    "dataset_written": {
        "en": "wrote a dataset of {sessions} session(s) to {path}: {rows}",
        "th": "เขียนชุดข้อมูลจาก {sessions} ไฟล์การประชุมลงใน {path} แล้ว: {rows}"},
})


def _write_dataset(dataset: object, out: str, force: bool, lang: str) -> None:
    from lessonkit.columnar import write_parquet

    counts = write_parquet(dataset, out, force=force)  # type: ignore[arg-type]
    rows = ", ".join(f"{table} {n}" for table, n in counts.items())
    say(t("dataset_written", lang, sessions=counts["sessions"], path=out, rows=rows))


def add_commands(cli: click.Group) -> None:
    """Add ``export`` to the top-level group."""

    @cli.command("export")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.option("--format", "format_", type=click.Choice(["csv", "xlsx", "parquet"]),
                  default="csv", show_default=True,
                  help="The file format; parquet writes every table into the folder -o "
                       "(needs the parquet extra).")
    @click.option("-o", "--out", "out", type=click.Path(dir_okay=False), default=None,
                  help="Write here (default: CSV to standard output).")
    @click.option("--what", type=click.Choice(["answers", "scores", "rankings", "actions"]),
                  default="answers", show_default=True, help="Which table to export.")
    @click.option("--group", "group_key", shell_complete=complete_group, default=None, help="Only this group.")
    @click.option("--force", is_flag=True, help="Parquet: replace an existing folder.")
    def export(path: str, format_: str, out: str | None, what: str, group_key: str | None,
               force: bool) -> None:
        """Export a tidy table (one row per answer, score, ranked item or action).

        \b
        CSV is UTF-8 with a byte-order mark, so Excel shows Thai correctly.
        Text that a spreadsheet would run as a formula (=, +, -, @ …) is
        written with a leading ' ; numbers stay numbers. Parquet writes the
        tables sessions, groups, participants, entries, scores and actions
        into the folder -o (see docs/data-model.md; --what is not used).
        """
        from lessonkit.exporting import export_table, to_csv, to_xlsx

        session = load_session(path)
        lang = pick_locale(None, session)
        if format_ == "parquet":
            import attrs

            from lessonkit.columnar import Dataset

            if out is None:
                raise click.UsageError(t("export_parquet_needs_out", lang))
            if group_key is not None:
                session = attrs.evolve(session, groups=[session.group(group_key)])
            dataset = Dataset()
            dataset.add(session, path)
            _write_dataset(dataset, out, force, lang)
            return
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

    @cli.command("collect")
    @click.argument("paths", metavar="FILE_OR_FOLDER...", nargs=-1, required=True,
                    type=click.Path(exists=True))
    @click.option("-o", "--out", "out", required=True, type=click.Path(),
                  help="The dataset folder to write (one Parquet file per table).")
    @click.option("--force", is_flag=True, help="Replace an existing folder.")
    def collect(paths: tuple[str, ...], out: str, force: bool) -> None:
        """Collect many session files into one Parquet dataset.

        \b
        Folders are searched for *.json session files. Each file becomes
        rows of the tables sessions, groups, participants, entries, scores
        and actions, keyed by its path (the column session): query them
        with DuckDB, Spark or pandas (docs/data-model.md). A file that is
        not a session stops the command, naming it; nothing is written.
        """
        from lessonkit.columnar import collect as collect_sessions
        from lessonkit.columnar import session_files

        lang = pick_locale(None)
        found = session_files(paths)
        import sys

        with click.progressbar(length=len(found), file=sys.stderr,
                               label=t("collect_progress", lang)) as bar:
            dataset = collect_sessions(found, progress=lambda _path: bar.update(1))
        _write_dataset(dataset, out, force, lang)
