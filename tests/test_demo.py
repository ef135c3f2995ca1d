"""Demo generator invariants: counts, calibrated shares, valid unique NIPs, reproducibility."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest

from analytics import nip
from analytics.demo import REFERENCE_DATE, build_demo
from analytics.demo.calibration import PNS_PER_PROVINSI_2023
from analytics.rules import load_rules
from tests.conftest import DEMO_EMPLOYEES


def q(con, sql, params=None):
    return con.execute(sql, params).fetchall()


def test_counts_and_reference_tables(demo_con):
    assert q(demo_con, "SELECT count(*) FROM pegawai")[0][0] == DEMO_EMPLOYEES
    assert q(demo_con, "SELECT count(*) FROM provinsi")[0][0] == 38
    assert q(demo_con, "SELECT jenis, count(*) FROM kabkota GROUP BY 1 ORDER BY 1") == [
        ("kabupaten", 416),
        ("kota", 98),
    ]
    assert q(demo_con, "SELECT count(*) FROM ref_jenis_diklat")[0][0] == 25


def test_keys_unique_and_not_null(demo_con):
    assert q(
        demo_con,
        """SELECT count(*), count(DISTINCT pegawai_key), count(DISTINCT nip),
                                 count(*) FILTER (WHERE nip IS NULL OR pegawai_key IS NULL)
                          FROM pegawai""",
    )[0] == (DEMO_EMPLOYEES, DEMO_EMPLOYEES, DEMO_EMPLOYEES, 0)
    # one SKP per employee-year; ringkasan one row per employee-year
    assert (
        q(demo_con, "SELECT count(*) FROM (SELECT pegawai_key, tahun FROM skp GROUP BY ALL HAVING count(*) > 1)")[0][0]
        == 0
    )
    assert (
        q(
            demo_con,
            "SELECT count(*) FROM (SELECT pegawai_key, tahun FROM jp_pegawai_tahun GROUP BY ALL HAVING count(*) > 1)",
        )[0][0]
        == 0
    )


def test_every_reference_resolves(demo_con):
    orphans = q(
        demo_con,
        """
        SELECT
          (SELECT count(*) FROM pegawai p LEFT JOIN unor u ON u.id = p.unor_id WHERE u.id IS NULL),
          (SELECT count(*) FROM pegawai p LEFT JOIN instansi i ON i.id = p.instansi_id WHERE i.id IS NULL),
          (SELECT count(*) FROM pegawai p LEFT JOIN kabkota k ON k.kode = p.kabkota_kode WHERE k.kode IS NULL),
          (SELECT count(*) FROM pegawai p LEFT JOIN ref_golongan g ON g.id = p.golongan_id WHERE g.id IS NULL),
          (SELECT count(*) FROM pegawai p LEFT JOIN ref_pendidikan r ON r.id = p.pendidikan_id
           WHERE p.pendidikan_id IS NOT NULL AND r.id IS NULL),
          (SELECT count(*) FROM pengembangan e LEFT JOIN pegawai p USING (pegawai_key) WHERE p.nip IS NULL),
          (SELECT count(*) FROM unor u LEFT JOIN unor i ON i.id = u.induk_id
           WHERE u.induk_id IS NOT NULL AND i.id IS NULL)
    """,
    )[0]
    assert orphans == (0,) * 7


def test_activity_import_keys_unique(demo_con):
    # the importer identifies an activity by employee, type, start and certificate number or name
    assert (
        q(
            demo_con,
            """SELECT count(*) FROM (SELECT pegawai_key, jenis_diklat_id, tanggal_mulai,
                                 coalesce(no_sertifikat, nama) FROM pengembangan GROUP BY ALL HAVING count(*) > 1)
                       """,
        )[0][0]
        == 0
    )


def test_summary_reconciles_with_activities(demo_con):
    summ = q(demo_con, "SELECT sum(kegiatan), sum(jp_klaim) FROM jp_pegawai_tahun")[0]
    base = q(
        demo_con,
        """SELECT count(*), sum(jp_klaim) FROM pengembangan
                          WHERE year(coalesce(tanggal_selesai, tanggal_mulai)) >= 2020""",
    )[0]
    assert summ[0] == base[0]
    assert summ[1] == pytest.approx(base[1])


def test_shares_match_public_figures(demo_con):
    (women, pppk, s1, sd_slta, s2, fungsional, pelaksana, struktural) = q(
        demo_con,
        """
        SELECT avg((jenis_kelamin = 'P')::INT), avg((jenis_pegawai = 'PPPK')::INT),
               avg((r.jenjang = 'D-IV/S-1')::INT), avg((r.jenjang = 'SD-SLTA')::INT),
               avg((r.jenjang = 'S-2')::INT),
               avg((jenis_jabatan = 'fungsional')::INT), avg((jenis_jabatan = 'pelaksana')::INT),
               avg((jenis_jabatan IN ('jpt', 'administrator', 'pengawas'))::INT)
        FROM pegawai p JOIN ref_pendidikan r ON r.id = p.pendidikan_id""",
    )[0]
    assert 0.54 <= women <= 0.58
    assert 0.30 <= pppk <= 0.40
    assert 0.58 <= s1 <= 0.66 and 0.12 <= sd_slta <= 0.17 and 0.08 <= s2 <= 0.12
    assert 0.62 <= fungsional <= 0.71 and 0.22 <= pelaksana <= 0.31 and 0.05 <= struktural <= 0.09


def test_province_shares_follow_pns_2023(demo_con):
    total = sum(PNS_PER_PROVINSI_2023.values())
    got = dict(q(demo_con, "SELECT provinsi_kode, count(*) FROM pegawai GROUP BY 1"))
    for kode, pns in PNS_PER_PROVINSI_2023.items():
        expected = DEMO_EMPLOYEES * pns / total
        assert abs(got.get(kode, 0) - expected) < 5 * expected**0.5 + 5, kode


def test_every_nip_encodes_its_row(demo_con):
    rows = q(demo_con, "SELECT nip, tanggal_lahir, tmt_cpns, jenis_kelamin, jenis_pegawai FROM pegawai")
    bad = [r for r in rows if nip.check(r[0], tanggal_lahir=r[1], tmt=r[2], jenis_kelamin=r[3], jenis_pegawai=r[4])]
    assert bad == []
    assert all(r[0][12:14] == "21" for r in rows if r[4] == "PPPK")


def test_ages_and_dates_plausible(demo_con):
    (young, old, future_tmt, tmt_before_18) = q(
        demo_con,
        """
        SELECT min(date_diff('year', tanggal_lahir, $ref)), max(date_diff('year', tanggal_lahir, $ref)),
               count(*) FILTER (WHERE tmt_cpns > $ref),
               count(*) FILTER (WHERE date_diff('year', tanggal_lahir, tmt_cpns) < 18)
        FROM pegawai""",
        {"ref": REFERENCE_DATE},
    )[0]
    assert young >= 19 and old <= 60 and future_tmt == 0 and tmt_before_18 == 0
    assert (
        q(
            demo_con,
            "SELECT count(*) FROM pengembangan WHERE tanggal_selesai > $ref OR tanggal_selesai < tanggal_mulai",
            {"ref": REFERENCE_DATE},
        )[0][0]
        == 0
    )


def test_unit_names_read_well(demo_con):
    """No unit repeats a word ("RSUD Provinsi Provinsi Jawa Barat"), except inside its region's own name (Kota Bau
    Bau); siblings and units of one agency are told apart by name."""
    rows = q(
        demo_con,
        """SELECT u.nama, k.nama, p.nama FROM unor u JOIN kabkota k ON k.kode = u.kabkota_kode
           JOIN provinsi p ON p.kode = left(u.kabkota_kode, 2)""",
    )
    assert len(rows) == q(demo_con, "SELECT count(*) FROM unor")[0][0]
    twice = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
    doubled = [n for n, kab, prov in rows if twice.search(n.replace(kab, "|").replace(prov, "|"))]
    assert doubled == []
    assert "RSUD Provinsi Jawa Barat" in {r[0] for r in rows}
    for within in ("induk_id", "instansi_id"):
        assert q(
            demo_con, f"SELECT count(*) FROM (SELECT {within}, nama FROM unor GROUP BY ALL HAVING count(*) > 1)"
        ) == [(0,)], within


def _pension_start(lahir: date, bup: int) -> date:
    """The pension's first day: the first of the month after the one the BUP is reached in."""
    year, month = lahir.year + bup, lahir.month + 1
    return date(year + month // 13, month % 12 or 12, 1)


def test_nobody_in_service_past_the_retirement_age(demo_con):
    bup = load_rules().bup
    rows = q(demo_con, "SELECT jenis_jabatan, jabatan_nama, tanggal_lahir, jenis_pegawai, kedudukan FROM pegawai")
    active = [r for r in rows if r[4] == "Aktif"]
    assert len(active) > 0.97 * DEMO_EMPLOYEES
    past = [r for r in active if _pension_start(r[2], bup.usia(r[0], r[1])) <= REFERENCE_DATE]
    assert past == []

    def age(lahir):
        return (REFERENCE_DATE - lahir).days / 365.25

    # the ages were not cut short: staff close to their BUP are there, and PNS aged 51+ keep their share (34%)
    assert max(age(r[2]) for r in rows if r[0] == "pelaksana") > 57.8
    assert max(age(r[2]) for r in rows if r[1] == "Guru Ahli Madya") > 58.8  # BUP 60, the 51-59 band ends first
    pns = [r for r in rows if r[3] == "PNS"]
    assert 0.31 <= sum(age(r[2]) >= 51 for r in pns) / len(pns) <= 0.37


def test_structure_for_the_analytics(demo_con):
    # persistence: last year's 20 JP (claimed) predicts this year's
    (p_keep, p_new) = q(
        demo_con,
        """
        WITH y AS (SELECT p.pegawai_key, coalesce(a.jp_klaim, 0) >= 20 AS ok24,
                          coalesce(b.jp_klaim, 0) >= 20 AS ok25
                   FROM pegawai p
                   LEFT JOIN jp_pegawai_tahun a ON a.pegawai_key = p.pegawai_key AND a.tahun = 2024
                   LEFT JOIN jp_pegawai_tahun b ON b.pegawai_key = p.pegawai_key AND b.tahun = 2025
                   WHERE year(p.tmt_cpns) < 2024)
        SELECT avg(ok25::INT) FILTER (WHERE ok24), avg(ok25::INT) FILTER (WHERE NOT ok24) FROM y""",
    )[0]
    assert p_keep > p_new + 0.1
    # Q4 busier than Q1, December the busiest month
    months = dict(
        q(
            demo_con,
            "SELECT month(tanggal_mulai), count(*) FROM pengembangan WHERE year(tanggal_mulai) = 2025 GROUP BY 1",
        )
    )
    assert months[12] == max(months.values()) and months[10] + months[11] > months[1] + months[2]
    # rare punishments, SKP better for those who learn more
    assert (
        0.005
        <= q(demo_con, "SELECT count(DISTINCT pegawai_key) / (SELECT count(*) FROM pegawai) FROM hukdis")[0][0]
        <= 0.03
    )
    (good_learners, good_rest) = q(
        demo_con,
        """
        SELECT avg((s.predikat_id = 1)::INT) FILTER (WHERE r.jp_klaim >= 40),
               avg((s.predikat_id = 1)::INT) FILTER (WHERE coalesce(r.jp_klaim, 0) < 10)
        FROM skp s LEFT JOIN jp_pegawai_tahun r USING (pegawai_key, tahun)
        WHERE s.tahun = 2025""",
    )[0]
    assert good_learners > good_rest
    # units differ in learning culture
    spread = q(
        demo_con,
        """SELECT quantile_cont(jp, 0.9) / quantile_cont(jp, 0.1) FROM (
        SELECT p.unor_id, avg(coalesce(r.jp_klaim, 0)) AS jp FROM pegawai p
        LEFT JOIN jp_pegawai_tahun r ON r.pegawai_key = p.pegawai_key AND r.tahun = 2025
        GROUP BY 1 HAVING count(*) >= 30)""",
    )[0][0]
    assert spread > 1.5


def test_messy_records_present(demo_con):
    (implausible, dup_cert) = q(
        demo_con,
        """
        SELECT (SELECT count(*) FROM pengembangan
                WHERE jp_klaim / (date_diff('day', tanggal_mulai, tanggal_selesai) + 1) > 10
                  AND jenis_diklat_id NOT IN (1, 10, 18, 21)),
               (SELECT count(*) FROM (SELECT no_sertifikat FROM pengembangan
                WHERE no_sertifikat IS NOT NULL GROUP BY 1 HAVING count(*) > 1))""",
    )[0]
    assert implausible > 0 and dup_cert > 0
    missing_edu = q(demo_con, "SELECT avg((pendidikan_id IS NULL)::INT) FROM pegawai")[0][0]
    assert 0.001 < missing_edu < 0.01


def test_smart_asn_indicator_tables_filled(demo_con):
    for table in ("bahasa", "tik", "perilaku", "inovasi", "ikm"):
        assert q(demo_con, f"SELECT count(*) FROM {table}")[0][0] > 0, table
    share = q(demo_con, "SELECT count(DISTINCT pegawai_key) / (SELECT count(*) FROM pegawai) FROM bahasa")
    assert 0.03 < share[0][0] < 0.2


def _digest(path) -> str:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    h = hashlib.sha256()
    for table in ("pegawai", "pengembangan", "skp", "hukdis", "bahasa", "unor"):
        cols = "*" if table != "pegawai" else "* EXCLUDE (import_id)"
        for row in con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall():
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


def test_same_seed_same_data_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb"
    build_demo(a, employees=1500, seed=3)
    build_demo(b, employees=1500, seed=3)
    build_demo(c, employees=1500, seed=4)
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)


def test_rebuild_replaces_and_leaves_no_temp(tmp_path):
    path = tmp_path / "x.duckdb"
    build_demo(path, employees=500, seed=1)
    build_demo(path, employees=700, seed=1)
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM pegawai").fetchall()[0][0] == 700
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.duckdb"]
