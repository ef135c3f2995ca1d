"""20 JP compliance: credited JP per record, per employee-year, per group, progress and trend.

Credits follow the rules file's conversion profile (analytics/rules/default.toml [jp.konversi]);
the per-employee-year table jp_pegawai_tahun is rebuilt from it after every data change, so page
queries read at most one row per employee.
"""

from __future__ import annotations

import hashlib
from datetime import date

import duckdb
import pandas as pd

from analytics import db, dimensions, privacy, queries
from analytics.filters import Scope
from analytics.rules import Rules

STATUS = ["memenuhi", "on track", "tertinggal", "belum mulai"]


def aturan_frame(rules: Rules) -> pd.DataFrame:
    """One row per jenisDiklatId: cara, caps, fixed credit, session cap, rule group, 10:20:70 class,
    IP ASN competency slot."""
    kelas = {j: k for k in ("10", "20", "70") for j in rules.data["model_10_20_70"][f"kelas_{k}"]}
    komp = rules.data["ipasn"]["kompetensi"]
    slot = {j: s for s in ("teknis", "seminar", "fungsional") for j in komp[f"jenis_{s}"]}
    rows = []
    for grup, rule in enumerate(rules.data["jp"]["konversi"]["aturan"]):
        for jenis in rule["jenis"]:
            rows.append(
                (
                    jenis,
                    rule["cara"],
                    rule.get("jp_per_hari"),
                    rule.get("jp"),
                    rule.get("jp_per_sesi"),
                    rule.get("maks_sesi_per_bulan"),
                    grup,
                    kelas[jenis],
                    slot.get(jenis),
                )
            )
    return pd.DataFrame(
        rows,
        columns=["jenis", "cara", "jp_per_hari", "jp_tetap", "jp_per_sesi", "maks_sesi", "grup", "kelas", "slot_ipasn"],
    )


def fingerprint(rules: Rules) -> str:
    """Identifies the rule set a JP summary was built with (version and exact content)."""
    return rules.versi + ":" + hashlib.sha256(repr(rules.data).encode()).hexdigest()[:12]


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild aturan_jp and the JP summary rows of the employees in table `keys` (all by default).
    Runs inside the caller's transaction when there is one."""
    con.execute("DELETE FROM aturan_jp")
    con.register("_aturan", aturan_frame(rules))
    con.execute("INSERT INTO aturan_jp BY NAME SELECT * FROM _aturan")
    con.unregister("_aturan")
    if keys == "pegawai":
        con.execute("DELETE FROM jp_pegawai_tahun")
    else:
        con.execute(f"DELETE FROM jp_pegawai_tahun WHERE pegawai_key IN (SELECT pegawai_key FROM {keys})")  # noqa: S608
    # one year at a time: each pass aggregates a seventh of the records, so nothing spills to disk
    last = dimensions.data_year(con)
    con.execute("SET preserve_insertion_order = false")  # the summary's row order does not matter
    for year in range(dimensions.FIRST_YEAR, last + 1):
        con.execute(
            "INSERT INTO jp_pegawai_tahun " + summary_sql(keys), {"dari": year, "sampai": year, "bulanan": year == last}
        )
    con.execute("RESET preserve_insertion_order")
    if keys == "pegawai":  # a partial rebuild leaves the record as it was: stale stays stale
        db.set_meta(con, aturan_jp=fingerprint(rules))


def rekaman_sql(keys: str = "pegawai") -> str:
    """jp_rekaman.sql for the employees in table `keys` (no filter for all employees)."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    where = "" if keys == "pegawai" else f"AND x.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608
    return queries.sql_text("jp_rekaman").replace("{keys_filter}", where)


def summary_sql(keys: str = "pegawai") -> str:
    """jp_pegawai_tahun.sql for the employees in table `keys`."""
    where = "" if keys == "pegawai" else f"AND p.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608
    return (
        queries.sql_text("jp_pegawai_tahun").replace("{rekaman}", rekaman_sql(keys)).replace("{pegawai_filter}", where)
    )


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the JP (and IP ASN) summary no longer matches the data; summaries.ensure_current
    rebuilds them."""
    db.set_meta(con, aturan_jp="usang")


def _pace(rules: Rules, tahun: int, ref: date) -> tuple[float, int]:
    """(JP expected by the reference date, months elapsed) for a year; full year when it is over."""
    months = ref.month if tahun == ref.year else 12
    return rules.jp_threshold * months / 12, months


def rekaman(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row per record of the employees in scope ending in scope.tahun, with its credited JP."""
    scope.akses.require_pribadi()
    where, params = scope.where("p")
    cur = con.cursor()
    try:
        cur.execute(
            f"CREATE OR REPLACE TEMP TABLE _jp_keys AS SELECT pegawai_key FROM jp_pegawai_tahun p "  # noqa: S608
            f"WHERE {where} AND p.tahun = $tahun",
            {**params, "tahun": scope.tahun},
        )
        return cur.execute(
            f"SELECT * FROM ({rekaman_sql('_jp_keys')}) ORDER BY pegawai_key, tanggal_mulai",  # noqa: S608
            {"dari": scope.tahun, "sampai": scope.tahun},
        ).df()
    finally:
        cur.close()


# each employee's annual target: PNS the rules' ambang_tahunan, PPPK their own ([jp.pppk])
AMBANG = "(CASE WHEN p.jenis_pegawai = 'PPPK' THEN $ambang_pppk ELSE $ambang END)"
# on track = at least the target's share for the months elapsed ($laju = months / 12)
STATUS_SQL = f"""CASE WHEN p.jp_total >= {AMBANG} THEN 'memenuhi' WHEN p.jp_total = 0 THEN 'belum mulai'
                     WHEN p.jp_total >= {AMBANG} * $laju THEN 'on track' ELSE 'tertinggal' END"""


def _targets(rules: Rules) -> dict[str, float]:
    return {"ambang": rules.jp_threshold, "ambang_pppk": rules.jp_threshold_pppk}


def per_pegawai(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    rules: Rules,
    ref: date,
    status: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun: nip, nama, unor, jp_total, jp_10, jp_20, jp_70,
    memenuhi, kekurangan_jp, status (as of the reference date). With `status`, only those statuses,
    largest shortfall first; with `limit`, at most that many rows."""
    _, months = _pace(rules, scope.tahun, ref)
    # pick the rows on the summary alone, then fetch names for just those (a top-N stays cheap)
    order = "kekurangan_jp DESC, pegawai_key" if status else "pegawai_key"
    df = queries.run_sql(
        con,
        f"""
        WITH pilih AS (
            SELECT p.pegawai_key, p.unor_id, p.jp_total, p.jp_10, p.jp_20, p.jp_70,
                   p.jp_total >= {AMBANG} AS memenuhi, greatest({AMBANG} - p.jp_total, 0) AS kekurangan_jp,
                   {STATUS_SQL} AS status
            FROM jp_pegawai_tahun p
            WHERE {{where}} AND p.tahun = $tahun AND ($status IS NULL OR list_contains($status, {STATUS_SQL}))
            ORDER BY {order} LIMIT $limit)
        SELECT g.nip, g.nama, u.nama AS unor, s.jp_total, s.jp_10, s.jp_20, s.jp_70, s.memenuhi,
               s.kekurangan_jp, s.status
        FROM pilih s JOIN pegawai g USING (pegawai_key) LEFT JOIN unor u ON u.id = s.unor_id
        ORDER BY {"s.kekurangan_jp DESC, g.nip" if status else "g.nip"}""",  # noqa: S608
        scope,
        tahun=scope.tahun,
        **_targets(rules),
        laju=months / 12,
        status=list(status) if status else None,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


def per_kelompok(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, by: str, median: bool = True
) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai, memenuhi, persen_memenuhi,
    rata_jp, median_jp, mix_10, mix_20, mix_70 (percentages of credited JP), unrounded: pages and
    exports round once, with analytics.fmt. An exact median per group
    is the costly part over thousands of units: median=False leaves median_jp empty."""
    level = dimensions.level(by, what="20 JP")
    key, names = level.key, level.names
    median_sql = "median(p.jp_total)" if median else "NULL::DOUBLE"
    df = queries.run_sql(
        con,
        f"""
        WITH g AS (
            SELECT {key} AS kode, count(*) AS pegawai, count(*) FILTER (WHERE p.jp_total >= {AMBANG}) AS memenuhi,
                   count(*) FILTER (WHERE p.jp_rekap > 0) AS pegawai_rekap,
                   sum(p.jp_total) AS jp, sum(p.jp_10) AS j10, sum(p.jp_20) AS j20, sum(p.jp_70) AS j70,
                   avg(p.jp_total) AS rata_jp, {median_sql} AS median_jp
            FROM jp_pegawai_tahun p WHERE {{where}} AND p.tahun = $tahun GROUP BY 1)
        SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.pegawai, g.memenuhi, g.pegawai_rekap,
               100.0 * g.memenuhi / g.pegawai AS persen_memenuhi, g.rata_jp, g.median_jp,
               100.0 * g.j10 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_10,
               100.0 * g.j20 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_20,
               100.0 * g.j70 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_70
        FROM g LEFT JOIN ({names}) n ON n.kode = g.kode ORDER BY g.kode""",  # noqa: S608
        scope,
        tahun=scope.tahun,
        **_targets(rules),
    )
    return privacy.suppress_small(df, scope.akses)


def kalimat_pns_pppk(g: pd.DataFrame, rules: Rules) -> str:
    """'PNS 68,2 % dari 1.234 · PPPK 55,0 % dari 567 (target PPPK 20 JP, ...)' from per_kelompok(by=
    "jenis_pegawai"): compliance is shown apart for the two, since their rules differ."""
    from analytics import fmt

    parts = []
    for kode in ("PNS", "PPPK"):
        row = g[g["kode"] == kode]
        if row.empty:
            continue
        r = row.iloc[0]
        if pd.isna(r["persen_memenuhi"]):
            parts.append(f"{kode}: kurang dari {privacy.MIN_SEL} pegawai")
        else:
            parts.append(f"{kode} {fmt.persen(r['persen_memenuhi'])} dari {fmt.angka(r['pegawai'])}")
    pppk = rules.data["jp"]["pppk"]
    return (
        " · ".join(parts) + f" (target PPPK {fmt.angka(pppk['ambang_tahunan'])} JP; PP 49/2018: paling lama "
        f"{fmt.angka(pppk['batas_atas'])} JP per tahun masa perjanjian kerja)"
    )


def status_ringkas(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per status (memenuhi, on track, tertinggal, belum mulai) with pegawai count."""
    _, months = _pace(rules, scope.tahun, ref)
    df = queries.run_sql(
        con,
        f"SELECT {STATUS_SQL} AS status, count(*) AS pegawai FROM jp_pegawai_tahun p "  # noqa: S608
        "WHERE {where} AND p.tahun = $tahun GROUP BY 1",
        scope,
        tahun=scope.tahun,
        **_targets(rules),
        laju=months / 12,
    )
    return pd.DataFrame({"status": STATUS}).merge(df, how="left").fillna({"pegawai": 0}).astype({"pegawai": int})


def progres_bulanan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per month of scope.tahun up to the reference date: rata_kumulatif (mean credited JP
    per employee so far), persen_memenuhi (share at >= threshold so far), pace (threshold x m / 12)."""
    _, months = _pace(rules, scope.tahun, ref)
    cum = [" + ".join(f"coalesce(p.jp_b{k}, 0)" for k in range(1, m + 1)) for m in range(1, months + 1)]
    cols = ", ".join(f"avg({c}) AS r{m}, avg(({c} >= {AMBANG})::INT) AS s{m}" for m, c in enumerate(cum, start=1))
    row = queries.run_sql(
        con,
        f"SELECT count(*) AS n, {cols} FROM jp_pegawai_tahun p WHERE {{where}} AND p.tahun = $tahun",  # noqa: S608
        scope,
        tahun=scope.tahun,
        **_targets(rules),
    ).iloc[0]
    return pd.DataFrame(
        {
            "bulan": range(1, months + 1),
            "rata_kumulatif": [row[f"r{m}"] for m in range(1, months + 1)],
            "persen_memenuhi": [row[f"s{m}"] * 100 if row["n"] else float("nan") for m in range(1, months + 1)],
            "pace": [rules.jp_threshold * m / 12 for m in range(1, months + 1)],
        }
    )


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> pd.DataFrame:
    """One row per year FIRST_YEAR..data year: pegawai (in post), memenuhi, persen_memenuhi, rata_jp."""
    return queries.run_sql(
        con,
        f"""
        SELECT p.tahun, count(*) AS pegawai, count(*) FILTER (WHERE p.jp_total >= {AMBANG}) AS memenuhi,
               100.0 * count(*) FILTER (WHERE p.jp_total >= {AMBANG}) / count(*) AS persen_memenuhi,
               avg(p.jp_total) AS rata_jp
        FROM jp_pegawai_tahun p WHERE {{where}} GROUP BY 1 ORDER BY 1""",  # noqa: S608 (our own SQL)
        scope,
        **_targets(rules),
    )


def distribusi(con: duckdb.DuckDBPyConnection, *, scope: Scope, batas: int = 80) -> pd.DataFrame:
    """One row per whole JP value 0..batas (the last bin holds batas and above): pegawai count."""
    return queries.run_sql(
        con,
        """
        SELECT least(floor(p.jp_total), $batas)::INT AS jp, count(*) AS pegawai
        FROM jp_pegawai_tahun p WHERE {where} AND p.tahun = $tahun GROUP BY 1 ORDER BY 1""",
        scope,
        tahun=scope.tahun,
        batas=batas,
    )
