"""Simulasi IP ASN: pull one lever, re-score every employee in the selection, compare."""

import streamlit as st

import ui
from analytics import charts_ipasn, fmt, ipasn, whatif

scope = ui.page_scope()
rules = ui.rules()
ip = rules.ipasn
tahun = scope.tahun
ambang = ip.kompetensi.ambang_jp_teknis
st.title("Simulasi IP ASN")
st.caption(
    f"Pilih satu tuas: setiap pegawai pada pilihan filter dinilai ulang untuk tahun {tahun} dengan masukan atau "
    "aturan yang diubah, memakai perhitungan yang sama dengan halaman IP ASN. Bukan perkiraan: angka skenario "
    "adalah hasil hitung ulang."
)
if tahun < ipasn.first_year(rules):
    st.info(f"IP ASN dihitung mulai {ipasn.first_year(rules)}.")
    st.stop()

tuas = st.radio(
    "Tuas",
    list(whatif.TUAS),
    format_func=lambda t: {
        "teknis": f"Semua pegawai di bawah {fmt.angka(ambang)} JP teknis menuntaskannya",
        "kepemimpinan": "Kesenjangan pelatihan kepemimpinan ditutup (setiap pejabat struktural memiliki PIM "
        "yang dibutuhkan jabatannya)",
        "aturan": "Ubah profil aturan",
    }[t],
    key="sim_tuas",
)
ubah: tuple = ()
if tuas == "aturan":
    a, b, c = st.columns(3)
    jendela = a.number_input(
        "Jendela (tahun)", 1, 5, ip.jendela_tahun, key="sim_jendela", help="Tahun ukur dan tahun sebelumnya."
    )
    ambang_baru = b.number_input(
        "Ambang JP teknis", 1, 200, int(ambang), key="sim_ambang", help="Slot teknis penuh bila JP teknis ≥ ambang."
    )
    bp = c.number_input(
        "Poin kinerja 'Butuh Perbaikan'",
        0,
        int(ip.bobot["kinerja"]),
        int(ip.kinerja.nilai[3]),
        key="sim_bp",
        help=f"Pemetaan {fmt.angka(ip.kinerja.nilai[3])} poin adalah asumsi [A] di berkas aturan.",
    )
    # Rules.changed takes the file's own shape: the predikat table keyed by text, as in the TOML
    lama_kinerja = {str(p): v for p, v in ip.kinerja.nilai.items()}
    ubah = tuple(
        (k, v)
        for k, v, lama in [
            ("ipasn__jendela_tahun", jendela, ip.jendela_tahun),
            ("ipasn__kompetensi__ambang_jp_teknis", ambang_baru, ambang),
            ("ipasn__kinerja__nilai", lama_kinerja | {"3": bp}, lama_kinerja),
        ]
        if v != lama
    )
    if not ubah:
        st.info("Ubah salah satu nilai di atas untuk melihat dampaknya.")
        st.stop()

tingkat = ui.pilih_tingkat("Rinci per", ["unor", "provinsi", "instansi", "jenis_jabatan"], key="sim_kelompok")
with st.spinner("Menilai ulang…"):
    # the headline figures come from the whole selection, never from the per-group rows (for
    # non-admins those have small groups blanked, so their sum would change with "Rinci per"): one
    # re-scoring gives both
    hasil = ui.call(whatif.simulasi, scope=scope, tuas=tuas, by=tingkat, ubah=ubah, total=True)
    semua, sim = hasil[hasil["semua"]], hasil[~hasil["semua"]].drop(columns="semua")
if semua.empty:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()
t = semua.iloc[0]

ui.simulasi_kpis(t, tuas, ambang)

ui.grafik(
    charts_ipasn.simulasi_kategori(t, "Pegawai per kategori: sekarang dan skenario"), data=whatif.kategori_frame(t)
)

kolom = ["kode", "nama", "pegawai", "rata_awal", "rata_baru", "selisih", "orang"] + ([] if tuas == "aturan" else ["jp"])
tabel = sim.sort_values(["orang", "selisih"], ascending=False)
st.caption(f"{fmt.angka(len(tabel))} kelompok, yang paling banyak pegawai terdampak dulu.")
ui.tabel(tabel, kolom, tingkat=tingkat, height=360)
ui.unduh("Unduh hasil simulasi (XLSX)", tabel, f"simulasi_ipasn_{tuas}", scope, tingkat=tingkat)
