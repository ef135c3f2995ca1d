"""Choices for the shared filters (provinces, regions, agencies, units), as small frames."""

from __future__ import annotations

import duckdb
import pandas as pd


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or None).df()
    finally:
        cur.close()


def provinsi(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per province: kode, nama."""
    return _df(con, "SELECT kode, nama FROM provinsi ORDER BY kode")


def kabkota(con: duckdb.DuckDBPyConnection, *, provinsi_kode: str | None) -> pd.DataFrame:
    """One row per kab/kota of the province (all when None): kode, nama."""
    return _df(
        con, "SELECT kode, nama FROM kabkota WHERE $p IS NULL OR provinsi_kode = $p ORDER BY kode", {"p": provinsi_kode}
    )


def instansi(con: duckdb.DuckDBPyConnection, *, provinsi_kode: str | None) -> pd.DataFrame:
    """One row per agency with staff in the province (all when None): id, nama, jenis."""
    return _df(
        con,
        """
        SELECT id, nama, jenis FROM instansi i
        WHERE $p IS NULL OR i.provinsi_kode = $p OR (i.jenis = 'pusat' AND EXISTS (
            SELECT 1 FROM unor u WHERE u.instansi_id = i.id AND left(u.kabkota_kode, 2) = $p))
        ORDER BY CASE jenis WHEN 'pusat' THEN 0 WHEN 'provinsi' THEN 1 ELSE 2 END, nama
    """,
        {"p": provinsi_kode},
    )


def unor(con: duckdb.DuckDBPyConnection, *, instansi_id: int, provinsi_kode: str | None = None) -> pd.DataFrame:
    """Units of one agency in tree order (optionally only those in a province):
    id, nama, tingkat, label (indented by level)."""
    df = _df(
        con,
        """
        WITH RECURSIVE t(id, nama, tingkat, jalur) AS (
            SELECT id, nama, tingkat, lpad(id::VARCHAR, 8, '0') FROM unor
            WHERE instansi_id = $i AND induk_id IS NULL
            UNION ALL
            SELECT u.id, u.nama, u.tingkat, t.jalur || '/' || lpad(u.id::VARCHAR, 8, '0')
            FROM unor u JOIN t ON u.induk_id = t.id
        )
        SELECT t.id, t.nama, t.tingkat FROM t JOIN unor u USING (id)
        WHERE $p IS NULL OR left(u.kabkota_kode, 2) = $p OR t.tingkat = 1
        ORDER BY jalur
    """,
        {"i": instansi_id, "p": provinsi_kode},
    )
    df["label"] = ["\u2003" * (t - 1) + n for t, n in zip(df["tingkat"], df["nama"])]
    return df
