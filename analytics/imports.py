"""Import history and rejected rows, for the Impor page and the CLI."""

from __future__ import annotations

import duckdb
import pandas as pd


def riwayat(con: duckdb.DuckDBPyConnection, *, limit: int = 200) -> pd.DataFrame:
    """One row per import, newest first: import_id, waktu, berkas, jenis, counts, pengguna, status."""
    cur = con.cursor()
    try:
        return cur.execute(
            """
            SELECT import_id, waktu, berkas, jenis, rows_read AS dibaca, rows_loaded AS dimuat,
                   rows_rejected AS ditolak, rows_unchanged AS tidak_berubah, pengguna, status
            FROM import_log ORDER BY import_id DESC LIMIT $limit""",
            {"limit": limit},
        ).df()
    finally:
        cur.close()
