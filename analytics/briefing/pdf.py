"""The briefing pack as a PDF (fpdf2: pure Python, no system service, no internet; built-in PDF fonts).

A4 portrait: a cover, the executive summary, the numbered figures two to a page with their captions
and sources, the tables of the groups furthest behind, the methods page and the notes; page numbers in the
footer. Without Chromium the figures are boxes saying what is needed (analytics.gambar.TANPA_BROWSER).
"""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from analytics import fmt
from analytics.briefing.isi import Paket

BIRU = (31, 78, 121)
ABU = (90, 90, 90)
PUTIH = (255, 255, 255)
HITAM = (0, 0, 0)
# the table's row styles (tests/test_briefing_render.py measures the contrast of what is drawn)
TABEL_JUDUL = FontFace(emphasis="BOLD", color=PUTIH, fill_color=BIRU)
TABEL_BARIS = (FontFace(color=HITAM, fill_color=PUTIH), FontFace(color=HITAM, fill_color=(238, 243, 248)))
# the PDF's built-in Helvetica knows Latin-1 only: the few other characters our texts use, in words
_GANTI = {
    "–": "-",
    "—": "-",
    "≥": ">=",
    "≤": "<=",
    "…": "...",
    "→": "->",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "\u2060": "",
    "•": "·",
}


def latin1(text) -> str:
    """`text` in the characters the built-in fonts have (anything else becomes '?')."""
    s = "".join(_GANTI.get(c, c) for c in str(text))
    return s.encode("latin-1", "replace").decode("latin-1")


class _Dok(FPDF):
    def __init__(self, judul: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.judul_dok = latin1(judul)
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(self.judul_dok)
        self.set_creator("Dasbor Kesiapan Smart ASN")
        self.set_lang("id")

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(*ABU)
        self.cell(0, 5, self.judul_dok, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Halaman {self.page_no()} dari {{nb}}", align="R")

    def heading(self, text: str) -> None:
        self.set_font("Helvetica", "B", 15)
        self.set_text_color(*BIRU)
        self.multi_cell(0, 8, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)
        self.set_text_color(0, 0, 0)

    def para(self, text: str, size: float = 10.5, style: str = "", gap: float = 1.5, color=(0, 0, 0)) -> None:
        self.set_font("Helvetica", style, size)
        self.set_text_color(*color)
        self.multi_cell(0, size * 0.5, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)
        self.set_text_color(0, 0, 0)


def tulis(paket: Paket, gambar: dict[int, bytes | None], pesan_gambar: str | None = None) -> bytes:
    """The PDF bytes; `gambar` maps figure numbers to their PNG (None: no image, `pesan_gambar` says why)."""
    pdf = _Dok(paket.judul)
    _sampul(pdf, paket)
    pdf.add_page()
    pdf.heading("Ringkasan eksekutif")
    for k in paket.kalimat:
        pdf.para("- " + k.teks, size=11, gap=2.5)
    pdf.ln(2)
    pdf.para(f"Gambar 1-{len(paket.gambar)} di halaman berikut; metode dan catatan di akhir.", size=9, color=ABU)
    _gambar(pdf, paket, gambar, pesan_gambar)
    _tabel_terlemah(pdf, paket)
    pdf.add_page()
    pdf.heading("Metode: aturan yang berlaku")
    pdf.para(f"Perangkat aturan: {paket.aturan}. Setiap angka aturan beserta sumber dan tanda keyakinannya:", size=10)
    for what, src in paket.metode:
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.multi_cell(0, 5, latin1(what), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.para(src, size=9.5, gap=1.5)
    pdf.ln(2)
    pdf.heading("Catatan: sel kecil dan kelengkapan data")
    for c in paket.catatan:
        pdf.para("- " + c, size=9.5, gap=1.2)
    return bytes(pdf.output())


def _sampul(pdf: _Dok, paket: Paket) -> None:
    pdf.add_page()
    pdf.set_fill_color(*BIRU)
    pdf.rect(0, 0, pdf.w, 70, style="F")
    pdf.set_fill_color(*PUTIH)  # the fill colour stays set for whatever is drawn next
    pdf.set_xy(18, 26)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(0, 11, latin1(paket.judul), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "", 12)
    pdf.multi_cell(0, 7, "Kepatuhan 20 JP, IP ASN dan atribut Smart ASN", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(84)
    rows = [
        ("Cakupan", paket.cakupan),
        ("Dibuat", f"{fmt.tanggal(paket.dibuat)} {paket.dibuat:%H:%M}"),
        ("Data per", fmt.tanggal(paket.data_per)),
        ("Perangkat aturan", paket.aturan),
        ("Dibuat oleh", f"{paket.stempel.get('Diekspor oleh', '')} · {paket.stempel.get('Peran', '')}"),
        ("Cakupan akun", paket.stempel.get("Cakupan akun", "")),
    ]
    for label, value in rows:
        pdf.set_text_color(*ABU)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(40, 7, latin1(label))
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 7, latin1(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(-40)
    pdf.para(
        "Semua angka dihitung oleh fungsi yang sama dengan halaman dasbor, untuk cakupan dan tahun di atas. Dokumen "
        "ini hanya memuat angka agregat.",
        size=9,
        color=ABU,
    )


def _gambar(pdf: _Dok, paket: Paket, gambar: dict[int, bytes | None], pesan: str | None) -> None:
    lebar = pdf.w - pdf.l_margin - pdf.r_margin
    tinggi = lebar * 9 / 16
    for i, g in enumerate(paket.gambar):
        if i % 2 == 0:
            pdf.add_page()
        png = gambar.get(g.nomor)
        y = pdf.get_y()
        if png:
            pdf.image(io.BytesIO(png), x=pdf.l_margin, y=y, w=lebar, h=tinggi)
        else:
            pdf.set_draw_color(*ABU)
            pdf.rect(pdf.l_margin, y, lebar, tinggi)
            pdf.set_xy(pdf.l_margin + 8, y + tinggi / 2 - 10)
            pdf.set_font("Helvetica", "", 9)
            pdf.multi_cell(lebar - 16, 5, latin1(pesan or "Gambar tidak tersedia."), align="C")
        pdf.set_xy(pdf.l_margin, y + tinggi + 2)
        pdf.para(f"Gambar {g.nomor}. {g.judul}.", size=10, style="B", gap=0.5)
        pdf.para(g.sumber, size=8.5, color=ABU, gap=6)


def _tabel_terlemah(pdf: _Dok, paket: Paket) -> None:
    """One table per "furthest behind" list (analytics.peringkat), with the rule that chose its rows."""
    pdf.add_page()
    if not paket.terlemah:
        pdf.heading("Kelompok paling tertinggal")
        pdf.para("Cakupan ini tidak terbagi ke kelompok yang dapat diperingkat.")
    for d in paket.terlemah:
        if pdf.get_y() > pdf.h / 2:  # a second list starts on its own page rather than split
            pdf.add_page()
        pdf.heading(d.judul)
        pdf.para(
            d.aturan + " Kesenjangannya: pegawai yang belum memenuhi, rata-rata JP, rata-rata IP ASN dan bagian "
            "pegawai siap Smart ASN.",
            size=9.5,
        )
        if d.data.empty:
            pdf.para(f"Tidak ada {d.kelompok.lower()} yang memenuhi aturan itu pada cakupan ini.", size=9.5, gap=6)
            continue
        _tabel(pdf, d)
        pdf.ln(6)


# the numeric columns' widths (mm); the group's name takes what is left of the 174 mm text width
_LEBAR = {"Pegawai": 18, "Memenuhi": 20, "Belum memenuhi": 22, "Rata JP": 16, "IP ASN": 16, "Siap Smart ASN": 20}


def _tabel(pdf: _Dok, d) -> None:
    judul, rows = d.tabel()
    lebar = [_LEBAR.get(h, 0) for h in judul]
    lebar[0] = 174 - sum(lebar)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_draw_color(200, 200, 200)
    with pdf.table(
        headings_style=TABEL_JUDUL,
        col_widths=lebar,
        text_align=["LEFT", *["RIGHT"] * (len(judul) - 1)],
        line_height=5,
        first_row_as_headings=True,
    ) as table:
        row = table.row()
        for head in judul:
            row.cell(latin1(head))
        for i, r in enumerate(rows):
            # every row says its own fill and text colour: a row without a fill is painted by fpdf2 with
            # whatever fill colour the document last set (the cover's navy band once made every other row
            # navy under black text)
            row = table.row(style=TABEL_BARIS[i % 2])
            for teks in r:
                row.cell(latin1(teks))
