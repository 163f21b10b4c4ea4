"""The facilitator guides cannot rot: their commands run, in order, in a fresh folder.

In ``docs/facilitator-guide.md`` and ``docs/facilitator-guide.th.md``:

* a fenced block preceded by ``<!-- run -->`` is run with bash (``-e -o pipefail``) in a
  temporary folder, with the installed ``lessonkit`` first on PATH and HOME pointing into the
  folder; ``<!-- run input: ["line", …] -->`` also types those lines on standard input;
* a fenced block preceded by ``<!-- file: NAME -->`` is written to NAME in that folder first
  (the survey exports and the mapping the guide shows);
* every ``lessonkit …`` command in every block, run or not (install, PowerShell), must name
  an existing command and only options it has.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest

from lessonkit.cli import cli

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDES = ("facilitator-guide.md", "facilitator-guide.th.md")

_FENCE = re.compile(r"^(`{3,})([\w-]*)\s*$")
_MARK = re.compile(r"^<!--\s*(run|file)\b\s*:?\s*(.*?)\s*-->\s*$")
_SEPARATORS = {";", "|", "||", "&&", "&", "(", ")", ">", ">>", "<", "<<", "2>", "do", "then", "done"}


@dataclass
class Block:
    """One fenced block of a guide and what its marker asks."""

    lang: str
    text: str
    line: int
    action: str | None = None  # "run", "file" or None
    argument: str = ""
    stdin: list[str] = field(default_factory=list)


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of ``path`` in order, each with the marker just above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        fence, lang = opening.groups()
        body: list[str] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() != fence:
            body.append(lines[j])
            j += 1
        block = Block(lang=lang, text="\n".join(body) + "\n", line=i + 1)
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        mark = _MARK.match(lines[k].strip()) if k >= 0 else None
        if mark:
            block.action, block.argument = mark.group(1), mark.group(2)
            if block.action == "run" and block.argument:
                assert block.argument.startswith("input:"), f"{path.name}:{k + 1}: run takes 'input: [...]'"
                block.stdin = json.loads(block.argument.removeprefix("input:").strip())
        found.append(block)
        i = j + 1
    return found


def shell_lines(text: str) -> list[str]:
    """The block's command lines: continuations joined, heredoc bodies and comments left out."""
    out: list[str] = []
    pending = ""
    heredoc: str | None = None
    for raw in text.splitlines():
        if heredoc is not None:
            if raw.strip() == heredoc:
                heredoc = None
            continue
        line = pending + raw
        if line.rstrip().endswith("\\"):
            pending = line.rstrip()[:-1] + " "
            continue
        pending = ""
        start = re.search(r"<<-?\s*'?\"?(\w+)", line)
        if start:
            heredoc = start.group(1)
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line)
    return out


def lessonkit_commands(text: str) -> list[list[str]]:
    """Each ``lessonkit`` invocation of a block, as its arguments."""
    commands: list[list[str]] = []
    for line in shell_lines(text):
        lexer = shlex.shlex(line, posix=True, punctuation_chars=";|&()<>")
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens = list(lexer)
        for i, token in enumerate(tokens):
            if token == "lessonkit" and (i == 0 or tokens[i - 1] in _SEPARATORS):
                args: list[str] = []
                for arg in tokens[i + 1:]:
                    if arg in _SEPARATORS or set(arg) <= set(";|&()<>"):
                        break
                    args.append(arg)
                commands.append(args)
    return commands


def check_command(args: list[str]) -> str | None:
    """None if ``lessonkit ARGS`` names a command with these options, else what is wrong."""
    command: click.Command = cli
    ctx = click.Context(cli, info_name="lessonkit")
    rest = list(args)
    while isinstance(command, click.Group):
        if not rest or rest[0].startswith("-"):
            break
        name = rest.pop(0)
        sub = command.get_command(ctx, name)
        if sub is None:
            return f"no command {name!r} in 'lessonkit {' '.join(args)}'"
        command = sub
        ctx = click.Context(command, info_name=name, parent=ctx)
    known = {"-h", "--help", "--version"}
    for param in command.params:
        known.update(param.opts)
        known.update(param.secondary_opts)
    for arg in rest:
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-" and not re.fullmatch(r"-\d+(\.\d+)?", arg):
            name = arg.split("=", 1)[0]
            if name not in known:
                return f"{command.name}: no option {name!r} in 'lessonkit {' '.join(args)}'"
    return None


def test_the_check_finds_commands_in_shell_lines_and_catches_mistakes() -> None:
    text = (
        "lessonkit report ws.json -o report.html   # a comment --nope\n"
        "for f in md txt; do lessonkit report ws.json -o \"r.$f\"; done\n"
        "lessonkit aar answer ws.json --group g1 \\\n  -q expected \"a b\" | tee out.txt\n"
        "cat > x.csv <<'EOF'\nlessonkit not a command\nEOF\n"
    )
    assert lessonkit_commands(text) == [
        ["report", "ws.json", "-o", "report.html"],
        ["report", "ws.json", "-o", "r.$f"],
        ["aar", "answer", "ws.json", "--group", "g1", "-q", "expected", "a b"],
    ]
    assert check_command(["report", "ws.json", "--format", "md"]) is None
    assert check_command(["5c4f", "assess", "a.json", "--group", "g", "all=na"]) is None
    assert "no option '--formt'" in (check_command(["report", "ws.json", "--formt", "md"]) or "")
    assert "no command 'anser'" in (check_command(["aar", "anser", "ws.json"]) or "")
    assert "no command 'reprot'" in (check_command(["reprot", "ws.json"]) or "")


@pytest.mark.parametrize("name", GUIDES)
def test_every_lessonkit_command_in_the_guide_exists_with_its_options(name: str) -> None:
    problems = []
    count = 0
    for block in blocks(DOCS / name):
        if block.action == "file":
            continue
        for args in lessonkit_commands(block.text):
            count += 1
            problem = check_command(args)
            if problem:
                problems.append(f"{name}:{block.line}: {problem}")
    assert count > 10
    assert not problems, "\n".join(problems)


def test_the_guide_walks_the_whole_workshop() -> None:
    """The English guide runs every step of the workflow, in the order a facilitator works."""
    runs = [b for b in blocks(DOCS / GUIDES[0]) if b.action == "run"]
    ran = [" ".join(args[:2]) for b in runs for args in lessonkit_commands(b.text)]
    order = ["prompts aar", "new ws.json", "group add", "participant add", "aar handout",
             "ask ws.json", "aar answer", "import ws.json", "aar tag", "aar themes", "aar dots",
             "aar act", "answer ws.json", "score ws.json", "ee stock", "rank ws.json",
             "ee check", "5c4f assess", "5c4f needs", "report ws.json", "export ws.json",
             "aar carry-over", "aar review", "ee compare"]
    positions = []
    for wanted in order:
        hits = [i for i, command in enumerate(ran) if command.startswith(wanted)]
        assert hits, f"the guide never runs 'lessonkit {wanted}'"
        positions.append(hits[0])
    assert positions == sorted(positions), "the guide's steps are out of the facilitator's order"
    assert any(args[:1] == ["completion"] for b in runs for args in lessonkit_commands(b.text))
    text = (DOCS / GUIDES[0]).read_text(encoding="utf-8")
    for term in ("ถอดบทเรียน", "ภารกิจ", "ตรวจสอบต้นทุน", "วางแผนสำหรับอนาคต", "การทบทวนหลังการปฏิบัติ"):
        assert term in text
    for shell in ("bash", "zsh", "fish", "PowerShell"):
        assert f"### {shell}" in text


def _lessonkit_bin() -> Path:
    found = Path(sys.executable).with_name("lessonkit")
    if not found.exists() or shutil.which("bash") is None:
        pytest.skip("needs bash and the lessonkit console script next to this Python")
    return found


@pytest.mark.slow
@pytest.mark.parametrize("name", GUIDES)
def test_the_guide_runs_from_start_to_printed_report(name: str, tmp_path: Path) -> None:
    lessonkit = _lessonkit_bin()
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "workshop"
    work.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LESSONKIT_", "_LESSONKIT"))}
    env.update(PATH=f"{lessonkit.parent}{os.pathsep}{env.get('PATH', '')}", HOME=str(home), COLUMNS="100")
    ran = 0
    for block in blocks(DOCS / name):
        if block.action == "file":
            (work / block.argument).write_text(block.text, encoding="utf-8")
        elif block.action == "run":
            stdin = "".join(f"{line}\n" for line in block.stdin)
            done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", block.text], cwd=work, env=env,
                                  input=stdin, capture_output=True, text=True, timeout=600, check=False)
            assert done.returncode == 0, f"{name}:{block.line}: exit {done.returncode}\n{done.stderr}"
            assert "Traceback" not in done.stderr, f"{name}:{block.line}\n{done.stderr}"
            ran += 1
    assert ran >= 5
    # the printed report book is there, in every format
    for ext in ("md", "html", "txt", "json", "docx"):
        report = work / f"report.{ext}"
        assert report.exists() and report.stat().st_size > 1000, report
    subprocess.run([str(lessonkit), "validate", "ws.json"], cwd=work, env=env, check=True,
                   capture_output=True, timeout=120)
