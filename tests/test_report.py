"""`python -m analytics report jp`: columns, levels, filters, formats (XLSX keeps NIP as text)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.dimensions import REPORT as LEVELS
from analytics.kolom import SLOT_NAMA
from analytics.report import GROUP_COLUMNS, PEGAWAI_COLUMNS
from tests.test_app import check_xlsx


@pytest.fixture(scope="module")
def report(report_cli):
    return lambda *args: report_cli("jp", *args)


@pytest.mark.parametrize("level", LEVELS)
def test_levels_and_columns(report, level):
    df = pd.read_csv(io.StringIO(report("--year", "2025", "--by", level)), dtype={"nip": str, "kode": str})
    assert list(df.columns) == (PEGAWAI_COLUMNS if level == "pegawai" else GROUP_COLUMNS)
    if level == "pegawai":
        assert df["nip"].str.fullmatch(r"\d{18}").all() and df["nip"].is_unique
        assert (df["kekurangan_jp"] == (20 - df["jp_total"]).clip(lower=0)).all()
    else:
        assert df["kode"].is_unique


def test_groups_sum_to_national_and_filters(report):
    nas = json.loads(report("--year", "2025", "--format", "json"))[0]
    prov = json.loads(report("--year", "2025", "--by", "provinsi", "--format", "json"))
    assert sum(p["pegawai"] for p in prov) == nas["pegawai"]
    assert sum(p["memenuhi"] for p in prov) == nas["memenuhi"]
    jatim = json.loads(report("--year", "2025", "--provinsi", "35", "--format", "json"))[0]
    assert jatim == next(p for p in prov if p["kode"] == "35") | {"kode": "ID", "nama": "Nasional"}


def test_xlsx_keeps_nip_as_text(report, tmp_path):
    out = tmp_path / "r.xlsx"
    report("--year", "2025", "--by", "pegawai", "--provinsi", "75", "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == CLI_XLSX[("jp", "pegawai")][0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(c.data_type == "s" and len(c.value) == 18 and c.number_format == "@" for c in cells)


ATRIBUT = [
    "Integritas",
    "Nasionalisme",
    "Profesionalisme",
    "Wawasan global",
    "IT & bahasa asing",
    "Hospitality",
    "Networking",
    "Entrepreneurship",
]
KATEGORI = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
# (topic, --by) -> the only headers its XLSX may have, its text columns, its Ya/Tidak columns
CLI_XLSX = {
    ("jp", "pegawai"): (
        [
            "NIP",
            "JP terkredit",
            "JP klasikal (10)",
            "JP sosial (20)",
            "JP pengalaman (70)",
            "Memenuhi 20 JP",
            "Kekurangan JP",
        ],
        {"NIP"},
        {"Memenuhi 20 JP"},
    ),
    ("jp", "kabkota"): (
        [
            "Kode",
            "Kabupaten/kota",
            "Pegawai",
            "Memenuhi 20 JP",
            "% memenuhi 20 JP",
            "Rata-rata JP",
            "Median JP",
            "% klasikal (10)",
            "% sosial (20)",
            "% pengalaman (70)",
            "Tidak dihitung 20 JP (kedudukan)",
            "Dikreditkan (tugas belajar)",
        ],
        {"Kode", "Kabupaten/kota"},
        set(),
    ),
    ("ipasn", "pegawai"): (
        ["NIP", "Kualifikasi", "Kompetensi", "Kinerja", "Disiplin", "IP ASN", "Kategori IP ASN", "Berdata lengkap"],
        {"NIP", "Kategori IP ASN"},
        {"Berdata lengkap"},
    ),
    ("ipasn", "instansi"): (
        [
            "ID",
            "Instansi",
            "Pegawai",
            "Berdata lengkap",
            "Rata-rata IP ASN",
            *KATEGORI,
            "% berdata lengkap",
            *(f"Poin hilang: {n}" for n in SLOT_NAMA.values()),
        ],
        {"ID", "Instansi"},
        set(),
    ),
    ("smart", "pegawai"): (["NIP", *ATRIBUT, "Indeks kesiapan", "Siap Smart ASN"], {"NIP"}, {"Siap Smart ASN"}),
    ("smart", "kabkota"): (
        [
            "Kode",
            "Kabupaten/kota",
            "Pegawai",
            *ATRIBUT,
            "Indeks kesiapan",
            "% siap Smart ASN",
            "Cakupan data: indeks kesiapan",  # beside the index and the share ready (smart_asn.min_cakupan)
            *(f"Cakupan data: {a}" for a in ATRIBUT),
        ],
        {"Kode", "Kabupaten/kota"},
        set(),
    ),
}


@pytest.mark.parametrize(("topic", "by"), list(CLI_XLSX))
def test_cli_xlsx_speaks_indonesian(report_cli, tmp_path, topic, by):
    """The CLI's XLSX: human headers, numbers as numeric cells with display formats, NIP as text,
    Ya/Tidak, and a keterangan sheet in words (CSV and JSON keep the column names: see above)."""
    headers, text, flags = CLI_XLSX[(topic, by)]
    out = tmp_path / "r.xlsx"
    report_cli(topic, "--year", "2025", "--by", by, "--provinsi", "75", "--format", "xlsx", "--out", str(out))
    info = check_xlsx(out.read_bytes(), headers, text, flags=flags)
    assert info["Filter"] == "Tahun 2025; Provinsi Gorontalo" and info["Cakupan akun"] == "Nasional"
    assert info["Diekspor oleh"].startswith("cli:") and info["Peran"] == "Admin (Biro SDM)"
    assert info["Laporan"].startswith({"jp": "Kepatuhan 20 JP", "ipasn": "IP ASN", "smart": "Atribut Smart ASN"}[topic])
