"""Report exports (`python -m analytics report ...`): the same analytics frames as the pages, as files."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics import ipasn, jp, smart
from analytics.filters import Scope
from analytics.rules import Rules

LEVELS = ["pegawai", "unor", "instansi", "provinsi", "kabkota", "jenis_jabatan", "nasional"]
PEGAWAI_COLUMNS = ["nip", "jp_total", "jp_10", "jp_20", "jp_70", "memenuhi", "kekurangan_jp"]
GROUP_COLUMNS = [
    "kode",
    "nama",
    "pegawai",
    "memenuhi",
    "persen_memenuhi",
    "rata_jp",
    "median_jp",
    "mix_10",
    "mix_20",
    "mix_70",
]


def report_jp(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str, rules: Rules, ref: date) -> pd.DataFrame:
    """The 20 JP report for scope.tahun: one row per employee (by='pegawai') or per group."""
    if by == "pegawai":
        return jp.per_pegawai(con, scope=scope, rules=rules, ref=ref)[PEGAWAI_COLUMNS]
    return jp.per_kelompok(con, scope=scope, rules=rules, by=by)[GROUP_COLUMNS]


def report_ipasn(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str, rules: Rules) -> pd.DataFrame:
    """The IP ASN report for scope.tahun: one row per employee (by='pegawai') or per group."""
    if by == "pegawai":
        return ipasn.per_pegawai(con, scope=scope)[ipasn.PEGAWAI_COLUMNS]
    return ipasn.per_kelompok(con, scope=scope, by=by)[ipasn.GROUP_COLUMNS]


def report_smart(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """The Smart ASN report for scope.tahun: one row per employee (by='pegawai') or per group."""
    if by == "pegawai":
        return smart.per_pegawai(con, scope=scope)[smart.PEGAWAI_COLUMNS]
    return smart.per_kelompok(con, scope=scope, by=by)[smart.GROUP_COLUMNS]


def write(df: pd.DataFrame, fmt: str, out: str | Path | None, stamp: dict | None = None) -> bytes | None:
    """Write `df` as csv, json (records) or xlsx (text cells for NIP) to `out`, or return the bytes.
    `stamp` (who exported what, when, for which scope) becomes a second sheet 'keterangan' of an xlsx."""
    if fmt == "csv":
        data = df.to_csv(index=False).encode("utf-8")
    elif fmt == "json":
        data = json.dumps(
            json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=1
        ).encode("utf-8")
    elif fmt == "xlsx":
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            df.to_excel(xl, index=False, sheet_name="laporan")
            if stamp:
                pd.DataFrame({"keterangan": list(stamp), "nilai": [str(v) for v in stamp.values()]}).to_excel(
                    xl, index=False, sheet_name="keterangan"
                )
            sheet = xl.sheets["laporan"]
            for col, name in enumerate(df.columns, start=1):
                if name == "nip":  # NIP is text: Excel must never turn it into 1.98609E+17
                    for row in range(2, len(df) + 2):
                        sheet.cell(row=row, column=col).number_format = "@"
        data = buf.getvalue()
    else:
        raise ValueError(f"format tidak dikenal: {fmt}")
    if out is None:
        return data
    Path(out).write_bytes(data)
    return None


def stamp(akses, scope: Scope, what: str, rows: int) -> dict:
    """Who exported what, when and for which scope (the export's own record; also audited)."""
    filters = {k: v for k, v in vars(scope).items() if v is not None and k != "akses"}
    return {
        "laporan": what,
        "baris": rows,
        "diekspor_oleh": akses.pengguna,
        "peran": akses.peran,
        "cakupan_akun": akses.label(),
        "filter": filters,
        "waktu": datetime.now().isoformat(timespec="seconds"),
    }
