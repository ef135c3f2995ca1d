"""Smart ASN coverage: a figure computed on less than the rules' smart_asn.min_cakupan % of a group is
not a score. Hand-computed fixtures (coverage 10 % and 60 %) for the rule, the charts and the map
metric; on the demo, no such figure is drawn as a score by any chart the pages and the briefing build;
the titles name the target in force from the rules file."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from analytics import charts_smart, charts_wilayah, dimensions, kalimat, smart, wilayah
from analytics.briefing import isi  # the pack's content (analytics.briefing.isi.isi)
from analytics.charts import WARNA
from analytics.filters import Scope
from analytics.privacy import Akses
from analytics.rules import load_rules

RULES = load_rules()
MIN = RULES.smart_asn.min_cakupan  # 50 in the shipped rules file; the fixtures below sit either side of it
ADMIN = Akses(peran="admin", nasional=True, pengguna="penguji")


def test_the_shipped_minimum_is_the_one_these_fixtures_straddle():
    assert MIN == 50


@pytest.mark.parametrize(
    "cakupan, cukup", [(10.0, False), (49.99, False), (50.0, True), (60.0, True), (np.nan, False), (None, False)]
)
def test_coverage_rule_by_hand(cakupan, cukup):
    assert smart.cukup(cakupan, MIN) is cukup


def test_coverage_rule_texts_by_hand():
    assert list(smart.cukup([10.0, 60.0, np.nan], MIN)) == [False, True, False]
    assert smart.data_kurang(10.0) == "data kurang (cakupan 10,0%)"
    assert smart.teks_skor(71.25, 60.0, MIN) == "71,3"
    assert smart.teks_skor(91.24, 10.0, MIN) == "data kurang (cakupan 10,0%)"
    # which coverage each figure is computed on
    assert smart.CAKUPAN["wawasan_global"] == "cakupan_wawasan_global"
    assert smart.CAKUPAN["indeks"] == smart.CAKUPAN["persen_siap"] == "cakupan_indeks"


def test_the_target_in_force_is_the_next_target_year_in_the_rules_file():
    # [smart_asn.target] persen_siap: 2020..2024 each year, then 2029 = 50
    assert smart.tahun_target(RULES, 2026) == 2029 and smart.tahun_target(RULES, 2024) == 2024
    assert smart.tahun_target(RULES, 2030) is None
    assert smart.nama_target(RULES, 2026) == "target 2029 (50,0%)"
    assert smart.nama_target(RULES, 2023) == "target 2023 (20,0%)"
    assert smart.nama_target(RULES, 2030) == "target"


# --- hand-made frames: group A with wawasan global on 10 % coverage, group B on 60 % -----------------


def kelompok(**groups) -> pd.DataFrame:
    """per_kelompok-shaped rows: every trait 70 on 60 % coverage, index 70 and 20 % ready on 60 %
    coverage, unless a group's keyword arguments say otherwise."""
    rows = []
    for kode, lain in groups.items():
        row = {"kode": kode, "nama": f"Kelompok {kode}", "pegawai": 10, "indeks": 70.0, "siap": 2}
        row |= {"persen_siap": 20.0, "cakupan_indeks": 60.0}
        row |= {t: 70.0 for t in smart.ATRIBUT} | {f"cakupan_{t}": 60.0 for t in smart.ATRIBUT}
        rows.append(row | lain)
    return pd.DataFrame(rows)


A_B = kelompok(
    A={"wawasan_global": 91.2, "cakupan_wawasan_global": 10.0},
    B={"wawasan_global": 80.0, "cakupan_wawasan_global": 60.0},
)


def test_heatmap_greys_a_cell_under_the_minimum_and_heads_each_trait_with_its_coverage():
    fig = charts_smart.heatmap(A_B, "t", min_cakupan=MIN)
    skor, kurang = fig.data
    j = list(smart.ATRIBUT).index("wawasan_global")
    # the first row: each trait's coverage over both groups' employees, (10 x 10% + 10 x 60%) / 20
    assert list(skor.y) == ["Cakupan data (semua baris)", "Kelompok A", "Kelompok B"]
    assert skor.text[0][j] == "35,0%" and skor.text[0][0] == "60,0%" and np.isnan(skor.z[0][j])
    # A's 91,2 is not coloured (it was the greenest cell of the old heatmap): grey, 'data kurang'
    assert np.isnan(skor.z[1][j]) and skor.text[1][j] == "" and kurang.z[1][j] == 0.0
    assert kurang.text[1][j] == "data kurang" and kurang.text[2][j] == "" and np.isnan(kurang.z[0][j])
    assert skor.z[2][j] == 80.0 and skor.text[2][j] == "80,0" and np.isnan(kurang.z[2][j])  # a score: one decimal
    assert kurang.showlegend and kurang.name == "data kurang: cakupan di bawah 50,0%, bukan skor"
    assert fig.layout.showlegend
    # nothing under the minimum: no grey layer
    assert len(charts_smart.heatmap(A_B.iloc[[1]], "t", min_cakupan=MIN).data) == 1


def test_radar_leaves_a_trait_under_the_minimum_undrawn_and_labels_it():
    fig = charts_smart.radar([("A", A_B.iloc[0]), ("B", A_B.iloc[1])], "t", min_cakupan=MIN)
    a, b = fig.data
    j = list(smart.ATRIBUT).index("wawasan_global")
    assert a.r[j] is None and b.r[j] == 80.0 and a.r[0] == b.r[0] == 70.0
    labels = fig.layout.polar.angularaxis.ticktext  # the lowest coverage of the two: the hover has each
    assert labels[j] == "Wawasan<br>global<br>data kurang<br>cakupan 10,0%" and labels[0] == "Integritas"
    assert list(fig.layout.polar.angularaxis.tickvals) == list(a.theta[:-1]) and a.theta[j] == "Wawasan global"
    assert a.fill is None  # a fill across the gap would draw a chord through the centre
    whole = charts_smart.radar([("B", A_B.iloc[1])], "t", min_cakupan=MIN)
    assert whole.data[0].fill == "toself" and "data kurang" not in " ".join(whole.layout.polar.angularaxis.ticktext)


TREN = pd.DataFrame(
    {
        "tahun": [2020, 2021, 2022, 2023],
        "persen_siap": [0.04, 1.07, 21.3, 24.2],
        "indeks": [65.3, 71.0, 69.1, 69.6],
        "cakupan_indeks": [1.8, 13.6, 96.0, 96.5],
        "target": [5.0, 10.0, 15.0, 20.0],
    }
)


def test_trend_draws_no_bar_for_a_year_under_the_minimum_and_its_coverage_under_every_year():
    fig = charts_smart.tren_target(TREN, None, 2022, "t", min_cakupan=MIN)
    labels = ["2020", "2021", "2022", "2023"]
    assert list(fig.layout.xaxis.categoryarray) == labels
    bars = {t.name: t for t in fig.data if t.type == "bar"}
    assert set(bars) == {"% pegawai siap", "% pegawai siap, tahun target 2022"}
    assert list(bars["% pegawai siap"].x) == labels[3:] and list(bars["% pegawai siap"].y) == [24.2]
    target_bar = bars["% pegawai siap, tahun target 2022"]
    assert list(target_bar.x) == [labels[2]] and list(target_bar.y) == [21.3] and target_bar.marker.color == WARNA[4]
    indeks = next(t for t in fig.data if t.name == "rata-rata indeks (kanan)")
    assert [None if pd.isna(v) else v for v in indeks.y] == [None, None, 69.1, 69.6]
    # the coverage of every year, drawn and written at its point
    cakupan = next(t for t in fig.data if t.name == "cakupan data indeks, % pegawai (kanan)")
    assert list(cakupan.y) == [1.8, 13.6, 96.0, 96.5] and list(cakupan.text) == ["1,8%", "13,6%", "96,0%", "96,5%"]
    # the years that are not scores: grey columns, one legend entry for them, and each says so
    grey = fig.layout.shapes
    assert [(s.x0, s.x1) for s in grey] == [(-0.5, 0.5), (0.5, 1.5)]
    assert [s.showlegend for s in grey] == [True, False]
    assert grey[0].name == "data kurang: cakupan indeks di bawah 50,0%, bukan skor"
    assert [(a.x, a.text) for a in fig.layout.annotations] == [
        (0, "data kurang (cakupan 1,8%)"),
        (1, "data kurang (cakupan 13,6%)"),
    ]
    # every marker and colour has a legend entry that says what it is
    assert all(t.showlegend is not False and t.name for t in fig.data)
    assert fig.layout.showlegend
    assert [t.name for t in fig.data if t.type == "scatter"] == [
        "target % siap tiap tahun (berkas aturan)",
        "rata-rata indeks (kanan)",
        "cakupan data indeks, % pegawai (kanan)",
    ]


def test_map_metric_blanks_a_province_under_the_minimum_and_the_map_says_data_kurang(monkeypatch):
    frames = {
        2026: kelompok(
            **{
                "11": {"wawasan_global": 91.2, "cakupan_wawasan_global": 10.0},
                "12": {"wawasan_global": 80.0, "cakupan_wawasan_global": 60.0, "cakupan_indeks": 10.0},
            }
        ),
        2025: kelompok(
            **{
                "11": {"wawasan_global": 70.0, "cakupan_wawasan_global": 60.0},
                "12": {"wawasan_global": 75.0, "cakupan_wawasan_global": 60.0},
            }
        ),
    }
    monkeypatch.setattr(smart, "per_kelompok", lambda con, *, scope, by: frames[scope.tahun].copy())
    s = Scope(tahun=2026, akses=ADMIN)
    g = wilayah.per_kelompok(None, scope=s, rules=RULES, by="provinsi", metrik="atribut_wawasan_global")
    assert list(g["kode"]) == ["11", "12"]
    assert np.isnan(g["nilai"][0]) and g["nilai"][1] == 80.0
    assert list(g["cakupan"]) == [10.0, 60.0] and list(g["lalu"]) == [70.0, 75.0]
    assert np.isnan(g["selisih"][0]) and g["selisih"][1] == 5.0
    assert list(wilayah.peringkat(g).astype(object).fillna(0)) == [0, 1]  # the 91,2 is not ranked best
    assert charts_wilayah.kurang(g) == ["data kurang (cakupan 10,0%)", None]
    siap = wilayah.per_kelompok(None, scope=s, rules=RULES, by="provinsi", metrik="smart")
    assert siap["nilai"][0] == 20.0 and np.isnan(siap["nilai"][1]) and list(siap["cakupan"]) == [60.0, 10.0]

    tile = charts_wilayah.peta_tile(g, "t", persen=False)
    i = [c[0] for c in tile.data[0].customdata].index("11")
    assert tile.data[0].text[i].endswith("<b>data<br>kurang</b>") and tile.data[0].customdata[i][
        2
    ] == smart.data_kurang(10.0)
    assert (
        tile.layout.shapes[charts_wilayah.tata_letak()["kode"].tolist().index("11")].fillcolor == charts_wilayah.KOSONG
    )
    bar = charts_wilayah.peringkat_bar(g, "t", persen=False)
    assert list(bar.data[0].text) == ["data kurang (cakupan 10,0%)", "80,0"]  # bottom first, no bar
    # the change: blank where either year is not a score, on the lower of the two coverages
    change = g.assign(nilai=g["selisih"])
    assert charts_wilayah.kurang(change, selisih=True) == ["data kurang (cakupan 10,0%)", None]


def test_comparison_bars_say_data_kurang_for_readiness_under_the_minimum():
    df = pd.DataFrame(
        {
            "nama": ["A", "B"],
            "jp": [50.0, 60.0],
            "ipasn": [61.0, 62.0],
            "smart": [20.0, np.nan],  # B: blank by ui.banding, its index coverage 10% (smart.cukup)
            "cakupan_smart": [60.0, 10.0],
        }
    )
    a, b = charts_wilayah.banding_bar(df, "t").data
    assert list(a.text) == ["50,0%", "61,0", "20,0%"]
    assert list(b.text) == ["60,0%", "62,0", "data kurang"] and np.isnan(b.y[2])


# --- on the demo data --------------------------------------------------------------------------------


def _cek_tren(fig, tren: pd.DataFrame) -> int:
    """A year under the minimum: no bar, no index point, its label says data kurang with its coverage."""
    x = list(fig.layout.xaxis.categoryarray)
    bars = {v for t in fig.data if t.type == "bar" for v in t.x}
    indeks = next(t for t in fig.data if t.name == "rata-rata indeks (kanan)")
    cakupan = next(t for t in fig.data if t.name.startswith("cakupan data indeks"))
    kata = {a.x: a.text for a in fig.layout.annotations}
    n = 0
    for i, c in enumerate(tren["cakupan_indeks"]):
        kurang = c < MIN
        assert (x[i] not in bars) == kurang and pd.isna(indeks.y[i]) == kurang, (x[i], c)
        assert (kata.get(i) == smart.data_kurang(c)) if kurang else i not in kata, (x[i], c)
        assert cakupan.y[i] == c
        n += kurang
    return n


def _cek_radar(fig, rows: list[pd.Series]) -> int:
    """A trait under the minimum in a row: no radius for it."""
    n = 0
    for trace, row in zip(fig.data, rows):
        for j, t in enumerate(smart.ATRIBUT):
            kurang = row[f"cakupan_{t}"] < MIN
            assert (trace.r[j] is None) == kurang or pd.isna(row[t]), (trace.name, t)
            n += kurang
    return n


def _cek_heatmap(fig, df: pd.DataFrame) -> int:
    """A cell under the minimum: not coloured on the score scale, grey and 'data kurang' on the layer above
    (the first row is each trait's coverage: the groups' rows follow it)."""
    skor = fig.data[0]
    assert skor.y[0] == charts_smart.BARIS_CAKUPAN and np.isnan(skor.z[0]).all()
    n = 0
    for i, (_, row) in enumerate(df.iterrows(), start=1):
        for j, t in enumerate(smart.ATRIBUT):
            if row[f"cakupan_{t}"] < MIN:
                assert pd.isna(skor.z[i][j]) and fig.data[1].text[i][j] == "data kurang", (row["nama"], t)
                n += 1
            else:
                assert skor.z[i][j] == row[t] or pd.isna(row[t]), (row["nama"], t)
    return n


def _cek_peta(g: pd.DataFrame, raw: pd.DataFrame, kolom: str) -> int:
    """A province under the minimum: a grey tile that says data kurang, a ranking row with no bar."""
    tile = charts_wilayah.peta_tile(g, "t", persen=False)
    bar = charts_wilayah.peringkat_bar(g, "t", persen=False)
    letak = charts_wilayah.tata_letak()["kode"].tolist()
    kode = [c[0] for c in tile.data[0].customdata]
    batang = {c[0]: (x, teks) for c, x, teks in zip(bar.data[0].customdata, bar.data[0].x, bar.data[0].text)}
    n = 0
    for k, c in zip(raw["kode"], raw[smart.CAKUPAN[kolom]]):
        if c < MIN:
            assert tile.layout.shapes[letak.index(k)].fillcolor == charts_wilayah.KOSONG, (kolom, k)
            assert tile.data[0].text[kode.index(k)].endswith("<b>data<br>kurang</b>"), (kolom, k)
            assert batang[k] == (0, smart.data_kurang(c)), (kolom, k)
            n += 1
    assert g["nilai"].isna().sum() == n
    return n


@pytest.mark.parametrize("tahun", [2021, 2026])
def test_no_figure_under_the_minimum_is_drawn_as_a_score_on_the_demo(demo_con, tahun):
    """Every Smart ASN chart the pages and the briefing build, from the demo: a figure whose coverage is
    under the minimum is never a bar, a point, a coloured cell or tile or a radar radius."""
    con = demo_con
    s = Scope(tahun=tahun, akses=ADMIN)
    tren = smart.tren(con, scope=s, rules=RULES)
    nas = smart.per_kelompok(con, scope=s, by="nasional").iloc[0]
    prov = smart.per_kelompok(con, scope=replace(s, provinsi_kode="35"), by="nasional").iloc[0]
    kurang = _cek_tren(charts_smart.tren_target(tren, 2026, 2029, "t", min_cakupan=MIN), tren)
    rows = [prov, nas]
    kurang += _cek_radar(charts_smart.radar([("Jawa Timur", prov), ("Nasional", nas)], "t", min_cakupan=MIN), rows)
    for by in ("unor", "instansi", "provinsi"):
        top = smart.per_kelompok(con, scope=s, by=by).sort_values("pegawai", ascending=False).head(30)
        kurang += _cek_heatmap(charts_smart.heatmap(top, "t", min_cakupan=MIN), top)
    raw = smart.per_kelompok(con, scope=s, by="provinsi")
    for metrik in ("smart", *(f"atribut_{t}" for t in smart.ATRIBUT)):
        g = wilayah.per_kelompok(con, scope=s, rules=RULES, by="provinsi", metrik=metrik)
        kurang += _cek_peta(g, raw, "persen_siap" if metrik == "smart" else metrik.removeprefix("atribut_"))
    paket = isi(con, scope=s, rules=RULES, ref=dimensions.reference_date(con))
    smart_figs = [g for g in paket.gambar if "Smart ASN" in g.judul]
    assert len(smart_figs) == 2
    kurang += _cek_tren(smart_figs[0].fig, tren[tren["tahun"] <= tahun].reset_index(drop=True))
    kurang += _cek_radar(smart_figs[1].fig, [nas])
    assert kurang >= 30  # the demo has figures under the minimum (sparse language data): the check bites
    g = wilayah.per_kelompok(con, scope=s, rules=RULES, by="provinsi", metrik="atribut_wawasan_global")
    assert g["nilai"].isna().all() and (g["cakupan"] < MIN).all()  # language/international data are sparse
    tile = charts_wilayah.peta_tile(g, "t", persen=False)
    assert not any(t.marker.showscale for t in tile.data)  # nothing coloured: no colour scale to read
    # the briefing names the target in force and says how low-coverage figures are written
    assert smart_figs[0].judul == f"Kesiapan Smart ASN dibanding {smart.nama_target(RULES, tahun)}"
    assert any("data kurang" in c for c in paket.catatan)


def test_the_briefing_sentence_says_data_kurang_for_a_year_under_the_minimum(demo_con):
    ref = dimensions.reference_date(demo_con)
    cov = demo_con.execute(
        "SELECT 100.0 * count(indeks) / count(*) FROM smart_pegawai_tahun WHERE tahun = 2021"
    ).fetchall()[0][0]
    assert cov < MIN
    sentences = kalimat.ringkasan(demo_con, scope=Scope(tahun=2021, akses=ADMIN), rules=RULES, ref=ref)
    smart_sentence = next(k for k in sentences if "Smart ASN" in k.teks)
    pct = f"{cov:.1f}".replace(".", ",") + "%"
    assert smart_sentence.teks == (
        f"Kesiapan Smart ASN 2021 belum dapat dinilai: data kurang, indeks kesiapan baru dapat dihitung untuk {pct} "
        "pegawai (minimal 50,0%)."
    )
    assert [f.kolom for f in smart_sentence.fakta] == [("cakupan_indeks",)]
    later = kalimat.ringkasan(demo_con, scope=Scope(tahun=2025, akses=ADMIN), rules=RULES, ref=ref)
    assert any("pegawai siap Smart ASN pada 2025" in k.teks for k in later)
