"""CLI command ``import``: survey answers from CSV or XLSX into a session."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from lessonkit.cli._common import (
    complete_group,
    complete_method,
    edit_session,
    get_registry,
    load_session,
    pick_locale,
    raw_output,
    say,
)
from lessonkit.i18n import add_messages, t

__all__ = ["add_commands"]

#: Files with more rows than this show a progress bar on stderr.
PROGRESS_THRESHOLD = 500

add_messages({
    "import_shape": {"en": "{path}: {shape}, {rows} rows, {columns} columns",
                     "th": "{path}: {shape} {rows} แถว {columns} คอลัมน์"},
    "import_shape_google_forms": {"en": "Google Forms export", "th": "ไฟล์ส่งออกจาก Google Forms"},
    "import_shape_kobo": {"en": "KoboToolbox export", "th": "ไฟล์ส่งออกจาก KoboToolbox"},
    "import_shape_table": {"en": "spreadsheet", "th": "ตารางข้อมูล"},
    "import_column": {"en": "  {column} → {target}", "th": "  {column} → {target}"},
    "import_not_imported": {"en": "(not imported)", "th": "(ไม่นำเข้า)"},
    "import_mapping_written": {"en": "wrote a draft mapping of {n} columns to {path}: edit it, then "
                                     "pass --mapping {path}",
                               "th": "เขียนร่างการจับคู่ {n} คอลัมน์ลงใน {path} แล้ว: แก้ไขแล้วใช้ "
                                     "--mapping {path}"},
    "import_ignored": {"en": "columns not imported: {columns}",
                       "th": "คอลัมน์ที่ไม่ได้นำเข้า: {columns}"},
    "import_skipped_row": {"en": "skipped {problem}", "th": "ข้ามแถว: {problem}"},
    "import_skipped": {"en": "skipped {n} row(s) (--skip-invalid): nothing of them was imported",
                       "th": "ข้าม {n} แถว (--skip-invalid): ไม่ได้นำเข้าข้อมูลใดของแถวเหล่านี้"},
    "import_new_participant": {"en": "row {row}: new participant {code!r} in group {group}",
                               "th": "แถว {row}: ผู้เข้าร่วมใหม่ {code!r} ในกลุ่ม {group}"},
    "import_done": {"en": "imported {participants} participants, {answers} answers and {scores} "
                          "scores into {path}",
                    "th": "นำเข้าผู้เข้าร่วม {participants} คน คำตอบ {answers} รายการ และคะแนน "
                          "{scores} รายการ ลงใน {path} แล้ว"},
    "import_dry_run": {"en": "dry run: would import {participants} participants, {answers} answers "
                             "and {scores} scores ({empty} empty rows); nothing written",
                       "th": "ทดลอง: จะนำเข้าผู้เข้าร่วม {participants} คน คำตอบ {answers} รายการ "
                             "และคะแนน {scores} รายการ (แถวว่าง {empty} แถว) ยังไม่ได้บันทึก"},
    "import_progress": {"en": "Importing", "th": "กำลังนำเข้า"},
})


def _target_text(target: Any, lang: str) -> str:
    if target is None:
        return t("import_not_imported", lang)
    data = target.to_data()
    return data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)


def add_commands(cli: click.Group) -> None:
    """Add ``import`` to the top-level group."""

    @cli.command("import")
    @click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
    @click.argument("data_path", metavar="DATA", type=click.Path(exists=True, dir_okay=False))
    @click.option("--group", "group_key", shell_complete=complete_group, default=None,
                  help="The group the rows belong to (else a mapped group column, or the only group).")
    @click.option("--method", "method_key", shell_complete=complete_method, default=None, help="Match columns to this method's prompts only.")
    @click.option("--step", default=None, help="Match columns to this step's prompts only.")
    @click.option("--mapping", "mapping_path", type=click.Path(exists=True, dir_okay=False), default=None,
                  help="A JSON mapping of columns to prompts (draft one with --write-mapping).")
    @click.option("--write-mapping", "write_mapping", type=click.Path(dir_okay=False), default=None,
                  help="Write a draft mapping (every column, its best guess or null) and stop.")
    @click.option("--dry-run", is_flag=True, help="Show what would be added; write nothing.")
    @click.option("--skip-invalid", is_flag=True,
                  help="Import the valid rows; list every row left out and why.")
    @click.option("--new-participants", is_flag=True,
                  help="Allow codes in a participant column that are not in the session yet "
                       "(each is listed as a new participant); without it they are refused.")
    def import_(path: str, data_path: str, group_key: str | None, method_key: str | None,
                step: str | None, mapping_path: str | None, write_mapping: str | None,
                dry_run: bool, skip_invalid: bool, new_participants: bool) -> None:
        """Import answers and scores from a survey export (CSV or XLSX) into FILE.

        \b
        Recognises Google Forms and KoboToolbox exports; each column is matched
        to a prompt by its text (Thai or English) or key, a Google Forms grid
        column "Question [Item]" to the item it scores. Each row becomes a
        participant. A row that fails is reported with its row number and
        column, and nothing is written unless every row passes (or
        --skip-invalid). A column of participant codes ("Participant",
        "รหัสผู้เข้าร่วม") must name participants already in the group, unless
        --new-participants; blank codes, short rows and XLSX formulas without
        a saved result are refused.
        """
        from lessonkit import importing

        if write_mapping is not None:  # refused now, before the file is read
            from lessonkit.output import check_output

            check_output(write_mapping, protect=[path, data_path, mapping_path], what="mapping")
        registry = get_registry()
        importer = importing.importer_for(registry, data_path)
        from lessonkit.files import read_regular

        sheet = importer.read(read_regular(data_path, what="data file"), data_path)
        shape = importing.detect_shape(sheet)
        given: dict[str, Any] = {}
        if mapping_path is not None:
            from lessonkit.jsonsafe import parse

            raw = parse(read_regular(mapping_path, what="mapping"), mapping_path)
            given = importing.mapping_from_data(raw, registry, where=mapping_path)

        def mapping_for(session: Any) -> dict[str, Any]:
            guessed = importing.guess_mapping(sheet, session, registry, method=method_key, step=step)
            return {**guessed, **{h: v for h, v in given.items() if h in guessed}}

        if write_mapping is None and not dry_run:
            with edit_session(path) as session:
                lang = pick_locale(None, session)
                _say_shape(data_path, shape, sheet, lang)
                result = _run(session, registry, sheet, mapping_for(session), group_key,
                              skip_invalid, new_participants, lang)
                sheet.rows.clear()  # read: their memory is free for the save
            _report(result, lang)
            say(t("import_done", lang, participants=len(result.participants), answers=result.answers,
                  scores=result.scores, path=path))
            return
        session = load_session(path)
        lang = pick_locale(None, session)
        _say_shape(data_path, shape, sheet, lang)
        mapping = mapping_for(session)
        if write_mapping is not None:
            data = importing.mapping_to_data(mapping, shape=shape)
            from lessonkit.output import write_file

            write_file(write_mapping, json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                       protect=[path, data_path, mapping_path], what="mapping")
            say(t("import_mapping_written", lang, n=len(mapping), path=write_mapping))
            return
        for header, target in mapping.items():  # --dry-run
            click.echo(t("import_column", lang, column=header, target=_target_text(target, lang)))
        result = _run(session, registry, sheet, mapping, group_key, skip_invalid, new_participants,
                      lang)
        for row, group, code in result.new_codes:  # on stdout, with the rest of the dry run
            click.echo(t("import_new_participant", lang, row=row, group=group, code=code))
        _report(result, lang, new_codes=False)
        click.echo(t("import_dry_run", lang, participants=len(result.participants),
                     answers=result.answers, scores=result.scores, empty=result.empty_rows))


def _say_shape(data_path: str, shape: str, sheet: Any, lang: str) -> None:
    say(t("import_shape", lang, path=data_path, shape=t(f"import_shape_{shape}", lang),
          rows=len(sheet.rows), columns=len(sheet.headers)))


def _run(session: Any, registry: Any, sheet: Any, mapping: Any, group_key: str | None,
         skip_invalid: bool, new_participants: bool, lang: str) -> Any:
    from lessonkit.importing import import_rows

    options: dict[str, Any] = {"group": group_key, "skip_invalid": skip_invalid, "new_participants": new_participants}
    if len(sheet.rows) <= PROGRESS_THRESHOLD:
        return import_rows(session, registry, sheet, mapping, **options)
    with raw_output(), click.progressbar(length=len(sheet.rows), label=t("import_progress", lang),
                                         file=sys.stderr) as bar:  # the bar drives the terminal
        return import_rows(session, registry, sheet, mapping, progress=bar.update, **options)


def _report(result: Any, lang: str, *, new_codes: bool = True) -> None:
    if result.ignored:
        say(f"{t('warning', lang)}: {t('import_ignored', lang, columns=', '.join(result.ignored))}")
    for row, group, code in result.new_codes if new_codes else ():
        say(t("import_new_participant", lang, row=row, group=group, code=code))
    for problem in result.problems:
        say(t("import_skipped_row", lang, problem=problem))
    if result.problems:
        say(t("import_skipped", lang, n=len(result.problems)))
