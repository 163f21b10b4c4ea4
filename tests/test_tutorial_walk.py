"""Follow docs/plugin-tutorial.md word for word in a new virtual environment.

The page is read top to bottom: every ``<!-- file: NAME -->`` block is written
as shown, every ``$ command`` of a ``console`` block is run as shown (in bash,
one command at a time, with the working folder and the environment carried
from one to the next, as in a terminal), and the output a block shows is
checked. ``$LESSONKIT`` is this repository, as the page asks the reader to set
it. lessonkit and the plugin are installed into the new environment by the
page's own ``pip install`` lines, so the installed lessonkit is what runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "plugin-tutorial.md"



def _index_reachable(python: Path, folder: Path) -> bool:
    """Whether pip can fetch from its package index here (the build backend, hatchling, which any
    install of the page needs); if not, a failed ``pip install`` is a reason to skip, not to fail."""
    probe = subprocess.run([str(python), "-m", "pip", "download", "--quiet", "--no-deps",
                            "--dest", str(folder), "hatchling"],
                           capture_output=True, text=True, timeout=300)
    return probe.returncode == 0


@dataclass
class Command:
    """One ``$`` line (with its continuation lines) and the output shown under it."""

    line: str
    shown: list[str] = field(default_factory=list)


@dataclass
class File:
    """A file block: the path it names and its text."""

    name: str
    text: str


@dataclass
class Console:
    """A console block and the prose just above it."""

    prose: str
    commands: list[Command]


def read_tutorial(text: str) -> list[File | Console]:
    """The page's file and console blocks, in order."""
    blocks: list[File | Console] = []
    pattern = re.compile(r"<!-- file: (\S+) -->\n```\w+\n(.*?)```\n|```console\n(.*?)```\n", re.DOTALL)
    last = 0
    for match in pattern.finditer(text):
        if match.group(1) is not None:
            blocks.append(File(match.group(1), match.group(2)))
        else:
            commands: list[Command] = []
            for line in match.group(3).splitlines():
                if line.startswith("$ "):
                    commands.append(Command(line[2:]))
                elif commands and commands[-1].line.endswith("\\") and not commands[-1].shown:
                    commands[-1].line += "\n" + line
                elif commands:
                    commands[-1].shown.append(line)
            blocks.append(Console(text[last:match.start()], commands))
        last = match.end()
    return blocks


def test_the_page_reads_as_files_and_commands() -> None:
    blocks = read_tutorial(TUTORIAL.read_text(encoding="utf-8"))
    files = [b.name for b in blocks if isinstance(b, File)]
    assert files[0] == "pyproject.toml" and "methods/exchange.toml" in files
    # the plugin module comes after every module its hooks import
    assert files.index("lessonkit_exchange/__init__.py") > max(
        files.index(f"lessonkit_exchange/{name}.py") for name in ("method", "rules", "report", "cli"))
    commands = [c for b in blocks if isinstance(b, Console) for c in b.commands]
    assert commands[0].line.startswith("mkdir lessonkit-exchange")
    assert any('pip install "$LESSONKIT"' in c.line for c in commands)
    assert not any(re.search(r"pip install lessonkit\b", c.line) for c in commands)
    answer = next(c for c in commands if "--prompt practices" in c.line)
    assert "\n" in answer.line and not answer.shown  # continuation lines belong to the command


class Terminal:
    """Runs commands one at a time in bash, keeping the folder and the environment between them."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.cwd = folder
        self.env = env
        self.state = folder / ".terminal-state"

    def run(self, line: str) -> subprocess.CompletedProcess[str]:
        """Run ``line`` as typed at a prompt; afterwards the folder and environment are as it left them."""
        self.state.mkdir(exist_ok=True)
        script = (f"{line}\n__rc=$?\n"
                  f'pwd > "{self.state}/cwd"; env -0 > "{self.state}/env"\n'
                  "exit $__rc\n")
        result = subprocess.run(["bash", "-c", script], cwd=self.cwd, env=self.env,
                                capture_output=True, text=True, timeout=900)
        self.cwd = Path((self.state / "cwd").read_text().strip())
        pairs = (self.state / "env").read_bytes().decode().split("\0")
        self.env = dict(pair.split("=", 1) for pair in pairs if "=" in pair)
        return result


def _clean_environment(bin_dir: Path) -> dict[str, str]:
    """This process's environment without anything pointing at this checkout or this test run."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LESSONKIT_", "PYTEST_", "COVERAGE_"))
           and key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PATH"] = os.pathsep.join([str(bin_dir), env.get("PATH", "")])
    env["LESSONKIT"] = str(ROOT)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _make_mistake(prose: str, shown: list[str], folder: Path) -> tuple[Path, str]:
    """Apply the mistake the prose describes ("typed `X` instead of `Y`") to the file the error names."""
    typed = re.search(r"typed\s+`([^`]+)`\s+instead of\s+`([^`]+)`", prose)
    assert typed, "an error shown without saying which mistake makes it"
    named = re.search(r"@ (\S+?):\d+", " ".join(shown))
    assert named, f"the error shown names no file: {shown}"
    path = folder / named.group(1)
    original = path.read_text(encoding="utf-8")
    assert original.count(typed.group(2)) == 1, f"{typed.group(2)!r} is not once in {path.name}"
    path.write_text(original.replace(typed.group(2), typed.group(1)), encoding="utf-8")
    return path, original


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the tutorial's commands are for a POSIX shell")
def test_following_the_tutorial_word_for_word(tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed: the tutorial's commands need a POSIX shell")
    bin_dir = tmp_path / "bin"  # `python` is the interpreter running these tests
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    work = tmp_path / "work"
    work.mkdir()
    terminal = Terminal(work, _clean_environment(bin_dir))
    probe = subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "probe")],
                           capture_output=True, text=True, timeout=300)
    if probe.returncode != 0:
        pytest.skip(f"python -m venv cannot make a virtual environment here: {probe.stderr.strip()[-300:]}")

    ran: list[tuple[str, subprocess.CompletedProcess[str]]] = []
    for block in read_tutorial(TUTORIAL.read_text(encoding="utf-8")):
        if isinstance(block, File):
            target = terminal.cwd / block.name
            assert target.parent.is_dir(), f"{block.name}: the page has not made its folder yet"
            assert not target.exists(), f"{block.name} is shown twice"
            target.write_text(block.text, encoding="utf-8")
            continue
        for command in block.commands:
            error = [line for line in command.shown if line.startswith("Error:")]
            mistake = _make_mistake(block.prose, command.shown, terminal.cwd) if error else None
            result = terminal.run(command.line)
            if mistake is not None:
                mistake[0].write_text(mistake[1], encoding="utf-8")
                assert result.returncode == 1, (command.line, result.stdout, result.stderr)
                assert result.stderr.splitlines() == error
                continue
            if result.returncode != 0 and command.line.startswith("pip install") \
                    and not _index_reachable(tmp_path / "probe" / "bin" / "python", tmp_path / "dl"):
                pytest.skip(f"pip cannot reach a package index: {result.stderr.strip()[-300:]}")
            assert result.returncode == 0, (command.line, result.stdout, result.stderr)
            assert "Warning:" not in result.stderr, (command.line, result.stderr)
            lines = result.stdout.splitlines()
            for shown in command.shown:
                assert shown in lines, (command.line, shown, result.stdout)
            ran.append((command.line, result))

    def output(start: str) -> str:
        return next(r.stdout for line, r in ran if line.startswith(start))

    plugin = terminal.cwd
    assert plugin.name == "lessonkit-exchange"
    # the environment is the tutorial's, with lessonkit installed from the clone, not this checkout's source
    where = terminal.run('python -c "import lessonkit, lessonkit_exchange; '
                         'print(lessonkit.__file__); print(lessonkit_exchange.__file__)"')
    lessonkit_file, plugin_file = where.stdout.split()
    assert Path(lessonkit_file).is_relative_to(plugin / ".venv"), lessonkit_file
    assert Path(plugin_file) == plugin / "lessonkit_exchange" / "__init__.py"  # editable

    assert re.search(r"^exchange +entry point +0\.1\.0 +loaded +register_commands, register_methods, "
                     r"register_ranking_rules, report_sections$", output("lessonkit plugins"), re.M)
    assert "exchange  Thematic good-practice exchange  [Plugin: exchange]" in output("lessonkit methods")
    assert "broad_support — Broad support" in output("lessonkit rules")
    assert "แนวปฏิบัตินี้นำไปใช้ในจังหวัดอื่นได้ดีเพียงใด" in output("lessonkit prompts exchange")
    ranking = output("lessonkit rank meeting.json")
    assert "rule: Broad support" in ranking and "Case conference before placement" in ranking
    assert "below Case conference before placement: lower mean score" in ranking
    assert "tie_break" not in ranking
    report = (plugin / "meeting.html").read_text(encoding="utf-8")
    for words in ("Situation", "Good practices, by broad support", "Plan for the remaining years",
                  "Across the themes", "Gatekeeping committee in every province", "<svg"):
        assert words in report, words
    assert re.search(r"\b4 passed\b", output("pytest")), output("pytest")
    assert "exchange_toml  Thematic good-practice exchange (TOML)  [Plugin: toml:methods]" \
        in output("lessonkit methods --path methods")
    toml_report = (plugin / "toml-meeting.html").read_text(encoding="utf-8")
    assert "Thematic good-practice exchange (TOML)" in toml_report
    assert "Case conference before placement" in toml_report
