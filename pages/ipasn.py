"""IP ASN: the professionalism index of the selection, where its points are lost, units ranked,
one employee explained."""

import streamlit as st

import ui
from analytics import charts_ipasn, explain, fmt, ipasn

scope = ui.page_scope()
rules = ui.rules()
ip = rules.ipasn
tahun = scope.tahun
dari, _ = ipasn.window(rules, tahun)
bobot = {k: fmt.angka(v) for k, v in ip.bobot.items()}
st.title("Indeks Profesionalitas ASN")
st.caption(
    f"IP ASN 0–100 = kualifikasi ({bobot['kualifikasi']}) + kompetensi ({bobot['kompetensi']}) + kinerja "
    f"({bobot['kinerja']}) + disiplin ({bobot['disiplin']}), {ip.sumber}. Tahun ukur {tahun}: pelatihan dan "
    f"hukuman disiplin {dari}–{tahun}, SKP {tahun} (bila belum ada, tahun sebelumnya). Rata-rata dan kategori "
    "hanya dari pegawai berdata lengkap (pendidikan, jenis jabatan dan SKP tercatat)."
)
if tahun < ipasn.first_year(rules):
    st.info(f"IP ASN dihitung mulai {ipasn.first_year(rules)}: jendela {dari}–{tahun} mendahului data pelatihan.")
    st.stop()

nas_df = ui.call(ipasn.per_kelompok, scope=scope, by="nasional")
if nas_df.empty:
    st.info("Tidak ada pegawai pada pilihan filter ini.")
    st.stop()
nas = nas_df.iloc[0]
tren = ui.call(ipasn.tren, scope=scope)
ui.ipasn_kpis(nas, tren, tahun)

kiri, kanan = st.columns(2)
ui.grafik(charts_ipasn.kategori_bar(nas, f"Kategori IP ASN {tahun}"), kiri, data=ipasn.kategori_frame(nas))
ui.grafik(
    charts_ipasn.tren(
        tren, ui.data_year(), f"Kategori dan rata-rata per tahun{ui.lalu(ui.data_year()).bintang(akumulasi=False)}"
    ),
    kanan,
    data=tren,
)

st.subheader("Di mana poin hilang")
st.caption(
    "Rata-rata poin di bawah nilai maksimum per dimensi; kompetensi dirinci per slot sesuai jenis jabatan "
    f"(kepemimpinan, diklat fungsional, teknis ≥ {fmt.angka(ip.kompetensi.ambang_jp_teknis)} JP, seminar)."
)
tingkat = ui.pilih_tingkat("Kelompok", ["jenis_jabatan", "provinsi", "unor"], key="ipasn_kelompok")
kelompok = ui.call(ipasn.per_kelompok, scope=scope, by=tingkat)
kelompok = kelompok[kelompok["lengkap"] > 0]
top = 20 if tingkat == "unor" else None
ui.grafik(
    charts_ipasn.kehilangan_bar(
        kelompok, "Poin yang hilang" + (" (20 unit dengan kehilangan terbesar)" if top else ""), top=top
    ),
    data=ipasn.kehilangan_frame(kelompok, top),
    tingkat=tingkat,
)

st.subheader("Peringkat unit kerja")
semua_unit = ui.call(ipasn.per_kelompok, scope=scope, by="unor").sort_values("rata_ipasn", ascending=False)
minimal = st.number_input(
    "Minimal pegawai berdata lengkap per unit",
    1,
    10_000,
    10,
    key="ipasn_min",
    help="Rata-rata unit yang sangat kecil mudah naik-turun; unit di bawah batas ini tidak diperingkat.",
)
unit = semua_unit[semua_unit["lengkap"] >= minimal]
st.caption(
    f"{fmt.angka(len(unit))} dari {fmt.angka(len(semua_unit))} unit kerja memiliki ≥ {fmt.angka(minimal)} pegawai "
    "berdata lengkap; rata-rata tertinggi dulu, klik judul kolom untuk mengurutkan."
)
ui.tabel(unit, ipasn.GROUP_COLUMNS, tingkat="unor", height=320)
ui.unduh("Unduh semua unit (XLSX)", semua_unit[ipasn.GROUP_COLUMNS], "ipasn_unit", scope, tingkat="unor")

st.subheader("Rincian per pegawai")
nip = ""
if not scope.akses.pribadi:
    st.caption("Rincian per pegawai hanya untuk admin dan operator unit; peran ini melihat data agregat.")
else:
    with st.form("cari_nip", border=False):
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        nip = a.text_input("NIP (18 angka)", key="ipasn_nip", max_chars=18, placeholder="mis. 198001012015011001")
        b.form_submit_button("Cari", width="stretch")
nip = (nip or "").strip()
if nip:
    orang = ui.call(explain.per_pegawai, scope=ui.scope_with(scope), nip=nip)
    if orang.empty:
        st.warning(f"NIP {fmt.md(nip)} tidak ditemukan untuk tahun {tahun}.")  # typed text, shown as text
    else:
        r = orang.iloc[0]
        st.markdown(  # names from the data as text (fmt.md), never as markup
            f"**{fmt.md(r['nama'])}** · {fmt.md(r['jabatan'] or '–')} · {fmt.md(r['unor'] or '–')} — IP ASN "
            f"**{fmt.indeks(r['total'])}** "
            + (f"({fmt.md(r['kategori'])})" if r["lengkap"] else "(data belum lengkap: tidak dikategorikan)")
        )
        cols = st.columns(4)
        for col, (d, nama) in zip(cols, ipasn.DIMENSI.items()):
            nilai = fmt.indeks(r[d])
            col.metric(f"{nama} (maks {bobot[d]})", nilai, border=True)
        # each line is plain text with names from the data (education, ...): escaped whole
        st.markdown("\n".join(f"- {fmt.md(r[f'ket_{d}'])}" for d in ipasn.DIMENSI))

st.subheader("Kelengkapan data")
alasan = explain.alasan_tidak_lengkap(nas)  # from the row already fetched: no second query
st.caption(
    f"{fmt.angka(nas['lengkap'])} dari {fmt.angka(nas['pegawai'])} pegawai berdata lengkap "
    f"({fmt.persen(nas['persen_lengkap'])}). Seorang pegawai bisa kekurangan lebih dari satu data."
)
ui.tabel(alasan.assign(persen=alasan["pegawai"] / nas["pegawai"] * 100))
