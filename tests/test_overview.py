"""Overview figures on the hand-made fixture (tests/fixtures.py), computed by hand."""

from __future__ import annotations

import math

import pytest

from analytics import overview
from analytics.demo import largest_instansi
from analytics.filters import Scope
from analytics.privacy import PENUH, Akses
from tests.fixtures import small_db


@pytest.fixture(scope="module")
def con():
    c = small_db()
    yield c
    c.close()


def as_dict(df, dimensi):
    d = df[df["dimensi"] == dimensi]
    return dict(zip(d["kategori"], d["jumlah"]))


def test_komposisi_all(con):
    df = overview.komposisi(con, scope=Scope(akses=PENUH))
    assert as_dict(df, "jenis_pegawai") == {"PNS": 3, "PPPK": 2}
    assert as_dict(df, "jenis_kelamin") == {"Perempuan": 3, "Laki-laki": 2}
    assert as_dict(df, "jenis_jabatan") == {"Pengawas": 1, "Fungsional": 2, "Pelaksana": 2}
    assert as_dict(df, "pendidikan") == {
        "SD-SLTA": 1,
        "D-I s.d. D-III": 1,
        "D-IV/S-1": 1,
        "S-2": 1,
        "tidak diketahui": 1,
    }
    # every dimension counts each employee exactly once
    assert (df.groupby("dimensi")["jumlah"].sum() == 5).all()
    assert df.groupby("dimensi")["persen"].sum().round(9).eq(100).all()


def test_scope_unor_subtree(con):
    # unit 11 and its child 12: employees 1 and 2; unit 10 is the whole agency: 1, 2, 4
    assert (
        overview.komposisi(con, scope=Scope(unor_id=11, akses=PENUH))
        .query("dimensi == 'jenis_pegawai'")["jumlah"]
        .sum()
        == 2
    )
    assert (
        overview.komposisi(con, scope=Scope(unor_id=10, akses=PENUH))
        .query("dimensi == 'jenis_pegawai'")["jumlah"]
        .sum()
        == 3
    )
    assert (
        overview.komposisi(con, scope=Scope(provinsi_kode="32", jenis_jabatan="pelaksana", akses=PENUH))
        .query("dimensi == 'jenis_pegawai'")["jumlah"]
        .sum()
        == 1
    )


def test_scope_with_no_match_is_empty(con):
    assert overview.komposisi(con, scope=Scope(provinsi_kode="11", akses=PENUH)).empty


def test_kegiatan_tahunan(con):
    df = overview.kegiatan_tahunan(con, scope=Scope(akses=PENUH), sampai=2026).set_index("tahun")
    assert list(df.index) == list(range(2020, 2027))
    # in post by year end: 2020 -> 1, 4; 2021 -> +2; 2024 -> +3; 2026 -> +5
    assert df["pegawai"].to_dict() == {2020: 2, 2021: 3, 2022: 3, 2023: 3, 2024: 4, 2025: 4, 2026: 5}
    # 2025: employee 1 (24 JP, seminar ends 2026) and employee 2 (5 JP, no end date)
    assert df.loc[2025, ["kegiatan", "jp_klaim", "pegawai_belajar"]].tolist() == [2, 29.0, 2]
    # 2026: employee 1's seminar (8) and employee 3's coaching + mentoring (2 + 2)
    assert df.loc[2026, ["kegiatan", "jp_klaim", "pegawai_belajar"]].tolist() == [3, 12.0, 2]
    assert df.loc[2026, "persen_belajar"] == pytest.approx(100 * 2 / 5)
    assert df.loc[2025, "rata_jp_klaim"] == pytest.approx(29 / 4)
    assert df.loc[2020, "kegiatan"] == 0  # the 2018 PIM is outside the window


def test_kegiatan_tahunan_filtered(con):
    df = overview.kegiatan_tahunan(con, scope=Scope(instansi_id=2, akses=PENUH), sampai=2026).set_index("tahun")
    assert df.loc[2026, ["pegawai", "kegiatan", "jp_klaim"]].tolist() == [2, 2, 4.0]
    assert df.loc[2023, "pegawai"] == 0 and math.isnan(df.loc[2023, "persen_belajar"])


def test_kelengkapan(con):
    df = overview.kelengkapan(con, scope=Scope(akses=PENUH), tahun=2026).set_index("kolom")
    assert df.loc["pendidikan", ["terisi", "dari"]].tolist() == [4, 5]
    # SKP 2025 is expected from employees in post before 2025: 1, 2, 3, 4; 2 has none
    assert df.loc["skp_tahun_lalu", ["terisi", "dari"]].tolist() == [3, 4]
    assert df.loc["tanggal_lahir", "persen"] == 100.0


# the per-employee queries the group tables replaced: the reference they must equal on generated data
KOMPOSISI_ROWS = """
    SELECT d.dimensi, coalesce(d.kategori, 'tidak diketahui') AS kategori, count(*) AS jumlah
    FROM pegawai p LEFT JOIN ref_pendidikan r ON r.id = p.pendidikan_id,
         LATERAL (SELECT unnest(['jenis_pegawai', 'jenis_jabatan', 'pendidikan', 'jenis_kelamin']) AS dimensi,
                         unnest([p.jenis_pegawai, p.jenis_jabatan, r.jenjang, p.jenis_kelamin]) AS kategori) d
    WHERE {where} GROUP BY ALL"""
KELENGKAPAN_ROWS = """
    SELECT count(*) AS pegawai, count(tanggal_lahir) AS tanggal_lahir, count(pendidikan_id) AS pendidikan,
           count(golongan_id) AS golongan, count(jenis_jabatan) AS jenis_jabatan, count(unor_id) AS unor,
           count(kabkota_kode) AS lokasi_kerja,
           count(*) FILTER (WHERE year(tmt_cpns) < $t) AS wajib_skp_tahun_lalu,
           count(*) FILTER (WHERE year(tmt_cpns) < $t AND pegawai_key IN (SELECT pegawai_key FROM skp WHERE tahun = $t))
               AS skp_tahun_lalu
    FROM pegawai p WHERE {where}"""
KEGIATAN_ROWS = """
    SELECT p.tahun, count(*) AS pegawai, count(*) FILTER (WHERE p.kegiatan > 0) AS pegawai_belajar,
           sum(p.kegiatan) AS kegiatan, sum(p.jp_klaim) AS jp_klaim
    FROM jp_pegawai_tahun p WHERE {where} AND p.dihitung GROUP BY 1 ORDER BY 1"""


def _rows(con, sql, scope, **params):
    where, scope_params = scope.where("p")
    return con.execute(sql.replace("{where}", where), {**scope_params, **params}).df()


@pytest.mark.parametrize("pick", ["nasional", "provinsi", "unit", "pppk"])
def test_group_tables_equal_the_employees_rows(demo_con, pick):
    """Composition, completeness and the yearly activity of Ringkasan, summed from pegawai_kelompok and
    jp_kelompok_tahun, equal the same counts over the employees' rows."""
    prov = demo_con.execute("SELECT provinsi_kode FROM pegawai GROUP BY 1 ORDER BY count(*) DESC").fetchone()[0]
    unit = demo_con.execute(
        "SELECT induk_id FROM unor WHERE induk_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC"
    ).fetchone()[0]
    scope = {
        "nasional": Scope(tahun=2026, akses=PENUH),
        "provinsi": Scope(tahun=2025, provinsi_kode=prov, akses=PENUH),
        "unit": Scope(tahun=2026, unor_id=unit, akses=PENUH),
        "pppk": Scope(tahun=2024, jenis_pegawai="PPPK", akses=PENUH),
    }[pick]
    got = overview.komposisi(demo_con, scope=scope)
    want = _rows(demo_con, KOMPOSISI_ROWS, scope)
    want["kategori"] = [overview.LABEL.get(d, {}).get(k, k) for d, k in zip(want["dimensi"], want["kategori"])]
    assert dict(zip(zip(got.dimensi, got.kategori), got.jumlah)) == dict(
        zip(zip(want.dimensi, want.kategori), want.jumlah)
    )
    row = _rows(demo_con, KELENGKAPAN_ROWS, scope, t=scope.tahun - 1).iloc[0]
    k = overview.kelengkapan(demo_con, scope=scope, tahun=scope.tahun).set_index("kolom")
    for kolom in overview.KELENGKAPAN_LABEL:
        assert k.loc[kolom, "terisi"] == row[kolom], kolom
    assert k.loc["skp_tahun_lalu", "dari"] == row["wajib_skp_tahun_lalu"] > 0
    keg = overview.kegiatan_tahunan(demo_con, scope=scope, sampai=scope.tahun).set_index("tahun")
    ref = _rows(demo_con, KEGIATAN_ROWS, scope).set_index("tahun").loc[: scope.tahun]
    for col in ("pegawai", "pegawai_belajar", "kegiatan"):
        assert (keg.loc[ref.index, col] == ref[col]).all(), col
    assert keg.loc[ref.index, "jp_klaim"].to_numpy() == pytest.approx(ref["jp_klaim"].to_numpy())
    # everyone in post, those out of the 20 JP denominator by their status included
    semua = _rows(demo_con, "SELECT count(*) AS n FROM jp_pegawai_tahun p WHERE {where} AND p.tahun = $t", scope,
                  t=scope.tahun)  # fmt: skip
    assert overview.jumlah(demo_con, scope=scope) == semua["n"].iloc[0] >= ref.loc[scope.tahun, "pegawai"]
    if pick == "nasional":  # a unit may by chance have nobody out of the denominator; the nation does
        assert semua["n"].iloc[0] > ref.loc[scope.tahun, "pegawai"]


def test_head_count_is_the_total_then_blanked_whole(demo_con):
    """The head count of a selection is counted before suppression and shown or blanked whole: a unit
    operator's province holding 10+ of its agency's staff, one of PNS/PPPK under 10, shows the total (the
    defect summed the PNS and PPPK rows after both were blanked: 0)."""
    inst = largest_instansi(demo_con)
    prov, n, pppk = demo_con.execute(
        """SELECT provinsi_kode, count(*), count(*) FILTER (WHERE jenis_pegawai = 'PPPK') FROM pegawai
           WHERE instansi_id = ? GROUP BY 1
           HAVING count(*) >= 10 AND least(count(*) FILTER (WHERE jenis_pegawai = 'PPPK'),
                                           count(*) FILTER (WHERE jenis_pegawai = 'PNS')) < 10
           ORDER BY 2 LIMIT 1""",
        [inst],
    ).fetchone()
    op = Akses(peran="unit", instansi_ids=(inst,), pengguna="op")
    got = overview.jumlah_pegawai(demo_con, scope=Scope(tahun=2026, provinsi_kode=prov, akses=op)).iloc[0]
    assert got["pegawai"] == n and got[["pns", "pppk"]].isna().all()  # the split blanked, both, never the total
    komp = overview.komposisi(demo_con, scope=Scope(tahun=2026, provinsi_kode=prov, akses=op))
    assert komp.loc[komp["dimensi"] == "jenis_pegawai", "jumlah"].fillna(0).sum() == 0  # what the card summed
    admin = overview.jumlah_pegawai(
        demo_con, scope=Scope(tahun=2026, provinsi_kode=prov, instansi_id=inst, akses=PENUH)
    ).iloc[0]
    assert (admin["pegawai"], admin["pppk"]) == (n, pppk)
    # under the minimum the total itself is blank for a non-admin
    tiny = demo_con.execute(
        "SELECT unor_id FROM pegawai WHERE instansi_id = ? GROUP BY 1 HAVING count(*) BETWEEN 1 AND 9 LIMIT 1", [inst]
    ).fetchone()[0]
    small = overview.jumlah_pegawai(demo_con, scope=Scope(tahun=2026, unor_id=tiny, akses=op)).iloc[0]
    assert small.isna().all()
