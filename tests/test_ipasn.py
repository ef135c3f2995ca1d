"""IP ASN on a hand-made fixture (tests/fixtures.ipasn_db): every job type and slot, x.5 totals at
band edges, window edges, SKP fallback, heaviest punishment, incomplete records; group aggregates
reconciling with per-employee rows; the what-if levers against hand-computed and rebuilt figures;
invariants on the demo data."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from analytics import build, db, explain, ipasn, whatif
from analytics.dimensions import REPORT as LEVELS
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules
from tests.fixtures import ipasn_db

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
Y = Scope(tahun=2025, akses=PENUH)

# key: kualifikasi, kepemimpinan, fungsional, teknis, seminar, kinerja, disiplin, total, kategori
EXPECTED = {
    1: (20, 15, 0, 15, 10, 30, 5, 95, "Sangat Tinggi"),  # JPT pratama with PIM II from 2015
    2: (25, 0, 0, 0, 10, 25, 2, 62, "Rendah"),  # madya needs PIM I; 19.5 JP; SKP 2024; S beats R
    3: (15, 0, 0, 15, 0, 15, 5, 50, "Sangat Rendah"),  # PIM III ends 2026; window edges
    4: (15, 0, 0, 15, 10, 30, 5, 75, "Sedang"),  # Latsar and SESPIM are not leadership levels
    5: (10, 0, 15, 15, 10, 25, 1, 76, "Sedang"),  # JF with functional training; B on 31 Dec
    6: (20, 0, 0, 15, 10, 30, 5, 80, "Sedang"),  # JF without functional training
    7: (15, 0, 0, 22.5, 17.5, 25, 3, 83, "Tinggi"),  # pelaksana, both slots; 2025 SKP over 2024
    8: (25, 0, 0, 22.5, 0, 30, 3, 80.5, "Sedang"),  # 80.5 is Sedang (closed below 81)
    9: (15, 0, 0, 0, 17.5, 25, 3, 60.5, "Sangat Rendah"),  # 60.5 is Sangat Rendah
    10: (20, 0, 0, 0, 17.5, 30, 3, 70.5, "Rendah"),  # 70.5 is Rendah
    11: (15, 0, 0, 22.5, 17.5, 25, 1, 81, "Tinggi"),  # exactly 81
    12: (25, 0, 0, 22.5, 17.5, 25, 1, 91, "Sangat Tinggi"),  # exactly 91
    15: (5, 0, 0, 0, 0, 5, 5, 15, "Sangat Rendah"),  # 16 JP technical + e-learning: no slot
}


@pytest.fixture(scope="module")
def con():
    c = ipasn_db(RULES)
    yield c
    c.close()


def scores(con, tahun=2025):
    return con.execute("SELECT * FROM ipasn_pegawai_tahun WHERE tahun = ? ORDER BY pegawai_key", [tahun]).df()


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_points_by_hand(con, key):
    row = scores(con).set_index("pegawai_key").loc[key]
    kual, kep, fung, tek, sem, kin, dis, total, kat = EXPECTED[key]
    got = [row[c] for c in ("kualifikasi", "kepemimpinan", "fungsional", "teknis", "seminar", "kinerja", "disiplin")]
    assert got == [kual, kep, fung, tek, sem, kin, dis]
    assert row["kompetensi"] == kep + fung + tek + sem <= 40
    assert row["total"] == total and row["kategori"] == kat and row["lengkap"]


def test_incomplete_records_are_shown_but_not_averaged(con):
    s = scores(con).set_index("pegawai_key")
    assert not s.loc[13, "lengkap"] and pd.isna(s.loc[13, "kualifikasi"]) and pd.isna(s.loc[13, "kategori"])
    assert not s.loc[14, "lengkap"] and pd.isna(s.loc[14, "kinerja"])  # only a 2023 SKP
    assert s.loc[13, "total"] == 15 + 30 + 5  # partial total still shown
    nas = ipasn.per_kelompok(con, scope=Y, by="nasional").iloc[0]
    assert nas["pegawai"] == 15 and nas["lengkap"] == 13 and nas["persen_lengkap"] == pytest.approx(100 * 13 / 15)
    assert nas["rata_ipasn"] == pytest.approx(sum(e[7] for e in EXPECTED.values()) / 13)
    reasons = explain.kelengkapan(con, scope=Y).set_index("alasan")["pegawai"]
    assert reasons["Pendidikan tidak tercatat"] == 1 and reasons["Tidak ada SKP"] == 1


def test_group_aggregates_reconcile_with_employees(con):
    emp = ipasn.per_pegawai(con, scope=Y)
    assert len(emp) == 15 and emp["nip"].is_unique
    units = ipasn.per_kelompok(con, scope=Y, by="unor")
    assert units["pegawai"].sum() == len(emp)
    for _, u in units.iterrows():
        mine = emp[emp["unor_id"] == int(u["kode"])]
        full = mine[mine["lengkap"]]
        assert u["lengkap"] == len(full)
        assert u["rata_ipasn"] == pytest.approx(full["total"].mean())
        counts = full["kategori"].value_counts()
        for col, name in zip(ipasn.KATEGORI_KOLOM, ipasn.KATEGORI):
            assert u[col] == counts.get(name, 0)
        assert sum(u[c] for c in ipasn.KATEGORI_KOLOM) == u["lengkap"]
        # points lost, by hand for the unit: kompetensi slots against the job's maximum
        lost_teknis = [(22.5 if j == "pelaksana" else 15) - t for j, t in zip(full["jenis_jabatan"], full["teknis"])]
        assert u["hilang_teknis"] == pytest.approx(sum(lost_teknis) / len(full))


def test_window_setting_moves_the_edges():
    one = ipasn_db(RULES.changed(ipasn__jendela_tahun=1))
    s = scores(one).set_index("pegawai_key")
    assert s.loc[3, "teknis"] == 0  # the 1 Jan 2024 record falls out of a one-year window
    assert s.loc[2, "disiplin"] == 3 and s.loc[2, "hukdis"] == "R"  # the 2024 punishment too
    assert s.loc[2, "seminar"] == 0  # the 2024 kursus too
    assert s.loc[2, "kinerja"] == 25  # the SKP look-back is its own setting
    assert one.execute("SELECT min(tahun) FROM ipasn_pegawai_tahun").fetchall()[0][0] == 2020
    assert db.scalar(ipasn_db(RULES), "SELECT min(tahun) FROM ipasn_pegawai_tahun") == 2021


def test_skp_fallback_setting():
    none = ipasn_db(RULES.changed(ipasn__kinerja__tahun_mundur=0))
    s = scores(none).set_index("pegawai_key")
    assert not s.loc[2, "lengkap"] and pd.isna(s.loc[2, "kinerja"])  # no 2025 SKP, no fallback
    assert s.loc[7, "kinerja"] == 25


def test_technical_slot_uses_credited_not_claimed_jp():
    # Rules.changed takes the TOML's shape: each rule as a table, its fields unset when None
    aturan = [
        {k: list(v) if k == "jenis" else v for k, v in asdict(r).items() if v is not None}
        for r in RULES.jp.konversi.aturan
    ]
    aturan[0] = dict(aturan[0], jenis=[j for j in aturan[0]["jenis"] if j != 3])
    aturan.append({"jenis": [3], "cara": "batas_harian", "jp_per_hari": 6})
    capped = ipasn_db(RULES.changed(jp__konversi__aturan=aturan))
    s = scores(capped).set_index("pegawai_key")
    assert s.loc[1, "jp_teknis"] == 18 and s.loc[1, "teknis"] == 0  # 20 claimed over 3 days, 6/day


def test_leadership_counts_any_time_but_not_after_the_year():
    con = ipasn_db(RULES)
    db.set_meta(con, data_per="2026-06-30")

    build.refresh(con, RULES)
    s = scores(con, 2026).set_index("pegawai_key")
    assert s.loc[3, "pim_punya"] == 3 and s.loc[3, "kepemimpinan"] == 15  # PIM III ended Feb 2026
    assert scores(con, 2025).set_index("pegawai_key").loc[3, "kepemimpinan"] == 0


def test_explanation_lines(con):
    e = explain.per_pegawai(con, scope=Y, rules=RULES).set_index("nip")
    three = e.loc["198001012015011003"]
    assert three["ket_kompetensi"] == "Kompetensi 15/40: teknis 20 JP ✓, seminar ✗, kepemimpinan ✗ (PIM III dibutuhkan)"
    assert three["ket_kualifikasi"].startswith("Kualifikasi 15/25: ")
    assert three["ket_disiplin"] == "Disiplin 5/5: tanpa hukuman 2024–2025"
    two = e.loc["198001012015011002"]
    assert two["ket_kinerja"] == "Kinerja 25/30: Baik (SKP 2024)"
    assert two["ket_disiplin"] == "Disiplin 2/5: hukuman sedang 2024–2025"
    assert two["ket_kompetensi"].startswith("Kompetensi 10/40: teknis 19,5 JP ✗ (butuh 20)")
    assert e.loc["198001012015011008", "ket_kompetensi"] == "Kompetensi 22,5/40: teknis 20 JP ✓, seminar ✗"
    assert e.loc["198001012015011014", "ket_kinerja"] == "Kinerja –/30: tidak ada SKP 2024–2025"
    one = explain.per_pegawai(con, scope=Y, nip="198001012015011005", rules=RULES)
    assert len(one) == 1 and "diklat fungsional ✓" in one.iloc[0]["ket_kompetensi"]


COMPLETE_TOTALS = [e[7] for e in EXPECTED.values()]


def test_whatif_technical_lever_by_hand(con):
    sim = whatif.simulasi(con, scope=Y, rules=RULES, tuas="teknis").iloc[0]
    # below 20 JP: 2 (19.5), 9 (0), 10 (0), 14 (0), 15 (16)
    assert sim["orang"] == 5 and sim["jp"] == 0.5 + 20 + 20 + 20 + 4
    assert sim["rata_awal"] == round(sum(COMPLETE_TOTALS) / 13, 2)
    # 2 gains 15 (JPT), 9, 10 and 15 gain 22.5 (pelaksana); 14 stays incomplete
    assert sim["rata_baru"] == round((sum(COMPLETE_TOTALS) + 15 + 3 * 22.5) / 13, 2)
    assert sim["selisih"] == round(sim["rata_baru"] - sim["rata_awal"], 2)
    assert (sim["sangat_tinggi_awal"], sim["sangat_tinggi_baru"]) == (2, 3)  # 10 -> 93
    assert (sim["rendah_awal"], sim["rendah_baru"]) == (2, 0)  # 2 -> 77, 10 -> 93
    assert sum(sim[f"{k}_baru"] for k in ipasn.KATEGORI_KOLOM) == sim["lengkap_baru"] == 13


def test_whatif_leadership_lever_by_hand(con):
    sim = whatif.simulasi(con, scope=Y, rules=RULES, tuas="kepemimpinan", by="unor").set_index("kode").loc["11"]
    # gaps: 2 needs PIM I (no PIM I record in the data), 3 needs PIM III, 4 needs PIM IV
    assert sim["orang"] == 3 and sim["orang_tanpa_jp"] == 1
    assert sim["jp"] == 350 + 270  # medians of the recorded PIM III and PIM IV records
    unit11 = [EXPECTED[k][7] for k in range(1, 9)]
    assert sim["rata_baru"] == round((sum(unit11) + 3 * 15) / 8, 2)
    untouched = whatif.simulasi(con, scope=Y, rules=RULES, tuas="kepemimpinan", by="unor").set_index("kode").loc["12"]
    assert untouched["orang"] == 0 and untouched["selisih"] == 0


@pytest.mark.parametrize(
    "change",
    [{"ipasn__jendela_tahun": 1}, {"ipasn__kompetensi__ambang_jp_teknis": 16}, {"ipasn__kinerja__tahun_mundur": 0}],
)
def test_whatif_rule_profile_equals_a_full_rebuild(con, change):
    profil = RULES.changed(**change)
    sim = whatif.simulasi(con, scope=Y, rules=RULES, tuas="aturan", ubah=tuple(change.items()), by="unor")
    nas = whatif.simulasi(con, scope=Y, rules=RULES, tuas="aturan", ubah=tuple(change.items())).iloc[0]
    total = whatif.total_simulasi(sim)
    assert total["rata_baru"] == nas["rata_baru"] and total["orang"] == nas["orang"]
    assert total["sedang_baru"] == nas["sedang_baru"]
    sim = sim.set_index("kode")
    rebuilt = ipasn.per_kelompok(ipasn_db(profil), scope=Y, by="unor").set_index("kode")
    assert (sim["rata_baru"] == rebuilt["rata_ipasn"].round(2)).all()
    assert (sim["lengkap_baru"] == rebuilt["lengkap"]).all()
    for k in ipasn.KATEGORI_KOLOM:
        assert (sim[f"{k}_baru"] == rebuilt[k]).all()
    assert (sim["rata_awal"] != sim["rata_baru"]).any()  # each change moves something here


def test_incremental_refresh_after_imports_equals_a_full_rebuild(tmp_path):
    from analytics.importer import import_file
    from tests.importdata import write_csv

    con = ipasn_db(RULES)
    # employee 1 moves from unit 11 to unit 12 (a pegawai update), employee 9 gets a 2025 SKP rating
    # "Butuh Perbaikan" (a changed row) and employee 14 one for 2025 (a new row)
    con.execute("UPDATE pegawai SET unor_id = 12 WHERE pegawai_key = 1")
    con.execute("CREATE OR REPLACE TEMP TABLE imp_keys AS SELECT 1 AS pegawai_key")

    build._summaries(con, RULES, keys="imp_keys")
    skp = write_csv(
        tmp_path / "skp.csv",
        ["nipBaru", "tahun", "kuadranKinerja"],
        [["198001012015011009", "2025", "3"], ["198001012015011014", "2025", "1"]],
    )
    result = import_file(con, skp, rules=RULES)
    assert result.rows_loaded == 2, result.rejects
    s = scores(con).set_index("pegawai_key")
    assert s.loc[9, "kinerja"] == 15 and s.loc[14, "lengkap"] and s.loc[1, "unor_id"] == 12
    incremental = con.execute("SELECT * FROM ipasn_kelompok_tahun ORDER BY ALL").df()
    jp_groups = con.execute("SELECT * FROM jp_kelompok_tahun ORDER BY ALL").df()
    jp_values = con.execute("SELECT * FROM jp_sebaran_tahun ORDER BY ALL").df()
    rows = con.execute("SELECT * FROM ipasn_pegawai_tahun ORDER BY ALL").df()
    build.refresh(con, RULES)
    pd.testing.assert_frame_equal(incremental, con.execute("SELECT * FROM ipasn_kelompok_tahun ORDER BY ALL").df())
    pd.testing.assert_frame_equal(jp_groups, con.execute("SELECT * FROM jp_kelompok_tahun ORDER BY ALL").df())
    pd.testing.assert_frame_equal(jp_values, con.execute("SELECT * FROM jp_sebaran_tahun ORDER BY ALL").df())
    pd.testing.assert_frame_equal(rows, con.execute("SELECT * FROM ipasn_pegawai_tahun ORDER BY ALL").df())
    unit12 = ipasn.per_kelompok(con, scope=Y, by="unor").set_index("kode").loc["12"]
    assert unit12["pegawai"] == 8


def fingerprint(con) -> dict[str, tuple]:
    """Row count and an order-free content hash of every table (temporary ones too), the views a
    connection holds (registered frames among them), meta and every sequence's position."""
    out = {}
    tables = con.execute("SELECT schema_name, table_name FROM duckdb_tables() ORDER BY ALL").fetchall()
    for schema, table in tables:
        out[f"{schema}.{table}"] = con.execute(f'SELECT count(*), sum(hash(t)) FROM "{schema}"."{table}" t').fetchall()[
            0
        ]  # noqa: S608
    out["views"] = tuple(con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall())
    out["sequences"] = tuple(
        con.execute("SELECT sequence_name, last_value FROM duckdb_sequences() ORDER BY 1").fetchall()
    )
    out["meta"] = tuple(sorted(db.get_meta(con).items()))
    return out


class Watched:
    """A connection whose cursors stay open after close(), so a test can look inside each one for
    temporary objects left behind (a cursor is its own connection: its temp tables die with it)."""

    def __init__(self, con, opened: list):
        self._con, self._opened = con, opened

    def cursor(self):
        c = self._con.cursor()
        self._opened.append(c)
        return Watched(c, self._opened)

    def close(self):
        pass

    def __getattr__(self, name):
        return getattr(self._con, name)


# every lever; the rule lever once with a change of the inputs (window: re-derived into a temp table)
# and once with a change of the points only
WHATIF_RUNS = [
    (tuas, ubah)
    for tuas in whatif.TUAS
    for ubah in (
        [(("ipasn__jendela_tahun", 1),), (("ipasn__kompetensi__ambang_jp_teknis", 16),)] if tuas == "aturan" else [()]
    )
]


def test_whatif_leaves_no_trace(con):
    assert {t for t, _ in WHATIF_RUNS} == set(whatif.TUAS)
    before = fingerprint(con)
    assert before["main.ipasn_pegawai_tahun"][0] > 0 and before["meta"]
    for tuas, ubah in WHATIF_RUNS:
        for scope, by in ((Y, "nasional"), (Scope(tahun=2025, unor_id=11, akses=PENUH), "unor")):
            opened: list = []
            sim = whatif.simulasi(Watched(con, opened), scope=scope, rules=RULES, tuas=tuas, ubah=ubah, by=by)
            assert len(sim) and sim["pegawai"].sum() > 0, (tuas, ubah)
            assert opened, "simulasi works in cursors of its own"
            for cur in opened:  # nothing temporary left in any cursor it used
                assert cur.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchall() == [(0,)], tuas
                assert cur.execute(
                    "SELECT count(*) FROM duckdb_views() WHERE temporary AND NOT internal"
                ).fetchall() == [(0,)]
            for cur in reversed(opened):  # closing a cursor closes the ones made from it
                cur.close()
            assert fingerprint(con) == before, (tuas, ubah)


def test_rules_changed_is_validated():
    from analytics.rules import RulesError

    with pytest.raises(RulesError, match="ipasn.jendela_tahun"):
        RULES.changed(ipasn__jendela_tahun=0)
    with pytest.raises(RulesError, match="ipasn.tidak_ada"):
        RULES.changed(ipasn__tidak_ada=1)


# --- on the demo data --------------------------------------------------------------------------


def test_demo_invariants(demo_con):
    c = demo_con
    assert db.scalar(c, "SELECT count(*) - count(DISTINCT (pegawai_key, tahun)) FROM ipasn_pegawai_tahun") == 0
    # the same employee-years as the JP summary, from the first whole window
    assert (
        db.scalar(
            c,
            """SELECT count(*) FROM (SELECT pegawai_key, tahun FROM jp_pegawai_tahun WHERE tahun >= 2021
               EXCEPT ALL SELECT pegawai_key, tahun FROM ipasn_pegawai_tahun)""",
        )
        == 0
    )
    bad = db.scalar(
        c,
        """SELECT count(*) FROM ipasn_pegawai_tahun WHERE
             kompetensi > 40 OR total > 100 OR kualifikasi > 25 OR kinerja > 30 OR disiplin > 5
             OR (lengkap AND total <> kualifikasi + kompetensi + kinerja + disiplin)
             OR (lengkap AND kompetensi <> kepemimpinan + fungsional + teknis + seminar)
             OR (lengkap <> (kategori IS NOT NULL))
             OR (kategori = 'Sangat Tinggi' AND total < 91) OR (kategori = 'Tinggi' AND (total < 81 OR total >= 91))
             OR (kategori = 'Sedang' AND (total < 71 OR total >= 81))
             OR (kategori = 'Rendah' AND (total < 61 OR total >= 71))
             OR (kategori = 'Sangat Rendah' AND total >= 61)
             OR (jenis_jabatan <> 'fungsional' AND fungsional > 0)
             OR (jenis_jabatan IN ('fungsional', 'pelaksana') AND kepemimpinan > 0)""",
    )
    assert bad == 0
    tahun = db.scalar(c, "SELECT max(tahun) FROM ipasn_pegawai_tahun")
    s = Scope(tahun=tahun, akses=PENUH)
    nas = ipasn.per_kelompok(c, scope=s, by="nasional").iloc[0]
    prov = ipasn.per_kelompok(c, scope=s, by="provinsi")
    assert prov["pegawai"].sum() == nas["pegawai"] and prov["lengkap"].sum() == nas["lengkap"]
    weighted = (prov["rata_ipasn"] * prov["lengkap"]).sum() / prov["lengkap"].sum()
    assert weighted == pytest.approx(nas["rata_ipasn"])
    assert 0.9 < nas["lengkap"] / nas["pegawai"] <= 1  # the demo's missing SKPs and education
    assert 50 < nas["rata_ipasn"] < 90
    t = ipasn.tren(c, scope=Scope(akses=PENUH))
    assert list(t["tahun"]) == list(range(2021, tahun + 1))


def test_report_cli_contract(report_cli):
    def report(*args):
        return report_cli("ipasn", "--year", "2025", *args)

    emp = pd.read_csv(io.StringIO(report("--by", "pegawai", "--provinsi", "35")), dtype={"nip": str})
    assert list(emp.columns) == [
        "nip",
        "kualifikasi",
        "kompetensi",
        "kinerja",
        "disiplin",
        "total",
        "kategori",
        "lengkap",
    ]
    assert emp["nip"].str.fullmatch(r"\d{18}").all() and emp["nip"].is_unique
    for level in [lv for lv in LEVELS if lv != "pegawai"]:
        g = json.loads(report("--by", level, "--format", "json"))
        assert list(g[0]) == [
            "kode", "nama", "pegawai", "lengkap", "rata_ipasn",
            "sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah", "persen_lengkap",
            "hilang_kualifikasi", "hilang_kepemimpinan", "hilang_fungsional", "hilang_teknis", "hilang_seminar",
            "hilang_kinerja", "hilang_disiplin",
        ]  # fmt: skip
        assert sum(r["pegawai"] for r in g) == sum(r["pegawai"] for r in json.loads(report("--format", "json")))
    jatim = json.loads(report("--by", "provinsi", "--format", "json"))
    row = next(r for r in jatim if r["kode"] == "35")
    full = emp[emp["lengkap"]]
    assert row["pegawai"] == len(emp) and row["lengkap"] == len(full)
    assert row["rata_ipasn"] == pytest.approx(full["total"].mean())
