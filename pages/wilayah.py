"""Wilayah: the 38 provinces as a map coloured by a metric, ranked beside it; a click on a province
filters the dashboard to it, then its kabupaten/kota, its profile and a comparison of regions."""

import streamlit as st

import ui
from analytics import charts_wilayah, fmt, peta, wilayah

scope = ui.page_scope()
tahun = scope.tahun
st.title("Wilayah")
st.caption(
    "Setiap provinsi satu petak yang sama besar, diletakkan kira-kira sesuai letaknya, diwarnai menurut ukuran "
    "yang dipilih. Klik petak atau batang untuk memfilter dasbor ke provinsi itu; filter tampil di sidebar dan di "
    "alamat halaman."
)
metrik, selisih = ui.pilih_metrik("wilayah")
m = wilayah.METRIK[metrik]
kolom = "selisih" if selisih else "nilai"
semua = ui.scope_with(scope, jenis_jabatan=scope.jenis_jabatan)  # every province the account may see
prov = ui.call(wilayah.per_kelompok, scope=semua, by="provinsi", metrik=metrik)
if prov["pegawai"].fillna(0).sum() == 0:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()
lalu = ui.lalu(tahun)  # a running year's change: to the same day a year before (or from 31 Dec for a score)
ubah = f", perubahan {lalu.judul(m.akumulasi)}" if selisih else ""
judul = m.label + (ubah or f", {lalu.periode(m.akumulasi)}")
peta_df = prov.assign(nilai=prov[kolom])
batas = ui.call(wilayah.batas_wilayah, scope=scope)  # a configured GeoJSON (SMARTASN_GEOJSON), else None
bentuk = "petak"
if batas is not None:
    bentuk = st.segmented_control(
        "Peta", ["petak", "batas"], default="petak", key="wilayah_peta",
        format_func={"petak": "Petak (sama besar)", "batas": "Batas wilayah"}.get,
    )  # fmt: skip
if bentuk == "batas":
    fig = peta.choropleth(
        peta_df, batas, judul, persen=m.persen, selisih=selisih, terpilih=scope.provinsi_kode, atribusi=batas.atribusi
    )
else:
    fig = charts_wilayah.peta_tile(peta_df, judul, persen=m.persen, selisih=selisih, terpilih=scope.provinsi_kode)
ui.grafik(fig, data=prov, tingkat="provinsi", pilih=ui.klik("peta_provinsi", "provinsi"), key="peta_provinsi")
if bentuk == "batas" and (kurang := peta.pesan_cakupan(batas, dict(zip(prov["kode"], prov["nama"])))):
    st.caption(kurang)
kiri, kanan = st.columns(2)  # the ranking beside the kab/kota of the chosen province
ui.grafik(
    charts_wilayah.peringkat_bar(
        peta_df, "Peringkat provinsi" + ubah, persen=m.persen, selisih=selisih, terpilih=scope.provinsi_kode
    ),
    kiri,
    data=prov,
    tingkat="provinsi",
    pilih=ui.klik("bar_provinsi", "provinsi"),
    key="bar_provinsi",
)
ui.catatan_sel_kecil(prov)

if scope.provinsi_kode is None:
    kanan.caption("Pilih sebuah provinsi (klik petaknya atau batangnya) untuk melihat kabupaten/kotanya dan profilnya.")
else:
    nama = prov.loc[prov["kode"] == scope.provinsi_kode, "nama"]
    nama = nama.iloc[0] if len(nama) else scope.provinsi_kode
    kk = ui.call(
        wilayah.per_kelompok,
        scope=ui.scope_with(scope, provinsi_kode=scope.provinsi_kode, jenis_jabatan=scope.jenis_jabatan),
        by="kabkota",
        metrik=metrik,
    )
    kk = kk[kk["pegawai"].fillna(1) > 0].assign(peringkat=lambda d: wilayah.peringkat(d, kolom))
    ui.grafik(
        charts_wilayah.peringkat_bar(
            kk.assign(nilai=kk[kolom]),
            f"Kabupaten/kota di {nama}" + ubah,
            persen=m.persen,
            selisih=selisih,
            terpilih=scope.kabkota_kode,
        ),
        kanan,
        data=kk,
        tingkat="kabkota",
        pilih=ui.klik("bar_kabkota", "kabkota"),
        key="bar_kabkota",
    )
    st.subheader(f"Kabupaten/kota di {nama}")
    ui.tabel_kelompok(
        kk.sort_values("peringkat"), metrik, tahun=tahun, tingkat="kabkota", key="tabel_kabkota", field="kabkota"
    )
    ui.catatan_sel_kecil(kk)
    wilayah_ini = (
        f"Kabupaten/kota {kk.loc[kk['kode'] == scope.kabkota_kode, 'nama'].iloc[0]}"
        if scope.kabkota_kode in set(kk["kode"])
        else nama
    )
    st.subheader(f"Profil: {wilayah_ini}")
    pembanding = [("Provinsi", ui.scope_with(scope, provinsi_kode=scope.provinsi_kode))] if scope.kabkota_kode else []
    if scope.akses.nasional:
        pembanding.append(("Nasional", ui.scope_with(scope)))
    ui.profil(scope, wilayah_ini, pembanding)

st.subheader("Bandingkan wilayah")
ui.pilih_banding(
    "Dua sampai empat provinsi",
    dict(prov.dropna(subset=["pegawai"])[["kode", "nama"]].itertuples(index=False)),  # not small cells
    lambda k: ui.scope_with(scope, provinsi_kode=k, jenis_jabatan=scope.jenis_jabatan),
    key="banding_provinsi",
    tahun=tahun,
    placeholder="Pilih provinsi",
)
st.caption(f"Data per {fmt.tanggal(ui.reference_date())}.")
