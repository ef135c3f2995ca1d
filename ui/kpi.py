"""KPI cards: one card, and the IP ASN and Smart ASN card rows (thresholds and labels from the rules)."""

from __future__ import annotations

import streamlit as st

from analytics import fmt, smart
from ui.sesi import rules


def kpi(col, label: str, value: str, note: str | None = None, *, help: str | None = None) -> None:
    """A bordered KPI card; `note` is a neutral grey line under the value (no arrow, no colour)."""
    col.metric(label, value, delta=note, delta_color="off", delta_arrow="off", border=True, help=help)


def tahun_lalu(tren, tahun: int, kolom: str, angka=fmt.angka) -> str | None:
    """The KPI note "<value> pada <tahun - 1>" from a per-year frame (None when that year has no row)."""
    lalu = tren[tren["tahun"] == tahun - 1]
    return None if lalu.empty else f"{angka(lalu.iloc[0][kolom])} pada {tahun - 1}"


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
        f"Rata-rata IP ASN {tahun}",
        fmt.angka(nas["rata_ipasn"], 2) if lengkap else "–",
        tahun_lalu(tren, tahun, "rata_ipasn", lambda v: fmt.angka(v, 2)),
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
    index (vs the year before), coverage of the index. A figure under the rules' minimum coverage
    (this year's or last year's) reads 'data kurang'."""
    m = rules().smart_asn.min_cakupan
    siap_smart(cols[0], f"Siap Smart ASN {tahun}", nas, target)
    ok = smart.cukup(nas["cakupan_indeks"], m)
    skor = tren.assign(indeks=tren["indeks"].where(smart.cukup(tren["cakupan_indeks"], m)))
    kpi(
        cols[1],
        "Indeks kesiapan",
        fmt.angka(nas["indeks"], 1) if ok else "data kurang",
        tahun_lalu(skor, tahun, "indeks", lambda v: "data kurang" if fmt.kosong(v) else fmt.angka(v, 1)),
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
        f"Memenuhi {fmt.angka(ambang)} JP, {tahun}",
        fmt.persen(nas["persen_memenuhi"]),
        tahun_lalu(tren, tahun, "persen_memenuhi", fmt.persen),
        help=f"{fmt.angka(nas['memenuhi'])} dari {fmt.angka(nas['pegawai'])} pegawai.",
    )
    kpi(c[1], "Rata-rata JP terkredit", fmt.angka(nas["rata_jp"], 1), f"median {fmt.angka(nas['median_jp'], 1)}")
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


def ringkasan_kpis(komposisi, tren, jp_tren, tahun: int, *, berjalan: str, ambang: float, pns_pppk: str) -> None:
    """Five KPI cards of the overview: employees (PPPK share), activities, claimed JP, share learning
    (each vs the year before) and share meeting the JP target (`pns_pppk`: jp.kalimat_pns_pppk)."""
    jenis = komposisi[komposisi["dimensi"] == "jenis_pegawai"].set_index("kategori")["jumlah"]
    total = int(jenis.sum())
    ini = tren[tren["tahun"] == tahun].iloc[0]
    jp_ini = jp_tren[jp_tren["tahun"] == tahun]
    c = st.columns(5)
    kpi(
        c[0],
        "Jumlah pegawai",
        fmt.angka(total),
        f"PPPK {fmt.bagian(jenis.get('PPPK', 0), total)}",
        help=f"Pegawai pada data terakhir yang cocok dengan filter: PNS {fmt.angka(jenis.get('PNS', 0))}, "
        f"PPPK {fmt.angka(jenis.get('PPPK', 0))}.",
    )
    kpi(
        c[1],
        f"Kegiatan {tahun}",
        fmt.angka(ini["kegiatan"]),
        tahun_lalu(tren, tahun, "kegiatan"),
        help=f"Kegiatan pengembangan kompetensi yang selesai pada {tahun}{berjalan}.",
    )
    kpi(
        c[2],
        f"JP diklaim {tahun}",
        fmt.angka(ini["jp_klaim"]),
        tahun_lalu(tren, tahun, "jp_klaim"),
        help=f"JP sebagaimana diklaim pada catatan, sebelum konversi aturan {fmt.angka(ambang)} JP.",
    )
    kpi(
        c[3],
        f"Ikut kegiatan {tahun}",
        fmt.persen(ini["persen_belajar"]),
        tahun_lalu(tren, tahun, "persen_belajar", fmt.persen),
        help="Dari pegawai yang sudah menjabat pada tahun itu.",
    )
    kpi(
        c[4],
        f"Memenuhi {fmt.angka(ambang)} JP {tahun}",
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
        fmt.angka(t["rata_awal"], 2),
        f"{fmt.angka(t['lengkap_awal'])} pegawai berdata lengkap",
    )
    kpi(
        c[1],
        "Rata-rata skenario",
        fmt.angka(t["rata_baru"], 2),
        f"{'+' if t['selisih'] >= 0 else ''}{fmt.angka(t['selisih'], 2)} poin",
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
        catatan = f"{fmt.angka(t['jp'])} JP dibutuhkan"
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
