"""`python -m analytics report jp`: columns, levels, filters, formats (XLSX keeps NIP as text)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics.report import GROUP_COLUMNS, LEVELS, PEGAWAI_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db_copy(demo_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("rep") / "r.duckdb"
    path.write_bytes(demo_path.read_bytes())
    return path


def report(db_copy, *args):
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "report", "jp", "--db", str(db_copy), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("level", LEVELS)
def test_levels_and_columns(db_copy, level):
    df = pd.read_csv(io.StringIO(report(db_copy, "--year", "2025", "--by", level)), dtype={"nip": str, "kode": str})
    assert list(df.columns) == (PEGAWAI_COLUMNS if level == "pegawai" else GROUP_COLUMNS)
    if level == "pegawai":
        assert df["nip"].str.fullmatch(r"\d{18}").all() and df["nip"].is_unique
        assert (df["kekurangan_jp"] == (20 - df["jp_total"]).clip(lower=0)).all()
    else:
        assert df["kode"].is_unique


def test_groups_sum_to_national_and_filters(db_copy):
    nas = json.loads(report(db_copy, "--year", "2025", "--format", "json"))[0]
    prov = json.loads(report(db_copy, "--year", "2025", "--by", "provinsi", "--format", "json"))
    assert sum(p["pegawai"] for p in prov) == nas["pegawai"]
    assert sum(p["memenuhi"] for p in prov) == nas["memenuhi"]
    jatim = json.loads(report(db_copy, "--year", "2025", "--provinsi", "35", "--format", "json"))[0]
    assert jatim == next(p for p in prov if p["kode"] == "35") | {"kode": "ID", "nama": "Nasional"}


def test_xlsx_keeps_nip_as_text(db_copy, tmp_path):
    out = tmp_path / "r.xlsx"
    report(db_copy, "--year", "2025", "--by", "pegawai", "--provinsi", "75", "--format", "xlsx", "--out", str(out))
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]] == PEGAWAI_COLUMNS
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert cells and all(c.data_type == "s" and len(c.value) == 18 and c.number_format == "@" for c in cells)
