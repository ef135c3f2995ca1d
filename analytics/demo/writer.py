"""SQL that turns the generator's numeric frames into table rows (strings are made here, in bulk)."""

from __future__ import annotations

import duckdb
import pandas as pd

FIRST_L = [
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Kurniawan",
    "Made",
    "Nyoman",
    "Rahmat",
    "Rudi",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Andi",
    "Bambang",
    "Dimas",
    "Arif",
    "Hasan",
    "Imam",
    "Putu",
    "Ridwan",
    "Sutrisno",
    "Taufik",
    "Yohanes",
    "Fransiskus",
    "Muhammad",
]
FIRST_P = [
    "Ani",
    "Dewi",
    "Fitri",
    "Indah",
    "Lestari",
    "Maria",
    "Nur",
    "Putri",
    "Ratna",
    "Sari",
    "Siti",
    "Sri",
    "Tuti",
    "Wulan",
    "Yuliana",
    "Ayu",
    "Desi",
    "Evi",
    "Rina",
    "Nining",
    "Kadek",
    "Ketut",
    "Nurul",
    "Rahmawati",
    "Susanti",
    "Theresia",
    "Veronika",
    "Yanti",
    "Elisabeth",
    "Aisyah",
]
LAST = [
    "Saputra",
    "Wijaya",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Simanjuntak",
    "Pratama",
    "Santoso",
    "Setiawan",
    "Kusuma",
    "Purnomo",
    "Wibowo",
    "Susanto",
    "Rahman",
    "Syahputra",
    "Tanjung",
    "Manurung",
    "Pangaribuan",
    "Sitompul",
    "Lumbantobing",
    "Ginting",
    "Tarigan",
    "Sembiring",
    "Mahendra",
    "Permana",
    "Gunawan",
    "Halim",
    "Rumbiak",
    "Wenda",
    "Kogoya",
    "Pattimura",
    "Latuconsina",
    "Mokodongan",
    "Daeng",
    "Situmorang",
    "Hutapea",
    "Marpaung",
    "Nainggolan",
]
JABATAN = {
    "jpt": ["Kepala Dinas", "Kepala Badan", "Direktur", "Kepala Kantor Wilayah", "Asisten Daerah"],
    "administrator": ["Kepala Bagian", "Kepala Bidang", "Sekretaris Dinas", "Camat", "Kepala Kantor"],
    "pengawas": ["Kepala Seksi", "Kepala Subbagian", "Lurah", "Kepala Subbidang"],
    "fungsional_0": [
        "Guru Ahli Pertama",
        "Guru Ahli Muda",
        "Guru Ahli Madya",
        "Guru Ahli Pertama",
        "Dosen Asisten Ahli",
        "Pengawas Sekolah Ahli Muda",
    ],
    "fungsional_1": [
        "Perawat Terampil",
        "Perawat Ahli Pertama",
        "Bidan Terampil",
        "Dokter Ahli Pertama",
        "Apoteker Ahli Pertama",
        "Perawat Ahli Muda",
    ],
    "fungsional_2": [
        "Analis Kebijakan Ahli Muda",
        "Pranata Komputer Ahli Pertama",
        "Auditor Ahli Pertama",
        "Analis SDM Aparatur Ahli Muda",
        "Arsiparis Terampil",
        "Penyuluh Pertanian Ahli Pertama",
        "Statistisi Ahli Pertama",
    ],
    "pelaksana": [
        "Pengadministrasi Perkantoran",
        "Penata Layanan Operasional",
        "Operator Layanan Operasional",
        "Pengelola Umum Operasional",
        "Penelaah Teknis Kebijakan",
    ],
}


def jabatan_pilihan(jenis: str, kind: int) -> list[str]:
    """The names PEGAWAI_SQL picks a post's name from, by job type and (for a functional post) unit kind."""
    return JABATAN[f"fungsional_{kind}" if jenis == "fungsional" else jenis]


TOPIK = [
    "Manajemen Risiko",
    "Analisis Data",
    "Pelayanan Publik Prima",
    "Penyusunan SKP",
    "Keamanan Informasi",
    "Pengadaan Barang/Jasa",
    "Kearsipan Digital",
    "SPBE",
    "Perencanaan dan Penganggaran",
    "Kepemimpinan Digital",
    "Moderasi Beragama",
    "Pencegahan Korupsi",
    "Literasi Digital",
    "Bahasa Inggris",
    "Public Speaking",
    "Manajemen Kinerja",
    "Kurikulum Merdeka",
    "Penanganan Kegawatdaruratan",
    "Statistik Sektoral",
    "Penyusunan Regulasi",
    "Inovasi Pelayanan",
    "Core Values BerAKHLAK",
    "Design Thinking",
    "Manajemen Aset Daerah",
    "Audit Berbasis Risiko",
]
PENYELENGGARA = [
    "BPSDM Provinsi",
    "Lembaga Administrasi Negara",
    "Pusdiklat Kementerian",
    "Badan Kepegawaian Negara",
    "Internal Unit Kerja",
    "Perguruan Tinggi",
    "Lembaga Pelatihan Swasta",
    "ASN Unggul (LMS nasional)",
    "Korpri",
    "Pusat Pengembangan Kompetensi",
]
# about 2% of activities have a foreign or international organiser (Smart ASN wawasan global)
INTERNASIONAL = [
    "JICA (Jepang)",
    "KOICA (Korea Selatan)",
    "Australia Awards",
    "Sekretariat ASEAN",
    "Colombo Plan",
    "World Bank Group",
    "UNDP Indonesia",
]
TES = ["TOEFL ITP", "IELTS", "TOEIC", "TOEFL iBT"]
SERTIFIKAT_TIK = [
    "Microsoft Office Specialist",
    "Cisco CCNA",
    "Analis Data Junior (BNSP)",
    "Junior Web Developer (BNSP)",
    "ISO/IEC 27001 Lead Implementer",
    "Google Data Analytics",
    "Pengelola Keamanan Informasi (BSSN)",
]
INOVASI = [
    "Layanan Antrean Daring",
    "Dasbor Kinerja Unit",
    "Arsip Digital Terpadu",
    "Pojok Konsultasi Publik",
    "Sistem Pengaduan Terintegrasi",
    "Jemput Bola Administrasi",
]


def _lit(values: list[str]) -> str:
    """A DuckDB list literal of our own constant strings (never user input)."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def _pick(values: list[str], col: str) -> str:
    return f"list_element({_lit(values)}, ({col} % {len(values)}) + 1)"


def insert(con: duckdb.DuckDBPyConnection, sql: str, frame: pd.DataFrame, **params) -> None:
    """Run an INSERT ... SELECT over `frame` registered as `src`, with named parameters."""
    con.register("src", frame)
    try:
        con.execute(sql, params or None)
    finally:
        con.unregister("src")


PEGAWAI_SQL = f"""
INSERT INTO pegawai
SELECT s.pegawai_key, CAST(s.nip AS VARCHAR),
       CASE WHEN s.female THEN {_pick(FIRST_P, "s.name_a")} ELSE {_pick(FIRST_L, "s.name_a")} END
         || ' ' || {_pick(LAST, "s.name_b")},
       DATE '1970-01-01' + CAST(s.birth_day AS INTEGER), CASE WHEN s.female THEN 'P' ELSE 'L' END,
       CASE WHEN s.pppk THEN 'PPPK' ELSE 'PNS' END, DATE '1970-01-01' + CAST(s.tmt_day AS INTEGER), s.golongan_id,
       {_lit(["jpt", "administrator", "pengawas", "fungsional", "pelaksana"])}[s.job + 1],
       NULLIF(s.eselon_id, 0),
       CASE s.job WHEN 0 THEN {_pick(JABATAN["jpt"], "s.jabatan_pick")}
                  WHEN 1 THEN {_pick(JABATAN["administrator"], "s.jabatan_pick")}
                  WHEN 2 THEN {_pick(JABATAN["pengawas"], "s.jabatan_pick")}
                  WHEN 4 THEN {_pick(JABATAN["pelaksana"], "s.jabatan_pick")}
                  ELSE CASE s.kind WHEN 0 THEN {_pick(JABATAN["fungsional_0"], "s.jabatan_pick")}
                                   WHEN 1 THEN {_pick(JABATAN["fungsional_1"], "s.jabatan_pick")}
                                   ELSE {_pick(JABATAN["fungsional_2"], "s.jabatan_pick")} END END,
       NULLIF(s.pendidikan_id, 0), s.unor_id, u.instansi_id, u.kabkota_kode, left(u.kabkota_kode, 2),
       {_lit(["Aktif", "Tugas Belajar", "CLTN", "Pemberhentian Sementara"])}[s.kedudukan + 1],
       $import_id, md5('pns' || s.nip), NULL
FROM src s JOIN unor u ON u.id = s.unor_id
"""

PENGEMBANGAN_SQL = f"""
INSERT INTO pengembangan
SELECT s.pegawai_key, s.jenis,
       j.nama || ' ' || {_pick(TOPIK, "s.topic")},
       CASE WHEN s.org % 50 = 7 THEN {_pick(INTERNASIONAL, "s.org // 50")} ELSE {_pick(PENYELENGGARA, "s.org")} END,
       DATE '1970-01-01' + CAST(s.start_day AS INTEGER), DATE '1970-01-01' + CAST(s.end_day AS INTEGER), s.jp,
       CASE WHEN s.certified THEN printf('SRT/%d/%010d', year(DATE '1970-01-01' + CAST(s.end_day AS INTEGER)),
                                         s.cert_seq) END,
       NULL, $import_id, NULL, NULL
FROM src s JOIN ref_jenis_diklat j ON j.id = s.jenis
"""

STRUKTURAL_SQL = """
INSERT INTO pengembangan
SELECT s.pegawai_key, 1, CASE WHEN s.level = 8 THEN 'Pelatihan Dasar CPNS' ELSE l.nama END,
       'Lembaga Administrasi Negara', DATE '1970-01-01' + CAST(s.start_day AS INTEGER),
       DATE '1970-01-01' + CAST(s.end_day AS INTEGER), s.jp,
       printf('PIM/%d/%02d/%09d', year(DATE '1970-01-01' + CAST(s.end_day AS INTEGER)), s.level, s.pegawai_key),
       s.level, $import_id, NULL, NULL
FROM src s JOIN ref_latihan_struktural l ON l.id = s.level
"""

SKP_SQL = """
INSERT INTO skp SELECT pegawai_key, tahun, CASE WHEN isnan(nilai) THEN NULL ELSE nilai END,
       NULLIF(kuadran, -1), predikat, $import_id, NULL FROM src
"""
HUKDIS_SQL = """
INSERT INTO hukdis SELECT pegawai_key, jenis, ['R', 'S', 'B'][tingkat + 1],
       DATE '1970-01-01' + CAST(start_day AS INTEGER), DATE '1970-01-01' + CAST(end_day AS INTEGER), $import_id FROM src
"""
BAHASA_SQL = f"""
INSERT INTO bahasa SELECT pegawai_key, {_lit(TES)}[tes + 1], 'Inggris', skor,
       DATE '1970-01-01' + CAST(day AS INTEGER), $import_id, NULL FROM src
"""
TIK_SQL = f"""
INSERT INTO tik SELECT pegawai_key, CASE WHEN sertifikat THEN 'sertifikasi' ELSE 'asesmen' END,
       CASE WHEN sertifikat THEN {_pick(SERTIFIKAT_TIK, "pick")} ELSE 'Asesmen Literasi Digital ASN' END,
       CASE WHEN sertifikat THEN ['dasar', 'menengah', 'mahir'][(pick % 3) + 1] END,
       CASE WHEN isnan(skor) THEN NULL ELSE skor END, DATE '1970-01-01' + CAST(day AS INTEGER), $import_id FROM src
"""
PERILAKU_SQL = "INSERT INTO perilaku SELECT *, $import_id FROM src"
INOVASI_SQL = f"""
INSERT INTO inovasi SELECT pegawai_key, {_pick(INOVASI, "pick")},
       ['unit', 'instansi', 'nasional'][tingkat + 1],
       ['diusulkan', 'diterapkan', 'penghargaan'][status + 1],
       CASE WHEN ketua THEN 'ketua' ELSE 'anggota' END, tahun, $import_id FROM src
"""
IKM_SQL = "INSERT INTO ikm SELECT unor_id, tahun, nilai, $import_id FROM src"
