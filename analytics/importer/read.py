"""Reading an import file into a temporary DuckDB table of text columns, one row per data row.

Every format ends as `imp_raw(<header> VARCHAR, ...)` in file order, with the spreadsheet row number of
each row (the header row is 1, or lower down when title rows sit above it) either in a `_row` column or,
for CSV, as `rowid + first_row` (read_into returns first_row), which spares a window over big files.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import math
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics.importer.batas import Batas, Melampaui, cek_baris, cek_kolom, cek_zip

DELIMITERS = [",", ";", "|", "\t"]
SAMPLE_BYTES = 1 << 20


class FileRefused(Exception):
    """The file cannot be imported at all; the message says why, for a clerk."""


def normalise(header: object) -> str:
    """'NIP BARU', 'nip_baru', 'nipBaru' -> 'nipbaru'."""
    return "".join(ch for ch in str(header).lower() if ch.isalnum())


def read_into(cur: duckdb.DuckDBPyConnection, path: Path, known: set[str], batas: Batas | None = None) -> int | None:
    """Create TEMP TABLE imp_raw from `path`; `known` (normalised aliases) locates the header row.
    Returns the row number of the first data row when imp_raw has no `_row` column. A file over the
    limits (analytics.importer.batas) is refused before it is read at size, or right after for what
    only the read shows. Run it in the reader process (analytics.importer.pekerja), not the server's.

    Whatever goes wrong while reading (a truncated workbook, a zip renamed .xlsx, broken JSON, a
    corrupt Parquet) ends as FileRefused with a reason in Indonesian; the reader's own English
    text never reaches the user."""
    batas = batas or Batas.dari()
    try:
        first_row = _read(cur, path, known, batas)
        _cek_hasil(cur, batas)
    except Melampaui as exc:
        raise FileRefused(str(exc)) from exc
    return first_row


def _cek_hasil(cur: duckdb.DuckDBPyConnection, batas: Batas) -> None:
    """The columns of what was read, any format. (A cell over the length limit that was read within the
    memory bound rejects its row, with the reason, in the engine's checks.)"""
    cek_kolom(len([r for r in cur.execute("DESCRIBE imp_raw").fetchall() if r[0] != "_row"]), batas)


def _read(cur: duckdb.DuckDBPyConnection, path: Path, known: set[str], batas: Batas) -> int | None:
    if path.is_dir():
        _from_records(cur, folder_records(path), batas)
        return None
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise FileRefused(
            f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; "
            "pakai CSV, XLSX, Parquet, JSON atau ZIP berisi JSON"
        )
    _check_content(path, suffix.lstrip("."))
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            return _read_csv(cur, path, known)
        elif suffix in (".xlsx", ".xlsm", ".xls"):
            if zipfile.is_zipfile(path):  # .xls may be the old binary format (its reader checks its size)
                cek_zip(path, batas, lembar_kerja=True)
            rows = _xlsx_rows(path)
            cek_baris(len(rows), batas)
            _from_rows(cur, rows, known)
        elif suffix == ".parquet":
            _read_parquet(cur, path)
        elif suffix == ".zip":
            cek_zip(path, batas, lembar_kerja=False)
            _from_records(cur, _zip_records(path), batas)
        else:
            _from_records(cur, _json_records(path), batas)
    except (FileRefused, Melampaui):
        raise
    except MemoryError:
        raise
    except OSError as exc:
        if exc.errno == errno.ENOSPC:  # our temporary copy filled the disk: not the file's fault
            raise
        raise FileRefused(READERS[suffix]) from exc
    except Exception as exc:  # noqa: BLE001 (any reader failure is the file's fault here; see READERS)
        raise FileRefused(READERS[suffix]) from exc
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a reader's panic (the spreadsheet library's PanicException is no Exception)
        raise FileRefused(READERS[suffix]) from exc
    return None


# why a file of each type could not be read, for a clerk (the library's exception stays in the traceback chain)
_SPREADSHEET = (
    "lembar kerja tidak bisa dibaca: berkas rusak atau terpotong, dilindungi kata sandi, atau berkas jenis lain "
    "yang diganti namanya. Buka di Excel lalu simpan ulang sebagai 'Excel Workbook (.xlsx)'"
)
READERS = {
    ".csv": "berkas CSV tidak bisa dibaca; simpan ulang dari Excel sebagai 'CSV UTF-8'",
    ".txt": "berkas teks tidak bisa dibaca; simpan ulang dari Excel sebagai 'CSV UTF-8'",
    ".tsv": "berkas teks tidak bisa dibaca; simpan ulang dari Excel sebagai 'CSV UTF-8'",
    ".xlsx": _SPREADSHEET,
    ".xlsm": _SPREADSHEET,
    ".xls": _SPREADSHEET,
    ".parquet": "berkas Parquet rusak atau terpotong; buat ulang berkasnya",
    ".json": "berkas JSON tidak bisa dibaca; periksa bahwa isinya JSON yang utuh",
    ".jsonl": "berkas JSON tidak bisa dibaca; periksa bahwa isinya JSON yang utuh",
    ".zip": "berkas ZIP rusak atau terpotong; buat ulang ZIP-nya",
}


def _encoding(path: Path) -> tuple[str, bool]:
    """(encoding, has NUL bytes) of a text file: 'utf-16' (with a BOM, or NUL bytes in every other
    place: Excel's "Unicode Text"), 'utf-16-le'/'utf-16-be' without a BOM, 'utf-8' when the whole
    file decodes as UTF-8 (BOM or not), else 'cp1252'."""
    with path.open("rb") as f:
        head = f.read(4096)
    utf16 = utf16_of(head)
    if utf16:
        return utf16, False
    decoder = codecs.getincrementaldecoder("utf-8")()
    nul = False
    encoding = "utf-8"
    with path.open("rb") as f:
        while chunk := f.read(SAMPLE_BYTES * 8):
            nul = nul or b"\x00" in chunk
            if encoding == "utf-8":
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    encoding = "cp1252"
    if encoding == "utf-8":
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            encoding = "cp1252"
    return encoding, nul


def utf16_of(head: bytes) -> str | None:
    """The UTF-16 codec a text file's first bytes show ('utf-16' with a BOM, '-le'/'-be' without), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    pairs = len(head) // 2
    if pairs >= 4:
        even = head[0 : pairs * 2 : 2].count(0)
        odd = head[1 : pairs * 2 : 2].count(0)
        if odd >= 0.9 * pairs and even == 0:
            return "utf-16-le"  # ASCII text: every second byte is 0
        if even >= 0.9 * pairs and odd == 0:
            return "utf-16-be"
    return None


def _transcode(path: Path, encoding: str) -> Path:
    """A UTF-8 copy of a text file in another encoding (DuckDB reads UTF-8)."""
    tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False)
    with path.open("r", encoding=encoding, newline="") as f, tmp:
        while block := f.read(SAMPLE_BYTES * 8):
            tmp.write(block)
    return Path(tmp.name)


def _sniff(lines: list[str], known: set[str]) -> tuple[str, int, list[str]]:
    """(delimiter, index of the header line, header cells) from the first lines of a text file."""
    best = None
    for delim in DELIMITERS:
        rows = list(csv.reader(lines, delimiter=delim))
        for i, row in enumerate(rows[:20]):
            hits = sum(normalise(c) in known for c in row)
            if hits >= 2 and (best is None or (hits, -i) > (best[0], -best[2])):
                best = (hits, delim, i, row)
                break
    if best is None:
        raise FileRefused(
            "baris judul kolom tidak ditemukan: tidak ada kolom yang dikenal pada "
            "20 baris pertama (lihat daftar nama kolom di README)"
        )
    return best[1], best[2], best[3]


def _header_names(cells: list[str]) -> list[str]:
    """Header cells as column names: trailing empty cells dropped, empty ones named, repeats numbered."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return _unique([c.strip() or f"kolom_{j + 1}" for j, c in enumerate(cells)])


def _read_csv(cur, path: Path, known: set[str]) -> int | None:
    """RFC 4180 text in any of our delimiters. Well-formed files go through DuckDB's reader (fast, in
    parallel); a file it will not read as a strict table (a short or long row, an unclosed quote, a NUL
    byte, a line break inside quotes it cannot split) is read again row by row by `_lenient`, which
    loads every good row and marks each malformed one with its reason."""
    encoding, nul = _encoding(path)
    source = path if encoding == "utf-8" else _transcode(path, encoding)
    try:
        with source.open("r", encoding="utf-8-sig", newline="") as f:
            # lines end at \n, \r or \r\n only, as for DuckDB and _lenient (str.splitlines knows more)
            head = [line.rstrip("\r\n") for line in io.StringIO(f.read(SAMPLE_BYTES), newline="").readlines()[:40]]
        if not any(line.strip() for line in head):
            raise FileRefused("berkas kosong")
        delim, header_at, header = _sniff(head, known)
        names = _header_names(header)
        if not nul:
            try:
                rel = cur.read_csv(
                    str(source),
                    header=False,
                    sep=delim,
                    quotechar='"',
                    escapechar='"',
                    columns={n: "VARCHAR" for n in names},
                    auto_detect=False,
                    skiprows=header_at + 1,
                    strict_mode=True,
                    encoding="utf-8",
                )
                cur.register("imp_csv", rel)
                cur.execute("SET preserve_insertion_order = true")
                cur.execute("CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT * FROM imp_csv")
                return header_at + 2
            except duckdb.Error:
                pass  # not a strict table: read it row by row below
            finally:
                cur.unregister("imp_csv")
        _lenient(cur, source, delim, header_at, names)
        return None
    finally:
        if source != path:
            source.unlink(missing_ok=True)


MAX_LINES_PER_ROW = 200  # a quoted cell spanning more lines than this is taken as an unclosed quote


def _lenient(cur, source: Path, delim: str, header_at: int, names: list[str]) -> None:
    """Read a text file record by record (RFC 4180: quoted cells may hold delimiters, doubled quotes
    and line breaks). Each record keeps its spreadsheet row number; a record that cannot be a row of
    the table is kept with `_cacat` (why) and `_mentah` (its text) so it ends in the rejects:
    an opening quote never closed, more cells than the header has (trailing empty cells are allowed),
    a NUL byte. A quote inside an unquoted cell is a character; short rows are padded with empty cells."""
    width = len(names)
    with source.open("r", encoding="utf-8-sig", newline="") as f:
        lines = f.readlines()
    rows: list[list[str | None]] = []
    cacat: list[str | None] = []
    mentah: list[str | None] = []
    i = header_at + 1
    while i < len(lines):
        line = lines[i]
        if not line.strip():  # a blank line is no row (DuckDB skips them too)
            i += 1
            continue
        if '"' not in line and "\x00" not in line:
            cells, why, used = line.rstrip("\r\n").split(delim), None, 1
        else:
            cells, why, used = _record(lines, i, delim)
        if why is None and len(cells) > width:
            if any(c.strip() for c in cells[width:]):
                why = f"baris berisi {len(cells)} kolom, padahal judul kolom hanya {width}"
            cells = cells[:width]
        if why is None:
            rows.append([c if c != "" else None for c in cells] + [None] * (width - len(cells)))
            cacat.append(None)
            mentah.append(None)
        else:
            rows.append([None] * width)
            cacat.append(why)
            mentah.append(_potong(line.rstrip("\r\n").replace("\x00", "")))
        i += used
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    frame.insert(0, "_row", range(header_at + 2, header_at + 2 + len(frame)))
    frame["_cacat"] = pd.Series(cacat, dtype="string")
    frame["_mentah"] = pd.Series(mentah, dtype="string")
    _frame_to_raw(cur, frame)


def _record(lines: list[str], i: int, delim: str) -> tuple[list[str], str | None, int]:
    """(cells, reason it is malformed or None, physical lines used) for the record starting at line i.
    A quote opening a cell runs on over line breaks until it closes; a quote inside an unquoted cell
    (`Ami"s`) is a character, as Excel reads it."""
    if "\x00" in lines[i]:
        return [], "baris berisi karakter NUL (bukan teks); ekspor ulang berkasnya", 1
    text, used = lines[i], 1
    while text.count('"') % 2 and used < MAX_LINES_PER_ROW and i + used < len(lines):
        text += lines[i + used]
        used += 1
    if not text.count('"') % 2:
        records = _parse(text, delim)
        if len(records) == 1:
            return records[0], None, used
    records = _parse(lines[i], delim)  # the line alone: an odd quote inside a cell is just a character
    if len(records) == 1 and not any("\n" in c or "\r" in c for c in records[0]):
        return records[0], None, 1
    return [], 'tanda kutip (") membuka sel tetapi tidak pernah ditutup', 1


def _parse(text: str, delim: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error:
        return []


def _potong(text: str, n: int = 200) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _check_content(path: Path, suffix: str) -> None:
    with path.open("rb") as f:
        check_head(f.read(65536), suffix)


_CONTROL = bytes([*range(9), 11, *range(14, 32)])  # bytes text does not contain (tab, line breaks, form feed do)


def check_head(head: bytes, suffix: str) -> None:
    """Refuse a file whose first bytes do not match its name (an .exe renamed .xlsx, a text file
    called .parquet, a binary called .csv) or that is empty, with a reason for a clerk: one check for
    the CLI and for uploads. UTF-16 text (Excel's "Unicode Text") is text: it is decoded, not refused."""
    if not head.strip():
        raise FileRefused("berkas kosong")
    magic = JENIS_UNGGAH.get(suffix)
    if magic is None:
        control = len(head) - len(head.translate(None, _CONTROL))
        if control > len(head) // 50 and utf16_of(head) is None:  # a stray NUL in a cell is the row's problem
            raise FileRefused(f"isi berkas bukan teks, padahal namanya .{suffix}; unggah CSV/JSON yang sebenarnya")
    elif not head.startswith(magic):
        raise FileRefused(
            f"isi berkas bukan {suffix.upper()} walaupun namanya .{suffix}; simpan ulang dari Excel/SIASN"
        )


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
    """The records of a JSON file: SIASN web-service responses (`{"code": 1, "data": {...}}` for one
    person, `{"code": 1, "data": [...]}` for a history), a plain list, an object holding one list of
    records (`{"data": {"pegawai": [...]}}`), or several of these one after another (JSON Lines, or
    responses saved into one file)."""
    return _text_records(path.read_text(encoding="utf-8-sig"))


def _text_records(text: str) -> list[dict]:
    decoder = json.JSONDecoder()
    out: list[dict] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n,":
            i += 1
        if i >= n:
            break
        try:
            value, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise FileRefused(
                f"berkas JSON tidak utuh atau rusak (baris {exc.lineno}, kolom {exc.colno}); unduh ulang dari SIASN"
            ) from exc
        out.extend(_records_of(value))
    if not out:
        raise FileRefused("berkas JSON tidak berisi satu pun data")
    return out


def _records_of(value: object) -> list[dict]:
    """The records one JSON value holds (see _json_records)."""
    envelope = {"code", "data", "message", "status", "success"}
    if isinstance(value, dict) and value and set(value) <= envelope and ("data" in value or "message" in value):
        if value.get("code") not in (None, 1, "1", 200) and value.get("data") in (None, [], {}):
            raise FileRefused(
                "jawaban SIASN berisi pesan galat, bukan data"
                + (f" ({str(value['message'])[:120]})" if value.get("message") else "")
            )
        value = value.get("data")
        if value is None:
            raise FileRefused("jawaban SIASN tidak berisi data (kunci 'data' kosong)")
    if isinstance(value, dict):
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
        scalars = [v for v in value.values() if not isinstance(v, (list, dict))]
        if len(lists) == 1 and not scalars:  # {"pegawai": [...]} (and perhaps a count beside it)
            return lists[0]
        return [value]  # one record, e.g. /pns/data-utama/{nip}
    if isinstance(value, list) and all(isinstance(r, dict) for r in value):
        return value
    raise FileRefused('JSON harus berupa daftar objek, objek data, atau jawaban SIASN {"code": 1, "data": ...}')


def _zip_records(path: Path) -> list[dict]:
    """A ZIP of SIASN responses (JSON files, any folder depth): their records as one import."""
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if not n.endswith("/") and not n.startswith("__MACOSX"))
        return _parts_records([(n, lambda n=n: z.read(n)) for n in names], "ZIP")


def folder_records(path: Path) -> list[dict]:
    """A folder of SIASN responses (JSON files, any depth): their records as one import."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return _parts_records([(str(p.relative_to(path)), p.read_bytes) for p in files], "Folder")


def _parts_records(parts, where: str) -> list[dict]:
    other = [n for n, _ in parts if not n.lower().endswith((".json", ".jsonl"))]
    if other:
        raise FileRefused(
            f"{where} hanya boleh berisi jawaban SIASN berformat JSON; ditemukan juga: "
            + ", ".join(other[:5])
            + ". Impor berkas lain satu per satu"
        )
    out: list[dict] = []
    for n, data in parts:
        try:
            out.extend(_text_records(data().decode("utf-8-sig")))
        except (FileRefused, UnicodeDecodeError) as exc:
            why = exc if isinstance(exc, FileRefused) else "bukan teks UTF-8"
            raise FileRefused(f"{n} dalam {where}: {why}") from exc
    if not out:
        raise FileRefused(f"{where} tidak berisi berkas JSON")
    return out


def _from_records(cur, records: list[dict], batas: Batas) -> None:
    cek_baris(len(records), batas)
    names: dict[str, None] = {}
    for r in records:
        names.update(dict.fromkeys(r))
        cek_kolom(len(names), batas)
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
    "jsonl": None,
    "zip": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "xlsm": (b"PK\x03\x04",),
    "xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04"),
    "parquet": (b"PAR1",),
}


def check_upload(name: str, data: bytes, *, max_mb: int) -> None:
    """Refuse an upload before it is written anywhere, with a message for a clerk, when it is of a type
    we do not read, too large, empty, or its content does not match its name."""
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
    check_head(data[:65536], suffix)


def read_bytes_as_file(data: bytes, name: str) -> Path:
    """Write uploaded bytes to a temporary file keeping the name's suffix (for the Impor page)."""
    tmp = tempfile.NamedTemporaryFile(suffix=Path(name).suffix, delete=False)
    with tmp:
        tmp.write(data)
    return Path(tmp.name)
