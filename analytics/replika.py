"""A read-only dashboard replica over a published snapshot (analytics.publish.terbitkan).

Several app processes (on one machine or many, over a shared folder) serve the viewers from one
snapshot file the writer publishes after each import. A replica opens its own small writable file
(SMARTASN_DB: its audit log and its accounts' login state, since every way data leaves is audited
and a lock-out must count), attaches the snapshot read-only as `data` and puts a view over each of
the snapshot's tables in its own catalog, so every query, on any cursor, reads the snapshot by the
usual table names. Between page runs, `segarkan` sees whether the writer renamed a new snapshot
into place; if so it waits for the runs in progress (analytics.gerbang), attaches the new file and
lets new runs go on: each run sees one version whole, never a half-written file (the rename is
atomic and the old file stays readable while it is attached).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics import db
from analytics.gerbang import GERBANG

# the tables a replica writes itself: its audit log and its accounts (login failures, lock-outs)
SENDIRI = ("audit", "pengguna")


class BelumTerbit(db.DatabaseMissing):
    """No snapshot at the replica's SMARTASN_REPLIKA yet: the writer has not published one."""


@dataclass
class Replika:
    """The snapshot a replica has attached, and how to see that the writer published a new one."""

    snapshot: Path
    tanda: tuple[int, int, int] = (0, 0, 0)  # inode, mtime, size of the attached file


# id(connection) -> (the connection, its snapshot): holding the connection keeps its id from being reused
_REPLIKA: dict[int, tuple[duckdb.DuckDBPyConnection, Replika]] = {}


def _tanda(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def buka(snapshot: str | Path, sendiri: str | Path, *, memory_limit: str = "2.5GB") -> duckdb.DuckDBPyConnection:
    """Open a replica: the writable file `sendiri` (created when missing) with the snapshot attached
    read-only. BelumTerbit when no snapshot has been published yet."""
    snapshot, sendiri = Path(snapshot), Path(sendiri)
    if not snapshot.exists():
        raise BelumTerbit(snapshot)
    if snapshot.resolve() == sendiri.resolve():
        raise ValueError("berkas replika (SMARTASN_DB) harus berbeda dari snapshot (SMARTASN_REPLIKA)")
    sendiri.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(sendiri), config={"memory_limit": memory_limit})
    con.execute("SET enable_progress_bar = false")
    r = Replika(snapshot)
    _pasang(con, r)
    _REPLIKA[id(con)] = (con, r)
    return con


def is_replika(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `con` was opened by buka (a read-only replica)."""
    entry = _REPLIKA.get(id(con))
    return entry is not None and entry[0] is con


def segarkan(con: duckdb.DuckDBPyConnection) -> bool:
    """Attach the snapshot anew when the writer has published another one since; True when it did.
    Call it between page runs (app.py does, before a run takes the gate for reading)."""
    r = _REPLIKA[id(con)][1]
    try:
        baru = _tanda(r.snapshot)
    except FileNotFoundError:
        return False  # mid-publication on a file system without atomic rename: keep the one attached
    if baru == r.tanda:
        return False
    with GERBANG.tulis():  # the runs in progress finish on the old file; new runs wait
        con.execute("DETACH data")
        _pasang(con, r)
    return True


def _pasang(con: duckdb.DuckDBPyConnection, r: Replika) -> None:
    r.tanda = _tanda(r.snapshot)
    con.execute("ATTACH ? AS data (READ_ONLY)", [str(r.snapshot)])
    tables = [
        t
        for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'data' AND schema_name = 'main'"
        ).fetchall()
    ]
    for t in tables:
        if not t.isidentifier():
            raise db.DatabaseProblem(f"Snapshot memuat tabel bernama tidak lazim: {t!r}")
        if t in SENDIRI:
            continue
        con.execute(f'CREATE OR REPLACE VIEW "{t}" AS SELECT * FROM data.main."{t}"')  # noqa: S608 (checked names)
    _akun_dan_log(con)


def _akun_dan_log(con: duckdb.DuckDBPyConnection) -> None:
    """The replica's own accounts (from the snapshot, keeping its own failure counts and lock-outs) and
    audit log (its own hash chain, starting where it left off)."""
    con.execute("CREATE TABLE IF NOT EXISTS pengguna AS SELECT * FROM data.main.pengguna LIMIT 0")
    con.execute("CREATE TABLE IF NOT EXISTS audit AS SELECT * FROM data.main.audit LIMIT 0")
    start = con.execute("SELECT coalesce(max(id), 0) + 1 FROM audit").fetchall()[0][0]
    con.execute(f"CREATE SEQUENCE IF NOT EXISTS audit_seq START {int(start)}")
    con.execute("BEGIN")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _lokal AS SELECT nama, gagal, kunci_sampai FROM pengguna")
        con.execute("DELETE FROM pengguna")
        con.execute(
            """INSERT INTO pengguna BY NAME
               SELECT d.* EXCLUDE (gagal, kunci_sampai), coalesce(l.gagal, d.gagal) AS gagal,
                      CASE WHEN l.nama IS NULL THEN d.kunci_sampai ELSE l.kunci_sampai END AS kunci_sampai
               FROM data.main.pengguna d LEFT JOIN _lokal l USING (nama)"""
        )
        con.execute("DROP TABLE _lokal")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
