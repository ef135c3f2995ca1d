"""Atribut Smart ASN: readiness against the target, the eight traits, where each unit is weakest
and what would help, and how every figure is computed."""

import pandas as pd
import streamlit as st

import ui
from analytics import charts_smart, fmt, smart

scope = ui.page_scope()
rules = ui.rules()
sa = rules.smart_asn
cakupan_min = fmt.persen(sa.min_cakupan, 0)  # traits under it are not compared (rules: smart_asn.min_cakupan)
tahun = scope.tahun
st.title("Atribut Smart ASN")
st.caption(
    "Delapan atribut Smart ASN (KemenPAN-RB) tidak memiliki indikator resmi. Skor di sini memakai rubrik kami di "
    f"berkas aturan ({rules.label}), dijelaskan di bagian bawah halaman. Data yang tidak ada tidak dihitung nol: "
    "setiap skor disertai cakupannya."
)

nas_df = ui.call(smart.per_kelompok, scope=scope, by="nasional")
if nas_df.empty:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()
nas = nas_df.iloc[0]
tren = ui.call(smart.tren, scope=scope)
target = smart.target(rules, tahun)
lemah = smart.terlemah(nas_df, rules).iloc[0]

c = st.columns(4)
ui.smart_kpis(c[:3], nas, tren, tahun, target)
ui.kpi(
    c[3],
    "Atribut terlemah",
    lemah["atribut"] or "–",
    None if lemah["atribut"] is None else f"skor {fmt.indeks(lemah['skor'])}, cakupan {fmt.persen(lemah['cakupan'])}",
    help=f"Di antara atribut dengan cakupan data ≥ {cakupan_min}.",
)

akhir = int(tren["tahun"].max())  # the trend's last year: the target in force then names the chart
ui.grafik(
    charts_smart.tren_target(
        tren,
        ui.data_year(),
        smart.tahun_target(rules, akhir),
        f"Kemajuan Smart ASN: pegawai siap dibanding {smart.nama_target(rules, akhir)}"
        + ui.lalu(ui.data_year()).bintang(akumulasi=False),
        min_cakupan=sa.min_cakupan,
    ),
    data=tren,
)
rendah = [smart.ATRIBUT[t] for t in smart.ATRIBUT if not smart.cukup(nas[f"cakupan_{t}"], sa.min_cakupan)]
if rendah:
    st.warning(
        f"Cakupan data di bawah {cakupan_min} untuk: "
        + ", ".join(rendah)
        + ". Angka atribut ini tidak ditampilkan sebagai skor (data kurang) dan tidak dibandingkan; impor data "
        "indikatornya (halaman Impor data) untuk gambaran yang utuh."
    )

kiri, kanan = st.columns([3, 2])
label, semua = ui.nama_pembanding(scope)  # the same words as the reference lines
rows = [(label.capitalize(), nas)]
if label != semua:
    rows.append((semua.capitalize(), ui.call(smart.per_kelompok, scope=ui.scope_with(scope), by="nasional").iloc[0]))
ui.grafik(
    charts_smart.radar(rows, f"Delapan atribut, {tahun}", min_cakupan=sa.min_cakupan),
    kiri,
    data=smart.profil_frame(rows),
)
ui.grafik(
    charts_smart.cakupan_bar(nas, "Cakupan data per atribut", min_cakupan=sa.min_cakupan),
    kanan,
    data=smart.atribut_frame(nas)[["atribut", "cakupan"]],
)

st.subheader("Peta atribut per kelompok")
tingkat = ui.pilih_tingkat("Baris", ["unor", "instansi", "provinsi"], key="smart_kelompok")
kelompok = ui.call(smart.per_kelompok, scope=scope, by=tingkat)
besar = kelompok.dropna(subset=["pegawai"]).sort_values("pegawai", ascending=False).head(30)
ui.catatan_sel_kecil(kelompok)
ui.grafik(
    charts_smart.heatmap(
        besar,
        f"30 kelompok terbesar × atribut (skor rata-rata; kosong = tidak ada data), {tahun}",
        min_cakupan=sa.min_cakupan,
    ),
    data=besar[smart.PETA_COLUMNS],
    tingkat=tingkat,
)

st.subheader("Atribut terlemah tiap unit dan bentuk pengembangannya")
unit = kelompok if tingkat == "unor" else ui.call(smart.per_kelompok, scope=scope, by="unor")
minimal = st.number_input(
    "Minimal pegawai per unit", 1, 10_000, 10, key="smart_min", help="Unit yang sangat kecil mudah naik-turun."
)
saran = smart.terlemah(unit[unit["pegawai"] >= minimal], rules).sort_values(
    ["skor", "pegawai"], ascending=[True, False]
)
st.caption(
    f"{fmt.angka(len(saran))} dari {fmt.angka(len(unit))} unit kerja memiliki ≥ {fmt.angka(minimal)} pegawai; atribut "
    f"terlemah paling rendah dulu. Hanya atribut dengan cakupan data ≥ {cakupan_min} di unit itu yang dibandingkan."
)
ui.tabel(saran, tingkat="unor", height=360)

with st.expander("Bagaimana skor ini dihitung"):
    jendela = sa.jendela_tahun
    st.markdown(
        f"""
- **Sumber**: {sa.sumber}.
- **Atribut** = rata-rata berbobot indikator yang datanya ada (0–100). Atribut tanpa indikator berdata untuk
  seorang pegawai = *tidak ada data*, bukan nol. Jendela kegiatan: tahun ukur dan {jendela - 1} tahun sebelumnya.
- **Indeks kesiapan** = rata-rata atribut yang berdata, hanya bila paling sedikit {sa.min_atribut_berdata}
  dari {len(sa.atribut)} atribut berdata.
- **Siap** = indeks ≥ {fmt.angka(sa.ambang_indeks)} dan setiap atribut yang berdata
  ≥ {fmt.angka(sa.ambang_atribut)}.
- **Target** % pegawai siap ({sa.target.sumber}): """
        + ", ".join(f"{k}: {fmt.angka(v)}%" for k, v in sa.target.persen_siap.items())
        + "."
    )
    ui.tabel(smart.rubrik(rules))
    sk = sa.skala
    n = fmt.angka

    def daftar(table) -> str:
        return ", ".join(f"{k} {n(v)}" for k, v in table.items())

    st.markdown(
        f"""
**Skala indikator** ({sk.sumber}):
- Perilaku BerAKHLAK (SKP tahun itu, bila tidak ada tahun sebelumnya): di bawah ekspektasi {n(sk.perilaku[1])},
  sesuai {n(sk.perilaku[2])}, di atas {n(sk.perilaku[3])}.
- Hukuman disiplin terberat dalam jendela (selalu diketahui): tanpa {n(sk.hukdis["tanpa"])},
  ringan {n(sk.hukdis["R"])}, sedang {n(sk.hukdis["S"])}, berat {n(sk.hukdis["B"])}.
- Bahasa asing: tingkat CEFR terbaik dari tes {sk.bahasa_berlaku_tahun} tahun terakhir →
  {daftar(sk.cefr)}. Pemetaan skor tes: {sa.cefr.sumber}.
- TIK: asesmen digital terakhir dalam jendela (0–100) atau sertifikat
  ({daftar(sk.sertifikat_tik)}), mana yang lebih tinggi.
- Inovasi: status terbaik dalam jendela ({daftar(sk.inovasi)}); tidak ada
  catatan = tidak ada data (tidak setiap ASN diharapkan memimpin inovasi).
- Belajar sosial: {n(sk.kegiatan_sosial_penuh)} kegiatan dalam jendela = 100, di bawahnya sebanding.
- Kegiatan internasional (kata kunci pada nama/penyelenggara): ada = 100, tidak ada = tidak ada data.
- Latsar/PIM: ada = 100; PNS yang diangkat sejak {sk.latsar_wajib_sejak} dan lebih dari setahun belum = 0;
  selain itu tidak ada data.
- IP ASN: nilai total bila datanya lengkap (halaman IP ASN). IKM: nilai unit, atau unit induk terdekat.
"""
    )
    cefr = pd.DataFrame(
        {
            tes: {lvl: sa.cefr.tes[key].get(lvl) for lvl in smart.CEFR}
            for tes, key in [*smart.TES.items(), ("Tes lain (% skala)", "lain_persen")]
        }
    ).T
    st.caption("Skor terendah tiap tingkat CEFR (di bawah pita terendah = satu tingkat di bawahnya).")
    ui.tabel(cefr.astype(float).rename_axis("tes").reset_index(), width="stretch")
