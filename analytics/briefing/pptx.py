"""The briefing pack as slides (python-pptx), laid out for 16:9 (13.333 × 7.5 in), in the PDF's order: a
title slide, the executive summary (18 pt or more, over two slides when the sentences need it), one
figure per slide with its caption and source, the tables of the groups furthest behind, the methods (the
rules in force with their sources) and the notes. Every slide has a title placeholder (the outline and
screen readers read it) placed by us, not by the default template, whose geometry is 4:3; text is Arial
(Liberation Sans, its metric twin, where LibreOffice renders it), split over slides by an estimate of the
lines it takes rather than left to auto-fit."""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from analytics import fmt
from analytics.briefing.isi import Paket
from analytics.peringkat import Daftar

LEBAR, TINGGI = Inches(13.333), Inches(7.5)
TEPI = Inches(0.5)  # the margin every shape keeps from the slide's edges
ISI = LEBAR - 2 * TEPI
HURUF = "Arial"
BIRU = RGBColor(0x1F, 0x4E, 0x79)
ABU = RGBColor(0x5A, 0x5A, 0x5A)
PUTIH = RGBColor(0xFF, 0xFF, 0xFF)
HITAM = RGBColor(0, 0, 0)
BARIS = (PUTIH, RGBColor(0xEE, 0xF3, 0xF8))  # the table's body rows, alternating (the PDF's colours)
UKURAN_RINGKASAN = 20
UKURAN_METODE = 16
# where a text slide's body sits: below the title, above the bottom margin
ATAS_ISI, BAWAH_ISI = Inches(1.35), TINGGI - TEPI


def _lebar_karakter(ukuran: float, tebal: bool = False) -> float:
    """A generous mean character width of Arial in points (Liberation Sans measured on our sentences and
    rule sources: 0.43-0.47 em regular, 0.45-0.50 em bold)."""
    return ukuran * (0.50 if tebal else 0.47)


def baris(teks: str, ukuran: float, lebar, *, tebal: bool = False) -> int:
    """How many lines `teks` wraps to at `ukuran` pt in a box `lebar` (EMU) wide (word wrap, estimated)."""
    muat = max(1, int((Emu(lebar).pt - 15) / _lebar_karakter(ukuran, tebal)))  # 0.1 in inset on each side
    n, sekarang = 1, 0
    for kata in teks.split():
        if sekarang and sekarang + 1 + len(kata) > muat:
            n, sekarang = n + 1, 0
        sekarang += len(kata) + (1 if sekarang else 0)
        while sekarang > muat:  # a word longer than a line breaks inside it
            n, sekarang = n + 1, sekarang - muat
    return n


def _run(p, teks: str, ukuran: float, *, tebal=False, warna=HITAM) -> None:
    r = p.add_run()
    r.text = teks
    f = r.font
    f.name, f.size, f.bold = HURUF, Pt(ukuran), tebal
    f.color.rgb = warna


def _kotak(frame, *, anchor=MSO_ANCHOR.TOP):
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.clear()
    return frame


def _judul(slide, teks: str, ukuran: int = 28) -> None:
    """The slide's title placeholder, placed and sized for 16:9."""
    t = slide.shapes.title
    t.left, t.top, t.width, t.height = TEPI, Inches(0.3), ISI, Inches(0.95)
    p = _kotak(t.text_frame, anchor=MSO_ANCHOR.MIDDLE).paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    _run(p, teks, ukuran, tebal=True, warna=BIRU)


def _paragraf(slide, bagian: list[list[tuple[str, bool]]], ukuran: float, top, height, *, warna=HITAM) -> None:
    """A text box of paragraphs, each a list of (text, bold) runs."""
    frame = _kotak(slide.shapes.add_textbox(TEPI, top, ISI, height).text_frame)
    for i, runs in enumerate(bagian):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.space_after = Pt(ukuran * 0.5)
        for teks, tebal in runs:
            _run(p, teks, ukuran, tebal=tebal, warna=warna)


def _halaman(bagian: list[list[tuple[str, bool]]], ukuran: float, tinggi) -> list[list[list[tuple[str, bool]]]]:
    """The paragraphs split into slides of at most `tinggi` (EMU) each, by their estimated lines."""
    per_baris, jeda = ukuran * 1.2, ukuran * 0.5
    out, sekarang, dipakai = [], [], 0.0
    for runs in bagian:
        perlu = baris("".join(t for t, _ in runs), ukuran, ISI, tebal=any(b for _, b in runs)) * per_baris + jeda
        if sekarang and dipakai + perlu > Emu(tinggi).pt:
            out.append(sekarang)
            sekarang, dipakai = [], 0.0
        sekarang.append(runs)
        dipakai += perlu
    return [*out, sekarang] if sekarang else out


def _slide_teks(prs, judul: str, bagian: list[list[tuple[str, bool]]], ukuran: float, *, pengantar: str = "") -> None:
    """One or more slides titled `judul` ("… (lanjutan)" after the first) holding the paragraphs."""
    top = ATAS_ISI + (Inches(0.55) if pengantar else 0)
    for i, isi in enumerate(_halaman(bagian, ukuran, BAWAH_ISI - top)):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _judul(slide, judul + (" (lanjutan)" if i else ""))
        if pengantar:
            _paragraf(slide, [[(pengantar, False)]], 16, ATAS_ISI, Inches(0.5), warna=ABU)
        _paragraf(slide, isi, ukuran, top, BAWAH_ISI - top)


def _sampul(prs, paket: Paket) -> None:
    """The title slide: a navy band with the title and the scope, centred; the dates and rules below."""
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    band = slide.shapes.add_shape(1, 0, 0, LEBAR, Inches(4.3))  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = BIRU
    band.line.fill.background()
    # without the theme's shape style: its effect casts a grey shadow below the band (LibreOffice draws
    # it even with an empty effect list); fill and line are set above
    band._element.remove(band._element.find(qn("p:style")))
    pohon = slide.shapes._spTree  # the band first in drawing order: behind the title and the scope
    pohon.remove(band._element)
    pohon.insert(2, band._element)
    judul = slide.shapes.title
    judul.left, judul.top, judul.width, judul.height = TEPI, Inches(1.0), ISI, Inches(1.3)
    p = _kotak(judul.text_frame, anchor=MSO_ANCHOR.BOTTOM).paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    _run(p, paket.judul, 40, tebal=True, warna=PUTIH)
    ukuran = next((u for u in (24, 20, 18) if baris(paket.cakupan, u, ISI) * u * 1.2 <= 108), 16)
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = TEPI, Inches(2.5), ISI, Inches(1.6)
    p = _kotak(sub.text_frame).paragraphs[0]
    p.alignment = PP_ALIGN.CENTER
    _run(p, paket.cakupan, ukuran, warna=PUTIH)
    info = [
        f"Data per {fmt.tanggal(paket.data_per)} · {paket.aturan}",
        f"Dibuat {fmt.tanggal(paket.dibuat)} oleh {paket.stempel.get('Diekspor oleh', '')}",
        "Kepatuhan 20 JP, IP ASN dan atribut Smart ASN · hanya angka agregat",
    ]
    kotak = _kotak(slide.shapes.add_textbox(TEPI, Inches(4.7), ISI, Inches(2.2)).text_frame)
    for i, teks in enumerate(info):
        p = kotak.paragraphs[0] if i == 0 else kotak.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        p.space_after = Pt(8)
        _run(p, teks, 18, warna=ABU)


def _gambar(prs, paket: Paket, gambar: dict[int, bytes | None], pesan: str | None) -> None:
    for g in paket.gambar:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        _judul(slide, f"Gambar {g.nomor}. {g.judul}", 22)
        slide.shapes.title.top, slide.shapes.title.height = Inches(0.15), Inches(0.6)
        png = gambar.get(g.nomor)
        top, height = Inches(0.8), Inches(6.1)
        if png:
            width = Emu(int(height * 16 / 9))
            slide.shapes.add_picture(io.BytesIO(png), int((LEBAR - width) / 2), top, width, height)
        else:
            _paragraf(slide, [[(pesan or "Gambar tidak tersedia.", False)]], 18, Inches(3), Inches(1.5))
        _paragraf(slide, [[(g.sumber, False)]], 11, Inches(6.95), Inches(0.4), warna=ABU)


def _tabel(prs, d: Daftar) -> None:
    """The list as a real table: a navy header with white text, white and pale rows with black text."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    _judul(slide, d.judul_jp)
    _paragraf(slide, [[(d.aturan, False)]], 14, ATAS_ISI, Inches(0.7), warna=ABU)
    if d.data.empty:
        teks = f"Tidak ada {d.kelompok.lower()} yang memenuhi aturan itu pada cakupan ini."
        _paragraf(slide, [[(teks, False)]], 20, Inches(2.4), Inches(1))
        return
    judul, rows = d.tabel()
    angka = Inches(1.3)  # "Memenuhi" in bold at the header's size fits without breaking the word
    nama = ISI - angka * (len(judul) - 1)
    top = Inches(2.2)
    # the largest size at which the estimated rows fit above the bottom margin
    ukuran = next((u for u in (16, 14, 12) if _tinggi_tabel(d, u, nama) <= Emu(BAWAH_ISI - top).pt), 12)
    shape = slide.shapes.add_table(len(rows) + 1, len(judul), TEPI, top, ISI, Inches(0.4) * (len(rows) + 1))
    tabel = shape.table
    tabel.first_row, tabel.horz_banding = True, False
    for j in range(len(judul)):
        tabel.columns[j].width = nama if j == 0 else angka
    for i, baris_teks in enumerate([judul, *rows]):
        latar, warna = (BIRU, PUTIH) if i == 0 else (BARIS[(i - 1) % 2], HITAM)
        for j, teks in enumerate(baris_teks):
            cell = tabel.cell(i, j)
            cell.fill.solid()
            cell.fill.fore_color.rgb = latar
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.margin_top = cell.margin_bottom = Inches(0.04)
            p = _kotak(cell.text_frame, anchor=MSO_ANCHOR.MIDDLE).paragraphs[0]
            p.alignment = PP_ALIGN.LEFT if j == 0 else PP_ALIGN.RIGHT
            _run(p, teks, ukuran - 2 if i == 0 else ukuran, tebal=i == 0, warna=warna)


def _tinggi_tabel(d: Daftar, ukuran: float, nama) -> float:
    """The table's estimated height in points: a two-line header, each row as tall as its name."""
    baris_pt = ukuran * 1.2 + 7  # the line and the cell's top and bottom margins
    names = sum(baris(str(n), ukuran, nama) for n in d.data["nama"])
    return 2 * baris_pt + names * baris_pt


def tulis(paket: Paket, gambar: dict[int, bytes | None], pesan_gambar: str | None = None) -> bytes:
    """The PPTX bytes; `gambar` maps figure numbers to their PNG (None: a text box saying why)."""
    prs = Presentation()
    _lebar_16_9(prs)
    _sampul(prs, paket)
    _slide_teks(prs, "Ringkasan eksekutif", [[(k.teks, False)] for k in paket.kalimat], UKURAN_RINGKASAN)
    _gambar(prs, paket, gambar, pesan_gambar)
    for d in paket.terlemah:
        _tabel(prs, d)
    _slide_teks(
        prs,
        "Metode: aturan yang berlaku",
        [[(f"{apa}: ", True), (sumber, False)] for apa, sumber in paket.metode],
        UKURAN_METODE,
        pengantar=f"Perangkat aturan: {paket.aturan}. Setiap angka aturan beserta sumber dan tanda keyakinannya.",
    )
    _slide_teks(prs, "Catatan: sel kecil dan kelengkapan data", [[(c, False)] for c in paket.catatan], UKURAN_METODE)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _lebar_16_9(prs) -> None:
    """The slide size 16:9, and the master's and layouts' placeholders widened with it (the default
    template places them for 4:3: a slide a user adds later would sit in the left three quarters)."""
    k = LEBAR / prs.slide_width
    prs.slide_width, prs.slide_height = LEBAR, TINGGI
    for shapes in [prs.slide_master.shapes, *(layout.shapes for layout in prs.slide_layouts)]:
        for s in shapes:
            if s.left is not None and s.width is not None:
                s.left, s.width = Emu(math.floor(s.left * k)), Emu(math.floor(s.width * k))
