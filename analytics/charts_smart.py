"""Chart builders for the Smart ASN page: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import fmt, smart
from analytics.charts import (
    HOVER_KELOMPOK,
    SKALA_100,
    TEKS_GELAP,
    TEKS_TITIK,
    WARNA,
    _dua_baris,
    _layout,
    _legenda,
    _titik,
    aman,
    etiket,
    hover_nama,
    label_tahun,
)
from analytics.smart import ATRIBUT

ABU = "#d9d9d9"  # a cell that is not a score (too little data): no colour of the score scale
ABU_MUDA = "#e5e5e5"  # behind a year of the trend that is not a score


def tren_target(
    df: pd.DataFrame, tahun_parsial: int | None, tahun_target: int | None, title: str, *, min_cakupan: float
) -> go.Figure:
    """Share of employees ready per year (bars) against the target line, mean index on the right, and the
    index coverage (smart.tren's cakupan_indeks) as a line of its own with its value at every year. A
    year whose coverage is under `min_cakupan` (the rules' smart_asn.min_cakupan) draws neither bar nor
    index point: its column is grey and says smart.data_kurang. The bar of `tahun_target` (the target
    year in force) is highlighted; every colour and marker has its legend entry."""
    x = label_tahun(df["tahun"], tahun_parsial)
    cakupan = [f"cakupan {fmt.persen(c)}" for c in df["cakupan_indeks"]]
    ok = smart.cukup(df["cakupan_indeks"], min_cakupan)
    siap = df["persen_siap"].where(ok)
    top = max([*siap.fillna(0), *df["target"].fillna(0), 10]) * 1.2
    fig = go.Figure()
    sorot = (df["tahun"] == tahun_target).to_numpy()
    for nama, pilih, warna in [
        ("% pegawai siap", ok & ~sorot, WARNA[0]),
        (f"% pegawai siap, tahun target {tahun_target}", ok & sorot, WARNA[4]),
    ]:
        if not pilih.any():
            continue
        v = siap[pilih]
        fig.add_bar(
            x=[x[i] for i in pilih.nonzero()[0]],
            y=v,
            name=nama,
            marker_color=warna,
            text=[fmt.persen(n) for n in v],
            # inside at the bar's base, upright: clear of the target marker, which sits at the target's
            # height, on or near the top of a bar close to its target; above a bar too short to hold it
            # (far below any target of 5% or more)
            textposition=["inside" if n >= top / 10 else "outside" for n in v],
            insidetextanchor="start",
            textangle=0,
            cliponaxis=False,
            customdata=[[x[i], cakupan[i]] for i in pilih.nonzero()[0]],
            hovertemplate="%{customdata[0]}: %{y:,.1f}% siap (%{customdata[1]} indeks)<extra></extra>",
        )
    kurang = (~ok).nonzero()[0]
    # a year that is not a score: no bar, a grey column (with its legend entry) saying so upright inside it
    fig.update_layout(
        shapes=[
            {
                "type": "rect", "xref": "x", "yref": "paper", "x0": i - 0.5, "x1": i + 0.5, "y0": 0, "y1": 1,
                "fillcolor": ABU_MUDA, "line": {"width": 0}, "layer": "below",
                "name": f"data kurang: cakupan indeks di bawah {fmt.persen(min_cakupan)}, bukan skor",
                "showlegend": j == 0, "legendgroup": "kurang",
            }
            for j, i in enumerate(kurang)
        ],
        annotations=[
            {
                # by the category's position: a year's label would be read as a number on this axis
                "x": int(i), "xref": "x", "y": 0.6, "yref": "paper", "textangle": -90, "showarrow": False,
                "text": smart.data_kurang(df["cakupan_indeks"].iloc[i]), "font": {"size": 10, "color": TEKS_GELAP},
            }
            for i in kurang
        ],
    )  # fmt: skip
    fig.add_scatter(
        x=x,
        y=df["target"],
        name="target % siap tiap tahun (berkas aturan)",
        mode="lines+markers",
        line={"color": WARNA[5], "dash": "dash", "width": 2},
        hovertemplate="%{x}: target %{y:,.1f}%<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=df["indeks"].where(ok),
        name="rata-rata indeks (kanan)",
        yaxis="y2",
        mode="lines+markers",
        line={"color": WARNA[2], "width": 2},
        customdata=cakupan,
        hovertemplate="%{x}: indeks %{y:,.1f} (%{customdata})<extra></extra>",
    )
    c = df["cakupan_indeks"]
    fig.add_scatter(
        x=x,
        y=c,
        name="cakupan data indeks, % pegawai (kanan)",
        yaxis="y2",
        mode="lines+markers+text",
        line={"color": WARNA[6], "dash": "dot", "width": 1.5},
        text=_titik([fmt.persen(v) for v in c]),
        # under a high point (clear of the plot's top), over a low one (clear of the year labels)
        textposition=["bottom center" if v >= 50 else "top center" for v in c.fillna(0)],
        textfont={"size": TEKS_TITIK, "color": WARNA[6]},
        cliponaxis=False,
        hovertemplate="%{x}: cakupan indeks %{y:,.1f}%<extra></extra>",
    )
    _legenda(_layout(fig, title, height=400))
    fig.update_layout(
        barmode="overlay",  # one bar a year, in one of two colours
        yaxis={"title": "% pegawai siap", "range": [0, top], "ticksuffix": "%"},
        yaxis2={"title": "indeks · cakupan 0–100", "overlaying": "y", "side": "right", "showgrid": False, **SKALA_100},
    )
    # every year in order, whichever trace draws it
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=x)
    return fig


def _label_atribut(rows: list[tuple[str, pd.Series]], min_cakupan: float) -> list[str]:
    """Each trait's axis label on the radar: its name on two lines when long, and for a trait some
    population has too little data for, 'data kurang' with the lowest coverage among them."""
    labels = []
    for t, nama in ATRIBUT.items():
        cov = [row[f"cakupan_{t}"] for _, row in rows]
        label = _dua_baris(nama)
        if not smart.cukup(cov, min_cakupan).all():  # the lowest coverage: the hover has each population's
            label += f"<br>data kurang<br>cakupan {fmt.persen(min(cov))}"
        labels.append(label)
    return labels


def radar(rows: list[tuple[str, pd.Series]], title: str, *, min_cakupan: float) -> go.Figure:
    """The eight trait means of each (name, per_kelompok row) on one radar. A trait whose coverage
    in a row is under `min_cakupan` (the rules' smart_asn.min_cakupan) is not drawn for that row (a
    gap in its outline, left unfilled) and its axis label says data kurang, with the coverage."""
    labels = [aman(t) for t in ATRIBUT.values()]
    fig = go.Figure()
    for (name, row), color in zip(rows, [WARNA[0], WARNA[6], WARNA[2], WARNA[4]], strict=False):  # up to four
        cov = [row[f"cakupan_{t}"] for t in ATRIBUT]
        r = [row[t] if smart.cukup(c, min_cakupan) else None for t, c in zip(ATRIBUT, cov)]
        info = [[aman(n), fmt.persen(c)] for n, c in zip(ATRIBUT.values(), cov)]
        fig.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*labels, labels[0]],
            name=aman(name),
            line={"color": color},
            # filled only when whole: a fill across a gap would draw a chord through the centre
            fill="toself" if color == WARNA[0] and None not in r else None,
            opacity=0.8,
            customdata=[*info, info[0]],
            hovertemplate="%{customdata[0]}: %{r:,.1f} (cakupan %{customdata[1]})<extra>%{fullData.name}</extra>",
        )
    _legenda(_layout(fig, title, height=400))
    fig.update_layout(
        # plotly leaves no room for the trait names around the circle: side margins hold the widest
        # (two-line) name; the 0-100 scale runs between the first two traits, off their names
        margin={"l": 90, "r": 90},
        polar={
            "domain": {"y": [0.08, 1]},  # and the name under the circle, above the legend
            "radialaxis": {**SKALA_100, "angle": 180 / len(labels)},
            "angularaxis": {"tickmode": "array", "tickvals": labels, "ticktext": _label_atribut(rows, min_cakupan)},
        },
    )
    return fig


BARIS_CAKUPAN = "Cakupan data (semua baris)"  # the heatmap's first row: each trait's coverage


def heatmap(df: pd.DataFrame, title: str, *, min_cakupan: float) -> go.Figure:
    """Units (rows) × traits (columns): mean score, each cell's coverage in the hover; blank = no data.
    The first row (BARIS_CAKUPAN) gives each trait's coverage over all the rows' employees. A cell whose
    coverage is under `min_cakupan` (the rules' smart_asn.min_cakupan) is not coloured as a score: it is
    grey and says 'data kurang' (a legend entry says why)."""
    traits = list(ATRIBUT)
    cov = df[[f"cakupan_{t}" for t in traits]].to_numpy(dtype=float)
    n = df["pegawai"].to_numpy(dtype=float)[:, None] if "pegawai" in df else np.ones((len(df), 1))
    berdata = np.nansum(cov * n, axis=0) / np.nansum(np.where(np.isnan(cov), 0, n), axis=0).clip(min=1)
    ok = smart.cukup(cov, min_cakupan)
    skor = np.vstack([np.full(len(traits), np.nan), np.where(ok, df[traits].to_numpy(dtype=float), np.nan)])
    text = [[fmt.persen(c) for c in berdata]] + [["" if pd.isna(v) else fmt.indeks(v) for v in row] for row in skor[1:]]
    x = [aman(n) for n in ATRIBUT.values()]
    y = [BARIS_CAKUPAN, *etiket(df, terpakai=[BARIS_CAKUPAN])]
    # per cell: [full name, ' · code', coverage] (the row's name in every cell of the row)
    customdata = [[["Cakupan data", "", c] for c in berdata]] + [
        [[*h, c] for c in row] for h, row in zip(hover_nama(df), cov)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=skor,
            x=x,
            y=y,
            zmin=0,
            zmax=100,
            colorscale="RdYlGn",
            text=text,
            texttemplate="%{text}",
            customdata=customdata,
            hoverongaps=False,  # a grey cell has its own hover, on the layer above
            hovertemplate=HOVER_KELOMPOK + "%{x}: %{z:,.1f} (cakupan %{customdata[2]:,.1f}%)<extra></extra>",
            colorbar={"title": "skor", "tickmode": "linear", "tick0": 0, "dtick": 20},
        )
    )
    kurang = np.vstack([np.zeros(len(traits), dtype=bool), ~ok])
    if kurang.any():
        fig.add_heatmap(
            z=np.where(kurang, 0.0, np.nan),
            x=x,
            y=y,
            zmin=0,
            zmax=1,
            colorscale=[[0, ABU], [1, ABU]],
            showscale=False,
            text=[["data kurang" if k else "" for k in row] for row in kurang],
            texttemplate="%{text}",
            textfont={"color": TEKS_GELAP},
            customdata=customdata,
            hoverongaps=False,
            hovertemplate=HOVER_KELOMPOK + "%{x}: data kurang (cakupan %{customdata[2]:,.1f}%)<extra></extra>",
            name=f"data kurang: cakupan di bawah {fmt.persen(min_cakupan)}, bukan skor",
            showlegend=True,
        )
    # the column headers sit on top, between the title (pinned to the figure's top) and the cells:
    # a top margin that holds both, the headers at a fixed angle so their height is known
    _layout(fig, title, height=230 + 26 * (len(df) + 1))
    fig.update_layout(margin={"t": 130, "b": 40})
    if kurang.any():  # the grey cells' legend entry, under the cells in a margin of its own
        _legenda(fig)
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(side="top", tickangle=-30, type="category")
    return fig


def cakupan_bar(row: pd.Series, title: str, *, min_cakupan: float) -> go.Figure:
    """Coverage per trait (% of employees with data) for one per_kelompok row; the traits under
    `min_cakupan` % (the rules' smart_asn.min_cakupan: too few to compare) in the warning colour."""
    vals = [row[f"cakupan_{t}"] for t in ATRIBUT]
    fig = go.Figure(
        go.Bar(
            x=vals,
            y=[aman(t) for t in ATRIBUT.values()],
            orientation="h",
            marker_color=[WARNA[3] if v >= min_cakupan else WARNA[5] for v in vals],
            text=[fmt.persen(v) for v in vals],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}% pegawai berdata<extra></extra>",
        )
    )
    fig.update_xaxes(ticksuffix="%", **SKALA_100)
    fig.update_yaxes(autorange="reversed", type="category")
    return _layout(fig, title, height=320)
