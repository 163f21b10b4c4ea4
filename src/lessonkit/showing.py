"""A session as text for the terminal (``lessonkit show``): aligned tables, Thai or English."""

from __future__ import annotations

from lessonkit.errors import NotFoundError
from lessonkit.i18n import t
from lessonkit.method import Method
from lessonkit.model import Group, Session
from lessonkit.plugins import Registry
from lessonkit.thai import format_date

__all__ = ["show_session"]


def _width(text: str) -> int | None:
    """Terminal columns of ``text`` when every character is Latin or Thai (Thai vowel and
    tone marks take none), else ``None``."""
    if text.isascii():  # printable ASCII is U+0020-U+007E: one column each
        return len(text) if text.isprintable() else None
    chars = set(text)
    allowed, marks = _latin_and_thai()
    if not chars <= allowed:
        return None
    return len(text) - sum(text.count(mark) for mark in chars & marks)


_CHARSETS: list[tuple[frozenset[str], frozenset[str]]] = []


def _latin_and_thai() -> tuple[frozenset[str], frozenset[str]]:
    """The characters :func:`_width` measures (U+0020-U+007E, U+00A0-U+02FF and the
    assigned Thai ones) and, among them, the Thai marks that take no column."""
    if not _CHARSETS:
        import unicodedata

        thai = [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.category(chr(c)) != "Cn"]
        latin = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x300))]
        _CHARSETS.append((frozenset(latin + thai),
                          frozenset(c for c in thai if unicodedata.category(c) == "Mn")))
    return _CHARSETS[0]


def _table(rows: list[list[str]], headers: list[str], tablefmt: str = "simple") -> str:
    """Aligned columns, as tabulate's ``simple`` (with headers) or ``plain`` formats lay
    them out. Latin and Thai text is measured here; anything else goes to tabulate
    (imported only then: the terminal commands start quicker without it)."""
    cells = [[c.strip() for c in row] for row in rows]  # tabulate strips cells, not headers
    if headers:
        cells.insert(0, list(headers))
    widths = [[_width(c) for c in row] for row in cells]
    if any(w is None for row in widths for w in row) or not cells or (
            len({len(row) for row in cells}) != 1) or tablefmt != ("simple" if headers else "plain"):
        from tabulate import tabulate

        return str(tabulate(rows, headers=headers, tablefmt=tablefmt, disable_numparse=True))
    pad = 2 if headers else 0
    columns = [max([(widths[0][i] or 0) + pad,
                    *((w[i] or 0) for w in widths[1 if headers else 0:])])
               for i in range(len(cells[0]))]

    def line(row: list[str], row_widths: list[int | None]) -> str:
        return "  ".join(c + " " * (n - (w or 0)) for c, w, n in zip(row, row_widths, columns,
                                                                     strict=True)).rstrip()

    lines = [line(row, w) for row, w in zip(cells, widths, strict=True)]
    if headers:
        lines.insert(1, "  ".join("-" * n for n in columns))
    return "\n".join(lines)


def show_session(session: Session, registry: Registry, locale: str = "en",
                 group_key: str | None = None) -> str:
    """Everything in a session, group by group, as aligned text."""
    lines: list[str] = [session.title, "=" * min(60, max(8, len(session.title)))]
    facts: list[list[str]] = []
    if session.date is not None:
        facts.append([t("date", locale), format_date(session.date, locale=locale,
                                                     era="be" if locale == "th" else "ce")])
    if session.venue:
        facts.append([t("venue", locale), session.venue])
    titles = []
    for key in session.methods:
        try:
            titles.append(f"{registry.method(key).title.get(locale)} ({key})")
        except NotFoundError:
            titles.append(f"{key} (?)")
    facts.append([t("methods", locale), ", ".join(titles) or t("none", locale)])
    facts.append([t("groups", locale), str(len(session.groups))])
    facts.append([t("participants", locale), str(session.participant_count())])
    lines.append(_table(facts, [], "plain"))
    groups = [session.group(group_key)] if group_key else session.groups
    for group in groups:
        lines.append("")
        lines.extend(_show_group(session, registry, group, locale, session.groups.index(group) + 1))
    return "\n".join(lines)


def _show_group(session: Session, registry: Registry, group: Group, locale: str, number: int) -> list[str]:
    heading = t("group_heading", locale, n=number, key=group.key, name=group.name)
    lines = [heading, "-" * min(60, len(heading))]
    if group.facilitator:
        lines.append(f"{t('facilitator', locale)}: {group.facilitator}")
    if group.members:
        lines.append(f"{t('member_agencies', locale)}:")
        lines.extend(f"  {i}) {member}" for i, member in enumerate(group.members, 1))
    if group.participants:
        lines.append("")
        lines.append(_table(
            [[p.key, p.name or t("anonymous", locale), p.agency or ""] for p in group.participants],
            [t("participant", locale), t("name", locale), t("agency", locale)],
        ))
    for key in session.methods:
        if key not in registry.methods:
            continue
        lines.extend(_show_answers(group, registry.method(key), locale))
    if group.actions:
        lines.append("")
        lines.append(f"{t('actions', locale)}:")
        lines.append(_table(
            [[a.id, a.what, a.owner or "", a.due.isoformat() if a.due else "",
              t(f"status_{a.status}", locale)] for a in group.actions],
            [t("key", locale), t("what", locale), t("owner", locale), t("due", locale), t("status", locale)],
        ))
    return lines


def _show_answers(group: Group, method: Method, locale: str) -> list[str]:
    lines: list[str] = []
    for step, prompt in method.prompts():
        if prompt.scored:
            table = group.scores.get(f"{method.key}/{step.key}/{prompt.key}")
            if table is None or not len(table):
                continue
            lines.append("")
            lines.append(f"[{method.key}.{step.key}.{prompt.key}] {prompt.text.get(locale)}")
            lines.append(f"  {t('scores', locale)}: {table.count()} · "
                         f"{t('participants', locale)}: {len(table)}")
            continue
        entries = group.entries_for(method.key, step.key, prompt.key)
        if not entries:
            continue
        lines.append("")
        lines.append(f"[{method.key}.{step.key}.{prompt.key}] {prompt.text.get(locale)}")
        if prompt.kind == "table":
            fields = list(prompt.fields)
            lines.append(_table(
                [[e.id, *[(e.row or {}).get(f.key, "") for f in fields]] for e in entries],
                [t("key", locale), *[f.label.get(locale) for f in fields]],
            ))
        else:
            for i, entry in enumerate(entries, 1):
                who = f" — {entry.participant}" if entry.participant else ""
                tags = f" [{', '.join(entry.tags)}]" if entry.tags else ""
                lines.append(f"  {i}) {entry.text}{who}{tags}  ({entry.id})")
    return lines
