"""Chart builders: pure functions DataFrame -> plotly Figure (no data access, no Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt

WARNA = ["#1f4e79", "#2e86c1", "#f39c12", "#27ae60", "#8e44ad", "#c0392b", "#7f8c8d"]


def label_tahun(tahun, parsial: int | None) -> list[str]:
    """Category labels for years, the partial (running) year marked with '*'."""
    return [f"{t}*" if t == parsial else str(t) for t in tahun]


def _layout(fig: go.Figure, title: str, height: int = 320) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        separators=",.",
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        font={"family": "sans-serif"},
    )
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(gridcolor="#eee")
    return fig


def komposisi_bar(df: pd.DataFrame, dimensi: str, title: str) -> go.Figure:
    """Horizontal bars of one dimension of `analytics.overview.komposisi`."""
    d = df[df["dimensi"] == dimensi].iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=d["jumlah"],
            y=d["kategori"],
            orientation="h",
            marker_color=WARNA[0],
            text=[f"{fmt.angka(n)} ({fmt.persen(p)})" for n, p in zip(d["jumlah"], d["persen"])],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat=",d")
    return _layout(fig, title, height=90 + 38 * len(d))


def tren_kegiatan(df: pd.DataFrame, tahun_parsial: int | None, title: str) -> go.Figure:
    """Bars of claimed JP per employee in post and a line of the share who learned, per year."""
    label = label_tahun(df["tahun"], tahun_parsial)
    fig = go.Figure()
    fig.add_bar(
        x=label,
        y=df["rata_jp_klaim"],
        name="Rata-rata JP diklaim per pegawai",
        marker_color=WARNA[1],
        hovertemplate="%{x}: %{y:,.1f} JP<extra></extra>",
    )
    fig.add_scatter(
        x=label,
        y=df["persen_belajar"] * 100,
        name="% pegawai ikut ≥ 1 kegiatan",
        yaxis="y2",
        mode="lines+markers",
        line={"color": WARNA[2], "width": 3},
        hovertemplate="%{x}: %{y:,.1f}%<extra></extra>",
    )
    _layout(fig, title, height=360)
    with_percent_axis(fig, "JP per pegawai")
    fig.update_xaxes(type="category")
    return fig


def with_percent_axis(fig: go.Figure, left_title: str) -> go.Figure:
    """A legend below and a second, right-hand 0-100 % axis (for a share drawn over a JP measure)."""
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": left_title},
        yaxis2={
            "title": "% pegawai",
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "showgrid": False,
            "ticksuffix": "%",
            "tickmode": "linear",
            "dtick": 20,
        },
    )
    return fig


def kelengkapan_bar(df: pd.DataFrame, title: str) -> go.Figure:
    """Bars of the share of employees with each key field filled."""
    d = df.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=d["persen"] * 100,
            y=d["label"],
            orientation="h",
            marker_color=WARNA[3],
            text=[fmt.persen(p) for p in d["persen"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(range=[0, 100])
    return _layout(fig, title, height=90 + 34 * len(d))
