import subprocess
import sys


def test_cli_help_lists_commands():
    out = subprocess.run(
        [sys.executable, "-m", "docket", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "serve" in out and "manage" in out


def test_cli_unknown_command_fails():
    result = subprocess.run(
        [sys.executable, "-m", "docket", "no-such-command"], capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "No such command" in result.stderr
