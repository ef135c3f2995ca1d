"""Chart builders for the Smart ASN page: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.charts import (
    HOVER_KELOMPOK,
    SKALA_100,
    WARNA,
    _dua_baris,
    _layout,
    _legenda,
    aman,
    etiket,
    hover_nama,
    label_tahun,
)
from analytics.smart import ATRIBUT


def tren_target(df: pd.DataFrame, tahun_parsial: int | None, tahun_target: int, title: str) -> go.Figure:
    """Share of employees ready per year (bars) against the target line, mean index on the right."""
    x = label_tahun(df["tahun"], tahun_parsial)
    top = max([*df["persen_siap"].fillna(0), *df["target"].fillna(0), 10]) * 1.2
    fig = go.Figure()
    fig.add_bar(
        x=x,
        y=df["persen_siap"],
        name="% pegawai siap",
        marker_color=[WARNA[0] if t != tahun_target else WARNA[4] for t in df["tahun"]],
        text=[fmt.persen(v) for v in df["persen_siap"]],
        # inside at the bar's base, upright: clear of the target marker, which sits at the target's
        # height, on or near the top of a bar close to its target; above a bar too short to hold it
        # (far below any target of 5% or more)
        textposition=["inside" if v >= top / 10 else "outside" for v in df["persen_siap"].fillna(0)],
        insidetextanchor="start",
        textangle=0,
        cliponaxis=False,
        hovertemplate="%{x}: %{y:,.1f}% siap<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=df["target"],
        name="target % siap",
        mode="lines+markers",
        line={"color": WARNA[5], "dash": "dash", "width": 2},
        hovertemplate="%{x}: target %{y:,.1f}%<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=df["indeks"],
        name="rata-rata indeks (kanan)",
        yaxis="y2",
        mode="lines+markers",
        line={"color": WARNA[2], "width": 2},
        hovertemplate="%{x}: indeks %{y:,.1f}<extra></extra>",
    )
    _legenda(_layout(fig, title, height=360))
    fig.update_layout(
        yaxis={"title": "% pegawai siap", "range": [0, top], "ticksuffix": "%"},
        yaxis2={"title": "indeks 0–100", "overlaying": "y", "side": "right", "showgrid": False, **SKALA_100},
    )
    fig.update_xaxes(type="category")
    return fig


def radar(rows: list[tuple[str, pd.Series]], title: str) -> go.Figure:
    """The eight trait means of each (name, per_kelompok row) on one radar."""
    labels = [aman(t) for t in ATRIBUT.values()]
    fig = go.Figure()
    for (name, row), color in zip(rows, [WARNA[0], WARNA[6], WARNA[2], WARNA[4]], strict=False):  # up to four
        r = [row[t] for t in ATRIBUT]
        fig.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*labels, labels[0]],
            name=aman(name),
            line={"color": color},
            fill="toself" if color == WARNA[0] else None,
            opacity=0.8,
            hovertemplate="%{theta}: %{r:,.1f}<extra>%{fullData.name}</extra>",
        )
    _legenda(_layout(fig, title, height=400))
    fig.update_layout(
        # plotly leaves no room for the trait names around the circle: side margins hold the widest
        # (two-line) name; the 0-100 scale runs between the first two traits, off their names
        margin={"l": 70, "r": 70},
        polar={
            "domain": {"y": [0.08, 1]},  # and the name under the circle, above the legend
            "radialaxis": {**SKALA_100, "angle": 180 / len(labels)},
            "angularaxis": {
                "tickmode": "array",
                "tickvals": labels,
                "ticktext": list(map(_dua_baris, ATRIBUT.values())),
            },
        },
    )
    return fig


def heatmap(df: pd.DataFrame, title: str) -> go.Figure:
    """Units (rows) × traits (columns): mean score, coverage in the hover; blank = no data."""
    traits = list(ATRIBUT)
    z = df[traits].to_numpy(dtype=float)
    cov = df[[f"cakupan_{t}" for t in traits]].to_numpy(dtype=float)
    text = [[("" if pd.isna(v) else fmt.angka(v, 0)) for v in row] for row in z]
    # per cell: [full name, ' · code', coverage] (the row's name in every cell of the row)
    customdata = [[[*h, c] for c in row] for h, row in zip(hover_nama(df), cov)]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[aman(t) for t in ATRIBUT.values()],
            y=etiket(df),
            zmin=0,
            zmax=100,
            colorscale="RdYlGn",
            text=text,
            texttemplate="%{text}",
            customdata=customdata,
            hovertemplate=HOVER_KELOMPOK + "%{x}: %{z:,.1f} (cakupan %{customdata[2]:,.0f}%)<extra></extra>",
            colorbar={"title": "skor", "tickmode": "linear", "tick0": 0, "dtick": 20},
        )
    )
    # the column headers sit on top, between the title (pinned to the figure's top) and the cells:
    # a top margin that holds both, the headers at a fixed angle so their height is known
    _layout(fig, title, height=200 + 26 * len(df))
    fig.update_layout(margin={"t": 130})
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
