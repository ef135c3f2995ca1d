"""The additive group tables (ipasn_kelompok_tahun, smart_kelompok_tahun): their key columns, the
levels they serve, and replacing some employees' rows of a per-employee table together with the
group rows of the units those employees were in before and are in now."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from analytics import queries

# the filter columns the group tables keep, so every Scope filter applies to them
KEYS = "tahun, unor_id, instansi_id, provinsi_kode, kabkota_kode, jenis_jabatan, jenis_pegawai"


# the order group rows are written in: a year, a province or an agency is then a few row groups, which
# DuckDB skips by their min/max when a query filters on them
ORDER = "ORDER BY tahun, provinsi_kode, instansi_id, unor_id"


def insert_sorted(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object] | None = None, order: str = ORDER
) -> None:
    """Run the INSERT ... SELECT ... GROUP BY `sql` with its rows written in ORDER (replace_rows turns the
    insertion order off for the employee rows; the group rows keep it, and the setting is put back)."""
    before = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute(sql + " " + order, params or {})
    finally:
        con.execute("SET preserve_insertion_order = " + ("true" if before else "false"))


def replace_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    keys: str,
    insert_rows: Callable[[], None],
    rebuild_groups: Callable[[str], None],
) -> None:
    """Delete the rows of `table` of the employees in table `keys` (every row for 'pegawai'), run
    insert_rows() to write them anew, then rebuild_groups(cond) with `cond` an SQL condition on
    unor_id selecting the units concerned (TRUE for all). Runs in the caller's transaction."""
    table, mine = queries.table(table), queries.keys_filter(keys, "t")
    con.execute("SET preserve_insertion_order = false")  # the rows' order does not matter
    if keys == "pegawai":
        con.execute(queries.splice("DELETE FROM {table_rows}", table_rows=table))
        insert_rows()
        rebuild_groups("TRUE")
    else:
        units = queries.splice(
            "INSERT INTO _units SELECT DISTINCT coalesce(unor_id, -1) FROM {table_rows} t WHERE TRUE {mine}",
            table_rows=table,
            mine=mine,
        )
        con.execute("CREATE OR REPLACE TEMP TABLE _units (u INTEGER)")
        con.execute(units)  # the units these employees were in ...
        con.execute(queries.splice("DELETE FROM {table_rows} t WHERE TRUE {mine}", table_rows=table, mine=mine))
        insert_rows()
        con.execute(units)  # ... and the units they are in now
        rebuild_groups("coalesce(unor_id, -1) IN (SELECT u FROM _units)")
        con.execute("DROP TABLE _units")
    con.execute("RESET preserve_insertion_order")
