"""Thai text helpers: digits, Buddhist Era dates, fiscal year, sorting and PDF repair.

This module depends on the standard library only.

* Digits: :func:`to_thai_digits`, :func:`to_arabic_digits`, :func:`format_digits`.
* Buddhist Era (พ.ศ. = CE + 543): :func:`be_year`, :func:`ce_year`, :func:`format_date`,
  :func:`parse_date`. Dates are always *stored* as CE :class:`datetime.date` objects; a BE
  year is converted to CE before any date is built (2567 BE = 2024 CE is a leap year, while
  the CE year 2567 is not, so ``date(2567, 2, 29)`` would wrongly fail).
* :func:`fiscal_year`: the Thai government fiscal year starts on 1 October.
* :func:`thai_sort_key`: a small key function for Thai dictionary order.
* :func:`repair_pdf_thai` and :func:`normalize_thai`: NFC plus the repair of the SARA AM
  artifacts that PDF text extraction produces (``กำาหนด`` -> ``กำหนด``, ``นำ้า`` -> ``น้ำ``).
* :func:`fold_sara_am`: SARA AM typed in two keystrokes (NIKHAHIT + SARA AA, as many Thai
  keyboards and phones produce it) folded into the one character, for matching texts.
  NFKC is never applied: it splits SARA AM (U+0E33) into NIKHAHIT + SARA AA for good.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

__all__ = [
    "BE_OFFSET",
    "EN_MONTHS",
    "EN_MONTHS_ABBR",
    "THAI_DIGITS",
    "TH_MONTHS",
    "TH_MONTHS_ABBR",
    "be_year",
    "ce_year",
    "fiscal_year",
    "fold_sara_am",
    "format_date",
    "format_digits",
    "normalize_thai",
    "parse_date",
    "repair_pdf_thai",
    "thai_sort_key",
    "to_arabic_digits",
    "to_thai_digits",
]

# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
"""The Thai digits zero to nine (U+0E50-U+0E59), in order."""

_ARABIC_DIGITS = "0123456789"
_TO_THAI = str.maketrans(_ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, _ARABIC_DIGITS)
_DIGIT_STYLES = ("thai", "arabic")


def to_thai_digits(text: str) -> str:
    """Replace the ASCII digits 0-9 in *text* with Thai digits; leave everything else alone."""
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits in *text* with the ASCII digits 0-9; leave everything else alone."""
    return text.translate(_TO_ARABIC)


def format_digits(text: str, digits: str) -> str:
    """Render the digits of *text* as ``"thai"`` or ``"arabic"`` digits.

    Raises:
        ValueError: if *digits* is neither ``"thai"`` nor ``"arabic"``.
    """
    if digits == "thai":
        return to_thai_digits(text)
    if digits == "arabic":
        return to_arabic_digits(text)
    raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")


# ---------------------------------------------------------------------------
# Buddhist Era and calendar names
# ---------------------------------------------------------------------------

BE_OFFSET = 543
"""Buddhist Era year minus Common Era year."""

TH_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
"""Full Thai month names; index 0 is January (use ``TH_MONTHS[d.month - 1]``)."""

TH_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
"""Abbreviated Thai month names; index 0 is January."""

EN_MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names; index 0 is January."""

EN_MONTHS_ABBR: tuple[str, ...] = tuple(name[:3] for name in EN_MONTHS)
"""Three-letter English month abbreviations; index 0 is January."""

_TH_WEEKDAYS: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)
_EN_WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

_LOCALES = ("th", "en")
_ERAS = ("be", "ce")
_STYLES = ("long", "short", "formal")

# A bare year (no era marker) is read as BE when it is above this, else as CE.
_BE_THRESHOLD = 2400
# A bare year needs at least this many digits: "22 ธ.ค. 60" is ambiguous.
_MIN_BARE_YEAR = 100


def be_year(ce_year: int) -> int:
    """Return the Buddhist Era year for the Common Era year *ce_year* (2017 -> 2560)."""
    return ce_year + BE_OFFSET


def ce_year(be_year: int) -> int:
    """Return the Common Era year for the Buddhist Era year *be_year* (2560 -> 2017)."""
    return be_year - BE_OFFSET


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {allowed}, not {value!r}")


def _bare_year_is_unambiguous(year: int, era: str) -> bool:
    """True if :func:`parse_date` reads *year* without a marker as the given *era*."""
    if era == "be":
        return year > _BE_THRESHOLD
    return _MIN_BARE_YEAR <= year <= _BE_THRESHOLD


def format_date(
    d: datetime.date,
    locale: str = "th",
    era: str = "be",
    digits: str = "arabic",
    style: str = "long",
) -> str:
    """Format the (CE) date *d* for a Thai or English reader.

    For 22 December 2017:

    * ``long``: ``22 ธันวาคม 2560`` (be), ``22 ธันวาคม 2017`` (ce);
      English ``22 December 2560 BE``, ``22 December 2017``.
    * ``short``: ``22 ธ.ค. 2560``, ``22 ธ.ค. 2017``; English ``22 Dec 2560 BE``,
      ``22 Dec 2017``.
    * ``formal``: ``วันที่ 22 ธันวาคม พ.ศ. 2560``, ``วันที่ 22 ธันวาคม ค.ศ. 2017``;
      English ``22 December 2560 BE``, ``22 December 2017 CE``.

    Years are never abbreviated to two digits. Where :func:`parse_date` would misread a bare
    year (a CE year above 2400 or below 100, a BE year of 2400 or below), the era marker is
    added even in the ``long`` and ``short`` styles, so every output parses back to *d*.
    ``digits="thai"`` renders all digits as Thai digits (``๒๒ ธันวาคม ๒๕๖๐``).

    Raises:
        ValueError: for an unknown *locale*, *era*, *digits* or *style*.
    """
    _check_choice("locale", locale, _LOCALES)
    _check_choice("era", era, _ERAS)
    _check_choice("digits", digits, _DIGIT_STYLES)
    _check_choice("style", style, _STYLES)

    year = be_year(d.year) if era == "be" else d.year
    marked = style == "formal" or not _bare_year_is_unambiguous(year, era)
    if locale == "th":
        month = TH_MONTHS_ABBR[d.month - 1] if style == "short" else TH_MONTHS[d.month - 1]
        year_text = f"{'พ.ศ.' if era == 'be' else 'ค.ศ.'} {year}" if marked else str(year)
        text = f"{d.day} {month} {year_text}"
        if style == "formal":
            text = f"วันที่ {text}"
    else:
        month = EN_MONTHS_ABBR[d.month - 1] if style == "short" else EN_MONTHS[d.month - 1]
        text = f"{d.day} {month} {year}"
        if era == "be":
            text += " BE"
        elif marked:
            text += " CE"
    return format_digits(text, digits)


# --- parsing ---------------------------------------------------------------


def _abbr_pattern(abbr: str) -> str:
    """Regex for a dotted Thai abbreviation: ``ธ.ค.`` also matches ``ธ. ค.`` and ``ธ.ค``."""
    parts = [re.escape(p) for p in abbr.split(".") if p]
    return r"\.\s*".join(parts) + r"\.?"


def _build_month_regex() -> tuple[str, dict[str, int]]:
    lookup: dict[str, int] = {}
    patterns: list[tuple[str, str]] = []  # (literal used for length ordering, regex)
    for number in range(1, 13):
        for name in (TH_MONTHS[number - 1], EN_MONTHS[number - 1], EN_MONTHS_ABBR[number - 1]):
            lookup[name.casefold()] = number
            patterns.append((name, re.escape(name) + (r"\.?" if len(name) == 3 else "")))
        abbr = TH_MONTHS_ABBR[number - 1]
        lookup[abbr.replace(".", "")] = number
        patterns.append((abbr, _abbr_pattern(abbr)))
    lookup["sept"] = 9
    patterns.append(("Sept", r"Sept\.?"))
    # Longest first so that "มีนาคม" wins over "มี.ค." and "September" over "Sep".
    patterns.sort(key=lambda item: len(item[0]), reverse=True)
    return "|".join(p for _, p in patterns), lookup


class _DatePatterns:
    """The patterns :func:`parse_date` reads dates with, compiled on its first call (the
    command line starts quicker without compiling them)."""

    def __init__(self) -> None:
        month_alt, self.month_lookup = _build_month_regex()
        self.era = re.compile(
            r"พ\.\s*ศ\.?|พุทธศักราช|ค\.\s*ศ\.?|คริสต์ศักราช"
            r"|(?<![A-Za-z])(?:B\.\s?E\.?|BE|C\.\s?E\.?|CE|A\.\s?D\.?|AD)(?![A-Za-z])",
            re.IGNORECASE,
        )
        self.th_prefix = re.compile(
            r"^(?:เมื่อ\s*)?วัน\s*(?P<wd>" + "|".join(_TH_WEEKDAYS) + r"|พฤหัส)?\s*ที่\s*")
        self.en_prefix = re.compile(
            r"^(?P<wd>"
            + "|".join(_EN_WEEKDAYS)
            + r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+(?:the\s+)?",
            re.IGNORECASE,
        )
        ordinal = r"(?:st|nd|rd|th)?"
        self.day_first = re.compile(
            rf"^(?P<d>[0-9]{{1,2}}){ordinal}\s*(?:of\s+)?(?P<m>{month_alt}),?\s*(?P<y>[0-9]{{1,9}})$",
            re.IGNORECASE,
        )
        self.month_first = re.compile(
            rf"^(?P<m>{month_alt})\s*(?P<d>[0-9]{{1,2}}){ordinal},?\s*(?P<y>[0-9]{{1,9}})$",
            re.IGNORECASE,
        )
        self.numeric = re.compile(
            r"^(?P<a>[0-9]{1,9})\s*(?P<sep>[-/.])\s*(?P<b>[0-9]{1,2})\s*(?P=sep)\s*(?P<c>[0-9]{1,9})$"
        )


_date_patterns: list[_DatePatterns] = []


def _patterns() -> _DatePatterns:
    if not _date_patterns:
        _date_patterns.append(_DatePatterns())
    return _date_patterns[0]


def _era_of_marker(marker: str) -> str:
    folded = re.sub(r"[\s.]", "", marker).casefold()
    return "be" if folded in ("พศ", "พุทธศักราช", "be") else "ce"


def _resolve_year(year_text: str, era: str | None, text: str) -> int:
    """Return the CE year for *year_text*, given an explicit *era* marker or none."""
    year = int(year_text)
    if era is None:
        if year < _MIN_BARE_YEAR:
            raise ValueError(
                f"cannot parse date {text!r}: year {year_text!r} is ambiguous; "
                "write the full year (e.g. 2560 or 2017)"
            )
        era = "be" if year > _BE_THRESHOLD else "ce"
    return ce_year(year) if era == "be" else year


def parse_date(text: str) -> datetime.date:
    """Parse a Thai or English date into a CE :class:`datetime.date`.

    Reads everything :func:`format_date` writes, and also:

    * Thai or Arabic digits: ``๒๒ ธันวาคม ๒๕๖๐``;
    * full or abbreviated Thai months (``ธันวาคม``, ``ธ.ค.``), English months (``December``,
      ``Dec``), day-first or English month-first (``December 22, 2017``), ordinals (``22nd``);
    * era markers ``พ.ศ.``/``พุทธศักราช``, ``ค.ศ.``/``คริสต์ศักราช``, ``BE``/``B.E.``,
      ``CE``/``C.E.``/``AD``/``A.D.``; without a marker a year above 2400 is BE, else CE;
    * a prefix ``วันที่``, ``เมื่อวันที่`` or ``วันอังคารที่``, or an English weekday
      (``Friday, 22 December 2017``); a named weekday must match the date;
    * ISO ``2017-12-22`` (also ``2560-12-22``, read as BE) and day-first numeric
      ``22/12/2560``, ``22-12-2017``, ``22.12.2560``.

    Two-digit years are rejected as ambiguous. The year is converted to CE before the date is
    built, so ``29 กุมภาพันธ์ 2567`` (BE) gives ``date(2024, 2, 29)``.

    Raises:
        ValueError: naming *text*, if it is not a date in one of these forms.
    """
    found = _patterns()
    cleaned = to_arabic_digits(normalize_thai(text))
    cleaned = re.sub(r"\s+", " ", cleaned).strip()

    weekday: int | None = None
    match = found.th_prefix.match(cleaned)
    if match:
        if match.group("wd"):
            name = match.group("wd")
            weekday = 3 if name == "พฤหัส" else _TH_WEEKDAYS.index(name)
        cleaned = cleaned[match.end() :]
    else:
        match = found.en_prefix.match(cleaned)
        if match:
            prefix = match.group("wd").casefold()
            weekday = next(i for i, w in enumerate(_EN_WEEKDAYS) if w.startswith(prefix))
            cleaned = cleaned[match.end() :]

    eras = {_era_of_marker(m.group()) for m in found.era.finditer(cleaned)}
    if len(eras) > 1:
        raise ValueError(f"cannot parse date {text!r}: it has both a BE and a CE era marker")
    era = eras.pop() if eras else None
    cleaned = re.sub(r"\s+", " ", found.era.sub(" ", cleaned)).strip()

    year_text: str
    month: int
    day: int
    named = found.day_first.match(cleaned) or found.month_first.match(cleaned)
    numeric = found.numeric.match(cleaned)
    if named:
        month_key = re.sub(r"[\s.]", "", named.group("m")).casefold()
        month = found.month_lookup[month_key]
        day = int(named.group("d"))
        year_text = named.group("y")
    elif numeric:
        a, b, c = numeric.group("a", "b", "c")
        if len(a) >= 3:  # year first: ISO 2017-12-22 or 2560/12/22
            year_text, month, day = a, int(b), int(c)
        else:  # day first, as Thai and British writers do
            day, month, year_text = int(a), int(b), c
    else:
        raise ValueError(f"cannot parse date {text!r}: not a recognised date form")

    year = _resolve_year(year_text, era, text)
    try:
        result = datetime.date(year, month, day)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"cannot parse date {text!r}: {exc}") from None
    if weekday is not None and result.weekday() != weekday:
        raise ValueError(
            f"cannot parse date {text!r}: {result.isoformat()} is a "
            f"{_EN_WEEKDAYS[result.weekday()].capitalize()}, not a "
            f"{_EN_WEEKDAYS[weekday].capitalize()}"
        )
    return result


def fiscal_year(d: datetime.date, era: str = "be") -> int:
    """Return the Thai government fiscal year that contains *d*.

    The fiscal year starts on 1 October and is named after the year in which it ends:
    1 October 2023 starts fiscal year 2024 CE = 2567 BE.

    Raises:
        ValueError: if *era* is neither ``"be"`` nor ``"ce"``.
    """
    _check_choice("era", era, _ERAS)
    year = d.year + 1 if d.month >= 10 else d.year
    return be_year(year) if era == "be" else year


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------

#: Patterns here are strings, compiled (and cached by :mod:`re`) when first used: the
#: terminal commands that only show dates start without compiling them.
_LEADING_VOWEL_RE = "([\u0e40-\u0e44])([\u0e01-\u0e2e])"
# Tone marks and other diacritics that only matter at the secondary level:
# MAITAIKHU U+0E47, tone marks U+0E48-U+0E4B, THANTHAKHAT U+0E4C, NIKHAHIT U+0E4D,
# YAMAKKAN U+0E4E.
_DIACRITICS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def thai_sort_key(text: str) -> tuple[str, str, str]:
    """Return a key that sorts Thai text in (approximately) dictionary order.

    * A leading vowel เ แ โ ใ ไ (U+0E40-U+0E44) is moved after the consonant that follows
      it, so ``เก่ง`` sorts under ก, not after ฮ as plain code-point order would put it.
      Thai consonants and the remaining vowels are already in dictionary order by code
      point, and a consonant (inherent vowel, ``กก``) sorts before a written vowel (``กะ``).
    * Tone marks and diacritics (U+0E47-U+0E4E) are ignored at the primary level and break
      ties at the secondary level: unmarked first, then mai ek, mai tho, mai tri, mai
      chattawa (``กา`` < ``ก่า`` < ``ก้า``).
    * Thai digits compare equal to Arabic digits; Latin letters are compared case-folded
      and come before Thai. The original text breaks any remaining tie.

    Use it as ``sorted(words, key=thai_sort_key)``.

    Limitations: this is not the full Royal Institute collation that ICU implements. Only
    the single consonant after a leading vowel is swapped (clusters such as ``เปล่า`` are
    not treated specially), numbers are compared digit by digit rather than by value,
    punctuation and spaces compare by code point, and ฤ ฦ ๆ ฯ keep their code-point places.
    """
    nfc = unicodedata.normalize("NFC", text)
    swapped = re.sub(_LEADING_VOWEL_RE, r"\2\1", to_arabic_digits(nfc)).casefold()
    primary: list[str] = []
    secondary: list[str] = []
    for char in swapped:
        if char in _DIACRITICS:
            if secondary:
                secondary[-1] += char
            else:
                secondary.append(char)
        else:
            primary.append(char)
            secondary.append("\x01")
    return "".join(primary), "".join(secondary), nfc


# ---------------------------------------------------------------------------
# PDF repair and normalisation
# ---------------------------------------------------------------------------


def _is_stray_control(char: str) -> bool:
    """Control or format characters that PDF extraction leaves inside a word.

    Whitespace controls (newline, tab, ...) are not included: they separate text.
    """
    return unicodedata.category(char) in ("Cc", "Cf") and not char.isspace()


_SARA_AM = "\u0e33"
_SARA_AA = "\u0e32"
_TONE_MARKS = frozenset("\u0e48\u0e49\u0e4a\u0e4b")


def _needs_sara_am_repair(text: str) -> bool:
    """Whether some SARA AM is followed by SARA AA, a tone mark or a stray control (where
    :func:`_repair_sara_am` starts); most text needs no repair."""
    i = text.find(_SARA_AM)
    while i >= 0:
        after = text[i + 1:i + 2]
        if after and (after == _SARA_AA or after in _TONE_MARKS or _is_stray_control(after)):
            return True
        i = text.find(_SARA_AM, i + 1)
    return False


def _repair_sara_am(text: str) -> str:
    """Single left-to-right pass; the result has no SARA AM (tones/controls)* SARA AA left."""
    if not _needs_sara_am_repair(text):  # the pass below would copy it unchanged
        return text
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char != _SARA_AM:
            out.append(char)
            i += 1
            continue
        tones = ""
        end = i + 1
        while True:  # absorb every stray SARA AA, and what lies between, after this SARA AM
            k = end
            between = ""
            while k < n and (text[k] in _TONE_MARKS or _is_stray_control(text[k])):
                if text[k] in _TONE_MARKS:
                    between += text[k]
                k += 1
            if k < n and text[k] == _SARA_AA:
                tones += between
                end = k + 1
            else:
                break
        out.append(tones + _SARA_AM)
        i = end
    return "".join(out)


#: NIKHAHIT (U+0E4D), tone marks, SARA AA (U+0E32): SARA AM typed in two keystrokes.
_DECOMPOSED_AM = "\u0e4d([\u0e48-\u0e4b]*)\u0e32"
#: A run of SARA AM and tone marks that starts with SARA AM: where it holds a tone mark,
#: the tone was typed after the vowel instead of before it.
_TONE_AFTER_AM = "\u0e33[\u0e33\u0e48-\u0e4b]*"
#: Such a run that holds a tone mark (only then does :func:`fold_sara_am` change it).
_TONE_AFTER_AM_FOUND = "\u0e33+[\u0e48-\u0e4b]"
_TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
#: SARA AM followed by a tone mark: a text holds one exactly when _TONE_AFTER_AM_FOUND matches.
_AM_TONES = tuple("\u0e33" + tone for tone in "\u0e48\u0e49\u0e4a\u0e4b")


def _tones_first(match: re.Match[str]) -> str:
    run = match.group()
    tones = "".join(c for c in run if c in _TONES)
    if not tones:
        return run
    return tones + "".join(c for c in run if c not in _TONES)


def fold_sara_am(text: str) -> str:
    """Fold the spellings of SARA AM that look the same into the one Thai text uses.

    * NIKHAHIT + SARA AA (U+0E4D U+0E32, what NFKC and many keyboards and phones
      produce) becomes SARA AM (U+0E33): ``ทํา`` → ``ทำ``;
    * with tone marks between, they move before it: U+0E4D U+0E49 U+0E32 → U+0E49 U+0E33
      (``นํ้า`` → ``น้ำ``);
    * a tone mark typed after SARA AM moves before it: U+0E33 U+0E49 → U+0E49 U+0E33
      (``นำ้`` → ``น้ำ``).

    >>> fold_sara_am("\u0e19\u0e4d\u0e49\u0e32") == "\u0e19\u0e49\u0e33"
    True
    """
    if "\u0e4d" in text:
        text = re.sub(_DECOMPOSED_AM, lambda m: m.group(1) + _SARA_AM, text)
    # a run that holds a tone mark has one right after a SARA AM: four substring searches,
    # far quicker over a long text than the pattern _TONE_AFTER_AM_FOUND
    if _SARA_AM in text and any(pair in text for pair in _AM_TONES):  # else every run is kept
        text = re.sub(_TONE_AFTER_AM, _tones_first, text)
    return text


def repair_pdf_thai(text: str) -> str:
    """Repair the SARA AM artifacts of PDF-extracted Thai, then apply NFC.

    PDF text extraction often writes SARA AM (U+0E33) followed by a stray SARA AA (U+0E32),
    sometimes with a tone mark or a control/format character (U+200B, U+00AD, other Cc/Cf
    except whitespace) in between:

    * ``กำาหนด`` (... U+0E33 U+0E32 ...) becomes ``กำหนด``;
    * ``นำ้า`` (U+0E19 U+0E33 U+0E49 U+0E32) becomes ``น้ำ`` (U+0E19 U+0E49 U+0E33): the
      tone mark moves before SARA AM and the stray control characters are dropped.

    SARA AM followed by SARA AA never occurs in real Thai, so correct text is unchanged
    (apart from NFC) and the function is idempotent. The spellings of SARA AM that look
    the same are folded too (:func:`fold_sara_am`: NIKHAHIT + SARA AA, with or without a
    tone mark between, and a tone mark typed after SARA AM); docs/thai.md lists them. It cannot restore a SARA AM that the
    extraction dropped altogether (``จาเป็น`` for ``จำเป็น``).
    """
    return unicodedata.normalize("NFC", fold_sara_am(_repair_sara_am(
        fold_sara_am(unicodedata.normalize("NFC", text)))))


def normalize_thai(text: str) -> str:
    """Normalise Thai text: Unicode NFC plus :func:`repair_pdf_thai` (never NFKC).

    NFKC would decompose SARA AM (U+0E33) into NIKHAHIT + SARA AA (U+0E4D U+0E32), which
    changes how the text is searched, sorted and counted; NFC leaves SARA AM intact.
    Idempotent.
    """
    return repair_pdf_thai(unicodedata.normalize("NFC", text))
