"""The briefing pack as slides (python-pptx): a title slide, the executive summary, then one figure per
slide with its caption and source, ready to edit (16:9, the figures' own size)."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from analytics import fmt
from analytics.briefing.isi import Paket

LEBAR, TINGGI = Inches(13.333), Inches(7.5)
ABU = RGBColor(0x5A, 0x5A, 0x5A)


def _teks(slide, text: str, left, top, width, height, size: int, *, bold=False, color=None) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.text = line
        p.font.size = Pt(size)
        p.font.bold = bold
        if color is not None:
            p.font.color.rgb = color


def tulis(paket: Paket, gambar: dict[int, bytes | None], pesan_gambar: str | None = None) -> bytes:
    """The PPTX bytes; `gambar` maps figure numbers to their PNG (None: a text box saying why)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = LEBAR, TINGGI
    judul = prs.slides.add_slide(prs.slide_layouts[0])
    judul.shapes.title.text = paket.judul
    judul.placeholders[1].text = (
        f"{paket.cakupan}\nData per {fmt.tanggal(paket.data_per)} · {paket.aturan}\n"
        f"Dibuat {fmt.tanggal(paket.dibuat)} oleh {paket.stempel.get('Diekspor oleh', '')}"
    )
    ringkas = prs.slides.add_slide(prs.slide_layouts[5])
    ringkas.shapes.title.text = "Ringkasan eksekutif"
    _teks(
        ringkas, "\n".join("• " + k.teks for k in paket.kalimat), Inches(0.7), Inches(1.5), Inches(12), Inches(5.5), 16
    )
    kosong = prs.slide_layouts[6]
    for g in paket.gambar:
        slide = prs.slides.add_slide(kosong)
        _teks(
            slide, f"Gambar {g.nomor}. {g.judul}", Inches(0.5), Inches(0.15), Inches(12.3), Inches(0.6), 22, bold=True
        )
        png = gambar.get(g.nomor)
        top, height = Inches(0.8), Inches(6.1)
        if png:
            width = Emu(int(height * 16 / 9))
            slide.shapes.add_picture(io.BytesIO(png), int((LEBAR - width) / 2), top, width, height)
        else:
            _teks(slide, pesan_gambar or "Gambar tidak tersedia.", Inches(1.5), Inches(3), Inches(10), Inches(1.5), 16)
        _teks(slide, g.sumber, Inches(0.5), Inches(6.95), Inches(12.3), Inches(0.4), 11, color=ABU)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
