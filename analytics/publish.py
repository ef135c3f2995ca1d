"""The data beyond this process: the curated and derived tables as Parquet files partitioned by year,
for a data lake or a distributed engine (Spark, Trino, DuckDB elsewhere).

`python -m analytics export-parquet DIR`: one folder per table with a `tahun` column, partitioned
Hive-style (DIR/jp_pegawai_tahun/tahun=2025/…parquet), one file per other table, and a manifest
(`manifest.json`: tables, rows, columns, partitioning, data date). Accounts, the audit log, import
rejects and mapping profiles are never exported. No SQL text is built here: tables are read through
DuckDB's relation API by name, from the database's own table list.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from analytics import db

# never leaves by this route: passwords and SSO links, the audit trail, raw rejected rows, operations
TIDAK_DIEKSPOR = {"pengguna", "audit", "import_reject", "impor_profil", "import_log", "schema_info"}
PARTISI = "tahun"


def tabel_ekspor(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables an export writes: every table of the database but TIDAK_DIEKSPOR, by name."""
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").fetchall()
    return [t for (t,) in rows if t not in TIDAK_DIEKSPOR]


def export_parquet(con: duckdb.DuckDBPyConnection, folder: str | Path) -> dict:
    """Write every exported table under `folder` (replacing an earlier export there) and return the
    manifest. The files are written into a sibling temporary folder first and moved in at the end, so a
    failed export leaves the previous one whole."""
    folder = Path(folder)
    baru = folder.with_name(folder.name + ".baru")
    if baru.exists():
        shutil.rmtree(baru)
    baru.mkdir(parents=True)
    manifest = {"data_per": db.get_meta(con).get("data_per"), "tabel": {}}
    try:
        for name in tabel_ekspor(con):
            rel = con.table(name)
            n = int(rel.shape[0])
            bagi = PARTISI in rel.columns and n > 0  # an empty table: one (empty) file, still readable
            if bagi:
                rel.write_parquet(str(baru / name), partition_by=[PARTISI])
            else:
                rel.write_parquet(str(baru / f"{name}.parquet"))
            manifest["tabel"][name] = {
                "baris": n,
                "kolom": list(rel.columns),
                "partisi": PARTISI if bagi else None,
                "jalur": f"{name}/{PARTISI}=*/*.parquet" if bagi else f"{name}.parquet",
            }
        (baru / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    except BaseException:
        shutil.rmtree(baru, ignore_errors=True)
        raise
    lama = folder.with_name(folder.name + ".lama")
    if folder.exists():
        folder.rename(lama)
    baru.rename(folder)
    shutil.rmtree(lama, ignore_errors=True)
    return manifest


def baca(folder: str | Path, name: str, con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyRelation:
    """One exported table read back with DuckDB (partitions as a column), e.g. for a check."""
    con = con or duckdb.connect()
    info = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))["tabel"][name]
    path = str(Path(folder) / info["jalur"])
    return con.read_parquet(path, hive_partitioning=info["partisi"] is not None)
