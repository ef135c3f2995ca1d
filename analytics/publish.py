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
import subprocess
import sys
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


# --- a published snapshot for read-only replicas ----------------------------------------------------


def berkas_db(con: duckdb.DuckDBPyConnection) -> Path:
    """The file of the connection's database."""
    (path,) = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(path)


def versi(con: duckdb.DuckDBPyConnection) -> str:
    """The data version of a database: its last build, import and rule set (what the caches key on)."""
    m = db.get_meta(con)
    return "|".join((m.get("dibangun", ""), m.get("impor_terakhir", ""), m.get("aturan_jp", "")))


def _salin(asal: Path, ke: Path) -> None:
    """Copy the live database file in a child process, never in this one. On Linux, closing any
    descriptor of a file drops every POSIX lock the process holds on it: a copy made here would end
    DuckDB's write lock on the writer's file, and a second writer could then open and corrupt it. A
    child's descriptors are its own, so the writer's lock stays."""
    out = subprocess.run(
        [sys.executable, "-c", "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])", str(asal), str(ke)],
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        sebab = (out.stderr.strip().splitlines() or [f"kode keluar {out.returncode}"])[-1]
        raise OSError(f"Salinan snapshot gagal: {sebab}")


def terbitkan(con: duckdb.DuckDBPyConnection, tujuan: str | Path) -> str:
    """Publish the writer's database as the snapshot file `tujuan` for read-only replicas: checkpoint
    (everything in the file, nothing pending in the WAL), copy to a new file beside `tujuan` in a child
    process (`_salin`: the writer's lock must stay), check the copy opens with its data version, then
    rename it over `tujuan` in one step (POSIX rename is atomic). A replica that has the old file open
    keeps reading the old version whole (its open file is the old one); one that opens `tujuan` after
    the rename gets the new one; nobody ever sees a half-written file. Run it from the writer with no
    write in progress (after an import). Returns the version."""
    tujuan = Path(tujuan)
    if tujuan.resolve() == berkas_db(con).resolve():
        raise ValueError("berkas snapshot harus berbeda dari basis data penulis")
    baru = tujuan.with_name(tujuan.name + ".baru")
    baru.unlink(missing_ok=True)
    con.execute("CHECKPOINT")
    try:
        _salin(berkas_db(con), baru)
        cek = duckdb.connect(str(baru), read_only=True)
        try:
            ada = versi(cek)
        finally:
            cek.close()
        if ada != versi(con):
            raise RuntimeError("salinan snapshot tidak sama dengan basis data penulis")
        baru.replace(tujuan)
    except BaseException:
        baru.unlink(missing_ok=True)
        raise
    return ada
