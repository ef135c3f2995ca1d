"""Opening the DuckDB file: schema applied idempotently, reference data loaded once."""

from __future__ import annotations

import errno
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics import audit, reference

SCHEMA_VERSION = 9


def _chain_audit(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 7: chain the audit entries written before the hash chain, in id order (each follows
    the one before it), with the same serialisation as audit.record."""
    rows = con.execute(
        "SELECT id, waktu, pengguna, aksi, rincian, cakupan FROM audit WHERE sidik IS NULL ORDER BY id"
    ).fetchall()
    sebelum, prev, chain = None, None, []
    for id_, waktu, pengguna, aksi, rincian, cakupan in rows:
        prev = audit.sidik(prev, id_, waktu, pengguna, aksi, rincian, cakupan)
        chain.append((id_, sebelum, prev))
        sebelum = id_
    if chain:
        con.register("_rantai", pd.DataFrame(chain, columns=["id", "sebelum", "sidik"]))
        con.execute("UPDATE audit SET sebelum = r.sebelum, sidik = r.sidik FROM _rantai r WHERE audit.id = r.id")
        con.unregister("_rantai")


# statements (or functions of the connection) that bring a database of version N-1 to version N;
# schema.sql runs again afterwards, so a dropped derived table comes back in its new shape (and is
# rebuilt: its meta fingerprint is gone)
MIGRATIONS = {
    2: ["ALTER TABLE bahasa ADD COLUMN IF NOT EXISTS skala_maks DOUBLE"],
    3: ["DROP TABLE IF EXISTS ringkasan_pegawai_tahun"],  # 3: JP tables
    4: [
        "DROP TABLE IF EXISTS jp_pegawai_tahun",
        "DROP TABLE IF EXISTS aturan_jp",
        "DELETE FROM meta WHERE kunci = 'aturan_jp'",
    ],  # 4: IP ASN
    5: ["ALTER TABLE pengguna ADD COLUMN IF NOT EXISTS sso VARCHAR"],  # 5: single sign-on identity
    6: [  # 6: real SIASN files (person id, derived fields, agency-converted JP, status, prestasi kerja)
        "ALTER TABLE pegawai ADD COLUMN IF NOT EXISTS pns_id VARCHAR",
        "ALTER TABLE pegawai ADD COLUMN IF NOT EXISTS turunan VARCHAR",
        "ALTER TABLE pengembangan ADD COLUMN IF NOT EXISTS status VARCHAR",
        "ALTER TABLE pengembangan ADD COLUMN IF NOT EXISTS jp_instansi BOOLEAN",
        "ALTER TABLE skp ADD COLUMN IF NOT EXISTS nilai_prestasi DOUBLE",
        "ALTER TABLE ref_jenis_hukuman ADD COLUMN IF NOT EXISTS nama_siasn VARCHAR",
        "DELETE FROM ref_jenis_hukuman",  # reloaded with all of SIASN's entries
        "DELETE FROM ref_eselon",
        "DROP TABLE IF EXISTS jp_pegawai_tahun",  # gains jp_rekap (annual totals); rebuilt
        "DELETE FROM meta WHERE kunci = 'aturan_jp'",
    ],
    7: [  # 7: the audit log's hash chain (analytics.audit.verify); entries so far are chained in id order
        "ALTER TABLE audit ADD COLUMN IF NOT EXISTS sebelum BIGINT",
        "ALTER TABLE audit ADD COLUMN IF NOT EXISTS sidik VARCHAR",
        _chain_audit,
    ],
    8: [  # 8: the JP and roster group tables (schema.sql creates them); rebuilt
        "DROP TABLE IF EXISTS jp_kelompok_tahun",
        "DELETE FROM meta WHERE kunci = 'aturan_jp'",
    ],
    9: [  # 9: who the 20 JP counts (kedudukan) and the figures to the reference date's day of each year; rebuilt
        "DROP TABLE IF EXISTS jp_kelompok_tahun",
        "DROP TABLE IF EXISTS jp_pegawai_tahun",
        "DELETE FROM meta WHERE kunci = 'aturan_jp'",
    ],
}
SCHEMA_SQL = Path(__file__).parent / "sql" / "schema.sql"


class DatabaseProblem(RuntimeError):
    """A database problem already explained in Indonesian (the message is for the user as it is)."""


class DatabaseLocked(DatabaseProblem):
    """Another process holds the database file for writing."""


class DatabaseMissing(DatabaseProblem):
    """The database file does not exist and the caller did not ask to create it."""

    def __init__(self, path: Path):
        self.path = path
        folder = "" if path.parent.is_dir() else f" (folder {path.parent} juga belum ada)"
        super().__init__(f"Basis data {path} tidak ada{folder}.")


def connect(
    path: str | Path, *, read_only: bool = False, memory_limit: str = "2.5GB", create: bool = True
) -> duckdb.DuckDBPyConnection:
    """Open the database and make sure its schema is current. A file that does not exist yet is created
    (with its folder) when `create` is true, else refused with DatabaseMissing; read-only never creates."""
    path = Path(path)
    if str(path) != ":memory:" and not path.exists():
        if read_only or not create:
            raise DatabaseMissing(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    elif path.is_file() and not _looks_like_duckdb(path):
        raise DatabaseProblem(
            f"Berkas {path} bukan basis data DuckDB. Periksa --db atau SMARTASN_DB (berkas data diimpor dengan "
            "`python -m analytics import BERKAS`, bukan dibuka sebagai basis data)."
        )
    try:
        con = duckdb.connect(str(path), read_only=read_only, config={"memory_limit": memory_limit})
    except duckdb.IOException as exc:
        if _is_lock(str(exc)):
            raise DatabaseLocked(
                f"Basis data {path} sedang dipakai proses lain (kunci berkas DuckDB). "
                "Tutup dasbor atau proses lain itu, lalu ulangi."
            ) from exc
        raise
    try:
        con.execute("SET enable_progress_bar = false")
        if not read_only:
            apply_schema(con)
    except BaseException:
        con.close()
        raise
    return con


def _looks_like_duckdb(path: Path) -> bool:
    """DuckDB's magic bytes after the 8-byte checksum (a shorter file is left to DuckDB to judge)."""
    with path.open("rb") as f:
        head = f.read(12)
    return len(head) < 12 or head[8:12] == b"DUCK"


# The errors a command reports with pesan_galat instead of a traceback: the database or the disk under it
# (a full disk, missing rights, a file that is not a database, a write that failed to commit), never a bug.
KNOWN_ERRORS: tuple[type[BaseException], ...] = (
    DatabaseProblem,
    duckdb.IOException,
    duckdb.PermissionException,
    duckdb.TransactionException,
    duckdb.FatalException,
    duckdb.OutOfMemoryException,
    OSError,
)


def _is_lock(text: str) -> bool:
    """DuckDB's 'Could not set lock on file ...: Conflicting lock is held in ...' (not any word with 'lock')."""
    return "set lock on file" in text.lower() or "conflicting lock" in text.lower()


_MASKED_ROLLBACK = "cannot rollback - no transaction is active"
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
_NO_RIGHT = (errno.EACCES, errno.EPERM, errno.EROFS)


def pesan_galat(exc: BaseException, path: str | Path | None = None) -> str:
    """The Indonesian message for one of KNOWN_ERRORS: what happened to which file and what to do, with
    DuckDB's or the system's own text after it as technical detail. `path` is the database file."""
    if isinstance(exc, DatabaseProblem):
        return str(exc)
    # a ROLLBACK after a COMMIT that failed (and so already ended the transaction) raises this; the
    # failure worth reporting is the one it was raised over
    while _MASKED_ROLLBACK in str(exc) and isinstance(exc.__context__, KNOWN_ERRORS):
        exc = exc.__context__
    text = str(exc)
    low = text.lower()
    code = getattr(exc, "errno", None)
    quoted = re.search(r'"([^"]+)"', text)
    target = getattr(exc, "filename", None) or (quoted.group(1) if quoted else None) or path
    base = f"Basis data {path}" if path else "Basis data"
    if code in _NO_SPACE or "no space left on device" in low or "disk quota exceeded" in low:
        sentence = (
            f"Disk penuh: {target or 'berkas'} tidak bisa ditulis karena ruang disk (atau kuota) habis. "
            "Kosongkan ruang di disk itu, lalu ulangi; perubahan yang gagal tidak disimpan."
        )
    elif _is_lock(text):
        sentence = (
            f"{base} sedang dipakai proses lain (kunci berkas DuckDB). Tutup dasbor atau proses lain itu, lalu ulangi."
        )
    elif (
        code in _NO_RIGHT
        or isinstance(exc, (PermissionError, duckdb.PermissionException))
        or "permission denied" in low
        or "read-only file system" in low
    ):
        if target and str(target).endswith(".wal"):
            folder = Path(target).parent
            sentence = (
                f"Folder {folder} tidak bisa ditulis: DuckDB perlu membuat berkas {Path(target).name} di samping "
                f"basis data untuk menyimpan perubahan. Beri izin tulis pada folder itu (mis. chmod u+w {folder}) "
                "atau pindahkan basis data ke folder yang bisa ditulis, lalu ulangi."
            )
        elif target and path and Path(target) == Path(path):
            sentence = (
                f"{base} tidak bisa dibuka untuk ditulis (berkas hanya-baca atau tanpa izin). Beri izin tulis "
                f"(mis. chmod u+w {path}) atau jalankan sebagai pemilik berkasnya, lalu ulangi; "
                "isinya tetap bisa dilihat dengan `python -m analytics info`."
            )
        else:
            sentence = (
                f"Tidak ada izin untuk membuka atau menulis {target or 'berkas'}. "
                "Periksa izin berkas dan foldernya, lalu ulangi."
            )
    elif code == errno.ENOENT or isinstance(exc, FileNotFoundError):
        sentence = f"Berkas atau folder {target or ''} tidak ada. Periksa jalurnya, lalu ulangi."
    elif code == errno.EISDIR or isinstance(exc, IsADirectoryError) or "is a directory" in low:
        sentence = f"{target or base} adalah folder, bukan berkas. Sebut nama berkasnya, lalu ulangi."
    elif "not a valid duckdb database" in low or "not a duckdb database" in low:
        sentence = f"{base} bukan basis data DuckDB (atau rusak). Periksa --db atau SMARTASN_DB."
    elif isinstance(exc, duckdb.OutOfMemoryException):
        sentence = (
            "Memori DuckDB tidak cukup. Naikkan SMARTASN_MEMORY_LIMIT atau pastikan folder sementara "
            "punya ruang, lalu ulangi; perubahan yang gagal tidak disimpan."
        )
    elif isinstance(exc, duckdb.FatalException) or "invalidated" in low:
        sentence = (
            f"{base} tidak bisa dipakai lagi oleh proses ini setelah galat sebelumnya. Atasi penyebabnya "
            "(lihat rincian), lalu jalankan perintahnya lagi."
        )
    else:
        sentence = (
            f"{base} tidak bisa dibaca atau ditulis. Periksa berkas dan foldernya (izin, ruang disk), "
            "lalu ulangi; perubahan yang gagal tidak disimpan."
        )
    return f"{sentence} (rincian teknis: {text})"


def apply_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, record the schema version, load reference tables when empty."""
    con.execute(SCHEMA_SQL.read_text())
    current = con.execute("SELECT max(versi) FROM schema_info").fetchall()[0][0]
    if current is None:
        con.execute("INSERT INTO schema_info VALUES (?, ?)", [SCHEMA_VERSION, datetime.now()])
    elif current < SCHEMA_VERSION:
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS.get(version, []):
                if callable(statement):
                    statement(con)
                else:
                    con.execute(statement)
            con.execute("INSERT INTO schema_info VALUES (?, ?)", [version, datetime.now()])
        con.execute(SCHEMA_SQL.read_text())
    elif current > SCHEMA_VERSION:
        raise DatabaseProblem(
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
