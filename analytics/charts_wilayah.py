"""Chart builders for regions and units: the tile-grid map of the 38 provinces (one equal tile each,
laid out roughly as the country lies: analytics/data/tile_provinsi.csv), the colour scale every map
shares, and the unit treemap. Plain plotly axes only: no geo subplot (it fetches a world map from a
CDN and is blank offline)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from analytics import fmt, smart
from analytics.charts import _layout, _legenda, aman, etiket, hover_nama

TILE = Path(__file__).parent / "data" / "tile_provinsi.csv"
SKALA = "RdYlGn"  # low = red, high = green (every metric here: higher is better)
SKALA_SELISIH = "RdBu"  # change from last year: falls red, rises blue
KOSONG = "#d9d9d9"  # a small cell (< 10 employees) or no data: grey, never a colour that reveals a value
POIN = " poin"  # the unit of a change in a percentage


@cache
def tata_letak() -> pd.DataFrame:
    """The tile layout: kode (Kemendagri province code), baris (0 = north), kolom (0 = west), singkat
    (the tile's label)."""
    with TILE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return pd.DataFrame(
        {
            "kode": [r["kode"] for r in rows],
            "baris": [int(r["baris"]) for r in rows],
            "kolom": [int(r["kolom"]) for r in rows],
            "singkat": [r["singkat"] for r in rows],
        }
    )


def warna(nilai, rentang: tuple[float, float], skala: str = SKALA) -> list[str]:
    """The fill colour of each value on `skala` over `rentang` (clipped); missing values grey."""
    lo, hi = rentang
    kosong = [fmt.kosong(v) for v in nilai]
    t = [0.5 if hi <= lo else min(1.0, max(0.0, (float(v) - lo) / (hi - lo))) for v, k in zip(nilai, kosong) if not k]
    sampel = iter(sample_colorscale(skala, t, colortype="tuple")) if t else iter(())  # one call for all values
    return [KOSONG if k else _hex(next(sampel)) for k in kosong]


def _hex(rgb: tuple[float, float, float]) -> str:
    """A colour as #rrggbb (what the shared bar-text contrast rule reads)."""
    return "#" + "".join(f"{round(255 * min(1.0, max(0.0, c))):02x}" for c in rgb)


def rentang(nilai, *, selisih: bool = False, persen: bool = False) -> tuple[float, float]:
    """The colour range: symmetric around 0 for a change; the data's own range otherwise (a 0–100
    range would paint every province the same when they differ by a few points)."""
    v = pd.to_numeric(pd.Series(list(nilai)), errors="coerce").dropna()
    if v.empty:
        return (0.0, 100.0 if persen else 1.0)
    if selisih:
        m = max(abs(v.min()), abs(v.max()), 0.5)
        return (-m, m)
    lo, hi = float(v.min()), float(v.max())
    return (lo, hi) if hi > lo else (lo - 1, hi + 1)


def skala_warna(fig: go.Figure, skala: str, r: tuple[float, float], *, persen: bool, panjang: float) -> None:
    """A colour bar as the map's legend: an invisible trace carries the scale (every map draws it so)."""
    fig.add_scatter(
        x=[None],
        y=[None],
        mode="markers",
        hoverinfo="skip",
        marker={
            "colorscale": skala,
            "cmin": r[0],
            "cmax": r[1],
            "color": [r[0]],
            "showscale": True,
            "colorbar": {"thickness": 10, "len": panjang, "ticksuffix": "%" if persen else ""},
        },
    )


def teks_nilai(v, *, persen: bool, selisih: bool = False, desimal: int = 1) -> str:
    """What a tile or polygon says: the value, '< 10' for a small cell (blank by suppression)."""
    if fmt.kosong(v):
        return "< 10"
    if selisih:
        return ("+" if v > 0 else "") + fmt.angka(v, desimal) + (POIN if persen else "")
    return fmt.persen(v, desimal) if persen else fmt.angka(v, desimal)


def kurang(df: pd.DataFrame, *, selisih: bool = False) -> list[str | None]:
    """Per row of a wilayah frame: 'data kurang (cakupan x%)' where its value is blank beside a known
    coverage (a Smart ASN metric under the rules' minimum: analytics.wilayah; for a change, the lower
    of the two years' coverage), else None (a value, a small cell or no data)."""
    if "cakupan" not in df:
        return [None] * len(df)
    cov = df[["cakupan", "cakupan_lalu"]].min(axis=1, skipna=False) if selisih else df["cakupan"]
    return [
        smart.data_kurang(c) if fmt.kosong(v) and not fmt.kosong(c) else None
        for v, c in zip(pd.to_numeric(df["nilai"], errors="coerce"), pd.to_numeric(cov, errors="coerce"))
    ]


def peta_tile(
    df: pd.DataFrame, title: str, *, persen: bool, selisih: bool = False, terpilih: str | None = None
) -> go.Figure:
    """One equal square tile per province (a shape in data units, so tiles never overlap at any size),
    coloured by `nilai` (df: kode, nama, nilai, pegawai), its short name and value written on it. A
    blank value (small cell) is grey and says '< 10'; a province without employees in scope says '–';
    one blank for too little data (`kurang`) is grey and says 'data kurang'.
    `terpilih`: the selected province, outlined. Each tile is a selectable point (customdata[0] = kode)
    for click-to-filter."""
    d = tata_letak().merge(df, on="kode", how="left")
    skala = SKALA_SELISIH if selisih else SKALA
    r = rentang(d["nilai"], selisih=selisih, persen=persen)
    isi = warna(d["nilai"], r, skala)
    # no row (nobody in scope there) or no staff: '–'; a row blanked by suppression (small cell): '< 10'
    ada = d["nama"].notna() & (d["pegawai"].isna() | (d["pegawai"] > 0))
    sedikit = kurang(d, selisih=selisih)
    nilai = [
        k or (teks_nilai(v, persen=persen, selisih=selisih) if a else "–") for v, a, k in zip(d["nilai"], ada, sedikit)
    ]
    fig = go.Figure()
    shapes = [  # all at once: 38 add_shape calls cost ~0.1 s a rerun, one layout update ~4 ms
        {
            "type": "rect",
            "x0": row.kolom - 0.47,
            "x1": row.kolom + 0.47,
            "y0": row.baris - 0.47,
            "y1": row.baris + 0.47,
            "fillcolor": fill,
            "line": {"width": 3 if row.kode == terpilih else 0.5, "color": "#111" if row.kode == terpilih else "#fff"},
            "layer": "below",
        }
        for row, fill in zip(d.itertuples(), isi)
    ]
    fig.update_layout(shapes=shapes)
    nama = [aman(n) if not fmt.kosong(n) else k for n, k in zip(d["nama"], d["kode"])]
    fig.add_scatter(
        x=d["kolom"],
        y=d["baris"],
        mode="markers+text",
        marker={"symbol": "square", "size": 40, "color": "rgba(0,0,0,0)"},
        # 'data kurang' on two lines, the width of a value (its coverage in the hover); a change's unit on a
        # line of its own: '-15,5 poin' is wider than a tile on a 700 px page
        text=[
            f"{aman(s)}<br><b>{'data<br>kurang' if k else t.removesuffix(POIN)}</b>"
            + ("<br>" + POIN.strip() if t.endswith(POIN) and not k else "")
            for s, t, k in zip(d["singkat"], nilai, sedikit)
        ],
        textfont={"size": 10, "color": [_tulisan(c) for c in isi]},
        customdata=[[k, n, t] for k, n, t in zip(d["kode"], nama, nilai)],
        hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<extra></extra>",
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}, "textfont": {"color": None}},
    )
    if pd.to_numeric(d["nilai"], errors="coerce").notna().any():  # no scale when no tile is coloured (data kurang)
        skala_warna(fig, skala, r, persen=persen and not selisih, panjang=0.7)
    _layout(fig, title, height=520)
    fig.update_xaxes(visible=False, range=[-0.6, int(d["kolom"].max()) + 0.6])
    fig.update_yaxes(visible=False, range=[int(d["baris"].max()) + 0.6, -0.6], scaleanchor="x", scaleratio=1)
    fig.update_layout(dragmode=False, margin={"l": 4, "r": 4, "t": 48, "b": 4})
    return fig


def _tulisan(warna_isi: str) -> str:
    """Dark or white text on a fill (rgb(r, g, b) or #rrggbb)."""
    if warna_isi.startswith("#"):
        rgb = [int(warna_isi[i : i + 2], 16) for i in (1, 3, 5)]
    else:
        rgb = [int(float(x)) for x in warna_isi[warna_isi.index("(") + 1 : -1].split(",")]
    lum = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return "#111" if lum > 140 else "#fff"


def pohon(df: pd.DataFrame, title: str, *, persen: bool, akar: str) -> go.Figure:
    """The unit hierarchy as a treemap: df has id, induk (parent id, '' at the top), nama, pegawai (the
    subtree's employees, so children never outweigh their parent), nilai (the subtree's metric; blank
    for a small cell, or for too little data: `kurang`). Sized by employees, coloured by the metric,
    `akar` names the root."""
    r = rentang(df["nilai"], persen=persen)
    isi = warna(df["nilai"], r)
    label = [aman(n) for n in df["nama"]]
    nilai = [k or teks_nilai(v, persen=persen) for v, k in zip(df["nilai"], kurang(df))]
    total = int(df.loc[df["induk"] == "", "pegawai"].sum())
    fig = go.Figure(
        go.Treemap(
            ids=["akar", *df["id"]],
            parents=["", *[p or "akar" for p in df["induk"]]],
            labels=[aman(akar), *label],
            values=[total, *df["pegawai"].astype(float)],
            branchvalues="total",
            marker={"colors": ["#ffffff", *isi], "line": {"width": 1, "color": "#fff"}},
            text=["", *nilai],
            customdata=[["", aman(akar), ""], *[[i, n, t] for i, n, t in zip(df["id"], label, nilai)]],
            texttemplate="%{label}<br>%{text}",
            hovertemplate="<b>%{customdata[1]}</b><br>%{value:,.0f} pegawai · %{customdata[2]}<extra></extra>",
            maxdepth=3,
            pathbar={"visible": True},
        )
    )
    _layout(fig, title, height=520)
    fig.update_layout(margin={"l": 4, "r": 4, "t": 48, "b": 4})
    return fig


def banding_bar(df: pd.DataFrame, title: str) -> go.Figure:
    """Two to four units or regions side by side: one group of bars per measure (df: nama, jp, ipasn,
    smart; the three on 0–100), labelled with their values; a blank smart beside a known cakupan_smart
    (its coverage under the rules' minimum: ui.banding) says 'data kurang'."""
    ukuran = [
        ("jp", "% memenuhi 20 JP", True),
        ("ipasn", "Rata-rata IP ASN", False),
        ("smart", "% siap Smart ASN", True),
    ]
    fig = go.Figure()
    palet = ["#1f4e79", "#f39c12", "#27ae60", "#8e44ad"]
    for i, r in enumerate(df.itertuples()):
        vals = [getattr(r, k) for k, _, _ in ukuran]
        kurang = fmt.kosong(r.smart) and not fmt.kosong(getattr(r, "cakupan_smart", None))
        fig.add_bar(
            x=[n for _, n, _ in ukuran],
            y=[np.nan if fmt.kosong(v) else v for v in vals],
            name=aman(r.nama),
            marker_color=palet[i % len(palet)],
            text=[
                "data kurang" if k == "smart" and kurang else teks_nilai(v, persen=p)
                for v, (k, _, p) in zip(vals, ukuran)
            ],
            textposition="outside",
            hovertemplate="%{x}: %{text}<extra>%{fullData.name}</extra>",
        )
    _legenda(_layout(fig, title, height=360)).update_layout(barmode="group")
    fig.update_yaxes(range=[0, 110], tickmode="linear", tick0=0, dtick=20)
    return fig


def peringkat_bar(
    df: pd.DataFrame, title: str, *, persen: bool, selisih: bool = False, terpilih: str | None = None, top: int = 40
) -> go.Figure:
    """Groups ranked by `nilai` (df: kode, nama, nilai, pegawai), best at the top, coloured as on the
    map; blank values (small cells) at the bottom saying '< 10' (too little data: 'data kurang') with
    no bar. Each bar is a selectable point with customdata[0] = kode (click-to-filter); `terpilih` is
    drawn with a dark outline."""
    d = df.assign(_v=pd.to_numeric(df["nilai"], errors="coerce")).sort_values("_v", ascending=False, na_position="last")
    d = d.head(top).iloc[::-1]
    r = rentang(d["_v"], selisih=selisih, persen=persen)
    isi = warna(d["_v"], r, SKALA_SELISIH if selisih else SKALA)
    teks = [k or teks_nilai(v, persen=persen, selisih=selisih) for v, k in zip(d["_v"], kurang(d, selisih=selisih))]
    y = etiket(d, 30)
    fig = go.Figure(
        go.Bar(
            x=d["_v"].fillna(0),
            y=y,
            orientation="h",
            marker={"color": isi, "line": {"width": [2.5 if k == terpilih else 0 for k in d["kode"]], "color": "#111"}},
            text=teks,
            textposition="outside",
            cliponaxis=False,
            customdata=[[k, n[0], t] for k, n, t in zip(d["kode"], hover_nama(d), teks)],
            hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<extra></extra>",
        )
    )
    _layout(fig, title, height=110 + 22 * len(d))
    fig.update_yaxes(type="category")
    if selisih:
        # a fall's value sits left of its bar, toward the names: beyond the longest bar each side keeps
        # 60 % of the bars' span free, room for '-22,7 poin' in a half-page column (about 250 px of plot)
        lo, hi = min(0.0, d["_v"].min()), max(0.0, d["_v"].max())  # 0, 0 when every value is blank
        ruang = 0.6 * max(hi - lo, 1.0)
        fig.update_xaxes(range=[lo - ruang, hi + ruang], zeroline=True, zerolinecolor="#999")
    elif persen:
        fig.update_xaxes(range=[0, 115], tickmode="linear", tick0=0, dtick=20, ticksuffix="%")
    else:
        fig.update_xaxes(range=[0, 115], tickmode="linear", tick0=0, dtick=20)
    fig.update_layout(dragmode=False)
    return fig
