"""Derived tables, rebuilt after every data change (demo build or import)."""

from __future__ import annotations

import duckdb

UNOR_CLOSURE_SQL = """
INSERT INTO unor_closure
WITH RECURSIVE up(leluhur_id, keturunan_id, jarak) AS (
    SELECT id, id, 0 FROM unor
    UNION ALL
    SELECT u.induk_id, up.keturunan_id, up.jarak + 1
    FROM up JOIN unor u ON u.id = up.leluhur_id
    WHERE u.induk_id IS NOT NULL
)
SELECT leluhur_id, keturunan_id, jarak FROM up
"""

# grain: one row per (pegawai_key, tahun) with >= 1 activity ending that year
RINGKASAN_SQL = """
INSERT INTO ringkasan_pegawai_tahun
SELECT pegawai_key, year(coalesce(tanggal_selesai, tanggal_mulai)) AS tahun,
       count(*) AS kegiatan, coalesce(sum(jp_klaim), 0) AS jp_klaim
FROM pengembangan
GROUP BY ALL
"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild unor_closure and ringkasan_pegawai_tahun from the base tables, in one transaction."""
    con.execute("BEGIN")
    try:
        for table, sql in (("unor_closure", UNOR_CLOSURE_SQL), ("ringkasan_pegawai_tahun", RINGKASAN_SQL)):
            con.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            con.execute(sql)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def refresh_after_import(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Bring derived tables up to date inside an import's transaction (imp_ok holds the rows)."""
    if table == "pegawai":
        con.execute("DELETE FROM unor_closure")
        con.execute(UNOR_CLOSURE_SQL)
    elif table == "pengembangan":
        con.execute("CREATE OR REPLACE TEMP TABLE imp_keys AS SELECT DISTINCT pegawai_key FROM imp_ok")
        con.execute("DELETE FROM ringkasan_pegawai_tahun WHERE pegawai_key IN (SELECT pegawai_key FROM imp_keys)")
        con.execute(
            RINGKASAN_SQL.replace(
                "FROM pengembangan", "FROM pengembangan WHERE pegawai_key IN (SELECT pegawai_key FROM imp_keys)"
            )
        )
