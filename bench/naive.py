"""The naive way against ours, for the main metrics: pandas over the tables loaded into memory (the JP
metrics from the raw records, credited with the rules in pandas; IP ASN and Smart ASN from the
per-employee score tables, since re-implementing their scoring in pandas would only copy it), in this
process, against the analytics function the page calls (warm median). The naive time is the computation
on tables already in memory (loading them is reported apart). When the activity table is larger than
MAX_RECORDS rows, the naive side runs on a sample of employees (a hash of the key) and its time is
extrapolated linearly, and its result is checked against the summary table for the same employees.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bench.common import Context, Figure, Measurement, at_least, ms, secs, timed

MAX_RECORDS = 5_000_000
BUCKETS = 10_000


@dataclass
class Raw:
    """The tables in memory, for the sampled employees (`fraction` of all, `where` the SQL condition)."""

    fraction: float
    where: str
    pegawai: pd.DataFrame
    pengembangan: pd.DataFrame
    rekap: pd.DataFrame
    pendidikan: pd.DataFrame
    ipasn: pd.DataFrame
    smart: pd.DataFrame
    load_s: float


def load(con, year: int) -> Raw:
    records = con.execute("SELECT count(*) FROM pengembangan").fetchone()[0]
    share = min(1.0, MAX_RECORDS / max(records, 1))
    where = "TRUE" if share >= 1 else f"hash(pegawai_key) % {BUCKETS} < {max(1, int(share * BUCKETS))}"

    def df(sql: str):
        return con.execute(sql.replace("{where}", where), {"tahun": year} if "$tahun" in sql else None).df()

    t, frames = timed(
        lambda: dict(
            pegawai=df(
                "SELECT pegawai_key, provinsi_kode, unor_id, jenis_pegawai, jenis_jabatan, jenis_kelamin, "
                "pendidikan_id, tmt_cpns FROM pegawai WHERE {where}"
            ),
            pengembangan=df(
                "SELECT pegawai_key, jenis_diklat_id, tanggal_mulai, tanggal_selesai, jp_klaim, jp_instansi, status "
                "FROM pengembangan WHERE {where}"
            ),
            rekap=df("SELECT pegawai_key, tahun, jp_total FROM jp_rekap WHERE {where}"),
            pendidikan=df("SELECT id AS pendidikan_id, jenjang FROM ref_pendidikan"),
            ipasn=df("SELECT pegawai_key, tahun, provinsi_kode, total, lengkap FROM ipasn_pegawai_tahun WHERE {where}"),
            smart=df("SELECT pegawai_key, tahun, provinsi_kode, indeks FROM smart_pegawai_tahun WHERE {where}"),
        )
    )
    total = con.execute("SELECT count(*) FROM pegawai").fetchone()[0]
    return Raw(fraction=len(frames["pegawai"]) / total, where=where, load_s=t, **frames)


# --- the naive computations ---------------------------------------------------------------------------


def credited(raw: Raw, aturan: pd.DataFrame, year: int) -> pd.DataFrame:
    """Credited JP per record ending in `year` (as jp_rekaman.sql): the rule of its jenisDiklatId, an
    agency's own conversion as given, sessions capped per employee, rule group and month."""
    e = raw.pengembangan
    akhir = e["tanggal_selesai"].fillna(e["tanggal_mulai"])
    e = e[(akhir.dt.year == year) & e["status"].isna()].assign(akhir=akhir)
    e = e.merge(aturan, left_on="jenis_diklat_id", right_on="jenis")
    cara = np.where(e["jp_instansi"].fillna(False).astype(bool), "klaim", e["cara"])
    klaim = e["jp_klaim"].fillna(0).to_numpy()
    hari = (e["akhir"] - e["tanggal_mulai"]).dt.days.to_numpy() + 1
    jp = np.select(
        [cara == "klaim", cara == "batas_harian", cara == "tetap"],
        [klaim, np.minimum(klaim, e["jp_per_hari"].to_numpy() * hari), e["jp_tetap"].to_numpy()],
        default=np.nan,
    )
    e = e.assign(cara=cara, klaim=klaim, jp=jp)
    sesi = e[e["cara"] == "sesi"].assign(bulan_mulai=lambda d: d["tanggal_mulai"].dt.to_period("M"))
    sesi = sesi.sort_values(["pegawai_key", "grup", "bulan_mulai", "tanggal_mulai", "jenis_diklat_id", "klaim"])
    urut = sesi.groupby(["pegawai_key", "grup", "bulan_mulai"]).cumcount() + 1
    e.loc[sesi.index, "jp"] = np.where(urut <= sesi["maks_sesi"], sesi["jp_per_sesi"], 0)
    return e[["pegawai_key", "kelas", "jp"]]


def per_employee(raw: Raw, rules, year: int) -> pd.DataFrame:
    """Employees in post by the end of `year` with their credited JP (total, by 10:20:70 class) and target."""
    from analytics.jp import aturan_frame

    rek = credited(raw, aturan_frame(rules), year)
    jp = rek.pivot_table(index="pegawai_key", columns="kelas", values="jp", aggfunc="sum", fill_value=0)
    jp = jp.reindex(columns=["10", "20", "70"], fill_value=0).add_prefix("jp_")
    jp["jp_rekaman"] = jp.sum(axis=1)
    p = raw.pegawai[raw.pegawai["tmt_cpns"].dt.year.fillna(0) <= year]
    p = p.merge(jp, left_on="pegawai_key", right_index=True, how="left")
    r = raw.rekap[raw.rekap["tahun"] == year].groupby("pegawai_key")["jp_total"].sum().rename("rekap")
    p = p.merge(r, left_on="pegawai_key", right_index=True, how="left").fillna(
        {"jp_10": 0, "jp_20": 0, "jp_70": 0, "jp_rekaman": 0, "rekap": 0}
    )
    p["jp_total"] = np.maximum(p["jp_rekaman"], p["rekap"])
    p["target"] = np.where(p["jenis_pegawai"] == "PPPK", rules.jp.pppk.ambang_tahunan, rules.jp.ambang_tahunan)
    p["memenuhi"] = p["jp_total"] >= p["target"]
    return p


def compliance(p: pd.DataFrame, by: str) -> pd.DataFrame:
    g = p.groupby(by).agg(
        pegawai=("memenuhi", "size"),
        memenuhi=("memenuhi", "sum"),
        rata_jp=("jp_total", "mean"),
        j10=("jp_10", "sum"),
        j20=("jp_20", "sum"),
        j70=("jp_70", "sum"),
    )
    g["persen_memenuhi"] = 100.0 * g["memenuhi"] / g["pegawai"]
    mix = (g["j10"] + g["j20"] + g["j70"]).replace(0, np.nan)
    for k in ("10", "20", "70"):
        g[f"mix_{k}"] = 100.0 * g[f"j{k}"] / mix
    return g.reset_index().rename(columns={by: "kode"})


def status_counts(p: pd.DataFrame, rules, year: int, ref) -> pd.DataFrame:
    laju = (ref.month if year == ref.year else 12) / 12
    status = np.select(
        [p["memenuhi"], p["jp_total"] == 0, p["jp_total"] >= p["target"] * laju],
        ["memenuhi", "belum mulai", "on track"],
        default="tertinggal",
    )
    return pd.Series(status).value_counts().rename_axis("status").reset_index(name="pegawai")


def mean_by_province(df: pd.DataFrame, year: int, value: str, when: str | None = None) -> pd.DataFrame:
    d = df[df["tahun"] == year]
    if when:
        d = d[d[when]]
    return d.groupby("provinsi_kode")[value].mean().rename_axis("kode").reset_index()


def composition(raw: Raw) -> pd.DataFrame:
    p = raw.pegawai.merge(raw.pendidikan, on="pendidikan_id", how="left").rename(columns={"jenjang": "pendidikan"})
    parts = [
        p[d]
        .fillna("tidak diketahui")
        .value_counts()
        .rename_axis("kategori")
        .reset_index(name="jumlah")
        .assign(dimensi=d)
        for d in ("jenis_pegawai", "jenis_jabatan", "pendidikan", "jenis_kelamin")
    ]
    return pd.concat(parts, ignore_index=True)


# --- agreement -----------------------------------------------------------------------------------------


def agree(a: pd.DataFrame, b: pd.DataFrame, key: list[str], cols: list[str]) -> bool:
    """Same keys and the same values (to 1e-6) in `cols`; NaN equals NaN."""
    a, b = (d.astype({k: str for k in key}) for d in (a, b))
    m = a.merge(b, on=key, how="outer", suffixes=("_a", "_b"), indicator=True)
    if (m["_merge"] != "both").any():
        return False
    for c in cols:
        x, y = m[f"{c}_a"].astype(float), m[f"{c}_b"].astype(float)
        if not ((x - y).abs().lt(1e-6) | (x.isna() & y.isna())).all():
            return False
    return True


def reference_compliance(con, raw: Raw, rules, year: int) -> pd.DataFrame:
    """Compliance by province from the JP summary for the sampled employees (the check when sampled)."""
    return con.execute(
        f"""SELECT provinsi_kode AS kode, count(*) AS pegawai,
                   100.0 * count(*) FILTER (WHERE jp_total >= CASE WHEN jenis_pegawai = 'PPPK' THEN $pppk
                                                                   ELSE $pns END) / count(*) AS persen_memenuhi
            FROM jp_pegawai_tahun WHERE tahun = $tahun AND {raw.where} GROUP BY 1""",  # noqa: S608 (our own text)
        {"tahun": year, "pns": rules.jp.ambang_tahunan, "pppk": rules.jp.pppk.ambang_tahunan},
    ).df()


# --- the section -----------------------------------------------------------------------------------------


@dataclass
class Metric:
    name: str
    how: str
    naive: Callable[[], pd.DataFrame]
    ours: Callable[[], pd.DataFrame]
    check: Callable[[pd.DataFrame, pd.DataFrame], bool] | None = None  # (naive result, ours) -> same?


def median_of(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of `runs` calls (one only when the first takes over 5 s)."""
    times = [timed(fn)[0]]
    while len(times) < runs and times[0] < 5:
        times.append(timed(fn)[0])
    return statistics.median(times)


def metrics(ctx: Context, con, raw: Raw, year: int, ref) -> list[Metric]:
    from analytics import ipasn, jp, overview, smart
    from analytics.filters import Scope
    from analytics.privacy import Akses

    rules, scope = ctx.rules, Scope(tahun=year, akses=Akses(peran="admin", nasional=True, pengguna="bench"))
    full = raw.fraction >= 1
    from_records = "pandas: raw pegawai + pengembangan records credited with the rules, groupby"

    def same_compliance(n, o):
        return agree(
            n, o if full else reference_compliance(con, raw, rules, year), ["kode"], ["pegawai", "persen_memenuhi"]
        )

    def same_counts(n, o):  # ours labels the categories for display: the counts of each dimension
        return all(
            sorted(n.loc[n["dimensi"] == d, "jumlah"]) == sorted(o.loc[o["dimensi"] == d, "jumlah"])
            for d in set(n["dimensi"]) | set(o["dimensi"])
        )

    def only_full(cols, key=("kode",)):
        return (lambda n, o: agree(n, o, list(key), cols)) if full else None

    return [
        Metric(
            "JP compliance by province",
            from_records,
            lambda: compliance(per_employee(raw, rules, year), "provinsi_kode"),
            lambda: jp.per_kelompok(con, scope=scope, rules=rules, by="provinsi"),
            same_compliance,
        ),
        Metric(
            "JP per unit table",
            from_records,
            lambda: compliance(per_employee(raw, rules, year), "unor_id"),
            lambda: jp.per_kelompok(con, scope=scope, rules=rules, by="unor", median=False),
            only_full(["pegawai", "persen_memenuhi", "rata_jp", "mix_70"]),
        ),
        Metric(
            "JP status counts",
            from_records,
            lambda: status_counts(per_employee(raw, rules, year), rules, year, ref),
            lambda: jp.status_ringkas(con, scope=scope, rules=rules, ref=ref).query("pegawai > 0"),
            only_full(["pegawai"], key=("status",)),
        ),
        Metric(
            "IP ASN mean by province",
            "pandas: ipasn_pegawai_tahun (per-employee scores) in memory, groupby",
            lambda: mean_by_province(raw.ipasn, year, "total", when="lengkap").rename(columns={"total": "rata_ipasn"}),
            lambda: ipasn.per_kelompok(con, scope=scope, by="provinsi"),
            only_full(["rata_ipasn"]),
        ),
        Metric(
            "Smart ASN index by province",
            "pandas: smart_pegawai_tahun (per-employee traits) in memory, groupby",
            lambda: mean_by_province(raw.smart, year, "indeks"),
            lambda: smart.per_kelompok(con, scope=scope, by="provinsi"),
            only_full(["indeks"]),
        ),
        Metric(
            "overview composition",
            "pandas: raw pegawai + ref_pendidikan, value_counts per dimension",
            lambda: composition(raw),
            lambda: overview.komposisi(con, scope=scope),
            same_counts if full else None,
        ),
    ]


def ipasn_sql_baseline(ctx: Context, con, year: int) -> Metric:
    """The earlier benchmark's baseline: IP ASN by province recomputed from the records in SQL on every
    request (analytics.build.ipasn's input and scoring SQL, no summary table)."""
    from analytics import ipasn
    from analytics.build import ipasn as build_ipasn
    from analytics.filters import Scope
    from analytics.privacy import PENUH

    sql = f"""SELECT provinsi_kode AS kode, avg(total) FILTER (WHERE lengkap) AS rata_ipasn
              FROM ({build_ipasn.score_sql(build_ipasn.inputs_sql())}) GROUP BY 1"""  # noqa: S608 (our own SQL)
    params = {**build_ipasn.input_params(ctx.rules, year), **build_ipasn.score_params(ctx.rules)}
    return Metric(
        "IP ASN mean by province (recomputed in SQL)",
        "DuckDB SQL: inputs and scores recomputed from the raw records per request (no summary)",
        lambda: con.execute(sql, params).df(),
        lambda: ipasn.per_kelompok(con, scope=Scope(tahun=year, akses=PENUH), by="provinsi"),
        lambda n, o: agree(n, o, ["kode"], ["rata_ipasn"]),
    )


def measure(ctx: Context, m: Metric, fraction: float) -> None:
    ours_result = m.ours()  # warm-up, and the result to compare
    ours = median_of(m.ours, ctx.args.repeat)
    naive_result = m.naive()
    naive = median_of(m.naive, min(3, ctx.args.repeat))
    scaled = naive / fraction
    same = m.check(naive_result, ours_result) if m.check else None
    if same is False:
        ctx.note("naive", f"**WARNING: naive and ours disagree on {m.name}** ({m.how})")
    ctx.add(
        Measurement(
            "naive",
            m.name,
            Figure(scaled / ours, "×"),
            at_least(10, "×"),
            extra={
                "naive": ms(scaled),
                "ours": ms(ours),
                "naive way": m.how,
                "measured on": "all employees" if fraction >= 1 else f"extrapolated from {fraction:.1%}",
                "agree": {True: "yes", False: "**no**", None: "–"}[same],
            },
        )
    )


def section_naive(ctx: Context) -> None:
    from analytics import dimensions

    con = ctx.connect()
    try:
        ref = dimensions.reference_date(con)
        raw = load(con, ref.year)
        ctx.note(
            "naive",
            f"tables loaded into pandas in {secs(raw.load_s)} ({len(raw.pengembangan):,} activity records, "
            f"{len(raw.pegawai):,} employees = {raw.fraction:.1%}); the naive figure excludes the load",
        )
        for m in metrics(ctx, con, raw, ref.year, ref):
            measure(ctx, m, raw.fraction)
        measure(ctx, ipasn_sql_baseline(ctx, con, ref.year), 1.0)
    finally:
        con.close()
