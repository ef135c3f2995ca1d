"""The audit log: who did what, when, on which scope. Append-only: this module only ever adds
entries (record), and each entry carries a hash chain so that changes made behind its back show.

Each entry stores `sebelum` (the id of the newest entry it saw when it was written) and `sidik`,
the sha256 of that entry's sidik followed by its own id, waktu, pengguna, aksi, rincian and cakupan
(`sidik`, below, is the one serialisation). `verify` recomputes the chain and names what no longer
fits. Entries written in two open transactions at once may both follow the same entry (the chain
forks there); verify accepts that, since every entry still names the one it follows."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from datetime import datetime

import duckdb

# one writer at a time in this process (DuckDB lets only one process write the file): two sessions'
# threads read the newest entry and append after it in turn, so the chain does not fork between them
_LOCK = threading.Lock()


def sidik(sebelum: str | None, id_: int, waktu: datetime, pengguna, aksi, rincian, cakupan) -> str:
    """sha256 (hex) of the previous entry's sidik ('' for the first) and this entry's fields, as a
    compact JSON array with waktu to the microsecond: a fixed serialisation."""
    teks = json.dumps(
        [sebelum or "", int(id_), waktu.isoformat(timespec="microseconds"), pengguna, aksi, rincian, cakupan],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def record(con: duckdb.DuckDBPyConnection, pengguna: str, aksi: str, rincian: dict, *, cakupan: str = "") -> None:
    """Append one audit entry, chained to the newest one `con` sees (never personal data in `rincian`:
    names of files, counts, filters)."""
    teks = json.dumps(rincian, ensure_ascii=False, default=str)
    waktu = datetime.now()
    with _LOCK:
        last = con.execute("SELECT id, sidik FROM audit ORDER BY id DESC LIMIT 1").fetchall()
        sebelum, prev = last[0] if last else (None, None)
        id_ = con.execute("SELECT nextval('audit_seq')").fetchall()[0][0]
        tanda = sidik(prev, id_, waktu, pengguna, aksi, teks, cakupan)
        con.execute(
            "INSERT INTO audit (id, waktu, pengguna, aksi, rincian, cakupan, sebelum, sidik) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [id_, waktu, pengguna, aksi, teks, cakupan, sebelum, tanda],
        )


def verify(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The problems the hash chain shows, oldest entry first, in Indonesian ([] when it is intact):
    'entri #12 diubah' (its content or the entry it follows no longer matches its sidik; an entry
    rewritten together with its own sidik shows up as the next entry changed), 'entri #13 hilang'
    (deleted, while a later entry still follows it), 'entri #14 tanpa sidik' or 'entri #14 tidak
    menyambung' (added outside this module: no sidik, or a second start of the chain), 'entri #15
    tercatat 2 kali'.

    Not detected: the newest entries deleted (no later entry follows them; a count kept in `meta`
    would make every audited write in an import's transaction conflict with logins meanwhile), nor an
    entry no later entry follows because it was written in a concurrent transaction; gaps in ids alone
    are no evidence (DuckDB's sequence does not roll back, so a rolled-back import leaves one). Whoever
    can write the file can also recompute the whole chain, or add a well-formed entry after any
    other: this shows edits made with plain SQL, it does not prevent them."""
    rows = (
        con.cursor()
        .execute("SELECT id, waktu, pengguna, aksi, rincian, cakupan, sebelum, sidik FROM audit ORDER BY id")
        .fetchall()
    )
    stored = {r[0]: r[7] for r in rows}
    # what each entry's sidik should be given the one it follows: a changed entry is named once, the
    # next one still matching its predecessor as it was written
    recomputed: dict[int, str] = {}
    found: dict[tuple[int, int], str] = {}  # (id, kind) -> message
    for id_, n in Counter(r[0] for r in rows).items():
        if n > 1:
            found[(id_, 0)] = f"entri #{id_} tercatat {n} kali"
    for id_, waktu, pengguna, aksi, rincian, cakupan, sebelum, tersimpan in rows:
        if tersimpan is None:
            found[(id_, 1)] = f"entri #{id_} tanpa sidik (ditambahkan di luar aplikasi)"
            continue
        if sebelum is None and id_ != rows[0][0]:  # only the first entry starts the chain
            found[(id_, 1)] = f"entri #{id_} tidak menyambung ke entri sebelumnya (ditambahkan di luar aplikasi)"
            continue
        if sebelum is not None and sebelum not in stored:
            found[(sebelum, 2)] = f"entri #{sebelum} hilang"
            continue
        fields = (id_, waktu, pengguna, aksi, rincian, cakupan)
        recomputed[id_] = sidik(stored.get(sebelum), *fields)
        if tersimpan != recomputed[id_] and (
            sebelum not in recomputed or tersimpan != sidik(recomputed[sebelum], *fields)
        ):
            found[(id_, 3)] = f"entri #{id_} diubah"
    return [found[k] for k in sorted(found)]


AKSI = [
    "login", "login_gagal", "logout", "sesi_habis", "impor", "impor_ditolak", "ekspor", "demo_nonaktif",
    "pengguna_tambah", "pengguna_sandi", "pengguna_aktif", "pengguna_nonaktif",
]  # fmt: skip


def entries(
    con: duckdb.DuckDBPyConnection, *, aksi: tuple[str, ...] = (), pengguna: str | None = None, limit: int = 1000
):
    """The newest audit entries (optionally of some actions, of one user): waktu, pengguna, aksi, rincian,
    cakupan."""
    return (
        con.cursor()
        .execute(
            """SELECT waktu, pengguna, aksi, rincian, cakupan FROM audit
               WHERE (len($aksi) = 0 OR list_contains($aksi, aksi)) AND ($pengguna IS NULL OR pengguna = $pengguna)
               ORDER BY id DESC LIMIT $limit""",
            {"aksi": list(aksi), "pengguna": pengguna or None, "limit": limit},
        )
        .df()
    )
