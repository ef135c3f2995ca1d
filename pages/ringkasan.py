"""Ringkasan: who is in the selection, how much they learn, how complete the data is."""

import streamlit as st

import ui
from analytics import charts, charts_ipasn, charts_jp, charts_smart, fmt, ipasn, jp, overview, smart

scope = ui.page_scope()
tahun = scope.tahun or ui.data_year()
st.title("Ringkasan")
st.caption(
    "Gambaran pegawai pada pilihan filter: komposisi, kegiatan pengembangan kompetensi "
    "yang tercatat, dan kelengkapan data."
)

komposisi = ui.call(overview.komposisi, scope=scope)
tren = ui.call(overview.kegiatan_tahunan, scope=scope, sampai=ui.data_year())

if komposisi.empty:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()

jp_tren = ui.call(jp.tren, scope=scope)
pns_pppk = jp.kalimat_pns_pppk(ui.call(jp.per_kelompok, scope=scope, by="jenis_pegawai"), ui.rules())
ambang = ui.rules().jp.ambang_tahunan
jumlah = ui.call(overview.jumlah_pegawai, scope=scope)
ui.ringkasan_kpis(jumlah, tren, jp_tren, tahun, ambang=ambang, pns_pppk=pns_pppk)

berjalan = ui.lalu(ui.data_year())  # the running year: its part is drawn beside the same part of other years
ui.grafik(
    charts.tren_kegiatan(
        tren, ui.data_year(), f"Kegiatan pengembangan kompetensi per tahun{berjalan.bintang()}", sampai=berjalan.sampai
    ),
    data=tren[overview.KEGIATAN_COLUMNS],
)

ui.grafik(
    charts_jp.tren(
        jp_tren,
        ui.data_year(),
        f"Pegawai yang memenuhi {fmt.angka(ambang)} JP per tahun{berjalan.bintang()}",
        sampai=berjalan.sampai,
    ),
    data=jp_tren[jp.TREN_COLUMNS],
)

st.subheader("Profesionalitas (IP ASN)")
rules = ui.rules()
if tahun >= ipasn.first_year(rules):
    ip = ui.call(ipasn.per_kelompok, scope=scope, by="nasional").iloc[0]
    ip_tren = ui.call(ipasn.tren, scope=scope)
    ui.ipasn_kpis(ip, ip_tren, tahun)
    kiri, kanan = st.columns(2)
    ui.grafik(charts_ipasn.kategori_bar(ip, f"Kategori IP ASN {tahun}"), kiri, data=ipasn.kategori_frame(ip))
    ui.grafik(
        charts_ipasn.tren(ip_tren, ui.data_year(), f"IP ASN per tahun{berjalan.bintang(akumulasi=False)}"),
        kanan,
        data=ip_tren,
    )
else:
    st.caption(f"IP ASN dihitung mulai {ipasn.first_year(rules)}.")

st.subheader("Kesiapan Smart ASN")
sa = rules.smart_asn
sm_tren = ui.call(smart.tren, scope=scope)
sm = ui.call(smart.per_kelompok, scope=scope, by="nasional").iloc[0]
ui.smart_kpis(st.columns(3), sm, sm_tren, tahun, smart.target(rules, tahun))
akhir = int(sm_tren["tahun"].max())  # the trend's last year: the target in force then names the chart
ui.grafik(
    charts_smart.tren_target(
        sm_tren,
        ui.data_year(),
        smart.tahun_target(rules, akhir),
        f"Pegawai siap Smart ASN dibanding {smart.nama_target(rules, akhir)}",
        min_cakupan=sa.min_cakupan,
    ),
    data=sm_tren,
)

kiri, kanan = st.columns(2)
for col, (dimensi, judul) in zip(
    [kiri, kanan, kiri, kanan],
    [
        ("jenis_jabatan", "Jenis jabatan"),
        ("pendidikan", "Pendidikan terakhir"),
        ("jenis_kelamin", "Jenis kelamin"),
        ("jenis_pegawai", "Status kepegawaian"),
    ],
):
    ui.grafik(charts.komposisi_bar(komposisi, dimensi, judul), col, data=overview.komposisi_frame(komposisi, dimensi))

lengkap = ui.call(overview.kelengkapan, scope=scope, tahun=tahun)
ui.grafik(charts.kelengkapan_bar(lengkap, "Kelengkapan data pegawai"), data=overview.kelengkapan_frame(lengkap))
st.caption(f"SKP {tahun - 1} dihitung terhadap pegawai yang sudah menjabat sebelum {tahun - 1}.")
