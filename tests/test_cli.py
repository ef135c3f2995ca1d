"""CLI: demo, info and rules commands, their output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_demo_then_info(tmp_path):
    path = tmp_path / "c.duckdb"
    out = cli("demo", "--employees", "800", "--seed", "2", "--db", str(path))
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["employees"] == 800 and set(summary["steps"]) >= {"pegawai", "pengembangan"}
    info = json.loads(cli("info", "--db", str(path)).stdout)
    assert info["pegawai"] == 800 and info["pengembangan"] > 800
    assert info["meta"]["data_per"] == "2026-09-30" and info["meta"]["sumber"] == "demo"


def test_demo_refuses_zero(tmp_path):
    assert cli("demo", "--employees", "0", "--db", str(tmp_path / "z.duckdb")).returncode == 2


def test_rules_command(tmp_path):
    ok = cli("rules")
    assert ok.returncode == 0 and "OK" in ok.stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[meta]\nversi = 1\n")
    out = cli("rules", str(bad))
    assert out.returncode == 2 and "'meta.versi'" in out.stderr
