"""Choices for the shared filters (provinces, regions, agencies, units), as small frames: only those
holding units the user may see (a unit operator is offered its own agency, not the country's)."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics import queries
from analytics.filters import unor_where
from analytics.privacy import Akses


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None, **parts: str) -> pd.DataFrame:
    """Run `sql` with its {parts} spliced (the user's unit condition: analytics.filters.unor_where)."""
    cur = con.cursor()
    try:
        return cur.execute(queries.splice(sql, **parts), params or None).df()
    finally:
        cur.close()


def _mine(akses: Akses, sql: str) -> tuple[str, dict]:
    """`sql` with {cond} the units `akses` may see ('TRUE' for a national account), and its parameters."""
    cond, params = unor_where(akses)
    return ("TRUE" if akses.nasional else queries.splice(sql, cond=cond)), params


def provinsi(con: duckdb.DuckDBPyConnection, *, akses: Akses) -> pd.DataFrame:
    """One row per province (with units the user may see): kode, nama."""
    if akses.nasional:
        return _df(con, "SELECT kode, nama FROM provinsi ORDER BY kode")
    cond, params = unor_where(akses)
    return _df(
        con,
        """SELECT kode, nama FROM provinsi WHERE kode = $a_provinsi
           OR kode IN (SELECT left(u.kabkota_kode, 2) FROM unor u WHERE {cond}) ORDER BY kode""",
        {"a_provinsi": akses.provinsi_kode} | params,
        cond=cond,
    )


def kabkota(con: duckdb.DuckDBPyConnection, *, provinsi_kode: str | None, akses: Akses) -> pd.DataFrame:
    """One row per kab/kota of the province (all when None) with units the user may see: kode, nama."""
    mine, params = _mine(akses, "kode IN (SELECT u.kabkota_kode FROM unor u WHERE {cond})")
    return _df(
        con,
        "SELECT kode, nama FROM kabkota WHERE ($p IS NULL OR provinsi_kode = $p) AND {mine} ORDER BY kode",
        {"p": provinsi_kode} | params,
        mine=mine,
    )


def instansi(con: duckdb.DuckDBPyConnection, *, provinsi_kode: str | None, akses: Akses) -> pd.DataFrame:
    """One row per agency with staff in the province (all when None) and units the user may see:
    id, nama, jenis."""
    mine, params = _mine(akses, "i.id IN (SELECT u.instansi_id FROM unor u WHERE {cond})")
    return _df(
        con,
        """
        SELECT id, nama, jenis FROM instansi i
        WHERE ($p IS NULL OR i.provinsi_kode = $p OR (i.jenis = 'pusat' AND EXISTS (
            SELECT 1 FROM unor u WHERE u.instansi_id = i.id AND left(u.kabkota_kode, 2) = $p)))
          AND {mine}
        ORDER BY CASE jenis WHEN 'pusat' THEN 0 WHEN 'provinsi' THEN 1 ELSE 2 END, nama
    """,
        {"p": provinsi_kode} | params,
        mine=mine,
    )


def unor(
    con: duckdb.DuckDBPyConnection, *, instansi_id: int, provinsi_kode: str | None = None, akses: Akses
) -> pd.DataFrame:
    """Units of one agency in tree order (optionally only those in a province) that the user may see:
    id, nama, tingkat, label (indented by level)."""
    cond, params = unor_where(akses)
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
        WHERE ($p IS NULL OR left(u.kabkota_kode, 2) = $p OR t.tingkat = 1) AND {cond}
        ORDER BY jalur
    """,
        {"i": instansi_id, "p": provinsi_kode} | params,
        cond=cond,
    )
    df["label"] = ["\u2003" * (t - 1) + n for t, n in zip(df["tingkat"], df["nama"])]
    return df
