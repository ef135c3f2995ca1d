"""Every figure tells the truth for every role: totals never depend on the grouping shown, one
small-cell rule (with complementary suppression) everywhere, reference lines labelled for what they
are, one rounding rule and one source for a figure shown twice, and no silent demo trap."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from analytics import accounts, charts_jp, db, dimensions, fmt, ipasn, jp, overview, privacy, smart, whatif
from analytics.demo import largest_instansi
from analytics.filters import Scope
from analytics.privacy import MIN_SEL, PENUH, Akses
from analytics.rules import load_rules
from tests.conftest import ROOT, SESSION_ACCOUNTS
from tests.test_app import ADMIN, login

YEAR = 2026
RULES = load_rules()


def metrics(t) -> list[tuple[str, str, str | None]]:
    return [(m.label, m.value, m.delta) for m in t.metric]


def charts(t) -> list[go.Figure]:
    return [pio.from_json(c.proto.spec, skip_invalid=True) for c in t.get("plotly_chart")]


def chart(t, title_part: str) -> go.Figure:
    return next(c for c in charts(t) if title_part in (c.layout.title.text or ""))


def values(v) -> list:
    """A trace array as a list (plotly's JSON packs numeric arrays as base64 typed arrays)."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"])).tolist()
    return list(v)


def annotations(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


# --- totals never depend on the grouping ------------------------------------------------------------

CHOOSERS = [
    ("pages/simulasi_ipasn.py", "sim_kelompok", ["unor", "provinsi", "instansi", "jenis_jabatan"]),
    ("pages/ipasn.py", "ipasn_kelompok", ["jenis_jabatan", "provinsi", "unor"]),
    ("pages/smart_asn.py", "smart_kelompok", ["unor", "instansi", "provinsi"]),
]


# a sign-in writes its audit entry: only the admin case, put in the session directly, reads alone
@pytest.mark.parametrize(
    "account", ["demo-pimpinan", "demo-unit", pytest.param("admin", marks=pytest.mark.db_read_only)]
)
def test_headline_figures_do_not_change_with_the_grouping(app_env, account):
    if account == "admin":
        t = AppTest.from_file("../app.py", default_timeout=120)
        t.session_state["akses"] = ADMIN
        t.run()
    else:
        t = login(app_env, account)
    for page, key, choices in CHOOSERS:
        t.switch_page(page).run()
        seen = {}
        for choice in choices:
            t.segmented_control(key=key).set_value(choice).run()
            assert not t.exception, (account, page, choice)
            seen[choice] = metrics(t)
        first = seen[choices[0]]
        assert first, (account, page)
        for choice, values in seen.items():
            assert values == first, (account, page, choice)


def unit_scope(con) -> Scope:
    return Scope(tahun=YEAR, akses=Akses(peran="unit", instansi_ids=(largest_instansi(con),), pengguna="op"))


def test_simulation_total_is_the_unsuppressed_sum(demo_con):
    """The page's headline = simulasi by 'nasional' = the sum of the unsuppressed groups, while the
    suppressed per-unit rows a unit operator sees would add up to less."""
    s = unit_scope(demo_con)
    same_as_admin = Scope(tahun=YEAR, instansi_id=largest_instansi(demo_con), akses=PENUH)
    whole = whatif.simulasi(demo_con, scope=s, rules=RULES, tuas="teknis", by="nasional").iloc[0]
    raw = whatif.total_simulasi(whatif.simulasi(demo_con, scope=same_as_admin, rules=RULES, tuas="teknis", by="unor"))
    shown = whatif.simulasi(demo_con, scope=s, rules=RULES, tuas="teknis", by="unor")
    for col in ("pegawai", "lengkap_awal", "lengkap_baru", "orang", "jumlah_awal", "sangat_tinggi_baru"):
        assert whole[col] == pytest.approx(raw[col]), col
    assert shown["pegawai"].isna().any(), "the fixture needs a unit under the small-cell limit"
    assert shown["pegawai"].sum() < whole["pegawai"]
    # the page's one call: the whole selection from the same re-scoring, the groups suppressed as before
    both = whatif.simulasi(demo_con, scope=s, rules=RULES, tuas="teknis", by="unor", total=True)
    assert both["semua"].tolist() == [True] + [False] * len(shown)
    pd.testing.assert_frame_equal(both.iloc[1:].drop(columns="semua").reset_index(drop=True), shown)
    for col in ("pegawai", "lengkap_awal", "lengkap_baru", "orang", "jumlah_awal", "sangat_tinggi_baru", "rata_baru"):
        assert both.iloc[0][col] == pytest.approx(whole[col]), col


# --- one small-cell rule, with complementary suppression ---------------------------------------------


def test_suppression_blanks_a_second_cell_when_one_would_be_derivable():
    unit = Akses(peran="unit", instansi_ids=(1,))
    df = pd.DataFrame({"kode": list("abcd"), "nama": list("ABCD"), "pegawai": [3, 40, 12, 90], "ok": [True] * 4})
    out = privacy.suppress_small(df, unit)
    assert out["pegawai"].isna().tolist() == [True, False, True, False]  # 3 small, 12 the next smallest
    assert out["nama"].tolist() == list("ABCD")
    two_small = privacy.suppress_small(df.assign(pegawai=[3, 4, 12, 90]), unit)
    assert two_small["pegawai"].isna().tolist() == [True, True, False, False]  # already two: no more
    parts = pd.DataFrame({"dimensi": ["x", "x", "y", "y"], "jumlah": [2, 50, 30, 40]})
    out = privacy.suppress_small(parts, unit, count="jumlah", within="dimensi")
    assert out["jumlah"].isna().tolist() == [True, True, False, False]  # complement within its breakdown
    assert privacy.suppress_small(df, ADMIN).equals(df)


GROUP_FUNCTIONS = [
    ("jp", lambda con, s, by: jp.per_kelompok(con, scope=s, rules=RULES, by=by), "pegawai"),
    ("ipasn", lambda con, s, by: ipasn.per_kelompok(con, scope=s, by=by), "pegawai"),
    ("smart", lambda con, s, by: smart.per_kelompok(con, scope=s, by=by), "pegawai"),
    ("simulasi", lambda con, s, by: whatif.simulasi(con, scope=s, rules=RULES, tuas="teknis", by=by), "pegawai"),
]


@pytest.mark.parametrize("name,fn,count", GROUP_FUNCTIONS, ids=[g[0] for g in GROUP_FUNCTIONS])
@pytest.mark.parametrize("by", ["unor", "provinsi", "jenis_jabatan", "golongan"])
def test_one_small_cell_rule_for_every_group_figure(demo_con, name, fn, count, by):
    if by == "golongan" and name != "jp":
        pytest.skip("golongan is a 20 JP grouping only")
    df = fn(demo_con, unit_scope(demo_con), by)
    shown = df[df[count].notna()]
    assert (shown[count] >= MIN_SEL).all(), (name, by)
    assert df[count].isna().sum() != 1, (name, by)  # a lone blank is derivable from the total
    blank = df[df[count].isna()].drop(columns=["kode", "nama"])
    assert blank.isna().all().all(), (name, by)  # no figure of a blanked group survives


def test_composition_follows_the_same_rule(demo_con):
    """Ringkasan's composition bars ('Jabatan Pimpinan Tinggi 2 (0,0%)' for a unit operator)."""
    s = unit_scope(demo_con)
    df = overview.komposisi(demo_con, scope=s)
    full = overview.komposisi(demo_con, scope=Scope(tahun=YEAR, instansi_id=largest_instansi(demo_con), akses=PENUH))
    small = full[full["jumlah"] < MIN_SEL]
    assert len(small), "the fixture needs a small category"
    merged = df.merge(small[["dimensi", "kategori"]], on=["dimensi", "kategori"])
    assert merged["jumlah"].isna().all() and merged["persen"].isna().all()
    for _, part in df.groupby("dimensi"):
        assert part["jumlah"].isna().sum() != 1
    assert full["jumlah"].notna().all()  # admins see every category


def test_unit_operator_sees_no_small_category_on_ringkasan(app_env):
    t = login(app_env, "demo-unit")
    assert not t.exception
    fig = chart(t, "Jenis jabatan")
    texts = dict(zip(values(fig.data[0].y), values(fig.data[0].text)))
    counts = [x for x in values(fig.data[0].x) if not pd.isna(x)]
    assert all(c >= MIN_SEL for c in counts), texts
    assert not any(t_.startswith(("1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 ")) for t_ in texts.values())


# --- reference lines labelled for what they are -------------------------------------------------------


def test_reference_lines_say_what_they_are(app_env, demo_con):
    t = login(app_env, "demo-unit")
    t.switch_page("pages/kepatuhan_jp.py").run()
    assert not t.exception
    own = annotations(chart(t, "Kepatuhan per provinsi"))
    assert own and not any("nasional" in a for a in own), own  # the agency's own figure is not national
    assert any(a.startswith("cakupan akun") for a in own)
    kpi = next(m.value for m in t.metric if m.label.startswith("Memenuhi"))
    assert any(kpi in a for a in own)

    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = ADMIN
    t.run()
    t.switch_page("pages/kepatuhan_jp.py").run()
    national = next(m.value for m in t.metric if m.label.startswith("Memenuhi"))
    assert annotations(chart(t, "Kepatuhan per provinsi")) == [f"nasional {national}"]
    t.selectbox(key="provinsi").set_value("35").run()
    jatim = next(m.value for m in t.metric if m.label.startswith("Memenuhi"))
    lines = annotations(chart(t, "Jenis kelamin"))
    assert f"pilihan filter {jatim}" in lines and f"nasional {national}" in lines


# --- one rounding rule, one source ---------------------------------------------------------------------


def test_group_and_trend_give_the_same_share(demo_con):
    """The KPI (per_kelompok) and the trend (tren) are the same number, unrounded, for every year."""
    trend = jp.tren(demo_con, scope=Scope(akses=PENUH), rules=RULES).set_index("tahun")
    for year, row in trend.iterrows():
        nas = jp.per_kelompok(demo_con, scope=Scope(tahun=int(year), akses=PENUH), rules=RULES, by="nasional").iloc[0]
        assert nas["persen_memenuhi"] == row["persen_memenuhi"], year


def test_kpi_text_equals_trend_label():
    """Shares m/n where naive rounding and ours differ (43,15 → 43,2): the trend chart's label is
    the text the KPI shows, for each of them."""
    tricky = [
        100.0 * m / n
        for n in range(1, 301)
        for m in range(n + 1)
        if f"{100.0 * m / n:.1f}".replace(".", ",") + "%" != fmt.persen(100.0 * m / n)
    ][:70]
    assert len(tricky) == 70
    for start in range(0, len(tricky), 7):  # seven years a chart, as on the page
        part = tricky[start : start + 7]
        fig = charts_jp.tren(pd.DataFrame({"tahun": range(2020, 2020 + len(part)), "persen_memenuhi": part}), None, "t")
        assert list(fig.data[0].text) == [fmt.persen(v) for v in part]
    assert fmt.persen(43.15) == "43,2%" and fmt.persen(43.15 / 100 * 100) == "43,2%"


@pytest.mark.db_read_only
def test_kepatuhan_kpi_and_trend_agree(app_env):
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = ADMIN
    t.run()
    t.switch_page("pages/kepatuhan_jp.py").run()
    for year in (2025, 2023):
        t.selectbox(key="tahun").set_value(year).run()
        kpi = next(m.value for m in t.metric if m.label.startswith("Memenuhi"))
        fig = chart(t, "Tren kepatuhan")
        labels = dict(zip(values(fig.data[0].x), values(fig.data[0].text)))
        assert labels[str(year)] == kpi, year


# --- the demo trap -------------------------------------------------------------------------------------


def set_testers_active(path, aktif: bool) -> None:
    """Switch the app copy's own test accounts (conftest.SESSION_ACCOUNTS) off or on again: with them off
    the demo's admin is the only one, as in a fresh demo database."""
    con = db.connect(path)
    try:
        for nama in SESSION_ACCOUNTS:
            accounts.set_active(con, nama, aktif)
    finally:
        con.close()


def test_first_real_import_warns_before_it_happens(app_env):
    set_testers_active(app_env, False)
    t = login(app_env, "demo-admin")
    t.switch_page("pages/impor.py").run()
    assert not t.exception
    warning = " ".join(w.value for w in t.warning)
    assert "menonaktifkan semua akun demo" in warning and "user add" in warning
    assert "Belum ada admin selain akun demo" in warning  # nobody could sign in afterwards
    assert t.checkbox(key="impor_setuju").value is False


def test_import_switches_demo_off_and_the_stamp_follows(app_env, tmp_path):
    from tests.importdata import PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

    src = write_csv(tmp_path / "pegawai.csv", PEGAWAI_HEADER, PEGAWAI_ROWS[:1])
    set_testers_active(app_env, False)
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(src), "--db", str(app_env)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "akun demo dinonaktifkan" in out.stderr and "user add" in out.stderr
    con = db.connect(app_env, read_only=True)
    try:
        assert db.get_meta(con)["sumber"] == "campuran"
        assert accounts.demo_accounts_active(con) == 0
    finally:
        con.close()
    set_testers_active(app_env, True)  # the admin who made their own account, as the warning said
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = ADMIN
    t.run()
    assert not t.exception
    assert any("bercampur data impor" in c.value for c in t.sidebar.caption)


# --- waits with feedback, and the README's address -----------------------------------------------------


def test_run_command_says_what_it_does_and_where():
    script = (ROOT / "manage.sh").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "Memasang paket Python" in script and "--quiet -r" not in script  # pip shows each package
    assert "--server.port 8501" in script and "http://localhost:8501" in script
    assert "http://localhost:8501" in readme


@pytest.mark.db_read_only
def test_the_same_figure_reads_the_same_everywhere(app_env, demo_con):
    """The national IP ASN mean of the running year: the same text on the KPI cards of Ringkasan and IP
    ASN, on the trend chart's point, in the briefing's sentence and in an export's display."""
    from analytics import kalimat, kolom, report

    mean = demo_con.execute(
        "SELECT sum(total) FILTER (WHERE lengkap) / count(*) FILTER (WHERE lengkap) FROM ipasn_pegawai_tahun "
        "WHERE tahun = 2026"
    ).fetchone()[0]
    want = fmt.indeks(mean)
    assert "," in want and len(want.split(",")[1]) == 1
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["akses"] = ADMIN
    at.run()
    card = next(m for m in at.metric if m.label.startswith("Rata-rata IP ASN"))
    assert card.value == want
    tren = next(json.loads(c.proto.spec) for c in at.get("plotly_chart") if "IP ASN per tahun" in c.proto.spec)
    line = next(t for t in tren["data"] if t.get("mode", "").startswith("lines"))
    assert line["text"][-1] == want  # the 2026 point
    at.switch_page("pages/ipasn.py").run()
    assert next(m for m in at.metric if m.label.startswith("Rata-rata IP ASN")).value == want
    rules = load_rules()
    ref = dimensions.reference_date(demo_con)
    sentences = kalimat.ringkasan(demo_con, scope=Scope(tahun=2026, akses=PENUH), rules=rules, ref=ref)
    assert f"Rata-rata IP ASN per 30 Sep 2026: {want} " in " ".join(k.teks for k in sentences)
    row = report.report_ipasn(demo_con, scope=Scope(tahun=2026, akses=PENUH), by="nasional", rules=rules).iloc[0]
    assert kolom.kolom("rata_ipasn").teks(row["rata_ipasn"]) == want
