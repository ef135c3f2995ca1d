"""Employee imports: resolve agency, unit and join key before the generic merge.

Units are matched by SIASN UNOR ID, else by name inside the agency; unknown agencies and units are
created (a new unit hangs under its agency's root unit when there is one).
"""

from __future__ import annotations

import duckdb


def resolve(cur: duckdb.DuckDBPyConnection) -> None:
    """Rewrite imp_ok into the pegawai table's columns, adding missing instansi and unor rows."""
    cur.execute("""
        INSERT INTO instansi
        SELECT (SELECT coalesce(max(id), 0) FROM instansi) + row_number() OVER (ORDER BY nama),
               nama,
               CASE WHEN upper(nama) LIKE 'PEMERINTAH PROVINSI%' THEN 'provinsi'
                    WHEN upper(nama) LIKE 'PEMERINTAH KAB%' OR upper(nama) LIKE 'PEMERINTAH KOTA%'
                         THEN 'kabkota' ELSE 'pusat' END,
               left(kk, 2), kk
        FROM (SELECT instansi_nama AS nama, any_value(kabkota_kode) AS kk FROM imp_ok
              WHERE instansi_nama IS NOT NULL GROUP BY 1) n
        WHERE NOT EXISTS (SELECT 1 FROM instansi i WHERE upper(i.nama) = upper(n.nama))""")
    cur.execute("""
        CREATE OR REPLACE TEMP TABLE imp_inst AS
        SELECT DISTINCT o.instansi_nama, i.id AS instansi_id FROM imp_ok o
        JOIN instansi i ON upper(i.nama) = upper(o.instansi_nama)""")
    cur.execute("""
        INSERT INTO unor
        SELECT (SELECT coalesce(max(id), 0) FROM unor) + row_number() OVER (ORDER BY siasn, nama),
               siasn, coalesce(nama, 'Unit ' || siasn), instansi_id, root,
               CASE WHEN root IS NULL THEN 1 ELSE 2 END, kk
        FROM (SELECT o.unor_siasn AS siasn, any_value(o.unor_nama) AS nama,
                     any_value(ii.instansi_id) AS instansi_id, any_value(o.kabkota_kode) AS kk,
                     (SELECT min(u.id) FROM unor u WHERE u.instansi_id = any_value(ii.instansi_id)
                                                    AND u.induk_id IS NULL) AS root
              FROM imp_ok o LEFT JOIN imp_inst ii USING (instansi_nama)
              WHERE o.unor_siasn IS NOT NULL OR o.unor_nama IS NOT NULL
              GROUP BY o.unor_siasn, CASE WHEN o.unor_siasn IS NULL THEN o.unor_nama END) n
        WHERE instansi_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM unor u WHERE u.siasn_id = n.siasn
                          OR (n.siasn IS NULL AND u.instansi_id = n.instansi_id
                              AND upper(u.nama) = upper(n.nama)))""")
    cur.execute("""
        CREATE OR REPLACE TEMP TABLE imp_ok AS
        SELECT o._row,
               -- a new NIP gets the next key in file order; a repeated row gets the same key (so an exact
               -- repeat stays an exact repeat, and a conflicting one a conflict on the NIP)
               coalesce(p.pegawai_key, (SELECT coalesce(max(pegawai_key), 0) FROM pegawai)
                        + dense_rank() OVER (PARTITION BY p.pegawai_key IS NULL ORDER BY o._first))::INTEGER
                   AS pegawai_key,
               o.nip, o.nama, o.tanggal_lahir, o.jenis_kelamin, o.jenis_pegawai, o.tmt_cpns,
               o.golongan_id, o.jenis_jabatan, o.eselon_id, o.jabatan_nama, o.pendidikan_id,
               coalesce(us.id, un.id) AS unor_id, coalesce(ii.instansi_id, us.instansi_id) AS instansi_id,
               o.kabkota_kode, left(o.kabkota_kode, 2) AS provinsi_kode, o.kedudukan
        FROM (SELECT *, min(_row) OVER (PARTITION BY nip) AS _first FROM imp_ok) o
        LEFT JOIN pegawai p ON p.nip = o.nip
        LEFT JOIN imp_inst ii USING (instansi_nama)
        LEFT JOIN (SELECT siasn_id, min(id) AS id, any_value(instansi_id) AS instansi_id
                   FROM unor GROUP BY 1) us ON us.siasn_id = o.unor_siasn
        LEFT JOIN (SELECT instansi_id, upper(nama) AS n, min(id) AS id FROM unor GROUP BY 1, 2) un
               ON o.unor_siasn IS NULL AND un.instansi_id = ii.instansi_id AND un.n = upper(o.unor_nama)""")
