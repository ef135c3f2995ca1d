"""The data beyond this process: the curated and derived tables as Parquet files partitioned by year,
for a data lake or a distributed engine (Spark, Trino, DuckDB elsewhere).

`python -m analytics export-parquet DIR`: one folder per table, always, named in the manifest
(`manifest.json`: per table its folder `jalur`, `format`, partition columns `partisi`, rows, columns and
their database types, and the data date). A table with a `tahun` column is partitioned Hive-style
(DIR/jp_pegawai_tahun/tahun=2025/data_0.parquet) and, while it has no rows, holds one empty file carrying
its full schema; any other table is one file in its folder. Accounts, the audit log, import rejects and
mapping profiles are never exported. No SQL text is built here: tables are read through DuckDB's
relation API by name, from the database's own table list.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from analytics import audit, db

# never leaves by this route: passwords and SSO links, the audit trail, raw rejected rows, operations
TIDAK_DIEKSPOR = {"pengguna", "audit", "import_reject", "impor_profil", "import_log", "schema_info"}
PARTISI = "tahun"
BERKAS = "data_0.parquet"  # the one file of a table without partitions: the name DuckDB gives each partition's file


def tabel_ekspor(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables an export writes: every table of the database but TIDAK_DIEKSPOR, by name."""
    rows = con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").fetchall()
    return [t for (t,) in rows if t not in TIDAK_DIEKSPOR]


def _tulis_tabel(rel: duckdb.DuckDBPyRelation, folder: Path) -> list[str]:
    """Write one table as its folder and return its partition columns. The folder is the same whatever
    the rows: readers are given a folder (Spark's partition discovery keeps `tahun` only when it reads
    the folder, not a glob down to the files), and a table with no rows yet keeps its columns and types in
    one empty file, read with Hive partitioning as zero rows (a partitioned write of no rows writes no file)."""
    partisi = [PARTISI] if PARTISI in rel.columns else []
    if partisi and rel.shape[0] > 0:
        rel.write_parquet(str(folder), partition_by=partisi)
    else:
        folder.mkdir()
        rel.write_parquet(str(folder / BERKAS))
    return partisi


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
            partisi = _tulis_tabel(rel, baru / name)
            manifest["tabel"][name] = {
                "jalur": name,  # the table's folder under DIR: what Spark, pyarrow and DuckDB are given
                "format": "parquet",
                "partisi": partisi,
                "baris": int(rel.shape[0]),
                "kolom": list(rel.columns),
                "tipe": {c: str(t) for c, t in zip(rel.columns, rel.types)},
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
    """One exported table read back with DuckDB, e.g. for a check: the database's columns in its order and
    with its types. DuckDB guesses a partition column's type from the folder names (BIGINT for `tahun`), so
    it is cast to the manifest's type; DuckDB's `hive_types` would do it too, but refuses a table with no
    rows (no `tahun=` folder to type)."""
    con = con or duckdb.connect()
    info = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))["tabel"][name]
    rel = con.read_parquet(
        str(Path(folder) / info["jalur"] / "**" / "*.parquet"), hive_partitioning=bool(info["partisi"])
    )

    def kolom(c: str) -> duckdb.Expression:
        k = duckdb.ColumnExpression(c)
        return k.cast(duckdb.sqltype(info["tipe"][c])).alias(c) if c in info["partisi"] else k

    return rel.select(*(kolom(c) for c in info["kolom"]))


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


def terbitkan(con: duckdb.DuckDBPyConnection, tujuan: str | Path, *, oleh: str = "sistem") -> str:
    """Publish the writer's database as the snapshot file `tujuan` for read-only replicas: checkpoint
    (everything in the file, nothing pending in the WAL), copy to a new file beside `tujuan` in a child
    process (`_salin`: the writer's lock must stay), check the copy opens with its data version, then
    rename it over `tujuan` in one step (POSIX rename is atomic). A replica that has the old file open
    keeps reading the old version whole (its open file is the old one); one that opens `tujuan` after
    the rename gets the new one; nobody ever sees a half-written file. Run it from the writer with no
    write in progress (after an import). Every publication is in the writer's audit log ("terbitkan",
    by `oleh`): a snapshot is a copy of all the data. Returns the version."""
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
    audit.record(con, oleh, "terbitkan", {"snapshot": tujuan.name, "versi": ada})
    return ada
