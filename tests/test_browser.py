"""Real-browser smoke tests: Debian chromium driven by playwright against `streamlit run`."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import TESTER_PASSWORD

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)
LOCAL = {"127.0.0.1", "localhost"}


def open_page(browser, url: str, *, login: bool = True, user: str = "penguji"):
    """A page whose requests may only go to loopback (the rest are aborted and recorded), signed in
    as `user` (the test admin by default; accounts made in the server fixture) unless login=False."""
    page = browser.new_page(viewport={"width": 1440, "height": 2300}, locale="id-ID")
    outside: list[str] = []

    def guard(route):
        u = urlparse(route.request.url)
        if u.scheme in ("data", "blob") or u.hostname in LOCAL:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(url)
    if login:
        page.get_by_label("Nama pengguna").fill(user)
        page.get_by_label("Kata sandi").fill(TESTER_PASSWORD)
        page.get_by_role("button", name="Masuk").click()
    return page, outside


def kegiatan_2025(page) -> int:
    """The activities recorded in 2025 to 30 Sep (the running year's like-for-like comparison), from the note
    under the 2026 activities card."""
    text = page.locator('[data-testid="stMetric"]').nth(1).inner_text()
    return int(re.search(r"([\d.]+) s\.d\. 30 Sep 2025", text).group(1).replace(".", ""))


def screenshot(page, name: str, *, height: int | None = None) -> None:
    """A full-page PNG in tests/artifacts (looked at by hand); `height` first grows the viewport so
    plotly charts below the fold are drawn."""
    ARTIFACTS.mkdir(exist_ok=True)
    if height:
        page.set_viewport_size({"width": 1440, "height": height})
        page.wait_for_timeout(500)
        page.wait_for_function(DRAWN, timeout=30_000)
        page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


DRAWN = "[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"


def wait_ready(page, charts: int, *, kpi: bool = True) -> None:
    """KPI cards shown (unless kpi=False) and at least `charts` plotly charts, every one of them drawn."""
    if kpi:
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot').length >= {charts} && {DRAWN}", timeout=60_000
    )
    page.wait_for_timeout(300)


def test_deep_link_to_a_fresh_server_goes_through_the_router(browser, server):
    # first request of the server process: Streamlit still runs in its old pages/-folder mode
    page, outside = open_page(browser, server + "/kepatuhan_jp")
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_role("combobox", name="Provinsi").wait_for(timeout=60_000)  # shared filters: app.py ran
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Ringkasan" in nav and "ui" not in nav.split()
    assert outside == []
    page.close()


def test_ringkasan_renders_offline(browser, server):
    page, outside = open_page(browser, server)
    wait_ready(page, charts=7)
    screenshot(page, "ringkasan")
    text = page.inner_text("body")
    assert "Ringkasan" in text and "Jumlah pegawai" in text
    assert re.search(r"Jumlah pegawai\s+20\.000", text), "KPI shows the 20.000 demo employees"
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    page.close()


def test_filter_from_url(browser, server):
    page, outside = open_page(browser, server + "/?provinsi=Jawa%20Timur")
    wait_ready(page, charts=7)
    screenshot(page, "ringkasan_jatim")
    assert page.get_by_role("combobox", name="Provinsi").input_value() == "Jawa Timur"
    text = page.inner_text("body")
    total = int(re.search(r"Jumlah pegawai\s+([\d.]+)", text).group(1).replace(".", ""))
    assert 0 < total < 20_000
    assert outside == []
    page.close()


def test_changing_a_filter_in_the_page(browser, server):
    page, outside = open_page(browser, server)
    wait_ready(page, charts=7)
    before = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    box = page.get_by_role("combobox", name="Jenis jabatan")
    box.click()
    page.get_by_role("option", name="Pelaksana", exact=True).click()
    page.wait_for_function(
        "v => document.querySelector('[data-testid=\"stMetricValue\"]').innerText !== v", arg=before, timeout=60_000
    )
    wait_ready(page, charts=7)
    after = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert 0 < int(after.replace(".", "")) < int(before.replace(".", ""))
    assert "jabatan=Pelaksana" in page.url
    assert page.get_by_role("combobox", name="Provinsi").count() == 1  # sidebar still there
    screenshot(page, "ringkasan_pelaksana")
    assert outside == []
    page.close()


def test_impor_upload_in_the_browser(browser, server, tmp_path, demo_con):
    from tests.corpus import xlsx_bytes
    from tests.importdata import KURSUS_HEADER, write_csv

    known = demo_con.execute("SELECT nip FROM pegawai WHERE jenis_pegawai = 'PNS' LIMIT 1").fetchall()[0][0]
    page, outside = open_page(browser, server)
    wait_ready(page, charts=7)
    before = kegiatan_2025(page)
    page.get_by_role("link", name="Impor data").click()  # same session: no second login
    page.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=60_000)
    browse = page.locator('[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p')
    assert browse.evaluate("el => getComputedStyle(el, '::after').content") == '"Pilih berkas"'
    rows = [
        [known, "3", "Diklat Teknis Uji", "24", "01-03-2025", "03-03-2025", "BPSDM", ""],
        ["1.98609E+17", "3", "Diklat", "24", "01-03-2025", "03-03-2025", "BPSDM", ""],
        ["199001152019032002", "9", "Seminar", "-2", "01-03-2025", "", "BPSDM", ""],
    ]
    path = write_csv(tmp_path / "kursus_uji.csv", KURSUS_HEADER, rows, sep=";")
    broken = tmp_path / "rusak.xlsx"  # a workbook cut short, in the same batch: refused, the other still imports
    broken.write_bytes(xlsx_bytes(KURSUS_HEADER, rows)[:600])
    page.locator('input[type="file"]').set_input_files([str(path), str(broken)])
    page.get_by_text("kursus_uji.csv").first.wait_for(timeout=30_000)
    # Streamlit's "Upload" reads "Pilih berkas"; the file chip's delete button keeps only its icon
    after = "el => getComputedStyle(el, '::after').content"
    dropzone = page.locator('[data-testid="stFileUploaderDropzone"]')
    assert dropzone.locator('[data-testid="stFileChipDeleteBtn"] button').first.evaluate(after) in ("none", "normal")
    # the first real import says first that it switches the demo accounts off, and waits for a yes
    assert "menonaktifkan semua akun demo" in page.inner_text("body")
    assert page.get_by_role("button", name="Impor", exact=True).is_disabled()
    page.get_by_text("Saya mengerti: akun demo dinonaktifkan saat impor ini.").click()
    page.get_by_role("button", name="Impor", exact=True).click()
    page.get_by_role("heading", name="Hasil impor").wait_for(timeout=90_000)
    # a heading, not the download button whose label also says "baris ditolak"
    page.get_by_role("heading", name=re.compile(r"^Baris ditolak")).wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    screenshot(page, "impor")
    text = page.inner_text("body")
    assert "Unduh baris ditolak" in text
    assert "Baris ditolak (2 baris)" in text  # the Excel-damaged NIP, and the row with JP -2
    assert "rusak.xlsx ditolak seluruhnya, tidak ada yang ditulis: lembar kerja tidak bisa dibaca" in text
    # the overview shows the new record without a restart
    page.get_by_role("link", name="Ringkasan").click()
    wait_ready(page, charts=7)
    page.wait_for_function(
        f"document.body.innerText.includes('{before + 1:,} s.d. 30 Sep 2025'.replaceAll(',', '.'))", timeout=30_000
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_chart_image_download_in_the_browser(browser, server):
    """A chart's menu gives its PNG: the 16:9 slide at 2x, drawn on the server with no internet."""
    import struct

    from analytics import gambar

    if gambar.browser() is None:
        pytest.skip("Chromium tidak terpasang di server")
    page, outside = open_page(browser, server + "/kepatuhan_jp")
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    wait_ready(page, charts=9)
    page.get_by_role("button", name="Unduh grafik").first.click()
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="PNG").click()
    assert dl.value.suggested_filename.endswith("_2026.png")
    png = Path(dl.value.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1920, 1080)
    (ARTIFACTS / "grafik_unduhan.png").write_bytes(png)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_briefing_pack_download_in_the_browser(browser, server):
    """The sidebar button builds the pack with a progress bar; the PDF downloads and opens."""
    from pypdf import PdfReader

    page, outside = open_page(browser, server + "/?provinsi=Daerah%20Istimewa%20Yogyakarta")
    page.get_by_role("heading", name="Ringkasan").wait_for(timeout=60_000)
    wait_ready(page, charts=5)
    page.get_by_role("button", name="Buat paket briefing").click()
    page.get_by_role("button", name="PDF (dokumen)").wait_for(timeout=180_000)
    page.wait_for_function(  # the run that built the pack has ended: a click now is not lost in a redraw
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'", timeout=60_000
    )
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="PDF (dokumen)").click()
    name = dl.value.suggested_filename
    assert name.startswith("briefing_smartasn_2026_provinsi_daerah_istimewa_yogyakarta_") and name.endswith(".pdf"), (
        name
    )
    reader = PdfReader(dl.value.path())
    assert len(reader.pages) >= 8 and "Daerah Istimewa Yogyakarta" in reader.pages[0].extract_text()
    page.get_by_role("button", name="PPTX (slide)").wait_for()
    page.screenshot(path=str(ARTIFACTS / "briefing_sidebar.png"))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_wilayah_click_on_the_map_filters_and_the_url_follows(browser, server):
    """A click on DIY's tile selects DIY in the sidebar, the page shows its kabupaten/kota and profile,
    the URL carries the filter, and the copied URL opened in a fresh context shows the same."""
    page, outside = open_page(browser, server + "/wilayah")
    page.get_by_role("heading", name="Wilayah", exact=True).wait_for(timeout=60_000)
    wait_ready(page, charts=2, kpi=False)
    tiles = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator("path.point")
    assert tiles.count() == 38
    tiles.nth(37).click(force=True)  # the layout file's last row: DI Yogyakarta
    page.get_by_role("heading", name="Kabupaten/kota di Daerah Istimewa Yogyakarta").wait_for(timeout=60_000)
    page.wait_for_function("() => location.search.includes('provinsi=')", timeout=30_000)
    assert page.get_by_role("combobox", name="Provinsi", exact=True).input_value() == "Daerah Istimewa Yogyakarta"
    wait_ready(page, charts=6)
    screenshot(page, "wilayah_diy", height=3000)
    url = page.url
    assert "provinsi=" in url and outside == []
    page.close()
    fresh, outside = open_page(browser, url)
    fresh.get_by_role("heading", name="Kabupaten/kota di Daerah Istimewa Yogyakarta").wait_for(timeout=60_000)
    assert fresh.get_by_role("combobox", name="Provinsi", exact=True).input_value() == "Daerah Istimewa Yogyakarta"
    assert fresh.locator('[data-testid="stException"]').count() == 0 and outside == []
    # a bar of the province ranking filters too: the top bar is the best province
    wait_ready(fresh, charts=4, kpi=False)
    # by its title: the map may be drawn after the bars, so the page order of drawn charts varies
    ranking = fresh.locator(".js-plotly-plot", has_text="Peringkat provinsi")
    ranking.wait_for(timeout=60_000)
    bars = ranking.locator(".bars path")
    bars.nth(bars.count() - 1).click(force=True)  # plotly draws the last category at the top
    fresh.wait_for_function(
        "() => !document.querySelector('h2, h3') || ![...document.querySelectorAll('h2, h3')].some("
        "h => h.textContent.includes('Kabupaten/kota di Daerah Istimewa Yogyakarta'))",
        timeout=60_000,
    )
    fresh.locator("h2, h3", has_text="Kabupaten/kota di ").first.wait_for(timeout=60_000)
    chosen = fresh.get_by_role("combobox", name="Provinsi", exact=True).input_value()
    assert (
        chosen not in ("", "Daerah Istimewa Yogyakarta")
        and fresh.get_by_role("heading", name=f"Kabupaten/kota di {chosen}").count() == 1
    )
    fresh.close()


def test_unit_page_drill_by_row_click_and_breadcrumb(browser, server):
    page, outside = open_page(browser, server + "/unit")
    page.get_by_role("heading", name="Unit kerja", exact=True).wait_for(timeout=60_000)
    wait_ready(page, charts=1, kpi=False)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    page.wait_for_function(  # the run has ended: a click now is not swallowed by a redraw
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'", timeout=60_000
    )
    grid.hover()
    box = grid.bounding_box()
    drilled = page.get_by_role("heading", name="Unit di bawahnya")
    for _ in range(3):  # the grid canvas takes clicks once it has drawn its rows; a early click is retried
        page.mouse.click(box["x"] + 14, box["y"] + 35 + 18)  # the first row's selection box (left of the cells)
        try:
            drilled.wait_for(timeout=20_000)
            break
        except Exception:  # noqa: BLE001 (playwright's TimeoutError)
            page.wait_for_timeout(500)
    drilled.wait_for(timeout=30_000)
    assert page.get_by_role("combobox", name="Instansi", exact=True).input_value() != "Semua instansi"
    wait_ready(page, charts=3)
    screenshot(page, "unit_instansi", height=3000)
    page.get_by_role("button", name="Semua instansi").click()
    page.get_by_role("heading", name="Instansi", exact=True).wait_for(timeout=60_000)
    box = page.get_by_role("combobox", name="Instansi", exact=True)
    assert box.input_value() in ("", "Semua instansi") and box.get_attribute("placeholder") == "Semua instansi"
    page.wait_for_function("() => !location.search.includes('instansi=')", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0 and outside == []
    page.close()


def test_kepatuhan_jp_page(browser, server):
    page, outside = open_page(browser, server + "/kepatuhan_jp")
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    wait_ready(page, charts=9)
    page.get_by_role("button", name="Unduh daftar (XLSX)").wait_for(timeout=30_000)
    screenshot(page, "kepatuhan_jp", height=4200)
    assert page.get_by_text("Page not found").count() == 0
    text = page.inner_text("body")
    assert re.search(r"Memenuhi 20 JP, 2026 s\.d\. 30 Sep\s+[\d,]+%\s+[\d,]+% s\.d\. 30 Sep 2025", text)
    assert "Kemajuan 2026 dibanding laju seharusnya" in text or page.locator(".js-plotly-plot").count() >= 9
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_ipasn_page(browser, server, demo_con):
    page, outside = open_page(browser, server + "/ipasn")
    page.get_by_role("heading", name="Indeks Profesionalitas ASN").wait_for(timeout=60_000)
    wait_ready(page, charts=3)
    nip = demo_con.execute(
        "SELECT g.nip FROM ipasn_pegawai_tahun i JOIN pegawai g USING (pegawai_key) "
        "WHERE i.tahun = 2026 AND i.jenis_jabatan = 'administrator' AND i.lengkap AND i.kepemimpinan = 0 "
        "ORDER BY g.nip LIMIT 1"
    ).fetchall()[0][0]
    page.get_by_label("NIP (18 angka)").fill(nip)
    page.get_by_role("button", name="Cari").click()
    page.get_by_text("PIM III dibutuhkan").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    screenshot(page, "ipasn", height=3600)
    text = page.inner_text("body")
    assert re.search(r"Rata-rata IP ASN per 30 Sep 2026\s+\d+,\d\s+\d+,\d per 31 Des 2025", text)
    assert "Di mana poin hilang" in text and "Peringkat unit kerja" in text
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_simulasi_page(browser, server):
    page, outside = open_page(browser, server + "/simulasi_ipasn")
    page.get_by_role("heading", name="Simulasi IP ASN").wait_for(timeout=60_000)
    wait_ready(page, charts=1)
    page.get_by_text("Pegawai yang perlu dilatih").wait_for(timeout=60_000)
    screenshot(page, "simulasi_ipasn")
    text = page.inner_text("body")
    awal = re.search(r"Rata-rata sekarang\s+(\d+,\d)\b", text).group(1)
    baru = re.search(r"Rata-rata skenario\s+(\d+,\d)\b", text).group(1)
    assert float(baru.replace(",", ".")) > float(awal.replace(",", "."))
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_smart_asn_page(browser, server):
    page, outside = open_page(browser, server + "/smart_asn")
    page.get_by_role("heading", name="Atribut Smart ASN").wait_for(timeout=60_000)
    wait_ready(page, charts=4)
    page.get_by_text("Bagaimana skor ini dihitung").click()
    page.get_by_text("Skala indikator").wait_for(timeout=30_000)
    screenshot(page, "smart_asn", height=4400)
    text = page.inner_text("body")
    assert re.search(r"Siap Smart ASN per 30 Sep 2026\s+[\d,]+%\s+target [\d,]+%", text)
    assert "Kemajuan Smart ASN: pegawai siap dibanding target 2029 (50,0%)" in text  # the target in force
    assert page.locator(".js-plotly-plot .polar").count() >= 1  # the radar rendered offline
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def test_login_page_before_any_data(browser, server):
    page, outside = open_page(browser, server + "/ipasn", login=False)
    page.get_by_role("button", name="Masuk").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert page.locator(".js-plotly-plot").count() == 0
    page.get_by_label("Nama pengguna").fill("penguji")
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Nama pengguna atau kata sandi salah").wait_for(timeout=30_000)
    screenshot(page, "login")
    assert page.locator('[data-testid="stMetric"]').count() == 0
    assert outside == []
    page.close()


# --- what each role sees ---------------------------------------------------------------------------


def sidebar_options(page, label: str) -> list[str]:
    """The choices of a sidebar selectbox, as the user sees them."""
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label).click()
    page.get_by_role("option").first.wait_for(timeout=10_000)
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options


def test_pimpinan_sees_aggregates_only_in_the_browser(browser, server):
    page, outside = open_page(browser, server + "/kepatuhan_jp", user="pimpinan.uji")
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    wait_ready(page, charts=5)
    page.get_by_text("hanya untuk admin dan operator unit").wait_for(timeout=30_000)
    screenshot(page, "peran_pimpinan", height=3000)
    text = page.inner_text("body")
    assert "Masuk sebagai pimpinan.uji · pimpinan · nasional" in text
    assert "Unduh daftar" not in text and "Pegawai yang perlu ditindaklanjuti" in text
    nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Ringkasan" in nav and "Impor data" not in nav and "Log audit" not in nav
    page.get_by_role("link", name="IP ASN", exact=True).click()  # same session
    page.get_by_role("heading", name="Indeks Profesionalitas ASN").wait_for(timeout=60_000)
    wait_ready(page, charts=3)
    assert page.get_by_label("NIP (18 angka)").count() == 0  # no look-up of a person
    assert not re.search(r"\b\d{8}[\d*]{7}\d{3}\b", page.inner_text("body"))  # no NIP anywhere in the text
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
    # a deep link to an admin page does not open it
    page, more = open_page(browser, server + "/impor", user="pimpinan.uji")
    page.get_by_text("Masuk sebagai pimpinan.uji").wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    assert page.get_by_role("heading", name="Impor data").count() == 0
    assert page.locator('input[type="file"]').count() == 0
    assert outside == [] and more == []
    page.close()


def test_unit_operator_sees_its_agency_only_in_the_browser(browser, server, demo_con):
    from openpyxl import load_workbook

    from analytics.demo import largest_instansi
    from analytics.privacy import mask_nip

    inst = largest_instansi(demo_con)
    nama = demo_con.execute("SELECT nama FROM instansi WHERE id = ?", [inst]).fetchall()[0][0]
    page, outside = open_page(browser, server + "/kepatuhan_jp", user="operator.uji")
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    page.get_by_role("button", name="Unduh daftar (XLSX)").wait_for(timeout=60_000)
    assert f"Masuk sebagai operator.uji · unit · {nama}" in page.inner_text("body")
    assert sidebar_options(page, "Instansi") == ["Semua instansi", nama]  # no other agency on offer
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="Unduh daftar (XLSX)").click()
    assert dl.value.suggested_filename == "tindak_lanjut_20jp_2026.xlsx"
    book = load_workbook(io.BytesIO(Path(dl.value.path()).read_bytes()))
    rows = list(book["laporan"].iter_rows(values_only=True))
    nips = [r[rows[0].index("NIP")] for r in rows[1:]]
    inside = {
        mask_nip(n) for (n,) in demo_con.execute("SELECT nip FROM pegawai WHERE instansi_id = ?", [inst]).fetchall()
    }
    assert nips and all(n.count("*") == 7 for n in nips)  # masked for a non-admin
    assert set(nips) <= inside  # nobody from outside the agency
    info = {r[0].value: r[1].value for r in book["keterangan"].iter_rows(min_row=2)}
    assert info["Diekspor oleh"] == "operator.uji" and info["Cakupan akun"] == nama  # in words, not "instansi 1"
    screenshot(page, "peran_unit", height=3000)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()
    # the admin finds the export in the audit log
    page, more = open_page(browser, server + "/audit")
    page.get_by_role("heading", name="Log audit").wait_for(timeout=60_000)
    page.get_by_label("Pengguna").fill("operator.uji")
    page.get_by_label("Pengguna").press("Enter")
    page.get_by_text("dari operator.uji").wait_for(timeout=30_000)
    # login + export (the text of the grid is drawn on a canvas; the count is in the caption)
    assert "2 catatan terbaru dari operator.uji" in page.inner_text("body")
    screenshot(page, "audit")
    assert outside == [] and more == []
    page.close()


# --- every page for every role, in Bahasa Indonesia -------------------------------------------------

ROLE_PAGES = [
    ("", "Ringkasan", 7),
    ("/kepatuhan_jp", "Kepatuhan 20 JP", 5),
    ("/ipasn", "Indeks Profesionalitas ASN", 3),
    ("/simulasi_ipasn", "Simulasi IP ASN", 1),
    ("/smart_asn", "Atribut Smart ASN", 4),
    ("/wilayah", "Wilayah", 2),
    ("/unit", "Unit kerja", 1),
]
# Streamlit's English chrome that we hide or replace (README "Bahasa"): none of it may be visible
ENGLISH = ["Download as CSV", "Fullscreen", "Drag and drop", "Browse files", "Record screen", "Press Enter"]


def visible_english(page) -> list[str]:
    """English chrome texts the user can see (tooltips count when their button is visible)."""
    found = [w for w in ENGLISH if page.get_by_text(w, exact=False).filter(visible=True).count()]
    for sel in ('[data-testid="stElementToolbar"]', ".modebar-container", '[data-testid="stMainMenu"]'):
        if page.locator(sel).filter(visible=True).count():
            found.append(sel)
    return found


# Every button Streamlit or plotly draws around a table or a chart, clicked by script so that hidden ones are
# clicked too, while recording each way a page can hand the browser a file of its own: a blob URL, a click on an
# <a download>, the save-file picker (Streamlit's CSV export tries that first).
CLICK_EVERY_TOOLBAR_BUTTON = """() => {
  window.__keluar = [];
  const note = (what) => window.__keluar.push(what);
  const blob = URL.createObjectURL;
  URL.createObjectURL = function () { note('blob URL'); return blob.apply(this, arguments); };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) note('<a download> ' + this.download);
    return click.apply(this, arguments);
  };
  if (window.showSaveFilePicker) {
    const pick = window.showSaveFilePicker;
    window.showSaveFilePicker = function () { note('showSaveFilePicker'); return pick.apply(this, arguments); };
  }
  const buttons = [...document.querySelectorAll('[data-testid="stElementToolbar"] button, .modebar-btn')];
  buttons.forEach((b) => b.click());
  return buttons.length;
}"""

CLOSE_FULLSCREEN = """() => document.querySelectorAll(
  '[data-testid="stElementToolbar"] button[aria-label="Close fullscreen"]').forEach((b) => b.click())"""


def unaudited_downloads(page) -> tuple[int, list[str]]:
    """Clicks every table and chart toolbar button of the page (hidden or not) and returns how many there were
    and the files that tried to leave outside ui.unduh/ui.grafik (downloads and the script's ways to start
    one). The tables it made fullscreen and the menus it opened are closed again."""
    files: list[str] = []

    def on_download(download) -> None:
        files.append(f"unduhan {download.suggested_filename}")

    page.on("download", on_download)
    clicked = page.evaluate(CLICK_EVERY_TOOLBAR_BUTTON)
    page.wait_for_timeout(1500)  # the CSV export and plotly's PNG are made asynchronously
    page.remove_listener("download", on_download)
    page.evaluate(CLOSE_FULLSCREEN)
    page.keyboard.press("Escape")
    return clicked, files + page.evaluate("window.__keluar")


@pytest.mark.parametrize("user", ["pimpinan.uji", "operator.uji"])
def test_every_page_for_every_role(browser, server, user):
    """Every page in Indonesian for a leader and a unit operator; for the operator (who sees names), no table
    or chart gives a file outside the audited buttons, even when its hidden toolbar buttons are clicked by
    script (one role is enough: the switches are the server's, not a role's; it costs ~6 s)."""
    page, outside = open_page(browser, server, user=user)
    page.set_viewport_size({"width": 1440, "height": 4200})  # tall once: every chart drawn, no resize per page
    tables_seen, probe = {}, user == "operator.uji"
    for path, heading, n_charts in ROLE_PAGES:
        if path:
            page.get_by_role("link", name=heading if path != "/ipasn" else "IP ASN", exact=True).click()
        page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=60_000)
        wait_ready(page, charts=n_charts, kpi=path not in ("/wilayah", "/unit"))
        tables = page.locator('[data-testid="stDataFrame"]')  # hovering shows Streamlit's toolbars
        (tables if tables.count() else page.locator(".js-plotly-plot")).first.hover()
        assert visible_english(page) == [], (user, heading)
        assert page.locator('[data-testid="stException"]').count() == 0, (user, heading)
        screenshot(page, f"peran_{user.split('.')[0]}_{path.strip('/') or 'ringkasan'}")
        if probe:
            tables_seen[heading] = tables.count()
            clicked, files = unaudited_downloads(page)
            assert files == [], (user, heading)
            assert clicked >= tables.count(), (user, heading)  # each table's toolbar was there and clicked
    if probe:  # the follow-up list of names among them
        assert tables_seen["Kepatuhan 20 JP"] >= 2 and sum(tables_seen.values()) >= 6, tables_seen
    assert outside == []
    page.close()


def test_narrow_screen(browser, server):
    """A phone-width window (390 px): charts drawn, nothing thrown (looked at in the screenshot)."""
    page, outside = open_page(browser, server + "/kepatuhan_jp")
    page.set_viewport_size({"width": 390, "height": 3000})
    page.get_by_role("heading", name="Kepatuhan 20 JP").wait_for(timeout=60_000)
    wait_ready(page, charts=5)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / "sempit_kepatuhan_jp.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def impor_satu(page, path) -> None:
    """On the Impor page: the one file in the uploader (the earlier one removed), consent to the demo
    accounts going when it is the first real import, then Impor."""
    chips = page.locator('[data-testid="stFileChip"]')
    while chips.count():
        chips.first.locator('[data-testid="stFileChipDeleteBtn"] button').click()
        page.wait_for_timeout(500)
    page.locator('input[type="file"]').set_input_files([str(path)])
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stFileChip]').length === 1"
        " && !document.querySelector('[data-testid=stFileChipIconSpinner]')",
        timeout=30_000,
    )
    consent = page.get_by_text("Saya mengerti: akun demo dinonaktifkan saat impor ini.")
    if consent.count() and not page.get_by_role("checkbox").first.is_checked():
        consent.click()
    page.get_by_role("button", name="Impor", exact=True).click()


def test_impor_pemetaan_in_the_browser(browser, server, tmp_path):
    """A layout we do not know (the Sleman training report: no JP column) is refused, then mapped by hand:
    the JP from "Lama Pendidikan", the rest as suggested; previewed, saved as a profile and imported. The
    same file uploaded again imports by that profile without asking."""
    from tests.real_shapes import people, siasn_export_asn_pipe_csv, sleman_laporan_xlsx

    files = {}
    for name, data in (siasn_export_asn_pipe_csv(people()), sleman_laporan_xlsx(people())):
        files[name] = tmp_path / name
        files[name].write_bytes(data)
    page, outside = open_page(browser, server)
    wait_ready(page, charts=7)
    page.get_by_role("link", name="Impor data").click()
    page.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=60_000)

    def impor(path) -> None:
        impor_satu(page, path)
        page.get_by_text("Selesai", exact=True).wait_for(timeout=90_000)
        page.wait_for_timeout(1500)

    impor(files["export_data_asn_pipe.csv"])  # the employees first: the report's rows refer to them
    impor(files["Laporan_Bangkom.xlsx"])
    mapping = page.locator('[data-testid="stExpander"]').filter(has_text="Petakan kolom: Laporan_Bangkom.xlsx")
    mapping.wait_for(timeout=60_000)
    assert "Laporan_Bangkom.xlsx ditolak seluruhnya" in page.inner_text("body")
    jp = mapping.get_by_role("combobox", name="JP (wajib salah satu)", exact=True)
    jp.click()
    page.get_by_role("option", name="Lama Pendidikan", exact=True).click()
    page.wait_for_timeout(1500)
    mapping.get_by_role("button", name="Pratinjau").click()
    mapping.get_by_text("Pratinjau 5 baris pertama").wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    screenshot(page, "impor_pemetaan", height=3800)
    assert "5 lolos, 0 ditolak" in mapping.inner_text()
    mapping.get_by_label("Nama profil").fill("Laporan Sleman")
    mapping.get_by_label("Nama profil").press("Enter")
    page.wait_for_timeout(1500)
    mapping.get_by_role("button", name="Simpan profil dan impor").click()
    page.get_by_text("kegiatan belum disetujui").wait_for(timeout=90_000)
    page.wait_for_timeout(1500)
    screenshot(page, "impor_pemetaan_hasil")
    text = page.inner_text("body")
    assert "ditolak seluruhnya" not in text and "Petakan kolom" not in text
    result = grid_rows(page.locator('[data-testid="stDataFrame"]').first)
    assert dict(zip(*result))["Dimuat"] == "5" and dict(zip(*result))["Profil pemetaan"] == "Laporan Sleman"
    assert "diimpor dengan profil pemetaan Laporan Sleman" in text
    # the same layout again: imported by the profile, nothing to map (its rows are all stored already)
    (tmp_path / "lagi").mkdir()  # the same file from another path (setting the same path again uploaded nothing)
    impor(Path(shutil.copy(files["Laporan_Bangkom.xlsx"], tmp_path / "lagi")))
    page.get_by_role("heading", name="Hasil impor").wait_for(timeout=60_000)
    again = dict(zip(*grid_rows(page.locator('[data-testid="stDataFrame"]').first)))
    assert (again["Profil pemetaan"], again["Dibaca"], again["Tidak berubah"]) == ("Laporan Sleman", "5", "5")
    text = page.inner_text("body")
    assert "ditolak seluruhnya" not in text and "Petakan kolom" not in text
    assert "kegiatan belum disetujui" in text
    assert visible_english(page) == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
    page.close()


def grid_rows(grid) -> list[list[str]]:
    """A table's header and rows as text (the grid is drawn on a canvas; its accessible table holds the text)."""
    return grid.evaluate(
        "el => [...el.querySelectorAll('tr')].map(r => [...r.querySelectorAll('th, td')].map(c => c.textContent))"
    )


def test_refused_uploads_leave_the_server_answering(browser, server, tmp_path):
    """Each file that once killed the server (or would have read gigabytes) is uploaded alone and refused
    with one sentence; after each, the server still answers its health check and this session goes on."""
    import urllib.request

    from tests.corpus import CASES

    bombs = {c.name: c for c in CASES}
    page, outside = open_page(browser, server)
    wait_ready(page, charts=7)
    page.get_by_role("link", name="Impor data").click()
    page.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=60_000)
    for name, words in (
        ("sel_di_xfd1048576.xlsx", "16.384 kolom, melebihi batas 1.000 kolom"),
        ("dua_sudut_a1_all1048576.xlsx", "batas memori (6.144 MB)"),
        ("bom_zip_3gib_json.zip", "terurai menjadi 3.073 MB, melebihi batas 1.024 MB"),
        ("bom_sel_1gib.xlsx", "terurai menjadi 1.025 MB"),
    ):
        path = tmp_path / name
        bombs[name].make(path)
        impor_satu(page, path)
        page.get_by_text(f"{name} ditolak seluruhnya, tidak ada yang ditulis").wait_for(timeout=90_000)
        assert words in page.inner_text("body"), name
        with urllib.request.urlopen(server + "/_stcore/health", timeout=10) as r:
            assert (r.status, r.read()) == (200, b"ok"), name
        assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "impor_bom_ditolak")
    page.get_by_role("link", name="Ringkasan").click()  # the same session, still signed in
    wait_ready(page, charts=7)
    assert outside == []
    page.close()
