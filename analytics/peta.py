"""The province choropleth from a boundary file a deployment supplies (SMARTASN_GEOJSON): a GeoJSON
FeatureCollection of the provinces keyed by Kemendagri 2-digit codes. The repository ships no such
file (the tile map of analytics/charts_wilayah.py is the default).

Each province is drawn as filled polygons on ordinary x/y axes (longitude, latitude), never with
plotly's geo subplot: that fetches a world topojson from a CDN and is blank offline. The rings are
simplified when the file is read (Douglas-Peucker, ~2 km) so a figure stays small; holes are left
out (a province inside another is drawn after it, so on top). The colours, the grey of a small cell
and the value texts are the tile map's own (`warna`, `rentang`, `teks_nilai`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import fmt
from analytics.charts import _layout, aman
from analytics.charts_wilayah import SKALA, SKALA_SELISIH, kurang, rentang, skala_warna, tata_letak, teks_nilai, warna
from analytics.settings import load_settings

# the property holding the province code: the first of these a feature has
KUNCI_KODE = ("KODE_PROV", "kode", "kode_prov", "id", "KODE")
# the province's name in the file (only for codes the dashboard does not know, and messages)
KUNCI_NAMA = ("PROVINSI", "NAMA_KEMENDAGRI", "nama", "NAMA", "nama_prov", "NAMA_PROV", "provinsi", "name", "NAME_1")
TOLERANSI = 0.02  # degrees (~2 km): finer than a province's pixel on a 1920 px wide figure
MIN_TITIK = 4  # a simplified ring keeps at least this many distinct points
LUAS_MIN = 1e-3  # degrees² (~12 km²): smaller islands are left out (a province's largest ring never is)
DESIMAL = 3  # coordinates in the figure: 0.001° (~110 m)
GARIS = "#ffffff"  # the border between provinces
GARIS_TERPILIH = "#222222"


class BatasError(ValueError):
    """The boundary file cannot be used (the message, in Indonesian, says why)."""


@dataclass(frozen=True, eq=False)
class Batas:
    """A boundary file, read and simplified: per province code its rings (closed (n, 2) arrays of
    longitude, latitude; largest first), its name in the file, its area (degrees²) and a point inside
    it for the hover marker; the bounding box (x0, y0, x1, y1) and the attribution to show."""

    poligon: Mapping[str, tuple[np.ndarray, ...]]
    nama: Mapping[str, str]
    luas: Mapping[str, float]
    titik: Mapping[str, tuple[float, float]]
    kotak: tuple[float, float, float, float]
    atribusi: str = ""
    sumber: str = ""


def muat(path: str | Path) -> Batas:
    """Read a province boundary file (cached per path and modification time); BatasError when it is
    missing, not JSON, not a FeatureCollection, or without a province code property."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError:
        raise BatasError(f"Berkas batas wilayah tidak ditemukan: {p}") from None
    if not p.is_file():
        raise BatasError(f"Berkas batas wilayah bukan berkas: {p}")
    return _muat(str(p.resolve()), st.st_mtime_ns, st.st_size)


def dari_pengaturan() -> Batas | None:
    """The boundary file of the SMARTASN_GEOJSON setting (None when it is not set), with the
    attribution of SMARTASN_GEOJSON_ATRIBUSI when that is set (else the file's own, if any)."""
    s = load_settings()
    if not s.geojson.strip():
        return None
    batas = muat(s.geojson.strip())
    return replace(batas, atribusi=s.geojson_atribusi.strip()) if s.geojson_atribusi.strip() else batas


def cakupan(batas: Batas, kode: Iterable[str]) -> tuple[list[str], list[str]]:
    """(the dashboard's codes the file has no polygon for, the file's codes the dashboard does not know)."""
    dasbor = list(dict.fromkeys(str(k) for k in kode))
    hilang = sorted(k for k in dasbor if k not in batas.poligon)
    asing = sorted(k for k in batas.poligon if k not in set(dasbor))
    return hilang, asing


def pesan_cakupan(batas: Batas, nama: Mapping[str, str]) -> str:
    """What a page says when the file does not cover the dashboard's provinces (`nama`: code -> name);
    empty when it covers them all."""
    hilang, asing = cakupan(batas, nama)
    kalimat = []
    if hilang:
        kalimat.append("Batas wilayah tidak ada untuk: " + ", ".join(f"{nama[k]} ({k})" for k in hilang) + ".")
    if asing:
        daftar = ", ".join(f"{batas.nama[k]} ({k})" if batas.nama.get(k) else k for k in asing)
        kalimat.append("Kode di berkas batas yang tidak dikenal dasbor: " + daftar + ".")
    return " ".join(kalimat)


def choropleth(
    df: pd.DataFrame,
    batas: Batas,
    title: str,
    *,
    persen: bool,
    selisih: bool = False,
    terpilih: str | None = None,
    atribusi: str = "",
) -> go.Figure:
    """Each province of `batas` filled by `nilai` (df: kode, nama, nilai, pegawai, the frame of
    charts_wilayah.peta_tile) on the tile map's scale; a province absent from df or blank (small cell)
    is grey and says '< 10' (or '–' when it has no employees in scope). `terpilih` is outlined. One
    selectable marker per province inside it carries the hover and customdata[0] = kode (click to
    filter); `atribusi` (else the file's) is written under the map."""
    d = df.copy()
    d["kode"] = d["kode"].astype(str)
    skala = SKALA_SELISIH if selisih else SKALA
    # the range over the tile map's own provinces, so both maps colour a value alike
    r = rentang(tata_letak().merge(d, on="kode", how="left")["nilai"], selisih=selisih, persen=persen)
    baris = d.drop_duplicates("kode").set_index("kode")
    sedikit = dict(zip(baris.index, kurang(baris, selisih=selisih)))  # blank for too little data
    dikenal = set(tata_letak()["kode"]) | set(baris.index)

    def nilai_teks(k: str) -> tuple[object, str]:
        if k not in baris.index:
            return np.nan, "–"
        v = baris.at[k, "nilai"]
        ada = "pegawai" not in baris.columns or (not fmt.kosong(baris.at[k, "pegawai"]) and baris.at[k, "pegawai"] > 0)
        if sedikit[k]:
            return v, sedikit[k]
        return v, teks_nilai(v, persen=persen, selisih=selisih) if ada or not fmt.kosong(v) else "–"

    def nama(k: str) -> str:
        n = baris.at[k, "nama"] if k in baris.index and "nama" in baris.columns else None
        return str(n) if not fmt.kosong(n) else batas.nama.get(k) or k

    urut = sorted(batas.poligon, key=lambda k: (k == terpilih, -batas.luas[k], k))  # big first, selected last
    fig = go.Figure()
    penanda = []
    for k in urut:
        v, teks = nilai_teks(k)
        isi = warna([v], r, skala)[0]
        x, y = _jalur(batas.poligon[k])
        label = f"<b>{aman(nama(k))}</b> ({aman(k)})<br>{aman(teks)}"
        fig.add_scatter(
            x=x,
            y=y,
            mode="lines",
            fill="toself",
            fillcolor=isi,
            line={"color": GARIS_TERPILIH if k == terpilih else GARIS, "width": 1.6 if k == terpilih else 0.6},
            name=k,
            text=label,
            hoveron="fills",
            hoverinfo="text" if k in dikenal else "skip",
        )
        if k in dikenal:
            penanda.append((k, nama(k), teks))
    penanda.sort()
    fig.add_scatter(
        x=[batas.titik[k][0] for k, _, _ in penanda],
        y=[batas.titik[k][1] for k, _, _ in penanda],
        mode="markers",
        name="provinsi",
        marker={
            "size": [9 if k == terpilih else 6 for k, _, _ in penanda],
            "color": "rgba(255,255,255,0.6)",
            "line": {"width": 1, "color": "rgba(34,34,34,0.45)"},
        },
        customdata=[[k, aman(n), aman(t)] for k, n, t in penanda],  # '< 10' shown, not read as a tag
        hovertemplate="<b>%{customdata[1]}</b> (%{customdata[0]})<br>%{customdata[2]}<extra></extra>",
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 1}},
    )
    skala_warna(fig, skala, r, persen=persen and not selisih, panjang=0.6)
    _layout(fig, title, height=400)
    x0, y0, x1, y1 = batas.kotak
    tepi = 0.02 * max(x1 - x0, y1 - y0)
    # one degree as long both ways (Indonesia lies on the equator); the axes' box shrinks to the map, so
    # the attribution under it sits under the map at any width
    fig.update_xaxes(visible=False, range=[x0 - tepi, x1 + tepi], constrain="domain")
    fig.update_yaxes(visible=False, range=[y0 - tepi, y1 + tepi], scaleanchor="x", scaleratio=1, constrain="domain")
    teks_atribusi = (atribusi or batas.atribusi).strip()
    fig.update_layout(
        dragmode=False,
        clickmode="event+select",
        hovermode="closest",
        margin={"l": 4, "r": 4, "t": 48, "b": 26 if teks_atribusi else 4},
    )
    if teks_atribusi:
        fig.add_annotation(
            text=aman(teks_atribusi),
            xref="x domain",
            yref="y domain",
            x=0,
            y=0,
            xanchor="left",
            yanchor="top",
            yshift=-4,
            showarrow=False,
            font={"size": 9, "color": "#666666"},
        )
    return fig


def sederhanakan(cincin, toleransi: float = TOLERANSI, minimum: int = MIN_TITIK) -> np.ndarray:
    """A ring (closed or not) simplified by Douglas-Peucker to `toleransi`, closed, with at least
    `minimum` distinct points (the tolerance shrinks for a ring smaller than it) or all it has."""
    titik = np.asarray(cincin, dtype=float)[:, :2]
    if len(titik) > 1:
        beda = np.any(np.diff(titik, axis=0) != 0, axis=1)
        titik = titik[np.concatenate([[True], beda])]  # repeated points out
    if len(titik) > 1 and np.array_equal(titik[0], titik[-1]):
        titik = titik[:-1]
    cincin = np.vstack([titik, titik[:1]])
    if len(titik) <= minimum:
        return cincin
    tol = toleransi
    while True:
        simpan = _dp(cincin, tol)
        if simpan.sum() - 1 >= minimum or tol < 1e-12:
            return cincin[simpan]
        tol /= 4


def _dp(titik: np.ndarray, tol: float) -> np.ndarray:
    """Douglas-Peucker on a polyline: which points to keep (both ends always)."""
    simpan = np.zeros(len(titik), dtype=bool)
    simpan[0] = simpan[-1] = True
    tumpuk = [(0, len(titik) - 1)]
    while tumpuk:
        i, j = tumpuk.pop()
        if j - i < 2:
            continue
        a, ab, p = titik[i], titik[j] - titik[i], titik[i + 1 : j]
        panjang = float(ab @ ab)
        t = np.clip((p - a) @ ab / panjang, 0.0, 1.0) if panjang > 0 else np.zeros(len(p))
        jarak = np.hypot(*(p - a - t[:, None] * ab).T)  # to the segment (to a point when the ends meet)
        m = int(np.argmax(jarak))
        if jarak[m] > tol:
            simpan[i + 1 + m] = True
            tumpuk += [(i, i + 1 + m), (i + 1 + m, j)]
    return simpan


def _luas(cincin: np.ndarray) -> float:
    x, y = cincin[:, 0], cincin[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _titik_dalam(cincin: np.ndarray) -> tuple[float, float]:
    """A point inside the ring for its marker: the centroid, or, when that falls outside (a bent
    province), the middle of the widest stretch of the ring along the centroid's latitude."""
    x, y = cincin[:-1, 0], cincin[:-1, 1]
    x2, y2 = np.roll(x, -1), np.roll(y, -1)
    silang = x * y2 - x2 * y
    a = silang.sum() / 2
    if abs(a) < 1e-12:
        return float(x.mean()), float(y.mean())
    cx, cy = float(((x + x2) * silang).sum() / (6 * a)), float(((y + y2) * silang).sum() / (6 * a))
    lintas = (y <= cy) != (y2 <= cy)
    xs = np.sort(x[lintas] + (cy - y[lintas]) * (x2[lintas] - x[lintas]) / (y2[lintas] - y[lintas]))
    if len(xs) < 2:
        return cx, cy
    if (xs > cx).sum() % 2 == 1:  # inside (even-odd)
        return cx, cy
    pasang = xs[: len(xs) // 2 * 2].reshape(-1, 2)
    lebar = int(np.argmax(pasang[:, 1] - pasang[:, 0]))
    return float(pasang[lebar].mean()), cy


def _jalur(cincin: tuple[np.ndarray, ...]) -> tuple[list, list]:
    """The rings as one line with None between them (one trace per province)."""
    x: list = []
    y: list = []
    for c in cincin:
        if x:
            x.append(None)
            y.append(None)
        x += np.round(c[:, 0], DESIMAL).tolist()
        y += np.round(c[:, 1], DESIMAL).tolist()
    return x, y


def _kode(nilai) -> str | None:
    """A Kemendagri province code as 2-digit text ('11', 11, 11.0 -> '11'; '1' -> '01'), else None."""
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int):
        s = str(nilai)
    elif isinstance(nilai, float) and nilai.is_integer():
        s = str(int(nilai))
    elif isinstance(nilai, str):
        s = nilai.strip().removesuffix(".0")
    else:
        return None
    return s.zfill(2) if s.isascii() and s.isdigit() and 1 <= len(s) <= 2 else None


def _cincin_luar(geom, nomor: int, berkas: str) -> list[np.ndarray]:
    """The outer rings of a Polygon, MultiPolygon or GeometryCollection (other geometries: none)."""
    if not isinstance(geom, dict):
        return []
    jenis = geom.get("type")
    if jenis == "GeometryCollection":
        return [c for g in geom.get("geometries") or [] for c in _cincin_luar(g, nomor, berkas)]
    if jenis not in ("Polygon", "MultiPolygon"):
        return []
    koordinat = geom.get("coordinates") or []
    poligon = [koordinat] if jenis == "Polygon" else koordinat
    out = []
    for p in poligon:
        if not p:
            continue
        try:
            c = np.asarray(p[0], dtype=float)
        except (TypeError, ValueError):
            raise BatasError(f"Koordinat fitur ke-{nomor} di {berkas} tidak terbaca.") from None
        if c.ndim != 2 or c.shape[1] < 2:
            raise BatasError(f"Koordinat fitur ke-{nomor} di {berkas} tidak terbaca.")
        if len(c) < 3 or not np.isfinite(c[:, :2]).all():
            continue
        if (np.abs(c[:, 0]) > 180).any() or (np.abs(c[:, 1]) > 90).any():
            raise BatasError(
                f"Koordinat fitur ke-{nomor} di {berkas} bukan derajat bujur/lintang (WGS84, EPSG:4326); "
                "ubah proyeksinya dulu."
            )
        out.append(c[:, :2])
    return out


@lru_cache(maxsize=8)
def _muat(path: str, mtime_ns: int, ukuran: int) -> Batas:
    berkas = Path(path).name
    try:
        data = json.loads(Path(path).read_bytes())
    except json.JSONDecodeError as e:
        raise BatasError(
            f"Berkas batas wilayah {berkas} bukan JSON: {e.msg} (baris {e.lineno}, kolom {e.colno})."
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BatasError(f"Berkas batas wilayah {berkas} bukan JSON.") from None
    jenis = data.get("type") if isinstance(data, dict) else None
    if jenis == "Topology":
        raise BatasError(f"Berkas batas wilayah {berkas} berupa TopoJSON; ubah dulu ke GeoJSON FeatureCollection.")
    if jenis != "FeatureCollection":
        raise BatasError(
            f"Berkas batas wilayah {berkas} bukan GeoJSON FeatureCollection"
            + (f" (type: {jenis})." if isinstance(jenis, str) else ".")
        )
    fitur = [f for f in data.get("features") or [] if isinstance(f, dict)]
    if not fitur:
        raise BatasError(f"Berkas batas wilayah {berkas} tidak berisi fitur.")

    def sifat(f: dict) -> dict:
        p = f.get("properties")
        p = dict(p) if isinstance(p, dict) else {}
        if "id" not in p and f.get("id") is not None:
            p["id"] = f["id"]  # GeoJSON's own feature id
        return p

    semua = [sifat(f) for f in fitur]
    kunci = next((k for k in KUNCI_KODE if any(p.get(k) is not None for p in semua)), None)
    if kunci is None:
        raise BatasError(
            f"Berkas batas wilayah {berkas} tidak memiliki properti kode provinsi (salah satu dari: "
            + ", ".join(KUNCI_KODE)
            + ")."
        )
    cincin: dict[str, list[np.ndarray]] = {}
    nama: dict[str, str] = {}
    for i, (f, p) in enumerate(zip(fitur, semua), start=1):
        kode = _kode(p.get(kunci))
        if kode is None:
            raise BatasError(
                f"Fitur ke-{i} di {berkas}: properti {kunci} = {p.get(kunci)!r} bukan kode provinsi Kemendagri "
                "dua angka."
            )
        cincin.setdefault(kode, []).extend(_cincin_luar(f.get("geometry"), i, berkas))
        n = next((p[k] for k in KUNCI_NAMA if isinstance(p.get(k), str) and p[k].strip()), None)
        if n and kode not in nama:
            nama[kode] = " ".join(n.split())
    poligon: dict[str, tuple[np.ndarray, ...]] = {}
    luas: dict[str, float] = {}
    titik: dict[str, tuple[float, float]] = {}
    for kode, daftar in cincin.items():
        if not daftar:
            continue
        diukur = sorted(((_luas(c), c) for c in daftar), key=lambda t: -t[0])
        dipakai = [c for j, (a, c) in enumerate(diukur) if j == 0 or a >= LUAS_MIN]
        halus = []
        for c in dipakai:
            s = sederhanakan(c)
            s.setflags(write=False)
            halus.append(s)
        poligon[kode] = tuple(halus)
        luas[kode] = sum(a for a, _ in diukur)
        titik[kode] = _titik_dalam(halus[0])
    if not poligon:
        raise BatasError(f"Berkas batas wilayah {berkas} tidak berisi poligon (Polygon/MultiPolygon).")
    xy = np.vstack([c for cs in poligon.values() for c in cs])
    kotak = (float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max()))
    atribusi = next((data[k] for k in ("atribusi", "attribution") if isinstance(data.get(k), str)), "")
    return Batas(
        poligon=MappingProxyType(poligon),
        nama=MappingProxyType(nama),
        luas=MappingProxyType(luas),
        titik=MappingProxyType(titik),
        kotak=kotak,
        atribusi=atribusi.strip(),
        sumber=path,
    )
