"""The README documents every setting and CLI command, and its two set-up commands exist."""

from __future__ import annotations

import re
from pathlib import Path

from analytics.cli import _parser
from analytics.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_documented():
    for _, env, _, _ in SETTINGS:
        assert f"`{env}`" in README, env


def test_every_cli_command_documented():
    sub = next(a for a in _parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"python -m analytics {name}" in README, name


def test_exactly_two_setup_commands():
    block = re.search(r"## Memulai.*?```bash\n(.*?)```", README, re.DOTALL).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["./manage.sh run", "./manage.sh test"]
    assert (ROOT / "manage.sh").stat().st_mode & 0o111
    assert "./manage.sh test" in (ROOT / ".ci" / "run").read_text()
