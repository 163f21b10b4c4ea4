"""Strict JSON reading for session files: what it accepts, every command can print and save.

Python's :func:`json.loads` accepts more than lessonkit can live with. :func:`parse`
refuses, each with one clear message naming the file:

* **duplicate keys** in an object (``{"title": "A", "title": "B"}``) — plain JSON
  readers keep the last silently, and the next save would make the loss permanent;
* ``NaN``, ``Infinity`` and ``-Infinity`` (not JSON), and numbers too large for a
  float (``1e400``);
* integers of more than :data:`MAX_DIGITS` digits (Python refuses to convert
  4,301 digits or more, and no count or score is that large);
* **lone surrogates** (``"\\ud800"``): not characters, they cannot be written as
  UTF-8, so no save, report or export could contain them;
* nesting deeper than :data:`MAX_DEPTH` (a session file is about 8 deep; 1,000
  would overflow the writer);
* text that is not UTF-8: UTF-8 with a byte-order mark is read, and so is UTF-16
  or UTF-32 *with* a byte-order mark (Windows Notepad's "Unicode"); the next save
  writes UTF-8. UTF-16 without a byte-order mark is refused with a hint.

Duplicate keys and NaN are caught while parsing; numbers and nesting are checked in
the free-form parts (settings, ``data``) here and in the typed parts by the model's own
checks; surrogates are looked for only when the text holds a ``\\u`` escape.

>>> parse('{"a": 1, "a": 2}', "x.json")
Traceback (most recent call last):
...
lessonkit.errors.SessionFileError: x.json: not valid JSON: duplicate key 'a' in one object (keys: a) (a key may appear once in an object: keep the one you mean and delete the other)
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, compress, repeat
from operator import not_
from typing import Any

from lessonkit.errors import LessonkitError, SessionFileError

__all__ = ["FAST_MIN_SIZE", "MAX_DEPTH", "MAX_DIGITS", "decode", "fast_available", "key_count", "parse",
           "parse_fast"]

#: The most digits an integer in a session file may have.
MAX_DIGITS = 18
#: The deepest nesting of arrays and objects a session file may have.
MAX_DEPTH = 64

_INT_LIMIT = 10**MAX_DIGITS
#: orjson reads an integer beyond 64 bits as a float, never smaller than this.
_BIG_FLOAT = float(2**63)
# Patterns, compiled (and cached by re) when first needed: most reads need none of them.
_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F]"
_SURROGATE_ESCAPE_BYTES = rb"\\u[dD][89a-fA-F]"
_SURROGATE = r"[\ud800-\udfff]"
_STRINGS = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_CONSTANT = r"-?\b(?:NaN|Infinity)\b"


class _Refused(ValueError):
    pass


def decode(data: bytes, where: str, error: type[LessonkitError] = SessionFileError) -> str:
    """Bytes as text: UTF-8 (BOM or not), or UTF-16/UTF-32 with a byte-order mark."""
    boms = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
            (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    encoding = next((name for bom, name in boms if data.startswith(bom)), "utf-8")
    if encoding == "utf-8":
        if b"\x00" in data[:64]:  # JSON text never holds a NUL byte: UTF-16 or UTF-32
            raise error("not UTF-8 text: it looks like UTF-16 or UTF-32 without a byte-order mark",
                        where=where, hint="save it as UTF-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise error(f"not {encoding.upper().replace('-SIG', '')} text (byte {exc.start})",
                    where=where, hint="save it as UTF-8") from None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        duplicate = next(k for k, _v in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        keys = ", ".join(list(obj)[:8]) + (", …" if len(obj) > 8 else "")
        raise _Refused(f"duplicate key {duplicate!r} in one object (keys: {keys})",
                       "a key may appear once in an object: keep the one you mean and delete the other")
    return obj


_CONTAINERS = (dict, list)


def _levels(data: Any) -> Iterator[tuple[list[dict[str, Any]], list[Any]]]:
    """The objects at each depth of ``data`` and the values they and its arrays hold."""
    level: list[Any] = [data]
    while level:
        kinds = set(map(type, level))
        if kinds == {dict}:
            dicts, lists = level, []
        else:
            is_dict = list(map(isinstance, level, repeat(dict)))
            dicts = list(compress(level, is_dict))
            lists = list(compress(level, map(not_, is_dict)))
        children = list(chain(chain.from_iterable(map(dict.values, dicts)),
                              chain.from_iterable(lists)))
        yield dicts, children
        kinds = set(map(type, children))
        level = (list(compress(children, map(isinstance, children, repeat(_CONTAINERS))))
                 if dict in kinds or list in kinds else [])


def key_count(data: Any) -> int:
    """How many keys the objects in ``data`` hold, all together."""
    return sum(sum(map(len, dicts)) for dicts, _children in _levels(data))


def _no_duplicate_keys(text: str | bytes, data: Any, keys: int) -> bool:
    """Whether no object in ``text`` has a key twice, told with C-level loops from the
    parsed ``data``, of whose objects at least ``keys`` keys were counted (a parsing hook
    per object costs half as much as the parse itself).

    A key in the text is followed by its own colon, and any other colon is inside a string,
    so the keys written are the colons less those inside strings. The parsed objects keep
    one key of each duplicate; when they hold as many keys as were written, no key was
    written twice. ``False`` means "not shown" (a duplicate, or ``\\u`` escapes, which may
    stand for a colon): the caller then parses with a hook that finds the duplicate."""
    # (in UTF-8 bytes a colon is the byte 0x3a, never part of another character)
    colons = text.count(b":") if isinstance(text, bytes) else text.count(":")
    if colons == keys:
        return True
    keys = key_count(data)
    if colons == keys:
        return True
    if (b"\\u" if isinstance(text, bytes) else "\\u") in text:  # type: ignore[operator]
        return False
    in_strings = sum("".join(chain(chain.from_iterable(dicts), compress(
        children, map(isinstance, children, repeat(str))))).count(":")
        for dicts, children in _levels(data))
    return colons - in_strings == keys


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number JSON allows", "write a number, or null for no value")


def _line_of(text: str, pattern: str) -> str:
    stripped = re.sub(_STRINGS, lambda m: " " * len(m.group()), text, flags=re.DOTALL)
    found = re.search(pattern, stripped)
    if found is None:
        return ""
    line = stripped.count("\n", 0, found.start()) + 1
    return f" at line {line}"


def _find_surrogate(node: Any, path: str) -> str | None:
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if re.search(_SURROGATE, value):
                return at
        elif isinstance(value, dict):
            for key, item in value.items():
                if re.search(_SURROGATE, key):
                    return f"{at}.{key.encode('utf-8', 'backslashreplace').decode()}"
                stack.append((item, f"{at}.{key}"))
        elif isinstance(value, list):
            stack.extend((item, f"{at}[{i}]") for i, item in enumerate(value))
    return None


def _free_form(data: Any) -> list[tuple[Any, str]]:
    """The parts of a session whose shape the model does not fix (settings, ``data``)."""
    if not isinstance(data, dict):
        return [(data, "$")]
    found: list[tuple[Any, str]] = [(data.get("settings"), "$.settings"), (data.get("data"), "$.data")]
    groups = data.get("groups")
    for i, group in enumerate(groups if isinstance(groups, list) else []):
        if not isinstance(group, dict):
            continue
        found.append((group.get("data"), f"$.groups[{i}].data"))
        for field in ("entries", "actions", "participants"):
            items = group.get(field)
            if not isinstance(items, list):
                continue
            try:  # the usual list of objects: looked through in C
                at: Iterable[int] = compress(range(len(items)),
                                             map(dict.__contains__, items, repeat("data")))
                at = list(at)
            except TypeError:  # not all objects
                at = [j for j, item in enumerate(items) if isinstance(item, dict) and "data" in item]
            found.extend((items[j]["data"], f"$.groups[{i}].{field}[{j}].data") for j in at)
    return found


def _check_free_form(node: Any, path: str, big_floats: bool = False) -> tuple[str, str] | None:
    """The first problem in ``node`` (too deep, a huge or non-finite number), iteratively;
    with ``big_floats``, also any float of 2**63 or more (which orjson may have read from an
    integer: see :func:`parse_fast`)."""
    stack: list[tuple[Any, str, int]] = [(node, path, 1)]
    while stack:
        value, at, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return (f"arrays and objects nested more than {MAX_DEPTH} deep at {at}",
                        "is the file damaged?")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(item, (dict, list, int, float)):
                    step = f"{at}.{key}" if isinstance(value, dict) else f"{at}[{key}]"
                    stack.append((item, step, depth + 1))
        elif isinstance(value, float) and not math.isfinite(value):
            return f"the number at {at} is too large", "is the file damaged?"
        elif big_floats and isinstance(value, float) and abs(value) >= _BIG_FLOAT:
            return f"the number at {at} may have been an integer", ""
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _INT_LIMIT:
            return (f"the number at {at} has {len(str(abs(value)))} digits, more than the "
                    f"{MAX_DIGITS} a session file allows", "is the file damaged?")
    return None


def parse(text: str | bytes, where: str, error: type[LessonkitError] = SessionFileError, *,
          count_keys: Callable[[Any], int] | None = None) -> Any:
    """Parse JSON strictly (see the module's text); every refusal is one ``error``.

    ``count_keys`` counts keys of the parsed data quicker than :func:`key_count` where the
    caller knows its shape; it may count fewer (then the general count is made), never more."""
    if isinstance(text, bytes):  # decoded text holds a surrogate only from a \\uXXXX escape
        # (a one-byte search first: a file with no escape at all is the common case, and a
        # search for one byte is ten times quicker than for two)
        look = (b"\\" in text
                and re.search(_SURROGATE_ESCAPE_BYTES, text) is not None)
        text = decode(text, where, error)
    else:  # an API caller's str may hold a raw one
        look = ("\\u" in text and re.search(_SURROGATE_ESCAPE, text) is not None) or (
            not text.isascii() and _has_raw_surrogate(text))
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text, parse_constant=_constant)
        if not _no_duplicate_keys(text, data, 0 if count_keys is None else count_keys(data)):  # then read again, naming the duplicate
            data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except _Refused as exc:
        message, hint = exc.args
        at = _line_of(text, _CONSTANT) if "JSON allows" in message else ""
        raise error(f"not valid JSON: {message}{at}", where=where, hint=hint) from None
    except json.JSONDecodeError as exc:
        raise error(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
                    where=where) from None
    except RecursionError:
        raise error(f"not a session file: arrays and objects nested more than {MAX_DEPTH} deep",
                    where=where) from None
    except ValueError as exc:  # Python's own limit: an integer of 4,301 digits or more
        if "digits" in str(exc):
            raise error(f"not valid JSON: a number has more than 4300 digits, more than the "
                        f"{MAX_DIGITS} a session file allows", where=where,
                        hint="is the file damaged?") from None
        raise error(f"not valid JSON: {exc}", where=where) from None
    for node, path in _free_form(data):
        problem = _check_free_form(node, path)
        if problem is not None:
            raise error(f"not a session file: {problem[0]}", where=where, hint=problem[1])
    if look:
        bad = _find_surrogate(data, "$")
        if bad is not None:
            raise error(f"a text holds a lone surrogate (\\ud800–\\udfff), which is not a character, "
                        f"at {bad}", where=where,
                        hint="the file is damaged: retype that text, or delete the \\uXXXX escape")
    return data


#: The least text :func:`parse_fast` gives to orjson (smaller files gain less than the
#: import of orjson costs a command's start).
FAST_MIN_SIZE = 1 << 16
#: ``orjson.loads`` once imported; ``False`` when orjson is not installed (or is turned off,
#: as the tests do to check both paths); ``None``: not looked for yet.
_fast_loads: Any = None


def fast_available() -> bool:
    """Whether the optional orjson parser is installed (``pip install 'lessonkit[fast]'``)."""
    global _fast_loads
    if _fast_loads is None:
        try:
            from orjson import loads
        except ImportError:
            _fast_loads = False
        else:
            _fast_loads = loads
    return _fast_loads is not False


def parse_fast(text: str | bytes, *, count_keys: Callable[[Any], int] | None = None) -> Any:
    """What :func:`parse` gives for ``text``, read by the optional orjson parser, or ``None``
    when that is not shown: orjson is not installed, the text is short
    (:data:`FAST_MIN_SIZE`), or orjson refused it or read it in a way :func:`parse` might
    not accept. The caller then calls :func:`parse`, which reads it again with the json
    module and words any refusal as always.

    orjson gives the same values as the json module for the JSON that :func:`parse`
    accepts, except integers beyond 64 bits, which it reads as floats; it refuses what
    ``parse`` refuses while parsing (NaN and Infinity, numbers too large for a float,
    lone surrogates, text that is not UTF-8, a byte-order mark, nesting deeper than 1,024).
    So the data is given back when no key was written twice (counted as :func:`parse`
    counts), the free-form parts pass :func:`parse`'s checks, and they hold no float of
    2**63 or more. A float that large elsewhere in a session file is refused by the
    model's own checks, and the caller reads the file again with :func:`parse` whenever its
    model refuses the data (tests/test_files_fast.py compares both readers)."""
    if len(text) < FAST_MIN_SIZE or not fast_available():
        return None
    try:
        data = _fast_loads(text)
    except Exception:  # orjson.JSONDecodeError, or a str it cannot encode
        return None
    if not _no_duplicate_keys(text, data, 0 if count_keys is None else count_keys(data)):
        return None
    for node, path in _free_form(data):
        if _check_free_form(node, path, big_floats=True) is not None:
            return None
    return data


def _has_raw_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
