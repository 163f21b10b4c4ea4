"""Help and click's own messages in the user's language (Thai or English).

The help texts in the code are English; they are the message ids. A Thai
catalogue maps each to its Thai text: the core's in :mod:`lessonkit.cli.help_th`,
each plugin's registered with :func:`lessonkit.i18n.help_texts` (the same kind
of namespaced catalogue as its messages). Click marks its own words for gettext
(``_("Usage:")``, ``_("Missing argument")``…): :func:`install` gives click a
:class:`gettext.NullTranslations` subclass holding the Thai ones, and makes every
help screen use :class:`LocalizedHelpFormatter`, which puts each help text in
the language and wraps it by display width (Thai vowels above and below and
tone marks take no column) at the spaces between phrases, never inside a word.

Nothing here is imported for English: the ``lessonkit`` group imports this
module only when the help language is Thai (see ``LessonkitGroup.main``).
"""

from __future__ import annotations

import gettext
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

import click
from click.formatting import HelpFormatter, measure_table

from lessonkit.i18n import help_text

__all__ = ["HelpTranslations", "LocalizedHelpFormatter", "display_width", "install", "installed",
           "translate_help", "wrap"]

_ORIGINAL_FORMATTER = click.Context.formatter_class
_STATE: dict[str, Any] = {"locale": "en"}


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal: combining marks (Thai vowels above and below,
    tone marks) and format characters take none, wide East Asian characters two."""
    width = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf") or char in "\b":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


# --------------------------------------------------------------------------- click's words


#: click's messages that click reads once and keeps (the help option's text is made on the
#: first use of a command and kept on it; a type's name when the type is made): they stay
#: English in click's objects, and the help formatter translates the help texts among them
#: when it writes them, so an English run after a Thai one in the same process (a test, an
#: embedding program) still speaks English
_KEPT_BY_CLICK = frozenset({
    "Show this message and exit.", "Show the version and exit.",
    "Confirm the action without prompting.", "Do you want to continue?",
    # a Path type's name, read when the type is made (a command module imported lazily during
    # a Thai run would keep a Thai metavar): stays English, like the other metavars
    "file", "directory", "path",
})


class HelpTranslations(gettext.NullTranslations):
    """Click's own messages (``Usage:``, ``Missing argument``…) from the Thai catalogue;
    a message without a translation stays English (gettext's fallback)."""

    def __init__(self, locale: str) -> None:
        super().__init__()
        self.locale = locale

    def gettext(self, message: str) -> str:
        if message in _KEPT_BY_CLICK:
            return message
        found = help_text(message, self.locale)
        return found if found is not None else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        # Thai has one plural form: the plural id's translation serves every n
        found = help_text(msgid2 if n != 1 else msgid1, self.locale)
        if found is None and n == 1:
            found = help_text(msgid2, self.locale)
        if found is not None:
            return found
        return msgid1 if n == 1 else msgid2


def _click_modules() -> Iterator[Any]:
    # click imports gettext's functions by name in each module (``from gettext import
    # gettext as _``): those names are what must point at the translation
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui",
                 "utils", "shell_completion", "_termui_impl"):
        module = sys.modules.get(f"click.{name}")
        if module is None and name in ("termui", "_termui_impl", "shell_completion"):
            __import__(f"click.{name}")
            module = sys.modules[f"click.{name}"]
        if module is not None:
            yield module


def install(locale: str) -> None:
    """Speak ``locale`` in help screens and click's messages from now on (``"en"`` undoes it)."""
    if locale == _STATE["locale"]:
        return
    if locale == "en":
        for module in _click_modules():
            if hasattr(module, "_"):
                module._ = gettext.gettext
            if hasattr(module, "ngettext"):
                module.ngettext = gettext.ngettext
        click.Context.formatter_class = _ORIGINAL_FORMATTER
    else:
        from lessonkit.cli import help_th

        help_th.register()
        translations = HelpTranslations(locale)
        for module in _click_modules():
            if hasattr(module, "_"):
                module._ = translations.gettext
            if hasattr(module, "ngettext"):
                module.ngettext = translations.ngettext
        click.Context.formatter_class = LocalizedHelpFormatter
    _STATE["locale"] = locale


def installed() -> str:
    """The language help screens and click's messages speak now."""
    return str(_STATE["locale"])


# --------------------------------------------------------------------------- help texts


def _split_extra(text: str) -> tuple[str, str]:
    """``"The file format.  [default: csv]"`` → (``"The file format."``, ``"  [default: csv]"``)."""
    if text.endswith("]"):
        head, sep, tail = text.rpartition("  [")
        if sep and head:
            return head, sep + tail
        if text.startswith("["):
            return "", text
    return text, ""


def _first_sentence(text: str) -> str:
    """What click shows of a help text in a list of commands (before shortening)."""
    first = text.split("\n\n", 1)[0]
    words = " ".join(first.split())
    for i, char in enumerate(words):
        if char == "." and (i + 1 == len(words) or words[i + 1] == " "):
            return words[: i + 1]
    return words


def translate_help(text: str, locale: str | None = None) -> str:
    """``text`` (a help text, or click's short form of one) in ``locale``; unchanged without
    a translation."""
    locale = locale or installed()
    if locale == "en" or not text.strip():
        return text
    main, extra = _split_extra(text)
    found = help_text(main, locale)
    if found is None:
        found = _short_help(main, locale)
    return text if found is None else found + extra


def _short_help(text: str, locale: str) -> str | None:
    """The translation of a command's short help (its first sentence, maybe cut with "...")."""
    from lessonkit.i18n import help_ids

    words = " ".join(text.split())
    cut = words.endswith("...")
    prefix = words[:-3].rstrip() if cut else words
    if not prefix:
        return None
    for msgid in help_ids(locale):
        first = _first_sentence(msgid)
        if first == prefix or (cut and first.startswith(prefix)):
            thai = help_text(msgid, locale)
            if thai is not None:
                return thai.split("\n\n", 1)[0].replace("\b\n", "")
    return None


# --------------------------------------------------------------------------- wrapping


def _paragraphs(text: str) -> Iterator[tuple[int, bool, list[str]]]:
    """(indent, keep lines as they are, lines) per paragraph, as click reads them (``\\b``)."""
    buf: list[str] = []
    indent: int | None = None
    for line in [*text.expandtabs().splitlines(), ""]:
        if line.strip():
            if indent is None:
                indent = len(line) - len(line.lstrip())
            buf.append(line)
            continue
        if buf:
            if buf[0].strip() == "\b":
                yield indent or 0, True, buf[1:]
            else:
                yield indent or 0, False, [" ".join(part.strip() for part in buf)]
        buf, indent = [], None


def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy line filling by display width, breaking only at spaces (a phrase wider than the
    line stays whole: a Thai word is never cut). Runs of spaces inside a line are kept."""
    lines: list[str] = []
    line, used = first, display_width(first)
    empty = True
    for gap, word in re.findall(r"( *)(\S+)", text):
        w = display_width(word)
        if not empty and used + len(gap) + w > width:
            lines.append(line)
            line, used, empty = rest, display_width(rest), True
        if empty:
            line, used, empty = line + word, used + w, False
        else:
            line, used = f"{line}{gap}{word}", used + len(gap) + w
    lines.append(line)
    return lines


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Like click's ``wrap_text(…, preserve_paragraphs=True)``, measuring display width: each
    paragraph is filled (a ``\\b`` paragraph is kept line for line), keeping its indentation."""
    out: list[str] = []
    for indent, keep, lines in _paragraphs(text):
        extra = " " * indent
        first, rest = initial_indent + extra, subsequent_indent + extra
        if keep:
            out.append("\n".join((first if i == 0 else rest) + line.rstrip() for i, line in enumerate(lines)))
        else:
            out.append("\n".join(_fill(lines[0], width, first, rest)))
    return "\n\n".join(out)


class LocalizedHelpFormatter(HelpFormatter):
    """click's help formatter, writing each help text in the installed language and wrapping
    it by display width."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = f"{gettext_click('Usage:')} "
        usage_prefix = f"{prefix:>{self.current_indent}}{prog} "
        if not args:
            self.write(usage_prefix.rstrip(" ") + "\n")
            return
        width = display_width(usage_prefix)
        self.write(wrap(args, self.width - self.current_indent, usage_prefix, " " * width))
        self.write("\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(translate_help(text), self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(first, translate_help(second)) for first, second in rows]
        widths = measure_table(rows)
        if len(widths) != 2:
            raise TypeError("Expected two columns for definition list")
        first_col = min(widths[0], col_max) + col_spacing
        text_width = max(self.width - first_col - 2, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n" if line else "\n")


def gettext_click(message: str) -> str:
    """One of click's messages in the installed language."""
    found = help_text(message, installed())
    return message if found is None else found


def untranslated(texts: Iterable[str], locale: str = "th") -> list[str]:
    """The help texts of ``texts`` that have no translation in ``locale`` (for checks)."""
    return [text for text in texts if text.strip() and help_text(_split_extra(text)[0], locale) is None]
