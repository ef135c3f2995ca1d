"""The audit log: who did what, when, on which scope. Append-only: this module only ever adds
entries (record)."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb


def record(con: duckdb.DuckDBPyConnection, pengguna: str, aksi: str, rincian: dict, *, cakupan: str = "") -> None:
    """Append one audit entry (never personal data in `rincian`: names of files, counts, filters)."""
    con.execute(
        "INSERT INTO audit VALUES (nextval('audit_seq'), ?, ?, ?, ?, ?)",
        [datetime.now(), pengguna, aksi, json.dumps(rincian, ensure_ascii=False, default=str), cakupan],
    )


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
