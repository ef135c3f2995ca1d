"""Opening the DuckDB file: schema applied idempotently, reference data loaded once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from analytics import reference

SCHEMA_VERSION = 5
# statements that bring a database of version N-1 to version N; schema.sql runs again afterwards, so
# a dropped derived table comes back in its new shape (and is rebuilt: its meta fingerprint is gone)
MIGRATIONS = {
    2: ["ALTER TABLE bahasa ADD COLUMN IF NOT EXISTS skala_maks DOUBLE"],
    3: ["DROP TABLE IF EXISTS ringkasan_pegawai_tahun"],  # 3: JP tables
    4: [
        "DROP TABLE IF EXISTS jp_pegawai_tahun",
        "DROP TABLE IF EXISTS aturan_jp",
        "DELETE FROM meta WHERE kunci = 'aturan_jp'",
    ],  # 4: IP ASN
    5: ["ALTER TABLE pengguna ADD COLUMN IF NOT EXISTS sso VARCHAR"],  # 5: single sign-on identity
}
SCHEMA_SQL = Path(__file__).parent / "sql" / "schema.sql"


class DatabaseLocked(RuntimeError):
    """Another process holds the database file for writing."""


def connect(path: str | Path, *, read_only: bool = False, memory_limit: str = "2.5GB") -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the database and make sure its schema is current."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": memory_limit})
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"Basis data {path} sedang dipakai proses lain (kunci berkas DuckDB). "
                "Tutup dasbor atau proses lain itu, lalu ulangi."
            ) from exc
        raise
    con.execute("SET enable_progress_bar = false")
    if not read_only:
        apply_schema(con)
    return con


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, record the schema version, load reference tables when empty."""
    con.execute(SCHEMA_SQL.read_text())
    current = con.execute("SELECT max(versi) FROM schema_info").fetchall()[0][0]
    if current is None:
        con.execute("INSERT INTO schema_info VALUES (?, ?)", [SCHEMA_VERSION, datetime.now()])
    elif current < SCHEMA_VERSION:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(version, []):
                con.execute(statement)
            con.execute("INSERT INTO schema_info VALUES (?, ?)", [version, datetime.now()])
        con.execute(SCHEMA_SQL.read_text())
    elif current > SCHEMA_VERSION:
        raise RuntimeError(
            f"Basis data memakai skema versi {current}, lebih baru dari program ini "
            f"({SCHEMA_VERSION}). Perbarui program."
        )
    _load_reference(con)


def _load_reference(con: duckdb.DuckDBPyConnection) -> None:
    frames = dict(reference.code_frames())
    if con.execute("SELECT count(*) FROM provinsi").fetchall()[0][0] == 0:
        frames["provinsi"] = reference.provinsi_frame()
        frames["kabkota"] = reference.kabkota_frame()
    for table, frame in frames.items():
        if con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == 0:  # noqa: S608 (our names)
            con.register("_ref_frame", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ref_frame")  # noqa: S608
            con.unregister("_ref_frame")


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    """The single value a query returns (DuckDB 2 wants results fully fetched)."""
    return con.execute(sql, params or []).fetchall()[0][0]


def get_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """All meta facts as a dict."""
    return dict(con.cursor().execute("SELECT kunci, nilai FROM meta").fetchall())


def set_meta(con: duckdb.DuckDBPyConnection, **values: str) -> None:
    """Upsert meta facts."""
    for k, v in values.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [k, str(v)])
