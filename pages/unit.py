"""Unit kerja: the agencies and their units as a tree sized by employees and coloured by a metric, a
ranked table whose row click drills down (the sidebar filter and the URL follow), the profile of the
chosen agency or unit, and a comparison of units."""

import streamlit as st

import ui
from analytics import charts_wilayah, wilayah

scope = ui.page_scope()
tahun = scope.tahun
st.title("Unit kerja")
st.caption(
    "Instansi dan unit kerjanya: luas kotak = jumlah pegawai (beserta unit di bawahnya), warna = ukuran yang "
    "dipilih. Klik baris tabel untuk turun satu tingkat; jejak di atas untuk naik."
)
metrik, selisih = ui.pilih_metrik("unit")
m = wilayah.METRIK[metrik]
kolom = "selisih" if selisih else "nilai"
try:
    pohon = ui.call(wilayah.pohon, scope=scope, metrik=metrik)
except ValueError as exc:  # IP ASN before its first year
    st.info(str(exc))
    st.stop()
if pohon.empty and scope.instansi_id is None:
    st.info("Tidak ada unit kerja dengan cukup pegawai pada pilihan filter ini.")
    st.stop()

# the breadcrumb: where we are, and a way up
akar = pohon[pohon["induk"] == ""]
nama_instansi = ui.call(wilayah.nama_instansi, scope=scope)
nama = akar.iloc[0]["nama"] if len(akar) else nama_instansi  # the agency's or unit's name
jejak = st.columns([1, 1, 1, 3])
jejak[0].button("Semua instansi", on_click=ui.atur_filter, args=("instansi", None), disabled=scope.instansi_id is None)
if scope.instansi_id is not None:
    jejak[1].button(
        nama_instansi[:40],
        on_click=ui.atur_filter,
        args=("unor", None),
        disabled=scope.unor_id is None,
        key="jejak_instansi",
    )
if scope.unor_id is not None:
    jejak[2].button(nama[:40], disabled=True, key="jejak_unit")

lalu = ui.lalu(tahun)  # a running year's change: to the same day a year before (or from 31 Dec for a score)
judul = m.label + (f", perubahan {lalu.judul(m.akumulasi)}" if selisih else f", {lalu.periode(m.akumulasi)}")
if len(pohon):
    ui.grafik(
        charts_wilayah.pohon(
            pohon.assign(nilai=pohon[kolom]),
            judul,
            persen=m.persen and not selisih,
            akar="Semua instansi" if scope.instansi_id is None else nama,
        ),
        data=pohon[["id", "induk", "nama", "pegawai", "nilai", "lalu", "selisih"]].rename(columns={"id": "kode"}),
    )

# the table one level down: agencies (national), the units under the agency or the unit
if scope.instansi_id is None:
    anak, field, ubah = pohon[pohon["tingkat"] == 1], "instansi", int
    label = "Instansi"
else:
    puncak = akar.iloc[0]["id"] if len(akar) else None
    anak, field, ubah = pohon[pohon["induk"] == puncak], "unor", int
    label = "Unit di bawahnya"
anak = anak.assign(kode=anak["id"].str.split(":").str[1], peringkat=wilayah.peringkat(anak, kolom, dalam="induk"))
st.subheader(label)
if anak.empty:  # staff without a recorded unit, or units all under the small-cell minimum
    st.caption("Tidak ada unit kerja dengan cukup pegawai di bawah tingkat ini.")
else:
    st.caption(
        "Peringkat di antara unit yang seinduk (instansi: di antara instansi sejenis). Klik baris untuk memilihnya."
    )
ui.tabel_kelompok(
    anak.sort_values([kolom, "nama"], ascending=[False, True], na_position="last"),  # best first; rank among siblings
    metrik,
    tahun=tahun,
    tingkat="instansi" if field == "instansi" else "unor",
    key=f"tabel_unit_{scope.instansi_id}_{scope.unor_id}",  # a new table per level: no stale selection
    field=field,
    ubah=ubah,
)

if scope.instansi_id is not None:
    st.subheader(f"Profil: {nama}")
    pembanding = []
    if scope.unor_id is not None:
        pembanding.append(("Instansi", ui.scope_with(scope, instansi_id=scope.instansi_id)))
    pembanding.append(("Nasional" if scope.akses.nasional else "Cakupan akun", ui.scope_with(scope)))
    ui.profil(scope, nama, pembanding)

st.subheader("Bandingkan unit")
ui.pilih_banding(
    f"Dua sampai empat dari daftar {label.lower()}",
    dict(anak[["kode", "nama"]].itertuples(index=False)),
    lambda k: ui.scope_with(scope, **({"instansi_id": int(k)} if field == "instansi" else {"unor_id": int(k)})),
    key="banding_unit",
    tahun=tahun,
    placeholder="Pilih unit",
)
