"""Per-plugin message catalogues: namespaced, re-registrable (issue 12)."""

from __future__ import annotations

import pytest

from lessonkit import i18n
from lessonkit.i18n import catalogue, has_message, lookup, messages, t


def test_two_plugins_can_use_the_same_short_key_without_clashing() -> None:
    one = messages("test_one", {"practice": {"en": "Practice", "th": "แนวปฏิบัติ"}})
    two = messages("test_two", {"practice": {"en": "Good practice", "th": "แนวปฏิบัติที่ดี"}})
    assert one.t("practice", "th") == "แนวปฏิบัติ"
    assert two.t("practice", "th") == "แนวปฏิบัติที่ดี"
    assert t("test_one:practice", "en") == "Practice"
    assert t("test_two:practice", "en") == "Good practice"
    assert "practice" not in i18n.MESSAGES  # the core's words are untouched


def test_registering_again_is_harmless_and_replaces_the_words() -> None:
    words = {"n": {"en": "{n} raters", "th": "ผู้ประเมิน {n} คน"}}
    first = messages("test_again", words)
    assert messages("test_again", words) is first  # a second import: no error
    messages("test_again", {"n": {"en": "{n} people", "th": "{n} คน"}})
    assert first.t("n", "en", n=3) == "3 people"
    assert "n" in first and len(first) == 1


def test_replace_false_adds_to_a_namespace() -> None:
    words = messages("test_add", {"a": {"en": "A", "th": "ก"}})
    messages("test_add", {"b": {"en": "B", "th": "ข"}}, replace=False)
    assert sorted(words) == ["a", "b"]
    assert lookup("test_add:b") == {"en": "B", "th": "ข"}
    assert catalogue("test_add") is words


def test_unknown_keys_come_back_as_they_are_and_are_not_messages() -> None:
    assert t("test_nowhere:x", "th") == "test_nowhere:x"
    assert not has_message("test_nowhere:x")
    assert has_message("group")
    messages("test_known", {"x": {"en": "X"}})
    assert has_message("test_known:x") and not has_message("test_known:y")
    assert t("test_known:x", "th") == "X"  # falls back to English


@pytest.mark.parametrize("namespace", ["", "a:b", "has space", 5])
def test_a_namespace_must_be_a_plain_name(namespace: object) -> None:
    with pytest.raises(ValueError, match="namespace"):
        messages(namespace, {})  # type: ignore[arg-type]


@pytest.mark.parametrize("words", [{"a:b": {"en": "x"}}, {"a": "just text"}, {"a": {}}])
def test_bad_words_are_refused_with_the_key(words: dict) -> None:
    with pytest.raises(ValueError, match="test_bad"):
        messages("test_bad", words)


def test_the_built_in_plugins_keep_their_words_in_their_own_catalogues() -> None:
    import importlib

    for module in ("lessonkit_aar.messages", "lessonkit_ee.words", "lessonkit_5c4f.messages"):
        importlib.import_module(module)
    for namespace in ("aar", "ee", "5c4f"):
        found = catalogue(namespace)
        assert found is not None and len(found) > 10, namespace
        assert not any(key.startswith(f"{namespace}_") for key in found)
    assert not any(key.startswith(("aar_", "ee_", "5c4f_")) for key in i18n.MESSAGES)
