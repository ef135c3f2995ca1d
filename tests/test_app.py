"""AppTest: every page renders without exception, with plausible figures, as filters change."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics import fmt
from analytics.demo import DEMO_PASSWORD, largest_instansi
from analytics.privacy import PENUH, Akses
from tests.conftest import DEMO_EMPLOYEES, write_lock_held
from tests.test_ekspor import ekspor_terakhir

ADMIN = Akses(peran="admin", nasional=True, pengguna="penguji")


@pytest.fixture
def at(app_env):
    """The app signed in as an admin (the login form itself is tested below)."""
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = ADMIN
    return t.run()


def metric(at, prefix: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(prefix))


def number(text: str) -> float:
    return float(text.replace(".", "").replace(",", ".").rstrip("%"))


def charts(at) -> dict[str, dict]:
    """The page's plotly figures by their layout title (as plotly draws it: & < > escaped); a title
    shown twice fails here."""
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    titles = [f["layout"].get("title", {}).get("text") for f in figures]
    assert len(set(titles)) == len(titles), titles
    return dict(zip(titles, figures))


def test_ringkasan_default(at):
    assert not at.exception
    assert at.title[0].value == "Ringkasan"
    assert metric(at, "Jumlah pegawai") == f"{DEMO_EMPLOYEES:,}".replace(",", ".")
    assert number(metric(at, "Kegiatan 2026")) > DEMO_EMPLOYEES * 0.5
    assert 30 < number(metric(at, "Ikut kegiatan")) < 100
    figures = charts(at)
    assert set(figures) == {
        "Kegiatan pengembangan kompetensi per tahun (* = s.d. 30 Sep 2026)",
        "Pegawai yang memenuhi 20 JP per tahun (* = s.d. 30 Sep 2026)",
        "Kategori IP ASN 2026",
        "IP ASN per tahun (* = per 30 Sep 2026)",
        "Pegawai siap Smart ASN dibanding target 2029 (50,0%)",  # the target in force in 2026 (rules file)
        "Jenis jabatan",
        "Pendidikan terakhir",
        "Jenis kelamin",
        "Status kepegawaian",
        "Kelengkapan data pegawai",
    }
    assert all(f["data"] for f in figures.values())  # each one draws something
    assert metric(at, "Memenuhi 20 JP 2026").endswith("%")
    assert any("Data per" in c.value and "30 Sep 2026" in c.value for c in at.sidebar.caption)


@pytest.mark.db_read_only
def test_filters_narrow_the_population(at):
    total = number(metric(at, "Jumlah pegawai"))
    at.selectbox(key="provinsi").set_value("35").run()
    assert not at.exception
    jatim = number(metric(at, "Jumlah pegawai"))
    assert 0.05 * total < jatim < 0.15 * total
    inst = at.selectbox(key="instansi")
    inst.select_index(next(i for i, o in enumerate(inst.options) if "Provinsi Jawa Timur" in o)).run()
    assert not at.exception
    unit = at.selectbox(key="unor")
    unit.select_index(next(i for i, o in enumerate(unit.options) if "Dinas Pendidikan" in o)).run()
    assert not at.exception
    assert 0 < number(metric(at, "Jumlah pegawai")) < jatim
    at.selectbox(key="jabatan").set_value("pelaksana").run()
    assert not at.exception


@pytest.mark.db_read_only
def test_past_year_is_not_partial(at):
    at.selectbox(key="tahun").set_value(2024).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert "Kegiatan 2024" in labels
    assert not any("berjalan" in (m.help or "") for m in at.metric)


@pytest.mark.db_read_only
def test_empty_selection_says_so(at, demo_con):
    kode = demo_con.execute("""
        SELECT k.kode FROM kabkota k WHERE NOT EXISTS (SELECT 1 FROM pegawai p
            WHERE p.kabkota_kode = k.kode AND p.jenis_jabatan = 'jpt') ORDER BY k.kode LIMIT 1
    """).fetchall()[0][0]
    at.selectbox(key="provinsi").set_value(kode[:2]).run()
    at.selectbox(key="kabkota").set_value(kode).run()
    at.selectbox(key="jabatan").set_value("jpt").run()
    assert not at.exception
    assert any("Tidak ada pegawai" in i.value for i in at.info)
    assert len(at.metric) == 0


@pytest.mark.db_read_only
def test_impor_page_shows_history(at):
    at.switch_page("pages/impor.py").run()
    assert not at.exception
    assert at.title[0].value == "Impor data"
    history = at.dataframe[-1].value
    assert list(history["Jenis data"]) == ["demo"] and int(history["Dibaca"].iloc[0]) > 20_000
    assert at.button[0].disabled  # nothing uploaded yet


@pytest.mark.db_read_only
def test_kepatuhan_jp_page(at, demo_con):
    at.switch_page("pages/kepatuhan_jp.py").run()
    assert not at.exception
    assert at.title[0].value == "Kepatuhan 20 JP"
    expected = demo_con.execute(
        "SELECT 100.0 * avg((jp_total >= 20)::INT) FROM jp_pegawai_tahun WHERE tahun = 2026"
    ).fetchall()[0][0]
    assert metric(at, "Memenuhi 20 JP") == f"{expected:.1f}%".replace(".", ",")
    assert len(at.get("plotly_chart")) >= 8
    assert at.get("download_button")  # the follow-up list can be downloaded
    # a past year: no progress curve, statuses are final
    at.selectbox(key="tahun").set_value(2024).run()
    assert not at.exception
    assert metric(at, "Memenuhi 20 JP, 2024")
    # narrowing to a province changes the figure
    at.selectbox(key="provinsi").set_value("35").run()
    assert not at.exception
    jatim = demo_con.execute(
        "SELECT 100.0 * avg((jp_total >= 20)::INT) FROM jp_pegawai_tahun WHERE tahun = 2024 AND provinsi_kode = '35'"
    ).fetchall()[0][0]
    assert metric(at, "Memenuhi 20 JP") == f"{jatim:.1f}%".replace(".", ",")


@pytest.mark.db_read_only
def test_ringkasan_shows_ipasn(at, demo_con):
    mean = demo_con.execute(
        "SELECT avg(total) FILTER (WHERE lengkap) FROM ipasn_pegawai_tahun WHERE tahun = 2026"
    ).fetchall()[0][0]
    assert metric(at, "Rata-rata IP ASN per 30 Sep 2026") == fmt.indeks(mean)  # indices: one decimal


@pytest.mark.db_read_only
def test_ipasn_page(at, demo_con):
    at.switch_page("pages/ipasn.py").run()
    assert not at.exception
    assert at.title[0].value == "Indeks Profesionalitas ASN"
    mean, full, n = demo_con.execute(
        "SELECT avg(total) FILTER (WHERE lengkap), count(*) FILTER (WHERE lengkap), count(*) "
        "FROM ipasn_pegawai_tahun WHERE tahun = 2026"
    ).fetchall()[0]
    assert metric(at, "Rata-rata IP ASN per 30 Sep 2026") == fmt.indeks(mean)  # indices: one decimal
    assert metric(at, "Data lengkap") == f"{100 * full / n:.1f}%".replace(".", ",")
    assert len(at.get("plotly_chart")) == 3
    # where points are lost, by province
    at.segmented_control(key="ipasn_kelompok").set_value("provinsi").run()
    assert not at.exception
    # one employee explained
    nip, total = demo_con.execute(
        "SELECT g.nip, i.total FROM ipasn_pegawai_tahun i JOIN pegawai g USING (pegawai_key) "
        "WHERE i.tahun = 2026 AND i.jenis_jabatan = 'administrator' AND i.lengkap ORDER BY g.nip LIMIT 1"
    ).fetchall()[0]
    at.text_input(key="ipasn_nip").set_value(nip)
    next(b for b in at.button if b.label == "Cari").click().run()
    assert not at.exception
    body = " ".join(m.value for m in at.markdown)
    assert f"IP ASN **{total:.1f}".replace(".", ",") in body or f"IP ASN **{total:g}".replace(".", ",") in body
    assert "Kompetensi" in body and "kepemimpinan" in body and "Kinerja" in body
    at.text_input(key="ipasn_nip").set_value("199901012020011999")
    next(b for b in at.button if b.label == "Cari").click().run()
    assert any("tidak ditemukan" in w.value for w in at.warning)
    # a year before the first whole window
    at.selectbox(key="tahun").set_value(2020).run()
    assert not at.exception and any("mulai 2021" in i.value for i in at.info)


MD_JAHAT = "[x](http://evil.example) <b>b</b> *y*"  # a link, html and emphasis, as a name in the data


def test_ipasn_lookup_shows_names_as_text(app_env):
    """The employee look-up shows names from the data (employee, job, unit, education) and the typed
    NIP as text: escaped markup, no link."""
    from analytics import db

    c = db.connect(app_env)
    nip, unor, pend = c.execute(
        "SELECT g.nip, i.unor_id, i.pendidikan_id FROM ipasn_pegawai_tahun i JOIN pegawai g USING (pegawai_key) "
        "WHERE i.tahun = 2026 AND i.jenis_jabatan = 'administrator' AND i.lengkap ORDER BY g.nip LIMIT 1"
    ).fetchall()[0]
    c.execute("UPDATE pegawai SET nama = ? WHERE nip = ?", [MD_JAHAT, nip])
    c.execute("UPDATE unor SET nama = ? WHERE id = ?", [MD_JAHAT, unor])
    c.execute("UPDATE ref_jenis_jabatan SET nama = ? WHERE kode = 'administrator'", [MD_JAHAT])
    c.execute("UPDATE ref_pendidikan SET nama = ? WHERE id = ?", [MD_JAHAT, pend])
    c.close()
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = ADMIN
    t.run().switch_page("pages/ipasn.py").run()
    t.text_input(key="ipasn_nip").set_value(nip)
    next(b for b in t.button if b.label == "Cari").click().run()
    assert not t.exception
    header = next(m.value for m in t.markdown if "IP ASN **" in m.value)
    assert header.count(r"\[x\](http\:") == 3 and r"\<b\>b\</b\> \*y\*" in header
    kualifikasi = next(m.value for m in t.markdown if "Kualifikasi" in m.value)
    assert r"\[x\](http\:" in kualifikasi
    for m in t.markdown:
        assert not re.search(r"(?<!\\)(\]\(|<b>|\*y\*)|http://", m.value), m.value  # nothing unescaped
    t.text_input(key="ipasn_nip").set_value("[a](http://e.co)")
    next(b for b in t.button if b.label == "Cari").click().run()
    warning = next(w.value for w in t.warning if "tidak ditemukan" in w.value)
    assert r"NIP \[a\](http\:" in warning and "http://" not in warning


@pytest.mark.db_read_only
def test_simulasi_page(at, demo_con):
    at.switch_page("pages/simulasi_ipasn.py").run()
    assert not at.exception
    assert at.title[0].value == "Simulasi IP ASN"
    below, short = demo_con.execute(
        "SELECT count(*), sum(20 - jp_teknis) FROM ipasn_pegawai_tahun WHERE tahun = 2026 AND jp_teknis < 20"
    ).fetchall()[0]
    assert metric(at, "Pegawai yang perlu dilatih") == f"{below:,}".replace(",", ".")
    assert number(metric(at, "Rata-rata skenario")) > number(metric(at, "Rata-rata sekarang"))
    at.radio(key="sim_tuas").set_value("kepemimpinan").run()
    assert not at.exception
    at.radio(key="sim_tuas").set_value("aturan").run()
    assert any("Ubah salah satu" in i.value for i in at.info)
    at.number_input(key="sim_jendela").set_value(1).run()
    assert not at.exception
    assert number(metric(at, "Pegawai yang nilainya berubah")) > 0


@pytest.mark.db_read_only
def test_smart_asn_page(at, demo_con):
    at.switch_page("pages/smart_asn.py").run()
    assert not at.exception
    assert at.title[0].value == "Atribut Smart ASN"
    share = demo_con.execute("SELECT 100.0 * avg(siap::INT) FROM smart_pegawai_tahun WHERE tahun = 2026").fetchall()[0][
        0
    ]
    assert metric(at, "Siap Smart ASN per 30 Sep 2026") == fmt.persen(share)  # the one rounding rule: 23,25 -> 23,3
    assert "target" in next(m for m in at.metric if m.label.startswith("Siap Smart ASN")).delta
    assert len(at.get("plotly_chart")) == 4  # trend vs target, radar, coverage, heatmap
    assert any("Cakupan data di bawah 50%" in w.value for w in at.warning)  # language/ICT data are sparse
    how = at.expander[0]
    assert "Bagaimana" in how.label and any("Bobot" in d.value.columns for d in at.dataframe)
    # a province: the radar compares with the national profile
    at.selectbox(key="provinsi").set_value("35").run()
    assert not at.exception
    at.segmented_control(key="smart_kelompok").set_value("provinsi").run()
    assert not at.exception


@pytest.mark.db_read_only
def test_smart_asn_page_shows_data_kurang_for_figures_under_the_minimum_coverage(at, demo_con):
    """Figures on less than the rules' minimum coverage (50%) read 'data kurang (cakupan x%)', never
    as a score: the trend's early years, the sparse traits on the heatmap and radar, and in a year
    when few employees had an index, the readiness cards."""
    at.switch_page("pages/smart_asn.py").run()
    assert not at.exception

    def pct(sql: str) -> str:
        return f"{demo_con.execute(sql).fetchall()[0][0]:.1f}".replace(".", ",") + "%"

    def cov(tahun: int) -> str:
        return pct(f"SELECT 100.0 * count(indeks) / count(*) FROM smart_pegawai_tahun WHERE tahun = {tahun}")

    figures = charts(at)
    tren = figures["Kemajuan Smart ASN: pegawai siap dibanding target 2029 (50,0%) (* = per 30 Sep 2026)"]
    assert [a["text"] for a in tren["layout"]["annotations"]] == [
        f"data kurang (cakupan {cov(2020)})",
        f"data kurang (cakupan {cov(2021)})",
    ]
    cakupan = next(t for t in tren["data"] if t.get("name", "").startswith("cakupan data indeks"))
    assert tren["layout"]["xaxis"]["categoryarray"][-1] == "2026*" and cakupan["text"][-1] == cov(2026)
    wawasan = pct("SELECT 100.0 * count(wawasan_global) / count(*) FROM smart_pegawai_tahun WHERE tahun = 2026")
    radar = next(f for t, f in figures.items() if t.startswith("Delapan atribut"))
    assert (
        f"Wawasan<br>global<br>data kurang<br>cakupan {wawasan}" in radar["layout"]["polar"]["angularaxis"]["ticktext"]
    )
    heat = next(f for t, f in figures.items() if t.startswith("30 kelompok terbesar"))
    assert heat["data"][1]["name"] == "data kurang: cakupan di bawah 50,0%, bukan skor"
    assert "data kurang" in heat["data"][1]["text"][1]  # under the coverage row
    assert any("tidak ditampilkan sebagai skor (data kurang)" in w.value for w in at.warning)
    # 2021: a year when few employees had an index
    at.selectbox(key="tahun").set_value(2021).run()
    assert not at.exception
    card = next(m for m in at.metric if m.label == "Siap Smart ASN 2021")
    assert card.value == "data kurang" and card.delta == f"cakupan indeks {cov(2021)}"
    assert metric(at, "Indeks kesiapan") == "data kurang"


@pytest.mark.db_read_only
def test_ringkasan_shows_smart_readiness(at, demo_con):
    share = demo_con.execute("SELECT 100.0 * avg(siap::INT) FROM smart_pegawai_tahun WHERE tahun = 2026").fetchall()[0][
        0
    ]
    assert metric(at, "Siap Smart ASN per 30 Sep 2026") == fmt.persen(share)  # the one rounding rule: 23,25 -> 23,3


# --- login and roles -----------------------------------------------------------------------------


def login(app_env, name: str, password: str = DEMO_PASSWORD) -> AppTest:
    t = AppTest.from_file("../app.py", default_timeout=120).run()
    t.text_input(key="login_nama").set_value(name)
    t.text_input(key="login_sandi").set_value(password)
    next(b for b in t.button if b.label == "Masuk").click().run()
    return t


def test_no_data_before_login(app_env):
    t = AppTest.from_file("../app.py", default_timeout=120).run()
    assert not t.exception
    assert len(t.metric) == 0 and len(t.get("plotly_chart")) == 0 and len(t.dataframe) == 0
    assert any("demo-pimpinan" in i.value and DEMO_PASSWORD in i.value for i in t.info)
    t.text_input(key="login_nama").set_value("demo-admin")
    t.text_input(key="login_sandi").set_value("salah-sekali")
    next(b for b in t.button if b.label == "Masuk").click().run()
    assert any("salah" in e.value for e in t.error) and len(t.metric) == 0


def test_database_locked_by_another_process_says_so_and_retries(app_env):
    with write_lock_held(app_env):  # e.g. a CLI import holding the file while the dashboard starts
        t = AppTest.from_file("../app.py", default_timeout=120).run()
        assert not t.exception
        assert [e.value for e in t.error if "sedang dipakai proses lain" in e.value]
        assert str(app_env) not in " ".join(e.value for e in t.error)  # no server path before login
        assert [b.label for b in t.button] == ["Coba lagi"] and len(t.text_input) == 0
    next(b for b in t.button if b.label == "Coba lagi").click().run()  # the other process has ended
    assert not t.exception and not t.error
    assert t.text_input(key="login_nama") is not None


def test_pimpinan_sees_aggregates_only(app_env, demo_con):
    t = login(app_env, "demo-pimpinan")
    assert not t.exception
    assert metric(t, "Jumlah pegawai") == f"{DEMO_EMPLOYEES:,}".replace(",", ".")  # national aggregates
    t.switch_page("pages/kepatuhan_jp.py").run()
    assert not t.exception
    assert not any(d.label.startswith("Unduh daftar") for d in t.get("download_button"))
    assert any("hanya untuk admin dan operator unit" in c.value for c in t.caption)
    t.switch_page("pages/ipasn.py").run()
    assert not t.exception
    assert len(t.text_input) == 0  # no NIP look-up
    for d in t.dataframe:  # no person-level column anywhere
        assert not {"NIP", "nip", "Nama", "nama"} & set(map(str, d.value.columns))


def test_unit_sees_only_its_agency(app_env, demo_con):
    t = login(app_env, "demo-unit")
    assert not t.exception
    inst = largest_instansi(demo_con)
    n = demo_con.execute("SELECT count(*) FROM pegawai WHERE instansi_id = ?", [inst]).fetchall()[0][0]
    assert metric(t, "Jumlah pegawai") == f"{n:,}".replace(",", ".")
    name = demo_con.execute("SELECT nama FROM instansi WHERE id = ?", [inst]).fetchall()[0][0]
    assert t.selectbox(key="instansi").options == ["Semua instansi", name]  # no other agency offered
    t.switch_page("pages/kepatuhan_jp.py").run()
    assert not t.exception
    lists = [d.value for d in t.dataframe if "NIP" in d.value.columns]
    assert lists and all(v.count("*") == 7 for v in lists[0]["NIP"])  # masked for a non-admin


def test_head_count_card_shows_the_selection_total(app_env, demo_con):
    """Signed in as the unit operator with a province chosen whose PNS/PPPK split is blanked (one of them
    under 10), the card shows the selection's total, not the sum of blanked rows (0)."""
    inst = largest_instansi(demo_con)
    prov, n = demo_con.execute(
        """SELECT provinsi_kode, count(*) FROM pegawai WHERE instansi_id = ? GROUP BY 1
           HAVING count(*) >= 10 AND count(*) FILTER (WHERE jenis_pegawai = 'PPPK') < 10 ORDER BY 2 LIMIT 1""",
        [inst],
    ).fetchone()
    t = login(app_env, "demo-unit")
    t.selectbox(key="provinsi").set_value(prov).run()
    assert not t.exception
    assert metric(t, "Jumlah pegawai") == f"{n:,}".replace(",", ".")


def test_admin_sees_the_audit_log(app_env):
    import ui

    t = login(app_env, "demo-admin")
    t.switch_page("pages/audit.py").run()
    assert not t.exception
    log = t.dataframe[0].value
    assert {"login", "pengguna_tambah"} <= set(log["Aksi"])
    assert "demo-admin" in set(log["Pengguna"])
    assert any("Rantai sidik utuh" in c.value for c in t.caption) and not t.error
    # an entry changed and one deleted behind the application's back: the page names both
    first, second = (r[0] for r in ui.connection().execute("SELECT id FROM audit ORDER BY id LIMIT 2").fetchall())
    ui.connection().execute("UPDATE audit SET pengguna = 'orang-lain' WHERE id = ?", [first])
    ui.connection().execute("DELETE FROM audit WHERE id = ?", [second])
    t.run()
    assert not t.exception
    assert [e.value for e in t.error if f"entri #{first} diubah" in e.value and f"entri #{second} hilang" in e.value]
    assert not any("Rantai sidik utuh" in c.value for c in t.caption)


@pytest.mark.db_read_only
def test_tiny_selection_shows_no_figures_to_non_admins(app_env, demo_con):
    unit = demo_con.execute(
        "SELECT unor_id FROM jp_pegawai_tahun WHERE tahun = 2026 GROUP BY 1 HAVING count(*) BETWEEN 1 AND 9 LIMIT 1"
    ).fetchall()[0][0]
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = Akses(peran="unit", unor_ids=(unit,), pengguna="op.kecil")
    t.run()
    assert not t.exception
    assert any("kurang dari 10 pegawai" in i.value for i in t.info)
    assert len(t.metric) == 0 and len(t.get("plotly_chart")) == 0


def sso_app(email: str | None, *, logged_in: bool = True) -> AppTest:
    """The app with single sign-on configured and the OIDC provider vouching for `email`."""
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "rahasia-uji-" * 3,
        "client_id": "dasbor",
        "client_secret": "rahasia",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    t.user = {"is_logged_in": logged_in, "email": email}
    return t.run()


def test_single_sign_on(app_env, demo_con):
    import ui
    from analytics import accounts, db

    c = db.connect(app_env)
    accounts.add_user(c, "kepala.bkd", None, "pimpinan", provinsi_kode="35", sso="kepala@bkd.jatimprov.go.id")
    c.close()
    before = sso_app(None, logged_in=False)  # not signed in at the provider: SSO button and password form
    assert not before.exception and len(before.metric) == 0
    assert [b.label for b in before.button][:1] == ["Masuk dengan SSO instansi"]
    assert before.text_input(key="login_nama") is not None
    t = sso_app("Kepala@BKD.jatimprov.go.id")
    assert not t.exception
    assert any("kepala.bkd" in cap.value and "pimpinan" in cap.value for cap in t.sidebar.caption)
    n = demo_con.execute("SELECT count(*) FROM pegawai WHERE provinsi_kode = '35'").fetchall()[0][0]
    assert metric(t, "Jumlah pegawai") == f"{n:,}".replace(",", ".")  # its province only
    stranger = sso_app("orang@lain.go.id")
    assert not stranger.exception
    assert any("belum terdaftar" in e.value for e in stranger.error) and len(stranger.metric) == 0
    log = ui.connection().execute("SELECT pengguna, aksi FROM audit WHERE rincian LIKE '%sso%' ORDER BY id").fetchall()
    assert ("kepala.bkd", "login") in log and ("orang@lain.go.id", "login_gagal") in log


def test_idle_session_ends_and_logout(app_env):
    import time

    import ui

    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = Akses(peran="pimpinan", nasional=True, pengguna="boss")
    t.session_state["aktif"] = time.time() - 31 * 60  # SMARTASN_SESI_MENIT defaults to 30
    t.run()
    assert not t.exception
    assert any("Sesi berakhir" in i.value for i in t.info) and len(t.metric) == 0
    t = login(app_env, "demo-pimpinan")
    assert len(t.metric) > 0
    next(b for b in t.sidebar.button if b.label == "Keluar").click().run()
    assert not t.exception and len(t.metric) == 0 and t.text_input(key="login_nama") is not None
    log = ui.connection().execute("SELECT pengguna, aksi FROM audit ORDER BY id DESC LIMIT 3").fetchall()
    assert log[0] == ("demo-pimpinan", "logout") and ("boss", "sesi_habis") in log


# --- the role matrix, page by page ---------------------------------------------------------------

PAGES = [
    "pages/ringkasan.py",
    "pages/kepatuhan_jp.py",
    "pages/ipasn.py",
    "pages/simulasi_ipasn.py",
    "pages/smart_asn.py",
    "pages/wilayah.py",
    "pages/unit.py",
]
NO_KPI = {"pages/wilayah.py", "pages/unit.py"}  # KPI cards only in a profile, once a region or unit is chosen
PERSON_COLUMNS = {"NIP", "nip", "Nama", "nama", "Tanggal lahir", "tanggal_lahir"}


def frames(t) -> list:
    return [d.value for d in t.dataframe]


def test_role_matrix_on_every_page(app_env, demo_con):
    """pimpinan: no person-level column on any page; unit: masked NIPs and only its agency's units;
    neither reaches the admin pages, even by switching to them."""
    inst = largest_instansi(demo_con)
    own_units = {r[0] for r in demo_con.execute("SELECT id FROM unor WHERE instansi_id = ?", [inst]).fetchall()}
    for name in ("demo-pimpinan", "demo-unit"):
        t = login(app_env, name)
        for page in PAGES:
            t.switch_page(page).run()
            assert not t.exception, (name, page)
            assert len(t.metric) > 0 or page in NO_KPI, (name, page)
            assert len(t.get("plotly_chart")) > 0, (name, page)
            for df in frames(t):
                cols = set(map(str, df.columns))
                if name == "demo-pimpinan":
                    assert not PERSON_COLUMNS & cols, (page, cols)
                if "NIP" in cols:
                    assert all(v.count("*") == 7 for v in df["NIP"]), page
                if name == "demo-unit" and {"ID", "Unit kerja"} <= cols:
                    assert set(df["ID"].astype(int)) <= own_units, page  # no unit of another agency
            if name == "demo-pimpinan":
                assert not any("NIP" in w.label for w in t.text_input), page
        for page in ("pages/impor.py", "pages/audit.py"):  # not in this role's navigation at all
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                t.switch_page(page)


# --- Indonesian formats in every table and every download ------------------------------------------

INTERNAL = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")  # what an internal column name looks like
ANGKA_ID = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?%?|–")  # 1.234.567 · 87,5 · 43,2% · – (missing)
NOT_SHOWN = {"None", "nan", "NaN", "<NA>", "NaT", "True", "False"}
LABELS = ["Laporan", "Jumlah baris", "Diekspor oleh", "Peran", "Cakupan akun", "Filter", "Waktu"]
JP_LABEL = "Yang dihitung dalam 20 JP"  # an export of 20 JP figures also says who they count (report.stamp)


def check_tables(t, where: str) -> int:
    """Every st.dataframe on the page: human headers only, numbers drawn as Indonesian text (the
    values under it stay numbers, so columns sort by value), flags as text, missing as '–'."""
    from pandas.api.types import is_numeric_dtype
    from streamlit import dataframe_util

    for d in t.dataframe:
        raw = d.value
        for h in map(str, raw.columns):
            assert not INTERNAL.fullmatch(h) and "_" not in h, (where, h)
        assert d.proto.placeholder == "–", where  # never 'None' for a missing value
        styled = d.proto.arrow_data.styler.display_values
        assert styled, f"{where}: a table without display text (ui.tabel)"
        text = dataframe_util.convert_arrow_bytes_to_pandas_df(styled)
        for col in raw.columns:
            assert raw[col].dtype != bool, (where, col)  # a boolean column is drawn as checkboxes
            values = set(text[col].astype(str))
            assert not values & NOT_SHOWN, (where, col, values & NOT_SHOWN)
            if is_numeric_dtype(raw[col]):
                bad = sorted(v for v in values if not ANGKA_ID.fullmatch(v))
                assert not bad, (where, col, bad[:3])
    return len(t.dataframe)


@pytest.mark.db_read_only
def test_every_table_speaks_indonesian(at):
    shown = 0
    for page in [*PAGES, "pages/impor.py", "pages/audit.py"]:
        at.switch_page(page).run()
        assert not at.exception, page
        shown += check_tables(at, page)
    at.switch_page("pages/simulasi_ipasn.py").run()
    at.segmented_control(key="sim_kelompok").set_value("provinsi").run()
    assert not at.exception
    shown += check_tables(at, "simulasi per provinsi")
    assert shown >= 10


def capture_downloads(monkeypatch) -> dict:
    """file name -> bytes (a static download) or the callable that builds it (a deferred one), for
    every st.download_button of the runs that follow."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    files: dict = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def static(self, data, mimetype, coordinates, file_name=None, is_for_static_download=False):
        if file_name:
            files[file_name] = data
        return add(self, data, mimetype, coordinates, file_name, is_for_static_download)

    def deferred(self, fn, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = fn
        return add_deferred(self, fn, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", static)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return files


def check_xlsx(data: bytes, headers: list[str], text: set[str], *, flags: set[str] = frozenset()) -> dict:
    """The workbook a download wrote: exactly `headers`; the `text` columns are text (a NIP as a text
    cell); `flags` say Ya/Tidak; every other column holds numbers with a display format; the
    keterangan sheet in words. Returns the keterangan as {label: value}."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["laporan", "keterangan"]
    sheet = book["laporan"]
    assert [c.value for c in sheet[1]] == headers
    assert sheet.freeze_panes == "A2" and sheet.max_row > 1
    for col in sheet.iter_cols(min_row=2):
        head = headers[col[0].column - 1]
        for c in col:
            if c.value is None:
                continue
            if head in text or head in flags:
                assert c.data_type == "s" and c.value not in NOT_SHOWN, (head, c.value)
                assert not str(c.value).startswith(("=", "+", "-", "@")), (head, c.value)
                if head == "NIP":
                    assert c.number_format == "@" and len(c.value) == 18, c.value
                if head in flags:
                    assert c.value in ("Ya", "Tidak"), (head, c.value)
            else:
                assert c.data_type == "n" and isinstance(c.value, int | float), (head, c.value)
                assert c.number_format != "General", head
    info = {r[0].value: r[1].value for r in book["keterangan"].iter_rows(min_row=2)}
    assert list(info) in (LABELS, [*LABELS, JP_LABEL]), list(info)
    if JP_LABEL in info:
        assert re.match(r"[\d.]+ pegawai dalam penyebut \d{4}; [\d.]+ pegawai tidak dihitung", info[JP_LABEL])
    for value in info.values():
        assert "{" not in str(value) and not re.search(r"\b(instansi|provinsi|unit|unor) \d", str(value)), value
    return info


KATEGORI_HEADERS = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
DOWNLOADS = {
    "tindak_lanjut_20jp_2026.xlsx": (
        "pages/kepatuhan_jp.py",
        [
            "NIP",
            "Nama",
            "Unit kerja",
            "JP terkredit",
            "JP klasikal (10)",
            "JP sosial (20)",
            "JP pengalaman (70)",
            "Memenuhi 20 JP",
            "Kekurangan JP",
            "Status",
        ],
        {"NIP", "Nama", "Unit kerja", "Status"},
        {"Memenuhi 20 JP"},
    ),
    "ipasn_unit_2026.xlsx": (
        "pages/ipasn.py",
        ["ID", "Unit kerja", "Pegawai", "Berdata lengkap", "Rata-rata IP ASN", *KATEGORI_HEADERS],
        {"ID", "Unit kerja"},
        set(),
    ),
    "simulasi_ipasn_teknis_2026.xlsx": (
        "pages/simulasi_ipasn.py",
        [
            "ID",
            "Unit kerja",
            "Pegawai",
            "Berdata lengkap (sekarang)",
            "Berdata lengkap (skenario)",
            "Rata-rata IP ASN (sekarang)",
            "Rata-rata IP ASN (skenario)",
            "Selisih rata-rata",
            "Pegawai terdampak",
            "JP dibutuhkan",
            "Jumlah nilai IP ASN (sekarang)",
            "Jumlah nilai IP ASN (skenario)",
            "Pegawai tanpa data JP",
            *(f"{k} ({s})" for k in KATEGORI_HEADERS for s in ("sekarang", "skenario")),
            "% Tinggi atau Sangat Tinggi (sekarang)",
            "% Tinggi atau Sangat Tinggi (skenario)",
        ],
        {"ID", "Unit kerja"},
        set(),
    ),
}


def test_dashboard_downloads_speak_indonesian(at, monkeypatch):
    import ui

    files = capture_downloads(monkeypatch)
    at.selectbox(key="provinsi").set_value("35").run()
    for name, (page, headers, text, flags) in DOWNLOADS.items():
        at.switch_page(page).run()
        assert not at.exception, page
        info = check_xlsx(files[name](), headers, text, flags=flags)
        assert info["Diekspor oleh"] == "penguji" and info["Peran"] == "Admin (Biro SDM)"
        assert info["Cakupan akun"] == "Nasional" and info["Filter"] == "Tahun 2026; Provinsi Jawa Timur"
        assert ekspor_terakhir(ui.connection().cursor()) == [  # the file, in the audit log as it left
            (
                "penguji",
                {
                    "laporan": name.removesuffix("_2026.xlsx"),
                    "peran": "admin",
                    "lingkup": "Cakupan akun: Nasional · Filter: Tahun 2026; Provinsi Jawa Timur",
                    "filter": {"tahun": 2026, "provinsi_kode": "35"},
                    "baris": info["Jumlah baris"],
                    "format": "xlsx",
                    "jalur": "dasbor",
                },
                "nasional",
            )
        ]


def upload_and_import(at, files: list[tuple[str, bytes]]) -> None:
    """On the Impor page: choose the files, consent to the demo accounts going, click Impor."""
    at.switch_page("pages/impor.py").run()
    uploader = at.file_uploader(key="unggah")
    for name, data in files:
        uploader.upload(name, data, "application/octet-stream")
    at.run()
    for consent in (c for c in at.checkbox if c.key == "impor_setuju"):
        consent.check()
    at.run()
    next(b for b in at.button if b.label == "Impor").click().run()
    assert not at.exception


def test_impor_tables_and_rejects_download(at, monkeypatch, tmp_path):
    from tests.importdata import PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

    files = capture_downloads(monkeypatch)
    formula = ["=1+2", *PEGAWAI_ROWS[1][1:]]  # a NIP that is a spreadsheet formula: refused
    src = write_csv(tmp_path / "pegawai.csv", PEGAWAI_HEADER, [PEGAWAI_ROWS[0], formula])
    # a second file with its reject on the same row number: two rejected rows, not one
    lagi = write_csv(tmp_path / "pegawai2.csv", PEGAWAI_HEADER, [PEGAWAI_ROWS[2], ["=3+4", *PEGAWAI_ROWS[1][1:]]])
    upload_and_import(at, [("pegawai.csv", src.read_bytes()), ("pegawai2.csv", lagi.read_bytes())])
    assert check_tables(at, "impor") == 3  # result, rejects, history
    assert "Baris ditolak (2 baris)" in [h.value for h in at.subheader]
    assert list(at.dataframe[0].value.columns)[:2] == ["Berkas", "Jenis data"]
    built = files["baris_ditolak.csv"]
    assert callable(built)  # built on click, like every download
    rejects = pd.read_csv(io.StringIO(built().decode("utf-8-sig")), dtype=str)
    assert list(rejects.columns) == ["Berkas", "Baris", "Kolom", "Isi", "Alasan penolakan"]
    assert "'=1+2" in set(rejects["Isi"]) and not rejects["Isi"].str.startswith("=").any()
    import ui

    ((pengguna, rincian, _),) = ekspor_terakhir(ui.connection().cursor())  # this way out is audited too
    assert pengguna == "penguji" and rincian["lingkup"].startswith("Cakupan akun: Nasional · Filter: Tahun ")
    assert {k: rincian[k] for k in ("laporan", "peran", "baris", "format", "jalur")} == {
        "laporan": "baris_ditolak",
        "peran": "admin",
        "baris": len(rejects),
        "format": "csv",
        "jalur": "dasbor",
    }


def test_impor_batch_with_broken_files_imports_the_good_ones(at, tmp_path):
    """A truncated workbook, a binary called .csv and an empty file in one batch with two good files:
    each bad one is refused with its Indonesian reason (its name shown as text), the good ones import,
    the page never shows an exception, and every refusal is in the audit log."""
    from tests.corpus import CASES
    from tests.importdata import PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

    made = {}
    for c in CASES:
        if c.name in ("terpotong.xlsx", "biner.csv", "unicode_text_excel.txt"):
            c.make(tmp_path / c.name)
            made[c.name] = (tmp_path / c.name).read_bytes()
    good = write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, PEGAWAI_ROWS).read_bytes()
    batch = [
        ("terpotong.xlsx", made["terpotong.xlsx"]),
        ("pegawai.csv", good),
        ("**tebal** [x](http://evil.example).csv", made["biner.csv"]),
        ("kosong.csv", b""),
        ("unicode.txt", made["unicode_text_excel.txt"]),
    ]
    upload_and_import(at, batch)
    errors = [e.value for e in at.error]
    assert len(errors) == 3, errors
    assert any("terpotong.xlsx" in e and "lembar kerja tidak bisa dibaca" in e for e in errors)
    assert any(r"\*\*tebal\*\* \[x\](http" in e and "bukan teks" in e for e in errors), errors
    assert any("kosong.csv" in e and "berkas kosong" in e for e in errors)
    assert not any(re.search(r"Error|Traceback|duckdb|calamine", e) for e in errors)
    result = at.dataframe[0].value
    assert len(result) == 2  # pegawai.csv and the UTF-16 text both imported
    import ui

    log = ui.connection().cursor().execute("SELECT rincian FROM audit WHERE aksi = 'impor_ditolak'").fetchall()
    refused = {json.loads(r[0])["berkas"] for r in log}
    assert {"terpotong.xlsx", "**tebal** [x](http://evil.example).csv", "kosong.csv"} <= refused


# --- Impor: mapping the columns of a layout nobody foresaw (issue 14, item 8) ---------------------------


def sleman_refused(at, persons: int = 5) -> tuple[str, bytes]:
    """Import the five real-shape employees, then upload the Sleman training report (no JP column, so its
    kind is not recognised) with `persons` rows: refused, offered for mapping. Returns its name and bytes."""
    from tests.real_shapes import people, siasn_export_asn_pipe_csv, sleman_laporan_xlsx

    upload_and_import(at, [siasn_export_asn_pipe_csv(people())])
    name, data = sleman_laporan_xlsx(people(persons))
    at.file_uploader(key="unggah").set_value([(name, data, "application/octet-stream")]).run()
    next(b for b in at.button if b.label == "Impor").click().run()
    assert not at.exception
    assert any("jenis data tidak bisa ditentukan" in e.value for e in at.error)
    return name, data


def mapping_select(at, name: str, field: str):
    return at.selectbox(key=f"pm|{name}|pengembangan|{field}")


def test_impor_pemetaan_unknown_layout_offered_with_suggestions_and_preview(at):
    name, _ = sleman_refused(at, persons=6)  # the sixth person is no employee: its row is refused
    assert [e.label for e in at.expander] == [r"Petakan kolom: Laporan\_Bangkom.xlsx"]  # a name is text
    assert at.selectbox(key=f"pm|{name}").value == "pengembangan"  # the kind our suggestions cover best
    assert mapping_select(at, name, "nip").value == "NIP"
    assert mapping_select(at, name, "tanggal_mulai").value == "Tanggal Mulai"
    assert mapping_select(at, name, "status").value == "Status"
    assert mapping_select(at, name, "jp").value == "— tidak ada —"  # nothing close: no guess
    assert mapping_select(at, name, "jp").label == "JP (wajib salah satu)"
    assert mapping_select(at, name, "tanggal_mulai").label == "Tanggal mulai (wajib)"
    samples = at.dataframe[-2].value  # the file's columns with sample values (the last table is the history)
    assert list(samples.columns) == ["Kolom berkas", "Contoh isi"]
    assert samples.set_index("Kolom berkas").loc["Lama Pendidikan", "Contoh isi"] == "16"
    # a preview with the JP still unmapped says what is missing, and writes nothing
    next(b for b in at.button if b.label == "Pratinjau").click().run()
    missing = r"Pemetaan ini belum bisa dipakai: kolom wajib untuk pengembangan belum dipetakan\: jp atau jp\_konversi"
    assert missing in [e.value for e in at.error]
    mapping_select(at, name, "jp").set_value("Lama Pendidikan").run()
    assert not any("belum dipetakan" in e.value for e in at.error)  # that preview was of another mapping
    next(b for b in at.button if b.label == "Pratinjau").click().run()
    assert not at.exception
    assert any("Pratinjau 6 baris pertama**: 5 lolos, 1 ditolak" in m.value for m in at.markdown)
    rows = next(d.value for d in at.dataframe if "Tanggal mulai" in d.value.columns)
    assert len(rows) == 5 and set(rows["JP klaim"]) == {"16"} and set(rows["Tanggal mulai"]) == {"4 Agu 2025"}
    rejected = next(d.value for d in at.dataframe if "Alasan penolakan" in d.value.columns)
    assert rejected["Baris"].tolist() == [7] and "NIP tidak ada di data pegawai" in rejected["Alasan penolakan"][0]
    assert check_tables(at, "pratinjau pemetaan") == 4  # columns, preview rows, their rejects, history
    import ui

    con = ui.connection().cursor()
    assert con.execute("SELECT count(*) FROM pengembangan WHERE nama = 'Bimtek Penyusunan SKP'").fetchone()[0] == 0


def test_impor_pemetaan_saves_a_profile_that_later_imports_use(at):
    name, data = sleman_refused(at)
    mapping_select(at, name, "jp").set_value("Lama Pendidikan").run()
    at.text_input(key=f"pm|{name}|nama").set_value("Laporan Sleman").run()
    next(b for b in at.button if b.label == "Simpan profil dan impor").click().run()
    assert not at.exception and not at.error  # the refusal is replaced by the result
    assert not at.expander  # nothing left to map
    result = at.dataframe[0].value
    assert result[["Berkas", "Dimuat", "Profil pemetaan"]].values.tolist() == [[name, 5, "Laporan Sleman"]]
    notes = " ".join(i.value for i in at.info)
    assert "Laporan\\_Bangkom.xlsx" in notes and "kegiatan belum disetujui" in notes
    profiles = at.dataframe[1].value
    assert profiles["Nama profil"].tolist() == ["Laporan Sleman"] and profiles["Jenis data"][0] == "pengembangan"
    assert "JP = Lama Pendidikan" in profiles["Pemetaan"][0]
    assert check_tables(at, "profil pemetaan") == 3  # result, profiles, history
    # the same layout again: imported by the profile without asking (its rows are all stored already)
    at.file_uploader(key="unggah").set_value([(name, data, "application/octet-stream")]).run()
    next(b for b in at.button if b.label == "Impor").click().run()
    assert not at.exception and not at.error and not at.expander
    again = at.dataframe[0].value
    assert again[["Profil pemetaan", "Dibaca", "Tidak berubah"]].values.tolist() == [["Laporan Sleman", 5, 5]]
    # removed: listed no more, and the layout is refused (and offered for mapping) again
    at.selectbox(key="profil_pilih").set_value("Laporan Sleman").run()
    next(b for b in at.button if b.label == "Hapus profil").click().run()
    assert any("Profil **Laporan Sleman** dihapus" in s.value for s in at.success)
    assert any("Belum ada profil" in c.value for c in at.caption)
    import ui

    log = ui.connection().cursor().execute("SELECT aksi FROM audit WHERE aksi LIKE 'profil_impor%'").fetchall()
    assert [a for (a,) in log] == ["profil_impor_simpan", "profil_impor_hapus"]
    next(b for b in at.button if b.label == "Impor").click().run()
    assert any("jenis data tidak bisa ditentukan" in e.value for e in at.error) and at.expander


def test_every_chart_has_a_download_menu_and_images_are_audited(at, monkeypatch):
    """Each chart of a page has its 'Unduh grafik' menu; a PNG is the 16:9 slide at 2x, made when
    clicked, and the download is in the audit log (who, which chart, which filters)."""
    import struct

    from analytics import gambar

    files = capture_downloads(monkeypatch)
    at.switch_page("pages/kepatuhan_jp.py").run()
    assert not at.exception
    charts = at.get("plotly_chart")
    menus = [p for p in at.get("popover") if p.proto.popover.label == "Unduh grafik"]
    assert len(menus) == len(charts) > 5
    # and no other way out: plotly's own toolbar ("Download plot as a PNG", unaudited) is not drawn at all
    assert {c.proto.config for c in charts} == {'{"displayModeBar": false}'}
    format = "png" if gambar.browser() else "html"  # without Chromium the image is an offline HTML page
    image = files[f"kepatuhan_per_provinsi_2026.{format}"]()
    import ui

    ((pengguna, rincian, cakupan),) = ekspor_terakhir(ui.connection().cursor())
    provinces = len(pd.read_csv(io.BytesIO(files["kepatuhan_per_provinsi_2026.csv"]())))  # the bars drawn
    assert (pengguna, cakupan) == ("penguji", "nasional")
    assert rincian == {
        "laporan": "grafik:kepatuhan_per_provinsi",
        "peran": "admin",
        "lingkup": "Cakupan akun: Nasional · Filter: Tahun 2026",
        "filter": {"tahun": 2026},
        "baris": provinces,
        "format": format,
        "jalur": "dasbor",
    }
    if gambar.browser() is None:
        pytest.skip(
            "Chromium tidak terpasang: grafik diunduh sebagai HTML; ukuran PNG tidak diuji (apt-get install chromium)"
        )
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", image[16:24]) == (1920, 1080)


CHART_PAGES = [
    "pages/kepatuhan_jp.py",
    "pages/ringkasan.py",
    "pages/ipasn.py",
    "pages/smart_asn.py",
    "pages/simulasi_ipasn.py",
]


def chart_data(t, files: dict, page: str) -> dict[tuple[str, str], tuple[bytes, bytes]]:
    """On `page`: every 'Unduh grafik' menu offers 'Data (CSV)' and 'Data (XLSX)'; returns, per chart
    ((page, its file name)), the two files built as a click would build them."""
    from ui.unduh import _slug

    t.switch_page(page).run()
    assert not t.exception, page
    menus = [p for p in t.get("popover") if p.proto.popover.label == "Unduh grafik"]
    titles = list(charts(t))
    assert len(menus) == len(titles) > 0, page
    for menu in menus:
        labels = [b.label for b in menu.download_button]
        assert {"Data (CSV)", "Data (XLSX)"} <= set(labels), (page, labels)
    tahun = t.session_state["scope"].tahun
    out = {}
    for title in titles:
        name = f"{_slug(title)}_{tahun}"
        csv, xlsx = files[f"{name}.csv"], files[f"{name}.xlsx"]
        assert callable(csv) and callable(xlsx)  # built when clicked, like every download
        out[page, name] = (csv(), xlsx())
    return out


def read_chart_xlsx(data: bytes) -> tuple[list[str], dict, object]:
    """(headers, keterangan, the laporan sheet) of a chart's data workbook, checked: both sheets,
    human headers, numbers in numeric cells with a display format, text never a formula."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["laporan", "keterangan"]
    sheet = book["laporan"]
    headers = [c.value for c in sheet[1]]
    for h in headers:
        assert isinstance(h, str) and not INTERNAL.fullmatch(h) and "_" not in h, h
    numeric = 0
    for col in sheet.iter_cols(min_row=2):
        kinds = {c.data_type for c in col if c.value is not None}
        assert len(kinds) <= 1, (headers[col[0].column - 1], kinds)  # one column, one kind
        for c in col:
            if c.value is None:
                continue
            if c.data_type == "n":
                numeric += 1
                assert c.number_format != "General", headers[c.column - 1]
            else:
                assert c.data_type == "s" and c.value not in NOT_SHOWN, c.value
                assert not str(c.value).startswith(("=", "+", "-", "@")), c.value
    assert numeric > 0, headers  # a chart draws numbers
    info = {r[0].value: r[1].value for r in book["keterangan"].iter_rows(min_row=2)}
    assert list(info) == LABELS
    return headers, info, sheet


def test_every_chart_offers_its_data_as_csv_and_xlsx(at, monkeypatch):
    """Each chart's menu has its data: an XLSX with human headers, numbers as numbers, the keterangan
    sheet naming the chart; the same table as a CSV for people; every file audited as grafik_data."""
    files = capture_downloads(monkeypatch)
    built = {}
    for page in CHART_PAGES:
        built |= chart_data(at, files, page)
    assert len(built) >= 25
    for name, (csv, xlsx) in built.items():
        headers, info, sheet = read_chart_xlsx(xlsx)
        assert info["Laporan"].startswith("Data grafik: ") and info["Peran"] == "Admin (Biro SDM)", info
        assert info["Jumlah baris"] == sheet.max_row - 1
        table = pd.read_csv(io.StringIO(csv.decode("utf-8-sig")))
        assert list(table.columns) == headers and len(table) == sheet.max_row - 1, name
    # one chart in full: the province bars as they are drawn, the level naming the group columns
    check_xlsx(
        built["pages/kepatuhan_jp.py", "kepatuhan_per_provinsi_2026"][1],
        ["Kode", "Provinsi", "Pegawai", "% memenuhi 20 JP"],
        {"Kode", "Provinsi"},
    )
    headers, _, sheet = read_chart_xlsx(built["pages/kepatuhan_jp.py", "tren_kepatuhan_20_jp_s_d_30_sep_2026_2026"][1])
    assert headers == [
        "Tahun",
        "Pegawai",
        "Memenuhi 20 JP",
        "% memenuhi 20 JP",
        "% memenuhi 20 JP s.d. tanggal yang sama",
    ]
    assert sheet["A2"].value == 2020 and sheet["A2"].number_format == "0"  # a year, not 2.020
    import ui

    log = ekspor_terakhir(ui.connection().cursor(), 2 * len(built))  # every file built, each audited
    data = [r for _, r, _ in log]
    assert all(r["laporan"].startswith("grafik_data:") and r["jalur"] == "dasbor" for r in data)
    assert {d["format"] for d in data} == {"csv", "xlsx"}
    assert {"grafik_data:kepatuhan_per_provinsi", "grafik_data:kategori_ip_asn_2026"} <= {d["laporan"] for d in data}
    rows = {(r["laporan"], r["format"]): r["baris"] for r in data}
    sheet_rows = read_chart_xlsx(built["pages/kepatuhan_jp.py", "kepatuhan_per_provinsi_2026"][1])[2].max_row - 1
    assert rows["grafik_data:kepatuhan_per_provinsi", "xlsx"] == sheet_rows


def test_pimpinan_chart_data_has_no_person(app_env, monkeypatch):
    """A pimpinan takes every chart's data, and none of it names or identifies a person."""
    files = capture_downloads(monkeypatch)
    t = login(app_env, "demo-pimpinan")
    assert not t.exception
    built = {}
    for page in CHART_PAGES:
        built |= chart_data(t, files, page)
    assert len(built) >= 25
    for name, (csv, xlsx) in built.items():
        headers, info, _ = read_chart_xlsx(xlsx)
        assert not PERSON_COLUMNS & set(headers), (name, headers)
        assert info["Peran"] == "Pimpinan"
        table = pd.read_csv(io.StringIO(csv.decode("utf-8-sig")))
        assert not PERSON_COLUMNS & set(table.columns), (name, list(table.columns))


@pytest.mark.db_read_only
def test_chart_data_of_people_only_for_roles_that_see_people(app_env):
    """Handed a frame with a nip column, the chart menu offers its data to admin and unit roles and
    never to a pimpinan (the image stays for everyone)."""

    def app():
        import pandas as pd
        import plotly.graph_objects as go

        import ui

        fig = go.Figure(go.Bar(x=[1, 2], y=[3, 4])).update_layout(title="Uji")
        ui.grafik(fig, data=pd.DataFrame({"nip": ["198001012015011001", "198001012015011002"], "jp_total": [3, 4]}))
        ui.grafik(fig.update_layout(title="Uji agregat"), data=pd.DataFrame({"tahun": [2025], "pegawai": [7]}))

    from analytics.filters import Scope

    for peran, boleh in (("admin", True), ("unit", True), ("pimpinan", False)):
        t = AppTest.from_function(app)
        t.session_state["scope"] = Scope(tahun=2026, akses=Akses(peran=peran, nasional=True, pengguna="uji"))
        t.run()
        assert not t.exception
        orang, agregat = (
            [b.label for b in p.download_button] for p in t.get("popover") if p.proto.popover.label == "Unduh grafik"
        )
        assert ("Data (XLSX)" in orang and "Data (CSV)" in orang) == boleh, (peran, orang)
        assert len(orang) >= 1 + 2 * boleh  # the image formats stay
        assert {"Data (CSV)", "Data (XLSX)"} <= set(agregat), peran


def test_briefing_button_on_a_page_builds_three_files_and_audits_each_download(at, monkeypatch):
    """The sidebar's button on any page: a progress bar, then PDF, PPTX and XLSX for the filters, named
    for the scope and the date; each download is in the audit log when clicked."""
    from datetime import date

    import ui
    from tests.test_briefing import pdf_text

    files = capture_downloads(monkeypatch)
    at.switch_page("pages/ipasn.py").run()
    assert not at.exception
    at.selectbox(key="provinsi").set_value("35").run()
    next(b for b in at.button if b.label == "Buat paket briefing").click().run(timeout=240)
    assert not at.exception
    today = date.today().isoformat()
    names = sorted(n for n in files if n.startswith("briefing_smartasn_"))
    assert names == [f"briefing_smartasn_2026_provinsi_jawa_timur_{today}.{f}" for f in ("pdf", "pptx", "xlsx")]
    pdf = files[names[0]]()  # built once, handed over (and audited) when clicked
    assert pdf.startswith(b"%PDF")
    assert "Provinsi Jawa Timur" in pdf_text(pdf)[1][0]
    ((pengguna, rincian, _),) = ekspor_terakhir(ui.connection().cursor())
    assert pengguna == "penguji" and rincian["baris"] > 0  # the rows of the pack's tables
    assert {k: v for k, v in rincian.items() if k != "baris"} == {
        "laporan": "briefing",
        "peran": "admin",
        "lingkup": "Cakupan akun: Nasional · Filter: Tahun 2026; Provinsi Jawa Timur",
        "filter": {"tahun": 2026, "provinsi_kode": "35"},
        "format": "pdf",
        "jalur": "dasbor",
    }
    assert ui.connection().cursor().execute("SELECT count(*) FROM audit WHERE aksi = 'ekspor'").fetchall() == [(1,)]
    # another filter: the files of the old scope are gone, the button is back
    at.selectbox(key="provinsi").set_value(None).run()
    assert any(b.label == "Buat paket briefing" for b in at.button)


def test_wilayah_page_map_click_filters_the_dashboard(at):
    """A click on a province tile sets the sidebar's province (and the URL follows); the page then shows
    its kabupaten/kota, its profile; the map and the bars keep every province the account may see."""
    at.switch_page("pages/wilayah.py").run()
    assert not at.exception
    charts = at.get("plotly_chart")
    assert len(charts) >= 2
    peta = json.loads(charts[0].proto.spec)
    tiles = next(t for t in peta["data"] if t.get("customdata"))
    assert len(tiles["customdata"]) == 38 and {c[0] for c in tiles["customdata"]} >= {"31", "34", "51", "93"}
    assert list(charts[0].proto.selection_mode)  # the map reports clicks (the browser test clicks it)
    assert charts[0].proto.config == '{"displayModeBar": false}'  # a clickable chart has no PNG button either
    at.session_state["provinsi"] = "34"  # what the click's callback sets (test_click_callbacks_set_filters)
    at.run()
    assert not at.exception
    assert at.selectbox(key="provinsi").value == "34"
    assert any("Kabupaten/kota di" in s.value for s in at.subheader)
    assert any(s.value.startswith("Profil:") for s in at.subheader)
    assert any(m.label.startswith("Rata-rata IP ASN") for m in at.metric)
    # compare: two provinces side by side on the same figures
    at.multiselect(key="banding_provinsi").set_value(["34", "51"]).run()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    banding = next(sp for sp in specs if "Perbandingan" in sp["layout"]["title"]["text"])
    assert [t["name"] for t in banding["data"]] == ["Daerah Istimewa Yogyakarta", "Bali"]


@pytest.mark.db_read_only
def test_wilayah_and_unit_pages_say_data_kurang_for_a_trait_under_the_minimum_coverage(at):
    """The map metric 'Wawasan global' (international and language data: ~10% coverage in the demo):
    every province grey with 'data kurang', none ranked; its kab/kota table shows the coverage and says
    why values are blank; the unit tree says the same."""
    at.switch_page("pages/wilayah.py").run()
    at.selectbox(key="wilayah_metrik").set_value("atribut_wawasan_global").run()
    assert not at.exception
    peta, bar = (json.loads(c.proto.spec) for c in at.get("plotly_chart")[:2])
    assert peta["layout"]["title"]["text"] == "Skor atribut Wawasan global, per 30 Sep 2026"
    tiles = next(t for t in peta["data"] if t.get("customdata"))
    assert all(c[2].startswith("data kurang (cakupan ") for c in tiles["customdata"])
    assert all(t.startswith("data kurang (cakupan ") for t in bar["data"][0]["text"])
    at.session_state["provinsi"] = "34"
    at.run()
    assert not at.exception
    assert any("data kurang, bukan skor, dan tidak diberi peringkat" in c.value for c in at.caption)
    table = next(d.value for d in at.dataframe if "Cakupan data" in d.value.columns)
    assert table["Peringkat"].isna().all()
    at.switch_page("pages/unit.py").run()
    at.selectbox(key="unit_metrik").set_value("atribut_wawasan_global").run()
    assert not at.exception
    import ui
    from analytics import wilayah
    from analytics.filters import Scope
    from analytics.rules import load_rules

    tree = wilayah.pohon(
        ui.connection(),
        scope=Scope(tahun=2026, provinsi_kode="34", akses=PENUH),
        rules=load_rules(),
        metrik="atribut_wawasan_global",
    )
    texts = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["text"][1:]
    assert len(texts) == len(tree) and (tree["cakupan"] < 50).sum() >= len(tree) - 2
    for teks, c in zip(texts, tree["cakupan"]):  # a node on under 50% coverage says so (a tiny agency may not)
        assert teks.startswith("data kurang (cakupan ") == (c < 50), (teks, c)


def test_unit_page_tree_table_drill_and_profile(at):
    at.switch_page("pages/unit.py").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 1 and any(s.value == "Instansi" for s in at.subheader)
    import ui
    from analytics import wilayah
    from analytics.filters import Scope
    from analytics.rules import load_rules

    tree = wilayah.pohon(ui.connection(), scope=Scope(tahun=2026, akses=PENUH), rules=load_rules())
    inst = int(tree[tree["tingkat"] == 1].sort_values("pegawai").iloc[-1]["id"].split(":")[1])
    ui.atur_filter("instansi", inst)  # what the row click's callback does
    at.session_state["instansi"] = inst
    at.run()
    assert not at.exception
    assert any(s.value == "Unit di bawahnya" for s in at.subheader)
    assert any(s.value.startswith("Profil:") for s in at.subheader)


def test_click_callbacks_set_filters_and_clear_the_ones_below(monkeypatch):
    """A clicked tile, bar or row sets its filter and clears the finer ones (a province clears the
    kabupaten/kota, agency and unit), through the callbacks the charts and tables are drawn with."""
    from types import SimpleNamespace

    import ui.wilayah as w

    state = {"kabkota": "3401", "instansi": 5, "unor": 7}
    monkeypatch.setattr(w.st, "session_state", state)
    state["peta"] = SimpleNamespace(selection={"points": [{"customdata": ["34", "DIY", "41,4%"]}]})
    w.klik("peta", "provinsi")()
    assert (state["provinsi"], state["kabkota"], state["instansi"], state["unor"]) == ("34", None, None, None)
    state["tabel"] = SimpleNamespace(selection={"rows": [1]})
    w.klik_baris("tabel", pd.DataFrame({"kode": ["10", "11"]}), "instansi", int)()
    assert state["instansi"] == 11 and state["unor"] is None
    state["kosong"] = SimpleNamespace(selection={"points": []})
    w.klik("kosong", "provinsi")()  # a click on empty space changes nothing
    assert state["provinsi"] == "34"


def test_sidebar_names_the_active_filters_and_clears_them(at):
    at.session_state["provinsi"] = "34"
    at.run()
    assert any(c.value.startswith("Filter aktif: Daerah Istimewa Yogyakarta") for c in at.sidebar.caption)
    next(b for b in at.sidebar.button if b.label == "Hapus filter wilayah dan unit").click().run()
    assert not at.exception
    assert at.selectbox(key="provinsi").value is None and not any(
        c.value.startswith("Filter aktif") for c in at.sidebar.caption
    )
