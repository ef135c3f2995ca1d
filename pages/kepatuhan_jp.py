"""Kepatuhan 20 JP: who meets it, who is behind, where, and what kind of learning is missing."""

import streamlit as st

import ui
from analytics import charts_jp, fmt, jp, report

scope = ui.page_scope()
rules = ui.rules()
ref = ui.reference_date()
tahun = scope.tahun
ambang = rules.jp.ambang_tahunan
berjalan = tahun == ref.year
st.title("Kepatuhan 20 JP")
st.caption(
    f"Setiap PNS wajib mengikuti paling sedikit {ambang:g} JP pengembangan kompetensi setahun "
    "(PP 11/2017 ps. 203(4)). JP terkredit dihitung dengan profil konversi di berkas aturan "
    f"({rules.label}); kegiatan dihitung pada tahun tanggal selesainya."
    + (f" Tahun {tahun} masih berjalan: status dihitung per {fmt.tanggal(ref)}." if berjalan else "")
)

status = ui.call(jp.status_ringkas, scope=scope, ref=ref).set_index("status")["pegawai"]
total = int(status.sum())
if total == 0:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()
nas = ui.call(jp.per_kelompok, scope=scope, by="nasional").iloc[0]
tren = ui.call(jp.tren, scope=scope)
ui.jp_kpis(nas, status, tren, tahun, ambang)

jenis = ui.call(jp.per_kelompok, scope=scope, by="jenis_pegawai", median=False)  # the Kesetaraan chart's call
st.caption("Memenuhi target per jenis pegawai: " + jp.kalimat_pns_pppk(jenis, rules) + ".")
if (nas[["dikecualikan", "dikreditkan"]].fillna(0) > 0).any():  # who is counted: statuses treated apart
    st.caption(jp.kalimat_kedudukan(ui.call(jp.kedudukan, scope=scope), nas, rules) + ".")
if nas["pegawai_rekap"]:
    st.caption(
        f"{fmt.angka(nas['pegawai_rekap'])} pegawai dihitung dari **rekap total JP** instansinya (tanpa rincian "
        "kegiatan, tidak masuk komposisi 10:20:70); kolom *Dari rekap* pada tabel unit menunjukkan unitnya."
    )

kiri, kanan = st.columns(2)
dist = ui.call(jp.distribusi, scope=scope, batas=60)
ui.grafik(
    charts_jp.distribusi(dist, ambang, 60, f"Sebaran JP terkredit per pegawai, {tahun}"),
    kiri,
    data=jp.sebaran_frame(dist, 60),
)
sekarang = ui.lalu(ref.year)  # the running year: drawn beside the same part of other years
tren_fig = charts_jp.tren(
    tren, ref.year, f"Tren kepatuhan {ambang:g} JP{sekarang.bintang()}", sampai=sekarang.sampai
)  # fmt: skip
if berjalan:
    prog = ui.call(jp.progres_bulanan, scope=scope, ref=ref)
    ui.grafik(charts_jp.progres(prog, f"Kemajuan {tahun} dibanding laju seharusnya", ambang=ambang), kanan, data=prog)
    ui.grafik(tren_fig, data=tren[jp.TREN_COLUMNS])
else:
    ui.grafik(tren_fig, kanan, data=tren[jp.TREN_COLUMNS])

st.subheader("Per wilayah dan unit")
garis = ui.pembanding(scope, jp.per_kelompok, "persen_memenuhi")  # labelled for what each line is
prov = ui.call(jp.per_kelompok, scope=scope, by="provinsi", median=False)
ui.grafik(
    charts_jp.kelompok_bar(prov, "Kepatuhan per provinsi", garis=garis),
    data=prov[jp.BATANG_COLUMNS],
    tingkat="provinsi",
)
ui.catatan_sel_kecil(prov)
unit = ui.call(jp.per_kelompok, scope=scope, by="unor", median=False).sort_values("persen_memenuhi")
st.caption(f"{fmt.angka(len(unit))} unit kerja; klik judul kolom untuk mengurutkan.")
ui.tabel(
    unit,
    ["kode", "nama", "pegawai", "persen_memenuhi", "rata_jp", "mix_10", "mix_20", "mix_70"]
    + (["pegawai_rekap"] if unit["pegawai_rekap"].fillna(0).any() else []),  # the XLSX has every column
    tingkat="unor",
    height=320,
)
ui.unduh("Unduh semua unit (XLSX)", unit[report.GROUP_COLUMNS], "jp_unit", scope, tingkat="unor")

st.subheader("Model 10:20:70")
st.caption(
    "Bagian JP terkredit per kelas pembelajaran dibanding target 10:20:70 (SE Kepala BKN 3/2022). "
    "Pemetaan jenis kegiatan ke kelas adalah proksi kami, tercantum di berkas aturan."
)
besar = unit.dropna(subset=["pegawai"]).sort_values("pegawai", ascending=False).head(12)
ui.grafik(
    charts_jp.mix_bar(besar, rules.model_10_20_70.target, "Komposisi JP, 12 unit terbesar"),
    data=besar[["kode", "nama", "pegawai", "mix_10", "mix_20", "mix_70"]],
    tingkat="unor",
)

st.subheader("Kesetaraan")
kiri, kanan = st.columns(2)  # four narrow columns crowd the bars and the reference-line labels
for col, (by, judul) in zip(
    [kiri, kanan, kiri, kanan],
    [
        ("jenis_kelamin", "Jenis kelamin"),
        ("golongan", "Golongan"),
        ("jenis_jabatan", "Jenis jabatan"),
        ("jenis_pegawai", "PNS / PPPK"),
    ],
):
    g = ui.call(jp.per_kelompok, scope=scope, by=by, median=False)  # medians are not drawn
    ui.grafik(charts_jp.kelompok_bar(g, judul, garis=garis), col, data=g[jp.BATANG_COLUMNS], tingkat=by)

st.subheader("Pegawai yang perlu ditindaklanjuti")
if not scope.akses.pribadi:
    st.caption("Daftar per pegawai hanya untuk admin dan operator unit; peran ini melihat data agregat.")
pilih = scope.akses.pribadi and st.pills(
    "Status",
    ["tertinggal", "belum mulai"],
    default=["tertinggal", "belum mulai"],
    selection_mode="multi",
    key="jp_status",
)
if pilih:
    batas, tampil = 20_000, 500  # the download's limit; the rows drawn (the list is fetched whole only on a click)
    jumlah = int(status[list(pilih)].sum())  # the same statuses, counted by the group table
    daftar = ui.call(jp.per_pegawai, scope=scope, ref=ref, status=tuple(pilih), limit=tampil)
    st.caption(
        f"{fmt.angka(jumlah)} pegawai, kekurangan terbesar dulu"
        + (f"; tabel menampilkan {fmt.angka(tampil)} teratas" if jumlah > tampil else "")
        + (
            f"; unduhan dibatasi {fmt.angka(batas)} dengan kekurangan terbesar (persempit filter untuk daftar lengkap)"
            if jumlah > batas
            else ""
        )
        + "."
    )
    ui.tabel(daftar, ["nip", "nama", "unor", "jp_total", "kekurangan_jp", "status"], height=320)
    ui.unduh(
        "Unduh daftar (XLSX)",
        lambda: ui.call(jp.per_pegawai, scope=scope, ref=ref, status=tuple(pilih), limit=batas),
        "tindak_lanjut_20jp",
        scope,
        baris=min(jumlah, batas),
    )

with st.expander("Bagaimana JP dihitung"):
    st.markdown(rules.jp.konversi.sumber)
    ui.tabel(jp.aturan_tabel(rules))
