"""Chart builders for the IP ASN pages: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.charts import WARNA, _layout, label_tahun
from analytics.ipasn import KATEGORI, KATEGORI_KOLOM

# from best to worst: green to red
WARNA_KATEGORI = ["#1a7f4b", "#7dbb6e", "#f2c14e", "#f08a4b", "#c0392b"]
KOMPONEN = [
    ("hilang_kualifikasi", "Kualifikasi", WARNA[0]),
    ("hilang_kepemimpinan", "Kompetensi · kepemimpinan", WARNA[4]),
    ("hilang_fungsional", "Kompetensi · fungsional", "#b07cc6"),
    ("hilang_teknis", "Kompetensi · teknis", WARNA[2]),
    ("hilang_seminar", "Kompetensi · seminar", "#f7c873"),
    ("hilang_kinerja", "Kinerja", WARNA[1]),
    ("hilang_disiplin", "Disiplin", WARNA[5]),
]


def kategori_bar(row: pd.Series, title: str) -> go.Figure:
    """Employees per category (complete records) of one group row of ipasn.per_kelompok."""
    counts = [int(row[k]) for k in KATEGORI_KOLOM]
    total = sum(counts) or 1
    fig = go.Figure(
        go.Bar(
            x=KATEGORI,
            y=counts,
            marker_color=WARNA_KATEGORI,
            text=[f"{fmt.angka(c)}<br>{fmt.persen(c / total)}" for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,.0f} pegawai<extra></extra>",
        )
    )
    fig.update_yaxes(title="pegawai", rangemode="tozero", range=[0, max(counts + [1]) * 1.25])
    return _layout(fig, title, height=340)


def kehilangan_bar(df: pd.DataFrame, title: str, *, top: int | None = None) -> go.Figure:
    """Mean points lost per dimension and competency slot, stacked, one bar per group (largest
    loss at the top)."""
    d = df.assign(_hilang=df[[c for c, _, _ in KOMPONEN]].sum(axis=1)).sort_values("_hilang")
    if top:
        d = d.tail(top)
    fig = go.Figure()
    for col, name, color in KOMPONEN:
        fig.add_bar(
            x=d[col],
            y=d["nama"].str.slice(0, 45),
            orientation="h",
            name=name,
            marker_color=color,
            hovertemplate="%{y}: %{x:,.2f} poin hilang<extra>" + name + "</extra>",
        )
    _layout(fig, title, height=150 + 24 * len(d))
    fig.update_layout(barmode="stack", showlegend=True, legend={"orientation": "h", "y": -0.12 - 4 / (len(d) + 4)})
    fig.update_xaxes(title="rata-rata poin di bawah maksimum (pegawai berdata lengkap)")
    return fig


def rata_bar(df: pd.DataFrame, nasional: float, title: str, *, top: int | None = None) -> go.Figure:
    """Mean IP ASN per group (complete records), sorted, with the scope's mean as a reference."""
    d = df.dropna(subset=["rata_ipasn"]).sort_values("rata_ipasn")
    if top:
        d = d.tail(top)
    fig = go.Figure(
        go.Bar(
            x=d["rata_ipasn"],
            y=d["nama"].str.slice(0, 45),
            orientation="h",
            marker_color=WARNA[1],
            customdata=d[["lengkap"]],
            hovertemplate="%{y}: %{x:,.2f} (%{customdata[0]:,.0f} pegawai berdata lengkap)<extra></extra>",
        )
    )
    fig.add_vline(
        x=nasional,
        line_dash="dash",
        line_color=WARNA[5],
        annotation_text=f"semua {fmt.angka(nasional, 1)}",
        annotation_position="top",
    )
    fig.update_xaxes(range=[0, 100])
    return _layout(fig, title, height=110 + 22 * len(d))


def tren(df: pd.DataFrame, tahun_parsial: int | None, title: str) -> go.Figure:
    """Category shares per year (stacked, complete records) and the mean IP ASN on a right axis."""
    x = label_tahun(df["tahun"], tahun_parsial)
    fig = go.Figure()
    lengkap = df["lengkap"].where(df["lengkap"] > 0)
    for col, name, color in zip(KATEGORI_KOLOM[::-1], KATEGORI[::-1], WARNA_KATEGORI[::-1]):
        fig.add_bar(
            x=x,
            y=100 * df[col] / lengkap,
            name=name,
            marker_color=color,
            hovertemplate="%{x}: %{y:,.1f}%<extra>" + name + "</extra>",
        )
    fig.add_scatter(
        x=x,
        y=df["rata_ipasn"],
        name="Rata-rata IP ASN",
        yaxis="y2",
        mode="lines+markers+text",
        text=[fmt.angka(v, 1) for v in df["rata_ipasn"]],
        textposition="top center",
        line={"color": "#222", "width": 2},
        hovertemplate="%{x}: rata-rata %{y:,.2f}<extra></extra>",
    )
    _layout(fig, title, height=340)
    fig.update_layout(
        barmode="stack",
        showlegend=True,
        legend={"orientation": "h", "y": -0.15},
        yaxis={"title": "% pegawai berdata lengkap", "range": [0, 100], "ticksuffix": "%"},
        yaxis2={"title": "rata-rata IP ASN", "overlaying": "y", "side": "right", "range": [0, 100], "showgrid": False},
    )
    fig.update_xaxes(type="category")
    return fig


def simulasi_kategori(row: pd.Series, title: str) -> go.Figure:
    """Employees per category before and after a what-if (one row of ipasn.simulasi)."""
    fig = go.Figure()
    for suffix, name, color in (("awal", "Sekarang", WARNA[6]), ("baru", "Skenario", WARNA[0])):
        vals = [int(row[f"{k}_{suffix}"]) for k in KATEGORI_KOLOM]
        fig.add_bar(
            x=KATEGORI,
            y=vals,
            name=name,
            marker_color=color,
            text=[fmt.angka(v) for v in vals],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,.0f} pegawai<extra>" + name + "</extra>",
        )
    _layout(fig, title, height=340)
    fig.update_layout(barmode="group", showlegend=True, legend={"orientation": "h", "y": -0.15})
    fig.update_yaxes(title="pegawai")
    return fig
