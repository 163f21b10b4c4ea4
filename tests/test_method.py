"""Methods as data: validation of declarations and scales."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessonkit import Level, LocalizedText, Method, Prompt, Scale, ScoreError, Step, ValidationError


def test_localized_text_falls_back() -> None:
    text = LocalizedText(th="ภารกิจ", en="Mission")
    assert text.get("th") == "ภารกิจ"
    assert text.get("fr") == "Mission"
    assert LocalizedText(th="ภารกิจ").get("en") == "ภารกิจ"
    with pytest.raises(ValidationError):
        LocalizedText()


def test_range_scale_refuses_never_clips() -> None:
    scale = Scale.range(1, 3)
    assert scale.parse("2") == 2
    assert scale.parse("๓") == 3  # Thai digits
    with pytest.raises(ScoreError, match="4 is above the scale's maximum 3"):
        scale.parse(4)
    with pytest.raises(ScoreError, match="0 is below the scale's minimum 1"):
        scale.parse("0")
    with pytest.raises(ScoreError, match=r"2\.5 is not on the scale 1–3"):
        scale.parse(2.5)
    with pytest.raises(ScoreError, match="has no N/A"):
        scale.parse("na")
    with pytest.raises(ScoreError, match="'lots' is not on the scale"):
        scale.parse("lots")


def test_levels_scale_with_na() -> None:
    scale = Scale.of_levels(Level("never", 1, LocalizedText(en="Never", th="ไม่เคย")),
                            Level("mostly", 3, LocalizedText(en="Mostly true", th="ส่วนใหญ่เป็นจริง")),
                            allow_na=True)
    assert scale.parse("never") == 1
    assert scale.parse("ส่วนใหญ่เป็นจริง") == 3
    assert scale.parse("na") is None
    with pytest.raises(ScoreError, match="not a level"):
        scale.parse(2)
    assert scale.describe("en") == "Never / Mostly true / does not apply"


@given(st.integers(1, 5), st.integers(1, 20), st.floats(-50, 50, allow_nan=False))
def test_range_scale_accepts_exactly_its_points(low: int, width: int, value: float) -> None:
    scale = Scale.range(low, low + width)
    if value in scale.points():
        assert scale.check(value) == value
    else:
        with pytest.raises(ScoreError):
            scale.check(value)


def test_declaration_errors_name_the_prompt() -> None:
    with pytest.raises(ValidationError, match="prompt 'q'"):
        Prompt(key="q", kind="score", text="Q")
    with pytest.raises(ValidationError, match="kind 'essay' is not one of"):
        Prompt(key="q", kind="essay", text="Q")
    with pytest.raises(ValidationError, match="budget"):
        Prompt(key="q", kind="dots", text="Q", items_from="x")
    with pytest.raises(ValidationError, match="prompt key 'Bad Key' is not valid"):
        Prompt(key="Bad Key", kind="text", text="Q")


def test_items_from_must_name_a_list_prompt() -> None:
    with pytest.raises(ValidationError, match="must name a list or table prompt"):
        Method(key="m", title="M", steps=(Step(key="s", title="S", prompts=(
            Prompt(key="t", kind="text", text="T"),
            Prompt(key="q", kind="score", text="Q", scale=Scale.range(1, 3), items_from="t"),
        )),))
    with pytest.raises(Exception, match="unknown prompt 'nope'"):
        Method(key="m", title="M", steps=(Step(key="s", title="S", prompts=(
            Prompt(key="q", kind="score", text="Q", scale=Scale.range(1, 3), items_from="nope"),
        )),))


def test_the_three_methods_are_declared_in_thai_and_english(registry: object) -> None:
    from lessonkit.plugins import Registry

    assert isinstance(registry, Registry)
    for key in ("aar", "ee", "5c4f"):
        method = registry.method(key)
        for step, prompt in method.prompts():
            assert set(prompt.text.locales) >= {"th", "en"}, (key, step.key, prompt.key)
            assert set(step.title.locales) >= {"th", "en"}
    aar = registry.method("aar")
    assert [p.key for p in aar.step("review").prompts] == ["expected", "actual", "why_differ", "went_well", "recommend"]
    assert len(aar.step("review4").prompts) == 4
    ee = registry.method("ee")
    assert [s.key for s in ee.steps] == ["mission", "taking_stock", "planning"]
    assert ee.prompt("taking_stock", "importance").scale == Scale.range(1, 3)
    assert [f.key for f in ee.prompt("planning", "plan").fields][:4] == ["activity", "goal", "strategy", "evidence"]
    cfc = registry.method("5c4f")
    assert len(cfc.prompt("assessment", "dimensions").criteria) == 9


def test_range_scale_step_must_reach_the_maximum() -> None:
    with pytest.raises(ValidationError, match="step 2 does not divide the range 1–4"):
        Scale.range(1, 4, step=2)
    assert Scale.range(0, 1, step=0.25).points() == [0, 0.25, 0.5, 0.75, 1]
