"""Chart builders for the IP ASN pages: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.charts import (
    HOVER_KELOMPOK,
    SKALA_100,
    TEKS_TITIK,
    WARNA,
    _dua_baris,
    _layout,
    _legenda,
    _peringkat_bar,
    _titik,
    etiket,
    hover_nama,
    label_tahun,
)
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
            text=[f"{fmt.angka(c)}<br>{fmt.bagian(c, total)}" for c in counts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{y:,.0f} pegawai<extra></extra>",
        )
    )
    fig.update_yaxes(title="pegawai", rangemode="tozero", range=[0, max(counts + [1]) * 1.25])
    return _sumbu_kategori(_layout(fig, title, height=340))


def _sumbu_kategori(fig: go.Figure) -> go.Figure:
    """The five categories under their bars, 'Sangat Tinggi' on two lines: on one line, under the
    first of five bars in a half-page column, it reaches left onto the pegawai axis's '0'."""
    return fig.update_xaxes(tickmode="array", tickvals=KATEGORI, ticktext=[_dua_baris(k) for k in KATEGORI])


def kehilangan_bar(df: pd.DataFrame, title: str, *, top: int | None = None) -> go.Figure:
    """Mean points lost per dimension and competency slot, stacked, one bar per group (largest
    loss at the top)."""
    d = df.assign(_hilang=df[[c for c, _, _ in KOMPONEN]].sum(axis=1)).sort_values("_hilang")
    if top:
        d = d.tail(top)
    y, hover = etiket(d), hover_nama(d)
    fig = go.Figure()
    for col, name, color in KOMPONEN:
        fig.add_bar(
            x=d[col],
            y=y,
            orientation="h",
            name=name,
            marker_color=color,
            customdata=hover,
            hovertemplate=HOVER_KELOMPOK + "%{x:,.1f} poin hilang<extra>%{fullData.name}</extra>",
        )
    _legenda(_layout(fig, title, height=150 + 24 * len(d)))
    fig.update_layout(barmode="stack", legend_traceorder="normal")  # in the bars' order, left to right
    fig.update_xaxes(title="rata-rata poin di bawah maksimum (pegawai berdata lengkap)")
    fig.update_yaxes(type="category")
    return fig


def rata_bar(
    df: pd.DataFrame, title: str, *, garis: Sequence[tuple[str, float]] = (), top: int | None = None
) -> go.Figure:
    """Mean IP ASN per group (complete records), sorted, with the caller's reference lines `garis`
    (label, mean IP ASN), each annotated 'label 58,9'."""
    return _peringkat_bar(
        df.dropna(subset=["rata_ipasn"]),
        "rata_ipasn",
        title,
        garis=garis,
        teks=fmt.indeks,
        hover="%{x:,.1f} (%{customdata[2]:,.0f} pegawai berdata lengkap)",
        jumlah="lengkap",
        top=top,
    )


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
            hovertemplate="%{x}: %{y:,.1f}%<extra>%{fullData.name}</extra>",
        )
    fig.add_scatter(
        x=x,
        y=df["rata_ipasn"],
        name="Rata-rata IP ASN",
        yaxis="y2",
        mode="lines+markers+text",
        text=_titik([fmt.indeks(v) for v in df["rata_ipasn"]]),
        textposition="top center",
        textfont={"size": TEKS_TITIK},
        cliponaxis=False,
        line={"color": "#222", "width": 2},
        hovertemplate="%{x}: rata-rata %{y:,.1f}<extra></extra>",
    )
    _legenda(_layout(fig, title, height=340))
    fig.update_layout(
        barmode="stack",
        yaxis={"title": "% pegawai berdata lengkap", "ticksuffix": "%", **SKALA_100},
        yaxis2={"title": "rata-rata IP ASN", "overlaying": "y", "side": "right", "showgrid": False, **SKALA_100},
    )
    fig.update_xaxes(type="category")
    return fig


def simulasi_kategori(row: pd.Series, title: str) -> go.Figure:
    """Employees per category before and after a what-if (one row of whatif.simulasi)."""
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
            hovertemplate="%{x}: %{y:,.0f} pegawai<extra>%{fullData.name}</extra>",
        )
    _sumbu_kategori(_legenda(_layout(fig, title, height=340))).update_layout(barmode="group")
    fig.update_yaxes(title="pegawai")
    return fig


def kehilangan_komponen(row: pd.Series, title: str) -> go.Figure:
    """Mean points lost per dimension and competency slot of one group (a per_kelompok row), one bar
    each, largest first: the profile's 'where points are lost'."""
    d = [(name, row[col], color) for col, name, color in KOMPONEN]
    d = sorted(d, key=lambda t: -(t[1] if t[1] == t[1] else 0))[::-1]
    fig = go.Figure(
        go.Bar(
            x=[v for _, v, _ in d],
            y=[n for n, _, _ in d],
            orientation="h",
            marker_color=[c for _, _, c in d],
            text=[fmt.indeks(v) for _, v, _ in d],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,.1f} poin hilang<extra></extra>",
        )
    )
    _layout(fig, title, height=300)
    fig.update_xaxes(title="rata-rata poin hilang")
    fig.update_yaxes(type="category")
    return fig
