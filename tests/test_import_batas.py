"""Files that make a reader allocate far more than their size (issue 27): refused from what they declare,
in a child process whose memory stays bounded, and the process that asked (the dashboard, the CLI)
lives on. The corpus (tests/corpus.py) runs the same files through the CLI with their messages."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics.importer import FileRefused, pekerja
from analytics.importer.batas import Batas, Melampaui, cek_zip, kolom_ke
from tests.corpus import CASES

BOM = {c.name: c for c in CASES}
# a refused file's reader stays within this (its Python, pandas and DuckDB take about 150-250 MB of it)
PUNCAK_MB = 400


def test_column_letters():
    assert [kolom_ke(h) for h in ("A", "Z", "AA", "AZ", "ZZ", "AAA", "ALL", "XFD")] == [
        1, 26, 27, 52, 702, 703, 1000, 16384,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name", ["sel_di_xfd1048576.xlsx", "bom_zip_3gib_json.zip", "bom_sel_1gib.xlsx", "bom_sel_200mib.xlsx"]
)
def test_a_bomb_is_refused_with_bounded_memory(name, tmp_path):
    path = tmp_path / name
    BOM[name].make(path)
    assert path.stat().st_size < 4 * 2**20  # a small file...
    ukur: dict = {}
    con = duckdb.connect()
    with pytest.raises(FileRefused, match=BOM[name].refused):
        pekerja.baca(con, path, ukur=ukur)
    print(f"{name}: {path.stat().st_size / 1024:,.0f} KB, puncak memori pembaca {ukur['puncak_mb']:,.0f} MB")
    assert 0 < ukur["puncak_mb"] < PUNCAK_MB  # ...that costs little to refuse


def test_a_reader_killed_by_its_memory_limit_ends_only_itself(tmp_path):
    """A1 and ALL1048576: within the row and column limits, but a grid of a billion cells; the reader
    aborts on its address-space limit (in this process it killed the dashboard) and the caller refuses."""
    path = tmp_path / "dua_sudut.xlsx"
    BOM["dua_sudut_a1_all1048576.xlsx"].make(path)
    con = duckdb.connect()
    with pytest.raises(FileRefused, match=r"batas memori \(6\.144 MB\) dan waktu \(1\.800 detik\)"):
        pekerja.baca(con, path)
    assert con.execute("SELECT 42").fetchall() == [(42,)]  # still here


def test_a_reader_past_its_time_is_ended(tmp_path):
    """A reader that does not finish within the time limit is killed and the file refused (here a named
    pipe nobody writes to: the reader waits forever on its first byte)."""
    path = tmp_path / "tidak_pernah_selesai.csv"
    os.mkfifo(path)
    batas = Batas(1024, 1_048_576, 1000, 32767, 6144, 1)
    with pytest.raises(FileRefused, match="batas waktu 1 detik"):
        pekerja.baca(duckdb.connect(), path, batas)


def test_the_declared_size_is_checked_before_any_part_is_read(tmp_path):
    path = tmp_path / "bom.zip"
    BOM["bom_zip_3gib_json.zip"].make(path)
    with pytest.raises(Melampaui, match="3.073 MB"):
        cek_zip(path, Batas(1024, 1_048_576, 1000, 32767, 6144, 60), lembar_kerja=False)
    cek_zip(path, Batas(4096, 1_048_576, 1000, 32767, 6144, 60), lembar_kerja=False)  # under a higher limit: passes


def test_the_cli_refuses_with_exit_2_never_an_abort(tmp_path):
    """The CLI aborted with exit 134 ('memory allocation of 549755813888 bytes failed') on one of these."""
    db = tmp_path / "d.duckdb"
    for name in ("sel_di_xfd1048576.xlsx", "dua_sudut_a1_all1048576.xlsx"):
        path = tmp_path / name
        BOM[name].make(path)
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "import", str(path), "--db", str(db), "--baru"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parent.parent,
        )
        assert done.returncode == 2, done.stderr
        assert f"{name}: DITOLAK, tidak ada yang ditulis" in done.stderr
        assert not re.search(r"Traceback|panicked|memory allocation", done.stderr), done.stderr
