"""Employee imports: resolve agency, unit and join key before the generic merge.

Units are matched by SIASN UNOR ID, else by name inside the agency; unknown agencies and units are
created (a new unit hangs under its agency's root unit when there is one).
"""

from __future__ import annotations

import duckdb

# the file's columns each stored field comes from: a field whose columns the file lacks keeps its stored value
# (a shorter export never empties what a fuller one loaded)
SOURCES = {
    "nama": ("nama",),
    "jenis_pegawai": ("jenis_pegawai",),
    "tmt_cpns": ("tmt_cpns",),
    "golongan_id": ("golongan_id", "golongan_nama"),
    "jabatan_nama": ("jabatan_nama",),
    "pendidikan_id": ("pendidikan_id",),
    "kedudukan": ("kedudukan",),
}
ESELON_COLUMNS = ("eselon_id", "eselon_nama")


def _fields(present: set[str]) -> str:
    """The SELECT list of the stored fields, each from the file or, when the file lacks it, from the stored row."""
    out = ["coalesce(o.pns_id, p.pns_id) AS pns_id"]  # SIASN's person id does not go away with an empty cell
    for col, src in SOURCES.items():
        out.append(
            f"o.{col}" if present & set(src) else f"CASE WHEN p.nip IS NULL THEN o.{col} ELSE p.{col} END AS {col}"
        )
    # birth date and sex: from the file, else stored, else from the NIP (then marked as derived)
    for col in ("tanggal_lahir", "jenis_kelamin"):
        out.append(f"o.{col}" if col in present else f"coalesce(p.{col}, o.{col}) AS {col}")
    derived = [
        f"CASE WHEN o.turunan LIKE '%{col}%' AND (p.nip IS NULL OR p.turunan LIKE '%{col}%') THEN '{col}' END"
        if col not in present
        else f"CASE WHEN o.turunan LIKE '%{col}%' THEN '{col}' END"
        for col in ("tanggal_lahir", "jenis_kelamin")
    ]
    out.append(f"nullif(concat_ws(',', {', '.join(derived)}), '') AS turunan")
    # job type and eselon: a file with the eselon decides; one with only the job type keeps a structural
    # official's stored eselon (the base SIASN export has no eselon column); one with neither keeps both
    if present & set(ESELON_COLUMNS):
        out += ["o.jenis_jabatan", "o.eselon_id"]
    elif "jenis_jabatan_id" in present:
        out += [
            "CASE WHEN o._jj = 1 AND p.eselon_id IS NOT NULL THEN p.jenis_jabatan ELSE o.jenis_jabatan END "
            "AS jenis_jabatan",
            "CASE WHEN o._jj = 1 THEN p.eselon_id END AS eselon_id",
        ]
    else:
        out += [
            "CASE WHEN p.nip IS NULL THEN o.jenis_jabatan ELSE p.jenis_jabatan END AS jenis_jabatan",
            "CASE WHEN p.nip IS NULL THEN o.eselon_id ELSE p.eselon_id END AS eselon_id",
        ]
    unit = present & {"unor_id", "unor_nama"}
    agency = present & {"instansi_nama", "instansi_induk", "unor_id"}
    out.append(
        "coalesce(us.id, un.id) AS unor_id"
        if unit
        else "CASE WHEN p.nip IS NULL THEN coalesce(us.id, un.id) ELSE p.unor_id END AS unor_id"
    )
    out.append(
        "coalesce(ii.instansi_id, us.instansi_id) AS instansi_id"
        if agency
        else "CASE WHEN p.nip IS NULL THEN coalesce(ii.instansi_id, us.instansi_id) ELSE p.instansi_id END "
        "AS instansi_id"
    )
    if "lokasi_kerja" in present:
        out += ["o.kabkota_kode", "left(o.kabkota_kode, 2) AS provinsi_kode"]
    else:
        out += [
            "CASE WHEN p.nip IS NULL THEN o.kabkota_kode ELSE p.kabkota_kode END AS kabkota_kode",
            "CASE WHEN p.nip IS NULL THEN left(o.kabkota_kode, 2) ELSE p.provinsi_kode END AS provinsi_kode",
        ]
    out.append("o._jj")  # the file's job-type id, for the import summary (dropped before the merge)
    return ",\n               ".join(out)


def resolve(cur: duckdb.DuckDBPyConnection, present: set[str]) -> None:
    """Rewrite imp_ok into the pegawai table's columns, adding missing instansi and unor rows. `present`: the
    canonical columns the file has (the others keep their stored values)."""
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
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE imp_ok AS
        SELECT o._row,
               -- a new NIP gets the next key in file order; a repeated row gets the same key (so an exact
               -- repeat stays an exact repeat, and a conflicting one a conflict on the NIP)
               coalesce(p.pegawai_key, (SELECT coalesce(max(pegawai_key), 0) FROM pegawai)
                        + dense_rank() OVER (PARTITION BY p.pegawai_key IS NULL ORDER BY o._first))::INTEGER
                   AS pegawai_key,
               o.nip, {_fields(present)}
        FROM (SELECT *, min(_row) OVER (PARTITION BY nip) AS _first FROM imp_ok) o
        LEFT JOIN pegawai p ON p.nip = o.nip
        LEFT JOIN imp_inst ii USING (instansi_nama)
        LEFT JOIN (SELECT siasn_id, min(id) AS id, any_value(instansi_id) AS instansi_id
                   FROM unor GROUP BY 1) us ON us.siasn_id = o.unor_siasn
        LEFT JOIN (SELECT instansi_id, upper(nama) AS n, min(id) AS id FROM unor GROUP BY 1, 2) un
               ON o.unor_siasn IS NULL AND un.instansi_id = ii.instansi_id AND un.n = upper(o.unor_nama)""")
