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

from analytics import dimensions, fmt, ipasn, jp, peringkat, smart
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
    # selisih of a running year against the year before counted to the same day (report --sampai-tanggal)
    sampai: bool = False
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


def _naik(fakta: Fakta, satuan: str, pembanding: str | None = None) -> str:
    """'naik 4,1 poin dari 2025' / 'turun …' / 'sama dengan 2025' for a 'selisih' fact; `pembanding` names
    what it is compared with when that is not the whole year before ('s.d. 30 Sep 2025', '31 Des 2025')."""
    lalu = pembanding or str(fakta.tahun - 1)
    if fakta.teks in ("0", "0,0", "0,00"):
        return f"tidak berubah dibanding {lalu}" if pembanding else f"sama dengan {lalu}"
    arah = "naik" if fakta.nilai > 0 else "turun"
    return f"{arah} {fakta.teks}{satuan} {'dibanding' if pembanding else 'dari'} {lalu}"


def _selisih(nilai: float, lalu: float, desimal: int, **origin) -> Fakta:
    d = nilai - lalu
    return Fakta(fmt.angka(abs(d), desimal), d, cara="selisih", **origin)


def _pembanding(b: dimensions.TahunLalu, akumulasi: bool) -> str | None:
    """What a running year is compared with, in words (None for whole years: 'dari 2025')."""
    if b.sampai is None:
        return None
    return f"s.d. {fmt.tanggal(dimensions.batas(b.lalu, b.sampai))}" if akumulasi else fmt.tanggal(b.per_lalu)


def ringkasan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> list[Kalimat]:
    """The executive summary of `scope` for scope.tahun: 20 JP (with the change from the year before and
    the weakest group one level down), the 10:20:70 mix, IP ASN, Smart ASN against its target, and the
    groups furthest behind at the level a leader acts on (analytics.peringkat). Groups smaller than the
    small-cell minimum are never named."""
    t = scope.tahun
    lalu = replace(scope, tahun=t - 1)
    out: list[Kalimat] = []
    ambang = fmt.angka(rules.jp.ambang_tahunan)
    nas = _row(jp.per_kelompok(con, scope=scope, rules=rules, by="nasional"))
    if nas is None or not nas["pegawai"]:
        return [Kalimat(f"Tidak ada pegawai pada cakupan ini untuk tahun {t}.", ())]
    j = {"laporan": "jp", "tahun": t, "by": "nasional", "kode": "ID"}
    p = Fakta(fmt.persen(nas["persen_memenuhi"]), nas["persen_memenuhi"], kolom=("persen_memenuhi",), **j)
    n = Fakta(fmt.angka(nas["memenuhi"]), nas["memenuhi"], kolom=("memenuhi",), **j)
    total = Fakta(fmt.angka(nas["pegawai"]), nas["pegawai"], kolom=("pegawai",), **j)
    fakta = [p, n, total]
    teks = f"{p.teks} ASN ({n.teks} dari {total.teks} pegawai) memenuhi {ambang} JP pada {t}"
    b = dimensions.tahun_lalu(t, ref)
    keterangan = [f"tahun berjalan, s.d. {fmt.tanggal(ref)}"] if b.sampai else []
    if b.sampai:  # like for like: the year before to the same day
        sebelum = _row(jp.per_kelompok_sd(con, scope=lalu, rules=rules, by="nasional"))
    else:
        sebelum = _row(jp.per_kelompok(con, scope=lalu, rules=rules, by="nasional", median=False))
    if t - 1 >= dimensions.FIRST_YEAR and sebelum is not None and _ada(sebelum["persen_memenuhi"]):
        d = _selisih(
            nas["persen_memenuhi"],
            sebelum["persen_memenuhi"],
            1,
            kolom=("persen_memenuhi",),
            sampai=bool(b.sampai),
            **j,
        )
        fakta.append(d)
        keterangan.append(_naik(d, " poin", _pembanding(b, akumulasi=True)))
    if keterangan:
        teks += f" ({'; '.join(keterangan)})"
    # the groups behind: the sentences of analytics.peringkat, at the level a leader acts on (_unit)
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
        out += _ipasn(con, scope, lalu, b)
    out += _smart(con, scope, rules, t)
    out += _unit(con, scope, rules, t)
    return out


def _ipasn(con, scope: Scope, lalu: Scope, b: dimensions.TahunLalu) -> list[Kalimat]:
    t = b.tahun
    ip = _row(ipasn.per_kelompok(con, scope=scope, by="nasional"))
    if ip is None or not ip["lengkap"]:
        return []
    o = {"laporan": "ipasn", "tahun": t, "by": "nasional", "kode": "ID"}
    rata = Fakta(fmt.indeks(ip["rata_ipasn"]), ip["rata_ipasn"], kolom=("rata_ipasn",), **o)
    fakta = [rata]
    # a score as of a date: the running year's is as of the reference date, compared with 31 Dec before
    teks = f"Rata-rata IP ASN {'per ' + fmt.tanggal(b.per_ini) if b.sampai else t}: {rata.teks}"
    sebelum = _row(ipasn.per_kelompok(con, scope=lalu, by="nasional"))
    if sebelum is not None and _ada(sebelum["rata_ipasn"]):
        d = _selisih(ip["rata_ipasn"], sebelum["rata_ipasn"], 1, kolom=("rata_ipasn",), **o)
        fakta.append(d)
        teks += f" ({_naik(d, '', _pembanding(b, akumulasi=False))})"

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
        h = Fakta(fmt.indeks(hilang[dim]), hilang[dim], kolom=(f"hilang_{dim}",), **o)
        out.append(Kalimat(f"Poin IP ASN paling banyak hilang pada {HILANG[dim]}: rata-rata {h.teks} poin.", (h,)))
    return out


def _smart(con, scope: Scope, rules: Rules, t: int) -> list[Kalimat]:
    sm_df = smart.per_kelompok(con, scope=scope, by="nasional")
    sm = _row(sm_df)
    if sm is None or not sm["pegawai"] or not _ada(sm["persen_siap"]):
        return []
    o = {"laporan": "smart", "tahun": t, "by": "nasional", "kode": "ID"}
    if not smart.cukup(sm["cakupan_indeks"], rules.smart_asn.min_cakupan):  # not a score: say why instead
        c = Fakta(fmt.persen(sm["cakupan_indeks"]), sm["cakupan_indeks"], kolom=("cakupan_indeks",), **o)
        return [
            Kalimat(
                f"Kesiapan Smart ASN {t} belum dapat dinilai: data kurang, indeks kesiapan baru dapat dihitung untuk "
                f"{c.teks} pegawai (minimal {fmt.persen(rules.smart_asn.min_cakupan)}).",
                (c,),
            )
        ]
    siap = Fakta(fmt.persen(sm["persen_siap"]), sm["persen_siap"], kolom=("persen_siap",), **o)
    fakta = [siap]
    teks = f"{siap.teks} pegawai siap Smart ASN pada {t}"
    target = smart.target(rules, t)
    if target is not None:
        teks += f" (target {fmt.persen(target)})"
    lemah = smart.terlemah(sm_df, rules).iloc[0]
    if lemah["atribut"] is not None:
        trait = next(k for k, v in smart.ATRIBUT.items() if v == lemah["atribut"])
        s = Fakta(fmt.indeks(lemah["skor"]), lemah["skor"], kolom=(trait,), **o)
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
