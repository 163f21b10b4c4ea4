"""Tests for lessonkit.thai: digits, Buddhist Era dates, fiscal year, sorting, PDF repair."""

from __future__ import annotations

import datetime
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessonkit.thai import (
    BE_OFFSET,
    EN_MONTHS,
    EN_MONTHS_ABBR,
    TH_MONTHS,
    TH_MONTHS_ABBR,
    THAI_DIGITS,
    be_year,
    ce_year,
    fiscal_year,
    format_date,
    format_digits,
    normalize_thai,
    parse_date,
    repair_pdf_thai,
    thai_sort_key,
    to_arabic_digits,
    to_thai_digits,
)

SARA_AM = "\u0e33"
SARA_AA = "\u0e32"
NIKHAHIT = "\u0e4d"
MAI_THO = "\u0e49"

SEEDS = Path("/work/shared/seeds")

# Verbatim lines of the seed report (report p.19 and p.25), as extracted from the PDF.
SEED_LINES = [
    "รายงานสรุปผล การประชุมเชิงปฏิบัติการเพื่อนำาเสนอความก้าวหน้าด้านการคุ้มครองทางสังคมการแลกเปลี่ยนแนวปฏิบัติ",
    "การระดมความเห็นฯ ในขั้นตอนนี้ กำาหนดให้ผู้เข้าร่วมประชุมมองสถานการณ์ด้านคุ้มครองทางสังคม",
    "ในภาพรวม เพื่อร่วมกันกำาหนดแนวทางการทำางานในอนาคตผ่านการจัดทำาแผนฯ โดยประยุกต์ใช้",
    "กลุ่มที่ ๑ การคุ้มครองทางสังคมสำาหรับเด็ก",
    "๒) สำานักงานปลัดกระทรวงศึกษาธิการ",
    "๔) เพื่อลดความเหลื่อมลำ้าในเด็ก/เยาวชน",
    "๒.๑ ประเมินนำ้าหนักความสำาคัญของกิจกรรม",
]
SEED_LINES_REPAIRED = [
    "รายงานสรุปผล การประชุมเชิงปฏิบัติการเพื่อนำเสนอความก้าวหน้าด้านการคุ้มครองทางสังคมการแลกเปลี่ยนแนวปฏิบัติ",
    "การระดมความเห็นฯ ในขั้นตอนนี้ กำหนดให้ผู้เข้าร่วมประชุมมองสถานการณ์ด้านคุ้มครองทางสังคม",
    "ในภาพรวม เพื่อร่วมกันกำหนดแนวทางการทำงานในอนาคตผ่านการจัดทำแผนฯ โดยประยุกต์ใช้",
    "กลุ่มที่ ๑ การคุ้มครองทางสังคมสำหรับเด็ก",
    "๒) สำนักงานปลัดกระทรวงศึกษาธิการ",
    "๔) เพื่อลดความเหลื่อมล้ำในเด็ก/เยาวชน",
    "๒.๑ ประเมินน้ำหนักความสำคัญของกิจกรรม",
]

LOCALES = ("th", "en")
ERAS = ("be", "ce")
DIGIT_STYLES = ("thai", "arabic")
STYLES = ("long", "short", "formal")


def _sara_am_aa_artifact(text: str) -> bool:
    """True if SARA AM is followed by SARA AA, possibly via tone marks or controls."""
    for i, char in enumerate(text):
        if char != SARA_AM:
            continue
        j = i + 1
        while j < len(text) and (
            "\u0e48" <= text[j] <= "\u0e4b"
            or (unicodedata.category(text[j]) in ("Cc", "Cf") and not text[j].isspace())
        ):
            j += 1
        if j < len(text) and text[j] == SARA_AA:
            return True
    return False


# Thai letters, vowels, marks and digits, some Latin, spaces and the controls that PDF
# extraction leaves behind; SARA AM and SARA AA are deliberately frequent.
thai_chars = st.one_of(
    st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
    st.sampled_from([SARA_AM, SARA_AA, "\u0e48", MAI_THO, NIKHAHIT, "น", "ก"]),
    st.sampled_from(["a", "Z", "1", " ", "\n", "\t", "\u200b", "\u00ad", "\u200d", "\x01"]),
    st.characters(codec="utf-8"),
)
thai_text = st.text(thai_chars, max_size=40)


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------


def test_thai_digits_constant() -> None:
    assert THAI_DIGITS == "๐๑๒๓๔๕๖๗๘๙"
    assert [ord(c) for c in THAI_DIGITS] == list(range(0x0E50, 0x0E5A))
    assert [int(c) for c in THAI_DIGITS] == list(range(10))


def test_digit_conversion_examples() -> None:
    assert to_thai_digits("22 ธันวาคม 2560") == "๒๒ ธันวาคม ๒๕๖๐"
    assert to_arabic_digits("๒.๑ ประเมิน") == "2.1 ประเมิน"
    assert to_thai_digits("abc-0123456789!") == "abc-๐๑๒๓๔๕๖๗๘๙!"
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙ and 42") == "0123456789 and 42"
    assert format_digits("FY 2567", "thai") == "FY ๒๕๖๗"
    assert format_digits("ปี ๒๕๖๗", "arabic") == "ปี 2567"


def test_format_digits_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="digits"):
        format_digits("1", "roman")


@given(st.text())
def test_digit_round_trip(text: str) -> None:
    thai = to_thai_digits(text)
    assert not any("0" <= c <= "9" for c in thai)
    assert to_thai_digits(to_arabic_digits(thai)) == thai
    arabic = to_arabic_digits(text)
    assert not any(c in THAI_DIGITS for c in arabic)
    assert to_arabic_digits(to_thai_digits(arabic)) == arabic
    assert len(thai) == len(arabic) == len(text)


@given(st.text(alphabet=st.characters(exclude_characters=THAI_DIGITS)))
def test_to_thai_then_arabic_is_identity_without_thai_digits(text: str) -> None:
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(st.integers(min_value=0))
def test_thai_digits_are_the_same_number(n: int) -> None:
    assert int(to_thai_digits(str(n))) == n


# ---------------------------------------------------------------------------
# Buddhist Era
# ---------------------------------------------------------------------------


def test_month_tables() -> None:
    assert len(TH_MONTHS) == len(TH_MONTHS_ABBR) == len(EN_MONTHS) == len(EN_MONTHS_ABBR) == 12
    assert TH_MONTHS[11] == "ธันวาคม"
    assert TH_MONTHS_ABBR[11] == "ธ.ค."
    assert TH_MONTHS_ABBR[1] == "ก.พ."
    assert EN_MONTHS[0] == "January"
    assert EN_MONTHS_ABBR[8] == "Sep"
    assert len(set(TH_MONTHS_ABBR)) == 12


def test_be_ce_years() -> None:
    assert BE_OFFSET == 543
    assert be_year(2017) == 2560
    assert ce_year(2560) == 2017
    assert be_year(2024) == 2567


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_be_ce_inverse(year: int) -> None:
    assert ce_year(be_year(year)) == year
    assert be_year(year) - year == BE_OFFSET


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "22 ธันวาคม 2560"),
        ({"digits": "thai"}, "๒๒ ธันวาคม ๒๕๖๐"),
        ({"style": "formal"}, "วันที่ 22 ธันวาคม พ.ศ. 2560"),
        ({"style": "formal", "digits": "thai"}, "วันที่ ๒๒ ธันวาคม พ.ศ. ๒๕๖๐"),
        ({"style": "formal", "era": "ce"}, "วันที่ 22 ธันวาคม ค.ศ. 2017"),
        ({"style": "short"}, "22 ธ.ค. 2560"),
        ({"era": "ce"}, "22 ธันวาคม 2017"),
        ({"locale": "en"}, "22 December 2560 BE"),
        ({"locale": "en", "era": "ce"}, "22 December 2017"),
        ({"locale": "en", "era": "ce", "style": "short"}, "22 Dec 2017"),
        ({"locale": "en", "era": "ce", "style": "formal"}, "22 December 2017 CE"),
    ],
)
def test_format_date_examples(kwargs: dict[str, str], expected: str) -> None:
    assert format_date(datetime.date(2017, 12, 22), **kwargs) == expected


def test_format_date_adds_marker_when_bare_year_would_be_misread() -> None:
    # 1850 CE is 2393 BE: a bare 2393 would be read as CE, so the marker is written.
    assert format_date(datetime.date(1850, 1, 1)) == "1 มกราคม พ.ศ. 2393"
    # A CE year above 2400 would be read as BE without its marker.
    assert format_date(datetime.date(2500, 1, 1), "en", "ce") == "1 January 2500 CE"
    assert format_date(datetime.date(2500, 1, 1), "th", "ce") == "1 มกราคม ค.ศ. 2500"


@pytest.mark.parametrize(
    ("name", "value"),
    [("locale", "fr"), ("era", "ah"), ("digits", "roman"), ("style", "medium")],
)
def test_format_date_rejects_unknown_options(name: str, value: str) -> None:
    with pytest.raises(ValueError, match=name):
        format_date(datetime.date(2017, 12, 22), **{name: value})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # From the seeds (report p.12, and the two news items).
        ("๒๒ ธันวาคม ๒๕๖๐", datetime.date(2017, 12, 22)),
        ("เมื่อวันที่ ๒๒ ธันวาคม ๒๕๖๐", datetime.date(2017, 12, 22)),
        ("วันอังคารที่ 7 กุมภาพันธ์ พ.ศ. 2566", datetime.date(2023, 2, 7)),
        ("วันที่ 22 มีนาคม 2566", datetime.date(2023, 3, 22)),
        # Other forms.
        ("22 ธันวาคม 2560", datetime.date(2017, 12, 22)),
        ("22 ธ.ค. 2560", datetime.date(2017, 12, 22)),
        ("22 ธ. ค. 2560", datetime.date(2017, 12, 22)),
        ("22 ธ.ค. ๒๕๖๐", datetime.date(2017, 12, 22)),
        ("1 ม.ค. พ.ศ.2567", datetime.date(2024, 1, 1)),
        ("22 ธันวาคม ค.ศ. 2017", datetime.date(2017, 12, 22)),
        ("22 ธันวาคม พุทธศักราช 2560", datetime.date(2017, 12, 22)),
        ("22 December 2560 BE", datetime.date(2017, 12, 22)),
        ("22 December 2560 B.E.", datetime.date(2017, 12, 22)),
        ("22 December 2017", datetime.date(2017, 12, 22)),
        ("22 dec 2017 AD", datetime.date(2017, 12, 22)),
        ("December 22, 2017", datetime.date(2017, 12, 22)),
        ("Friday, 22nd December 2017", datetime.date(2017, 12, 22)),
        ("2017-12-22", datetime.date(2017, 12, 22)),
        ("๒๐๑๗-๑๒-๒๒", datetime.date(2017, 12, 22)),
        ("2560-12-22", datetime.date(2017, 12, 22)),
        ("22/12/2560", datetime.date(2017, 12, 22)),
        ("22/12/2017", datetime.date(2017, 12, 22)),
        ("๒๒/๑๒/๒๕๖๐", datetime.date(2017, 12, 22)),
        ("1/10/2566", datetime.date(2023, 10, 1)),
        ("22.12.2560", datetime.date(2017, 12, 22)),
        ("  22   ธันวาคม\t2560 ", datetime.date(2017, 12, 22)),
    ],
)
def test_parse_date_examples(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


def test_parse_date_finds_the_seed_date() -> None:
    path = next(iter(sorted(SEEDS.glob("001_*.txt"))), None)
    if path is None:
        pytest.skip("seed documents not available")
    line = next(ln for ln in path.read_text(encoding="utf-8").splitlines() if "ธันวาคม" in ln)
    date_text = line.split(" ณ ")[0]
    assert date_text == "เมื่อวันที่ ๒๒ ธันวาคม ๒๕๖๐"
    assert parse_date(date_text) == datetime.date(2017, 12, 22)


def test_be_leap_year_trap() -> None:
    # 2567 BE = 2024 CE is a leap year; the CE year 2567 is not.
    with pytest.raises(ValueError):
        datetime.date(2567, 2, 29)
    assert parse_date("29 กุมภาพันธ์ 2567") == datetime.date(2024, 2, 29)
    assert parse_date("29 ก.พ. พ.ศ. 2567") == datetime.date(2024, 2, 29)
    assert parse_date("29/2/2567") == datetime.date(2024, 2, 29)
    assert parse_date("2567-02-29") == datetime.date(2024, 2, 29)
    assert parse_date("29 February 2567 BE") == datetime.date(2024, 2, 29)
    assert format_date(datetime.date(2024, 2, 29)) == "29 กุมภาพันธ์ 2567"
    # 2566 BE = 2023 CE is not a leap year, although the CE year 2566 would not be either;
    # 2563 BE = 2020 CE is one.
    with pytest.raises(ValueError, match="2566"):
        parse_date("29 กุมภาพันธ์ 2566")
    assert parse_date("29 กุมภาพันธ์ 2563") == datetime.date(2020, 2, 29)
    # With an explicit CE marker the year is CE, and 2567 CE has no 29 February.
    with pytest.raises(ValueError):
        parse_date("29/2/2567 CE")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("hello", "not a recognised date form"),
        ("", "not a recognised date form"),
        ("22 ธ.ค. 60", "ambiguous"),
        ("32 ธันวาคม 2560", "day is out of range"),
        ("22/13/2560", "month must be in 1..12"),
        ("22 ธันวาคม พ.ศ. 2560 CE", "both a BE and a CE"),
        ("วันจันทร์ที่ 7 กุมภาพันธ์ พ.ศ. 2566", "Tuesday, not a Monday"),
        ("1 มกราคม ค.ศ. 0", "cannot parse date"),
        ("1 มกราคม 99999999999999999999", "cannot parse date"),
    ],
)
def test_parse_date_errors_name_the_text(text: str, fragment: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_date(text)
    message = str(info.value)
    assert repr(text) in message
    assert fragment in message


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
    st.sampled_from(LOCALES),
    st.sampled_from(ERAS),
    st.sampled_from(DIGIT_STYLES),
    st.sampled_from(STYLES),
)
def test_format_parse_round_trip(
    d: datetime.date, locale: str, era: str, digits: str, style: str
) -> None:
    text = format_date(d, locale=locale, era=era, digits=digits, style=style)
    assert parse_date(text) == d
    if digits == "thai":
        assert not any("0" <= c <= "9" for c in text)
    else:
        assert not any(c in THAI_DIGITS for c in text)
    year = be_year(d.year) if era == "be" else d.year
    assert format_digits(str(year), digits) in text


@given(
    st.dates(),
    st.sampled_from(LOCALES),
    st.sampled_from(ERAS),
    st.sampled_from(DIGIT_STYLES),
    st.sampled_from(STYLES),
)
def test_format_parse_round_trip_whole_calendar(
    d: datetime.date, locale: str, era: str, digits: str, style: str
) -> None:
    assert parse_date(format_date(d, locale, era, digits, style)) == d


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_parse_iso_and_numeric(d: datetime.date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.day}/{d.month}/{be_year(d.year)}") == d
    assert parse_date(f"{d.day}/{d.month}/{d.year}") == d
    assert parse_date(to_thai_digits(f"{d.day}/{d.month}/{be_year(d.year)}")) == d


# ---------------------------------------------------------------------------
# Fiscal year
# ---------------------------------------------------------------------------


def test_fiscal_year_boundary() -> None:
    assert fiscal_year(datetime.date(2023, 9, 30)) == 2566
    assert fiscal_year(datetime.date(2023, 10, 1)) == 2567
    assert fiscal_year(datetime.date(2023, 10, 1), era="ce") == 2024
    assert fiscal_year(datetime.date(2023, 9, 30), era="ce") == 2023
    assert fiscal_year(datetime.date(2024, 1, 1)) == 2567
    assert fiscal_year(datetime.date(2024, 9, 30)) == 2567
    # The workshop of 22 December 2560 BE fell in fiscal year 2561.
    assert fiscal_year(parse_date("๒๒ ธันวาคม ๒๕๖๐")) == 2561


def test_fiscal_year_rejects_unknown_era() -> None:
    with pytest.raises(ValueError, match="era"):
        fiscal_year(datetime.date(2023, 10, 1), era="fy")


@given(st.dates(min_value=datetime.date(2, 1, 1), max_value=datetime.date(9998, 12, 31)))
def test_fiscal_year_properties(d: datetime.date) -> None:
    fy = fiscal_year(d, era="ce")
    assert fiscal_year(d) == be_year(fy)
    start = datetime.date(fy - 1, 10, 1)
    end = datetime.date(fy, 9, 30)
    assert start <= d <= end


# ---------------------------------------------------------------------------
# Sorting
# ---------------------------------------------------------------------------


def test_sort_leading_vowels_by_consonant() -> None:
    words = ["ไก่", "กา", "เก่ง", "ขา"]
    # Code-point order puts the words with leading vowels last ...
    assert sorted(words) == ["กา", "ขา", "เก่ง", "ไก่"]
    # ... dictionary order files them under their consonant ก: กา (า), เก่ง (เ), ไก่ (ไ).
    assert sorted(words, key=thai_sort_key) == ["กา", "เก่ง", "ไก่", "ขา"]


def test_sort_more_dictionary_examples() -> None:
    assert sorted(["แมว", "มา", "โม่", "ไม้", "เมือง", "มด"], key=thai_sort_key) == [
        "มด",
        "มา",
        "เมือง",
        "แมว",
        "โม่",
        "ไม้",
    ]
    # Consonant-only (inherent vowel) words come before written vowels.
    assert sorted(["กะ", "กก", "กา"], key=thai_sort_key) == ["กก", "กะ", "กา"]


def test_sort_tone_marks_are_secondary() -> None:
    assert sorted(["ข้า", "ขา", "ข่า", "ขาม"], key=thai_sort_key) == ["ขา", "ข่า", "ข้า", "ขาม"]
    assert thai_sort_key("ข่า")[0] == thai_sort_key("ขา")[0]
    assert thai_sort_key("ข่า") != thai_sort_key("ขา")


def test_sort_mixed_thai_and_latin() -> None:
    words = ["ไทย", "thai", "Apple", "กา", "banana", "Thai"]
    assert sorted(words, key=thai_sort_key) == ["Apple", "banana", "Thai", "thai", "กา", "ไทย"]
    assert thai_sort_key("กลุ่ม ๒")[0] == thai_sort_key("กลุ่ม 2")[0]


@given(st.lists(st.text(alphabet="กขคงจมนยรลวอะาิีุู", max_size=6)))
def test_sort_matches_code_points_without_leading_vowels_or_marks(words: list[str]) -> None:
    assert sorted(words, key=thai_sort_key) == sorted(words)


@given(thai_text)
def test_sort_key_ignores_normalisation_form(text: str) -> None:
    nfd = unicodedata.normalize("NFD", text)
    assert thai_sort_key(nfd) == thai_sort_key(unicodedata.normalize("NFC", text))


# ---------------------------------------------------------------------------
# PDF repair and normalisation
# ---------------------------------------------------------------------------


def test_repair_examples() -> None:
    assert repair_pdf_thai("กำาหนด") == "กำหนด"
    assert (
        repair_pdf_thai("\u0e01\u0e33\u0e32\u0e2b\u0e19\u0e14") == "\u0e01\u0e33\u0e2b\u0e19\u0e14"
    )
    assert repair_pdf_thai("นำ้า") == "น้ำ"
    assert repair_pdf_thai("\u0e19\u0e33\u0e49\u0e32") == "\u0e19\u0e49\u0e33"
    assert repair_pdf_thai("ลำ้า") == "ล้ำ"
    assert repair_pdf_thai("ค่ำา") == "ค่ำ"
    # A control or format character between SARA AM and the stray SARA AA.
    assert repair_pdf_thai("กำ\u200bาหนด") == "กำหนด"
    assert repair_pdf_thai("กำ\u00adาหนด") == "กำหนด"
    assert repair_pdf_thai("นำ\u200b้\u00adา") == "น้ำ"
    assert repair_pdf_thai("กำ\x07าหนด") == "กำหนด"
    # Repeated stray SARA AA.
    assert repair_pdf_thai("กำาาหนด") == "กำหนด"
    # Whitespace separates text: it is not treated as an artifact.
    assert repair_pdf_thai("กำ\nา") == "กำ\nา"


def test_repair_seed_lines() -> None:
    for line, expected in zip(SEED_LINES, SEED_LINES_REPAIRED, strict=True):
        repaired = repair_pdf_thai(line)
        assert SARA_AM + SARA_AA not in repaired
        assert repaired == expected
        assert normalize_thai(line) == expected
        # Only stray SARA AA characters are removed.
        assert len(line) - len(repaired) == line.count(SARA_AM + SARA_AA) + line.count(
            SARA_AM + MAI_THO + SARA_AA
        )


def test_repair_seed_files() -> None:
    paths = sorted(SEEDS.glob("000_*.txt"))
    if not paths:
        pytest.skip("seed documents not available")
    text = paths[0].read_text(encoding="utf-8")
    assert SARA_AM + SARA_AA in text
    repaired = repair_pdf_thai(text)
    assert not _sara_am_aa_artifact(repaired)
    for line in repaired.splitlines():
        assert SARA_AM + SARA_AA not in line
    assert "กำหนด" in repaired
    assert "เหลื่อมล้ำ" in repaired
    assert repaired.count(SARA_AM) == text.count(SARA_AM)
    assert repair_pdf_thai(repaired) == repaired


def test_correct_thai_is_unchanged() -> None:
    for text in [*SEED_LINES_REPAIRED, "น้ำ", "ทำงาน", "ลำไย", "คำ", "ตำรวจ", "ใจ"]:
        assert repair_pdf_thai(text) == text
        assert normalize_thai(text) == text


def test_normalize_never_nfkc() -> None:
    assert unicodedata.normalize("NFKC", "กำ") == "ก" + NIKHAHIT + SARA_AA
    assert normalize_thai("กำ") == "กำ"
    assert normalize_thai("นำ้าหนัก") == "น้ำหนัก"
    # NFC is applied (here to a decomposed Latin letter next to Thai).
    assert normalize_thai("cafe\u0301 กำาหนด") == "caf\u00e9 กำหนด"


@given(thai_text)
def test_repair_is_idempotent(text: str) -> None:
    once = repair_pdf_thai(text)
    assert repair_pdf_thai(once) == once
    assert normalize_thai(once) == once
    assert normalize_thai(normalize_thai(text)) == normalize_thai(text)
    assert not _sara_am_aa_artifact(once)
    assert unicodedata.is_normalized("NFC", once)


@given(thai_text)
def test_repair_without_artifact_is_only_nfc(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    if SARA_AM + SARA_AA not in nfc and not _sara_am_aa_artifact(nfc):
        assert repair_pdf_thai(text) == nfc
        assert normalize_thai(text) == nfc


@given(st.text(thai_chars.filter(lambda c: c != SARA_AA), max_size=40))
def test_repair_without_sara_aa_is_only_nfc_and_folding(text: str) -> None:
    # Without SARA AA there is no PDF artefact: only NFC, and a tone mark typed after
    # SARA AM moved before it (docs/thai.md).
    from lessonkit.thai import fold_sara_am

    assert repair_pdf_thai(text) == fold_sara_am(unicodedata.normalize("NFC", text))


@given(thai_text)
def test_repair_only_removes_characters(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    repaired = repair_pdf_thai(text)
    assert repaired.count(SARA_AM) == nfc.count(SARA_AM)
    assert len(repaired) <= len(nfc)
    assert not Counter(repaired) - Counter(nfc)


@given(thai_text)
def test_nfc_never_splits_sara_am(text: str) -> None:
    assert unicodedata.normalize("NFC", text).count(SARA_AM) == text.count(SARA_AM)
    assert normalize_thai(text).count(SARA_AM) == text.count(SARA_AM)
    # NFKC, by contrast, removes every SARA AM.
    assert SARA_AM not in unicodedata.normalize("NFKC", text)


# ---------------------------------------------------------------------------
# SARA AM folding (docs/thai.md)
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [
    ("\u0e17\u0e4d\u0e32", "\u0e17\u0e33"),                          # ทํา → ทำ
    ("\u0e19\u0e4d\u0e49\u0e32", "\u0e19\u0e49\u0e33"),              # นํ้า → น้ำ (tone between)
    ("\u0e04\u0e4d\u0e48\u0e32", "\u0e04\u0e48\u0e33"),              # คํ่า → ค่ำ
    ("\u0e19\u0e33\u0e49", "\u0e19\u0e49\u0e33"),                    # นำ้ → น้ำ (tone after)
    ("\u0e01\u0e4d\u0e32\u0e32\u0e2b\u0e19\u0e14", "\u0e01\u0e33\u0e2b\u0e19\u0e14"),  # + PDF's AA
    ("\u0e2a\u0e4d\u0e2a\u0e01\u0e24\u0e15", "\u0e2a\u0e4d\u0e2a\u0e01\u0e24\u0e15"),  # สํสกฤต kept
])
def test_sara_am_spellings_are_folded(typed: str, stored: str) -> None:
    from lessonkit.thai import fold_sara_am
    from lessonkit.workshop import clean_text

    assert normalize_thai(typed) == stored and clean_text(f" {typed} ") == stored
    assert normalize_thai(stored) == stored
    if "\u0e32\u0e32" not in typed:
        assert fold_sara_am(typed) == stored


_AM_RUNS = st.text(st.sampled_from(["ก", "น", " ", "\u0e33", "\u0e32", "\u0e4d", "\u0e47",
                                    "\u0e48", "\u0e49", "\u0e4a", "\u0e4b", "\u0e4c"]), max_size=20)


@given(_AM_RUNS)
def test_the_quick_tone_after_sara_am_check_agrees_with_the_pattern(text: str) -> None:
    """fold_sara_am looks for SARA AM + tone mark with four substring searches instead of
    the pattern: both find the same texts."""
    import re

    from lessonkit.thai import _AM_TONES, _TONE_AFTER_AM_FOUND

    assert any(pair in text for pair in _AM_TONES) == bool(re.search(_TONE_AFTER_AM_FOUND, text))
