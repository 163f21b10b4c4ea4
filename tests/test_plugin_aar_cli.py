"""A facilitator's full After Action Review from the command line: two groups, answers,
themes, dots, actions, carry-over, and the report in every format, in Thai and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import files
from lessonkit.cli import cli


def run(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(cli, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def ok(runner: CliRunner, *args: str | Path) -> str:
    code, out, err = run(runner, *args)
    assert code == 0, err
    return out


GROUPS = {
    "g1": ("การคุ้มครองทางสังคมสำหรับเด็ก", "สำนักงานสถิติแห่งชาติ"),
    "g2": ("การคุ้มครองทางสังคมสำหรับผู้สูงอายุ", "กรมกิจการผู้สูงอายุ"),
}


def run_aar(runner: CliRunner, path: Path, *, title: str = "ถอดบทเรียน", date: str = "2017-12-22",
            locale: str = "th") -> None:
    """Everything a facilitator does for two groups."""
    ok(runner, "new", path, "--title", title, "--method", "aar", "--date", date, "--locale", locale)
    for key, (name, agency) in GROUPS.items():
        ok(runner, "group", "add", path, key, "--name", name, "--member", agency)
        ok(runner, "participant", "add", path, f"{key}-somchai", "--group", key, "--name", "สมชาย",
           "--agency", agency)
        ok(runner, "participant", "add", path, f"{key}-anon", "--group", key)
        p1, p2 = f"{key}-somchai", f"{key}-anon"
        e1 = ok(runner, "aar", "answer", path, "--group", key, "-q", "expected", "--participant", p1,
                "เด็กรู้สิทธิของตน", "ฐานข้อมูลกลางร่วมกัน").split()
        e2 = ok(runner, "aar", "answer", path, "--group", key, "-q", "expected", "--participant", p2,
                "ข้อมูลเชื่อมโยงกัน").split()
        ok(runner, "aar", "answer", path, "--group", key, "-q", "actual", "--participant", p1,
           "บางหน่วยงานแลกเปลี่ยนข้อมูลแล้ว")
        ok(runner, "aar", "answer", path, "--group", key, "-q", "why_differ", "--participant", p1,
           "งบประมาณจำกัด")
        ok(runner, "aar", "answer", path, "--group", key, "-q", "went_well",
           "ความร่วมมือระหว่างหน่วยงานดี")  # an anonymous card
        ok(runner, "aar", "answer", path, "--group", key, "-q", "recommend", "--participant", p2,
           "ประชุมทุกเดือน")
        ok(runner, "aar", "tag", path, "--group", key, "--theme", "ข้อมูล", e1[1], e2[0])
        ok(runner, "aar", "item", path, "sustain", "ความร่วมมือระหว่างหน่วยงาน", "--group", key)
        ok(runner, "aar", "item", path, "improve", "ฐานข้อมูลกลาง", "--group", key, "--from", e1[1])
        ok(runner, "aar", "item", path, "improve", "ประชุมทุกเดือน", "--group", key)
        ok(runner, "aar", "dots", path, "--group", key, "--participant", p1, "1=2", "2=1")
        ok(runner, "aar", "dots", path, "--group", key, "--participant", p2, "1=3")
        ok(runner, "aar", "act", path, "--group", key, "--top", "1", "--owner", agency,
           "--due", "31/3/2561")


def test_every_question_has_guidance_in_the_question_sheet(runner: CliRunner) -> None:
    for locale, word in (("en", "Guidance"), ("th", "คำแนะนำ")):
        out = ok(runner, "prompts", "aar", "--locale", locale)
        for key in ("expected", "actual", "why_differ", "went_well", "recommend",
                    "supposed", "happened", "right_wrong", "differently"):
            block = out.split(f"[{key}]", 1)[1].split("\n")
            assert block[1].strip().startswith(f"{word}:"), key
    assert "no blame" in ok(runner, "prompts", "aar", "--locale", "en")


def test_a_full_two_group_aar_from_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aar.json"
    run_aar(runner, path)
    session = files.load(path)
    g1 = session.group("g1")
    assert [a.what for a in g1.actions] == ["ฐานข้อมูลกลาง"]
    assert str(g1.actions[0].due) == "2018-03-31"  # Buddhist Era input, stored Common Era
    assert sum(1 for e in g1.entries if "ข้อมูล" in e.tags) == 2
    themes = json.loads(ok(runner, "aar", "themes", path, "--group", "g1", "--json"))
    assert themes[0] == {"question": "expected", "untagged": ["e1"],
                         "themes": [{"theme": "ข้อมูล", "count": 2, "answers": ["e2", "e3"]}]}
    ranked = json.loads(ok(runner, "aar", "priorities", path, "--group", "g2", "--json"))
    assert [(r["text"], r["score"]) for r in ranked["rows"]] == [("ฐานข้อมูลกลาง", 5),
                                                                  ("ประชุมทุกเดือน", 1)]
    assert ok(runner, "aar", "check", path).startswith(f"{path}: ")


@pytest.mark.parametrize("locale", ["th", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json", "docx"])
def test_the_report_has_the_aar_sections_in_every_format(runner: CliRunner, tmp_path: Path,
                                                         fmt: str, locale: str) -> None:
    path = tmp_path / "aar.json"
    run_aar(runner, path)
    out_file = tmp_path / f"report.{fmt}"
    code, _out, err = run(runner, "report", path, "--format", fmt, "--locale", locale,
                          "-o", out_file)
    assert code == 0, err
    if fmt == "docx":
        import docx

        document = docx.Document(str(out_file))
        text = "\n".join([p.text for p in document.paragraphs] +
                         [c.text for t in document.tables for r in t.rows for c in r.cells])
    else:
        text = out_file.read_text(encoding="utf-8")
    expected = {
        "en": ["Expected and actual, side by side", "Improvements in order of priority",
               "Action items from the review", "After Action Review across groups",
               "Answers to each question"],
        "th": ["สิ่งที่คาดหวังเทียบกับสิ่งที่เกิดขึ้นจริง", "สิ่งที่ควรปรับปรุงเรียงตามลำดับความสำคัญ",
               "สิ่งที่ต้องดำเนินการจากการทบทวน", "ภาพรวมการทบทวนหลังการปฏิบัติของทุกกลุ่ม",
               "คำตอบรายข้อ"],
    }[locale]
    for title in expected:
        assert title in text, title
    for answer in ("ฐานข้อมูลกลางร่วมกัน", "ประชุมทุกเดือน", "ข้อมูล"):
        assert answer in text


def test_carry_over_between_two_sessions_from_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    before, after = tmp_path / "round1.json", tmp_path / "round2.json"
    run_aar(runner, before)
    ok(runner, "aar", "act", before, "--group", "g1", "2", "--owner", "สสว.", "--status", "done")
    ok(runner, "new", after, "--title", "รอบที่ ๒", "--method", "aar", "--locale", "en")
    ok(runner, "group", "add", after, "g1", "--name", "เด็ก")
    code, out, err = run(runner, "aar", "carry-over", before, after, "--group", "g1")
    assert code == 0
    assert out.split() == ["a1"]  # the done action stays behind
    assert "Carried 1 open action item(s) from group g1 into group g1" in err
    code, out, err = run(runner, "aar", "carry-over", before, after, "--group", "g1")
    assert (code, out.strip()) == (0, "")  # nothing twice
    ok(runner, "aar", "review", after, "a1", "--group", "g1", "--status", "done",
       "--note", "เปิดใช้ฐานข้อมูลแล้ว")
    action = files.load(after).group("g1").actions[0]
    assert (action.what, action.status, action.note) == ("ฐานข้อมูลกลาง", "done", "เปิดใช้ฐานข้อมูลแล้ว")
    text = ok(runner, "report", after, "--format", "md", "--locale", "en")
    assert "Review of the actions carried over" in text
    assert "1 of 1 carried-over action(s) done; 0 still open." in text
    assert "carried over from ถอดบทเรียน (2017-12-22)" in text


def test_army_form_from_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "army.json"
    ok(runner, "new", path, "--title", "AAR", "--method", "aar", "--locale", "en")
    ok(runner, "group", "add", path, "g1", "--name", "Team")
    code, out, err = run(runner, "aar", "form", path, "army4")
    assert (code, out) == (0, "")
    assert "AAR form set to army4" in err
    assert ok(runner, "aar", "form", path).strip() == "AAR form: army4 (the US Army's four-question form)"
    ok(runner, "aar", "answer", path, "--group", "g1", "-q", "supposed", "Deliver on time")
    ok(runner, "aar", "answer", path, "--group", "g1", "-q", "happened", "Late by a week")
    text = ok(runner, "report", path, "--format", "txt", "--locale", "en")
    assert "Supposed to happen" in text and "Deliver on time" in text
    assert "What was supposed to happen?" in text


@pytest.mark.parametrize(("args", "message"), [
    (("aar", "answer", "{path}", "--group", "g1", "-q", "lessons", "x"),
     "unknown AAR question 'lessons'"),
    (("aar", "answer", "{path}", "--group", "g9", "-q", "expected", "x"),
     "unknown group 'g9' (known: g1, g2)"),
    (("aar", "answer", "{path}", "--group", "g1", "-q", "supposed", "x"),
     "question 'supposed' belongs to the army4 form"),
    (("aar", "form", "{path}", "army4"), "cannot switch the AAR form to 'army4'"),
    (("aar", "tag", "{path}", "--group", "g1", "--theme", "t", "e99"), "unknown answer 'e99'"),
    (("aar", "dots", "{path}", "--group", "g1", "--participant", "g1-anon", "2=4"),
     "over the budget of 3"),
    (("aar", "dots", "{path}", "--group", "g1", "--participant", "g1-anon", "two"),
     "'two' is not ITEM=DOTS"),
    (("aar", "act", "{path}", "--group", "g1", "1"), "is already action 'a1'"),
    (("aar", "review", "{path}", "a7", "--group", "g1", "--status", "done"),
     "unknown action 'a7' in group 'g1'"),
])
def test_bad_input_is_one_clear_line_and_changes_nothing(runner: CliRunner, tmp_path: Path,
                                                         args: tuple[str, ...], message: str) -> None:
    path = tmp_path / "aar.json"
    run_aar(runner, path, locale="en")
    before = path.read_bytes()
    code, out, err = run(runner, *(a.format(path=path) for a in args))
    assert code == 1
    assert out == ""
    assert message in err
    assert err.startswith("Error: ") and err.count("\n") == 1
    assert path.read_bytes() == before


def test_check_reports_answers_of_the_other_form(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aar.json"
    ok(runner, "new", path, "--title", "AAR", "--method", "aar", "--locale", "en")
    ok(runner, "group", "add", path, "g1", "--name", "Team")
    before = path.read_bytes()
    code, out, err = run(runner, "answer", path, "--group", "g1", "--method", "aar", "--prompt", "happened", "x")
    assert code == 1 and "army4 question 'happened'" in err
    assert path.read_bytes() == before
    # a hand-edited file can still hold one: 'aar check' finds it
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"][0]["entries"] = [{"id": "e1", "method": "aar", "step": "review4", "prompt": "happened",
                                     "text": "x"}]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(runner, "aar", "check", path)
    assert code == 1
    assert out == ""
    assert "army4 question 'happened'" in err
    assert "1 AAR answer(s) do not fit the form" in err


def test_handout_prints_the_session_form_with_guidance(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "aar.json"
    ok(runner, "new", path, "--title", "ถอดบทเรียน", "--method", "aar")
    ok(runner, "aar", "form", path, "army4")
    code, out, err = run(runner, "aar", "handout", path)
    assert (code, err) == (0, "")
    assert out.startswith("แบบทบทวนหลังการปฏิบัติ (AAR)\nถอดบทเรียน\n")
    assert "ไม่กล่าวโทษกัน" in out
    assert "1. อะไรคือสิ่งที่ควรจะเกิดขึ้น" in out and "4. ครั้งต่อไปเราควรทำอะไรแตกต่างออกไป" in out
    assert "5." not in out
    english = ok(runner, "aar", "handout", "--form", "seeds5", "--locale", "en")
    assert "5. What do you suggest to make the work better in the future?" in english
    assert "(Write the expectation down before anyone discusses what happened.)" in english
