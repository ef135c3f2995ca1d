"""The province choropleth from a boundary file (analytics/peta.py): read, simplified, checked against
the dashboard's 38 provinces, drawn on plain axes (no geo subplot, so it draws offline) in the tile
map's colours. The real file lives beside the repository (../shared/geo, CC BY 4.0, not ours: never
copied in); without it those tests skip and the hand-made squares below still run."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import gambar, peta
from analytics.charts_wilayah import KOSONG, SKALA, SKALA_SELISIH, rentang, tata_letak, warna

GEOJSON = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "geo" / "indonesia-38-provinces.kemendagri-codes.geojson"
)
ARTIFACTS = Path(__file__).parent / "artifacts"
ATRIBUSI = "Batas provinsi: Indonesia GeoJSON & TopoJSON Maps (38 Provinces), denyherianto, CC BY 4.0"


def _asli() -> Path:
    if not GEOJSON.exists():
        pytest.skip(f"berkas batas wilayah bersama tidak ada: {GEOJSON}")
    return GEOJSON


def _kode() -> list[str]:
    return list(tata_letak()["kode"])


def _frame(batas: peta.Batas, kosong: tuple[str, ...] = ()) -> pd.DataFrame:
    kode = _kode()
    df = pd.DataFrame(
        {
            "kode": kode,
            "nama": [batas.nama.get(k, k) for k in kode],
            "nilai": np.linspace(40.0, 90.0, len(kode)),
            "pegawai": 1000,
        }
    )
    df.loc[df["kode"].isin(kosong), "nilai"] = np.nan
    return df


def _poligon(fig) -> dict:
    return {t.name: t for t in fig.data if t.fill == "toself"}


def _penanda(fig):
    (t,) = [t for t in fig.data if t.mode == "markers" and t.customdata is not None]
    return t


def _persegi(x: float, y: float, sisi: float, per_sisi: int = 1) -> list[list[float]]:
    """A closed square ring, `per_sisi` points along each side (corners included once)."""
    sudut = [(x, y), (x + sisi, y), (x + sisi, y + sisi), (x, y + sisi)]
    ring = []
    for (x0, y0), (x1, y1) in zip(sudut, sudut[1:] + sudut[:1]):
        for t in np.linspace(0, 1, per_sisi, endpoint=False):
            ring.append([x0 + t * (x1 - x0), y0 + t * (y1 - y0)])
    return ring + [ring[0]]


def _fitur(props: dict, *cincin, id=None) -> dict:
    geom = (
        {"type": "Polygon", "coordinates": [cincin[0]]}
        if len(cincin) == 1
        else {"type": "MultiPolygon", "coordinates": [[c] for c in cincin]}
    )
    f = {"type": "Feature", "properties": props, "geometry": geom}
    if id is not None:
        f["id"] = id
    return f


def _tulis(tmp_path: Path, data, nama: str = "batas.geojson") -> Path:
    p = tmp_path / nama
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


def _koleksi(*fitur, **lain) -> dict:
    return {"type": "FeatureCollection", "features": list(fitur), **lain}


# -- the real boundary file ---------------------------------------------------------------------------


def test_the_real_file_covers_the_dashboards_38_provinces():
    batas = peta.muat(_asli())
    hilang, asing = peta.cakupan(batas, _kode())
    assert len(_kode()) == 38
    assert hilang == [] and asing == []
    assert peta.pesan_cakupan(batas, {k: batas.nama[k] for k in _kode()}) == ""
    x0, y0, x1, y1 = batas.kotak
    assert 94 < x0 < 96 and 140 < x1 < 142 and -12 < y0 < -10 and 5 < y1 < 7  # Indonesia, in degrees
    for k in _kode():  # every marker lies inside its province's largest ring
        assert _dalam(batas.poligon[k][0], batas.titik[k]), k


def test_an_incomplete_copy_reports_exactly_the_missing_provinces(tmp_path):
    data = json.loads(_asli().read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["KODE_PROV"] not in ("93", "31")]
    batas = peta.muat(_tulis(tmp_path, data))
    assert peta.cakupan(batas, _kode()) == (["31", "93"], [])
    pesan = peta.pesan_cakupan(batas, {k: f"Provinsi {k}" for k in _kode()})
    assert pesan == "Batas wilayah tidak ada untuk: Provinsi 31 (31), Provinsi 93 (93)."


def test_the_figure_has_no_geo_subplot_and_stays_small():
    batas = peta.muat(_asli())
    fig = peta.choropleth(_frame(batas), batas, "Kepatuhan 20 JP", persen=True, atribusi=ATRIBUSI)
    assert {t.type for t in fig.data} == {"scatter"}  # no choropleth, scattergeo
    layout = fig.to_plotly_json()["layout"]
    assert not any(k.startswith("geo") for k in layout)
    teks = fig.to_json()
    ukuran = len(teks.encode("utf-8"))
    print(f"JSON peta batas: {ukuran / 1024:.1f} KB")
    assert ukuran < 250 * 1024
    dipakai = json.loads(teks)
    dipakai["layout"].pop("template", None)  # plotly's template styles every trace type, geo included
    assert "geo" not in json.dumps(dipakai) and "choropleth" not in json.dumps(dipakai)
    assert not layout["xaxis"]["visible"] and not layout["yaxis"]["visible"]
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert set(_poligon(fig)) == set(_kode())


def test_a_blank_value_is_grey_and_says_under_ten():
    batas = peta.muat(_asli())
    fig = peta.choropleth(_frame(batas, kosong=("94",)), batas, "Kepatuhan", persen=True)
    poligon = _poligon(fig)
    assert poligon["94"].fillcolor == KOSONG
    assert html.unescape(poligon["94"].text).endswith("<br>< 10")
    assert all(t.fillcolor != KOSONG for k, t in poligon.items() if k != "94")
    teks = {c[0]: html.unescape(c[2]) for c in _penanda(fig).customdata}
    assert teks["94"] == "< 10"
    assert teks["35"].endswith("%") and teks["35"][0].isdigit()


def test_the_colours_are_the_tile_maps():
    """The tile map's recipe (warna on rentang over the dashboard's 38 provinces), so both maps colour a
    value alike: a row of a code the dashboard does not know must not stretch the range."""
    batas = peta.muat(_asli())
    df = _frame(batas, kosong=("11",))
    asing = pd.concat([df, pd.DataFrame({"kode": ["99"], "nama": ["x"], "nilai": [0.0], "pegawai": [5]})])
    d = tata_letak().merge(df, on="kode", how="left")
    for selisih, skala in ((False, SKALA), (True, SKALA_SELISIH)):
        harap = dict(zip(d["kode"], warna(d["nilai"], rentang(d["nilai"], selisih=selisih, persen=True), skala)))
        poligon = _poligon(peta.choropleth(asing, batas, "x", persen=True, selisih=selisih))
        assert {k: t.fillcolor for k, t in poligon.items()} == harap
    assert harap["11"] == KOSONG and len(set(harap.values())) > 30


def test_one_selectable_marker_per_province_carries_its_code():
    batas = peta.muat(_asli())
    fig = peta.choropleth(_frame(batas), batas, "x", persen=False, terpilih="35")
    penanda = _penanda(fig)
    assert sorted(c[0] for c in penanda.customdata) == sorted(_kode())
    assert "%{customdata[1]}" in penanda.hovertemplate and "%{customdata[0]}" in penanda.hovertemplate
    assert fig.layout.clickmode == "event+select"
    poligon = _poligon(fig)
    assert poligon["35"].line.color != poligon["33"].line.color == peta.GARIS
    urutan = [t.name for t in fig.data if t.fill == "toself"]
    assert urutan[-1] == "35"  # the selected one on top, its outline whole


def test_the_attribution_is_written_under_the_map():
    batas = peta.muat(_asli())
    fig = peta.choropleth(_frame(batas), batas, "x", persen=True, atribusi=ATRIBUSI + " <b>")
    (catatan,) = fig.layout.annotations
    assert catatan.text == ATRIBUSI.replace("&", "&amp;") + " &lt;b&gt;"
    assert catatan.y == 0 and catatan.yanchor == "top"
    assert not peta.choropleth(_frame(batas), batas, "x", persen=True).layout.annotations


def test_the_real_map_draws_offline_as_png():
    if gambar.browser() is None:
        pytest.skip("Chromium tidak terpasang")
    batas = peta.muat(_asli())
    fig = peta.choropleth(
        _frame(batas, kosong=("94",)),
        batas,
        "Kepatuhan 20 JP per provinsi",
        persen=True,
        terpilih="35",
        atribusi=ATRIBUSI,
    )
    png = gambar.gambar(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 50_000  # a drawn map, not a blank page
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "peta_batas.png").write_bytes(png)


# -- hand-made files ----------------------------------------------------------------------------------


def test_simplification_keeps_a_squares_four_corners():
    ring = np.array(_persegi(110.0, -7.0, 1.0, per_sisi=25))
    ring[1:-1] += np.random.default_rng(1).uniform(-0.004, 0.004, ring[1:-1].shape)  # wobble under the tolerance
    ring[[0, 25, 50, 75]] = [[110, -7], [111, -7], [111, -6], [110, -6]]
    ring[-1] = ring[0]
    halus = peta.sederhanakan(ring)
    assert halus.tolist() == [[110, -7], [111, -7], [111, -6], [110, -6], [110, -7]]


def test_a_square_smaller_than_the_tolerance_keeps_its_corners(tmp_path):
    ring = _persegi(115.0, -8.0, 0.005, per_sisi=3)  # 0.005° < 0.02°: Douglas-Peucker alone keeps one point
    assert len(peta.sederhanakan(ring)) == 5
    assert np.allclose(
        peta.sederhanakan(ring)[[0, 1, 2, 3]], [[115, -8], [115.005, -8], [115.005, -7.995], [115, -7.995]]
    )
    batas = peta.muat(_tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "31"}, ring))))
    assert len(batas.poligon["31"]) == 1 and len(batas.poligon["31"][0]) == 5  # its only ring: never dropped


def test_tiny_islands_are_dropped_but_not_the_province(tmp_path):
    besar, pulau = _persegi(100.0, 0.0, 2.0), _persegi(103.0, 0.0, 0.01)
    batas = peta.muat(_tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "14", "PROVINSI": "Riau"}, pulau, besar))))
    assert len(batas.poligon["14"]) == 1
    assert batas.poligon["14"][0][:, 0].min() == 100.0
    assert batas.nama == {"14": "Riau"}
    assert batas.kotak == (100.0, 0.0, 102.0, 2.0)


def test_code_property_found_and_zero_padded(tmp_path):
    berkas = _koleksi(
        _fitur({"kode": 11, "id": "99"}, _persegi(95, 4, 1)),
        _fitur({"kode": "1"}, _persegi(97, 4, 1)),
        _fitur({"kode": 12.0}, _persegi(98, 2, 1)),
    )
    batas = peta.muat(_tulis(tmp_path, berkas))
    assert sorted(batas.poligon) == ["01", "11", "12"]  # `kode` comes before `id`
    dengan_id = _koleksi(_fitur({}, _persegi(95, 4, 1), id=51), _fitur({}, _persegi(97, 4, 1), id="52"))
    assert sorted(peta.muat(_tulis(tmp_path, dengan_id, "id.geojson")).poligon) == ["51", "52"]


def test_features_of_one_code_are_merged_and_unknown_codes_reported(tmp_path):
    berkas = _koleksi(
        _fitur({"KODE_PROV": "51"}, _persegi(115, -9, 1)),
        _fitur({"KODE_PROV": "51"}, _persegi(117, -9, 1), _persegi(119, -9, 1)),
        _fitur({"KODE_PROV": "99", "nama": "Provinsi Uji"}, _persegi(121, -9, 1)),
    )
    batas = peta.muat(_tulis(tmp_path, berkas))
    assert len(batas.poligon["51"]) == 3
    hilang, asing = peta.cakupan(batas, _kode())
    assert asing == ["99"] and len(hilang) == 37 and "51" not in hilang
    df = pd.DataFrame({"kode": ["51"], "nama": ["Bali"], "nilai": [70.0], "pegawai": [500]})
    fig = peta.choropleth(df, batas, "x", persen=True)
    assert [c[0] for c in _penanda(fig).customdata] == ["51"]  # no marker (no filter) for an unknown code
    assert _poligon(fig)["99"].fillcolor == KOSONG and _poligon(fig)["99"].hoverinfo == "skip"
    x = list(_poligon(fig)["51"].x)
    assert x.count(None) == 2  # three rings in one trace


def test_names_are_escaped_for_plotly(tmp_path):
    batas = peta.muat(_tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "51"}, _persegi(115, -9, 1)))))
    df = pd.DataFrame({"kode": ["51"], "nama": ["<b>Bali</b> & co"], "nilai": [np.nan], "pegawai": [0]})
    fig = peta.choropleth(df, batas, "x", persen=True)
    assert _penanda(fig).customdata[0][1] == "&lt;b&gt;Bali&lt;/b&gt; &amp; co"
    assert _penanda(fig).customdata[0][2] == "–"  # no employees in scope, not a small cell
    assert "<b>Bali</b>" not in _poligon(fig)["51"].text


def test_the_marker_of_a_bent_province_lies_inside_it(tmp_path):
    u = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]  # a U: its centroid is outside
    batas = peta.muat(_tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "72"}, [[110 + x, y - 2] for x, y in u]))))
    ring = batas.poligon["72"][0]
    x, y = batas.titik["72"]
    assert _dalam(ring, (x, y))
    assert not _dalam(ring, (111.5, -0.5))  # the notch of the U


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        ("bukan json {", "bukan JSON"),
        (b"\xff\xfe\x00garbage", "bukan JSON"),
        ('{"type": "Feature", "properties": {}, "geometry": null}', "bukan GeoJSON FeatureCollection"),
        ("[1, 2, 3]", "bukan GeoJSON FeatureCollection"),
        ('{"type": "Topology", "objects": {}}', "TopoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "tidak berisi fitur"),
        (_koleksi(_fitur({"PROVINSI": "Bali"}, _persegi(115, -9, 1))), "tidak memiliki properti kode provinsi"),
        (_koleksi(_fitur({"KODE_PROV": "3501"}, _persegi(115, -9, 1))), "bukan kode provinsi Kemendagri dua angka"),
        (_koleksi(_fitur({"KODE_PROV": "51"}, _persegi(12_800_000, -1_000_000, 5000))), "bukan derajat bujur/lintang"),
        (
            _koleksi(
                {
                    "type": "Feature",
                    "properties": {"KODE_PROV": "51"},
                    "geometry": {"type": "Point", "coordinates": [1, 2]},
                }
            ),
            "tidak berisi poligon",
        ),
    ],
)
def test_unusable_files_say_why_in_indonesian(tmp_path, isi, pesan):
    p = tmp_path / "batas.geojson"
    if isinstance(isi, bytes):
        p.write_bytes(isi)
    else:
        p.write_text(isi if isinstance(isi, str) else json.dumps(isi), encoding="utf-8")
    with pytest.raises(peta.BatasError, match=pesan):
        peta.muat(p)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(peta.BatasError, match="tidak ditemukan"):
        peta.muat(tmp_path / "tidak-ada.geojson")


def test_reread_when_the_file_changes(tmp_path):
    p = _tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "51"}, _persegi(115, -9, 1))))
    pertama = peta.muat(p)
    assert peta.muat(p) is pertama  # cached
    _tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "52"}, _persegi(116, -9, 1))))
    os.utime(p, ns=(os.stat(p).st_atime_ns, os.stat(p).st_mtime_ns + 1_000_000_000))
    assert sorted(peta.muat(p).poligon) == ["52"]


def test_the_settings_choose_the_file_and_its_attribution(tmp_path, monkeypatch):
    monkeypatch.delenv("SMARTASN_GEOJSON", raising=False)
    monkeypatch.delenv("SMARTASN_GEOJSON_ATRIBUSI", raising=False)
    assert peta.dari_pengaturan() is None
    p = _tulis(tmp_path, _koleksi(_fitur({"KODE_PROV": "51"}, _persegi(115, -9, 1)), attribution="dari berkas"))
    monkeypatch.setenv("SMARTASN_GEOJSON", str(p))
    assert peta.dari_pengaturan().atribusi == "dari berkas"
    monkeypatch.setenv("SMARTASN_GEOJSON_ATRIBUSI", "© Contoh, CC BY 4.0")
    batas = peta.dari_pengaturan()
    assert batas.atribusi == "© Contoh, CC BY 4.0"
    df = pd.DataFrame({"kode": ["51"], "nama": ["Bali"], "nilai": [70.0], "pegawai": [500]})
    assert peta.choropleth(df, batas, "x", persen=True).layout.annotations[0].text == "© Contoh, CC BY 4.0"
    monkeypatch.setenv("SMARTASN_GEOJSON", str(tmp_path / "hilang.geojson"))
    with pytest.raises(peta.BatasError, match="tidak ditemukan"):
        peta.dari_pengaturan()


def _dalam(ring: np.ndarray, titik: tuple[float, float]) -> bool:
    """Even-odd point-in-polygon, independent of the module's own."""
    x, y = titik
    dalam = False
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            dalam = not dalam
    return dalam
