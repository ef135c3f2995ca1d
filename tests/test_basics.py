"""Schema, formatting, NIP parsing and the filter object."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analytics import db, fmt, nip
from analytics.filters import Scope
from analytics.privacy import PENUH
from tests.fixtures import small_db


def test_schema_apply_is_idempotent(tmp_path):
    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    tables = con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall()
    counts = {t: db.scalar(con, f"SELECT count(*) FROM {t}") for (t,) in tables}
    db.apply_schema(con)
    con.close()
    con = db.connect(path)
    assert con.execute("SELECT table_name FROM information_schema.tables ORDER BY 1").fetchall() == tables
    assert {t: db.scalar(con, f"SELECT count(*) FROM {t}") for (t,) in tables} == counts
    assert con.execute("SELECT versi FROM schema_info").fetchall() == [(db.SCHEMA_VERSION,)]
    assert counts["kabkota"] == 514 and counts["provinsi"] == 38


def test_old_schema_migrated(tmp_path):
    path = tmp_path / "old.duckdb"
    con = db.connect(path)
    con.execute("ALTER TABLE bahasa DROP COLUMN skala_maks")
    con.execute("UPDATE schema_info SET versi = 1")
    con.close()
    con = db.connect(path)
    assert "skala_maks" in [r[0] for r in con.execute("DESCRIBE bahasa").fetchall()]
    assert con.execute("SELECT max(versi) FROM schema_info").fetchall()[0][0] == db.SCHEMA_VERSION


def test_newer_schema_refused(tmp_path):
    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO schema_info VALUES (?, now())", [db.SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(RuntimeError, match="lebih baru"):
        db.connect(path)


def test_locked_database_gives_clear_message(tmp_path):
    from tests.conftest import write_lock_held

    path = tmp_path / "l.duckdb"
    db.connect(path).close()
    with write_lock_held(path), pytest.raises(db.DatabaseLocked, match="sedang dipakai"):
        db.connect(path)


@pytest.mark.parametrize(
    "value, text", [(1234567, "1.234.567"), (0, "0"), (-1500, "-1.500"), (None, "–"), (float("nan"), "–")]
)
def test_angka(value, text):
    assert fmt.angka(value) == text


def test_persen_and_decimal():
    assert fmt.persen(45.6) == "45,6%"
    assert fmt.persen(100) == "100,0%"
    assert fmt.angka(1234.56, 1) == "1.234,6"


def test_tanggal():
    assert fmt.tanggal(date(2026, 11, 28)) == "28 Nov 2026"
    assert fmt.tanggal("2026-05-01") == "1 Mei 2026"
    assert fmt.tanggal("2026-08-17T10:00:00") == "17 Agu 2026"


MARKUP = [
    "[x](http://evil.example) <b>b</b> *y*",  # a link, html, emphasis
    "<a href='http://x'>klik</a> ![g](http://x/g.png)",
    "**tebal** _miring_ ~~coret~~ `kode` a|b {c}",
    "# judul",
    "## judul",
    "> kutipan",
    "- butir",
    "+ butir",
    "= garis",
    "1. satu",
    "2) dua",
    ":red[merah] :smile: $x^2$",
    "Dinas www.evil.example",  # GFM links bare addresses too, escapes or not
    "https://evil.example/a",
    "HTTP://EVIL.EXAMPLE",
    "surat a.b@evil.example",
    "baris satu\n# baris dua",
]


def test_md_keeps_data_as_text():
    """fmt.md: every markup character escaped, nothing at the start of the line that makes a heading,
    list or quote, no bare web or e-mail address left for GFM to link; it reads the same on screen."""
    for raw in MARKUP:
        out = fmt.md(raw)
        shown = re.sub(r"\\(.)", r"\1", out)  # what the markdown renderer shows (backslash escapes resolved)
        bare = re.sub(r"\\.", "", out)  # the characters markdown still reads as they are
        assert "\n" not in out, raw
        assert not re.search(r"[`*_{}\[\]<>~$:|\\]", bare), (raw, out)
        assert not re.match(r"\s*([#+\-=>!]|\d+[.)])", out), (raw, out)  # '\## a' is no heading
        assert not re.search(r"(?i)https?://|www\.|[-.\w+]@", shown), (raw, out)
        assert shown.replace("\u2060", "") == raw.replace("\n", " "), (raw, out)
    assert fmt.md("kepala.bkd-jatim 1990") == "kepala.bkd-jatim 1990" and fmt.md(None) == "–"


def test_nip_parse_and_check():
    p = nip.parse("198609262015051001")
    assert (p.tanggal_lahir, p.tmt_tahun, p.tmt_bulan, p.jenis_kelamin, p.urut) == (date(1986, 9, 26), 2015, 5, "L", 1)
    assert (
        nip.check("198609262015051001", tanggal_lahir=date(1986, 9, 26), tmt=date(2015, 5, 1), jenis_kelamin="L") == []
    )
    assert nip.check(
        "198609262015051001", tanggal_lahir=date(1986, 9, 27), tmt=date(2015, 6, 1), jenis_kelamin="P"
    ) == [
        "tanggal lahir tidak sesuai dengan NIP",
        "TMT tidak sesuai dengan NIP",
        "jenis kelamin tidak sesuai dengan NIP",
    ]
    assert nip.parse("'198609262022212002", jenis_pegawai="PPPK").jenis_kelamin == "P"


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("1.98609E+17", "rusak oleh Excel"),
        ("19860926201505100", "18 angka"),
        ("19860931201505 1001", "tanggal lahir"),
        ("198609262015131001", "bulan TMT"),
        ("198609262015053001", "jenis kelamin"),
        ("abc", "18 angka"),
    ],
)
def test_nip_refused(bad, reason):
    with pytest.raises(nip.NipError, match=reason):
        nip.parse(bad)


HOSTILE = ["'; DROP TABLE pegawai; --", "35' OR '1'='1", "\x00", "Robert'); DELETE FROM unor;--"]


@pytest.mark.parametrize("value", HOSTILE)
def test_filters_bind_hostile_values(value):
    con = small_db()
    from analytics import overview

    for scope in (
        Scope(provinsi_kode=value, akses=PENUH),
        Scope(kabkota_kode=value, akses=PENUH),
        Scope(jenis_jabatan=value, akses=PENUH),
        Scope(jenis_pegawai=value, akses=PENUH),
    ):
        assert overview.komposisi(con, scope=scope).empty
    assert db.scalar(con, "SELECT count(*) FROM pegawai") == 5
    assert db.scalar(con, "SELECT count(*) FROM unor") == 4


def test_scope_where_uses_parameters_only():
    where, params = Scope(provinsi_kode="35", unor_id=7, jenis_jabatan="pelaksana", akses=PENUH).where("p")
    assert "35" not in where and "pelaksana" not in where
    assert params == {"f_provinsi_kode": "35", "f_jenis_jabatan": "pelaksana", "f_unor_id": 7}
    with pytest.raises(ValueError):
        Scope(akses=PENUH).where("p; DROP")


def test_splice_is_the_one_place_sql_is_filled():
    """{where} stays for run_sql unless the caller hands the condition in (SQL run on its own cursor);
    a placeholder left unfilled, one inside a comment, or a table off the allow-list is refused."""
    from analytics import queries

    sql = "SELECT count(*) FROM pegawai p WHERE {where} AND p.unor_id IN ({units})"
    assert queries.splice(sql, units="1, 2") == "SELECT count(*) FROM pegawai p WHERE {where} AND p.unor_id IN (1, 2)"
    assert queries.splice(sql, units="1", where="p.provinsi_kode = $f_provinsi_kode") == (
        "SELECT count(*) FROM pegawai p WHERE p.provinsi_kode = $f_provinsi_kode AND p.unor_id IN (1)"
    )
    with pytest.raises(KeyError):
        queries.splice(sql)
    with pytest.raises(ValueError):
        queries.splice("SELECT 1 -- {units}\n", units="1")
    with pytest.raises(ValueError):
        queries.splice("SELECT * FROM {table_x}", table_x="pengguna")


@pytest.mark.parametrize(
    "value, text",
    [(8860.0, "8.860"), (17.83, "17,8"), (19.96, "20"), (20.04, "20"), (2.25, "2,3"), (0, "0"), (None, "–")],
)
def test_jp_whole_or_one_decimal(value, text):
    """JP is whole, or one decimal where a fraction remains at one decimal (never '8.860,0')."""
    assert fmt.jp(value) == text


def test_one_rule_per_kind_of_number():
    """Indices, scores and points one decimal (never 60,32 on one screen and 60,3 on another); every JP
    column of a table or export follows fmt.jp, every percentage one decimal."""
    from analytics import kolom

    assert fmt.indeks(60.32) == "60,3" and fmt.indeks(60.35) == "60,4" and fmt.persen(43.15) == "43,2%"
    for nama, k in kolom.KOLOM.items():
        if k.jenis in (kolom.DESIMAL, kolom.PERSEN):
            assert k.desimal == 1, nama
        if "jp" in nama.split("_") and k.jenis not in (kolom.TEKS, kolom.NOMOR, kolom.JUMLAH, kolom.PERSEN):
            assert k.jenis == kolom.JP, nama
    jp = kolom.kolom("jp_total")
    assert jp.teks(8860.0) == "8.860" and jp.teks(12.5) == "12,5"
    assert (jp.format_excel_untuk(8860.0), jp.format_excel_untuk(12.5)) == ("#,##0", "#,##0.0")
