"""Ringkasan: who is in the selection, how much they learn, how complete the data is."""

import streamlit as st

from analytics import charts, fmt, overview
from pages import _ui as ui

scope = st.session_state["scope"]
tahun = scope.tahun or ui.data_year()
st.title("Ringkasan")
st.caption("Gambaran pegawai pada pilihan filter: komposisi, kegiatan pengembangan kompetensi "
           "yang tercatat, dan kelengkapan data.")

komposisi = ui.call(overview.komposisi, scope=scope)
tren = ui.call(overview.kegiatan_tahunan, scope=scope, sampai=ui.data_year())

if komposisi.empty:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()

jenis = komposisi[komposisi["dimensi"] == "jenis_pegawai"].set_index("kategori")["jumlah"]
total = int(jenis.sum())
ini = tren[tren["tahun"] == tahun].iloc[0]
lalu = tren[tren["tahun"] == tahun - 1]
parsial = tahun == ui.data_year()
c = st.columns(4)
c[0].metric("Jumlah pegawai", fmt.angka(total), border=True,
            help="Pegawai pada data terakhir yang cocok dengan filter.")
c[1].metric("PNS / PPPK", f"{fmt.angka(jenis.get('PNS', 0))} / {fmt.angka(jenis.get('PPPK', 0))}",
            border=True)
c[2].metric(f"Kegiatan tercatat {tahun}" + (" (berjalan)" if parsial else ""),
            fmt.angka(ini["kegiatan"]), border=True,
            delta=None if lalu.empty else f"{fmt.angka(lalu.iloc[0]['kegiatan'])} pada {tahun - 1}",
            delta_color="off", delta_arrow="off")
c[3].metric(f"JP diklaim {tahun}" + (" (berjalan)" if parsial else ""),
            fmt.angka(ini["jp_klaim"]), border=True,
            delta=None if lalu.empty else f"{fmt.angka(lalu.iloc[0]['jp_klaim'])} pada {tahun - 1}",
            delta_color="off", delta_arrow="off",
            help="JP sebagaimana diklaim pada catatan, sebelum konversi aturan 20 JP.")

st.plotly_chart(charts.tren_kegiatan(
    tren, ui.data_year(), "Kegiatan pengembangan kompetensi per tahun "
    f"(* = berjalan s.d. {fmt.tanggal(ui.meta().get('data_per'))})"), width="stretch")

kiri, kanan = st.columns(2)
for col, (dimensi, judul) in zip([kiri, kanan, kiri, kanan], [
    ("jenis_jabatan", "Jenis jabatan"), ("pendidikan", "Pendidikan terakhir"),
    ("jenis_kelamin", "Jenis kelamin"), ("jenis_pegawai", "Status kepegawaian"),
]):
    col.plotly_chart(charts.komposisi_bar(komposisi, dimensi, judul), width="stretch")

lengkap = ui.call(overview.kelengkapan, scope=scope, tahun=tahun)
st.plotly_chart(charts.kelengkapan_bar(lengkap, "Kelengkapan data pegawai"), width="stretch")
st.caption(f"SKP {tahun - 1} dihitung terhadap pegawai yang sudah menjabat sebelum {tahun - 1}.")
