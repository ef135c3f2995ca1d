"""Writing stored data back out in SIASN's own shapes (for round-trip tests, benchmarks, samples)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd

from analytics import queries

# one SELECT per kind, with SIASN's column names; `{where}` limits the employees
SIASN_SQL = {
    "pegawai": """
        SELECT p.pns_id AS "PNS ID", p.nip AS "NIP BARU", p.nama AS "NAMA",
               strftime(p.tanggal_lahir, '%d-%m-%Y') AS "TANGGAL LAHIR",
               CASE p.jenis_kelamin WHEN 'L' THEN 'M' ELSE 'F' END AS "JENIS KELAMIN",
               p.jenis_pegawai AS "JENIS PEGAWAI NAMA", p.kedudukan AS "KEDUDUKAN HUKUM NAMA",
               strftime(p.tmt_cpns, '%d-%m-%Y') AS "TMT CPNS", p.golongan_id AS "GOL AKHIR ID",
               j.siasn_id AS "JENIS JABATAN ID", p.eselon_id AS "ESELON ID", p.jabatan_nama AS "JABATAN NAMA",
               p.pendidikan_id AS "TINGKAT PENDIDIKAN ID",
               CASE k.jenis WHEN 'kota' THEN upper(k.nama)
                    ELSE 'KAB. ' || upper(regexp_replace(k.nama, '^Kabupaten ', '')) END AS "LOKASI KERJA NAMA",
               u.siasn_id AS "UNOR ID", u.nama AS "UNOR NAMA", i.nama AS "INSTANSI KERJA NAMA"
        FROM pegawai p JOIN ref_jenis_jabatan j ON j.kode = p.jenis_jabatan
        JOIN kabkota k ON k.kode = p.kabkota_kode JOIN unor u ON u.id = p.unor_id
        JOIN instansi i ON i.id = p.instansi_id WHERE {where} ORDER BY p.pegawai_key""",
    "pengembangan": """
        SELECT p.nip AS "nipBaru", e.jenis_diklat_id AS "jenisDiklatId", e.nama AS "namaKursus",
               e.jp_klaim AS "jumlahJam", strftime(e.tanggal_mulai, '%d-%m-%Y') AS "tanggalKursus",
               strftime(e.tanggal_selesai, '%d-%m-%Y') AS "tanggalSelesaiKursus",
               e.penyelenggara AS "institusiPenyelenggara", e.no_sertifikat AS "noSertipikat",
               e.latihan_struktural_id AS "latihanStrukturalId"
        FROM pengembangan e JOIN pegawai p USING (pegawai_key) WHERE {where}
        ORDER BY e.pegawai_key, e.tanggal_mulai""",
    "skp": """
        SELECT p.nip AS "nipBaru", s.tahun, s.nilai_skp AS "nilaiSkp",
               CASE s.kuadran_id WHEN 1 THEN 'SANGAT BAIK' WHEN 2 THEN 'BAIK' WHEN 3 THEN 'BUTUH PERBAIKAN'
                    WHEN 4 THEN 'KURANG' WHEN 5 THEN 'SANGAT KURANG' END AS "kuadranKinerja"
        FROM skp s JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY s.pegawai_key, s.tahun""",
    "hukdis": """
        SELECT p.nip AS "nipBaru", h.jenis_hukuman_id AS "jenisHukuman", h.tingkat AS "jenisTingkatHukumanId",
               strftime(h.tanggal_mulai, '%d-%m-%Y') AS "hukumanTanggal",
               strftime(h.tanggal_selesai, '%d-%m-%Y') AS "akhirHukumTanggal"
        FROM hukdis h JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY h.pegawai_key""",
    "bahasa": """
        SELECT p.nip AS "nipBaru", b.tes, b.bahasa, b.skor, strftime(b.tanggal, '%d-%m-%Y') AS "tanggalTes",
               b.skala_maks AS "skalaMaks"
        FROM bahasa b JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY b.pegawai_key, b.tanggal""",
    "tik": """
        SELECT p.nip AS "nipBaru", t.jenis, t.nama, t.tingkat, t.skor, strftime(t.tanggal, '%d-%m-%Y') AS tanggal
        FROM tik t JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY t.pegawai_key, t.tanggal""",
    "perilaku": """
        SELECT p.nip AS "nipBaru", b.tahun, b.berorientasi_pelayanan, b.akuntabel, b.kompeten, b.harmonis,
               b.loyal, b.adaptif, b.kolaboratif
        FROM perilaku b JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY b.pegawai_key, b.tahun""",
    "inovasi": """
        SELECT p.nip AS "nipBaru", i.judul, i.tingkat, i.status, i.peran, i.tahun
        FROM inovasi i JOIN pegawai p USING (pegawai_key) WHERE {where} ORDER BY i.pegawai_key, i.tahun""",
    "ikm": """
        SELECT u.siasn_id AS "unorId", k.tahun, k.nilai AS "nilaiIkm"
        FROM ikm k JOIN unor u ON u.id = k.unor_id
        WHERE {where} ORDER BY u.id, k.tahun""",
}


def export_siasn(
    con: duckdb.DuckDBPyConnection, kind: str, path: str | Path, *, fmt: str = "csv", max_pegawai_key: int | None = None
) -> int:
    """Write `kind` in SIASN's shape to `path` (csv | csv-id | xlsx | parquet | json); returns rows.
    csv-id is the Indonesian spreadsheet flavour: ';' delimiter and decimal comma."""
    if max_pegawai_key is None:
        where = "TRUE"
    elif kind == "ikm":  # units where one of those employees works
        where = "k.unor_id IN (SELECT unor_id FROM pegawai WHERE pegawai_key <= $maks)"
    else:
        where = "p.pegawai_key <= $maks"
    params = {"maks": max_pegawai_key} if max_pegawai_key is not None else None
    sql = queries.splice(SIASN_SQL[kind], where=where)
    cur = con.cursor()
    try:
        if fmt in ("csv", "parquet"):
            opts = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
            cur.execute(f"COPY ({sql}) TO '{_path_literal(path)}' ({opts})", params)
            return cur.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
        df = cur.execute(sql, params).df()
    finally:
        cur.close()
    if fmt == "csv-id":
        text = df.astype(object).where(df.notna(), "").astype(str)
        for col in df.select_dtypes("number").columns:
            text[col] = [("" if pd.isna(v) else f"{v:g}".replace(".", ",")) for v in df[col]]
        text.to_csv(path, sep=";", index=False)
    elif fmt == "xlsx":
        df.astype(object).where(df.notna(), None).astype(str).replace("None", "").to_excel(path, index=False)
    elif fmt == "json":
        records = json.loads(df.to_json(orient="records", force_ascii=False))
        Path(path).write_text(json.dumps({"data": records}, ensure_ascii=False), encoding="utf-8")
    else:
        raise ValueError(f"format tidak dikenal: {fmt}")
    return len(df)


def _path_literal(path: str | Path) -> str:
    """A file path as a SQL string literal (COPY TO takes no parameter for the target)."""
    return str(path).replace("'", "''")
