"""One N/A marker everywhere: lessonkit.NA, spelt "na" in files and ballots (issue 12)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import NA, Prompt, Scale, ValidationError
from lessonkit import LocalizedText as T
from lessonkit.scores import NA_TEXT, ScoreTable
from lessonkit.testing import scores_for

RATE = Prompt(key="rate", kind="score", items_from="ideas", text=T(en="Rate", th="ให้คะแนน"),
              scale=Scale.range(1, 5, allow_na=True))


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_ballot_scores_for_draws_fits_a_score_table(data: st.DataObject) -> None:
    ballot = data.draw(scores_for(RATE, ["a", "b", "c"]))
    table = ScoreTable()
    table.set_ballot("p1", ballot)  # "na" strings were refused here
    for item, value in ballot.items():
        stored = table.get("p1", item)
        assert (stored is NA) if value is NA else stored == value


def test_the_na_marker_is_drawn() -> None:
    @settings(max_examples=200, deadline=None)
    @given(scores_for(RATE, ["a"]))
    def collect(ballot: dict) -> None:
        seen.update(v for v in ballot.values() if v is NA)

    seen: set = set()
    collect()
    assert seen == {NA}


@pytest.mark.parametrize("value", [NA, "na", "NA", " na "])
def test_a_score_table_takes_the_marker_and_its_file_spelling(value: object) -> None:
    table = ScoreTable()
    table.set("p1", "a", value)  # type: ignore[arg-type]
    assert table.get("p1", "a") is NA
    assert table.to_data()["columns"][0]["values"] == [NA_TEXT]


def test_other_strings_are_still_refused() -> None:
    with pytest.raises(ValidationError, match=r"not a finite number, NA \(\"na\"\) or None"):
        ScoreTable().set("p1", "a", "nope")  # type: ignore[arg-type]


def test_a_scale_parses_the_marker() -> None:
    assert RATE.scale is not None
    assert RATE.scale.parse(NA) is None and RATE.scale.parse("na") is None
    with pytest.raises(ValidationError, match="N/A is not allowed"):
        Scale.range(1, 5).parse(NA)
