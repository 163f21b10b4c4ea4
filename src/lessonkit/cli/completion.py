"""Shell completion: ``lessonkit completion SHELL`` and PowerShell support.

click completes bash, zsh and fish through the ``_LESSONKIT_COMPLETE`` environment
variable (``bash_source`` prints the set-up script, ``bash_complete`` answers one
request). PowerShell works the same way here through :class:`PowerShellComplete`,
registered under the name ``powershell`` (so ``_LESSONKIT_COMPLETE=powershell_source``
and ``powershell_complete``) whatever click version is installed: its script hands
the command line to ``lessonkit`` in ``COMP_WORDS`` and the index of the word being
completed in ``COMP_CWORD``, as the other shells' scripts do.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

import click
from click.shell_completion import (
    CompletionItem,
    FishComplete,
    ShellComplete,
    add_completion_class,
    get_completion_class,
    split_arg_string,
)

__all__ = ["COMPLETE_VAR", "SHELLS", "CommaSafeFishComplete", "PowerShellComplete", "add_commands",
           "complete_report_formats", "completion_script"]

#: The environment variable click reads for completion requests (from the program name).
COMPLETE_VAR = "_LESSONKIT_COMPLETE"

#: The shells ``lessonkit completion`` writes a set-up script for.
SHELLS = ("bash", "zsh", "fish", "powershell")

# The script for Windows PowerShell 5.1 and PowerShell 7 (pwsh). It sends the command
# line up to the cursor (COMP_WORDS) and the index of the word under the cursor
# (COMP_CWORD; one past the last word when the cursor follows a space), reads one
# completion a line as TYPE<TAB>VALUE<TAB>HELP, reads lessonkit's output as UTF-8 (Thai
# group names would otherwise arrive in the console's code page), quotes values that
# need it, and restores every variable it changed.
_SOURCE_POWERSHELL = """\
Register-ArgumentCompleter -Native -CommandName %(prog_name)s, %(prog_name)s.exe -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $line = $commandAst.Extent.Text
    $upTo = [Math]::Min([Math]::Max($cursorPosition - $commandAst.Extent.StartOffset, 0), $line.Length)
    $line = $line.Substring(0, $upTo)
    # the word under the cursor: after the words that end before it, or a new one
    if ($wordToComplete) {
        $cword = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -lt $cursorPosition }).Count
    } else {
        $cword = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $cursorPosition }).Count
    }

    $saved = @{
        Var = $env:%(complete_var)s; Words = $env:COMP_WORDS; Cword = $env:COMP_CWORD
        Encoding = [Console]::OutputEncoding
    }
    try {
        $env:%(complete_var)s = 'powershell_complete'
        $env:COMP_WORDS = $line
        $env:COMP_CWORD = [string]$cword
        [Console]::OutputEncoding = [System.Text.UTF8Encoding]::new($false)
        $response = @(& %(prog_name)s 2>$null)
    } finally {
        $env:%(complete_var)s = $saved.Var
        $env:COMP_WORDS = $saved.Words
        $env:COMP_CWORD = $saved.Cword
        [Console]::OutputEncoding = $saved.Encoding
    }

    function Format-LessonkitValue([string]$value) {
        if ($value -match '[\\s''"`$;,(){}@&|<>#]') { return "'" + ($value -replace "'", "''") + "'" }
        return $value
    }

    foreach ($item in $response) {
        $type, $value, $help = ([string]$item) -split "`t", 3
        if ($type -eq 'plain') {
            if (-not $help) { $help = $value }
            [System.Management.Automation.CompletionResult]::new(
                (Format-LessonkitValue $value), $value, 'ParameterValue', $help)
        } elseif ($type -eq 'dir' -or $type -eq 'file') {
            $parent = Split-Path -Parent $wordToComplete
            $found = Get-ChildItem -Path "$wordToComplete*" -ErrorAction SilentlyContinue
            if ($type -eq 'dir') { $found = $found | Where-Object { $_.PSIsContainer } }
            foreach ($entry in $found) {
                $path = if ($parent) { Join-Path $parent $entry.Name } else { $entry.Name }
                $kind = if ($entry.PSIsContainer) { 'ProviderContainer' } else { 'ProviderItem' }
                [System.Management.Automation.CompletionResult]::new(
                    (Format-LessonkitValue $path), $entry.Name, $kind, $entry.FullName)
            }
        }
    }
}
"""


class PowerShellComplete(ShellComplete):
    """Shell completion for PowerShell (Windows PowerShell 5.1+ and pwsh 7+).

    The request: ``COMP_WORDS`` holds the command line up to the cursor and
    ``COMP_CWORD`` the index of the word being completed (the number of words
    when a new one is started). The answer: one completion a line,
    ``TYPE<TAB>VALUE<TAB>HELP``, TYPE being ``plain``, ``file`` or ``dir``.
    """

    name: ClassVar[str] = "powershell"
    source_template: ClassVar[str] = _SOURCE_POWERSHELL

    def get_completion_args(self) -> tuple[list[str], str]:
        """The complete words after the program name, and the word being completed."""
        line = os.environ.get("COMP_WORDS", "")
        words = split_arg_string(line)
        try:
            cword = int(os.environ.get("COMP_CWORD", ""))
        except ValueError:  # not sent: the last word, or a new one after a space
            cword = len(words) if not line or line[-1].isspace() else len(words) - 1
        cword = max(1, min(cword, len(words)))
        incomplete = words[cword] if cword < len(words) else ""
        return words[1:cword], incomplete

    def format_completion(self, item: CompletionItem[Any]) -> str:
        """``TYPE<TAB>VALUE<TAB>HELP`` on one line (tabs and line breaks in the help become spaces)."""
        help_text = " ".join(str(item.help or "").split())
        value = str(item.value).replace("\t", " ").replace("\n", " ")
        return f"{item.type}\t{value}\t{help_text}"


class CommaSafeFishComplete(FishComplete):
    """click's fish completion, with help texts that may contain commas.

    click's fish script splits each answer ``TYPE,VALUE<TAB>HELP`` at every comma,
    so ``html<TAB>HTML (standalone, printable)`` arrived cut at the comma; this
    script splits at the first comma only (a TYPE never contains one).
    """

    source_template: ClassVar[str] = FishComplete.source_template.replace(
        'string split "," $completion', 'string split -m 1 "," -- $completion')


add_completion_class(PowerShellComplete)
add_completion_class(CommaSafeFishComplete)


def completion_script(cli: click.Command, shell: str, prog_name: str = "lessonkit") -> str:
    """The set-up script of ``shell`` (bash, zsh, fish, powershell) for ``prog_name``."""
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - SHELLS are all registered
        raise click.BadParameter(f"no completion for {shell!r}", param_hint="SHELL")
    complete_var = f"_{prog_name.replace('-', '_').replace('.', '_')}_COMPLETE".upper()
    return cls(cli, {}, prog_name, complete_var).source()


def complete_report_formats(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem[str]]:
    """The installed report formats (md, html, txt, json, docx and plugins'), for ``--format``."""
    from lessonkit.cli._common import get_registry, pick_locale

    try:
        renderers = get_registry().renderers.items()
        lang = pick_locale(None)
        return [CompletionItem(key, help=f"{renderer.title.get(lang)} ({renderer.extension})")
                for key, renderer, _plugin in renderers if key.startswith(incomplete)]
    except Exception:  # a broken plugin must not print a traceback into the shell
        return []


_SETUP = """\
\b
Set up once (then open a new shell):
  bash        lessonkit completion bash > ~/.lessonkit-complete.bash
              echo '. ~/.lessonkit-complete.bash' >> ~/.bashrc
  zsh         lessonkit completion zsh > ~/.lessonkit-complete.zsh
              echo '. ~/.lessonkit-complete.zsh' >> ~/.zshrc
  fish        lessonkit completion fish > ~/.config/fish/completions/lessonkit.fish
  PowerShell  lessonkit completion powershell | Out-File -Encoding utf8 ~/lessonkit-complete.ps1
              Add-Content $PROFILE '. ~/lessonkit-complete.ps1'
"""


def add_commands(cli: click.Group) -> None:
    """Add ``completion`` to the top-level group."""

    @cli.command(epilog=_SETUP)
    @click.argument("shell", type=click.Choice(SHELLS, case_sensitive=False))
    def completion(shell: str) -> None:
        """Print the shell completion script for SHELL: bash, zsh, fish or powershell.

        With it, Tab completes commands, options, files and choices such as the
        report formats.
        """
        click.echo(completion_script(cli, shell.lower()), nl=False)
