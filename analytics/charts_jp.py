"""Chart builders for the 20 JP page: pure functions DataFrame -> plotly Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts import WARNA, _layout, label_tahun, with_percent_axis
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
        annotation_text=f"{ambang:g} JP",
        annotation_position="top right",
    )
    fig.update_xaxes(title="JP terkredit per pegawai")
    fig.update_yaxes(title="pegawai", tickformat=",d")
    return _layout(fig, title, height=340)


def progres(df: pd.DataFrame, title: str) -> go.Figure:
    """Mean cumulative credited JP by month against the pro-rata pace, and the share at the threshold."""
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
        name="laju seharusnya (20 JP × bulan/12)",
        mode="lines",
        line={"color": "#333", "dash": "dash"},
        hovertemplate="%{x}: %{y:,.1f} JP<extra></extra>",
    )
    fig.add_bar(
        x=x,
        y=df["persen_memenuhi"],
        name="% sudah ≥ 20 JP",
        yaxis="y2",
        marker_color=WARNA[3],
        opacity=0.35,
        hovertemplate="%{x}: %{y:,.1f}%<extra></extra>",
    )
    _layout(fig, title, height=360)
    with_percent_axis(fig, "JP")
    return fig


def tren(df: pd.DataFrame, tahun_parsial: int, title: str) -> go.Figure:
    """Share of employees meeting 20 JP per year (the running year marked)."""
    label = label_tahun(df["tahun"], tahun_parsial)
    fig = go.Figure(
        go.Scatter(
            x=label,
            y=df["persen_memenuhi"],
            mode="lines+markers+text",
            text=[f"{v:.1f}".replace(".", ",") + "%" for v in df["persen_memenuhi"]],
            textposition="top center",
            line={"color": WARNA[0], "width": 3},
            hovertemplate="%{x}: %{y:,.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 100], ticksuffix="%")
    return _layout(fig, title, height=320)


def kelompok_bar(df: pd.DataFrame, nasional: float, title: str, *, top: int | None = None) -> go.Figure:
    """Share meeting 20 JP per group, sorted, with the national figure as a reference line."""
    d = df.sort_values("persen_memenuhi")
    if top:
        d = d.tail(top)
    fig = go.Figure(
        go.Bar(
            x=d["persen_memenuhi"],
            y=d["nama"],
            orientation="h",
            marker_color=WARNA[1],
            customdata=d["pegawai"],
            hovertemplate="%{y}: %{x:,.1f}% dari %{customdata:,.0f} pegawai<extra></extra>",
        )
    )
    fig.add_vline(
        x=nasional,
        line_dash="dash",
        line_color=WARNA[5],
        annotation_text=f"nasional {nasional:.1f}%".replace(".", ","),
        annotation_position="top",
    )
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return _layout(fig, title, height=110 + 22 * len(d))


def mix_bar(df: pd.DataFrame, target: dict[str, float], title: str) -> go.Figure:
    """Stacked 10:20:70 shares of credited JP per group, with the target as the first bar."""
    d = pd.concat(
        [
            pd.DataFrame(
                [
                    {
                        "nama": "Target 10:20:70",
                        "mix_10": target["kelas_10"],
                        "mix_20": target["kelas_20"],
                        "mix_70": target["kelas_70"],
                    }
                ]
            ),
            df[["nama", "mix_10", "mix_20", "mix_70"]],
        ]
    ).iloc[::-1]
    fig = go.Figure()
    for col, name, color in KELAS:
        fig.add_bar(
            x=d[col],
            y=d["nama"],
            orientation="h",
            name=name,
            marker_color=color,
            hovertemplate="%{y}: %{x:,.1f}%<extra>" + name + "</extra>",
        )
    _layout(fig, title, height=130 + 24 * len(d))
    fig.update_layout(barmode="stack", showlegend=True, legend={"orientation": "h", "y": -0.08})
    fig.update_xaxes(range=[0, 100], ticksuffix="%")
    return fig
