"""Overview figures on the hand-made fixture (tests/fixtures.py), computed by hand."""

from __future__ import annotations

import math

import pytest

from analytics import overview
from analytics.filters import Scope
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
    df = overview.komposisi(con, scope=Scope())
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
    assert overview.komposisi(con, scope=Scope(unor_id=11)).query("dimensi == 'jenis_pegawai'")["jumlah"].sum() == 2
    assert overview.komposisi(con, scope=Scope(unor_id=10)).query("dimensi == 'jenis_pegawai'")["jumlah"].sum() == 3
    assert (
        overview.komposisi(con, scope=Scope(provinsi_kode="32", jenis_jabatan="pelaksana"))
        .query("dimensi == 'jenis_pegawai'")["jumlah"]
        .sum()
        == 1
    )


def test_scope_with_no_match_is_empty(con):
    assert overview.komposisi(con, scope=Scope(provinsi_kode="11")).empty


def test_kegiatan_tahunan(con):
    df = overview.kegiatan_tahunan(con, scope=Scope(), sampai=2026).set_index("tahun")
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
    df = overview.kegiatan_tahunan(con, scope=Scope(instansi_id=2), sampai=2026).set_index("tahun")
    assert df.loc[2026, ["pegawai", "kegiatan", "jp_klaim"]].tolist() == [2, 2, 4.0]
    assert df.loc[2023, "pegawai"] == 0 and math.isnan(df.loc[2023, "persen_belajar"])


def test_kelengkapan(con):
    df = overview.kelengkapan(con, scope=Scope(), tahun=2026).set_index("kolom")
    assert df.loc["pendidikan", ["terisi", "dari"]].tolist() == [4, 5]
    # SKP 2025 is expected from employees in post before 2025: 1, 2, 3, 4; 2 has none
    assert df.loc["skp_tahun_lalu", ["terisi", "dari"]].tolist() == [3, 4]
    assert df.loc["tanggal_lahir", "persen"] == 100.0
