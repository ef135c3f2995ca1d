"""Chart builders are pure: a frame in, a figure out with the right traces, labels and axes."""

from __future__ import annotations

import html
import inspect
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analytics import (
    charts,
    charts_ipasn,
    charts_jp,
    charts_smart,
    charts_wilayah,
    dimensions,
    gambar,
    ipasn,
    jp,
    overview,
    smart,
    whatif,
    wilayah,
)
from analytics.filters import Scope
from analytics.privacy import Akses
from analytics.rules import load_rules
from tests.teks_grafik import Halaman, masalah


def test_tren_kegiatan_marks_partial_year_and_percent_axis():
    df = pd.DataFrame({"tahun": [2025, 2026], "rata_jp_klaim": [50.0, 30.0], "persen_belajar": [80.0, 50.0]})
    fig = charts.tren_kegiatan(df, 2026, "t")
    assert list(fig.data[0].x) == ["2025", "2026*"]
    assert list(fig.data[1].y) == [80.0, 50.0]
    assert fig.layout.yaxis2.range == (0, 100) and fig.layout.yaxis2.ticksuffix == "%"
    assert fig.layout.separators == ",."


def test_komposisi_bar_labels_in_indonesian():
    df = pd.DataFrame(
        {
            "dimensi": ["jenis_kelamin"] * 2,
            "kategori": ["Perempuan", "Laki-laki"],
            "jumlah": [11211, 8789],
            "persen": [56.055, 43.945],
        }
    )
    fig = charts.komposisi_bar(df, "jenis_kelamin", "t")
    assert list(fig.data[0].text) == ["8.789 (43,9%)", "11.211 (56,1%)"]


def test_distribusi_colours_by_threshold_and_mix_has_target_first():
    dist = pd.DataFrame({"jp": [0, 19, 20, 60], "pegawai": [5, 3, 2, 1]})
    fig = charts_jp.distribusi(dist, 20, 60, "t")
    red, green = charts.WARNA[5], charts.WARNA[3]
    assert list(fig.data[0].marker.color) == [red, red, green, green]
    assert list(fig.data[0].customdata) == ["0", "19", "20", "≥ 60"]
    mix = pd.DataFrame({"nama": ["Unit A"], "mix_10": [90.0], "mix_20": [2.0], "mix_70": [8.0]})
    fig = charts_jp.mix_bar(mix, {"kelas_10": 10, "kelas_20": 20, "kelas_70": 70}, "t")
    assert list(fig.data[0].y) == ["Unit A", "Target 10:20:70"] and list(fig.data[2].x) == [8.0, 70]
    assert fig.layout.barmode == "stack"


# ---------------------------------------------------------------------------------------------------
# Every chart builder, fed as the pages feed it from the seeded demo: each value against the right,
# readable, unique name; names as text, never markup; Indonesian number formats; readable layout.

MODUL = {
    "charts": charts,
    "charts_jp": charts_jp,
    "charts_ipasn": charts_ipasn,
    "charts_smart": charts_smart,
    "charts_wilayah": charts_wilayah,
}
# public functions of the chart modules that are not chart builders
BUKAN_GRAFIK = {"charts.label_tahun", "charts.with_percent_axis"} | {
    f"charts_wilayah.{n}" for n in ("tata_letak", "warna", "rentang", "teks_nilai", "skala_warna", "kurang")
}
BUILDERS = sorted(
    f"{m}.{n}"
    for m, mod in MODUL.items()
    for n, f in inspect.getmembers(mod, inspect.isfunction)
    if f.__module__ == mod.__name__ and not n.startswith("_") and f"{m}.{n}" not in BUKAN_GRAFIK
)
TIK_100 = ("linear", 0, 20)  # tickmode, tick0, dtick: 0, 20, ..., 100
JAHAT = "<b>X</b> & %{y} =1+1"
JAHAT_TEKS = "&lt;b&gt;X&lt;/b&gt; &amp; %{y} =1+1"
TAUTAN = '<a href="http://x">klik</a> [x](http://evil)'  # a link as plotly markup, and as markdown
TAUTAN_TEKS = '&lt;a href="http://x"&gt;klik&lt;/a&gt; [x](http://evil)'  # plotly knows no markdown
# the widths a figure is drawn at (each at its own height): a half-page column on a 1280 px laptop
# screen, a narrow and a wide page; HALAMAN for the figures the pages draw only across the whole page
# (the map, the heatmap, the unit tree, points lost per group); and every figure as the briefing's 16:9
# file (analytics.gambar)
LEBAR = (430, 700, 1200)
HALAMAN = (700, 1200)


@dataclass
class Kasus:
    """One figure; for a chart of groups, the rows given (one drawn category per row, or `top` of
    them), their name and code columns, the column trace 0 draws, extra categories."""

    fig: go.Figure
    rows: pd.DataFrame | None = None
    nama: str = "nama"
    kode: str | None = "kode"
    nilai: str | None = None
    top: int | None = None
    extra: tuple[str, ...] = ()
    lebar: tuple[int, ...] = ()  # the page widths it is drawn at (LEBAR when empty)


@pytest.fixture(scope="module")
def kasus(demo_con) -> dict[str, list[Kasus]]:
    con, rules = demo_con, load_rules()
    tahun, ref = dimensions.data_year(con), dimensions.reference_date(con)
    s = Scope(tahun=tahun, akses=Akses(peran="admin", nasional=True, pengguna="t"))
    target = rules.model_10_20_70.target
    k: dict[str, list[Kasus]] = {}

    komposisi = overview.komposisi(con, scope=s)
    k["charts.komposisi_bar"] = [
        Kasus(charts.komposisi_bar(komposisi, d, "t"), komposisi[komposisi["dimensi"] == d], "kategori", None, "jumlah")
        for d in komposisi["dimensi"].unique()
    ]
    k["charts.tren_kegiatan"] = [
        Kasus(charts.tren_kegiatan(overview.kegiatan_tahunan(con, scope=s, sampai=tahun), tahun, "t")),
        Kasus(charts.tren_kegiatan(overview.kegiatan_tahunan(con, scope=s, sampai=tahun), tahun, "t", sampai=ref)),
    ]
    lengkap = overview.kelengkapan(con, scope=s, tahun=tahun)
    k["charts.kelengkapan_bar"] = [Kasus(charts.kelengkapan_bar(lengkap, "t"), lengkap, "label", None, "persen")]

    nas = jp.per_kelompok(con, scope=s, rules=rules, by="nasional").iloc[0]
    garis = [("nasional", nas["persen_memenuhi"])]
    k["charts_jp.distribusi"] = [Kasus(charts_jp.distribusi(jp.distribusi(con, scope=s, batas=60), 20, 60, "t"))]
    prog = jp.progres_bulanan(con, scope=s, rules=rules, ref=ref)
    k["charts_jp.progres"] = [Kasus(charts_jp.progres(prog, "t", ambang=rules.jp.ambang_tahunan))]
    k["charts_jp.tren"] = [
        Kasus(charts_jp.tren(jp.tren(con, scope=s, rules=rules), tahun, "t")),
        Kasus(charts_jp.tren(jp.tren(con, scope=s, rules=rules), tahun, "t", sampai=ref)),  # the pages' running year
    ]
    unit = jp.per_kelompok(con, scope=s, rules=rules, by="unor", median=False)
    besar = unit.sort_values("pegawai", ascending=False).head(40)
    prov = jp.per_kelompok(con, scope=s, rules=rules, by="provinsi")
    k["charts_jp.kelompok_bar"] = [
        Kasus(charts_jp.kelompok_bar(besar, "t", garis=garis), besar, nilai="persen_memenuhi"),
        Kasus(charts_jp.kelompok_bar(prov, "t", garis=garis), prov, nilai="persen_memenuhi"),
        Kasus(charts_jp.kelompok_bar(unit, "t", garis=garis, top=25), unit, nilai="persen_memenuhi", top=25),
    ] + [
        Kasus(charts_jp.kelompok_bar(g, "t", garis=garis), g, nilai="persen_memenuhi")
        for g in (jp.per_kelompok(con, scope=s, rules=rules, by=by) for by in ("jenis_kelamin", "golongan"))
    ]
    dua_belas = unit.sort_values("pegawai", ascending=False).head(12)
    satu = jp.per_kelompok(con, scope=s, rules=rules, by="nasional").assign(nama="Kabupaten Badung")  # ui.profil
    k["charts_jp.mix_bar"] = [
        Kasus(charts_jp.mix_bar(dua_belas, target, "t"), dua_belas, nilai="mix_10", extra=("Target 10:20:70",)),
        Kasus(
            charts_jp.mix_bar(satu, target, "Kabupaten Badung: komposisi JP 10:20:70"),
            satu,
            nilai="mix_10",
            extra=("Target 10:20:70",),
        ),
    ]

    ip_nas = ipasn.per_kelompok(con, scope=s, by="nasional").iloc[0]
    ip_unit = ipasn.per_kelompok(con, scope=s, by="unor")
    ip_unit = ip_unit[ip_unit["lengkap"] > 0]
    ip_besar = ip_unit.sort_values("pegawai", ascending=False).head(30)
    k["charts_ipasn.kategori_bar"] = [Kasus(charts_ipasn.kategori_bar(ip_nas, "t"))]
    k["charts_ipasn.kehilangan_bar"] = [
        Kasus(charts_ipasn.kehilangan_bar(ip_besar, "t"), ip_besar, nilai="hilang_kualifikasi", lebar=HALAMAN),
        Kasus(
            charts_ipasn.kehilangan_bar(ip_unit, "t", top=20),
            ip_unit,
            nilai="hilang_kualifikasi",
            top=20,
            lebar=HALAMAN,
        ),
    ]
    k["charts_ipasn.rata_bar"] = [
        Kasus(
            charts_ipasn.rata_bar(ip_besar, "t", garis=[("semua", ip_nas["rata_ipasn"])]), ip_besar, nilai="rata_ipasn"
        ),
        Kasus(charts_ipasn.rata_bar(ip_unit, "t", garis=[], top=30), ip_unit, nilai="rata_ipasn", top=30),
    ]
    k["charts_ipasn.tren"] = [Kasus(charts_ipasn.tren(ipasn.tren(con, scope=s), tahun, "t"))]
    sim = whatif.total_simulasi(whatif.simulasi(con, scope=s, rules=rules, tuas="teknis"))
    k["charts_ipasn.simulasi_kategori"] = [Kasus(charts_ipasn.simulasi_kategori(sim, "t"))]

    sa = rules.smart_asn
    sm_nas = smart.per_kelompok(con, scope=s, by="nasional").iloc[0]
    m = sa.min_cakupan
    k["charts_smart.tren_target"] = [
        Kasus(
            charts_smart.tren_target(
                smart.tren(con, scope=s, rules=rules), tahun, smart.tahun_target(rules, tahun), "t", min_cakupan=m
            )
        )
    ]
    k["charts_smart.radar"] = [
        Kasus(charts_smart.radar([("Pilihan filter", sm_nas), ("Nasional", sm_nas)], "t", min_cakupan=m))
    ]
    k["charts_smart.cakupan_bar"] = [Kasus(charts_smart.cakupan_bar(sm_nas, "t", min_cakupan=sa.min_cakupan))]
    k["charts_smart.heatmap"] = []
    for by in ("unor", "instansi", "provinsi"):
        tiga_puluh = smart.per_kelompok(con, scope=s, by=by).sort_values("pegawai", ascending=False).head(30)
        heat = charts_smart.heatmap(tiga_puluh, "t", min_cakupan=m)
        k["charts_smart.heatmap"].append(
            Kasus(heat, tiga_puluh, nilai="integritas", lebar=HALAMAN, extra=(charts_smart.BARIS_CAKUPAN,))
        )

    k["charts_ipasn.kehilangan_komponen"] = [Kasus(charts_ipasn.kehilangan_komponen(ip_nas, "t"))]
    prov_m = wilayah.per_kelompok(con, scope=s, rules=rules, by="provinsi", metrik="jp")
    k["charts_wilayah.peta_tile"] = [
        Kasus(charts_wilayah.peta_tile(prov_m, "t", persen=True, terpilih="35"), lebar=HALAMAN),
        Kasus(
            charts_wilayah.peta_tile(prov_m.assign(nilai=prov_m["selisih"]), "t", persen=True, selisih=True),
            lebar=HALAMAN,
        ),
    ]
    bali = Scope(tahun=tahun, akses=s.akses, provinsi_kode="51")
    kk = wilayah.per_kelompok(con, scope=bali, rules=rules, by="kabkota", metrik="jp")
    selisih = [prov_m.assign(nilai=prov_m["selisih"]), kk.assign(nilai=kk["selisih"])]  # Wilayah's change view
    k["charts_wilayah.peringkat_bar"] = [
        Kasus(charts_wilayah.peringkat_bar(prov_m, "t", persen=True, terpilih="35"), prov_m, nilai="nilai"),
        Kasus(charts_wilayah.peringkat_bar(kk, "Kabupaten/kota di Bali", persen=True), kk, nilai="nilai"),
    ] + [
        Kasus(charts_wilayah.peringkat_bar(d, "Peringkat", persen=True, selisih=True), d, nilai="nilai")
        for d in selisih
    ]
    pohon = wilayah.pohon(con, scope=s, rules=rules, metrik="ipasn")
    k["charts_wilayah.pohon"] = [
        Kasus(charts_wilayah.pohon(pohon, "t", persen=False, akar="Semua instansi"), lebar=HALAMAN)
    ]
    dua = pd.DataFrame({"nama": ["A", "B"], "jp": [50.0, 60.0], "ipasn": [61.0, float("nan")], "smart": [20.0, 30.0]})
    k["charts_wilayah.banding_bar"] = [Kasus(charts_wilayah.banding_bar(dua, "t"))]

    # the data exercise the defect: distinct large units whose names agree on their first 45 characters
    for rows in (besar, dua_belas, ip_besar, k["charts_smart.heatmap"][0].rows):
        assert rows["nama"].str.slice(0, 45).duplicated().any() and not rows["kode"].duplicated().any()
    return k


def _strings(obj):
    """Every string in a figure's JSON."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple, np.ndarray)):
        for v in obj:
            yield from _strings(v)


def _luminans(warna: str) -> float:
    nama = {"white": "#ffffff", "black": "#000000"}
    h = nama.get(warna, warna).lstrip("#")
    assert re.fullmatch(r"[0-9a-fA-F]{6}", h), warna
    c = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _kontras(a: str, b: str) -> float:
    la, lb = sorted([_luminans(a), _luminans(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _per_bar(value, n: int) -> list:
    return list(value) if isinstance(value, (list, tuple, np.ndarray)) else [value] * n


def _sumbu_kategori(trace) -> str:
    if trace.type == "heatmap" or (trace.type == "bar" and trace.orientation == "h"):
        return "y"
    return "x"


def _hover(trace, i: int) -> list[str]:
    """The customdata fields the hovertemplate of point i shows (row i's first cell for a heatmap)."""
    cd = trace.customdata[i]
    if trace.type == "heatmap":
        cd = cd[0]
    cd = list(cd) if isinstance(cd, (list, tuple, np.ndarray)) else [cd]
    tpl = trace.hovertemplate or ""
    return [str(v) for j, v in enumerate(cd) if f"%{{customdata[{j}]" in tpl or (j == 0 and "%{customdata}" in tpl)]


def _sama(a, b) -> bool:
    return (pd.isna(a) and pd.isna(b)) or (not pd.isna(a) and not pd.isna(b) and abs(float(a) - float(b)) < 1e-9)


def test_every_builder_has_a_case(kasus):
    assert len(BUILDERS) >= 17
    assert set(BUILDERS) <= set(kasus), f"no realistic case for {set(BUILDERS) - set(kasus)}"


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_on_demo_data(kasus, builder):
    assert builder in kasus, f"add a case for {builder} to the `kasus` fixture"
    for case in kasus[builder]:
        fig = case.fig
        layout = fig.layout.to_plotly_json()
        # Indonesian numbers on every axis: never 60k, always 60.000
        axes = {key for key in layout if re.fullmatch(r"[xy]axis\d*", key)}
        for t in fig.data:
            for attr in ("xaxis", "yaxis"):
                ref = getattr(t, attr, None) if attr in t else None
                if ref:
                    axes.add(attr[0] + "axis" + ref[1:])
        assert layout["separators"] == ",."
        sumbu = {a: layout.get(a) for a in axes}
        if any(t.type == "scatterpolar" for t in fig.data):
            sumbu["polar.radialaxis"] = layout["polar"].get("radialaxis")
        for name, ax in sumbu.items():
            assert ax is not None, f"{builder}: {name} used but not laid out"
            assert ax.get("exponentformat") == "none" and ax.get("separatethousands") is True, (builder, name, ax)
            if tuple(ax.get("range") or ()) == (0, 100):
                assert (ax.get("tickmode"), ax.get("tick0"), ax.get("dtick")) == TIK_100, (builder, name, ax)
        # text on bars readable: inside in a colour contrasting with the bar, outside dark
        for t in fig.data:
            if t.type == "bar" and t.text is not None:
                n = len(t.x)
                for bar, teks in zip(_per_bar(t.marker.color, n), _per_bar(t.insidetextfont.color, n)):
                    assert teks and _kontras(bar, teks) >= 3, (builder, bar, teks)
                assert t.outsidetextfont.color and _kontras("#ffffff", t.outsidetextfont.color) >= 4.5
            if t.type == "scatter" and t.mode and "text" in t.mode:
                assert t.textfont.size and t.textfont.size <= 11, builder  # per-point labels on narrow screens
        if layout.get("showlegend"):  # in a margin of its own under the axes (charts._legenda), at any width
            assert (layout["legend"].get("yref"), layout["legend"].get("y")) == ("container", 0), builder
        if case.rows is None:
            continue
        # one category per group, unique, readable, with the full name and code in the hover
        ax = _sumbu_kategori(fig.data[0])
        assert layout[f"{ax}axis"].get("type") == "category", builder
        per_trace = [list(getattr(t, ax)) for t in fig.data]
        for cats in per_trace:
            assert len(cats) == len(set(cats)) and set(cats) == set(per_trace[0]), builder
        labels = [c for c in per_trace[0] if c not in case.extra]
        expected = len(case.rows) if case.top is None else min(case.top, len(case.rows))
        assert len(labels) == expected and len(per_trace[0]) == expected + len(case.extra), builder
        rows = case.rows.reset_index(drop=True)
        by_name: dict[str, list[int]] = {}  # escaped full name -> rows (a look-up, not a scan per label)
        for r, name in enumerate(rows[case.nama]):
            by_name.setdefault(charts.aman(name), []).append(r)
        t0 = fig.data[0]
        seen = set()
        for i, label in enumerate(getattr(t0, ax)):
            if label in case.extra:
                continue
            fields = _hover(t0, i)
            cocok = [
                r
                for f in dict.fromkeys(fields)
                for r in by_name.get(f, [])
                if case.kode is None
                or str(rows.at[r, case.kode]) == str(rows.at[r, case.nama])
                or any(
                    re.search(rf"(?<![\w.]){re.escape(charts.aman(rows.at[r, case.kode]))}(?![\w.])", g) for g in fields
                )
            ]
            assert len(cocok) == 1, (builder, label, fields)
            row = rows.loc[cocok[0]]
            seen.add(cocok[0])
            nama = str(row[case.nama])
            teks = html.unescape(label)
            assert len(teks) <= 48 and teks[:8] == nama[:8], (builder, label, nama)
            if case.nilai:
                drawn = t0.z[i][0] if t0.type == "heatmap" else (t0.x if ax == "y" else t0.y)[i]
                assert _sama(drawn, row[case.nilai]), (builder, label, drawn, row[case.nilai])
        assert len(seen) == expected, builder


@pytest.fixture(scope="module")
def halaman(browser):
    h = Halaman(browser)
    yield h
    h.close()


@pytest.mark.browser
@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_texts_whole_and_apart(kasus, halaman, builder):
    """Drawn by plotly.js in Chromium at every width the product uses: no text cut at the figure's
    edge, no text over another (tick labels, legend, annotations, bar and point labels, polar labels),
    no legend over a plot."""
    gagal = []
    for n, case in enumerate(kasus[builder]):
        ukuran = [(f"{w} px", case.fig, w, None) for w in case.lebar or LEBAR]
        ukuran.append(("berkas 960×540", gambar._for_paper(case.fig), gambar.LEBAR, gambar.TINGGI))
        for nama, fig, w, h in ukuran:
            gagal += [f"{builder} kasus {n}, {nama}: {m}" for m in masalah(halaman.ukur(fig, w, h))]
    assert not gagal, "\n".join(gagal)


def _jahat(jahat: str = JAHAT) -> pd.DataFrame:
    """Three groups: the same hostile name twice (two codes) and once inside a long name."""
    n = 3
    d = {
        "kode": ["101", "102", "103"],
        "nama": [jahat, jahat, jahat + " Sekretariat Daerah Kabupaten Dengan Nama Yang Sangat Panjang"],
        "pegawai": [10, 20, 30],
        "memenuhi": [5, 10, 15],
        "persen_memenuhi": [50.0, 50.0, 50.0],
        "mix_10": [10.0] * n,
        "mix_20": [20.0] * n,
        "mix_70": [70.0] * n,
        "lengkap": [10, 20, 30],
        "rata_ipasn": [60.0, 70.0, 80.0],
    }
    d |= {c: [1.0] * n for c, _, _ in charts_ipasn.KOMPONEN}
    d |= {t: [50.0] * n for t in smart.ATRIBUT} | {f"cakupan_{t}": [90.0] * n for t in smart.ATRIBUT}
    return pd.DataFrame(d)


@pytest.mark.parametrize(
    "jahat, teks, mentah",
    [(JAHAT, JAHAT_TEKS, ("<b>X", "& %{y}")), (TAUTAN, TAUTAN_TEKS, ("<a", "</a", "klik<"))],
    ids=["tag", "tautan"],
)
def test_names_are_text_never_markup(jahat, teks, mentah):
    """Category labels, hover text, titles, legend entries and reference-line notes show a hostile
    name as the text it is: no tag obeyed (a link neither), no bare '&'."""
    df = _jahat(jahat)
    row = df.iloc[0]
    figs = {
        "kelompok_bar": charts_jp.kelompok_bar(df, jahat, garis=[(jahat, 50.0)]),
        "mix_bar": charts_jp.mix_bar(df, {"kelas_10": 10, "kelas_20": 20, "kelas_70": 70}, jahat),
        "kehilangan_bar": charts_ipasn.kehilangan_bar(df, jahat),
        "rata_bar": charts_ipasn.rata_bar(df, jahat, garis=[(jahat, 70.0)]),
        "heatmap": charts_smart.heatmap(df, jahat, min_cakupan=50),
        "radar": charts_smart.radar([(jahat, row), ("Nasional", row)], jahat, min_cakupan=50),
        "komposisi_bar": charts.komposisi_bar(
            pd.DataFrame({"dimensi": ["d"] * 2, "kategori": [jahat, "Lain"], "jumlah": [1, 2], "persen": [30.0, 70.0]}),
            "d",
            jahat,
        ),
        "kelengkapan_bar": charts.kelengkapan_bar(
            pd.DataFrame(
                {
                    "kolom": ["a", "b"],
                    "label": [jahat, "Lain"],
                    "terisi": [1, 2],
                    "dari": [2, 2],
                    "persen": [50.0, 100.0],
                }
            ),
            jahat,
        ),
    }
    for name, fig in figs.items():
        strings = list(_strings(fig.to_plotly_json()))
        assert not [s for s in strings if any(m in s for m in mentah)], name  # never raw markup or a bare &
        assert any(teks in s for s in strings), name  # shown as the text it is
        assert teks in fig.layout.title.text, name
        for t in fig.data:
            for tpl in (t.hovertemplate, getattr(t, "texttemplate", None)):
                baked = (teks[:12], jahat[:12], "=1+1")
                assert not tpl or not any(p in tpl for p in baked), (name, tpl)  # names via customdata
        if name == "radar":
            assert fig.data[0].name == teks
            continue
        ax = _sumbu_kategori(fig.data[0])
        cats = [c for c in getattr(fig.data[0], ax) if c not in ("Target 10:20:70", charts_smart.BARIS_CAKUPAN)]
        assert len(cats) == len(set(cats)) == (3 if name not in ("komposisi_bar", "kelengkapan_bar") else 2), name
        assert all(teks[:20] in c for c in cats if "Lain" not in c), (name, cats)
    annotations = [a.text for n in ("kelompok_bar", "rata_bar") for a in figs[n].layout.annotations]
    assert f"{teks} 50,0%" in annotations and f"{teks} 70,0" in annotations


def test_etiket_short_unique_full_name_in_hover():
    df = pd.DataFrame(
        {
            "kode": ["1", "2", "3", "4", "5"],
            "nama": [
                "Cabang Dinas Pendidikan Wilayah I Provinsi Daerah Khusus Ibukota Jakarta",
                "Cabang Dinas Pendidikan Wilayah II Provinsi Daerah Khusus Ibukota Jakarta",
                "Sekretariat",
                "Sekretariat",
                "Bagian   Umum",
            ],
        }
    )
    # two units of one parent: their shared end (the parent's name) goes, the part that tells them apart
    # stays; the same name twice: only the code tells them apart
    assert charts.etiket(df, 40) == [
        "Cabang Dinas Pendidikan Wilayah I …",
        "Cabang Dinas Pendidikan Wilayah II …",
        "Sekretariat · 3",
        "Sekretariat · 4",
        "Bagian Umum",
    ]
    assert charts.etiket(df.head(1), 40) == ["Cabang Dinas Pendidikan … Jakarta"]  # a code only when needed
    assert charts.etiket(pd.DataFrame({"nama": ["A", "A", None]})) == ["A", "A (2)", "–"]
    assert charts.etiket(pd.DataFrame({"kode": ["9"], "nama": ["Target"]}), terpakai=["Target"]) == ["Target · 9"]
    assert charts.hover_nama(df.head(1)) == [[df["nama"][0], " · 1"]]


def test_etiket_keeps_what_tells_siblings_apart():
    """Units of several parents in one chart: each label keeps its own part and its parent's last
    words (the province), no code; siblings whose own part is a word keep that word."""
    cabang = [
        f"Cabang Dinas Pendidikan Wilayah {w} Provinsi {p}"
        for p in ("Daerah Khusus Ibukota Jakarta", "Jawa Timur")
        for w in ("I", "II")
    ]
    df = pd.DataFrame({"kode": ["4129", "4130", "4197", "4198"], "nama": cabang})
    assert charts.etiket(df) == [
        "Cabang Dinas … Wilayah I … Jakarta",
        "Cabang Dinas … Wilayah II … Jakarta",
        "Cabang Dinas … Wilayah I … Jawa Timur",
        "Cabang Dinas … Wilayah II … Jawa Timur",
    ]
    kanwil = pd.DataFrame(
        {
            "kode": ["a", "b", "c"],
            "nama": [
                f"Kantor Wilayah Kementerian {k} Provinsi {p}"
                for k, p in (("Keuangan", "Daerah Khusus Ibukota Jakarta"), ("Agama", "Daerah Khusus Ibukota Jakarta"))
            ]
            + ["Kantor Wilayah Kementerian Agama Provinsi Jawa Tengah"],
        }
    )
    assert charts.etiket(kanwil) == [
        "Kantor Wilayah Kementerian Keuangan …",
        "Kantor Wilayah Kementerian Agama …",
        "Kantor Wilayah … Provinsi Jawa Tengah",
    ]


def test_reference_lines_are_the_callers():
    df = pd.DataFrame({"kode": ["a", "b"], "nama": ["A", "B"], "pegawai": [10, 20], "persen_memenuhi": [40.0, 60.0]})
    assert not charts_jp.kelompok_bar(df, "t", garis=[]).layout.shapes
    fig = charts_jp.kelompok_bar(df, "t", garis=[("nasional", 43.15), ("Jawa Timur", 61.0)])
    assert [s.x0 for s in fig.layout.shapes] == [43.15, 61.0]
    assert [a.text for a in fig.layout.annotations] == ["nasional 43,2%", "Jawa Timur 61,0%"]
    ip = pd.DataFrame({"kode": ["a"], "nama": ["A"], "lengkap": [5], "rata_ipasn": [58.93]})
    fig = charts_ipasn.rata_bar(ip, "t", garis=[("semua", 58.93)])
    assert [a.text for a in fig.layout.annotations] == ["semua 58,9"]


def test_layout_keeps_labels_apart():
    df = _jahat()
    heat = charts_smart.heatmap(df, "t", min_cakupan=50)
    assert heat.layout.xaxis.side == "top"
    # the title sits at the top of the figure, the column headers below it in a margin made for them
    assert heat.layout.title.yref == "container" and heat.layout.title.yanchor == "top"
    assert heat.layout.margin.t >= 110 and heat.layout.xaxis.tickangle is not None
    tren = pd.DataFrame(
        {
            "tahun": [2025, 2026],
            "persen_siap": [20.0, 1.0],
            "target": [20.0, 25.0],
            "indeks": [60.0, 61.0],
            "cakupan_indeks": [90.0, 90.0],
        }
    )
    fig = charts_smart.tren_target(tren, 2026, 2029, "t", min_cakupan=50)
    bar = fig.data[0]
    # the value label sits inside the bar at its base, upright (above a bar too short to hold it):
    # never on the target marker at the top of a bar that is close to its target
    assert tuple(bar.textposition) == ("inside", "outside") and bar.insidetextanchor == "start"
    assert bar.textangle == 0
    assert list(bar.text) == ["20,0%", "1,0%"]
    assert (fig.layout.yaxis2.tickmode, fig.layout.yaxis2.tick0, fig.layout.yaxis2.dtick) == TIK_100
    jp_tren = pd.DataFrame({"tahun": [2025, 2026], "persen_memenuhi": [43.15, 50.0]})
    assert list(charts_jp.tren(jp_tren, 2026, "t").data[0].text) == ["43,2%", "50,0%"]


def test_axes_make_room_for_their_labels_whatever_the_template():
    """Every builder's axes ask for automargin themselves: once streamlit is imported its template is the
    default and has none (tick labels then ran off the figure in the contract test after an AppTest)."""
    import plotly.io as pio

    before = pio.templates.default
    try:
        pio.templates.default = "none"
        fig = charts_jp.kelompok_bar(
            pd.DataFrame(
                {"kode": ["1"], "nama": ["Jabatan Pimpinan Tinggi"], "pegawai": [10], "persen_memenuhi": [5.0]}
            ),
            "t",
        )
        assert fig.layout.xaxis.automargin is True and fig.layout.yaxis.automargin is True
    finally:
        pio.templates.default = before
