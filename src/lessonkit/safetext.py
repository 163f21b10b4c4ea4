"""Control characters in participants' text: stripped on the way in, made visible on the way out.

A terminal obeys control characters: ``ESC [2J`` clears the screen, ``ESC ]0;…`` sets the
window title, ``ESC ]8;;URL`` makes a hidden hyperlink, a carriage return overwrites the
line, U+202E turns the rest of the line backwards. Text typed at a workshop never needs
them, so lessonkit

* **strips them at input** (:func:`strip_controls`, called by
  :func:`lessonkit.workshop.clean_text`, which every stored text goes through — ``answer``,
  ``ask``, ``import``, names, titles): C0 controls except tab and newline, DEL, C1 controls
  (U+0080–U+009F) and the bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069). A carriage return becomes a newline (``\\r\\n`` and a
  lone ``\\r`` alike). Zero-width space (U+200B, a Thai word break) and the invisible
  marks LRM/RLM are kept. A **lone surrogate** (what a terminal that is not set to UTF-8
  makes of a byte such as ``\\xff``) is refused rather than stripped: letters would be lost;
* **shows them escaped at output** (:func:`visible`): a session file edited by hand may
  still hold them, so everything the command line prints — tables, reports on standard
  output, CSV and JSON on standard output, messages — shows each as ``\\u001b``,
  ``\\u202e``… (a JSON escape, so JSON output stays valid and means the same).

>>> strip_controls("ok\\x1b[2J\\r\\nnext\\u202e")
'ok[2J\\nnext'
>>> visible("a\\x1b]0;title\\x07b\\r=2+5\\r\\n")
'a\\\\u001b]0;title\\\\u0007b\\\\u000d=2+5\\r\\n'
"""

from __future__ import annotations

import re

from lessonkit.errors import ValidationError

__all__ = ["UNSAFE", "find_surrogate", "strip_controls", "visible"]

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: What :func:`visible` escapes: the controls above, lone surrogates, and a CR not before LF.
#: The patterns are compiled on first use (``UNSAFE`` too, through the module's
#: ``__getattr__``): ``lessonkit show`` of text holding none of them never compiles them.
_PATTERNS = {"UNSAFE": f"[{_CONTROLS}\ud800-\udfff]|\r(?!\n)",
             "_STRIP": f"[{_CONTROLS}]",
             "_SURROGATE": "[\ud800-\udfff]"}
_COMPILED: dict[str, re.Pattern[str]] = {}
UNSAFE: re.Pattern[str]  # given by __getattr__


def _pattern(name: str) -> re.Pattern[str]:
    found = _COMPILED.get(name)
    if found is None:
        found = _COMPILED[name] = re.compile(_PATTERNS[name])
    return found


def __getattr__(name: str) -> re.Pattern[str]:
    if name == "UNSAFE":
        return _pattern(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def visible(text: str) -> str:
    """``text`` with every control character shown as a ``\\uXXXX`` escape (tab, newline
    and CR LF line ends are kept)."""
    if text.isascii() and text.isprintable():
        return text
    # Everything UNSAFE matches is unprintable (Unicode "Other"), so text that is printable
    # once its kept line ends and tabs are taken out has nothing to escape.
    if text.replace("\r\n", "").replace("\n", "").replace("\t", "").isprintable():
        return text
    return _pattern("UNSAFE").sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def find_surrogate(text: str) -> int | None:
    """The position of the first lone surrogate in ``text``, if any."""
    found = _pattern("_SURROGATE").search(text)
    return None if found is None else found.start()


def strip_controls(text: str) -> str:
    """``text`` as it may be stored: controls removed, CR made LF; a lone surrogate refused."""
    # every character stripped, turned into LF or refused is unprintable (Unicode "Other"):
    # text that is printable once its line ends and tabs are taken out is kept as it is
    if text.isprintable() or (("\n" in text or "\t" in text)
                              and text.replace("\n", "").replace("\t", "").isprintable()):
        return text
    at = find_surrogate(text)
    if at is not None:
        code = ord(text[at])
        byte = f" (the byte 0x{code - 0xDC00:02x})" if 0xDC80 <= code <= 0xDCFF else ""
        raise ValidationError(
            f"the text {visible(text[:40])!r} is not valid Unicode at character {at + 1}{byte}",
            hint="type it again in a terminal set to UTF-8, or save the file as UTF-8")
    return _pattern("_STRIP").sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
