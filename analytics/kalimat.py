"""Analytics results as Indonesian sentences: the executive summary of a briefing.

Every number in a sentence is a `Fakta`: the text it shows, and where it comes from in the report
CLI's terms (topic jp/ipasn/smart, year, level, group kode, column), so a test can recompute each
figure with `python -m analytics report` for the same scope and find it in the sentence. A fact is a
column's value ('nilai'), the change of that column from the year before ('selisih'), or a share of
counts in one row ('bagian': 100 * sum of `kolom` / `per`). Sentences take the same frames the pages
and the report CLI read (jp/ipasn/smart.per_kelompok), nothing computed aside. A unit's figure summed
over its whole subtree is the report's figure with the --unor filter (Fakta.unor).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb
import pandas as pd

from analytics import dimensions, fmt, ipasn, jp, peringkat, privacy, smart
from analytics.charts_ipasn import KOMPONEN
from analytics.filters import Scope
from analytics.rules import Rules

HILANG = {
    c.removeprefix("hilang_"): nama.lower().replace(" · ", " (") + (")" if " · " in nama else "")
    for c, nama, _ in KOMPONEN
}


@dataclass(frozen=True)
class Fakta:
    """One number of a sentence: `teks` as shown, `nilai` unrounded, and its report-CLI origin."""

    teks: str
    nilai: float
    laporan: str  # report topic: jp | ipasn | smart
    tahun: int
    by: str  # report level
    kode: str  # the group row (kode column)
    kolom: tuple[str, ...]  # the column(s) read
    cara: str = "nilai"  # nilai | selisih (this year minus the year before) | bagian (100 * sum(kolom) / per)
    per: str | None = None
    unor: int | None = None  # the report's --unor filter: a unit's whole subtree (with by="nasional")


@dataclass(frozen=True)
class Kalimat:
    teks: str
    fakta: tuple[Fakta, ...]


def anak(scope: Scope) -> str:
    """The level one step below the scope: provinces for the nation, agencies for a province, units
    for an agency or a unit."""
    if scope.unor_id is not None or scope.instansi_id is not None:
        return "unor"
    if scope.provinsi_kode is not None or scope.kabkota_kode is not None:
        return "instansi"
    return "provinsi"


def _row(df: pd.DataFrame) -> pd.Series | None:
    return None if df.empty else df.iloc[0]


def _ada(value) -> bool:
    return not fmt.kosong(value)


def _naik(fakta: Fakta, satuan: str) -> str:
    """'naik 4,1 poin dari 2025' / 'turun …' / 'sama dengan 2025' for a 'selisih' fact."""
    if fakta.teks in ("0", "0,0", "0,00"):
        return f"sama dengan {fakta.tahun - 1}"
    arah = "naik" if fakta.nilai > 0 else "turun"
    return f"{arah} {fakta.teks}{satuan} dari {fakta.tahun - 1}"


def _selisih(nilai: float, lalu: float, desimal: int, **origin) -> Fakta:
    d = nilai - lalu
    return Fakta(fmt.angka(abs(d), desimal), d, cara="selisih", **origin)


def ringkasan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> list[Kalimat]:
    """The executive summary of `scope` for scope.tahun: 20 JP (with the change from the year before and
    the weakest group one level down), the 10:20:70 mix, IP ASN, Smart ASN against its target, and the
    groups furthest behind at the level a leader acts on (analytics.peringkat). Groups smaller than the
    small-cell minimum are never named."""
    t = scope.tahun
    lalu = replace(scope, tahun=t - 1)
    out: list[Kalimat] = []
    ambang = fmt.angka(rules.jp.ambang_tahunan)
    bawah = anak(scope)

    nas = _row(jp.per_kelompok(con, scope=scope, rules=rules, by="nasional"))
    if nas is None or not nas["pegawai"]:
        return [Kalimat(f"Tidak ada pegawai pada cakupan ini untuk tahun {t}.", ())]
    j = {"laporan": "jp", "tahun": t, "by": "nasional", "kode": "ID"}
    p = Fakta(fmt.persen(nas["persen_memenuhi"]), nas["persen_memenuhi"], kolom=("persen_memenuhi",), **j)
    n = Fakta(fmt.angka(nas["memenuhi"]), nas["memenuhi"], kolom=("memenuhi",), **j)
    total = Fakta(fmt.angka(nas["pegawai"]), nas["pegawai"], kolom=("pegawai",), **j)
    fakta = [p, n, total]
    teks = f"{p.teks} ASN ({n.teks} dari {total.teks} pegawai) memenuhi {ambang} JP pada {t}"
    keterangan = [f"tahun berjalan, per {fmt.tanggal(ref)}"] if t == ref.year else []
    sebelum = _row(jp.per_kelompok(con, scope=lalu, rules=rules, by="nasional"))
    if t - 1 >= dimensions.FIRST_YEAR and sebelum is not None and _ada(sebelum["persen_memenuhi"]):
        d = _selisih(nas["persen_memenuhi"], sebelum["persen_memenuhi"], 1, kolom=("persen_memenuhi",), **j)
        fakta.append(d)
        keterangan.append(_naik(d, " poin") + (" yang setahun penuh" if t == ref.year else ""))
    if keterangan:
        teks += f" ({'; '.join(keterangan)})"
    g = jp.per_kelompok(con, scope=scope, rules=rules, by=bawah, median=False).dropna(subset=["persen_memenuhi"])
    g = g[g["pegawai"] >= privacy.MIN_SEL]
    if len(g) > 1:
        low = g.sort_values(["persen_memenuhi", "pegawai"], ascending=[True, False]).iloc[0]
        f = Fakta(
            fmt.persen(low["persen_memenuhi"]),
            low["persen_memenuhi"],
            "jp",
            t,
            bawah,
            str(low["kode"]),
            ("persen_memenuhi",),
        )
        fakta.append(f)
        teks += f"; terendah menurut {dimensions.TINGKAT[bawah].lower()}: {low['nama']} ({f.teks})"
    out.append(Kalimat(teks + ".", tuple(fakta)))

    if _ada(nas["mix_10"]):
        mix = [Fakta(fmt.persen(nas[c]), nas[c], kolom=(c,), **j) for c in ("mix_10", "mix_20", "mix_70")]
        target = rules.model_10_20_70.target
        out.append(
            Kalimat(
                f"Komposisi JP terkredit: {mix[0].teks} klasikal, {mix[1].teks} belajar dari orang lain, "
                f"{mix[2].teks} belajar dari pengalaman kerja (target "
                + ":".join(fmt.angka(target[k]) for k in ("kelas_10", "kelas_20", "kelas_70"))
                + ").",
                tuple(mix),
            )
        )

    if t >= ipasn.first_year(rules):
        out += _ipasn(con, scope, lalu, t)
    out += _smart(con, scope, rules, t)
    out += _unit(con, scope, rules, t)
    return out


def _ipasn(con, scope: Scope, lalu: Scope, t: int) -> list[Kalimat]:
    ip = _row(ipasn.per_kelompok(con, scope=scope, by="nasional"))
    if ip is None or not ip["lengkap"]:
        return []
    o = {"laporan": "ipasn", "tahun": t, "by": "nasional", "kode": "ID"}
    rata = Fakta(fmt.angka(ip["rata_ipasn"], 1), ip["rata_ipasn"], kolom=("rata_ipasn",), **o)
    fakta = [rata]
    teks = f"Rata-rata IP ASN {t}: {rata.teks}"
    sebelum = _row(ipasn.per_kelompok(con, scope=lalu, by="nasional"))
    if sebelum is not None and _ada(sebelum["rata_ipasn"]):
        d = _selisih(ip["rata_ipasn"], sebelum["rata_ipasn"], 1, kolom=("rata_ipasn",), **o)
        fakta.append(d)
        teks += f" ({_naik(d, '')})"

    def bagian(kolom: tuple[str, ...], per: str) -> Fakta:
        n = sum(ip[c] for c in kolom)
        return Fakta(fmt.bagian(n, ip[per]), 100 * n / ip[per], kolom=kolom, cara="bagian", per=per, **o)

    tinggi = bagian(("sangat_tinggi", "tinggi"), "lengkap")
    sr = bagian(("sangat_rendah",), "lengkap")
    lengkap = bagian(("lengkap",), "pegawai")
    fakta += [tinggi, sr, lengkap]
    teks += (
        f"; {tinggi.teks} pegawai berdata lengkap berkategori Tinggi atau Sangat Tinggi dan {sr.teks} Sangat Rendah "
        f"(data lengkap: {lengkap.teks} pegawai)."
    )
    out = [Kalimat(teks, tuple(fakta))]
    hilang = {d: ip[f"hilang_{d}"] for d in ipasn.LOST if _ada(ip[f"hilang_{d}"])}
    if hilang:
        dim = max(hilang, key=hilang.get)
        h = Fakta(fmt.angka(hilang[dim], 1), hilang[dim], kolom=(f"hilang_{dim}",), **o)
        out.append(Kalimat(f"Poin IP ASN paling banyak hilang pada {HILANG[dim]}: rata-rata {h.teks} poin.", (h,)))
    return out


def _smart(con, scope: Scope, rules: Rules, t: int) -> list[Kalimat]:
    sm_df = smart.per_kelompok(con, scope=scope, by="nasional")
    sm = _row(sm_df)
    if sm is None or not sm["pegawai"] or not _ada(sm["persen_siap"]):
        return []
    o = {"laporan": "smart", "tahun": t, "by": "nasional", "kode": "ID"}
    siap = Fakta(fmt.persen(sm["persen_siap"]), sm["persen_siap"], kolom=("persen_siap",), **o)
    fakta = [siap]
    teks = f"{siap.teks} pegawai siap Smart ASN pada {t}"
    target = smart.target(rules, t)
    if target is not None:
        teks += f" (target {fmt.persen(target)})"
    lemah = smart.terlemah(sm_df, rules).iloc[0]
    if lemah["atribut"] is not None:
        trait = next(k for k, v in smart.ATRIBUT.items() if v == lemah["atribut"])
        s = Fakta(fmt.angka(lemah["skor"], 1), lemah["skor"], kolom=(trait,), **o)
        fakta.append(s)
        teks += f"; atribut terlemah: {lemah['atribut']} (skor {s.teks} dari 100)"
    return [Kalimat(teks + ".", tuple(fakta))]


def _unit(con, scope: Scope, rules: Rules, t: int) -> list[Kalimat]:
    """One sentence per "furthest behind" list (analytics.peringkat): its first three groups against the
    scope's own rate."""
    out = []
    for d in peringkat.terlemah(con, scope=scope, rules=rules):
        if d.data.empty:
            continue
        acuan = Fakta(fmt.persen(d.acuan), d.acuan, "jp", t, "nasional", "ID", ("persen_memenuhi",))
        fakta, parts = [acuan], []
        for r in d.data.head(3).itertuples():
            # a unit's figure is its whole subtree's: the report's --unor filter, at the top level
            asal = ("nasional", "ID") if d.subpohon else (d.tingkat, str(r.kode))
            f = Fakta(
                fmt.persen(r.persen_memenuhi),
                r.persen_memenuhi,
                "jp",
                t,
                *asal,
                ("persen_memenuhi",),
                unor=int(r.kode) if d.subpohon else None,
            )
            fakta.append(f)
            parts.append(f"{r.nama} ({f.teks})")
        out.append(Kalimat(f"{d.judul_jp}, di bawah {acuan.teks} cakupan ini: " + "; ".join(parts) + ".", tuple(fakta)))
    return out
