"""Reading an import file into a temporary DuckDB table of text columns, one row per data row.

Every format ends as `imp_raw(<header> VARCHAR, ...)` in file order, with the spreadsheet row number of
each row (the header row is 1, or lower down when title rows sit above it) either in a `_row` column or,
for CSV, as `rowid + first_row` (read_into returns first_row), which spares a window over big files.
"""

from __future__ import annotations

import codecs
import csv
import json
import math
import tempfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

DELIMITERS = [",", ";", "|", "\t"]
SAMPLE_BYTES = 1 << 20


class FileRefused(Exception):
    """The file cannot be imported at all; the message says why, for a clerk."""


def normalise(header: object) -> str:
    """'NIP BARU', 'nip_baru', 'nipBaru' -> 'nipbaru'."""
    return "".join(ch for ch in str(header).lower() if ch.isalnum())


def read_into(cur: duckdb.DuckDBPyConnection, path: Path, known: set[str]) -> int | None:
    """Create TEMP TABLE imp_raw from `path`; `known` (normalised aliases) locates the header row.
    Returns the row number of the first data row when imp_raw has no `_row` column."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            return _read_csv(cur, path, known)
        elif suffix in (".xlsx", ".xlsm", ".xls"):
            _from_rows(cur, _xlsx_rows(path), known)
        elif suffix == ".parquet":
            _read_parquet(cur, path)
        elif suffix == ".json":
            _from_records(cur, _json_records(path))
        else:
            raise FileRefused(
                f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; pakai CSV, XLSX, Parquet atau JSON"
            )
    except FileRefused:
        raise
    except (duckdb.Error, ValueError, OSError, UnicodeError) as exc:
        raise FileRefused(f"berkas tidak bisa dibaca: {exc}") from exc


def _encoding(path: Path) -> str:
    """'utf-8' when the whole file decodes as UTF-8 (BOM or not), else 'cp1252'."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        try:
            while chunk := f.read(SAMPLE_BYTES * 8):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _sniff(lines: list[str], known: set[str]) -> tuple[str, int]:
    """(delimiter, index of the header line) from the first lines of a text file."""
    best = None
    for delim in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delim))
        for i, row in enumerate(rows[:20]):
            hits = sum(normalise(c) in known for c in row)
            if hits >= 2 and (best is None or (hits, -i) > (best[0], -best[2])):
                best = (hits, delim, i)
                break
    if best is None:
        raise FileRefused(
            "baris judul kolom tidak ditemukan: tidak ada kolom yang dikenal pada "
            "20 baris pertama (lihat daftar nama kolom di README)"
        )
    return best[1], best[2]


def _read_csv(cur, path: Path, known: set[str]) -> int:
    encoding = _encoding(path)
    source = path
    if encoding == "cp1252":  # DuckDB reads UTF-8: transcode Windows-1252 exports first
        tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False)
        with path.open("r", encoding="cp1252", newline="") as f, tmp:
            while block := f.read(SAMPLE_BYTES * 8):
                tmp.write(block)
        source = Path(tmp.name)
    try:
        with source.open("r", encoding="utf-8-sig", newline="") as f:
            head = f.read(SAMPLE_BYTES).splitlines()[:40]
        if not head:
            raise FileRefused("berkas kosong")
        delim, header_at = _sniff(head, known)
        rel = cur.read_csv(
            str(source),
            header=True,
            sep=delim,
            quotechar='"',
            all_varchar=True,
            skiprows=header_at,
            null_padding=True,
            strict_mode=False,
        )
        cur.register("imp_csv", rel)
        cur.execute("SET preserve_insertion_order = true")
        cur.execute("CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT * FROM imp_csv")
        cur.unregister("imp_csv")
        return header_at + 2
    finally:
        if source != path:
            source.unlink(missing_ok=True)


def _cell(value: object) -> str | None:
    """A spreadsheet cell as the text a clerk would see; big numbers keep Excel's damage."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if abs(value) >= 1e15:  # a NIP stored as a number: Excel kept only 15 digits
            return f"{value:.14E}"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(path: Path) -> list[list[str | None]]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [[_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]


def _from_rows(cur, rows: list[list[str | None]], known: set[str]) -> None:
    for i, row in enumerate(rows[:20]):
        if sum(normalise(c) in known for c in row if c) >= 2:
            header, body, header_at = row, rows[i + 1 :], i
            break
    else:
        raise FileRefused("baris judul kolom tidak ditemukan pada 20 baris pertama lembar pertama")
    names = _unique([str(h) if h else f"kolom_{j + 1}" for j, h in enumerate(header)])
    width = len(names)
    frame = pd.DataFrame([(r + [None] * width)[:width] for r in body], columns=names, dtype=object)
    frame.insert(0, "_row", range(header_at + 2, header_at + 2 + len(frame)))
    _frame_to_raw(cur, frame)


def _json_records(path: Path) -> list[dict]:
    with path.open("r", encoding="utf-8-sig") as f:
        data = json.load(f)
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        data = data["data"]
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise FileRefused("JSON harus berupa daftar objek, atau objek dengan daftar 'data'")
    return data


def _from_records(cur, records: list[dict]) -> None:
    names: dict[str, None] = {}
    for r in records:
        names.update(dict.fromkeys(r))
    frame = pd.DataFrame([[_cell(r.get(n)) for n in names] for r in records], columns=list(names), dtype=object)
    frame.insert(0, "_row", range(2, 2 + len(frame)))
    _frame_to_raw(cur, frame)


def _frame_to_raw(cur, frame: pd.DataFrame) -> None:
    for col in frame.columns[1:]:
        frame[col] = frame[col].astype("string")
    cur.register("imp_frame", frame)
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT * FROM imp_frame")
    cur.unregister("imp_frame")


def _read_parquet(cur, path: Path) -> None:
    cols = [r[0] for r in cur.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()]
    quoted = ['"' + c.replace('"', '""') + '"' for c in cols]
    casts = ", ".join(f"CAST({q} AS VARCHAR) AS {q}" for q in quoted)
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT row_number() OVER () + 1 AS _row, "
        f"{casts} FROM read_parquet(?)",
        [str(path)],
    )


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n}_{seen[n]}")
    return out


# what an upload may be: suffix -> the bytes such a file starts with (None: text, checked for NULs)
JENIS_UNGGAH: dict[str, tuple[bytes, ...] | None] = {
    "csv": None,
    "txt": None,
    "tsv": None,
    "json": None,
    "xlsx": (b"PK\x03\x04",),
    "xlsm": (b"PK\x03\x04",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04"),
    "parquet": (b"PAR1",),
}


def check_upload(name: str, data: bytes, *, max_mb: int) -> None:
    """Refuse an upload, with a message for a clerk, when it is too large, empty, of a type we do
    not read, or its content does not match its name (e.g. an .exe renamed .xlsx)."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in JENIS_UNGGAH:
        raise FileRefused(
            f"jenis berkas .{suffix or '(tanpa akhiran)'} tidak didukung; yang diterima: "
            + ", ".join(f".{s}" for s in JENIS_UNGGAH)
        )
    size_mb = len(data) / 2**20
    if size_mb > max_mb:
        raise FileRefused(
            f"berukuran {size_mb:,.0f} MB, melebihi batas unggah {max_mb} MB. Pecah berkas (mis. per instansi "
            "atau per tahun), simpan sebagai Parquet, atau impor di server: python -m analytics import BERKAS"
        )
    if not data.strip():
        raise FileRefused("berkas kosong")
    magic = JENIS_UNGGAH[suffix]
    if magic is None:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FileRefused(
                "berkas teks UTF-16 (mis. 'Unicode Text' dari Excel); simpan ulang sebagai 'CSV UTF-8' atau XLSX"
            )
        if b"\x00" in data[:65536]:
            raise FileRefused(f"isi berkas bukan teks, padahal namanya .{suffix}; unggah CSV/JSON yang sebenarnya")
    elif not data.startswith(magic):
        raise FileRefused(
            f"isi berkas bukan {suffix.upper()} walaupun namanya .{suffix}; simpan ulang dari Excel/SIASN"
        )


def read_bytes_as_file(data: bytes, name: str) -> Path:
    """Write uploaded bytes to a temporary file keeping the name's suffix (for the Impor page)."""
    tmp = tempfile.NamedTemporaryFile(suffix=Path(name).suffix, delete=False)
    with tmp:
        tmp.write(data)
    return Path(tmp.name)
