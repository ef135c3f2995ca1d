"""Code lists used across the product (SIASN ids, written out here in our own words).

Regions come from the `lokal` package (Kepmendagri 2025 codes); everything else is a small
code list that SIASN exports refer to by id.
"""

from __future__ import annotations

import pandas as pd

# Golongan PNS: SIASN ids 11..45. PPPK grades I..XVII get our own ids 101..117.
GOLONGAN_PNS = {
    11: "I/a",
    12: "I/b",
    13: "I/c",
    14: "I/d",
    21: "II/a",
    22: "II/b",
    23: "II/c",
    24: "II/d",
    31: "III/a",
    32: "III/b",
    33: "III/c",
    34: "III/d",
    41: "IV/a",
    42: "IV/b",
    43: "IV/c",
    44: "IV/d",
    45: "IV/e",
}
_ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split()
GOLONGAN_PPPK = {100 + i: r for i, r in enumerate(_ROMAN, start=1)}

# Tingkat pendidikan (SIASN ids) and the five groups the public statistics use.
PENDIDIKAN = {
    5: ("SD", "SD-SLTA"),
    10: ("SLTP", "SD-SLTA"),
    12: ("SLTP Kejuruan", "SD-SLTA"),
    15: ("SLTA", "SD-SLTA"),
    17: ("SLTA Kejuruan", "SD-SLTA"),
    18: ("SLTA Keguruan", "SD-SLTA"),
    20: ("D-I", "D-I s.d. D-III"),
    25: ("D-II", "D-I s.d. D-III"),
    30: ("D-III/Sarjana Muda", "D-I s.d. D-III"),
    35: ("D-IV", "D-IV/S-1"),
    40: ("S-1", "D-IV/S-1"),
    45: ("S-2", "S-2"),
    50: ("S-3", "S-3"),
}
JENJANG_URUT = ["SD-SLTA", "D-I s.d. D-III", "D-IV/S-1", "S-2", "S-3"]

# SIASN jenisDiklatId: name and whether the form is classical.
JENIS_DIKLAT = {
    1: ("Diklat Struktural", True),
    2: ("Diklat Fungsional", True),
    3: ("Diklat Teknis", True),
    4: ("Workshop", True),
    5: ("Pelatihan Manajerial", True),
    6: ("Pelatihan Sosial Kultural", True),
    7: ("Sosialisasi", True),
    8: ("Bimbingan Teknis", True),
    9: ("Seminar", True),
    10: ("Magang", True),
    11: ("Kursus", True),
    12: ("Penataran", True),
    13: ("Klasikal Lainnya", True),
    14: ("Coaching", False),
    15: ("Mentoring", False),
    16: ("E-Learning", False),
    17: ("Pelatihan Jarak Jauh", False),
    18: ("Detasering (Secondment)", False),
    19: ("Outbond", False),
    20: ("Benchmarking", False),
    21: ("Pertukaran PNS dengan Swasta/BUMN/BUMD", False),
    22: ("Belajar Mandiri", False),
    23: ("Community of Practice", False),
    24: ("Bimbingan di Tempat Kerja", False),
    25: ("Nonklasikal Lainnya", False),
}

# SIASN's jenisKursusSertifikat letter of each jenisDiklatId (F fungsional, P seminar-like, T the rest),
# by which legacy course rows without an id are classified; a letter's default when the activity's name
# does not decide: F is one kind; T is read as "teknis" (Diklat Teknis) [A]; P has none (the row is refused)
SERTIFIKAT_JENIS = {
    "F": (2,),
    "P": (4, 7, 9),
    "T": (1, 3, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25),
}
SERTIFIKAT_BAWAAN = {"F": 2, "T": 3}

# Our job-type categories (what IP ASN and the public statistics distinguish), with the SIASN
# jenis_jabatan_id each maps to (1 Struktural, 2 Fungsional Tertentu, 4 Fungsional Umum).
JENIS_JABATAN = {
    "jpt": ("Jabatan Pimpinan Tinggi", 1),
    "administrator": ("Administrator", 1),
    "pengawas": ("Pengawas", 1),
    "fungsional": ("Fungsional", 2),
    "pelaksana": ("Pelaksana", 4),
}

# SIASN eselon ids and the job-type category each belongs to. SIASN's 10 is I.a of a JPT Utama; eselon V
# (51, 52, abolished) is the lowest supervisory level, counted as pengawas [A]; 00 and 99 ("NON") mean none.
ESELON = {
    10: ("I.a", "jpt"),
    11: ("I.a", "jpt"),
    12: ("I.b", "jpt"),
    21: ("II.a", "jpt"),
    22: ("II.b", "jpt"),
    31: ("III.a", "administrator"),
    32: ("III.b", "administrator"),
    41: ("IV.a", "pengawas"),
    42: ("IV.b", "pengawas"),
    51: ("V.a", "pengawas"),
    52: ("V.b", "pengawas"),
}
NON_ESELON = (0, 99)  # SIASN ids that mean "no eselon"

# SIASN latihanStrukturalId (leadership training levels).
LATIHAN_STRUKTURAL = {
    1: "SEPADA",
    2: "Diklat PIM Tk. IV / Pelatihan Kepemimpinan Pengawas",
    3: "Diklat PIM Tk. III / Pelatihan Kepemimpinan Administrator",
    4: "Diklat PIM Tk. II / PKN Tk. II",
    5: "Diklat PIM Tk. I / PKN Tk. I",
    6: "SESPIM",
    7: "SESPATI",
    8: "Diklat Struktural Lainnya",
}

# Hukuman disiplin (SIASN jenisHukumanId): our name, its level R/S/B and the name as SIASN's reference
# list spells it (imports match either). 1-14 are PP 53/2010 punishments, 21-28 PP 94/2021 ones.
JENIS_HUKUMAN = {
    1: ("Teguran lisan", "R", "TEGURAN LISAN"),
    2: ("Teguran tertulis", "R", "TEGURAN TERTULIS"),
    3: ("Pernyataan tidak puas secara tertulis", "R", "PERNYATAAN TIDAK PUAS SECARA TERTULIS"),
    4: ("Penundaan KGB 1 tahun", "S", "PENUNDAAN KGB SELAMA 1 THN"),
    5: ("Penurunan gaji paling lama 1 tahun", "S", "PENURUNAN GAJI MAX 1 TH"),
    6: ("Penundaan gaji paling lama 1 tahun", "S", "PENUNDAAN GAJI MAX 1 THN"),
    7: ("Penundaan kenaikan pangkat 1 tahun", "S", "PENUNDAAN KP SELAMA 1 THN"),
    8: ("Penurunan pangkat 1 tingkat 1 tahun", "S", "PENURUNAN PANGKAT 1 TINGKAT 1 THN"),
    9: ("Pembebasan dari jabatan", "B", "PEMBEBASAN DARI JABATAN"),
    10: (
        "Pemberhentian dengan hormat tidak atas permintaan sendiri",
        "B",
        "PEMBERHENTIAN DENGAN HORMAT TIDAK ATAS PERMINTAAN SENDIRI",
    ),
    11: ("Pemberhentian tidak dengan hormat", "B", "PEMBERHENTIAN TIDAK DENGAN HORMAT SEBAGAI PNS"),
    12: ("Pengaktifan hukuman disiplin", "B", "PENGAKTIFAN HUKUMAN DISIPLIN"),
    13: (
        "Pemindahan dalam rangka penurunan jabatan 1 tingkat",
        "B",
        "PEMINDAHAN DLM RANGKA PENURUNAN JABATAN 1 TINGKAT",
    ),
    14: ("Penurunan pangkat 1 tingkat 3 tahun", "B", "PENURUNAN PANGKAT 1 TINGKAT 3 THN"),
    21: ("Sanksi moral terbuka", "R", "SANKSI MORAL TERBUKA"),
    22: ("Sanksi moral tertutup", "R", "SANKSI MORAL TERTUTUP"),
    23: ("Pemotongan tunjangan kinerja 25% selama 6 bulan", "S", "PEMOTONGAN TUNKIN 25% 6 BLN"),
    24: ("Pemotongan tunjangan kinerja 25% selama 9 bulan", "S", "PEMOTONGAN TUNKIN 25% 9 BLN"),
    25: ("Pemotongan tunjangan kinerja 25% selama 12 bulan", "S", "PEMOTONGAN TUNKIN 25% 12 BLN"),
    27: (
        "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
        "B",
        "PENURUNAN DARI JABATAN SETINGKAT LEBIH RENDAH SELAMA 12 BLN",
    ),
    28: (
        "Pembebasan dari jabatan menjadi pelaksana selama 12 bulan",
        "B",
        "PEMBEBASAN DARI JABATAN MENJADI PELAKSANA SELAMA 12 BLN",
    ),
}

# Unified performance rating (1 best .. 5 worst) shared by SKP kuadranKinerja and PP 46/2011 bands.
PREDIKAT_KINERJA = {1: "Sangat Baik", 2: "Baik", 3: "Butuh Perbaikan / Cukup", 4: "Kurang", 5: "Sangat Kurang / Buruk"}

# Kedudukan hukum (SIASN kedudukanHukum ids) and the name an export prints for each; a pegawai row may carry
# either (the 20 JP rule in the rules file [jp.kedudukan] lists ids).
KEDUDUKAN = {
    "01": "Aktif",
    "02": "CLTN",
    "03": "Tugas Belajar",
    "04": "Pemberhentian Sementara",
    "05": "Penerima Uang Tunggu",
    "06": "Prajurit Wajib",
    "07": "Pejabat Negara",
    "08": "Kepala Desa",
    "09": "Sedang dlm Proses Banding BAPEK",
    "11": "Pegawai Titipan",
    "12": "Pengungsi",
    "13": "Perpanjangan CLTN",
    "14": "PNS yang dinyatakan hilang",
    "15": "PNS kena hukuman disiplin",
    "16": "Pemindahan dalam rangka penurunan Jabatan",
    "20": "Masa Persiapan Pensiun",
    "51": "CPNS yang belum menerima SK CPNS",
    "52": "Tidak Aktif",
    "66": "Diberhentikan",
    "67": "Punah",
    "68": "Eks PNS Timor Timur",
    "69": "TMS Dari Pengadaan",
    "70": "Pembatalan NIP",
    "77": "Pemberhentian tanpa hak pensiun",
    "88": "Pemberhentian dengan hak pensiun",
    "89": "Tidak aktif tetapi diusulkan Pensiun",
    "90": "Tidak Ikut PUPNS 2015",
    "91": "Tindak Pidana/Tindak Pidana Jabatan",
    "92": "Pemblokiran Data PNS",
    "98": "Mencapai BUP",
    "99": "Pensiun",
}


def provinsi_frame() -> pd.DataFrame:
    """One row per province: kode ('11'), nama."""
    from lokal import wilayah

    rows = [(w.code, w.name) for w in wilayah.list_wilayah()]
    return pd.DataFrame(rows, columns=["kode", "nama"])


def kabkota_frame() -> pd.DataFrame:
    """One row per kabupaten/kota: kode ('32.73'), provinsi_kode, nama, jenis (kabupaten|kota)."""
    from lokal import wilayah

    rows = []
    for p in wilayah.list_wilayah():
        for k in wilayah.list_wilayah(p.code):
            jenis = "kota" if int(k.code.split(".")[1]) >= 70 else "kabupaten"
            rows.append((k.code, p.code, k.name, jenis))
    return pd.DataFrame(rows, columns=["kode", "provinsi_kode", "nama", "jenis"])


def code_frames() -> dict[str, pd.DataFrame]:
    """The small code lists as frames keyed by their table name."""
    return {
        "ref_golongan": pd.DataFrame(
            [(k, v, "PNS") for k, v in GOLONGAN_PNS.items()] + [(k, v, "PPPK") for k, v in GOLONGAN_PPPK.items()],
            columns=["id", "nama", "jenis_pegawai"],
        ),
        "ref_pendidikan": pd.DataFrame(
            [(k, n, j) for k, (n, j) in PENDIDIKAN.items()], columns=["id", "nama", "jenjang"]
        ),
        "ref_jenis_diklat": pd.DataFrame(
            [(k, n, c) for k, (n, c) in JENIS_DIKLAT.items()], columns=["id", "nama", "klasikal"]
        ),
        "ref_jenis_jabatan": pd.DataFrame(
            [(k, n, s) for k, (n, s) in JENIS_JABATAN.items()], columns=["kode", "nama", "siasn_id"]
        ),
        "ref_eselon": pd.DataFrame(
            [(k, n, j) for k, (n, j) in ESELON.items()], columns=["id", "nama", "jenis_jabatan"]
        ),
        "ref_latihan_struktural": pd.DataFrame(list(LATIHAN_STRUKTURAL.items()), columns=["id", "nama"]),
        "ref_jenis_hukuman": pd.DataFrame(
            [(k, *v) for k, v in JENIS_HUKUMAN.items()], columns=["id", "nama", "tingkat", "nama_siasn"]
        ),
        "ref_predikat_kinerja": pd.DataFrame(list(PREDIKAT_KINERJA.items()), columns=["id", "nama"]),
        "ref_kedudukan": pd.DataFrame(list(KEDUDUKAN.items()), columns=["id", "nama"]),
    }
