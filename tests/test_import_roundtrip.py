"""Round trips of demo data through every file format, and property tests that no row is lost."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import db, nip
from analytics.demo import REFERENCE_DATE
from analytics.importer import import_file
from analytics.importer.export import export_siasn
from tests.conftest import DEMO_EMPLOYEES
from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, write_csv

KINDS = ["pegawai", "pengembangan", "skp", "hukdis", "bahasa", "tik", "perilaku", "inovasi", "ikm"]
COMPARE = {  # x is the kind's table, p the employee; all rows of employees with key <= $limit
    "pegawai": "SELECT p.nip, p.nama, p.tanggal_lahir, p.jenis_kelamin, p.jenis_pegawai, p.tmt_cpns, p.golongan_id, "
    "p.jenis_jabatan, p.eselon_id, p.jabatan_nama, p.pendidikan_id, p.kabkota_kode, p.kedudukan, "
    "u.siasn_id, i.nama FROM pegawai p JOIN unor u ON u.id = p.unor_id "
    "JOIN instansi i ON i.id = p.instansi_id WHERE p.pegawai_key <= $limit",
    "pengembangan": "SELECT p.nip, x.jenis_diklat_id, x.nama, x.penyelenggara, x.tanggal_mulai, x.tanggal_selesai, "
    "x.jp_klaim, x.no_sertifikat, x.latihan_struktural_id FROM pengembangan x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "skp": "SELECT p.nip, x.tahun, x.nilai_skp, x.kuadran_id, x.predikat_id FROM skp x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "hukdis": "SELECT p.nip, x.jenis_hukuman_id, x.tingkat, x.tanggal_mulai, x.tanggal_selesai FROM hukdis x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "bahasa": "SELECT p.nip, x.tes, x.bahasa, x.skor, x.tanggal, x.skala_maks FROM bahasa x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "tik": "SELECT p.nip, x.jenis, x.nama, x.tingkat, x.skor, x.tanggal FROM tik x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "perilaku": "SELECT p.nip, x.* EXCLUDE (pegawai_key, import_id) FROM perilaku x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "inovasi": "SELECT p.nip, x.judul, x.tingkat, x.status, x.peran, x.tahun FROM inovasi x "
    "JOIN pegawai p USING (pegawai_key) WHERE p.pegawai_key <= $limit",
    "ikm": "SELECT u.siasn_id, x.tahun, x.nilai FROM ikm x JOIN unor u ON u.id = x.unor_id "
    "WHERE x.unor_id IN (SELECT unor_id FROM pegawai WHERE pegawai_key <= $limit)",
}
LIMIT = 250


@pytest.fixture(scope="module")
def source(demo_path, tmp_path_factory):
    copy = tmp_path_factory.mktemp("rt") / "src.duckdb"
    shutil.copy(demo_path, copy)
    con = db.connect(copy)
    yield con
    con.close()


def rows(con, kind: str, limit: int = 10**9) -> list[tuple]:
    return sorted(con.execute(COMPARE[kind], {"limit": limit}).fetchall(), key=repr)


def fresh_as_of_the_demo():
    """An empty database whose data is as of the demo's reference date: the date the importer judges retirement
    ages at (an export is as of its data's date, not of the day it is imported)."""
    target = db.connect(":memory:")
    db.set_meta(target, data_per=REFERENCE_DATE.isoformat())
    return target


@pytest.mark.parametrize(
    "fmt, suffix", [("csv", "csv"), ("csv-id", "csv"), ("xlsx", "xlsx"), ("parquet", "parquet"), ("json", "json")]
)
def test_round_trip_every_format(source, tmp_path, fmt, suffix):
    target = fresh_as_of_the_demo()
    for kind in KINDS:
        path = tmp_path / f"{kind}.{suffix}"
        written = export_siasn(source, kind, path, fmt=fmt, max_pegawai_key=LIMIT)
        result = import_file(target, path)
        assert result.kind == kind
        assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (written, written, 0), result.rejects
        assert rows(target, kind) == rows(source, kind, LIMIT), kind


def test_the_whole_demo_passes_the_import_checks(source, tmp_path):
    """The demo, written in SIASN's layouts and imported into a fresh database, loads whole: the importer's own
    checks (codes, dates, plausible ages, retirement ages, known units) refuse not one row."""
    target = fresh_as_of_the_demo()
    stored = {}
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        written = export_siasn(source, kind, path)
        result = import_file(target, path)
        assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (written, written, 0), (
            kind,
            result.rejects.head(3).to_dict("records"),
        )
        stored[kind] = target.execute(f"SELECT count(*) FROM {kind}").fetchall()[0][0]  # noqa: S608 (our list)
        assert stored[kind] == written == source.execute(f"SELECT count(*) FROM {kind}").fetchall()[0][0]  # noqa: S608
    assert stored["pegawai"] == DEMO_EMPLOYEES and stored["pengembangan"] > 10 * DEMO_EMPLOYEES
    assert all(stored.values())


def test_reimport_into_the_demo_changes_nothing(source, tmp_path):
    before = source.execute("SELECT count(*) FROM pengembangan").fetchall()
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        export_siasn(source, kind, path, max_pegawai_key=LIMIT)
        r = import_file(source, path)
        assert (r.rows_loaded, r.rows_rejected) == (0, 0) and r.rows_unchanged == r.rows_read, kind
    assert source.execute("SELECT count(*) FROM pengembangan").fetchall() == before


CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "null",
            "NULL",
            "'",
            "0",
            "-1",
            "24",
            "4,5",
            "1.98609E+17",
            "31-02-2025",
            "01-03-2025",
            "2025-03-01",
            "45717",
            "01/03/2025",
            "abc",
            "99",
            "3",
            "16",
            "14",
            "SRT/9",
            "  ",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(st.tuples(st.integers(0, 5), st.integers(0, len(KURSUS_HEADER) - 1), CELLS), max_size=12),
    dup=st.integers(0, 3),
    seed=st.integers(0, 1000),
)
def test_random_edits_never_lose_a_row(loaded_template, tmp_path, edits, dup, seed):
    # the three employees of tests/importdata: a copy of the session's file, in a folder of each example's own
    con = db.connect(shutil.copyfile(loaded_template, Path(tempfile.mkdtemp(dir=tmp_path)) / "c.duckdb"))
    data = [list(r) for r in KURSUS_ROWS * 2]
    rnd = random.Random(seed)
    data += [list(rnd.choice(data)) for _ in range(dup)]
    for row, col, value in edits:
        data[row % len(data)][col] = value.replace("\n", " ").replace("\r", " ")
    path = write_csv(tmp_path / "k.csv", KURSUS_HEADER, data)
    before = con.execute("SELECT count(*) FROM pengembangan").fetchall()[0][0]
    r = import_file(con, path)
    assert r.rows_read == len(data)
    assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_unchanged
    assert set(r.rejects["row_number"]) <= set(range(2, len(data) + 2))
    after = con.execute("SELECT count(*) FROM pengembangan").fetchall()[0][0]
    assert before <= after <= before + r.rows_loaded
    again = import_file(con, path)  # idempotent: nothing new the second time
    assert again.rows_loaded == 0 and again.rows_rejected == r.rows_rejected
    con.close()


NIP_TEXT = st.one_of(
    st.from_regex(
        r"(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(19|20)[0-9]{2}(0[0-9]|1[0-4]|21)[0-3][0-9]{3}",
        fullmatch=True,
    ),
    # separators, invisible format characters (ZWSP, ZWJ, RLM, BOM: removed) and other scripts' digits (refused)
    st.text(alphabet="0123456789 .E+'-\u00a0\u2013\u200b\u200d\u200f\ufeff\u0663\u06f5\uff17", max_size=22),
)


@settings(max_examples=150, deadline=None)
@given(raw=NIP_TEXT, jenis=st.sampled_from(["PNS", "PPPK"]))
def test_sql_and_python_nip_checks_agree(raw, jenis):
    con = _macro_con()
    sql = con.execute(
        "SELECT imp_nip_problem(imp_nip(?), NULL::DATE, NULL::DATE, NULL::VARCHAR, ?)", [raw, jenis]
    ).fetchall()[0][0]
    cleaned = nip.tanpa_format(raw).strip()  # imp_nip: imp_id, format characters first
    cleaned = cleaned.removeprefix("'").strip()  # imp_clean: one apostrophe
    if not cleaned:
        assert sql == "wajib diisi"
        return
    python = nip.check(cleaned, tanggal_lahir=None, tmt=None, jenis_kelamin=None, jenis_pegawai=jenis)
    assert (sql is None) == (python == [])
    if python:
        assert sql == python[0]


_MACROS = None


def _macro_con():
    global _MACROS
    if _MACROS is None:
        from analytics.importer.engine import _prepare
        from analytics.rules import load_rules

        _MACROS = db.connect(":memory:")
        _prepare(_MACROS, load_rules())
    return _MACROS
