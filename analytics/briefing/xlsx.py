"""The briefing pack as a workbook: the summary sentences, one sheet per table behind a figure, the
groups furthest behind (a sheet per level), the methods and the stamp (who made it, when, for which scope)."""

from __future__ import annotations

import pandas as pd

from analytics import report
from analytics.briefing.isi import Paket


def tulis(paket: Paket) -> bytes:
    lembar = [("ringkasan", pd.DataFrame({"kalimat": [k.teks for k in paket.kalimat]}), None)]
    for g in paket.gambar:
        lembar.append((f"gambar_{g.nomor:02d}", g.data, g.tingkat))
    for d in paket.terlemah:  # one sheet per "furthest behind" list: terlemah_provinsi, _instansi, _unor
        lembar.append((f"terlemah_{d.tingkat}", d.data, d.tingkat))
    lembar.append(("metode", pd.DataFrame(paket.metode, columns=["aturan", "sumber"]), None))
    judul = pd.DataFrame(
        {"gambar": [f"Gambar {g.nomor}" for g in paket.gambar], "judul": [g.judul for g in paket.gambar]}
    )
    lembar.insert(1, ("daftar_gambar", judul, None))
    return report.buku(lembar, paket.stempel)
