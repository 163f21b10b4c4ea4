"""The 5C4F frame around the method: age bands, respondent types, the CFCI cross-walk.

Everything a session can configure lives in ``session.settings["5c4f"]``:

``age_bands``
    a list of bands ``"from-to"`` in years, ascending and not overlapping
    (default ``["0-6", "7-18"]``);
``weak_below``
    the mean level under which a dimension counts as *weak* (default ``2``,
    "sometimes");
``crosswalk``
    ``true`` to show the dimensions against UNICEF CFCI's five goal areas with
    the default mapping, or a mapping ``{dimension: [goal area, …]}`` of one's own.
``baseline``
    the path of the baseline round's session file; the report then shows the
    change since the baseline per dimension and per activity.

Respondent types (children, adolescents, parents, officials, as in UNICEF's
community self-assessment kit) are kept per group in
``group.data["5c4f"]["respondents"]`` (participant key → type).

Click-free and I/O-free: the CLI and the report call these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from lessonkit import Group, LocalizedText, Session, ValidationError
from lessonkit.thai import normalize_thai, to_arabic_digits

__all__ = [
    "DEFAULT_CROSSWALK",
    "GOAL_AREAS",
    "METHOD_KEY",
    "RESPONDENT_TYPES",
    "WEAK_BELOW",
    "age_bands",
    "band_key",
    "check_bands",
    "crosswalk",
    "dimension_key",
    "dimension_label",
    "normalize_band",
    "parse_dimensions",
    "respondent_type",
    "respondents",
    "set_respondent_type",
    "settings",
    "weak_below",
]

METHOD_KEY = "5c4f"
#: A dimension whose mean level is below this is *weak* ("sometimes" = 2 on the kit's scale).
WEAK_BELOW = 2.0

T = LocalizedText

#: UNICEF Child Friendly Cities Initiative: the five goal areas.
GOAL_AREAS: dict[str, LocalizedText] = {
    "valued": T(en="Every child is valued, respected and treated fairly",
                th="เด็กทุกคนได้รับการเห็นคุณค่า เคารพ และปฏิบัติอย่างเป็นธรรม"),
    "heard": T(en="Every child's voice, needs and priorities are heard",
               th="เสียง ความต้องการ และลำดับความสำคัญของเด็กทุกคนได้รับการรับฟัง"),
    "services": T(en="Every child has access to quality essential services",
                  th="เด็กทุกคนเข้าถึงบริการพื้นฐานที่มีคุณภาพ"),
    "safe": T(en="Every child lives in a safe, secure and clean environment",
              th="เด็กทุกคนอยู่ในสภาพแวดล้อมที่ปลอดภัย มั่นคง และสะอาด"),
    "family_play": T(en="Every child enjoys family life, play and leisure",
                     th="เด็กทุกคนมีชีวิตครอบครัว การเล่น และการพักผ่อน"),
}

#: Which CFCI goal areas each 5C4F dimension serves (a working mapping, not an official one).
DEFAULT_CROSSWALK: dict[str, tuple[str, ...]] = {
    "creative": ("family_play",),
    "comfort": ("safe",),
    "connected": ("services",),
    "child_centred": ("heard",),
    "community_based": ("valued", "heard"),
    "fun": ("family_play",),
    "for_all": ("valued", "services"),
    "friendly": ("valued", "safe"),
    "family_focused": ("family_play",),
}

#: Respondent types of UNICEF's community self-assessment kit, plus the officials who run it.
RESPONDENT_TYPES: dict[str, LocalizedText] = {
    "children": T(en="Children", th="เด็ก"),
    "adolescents": T(en="Adolescents (13–18)", th="วัยรุ่น (๑๓–๑๘ ปี)"),
    "parents": T(en="Parents", th="ผู้ปกครอง"),
    "officials": T(en="Officials", th="เจ้าหน้าที่"),
}

_DASHES = re.compile(r"\s*[-–—~]\s*|\s+(?:to|ถึง)\s+")
_BAND = re.compile(r"^(\d{1,3})-(\d{1,3})$")  # ages in years: three digits at most
_YEARS = re.compile(r"\s*(?:ปี|years?|yrs?|y)\.?$", re.IGNORECASE)


def settings(session: Session) -> dict[str, Any]:
    """The method's settings of ``session`` (an empty dict when none are set)."""
    value = session.settings.get(METHOD_KEY, {})
    if not isinstance(value, Mapping):
        raise ValidationError(f"settings must be an object (got {value!r})", where=f"settings.{METHOD_KEY}")
    return dict(value)


def normalize_band(raw: object) -> str:
    """``"0–6"``, ``"๐-๖ ปี"``, ``"0 to 6"`` → ``"0-6"``; anything else stripped of spaces."""
    text = to_arabic_digits(normalize_thai(str(raw))).strip()
    text = _YEARS.sub("", text)
    return _DASHES.sub("-", text).replace(" ", "")


def check_bands(raw: Sequence[object], where: str = f"settings.{METHOD_KEY}.age_bands") -> tuple[str, ...]:
    """Validate and normalise a list of age bands: ``from-to`` years, ascending, no overlap."""
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence) or not raw:
        raise ValidationError(f"age bands must be a non-empty list (got {raw!r})", where=where,
                              hint="e.g. [\"0-6\", \"7-18\"]")
    bands: list[str] = []
    last_end = -1
    for i, value in enumerate(raw):
        band = normalize_band(value)
        match = _BAND.match(band)
        if match is None:
            raise ValidationError(f"age band {value!r} is not 'from-to' in years, like '0-6'",
                                  where=f"{where}[{i}]")
        start, end = int(match[1]), int(match[2])
        if start > end:
            raise ValidationError(f"age band {value!r} starts after it ends", where=f"{where}[{i}]")
        if start <= last_end:
            raise ValidationError(
                f"age band {value!r} overlaps or comes before the band before it ({bands[-1]!r})",
                where=f"{where}[{i}]", hint="list the bands youngest first, without overlap")
        last_end = end
        bands.append(f"{start}-{end}")
    return tuple(bands)


def age_bands(session: Session) -> tuple[str, ...]:
    """The session's age bands: ``settings["5c4f"]["age_bands"]`` or ``("0-6", "7-18")``."""
    from lessonkit_5c4f import AGE_BANDS

    raw = settings(session).get("age_bands")
    if raw is None:
        return AGE_BANDS
    return check_bands(raw)


def band_key(raw: object, bands: Sequence[str], where: str) -> str:
    """The known band ``raw`` names, or a :class:`ValidationError` listing the known ones."""
    band = normalize_band(raw)
    if band in bands:
        return band
    raise ValidationError(
        f"unknown age band {raw!r} (known: {', '.join(bands)})", where=where,
        hint="use one of the session's bands or change them with 'lessonkit 5c4f bands'")


def weak_below(session: Session) -> float:
    """The mean level under which a dimension is weak (setting ``weak_below``, default 2)."""
    raw = settings(session).get("weak_below", WEAK_BELOW)
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise ValidationError(f"weak_below must be a number (got {raw!r})",
                              where=f"settings.{METHOD_KEY}.weak_below")
    return float(raw)


def _dimensions() -> tuple[Any, ...]:
    from lessonkit_5c4f import DIMENSIONS

    return DIMENSIONS


def dimension_key(raw: str, where: str = "") -> str:
    """The key of a dimension given by key (``for_all``, ``for-all``) or label (``For All``, ``สนุก``)."""
    text = normalize_thai(raw).strip()
    folded = text.casefold()
    for dim in _dimensions():
        labels = {v.casefold() for v in dim.label.values.values()}
        if folded in (dim.key, dim.key.replace("_", "-"), dim.key.replace("_", " ")) or folded in labels:
            return str(dim.key)
        # "Comfort" for "Comfort (safe)"
        if any(label.split(" (")[0] == folded for label in labels):
            return str(dim.key)
    known = ", ".join(d.key for d in _dimensions())
    raise ValidationError(f"unknown dimension {text!r} (known: {known})", where=where or None)


def parse_dimensions(raw: str | Sequence[str], where: str = "") -> tuple[str, ...]:
    """Dimension keys from ``"comfort, fun"`` or a list; unknown ones are an error; no repeats."""
    parts = re.split(r"[,;/]", raw) if isinstance(raw, str) else list(raw)
    keys: dict[str, None] = {}
    for part in parts:
        if part.strip():
            keys[dimension_key(part, where)] = None
    return tuple(keys)


def dimension_label(key: str, locale: str) -> str:
    """A dimension's name in ``locale``."""
    for dim in _dimensions():
        if dim.key == key:
            return str(dim.label.get(locale))
    return key


def crosswalk(session: Session) -> dict[str, tuple[str, ...]] | None:
    """The dimension → CFCI goal areas mapping to show, or ``None`` when the session wants none."""
    raw = settings(session).get("crosswalk")
    where = f"settings.{METHOD_KEY}.crosswalk"
    if raw is None or raw is False:
        return None
    if raw is True:
        return dict(DEFAULT_CROSSWALK)
    if not isinstance(raw, Mapping):
        raise ValidationError(f"crosswalk must be true, false or an object (got {raw!r})", where=where)
    mapping: dict[str, tuple[str, ...]] = {}
    for dim, goals in raw.items():
        key = dimension_key(str(dim), where)
        goal_list = [goals] if isinstance(goals, str) else list(goals)
        for goal in goal_list:
            if goal not in GOAL_AREAS:
                raise ValidationError(f"unknown CFCI goal area {goal!r} (known: {', '.join(GOAL_AREAS)})",
                                      where=f"{where}.{dim}")
        mapping[key] = tuple(goal_list)
    return mapping


def respondents(group: Group) -> dict[str, str]:
    """The group's respondent types: participant key → type."""
    data = group.data.get(METHOD_KEY, {})
    found = data.get("respondents", {}) if isinstance(data, Mapping) else {}
    if not isinstance(found, Mapping):
        raise ValidationError("respondents must be an object", where=f"group {group.key!r} data.{METHOD_KEY}")
    return {str(k): str(v) for k, v in found.items()}


def respondent_type(raw: str) -> str:
    """The key of a respondent type given by key or label (``children``, ``เด็ก``)."""
    text = normalize_thai(raw).strip()
    folded = text.casefold().rstrip("s")
    for key, label in RESPONDENT_TYPES.items():
        names = {key, key.rstrip("s"), *(v.casefold() for v in label.values.values()),
                 *(v.split(" (")[0].casefold() for v in label.values.values())}
        if text.casefold() in names or folded in names:
            return key
    raise ValidationError(f"unknown respondent type {raw!r} (known: {', '.join(RESPONDENT_TYPES)})")


def set_respondent_type(group: Group, participant: str, kind: str) -> str:
    """Record that ``participant`` of ``group`` answers as respondent type ``kind``."""
    group.participant(participant)
    key = respondent_type(kind)
    data = group.data.setdefault(METHOD_KEY, {})
    data.setdefault("respondents", {})[participant] = key
    return key
