"""Report exports (`python -m analytics report ...`): the same analytics frames as the pages, as files."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from analytics import dimensions, fmt, ipasn, jp, kolom, queries, smart
from analytics.filters import Scope
from analytics.fmt import kosong, tanggal, ya_tidak
from analytics.privacy import Akses, cakupan_nama
from analytics.reference import JENIS_JABATAN
from analytics.rules import Rules

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
    "dikecualikan",
    "dikreditkan",
]


# the IP ASN group report: the page's table, completeness and where points are lost (the briefing's figures)
IPASN_COLUMNS = [*ipasn.GROUP_COLUMNS, "persen_lengkap", *(f"hilang_{d}" for d in ipasn.LOST)]


def report_jp(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str, rules: Rules, ref: date, sampai: bool = False
) -> pd.DataFrame:
    """The 20 JP report for scope.tahun: one row per employee (by='pegawai') or per group; `sampai`: per group,
    counted to that year's day of the reference date (jp.per_kelompok_sd: the running year's comparison)."""
    if sampai:
        if by == "pegawai":
            raise ValueError("--sampai-tanggal hanya untuk laporan per kelompok")
        return jp.per_kelompok_sd(con, scope=scope, rules=rules, by=by)
    if by == "pegawai":
        return jp.per_pegawai(con, scope=scope, rules=rules, ref=ref)[PEGAWAI_COLUMNS]
    return jp.per_kelompok(con, scope=scope, rules=rules, by=by)[GROUP_COLUMNS]


def report_ipasn(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str, rules: Rules) -> pd.DataFrame:
    """The IP ASN report for scope.tahun: one row per employee (by='pegawai') or per group."""
    if by == "pegawai":
        return ipasn.per_pegawai(con, scope=scope)[ipasn.PEGAWAI_COLUMNS]
    return ipasn.per_kelompok(con, scope=scope, by=by)[IPASN_COLUMNS]


def report_smart(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """The Smart ASN report for scope.tahun: one row per employee (by='pegawai') or per group."""
    if by == "pegawai":
        return smart.per_pegawai(con, scope=scope)[smart.PEGAWAI_COLUMNS]
    return smart.per_kelompok(con, scope=scope, by=by)[smart.GROUP_COLUMNS]


FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would read as the start of a formula
REPORTS = {  # what an export is, in words (the keterangan sheet; the audit keeps the ids)
    "tindak_lanjut_20jp": "Pegawai yang perlu ditindaklanjuti (20 JP)",
    "ipasn_unit": "IP ASN",
    "jp_unit": "Kepatuhan 20 JP",
    "baris_ditolak": "Baris impor yang ditolak",
    "simulasi_ipasn_teknis": "Simulasi IP ASN: semua pegawai menuntaskan JP teknis",
    "simulasi_ipasn_kepemimpinan": "Simulasi IP ASN: kesenjangan pelatihan kepemimpinan ditutup",
    "simulasi_ipasn_aturan": "Simulasi IP ASN: profil aturan diubah",
    "jp": "Kepatuhan 20 JP",
    "ipasn": "IP ASN",
    "smart": "Atribut Smart ASN",
    "briefing": "Paket briefing Smart ASN",
}
PERAN = {"admin": "Admin (Biro SDM)", "unit": "Operator unit", "pimpinan": "Pimpinan"}


def netral(value):
    """A text value a spreadsheet would run as a formula, quoted with a leading ' (OWASP CSV
    injection); anything else unchanged."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA) else value


def _netral_frame(df: pd.DataFrame) -> pd.DataFrame:
    text = [c for c in df.columns if not (is_numeric_dtype(df[c]) or is_bool_dtype(df[c]))]
    return df.assign(**{c: df[c].map(netral) for c in text}) if text else df


def write(
    df: pd.DataFrame,
    fmt: str,
    out: str | Path | None,
    stamp: dict | None = None,
    *,
    tingkat: str | None = None,
    orang: bool = False,
) -> bytes | None:
    """The one writer of exports: `df` as csv, json (records) or xlsx, to `out` or returned as bytes.

    xlsx (for people, dashboard and CLI): human headers from analytics.kolom (`tingkat` names the
    group columns), numbers as numeric cells with a display format, NIP as text, Ya/Tidak, missing
    as empty cells, a frozen header row; `stamp` (who exported what, when, for which scope, in
    words) becomes a second sheet 'keterangan'. csv and json keep the column names and dot
    decimals (the CLI's documented contract); `orang=True` makes a csv for people (human headers,
    Ya/Tidak, UTF-8 with BOM for Excel). Text a spreadsheet would run as a formula is quoted in csv
    and xlsx, and xlsx text cells are always strings."""
    if fmt == "csv":
        frame = _netral_frame(df)
        if orang:
            kinds = {c: kolom.untuk(df, c, tingkat) for c in df.columns}
            frame = frame.assign(**{c: kolom.ya_tidak(frame[c]) for c, k in kinds.items() if k.jenis == kolom.YA_TIDAK})
            counts = [c for c, k in kinds.items() if k.jenis == kolom.JUMLAH and frame[c].dropna().mod(1).eq(0).all()]
            frame = frame.astype(dict.fromkeys(counts, "Int64"))  # 12, not 12.0
            frame.columns = kolom.judul(df, tingkat)
        data = frame.to_csv(index=False).encode("utf-8-sig" if orang else "utf-8")
    elif fmt == "json":
        data = json.dumps(
            json.loads(df.to_json(orient="records", force_ascii=False)), ensure_ascii=False, indent=1
        ).encode("utf-8")
    elif fmt == "xlsx":
        data = _xlsx(df, stamp, tingkat)
    else:
        raise ValueError(f"format tidak dikenal: {fmt}")
    if out is None:
        return data
    Path(out).write_bytes(data)
    return None


def _value(value, k: kolom.Kolom):
    """(how, value) for one cell: 'number', 'datetime' or 'string' (never a formula); None when missing."""
    if kosong(value):
        return None
    if k.jenis in kolom.ANGKA and not isinstance(value, str | bool):
        whole = k.jenis in (kolom.JUMLAH, kolom.NOMOR) and float(value).is_integer()
        return "number", int(value) if whole else float(value)
    if k.jenis == kolom.WAKTU and isinstance(value, datetime):
        return "datetime", value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return "string", netral(ya_tidak(value) if k.jenis == kolom.YA_TIDAK else str(value))


def _xlsx(df: pd.DataFrame, stamp: dict | None, tingkat: str | None) -> bytes:
    """The xlsx bytes of one table (sheet 'laporan') and its stamp (sheet 'keterangan')."""
    return buku([("laporan", df, tingkat)], stamp)


def buku(lembar: list[tuple[str, pd.DataFrame, str | None]], stamp: dict | None) -> bytes:
    """An xlsx of several tables, one sheet each (name, frame, grouping level of its headers), then the
    stamp as sheet 'keterangan'; written row by row with XlsxWriter (constant memory; ~3x faster than
    openpyxl cell by cell: a 20 000-row follow-up list in a few seconds)."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"constant_memory": True, "in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True})
    for name, df, tingkat in lembar:
        _lembar(book, book.add_worksheet(name[:31]), df, tingkat, bold)
    if stamp:
        info = book.add_worksheet("keterangan")
        info.write_row(0, 0, ("Keterangan", "Isi"), bold)
        count = book.add_format({"num_format": "#,##0"})
        _widths(info, [["Keterangan", *stamp], ["Isi", *(str(v) for v in stamp.values())]])
        for r, (label, value) in enumerate(stamp.items(), start=1):
            info.write_string(r, 0, label)
            if isinstance(value, int | float) and not isinstance(value, bool):
                info.write_number(r, 1, value, count)
            else:
                info.write_string(r, 1, netral(str(value)))
    book.close()
    return buf.getvalue()


def _lembar(book, sheet, df: pd.DataFrame, tingkat: str | None, bold) -> None:
    """One table on `sheet`: human headers, a frozen header row, typed cells (never a formula)."""
    kinds = [kolom.untuk(df, c, tingkat) for c in df.columns]
    styles: dict[str, object] = {}  # one workbook format per display format

    def style_of(k: kolom.Kolom, value):
        f = k.format_excel_untuk(value)
        if f and f not in styles:
            styles[f] = book.add_format({"num_format": f})
        return styles.get(f) if f else None

    sheet.freeze_panes(1, 0)
    _widths(sheet, [[k.judul, *(k.teks(v) for v in df[n].head(500))] for n, k in zip(df.columns, kinds)])
    sheet.write_row(0, 0, kolom.judul(df, tingkat), bold)
    write = {"number": sheet.write_number, "datetime": sheet.write_datetime, "string": sheet.write_string}
    columns = [df[c].tolist() for c in df.columns]
    for r in range(len(df)):
        for c, k in enumerate(kinds):
            cell = _value(columns[c][r], k)
            if cell is not None:
                how, v = cell
                style = style_of(k, v) if how != "string" or k.jenis == kolom.NIP else None  # NIP: text format '@'
                write[how](r + 1, c, v, *([style] if style else []))


def _widths(sheet, columns: list[list[str]]) -> None:
    for i, texts in enumerate(columns):
        sheet.set_column(i, i, min(60, max(8, *(len(t) + 2 for t in texts))))


def filter_ids(scope: Scope) -> dict:
    """The filters of `scope` as ids and codes (for the audit log, which keeps ids)."""
    return {k: v for k, v in vars(scope).items() if v is not None and k != "akses"}


def filter_kata(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    """The filters of `scope` in words: 'Tahun 2025; Provinsi Jawa Timur; Instansi …; Jenis jabatan
    Fungsional' (names looked up; an id without a name stays as it is)."""
    lookups = [  # filter, how it reads, the SQL giving its name
        ("provinsi_kode", "Provinsi {}", "SELECT nama FROM provinsi WHERE kode = ?"),
        ("kabkota_kode", "{}", "SELECT nama FROM kabkota WHERE kode = ?"),
        ("instansi_id", "Instansi {}", "SELECT nama FROM instansi WHERE id = ?"),
        ("unor_id", "Unit kerja {} (beserta bawahannya)", "SELECT nama FROM unor WHERE id = ?"),
    ]
    parts = [] if scope.tahun is None else [f"Tahun {scope.tahun}"]
    cur = con.cursor()
    try:
        for field, label, sql in lookups:
            key = getattr(scope, field)
            if key is not None:
                found = cur.execute(sql, [key]).fetchall()
                parts.append(label.format(found[0][0] if found else key))
    finally:
        cur.close()
    if scope.jenis_jabatan is not None:
        parts.append("Jenis jabatan " + JENIS_JABATAN.get(scope.jenis_jabatan, (scope.jenis_jabatan,))[0])
    if scope.jenis_pegawai is not None:
        parts.append(f"Status kepegawaian {scope.jenis_pegawai}")
    return "; ".join(parts) or "Tanpa filter"


def stamp(
    con: duckdb.DuckDBPyConnection,
    akses: Akses,
    scope: Scope,
    what: str,
    rows: int,
    *,
    tingkat: str | None = None,
    oleh: str | None = None,
) -> dict:
    """Who exported what, when and for which scope, in words (the export's own record, the
    'keterangan' sheet; the audit log keeps the ids: filter_ids)."""
    laporan = REPORTS.get(what, what)
    if tingkat == "nasional":
        laporan += ", nasional"
    elif tingkat is not None:
        nama = dimensions.TINGKAT.get(tingkat, tingkat)
        laporan += f" per {nama.lower()}" if tingkat != "pegawai" else " per pegawai"
    cakupan = cakupan_nama(con, akses)
    now = datetime.now()
    return {
        "Laporan": laporan,
        "Jumlah baris": rows,
        "Diekspor oleh": oleh or akses.pengguna or "admin di mesin",
        "Peran": PERAN.get(akses.peran, akses.peran),
        "Cakupan akun": cakupan[:1].upper() + cakupan[1:],
        "Filter": filter_kata(con, scope),
        "Waktu": f"{tanggal(now)} {now:%H:%M}",
        **({"Yang dihitung dalam 20 JP": _dihitung(con, scope)} if what in JP_REPORTS else {}),
    }


JP_REPORTS = {"jp", "jp_unit", "tindak_lanjut_20jp", "briefing"}  # exports of 20 JP figures


def _dihitung(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    """Who the 20 JP figures of an export count, in words: the employees their status leaves out or credits
    (rules file [jp.kedudukan]) among those in scope in scope.tahun (the data year when None)."""
    tahun = scope.tahun or dimensions.data_year(con)
    r = queries.run_sql(
        con,
        """SELECT coalesce(sum(p.pegawai), 0) AS n, coalesce(sum(p.dikecualikan), 0) AS keluar,
                  coalesce(sum(p.dikreditkan), 0) AS kredit
           FROM jp_kelompok_tahun p WHERE {where} AND p.tahun = $tahun""",
        scope,
        tahun=tahun,
    ).iloc[0]
    return (
        f"{fmt.angka(r['n'])} pegawai dalam penyebut {tahun}; {fmt.angka(r['keluar'])} pegawai tidak dihitung "
        f"karena kedudukannya tidak dalam dinas aktif (mis. CLTN, pemberhentian sementara, pensiun); "
        f"{fmt.angka(r['kredit'])} pegawai tugas belajar dikreditkan per semester (berkas aturan, [jp.kedudukan])"
    )
