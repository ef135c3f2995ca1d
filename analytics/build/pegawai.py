"""The roster's group table pegawai_kelompok: employees on file by the filter columns, sex and education
level, with how many have each key field filled (the Ringkasan composition and completeness read it)."""

from __future__ import annotations

import duckdb

from analytics.build import groups

ROSTER = """
    INSERT INTO pegawai_kelompok
    SELECT p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode, p.jenis_jabatan, p.jenis_pegawai,
           p.jenis_kelamin, r.jenjang, count(*), count(p.tanggal_lahir), count(p.pendidikan_id),
           count(p.golongan_id), count(p.unor_id), count(p.kabkota_kode)
    FROM pegawai p LEFT JOIN ref_pendidikan r ON r.id = p.pendidikan_id
    GROUP BY ALL"""


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild pegawai_kelompok whole (one pass over the roster: under a second for millions)."""
    con.execute("DELETE FROM pegawai_kelompok")
    groups.insert_sorted(con, ROSTER, order="ORDER BY provinsi_kode, instansi_id, unor_id")
