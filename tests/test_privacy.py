"""The privacy rules on their edges: a group of exactly the small-cell minimum, one under and one over
(for a breakdown and for the total counted before blanking)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from analytics import build, db, overview, privacy
from analytics.filters import Scope
from tests.fixtures import small_db

UNIT = privacy.Akses(peran="unit", instansi_ids=(1,), pengguna="op")
ADMIN = privacy.PENUH


def test_the_minimum_is_ten():
    """The literal expectations below are written for the default SMARTASN_MIN_SEL."""
    assert privacy.MIN_SEL == 10


def blanked(counts: list[int], akses: privacy.Akses = UNIT) -> list[bool]:
    df = pd.DataFrame({"kode": [str(i) for i in range(len(counts))], "pegawai": counts, "persen": [50.0] * len(counts)})
    out = privacy.suppress_small(df, akses)
    assert (out["pegawai"].isna() == out["persen"].isna()).all()  # a blanked group loses every figure
    return out["pegawai"].isna().tolist()


@pytest.mark.parametrize(
    "counts,expected",
    [
        ([9], [True]),  # one group (a total): under the minimum, blank
        ([10], [False]),  # exactly the minimum is shown
        ([11], [False]),
        ([10, 11, 50], [False, False, False]),  # no group under the minimum: nothing blank
        ([9, 11, 50], [True, True, False]),  # 9 blank, and 11 (the next smallest) so 9 is not total - rest
        ([9, 10, 50], [True, True, False]),
        ([8, 9, 10, 11], [True, True, False, False]),  # two blank already: 10 and 11 stay
    ],
)
def test_small_cells_on_the_boundary(counts, expected):
    assert blanked(counts) == expected


def test_admin_sees_every_group_on_the_boundary():
    assert blanked([9, 10, 11], ADMIN) == [False, False, False]


# --- the head count: counted before blanking, then shown or blanked whole -----------------------------

# unit id -> (PNS, PPPK) employees; one agency, each unit its own root
UNITS = {31: (9, 0), 32: (10, 0), 33: (11, 0), 34: (11, 9), 35: (11, 10), 36: (11, 11)}


@pytest.fixture(scope="module")
def units_path(tmp_path_factory):
    """A database file (closed) with the agency of UNITS, its summaries built."""
    path = tmp_path_factory.mktemp("sel") / "units.duckdb"
    con = db.connect(path)
    con.execute("INSERT INTO instansi VALUES (1, 'Kementerian Contoh', 'pusat', NULL, NULL)")
    key = 0
    for unor, (pns, pppk) in UNITS.items():
        con.execute("INSERT INTO unor VALUES (?, ?, ?, 1, NULL, 1, '31.71')", [unor, f"U{unor}", f"Unit {unor}"])
        for jenis in ["PNS"] * pns + ["PPPK"] * pppk:
            key += 1
            nip = f"19800101201501{1 + key % 2}{key:03d}"
            con.execute(
                "INSERT INTO pegawai VALUES (?, ?, ?, ?, ?, ?, ?, 31, 'pelaksana', NULL, 'x', 40, ?, 1, '31.71', '31', "
                "'Aktif', 0, NULL, NULL)",
                [key, nip, f"Pegawai {key}", date(1980, 1, 1), "LP"[key % 2], jenis, date(2015, 1, 1), unor],
            )
    build.refresh(con)
    con.close()
    return path


@pytest.fixture(scope="module")
def units_db(units_path):
    con = db.connect(units_path, read_only=True)
    yield con
    con.close()


def head_count(con, unor: int, akses: privacy.Akses) -> tuple:
    row = overview.jumlah_pegawai(con, scope=Scope(tahun=2025, unor_id=unor, akses=akses)).iloc[0]
    return tuple(None if math.isnan(v) else int(v) for v in row[["pegawai", "pns", "pppk"]])


@pytest.mark.parametrize(
    "unor,expected",
    [
        (31, (None, None, None)),  # 9 staff: the whole row blank
        (32, (10, None, None)),  # exactly 10: the total shown; the split blank (0 PPPK is under 10)
        (33, (11, None, None)),
        (34, (20, None, None)),  # 9 PPPK: both parts blank, so neither follows from the total
        (35, (21, 11, 10)),  # exactly 10 PPPK: the split shown
        (36, (22, 11, 11)),
    ],
)
def test_head_count_on_the_boundary(units_db, unor, expected):
    assert head_count(units_db, unor, UNIT) == expected


def test_admin_head_count_is_never_blank(units_db):
    assert head_count(units_db, 31, ADMIN) == (9, 9, 0)
    assert head_count(units_db, 34, ADMIN) == (20, 11, 9)


@pytest.mark.parametrize("unor,refused", [(31, True), (32, False), (33, False)])
def test_briefing_pack_refused_under_the_minimum_only(units_db, unor, refused):
    from analytics import briefing
    from analytics.rules import load_rules

    scope = Scope(tahun=2025, unor_id=unor, akses=UNIT)
    try:
        paket = briefing.isi(units_db, scope=scope, rules=load_rules(), ref=date(2025, 12, 31))
    except briefing.TerlaluKecil as exc:
        assert refused and "kurang dari 10 pegawai" in str(exc)
    else:
        assert not refused and paket.gambar


def _figures_or_guard():
    """A page under the dashboard's guard: its figure only when the guard lets the run go on."""
    import streamlit as st

    import ui

    ui.guard_small_selection(st.session_state["scope"])
    st.metric("Pegawai", 1)


@pytest.mark.parametrize("unor,shown", [(31, False), (32, True), (33, True)])
def test_dashboard_guard_on_the_boundary(units_path, tmp_path, monkeypatch, unor, shown):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import point_app_at

    copy = tmp_path / "app.duckdb"
    copy.write_bytes(units_path.read_bytes())
    point_app_at(monkeypatch, copy)
    t = AppTest.from_function(_figures_or_guard)
    t.session_state["scope"] = Scope(tahun=2025, unor_id=unor, akses=UNIT)
    t.run()
    assert not t.exception
    assert len(t.metric) == int(shown)
    assert any("kurang dari 10 pegawai" in i.value for i in t.info) != shown


# --- the NIP mask: birth date and serial stay, the appointment date and the sex digit never show ------


@pytest.mark.parametrize(
    "nip,masked",
    [
        ("198609262015051001", "19860926*******001"),  # PNS: 19860926 · 201505 (TMT CPNS) · 1 (male) · 001
        ("198609262015052001", "19860926*******001"),  # the same, a woman: nothing tells them apart
        ("199505052026212007", "19950505*******007"),  # PPPK: 19950505 · 2026 · 21 · 2 (female) · 007
    ],
)
def test_mask_nip_literal(nip, masked):
    assert privacy.mask_nip(nip) == masked


@pytest.mark.parametrize("value", ["19860926201505100", "1986092620150510011", "19860926 201505 1 001", "1.98609E+17"])
def test_mask_nip_hides_a_value_of_any_other_shape_whole(value):
    """Not 18 characters: no layout to keep parts of, so nothing of it shows (the importer refuses such
    NIPs; a value that got in some other way is still not shown)."""
    assert privacy.mask_nip(value) == "*" * len(value)


def test_mask_nip_leaves_a_missing_value_missing():
    assert privacy.mask_nip(None) is None


def test_rows_for_a_unit_operator_carry_the_mask_and_the_admin_sees_the_nip():
    df = pd.DataFrame({"nip": ["198609262015052001", "199505052026212007"], "nama": ["A", "B"]})
    assert privacy.protect_rows(df, UNIT)["nip"].tolist() == ["19860926*******001", "19950505*******007"]
    assert privacy.protect_rows(df, ADMIN)["nip"].tolist() == ["198609262015052001", "199505052026212007"]
    with pytest.raises(privacy.Forbidden):
        privacy.protect_rows(df, privacy.Akses(peran="pimpinan", nasional=True))


# --- denied by default: a query handed no access sees nothing ------------------------------------------


def test_a_scope_given_no_access_sees_nothing():
    from analytics import ipasn, jp, options, smart
    from analytics.rules import load_rules

    rules = load_rules()
    con = small_db()
    nobody = Scope(tahun=2025)  # denied by default: no access on purpose
    assert nobody.akses == privacy.TANPA and nobody.akses.kosong and not nobody.akses.pribadi
    assert nobody.where("p") == ("TRUE AND FALSE", {})
    assert overview.jumlah(con, scope=nobody) == 0
    for by in ("nasional", "provinsi", "unor"):
        assert jp.per_kelompok(con, scope=nobody, rules=rules, by=by)["pegawai"].fillna(0).sum() == 0, by
        assert ipasn.per_kelompok(con, scope=nobody, by=by)["pegawai"].fillna(0).sum() == 0, by
        assert smart.per_kelompok(con, scope=nobody, by=by)["pegawai"].fillna(0).sum() == 0, by
    with pytest.raises(privacy.Forbidden):
        jp.per_pegawai(con, scope=nobody, rules=rules, ref=date(2025, 12, 31))
    assert options.provinsi(con, akses=nobody.akses).empty
    # the same question asked with the machine's access: five employees, four in post in 2025
    admin = Scope(tahun=2025, akses=ADMIN)
    assert overview.jumlah(con, scope=admin) == 4
    assert jp.per_kelompok(con, scope=admin, rules=rules, by="nasional")["pegawai"].sum() == 4
