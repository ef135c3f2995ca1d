"""Importer: formats, column names, validation reasons, idempotence, atomicity, CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analytics.importer import import_file
from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, NIP, PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

ROOT = Path(__file__).resolve().parent.parent


def q(con, sql, params=None):
    return con.execute(sql, params).fetchall()


def reasons(result) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for row, reason in zip(result.rejects["row_number"], result.rejects["reason"]):
        out.setdefault(int(row), []).append(reason)
    return out


def pegawai_with(tmp_path, changes: dict[str, str], row: int = 0, name="p.csv"):
    rows = [list(r) for r in PEGAWAI_ROWS]
    for col, value in changes.items():
        rows[row][PEGAWAI_HEADER.index(col)] = value
    return write_csv(tmp_path / name, PEGAWAI_HEADER, rows)


# --- what gets stored ----------------------------------------------------------------------


def test_pegawai_fields_mapped(loaded):
    rows = q(
        loaded,
        """SELECT nip, nama, tanggal_lahir::VARCHAR, jenis_kelamin, jenis_pegawai, tmt_cpns::VARCHAR,
                               golongan_id, jenis_jabatan, eselon_id, pendidikan_id, kabkota_kode, provinsi_kode
                        FROM pegawai ORDER BY nip""",
    )
    assert rows == [
        (NIP[0], "Budi Santoso", "1986-09-26", "L", "PNS", "2015-05-01", 32, "pengawas", 41, 40, "34.04", "34"),
        (NIP[1], "Siti Aminah", "1990-01-15", "P", "PNS", "2019-03-01", 31, "fungsional", None, 40, "32.73", "32"),
        (NIP[2], "Ni Made Ayu", "1992-03-03", "P", "PPPK", "2022-06-01", 107, "fungsional", None, 30, "51.71", "51"),
    ]
    # agencies and units were created and the closure covers them
    assert q(loaded, "SELECT count(*) FROM instansi")[0][0] == 3
    assert q(loaded, "SELECT count(*) FROM unor WHERE siasn_id IN ('U-1', 'U-2', 'U-3')")[0][0] == 3
    assert q(loaded, "SELECT count(*) FROM unor_closure")[0][0] == 3
    assert len({r[0] for r in q(loaded, "SELECT pegawai_key FROM pegawai")}) == 3


def test_kursus_loaded_with_decimal_comma_and_dates(loaded, tmp_path):
    r = import_file(loaded, write_csv(tmp_path / "k.csv", KURSUS_HEADER, KURSUS_ROWS))
    assert (r.kind, r.rows_loaded, r.rows_rejected) == ("pengembangan", 3, 0)
    rows = q(
        loaded,
        "SELECT jenis_diklat_id, jp_klaim, tanggal_mulai::VARCHAR, no_sertifikat FROM pengembangan "
        "ORDER BY jenis_diklat_id",
    )
    assert rows == [(3, 24.0, "2025-03-01", "SRT/1"), (9, 6.0, "2025-05-10", None), (16, 4.5, "2025-07-01", "SRT/2")]
    # the derived per-employee-year summary follows the import
    assert q(loaded, "SELECT sum(jp_klaim), sum(kegiatan) FROM jp_pegawai_tahun WHERE kegiatan > 0")[0] == (34.5, 3)


def test_riwayat_diklat_structural_is_jenis_1(loaded, tmp_path):
    path = tmp_path / "diklat.json"
    path.write_text(
        json.dumps(
            [
                {
                    "nipBaru": NIP[0],
                    "latihanStrukturalId": "2",
                    "latihanStrukturalNama": "DIKLAT PIM TK. IV",
                    "jumlahJam": 270,
                    "tanggal": "01-02-2020",
                    "tanggalSelesai": "30-04-2020",
                    "tahun": 2020,
                }
            ]
        )
    )
    r = import_file(loaded, path)
    assert (r.kind, r.rows_loaded) == ("pengembangan", 1)
    assert q(loaded, "SELECT jenis_diklat_id, latihan_struktural_id, nama FROM pengembangan") == [
        (1, 2, "DIKLAT PIM TK. IV")
    ]


@pytest.mark.parametrize(
    "value, predikat",
    [("91", 1), ("90,99", 2), ("76", 2), ("75.9", 3), ("61", 3), ("60.5", 4), ("51", 4), ("50", 5), ("0", 5)],
)
def test_nilai_skp_bands(loaded, tmp_path, value, predikat):
    r = import_file(
        loaded, write_csv(tmp_path / "skp.csv", ["nipBaru", "tahun", "nilaiSkp"], [[NIP[0], "2021", value]], sep=";")
    )
    assert r.rows_loaded == 1
    assert q(loaded, "SELECT predikat_id, kuadran_id FROM skp") == [(predikat, None)]


@pytest.mark.parametrize(
    "value, kuadran", [("SANGAT BAIK", 1), ("baik", 2), ("BUTUH PERBAIKAN", 3), ("4", 4), ("SANGAT KURANG", 5)]
)
def test_kuadran_by_name_or_id(loaded, tmp_path, value, kuadran):
    r = import_file(
        loaded, write_csv(tmp_path / "skp.csv", ["nipBaru", "tahun", "kuadranKinerja"], [[NIP[1], "2024", value]])
    )
    assert r.rows_loaded == 1
    assert q(loaded, "SELECT predikat_id, kuadran_id FROM skp") == [(kuadran, kuadran)]


def test_hukdis(loaded, tmp_path):
    r = import_file(
        loaded,
        write_csv(
            tmp_path / "h.csv",
            ["nipBaru", "jenisHukuman", "jenisTingkatHukumanId", "hukumanTanggal", "akhirHukumTanggal"],
            [[NIP[0], "23", "S", "01-02-2025", "01-08-2025"], [NIP[1], "TEGURAN LISAN", "", "05-05-2024", ""]],
        ),
    )
    assert r.rows_loaded == 2, r.rejects
    assert q(loaded, "SELECT jenis_hukuman_id, tingkat FROM hukdis ORDER BY 1") == [(1, "R"), (23, "S")]


# --- formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("sep", [",", ";", "|", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_delimiters_and_encodings(con, tmp_path, sep, encoding):
    rows = [list(r) for r in PEGAWAI_ROWS]
    rows[0][1] = "José Ardiansyah"  # é differs between UTF-8 and Windows-1252
    r = import_file(con, write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, rows, sep=sep, encoding=encoding))
    assert (r.rows_loaded, r.rows_rejected) == (3, 0)
    assert q(con, "SELECT nama FROM pegawai WHERE nip = ?", [NIP[0]]) == [("José Ardiansyah",)]


def test_title_rows_above_header_csv(con, tmp_path):
    r = import_file(con, write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, PEGAWAI_ROWS, title_rows=2))
    assert r.rows_loaded == 3


def test_xlsx_with_title_rows_and_numeric_nip(con, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["DAFTAR PEGAWAI"])
    ws.append(["Per 30 September 2026"])
    ws.append(PEGAWAI_HEADER)
    for r in PEGAWAI_ROWS[:2]:
        ws.append(r)
    bad = list(PEGAWAI_ROWS[2])
    bad[0] = float(bad[0])  # Excel turned the NIP into a number
    ws.append(bad)
    path = tmp_path / "p.xlsx"
    wb.save(path)
    r = import_file(con, path)
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    assert r.rejects["row_number"].tolist() == [6]
    assert "rusak oleh Excel" in r.rejects["reason"].iloc[0]


def test_json_list_and_data_object_and_parquet(loaded, tmp_path):
    records = [dict(zip(KURSUS_HEADER, r)) for r in KURSUS_ROWS]
    (tmp_path / "a.json").write_text(json.dumps(records))
    (tmp_path / "b.json").write_text(json.dumps({"code": 1, "data": records}))
    assert import_file(loaded, tmp_path / "a.json").rows_loaded == 3
    assert import_file(loaded, tmp_path / "b.json").rows_unchanged == 3
    pd.DataFrame(records).to_parquet(tmp_path / "c.parquet")
    assert import_file(loaded, tmp_path / "c.parquet").rows_unchanged == 3


@pytest.mark.parametrize("text", ["26-09-1986", "26/09/1986", "1986-09-26", "31681", "1986-09-26 00:00:00"])
def test_date_formats(con, tmp_path, text):
    r = import_file(con, pegawai_with(tmp_path, {"TANGGAL LAHIR": text}))
    assert r.rows_loaded == 3, r.rejects
    assert q(con, "SELECT tanggal_lahir::VARCHAR FROM pegawai WHERE nip = ?", [NIP[0]]) == [("1986-09-26",)]


@pytest.mark.parametrize(
    "header",
    [
        ["NIP BARU", "TANGGAL LAHIR", "JENIS KELAMIN"],
        ["nip_baru", "tanggal_lahir", "jenis_kelamin"],
        ["nipBaru", "tanggalLahir", "jenisKelamin"],
    ],
)
def test_header_spellings(con, tmp_path, header):
    rows = [["'" + NIP[0], "26-09-1986", "L"], [NIP[1], "15-01-1990", "null"]]
    r = import_file(con, write_csv(tmp_path / "p.csv", header, rows))
    assert r.kind == "pegawai" and r.rows_loaded == 2 and r.rows_rejected == 0
    # the literal null is empty; the sex then comes from the NIP's 15th digit, marked as derived
    got = con.execute("SELECT nip, jenis_kelamin, turunan FROM pegawai ORDER BY nip").fetchall()
    assert got == sorted([(NIP[0], "L", None), (NIP[1], "L" if NIP[1][14] == "1" else "P", "jenis_kelamin")])


# --- upload limits (the Impor page checks every file before reading it) ---------------------------

from analytics.importer.read import FileRefused, check_upload  # noqa: E402


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("besar.csv", b"nip;nama\n" + b"x" * (2 * 2**20), "melebihi batas unggah 1 MB"),
        ("program.exe", b"MZ\x90\x00", "jenis berkas .exe tidak didukung"),
        ("tanpa_akhiran", b"nip\n1", "tidak didukung"),
        ("kosong.csv", b"  \n ", "berkas kosong"),
        ("palsu.xlsx", b"nip;nama\n1;a\n", "isi berkas bukan XLSX"),
        ("palsu.parquet", b"PK\x03\x04...", "isi berkas bukan PARQUET"),
        ("biner.csv", b"nip\x00\x01\x02", "bukan teks"),
    ],
)
def test_upload_refused_with_a_reason(name, data, message):
    with pytest.raises(FileRefused, match=message):
        check_upload(name, data, max_mb=1)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Pegawai.CSV", "nip;nama\n1;Dewi Ayu\n".encode("cp1252")),
        ("data.xlsx", b"PK\x03\x04rest"),
        ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest"),
        ("siasn.json", b'{"data": []}'),
        ("x.parquet", b"PAR1rest"),
        ("pas.csv", b"n\n" + b"1" * (2**20 - 2)),  # exactly 1 MB
        ("unicode.txt", "nip\tnama\n1\tDewi\n".encode("utf-16")),  # Excel's Unicode Text: decoded on import
    ],
)
def test_upload_accepted(name, data):
    check_upload(name, data, max_mb=1)


def test_cleaning_empty_words_in_any_case_and_one_apostrophe(con, tmp_path):
    """'NONE', 'NaN', 'nUll' are empty whatever their case; an empty name is missing (NULL), not '';
    only one leading apostrophe (Excel's text marker) is removed."""
    rows = [list(r) for r in PEGAWAI_ROWS]
    rows[0][PEGAWAI_HEADER.index("JABATAN NAMA")] = "NONE"
    rows[1][PEGAWAI_HEADER.index("JABATAN NAMA")] = "nUll"
    rows[2][PEGAWAI_HEADER.index("JABATAN NAMA")] = "NAN"
    rows[0][PEGAWAI_HEADER.index("NAMA")] = ""
    rows[1][PEGAWAI_HEADER.index("NAMA")] = "''Siti"
    r = import_file(con, write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, rows))
    assert (r.rows_loaded, r.rows_rejected) == (3, 0)
    got = con.execute("SELECT nip, nama, jabatan_nama FROM pegawai ORDER BY nip").fetchall()
    assert got == [(NIP[0], None, None), (NIP[1], "'Siti", None), (NIP[2], "Ni Made Ayu", None)]
