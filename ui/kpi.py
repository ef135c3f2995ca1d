"""KPI cards: one card, and the IP ASN and Smart ASN card rows (thresholds and labels from the rules)."""

from __future__ import annotations

import streamlit as st

from analytics import dimensions, fmt, privacy, smart
from ui.sesi import reference_date, rules


def kpi(col, label: str, value: str, note: str | None = None, *, help: str | None = None) -> None:
    """A bordered KPI card; `note` is a neutral grey line under the value (no arrow, no colour)."""
    col.metric(label, value, delta=note, delta_color="off", delta_arrow="off", border=True, help=help)


def lalu(tahun: int) -> dimensions.TahunLalu:
    """What year `tahun` is compared with at the data's reference date (like for like: a running year's
    accumulating figures against the same day of the year before)."""
    return dimensions.tahun_lalu(tahun, reference_date())


def tahun_lalu(tren, tahun: int, kolom: str, angka=fmt.angka, *, akumulasi: bool = True) -> str | None:
    """The KPI note of the year before from a per-year frame: '42,0% s.d. 30 Sep 2025' for an accumulating
    figure of the running year (the frame's `kolom`_sd), '61,2 per 31 Des 2025' for a figure as of a date
    (`akumulasi` False), '57,2% pada 2025' for whole years (dimensions.TahunLalu.catatan)."""
    return lalu(tahun).catatan(tren, kolom, angka, akumulasi)


def ipasn_kpis(nas, tren, tahun: int) -> None:
    """Four KPI cards for one ipasn.per_kelompok row: mean (vs the year before), share Tinggi or
    Sangat Tinggi, share Sangat Rendah, completeness."""
    lengkap = nas["lengkap"]
    batas = rules().ipasn.kategori.batas_bawah  # lowest total of each category

    def share(n) -> str:
        return fmt.bagian(n, lengkap)

    c = st.columns(4)
    kpi(
        c[0],
        f"Rata-rata IP ASN {lalu(tahun).periode(akumulasi=False)}",
        fmt.indeks(nas["rata_ipasn"]) if lengkap else "–",
        tahun_lalu(tren, tahun, "rata_ipasn", fmt.indeks, akumulasi=False),
        help="Rata-rata pegawai berdata lengkap.",
    )
    kpi(
        c[1],
        "Tinggi atau Sangat Tinggi",
        share(nas["sangat_tinggi"] + nas["tinggi"]),
        f"{fmt.angka(nas['sangat_tinggi'] + nas['tinggi'])} pegawai",
        help=f"IP ASN ≥ {fmt.angka(batas['tinggi'])}, dari pegawai berdata lengkap.",
    )
    kpi(
        c[2],
        "Sangat Rendah",
        share(nas["sangat_rendah"]),
        f"{fmt.angka(nas['sangat_rendah'])} pegawai",
        help=f"IP ASN di bawah {fmt.angka(batas['rendah'])}.",
    )
    kpi(
        c[3],
        "Data lengkap untuk IP ASN",
        fmt.persen(nas["persen_lengkap"]),
        f"{fmt.angka(nas['pegawai'] - lengkap)} pegawai tidak dihitung",
        help="Pegawai tanpa pendidikan, jenis jabatan atau SKP tercatat tampil di daftar tetapi tidak masuk rata-rata.",
    )


def _kurang(min_cakupan: float) -> str:
    return f"Data kurang: kurang dari {fmt.persen(min_cakupan)} pegawai memiliki indeks, angkanya bukan skor."


def siap_smart(col, label: str, nas, target: float | None) -> None:
    """The 'ready' card of one smart.per_kelompok row: its share against the target, or 'data kurang'
    with the index coverage when that is under the rules' minimum (smart.cukup)."""
    m = rules().smart_asn.min_cakupan
    if not smart.cukup(nas["cakupan_indeks"], m):
        kpi(col, label, "data kurang", f"cakupan indeks {fmt.persen(nas['cakupan_indeks'])}", help=_kurang(m))
        return
    kpi(
        col,
        label,
        fmt.persen(nas["persen_siap"]),
        "tanpa target" if target is None else f"target {fmt.persen(target)}",
        help=f"{fmt.angka(nas['siap'])} dari {fmt.angka(nas['pegawai'])} pegawai; definisi 'siap' di bagian bawah "
        "halaman Atribut Smart ASN.",
    )


def smart_kpis(cols, nas, tren, tahun: int, target: float | None) -> None:
    """Three KPI cards for one smart.per_kelompok row: share ready (vs the target), mean readiness
    index (vs the year before, as of its last day), coverage of the index. A figure under the rules'
    minimum coverage (this year's or last year's) reads 'data kurang'."""
    m = rules().smart_asn.min_cakupan
    siap_smart(cols[0], f"Siap Smart ASN {lalu(tahun).periode(akumulasi=False)}", nas, target)
    ok = smart.cukup(nas["cakupan_indeks"], m)
    skor = tren.assign(indeks=tren["indeks"].where(smart.cukup(tren["cakupan_indeks"], m)))
    kpi(
        cols[1],
        "Indeks kesiapan",
        fmt.indeks(nas["indeks"]) if ok else "data kurang",
        tahun_lalu(skor, tahun, "indeks", lambda v: "data kurang" if fmt.kosong(v) else fmt.indeks(v), akumulasi=False),
        help="Rata-rata indeks 0–100 pegawai yang cukup berdata." + ("" if ok else " " + _kurang(m)),
    )
    kpi(
        cols[2],
        "Cakupan indeks",
        fmt.persen(nas["cakupan_indeks"]),
        f"{fmt.angka(nas['pegawai'] * (100 - nas['cakupan_indeks']) / 100)} pegawai kurang data",
        help="Pegawai dengan cukup atribut berdata untuk dihitung indeksnya.",
    )


def jp_kpis(nas, status, tren, tahun: int, ambang: float) -> None:
    """Four KPI cards of the 20 JP page: share meeting the target (vs the year before), mean and median
    credited JP, behind the pace, not started (status: pegawai per jp.status_ringkas status)."""
    total = int(status.sum())
    c = st.columns(4)
    kpi(
        c[0],
        f"Memenuhi {fmt.angka(ambang)} JP, {lalu(tahun).periode()}",
        fmt.persen(nas["persen_memenuhi"]),
        tahun_lalu(tren, tahun, "persen_memenuhi", fmt.persen),
        help=f"{fmt.angka(nas['memenuhi'])} dari {fmt.angka(nas['pegawai'])} pegawai.",
    )
    kpi(c[1], "Rata-rata JP terkredit", fmt.jp(nas["rata_jp"]), f"median {fmt.jp(nas['median_jp'])}")
    kpi(
        c[2],
        "Tertinggal dari laju",
        fmt.angka(status["tertinggal"]),
        f"{fmt.bagian(status['tertinggal'], total)} pegawai",
        help=f"Sudah mulai tetapi di bawah {fmt.angka(ambang)} JP × bulan berjalan / 12 pada tanggal acuan.",
    )
    kpi(
        c[3],
        "Belum mulai (0 JP)",
        fmt.angka(status["belum mulai"]),
        f"{fmt.bagian(status['belum mulai'], total)} pegawai",
    )


def ringkasan_kpis(jumlah, tren, jp_tren, tahun: int, *, ambang: float, pns_pppk: str) -> None:
    """Five KPI cards of the overview: employees (overview.jumlah_pegawai: the total before suppression,
    shown or blanked whole; the PPPK share), activities, claimed JP, share learning and share meeting the
    JP target (`pns_pppk`: jp.kalimat_pns_pppk), each against the year before like for like (a running year
    against the same day of the year before)."""
    j = jumlah.iloc[0]
    b = lalu(tahun)
    ini = tren[tren["tahun"] == tahun].iloc[0]
    jp_ini = jp_tren[jp_tren["tahun"] == tahun]
    berjalan = f" (tahun berjalan, s.d. {fmt.tanggal(b.sampai)})" if b.sampai else ""
    c = st.columns(5)
    kpi(
        c[0],
        "Jumlah pegawai",
        fmt.angka(j["pegawai"]) if not fmt.kosong(j["pegawai"]) else f"< {fmt.angka(privacy.MIN_SEL)}",
        f"PPPK {fmt.bagian(j['pppk'], j['pegawai'])}",
        help="Pegawai pada data terakhir yang cocok dengan filter"
        + (
            f": PNS {fmt.angka(j['pns'])}, PPPK {fmt.angka(j['pppk'])}."
            if not fmt.kosong(j["pns"])
            else f" (rincian PNS/PPPK tidak ditampilkan: salah satunya kurang dari {fmt.angka(privacy.MIN_SEL)})."
        ),
    )
    kpi(
        c[1],
        f"Kegiatan {b.periode()}",
        fmt.angka(ini["kegiatan"]),
        tahun_lalu(tren, tahun, "kegiatan"),
        help=f"Kegiatan pengembangan kompetensi yang selesai pada {tahun}{berjalan}.",
    )
    kpi(
        c[2],
        f"JP diklaim {b.periode()}",
        fmt.angka(ini["jp_klaim"]),
        tahun_lalu(tren, tahun, "jp_klaim"),
        help=f"JP sebagaimana diklaim pada catatan, sebelum konversi aturan {fmt.angka(ambang)} JP.",
    )
    kpi(
        c[3],
        f"Ikut kegiatan {b.periode()}",
        fmt.persen(ini["persen_belajar"]),
        tahun_lalu(tren, tahun, "persen_belajar", fmt.persen),
        help="Dari pegawai yang sudah menjabat pada tahun itu dan dihitung dalam 20 JP.",
    )
    kpi(
        c[4],
        f"Memenuhi {fmt.angka(ambang)} JP {b.periode()}",
        fmt.persen(jp_ini.iloc[0]["persen_memenuhi"]) if len(jp_ini) else "–",
        tahun_lalu(jp_tren, tahun, "persen_memenuhi", fmt.persen),
        help=f"JP terkredit menurut berkas aturan; rinciannya di halaman Kepatuhan {fmt.angka(ambang)} JP. "
        + pns_pppk
        + ".",
    )


def simulasi_kpis(t, tuas: str, ambang: float) -> None:
    """Four KPI cards of the what-if for one whatif.simulasi row `t` (the whole selection): the mean now
    and in the scenario, the share Tinggi or Sangat Tinggi, and who changes (or needs training and how
    much; `ambang`: the technical JP threshold)."""
    c = st.columns(4)
    kpi(
        c[0],
        "Rata-rata sekarang",
        fmt.indeks(t["rata_awal"]),
        f"{fmt.angka(t['lengkap_awal'])} pegawai berdata lengkap",
    )
    kpi(
        c[1],
        "Rata-rata skenario",
        fmt.indeks(t["rata_baru"]),
        f"{'+' if t['selisih'] >= 0 else ''}{fmt.indeks(t['selisih'])} poin",
    )
    kpi(
        c[2],
        "Tinggi atau Sangat Tinggi",
        fmt.persen(t["persen_tinggi_baru"]),
        f"sekarang {fmt.persen(t['persen_tinggi_awal'])}",
    )
    if tuas == "aturan":
        kpi(c[3], "Pegawai yang nilainya berubah", fmt.angka(t["orang"]), f"dari {fmt.angka(t['pegawai'])} pegawai")
    else:
        catatan = f"{fmt.jp(t['jp'])} JP dibutuhkan"
        if t["orang_tanpa_jp"]:
            catatan += f" (+{fmt.angka(t['orang_tanpa_jp'])} orang tanpa data JP)"
        kpi(
            c[3],
            "Pegawai yang perlu dilatih",
            fmt.angka(t["orang"]),
            catatan,
            help=(
                f"JP teknis yang kurang dari {fmt.angka(ambang)} per pegawai, dijumlahkan."
                if tuas == "teknis"
                else "Per kesenjangan: median JP pelatihan kepemimpinan tingkat itu yang tercatat di data."
            ),
        )
