"""The briefing pack as it is drawn: the PDF's text colours against the fills drawn under them (read from
the page's content stream, so the test checks what was actually drawn, every table row style included),
the same table rows on the PDF rendered by pdftoppm, the PPTX's slides laid out for 16:9 (shapes inside
the slide, sizes a room can read, the lists' table and the methods present), and the PPTX rendered by
LibreOffice headless: titles centred, nothing in the bottom margin or past the text area.

The renders are skipped, saying why, where `soffice` or `pdftoppm` is not installed (.ci/run installs
them). One LibreOffice conversion serves the module (its start-up takes seconds)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from analytics import briefing, dimensions
from analytics.briefing import pptx as slides
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules

SCOPES = {"nasional": {}, "provinsi_35": {"provinsi_kode": "35"}}
DPI_SLIDE = 40  # 533 × 300 px a slide: enough to see a line of 11 pt text as ink
BIRU, PUTIH, PUCAT = (31 / 255, 78 / 255, 121 / 255), (1.0, 1.0, 1.0), (238 / 255, 243 / 255, 248 / 255)


def luminans(rgb) -> float:
    """WCAG 2 relative luminance of an sRGB colour with channels 0-1."""
    c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def kontras(a, b) -> float:
    la, lb = sorted([luminans(a), luminans(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- what a PDF page draws: filled rectangles, images and text, each with its non-stroking colour ---------


@dataclass(frozen=True)
class Isian:
    x: float
    y: float
    w: float
    h: float
    warna: tuple[float, float, float] | None  # None: an image
    urutan: int

    def memuat(self, x: float, y: float) -> bool:
        x0, x1 = sorted((self.x, self.x + self.w))
        y0, y1 = sorted((self.y, self.y + self.h))
        return x0 <= x <= x1 and y0 <= y <= y1


@dataclass(frozen=True)
class Teks:
    x: float
    y: float
    warna: tuple[float, float, float]
    teks: str
    urutan: int


def digambar(page) -> tuple[list[Isian], list[Teks]]:
    """The fills and texts of one pypdf page, in drawing order (the operators fpdf2 writes: q/Q, rg/g,
    re with f/B, cm + Do for images, BT/Td/Tj for text)."""
    from pypdf.generic import ContentStream

    warna, tumpukan, jalur, cm = (0.0, 0.0, 0.0), [], [], None
    isian, teks, pos = [], [], (0.0, 0.0)
    for i, (args, op) in enumerate(ContentStream(page.get_contents(), page.pdf).operations):
        op = op.decode() if isinstance(op, bytes) else op
        if op == "q":
            tumpukan.append((warna, cm))
        elif op == "Q":
            warna, cm = tumpukan.pop()
        elif op == "rg":
            warna = tuple(float(v) for v in args)
        elif op == "g":
            warna = (float(args[0]),) * 3
        elif op == "re":
            jalur.append([float(v) for v in args])
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*"):
            isian += [Isian(*r, warna, i) for r in jalur]
            jalur = []
        elif op in ("S", "s", "n"):
            jalur = []
        elif op == "cm":
            cm = [float(v) for v in args]
        elif op == "Do" and cm is not None:
            isian.append(Isian(cm[4], cm[5], cm[0], cm[3], None, i))
        elif op == "BT":
            pos = (0.0, 0.0)
        elif op == "Td":
            pos = (pos[0] + float(args[0]), pos[1] + float(args[1]))
        elif op == "Tm":
            pos = (float(args[4]), float(args[5]))
        elif op in ("Tj", "TJ"):
            s = args[0] if op == "Tj" else "".join(a for a in args[0] if isinstance(a, str))
            teks.append(Teks(pos[0], pos[1], warna, str(s), i))
    return isian, teks


def latar(isian: list[Isian], t: Teks) -> tuple[float, float, float] | None:
    """The colour under text `t` (a point just above its baseline): the last fill drawn there before it,
    white paper when none, None over an image."""
    under = [f for f in isian if f.urutan < t.urutan and f.memuat(t.x + 1, t.y + 2)]
    if not under:
        return PUTIH
    return max(under, key=lambda f: f.urutan).warna


# --- the packs, built once ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def berkas(demo_con, tmp_path_factory) -> dict[str, Path]:
    """{'nasional.pdf': path, ...}: both packs as PDF and PPTX. The national figures are drawn (once, for
    both files); the province's are left out (the box saying what is needed stands in their place, as
    without Chromium): its slides differ in their text, and drawing ten more figures takes ~15 s."""
    out = tmp_path_factory.mktemp("briefing_render")
    rules, ref = load_rules(), dimensions.reference_date(demo_con)
    files = {}
    for name, scope in SCOPES.items():
        paket = briefing.isi(demo_con, scope=Scope(tahun=2025, **scope, akses=PENUH), rules=rules, ref=ref)
        tanpa = (dict.fromkeys((g.nomor for g in paket.gambar), None), "Gambar tidak digambar dalam uji ini.")
        png = briefing.gambar_png(paket) if name == "nasional" else tanpa
        for format in ("pdf", "pptx"):
            files[f"{name}.{format}"] = out / f"{name}.{format}"
            files[f"{name}.{format}"].write_bytes(briefing.tulis(paket, format, png=png))
    return files


def _pdf(path: Path):
    from pypdf import PdfReader

    return PdfReader(str(path))


def _halaman_tabel(reader) -> list[int]:
    return [
        i
        for i, p in enumerate(reader.pages)
        if "paling tertinggal" in p.extract_text() and "Pegawai" in p.extract_text()
    ]


@pytest.mark.parametrize("name", SCOPES)
def test_every_pdf_text_contrasts_with_the_fill_under_it(berkas, name):
    """WCAG AA (4.5:1) for every text on every page, the table's heading and both body-row fills included
    (the old table drew black text on the cover's navy on every other row: 2.4:1)."""
    reader = _pdf(berkas[f"{name}.pdf"])
    tabel = _halaman_tabel(reader)
    assert tabel, "no table of the groups furthest behind"
    dilihat = set()
    for n, page in enumerate(reader.pages):
        isian, teks = digambar(page)
        for t in teks:
            bg = latar(isian, t)
            if bg is None or not t.teks.strip():
                continue
            assert kontras(t.warna, bg) >= 4.5, (name, n + 1, t.teks, t.warna, bg)
            if n in tabel:
                dilihat.add(tuple(round(v * 255) for v in bg))
    want = {tuple(round(v * 255) for v in c) for c in (BIRU, PUTIH, PUCAT)}
    assert want <= dilihat  # the heading row and both body-row fills were measured


def _pdftoppm(pdf: Path, dpi: int, out: Path, halaman: int | None = None) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) tidak terpasang: halaman tidak dirender")
    pages = ["-f", str(halaman), "-l", str(halaman)] if halaman else []
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", *pages, str(pdf), str(out)], check=True, timeout=120)
    return [Image.open(p).convert("RGB") for p in sorted(out.parent.glob(out.name + "-*.png"))]


def _kontras_terbesar(crop: np.ndarray) -> float:
    """The contrast of a rendered cell's strongest ink against its most common colour (its fill)."""
    px = crop.reshape(-1, 3).astype(float) / 255
    warna, n = np.unique(px, axis=0, return_counts=True)
    bg = warna[n.argmax()]
    lum = np.array([luminans(p) for p in warna])  # per distinct colour: few, cheap
    lb = luminans(bg)
    return float(max((max(lb, x) + 0.05) / (min(lb, x) + 0.05) for x in lum))


@pytest.mark.parametrize("name", SCOPES)
def test_rendered_pdf_table_rows_are_readable(berkas, name, tmp_path):
    """The table pages rendered by pdftoppm: in every cell that holds text, the text's strongest pixel
    contrasts 4.5:1 or more with the cell's fill."""
    reader = _pdf(berkas[f"{name}.pdf"])
    dpi = 150
    cells = 0
    for n in _halaman_tabel(reader):
        page = reader.pages[n]
        (img,) = _pdftoppm(berkas[f"{name}.pdf"], dpi, tmp_path / f"p{n}", n + 1)
        a = np.asarray(img)
        k, tinggi = dpi / 72, float(page.mediabox.height)
        isian, teks = digambar(page)
        for f in isian:
            if f.warna is None or not any(f.memuat(t.x + 1, t.y + 2) and t.teks.strip() for t in teks):
                continue
            x0, x1 = sorted((f.x, f.x + f.w))
            y0, y1 = sorted((f.y, f.y + f.h))
            crop = a[int((tinggi - y1) * k) + 2 : int((tinggi - y0) * k) - 2, int(x0 * k) + 2 : int(x1 * k) - 2]
            assert _kontras_terbesar(crop) >= 4.5, (name, n + 1, f)
            cells += 1
    assert cells >= 8 * 6  # heading and rows of at least one table were looked at


# --- the slides -----------------------------------------------------------------------------------------


def _deck(berkas, name):
    from pptx import Presentation

    return Presentation(str(berkas[f"{name}.pptx"]))


def _judul(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def _runs(slide):
    for s in slide.shapes:
        frames = [s.text_frame] if s.has_text_frame else []
        if s.has_table:
            frames += [c.text_frame for row in s.table.rows for c in row.cells]
        for f in frames:
            for p in f.paragraphs:
                yield from (r for r in p.runs if r.text.strip())


@pytest.mark.parametrize("name", SCOPES)
def test_slides_are_laid_out_for_16_9(berkas, name):
    prs = _deck(berkas, name)
    w, h = prs.slide_width, prs.slide_height
    assert (w, h) == (slides.LEBAR, slides.TINGGI)
    for i, slide in enumerate(prs.slides, start=1):
        assert _judul(slide), i  # every slide has a title (outline, screen readers)
        for s in slide.shapes:
            assert s.left >= 0 and s.top >= 0 and s.left + s.width <= w and s.top + s.height <= h, (i, s.name)
    sampul = prs.slides[0]
    for s in (sampul.shapes.title, sampul.placeholders[1]):  # title and scope centred, as boxes and as text
        assert abs(s.left + s.width / 2 - w / 2) <= 1 and s.text_frame.paragraphs[0].alignment == 2  # CENTER


@pytest.mark.parametrize("name", SCOPES)
def test_slides_hold_the_summary_tables_and_methods_readably(berkas, name):
    prs = _deck(berkas, name)
    by_title: dict[str, list] = {}
    for slide in prs.slides:
        by_title.setdefault(_judul(slide).removesuffix(" (lanjutan)"), []).append(slide)
    summary = by_title["Ringkasan eksekutif"]
    assert 1 <= len(summary) <= 2
    assert all(r.font.size.pt >= 18 for s in summary for r in _runs(s))
    lists = [t for t in by_title if t.endswith("paling tertinggal dalam 20 JP") and not t.startswith("Gambar")]
    assert lists == (
        ["Provinsi paling tertinggal dalam 20 JP", "Instansi paling tertinggal dalam 20 JP"]
        if name == "nasional"
        else ["Instansi paling tertinggal dalam 20 JP"]
    )
    for t in lists:
        (slide,) = by_title[t]
        (shape,) = [s for s in slide.shapes if s.has_table]
        rows = list(shape.table.rows)
        assert 2 <= len(rows) <= 11 and rows[0].cells[0].text in ("Provinsi", "Instansi")
        for i, row in enumerate(rows):
            for cell in row.cells:
                fill = tuple(v / 255 for v in cell.fill.fore_color.rgb)
                assert fill == (BIRU if i == 0 else (PUTIH, PUCAT)[(i - 1) % 2]), (t, i)
                for p in cell.text_frame.paragraphs:
                    for r in p.runs:
                        assert kontras(tuple(v / 255 for v in r.font.color.rgb), fill) >= 4.5
                        assert r.font.size.pt >= 12
    metode = " ".join(r.text for s in by_title["Metode: aturan yang berlaku"] for r in _runs(s))
    assert "PP 11/2017" in metode and "Tanda keyakinan" in metode and "[A]" in metode
    assert "Catatan: sel kecil dan kelengkapan data" in by_title
    for slide in prs.slides:  # the source line under a figure is the one small text
        assert all(r.font.size.pt >= (11 if _judul(slide).startswith("Gambar ") else 14) for r in _runs(slide))


# --- the slides rendered by LibreOffice -----------------------------------------------------------------


@pytest.fixture(scope="module")
def render(berkas, tmp_path_factory) -> dict[str, list[Image.Image]]:
    """Both decks converted to PDF by one LibreOffice run (its own profile, so parallel runs do not
    clash), each page to PNG at 40 dpi (533 × 300 px)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang: slide tidak dirender")
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) tidak terpasang: slide tidak dirender")
    out = tmp_path_factory.mktemp("slides")
    profile = (out / "lo-profil").as_uri()
    decks = [str(berkas[f"{n}.pptx"]) for n in SCOPES]
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *decks,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {n: _pdftoppm(out / f"{n}.pdf", DPI_SLIDE, out / n) for n in SCOPES}


def _tinta(img: Image.Image) -> np.ndarray:
    """Ink: pixels that differ from their row's colour at the slide's left edge (white, or the title
    band, which alone spans the slide). The slide is 533.3 px wide at 40 dpi: the last, partly covered
    column is left out."""
    a = np.asarray(img).astype(int)[:, : int(slides.LEBAR.inches * DPI_SLIDE)]
    return np.abs(a - a[:, :1, :]).max(axis=-1) > 60


def _baris_tinta(mask: np.ndarray) -> list[tuple[int, int]]:
    rows = np.flatnonzero(mask.any(axis=1))
    lines, start = [], None
    for r, nxt in zip(rows, [*rows[1:], None]):
        start = r if start is None else start
        if nxt != r + 1:
            lines.append((start, r + 1))
            start = None
    return lines


@pytest.mark.parametrize("name", SCOPES)
def test_rendered_title_slide_is_centred(render, berkas, name):
    img = render[name][0]
    mask = _tinta(img)
    lines = _baris_tinta(mask)
    assert len(lines) >= 4  # title, scope and the lines below
    for top, bottom in lines:
        cols = np.flatnonzero(mask[top:bottom].any(axis=0))
        tengah = (cols[0] + cols[-1]) / 2
        lebar = slides.LEBAR.inches * DPI_SLIDE
        assert abs(tengah - lebar / 2) <= 0.01 * lebar, (name, top, cols[0], cols[-1])


@pytest.mark.parametrize("name", SCOPES)
def test_rendered_slides_keep_their_margins(render, berkas, name):
    """Nothing drawn in the bottom margin or at the sides of any slide, and no text slide runs past its
    text area (an estimate of the lines that was too small would show here)."""
    prs = _deck(berkas, name)
    pages = render[name]
    assert len(pages) == len(prs.slides)
    dpi = DPI_SLIDE
    for i, (img, slide) in enumerate(zip(pages, prs.slides), start=1):
        assert abs(img.width / img.height - 16 / 9) < 0.01
        mask = _tinta(img)
        side = int(0.3 * dpi)
        assert not mask[:, :side].any() and not mask[:, -side:].any(), (name, i, "sisi")
        figure = _judul(slide).startswith("Gambar ")
        bawah = slides.TINGGI.inches - (0.12 if figure else slides.TEPI.inches)
        assert not mask[int(bawah * dpi) + 1 :].any(), (name, i, _judul(slide))


def test_pptx_module_estimates_lines_like_the_renderer():
    """The line estimate the slides are split by, against hand-counted wraps at 20 pt in the text box."""
    assert slides.baris("kata " * 10, 20, slides.ISI) == 1
    assert slides.baris("x" * 100, 20, slides.ISI) == 2  # 100 characters: wider than one line (~93)
    assert slides.baris("", 20, slides.ISI) == 1
    assert slides.baris("x" * 100 + " kata", 20, slides.ISI) == 2
    assert slides.baris("kata " * 40, 20, slides.ISI) == 3  # 200 characters in words of five
