"""Impor: upload SIASN/SIMPEG exports, see what was loaded and why rows were refused; map the columns of a
layout we do not know onto our fields, saved as a named profile that later files with the same headers use."""

import logging

import pandas as pd
import streamlit as st

import ui
from analytics import accounts, fmt, imports
from analytics import kolom as kamus
from analytics.importer import JENIS_UNGGAH, KINDS, REJECT_COLUMNS, FileRefused, import_upload, profil
from analytics.settings import load_settings
from ui.impor import GALAT, HASIL, pasang, petakan, pratinjau

scope = ui.page_scope()  # runs through the router (filters, login) first
ui.require_admin()
user = ui.akses().pengguna
st.title("Impor data")
batas = load_settings().upload_mb
st.caption(
    "Unggah ekspor SIASN/SIMPEG atau lembar kerja: CSV (pemisah , ; | atau tab; UTF-8, Windows-1252 atau "
    "UTF-16/'Unicode Text' Excel), "
    "XLSX (boleh ada baris judul di atas kepala kolom), Parquet, JSON layanan SIASN (satu jawaban, daftar, "
    "JSON Lines, atau ZIP berisi jawaban-jawaban), dan rekap/laporan aplikasi 20 JP instansi. Setiap berkas "
    "diimpor dalam satu transaksi: berhasil seluruhnya atau tidak sama sekali. Baris yang tidak lolos "
    "pemeriksaan (juga baris CSV yang rusak) disimpan beserta alasannya dan bisa diunduh; berkas yang tidak "
    "bisa dibaca ditolak tanpa menghentikan berkas lain. Berkas yang kolomnya tidak dikenali bisa dipetakan "
    "di bawah hasil impor."
)
st.caption(
    f"Batas **{batas} MB per berkas**; jenis yang diterima: {', '.join('.' + j for j in JENIS_UNGGAH)}. "
    "Berkas yang lebih besar: pecah per instansi atau per tahun, atau impor di server dengan "
    "`python -m analytics import BERKAS`."
)

files = st.file_uploader(
    "Berkas", type=list(JENIS_UNGGAH), accept_multiple_files=True, max_upload_size=batas, key="unggah"
)
jenis = st.selectbox("Jenis data", [None, *KINDS], format_func=lambda k: "Kenali dari judul kolom" if k is None else k)
setuju = True
if accounts.demo_accounts_active(ui.connection().cursor()):  # the first real import: say what changes first
    admins = accounts.real_admins(ui.connection().cursor())
    st.warning(
        accounts.DEMO_OFF_WARNING
        + (
            f" Admin yang tetap bisa masuk: {', '.join(fmt.md(a) for a in admins)}."
            if admins
            else " **Belum ada admin selain akun demo**: tanpa itu tidak ada yang bisa masuk lagi setelah impor."
        )
    )
    setuju = st.checkbox("Saya mengerti: akun demo dinonaktifkan saat impor ini.", key="impor_setuju")
if st.button("Impor", type="primary", disabled=not (files and setuju)):
    hasil, gagal, tolak, peta = [], [], [], {}
    bar = st.progress(0.0, text="Mengimpor…")
    for i, f in enumerate(files):
        bar.progress(i / len(files), text=f"Mengimpor {f.name} ({i + 1} dari {len(files)})…")
        data = f.getvalue()
        try:  # refused whole (wrong type, too large, unreadable): reason shown, nothing written, audited
            r = import_upload(ui.connection(), f.name, data, max_mb=batas, kind=jenis, user=user, rules=ui.rules())
            hasil.append(r.summary())
            tolak.append(r.rejects)
        except FileRefused as exc:
            gagal.append((f.name, str(exc)))
            try:  # its content could be read: its columns can be mapped by hand below
                pv = pratinjau(f.name, data, batas)
                peta[f.name] = (data, pv.headers, pv.contoh)
            except Exception:  # noqa: BLE001 (unreadable: the refusal above says why)
                pass
        except Exception:  # noqa: BLE001 (one file's failure must not abandon the others of the batch)
            logging.getLogger(__name__).exception("impor %s gagal", f.name)
            gagal.append((f.name, GALAT))
    bar.progress(1.0, text="Selesai")
    st.session_state["impor_hasil"] = (
        hasil,
        gagal,
        pd.concat(tolak) if tolak else pd.DataFrame(columns=REJECT_COLUMNS),
    )
    st.session_state["impor_petakan"], st.session_state["impor_pv"] = peta, {}

if "impor_hasil" in st.session_state:
    hasil, gagal, tolak = st.session_state["impor_hasil"]
    for name, why in gagal:
        st.error(f"**{fmt.md(name)}** ditolak seluruhnya, tidak ada yang ditulis: {fmt.md(why)}")
    if hasil:
        st.subheader("Hasil impor")
        ui.tabel(pd.DataFrame(hasil)[HASIL], lain={"profil": kamus.Kolom("Profil pemetaan")})
        for h in hasil:  # what was derived or is missing, and what that costs downstream
            if h["catatan"] or h["profil"]:
                how = f" · diimpor dengan profil pemetaan **{fmt.md(h['profil'])}**" if h["profil"] else ""
                st.info(f"**{fmt.md(h['file'])}**{how}\n\n" + "\n".join(f"- {fmt.md(c)}" for c in h["catatan"]))
    if len(tolak):
        st.subheader(f"Baris ditolak ({fmt.angka(len(tolak[['file', 'row_number']].drop_duplicates()))} baris)")
        ui.tabel(tolak, REJECT_COLUMNS)
        ui.unduh(  # human headers, no formulas; audited like every export
            "Unduh baris ditolak (CSV)",
            tolak[REJECT_COLUMNS],
            "baris_ditolak",
            scope,
            format="csv",
            nama="baris_ditolak",
        )
for name, (data, headers, contoh) in list(st.session_state.get("impor_petakan", {}).items()):
    petakan(name, data, headers, contoh, jenis=jenis, batas=batas, setuju=setuju)

st.subheader("Profil pemetaan kolom")
st.caption(
    "Berkas berikutnya dengan judul kolom yang sama (urutan, huruf besar-kecil dan tanda baca tidak berpengaruh) "
    "diimpor otomatis dengan profilnya; setiap baris tetap diperiksa."
)
if pesan := st.session_state.pop("profil_pesan", None):
    st.success(pesan)
daftar = profil.listing(ui.connection())
if daftar.empty:
    st.caption("Belum ada profil: profil dibuat saat memetakan kolom berkas yang tidak dikenali.")
else:
    ui.tabel(
        daftar.assign(kolom=daftar["kolom"].map(pasang), tetap=daftar["tetap"].map(pasang)),
        lain={
            "nama": kamus.Kolom("Nama profil"),
            "kolom_berkas": kamus.Kolom("Kolom berkas", kamus.JUMLAH),
            "kolom": kamus.Kolom("Pemetaan"),
            "tetap": kamus.Kolom("Nilai tetap"),
            "dibuat_oleh": kamus.Kolom("Dibuat oleh"),
            "dibuat": kamus.Kolom("Dibuat", kamus.WAKTU),
        },
        lebar={"Nama profil": 160, "Jenis data": 110, "Kolom berkas": 100, "Pemetaan": 270, "Nilai tetap": 100}
        | {"Dibuat oleh": 90, "Dibuat": 130},
    )
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    hapus = a.selectbox("Pilih profil", daftar["nama"].tolist(), key="profil_pilih")
    if b.button("Hapus profil", key="profil_hapus"):
        profil.delete(ui.connection(), hapus, user=user)
        st.session_state["profil_pesan"] = f"Profil **{fmt.md(hapus)}** dihapus."
        st.rerun()

st.subheader("Riwayat impor")
ui.tabel(imports.riwayat(ui.connection()))
