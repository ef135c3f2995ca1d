"""Chart builders: pure functions DataFrame -> plotly Figure (no data access, no Streamlit).

A data value reaches a figure only through `aman` (escaped); a group's name reaches the category
axis only through `etiket` (short, unique) and its hover only through `hover_nama` as customdata
(analytics/etiket.py says why)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.etiket import aman, etiket, hover_nama

WARNA = ["#1f4e79", "#2e86c1", "#f39c12", "#27ae60", "#8e44ad", "#c0392b", "#7f8c8d"]
TEKS_GELAP = "#222222"
# every 0-100 axis (percentages, scores): the same six ticks 0, 20, ..., 100, so two such axes never
# disagree (not tickmode "array": plotly.js then drops the ticksuffix)
SKALA_100 = {"range": [0, 100], "tickmode": "linear", "tick0": 0, "dtick": 20}
# axes in Indonesian: 60.000, never 60k or 60000 (the separators themselves are set in _layout)
ANGKA_SUMBU = {"exponentformat": "none", "separatethousands": True}
# the hover head of a group row: full name, then its code (customdata[0], customdata[1] of hover_nama)
HOVER_KELOMPOK = "<b>%{customdata[0]}</b>%{customdata[1]}<br>"
TEKS_TITIK = 10  # font size of per-point value labels on trend lines (readable at 390 px)


def label_tahun(tahun, parsial: int | None) -> list[str]:
    """Category labels for years, the partial (running) year marked with '*'."""
    return [f"{t}*" if t == parsial else str(t) for t in tahun]


def _dua_baris(teks: str, maks: int = 12) -> str:
    """`teks` escaped, broken at the space nearest its middle when longer than `maks` characters: a
    tick label half as wide (beside a radar it reaches half as far toward the figure's edge; under a
    narrow bar it stays off its neighbours and the other axis's labels)."""
    spasi = [i for i, c in enumerate(teks) if c == " "]
    if len(teks) <= maks or not spasi:
        return aman(teks)
    i = min(spasi, key=lambda i: abs(2 * i - len(teks)))
    return f"{aman(teks[:i])}<br>{aman(teks[i + 1 :])}"


def _titik(texts: list[str], maks: int = 8) -> list[str]:
    """Per-point labels of a trend line: all of them up to `maks` points, else every other one
    counted back from the latest (neighbours would overlap on a narrow screen)."""
    if len(texts) <= maks:
        return list(texts)
    n = len(texts)
    return [t if (n - 1 - i) % 2 == 0 else "" for i, t in enumerate(texts)]


def _garis(fig: go.Figure, garis: Sequence[tuple[str, float]], teks: Callable[[float], str]) -> go.Figure:
    """Vertical reference lines (label, value), each annotated 'label <teks(value)>' above the plot;
    of several, the lowest is labelled to the left of its line, the highest to the right, so
    neighbours do not overlap."""
    nilai_urut = sorted(v for _, v in garis if not fmt.kosong(v))
    for label, nilai in garis:
        if fmt.kosong(nilai):
            continue
        sisi = "center"
        if len(nilai_urut) > 1:
            sisi = "right" if nilai == nilai_urut[0] else "left" if nilai == nilai_urut[-1] else "center"
        fig.add_vline(
            x=nilai,
            line_dash="dash",
            line_color=WARNA[5],
            annotation_text=f"{aman(label)} {teks(nilai)}",
            annotation_position="top",
            annotation={"xanchor": sisi},
        )
    return fig


def _peringkat_bar(
    d: pd.DataFrame,
    nilai: str,
    title: str,
    *,
    garis: Sequence[tuple[str, float]],
    teks: Callable[[float], str],
    hover: str,
    jumlah: str,
    top: int | None = None,
    **sumbu_x,
) -> go.Figure:
    """One horizontal bar per group row of `d`, sorted by `nilai` (the `top` highest), labelled by
    `etiket`, with the full name and the row's `jumlah` (customdata[2]) in the hover (`hover`: what
    follows the name, a plotly template), and the caller's reference lines `garis`."""
    d = d.sort_values(nilai)
    if top:
        d = d.tail(top)
    fig = go.Figure(
        go.Bar(
            x=d[nilai],
            y=etiket(d),
            orientation="h",
            marker_color=WARNA[1],
            customdata=[[*h, n] for h, n in zip(hover_nama(d), d[jumlah])],
            hovertemplate=HOVER_KELOMPOK + hover + "<extra></extra>",
        )
    )
    _garis(fig, garis, teks)
    fig.update_xaxes(**SKALA_100, **sumbu_x)
    fig.update_yaxes(type="category")
    return _layout(fig, title, height=110 + 22 * len(d))


def _luminans(warna: str) -> float:
    h = {"white": "#ffffff", "black": "#000000"}.get(warna, warna).lstrip("#")
    c = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def _teks_di(warna) -> str:
    """White or dark text, whichever contrasts more with a bar of colour `warna` (hex)."""
    if not isinstance(warna, str) or not warna.startswith("#"):
        return "white"
    lum = _luminans(warna)
    return "white" if 1.05 / (lum + 0.05) >= (lum + 0.05) / (_luminans(TEKS_GELAP) + 0.05) else TEKS_GELAP


def _layout(fig: go.Figure, title: str, height: int = 320) -> go.Figure:
    """The shared look, called after the traces are added: title at the top of the figure, decimal
    comma and thousands dot on every axis (no SI suffixes), bar texts in a contrasting colour."""
    fig.update_layout(
        title={
            "text": aman(title),
            "x": 0,
            "font": {"size": 15},
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 14},
        },
        height=height,
        margin={"l": 10, "r": 28, "t": 56, "b": 10},  # r: room for the last x tick label ("100%")
        separators=",.",
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=False,
        font={"family": "sans-serif"},
    )
    for t in fig.data:  # axes the traces use, laid out now so the formats below reach them
        for attr in ("xaxis", "yaxis"):
            ref = t[attr] if attr in t else None
            if ref and ref not in ("x", "y"):
                fig.update_layout({attr + ref[1:]: ANGKA_SUMBU})
        if t.type == "bar" and t.text is not None:
            warna = t.marker.color
            dalam = [_teks_di(w) for w in warna] if isinstance(warna, (list, tuple)) else _teks_di(warna)
            t.update(insidetextfont={"color": dalam}, outsidetextfont={"color": TEKS_GELAP})
        if t.type == "scatterpolar":
            fig.update_layout(polar={"radialaxis": ANGKA_SUMBU})
    # automargin said here, not left to the template: importing streamlit makes its own template the default,
    # and it has none (the tick labels would then run off a figure built in the dashboard's process)
    fig.update_xaxes(gridcolor="#eee", automargin=True, **ANGKA_SUMBU)
    fig.update_yaxes(gridcolor="#eee", automargin=True, **ANGKA_SUMBU)
    return fig


def komposisi_bar(df: pd.DataFrame, dimensi: str, title: str) -> go.Figure:
    """Horizontal bars of one dimension of `analytics.overview.komposisi`."""
    d = df[df["dimensi"] == dimensi].iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=d["jumlah"],
            y=etiket(d, nama="kategori", kode=None),
            orientation="h",
            marker_color=WARNA[0],
            text=[f"{fmt.angka(n)} ({fmt.persen(p)})" for n, p in zip(d["jumlah"], d["persen"])],
            textposition="auto",
            customdata=hover_nama(d, nama="kategori", kode=None),
            hovertemplate="%{customdata[0]}: %{x:,.0f}<extra></extra>",
        )
    )
    fig.update_xaxes(tickformat=",d")
    fig.update_yaxes(type="category")
    return _layout(fig, title, height=90 + 38 * len(d))


def tren_kegiatan(df: pd.DataFrame, tahun_parsial: int | None, title: str, *, sampai: date | None = None) -> go.Figure:
    """Bars of claimed JP per employee in post and a line of the share who learned, per year. With `sampai`
    (the reference date of a running year) and the frame's _sd columns: every year counted to that day (the
    running year among them) beside the whole years, so part of a year is never drawn against whole years."""
    label = label_tahun(df["tahun"], tahun_parsial)
    fig = go.Figure()
    sd = sampai is not None and "rata_jp_klaim_sd" in df
    hari = f" s.d. {sampai.day} {fmt.BULAN[sampai.month - 1]}" if sd else ""
    if sd:
        penuh = df["tahun"] != tahun_parsial
        fig.add_bar(
            x=[x for x, p in zip(label, penuh) if p],
            y=df.loc[penuh, "rata_jp_klaim"],
            name="Rata-rata JP diklaim per pegawai, setahun penuh",
            marker_color="#a9cce3",
            hovertemplate="%{x}: %{y:,.1f} JP setahun penuh<extra></extra>",
        )
    fig.add_bar(
        x=label,
        y=df["rata_jp_klaim_sd" if sd else "rata_jp_klaim"],
        name="Rata-rata JP diklaim per pegawai" + hari,
        marker_color=WARNA[1],
        hovertemplate="%{x}: %{y:,.1f} JP" + hari + "<extra></extra>",
    )
    fig.add_scatter(
        x=label,
        y=df["persen_belajar_sd" if sd else "persen_belajar"],
        name="% pegawai ikut ≥ 1 kegiatan" + hari,
        yaxis="y2",
        mode="lines+markers",
        line={"color": WARNA[2], "width": 3},
        hovertemplate="%{x}: %{y:,.1f}%" + hari + "<extra></extra>",
    )
    _layout(fig, title, height=380 if sd else 360)
    with_percent_axis(fig, "JP per pegawai")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=label)
    return fig


def _legenda(fig: go.Figure) -> go.Figure:
    """A horizontal legend at the bottom of the figure, in a margin of its own: plotly keeps the axis
    and its labels above it at any width (a legend set at a fraction of the plot's height, y=-0.15,
    lands on the tick labels once the plot is short or the legend wraps to several rows)."""
    legenda = {"orientation": "h", "xref": "container", "x": 0, "yref": "container", "y": 0, "yanchor": "bottom"}
    return fig.update_layout(showlegend=True, legend=legenda)  # the whole width: fewer rows


def with_percent_axis(fig: go.Figure, left_title: str) -> go.Figure:
    """A legend below and a second, right-hand 0-100 % axis (for a share drawn over a JP measure)."""
    _legenda(fig)
    fig.update_layout(
        yaxis={"title": left_title, **ANGKA_SUMBU},
        yaxis2={
            "title": "% pegawai",
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "ticksuffix": "%",
            **SKALA_100,
            **ANGKA_SUMBU,
        },
    )
    return fig


def kelengkapan_bar(df: pd.DataFrame, title: str) -> go.Figure:
    """Bars of the share of employees with each key field filled."""
    d = df.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=d["persen"],
            y=etiket(d, nama="label", kode=None),
            orientation="h",
            marker_color=WARNA[3],
            text=[fmt.persen(p) for p in d["persen"]],
            textposition="auto",
            customdata=hover_nama(d, nama="label", kode=None),
            hovertemplate="%{customdata[0]}: %{x:,.1f}%<extra></extra>",
        )
    )
    fig.update_xaxes(ticksuffix="%", **SKALA_100)
    fig.update_yaxes(type="category")
    return _layout(fig, title, height=90 + 34 * len(d))
