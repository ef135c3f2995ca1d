"""Impor: upload SIASN/SIMPEG exports, see what was loaded and why rows were refused."""

import logging

import pandas as pd
import streamlit as st

from analytics import auth, fmt, imports
from analytics.importer import REJECT_COLUMNS, FileRefused, import_upload
from analytics.importer.kinds import KINDS
from analytics.importer.read import JENIS_UNGGAH
from analytics.settings import load_settings
from pages import _ui as ui

GALAT = (
    "galat saat menulis ke basis data (mis. disk penuh atau berkas basis data tidak bisa ditulis); "
    "impor berkas ini dibatalkan seluruhnya. Rinciannya ada di log server; hubungi pengelola server."
)

scope = ui.page_scope()  # runs through the router (filters, login) first
ui.require_admin()
st.title("Impor data")
batas = load_settings().upload_mb
st.caption(
    "Unggah ekspor SIASN/SIMPEG atau lembar kerja: CSV (pemisah , ; | atau tab; UTF-8, Windows-1252 atau "
    "UTF-16/'Unicode Text' Excel), "
    "XLSX (boleh ada baris judul di atas kepala kolom), Parquet, atau JSON layanan SIASN. Setiap berkas "
    "diimpor dalam satu transaksi: berhasil seluruhnya atau tidak sama sekali. Baris yang tidak lolos "
    "pemeriksaan (juga baris CSV yang rusak) disimpan beserta alasannya dan bisa diunduh; berkas yang tidak "
    "bisa dibaca ditolak tanpa menghentikan berkas lain."
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
if auth.demo_accounts_active(ui.connection().cursor()):  # the first real import: say what changes first
    admins = auth.real_admins(ui.connection().cursor())
    st.warning(
        auth.DEMO_OFF_WARNING
        + (
            f" Admin yang tetap bisa masuk: {', '.join(fmt.md(a) for a in admins)}."
            if admins
            else " **Belum ada admin selain akun demo**: tanpa itu tidak ada yang bisa masuk lagi setelah impor."
        )
    )
    setuju = st.checkbox("Saya mengerti: akun demo dinonaktifkan saat impor ini.", key="impor_setuju")
if st.button("Impor", type="primary", disabled=not (files and setuju)):
    hasil, gagal, tolak = [], [], []
    bar = st.progress(0.0, text="Mengimpor…")
    for i, f in enumerate(files):
        bar.progress(i / len(files), text=f"Mengimpor {f.name} ({i + 1} dari {len(files)})…")
        try:  # refused whole (wrong type, too large, unreadable): reason shown, nothing written, audited
            r = import_upload(
                ui.connection(),
                f.name,
                f.getvalue(),
                max_mb=batas,
                kind=jenis,
                user=ui.akses().pengguna,
                rules=ui.rules(),
            )
            hasil.append(r.summary())
            tolak.append(r.rejects)
        except FileRefused as exc:
            gagal.append((f.name, str(exc)))
        except Exception:  # noqa: BLE001 (one file's failure must not abandon the others of the batch)
            logging.getLogger(__name__).exception("impor %s gagal", f.name)
            gagal.append((f.name, GALAT))
    bar.progress(1.0, text="Selesai")
    st.session_state["impor_hasil"] = (
        hasil,
        gagal,
        pd.concat(tolak) if tolak else pd.DataFrame(columns=REJECT_COLUMNS),
    )

if "impor_hasil" in st.session_state:
    hasil, gagal, tolak = st.session_state["impor_hasil"]
    for name, why in gagal:
        st.error(f"**{fmt.md(name)}** ditolak seluruhnya, tidak ada yang ditulis: {fmt.md(why)}")
    if hasil:
        st.subheader("Hasil impor")
        ui.tabel(pd.DataFrame(hasil))
    if len(tolak):
        st.subheader(f"Baris ditolak ({fmt.angka(tolak['row_number'].nunique())} baris)")
        ui.tabel(tolak, REJECT_COLUMNS)
        ui.unduh(  # human headers, no formulas; audited like every export
            "Unduh baris ditolak (CSV)",
            tolak[REJECT_COLUMNS],
            "baris_ditolak",
            scope,
            format="csv",
            nama="baris_ditolak",
        )

st.subheader("Riwayat impor")
ui.tabel(imports.riwayat(ui.connection()))
