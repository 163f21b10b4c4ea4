"""Import survey answers (Google Forms, KoboToolbox, any spreadsheet) into a session.

Reading a file is an :class:`Importer`'s job (CSV and XLSX are built in;
plugins add more through the ``register_importers`` hook). What it reads is a
:class:`Sheet`: column headers and rows. Then:

1. :func:`detect_shape` recognises a Google Forms export (first column
   ``Timestamp`` / ``ประทับเวลา``) or a KoboToolbox export (``_id``, ``_uuid``,
   ``_submission_time`` columns), whose bookkeeping columns are skipped;
2. :func:`guess_mapping` matches every header to a prompt by its text in
   either language (or its key), ``Question [Item]`` headers of a Google Forms
   grid to a scored prompt's item; a facilitator can correct the guess in a
   mapping file (:func:`mapping_to_data`, :func:`mapping_from_data`);
3. :func:`import_rows` turns each row into a participant with answers and
   scores, checked by :func:`lessonkit.workshop.add_answers` and
   :func:`lessonkit.workshop.set_scores`. A row is added whole or not at all.

>>> normalize_header("  What   was\\nEXPECTED? ")
'what was expected?'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from lessonkit._collector import collector_paused
from lessonkit.errors import LessonkitError, NotFoundError, ValidationError
from lessonkit.method import LocalizedText, Method, Prompt

if TYPE_CHECKING:  # the session model is imported on first use (start-up time)
    from lessonkit.model import Group, Participant, Session
    from lessonkit.plugins import Registry

__all__ = [
    "GOOGLE_TIMESTAMPS",
    "KOBO_COLUMNS",
    "MAPPING_VERSION",
    "ColumnTarget",
    "ImportResult",
    "Importer",
    "Sheet",
    "UnreadCell",
    "detect_shape",
    "guess_mapping",
    "import_rows",
    "importer_for",
    "mapping_from_data",
    "mapping_to_data",
    "normalize_header",
    "read_csv",
    "read_xlsx",
]

#: The first column of a Google Forms export, by the form owner's language.
GOOGLE_TIMESTAMPS = ("timestamp", "ประทับเวลา")
#: Columns that mark a KoboToolbox export.
KOBO_COLUMNS = ("_id", "_uuid", "_submission_time")
#: Bookkeeping columns skipped in each shape (normalised).
_SKIPPED: dict[str, set[str]] = {
    "google_forms": {"timestamp", "ประทับเวลา", "email address", "ที่อยู่อีเมล", "score", "คะแนน"},
    "kobo": {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
             "phonenumber", "audit", "__version__", "meta/instanceid", "instanceid"},
}
#: The version of the mapping file format.
MAPPING_VERSION = 1
_NAME_HEADERS = {"name", "full name", "your name", "ชื่อ", "ชื่อ-สกุล", "ชื่อ-นามสกุล",
                 "ชื่อ นามสกุล", "ชื่อผู้ตอบ", "ชื่อผู้เข้าร่วม"}
_AGENCY_HEADERS = {"agency", "organisation", "organization", "หน่วยงาน", "สังกัด", "องค์กร"}
_GROUP_HEADERS = {"group", "กลุ่ม", "กลุ่มย่อย"}
#: Headers of a column of participant codes (keys such as ``p1``), not of names.
_PARTICIPANT_HEADERS = {"participant", "participant code", "participant id", "participant key",
                        "code", "ผู้เข้าร่วม", "รหัส", "รหัสผู้เข้าร่วม", "รหัสผู้ตอบ"}
_BRACKETED = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]$", re.DOTALL)


# -- reading files ---------------------------------------------------------------------


@attrs.define
class Sheet:
    """What an importer read: column headers and rows of cells (str, int, float or None).

    ``delimiter`` is the CSV delimiter found, if any; ``where`` names the file.
    """

    headers: list[str]
    rows: list[list[Any]]
    delimiter: str | None = None
    where: str = "data"


@attrs.frozen
class Importer:
    """A file format answers can be imported from.

    :ivar key: the format's name (``csv``).
    :ivar title: a localized title for listings.
    :ivar extensions: file name endings it reads, with the dot (``(".csv", ".tsv")``).
    :ivar read: ``read(data: bytes, where: str) -> Sheet``; ``where`` is the
        file name for messages. Raise :class:`lessonkit.ValidationError` for a
        file that cannot be read.
    """

    key: str
    title: LocalizedText
    extensions: tuple[str, ...]
    read: Callable[[bytes, str], Sheet]


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"not UTF-8 text (byte {exc.start})", where=where,
            hint="save it as 'CSV UTF-8' (Excel) or download it again as CSV") from None


def _sniff(text: str) -> str:
    sample = text[:65536]
    first = sample.split("\n", 1)[0]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        found = ""
    counts = {d: first.count(d) for d in ",;\t|"}
    best = max(counts, key=lambda d: counts[d])
    # trust the sniffer only when the header line agrees with it
    if found and counts.get(found, 0) > 0:
        return found
    return best if counts[best] else ","


#: A line and its end (CR LF, CR or LF), as a file opened with ``newline=""`` reads it.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+$")
#: :func:`_lines` splits the text this many characters (and the rest of a line) at a time.
_SPAN = 1 << 20


def _split_lines(part: str) -> list[str]:
    """The lines of ``part`` as :data:`_LINE` splits it: ``str.splitlines`` (in C), unless
    the part holds a line break of its own (vertical tab, form feed, U+2028…), which
    gives it more lines than CR, LF and CR LF make."""
    lines = part.splitlines(True)
    ends = part.count("\n") + part.count("\r") - part.count("\r\n")
    if len(lines) != ends + (not part.endswith(("\n", "\r"))):
        lines = [m.group() for m in _LINE.finditer(part)]
    return lines


def _parts(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start + _SPAN)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as a file opened with ``newline=""`` gives them (without
    copying the whole text into a ``StringIO``, four bytes a character), a part of
    about a million characters at a time, each part ending after a line feed."""
    return itertools.chain.from_iterable(map(_split_lines, _parts(text)))


def read_csv(data: bytes, where: str = "data") -> Sheet:
    """Read CSV: UTF-8 with or without BOM, delimiter sniffed (``,`` ``;`` tab ``|``)."""
    text = _decode(data, where)
    if not text.strip():
        raise ValidationError("the file is empty", where=where)
    delimiter = _sniff(text)
    # lines as a file opened with newline="" gives them (io.StringIO would copy the text,
    # four bytes a character); a cell seen before is kept once (a survey repeats its
    # answers: scale levels, yes and no)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    seen: dict[str, str] = {}
    once = seen.setdefault
    # a list per row and no cycles: a collection while reading would find them all alive
    with collector_paused(age=True):
        try:  # a row with text in some cell: its first cell, else "".join (one call, not one per cell)
            rows = [list(map(once, row, row)) for row in reader
                    if row and (row[0].strip() or "".join(row).strip())]
        except csv.Error as exc:
            raise ValidationError(f"not valid CSV near line {reader.line_num}: {exc}", where=where) from None
    if not rows:
        raise ValidationError("no header row: every line is empty", where=where,
                              hint="the first line must name the columns")
    del text, reader, seen
    headers = rows[0]
    del rows[0]  # the reader's lists are the rows: not copied (a large survey is held once)
    return Sheet(headers=headers, rows=rows, delimiter=delimiter, where=where)


@attrs.frozen
class UnreadCell:
    """A spreadsheet cell whose value could not be read: a formula without a saved result.

    An XLSX written by a program (not Excel or LibreOffice) may hold formulas
    whose results were never calculated; reading such a cell as empty would
    silently drop a score, so :func:`import_rows` refuses the row instead.
    """

    formula: str

    def __str__(self) -> str:
        return self.formula


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the XLSX ``data`` holds a formula (a ``<f>`` element)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(name) as part:
                        if _FORMULA_TAG.search(part.read()):
                            return True
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return False
    return False


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_xlsx(data: bytes, where: str = "data") -> Sheet:
    """Read the first sheet of an XLSX workbook (needs openpyxl: the ``xlsx`` extra)."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise LessonkitError("reading XLSX needs openpyxl", hint="pip install 'lessonkit[xlsx]'") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(f"not a readable XLSX workbook: {type(exc).__name__}: {exc}",
                              where=where) from None
    formulas: Any = None
    if _has_formulas(data):  # a second read, for the formulas whose results were never saved
        try:
            formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except Exception:  # pragma: no cover - the first read succeeded
            formulas = None
    try:
        sheet = workbook.worksheets[0]
        raw_rows: Any = sheet.iter_rows(values_only=True)
        if formulas is not None:
            raw_rows = (
                tuple(UnreadCell(f) if v is None and isinstance(f, str) and f.startswith("=") else v
                      for v, f in itertools.zip_longest(values, formula_row))
                for values, formula_row in zip(
                    raw_rows, formulas.worksheets[0].iter_rows(values_only=True), strict=False))
        rows = [[_xlsx_cell(v) for v in row] for row in raw_rows
                if any(v is not None and str(v).strip() for v in row)]
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()
    if not rows:
        raise ValidationError("the first sheet is empty", where=where)
    headers = ["" if h is None else str(h) for h in rows[0]]
    return Sheet(headers=headers, rows=rows[1:], where=where)


def importer_for(registry: Registry, path: str | Path) -> Importer:
    """The importer whose extensions match ``path`` (CSV when none does)."""
    name = str(path).lower()
    for importer in registry.importers.values():
        if any(name.endswith(ext) for ext in importer.extensions):
            return importer
    if "csv" in registry.importers:
        return registry.importers.get("csv")
    raise NotFoundError(f"no importer reads {path}", code="no_importer")


# -- matching columns ------------------------------------------------------------------


def normalize_header(text: str) -> str:
    """A header as compared: NFC, Thai repaired, whitespace collapsed, case folded."""
    from lessonkit.thai import normalize_thai

    return " ".join(normalize_thai(unicodedata.normalize("NFC", str(text))).split()).casefold()


def detect_shape(sheet: Sheet) -> str:
    """``"google_forms"``, ``"kobo"`` or ``"table"`` (any other spreadsheet)."""
    names = [normalize_header(h) for h in sheet.headers]
    if names and names[0] in GOOGLE_TIMESTAMPS:
        return "google_forms"
    if sum(1 for c in KOBO_COLUMNS if c in names) >= 2:
        return "kobo"
    return "table"


@attrs.frozen
class ColumnTarget:
    """Where a column goes: a prompt (with item, criterion or field) or a participant detail.

    ``kind`` is ``"prompt"`` (``method``, ``step``, ``prompt`` and, for scored
    prompts, ``item`` and maybe ``criterion``; for table prompts ``field``),
    ``"name"``, ``"agency"``, ``"participant"`` (a participant key) or
    ``"group"`` (a group key or name).
    """

    kind: str
    method: str | None = None
    step: str | None = None
    prompt: str | None = None
    item: str | None = None
    criterion: str | None = None
    field: str | None = None

    def to_data(self) -> dict[str, Any] | str:
        if self.kind != "prompt":
            return self.kind
        data: dict[str, Any] = {"prompt": f"{self.method}.{self.step}.{self.prompt}"}
        for name in ("item", "criterion", "field"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        return data


def _candidates(session: Session, registry: Registry, method: str | None,
                step: str | None) -> list[tuple[Method, str, Prompt]]:
    keys = [method] if method else list(session.methods)
    found: list[tuple[Method, str, Prompt]] = []
    for key in keys:
        if method is not None and key not in session.methods:
            raise ValidationError(f"method {key!r} is not used in this session "
                                  f"(in use: {', '.join(session.methods) or 'none'})")
        if key not in registry.methods:
            continue
        m = registry.method(key)
        for s, p in m.prompts():
            if step is None or s.key == step:
                found.append((m, s.key, p))
    if step is not None and not found:
        raise NotFoundError(f"no prompts in step {step!r} of {', '.join(keys) or 'no method'}")
    return found


def _prompt_index(candidates: Sequence[tuple[Method, str, Prompt]]) -> dict[str, list[tuple[Method, str, Prompt]]]:
    index: dict[str, list[tuple[Method, str, Prompt]]] = {}
    for m, s, p in candidates:
        names = {normalize_header(t) for t in p.text.values.values()}
        names |= {p.key, f"{s}.{p.key}", f"{s}/{p.key}", f"{m.key}.{s}.{p.key}"}
        for name in names:
            entries = index.setdefault(name, [])
            if (m, s, p) not in entries:
                entries.append((m, s, p))
    return index


def _lookup(index: Mapping[str, list[tuple[Method, str, Prompt]]], name: str) -> tuple[Method, str, Prompt] | None:
    found = index.get(name)
    if found is None and "/" in name:  # Kobo: "group_name/question"
        found = index.get(name.rsplit("/", 1)[1].strip())
    return found[0] if found and len(found) == 1 else None


def guess_mapping(sheet: Sheet, session: Session, registry: Registry, *, method: str | None = None,
                  step: str | None = None) -> dict[str, ColumnTarget | None]:
    """The best guess for every column: a :class:`ColumnTarget`, or ``None`` (not imported)."""
    shape = detect_shape(sheet)
    skipped = _SKIPPED.get(shape, set())
    index = _prompt_index(_candidates(session, registry, method, step))
    mapping: dict[str, ColumnTarget | None] = {}
    for header in sheet.headers:
        name = normalize_header(header)
        target: ColumnTarget | None = None
        if not name or name in skipped or (shape == "kobo" and name.startswith("_")):
            target = None
        elif name in _NAME_HEADERS:
            target = ColumnTarget("name")
        elif name in _PARTICIPANT_HEADERS:
            target = ColumnTarget("participant")
        elif name in _AGENCY_HEADERS:
            target = ColumnTarget("agency")
        elif name in _GROUP_HEADERS:
            target = ColumnTarget("group")
        else:
            found = _lookup(index, name)
            item = None
            if found is None:
                bracket = _BRACKETED.match(name)
                if bracket:
                    found = _lookup(index, bracket.group(1).strip())
                    item = " ".join(header.strip()[header.strip().rfind("[") + 1:-1].split())
                    if found is not None and not found[2].scored:
                        found = None
            if found is not None and (not found[2].scored or item is not None):
                m, s, p = found
                target = ColumnTarget("prompt", method=m.key, step=s, prompt=p.key, item=item)
        mapping[header] = target
    return mapping


def mapping_to_data(mapping: Mapping[str, ColumnTarget | None], *, shape: str = "table") -> dict[str, Any]:
    """A mapping as the JSON a facilitator edits."""
    return {
        "lessonkit_mapping": MAPPING_VERSION,
        "shape": shape,
        "help": ("each column maps to null (not imported), \"name\", \"agency\", \"participant\", "
                 "\"group\", or {\"prompt\": \"method.step.prompt\"} with \"item\" (scored prompts), "
                 "\"criterion\" or \"field\" (table prompts)"),
        "columns": {header: (None if target is None else target.to_data())
                    for header, target in mapping.items()},
    }


def mapping_from_data(data: Any, registry: Registry, where: str = "mapping") -> dict[str, ColumnTarget | None]:
    """Read a mapping file's data, checking every prompt it names."""
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise ValidationError("a mapping is a JSON object with a 'columns' object", where=where)
    if data.get("lessonkit_mapping", MAPPING_VERSION) != MAPPING_VERSION:
        raise ValidationError(f"mapping version {data.get('lessonkit_mapping')!r} is not "
                              f"{MAPPING_VERSION}", where=where)
    mapping: dict[str, ColumnTarget | None] = {}
    for header, raw in data["columns"].items():
        at = f"{where}: columns[{header!r}]"
        if raw is None:
            mapping[header] = None
        elif raw in ("name", "agency", "participant", "group"):
            mapping[header] = ColumnTarget(raw)
        elif isinstance(raw, dict) and isinstance(raw.get("prompt"), str):
            unknown = set(raw) - {"prompt", "item", "criterion", "field"}
            if unknown:
                raise ValidationError(f"unknown key(s) {', '.join(sorted(unknown))}", where=at)
            parts = raw["prompt"].split(".")
            if len(parts) != 3:
                raise ValidationError(f"prompt {raw['prompt']!r} is not method.step.prompt", where=at)
            try:
                m = registry.method(parts[0])
                prompt = m.prompt(parts[1], parts[2])
            except NotFoundError as exc:
                raise NotFoundError(exc.message, where=at) from None
            target = ColumnTarget("prompt", method=m.key, step=parts[1], prompt=prompt.key,
                                  item=_opt_str(raw, "item", at), criterion=_opt_str(raw, "criterion", at),
                                  field=_opt_str(raw, "field", at))
            _check_target(target, prompt, at)
            mapping[header] = target
        else:
            raise ValidationError(f"{raw!r} is not a column target", where=at,
                                  hint='use null, "name", "agency", "participant", "group" or '
                                       '{"prompt": "method.step.prompt"}')
    return mapping


def _opt_str(raw: Mapping[str, Any], name: str, where: str) -> str | None:
    value = raw.get(name)
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{name!r} must be text (got {value!r})", where=where)
    return value


def _check_target(target: ColumnTarget, prompt: Prompt, where: str) -> None:
    if prompt.scored and not target.item:
        raise ValidationError(f"{prompt.kind} prompt {prompt.key!r} needs the 'item' the column scores",
                              where=where)
    if prompt.criteria and not target.criterion:
        raise ValidationError(f"prompt {prompt.key!r} is scored per criterion: give 'criterion' "
                              f"({', '.join(c.key for c in prompt.criteria)})", where=where)
    if prompt.kind == "table" and not target.field:
        raise ValidationError(f"table prompt {prompt.key!r} needs the 'field' the column fills "
                              f"({', '.join(f.key for f in prompt.fields)})", where=where)
    if target.criterion:
        prompt.criterion(target.criterion)
    if target.field and target.field not in {f.key for f in prompt.fields}:
        raise ValidationError(f"table prompt {prompt.key!r} has no field {target.field!r}", where=where)


# -- importing rows ---------------------------------------------------------------------


@attrs.define
class ImportResult:
    """What an import added (or would add), and what it left out.

    ``problems`` are the refused rows (``row 5, column 'Q2': …``), ``ignored``
    the columns not imported, ``empty_rows`` rows with nothing to import,
    ``new_codes`` the participant codes of a participant column that were not
    in the session yet (``(row, group, code)``), added only when the import
    allows new participants.
    """

    rows: int = 0
    participants: list[tuple[str, str]] = attrs.field(factory=list)  # (group, participant key)
    answers: int = 0
    scores: int = 0
    empty_rows: int = 0
    problems: list[str] = attrs.field(factory=list)
    ignored: list[str] = attrs.field(factory=list)
    new_codes: list[tuple[int, str, str]] = attrs.field(factory=list)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _split_choices(prompt: Prompt, text: str) -> list[str]:
    if not prompt.multiple:
        return [text]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    keys = {c.key for c in prompt.choices}
    if len(parts) == 1 and " " in parts[0] and set(parts[0].split()) <= keys:  # Kobo select_multiple
        parts = parts[0].split()
    return parts


def import_rows(
    session: Session,
    registry: Registry,
    sheet: Sheet,
    mapping: Mapping[str, ColumnTarget | None],
    *,
    group: str | None = None,
    skip_invalid: bool = False,
    new_participants: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Add each row of ``sheet`` to ``session`` as a participant with answers and scores.

    Rows are numbered as in a spreadsheet (the header is row 1). A row that
    fails is reported with its row number and column; unless ``skip_invalid``,
    any failure raises a :class:`ValidationError` listing them, and the caller
    (``files.edit``) saves nothing. Each row is checked on its own scratch
    copy first, so a refused row never leaves half its answers behind.
    ``progress(n)`` is called after every ``n`` rows.

    Refused, with row and column: a row with fewer or more cells than the
    header has columns; a mapped cell holding a formula without a saved result
    (:class:`UnreadCell`); when a column is mapped to participant codes, a row
    whose code is blank, or a code not in the session unless
    ``new_participants`` (a typo'd ``p01`` must not create a new person; the
    new codes allowed are listed in ``new_codes``).
    """
    from lessonkit import workshop

    workshop_module: Any = workshop
    result = ImportResult(rows=len(sheet.rows))
    columns = _resolve_columns(sheet, mapping, result)
    if not any(t is not None and t.kind == "prompt" for _i, _h, t in columns):
        raise ValidationError("no column matches a prompt", where=sheet.where,
                              hint="draft a mapping with --write-mapping, edit it, and pass --mapping")
    group_column = next(((i, h) for i, h, t in columns if t is not None and t.kind == "group"), None)
    if group is not None:
        session.group(group)
    elif group_column is None:
        if len(session.groups) != 1:
            raise ValidationError("give --group (or map a column to \"group\"): the session has "
                                  f"{len(session.groups)} groups")
        group = session.groups[0].key
    taken = {p.key for g in session.groups for p in g.participants}
    owner = {p.key: g.key for g in session.groups for p in g.participants}
    counter = [len(taken)]
    if group_column is None and _bulk_import(session, registry, sheet, columns, group, taken,
                                             owner, counter, result, progress):
        return result
    state = _State()
    width = len(sheet.headers)
    mapped = [(i, h) for i, h, t in columns if t is not None]
    for index, raw_row in enumerate(sheet.rows):
        row_no = index + 2
        if len(raw_row) > width and any(_cell_text(c).strip() for c in raw_row[width:]):
            result.problems.append(f"row {row_no}: {len(raw_row)} cells but the header has {width} columns")
            _tick(progress, index)
            continue
        if len(raw_row) < width:
            missing = ", ".join(repr(h) for h in sheet.headers[len(raw_row):][:3])
            more = ", …" if width - len(raw_row) > 3 else ""
            result.problems.append(f"row {row_no}: {len(raw_row)} cells but the header has {width} "
                                   f"columns (no cell for {missing}{more})")
            _tick(progress, index)
            continue
        unread = next(((i, h) for i, h in mapped if isinstance(raw_row[i], UnreadCell)), None)
        if unread is not None:
            result.problems.append(
                f"row {row_no}, column {unread[1]!r}: the formula {raw_row[unread[0]]} has no saved "
                "result (open the file in Excel or LibreOffice and save it, or paste values)")
            _tick(progress, index)
            continue
        row = [_cell_text(c) for c in raw_row[:width]]
        try:
            added = _import_row(session, registry, workshop_module, row, row_no, columns, group, group_column,
                                taken, owner, counter, state, new_participants, result)
        except _RowError as exc:
            result.problems.append(str(exc))
            _tick(progress, index)
            continue
        if added is None:
            result.empty_rows += 1
        else:
            if added[3]:  # a new participant, not rows added to one already there
                result.participants.append(added[0])
            result.answers += added[1]
            result.scores += added[2]
        _tick(progress, index)
    if result.problems and not skip_invalid:
        shown = "; ".join(result.problems[:5])
        more = f" (and {len(result.problems) - 5} more)" if len(result.problems) > 5 else ""
        raise ValidationError(f"{len(result.problems)} row(s) refused, nothing imported: {shown}{more}",
                              where=sheet.where, hint="fix the file, or pass --skip-invalid")
    return result


class _NotBulk(Exception):
    """The import needs the row-by-row path (which also words any error)."""


def _bulk_import(session: Session, registry: Registry, sheet: Sheet,
                 columns: Sequence[tuple[int, str, ColumnTarget | None]], group_key: str | None,
                 taken: set[str], owner: dict[str, str], counter: list[int],
                 result: ImportResult, progress: Callable[[int], None] | None) -> bool:
    """Import a clean sheet column by column; ``False`` (and the session untouched) when the
    row-by-row path must do it.

    The usual survey export — one group, each row a new anonymous or named participant,
    text answers and scores on a scale — is checked in bulk: each score column's distinct
    cells are parsed against the prompt's scale once, the item each column scores is found
    once, every text is cleaned as :func:`lessonkit.workshop.add_answers` cleans it, and the
    methods' ``session_problems`` checks run once over all the new rows. The participants,
    answers and score columns are then added in one step, with the keys, ids and order the
    row-by-row path gives (a test compares both). Anything else — a participant-code or
    group column, list, choice, table, dots or rank prompts, a row with a problem, a check
    that finds one — goes row by row, which refuses and words exactly as before.
    """
    # a million new objects and no cycles: collecting while making them is waste, and a
    # young-generation pass over them afterwards (then another as they age) would only find
    # them alive
    with collector_paused(age=True):
        try:
            made = _bulk_rows(session, registry, sheet, columns, group_key, taken, progress)
        except (_NotBulk, LessonkitError):
            return False
        _add_bulk(made, taken, owner, counter, result)
    return True


def _add_bulk(made: tuple[Any, ...], taken: set[str], owner: dict[str, str], counter: list[int],
              result: ImportResult) -> None:
    group, people, entries, tables, counts = made
    group.participants.extend(people)
    keys = counts["keys"]
    taken.update(keys)
    owner.update(zip(keys, itertools.repeat(group.key)))
    result.participants.extend(zip(itertools.repeat(group.key), keys))
    counter[0] = counts["counter"]
    group.entries.extend(entries)
    for score_key, (keys, table_columns) in tables.items():
        table = group.scores.get(score_key)
        if table is None:
            from lessonkit.scores import ScoreTable

            table = group.scores[score_key] = ScoreTable()
        table.extend(keys, table_columns)
    result.answers += len(entries)
    result.scores += counts["scores"]
    result.empty_rows += counts["empty"]


def _clean_many(texts: Iterable[str]) -> dict[str, str]:
    """Each text as :func:`lessonkit.workshop.clean_text` stores it (see :func:`_clean_all`)."""
    lines = list(texts)
    found = _clean_all(lines)
    return dict(zip(lines, lines, strict=True)) if found is None else found


def _clean_all(lines: list[str], *, stripped: bool = False) -> dict[str, str] | None:
    """Each text as :func:`lessonkit.workshop.clean_text` stores it, the texts cleaned
    together: joined by newlines, normalised, repaired and stripped of controls in one
    call of each step, then split. No step joins or splits across a newline (NFC
    composes nothing with it, the SARA AM folding and repair stop at it, it is not a
    control that is stripped), so each text comes out as alone; a text holding a newline
    or CR, or a set of texts where some SARA AM needs repair, is cleaned alone.
    ``None`` when every text is stored as it is (clean and stripped already: the
    usual survey), with no mapping made; ``stripped`` says the caller stripped them."""
    from lessonkit.safetext import strip_controls
    from lessonkit.thai import _needs_sara_am_repair, fold_sara_am
    from lessonkit.workshop import clean_text

    done: dict[str, str] = {}
    joined = "\n".join(lines)
    if "\r" in joined or joined.count("\n") != len(lines) - 1:  # some text holds a line end
        done = {text: clean_text(text) for text in lines if "\n" in text or "\r" in text}
        lines = [text for text in lines if text not in done]
        joined = "\n".join(lines)
    if not lines:
        return done
    folded = fold_sara_am(unicodedata.normalize("NFC", joined))
    if _needs_sara_am_repair(folded):
        done.update((text, clean_text(text)) for text in lines)
        return done
    # folded and normalised again, as clean_text's repair does: text that neither step
    # changed the first time (the same object back) is what they give again
    again = folded if folded is joined else unicodedata.normalize("NFC", fold_sara_am(folded))
    try:
        cleaned = strip_controls(again)
    except LessonkitError:  # a lone surrogate: cleaned alone, it is worded for its own text
        cleaned = ""
    if not done and cleaned == joined and (
            stripped or all(map(str.__eq__, lines, map(str.strip, lines)))):
        return None  # each text is what it would be cleaned alone: itself
    del joined, folded, again
    parts = cleaned.split("\n") if cleaned else []
    if len(parts) != len(lines):
        done.update((text, clean_text(text)) for text in lines)
        return done
    done.update(zip(lines, map(str.strip, parts), strict=True))
    return done


def _bulk_rows(session: Session, registry: Registry, sheet: Sheet,
               columns: Sequence[tuple[int, str, ColumnTarget | None]], group_key: str | None,
               taken: set[str], progress: Callable[[int], None] | None) -> tuple[Any, ...]:
    from array import array

    from lessonkit.model import Entry, Group, Participant, _filling
    from lessonkit.model import Session as SessionType
    from lessonkit.scores import NA, ScoreTable
    from lessonkit.workshop import (
        _parse_value,
        items_for,
        plugin_problems,
        resolve_item,
        score_key,
    )

    if group_key is None:
        raise _NotBulk
    group = session.group(group_key)
    state = _State()
    items = state.items_of(group, registry)
    scratch_items = Group(key=group.key, name=group.name, entries=list(items))
    sources: dict[str, set[str]] = {}
    plan: list[tuple[int, str, Any]] = []
    methods = set()
    for i, _header, target in columns:
        if target is None:
            continue
        if target.kind in ("name", "agency"):
            plan.append((i, target.kind, None))
            continue
        if target.kind != "prompt" or target.method not in session.methods:
            raise _NotBulk
        assert target.prompt is not None
        method = registry.method(target.method)
        step, prompt = method.find_prompt(target.step, target.prompt)
        methods.add(method.key)
        if prompt.scored:
            criterion = target.criterion or ""
            if (prompt.kind != "score" or prompt.scale is None or prompt.budget is not None
                    or bool(prompt.criteria) != bool(criterion)
                    or (criterion and criterion not in {c.key for c in prompt.criteria})
                    or target.item is None):
                raise _NotBulk
            item = resolve_item(items_for(scratch_items, method, step, prompt), target.item).id
            plan.append((i, "score", (score_key(method.key, step.key, prompt.key), item,
                                      criterion, prompt, {})))
        elif prompt.kind == "text" and prompt.key not in _item_sources(registry, method.key, sources):
            plan.append((i, "text", (method.key, step.key, prompt.key)))
        else:
            raise _NotBulk
    width = len(sheet.headers)
    rows = sheet.rows
    if set(map(len, rows)) - {width} and any(
            len(r) < width or any(_cell_text(c).strip() for c in r[width:])
            for r in rows if len(r) != width):  # a short or over-long row: worded row by row
        raise _NotBulk
    text_plan = [(i, info) for i, kind, info in plan if kind == "text"]
    score_plan = [(i, info) for i, kind, info in plan if kind == "score"]
    detail_plan = [(kind, [i for i, k, _info in plan if k == kind]) for kind in ("name", "agency")]
    if any(len(found) > 1 for _kind, found in detail_plan):
        raise _NotBulk  # two name columns: the last one filled counts, row by row
    infos = [info for _i, info in text_plan]
    new_entry, new_person = _filling(Entry), _filling(Participant)
    used_ids = {e.id for e in group.entries}  # new ids e<n> as the core numbers them
    serial = len(group.entries) + 1
    counter = len(taken)
    empty = 0
    keys: list[str] = []
    people: list[Any] = []
    entries: list[Any] = []
    score_texts: list[list[str]] = [[] for _ in score_plan]
    for start in range(0, len(rows), _CHUNK):  # column by column, a chunk of rows at a time
        part = rows[start:start + _CHUNK]
        # each mapped column once, its cells stripped: a list per column, not a dict per row
        cells = list(zip(*part, strict=False))  # its columns (a row may end in blank extra cells)
        texts_in = [_stripped(cells[i]) for i, _info in text_plan]
        scores_in = [_stripped(cells[i]) for i, _info in score_plan]
        details = [_stripped(cells[found[0]]) if found else None for _kind, found in detail_plan]
        del cells
        # the rows that make a participant: some answer or some score (a name alone does not)
        mask = list(map(any, zip(*texts_in, *scores_in, strict=True)))
        used = sum(mask)
        empty += len(part) - used
        if used < len(part):
            texts_in = [list(itertools.compress(c, mask)) for c in texts_in]
            scores_in = [list(itertools.compress(c, mask)) for c in scores_in]
            details = [None if c is None else list(itertools.compress(c, mask)) for c in details]
        for found, scored in zip(score_texts, scores_in, strict=True):
            found.extend(scored)
        cell_texts: set[str] = set().union(*texts_in, *(c for c in details if c is not None))
        cell_texts.discard("")
        clean = _clean_all(list(cell_texts), stripped=True)  # the chunk's texts at once
        # the participants: new keys p<n> as the core gives them, skipping any taken
        new_keys = _numbered("p", counter + 1, used, taken)
        if new_keys:
            counter = int(new_keys[-1][1:])
        # made directly, as entries are below: new p<n> keys, cleaned texts or None (a
        # blank cell gives None: "" is not among the cleaned texts)
        names, agencies = (itertools.repeat(None) if column is None
                           else map(_BLANK.get, column, column) if clean is None
                           else map(clean.get, column) for column in details)
        made = list(itertools.starmap(new_person, itertools.repeat((), used)))
        for person, key, name, agency in zip(made, new_keys, names, agencies, strict=False):
            person.key, person.name, person.agency = key, name, agency
            person.__class__ = Participant
        people += made
        keys += new_keys
        # their entries: row after row, in column order within a row, as the row-by-row
        # path adds them; made directly, as files.load makes entries (what Entry's
        # validators check holds by construction: new ids, new keys, cleaned texts)
        flat = (list(itertools.chain.from_iterable(zip(*texts_in, strict=True))) if len(texts_in) > 1
                else texts_in[0] if texts_in else [])
        texts = list(itertools.compress(flat, flat))  # not blank
        if clean is not None:
            texts = list(map(clean.__getitem__, texts))
        if not all(texts):
            raise _NotBulk  # a text that is nothing once cleaned: add_answers words it
        owners = itertools.compress(itertools.chain.from_iterable(zip(*[new_keys] * len(infos), strict=True)), flat)
        row_infos = list(itertools.compress(itertools.chain.from_iterable(
            itertools.repeat(infos, used)), flat))
        ids = _numbered("e", serial, len(texts), used_ids)
        if ids:
            serial = int(ids[-1][1:]) + 1
        made = list(itertools.starmap(new_entry, itertools.repeat((), len(texts))))
        for entry, eid, (method, step, prompt), text, owner in zip(
                made, ids, row_infos, texts, owners, strict=True):
            entry.id, entry.method, entry.step, entry.prompt = eid, method, step, prompt
            entry.text, entry.participant, entry.row, entry.tags, entry.data = text, owner, None, [], {}
            entry.__class__ = Entry
        entries += made
        if progress is not None:
            progress(len(part))
    # scores, column by column: each column's distinct cells parsed once against its scale
    if len({(info[0], info[1], info[2]) for _i, info in score_plan}) != len(score_plan):
        raise _NotBulk  # one item scored twice in a row: set_scores words it
    absent = float("nan")
    values_of: list[list[float]] = []
    for (_i, (_sk, _item, _criterion, prompt, _cache)), texts_c in zip(score_plan, score_texts,
                                                                      strict=True):
        parsed: dict[str, float] = {"": absent}
        for text in set(texts_c) - {""}:
            try:
                value = _parse_value(prompt, text, "")
            except LessonkitError:
                raise _NotBulk from None
            parsed[text] = -math.inf if value is NA else float(value)
        values_of.append(list(map(parsed.__getitem__, texts_c)))
    del score_texts
    # a blank cell is the one object ``absent`` in every column: found by identity, in C
    scores = sum(len(v) - v.count(absent) for v in values_of)

    def filled(c: int) -> Iterator[bool]:
        return map(operator.is_not, values_of[c], itertools.repeat(absent))

    # the order the row-by-row path creates tables and columns in: by the first row with a
    # value, then that row's ballots (a prompt and criterion) in column order, then items
    first: dict[int, tuple[int, int, int]] = {}
    for c in range(len(values_of)):
        at = next(itertools.compress(itertools.count(), filled(c)), None)
        if at is None:
            continue
        in_row = [k for k, vals in enumerate(values_of) if vals[at] is not absent]
        ballots = list(dict.fromkeys((score_plan[k][1][0], score_plan[k][1][2]) for k in in_row))
        sk, _item, criterion = score_plan[c][1][:3]
        first[c] = (at, ballots.index((sk, criterion)), c)
    table_order = list(dict.fromkeys(score_plan[c][1][0] for c in sorted(first, key=first.__getitem__)))
    tables: dict[str, tuple[list[str], dict[tuple[str, str], Any]]] = {}
    for sk in table_order:
        columns_here = sorted((c for c in first if score_plan[c][1][0] == sk), key=first.__getitem__)
        every = any(absent not in values_of[c] for c in columns_here)  # a column with no blank
        with_value = [] if every else list(map(any, zip(*map(filled, columns_here), strict=True)))
        table_columns = {}
        for c in columns_here:
            table_columns[(score_plan[c][1][1], score_plan[c][1][2])] = array(
                "d", values_of[c] if every else itertools.compress(values_of[c], with_value))
        tables[sk] = (keys if every else list(itertools.compress(keys, with_value)), table_columns)
    # the methods' own checks, once over all the new rows (as each row's are, alone); a
    # method no plugin checks (no session_problems hook for it) needs no scratch session
    checked = [registry.method(key) for key in sorted(methods)]
    checked = [m for m in checked if registry.implementations_for("session_problems", m)]
    if checked:
        def scratch(with_rows: bool) -> SessionType:
            copy = Group(key=group.key, name=group.name, participants=people if with_rows else [],
                         entries=list(items) + (entries if with_rows else []))
            if with_rows:
                for sk, (table_keys, table_columns) in tables.items():
                    table = copy.scores[sk] = ScoreTable()
                    table.extend(table_keys, table_columns)
            return SessionType(title=session.title, locale=session.locale,
                               methods=list(session.methods), groups=[copy],
                               settings=session.settings, data=session.data)
        before, after = scratch(False), scratch(True)
        for method in checked:
            if not set(plugin_problems(after, registry, method)) <= set(plugin_problems(before, registry, method)):
                raise _NotBulk
    for sk, (table_keys, _table_columns) in tables.items():
        existing = group.scores.get(sk)
        if existing is not None and any(map(existing.has_participant, table_keys)):
            raise _NotBulk
    return group, people, entries, tables, {"counter": counter, "scores": scores, "empty": empty,
                                                  "keys": keys}


#: A blank cell's text is None (``_BLANK.get(text, text)``); any other is itself.
_BLANK: dict[str, None] = {"": None}
#: The bulk import builds this many rows at a time (and moves the progress bar by as many).
_CHUNK = 2048


def _stripped(cells: Sequence[Any]) -> list[str]:
    """A column's cells as stripped text (an unread formula: :class:`_NotBulk`)."""
    try:
        return list(map(str.strip, cells))
    except TypeError:  # a number or an empty cell of a spreadsheet
        return [(c if type(c) is str else _bulk_cell(c)).strip() for c in cells]


def _numbered(prefix: str, start: int, count: int, taken: set[str]) -> list[str]:
    """``count`` new names ``prefix<n>`` from ``n = start`` on, skipping those taken."""
    names = list(map(f"{prefix}{{}}".format, range(start, start + count)))
    if taken.isdisjoint(names):
        return names
    names, n = [], start
    for _ in range(count):
        while f"{prefix}{n}" in taken:
            n += 1
        names.append(f"{prefix}{n}")
        n += 1
    return names


def _bulk_cell(value: Any) -> str:
    if isinstance(value, UnreadCell):
        raise _NotBulk  # the row-by-row path names the row and the formula
    return _cell_text(value)


def _tick(progress: Callable[[int], None] | None, index: int) -> None:
    if progress is not None:
        progress(1)


class _RowError(Exception):
    pass


class _State:
    """Per-import caches, so each row costs the same however many came before."""

    def __init__(self) -> None:
        self.items: dict[str, list[Any]] = {}
        self.used: dict[str, set[str]] = {}
        self.next_n: dict[str, int] = {}
        self.sources: dict[str, set[str]] = {}
        self.refs: dict[tuple[str, ...], str] = {}

    def items_of(self, group: Group, registry: Registry) -> list[Any]:
        """The group's entries that scored prompts score (what a row's scores refer to)."""
        items = self.items.get(group.key)
        if items is None:
            items = [e for e in group.entries
                     if e.prompt in _item_sources(registry, e.method, self.sources)]
            self.items[group.key] = items
        return items

    def item_ref(self, scratch: Group, registry: Registry, target: ColumnTarget) -> str:
        """The id of the item a column scores (found once per group), else the column's text."""
        from lessonkit.workshop import items_for, resolve_item

        assert target.item is not None and target.method is not None and target.prompt is not None
        cache_key = (scratch.key, target.method, target.step or "", target.prompt, target.item)
        found = self.refs.get(cache_key)
        if found is None:
            method = registry.method(target.method)
            step, prompt = method.find_prompt(target.step, target.prompt)
            try:
                found = resolve_item(items_for(scratch, method, step, prompt), target.item).id
            except LessonkitError:
                return target.item  # set_scores reports it, naming the row and column
            self.refs[cache_key] = found
        return found

    def next_id(self, group: Group) -> str:
        """A new entry id for ``group`` (``e1``, ``e2``…), as the core numbers them."""
        used = self.used.get(group.key)
        if used is None:
            used = self.used[group.key] = {e.id for e in group.entries}
        n = self.next_n.get(group.key, len(group.entries) + 1)
        while f"e{n}" in used:
            n += 1
        used.add(f"e{n}")
        self.next_n[group.key] = n + 1
        return f"e{n}"


def _resolve_columns(sheet: Sheet, mapping: Mapping[str, ColumnTarget | None],
                     result: ImportResult) -> list[tuple[int, str, ColumnTarget | None]]:
    seen: dict[str, int] = {}
    columns: list[tuple[int, str, ColumnTarget | None]] = []
    for i, header in enumerate(sheet.headers):
        target = mapping.get(header)
        if target is not None and header in seen:
            raise ValidationError(f"column {header!r} appears twice (columns {seen[header] + 1} and {i + 1})",
                                  where=sheet.where, hint="rename one in the file")
        seen[header] = i
        if target is None and header.strip():
            result.ignored.append(header)
        columns.append((i, header, target))
    return columns


def _import_row(session: Session, registry: Registry, workshop: Any, row: Sequence[str], row_no: int,
                columns: Sequence[tuple[int, str, ColumnTarget | None]], group_key: str | None,
                group_column: tuple[int, str] | None, taken: set[str], owner: dict[str, str],
                counter: list[int], state: _State, new_participants: bool = False,
                result: ImportResult | None = None,
                ) -> tuple[tuple[str, str], int, int, bool] | None:
    from lessonkit.model import Group, Participant, Session
    from lessonkit.scores import ScoreTable

    def fail(header: str | None, message: str) -> _RowError:
        at = f"row {row_no}" + (f", column {header!r}" if header is not None else "")
        return _RowError(f"{at}: {message}")

    cells = [(i, header, target, row[i].strip()) for i, header, target in columns
             if target is not None and row[i].strip()]
    if not any(t.kind == "prompt" for _i, _h, t, _v in cells):
        return None
    if group_key is None:
        assert group_column is not None
        ref = row[group_column[0]].strip()
        wanted = normalize_header(ref)
        match = [g for g in session.groups if g.key == ref or normalize_header(g.name) == wanted]
        if len(match) != 1:
            known = ", ".join(g.key for g in session.groups)
            raise fail(group_column[1], f"unknown group {ref!r} (known: {known})")
        group = match[0]
    else:
        group = session.group(group_key)
    details = {t.kind: v for _i, _h, t, v in cells if t.kind in ("name", "agency", "participant")}
    code_column = next((h for _i, h, t in columns if t is not None and t.kind == "participant"), None)
    key = details.get("participant")
    existing: Participant | None = None
    is_new_code = False
    if code_column is not None and key is None:
        raise fail(code_column, "no participant code (the column gives each row's participant); "
                                "fill it in, or map the column to null to add anonymous participants")
    if key is not None:
        if key in owner and owner[key] != group.key:
            raise fail(code_column, f"participant {key!r} is in group {owner[key]!r}, not {group.key!r}")
        if key in owner:
            existing = group.participant(key)
        elif not new_participants:
            known = ", ".join(sorted(p.key for p in group.participants)[:10]) or "none yet"
            raise fail(code_column, f"participant {key!r} is not in group {group.key!r} (known: {known}); "
                                    "check the code, or allow new participants (--new-participants)")
        else:
            is_new_code = True
    else:
        n = counter[0] + 1
        while f"p{n}" in taken:
            n += 1
        counter[0] = n
        key = f"p{n}"
    try:
        person = existing or Participant(
            key=key, name=workshop.clean_text(details["name"]) if details.get("name") else None,
            agency=workshop.clean_text(details["agency"]) if details.get("agency") else None)
    except LessonkitError as exc:
        raise fail(code_column if is_new_code else None, exc.message) from None
    # a scratch copy of the group: the row's participant and the items scores refer to
    items = state.items_of(group, registry)
    scratch = Group(key=group.key, name=group.name, participants=[person], entries=list(items))
    if existing is not None:
        for sk, table in group.scores.items():
            copy = scratch.scores.setdefault(sk, ScoreTable())
            for criterion in table.criteria:
                copy.set_ballot(key, table.ballot(key, criterion), criterion)
    # the session's settings and data travel along: a plugin's own rules (the AAR's form,
    # 5C4F's age bands) read them when they check the row
    scratch_session = Session(title=session.title, locale=session.locale, methods=list(session.methods),
                              groups=[scratch], settings=session.settings, data=session.data)
    answers = scores = 0
    tables: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    ballots: dict[tuple[str, str, str, str], list[tuple[str, str, str]]] = {}
    for _i, header, target, value in cells:
        if target.kind != "prompt":
            continue
        assert target.method is not None and target.prompt is not None
        try:
            prompt = registry.method(target.method).prompt(target.step, target.prompt)
            if prompt.scored:
                assert target.item is not None
                ballot = ballots.setdefault(
                    (target.method, str(target.step), target.prompt, target.criterion or ""), [])
                ballot.append((header, state.item_ref(scratch, registry, target), value))
            elif prompt.kind == "table":
                tables.setdefault((target.method, str(target.step), target.prompt), []).append(
                    (header, f"{target.field}={value}"))
            else:
                if prompt.kind == "list":
                    values = [v for v in value.splitlines() if v.strip()]
                elif prompt.kind == "choice":
                    values = _split_choices(prompt, value)
                else:
                    values = [value]
                made = workshop.add_answers(scratch_session, registry, group.key, target.method,
                                            target.prompt, values, step=target.step, participant=key)
                answers += len(made)
        except LessonkitError as exc:
            raise fail(header, exc.message) from None
    for (method_key, step_key, prompt_key, criterion), cells_of in ballots.items():
        try:  # one call per prompt and criterion: the whole ballot at once
            workshop.set_scores(scratch_session, registry, group.key, method_key, prompt_key, key,
                                {ref: value for _h, ref, value in cells_of}, step=step_key,
                                criterion=criterion)
            scores += len(cells_of)
            continue
        except LessonkitError:
            pass
        for header, ref, value in cells_of:  # find the column at fault (set_scores changed nothing)
            try:
                workshop.set_scores(scratch_session, registry, group.key, method_key, prompt_key, key,
                                    {ref: value}, step=step_key, criterion=criterion)
            except LessonkitError as exc:
                raise fail(header, exc.message) from None
        raise fail(None, "the scores do not fit together")  # pragma: no cover - defensive
    for (method_key, step_key, prompt_key), pairs in tables.items():
        try:
            workshop.add_answers(scratch_session, registry, group.key, method_key, prompt_key,
                                 [p for _h, p in pairs], step=step_key, participant=key)
            answers += 1
        except LessonkitError as exc:
            raise fail(pairs[0][0], exc.message) from None
    # the row passed: move it into the real group
    if is_new_code and result is not None:
        result.new_codes.append((row_no, group.key, key))
    if existing is None:
        group.participants.append(person)
        taken.add(key)
        owner[key] = group.key
    for entry in scratch.entries[len(items):]:
        entry.id = state.next_id(group)
        group.entries.append(entry)
        if entry.prompt in _item_sources(registry, entry.method, state.sources):
            items.append(entry)
    for sk, table in scratch.scores.items():
        real = group.scores.get(sk)
        if real is None:
            real = group.scores[sk] = ScoreTable()
        for participant, item, criterion, score in table.cells():
            real.set(participant, item, score, criterion)
    return (group.key, key), answers, scores, existing is None


def _item_sources(registry: Registry, method_key: str, cache: dict[str, set[str]]) -> set[str]:
    """Prompt keys whose entries some scored prompt of the method scores."""
    found = cache.get(method_key)
    if found is None:
        found = set()
        if method_key in registry.methods:
            method = registry.method(method_key)
            for step, prompt in method.scored_prompts():
                if prompt.items_from:
                    found.add(method.resolve(step.key, prompt.items_from)[1].key)
        cache[method_key] = found
    return found
