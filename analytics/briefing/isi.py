"""What a briefing pack holds for one scope and year: the cover facts, the executive-summary sentences,
the numbered figures (built by the same chart builders as the pages, with the frame behind each), the
groups furthest behind at the level a leader acts on (analytics.peringkat), the methods (the rules in
force with their sources and confidence marks) and the notes on small cells and data completeness.
The writers (pdf, pptx, xlsx) only lay it out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import duckdb
import pandas as pd
import plotly.graph_objects as go

from analytics import (
    charts_ipasn,
    charts_jp,
    charts_smart,
    charts_wilayah,
    db,
    dimensions,
    fmt,
    ipasn,
    jp,
    kalimat,
    overview,
    peringkat,
    privacy,
    report,
    smart,
)
from analytics.filters import Scope
from analytics.rules import Rules

KEYAKINAN = "[V] dibaca pada peraturan atau laman resmi · [S] hanya sumber sekunder · [A] asumsi kami"
Kemajuan = Callable[[float, str], None]


@dataclass
class Gambar:
    nomor: int
    judul: str  # the caption: what the figure shows
    fig: go.Figure
    data: pd.DataFrame  # the table behind it (the XLSX sheet)
    tingkat: str | None = None  # the grouping level of `data`, for its headers
    sumber: str = ""


@dataclass
class Paket:
    judul: str
    cakupan: str  # the scope in words
    scope: Scope
    dibuat: datetime
    data_per: date
    aturan: str  # the rule set's label (version)
    kalimat: list[kalimat.Kalimat]
    gambar: list[Gambar]
    terlemah: list[peringkat.Daftar]  # the groups furthest behind, at the level a leader acts on
    metode: list[tuple[str, str]]  # (what, its source with confidence marks)
    catatan: list[str]
    stempel: dict = field(default_factory=dict)  # who made it, when, for which scope (the keterangan sheet)

    @property
    def baris(self) -> int:
        """Rows of the tables behind the figures and the "furthest behind" lists (the XLSX's data sheets)."""
        return sum(len(g.data) for g in self.gambar) + sum(len(d.data) for d in self.terlemah)


class TerlaluKecil(privacy.Forbidden):
    """A selection under the small-cell minimum: no figures for this role (as on the pages)."""


def _kemajuan(kemajuan: Kemajuan | None, bagian: float, teks: str) -> None:
    if kemajuan is not None:
        kemajuan(bagian, teks)


def isi(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    rules: Rules,
    ref: date,
    oleh: str | None = None,
    kemajuan: Kemajuan | None = None,
) -> Paket:
    """The briefing content for `scope` (its year: scope.tahun, the data year when None), for the access
    the scope carries: aggregates only (no person-level row for any role), small groups blank for
    non-admin roles, and no pack at all for a non-admin selection under the small-cell minimum."""
    if scope.tahun is None:
        scope = replace(scope, tahun=ref.year)
    t = scope.tahun
    _kemajuan(kemajuan, 0.02, "Menghitung angka…")
    n = overview.jumlah(con, scope=scope)
    if scope.akses.peran != "admin" and 0 < n < privacy.MIN_SEL:
        raise TerlaluKecil(
            f"Pilihan filter ini berisi kurang dari {privacy.MIN_SEL} pegawai; paket briefing tidak dibuat untuk "
            "peran ini (perlindungan sel kecil)."
        )
    cakupan = report.filter_kata(con, replace(scope, tahun=None))
    if cakupan == "Tanpa filter":
        cakupan = "Nasional" if scope.akses.nasional else privacy.cakupan_nama(con, scope.akses)
    sumber = _sumber(con, rules, ref)
    ambang = fmt.angka(rules.jp.ambang_tahunan)
    bawah = kalimat.anak(scope)
    ringkas = kalimat.ringkasan(con, scope=scope, rules=rules, ref=ref)
    _kemajuan(kemajuan, 0.2, "Menyusun gambar…")

    gambar: list[Gambar] = []

    def tambah(judul: str, fig: go.Figure, data: pd.DataFrame, tingkat: str | None = None) -> None:
        gambar.append(Gambar(len(gambar) + 1, judul, fig, data.reset_index(drop=True), tingkat, sumber))

    tren = jp.tren(con, scope=scope, rules=rules)
    tren = tren[tren["tahun"] <= t]
    sekarang = dimensions.tahun_lalu(t, ref)  # a running year: drawn beside the same part of the other years
    tambah(
        f"Kepatuhan {ambang} JP per tahun",
        charts_jp.tren(
            tren, ref.year, f"Pegawai yang memenuhi {ambang} JP per tahun{sekarang.bintang()}", sampai=sekarang.sampai
        ),
        tren[jp.TREN_COLUMNS],
    )
    dist = jp.distribusi(con, scope=scope, batas=60)
    tambah(
        f"Sebaran JP terkredit per pegawai, {t}",
        charts_jp.distribusi(dist, rules.jp.ambang_tahunan, 60, f"Sebaran JP terkredit per pegawai, {t}"),
        jp.sebaran_frame(dist, 60),
    )
    g = jp.per_kelompok(con, scope=scope, rules=rules, by=bawah, median=False)
    label = dimensions.TINGKAT[bawah].lower()
    nas = jp.per_kelompok(con, scope=scope, rules=rules, by="nasional")
    garis = (
        []
        if nas.empty or fmt.kosong(nas.iloc[0]["persen_memenuhi"])
        else [("cakupan ini", float(nas.iloc[0]["persen_memenuhi"]))]
    )
    tampil = g.dropna(subset=["persen_memenuhi"])
    if bawah == "provinsi":  # the nation: the tile map, every province as large as any other
        fig3 = charts_wilayah.peta_tile(
            g.assign(nilai=g["persen_memenuhi"]), f"Kepatuhan {ambang} JP per provinsi, {t}", persen=True
        )
        judul3 = f"Kepatuhan {ambang} JP per provinsi"
    else:
        fig3 = charts_jp.kelompok_bar(
            tampil.sort_values("persen_memenuhi").head(40), f"Kepatuhan {ambang} JP per {label}, {t}", garis=garis
        )
        judul3 = f"Kepatuhan {ambang} JP per {label}" + (" (40 terendah)" if len(tampil) > 40 else "")
    tambah(judul3, fig3, g[["kode", "nama", "pegawai", "memenuhi", "persen_memenuhi", "rata_jp"]], bawah)
    unit = jp.per_kelompok(con, scope=scope, rules=rules, by="unor", median=False)
    besar = unit.dropna(subset=["pegawai"]).sort_values("pegawai", ascending=False).head(12)
    tambah(
        "Komposisi JP 10:20:70, 12 unit kerja terbesar",
        charts_jp.mix_bar(besar, rules.model_10_20_70.target, f"Komposisi JP 10:20:70, 12 unit kerja terbesar, {t}"),
        besar[["kode", "nama", "pegawai", "mix_10", "mix_20", "mix_70"]],
        "unor",
    )
    _kemajuan(kemajuan, 0.35, "Menyusun gambar IP ASN dan Smart ASN…")
    if t >= ipasn.first_year(rules):
        ip_df = ipasn.per_kelompok(con, scope=scope, by="nasional")
        if not ip_df.empty and ip_df.iloc[0]["lengkap"]:
            ip = ip_df.iloc[0]
            tambah(
                f"Kategori IP ASN {t}",
                charts_ipasn.kategori_bar(ip, f"Kategori IP ASN {t} (pegawai berdata lengkap)"),
                ipasn.kategori_frame(ip),
            )
            ip_tren = ipasn.tren(con, scope=scope)
            ip_tren = ip_tren[ip_tren["tahun"].between(ipasn.first_year(rules), t)]
            tambah(
                "IP ASN per tahun",
                charts_ipasn.tren(
                    ip_tren, ref.year, f"Kategori dan rata-rata IP ASN per tahun{sekarang.bintang(akumulasi=False)}"
                ),
                ip_tren,
            )
            jab = ipasn.per_kelompok(con, scope=scope, by="jenis_jabatan")
            jab = jab[jab["lengkap"] > 0]
            tambah(
                "Di mana poin IP ASN hilang, per jenis jabatan",
                charts_ipasn.kehilangan_bar(jab, f"Poin IP ASN yang hilang per jenis jabatan, {t}"),
                ipasn.kehilangan_frame(jab),
                "jenis_jabatan",
            )
    sm_df = smart.per_kelompok(con, scope=scope, by="nasional")
    if not sm_df.empty and sm_df.iloc[0]["pegawai"]:
        sm_tren = smart.tren(con, scope=scope, rules=rules)
        sm_tren = sm_tren[sm_tren["tahun"] <= t]
        sa = rules.smart_asn
        target = smart.nama_target(rules, t)  # the target in force in the pack's year (the trend's last)
        tambah(
            f"Kesiapan Smart ASN dibanding {target}",
            charts_smart.tren_target(
                sm_tren,
                ref.year,
                smart.tahun_target(rules, t),
                f"Pegawai siap Smart ASN dibanding {target}{sekarang.bintang(akumulasi=False)}",
                min_cakupan=sa.min_cakupan,
            ),
            sm_tren,
        )
        tambah(
            f"Delapan atribut Smart ASN, {t}",
            charts_smart.radar(
                [("Cakupan ini", sm_df.iloc[0])],
                f"Delapan atribut Smart ASN, {t} (skor 0–100)",
                min_cakupan=sa.min_cakupan,
            ),
            smart.atribut_frame(sm_df.iloc[0]),
        )
    terlemah = peringkat.terlemah(con, scope=scope, rules=rules)
    for d in terlemah:
        if len(d.data):
            tambah(d.judul_jp, charts_jp.kelompok_bar(d.data, f"{d.judul_jp}, {t}", garis=garis), d.data, d.tingkat)
    _kemajuan(kemajuan, 0.5, "Menyusun catatan…")
    return Paket(
        judul=f"Briefing Kesiapan Smart ASN {t}",  # the year is in the title, the cover and the file name
        cakupan=cakupan,
        scope=scope,
        dibuat=datetime.now(),
        data_per=ref,
        aturan=rules.label,
        kalimat=ringkas,
        gambar=gambar,
        terlemah=terlemah,
        metode=metode(rules),
        catatan=catatan(con, scope=scope, rules=rules, n=n),
        stempel=report.stamp(con, scope.akses, scope, "briefing", len(gambar), oleh=oleh),
    )


def _sumber(con: duckdb.DuckDBPyConnection, rules: Rules, ref: date) -> str:
    asal = db.get_meta(con).get("sumber")
    data = "data demo sintetis" if asal == "demo" else "data SIASN/SIMPEG yang diimpor"
    return f"Sumber: {data}, per {fmt.tanggal(ref)}; dihitung dengan {rules.label}."


def metode(rules: Rules) -> list[tuple[str, str]]:
    """The rules in force, each with its source and confidence marks ([V], [S], [A])."""
    j, ip, sa, m = rules.jp, rules.ipasn, rules.smart_asn, rules.model_10_20_70
    n = fmt.angka
    return [
        ("Kewajiban JP", f"{n(j.ambang_tahunan)} JP per tahun bagi PNS, 1 JP = {n(j.menit_per_jp)} menit: {j.sumber}"),
        ("PPPK", f"target {n(j.pppk.ambang_tahunan)} JP, paling lama {n(j.pppk.batas_atas)} JP: {j.pppk.sumber}"),
        ("Konversi kegiatan ke JP", j.konversi.sumber),
        (
            "Siapa yang dihitung dalam 20 JP",
            f"kedudukan yang tidak dalam dinas aktif (SIASN {', '.join(j.kedudukan.dikecualikan)}) tidak masuk "
            f"penyebut; tugas belajar (SIASN {', '.join(j.kedudukan.dikreditkan)}) dikreditkan "
            f"{n(j.kedudukan.jp_per_semester)} JP per semester yang sudah dimulai; kedudukan pada tanggal data "
            f"berlaku untuk semua tahun: {j.kedudukan.sumber}",
        ),
        (
            "Model 10:20:70",
            "target " + ":".join(n(m.target[k]) for k in ("kelas_10", "kelas_20", "kelas_70")) + f": {m.sumber}",
        ),
        (
            "IP ASN",
            f"kualifikasi {n(ip.bobot['kualifikasi'])}, kompetensi {n(ip.bobot['kompetensi'])}, kinerja "
            f"{n(ip.bobot['kinerja'])}, disiplin {n(ip.bobot['disiplin'])}: {ip.sumber}",
        ),
        (
            "Kategori IP ASN",
            "batas bawah "
            + ", ".join(
                f"{nama} {n(ip.kategori.batas_bawah[k])}" for nama, k in zip(ipasn.KATEGORI, ipasn.KATEGORI_KOLOM)
            )
            + f": {ip.kategori.sumber}",
        ),
        ("Kinerja (SKP)", ip.kinerja.sumber),
        ("Disiplin", ip.disiplin.sumber),
        (
            "Smart ASN",
            f"indeks siap ≥ {n(sa.ambang_indeks)} dan setiap atribut berdata ≥ {n(sa.ambang_atribut)}; "
            f"rubrik: {sa.sumber}",
        ),
        (
            "Target Smart ASN",
            ", ".join(f"{k}: {n(v)}%" for k, v in sa.target.persen_siap.items()) + f": {sa.target.sumber}",
        ),
        ("Skala indikator Smart ASN", sa.skala.sumber),
        ("Tanda keyakinan", KEYAKINAN),
    ]


def catatan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, n: int) -> list[str]:
    """Small-cell and data-completeness notes of the pack."""
    out = []
    if scope.akses.peran == "admin":
        out.append(
            "Paket ini dibuat dengan peran admin: kelompok kecil ditampilkan apa adanya. Untuk peran lain, kelompok "
            f"dengan kurang dari {privacy.MIN_SEL} pegawai dikosongkan."
        )
    else:
        out.append(
            f"Kelompok dengan kurang dari {privacy.MIN_SEL} pegawai dikosongkan (perlindungan sel kecil); bila tepat "
            "satu kelompok dikosongkan, kelompok terkecil berikutnya ikut dikosongkan."
        )
    out.append(f"Paket ini hanya memuat angka agregat; tidak ada data per pegawai. Jumlah pegawai: {fmt.angka(n)}.")
    nas = jp.per_kelompok(con, scope=scope, rules=rules, by="nasional", median=False)
    if not nas.empty and (nas.iloc[0][["dikecualikan", "dikreditkan"]].fillna(0) > 0).any():
        out.append(jp.kalimat_kedudukan(jp.kedudukan(con, scope=scope, rules=rules), nas.iloc[0], rules) + ".")
    lengkap = overview.kelengkapan(con, scope=scope, tahun=scope.tahun)
    out.append(
        "Kelengkapan data pegawai: "
        + ", ".join(f"{r.label.lower()} {fmt.persen(r.persen)}" for r in lengkap.itertuples())
        + "."
    )
    if scope.tahun >= ipasn.first_year(rules):
        ip = ipasn.per_kelompok(con, scope=scope, by="nasional")
        if not ip.empty and ip.iloc[0]["pegawai"]:
            r = ip.iloc[0]
            out.append(
                f"IP ASN dihitung dari {fmt.angka(r['lengkap'])} pegawai berdata lengkap "
                f"({fmt.persen(r['persen_lengkap'])}); pegawai tanpa pendidikan, jenis jabatan atau SKP tidak masuk "
                "rata-rata dan kategori."
            )
    out.append(
        "Skor Smart ASN memakai rubrik kami (tidak ada indikator resmi); atribut tanpa data tidak dihitung nol. "
        f"Angka Smart ASN yang dihitung dari kurang dari {fmt.persen(rules.smart_asn.min_cakupan)} pegawai berdata "
        "ditulis 'data kurang' beserta cakupannya, tidak sebagai skor."
    )
    return out
