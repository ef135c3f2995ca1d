"""The "furthest behind" lists (analytics.peringkat): ranked at the level a leader acts on, only groups
of at least SMARTASN_MIN_PERINGKAT employees, only below the scope's own rate, never more than a third
of the ranked groups; on a hand-made database with every figure computed by hand, and on the demo."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import build, db, kalimat, peringkat, privacy
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules

RULES = load_rules()

# Kementerian Uji (instansi 1, top unit 100) in Jakarta; its eselon II units (tingkat 2), staff and how
# many meet 20 JP in 2025. Biro A's staff sit half in the bureau, half in its tingkat-3 unit 111.
BIRO = {
    101: ("Biro A", 40, 10),  # 25,0 % (20 at 101 with 5 meeting, 20 at 111 with 5 meeting)
    102: ("Biro B", 12, 0),  # 0,0 %: fewer than 30, not ranked
    103: ("Biro C", 30, 12),  # 40,0 %
    104: ("Biro D", 30, 27),  # 90,0 %
    105: ("Biro E", 35, 14),  # 40,0 %
    106: ("Biro F", 30, 9),  # 30,0 %
    107: ("Biro G", 30, 24),  # 80,0 %
}
# the agency: 207 staff, 96 meeting = 46,4 %; six bureaus ranked -> at most two listed: A (25 %), F (30 %)
# agencies in Jawa Timur (35), each its own top unit: (id, name, kabkota, staff, meeting)
JATIM = [
    (2, "Pemerintah Kota Surabaya", "35.78", 30, 6),  # 20,0 %
    (3, "Pemerintah Kabupaten Malang", "35.07", 30, 27),  # 90,0 %
    (4, "Pemerintah Kabupaten Sidoarjo", "35.15", 30, 25),  # 83,3 %
    (5, "Pemerintah Kota Batu", "35.79", 10, 0),  # 0,0 %: fewer than 30
    (6, "Pemerintah Kabupaten Gresik", "35.25", 30, 24),  # 80,0 %
    (7, "Pemerintah Kabupaten Kediri", "35.06", 30, 21),  # 70,0 %
    (8, "Pemerintah Kabupaten Jember", "35.09", 30, 20),  # 66,7 %
]
# Jawa Timur: 190 staff, 123 meeting = 64,7 %; six agencies ranked -> at most two, but only Surabaya is below
# the nation: 397 staff, 219 meeting = 55,2 %; provinces 31 (46,4 %) and 35 (64,7 %): two ranked -> none listed;
# agencies 1-8 without Batu ranked (seven) -> at most two: Surabaya (20 %), Kementerian Uji (46,4 %)


def _peringkat_db():
    con = db.connect(":memory:")
    db.set_meta(con, data_per="2025-12-31")
    con.execute("INSERT INTO instansi VALUES (1, 'Kementerian Uji', 'pusat', NULL, NULL)")
    con.execute("INSERT INTO unor VALUES (100, 'U100', 'Kementerian Uji', 1, NULL, 1, '31.71')")
    staff = []  # (unor, instansi, kabkota, meets)
    for uid, (nama, n, meet) in BIRO.items():
        con.execute("INSERT INTO unor VALUES (?, ?, ?, 1, 100, 2, '31.71')", [uid, f"U{uid}", nama])
        if uid == 101:
            con.execute("INSERT INTO unor VALUES (111, 'U111', 'Bagian A1', 1, 101, 3, '31.71')")
            staff += [(101, 1, "31.71", i < 5) for i in range(20)] + [(111, 1, "31.71", i < 5) for i in range(20)]
        else:
            staff += [(uid, 1, "31.71", i < meet) for i in range(n)]
    for iid, nama, kk, n, meet in JATIM:
        con.execute("INSERT INTO instansi VALUES (?, ?, 'kabkota', '35', ?)", [iid, nama, kk])
        con.execute("INSERT INTO unor VALUES (?, ?, ?, ?, NULL, 1, ?)", [iid * 100, f"U{iid}", nama, iid, kk])
        staff += [(iid * 100, iid, kk, i < meet) for i in range(n)]
    for key, (unor, inst, kk, meets) in enumerate(staff, start=1):
        nip = f"1985010120150110{key:02d}"[:14] + f"{key:04d}"
        con.execute(
            "INSERT INTO pegawai VALUES (?, ?, ?, DATE '1985-01-01', 'L', 'PNS', DATE '2015-01-01', 31, 'pelaksana',"
            " NULL, 'x', 40, ?, ?, ?, ?, 'Aktif', 0, NULL, NULL)",
            [key, nip, f"Pegawai {key}", unor, inst, kk, kk[:2]],
        )
        if meets:  # 24 JP of classroom training in 2025; the others none
            con.execute(
                "INSERT INTO pengembangan VALUES (?, 3, 'k', 'o', DATE '2025-03-01', DATE '2025-03-03', 24.0,"
                " NULL, NULL, 0, NULL, NULL)",
                [key],
            )
    build.refresh(con)
    return con


@pytest.fixture(scope="module")
def con():
    c = _peringkat_db()
    yield c
    c.close()


def _lists(con, akses: privacy.Akses = PENUH, **scope) -> list[peringkat.Daftar]:
    return peringkat.terlemah(con, scope=Scope(tahun=2025, **scope, akses=akses), rules=RULES)


def _rows(d: peringkat.Daftar) -> list[tuple[str, int, float]]:
    return [(r.nama, int(r.pegawai), round(r.persen_memenuhi, 1)) for r in d.data.itertuples()]


def test_an_agency_ranks_its_eselon_ii_units_with_their_subtrees(con):
    (d,) = _lists(con, instansi_id=1)
    assert (d.tingkat, d.kelompok, d.judul) == ("unor", "Unit eselon II", "Unit eselon II paling tertinggal")
    assert d.subpohon and d.dinilai == 6 and round(d.acuan, 1) == 46.4 and d.minimum == 30
    # Biro A counts its tingkat-3 unit's staff (40, not 20); Biro B (12 staff, 0 %) is not ranked; six
    # ranked -> two listed, though C and E (40 %) are below the agency too
    assert _rows(d) == [("Biro A", 40, 25.0), ("Biro F", 30, 30.0)]
    assert d.data["kode"].tolist() == ["101", "106"] and d.data["belum_memenuhi"].tolist() == [30, 21]
    assert d.judul_jp == "Unit eselon II paling tertinggal dalam 20 JP"


def test_a_province_ranks_its_agencies_and_only_those_below_it(con):
    (d,) = _lists(con, provinsi_kode="35")
    assert (d.tingkat, d.judul, d.dinilai, round(d.acuan, 1)) == ("instansi", "Instansi paling tertinggal", 6, 64.7)
    assert _rows(d) == [("Pemerintah Kota Surabaya", 30, 20.0)]  # Batu (10 staff, 0 %) not ranked


def test_the_nation_ranks_provinces_and_agencies(con):
    prov, inst = _lists(con)
    assert (prov.judul, prov.dinilai, prov.data.empty) == ("Provinsi paling tertinggal", 2, True)
    assert prov.aturan.startswith("Hanya 2 provinsi dengan sedikitnya 30 pegawai pada cakupan ini: terlalu sedikit")
    assert inst.aturan == (
        "Dari 7 instansi dengan sedikitnya 30 pegawai, yang kepatuhan 20 JP-nya di bawah angka cakupan ini (55,2%); "
        "paling banyak sepertiga dari yang diperingkat dan paling banyak 10."
    )
    assert (inst.judul, inst.dinilai) == ("Instansi paling tertinggal", 7)
    assert _rows(inst) == [("Pemerintah Kota Surabaya", 30, 20.0), ("Kementerian Uji", 207, 46.4)]


def test_a_unit_ranks_the_units_below_it(con):
    (d,) = _lists(con, unor_id=101)
    assert (d.kelompok, d.dinilai, d.data.empty) == ("Unit kerja tingkat 3", 0, True)  # Bagian A1: 20 staff
    assert d.aturan == (
        "Tidak ada unit kerja tingkat 3 dengan sedikitnya 30 pegawai pada cakupan ini: terlalu sedikit untuk "
        "diperingkat (paling banyak sepertiga dari yang diperingkat disebut paling tertinggal)."
    )


def test_an_agency_operator_gets_the_agency_units(con):
    operator = privacy.Akses(peran="unit", instansi_ids=(1,), pengguna="op")
    (d,) = _lists(con, akses=operator)
    assert d.judul == "Unit eselon II paling tertinggal" and _rows(d) == [("Biro A", 40, 25.0), ("Biro F", 30, 30.0)]


def test_the_sentence_names_the_level_and_traces_each_unit_to_its_subtree(con):
    (k,) = kalimat._unit(con, Scope(tahun=2025, instansi_id=1, akses=PENUH), RULES, 2025)
    assert k.teks == (
        "Unit eselon II paling tertinggal dalam 20 JP, di bawah 46,4% cakupan ini: Biro A (25,0%); Biro F (30,0%)."
    )
    assert [f.unor for f in k.fakta] == [None, 101, 106]  # the agency's own rate, then each bureau's subtree
    assert {(f.laporan, f.by, f.kode) for f in k.fakta} == {("jp", "nasional", "ID")}


def _groups(values: list[tuple[int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kode": [str(i) for i in range(len(values))],
            "nama": [f"G{i}" for i in range(len(values))],
            "pegawai": [n for n, _ in values],
            "persen_memenuhi": [p for _, p in values],
        }
    )


def test_never_more_than_a_third_nor_ten():
    sixteen = _groups([(40, float(p)) for p in range(10, 90, 5)])  # 10 %, 15 %, ..., 85 %
    low, n = peringkat.pilih(sixteen, acuan=95.0, minimum=30)
    assert n == 16 and low["persen_memenuhi"].tolist() == [10.0, 15.0, 20.0, 25.0, 30.0]
    many = _groups([(40, float(p)) for p in range(40)])
    low, n = peringkat.pilih(many, acuan=95.0, minimum=30)
    assert n == 40 and len(low) == 10
    assert len(peringkat.pilih(_groups([(40, 1.0), (40, 2.0)]), acuan=95.0, minimum=30)[0]) == 0


def test_small_groups_and_groups_at_the_scope_rate_are_not_lowest():
    g = _groups([(12, 0.0), (30, 20.0), (29, 5.0), (31, 49.96), (40, 60.0), (50, 70.0), (60, 80.0), (70, 90.0)])
    g.loc[8] = ["8", "G8", 45, float("nan")]  # blanked (small-cell rule): not ranked
    low, n = peringkat.pilih(g, acuan=50.0, minimum=30)
    # ranked: 20 %, 49,96 %, 60 %, 70 %, 80 %, 90 % (six) -> at most two; 49,96 % shows as the scope's 50,0 %
    assert n == 6 and low["nama"].tolist() == ["G1"]
    tie = _groups([(30, 40.0), (80, 40.0), (50, 90.0), (50, 95.0), (50, 99.0), (50, 99.5)])
    assert peringkat.pilih(tie, acuan=80.0, minimum=30)[0]["nama"].tolist() == ["G1", "G0"]  # larger first


def test_non_admin_minimum_is_never_below_the_small_cell_minimum(monkeypatch):
    monkeypatch.setattr(peringkat, "MIN_PERINGKAT", 5)
    boss = privacy.Akses(peran="pimpinan", nasional=True)
    assert peringkat.minimum(Scope(akses=boss)) == privacy.MIN_SEL
    assert peringkat.minimum(Scope(akses=PENUH)) == 5


@pytest.mark.parametrize("scope", [{}, {"provinsi_kode": "35"}], ids=["nasional", "provinsi_35"])
def test_demo_lists_follow_the_rules(demo_con, scope):
    lists = peringkat.terlemah(demo_con, scope=Scope(tahun=2025, **scope, akses=PENUH), rules=RULES)
    levels = [d.tingkat for d in lists]
    assert levels == (["provinsi", "instansi"] if not scope else ["instansi"])
    for d in lists:
        assert d.dinilai >= 3 and 0 < len(d.data) <= min(peringkat.MAKS, d.dinilai // 3)
        assert (d.data["pegawai"] >= peringkat.MIN_PERINGKAT).all()
        assert (d.data["persen_memenuhi"] < d.acuan).all()
        assert d.data["persen_memenuhi"].is_monotonic_increasing
    if scope:  # every agency listed has staff in the province
        ids = demo_con.execute(
            "SELECT DISTINCT instansi_id::VARCHAR FROM jp_pegawai_tahun WHERE tahun = 2025 AND provinsi_kode = '35'"
        ).fetchall()
        assert set(lists[0].data["kode"]) <= {i for (i,) in ids}


def test_demo_agency_lists_eselon_ii_units(demo_con):
    from analytics.demo import largest_instansi

    inst = largest_instansi(demo_con)
    (d,) = peringkat.terlemah(demo_con, scope=Scope(tahun=2025, instansi_id=inst, akses=PENUH), rules=RULES)
    tingkat = demo_con.execute(
        "SELECT DISTINCT tingkat, instansi_id FROM unor WHERE list_contains(?, id)", [[int(k) for k in d.data["kode"]]]
    ).fetchall()
    assert d.kelompok == "Unit eselon II" and tingkat == [(2, inst)]
