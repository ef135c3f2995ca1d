"""Files for import tests, written by the tests themselves (SIASN shapes, hand-made rows)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

PEGAWAI_HEADER = [
    "NIP BARU",
    "NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "JENIS PEGAWAI NAMA",
    "TMT CPNS",
    "GOL AKHIR ID",
    "JENIS JABATAN ID",
    "ESELON ID",
    "JABATAN NAMA",
    "TINGKAT PENDIDIKAN ID",
    "LOKASI KERJA NAMA",
    "UNOR ID",
    "UNOR NAMA",
    "INSTANSI KERJA NAMA",
]
# three good employees: a PNS pengawas in Sleman, a PNS teacher in Bandung, a PPPK nurse in Denpasar
PEGAWAI_ROWS = [
    [
        "198609262015051001",
        "Budi Santoso",
        "26-09-1986",
        "M",
        "PNS",
        "01-05-2015",
        "32",
        "1",
        "41",
        "Kepala Seksi",
        "40",
        "KAB. SLEMAN",
        "U-1",
        "Dinas Kesehatan",
        "Pemerintah Kabupaten Sleman",
    ],
    [
        "199001152019032002",
        "Siti Aminah",
        "15-01-1990",
        "F",
        "PNS",
        "01-03-2019",
        "31",
        "2",
        "",
        "Guru Ahli Pertama",
        "40",
        "KOTA BANDUNG",
        "U-2",
        "Dinas Pendidikan",
        "Pemerintah Kota Bandung",
    ],
    [
        "199203032022212002",
        "Ni Made Ayu",
        "03-03-1992",
        "F",
        "PPPK",
        "01-06-2022",
        "107",
        "2",
        "",
        "Perawat Terampil",
        "30",
        "Kota Denpasar",
        "U-3",
        "RSUD Wangaya",
        "Pemerintah Kota Denpasar",
    ],
]
NIP = [r[0] for r in PEGAWAI_ROWS]
KURSUS_HEADER = [
    "nipBaru",
    "jenisDiklatId",
    "namaKursus",
    "jumlahJam",
    "tanggalKursus",
    "tanggalSelesaiKursus",
    "institusiPenyelenggara",
    "noSertipikat",
]
KURSUS_ROWS = [
    [NIP[0], "3", "Diklat Teknis SPBE", "24", "01-03-2025", "03-03-2025", "BPSDM", "SRT/1"],
    [NIP[1], "9", "Seminar Kurikulum", "6", "10-05-2025", "10-05-2025", "LPMP", ""],
    [NIP[2], "16", "E-Learning K3", "4,5", "2025-07-01", "2025-07-02", "ASN Unggul", "SRT/2"],
]


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    sep: str = ",",
    encoding: str = "utf-8",
    title_rows: int = 0,
) -> Path:
    buf = io.StringIO()
    for i in range(title_rows):
        buf.write(f"Laporan {i + 1}\n")
    writer = csv.writer(buf, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
