"""The briefing-pack button in the sidebar of every page: PDF, PPTX and XLSX for the current filters
and year, built once with a progress bar (the figures are drawn once for the PDF and the PPTX), then
downloaded; each download is audited when clicked."""

from __future__ import annotations

import streamlit as st

from analytics import briefing, ekspor, fmt, privacy
from analytics.filters import Scope
from ui.sesi import _versi, connection, reference_date, rules

LABEL = {"pdf": "PDF (dokumen)", "pptx": "PPTX (slide)", "xlsx": "XLSX (tabel)"}


def _bangun(scope: Scope, tempat) -> dict:
    bar = tempat.progress(0.0, text="Menyiapkan paket briefing…")

    def kemajuan(bagian: float, teks: str) -> None:
        bar.progress(min(1.0, bagian), text=teks)

    con = connection().cursor()
    try:
        paket = briefing.isi(
            con, scope=scope, rules=rules(), ref=reference_date(), oleh=scope.akses.pengguna, kemajuan=kemajuan
        )
        png = briefing.gambar_png(paket, kemajuan, dari=0.5, sampai=0.9)
        files = {}
        for i, format in enumerate(briefing.FORMAT):
            kemajuan(0.9 + 0.03 * i, f"Menyusun {format.upper()}…")
            files[format] = (briefing.nama_berkas(paket, format), briefing.tulis(paket, format, png=png))
    finally:
        con.close()
    bar.empty()
    return {"files": files, "gambar": len(paket.gambar), "baris": paket.baris, "tanpa_gambar": png[1]}


def tombol(scope: Scope) -> None:
    """The sidebar's 'Paket briefing' block for `scope`."""
    kunci = (scope, _versi())
    with st.sidebar:
        st.markdown("### Paket briefing")
        dibuat = st.session_state.get("briefing")
        if dibuat is None or dibuat["kunci"] != kunci:
            st.caption("PDF, PPTX dan XLSX untuk filter dan tahun ini, tanpa internet.")
            if st.button("Buat paket briefing", key="briefing_buat", icon=":material/description:", width="stretch"):
                try:
                    st.session_state["briefing"] = {"kunci": kunci, **_bangun(scope, st)}
                except privacy.Forbidden as exc:
                    st.info(str(exc))
                    return
                dibuat = st.session_state["briefing"]
            else:
                return
        if dibuat["tanpa_gambar"]:
            st.caption(dibuat["tanpa_gambar"])
        st.caption(f"{fmt.angka(dibuat['gambar'])} gambar; tahun {scope.tahun}.")
        for format, (nama, data) in dibuat["files"].items():
            st.download_button(
                LABEL[format],
                lambda format=format, data=data: _unduh(scope, format, data, dibuat["baris"]),
                file_name=nama,
                mime=briefing.MIME[format],
                key=f"briefing_{format}",
                width="stretch",
            )


def _unduh(scope: Scope, format: str, data: bytes, baris: int) -> bytes:
    ekspor.catat(connection().cursor(), scope, laporan="briefing", baris=baris, format=format, jalur=ekspor.DASBOR)
    return data
