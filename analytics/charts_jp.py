"""Chart builders for the 20 JP page: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.charts import (
    HOVER_KELOMPOK,
    SKALA_100,
    TEKS_TITIK,
    WARNA,
    _layout,
    _legenda,
    _peringkat_bar,
    _titik,
    etiket,
    hover_nama,
    label_tahun,
    with_percent_axis,
)
from analytics.fmt import BULAN

KELAS = [
    ("mix_10", "10 · klasikal", WARNA[0]),
    ("mix_20", "20 · belajar dari orang lain", WARNA[2]),
    ("mix_70", "70 · belajar dari pengalaman", WARNA[3]),
]


def distribusi(df: pd.DataFrame, ambang: float, batas: int, title: str) -> go.Figure:
    """Employees per whole credited JP (last bar = batas and above), with the threshold line."""
    colors = [WARNA[3] if j >= ambang else WARNA[5] for j in df["jp"]]
    labels = [f"≥ {batas}" if j == batas else str(j) for j in df["jp"]]
    fig = go.Figure(
        go.Bar(
            x=df["jp"],
            y=df["pegawai"],
            marker_color=colors,
            customdata=labels,
            hovertemplate="%{customdata} JP: %{y:,.0f} pegawai<extra></extra>",
        )
    )
    fig.add_vline(
        x=ambang - 0.5,
        line_dash="dash",
        line_color="#333",
        annotation_text=f"{fmt.angka(ambang, 0 if float(ambang).is_integer() else 1)} JP",
        annotation_position="top right",
    )
    fig.update_xaxes(title="JP terkredit per pegawai")
    fig.update_yaxes(title="pegawai", tickformat=",d")
    return _layout(fig, title, height=340)


def progres(df: pd.DataFrame, title: str, *, ambang: float) -> go.Figure:
    """Mean cumulative credited JP by month against the pro-rata pace, and the share at the threshold
    (`ambang`, the rules' jp.ambang_tahunan, names the two)."""
    x = [BULAN[m - 1] for m in df["bulan"]]
    fig = go.Figure()
    fig.add_scatter(
        x=x,
        y=df["rata_kumulatif"],
        name="rata-rata JP kumulatif",
        mode="lines+markers",
        line={"color": WARNA[1], "width": 3},
        hovertemplate="%{x}: %{y:,.1f} JP<extra></extra>",
    )
    fig.add_scatter(
        x=x,
        y=df["pace"],
        name=f"laju seharusnya ({fmt.angka(ambang)} JP × bulan/12)",
        mode="lines",
        line={"color": "#333", "dash": "dash"},
        hovertemplate="%{x}: %{y:,.1f} JP<extra></extra>",
    )
    fig.add_bar(
        x=x,
        y=df["persen_memenuhi"],
        name=f"% sudah ≥ {fmt.angka(ambang)} JP",
        yaxis="y2",
        marker_color=WARNA[3],
        opacity=0.35,
        hovertemplate="%{x}: %{y:,.1f}%<extra></extra>",
    )
    _layout(fig, title, height=360)
    with_percent_axis(fig, "JP")
    return fig


def tren(df: pd.DataFrame, tahun_parsial: int | None, title: str, *, sampai: date | None = None) -> go.Figure:
    """Share of employees meeting 20 JP per year (the running year marked). With `sampai` (the reference
    date of a running year) and the frame's persen_memenuhi_sd: the whole years as one line and every year
    to that day as another, the running year on that one only, so part of a year is never drawn against
    whole years."""
    label = label_tahun(df["tahun"], tahun_parsial)
    if sampai is None or "persen_memenuhi_sd" not in df:
        fig = go.Figure(_garis_tren(label, df["persen_memenuhi"], None, WARNA[0], "top center"))
        fig.update_xaxes(type="category")
        fig.update_yaxes(ticksuffix="%", **SKALA_100)
        return _layout(fig, title, height=320)
    penuh = df["tahun"] != tahun_parsial
    hari = f"{sampai.day} {BULAN[sampai.month - 1]}"
    fig = go.Figure(
        [
            _garis_tren(
                [x for x, p in zip(label, penuh) if p], df.loc[penuh, "persen_memenuhi"], "setahun penuh", WARNA[0],
                "top center",
            ),
            _garis_tren(label, df["persen_memenuhi_sd"], f"s.d. {hari} tiap tahun", WARNA[2], "bottom center"),
        ]
    )  # fmt: skip
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=label)
    fig.update_yaxes(ticksuffix="%", **SKALA_100)
    return _legenda(_layout(fig, title, height=340))


def _garis_tren(x, y, nama: str | None, warna: str, posisi: str) -> go.Scatter:
    """One line of a yearly share with its value at each point (every other one on a long line)."""
    return go.Scatter(
        x=list(x),
        y=list(y),
        name=nama,
        mode="lines+markers+text",
        text=_titik([fmt.persen(v) for v in y]),
        textposition=posisi,
        textfont={"size": TEKS_TITIK},
        cliponaxis=False,
        line={"color": warna, "width": 3},
        hovertemplate="%{x}: %{y:,.1f}%" + ("" if nama is None else f" ({nama})") + "<extra></extra>",
    )


def kelompok_bar(
    df: pd.DataFrame, title: str, *, garis: Sequence[tuple[str, float]] = (), top: int | None = None
) -> go.Figure:
    """Share meeting 20 JP per group, sorted, with the caller's reference lines `garis` (label,
    percentage), each annotated 'label 43,2%'."""
    hover = "%{x:,.1f}% dari %{customdata[2]:,.0f} pegawai"
    return _peringkat_bar(
        df,
        "persen_memenuhi",
        title,
        garis=garis,
        teks=fmt.persen,
        hover=hover,
        jumlah="pegawai",
        top=top,
        ticksuffix="%",
    )


def mix_bar(df: pd.DataFrame, target: Mapping[str, float], title: str) -> go.Figure:
    """Stacked 10:20:70 shares of credited JP per group, with the target as the first bar."""
    nama_target = "Target 10:20:70"
    d = df.iloc[::-1]
    y = [*etiket(d, terpakai=[nama_target]), nama_target]
    hover = [*hover_nama(d), [nama_target, ""]]
    fig = go.Figure()
    for col, name, color in KELAS:
        fig.add_bar(
            x=[*d[col], target[col.replace("mix", "kelas")]],
            y=y,
            orientation="h",
            name=name,
            marker_color=color,
            customdata=hover,
            hovertemplate=HOVER_KELOMPOK + "%{x:,.1f}%<extra>%{fullData.name}</extra>",
        )
    _layout(fig, title, height=190 + 24 * len(y))  # 60 px of it for the legend, on up to three rows
    _legenda(fig).update_layout(barmode="stack", legend_traceorder="normal")  # read 10, 20, 70 as the bars
    fig.update_xaxes(ticksuffix="%", **SKALA_100)
    fig.update_yaxes(type="category")
    return fig
