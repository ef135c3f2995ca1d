"""Smart ASN: CEFR mappings at their boundaries, indicator scales on a hand-made fixture, missing
data, monotonicity (better indicators never lower a score), rubric validation, group
reconciliation, incremental refresh, target line, report CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import build, db, smart
from analytics.build import smart as build_smart
from analytics.dimensions import REPORT as LEVELS
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import RulesError, load_rules
from tests.fixtures import ipasn_db

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules()
LEVEL = {name: i + 1 for i, name in enumerate(smart.CEFR)}


def cefr(tes: str, skor: float, skala: float | None = None) -> str:
    params: dict = {}
    sql = build_smart.cefr_sql(RULES, params)
    con = db.connect(":memory:")
    level = con.execute(
        f"SELECT {sql} FROM (SELECT $t AS tes, $s::DOUBLE AS skor, $m::DOUBLE AS skala_maks) b",  # noqa: S608
        {**params, "t": tes, "s": skor, "m": skala},
    ).fetchall()[0][0]
    return smart.CEFR[level - 1]


@pytest.mark.parametrize(
    "tes, skor, expected",
    [
        ("TOEFL ITP", 336, "A1"), ("TOEFL ITP", 337, "A2"), ("TOEFL ITP", 459, "A2"), ("TOEFL ITP", 460, "B1"),
        ("TOEFL ITP", 542, "B1"), ("TOEFL ITP", 543, "B2"), ("TOEFL ITP", 626, "B2"), ("TOEFL ITP", 627, "C1"),
        ("TOEFL ITP", 677, "C1"),
        ("TOEFL iBT", 41, "A2"), ("TOEFL iBT", 42, "B1"), ("TOEFL iBT", 71, "B1"), ("TOEFL iBT", 72, "B2"),
        ("TOEFL iBT", 94, "B2"), ("TOEFL iBT", 95, "C1"), ("TOEFL iBT", 113, "C1"), ("TOEFL iBT", 114, "C2"),
        ("IELTS", 3.5, "A2"), ("IELTS", 4.0, "B1"), ("IELTS", 5.0, "B1"), ("IELTS", 5.5, "B2"), ("IELTS", 6.5, "B2"),
        ("IELTS", 7.0, "C1"), ("IELTS", 8.0, "C1"), ("IELTS", 8.5, "C2"), ("IELTS", 9.0, "C2"),
        ("TOEIC", 224, "A1"), ("TOEIC", 225, "A2"), ("TOEIC", 549, "A2"), ("TOEIC", 550, "B1"), ("TOEIC", 784, "B1"),
        ("TOEIC", 785, "B2"), ("TOEIC", 944, "B2"), ("TOEIC", 945, "C1"), ("TOEIC", 990, "C1"),
    ],
)  # fmt: skip
def test_cefr_bands_at_their_edges(tes, skor, expected):
    assert cefr(tes, skor) == expected


@pytest.mark.parametrize("skor, expected", [(39, "A1"), (40, "A2"), (59.9, "A2"), (60, "B1"), (75, "B2"), (90, "C1")])
def test_cefr_other_tests_by_share_of_their_scale(skor, expected):
    assert cefr("JLPT (Jepang)", skor * 2, 200) == expected  # a 0-200 scale


# --- indicators on the hand-made fixture -------------------------------------------------------


@pytest.fixture(scope="module")
def con():
    c = ipasn_db(RULES)
    c.execute("INSERT INTO perilaku VALUES (1, 2025, 3, 3, 3, 3, 3, 3, 3, 0), (2, 2024, 1, 1, 2, 2, 2, 2, 2, 0)")
    c.execute("""INSERT INTO bahasa VALUES (1, 'TOEFL ITP', 'Inggris', 550, DATE '2024-05-01', 0, NULL),
                 (1, 'IELTS', 'Inggris', 7.5, DATE '2021-05-01', 0, NULL),  -- older than 3 years: ignored
                 (3, 'TOEIC', 'Inggris', 500, DATE '2025-02-01', 0, NULL)""")
    c.execute("""INSERT INTO tik VALUES (1, 'asesmen', 'Asesmen', NULL, 55, DATE '2024-03-01', 0),
                 (1, 'asesmen', 'Asesmen', NULL, 65, DATE '2025-03-01', 0),
                 (1, 'sertifikasi', 'CCNA', 'menengah', NULL, DATE '2025-06-01', 0),
                 (2, 'asesmen', 'Asesmen', NULL, 90, DATE '2023-03-01', 0)""")  # 2: outside the window
    c.execute("INSERT INTO inovasi VALUES (1, 'Antrean daring', 'instansi', 'diterapkan', 'ketua', 2025, 0)")
    c.execute("INSERT INTO ikm VALUES (10, 2025, 84.5, 0), (12, 2024, 70, 0)")
    c.execute("""INSERT INTO pengembangan VALUES
                 (1, 15, 'Mentoring', 'Internal', DATE '2025-04-01', DATE '2025-04-01', 2, NULL, NULL, 0, NULL, NULL),
                 (1, 4, 'Workshop Tata Kelola', 'JICA (Jepang)', DATE '2025-05-01', DATE '2025-05-02', 8,
                  NULL, NULL, 0, NULL, NULL),
                 (3, 23, 'CoP Perencana', 'Internal', DATE '2024-04-01', DATE '2024-04-01', 2,
                  NULL, NULL, 0, NULL, NULL),
                 (3, 14, 'Coaching', 'Internal', DATE '2025-04-01', DATE '2025-04-01', 2, NULL, NULL, 0, NULL, NULL)""")
    build.refresh(c, RULES)
    yield c
    c.close()


def ind(con, key):
    return build_smart.indicators(con, RULES, 2025).set_index("pegawai_key").loc[key]


def test_indicator_scales_by_hand(con):
    one = ind(con, 1)
    assert one["i_akuntabel"] == 100 and one["i_loyal"] == 100  # rating 3
    assert one["i_disiplin"] == 100  # no punishment
    assert one["i_bahasa"] == 80  # TOEFL ITP 550 = B2; the 2021 IELTS expired
    assert one["i_tik"] == 85  # certificate menengah beats the latest assessment (65)
    assert one["i_inovasi"] == 80  # diterapkan
    assert one["i_internasional"] == 100  # organiser JICA
    assert one["i_sosial"] == 50  # one mentoring of the two for full marks
    assert one["i_ikm"] == 84.5  # unit 11 has none: its parent 10's
    assert one["i_latsar_pim"] == 100  # PIM II
    assert one["i_ip_asn"] == 95
    two = ind(con, 2)
    assert two["i_akuntabel"] == 20 and two["i_loyal"] == 70  # the 2024 rating, 2025 missing
    assert two["i_disiplin"] == 30  # heaviest in the window: S
    assert pd.isna(two["i_tik"])  # the 2023 assessment is outside the window
    assert pd.isna(two["i_inovasi"])  # evidence only: no innovation = no data
    three = ind(con, 3)
    assert three["i_bahasa"] == 40  # TOEIC 500 = A2
    assert three["i_sosial"] == 100
    assert pd.isna(three["i_internasional"])  # none recorded = no data, not zero
    assert ind(con, 9)["i_ikm"] == 70  # unit 12's 2024 value stands in for 2025


def test_missing_data_is_not_zero(con):
    emp = smart.per_pegawai(con, scope=Scope(tahun=2025, akses=PENUH)).set_index("nip")
    five = emp.loc["198001012015011005"]  # no ratings, tests, ICT, innovation records of its own
    assert pd.isna(five["it_bahasa"])  # neither TIK nor language data
    assert pd.isna(five["wawasan_global"])
    assert pd.isna(five["entrepreneurship"])  # no innovation record, no Adaptif rating
    assert five["n_atribut"] == sum(pd.notna(five[t]) for t in smart.ATRIBUT)
    # fewer traits with data than min_atribut_berdata: no index, not ready
    few = emp[emp["n_atribut"] < RULES.smart_asn.min_atribut_berdata]
    assert few["indeks"].isna().all() and not few["siap"].any()
    full = emp[emp["n_atribut"] >= RULES.smart_asn.min_atribut_berdata]
    means = full[list(smart.ATRIBUT)].mean(axis=1, skipna=True)
    assert (abs(full["indeks"] - means.round(2)) < 0.011).all()


def test_trait_is_weighted_mean_of_present_indicators(con):
    one = smart.per_pegawai(con, scope=Scope(tahun=2025, akses=PENUH)).set_index("nip").loc["198001012015011001"]
    assert one["integritas"] == 100  # (disiplin 100 + akuntabel 100) / 2
    assert one["profesionalisme"] == round((2 * 95 + 100) / 3, 2)  # ip_asn weight 2, kompeten 1
    assert one["it_bahasa"] == round((85 + 80) / 2, 2)
    assert one["networking"] == round((50 + 100) / 2, 2)
    assert one["hospitality"] == round((100 + 84.5) / 2, 2)
    assert one["siap"]  # every trait >= 60, index >= 70


# --- monotonicity -----------------------------------------------------------------------------

IND = sorted({i for t in RULES.smart_asn.rubrik.values() for i in t.indikator})
value = st.one_of(st.none(), st.floats(0, 100))


def scored(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[f"i_{i}" for i in IND], dtype=float)
    frame.insert(0, "pegawai_key", range(len(frame)))
    for c in ("tahun", "unor_id", "instansi_id", "provinsi_kode", "kabkota_kode", "jenis_jabatan", "jenis_pegawai"):
        frame[c] = None
    con = duckdb.connect()  # the trait SQL reads only the frame: no schema needed
    con.register("src_frame", frame)
    params: dict = {}
    return con.execute(build_smart.trait_sql(RULES, "SELECT * FROM src_frame", params), params).df()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(value, st.floats(0, 100)), min_size=len(IND), max_size=len(IND)))
def test_better_indicators_never_lower_a_score(pairs):
    base = {f"i_{i}": v for i, (v, _) in zip(IND, pairs)}
    better = {f"i_{i}": (None if v is None else min(100.0, v + d)) for i, (v, d) in zip(IND, pairs)}
    a, b = scored([base, better]).iloc[0], scored([base, better]).iloc[1]
    for t in [*smart.ATRIBUT, "indeks"]:
        if pd.notna(a[t]):
            assert b[t] >= a[t] - 1e-9
    assert b["siap"] or not a["siap"]


def test_scales_must_not_reward_worse_evidence():
    with pytest.raises(RulesError, match="smart_asn.skala.perilaku"):
        RULES.changed(smart_asn__skala__perilaku={"1": 80, "2": 70, "3": 100})
    with pytest.raises(RulesError, match="smart_asn.skala.hukdis"):
        RULES.changed(smart_asn__skala__hukdis={"tanpa": 100, "R": 20, "S": 30, "B": 0})
    with pytest.raises(RulesError, match="smart_asn.cefr.ielts"):
        RULES.changed(smart_asn__cefr__ielts={"B1": 4.0, "B2": 7.5, "C1": 7.0})


@pytest.mark.parametrize(
    "change, key",
    [
        ({"smart_asn__atribut": ["integritas"]}, "smart_asn.atribut"),
        (
            {"smart_asn__rubrik__integritas__indikator": {"kejujuran": 1}},
            "smart_asn.rubrik.integritas.indikator.kejujuran",
        ),
        ({"smart_asn__rubrik__networking__indikator": {"sosial": 0}}, "smart_asn.rubrik.networking.indikator"),
        ({"smart_asn__ambang_indeks": 120}, "smart_asn.ambang_indeks"),
        ({"smart_asn__target__persen_siap": {"dua ribu": 5}}, "smart_asn.target.persen_siap.dua ribu"),
        ({"smart_asn__min_atribut_berdata": 9}, "smart_asn.min_atribut_berdata"),
        ({"smart_asn__internasional__kata_kunci": []}, "smart_asn.internasional.kata_kunci"),
    ],
)
def test_rubric_validation_names_the_key(change, key):
    with pytest.raises(RulesError, match=key.replace(".", r"\.")):
        RULES.changed(**change)


def test_target_line():
    assert smart.target(RULES, 2024) == 25 and smart.target(RULES, 2020) == 5
    assert smart.target(RULES, 2026) == 25 + (50 - 25) * 2 / 5
    assert smart.target(RULES, 2029) == 50 and smart.target(RULES, 2019) is None and smart.target(RULES, 2030) is None


def test_weakest_trait_only_among_covered(con):
    df = smart.per_kelompok(con, scope=Scope(tahun=2025, akses=PENUH), by="unor")
    weak = smart.terlemah(df, RULES).set_index("kode")
    for kode, row in df.set_index("kode").iterrows():
        covered = {
            t: row[t] for t in smart.ATRIBUT if row[f"cakupan_{t}"] >= RULES.smart_asn.min_cakupan and pd.notna(row[t])
        }
        t = min(covered, key=covered.get)
        assert weak.loc[kode, "atribut"] == smart.ATRIBUT[t] and weak.loc[kode, "skor"] == covered[t]
        assert weak.loc[kode, "saran"].startswith(RULES.smart_asn.rubrik[t].pengembangan[0])


def test_incremental_refresh_after_an_indicator_import_equals_full(tmp_path):
    from analytics.importer import import_file
    from tests.importdata import write_csv

    c = ipasn_db(RULES)
    path = write_csv(
        tmp_path / "inovasi.csv",
        ["nip", "judul", "tingkat", "status", "peran", "tahun"],
        [["198001012015011004", "Pojok Konsultasi", "unit", "penghargaan", "ketua", "2025"]],
    )
    result = import_file(c, path, kind="inovasi", rules=RULES)
    assert result.rows_loaded == 1, result.rejects
    four = ind(c, 4)
    assert four["i_inovasi"] == 100 and pd.isna(ind(c, 5)["i_inovasi"])
    rows = c.execute("SELECT * FROM smart_pegawai_tahun ORDER BY ALL").df()
    groups = c.execute("SELECT * FROM smart_kelompok_tahun ORDER BY ALL").df()
    build.refresh(c, RULES)
    pd.testing.assert_frame_equal(rows, c.execute("SELECT * FROM smart_pegawai_tahun ORDER BY ALL").df())
    pd.testing.assert_frame_equal(groups, c.execute("SELECT * FROM smart_kelompok_tahun ORDER BY ALL").df())


# --- on the demo data --------------------------------------------------------------------------


def test_demo_groups_reconcile_with_employees(demo_con):
    c = demo_con
    assert db.scalar(c, "SELECT count(*) - count(DISTINCT (pegawai_key, tahun)) FROM smart_pegawai_tahun") == 0
    assert db.scalar(
        c,
        """SELECT count(*) FROM (SELECT pegawai_key, tahun FROM jp_pegawai_tahun
           EXCEPT ALL SELECT pegawai_key, tahun FROM smart_pegawai_tahun)""",
    ) == 0  # fmt: skip
    s = Scope(tahun=2025, provinsi_kode="35", akses=PENUH)
    emp = smart.per_pegawai(c, scope=s)
    nas = smart.per_kelompok(c, scope=s, by="nasional").iloc[0]
    units = smart.per_kelompok(c, scope=s, by="unor")
    assert nas["pegawai"] == len(emp) == units["pegawai"].sum()
    assert nas["siap"] == emp["siap"].sum() == units["siap"].sum()
    raw = c.execute(
        "SELECT avg(networking), 100.0 * count(networking) / count(*) FROM smart_pegawai_tahun "
        "WHERE tahun = 2025 AND provinsi_kode = '35'"
    ).fetchall()[0]
    assert nas["networking"] == pytest.approx(raw[0]) and nas["cakupan_networking"] == pytest.approx(raw[1])
    bad = db.scalar(
        c,
        "SELECT count(*) FROM smart_pegawai_tahun WHERE "
        + " OR ".join(f"{t} < 0 OR {t} > 100" for t in smart.ATRIBUT)
        + " OR (siap AND (indeks < 70 OR indeks IS NULL))",
    )
    assert bad == 0
    t = smart.tren(c, scope=Scope(akses=PENUH), rules=RULES)
    assert list(t["tahun"]) == list(range(2020, 2027))
    tahun = 2025
    cov = smart.per_kelompok(c, scope=Scope(tahun=tahun, akses=PENUH), by="nasional").iloc[0]
    assert cov["cakupan_integritas"] == 100  # punishments are always known
    assert 0 < cov["persen_siap"] < 60


def test_report_cli_contract(report_cli):
    def report(*args):
        return report_cli("smart", "--year", "2025", *args)

    emp = pd.read_csv(io.StringIO(report("--by", "pegawai", "--provinsi", "35")), dtype={"nip": str})
    assert list(emp.columns) == ["nip", *smart.ATRIBUT, "indeks", "siap"]
    assert emp["nip"].is_unique and emp["it_bahasa"].isna().any()  # empty where no data
    for level in [lv for lv in LEVELS if lv != "pegawai"]:
        g = json.loads(report("--by", level, "--format", "json"))
        assert list(g[0]) == smart.GROUP_COLUMNS
    prov = next(r for r in json.loads(report("--by", "provinsi", "--format", "json")) if r["kode"] == "35")
    assert prov["pegawai"] == len(emp)
    assert prov["persen_siap"] == pytest.approx(100 * emp["siap"].sum() / len(emp))
    assert prov["cakupan_it_bahasa"] == pytest.approx(100 * emp["it_bahasa"].notna().mean())
