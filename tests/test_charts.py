"""Chart builders are pure: a frame in, a figure out with the right traces, labels and axes."""

from __future__ import annotations

import pandas as pd

from analytics import charts, charts_jp


def test_tren_kegiatan_marks_partial_year_and_percent_axis():
    df = pd.DataFrame({"tahun": [2025, 2026], "rata_jp_klaim": [50.0, 30.0], "persen_belajar": [0.8, 0.5]})
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
            "persen": [0.56055, 0.43945],
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
