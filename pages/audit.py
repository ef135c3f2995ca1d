"""Log audit: logins, imports, exports and account changes (admin only)."""

import streamlit as st

import ui
from analytics import audit, fmt

ui.page_scope()  # runs through the router (login) first
ui.require_admin()
st.title("Log audit")
st.caption(
    "Catatan yang hanya bisa ditambah: masuk (berhasil dan gagal), keluar, impor, ekspor, dan perubahan akun. "
    "Kata sandi dan data pribadi tidak pernah dicatat."
)
c1, c2 = st.columns([2, 1])
aksi = c1.multiselect("Aksi", audit.AKSI, key="audit_aksi", placeholder="Semua aksi")
pengguna = c2.text_input("Pengguna", key="audit_pengguna", max_chars=64).strip()
log = audit.entries(ui.connection(), aksi=tuple(aksi), pengguna=pengguna or None, limit=2000)
st.caption(f"{fmt.angka(len(log))} catatan terbaru" + (f" dari {fmt.md(pengguna)}" if pengguna else "") + ".")
ui.tabel(log.rename(columns={"cakupan": "cakupan_akun"}), height=520)  # the account's scope, not data coverage
