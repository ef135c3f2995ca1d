"""Briefing packs: for one scope and year, a PDF (cover, executive summary, numbered figures with
captions and sources, the weakest units, methods, notes), a PPTX (one figure per slide) and an XLSX
(one sheet per table behind the figures), built offline from the same analytics functions and chart
builders as the pages; images by analytics.gambar (kaleido with the system Chromium, started once).

    paket = briefing.isi(con, scope=scope, rules=rules, ref=ref, oleh="nama")
    data = briefing.tulis(paket, "pdf", kemajuan=lambda bagian, teks: ...)
"""

from __future__ import annotations

import re
from datetime import date

from analytics import gambar as _gambar
from analytics.briefing.isi import Gambar, Kemajuan, Paket, TerlaluKecil, isi

FORMAT = ("pdf", "pptx", "xlsx")
MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
__all__ = ["FORMAT", "MIME", "Gambar", "Paket", "TerlaluKecil", "gambar_png", "isi", "nama_berkas", "tulis"]


def gambar_png(paket: Paket, kemajuan: Kemajuan | None = None, *, dari: float = 0.5, sampai: float = 0.95):
    """({figure number: PNG or None}, why None): every figure drawn once (PDF and PPTX share them);
    without Chromium no PNG and the message saying what to install."""
    if _gambar.browser() is None:
        return dict.fromkeys((g.nomor for g in paket.gambar), None), _gambar.TANPA_BROWSER_PAKET
    out = {}
    for i, g in enumerate(paket.gambar):
        if kemajuan is not None:
            kemajuan(dari + (sampai - dari) * i / max(1, len(paket.gambar)), f"Menggambar gambar {g.nomor}: {g.judul}")
        out[g.nomor] = _gambar.gambar(g.fig, "png")
    return out, None


def tulis(paket: Paket, format: str, *, kemajuan: Kemajuan | None = None, png=None) -> bytes:
    """The pack as `format` (pdf, pptx, xlsx); `png`: figures already drawn (gambar_png), else drawn here."""
    if format not in FORMAT:
        raise ValueError(f"format paket tidak dikenal: {format}")
    if format == "xlsx":
        from analytics.briefing import xlsx

        data = xlsx.tulis(paket)
    else:
        images, pesan = png if png is not None else gambar_png(paket, kemajuan)
        if kemajuan is not None:
            kemajuan(0.96, "Menyusun berkas…")
        if format == "pdf":
            from analytics.briefing import pdf

            data = pdf.tulis(paket, images, pesan)
        else:
            from analytics.briefing import pptx

            data = pptx.tulis(paket, images, pesan)
    if kemajuan is not None:
        kemajuan(1.0, "Selesai.")
    return data


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def nama_berkas(paket: Paket, format: str, *, hari: date | None = None) -> str:
    """'briefing_smartasn_2026_provinsi_jawa_timur_2026-12-03.pdf': the scope and the date in the name."""
    cakupan = _slug(paket.cakupan)[:60].strip("_") or "cakupan"
    hari = hari or paket.dibuat.date()
    return f"briefing_smartasn_{paket.scope.tahun}_{cakupan}_{hari.isoformat()}.{format}"
