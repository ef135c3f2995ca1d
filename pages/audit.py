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
masalah = audit.verify(ui.connection())  # the hash chain: edits made with plain SQL show here
if masalah:
    st.error(
        "Rantai sidik log audit tidak utuh: ada catatan yang diubah atau dihapus di luar aplikasi.\n\n"
        + "\n".join(f"- {m}" for m in masalah[:20])
        + (f"\n- … dan {fmt.angka(len(masalah) - 20)} masalah lain" if len(masalah) > 20 else "")
    )
else:
    st.caption("Rantai sidik utuh: tidak ada catatan yang diubah, atau dihapus di antara catatan lain.")
c1, c2 = st.columns([2, 1])
aksi = c1.multiselect("Aksi", audit.AKSI, key="audit_aksi", placeholder="Semua aksi")
pengguna = c2.text_input("Pengguna", key="audit_pengguna", max_chars=64).strip()
log = audit.entries(ui.connection(), aksi=tuple(aksi), pengguna=pengguna or None, limit=2000)
st.caption(f"{fmt.angka(len(log))} catatan terbaru" + (f" dari {fmt.md(pengguna)}" if pengguna else "") + ".")
ui.tabel(log.rename(columns={"cakupan": "cakupan_akun"}), height=520)  # the account's scope, not data coverage
