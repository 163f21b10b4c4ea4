"""Shell completion: the set-up scripts of bash, zsh, fish and PowerShell, and
completions answered through the ``_LESSONKIT_COMPLETE`` protocol."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.shell_completion import CompletionItem
from click.testing import CliRunner

from lessonkit.api import report_formats
from lessonkit.cli import cli
from lessonkit.cli.completion import SHELLS, PowerShellComplete

# The report formats come from the installed renderers (optional ones such as pdf included), in
# the registry's order; the built-in ones must be among them.
FORMATS = list(report_formats())

MARKS = {
    "bash": "complete -o nosort -F _lessonkit_completion lessonkit",
    "zsh": "compdef _lessonkit_completion lessonkit",
    "fish": "complete --no-files --command lessonkit",
    "powershell": "Register-ArgumentCompleter -Native -CommandName lessonkit, lessonkit.exe",
}


def complete(runner: CliRunner, shell: str, words: str, cword: int | None) -> list[str]:
    """Ask the CLI for completions as the shell's script does; the answer's lines."""
    env = {"_LESSONKIT_COMPLETE": f"{shell}_complete", "COMP_WORDS": words}
    if cword is not None:
        env["COMP_CWORD"] = str(cword)
    result = runner.invoke(cli, [], prog_name="lessonkit", env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize("shell", SHELLS)
def test_completion_command_prints_each_shell_s_script(runner: CliRunner, shell: str) -> None:
    result = runner.invoke(cli, ["completion", shell])
    assert result.exit_code == 0, result.stderr
    assert MARKS[shell] in result.stdout
    assert "_LESSONKIT_COMPLETE" in result.stdout
    assert "%(" not in result.stdout  # every template variable filled


@pytest.mark.parametrize("shell", SHELLS)
def test_the_env_var_protocol_prints_the_same_script(runner: CliRunner, shell: str) -> None:
    by_var = runner.invoke(cli, [], prog_name="lessonkit", env={"_LESSONKIT_COMPLETE": f"{shell}_source"})
    by_command = runner.invoke(cli, ["completion", shell])
    assert by_var.exit_code == 0
    # click versions differ in the newline after the protocol's script: compare the scripts
    assert by_var.stdout.rstrip("\n") == by_command.stdout.rstrip("\n")
    assert by_command.stdout.endswith("\n") and not by_command.stdout.endswith("\n\n")
    assert MARKS[shell] in by_var.stdout


def test_powershell_script_sends_words_and_cursor_and_reads_utf8(runner: CliRunner) -> None:
    script = runner.invoke(cli, ["completion", "powershell"]).stdout
    assert "$env:_LESSONKIT_COMPLETE = 'powershell_complete'" in script
    assert "$env:COMP_WORDS = $line" in script
    assert "$env:COMP_CWORD = [string]$cword" in script
    assert "[Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)" in script
    # everything it changes is put back
    for restored in ("$env:_LESSONKIT_COMPLETE = $saved.Var", "$env:COMP_WORDS = $saved.Words",
                     "$env:COMP_CWORD = $saved.Cword", "[Console]::OutputEncoding = $saved.Encoding"):
        assert restored in script
    assert script.count("{") == script.count("}")
    assert script.count("(") == script.count(")")


def test_unknown_shell_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["completion", "tcsh"])
    assert result.exit_code == 2
    assert "tcsh" in result.stderr
    assert result.stdout == ""


def test_shell_names_are_case_insensitive(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["completion", "PowerShell"])
    assert result.exit_code == 0
    assert MARKS["powershell"] in result.stdout


def test_bash_completes_a_command(runner: CliRunner) -> None:
    assert complete(runner, "bash", "lessonkit gr", 1) == ["plain,group"]


def test_the_completed_formats_include_the_built_in_ones() -> None:
    assert {"md", "html", "txt", "json", "docx"} <= set(FORMATS)


def test_bash_completes_the_report_formats(runner: CliRunner) -> None:
    lines = complete(runner, "bash", "lessonkit report x.json --format ", 4)
    assert lines == [f"plain,{key}" for key in FORMATS]
    assert complete(runner, "bash", "lessonkit report x.json --format h", 4) == ["plain,html"]


def test_powershell_completes_a_command(runner: CliRunner) -> None:
    lines = complete(runner, "powershell", "lessonkit gr", 1)
    assert len(lines) == 1
    kind, value, help_text = lines[0].split("\t")
    assert (kind, value) == ("plain", "group")
    assert help_text == "Add and list groups."


def test_powershell_completes_the_report_formats(runner: CliRunner) -> None:
    lines = complete(runner, "powershell", "lessonkit report x.json --format ", 4)
    assert [line.split("\t")[:2] for line in lines] == [["plain", key] for key in FORMATS]
    assert all(line.count("\t") == 2 for line in lines)
    html = next(line for line in lines if line.split("\t")[1] == "html")
    assert html.endswith("(.html)")


def test_powershell_completes_plugin_commands_and_subcommands(runner: CliRunner) -> None:
    lines = complete(runner, "powershell", "lessonkit 5c4f as", 2)
    assert [line.split("\t")[1] for line in lines] == ["assess"]


def test_powershell_quoted_thai_words_and_choices(runner: CliRunner) -> None:
    words = 'lessonkit new "งาน ก.json" --title "ถอดบทเรียน ปี ๒๕๖๘" --locale '
    lines = complete(runner, "powershell", words, 6)
    assert [line.split("\t")[1] for line in lines] == ["th", "en"]


def test_powershell_without_cword_completes_the_last_word(runner: CliRunner) -> None:
    assert [line.split("\t")[1] for line in complete(runner, "powershell", "lessonkit gr", None)] == ["group"]


def test_powershell_options_and_files(runner: CliRunner) -> None:
    lines = complete(runner, "powershell", "lessonkit report --loc", 2)
    assert [line.split("\t")[1] for line in lines] == ["--locale"]
    # a file argument: the script lists the files itself
    assert complete(runner, "powershell", "lessonkit show ", 2) == ["file\t\t"]


def test_powershell_answer_is_one_line_per_completion() -> None:
    comp = PowerShellComplete(cli, {}, "lessonkit", "_LESSONKIT_COMPLETE")
    item = CompletionItem("g1", help="กลุ่มที่ ๑\nเด็ก\tเยาวชน")
    assert comp.format_completion(item) == "plain\tg1\tกลุ่มที่ ๑ เด็ก เยาวชน"
    assert comp.format_completion(CompletionItem("x")) == "plain\tx\t"


def test_completion_is_documented_in_the_cli_reference() -> None:
    reference = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "## `lessonkit completion`" in reference


@pytest.mark.slow
def test_bash_script_completes_in_a_real_bash(tmp_path: Path) -> None:
    """Source the script in bash and call its function as bash does on Tab."""
    bash = shutil.which("bash")
    lessonkit = Path(sys.executable).with_name("lessonkit")
    if bash is None or not lessonkit.exists():
        pytest.skip("needs bash and the lessonkit console script")
    env = {**os.environ, "PATH": f"{lessonkit.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    script = subprocess.run([str(lessonkit), "completion", "bash"], env=env, capture_output=True,
                            text=True, check=True, timeout=60).stdout
    (tmp_path / "complete.bash").write_text(script, encoding="utf-8")
    probe = (
        f". {tmp_path / 'complete.bash'}\n"
        "COMP_WORDS=(lessonkit gr); COMP_CWORD=1; _lessonkit_completion lessonkit\n"
        'echo "A:${COMPREPLY[*]}"\n'
        "COMPREPLY=(); COMP_WORDS=(lessonkit report x.json --format ''); COMP_CWORD=4\n"
        "_lessonkit_completion lessonkit\n"
        'echo "B:${COMPREPLY[*]}"\n'
        "complete -p lessonkit\n"
    )
    done = subprocess.run([bash, "--norc", "-c", probe], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "A:group" in lines
    assert f"B:{' '.join(FORMATS)}" in lines
    assert "_lessonkit_completion" in lines[-1]


def test_fish_script_keeps_commas_in_help(runner: CliRunner) -> None:
    """click's own fish script cuts a help text at its first comma; ours splits once."""
    script = runner.invoke(cli, ["completion", "fish"]).stdout
    assert 'string split -m 1 "," -- $completion' in script
    assert 'string split "," $completion' not in script


def _shell_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    lessonkit = Path(sys.executable).with_name("lessonkit")
    if not lessonkit.exists():
        pytest.skip("needs the lessonkit console script")
    env = {**os.environ, "PATH": f"{lessonkit.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "HOME": str(tmp_path)}
    return env, lessonkit


@pytest.mark.slow
def test_fish_script_completes_in_a_real_fish(tmp_path: Path) -> None:
    fish = shutil.which("fish")
    if fish is None:
        pytest.skip("fish is not installed")
    env, lessonkit = _shell_env(tmp_path)
    script = tmp_path / "lessonkit.fish"
    script.write_text(subprocess.run([str(lessonkit), "completion", "fish"], env=env, capture_output=True,
                                     text=True, check=True, timeout=60).stdout, encoding="utf-8")
    probe = (f"source {script}; complete -C 'lessonkit gr'; echo ---; "
             "complete -C 'lessonkit report x.json --format '")
    done = subprocess.run([fish, "--no-config", "-c", probe], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    commands, formats = done.stdout.split("---\n")
    assert commands.splitlines() == ["group\tAdd and list groups."]
    assert "html\tHTML (standalone, printable) (.html)" in formats.splitlines()
    assert sorted(line.split("\t")[0] for line in formats.splitlines()) == sorted(FORMATS)


@pytest.mark.slow
def test_zsh_script_registers_its_function_in_a_real_zsh(tmp_path: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed")
    env, lessonkit = _shell_env(tmp_path)
    script = tmp_path / "lessonkit.zsh"
    script.write_text(subprocess.run([str(lessonkit), "completion", "zsh"], env=env, capture_output=True,
                                     text=True, check=True, timeout=60).stdout, encoding="utf-8")
    probe = f"autoload -Uz compinit && compinit -u -d {tmp_path}/zcompdump; . {script}; print -r -- $_comps[lessonkit]"
    done = subprocess.run([zsh, "-f", "-c", probe], env=env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "_lessonkit_completion"


def test_group_and_method_keys_complete(runner: CliRunner, seeds_file: Path) -> None:
    words = f"lessonkit answer {seeds_file} --group "
    assert complete(runner, "bash", words, 4) == ["plain,g1", "plain,g2", "plain,g3", "plain,g4"]
    words = f"lessonkit rank {seeds_file} --group g2 --method "
    assert complete(runner, "bash", words, 6) == ["plain,5c4f", "plain,aar", "plain,ee"]
    # a plugin's command uses the same completion (the EE plugin's 'stock')
    words = f"lessonkit ee stock {seeds_file} --group g"
    assert complete(runner, "bash", words, 5) == ["plain,g1", "plain,g2", "plain,g3", "plain,g4"]
    # no file yet, or a broken one: nothing offered, no error
    assert complete(runner, "bash", "lessonkit answer nosuch.json --group ", 4) == []
