"""Briefing packs: the files are valid (PDF pages and text, one picture per PPTX figure slide, an XLSX
sheet per figure table), every number of the executive summary is the report CLI's figure for the same
scope, roles hold in every file, and without Chromium the pack still comes, saying what is needed."""

from __future__ import annotations

import contextlib
import io
import json
import re
import struct

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import briefing, cli, db, dimensions, fmt, gambar, kalimat, privacy
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules

NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")


@pytest.fixture(scope="module")
def path(demo_path, tmp_path_factory):
    p = tmp_path_factory.mktemp("briefing") / "b.duckdb"
    p.write_bytes(demo_path.read_bytes())
    return p


@pytest.fixture(scope="module")
def run(path, tmp_path_factory):
    """`python -m analytics briefing ... --out DIR/name` in-process -> the file's bytes (exit 0 asserted)."""
    out_dir = tmp_path_factory.mktemp("packs")
    made: dict = {}

    def go(out: str, *args: str) -> bytes:
        key = (out, args)
        if key not in made:
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = cli.main(["briefing", "--db", str(path), "--out", str(out_dir / out), *args])
            assert code == 0, err.getvalue()
            assert "[100%] Selesai." in err.getvalue()  # the progress the CLI prints
            made[key] = (out_dir / out).read_bytes()
        return made[key]

    return go


def pdf_text(data: bytes) -> tuple[int, list[str]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", briefing_latin1(text))


def briefing_latin1(text: str) -> str:
    from analytics.briefing.pdf import latin1

    return latin1(text)


@pytest.fixture(scope="module")
def paket(path):
    con = db.connect(path, read_only=True)  # closed before the CLI opens the file
    try:
        return briefing.isi(
            con, scope=Scope(tahun=2025, akses=PENUH), rules=load_rules(), ref=dimensions.reference_date(con)
        )
    finally:
        con.close()


def test_pdf_has_the_expected_pages_and_text(run, paket):
    n, pages = pdf_text(run("nasional.pdf", "--year", "2025"))
    figures = len(paket.gambar)
    assert figures == 11  # ... and the two "furthest behind" lists: provinces and agencies
    # cover, summary, two figures a page, the lists (one page, or one each), methods (with notes; may run on)
    assert n in range(2 + -(-figures // 2) + 2, 2 + -(-figures // 2) + 5)
    assert "Briefing Kesiapan Smart ASN 2025" in pages[0] and "Nasional" in pages[0]
    assert "Data per" in pages[0] and "Profil bawaan Smart ASN" in pages[0]
    assert "Ringkasan eksekutif" in pages[1]
    for k in paket.kalimat:  # the sentences, word for word (line breaks aside)
        assert flat(k.teks)[:60] in pages[1]
    body = " ".join(pages)
    for g in paket.gambar:
        assert f"Gambar {g.nomor}. {briefing_latin1(g.judul)}" in body
    assert body.count("Sumber: data demo sintetis") == figures
    assert "Provinsi paling tertinggal" in body and "Instansi paling tertinggal" in body
    assert "Metode: aturan yang berlaku" in body
    assert "PP 11/2017" in body and "[A]" in body and "Tanda keyakinan" in body
    assert "Catatan: sel kecil dan kelengkapan data" in body
    assert all(f"Halaman {i} dari {n}" in pages[i - 1] for i in range(2, n + 1))
    assert not NIP.search(body)


def test_pptx_has_one_picture_per_figure_slide(run, paket):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(io.BytesIO(run("nasional.pptx", "--year", "2025")))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text == "Briefing Kesiapan Smart ASN 2025"
    texts = [" ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in slides]
    assert "Nasional" in texts[0] and paket.kalimat[0].teks in texts[1]
    figure_slides = [sl for sl in slides if sl.shapes.title.text.startswith("Gambar ")]
    assert len(figure_slides) == len(paket.gambar)
    if gambar.browser() is None:
        pytest.skip("tanpa Chromium: slide gambar berisi pesan (diuji di test_without_chromium)")
    for g, slide in zip(paket.gambar, figure_slides):
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and f"Gambar {g.nomor}. {g.judul}" in text
        assert pictures[0].image.size == (1920, 1080)  # the PNG the chart menu gives: a 16:9 slide at 2x


def test_xlsx_has_a_sheet_per_figure_table(run, paket):
    book = load_workbook(io.BytesIO(run("nasional.xlsx", "--year", "2025")))
    figures = [f"gambar_{g.nomor:02d}" for g in paket.gambar]
    lists = ["terlemah_provinsi", "terlemah_instansi"]
    assert book.sheetnames == ["ringkasan", "daftar_gambar", *figures, *lists, "metode", "keterangan"]
    for name, g in zip(figures, paket.gambar):
        sheet = book[name]
        headers = [c.value for c in sheet[1]]
        assert len(headers) == len(g.data.columns) and not any("_" in h for h in headers), (name, headers)
        assert sheet.max_row == len(g.data) + 1
    units = book["terlemah_instansi"]
    assert [c.value for c in units[1]][:4] == ["ID", "Instansi", "Pegawai", "% memenuhi 20 JP"]
    assert all(isinstance(c.value, int | float) for c in units["C"][1:])  # numbers stay numbers
    info = {r[0].value: r[1].value for r in book["keterangan"].iter_rows(min_row=2)}
    assert info["Laporan"].startswith("Paket briefing") and info["Filter"] == "Tahun 2025"


def _check_facts(report_cli, sentences, extra: list[str]) -> int:
    """Every fact of every sentence recomputed from the report CLI (same scope), and every number in a
    sentence is a fact, a year or a rules constant."""
    rules = load_rules()
    cache: dict = {}

    def rows(topic: str, tahun: int, by: str, unor: int | None = None) -> dict:
        key = (topic, tahun, by, unor)
        if key not in cache:
            sub = ["--unor", str(unor)] if unor is not None else []  # a unit's whole subtree
            out = report_cli(topic, "--year", str(tahun), "--by", by, "--format", "json", *extra, *sub)
            cache[key] = {str(r["kode"]): r for r in json.loads(out)}
        return cache[key]

    checked = 0
    allowed = {"100", fmt.angka(rules.jp.ambang_tahunan), *(fmt.angka(v) for v in rules.model_10_20_70.target.values())}
    for k in sentences:
        shown = {f.teks for f in k.fakta}
        for f in k.fakta:
            r = rows(f.laporan, f.tahun, f.by, f.unor)[f.kode]
            if f.cara == "nilai":
                value = r[f.kolom[0]]
            elif f.cara == "selisih":
                value = r[f.kolom[0]] - rows(f.laporan, f.tahun - 1, f.by)[f.kode][f.kolom[0]]
            else:
                value = 100 * sum(r[c] for c in f.kolom) / r[f.per]
            desimal = len(f.teks.rstrip("%").split(",")[1]) if "," in f.teks else 0
            want = fmt.persen(value, desimal) if f.teks.endswith("%") else fmt.angka(abs(value), desimal)
            assert want == f.teks, (k.teks, f)
            assert f.teks in k.teks
            checked += 1
        target = re.findall(r"target (\d[\d.,]*%)", k.teks)
        for token in re.findall(r"(?<![\w.])\d[\d.]*(?:,\d+)?%?", k.teks):
            is_year = re.fullmatch(r"20\d\d", token)
            assert token in shown or is_year or token in allowed or token in target, (token, k.teks)
    return checked


@pytest.mark.parametrize("scope", [{}, {"provinsi_kode": "35"}], ids=["nasional", "provinsi_35"])
def test_summary_numbers_equal_the_report_cli(path, report_cli, scope):
    con = db.connect(path, read_only=True)
    try:
        ref = dimensions.reference_date(con)
        sentences = kalimat.ringkasan(con, scope=Scope(tahun=2025, **scope, akses=PENUH), rules=load_rules(), ref=ref)
    finally:
        con.close()
    extra = ["--provinsi", scope["provinsi_kode"]] if scope else []
    assert len(sentences) >= 5
    assert _check_facts(report_cli, sentences, extra) >= 15
    assert sentences[0].teks.startswith(sentences[0].fakta[0].teks + " ASN")
    assert "naik" in sentences[0].teks or "turun" in sentences[0].teks or "sama dengan" in sentences[0].teks


def test_agency_summary_units_are_their_subtrees_in_the_report_cli(path, report_cli):
    """In an agency the lowest eselon II units are named with their whole subtree's rate: each is the
    report CLI's `--unor UNIT --by nasional` figure."""
    from analytics.demo import largest_instansi

    con = db.connect(path, read_only=True)
    try:
        inst = largest_instansi(con)
        scope = Scope(tahun=2025, instansi_id=inst, akses=PENUH)
        units = kalimat._unit(con, scope, load_rules(), 2025)
    finally:
        con.close()
    (k,) = units
    assert k.teks.startswith("Unit eselon II paling tertinggal dalam 20 JP, di bawah ")
    assert len([f for f in k.fakta if f.unor is not None]) >= 2
    assert _check_facts(report_cli, units, ["--instansi", str(inst)]) == len(k.fakta)


def test_selisih_fact_words_follow_the_sign():
    up = kalimat.Fakta("4,1", 4.1, "jp", 2026, "nasional", "ID", ("persen_memenuhi",), cara="selisih")
    down = kalimat.Fakta("0,4", -0.4, "jp", 2026, "nasional", "ID", ("persen_memenuhi",), cara="selisih")
    same = kalimat.Fakta("0,0", 0.01, "jp", 2026, "nasional", "ID", ("persen_memenuhi",), cara="selisih")
    assert kalimat._naik(up, " poin") == "naik 4,1 poin dari 2025"
    assert kalimat._naik(down, " poin") == "turun 0,4 poin dari 2025"
    assert kalimat._naik(same, " poin") == "sama dengan 2025"


def _all_text(pdf: bytes, pptx: bytes, xlsx: bytes) -> str:
    from pptx import Presentation

    parts = pdf_text(pdf)[1]
    for slide in Presentation(io.BytesIO(pptx)).slides:
        parts += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    book = load_workbook(io.BytesIO(xlsx))
    for sheet in book:
        cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        assert not [c for c in cells if isinstance(c, int) and len(str(c)) == 18]  # no NIP as a number either
        parts += [c for c in cells if isinstance(c, str)]
    return "\n".join(parts)


def test_roles_hold_in_every_file(run, path):
    """pimpinan: no NIP anywhere and small groups blank; unit operator: only its agency's staff."""
    boss = [run(f"pimpinan.{f}", "--year", "2025", "--sebagai", "demo-pimpinan") for f in briefing.FORMAT]
    assert not NIP.search(_all_text(*boss))
    book = load_workbook(io.BytesIO(boss[2]))
    for sheet in book.sheetnames[2:-2]:
        df = pd.DataFrame(list(book[sheet].iter_rows(min_row=2, values_only=True)))
        headers = [c.value for c in book[sheet][1]]
        if "Pegawai" in headers:
            n = pd.to_numeric(df[headers.index("Pegawai")], errors="coerce").dropna()
            assert not ((n > 0) & (n < privacy.MIN_SEL)).any(), sheet
    unit = [run(f"unit.{f}", "--year", "2025", "--sebagai", "demo-unit") for f in briefing.FORMAT]
    assert not NIP.search(_all_text(*unit))
    con = db.connect(path, read_only=True)
    try:
        (inst,) = con.execute("SELECT instansi_ids[1] FROM pengguna WHERE nama = 'demo-unit'").fetchone()
        own = {str(i) for (i,) in con.execute("SELECT id FROM unor WHERE instansi_id = ?", [inst]).fetchall()}
        staff = con.execute(
            "SELECT count(*) FROM jp_pegawai_tahun WHERE tahun = 2025 AND instansi_id = ? AND dihitung", [inst]
        ).fetchone()[0]
    finally:
        con.close()
    book = load_workbook(io.BytesIO(unit[2]))
    ids = [str(r[0]) for r in book["terlemah_unor"].iter_rows(min_row=2, values_only=True)]
    assert ids and set(ids) <= own
    years = {r[0]: r[1] for r in book["gambar_01"].iter_rows(min_row=2, values_only=True)}
    assert years[2025] == staff  # the trend counts the agency's staff, nobody else
    assert "Cakupan akun" in _all_text(*unit)


def test_small_selection_refused_for_non_admin(path, tmp_path):
    con = db.connect(path, read_only=True)
    try:
        small = con.execute(
            "SELECT unor_id FROM jp_pegawai_tahun WHERE tahun = 2025 GROUP BY 1 HAVING count(*) < ? LIMIT 1",
            [privacy.MIN_SEL],
        ).fetchone()[0]
        boss = privacy.Akses(peran="pimpinan", nasional=True, pengguna="boss")
        with pytest.raises(briefing.TerlaluKecil, match="kurang dari"):
            briefing.isi(
                con,
                scope=Scope(tahun=2025, unor_id=small, akses=boss),
                rules=load_rules(),
                ref=dimensions.reference_date(con),
            )
    finally:
        con.close()


def test_without_chromium_the_pack_says_what_is_needed(paket, monkeypatch):
    from pptx import Presentation

    monkeypatch.setattr(gambar, "browser", lambda: None)
    pdf = briefing.tulis(paket, "pdf")
    _, pages = pdf_text(pdf)
    body = " ".join(pages)
    assert "Chromium" in body and "apt-get install chromium" in body and "Gambar 10." in body
    prs = Presentation(io.BytesIO(briefing.tulis(paket, "pptx")))
    assert any("Chromium" in s.text_frame.text for sl in prs.slides for s in sl.shapes if s.has_text_frame)
    assert load_workbook(io.BytesIO(briefing.tulis(paket, "xlsx"))).sheetnames[0] == "ringkasan"


def test_file_name_says_scope_and_date(paket):
    from datetime import date

    assert (
        briefing.nama_berkas(paket, "pdf", hari=date(2026, 12, 3)) == "briefing_smartasn_2025_nasional_2026-12-03.pdf"
    )


def test_cli_refuses_an_unknown_format(path, capsys):
    assert cli.main(["briefing", "--year", "2025", "--db", str(path), "--out", "x.docx"]) == 2
    assert ".pdf, .pptx atau .xlsx" in capsys.readouterr().err


def test_png_pixel_size(paket):
    if gambar.browser() is None:
        pytest.skip("tanpa Chromium")
    png = gambar.gambar(paket.gambar[0].fig, "png")
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)
