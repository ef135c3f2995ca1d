"""`python -m analytics report jp`: columns, levels, filters, formats (XLSX keeps NIP as text)."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.report import GROUP_COLUMNS, LEVELS, PEGAWAI_COLUMNS


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
    assert [c.value for c in sheet[1]] == PEGAWAI_COLUMNS
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(c.data_type == "s" and len(c.value) == 18 and c.number_format == "@" for c in cells)
