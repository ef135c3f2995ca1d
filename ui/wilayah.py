"""Shared parts of the Wilayah and Unit kerja pages: the metric chooser, click-to-filter (a click on
a map tile, a bar or a table row sets the sidebar's filter, which the URL follows), the profile of
one unit or region, and the side-by-side comparison."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import charts_ipasn, charts_jp, charts_smart, charts_wilayah, fmt, ipasn, jp, smart, wilayah
from analytics.filters import Scope
from ui.kpi import kpi, lalu, siap_smart, tahun_lalu
from ui.sesi import call, data_year, rules
from ui.sidebar import SEMUA
from ui.tabel import tabel
from ui.unduh import grafik

# the sidebar filters below each one: choosing a province clears the rest, and so on down
_BAWAH = {"provinsi": ["kabkota", "instansi", "unor"], "kabkota": [], "instansi": ["unor"], "unor": []}


def pilih_metrik(key: str) -> tuple[str, bool]:
    """The metric (wilayah.METRIK) and whether to show the change from last year."""
    a, b = st.columns([3, 2])
    m = a.selectbox("Ukuran", list(wilayah.METRIK), format_func=lambda k: wilayah.METRIK[k].label, key=f"{key}_metrik")
    lihat = b.segmented_control(
        "Tampilkan", ["nilai", "selisih"], default="nilai", key=f"{key}_lihat",
        format_func=lambda v: "Nilai tahun ini" if v == "nilai" else "Perubahan dari tahun lalu",
    )  # fmt: skip
    return m, lihat == "selisih"


def atur_filter(field: str, nilai) -> None:
    """Set one sidebar filter (and clear the ones below it); for callbacks, which run before the
    sidebar is drawn, so the widgets and the URL take the new value."""
    st.session_state[field] = nilai
    for f in _BAWAH[field]:
        st.session_state[f] = SEMUA  # "all" (the select box shows its placeholder, which says so)


def klik(key: str, field: str, ubah=lambda v: v):
    """A selection callback: the clicked point's customdata[0] (a code or id) becomes filter `field`."""

    def callback() -> None:
        points = st.session_state[key].selection.get("points") or []
        if points and points[0].get("customdata"):
            atur_filter(field, ubah(points[0]["customdata"][0]))

    return callback


def klik_baris(key: str, frame: pd.DataFrame, field: str, ubah=lambda v: v):
    """A dataframe row-selection callback: the row's `kode` becomes filter `field`."""

    def callback() -> None:
        rows = st.session_state[key].selection.get("rows") or []
        if rows:
            atur_filter(field, ubah(frame.iloc[rows[0]]["kode"]))

    return callback


def tabel_kelompok(
    df: pd.DataFrame, metrik: str, *, tahun: int, tingkat: str, key: str, field: str, ubah=lambda v: v
) -> None:
    """A ranked table of groups (kode, nama, pegawai, nilai, selisih, peringkat, and a Smart ASN metric's
    coverage) of year `tahun` whose row click filters; the change's header says what it compares (a running
    year: the same day a year before, or a score's 31 Dec)."""
    m = wilayah.METRIK[metrik]
    b = lalu(tahun)
    cakupan = ["cakupan"] if "cakupan" in df and df["cakupan"].notna().any() else []
    if any(charts_wilayah.kurang(df)):
        st.caption(
            f"Nilai kosong dengan cakupan data di bawah {fmt.persen(rules().smart_asn.min_cakupan)}: data kurang, "
            "bukan skor, dan tidak diberi peringkat."
        )
    lain = {
        "nilai": _kolom(f"{m.label}, {b.periode(m.akumulasi)}", m.persen),
        "selisih": _kolom(f"Perubahan {b.label(m.akumulasi)}" + (" (poin)" if m.persen else ""), False),
        "peringkat": _kolom("Peringkat", False, desimal=0),
    }
    tabel(
        df,
        ["kode", "nama", "pegawai", "nilai", *cakupan, "selisih", "peringkat"],
        tingkat=tingkat,
        lain=lain,
        key=key,
        on_select=klik_baris(key, df.reset_index(drop=True), field, ubah),
        selection_mode="single-row",
        height=min(420, 38 + 35 * len(df)),
    )


def _kolom(judul: str, persen: bool, desimal: int = 1):
    from analytics import kolom

    return kolom.Kolom(judul, kolom.PERSEN if persen else kolom.DESIMAL, desimal)


def profil(scope: Scope, judul: str, pembanding: list[tuple[str, Scope]]) -> None:
    """One unit's or region's whole picture: KPIs of the three measures, the 20 JP trend, the 10:20:70
    mix, IP ASN points lost, the Smart ASN radar against `pembanding` (its parent, the nation), and its
    weakest trait with the rubric's development forms."""
    r = rules()
    tahun = scope.tahun
    nas = call(jp.per_kelompok, scope=scope, by="nasional")
    if nas.empty or not nas.iloc[0]["pegawai"]:
        st.info("Tidak ada pegawai di sini untuk tahun ini.")
        return
    j = nas.iloc[0]
    tren = call(jp.tren, scope=scope)
    sm_df = call(smart.per_kelompok, scope=scope, by="nasional")
    sm = sm_df.iloc[0]
    c = st.columns(4)
    kpi(c[0], "Pegawai", fmt.angka(j["pegawai"]))
    kpi(
        c[1],
        f"Memenuhi {fmt.angka(r.jp.ambang_tahunan)} JP, {lalu(tahun).periode()}",
        fmt.persen(j["persen_memenuhi"]),
        tahun_lalu(tren, tahun, "persen_memenuhi", fmt.persen),
    )
    ip = None
    if tahun >= ipasn.first_year(r):
        ip_df = call(ipasn.per_kelompok, scope=scope, by="nasional")
        ip = ip_df.iloc[0]
        ip_tren = call(ipasn.tren, scope=scope)
        kpi(
            c[2],
            f"Rata-rata IP ASN {lalu(tahun).periode(akumulasi=False)}",
            fmt.indeks(ip["rata_ipasn"]),
            tahun_lalu(ip_tren, tahun, "rata_ipasn", fmt.indeks, akumulasi=False),
        )
    siap_smart(c[3], f"Siap Smart ASN {lalu(tahun).periode(akumulasi=False)}", sm, smart.target(r, tahun))

    kiri, kanan = st.columns(2)
    tren = tren[tren["tahun"] <= tahun]
    sekarang = lalu(tahun)  # a running year beside the same part of other years (a past year: whole years)
    grafik(
        charts_jp.tren(tren, data_year(), f"{judul}: kepatuhan per tahun{sekarang.bintang()}", sampai=sekarang.sampai),
        kiri,
        data=tren[jp.TREN_COLUMNS],
    )
    mix = nas.assign(nama=judul)
    grafik(
        charts_jp.mix_bar(mix, r.model_10_20_70.target, f"{judul}: komposisi JP 10:20:70"),
        kanan,
        data=mix[["kode", "nama", "pegawai", "mix_10", "mix_20", "mix_70"]],
    )
    kiri, kanan = st.columns(2)
    if ip is not None and ip["lengkap"]:
        hilang = ip_df.assign(nama=judul)
        grafik(
            charts_ipasn.kehilangan_komponen(ip, f"{judul}: poin IP ASN yang hilang"),
            kiri,
            data=ipasn.kehilangan_frame(hilang),
        )
    rows = [(judul, sm)] + [(nama, call(smart.per_kelompok, scope=s, by="nasional").iloc[0]) for nama, s in pembanding]
    grafik(
        charts_smart.radar(rows, f"Atribut Smart ASN, {tahun}", min_cakupan=r.smart_asn.min_cakupan),
        kanan,
        data=smart.profil_frame(rows),
    )
    lemah = smart.terlemah(sm_df, r).iloc[0]
    if lemah["atribut"] is not None:
        st.markdown(  # trait names and forms are ours (the rubric), values formatted: no data markup
            f"**Atribut terlemah: {fmt.md(lemah['atribut'])}** (skor {fmt.indeks(lemah['skor'])}, cakupan data "
            f"{fmt.persen(lemah['cakupan'])}). Bentuk pengembangan menurut rubrik: {fmt.md(lemah['saran'])}."
        )


def banding(pilihan: list[tuple[str, Scope]], tahun: int) -> None:
    """Two to four units or regions side by side on the same figures."""
    r = rules()
    rows, radar = [], []
    for nama, s in pilihan:
        j = call(jp.per_kelompok, scope=s, by="nasional").iloc[0]
        sm = call(smart.per_kelompok, scope=s, by="nasional").iloc[0]
        ip = call(ipasn.per_kelompok, scope=s, by="nasional").iloc[0] if tahun >= ipasn.first_year(r) else None
        rows.append(
            {
                "nama": nama,
                "pegawai": j["pegawai"],
                "jp": j["persen_memenuhi"],
                "ipasn": None if ip is None else ip["rata_ipasn"],
                # readiness on too few employees with an index is not a score (smart.cukup)
                "smart": sm["persen_siap"] if smart.cukup(sm["cakupan_indeks"], r.smart_asn.min_cakupan) else None,
                "cakupan_smart": sm["cakupan_indeks"],
            }
        )
        radar.append((nama, sm))
    df = pd.DataFrame(rows)
    kiri, kanan = st.columns(2)
    data = df.rename(
        columns={
            "jp": "persen_memenuhi",
            "ipasn": "rata_ipasn",
            "smart": "persen_siap",
            "cakupan_smart": "cakupan_indeks",
        }
    )
    grafik(charts_wilayah.banding_bar(df, f"Perbandingan, {tahun}"), kiri, data=data)
    grafik(
        charts_smart.radar(radar, f"Atribut Smart ASN, {tahun}", min_cakupan=r.smart_asn.min_cakupan),
        kanan,
        data=smart.profil_frame(radar),
    )


def pilih_banding(label: str, pilihan: dict, cakupan, *, key: str, tahun: int, placeholder: str) -> None:
    """The compare block: choose two to four of `pilihan` (kode -> name); `cakupan(kode)` gives each one's
    Scope; then banding() draws them side by side."""
    dipilih = st.multiselect(
        label, list(pilihan), format_func=pilihan.get, max_selections=4, placeholder=placeholder, key=key
    )
    if len(dipilih) >= 2:
        banding([(pilihan[k], cakupan(k)) for k in dipilih], tahun)
    elif dipilih:
        st.caption("Pilih satu lagi untuk membandingkan.")
