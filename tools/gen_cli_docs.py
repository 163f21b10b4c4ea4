"""Write docs/cli.md and its Thai edition docs/cli.th.md from the CLI's own help texts:
``python tools/gen_cli_docs.py``.

``tests/test_help_locale.py`` and ``tests/test_cli.py`` fail when either is out of
date, so the reference never drifts from the commands. The Thai edition is the help
a Thai terminal shows (``LESSONKIT_LOCALE=th lessonkit … --help``), wrapped for 80
columns.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

HEADER = """# Command-line reference

Generated from `lessonkit --help` by `python tools/gen_cli_docs.py`; do not edit by hand.

Data (`--json`, `--format json|csv`) goes to stdout, confirmations, progress and warnings to
stderr. `LESSONKIT_LOCALE=th|en` sets the default language; `LESSONKIT_LOAD_PLUGINS` limits which
plugins load.

## Exit status and the error contract

| exit status | meaning |
|---|---|
| 0 | the command did what it was asked (`validate`, `ee check`, `aar check`, `5c4f check`: and found nothing wrong) |
| 1 | an error in the input: a session file that cannot be read or is not valid (not JSON, a duplicate key, a number too large, a lone surrogate, nested too deep, not a regular file…), a value that does not fit (a score off the scale, an unknown group or item), an output that cannot be written (a missing or read-only folder, a device, the session file itself), a baseline that cannot be read; or a check that found problems |
| 2 | a usage error: an unknown option, a missing argument, a value of the wrong kind for an option (click's message, with the command's usage line) |

The contract, whatever a file holds or a user types:

* **one clear message**: an error is one line on stderr, `Error: what is wrong @ where (how to
  fix it)` — the file, row and column, group, participant or item — never a Python traceback.
  A traceback is a bug: please report it (`tests/test_fuzz.py` runs every command that reads a
  file on thousands of damaged files to keep it so);
* **nothing lost**: a command that fails leaves every file as it was. A session is changed under
  its lock (`FILE.lock`) and saved in one step (see "Files lessonkit writes"); an import adds
  all its rows or none (unless `--skip-invalid`, which lists every row it leaves out);
* **whatever loads, works**: a session file `lessonkit validate` reads without a file error can
  be shown, ranked, reported in every format, exported and saved again; what could not be is
  refused when the file is read, with the reason (see docs/session-format.md, "What a file may
  not hold");
* problems found by `validate` and the methods' `check` commands are listed one per line on
  stderr (or as JSON with `--json`), with exit status 1.

## Control characters

Text typed at a workshop never needs terminal control characters, and a stored one could
clear the screen, retitle the window, hide a hyperlink or reverse a line when printed. So:

* **at input they are stripped** (`answer`, `ask`, `import`, names, titles, every text stored
  through `lessonkit.workshop.clean_text`): C0 controls except tab and newline, DEL, C1
  controls (U+0080–U+009F) and the bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069); a carriage return becomes a newline. The zero-width space
  (a Thai word break) is kept. Text that is not valid Unicode (a byte such as `\xff` typed in
  a terminal not set to UTF-8) is refused with exit status 1, since stripping would lose letters;
* **at output they are shown escaped**: a file edited by hand may still hold them, so
  everything a command prints — tables, reports and CSV or JSON on standard output, warnings
  and error messages — shows each as `\u001b`, `\u202e`… (a JSON escape, so JSON output stays
  valid and means the same). Files written with `-o` hold the text as stored.

## Files lessonkit writes

Every file lessonkit writes — session saves, `report -o`, `export -o`, `import --write-mapping`,
the `demo` folder — goes through one function, `lessonkit.output.write_file`:

* it is written to a temporary file beside the target, flushed to disk, then renamed over the
  target in one step: a reader never sees half a file, and a failed or killed write leaves the
  old file as it was;
* only a regular file (or a new one) is written: a device (`/dev/null`, `/dev/stdout`), a FIFO,
  a socket, a folder, or any path in `/dev` or `/proc` (`/dev/stdout` may lead to a file a shell
  redirected to) is refused (exit 1; leave out `-o` to print to standard output);
* a command never overwrites a file it reads: `export ws.json -o ws.json`, `report ws.json -o
  ws.json`, `import ws.json data.csv --write-mapping data.csv` are refused, however the path is
  spelt (a symbolic link or another name for the same file);
* **symbolic links are followed**: writing through a link replaces the file it points to and
  keeps the link, so a session shared through a link is updated for everyone; the session's lock
  is taken on the target, so edits through the link and through the target exclude each other;
* a missing folder, a read-only folder, `/proc`, a full disk or a file held open by another
  program are one clear error with exit status 1, and no temporary file is left behind;
* a write killed half-way leaves `.NAME.PID-TOKEN.tmp` beside the file; the next write of that
  file removes those whose process is gone (and older lessonkit's `.NAME.XXXXXXXX.tmp` and
  `.lessonkit-*.tmp` once an hour old). New files get 0666 less the umask; a replaced file keeps
  its permissions.
"""


HEADER_TH = """# คู่มืออ้างอิงคำสั่ง

สร้างจาก `lessonkit --help` ภาษาไทย (`LESSONKIT_LOCALE=th`) ด้วย `python tools/gen_cli_docs.py`
ห้ามแก้ไขด้วยมือ ฉบับภาษาอังกฤษอยู่ที่ [cli.md](cli.md)

สถานะเมื่อจบการทำงาน: 0 สำเร็จ 1 ข้อผิดพลาดของข้อมูล (ไฟล์ผิด คะแนนผิด ไม่พบกลุ่ม …) แจ้งหนึ่งบรรทัด
ทาง stderr และไม่มีอะไรถูกแก้ไข 2 ใช้คำสั่งผิดวิธี ข้อมูล (`--json`, `--format json|csv`) ออกทาง stdout
ส่วนข้อความยืนยัน ความคืบหน้า และคำเตือนออกทาง stderr

ภาษาของคำอธิบายเลือกจาก `--locale th|en` ของคำสั่ง ถ้าไม่มีจึงใช้ `LESSONKIT_LOCALE=th|en`
ถ้าไม่มีอีกจึงใช้ภาษาของระบบ (`LANG=th_TH.UTF-8`, `LC_ALL`, `LC_MESSAGES`) ส่วน
`LESSONKIT_LOAD_PLUGINS` ใช้จำกัดปลั๊กอินที่โหลด
"""


def _walk(command: click.Command, path: list[str], ctx: click.Context | None,
          prefix: str = "Usage:") -> list[str]:
    name = " ".join(path)
    sub_ctx = click.Context(command, info_name=path[-1], parent=ctx, **command.context_settings)
    help_text = command.get_help(sub_ctx).replace(f"{prefix} {path[-1]}", f"{prefix} {name}", 1)
    out = [f"\n## `{name}`\n", "```text", help_text.rstrip(), "```"]
    if isinstance(command, click.Group):
        for sub in command.list_commands(sub_ctx):
            child = command.get_command(sub_ctx, sub)
            if child is not None and not child.hidden:
                out.extend(_walk(child, [*path, sub], sub_ctx, prefix))
    return out


def render(locale: str = "en") -> str:
    """The reference in ``locale`` (``"en"``: docs/cli.md, ``"th"``: docs/cli.th.md)."""
    from lessonkit.cli import cli
    from lessonkit.cli import help as localized

    localized.install(locale)
    try:
        header = HEADER_TH if locale == "th" else HEADER
        prefix = "วิธีใช้:" if locale == "th" else "Usage:"
        return header + "\n".join(_walk(cli, ["lessonkit"], None, prefix)) + "\n"
    finally:
        localized.install("en")


#: where each edition is written
TARGETS = {"en": "cli.md", "th": "cli.th.md"}


def main() -> int:
    docs = Path(__file__).resolve().parent.parent / "docs"
    for locale, name in TARGETS.items():
        target = docs / name
        target.write_text(render(locale), encoding="utf-8")
        print(f"wrote {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
