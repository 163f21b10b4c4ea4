"""Thai words kept whole in table cells: PyThaiNLP's dictionary, loaded once and cheaply.

Browsers break Thai lines with ICU's dictionary, which cuts many compounds a Thai reader
keeps together ("หน่วย|งาน", "แห่ง|ชาติ", "เผย|แพร่") when a table column is narrow. The
HTML renderer therefore wraps each multi-letter word of PyThaiNLP's ``newmm`` segmentation
of a wrapping table cell in a ``white-space: nowrap`` span: a line may then end only where
ICU *and* PyThaiNLP both see a word boundary. That only removes break opportunities (a
zero-width space between newmm's words was measured to split words ICU keeps whole, such as
ลูกจ้าง), so a cell never breaks worse than the browser alone would break it.

PyThaiNLP is the optional ``thai`` extra (``pip install 'lessonkit[thai]'``). Without it
:func:`segmenter` is ``None`` and the book is printed with the browser's own line breaking;
nothing else changes.

Cost (measured, CPU time, PyThaiNLP 5.4): ``word_tokenize`` pays about 0.17 s to import the
package (its ``__init__`` imports soundex, spelling and tagging modules, which cannot be
skipped), then builds its character trie of 62,000 words on the first call: 0.5–0.8 s. The
trie is replaced here by :class:`Dictionary`, a set of the words plus the longest word for
each two-letter start, built in a few hundredths of a second; ``newmm`` asks it only for
the words that begin at a position (``prefixes``), and it answers the same list in the same
order, so the segmentation is PyThaiNLP's own. Both are built once per process, on the first
Thai table cell (an English book never loads them).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Iterable

__all__ = ["THAI", "Dictionary", "segmenter"]

#: a Thai letter, vowel or tone mark (not a digit): text worth segmenting
THAI = re.compile("[\u0e01-\u0e4e]")

_LOCK = threading.Lock()


class Dictionary:
    """The word list as newmm's ``custom_dict``: ``prefixes(text, start)`` lists the words
    that begin at ``start`` of ``text``, shortest first, as ``pythainlp.util.Trie`` does.

    >>> d = Dictionary(["หน่วย", "หน่วยงาน", "งาน", "ก"])
    >>> d.prefixes("หน่วยงานรัฐ")
    ['หน่วย', 'หน่วยงาน']
    >>> d.prefixes("กงาน", 1), d.prefixes("ก"), d.prefixes("", 0)
    (['งาน'], ['ก'], [])
    """

    __slots__ = ("_longest", "_words")

    def __init__(self, words: Iterable[str]) -> None:
        kept = {w.strip() for w in words}
        kept.discard("")
        self._words = frozenset(kept)
        longest: dict[str, int] = {}
        for word in self._words:
            if len(word) > 1:
                start = word[:2]
                if len(word) > longest.get(start, 0):
                    longest[start] = len(word)
        self._longest = longest

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        if start >= len(text):
            return []
        words = self._words
        found = [text[start]] if text[start] in words else []
        stop = min(len(text), start + self._longest.get(text[start:start + 2], 0))
        for end in range(start + 2, stop + 1):
            piece = text[start:end]
            if piece in words:
                found.append(piece)
        return found

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __len__(self) -> int:
        return len(self._words)


@functools.cache
def _load() -> Callable[[str], list[str]] | None:
    try:
        from pythainlp.corpus import thai_words
        from pythainlp.tokenize import newmm
    except ImportError:
        return None
    dictionary = Dictionary(thai_words())
    segment = newmm.segment

    def words(text: str) -> list[str]:
        return segment(text, custom_dict=dictionary)  # type: ignore[arg-type]

    return words


def segmenter() -> Callable[[str], list[str]] | None:
    """PyThaiNLP's ``newmm`` word segmentation with its own dictionary (built once per
    process), or ``None`` when PyThaiNLP is not installed."""
    with _LOCK:
        return _load()
