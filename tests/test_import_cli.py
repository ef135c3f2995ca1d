"""The import CLI contract, atomicity under a kill, concurrency with a running writer."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import checkpointed, write_lock_held
from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", "import", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def counts(path: Path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("""SELECT (SELECT count(*) FROM pegawai), (SELECT count(*) FROM pengembangan),
                                     (SELECT count(*) FROM import_log), (SELECT count(*) FROM import_reject),
                                     (SELECT count(*) FROM jp_pegawai_tahun WHERE kegiatan > 0)""").fetchall()[0]
    finally:
        con.close()


def snapshot(path: Path) -> dict:
    """Every row of the tables an import writes (content, not only counts)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: con.execute(
                f"SELECT md5(coalesce(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR), '')) FROM {t} x"
            ).fetchall()  # noqa: S608
            for t in (
                "pegawai",
                "unor",
                "instansi",
                "pengembangan",
                "import_log",
                "import_reject",
                "jp_pegawai_tahun",
                "audit",
                "meta",
            )
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def three_employees(tmp_path_factory) -> Path:
    """The database `import peg.csv --baru` makes (the three employees of tests/importdata), made once
    a module; each test that starts from it writes into its own copy."""
    folder = tmp_path_factory.mktemp("base")
    peg = write_csv(folder / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS)
    assert cli(str(peg), "--db", str(folder / "c.duckdb"), "--baru").returncode == 0
    return checkpointed(folder / "c.duckdb")


def test_json_lines_rejects_csv_and_exit_codes(tmp_path):
    db = tmp_path / "c.duckdb"
    peg = write_csv(tmp_path / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS)
    rows = [list(r) for r in KURSUS_ROWS] + [[KURSUS_ROWS[0][0], "3", "Rusak", "-1", "01-01-2025", "", "x", ""]]
    kursus = write_csv(tmp_path / "k.csv", KURSUS_HEADER, rows, sep=";")
    out = cli(str(peg), str(kursus), "--db", str(db), "--baru", "--json", "--rejects-out", str(tmp_path / "rej.csv"))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [set(x) for x in lines] == [
        {"file", "kind", "import_id", "rows_read", "rows_loaded", "rows_rejected", "rows_unchanged"}
        | {"kolom", "tidak_ada", "catatan", "profil"}
    ] * 2
    assert [(x["kind"], x["rows_read"], x["rows_loaded"], x["rows_rejected"], x["rows_unchanged"]) for x in lines] == [
        ("pegawai", 3, 3, 0, 0),
        ("pengembangan", 4, 3, 1, 0),
    ]
    with open(tmp_path / "rej.csv", newline="") as f:
        rej = list(csv.DictReader(f))
    assert list(rej[0]) == ["file", "row_number", "column", "value", "reason"]
    # the raw value, quoted like every text a spreadsheet could run as a formula (analytics.report.write)
    assert [(r["file"], r["row_number"], r["column"], r["value"]) for r in rej] == [("k.csv", "5", "jumlahJam", "'-1")]
    # a second run: every row unchanged
    again = cli(str(peg), str(kursus), "--db", str(db), "--json")
    assert [json.loads(line)["rows_unchanged"] for line in again.stdout.splitlines()] == [3, 3]


def test_unreadable_file_exit_2_and_other_files_still_import(tmp_path):
    db = tmp_path / "c.duckdb"
    bad = tmp_path / "bad.csv"
    bad.write_text("kolom,lain\n1,2\n")
    peg = write_csv(tmp_path / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS)
    out = cli(str(bad), str(peg), "--db", str(db), "--baru", "--json")
    assert out.returncode == 2
    assert "bad.csv: DITOLAK" in out.stderr
    assert [json.loads(line)["file"] for line in out.stdout.splitlines()] == ["peg.csv"]
    assert counts(db)[:3] == (3, 0, 1)


@pytest.mark.parametrize(
    ("step", "kind"),
    [
        ("baca", "pengembangan"),
        ("tahap", "pengembangan"),
        ("merge", "pengembangan"),
        ("ringkasan", "pengembangan"),
        ("commit", "pengembangan"),
        ("merge", "pegawai"),  # after new agencies and units are written
    ],
)
def test_kill_mid_import_leaves_database_as_it_was(three_employees, tmp_path, step, kind):
    """SIGKILL at each step of an import (engine._pause): the database is as before, and usable."""
    db = Path(shutil.copyfile(three_employees, tmp_path / "c.duckdb"))
    before = snapshot(db)
    if kind == "pegawai":  # changed employees and a new one: new units and an agency are written too
        rows = [[*PEGAWAI_ROWS[0][:9], "Kepala Bidang", *PEGAWAI_ROWS[0][10:]], PEGAWAI_ROWS[1]]
        rows.append(
            ["198001012005011001", "Andi", "01-01-1980", "M", "PNS", "01-01-2005", "31", "4", ""]
            + ["Analis", "40", "KOTA MALANG", "U-9", "Bagian Umum", "Pemerintah Kota Malang"]
        )
        src = write_csv(tmp_path / "p2.csv", PEGAWAI_HEADER, rows)
    else:
        src = write_csv(tmp_path / "k.csv", KURSUS_HEADER, KURSUS_ROWS)
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics", "import", str(src), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "SMARTASN_IMPORT_PAUSE": step},
    )
    assert proc.stdout.readline().strip() == f"paused at {step}"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(db) == before
    # and the database is usable: the same import now goes through
    assert cli(str(src), "--db", str(db)).returncode == 0
    assert counts(db)[:2] == ((4, 0) if kind == "pegawai" else (3, 3))


def test_import_while_another_process_writes_fails_fast(three_employees, tmp_path):
    db = Path(shutil.copyfile(three_employees, tmp_path / "c.duckdb"))
    write_csv(tmp_path / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS)
    with write_lock_held(db):
        out = cli(str(tmp_path / "peg.csv"), "--db", str(db))
        assert out.returncode == 2
        assert "sedang dipakai proses lain" in out.stderr
    assert counts(db)[2] == 1
