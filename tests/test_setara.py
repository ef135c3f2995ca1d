"""Like for like: a running year is compared with the same day of the year before (figures that accumulate
over the year: JP, compliance, activities) or with the last day of the year before (scores as of a date:
IP ASN, Smart ASN, each over a look-back window of the same length), and every label says which. On a
data set where nothing changes from year to year every comparison shows no change, at any reference date."""

from __future__ import annotations

import json
import re
from datetime import date

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analytics import charts, charts_jp, dimensions, fmt, ipasn, jp, kalimat, overview, smart, wilayah
from analytics.briefing.isi import isi
from analytics.filters import Scope
from analytics.privacy import PENUH, Akses
from analytics.rules import load_rules
from tests.conftest import add_session_accounts, point_app_at
from tests.steady import steady_db

RULES = load_rules()
REFS = [date(2026, 2, 28), date(2026, 3, 15), date(2026, 9, 30), date(2026, 12, 31)]  # leap day, mid-month, demo, whole


@pytest.fixture(scope="module", params=REFS, ids=str)
def steady(request, tmp_path_factory):
    ref = request.param
    con = steady_db(tmp_path_factory.mktemp("tetap") / "tetap.duckdb", ref)
    yield con, ref
    con.close()


def test_every_comparison_shows_no_change(steady):
    con, ref = steady
    s = Scope(tahun=ref.year, akses=PENUH)
    for metrik in wilayah.METRIK:
        for by in ("provinsi", "kabkota", "instansi", "unor", "jenis_jabatan"):
            d = wilayah.per_kelompok(con, scope=s, rules=RULES, by=by, metrik=metrik)
            assert d["nilai"].notna().any() and d["lalu"].notna().any(), (metrik, by)
            assert np.allclose(d["selisih"].dropna(), 0), (metrik, by, d.to_dict("records"))
        for pohon in (
            wilayah.pohon(con, scope=s, rules=RULES, metrik=metrik),
            wilayah.pohon(con, scope=Scope(tahun=ref.year, instansi_id=2, akses=PENUH), rules=RULES, metrik=metrik),
        ):
            assert len(pohon) and np.allclose(pohon["selisih"].dropna(), 0), (metrik, pohon.to_dict("records"))


def test_running_year_notes_equal_its_value(steady):
    """The KPI notes (the year before, like for like) read exactly the value of the running year."""
    con, ref = steady
    s = Scope(tahun=ref.year, akses=PENUH)
    lalu = dimensions.tahun_lalu(ref.year, ref)
    t = jp.tren(con, scope=s, rules=RULES).set_index("tahun", drop=False)
    keg = overview.kegiatan_tahunan(con, scope=s, sampai=ref.year).set_index("tahun", drop=False)
    ip = ipasn.tren(con, scope=s).set_index("tahun", drop=False)
    sm = smart.tren(con, scope=s, rules=RULES).set_index("tahun", drop=False)
    for frame, kolom, teks, akumulasi in (
        (t, "persen_memenuhi", fmt.persen, True),
        (keg, "kegiatan", fmt.angka, True),
        (keg, "jp_klaim", fmt.angka, True),
        (keg, "persen_belajar", fmt.persen, True),
        (ip, "rata_ipasn", lambda v: fmt.angka(v, 1), False),
        (sm, "indeks", lambda v: fmt.angka(v, 1), False),
        (sm, "persen_siap", fmt.persen, False),
    ):
        now = teks(frame.loc[ref.year, kolom])
        note = lalu.catatan(frame.reset_index(drop=True), kolom, teks, akumulasi)
        assert note.startswith(now + " "), (kolom, now, note)
    if ref.month == 12 and ref.day == 31:  # a whole year is compared with the whole year before
        assert lalu.sampai is None and note.endswith(f"pada {ref.year - 1}")
    else:
        when = fmt.tanggal(dimensions.batas(ref.year - 1, ref))
        assert lalu.catatan(t.reset_index(drop=True), "persen_memenuhi", fmt.persen).endswith(f"s.d. {when}")
        assert lalu.catatan(ip.reset_index(drop=True), "rata_ipasn", str, akumulasi=False).endswith("per 31 Des 2025")
        # the defect: the whole of last year is a different figure from last year to this day
        assert t.loc[ref.year - 1, "persen_memenuhi"] != t.loc[ref.year - 1, "persen_memenuhi_sd"]


def test_summary_sentences_say_no_change(steady):
    con, ref = steady
    sentences = [k.teks for k in kalimat.ringkasan(con, scope=Scope(tahun=ref.year, akses=PENUH), rules=RULES, ref=ref)]
    whole = ref.month == 12 and ref.day == 31
    hari = fmt.tanggal(dimensions.batas(ref.year - 1, ref))
    jp_words = f"sama dengan {ref.year - 1}" if whole else f"tidak berubah dibanding s.d. {hari}"
    assert jp_words in sentences[0], sentences[0]
    ip = next(k for k in sentences if k.startswith("Rata-rata IP ASN"))
    assert ("sama dengan 2025" if whole else "tidak berubah dibanding 31 Des 2025") in ip, ip
    assert not any(w in " ".join(sentences) for w in ("naik", "turun")), sentences


def test_trend_charts_draw_the_running_year_beside_the_same_part_of_other_years(steady):
    con, ref = steady
    s = Scope(tahun=ref.year, akses=PENUH)
    lalu = dimensions.tahun_lalu(ref.year, ref)
    fig = charts_jp.tren(jp.tren(con, scope=s, rules=RULES), ref.year, "t", sampai=lalu.sampai)
    keg = charts.tren_kegiatan(overview.kegiatan_tahunan(con, scope=s, sampai=ref.year), ref.year, "t",
                               sampai=lalu.sampai)  # fmt: skip
    if lalu.sampai is None:  # a whole year: one line of whole years
        assert len(fig.data) == 1 and len(set(np.round(fig.data[0].y, 9))) == 1
        return
    penuh, sd = fig.data
    hari = f"{ref.day} {fmt.BULAN[ref.month - 1]}"
    assert penuh.name == "setahun penuh" and sd.name == f"s.d. {hari} tiap tahun"
    assert f"{ref.year}*" not in list(penuh.x) and list(sd.x)[-1] == f"{ref.year}*"
    assert len(set(np.round(sd.y, 9))) == 1 and len(set(np.round(penuh.y, 9))) == 1  # flat: nothing changed
    bars = [t for t in keg.data if t.type == "bar"]
    assert [b.name for b in bars] == [
        "Rata-rata JP diklaim per pegawai, setahun penuh",
        f"Rata-rata JP diklaim per pegawai s.d. {hari}",
    ]
    assert len(set(np.round(bars[1].y, 9))) == 1 and list(bars[1].x)[-1] == f"{ref.year}*"


def test_briefing_figures_and_sentences_compare_like_for_like(steady):
    con, ref = steady
    paket = isi(con, scope=Scope(tahun=ref.year, akses=PENUH), rules=RULES, ref=ref)
    tren = paket.gambar[0].fig
    assert all(len(set(np.round(t.y, 9))) == 1 for t in tren.data), [list(t.y) for t in tren.data]
    assert "naik" not in paket.kalimat[0].teks and "turun" not in paket.kalimat[0].teks


@pytest.fixture
def app_tetap(tmp_path, monkeypatch):
    ref = date(2026, 9, 30)
    con = steady_db(tmp_path / "tetap.duckdb", ref)
    add_session_accounts(con)  # the session below is re-read against its account on every run
    con.close()
    point_app_at(monkeypatch, tmp_path / "tetap.duckdb")
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["akses"] = Akses(peran="admin", nasional=True, pengguna="penguji")
    return at.run()


def _notes(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta) for m in at.metric}


def test_pages_show_no_change_and_say_what_they_compare(app_tetap):
    at = app_tetap
    assert not at.exception
    cards = _notes(at)  # Ringkasan
    for label in ("Kegiatan 2026 s.d. 30 Sep", "JP diklaim 2026 s.d. 30 Sep", "Ikut kegiatan 2026 s.d. 30 Sep",
                  "Memenuhi 20 JP 2026 s.d. 30 Sep"):  # fmt: skip
        value, note = cards[label]
        assert note == f"{value} s.d. 30 Sep 2025", (label, value, note)
    for label in ("Rata-rata IP ASN per 30 Sep 2026", "Indeks kesiapan"):
        value, note = cards[label]
        assert note.startswith(value + " ") and note.endswith("per 31 Des 2025"), (label, value, note)
    assert cards["Jumlah pegawai"][0] == "96"

    at.switch_page("pages/kepatuhan_jp.py").run()
    assert not at.exception
    value, note = _notes(at)["Memenuhi 20 JP, 2026 s.d. 30 Sep"]
    assert note == f"{value} s.d. 30 Sep 2025"
    captions = " ".join(c.value for c in at.caption)
    assert "2 pegawai tidak dihitung dalam 20 JP karena kedudukannya tidak dalam dinas aktif" in captions
    assert "1 pegawai dikreditkan 20 JP per semester" in captions

    at.switch_page("pages/wilayah.py").run()
    at.segmented_control(key="wilayah_lihat").set_value("selisih").run()
    assert not at.exception
    figures = {f["layout"]["title"]["text"]: f for f in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))}
    judul = "% memenuhi target JP, perubahan s.d. 30 Sep 2025 → s.d. 30 Sep 2026"
    assert judul in figures, list(figures)
    shown = [re.sub(r".*<b>|</b>|<br>", " ", t).split() for tr in figures[judul]["data"] for t in tr.get("text") or []]
    shown = [" ".join(w) for w in shown if "poin" in w]
    assert sorted(shown) == ["0,0 poin", "0,0 poin"], shown  # the two provinces of the data set

    at.switch_page("pages/unit.py").run()
    at.segmented_control(key="unit_lihat").set_value("selisih").run()
    assert not at.exception
    table = at.dataframe[0].value
    kolom = "Perubahan dibanding s.d. 30 Sep 2025 (poin)"
    assert kolom in table.columns and np.allclose(table[kolom].dropna().astype(float), 0), table
