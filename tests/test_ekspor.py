"""Every way data leaves is in the audit log as one "ekspor" entry of one shape, read back here for each
route: the command line's reports, briefing packs and Parquet export (in-process, cli.main); the
dashboard's routes (page tables, chart files and data, the briefing button, rejected rows) are read
back in tests/test_app.py with helpers from this file."""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import shutil

import pytest

from analytics import accounts, cli, db, ekspor, privacy
from analytics.filters import Scope
from tests.fixtures import small_db

SHAPE = ["laporan", "peran", "lingkup", "filter", "baris", "format", "jalur"]
MESIN = f"cli:{getpass.getuser()}"  # the machine's user: who runs a command without --sebagai


def ekspor_terakhir(con, n: int = 1) -> list[tuple[str, dict, str]]:
    """The newest `n` export entries, oldest first, as (pengguna, rincian, cakupan), each of SHAPE."""
    rows = con.execute(
        "SELECT pengguna, rincian, cakupan FROM audit WHERE aksi = 'ekspor' ORDER BY id DESC LIMIT ?", [n]
    ).fetchall()
    out = [(p, json.loads(r), c) for p, r, c in reversed(rows)]
    assert len(out) == n, out
    for _, rincian, _ in out:
        assert list(rincian) == SHAPE, rincian
    return out


def test_one_shape_with_the_scope_in_words():
    con = small_db()
    op = privacy.Akses(peran="unit", instansi_ids=(1,), pengguna="op.kemen")
    scope = Scope(tahun=2025, jenis_jabatan="pelaksana", akses=op)
    ekspor.catat(con, scope, laporan="jp_unit", baris=3, format="xlsx", jalur=ekspor.DASBOR)
    assert ekspor_terakhir(con) == [
        (
            "op.kemen",
            {
                "laporan": "jp_unit",
                "peran": "unit",
                "lingkup": "Cakupan akun: Kementerian Contoh · Filter: Tahun 2025; Jenis jabatan Pelaksana",
                "filter": {"tahun": 2025, "jenis_jabatan": "pelaksana"},
                "baris": 3,
                "format": "xlsx",
                "jalur": "dasbor",
            },
            "instansi 1",
        )
    ]


# --- the command line ---------------------------------------------------------------------------------


@pytest.fixture
def path(loaded_template, tmp_path):
    """A copy of the three-employee database, with a unit operator of the Sleman agency."""
    p = tmp_path / "cli.duckdb"
    shutil.copyfile(loaded_template, p)
    con = db.connect(p)
    try:
        sleman = con.execute("SELECT id FROM instansi WHERE nama = 'Pemerintah Kabupaten Sleman'").fetchall()[0][0]
        accounts.add_user(con, "op.sleman", "kata-sandi-uji-123", "unit", instansi_ids=(sleman,))
    finally:
        con.close()
    return p


def run_cli(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    assert code == 0, err.getvalue()
    return out.getvalue()


def entries(path, n: int = 1) -> list[tuple[str, dict, str]]:
    con = db.connect(path, read_only=True)
    try:
        return ekspor_terakhir(con, n)
    finally:
        con.close()


def test_cli_report_is_audited_as_the_machine_user(path):
    rows = json.loads(
        run_cli("report", "jp", "--by", "provinsi", "--year", "2025", "--format", "json", "--db", str(path))
    )
    assert len(rows) == 3  # Yogyakarta, Jawa Barat, Bali
    assert entries(path) == [
        (
            MESIN,
            {
                "laporan": "jp:provinsi",
                "peran": "admin",
                "lingkup": "Cakupan akun: Nasional · Filter: Tahun 2025",
                "filter": {"tahun": 2025},
                "baris": 3,
                "format": "json",
                "jalur": MESIN,
            },
            "nasional",
        )
    ]


def test_cli_report_as_an_account_is_audited_in_its_name(path):
    out = run_cli("report", "jp", "--by", "pegawai", "--year", "2025", "--sebagai", "op.sleman", "--db", str(path))
    assert out.count("\n") == 2  # the header and Budi Santoso, nobody from another agency
    ((pengguna, rincian, cakupan),) = entries(path)
    assert pengguna == "op.sleman" and rincian["peran"] == "unit" and rincian["jalur"] == MESIN
    assert rincian["lingkup"] == "Cakupan akun: Pemerintah Kabupaten Sleman · Filter: Tahun 2025"
    assert (rincian["laporan"], rincian["baris"], rincian["format"]) == ("jp:pegawai", 1, "csv")
    assert cakupan.startswith("instansi ")


def test_cli_briefing_is_audited(path, tmp_path):
    out = tmp_path / "paket.xlsx"
    printed = json.loads(run_cli("briefing", "--year", "2025", "--db", str(path), "--out", str(out)))
    assert out.stat().st_size == printed["bytes"] > 0
    ((pengguna, rincian, cakupan),) = entries(path)
    assert pengguna == MESIN and cakupan == "nasional"
    assert {k: rincian[k] for k in ("laporan", "peran", "format", "jalur", "filter")} == {
        "laporan": "briefing",
        "peran": "admin",
        "format": "xlsx",
        "jalur": MESIN,
        "filter": {"tahun": 2025},
    }
    assert rincian["lingkup"] == "Cakupan akun: Nasional · Filter: Tahun 2025"
    assert rincian["baris"] > 0  # the rows of the pack's tables


def test_cli_parquet_export_is_audited(path, tmp_path):
    printed = json.loads(run_cli("export-parquet", str(tmp_path / "lake"), "--db", str(path)))
    assert entries(path) == [
        (
            MESIN,
            {
                "laporan": "parquet",
                "peran": "admin",
                "lingkup": "Cakupan akun: Nasional · Filter: Tanpa filter",
                "filter": {},
                "baris": sum(printed["tabel"].values()),
                "format": "parquet",
                "jalur": MESIN,
            },
            "nasional",
        )
    ]
