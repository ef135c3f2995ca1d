"""The JP summary: aturan_jp (the conversion profile as a table) and jp_pegawai_tahun (one row per
employee and year, credited JP by 10:20:70 class), rebuilt whole or for some employees."""

from __future__ import annotations

import duckdb

from analytics import db, dimensions, queries
from analytics.jp import aturan_frame, rekaman_sql
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
    if keys == "pegawai":
        con.execute("DELETE FROM jp_pegawai_tahun")
    else:
        con.execute(queries.splice("DELETE FROM jp_pegawai_tahun p WHERE TRUE {mine}", mine=queries.keys_filter(keys)))
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


def summary_sql(keys: str = "pegawai") -> str:
    """jp_pegawai_tahun.sql for the employees in table `keys`."""
    where = queries.keys_filter(keys)
    return (
        queries.sql_text("jp_pegawai_tahun").replace("{rekaman}", rekaman_sql(keys)).replace("{pegawai_filter}", where)
    )


def mark_stale(con: duckdb.DuckDBPyConnection) -> None:
    """Record that the JP (and IP ASN) summary no longer matches the data; build.ensure_current
    rebuilds them."""
    db.set_meta(con, aturan_jp="usang")
