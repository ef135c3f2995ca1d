"""20 JP rules, each on a hand-made fixture: caps per day, the monthly coaching limit across both
types, fixed credits, the year of the end date, the threshold at exactly 20, statuses, groups."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from analytics import build, db, jp
from analytics.filters import Scope
from analytics.privacy import PENUH, Akses
from analytics.rules import RulesError, load_rules
from tests.fixtures import small_db

RULES = load_rules()
REF = date(2026, 9, 30)


def with_acts(acts):
    """The five fixture employees with only `acts` = [(key, jenis, start, end, claimed)]; the summaries
    are built once, after the activities are replaced."""
    con = small_db(refresh=False)
    con.execute("DELETE FROM pengembangan")
    for key, jenis, start, end, claimed in acts:
        con.execute(
            "INSERT INTO pengembangan VALUES (?, ?, 'k', 'o', ?, ?, ?, NULL, NULL, 0, NULL, NULL)",
            [key, jenis, start, end, claimed],
        )
    db.set_meta(con, data_per=REF.isoformat())
    build.refresh(con, RULES)
    return con


def credited(acts, year=2025):
    """{pegawai_key: credited JP in `year`}."""
    con = with_acts(acts)
    rows = con.execute(
        "SELECT pegawai_key, jp_total FROM jp_pegawai_tahun WHERE tahun = ? AND jp_total > 0", [year]
    ).fetchall()
    con.close()
    return dict(rows)


d = date


@pytest.mark.parametrize(
    "jenis, days, claimed, expected",
    [
        (3, 1, 100, 100),
        (8, 3, 24, 24),
        (1, 2, 16, 16),
        (17, 5, 12, 12),  # claimed JP, no cap
        (9, 1, 6, 4),
        (9, 2, 6, 6),
        (7, 1, 5, 4),
        (7, 3, 20, 12),  # seminar, sosialisasi 4/day
        (4, 1, 8, 5),
        (4, 2, 8, 8),  # workshop 5/day
        (16, 1, 5, 3),
        (16, 2, 5, 5),  # e-learning 3/day
        (22, 1, 3, 2),
        (23, 2, 5, 4),  # belajar mandiri, CoP 2/day
        (19, 1, 10, 10),  # outbond: the JP held (BPS 2019 C6)
        (24, 2, 20, 16),
        (25, 1, 9, 8),  # 8/day
        (10, 30, 300, 20),
        (18, 60, 5, 20),
        (21, 10, 100, 20),
        (20, 3, 40, 10),  # fixed credits
    ],
)
def test_credit_per_record(jenis, days, claimed, expected):
    start = d(2025, 3, 3)
    end = start + timedelta(days=days - 1)
    assert credited([(1, jenis, start, end, claimed)]) == {1: expected}


def test_missing_end_date_is_one_day():
    assert credited([(1, 9, d(2025, 3, 3), None, 6)]) == {1: 4}


def test_coaching_mentoring_two_sessions_a_month_across_both_types():
    acts = [
        (1, 14, d(2025, 2, 3), d(2025, 2, 3), 2),
        (1, 15, d(2025, 2, 10), d(2025, 2, 10), 2),
        (1, 14, d(2025, 2, 20), d(2025, 2, 20), 2),  # third session in February: not credited
        (1, 15, d(2025, 3, 1), d(2025, 3, 1), 2),  # March: its own two sessions
        (1, 15, d(2025, 3, 2), d(2025, 3, 2), 9),  # a session is 2 JP whatever was claimed
        (2, 14, d(2025, 2, 3), d(2025, 2, 3), 2),
    ]  # another employee, own limit
    assert credited(acts) == {1: 8, 2: 2}
    con = with_acts(acts)
    rows = jp.rekaman(con, scope=Scope(tahun=2025, akses=PENUH))
    feb = rows[(rows.pegawai_key == 1) & (rows.bulan == 2)].sort_values("tanggal_mulai")
    assert feb["jp"].tolist() == [2, 2, 0]  # the earliest sessions first


def test_year_of_the_end_date():
    acts = [(1, 9, d(2025, 12, 30), d(2026, 1, 2), 16)]
    assert credited(acts, 2025) == {}
    assert credited(acts, 2026) == {1: 16}


def test_threshold_at_exactly_20():
    acts = [(1, 3, d(2025, 5, 1), d(2025, 5, 3), 20), (2, 3, d(2025, 5, 1), d(2025, 5, 3), 19.5)]
    con = with_acts(acts)
    df = jp.per_pegawai(con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, ref=REF).set_index("nip")
    assert bool(df.loc["198001012015012001", "memenuhi"]) is True
    assert bool(df.loc["199002022021031001", "memenuhi"]) is False
    assert df.loc["199002022021031001", "kekurangan_jp"] == 0.5
    assert df.loc["198001012015012001", "kekurangan_jp"] == 0


def test_classes_10_20_70():
    acts = [
        (1, 3, d(2025, 5, 1), d(2025, 5, 3), 12),
        (1, 14, d(2025, 6, 1), d(2025, 6, 1), 2),
        (1, 23, d(2025, 7, 1), d(2025, 7, 2), 4),
        (1, 10, d(2025, 8, 1), d(2025, 8, 20), 50),
    ]
    con = with_acts(acts)
    row = con.execute(
        "SELECT jp_total, jp_10, jp_20, jp_70 FROM jp_pegawai_tahun WHERE pegawai_key = 1 AND tahun = 2025"
    ).fetchall()[0]
    assert row == (38, 12, 6, 20)
    g = jp.per_kelompok(con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, by="nasional").iloc[0]
    assert (g.mix_10, g.mix_20, g.mix_70) == pytest.approx((1200 / 38, 600 / 38, 2000 / 38))


def test_status_as_of_reference_date():
    # by 30 Sep 2026 the pace is 20 x 9 / 12 = 15 JP
    acts = [
        (1, 3, d(2026, 3, 1), d(2026, 3, 3), 20),
        (2, 3, d(2026, 3, 1), d(2026, 3, 3), 15),
        (3, 3, d(2026, 3, 1), d(2026, 3, 3), 14.5),
    ]
    con = with_acts(acts)
    df = jp.per_pegawai(con, scope=Scope(tahun=2026, akses=PENUH), rules=RULES, ref=REF)
    assert dict(zip(df.nip.str[:8], df.status)) == {
        "19800101": "memenuhi",
        "19900202": "on track",
        "19850303": "tertinggal",
        "19700404": "belum mulai",
        "19950505": "belum mulai",
    }
    counts = jp.status_ringkas(con, scope=Scope(tahun=2026, akses=PENUH), rules=RULES, ref=REF)
    assert counts.set_index("status")["pegawai"].to_dict() == {
        "memenuhi": 1,
        "on track": 1,
        "tertinggal": 1,
        "belum mulai": 2,
    }


def test_progress_by_month():
    acts = [
        (1, 3, d(2026, 2, 1), d(2026, 2, 3), 10),
        (1, 3, d(2026, 6, 1), d(2026, 6, 3), 12),
        (2, 3, d(2026, 6, 1), d(2026, 6, 2), 25),
    ]
    con = with_acts(acts)
    df = jp.progres_bulanan(con, scope=Scope(tahun=2026, akses=PENUH), rules=RULES, ref=REF)
    assert df["bulan"].tolist() == list(range(1, 10))  # up to September
    assert df["rata_kumulatif"].round(6).tolist() == [0, 2, 2, 2, 2, 9.4, 9.4, 9.4, 9.4]  # 5 employees
    assert df["persen_memenuhi"].tolist() == [0, 0, 0, 0, 0, 40, 40, 40, 40]
    assert df["pace"].iloc[5] == 10


def test_employees_in_post_only_and_trend():
    con = with_acts([(3, 3, d(2024, 5, 1), d(2024, 5, 3), 20)])
    t = jp.tren(con, scope=Scope(akses=PENUH), rules=RULES).set_index("tahun")
    # employee 3 joined in 2024, employee 5 in 2026
    assert t.loc[2023, "pegawai"] == 3 and t.loc[2024, "pegawai"] == 4 and t.loc[2026, "pegawai"] == 5
    assert t.loc[2024, "memenuhi"] == 1 and t.loc[2024, "persen_memenuhi"] == 25


def test_groups_reconcile_with_employees(demo_con):
    scope = Scope(tahun=2025, akses=PENUH)
    emp = jp.per_pegawai(demo_con, scope=scope, rules=RULES, ref=REF)
    nas = jp.per_kelompok(demo_con, scope=scope, rules=RULES, by="nasional").iloc[0]
    assert nas.pegawai == len(emp) == emp.nip.nunique()
    assert nas.memenuhi == emp.memenuhi.sum()
    assert nas.rata_jp == pytest.approx(emp.jp_total.mean())
    for level in ("provinsi", "instansi", "unor", "kabkota", "jenis_jabatan", "golongan", "jenis_kelamin"):
        g = jp.per_kelompok(demo_con, scope=scope, rules=RULES, by=level)
        assert g.kode.is_unique
        assert g.pegawai.sum() == nas.pegawai and g.memenuhi.sum() == nas.memenuhi, level
    # every record credited at most what the rules allow, totals match the summary
    rec = jp.rekaman(demo_con, scope=Scope(tahun=2025, provinsi_kode="35", akses=PENUH))
    summ = demo_con.execute(  # the records' JP: the total less what a status credits (tugas belajar)
        "SELECT sum(jp_total - jp_kredit) FROM jp_pegawai_tahun WHERE tahun = 2025 AND provinsi_kode = '35'"
    )
    assert rec.jp.sum() == pytest.approx(summ.fetchall()[0][0])
    assert (rec.jp <= rec.klaim.clip(lower=20)).all()


def _direct(con, sql, scope, **params):
    """`sql` over the per-employee table (alias p) in scope: the reference the group table must equal."""
    where, scope_params = scope.where("p")
    return con.execute(sql.replace("{where}", where), {**scope_params, **params}).df()


def _scopes(con):
    from analytics.privacy import Akses

    inst, prov = con.execute(
        "SELECT instansi_id, provinsi_kode FROM pegawai GROUP BY ALL ORDER BY count(*) DESC"
    ).fetchone()
    unit = con.execute(
        "SELECT induk_id FROM unor WHERE induk_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC"
    ).fetchone()[0]
    akses = Akses(peran="pimpinan", provinsi_kode=None, instansi_ids=(inst,), unor_ids=(unit,))
    return [
        Scope(tahun=2025, akses=PENUH),
        Scope(tahun=2026, provinsi_kode=prov, akses=PENUH),
        Scope(tahun=2025, instansi_id=inst, jenis_jabatan="pelaksana", akses=PENUH),
        Scope(tahun=2026, unor_id=unit, akses=PENUH),
        Scope(tahun=2025, jenis_pegawai="PPPK", akses=PENUH),
        Scope(tahun=2026, akses=akses),
    ]


@pytest.mark.parametrize("i", range(6))
def test_group_table_equals_the_employees_rows(demo_con, i):
    """Statuses, groups at every level (medians included), the trend and the monthly progress, summed
    from jp_kelompok_tahun, equal the same figures computed from jp_pegawai_tahun row by row."""
    scope = _scopes(demo_con)[i]
    ref = REF.replace(year=2026)
    targets = jp.targets(RULES)
    months = ref.month if scope.tahun == ref.year else 12
    emp = _direct(
        demo_con,
        f"SELECT {jp.STATUS_SQL} AS status, p.* FROM jp_pegawai_tahun p "
        "WHERE {where} AND p.tahun = $tahun AND p.dihitung",
        scope,
        tahun=scope.tahun,
        laju=months / 12,
        **targets,
    )
    status = jp.status_ringkas(demo_con, scope=scope, rules=RULES, ref=ref).set_index("status")["pegawai"]
    assert status.to_dict() == {s: int((emp.status == s).sum()) for s in jp.STATUS}
    assert status.sum() == len(emp) > 0
    for level in jp.LEVELS:
        g = jp.per_kelompok(demo_con, scope=scope, rules=RULES, by=level).set_index("kode")
        key = level
        ref_sql = f"""SELECT {{key}} AS kode, count(*) AS pegawai,
                      count(*) FILTER (WHERE p.jp_total >= {jp.AMBANG}) AS memenuhi,
                      avg(p.jp_total) AS rata_jp, median(p.jp_total) AS median_jp,
                      100.0 * sum(p.jp_10) / nullif(sum(p.jp_10 + p.jp_20 + p.jp_70), 0) AS mix_10
                      FROM jp_pegawai_tahun p WHERE {{where}} AND p.tahun = $tahun AND p.dihitung GROUP BY 1"""
        from analytics import queries

        want = _direct(demo_con, queries.splice(ref_sql, by=key), scope, tahun=scope.tahun, **targets).set_index("kode")
        assert sorted(g.index) == sorted(want.index), level
        got = g.loc[want.index]
        small = got["persen_memenuhi"].isna()  # suppressed small cells for a restricted viewer
        assert (got.loc[~small, "pegawai"] == want.loc[~small, "pegawai"]).all(), level
        assert (got.loc[~small, "memenuhi"] == want.loc[~small, "memenuhi"]).all(), level
        for col in ("rata_jp", "median_jp", "mix_10"):
            assert got.loc[~small, col].to_numpy() == pytest.approx(want.loc[~small, col].to_numpy(), nan_ok=True), (
                level,
                col,
            )
    dist = jp.distribusi(demo_con, scope=scope, batas=60).set_index("jp")["pegawai"]
    assert dist.to_dict() == np.floor(emp["jp_total"].clip(upper=60)).astype(int).value_counts().sort_index().to_dict()
    t = jp.tren(demo_con, scope=scope, rules=RULES).set_index("tahun")
    want = _direct(
        demo_con,
        f"""SELECT p.tahun, count(*) AS pegawai, count(*) FILTER (WHERE p.jp_total >= {jp.AMBANG}) AS memenuhi,
               avg(p.jp_total) AS rata_jp FROM jp_pegawai_tahun p WHERE {{where}} AND p.dihitung
               GROUP BY 1 ORDER BY 1""",
        scope,
        **targets,
    ).set_index("tahun")
    assert (t["pegawai"] == want["pegawai"]).all() and (t["memenuhi"] == want["memenuhi"]).all()
    assert t["rata_jp"].to_numpy() == pytest.approx(want["rata_jp"].to_numpy())
    if scope.tahun == ref.year:
        prog = jp.progres_bulanan(demo_con, scope=scope, rules=RULES, ref=ref)
        for m in range(1, months + 1):
            cum = emp[[f"jp_b{k}" for k in range(1, m + 1)]].fillna(0).sum(axis=1)
            target = emp["jenis_pegawai"].map({"PPPK": targets["ambang_pppk"]}).fillna(targets["ambang"])
            assert prog.loc[m - 1, "rata_kumulatif"] == pytest.approx(cum.mean())
            assert prog.loc[m - 1, "persen_memenuhi"] == pytest.approx(100 * (cum >= target).mean())


def test_rules_change_rebuilds_summary(tmp_path):
    con = with_acts([(1, 9, d(2025, 3, 3), d(2025, 3, 3), 6)])
    assert build.ensure_current(con, RULES) is False
    text = RULES.path.read_text().replace(
        'cara = "batas_harian"\njp_per_hari = 4', 'cara = "batas_harian"\njp_per_hari = 6'
    )
    (tmp_path / "r.toml").write_text(text)
    other = load_rules(tmp_path / "r.toml")
    assert build.ensure_current(con, other) is True
    assert con.execute("SELECT jp_total FROM jp_pegawai_tahun WHERE pegawai_key = 1 AND tahun = 2025").fetchall() == [
        (6,)
    ]


# --- who is counted (rules [jp.kedudukan]) ---------------------------------------------------------


def with_status(ref: date = REF):
    """The fixture with a status each: 1 CLTN, 2 Tugas Belajar, 3 '04' (an id: Pemberhentian Sementara),
    4 ' aktif ' (in service, odd spacing), 5 an unknown text (counted)."""
    con = small_db(refresh=False)
    con.execute("DELETE FROM pengembangan")
    con.execute(
        "INSERT INTO pengembangan VALUES (1, 3, 'k', 'o', DATE '2025-03-01', DATE '2025-03-03', 24, NULL, NULL, 0, "
        "NULL, NULL), (2, 9, 'k', 'o', DATE '2025-06-01', DATE '2025-06-01', 4, NULL, NULL, 0, NULL, NULL)"
    )
    for key, status in ((1, "CLTN"), (2, "Tugas Belajar"), (3, "04"), (4, " aktif "), (5, "Status Lain")):
        con.execute("UPDATE pegawai SET kedudukan = ? WHERE pegawai_key = ?", [status, key])
    db.set_meta(con, data_per=ref.isoformat())
    build.refresh(con, RULES)
    return con


def test_status_leaves_the_denominator_or_is_credited():
    con = with_status()
    rows = con.execute(
        """SELECT tahun, pegawai_key, kedudukan_kode, dihitung, jp_kredit, jp_total, jp_sd FROM jp_pegawai_tahun
           WHERE tahun IN (2025, 2026) ORDER BY 1, 2"""
    ).fetchall()
    assert rows == [
        (2025, 1, "02", False, 0.0, 24.0, 24.0),  # CLTN: its JP still known, out of the denominator
        (2025, 2, "03", True, 40.0, 44.0, 44.0),  # tugas belajar: two semesters of 20 JP, plus its 4 JP
        (2025, 3, "04", False, 0.0, 0.0, 0.0),
        (2025, 4, None, True, 0.0, 0.0, 0.0),
        (2026, 1, "02", False, 0.0, 0.0, 0.0),
        (2026, 2, "03", True, 40.0, 40.0, 40.0),  # 30 Sep: the second semester has begun
        (2026, 3, "04", False, 0.0, 0.0, 0.0),
        (2026, 4, None, True, 0.0, 0.0, 0.0),
        (2026, 5, None, True, 0.0, 0.0, 0.0),  # an unknown status counts
    ]
    g = jp.per_kelompok(con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, by="nasional").iloc[0]
    assert (g.pegawai, g.memenuhi, g.dikecualikan, g.dikreditkan) == (2, 1, 2, 1)
    assert set(jp.per_pegawai(con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, ref=REF).nip) == {
        "199002022021031001",
        "197004042010011001",
    }
    k = jp.kedudukan(con, scope=Scope(tahun=2025, akses=PENUH), rules=RULES)
    assert k[["kode", "nama", "perlakuan", "pegawai"]].values.tolist() == [
        ["02", "CLTN", "dikecualikan", 1],
        ["03", "Tugas Belajar", "dikreditkan", 1],
        ["04", "Pemberhentian Sementara", "dikecualikan", 1],
    ]
    assert jp.kalimat_kedudukan(k, g, RULES) == (
        "2 pegawai tidak dihitung dalam 20 JP karena kedudukannya tidak dalam dinas aktif (CLTN 1, "
        "Pemberhentian Sementara 1); 1 pegawai dikreditkan 20 JP per semester yang sudah dimulai karena "
        "kedudukannya (Tugas Belajar 1)"
    )
    # a non-admin sees the statuses of groups under the small-cell minimum blanked, never named with a count
    boss = jp.kedudukan(con, scope=Scope(tahun=2025, akses=Akses(peran="pimpinan", nasional=True)), rules=RULES)
    assert boss["pegawai"].isna().all()
    assert "CLTN < 10" in jp.kalimat_kedudukan(boss, g, RULES)
    con.close()


def test_credit_counts_the_semesters_begun_by_the_reference_date():
    con = with_status(date(2026, 3, 31))
    assert con.execute(
        "SELECT jp_kredit, jp_total, jp_b1, jp_b7 FROM jp_pegawai_tahun WHERE pegawai_key = 2 AND tahun = 2026"
    ).fetchall() == [(20.0, 20.0, 20.0, None)]
    # the year before to 31 Mar: the first semester's credit, not the agency's activity of June
    assert con.execute("SELECT jp_sd FROM jp_pegawai_tahun WHERE pegawai_key = 2 AND tahun = 2025").fetchall() == [
        (20.0,)
    ]
    con.close()


def test_kedudukan_rules_are_checked(tmp_path):
    text = RULES.path.read_text()
    (tmp_path / "r.toml").write_text(text.replace('dikreditkan = ["03"]', 'dikreditkan = ["02"]'))
    with pytest.raises(RulesError, match="tumpang tindih"):
        load_rules(tmp_path / "r.toml")
    (tmp_path / "r.toml").write_text(text.replace('dikreditkan = ["03"]', "dikreditkan = [3]"))
    with pytest.raises(RulesError, match="kode kedudukan hukum dua angka"):
        load_rules(tmp_path / "r.toml")
