"""The JP summary: aturan_jp (the conversion profile as a table), jp_pegawai_tahun (one row per
employee and year, credited JP by 10:20:70 class) and the additive group table jp_kelompok_tahun,
rebuilt whole or for some employees."""

from __future__ import annotations

import duckdb

from analytics import db, dimensions, queries
from analytics.build import groups
from analytics.jp import AMBANG, LAJU, aturan_frame, rekaman_sql, target_label, targets
from analytics.rules import Rules


def fingerprint(rules: Rules) -> str:
    """Identifies the rule set a JP summary was built with (version and exact content)."""
    return rules.versi + ":" + rules.sidik


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild aturan_jp and the JP summary rows of the employees in table `keys` (all by default).
    Runs inside the caller's transaction when there is one."""
    con.execute("DELETE FROM aturan_jp")
    con.register("_aturan", aturan_frame(rules))
    con.execute("INSERT INTO aturan_jp BY NAME SELECT * FROM _aturan")
    con.unregister("_aturan")
    ref = dimensions.reference_date(con)

    def insert_rows() -> None:  # one year at a time: each pass aggregates a seventh of the records
        kedudukan(con, rules, keys)
        for year in range(dimensions.FIRST_YEAR, ref.year + 1):
            con.execute(
                "INSERT INTO jp_pegawai_tahun " + summary_sql(keys),
                {
                    "dari": year,
                    "sampai": year,
                    "bulanan": year == ref.year,
                    "per": ref,
                    "batas": dimensions.batas(year, ref),
                    "jp_semester": rules.jp.kedudukan.jp_per_semester,
                },
            )
        con.execute("DROP TABLE _jp_kd")

    groups.replace_rows(con, "jp_pegawai_tahun", keys, insert_rows, lambda cond: refresh_groups(con, rules, cond))
    # the value counts: whole, since they have no unit to limit a partial rebuild to (under a second nationally)
    con.execute("DELETE FROM jp_sebaran_tahun")
    con.execute(
        """INSERT INTO jp_sebaran_tahun SELECT tahun, provinsi_kode, jenis_jabatan, jenis_pegawai, jp_total, count(*)
           FROM jp_pegawai_tahun WHERE dihitung GROUP BY ALL"""
    )
    if keys == "pegawai":  # a partial rebuild leaves the record as it was: stale stays stale
        db.set_meta(con, aturan_jp=fingerprint(rules), jp_target=target_label(rules), jp_batas=ref.isoformat())


# the employees whose status (kedudukan hukum, as an id or as the name an export prints) the rules treat apart
KEDUDUKAN_SQL = """
CREATE OR REPLACE TEMP TABLE _jp_kd AS
SELECT pegawai_key, kode, CASE WHEN list_contains($keluar, kode) THEN 'keluar' ELSE 'kredit' END AS kelas
FROM (
    SELECT g.pegawai_key,
           coalesce(CASE WHEN regexp_full_match(trim(g.kedudukan), '[0-9]{1,2}')
                         THEN lpad(trim(g.kedudukan), 2, '0') END, r.id) AS kode
    FROM pegawai g LEFT JOIN ref_kedudukan r ON lower(r.nama) = lower(trim(g.kedudukan))
    WHERE g.kedudukan IS NOT NULL {keys}
)
WHERE list_contains($keluar, kode) OR list_contains($kredit, kode)
"""


def kedudukan(con: duckdb.DuckDBPyConnection, rules: Rules, keys: str = "pegawai") -> None:
    """_jp_kd: the employees of table `keys` whose status leaves the 20 JP denominator (kelas 'keluar') or
    is credited instead of measured ('kredit'), by the rules' [jp.kedudukan]."""
    k = rules.jp.kedudukan
    con.execute(
        queries.splice(KEDUDUKAN_SQL, keys=queries.keys_filter(keys, "g")),
        {"keluar": list(k.dikecualikan), "kredit": list(k.dikreditkan)},
    )


def _group_sql(cond: str) -> str:
    """INSERT of jp_kelompok_tahun rows from the employee rows matching `cond` (alias p)."""
    per_month = []
    for m in range(1, 13):
        kumulatif = " + ".join(f"coalesce(p.jp_b{k}, 0)" for k in range(1, m + 1))
        per_month += [
            f"count(*) FILTER (WHERE p.dihitung AND p.jp_total >= {AMBANG} * $laju[{m}])",
            f"sum(p.jp_b{m}) FILTER (WHERE p.dihitung)",
            f"count(*) FILTER (WHERE p.dihitung AND {kumulatif} >= {AMBANG})",
        ]
    # the same day of each year as the reference date: the employees in post by then and in the denominator
    sd = "p.dihitung AND p.sd"
    to_date = (
        f"count(*) FILTER (WHERE {sd}), count(*) FILTER (WHERE {sd} AND p.jp_sd >= {AMBANG}), "
        f"count(*) FILTER (WHERE {sd} AND p.jp_sd = 0), count(*) FILTER (WHERE {sd} AND p.kegiatan_sd > 0), "
        f"coalesce(sum(p.kegiatan_sd) FILTER (WHERE {sd}), 0), coalesce(sum(p.jp_sd) FILTER (WHERE {sd}), 0), "
        f"coalesce(sum(p.jp_klaim_sd) FILTER (WHERE {sd}), 0),"
    )
    sums = ", ".join(
        f"coalesce(sum(p.{c}) FILTER (WHERE p.dihitung), 0)" for c in ("jp_total", "jp_10", "jp_20", "jp_70")
    )
    sql = """
        INSERT INTO jp_kelompok_tahun
        WITH p AS (
            SELECT t.*, year(g.tmt_cpns) AS masuk, s.pegawai_key IS NOT NULL AS ada_skp
            FROM (SELECT * FROM jp_pegawai_tahun WHERE {cond}) t
            JOIN pegawai g ON g.pegawai_key = t.pegawai_key
            -- skp holds one row per employee and year (its import key), so the join repeats no row
            LEFT JOIN skp s ON s.pegawai_key = t.pegawai_key AND s.tahun = t.tahun - 1
        )
        SELECT {keys}, p.jenis_kelamin, CASE WHEN p.golongan_id >= 100 THEN 100 ELSE p.golongan_id // 10 * 10 + 1 END,
               count(*) FILTER (WHERE NOT p.dihitung), count(*) FILTER (WHERE p.dihitung AND p.jp_kredit > 0),
               {to_date}
               count(*) FILTER (WHERE p.dihitung), count(*) FILTER (WHERE p.dihitung AND p.jp_total >= {ambang}),
               count(*) FILTER (WHERE p.dihitung AND p.jp_total = 0),
               count(*) FILTER (WHERE p.dihitung AND p.jp_rekap > 0),
               {sums},
               count(*) FILTER (WHERE p.dihitung AND p.kegiatan > 0),
               coalesce(sum(p.kegiatan) FILTER (WHERE p.dihitung), 0),
               coalesce(sum(p.jp_klaim) FILTER (WHERE p.dihitung), 0),
               count(*) FILTER (WHERE p.masuk < p.tahun - 1),  -- data completeness: everyone in post
               count(*) FILTER (WHERE p.masuk < p.tahun - 1 AND p.ada_skp),
               {per_month}
        FROM p GROUP BY ALL"""
    return queries.splice(
        sql, keys=groups.KEYS, ambang=AMBANG, per_month=", ".join(per_month), cond=cond, to_date=to_date, sums=sums
    )


def refresh_groups(con: duckdb.DuckDBPyConnection, rules: Rules, cond: str = "TRUE") -> None:
    """Rebuild the jp_kelompok_tahun rows matching `cond` (an SQL condition on its columns) from the
    employee rows matching it."""
    con.execute(queries.splice("DELETE FROM jp_kelompok_tahun WHERE {cond}", cond=cond))
    groups.insert_sorted(con, _group_sql(cond), {**targets(rules), "laju": LAJU})


def summary_sql(keys: str = "pegawai") -> str:
    """jp_pegawai_tahun.sql for the employees in table `keys`."""
    return queries.splice(
        queries.sql_text("jp_pegawai_tahun"), rekaman=rekaman_sql(keys), pegawai_filter=queries.keys_filter(keys)
    )


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the JP (and IP ASN) summary no longer matches the data; build.ensure_current
    rebuilds them."""
    db.set_meta(con, aturan_jp="usang")
