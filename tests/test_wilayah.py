"""Where: the tile layout, metrics per region and unit (with change from last year), the unit tree's
subtree sums, and small cells and access on the new views."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics import charts_wilayah, ipasn, jp, privacy, smart, wilayah
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules

GEO = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "geo" / "indonesia-38-provinces.kemendagri-codes.geojson"
)
# provinces that share a land or a short sea border: their tiles must be near each other
TETANGGA = [
    ("11", "12"), ("12", "13"), ("12", "14"), ("13", "14"), ("13", "17"), ("14", "15"), ("15", "16"), ("16", "17"),
    ("16", "18"), ("14", "21"), ("16", "19"), ("18", "36"), ("36", "31"), ("36", "32"), ("31", "32"), ("32", "33"),
    ("33", "34"), ("33", "35"), ("35", "51"), ("51", "52"), ("52", "53"), ("61", "62"), ("62", "63"), ("63", "64"),
    ("64", "65"), ("61", "64"), ("71", "75"), ("72", "75"), ("72", "73"), ("72", "74"), ("72", "76"), ("73", "74"),
    ("73", "76"), ("81", "82"), ("82", "96"), ("96", "92"), ("92", "94"), ("92", "91"), ("91", "95"), ("94", "95"),
    ("95", "93"), ("94", "93"),
]  # fmt: skip
RULES = load_rules()


def test_tile_layout_has_the_38_kemendagri_codes_without_overlap(demo_con):
    t = charts_wilayah.tata_letak()
    codes = {k for (k,) in demo_con.execute("SELECT kode FROM provinsi").fetchall()}
    assert len(t) == 38 and set(t["kode"]) == codes
    assert not t.duplicated(["baris", "kolom"]).any()  # one tile a cell: no overlaps
    assert t["singkat"].is_unique and t["singkat"].str.len().max() <= 10


@pytest.mark.parametrize("a,b", TETANGGA)
def test_neighbouring_provinces_have_near_tiles(a, b):
    t = charts_wilayah.tata_letak().set_index("kode")
    d = max(abs(t.loc[a, "baris"] - t.loc[b, "baris"]), abs(t.loc[a, "kolom"] - t.loc[b, "kolom"]))
    assert d <= 2, (a, b, d)


def test_tiles_lie_as_the_provinces_do():
    """Against a real boundary file (where one is beside the checkout): west to east and north to south
    in the same order, in rank correlation."""
    if not GEO.exists():
        pytest.skip("berkas batas wilayah ../shared/geo tidak ada")
    from analytics import peta

    titik = peta.muat(GEO).titik
    t = charts_wilayah.tata_letak().assign(
        bujur=lambda d: d["kode"].map(lambda k: titik[k][0]), lintang=lambda d: d["kode"].map(lambda k: titik[k][1])
    )
    assert t["kolom"].corr(t["bujur"], method="spearman") > 0.9
    assert t["baris"].corr(-t["lintang"], method="spearman") > 0.7


@pytest.mark.parametrize("metrik", ["jp", "ipasn", "smart", "atribut_networking"])
def test_metric_per_group_and_its_change(demo_con, metrik):
    s = Scope(tahun=2025, akses=PENUH)
    g = wilayah.per_kelompok(demo_con, scope=s, rules=RULES, by="provinsi", metrik=metrik).set_index("kode")
    lalu = wilayah.per_kelompok(
        demo_con, scope=Scope(tahun=2024, akses=PENUH), rules=RULES, by="provinsi", metrik=metrik
    )
    if metrik == "jp":
        src = jp.per_kelompok(demo_con, scope=s, rules=RULES, by="provinsi").set_index("kode")["persen_memenuhi"]
    elif metrik == "ipasn":
        src = ipasn.per_kelompok(demo_con, scope=s, by="provinsi").set_index("kode")["rata_ipasn"]
    else:
        col = "persen_siap" if metrik == "smart" else "networking"
        src = smart.per_kelompok(demo_con, scope=s, by="provinsi").set_index("kode")[col]
    assert (g["nilai"] - src.reindex(g.index)).abs().max() < 1e-9
    assert (g["lalu"] - lalu.set_index("kode")["nilai"].reindex(g.index)).abs().max() < 1e-9
    assert (g["selisih"] - (g["nilai"] - g["lalu"])).abs().max() < 1e-9


@pytest.mark.parametrize("by", ["provinsi", "kabkota", "instansi", "unor", "jenis_jabatan"])
def test_a_filtered_aggregate_equals_the_sum_of_its_parts(demo_con, by):
    """Per level, the groups' employees and the employees meeting the target add up to the whole, and the
    whole's share is the employee-weighted mean of the parts."""
    s = Scope(tahun=2025, provinsi_kode="35", akses=PENUH)
    parts = jp.per_kelompok(demo_con, scope=s, rules=RULES, by=by, median=False)
    whole = jp.per_kelompok(demo_con, scope=s, rules=RULES, by="nasional").iloc[0]
    assert parts["pegawai"].sum() == whole["pegawai"] and parts["memenuhi"].sum() == whole["memenuhi"]
    m = wilayah.per_kelompok(demo_con, scope=s, rules=RULES, by=by, metrik="jp")
    weighted = (m["nilai"] * m["pegawai"]).sum() / m["pegawai"].sum()
    assert abs(weighted - whole["persen_memenuhi"]) < 1e-9


def _largest_instansi(con) -> int:
    return con.execute("SELECT instansi_id FROM pegawai GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]


def test_unit_tree_subtrees_add_up(demo_con):
    inst = _largest_instansi(demo_con)
    s = Scope(tahun=2025, instansi_id=inst, akses=PENUH)
    tree = wilayah.pohon(demo_con, scope=s, rules=RULES, metrik="jp")
    assert tree["id"].is_unique and (tree["induk"] == "").sum() == 1
    root = tree[tree["induk"] == ""].iloc[0]
    whole = jp.per_kelompok(demo_con, scope=s, rules=RULES, by="nasional").iloc[0]
    assert root["pegawai"] == whole["pegawai"] and abs(root["nilai"] - whole["persen_memenuhi"]) < 1e-9
    kids = tree.groupby("induk")["pegawai"].sum()
    own = tree.set_index("id")["pegawai"]
    assert all(own[p] >= n for p, n in kids.items() if p)  # a unit holds at least its children's staff
    child = tree[tree["induk"] == root["id"]].sort_values("pegawai").iloc[-1]
    sub = jp.per_kelompok(
        demo_con,
        scope=Scope(tahun=2025, unor_id=int(child["id"].split(":")[1]), akses=PENUH),
        rules=RULES,
        by="nasional",
    ).iloc[0]
    assert child["pegawai"] == sub["pegawai"] and abs(child["nilai"] - sub["persen_memenuhi"]) < 1e-9
    # the change from last year is the subtree's own, not its units' mean
    before = wilayah.pohon(demo_con, scope=Scope(tahun=2024, instansi_id=inst, akses=PENUH), rules=RULES).set_index(
        "id"
    )
    assert abs(root["lalu"] - before.loc[root["id"], "nilai"]) < 1e-9


def test_national_tree_groups_agencies_by_kind(demo_con):
    tree = wilayah.pohon(demo_con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, metrik="smart")
    top = tree[tree["induk"] == ""]
    assert set(top["nama"]) <= {"Instansi pusat", "Pemerintah provinsi", "Pemerintah kabupaten/kota"}
    whole = smart.per_kelompok(demo_con, scope=Scope(tahun=2025, akses=PENUH), by="nasional").iloc[0]
    assert top["pegawai"].sum() == whole["pegawai"]
    assert abs((top["nilai"] * top["pegawai"]).sum() / top["pegawai"].sum() - whole["persen_siap"]) < 1e-9
    assert tree[tree["tingkat"] == 1]["pegawai"].sum() == whole["pegawai"]


def test_small_cells_on_the_map_say_under_ten_in_grey(demo_con):
    boss = privacy.Akses(peran="pimpinan", nasional=True, pengguna="boss")
    s = Scope(tahun=2025, provinsi_kode="34", akses=boss)
    kk = wilayah.per_kelompok(demo_con, scope=s, rules=RULES, by="unor", metrik="jp")
    small = kk[kk["nilai"].isna()]
    assert len(small) and small["pegawai"].isna().all()  # blanked whole: size and figure
    prov = wilayah.per_kelompok(demo_con, scope=Scope(tahun=2025, akses=boss), rules=RULES, by="provinsi")
    prov.loc[prov["kode"] == "34", ["nilai", "pegawai"]] = float("nan")  # as suppression leaves a small cell
    fig = charts_wilayah.peta_tile(prov, "x", persen=True)
    tiles = fig.data[0]
    i = [c[0] for c in tiles.customdata].index("34")
    assert "&lt; 10" in tiles.text[i] or "< 10" in tiles.text[i]
    shape = fig.layout.shapes[charts_wilayah.tata_letak()["kode"].tolist().index("34")]
    assert shape.fillcolor == charts_wilayah.KOSONG
    assert len(fig.to_json()) < 60_000


def test_small_subtrees_are_not_shown_to_non_admins(demo_con):
    inst = _largest_instansi(demo_con)
    boss = privacy.Akses(peran="pimpinan", nasional=True, pengguna="boss")
    admin = wilayah.pohon(demo_con, scope=Scope(tahun=2025, instansi_id=inst, akses=PENUH), rules=RULES)
    shown = wilayah.pohon(demo_con, scope=Scope(tahun=2025, instansi_id=inst, akses=boss), rules=RULES)
    assert (admin["pegawai"] < privacy.MIN_SEL).any()
    assert (shown["pegawai"] >= privacy.MIN_SEL).all()
    assert set(shown["id"]) == set(admin.loc[admin["pegawai"] >= privacy.MIN_SEL, "id"])
    # the units above still count them: the root's figures are the admin's
    r1, r2 = (t[t["induk"] == ""].iloc[0] for t in (admin, shown))
    assert r1["pegawai"] == r2["pegawai"] and r1["nilai"] == r2["nilai"]


def test_a_unit_operator_sees_only_its_agency_on_the_map(demo_con):
    inst = _largest_instansi(demo_con)
    op = privacy.Akses(peran="unit", instansi_ids=(inst,), pengguna="op")
    prov = wilayah.per_kelompok(demo_con, scope=Scope(tahun=2025, akses=op), rules=RULES, by="provinsi")
    staff = demo_con.execute(
        "SELECT count(*) FROM jp_pegawai_tahun WHERE tahun = 2025 AND instansi_id = ? AND dihitung", [inst]
    ).fetchone()[0]
    assert prov["pegawai"].fillna(0).sum() <= staff
    own = jp.per_kelompok(demo_con, scope=Scope(tahun=2025, akses=op), rules=RULES, by="nasional").iloc[0]
    assert own["pegawai"] == staff


def test_rank_among_siblings():
    df = pd.DataFrame({"induk": ["a", "a", "a", "b"], "nilai": [10.0, 30.0, float("nan"), 5.0]})
    assert wilayah.peringkat(df, dalam="induk").tolist() == [2, 1, pd.NA, 1]
