"""The standing corpus of bad and tricky import files, each with its expected outcome (issue 13).

Every file is generated here by code (no committed binaries). A case is refused whole (exit 2, a reason
in Indonesian, nothing written) or read (exit 0) with the rows loaded and rejected it must give, and
for some rows the reason. Employee cases import into an empty database; activity and punishment cases (named
kursus_* and hukdis_*) into one holding the three employees of tests/importdata.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, NIP, PEGAWAI_HEADER, PEGAWAI_ROWS


@dataclass(frozen=True)
class Case:
    name: str  # also the file name (its suffix is the format)
    make: Callable[[Path], None]  # writes the file at the given path
    refused: str | None = None  # a regex the refusal message must match; None: the file is read
    loaded: int = 0
    rejected: int = 0
    unchanged: int = 0
    reasons: dict[int, str] = field(default_factory=dict)  # row number -> part of its reason
    stored: tuple[str, tuple, tuple] | None = None  # (SQL, parameters, the one row expected) after the import
    catatan: str | None = None  # part of a note the import's summary must carry


def text_file(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return lambda p: p.write_bytes(text.encode(encoding))


def raw_file(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def rows_text(header: list[str], rows: list[list[str]], sep: str = ",", end: str = "\n") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator=end).writerows([header, *rows])
    return buf.getvalue()


def peg(**changes) -> list[list[str]]:
    """The three employees with cells changed: {row index: {header: value}}."""
    rows = [list(r) for r in PEGAWAI_ROWS]
    for i, cells in changes.items():
        for h, v in cells.items():
            rows[int(i[1:])][PEGAWAI_HEADER.index(h)] = v
    return rows


def kursus(*extra: list[str]) -> list[list[str]]:
    return [list(r) for r in KURSUS_ROWS] + [list(r) for r in extra]


def peg_csv(rows=None, sep=",", end="\n") -> str:
    return rows_text(PEGAWAI_HEADER, PEGAWAI_ROWS if rows is None else rows, sep, end)


def kursus_csv(rows=None, sep=",") -> str:
    return rows_text(KURSUS_HEADER, KURSUS_ROWS if rows is None else rows, sep)


HUKDIS_HEADER = ["nipBaru", "jenisHukuman", "jenisTingkatHukumanId", "hukumanTanggal", "akhirHukumTanggal"]


def hukdis_csv(*dates: tuple[str, str]) -> str:
    """A punishment (teguran lisan) per (start, end), for the three employees in turn."""
    return rows_text(HUKDIS_HEADER, [[NIP[i % 3], "1", "R", m, s] for i, (m, s) in enumerate(dates)])


def digits(text: str, zero: int) -> str:
    """The digits of `text` in another script (zero: the code point of its 0, e.g. 0x0660 Arabic-Indic)."""
    return "".join(chr(zero + int(c)) for c in text)


def xlsx(header, rows, *, title_rows=0, numbers=()) -> Callable[[Path], None]:
    def make(p: Path) -> None:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(p))
        ws = wb.add_worksheet("Data")
        for r in range(title_rows):
            ws.write_string(r, 0, f"Laporan {r + 1}")
        for r, row in enumerate([header, *rows], start=title_rows):
            for c, v in enumerate(row):
                if header[c] in numbers and r > title_rows and v:
                    ws.write_number(r, c, float(v))
                else:
                    ws.write_string(r, c, v)
        wb.close()

    return make


def xlsx_bytes(header, rows) -> bytes:
    buf = io.BytesIO()
    import xlsxwriter

    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet()
    for r, row in enumerate([header, *rows]):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
    wb.close()
    return buf.getvalue()


def parquet_bytes(header, rows) -> bytes:
    import pandas as pd

    buf = io.BytesIO()
    pd.DataFrame(rows, columns=header).to_parquet(buf, index=False)
    return buf.getvalue()


def zip_file(p: Path) -> None:
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("bukan_excel.txt", "isi")


def json_file(data) -> Callable[[Path], None]:
    return text_file(json.dumps(data, ensure_ascii=False))


def records(header, rows) -> list[dict]:
    return [dict(zip(header, r, strict=True)) for r in rows]


# --- files that make a reader allocate far more than their size (issue 27) -------------------------------
# Built by hand in milliseconds: a deflate stream of one chunk repeated, compressed once (a full flush
# resets the compressor, so every copy compresses to the same bytes), in a ZIP written field by field.


def _deflate(prefix: bytes, chunk: bytes = b"", count: int = 0, suffix: bytes = b"") -> tuple[bytes, int, int]:
    """(raw deflate of prefix + chunk * count + suffix, its CRC-32, its size)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH) if count else b""
    tail = c.compress(suffix) + c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    return head + block * count + tail, zlib.crc32(suffix, crc), len(prefix) + len(chunk) * count + len(suffix)


def zip_mentah(parts: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A ZIP of already deflated parts {name: (data, crc, size)} (sizes under 4 GiB: no ZIP64)."""
    out, central = bytearray(), bytearray()
    for name, (data, crc, size) in parts.items():
        n, at = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0) + n + data
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size, len(n), 0, 0, 0, 0, 0, at
            )
            + n
        )
    at = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), at, 0)
    return bytes(out)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_mentah(sheet: bytes | tuple[bytes, int, int], shared: tuple[bytes, int, int] | None = None) -> bytes:
    """A minimal workbook from its sheet XML (or its deflated parts) and, optionally, its shared strings."""
    t = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        f'workbook.xml" ContentType="{_CT}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
        f'ContentType="{_CT}.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
        f'ContentType="{_CT}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet '
        'name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        + (f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
        + "</Relationships>",
    }
    parts = {n: _deflate(v.encode()) for n, v in t.items()}
    parts["xl/worksheets/sheet1.xml"] = _deflate(sheet) if isinstance(sheet, bytes) else sheet
    if shared:
        parts["xl/sharedStrings.xml"] = shared
    return zip_mentah(parts)


def lembar(rows: str, dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}">{dim}<sheetData>{rows}</sheetData></worksheet>'.encode()


def _kolom(i: int) -> str:
    return ("" if i < 26 else chr(64 + i // 26)) + chr(65 + i % 26)


def baris_lembar(header: list[str], rows: list[list[str]]) -> str:
    """Sheet rows of inline strings (a cell may be longer than Excel lets a writer library make it)."""
    return "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{_kolom(i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(cells) if v)
        + "</row>"
        for r, cells in enumerate([header, *rows], start=1)
    )


def _header_row() -> str:
    return (
        '<row r="1">'
        + "".join(
            f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(PEGAWAI_HEADER[:3])
        )
        + "</row>"
    )


@functools.cache
def bom_zip_json() -> bytes:
    """3 MB of ZIP holding 3 GiB of JSON (a list of 3 072 MiB of spaces): read at full size it took 6 GB."""
    return zip_mentah({"pegawai.json": _deflate(b"[", b" " * 2**20, 3072, b"]")})


@functools.cache
def bom_sel(mib: int) -> bytes:
    """About 1 MB of workbook whose one shared string is `mib` MiB long (1 GiB of it took 5.3 GB to read)."""
    head = f'<?xml version="1.0"?><sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>'.encode()
    shared = _deflate(head, b"A" * 2**20, mib, b"</t></si></sst>")
    return xlsx_mentah(lembar(_header_row() + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'), shared)


NAMA = "NAMA"
HOSTILE = [
    '=HYPERLINK("http://evil.example","klik")',
    "+62 812",
    "-1+1",
    "@SUM(A1:A9)",
    "[klik](http://evil.example) <script>alert(1)</script> **tebal**",
]
_TITLE = "Daftar Pegawai Dinas Kesehatan\nPer 1 Januari 2025\n\n"

CASES: list[Case] = [
    # --- refused whole: nothing to read ---------------------------------------------------------------------
    Case("kosong.csv", raw_file(b""), refused="berkas kosong"),
    Case("spasi.csv", text_file("  \n\n \t\n"), refused="berkas kosong"),
    Case("kosong.xlsx", raw_file(b""), refused="berkas kosong"),
    Case("kosong.json", raw_file(b""), refused="berkas kosong"),
    Case("tanpa_judul.csv", text_file("a,b,c\n1,2,3\n"), refused="judul kolom tidak ditemukan"),
    Case("satu_kolom_dikenal.csv", text_file("NIP BARU,warna\n1,merah\n"), refused="judul kolom tidak ditemukan"),
    Case("biner.csv", raw_file(bytes(range(256)) * 64), refused="bukan teks"),
    Case("program.exe", raw_file(b"MZ\x90\x00" + b"\x00" * 100), refused="tidak didukung"),
    Case("tanpa_akhiran", text_file(peg_csv()), refused="tidak didukung"),
    Case("dokumen.docx", raw_file(b"PK\x03\x04"), refused="tidak didukung"),
    # spreadsheets that are not what their name says, or broken
    Case("teks.xlsx", text_file(peg_csv()), refused="isi berkas bukan XLSX"),
    Case("zip_lain.xlsx", zip_file, refused="lembar kerja tidak bisa dibaca"),
    Case("terpotong.xlsx", raw_file(xlsx_bytes(PEGAWAI_HEADER, PEGAWAI_ROWS)[:700]), refused="tidak bisa dibaca"),
    Case("ole_rusak.xls", raw_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 3000), refused="tidak bisa dibaca"),
    Case("teks.xls", text_file(peg_csv()), refused="isi berkas bukan XLS"),
    # SIMPEG's "Excel" download that is an HTML table
    Case("html.xls", text_file("<html><table><tr><td>NIP BARU</td></tr></table></html>"), refused="bukan XLS"),
    Case("lembar_kosong.xlsx", xlsx(["x"], []), refused="judul kolom tidak ditemukan"),
    Case("tanpa_judul.xlsx", xlsx(["1", "2"], [["3", "4"]]), refused="judul kolom tidak ditemukan"),
    Case(
        "kolom_wajib_hilang.xlsx",
        xlsx(["NIP BARU", "NAMA"], [[NIP[0], "Budi"]]),
        refused="paling mirip pegawai, tetapi kolom wajib tidak ada: tanggal_lahir atau jenis_kelamin",
    ),
    # no birth date column: the NIP carries it (issue 14), the row loads marked as derived
    Case("tanpa_tanggal_lahir.xlsx", xlsx(["NIP BARU", "NAMA", "JENIS KELAMIN"], [[NIP[0], "Budi", "M"]]), loaded=1),
    # Parquet
    Case("rusak.parquet", raw_file(b"PAR1" + b"\x00\x13" * 500 + b"PAR1"), refused="Parquet rusak"),
    Case(
        "terpotong.parquet",
        raw_file(parquet_bytes(PEGAWAI_HEADER, PEGAWAI_ROWS)[:300]),
        refused="Parquet rusak atau terpotong",
    ),
    Case("teks.parquet", text_file(peg_csv()), refused="isi berkas bukan PARQUET"),
    # JSON
    Case("terpotong.json", text_file(json.dumps(records(PEGAWAI_HEADER, PEGAWAI_ROWS))[:150]), refused="baris 1"),
    Case("angka.json", text_file("42"), refused="JSON harus berupa daftar objek"),
    Case("daftar_angka.json", text_file("[1, 2, 3]"), refused="JSON harus berupa daftar objek"),
    Case(
        "tanpa_data.json",
        json_file({"code": 0, "message": "token kedaluwarsa"}),
        refused="pesan galat, bukan data .token kedaluwarsa",
    ),
    Case("csv.json", text_file(peg_csv()), refused="JSON tidak utuh atau rusak"),
    Case("nul.json", raw_file(b'[{"a": "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"}]'), refused="bukan teks"),
    Case(
        "kolom_wajib_hilang.csv",
        text_file("nipBaru,jenisDiklatId,namaKursus\n" + NIP[0] + ",3,Kursus\n"),
        refused="paling mirip pengembangan, tetapi kolom wajib tidak ada: tanggal_mulai, jp",
    ),
    Case(
        "jenis_tak_dikenal.csv",
        text_file("nipBaru,nama,hewanPeliharaan\n" + NIP[0] + ",Budi,kucing\n"),
        refused="jenis data tidak bisa ditentukan",
    ),
    # --- read: RFC 4180 and the encodings Excel writes ------------------------------------------------------
    Case("hanya_judul.csv", text_file(peg_csv([])), loaded=0),
    Case("baik.csv", text_file(peg_csv()), loaded=3),
    Case(
        "baris_baru_dalam_sel.csv",
        text_file(peg_csv(peg(r1={"JABATAN NAMA": "Guru\nAhli Pertama"}, r2={NAMA: "Ni Made\r\nAyu"}))),
        loaded=3,
        stored=("SELECT jabatan_nama FROM pegawai WHERE nip = ?", (NIP[1],), ("Guru\nAhli Pertama",)),
    ),
    Case(
        "kutip_ganda.csv",
        text_file(peg_csv(peg(r1={NAMA: 'Siti "Ami" Aminah'}))),
        loaded=3,
        stored=("SELECT nama FROM pegawai WHERE nip = ?", (NIP[1],), ('Siti "Ami" Aminah',)),
    ),
    Case(
        "kutip_di_tengah_sel.csv",  # not RFC 4180, but Excel reads the quote as a character
        text_file(peg_csv().replace("Siti Aminah", 'Siti Ami"s Aminah')),
        loaded=3,
        stored=("SELECT nama FROM pegawai WHERE nip = ?", (NIP[1],), ('Siti Ami"s Aminah',)),
    ),
    Case(
        "pemisah_dalam_sel.csv",
        text_file(peg_csv(peg(r0={"UNOR NAMA": "Dinas Kesehatan, Pengendalian Penduduk; dan KB | Sleman"}))),
        loaded=3,
    ),
    Case("crlf.csv", text_file(peg_csv(end="\r\n")), loaded=3),
    Case("cr_saja_mac.csv", text_file(peg_csv(end="\r")), loaded=3),
    Case("titik_koma.csv", text_file(peg_csv(sep=";")), loaded=3),
    Case("tab.tsv", text_file(peg_csv(sep="\t")), loaded=3),
    Case("pipa.txt", text_file(peg_csv(sep="|")), loaded=3),
    Case("bom.csv", text_file("\ufeff" + peg_csv()), loaded=3),
    Case(
        "windows1252.csv",
        text_file(peg_csv(peg(r0={NAMA: "Budi Santoso Señor"})), "cp1252"),
        loaded=3,
        stored=("SELECT nama FROM pegawai WHERE nip = ?", (NIP[0],), ("Budi Santoso Señor",)),
    ),
    Case(
        "unicode_text_excel.txt",  # Excel "Unicode Text": UTF-16 LE with BOM, tab separated
        text_file(peg_csv(peg(r2={NAMA: "Ni Made Ayu 😀 عائشة"}), sep="\t", end="\r\n"), "utf-16"),
        loaded=3,
        stored=("SELECT nama FROM pegawai WHERE nip = ?", (NIP[2],), ("Ni Made Ayu 😀 عائشة",)),
    ),
    Case("utf16le_tanpa_bom.txt", text_file(peg_csv(sep="\t"), "utf-16-le"), loaded=3),
    Case("utf16be_tanpa_bom.csv", text_file(peg_csv(), "utf-16-be"), loaded=3),
    Case("baris_judul_di_atas.csv", text_file(_TITLE + peg_csv()), loaded=3),
    Case("baris_kosong_di_tengah.csv", text_file(peg_csv().replace("\n", "\n\n", 2)), loaded=3),
    Case("judul_berspasi.csv", text_file(peg_csv().replace("NIP BARU", "  nip baru ", 1)), loaded=3),
    Case(
        "sel_sangat_panjang.csv",  # over Excel's own 32 767 characters a cell: its row is rejected, kept whole
        text_file(peg_csv(peg(r0={"JABATAN NAMA": "Kepala Seksi " + "x" * 100_000}))),
        loaded=2,
        rejected=1,
        reasons={2: "100013 karakter, melebihi batas 32.767"},
    ),
    Case(
        "nama_berbahaya.csv",  # formulas and markup are data: stored as typed (exports neutralise them)
        text_file(peg_csv(peg(r0={NAMA: HOSTILE[0]}, r1={NAMA: HOSTILE[3]}, r2={NAMA: HOSTILE[4]}))),
        loaded=3,
        stored=("SELECT nama FROM pegawai WHERE nip = ?", (NIP[0],), (HOSTILE[0],)),
    ),
    Case("baik.xlsx", xlsx(PEGAWAI_HEADER, PEGAWAI_ROWS, title_rows=2), loaded=3),
    Case(
        "nip_angka_excel.xlsx",  # NIP stored as a number: Excel keeps 15 digits
        xlsx(PEGAWAI_HEADER, PEGAWAI_ROWS, numbers=("NIP BARU",)),
        rejected=3,
        reasons={2: "notasi ilmiah", 3: "notasi ilmiah", 4: "notasi ilmiah"},
    ),
    Case("baik.parquet", raw_file(parquet_bytes(PEGAWAI_HEADER, PEGAWAI_ROWS)), loaded=3),
    Case("siasn.json", json_file({"code": 1, "data": records(PEGAWAI_HEADER, PEGAWAI_ROWS)}), loaded=3),
    Case("daftar.json", json_file(records(PEGAWAI_HEADER, PEGAWAI_ROWS)), loaded=3),
    # --- read, with malformed rows rejected and the rest loaded ---------------------------------------------
    Case(
        "baris_terlalu_panjang.csv",
        text_file(peg_csv().replace("Pemerintah Kota Bandung", "Pemerintah Kota Bandung,sisa,lagi")),
        loaded=2,
        rejected=1,
        reasons={3: "baris berisi 17 kolom, padahal judul kolom hanya 15"},
    ),
    Case(
        "koma_kosong_di_akhir.csv",  # trailing empty cells (Excel writes them for formatted empty columns)
        text_file(peg_csv().replace("\n", ",,\n")),
        loaded=3,
    ),
    Case(
        "baris_pendek.csv",  # the last columns left out: padded with empty cells
        text_file(peg_csv().replace(",U-2,Dinas Pendidikan,Pemerintah Kota Bandung", "")),
        loaded=3,
    ),
    Case(
        "kutip_tidak_ditutup.csv",
        text_file(peg_csv().replace(",Siti Aminah,", ',"Siti Aminah,')),
        loaded=2,
        rejected=1,
        reasons={3: "tidak pernah ditutup"},
    ),
    Case(
        "kutip_tidak_ditutup_baris_akhir.csv",
        text_file(peg_csv() + '199001152019032002,"Siti\n'),
        loaded=3,
        rejected=1,
        reasons={5: "tidak pernah ditutup"},
    ),
    Case(
        "nul_dalam_sel.csv",
        text_file(peg_csv().replace("Siti Aminah", "Siti\x00Aminah")),
        loaded=2,
        rejected=1,
        reasons={3: "karakter NUL"},
    ),
    Case(
        "nul_dalam_json.json",
        json_file(records(PEGAWAI_HEADER, peg(r1={NAMA: "Siti\x00Aminah"}))),
        loaded=2,
        rejected=1,
        reasons={3: "karakter NUL"},
    ),
    Case(
        "nul_dalam_sel.parquet",
        raw_file(parquet_bytes(PEGAWAI_HEADER, peg(r0={"JABATAN NAMA": "Kepala\x00Seksi"}))),
        loaded=2,
        rejected=1,
        reasons={2: "karakter NUL"},
    ),
    # --- read: values normalised or refused with a reason ----------------------------------------------------
    Case(
        "nip_bertanda_hubung.csv",
        text_file(
            peg_csv(
                peg(r0={"NIP BARU": "19860926-201505-1-001"}, r1={"NIP BARU": "19900115\u00a0201903\u00a02\u00a0002"})
            )
        ),
        loaded=3,
        stored=("SELECT count(*) FROM pegawai WHERE nip IN (?, ?)", (NIP[0], NIP[1]), (2,)),
    ),
    Case("nip_apostrof.csv", text_file(peg_csv(peg(r0={"NIP BARU": "'" + NIP[0]}))), loaded=3),
    Case(
        "nip_karakter_tak_terlihat.csv",  # zero-width space and joiner, right-to-left mark, BOM: copied from the web
        text_file(
            peg_csv(
                peg(
                    r0={"NIP BARU": "\u200b" + NIP[0][:8] + "\u200d" + NIP[0][8:]},
                    r1={"NIP BARU": NIP[1] + "\u200f"},
                    r2={"NIP BARU": "\ufeff" + NIP[2]},
                )
            )
        ),
        loaded=3,
        stored=("SELECT count(*) FROM pegawai WHERE nip IN (?, ?, ?)", tuple(NIP), (3,)),
        catatan="3 NIP/kode dibersihkan sebelum diperiksa",
    ),
    Case(
        "nip_angka_non_latin.csv",  # Arabic-Indic and full-width digits are refused, never converted
        text_file(peg_csv(peg(r0={"NIP BARU": digits(NIP[0], 0x0660)}, r1={"NIP BARU": digits(NIP[1], 0xFF10)}))),
        loaded=1,
        rejected=2,
        reasons={2: "NIP berisi angka non-Latin", 3: "NIP berisi angka non-Latin"},
    ),
    Case(
        "lahir_1900.csv",
        text_file(peg_csv(peg(r0={"NIP BARU": "190009262015051001", "TANGGAL LAHIR": "26-09-1900"}))),
        loaded=2,
        rejected=1,
        reasons={2: "umur saat TMT"},
    ),
    Case(
        "terlalu_muda_saat_tmt.csv",
        text_file(peg_csv(peg(r1={"NIP BARU": "200601152019032002", "TANGGAL LAHIR": "15-01-2006"}))),
        loaded=2,
        rejected=1,
        reasons={3: "tahun TMT pada NIP terlalu dekat"},
    ),
    Case(
        "umur_16_saat_tmt.csv",  # the NIP allows 14 years; the plausibility bound does not
        text_file(peg_csv(peg(r1={"NIP BARU": "200301152019032002", "TANGGAL LAHIR": "15-01-2003"}))),
        loaded=2,
        rejected=1,
        reasons={3: "umur saat TMT"},
    ),
    Case(
        "tanggal_lahir_rusak.csv",
        text_file(peg_csv(peg(r2={"TANGGAL LAHIR": "31-02-1992"}))),
        loaded=2,
        rejected=1,
        reasons={4: "format tanggal tidak dikenal"},
    ),
    Case("data_ganda.csv", text_file(peg_csv([*PEGAWAI_ROWS, PEGAWAI_ROWS[0]])), loaded=3, unchanged=1),
    Case(
        "kunci_ganda_berbeda.csv",
        text_file(peg_csv([*PEGAWAI_ROWS, peg(r0={NAMA: "Budi Lain"})[0]])),
        loaded=3,
        rejected=1,
        reasons={5: "data ganda dalam berkas"},
    ),
    # activity files (the three employees are in the base database)
    Case("kursus_baik.csv", text_file(kursus_csv()), loaded=3),
    Case(
        "kursus_1900.csv",
        text_file(kursus_csv(kursus([NIP[0], "3", "Diklat Lama", "24", "01-03-1900", "03-03-1900", "X", "L/1"]))),
        loaded=3,
        rejected=1,
        reasons={5: "sebelum pegawai berumur"},
    ),
    Case(
        "kursus_jauh_sebelum_tmt.csv",  # Budi: born 1986, TMT 2015
        text_file(kursus_csv(kursus([NIP[0], "3", "Kursus", "24", "01-03-2005", "03-03-2005", "X", "L/2"]))),
        loaded=3,
        rejected=1,
        reasons={5: "sebelum TMT CPNS/PPPK"},
    ),
    Case(
        "kursus_nip_tidak_dikenal.csv",
        text_file(kursus_csv(kursus(["198001012005011001", "3", "Kursus", "24", "01-03-2025", "", "X", "L/3"]))),
        loaded=3,
        rejected=1,
        reasons={5: "NIP tidak ada di data pegawai"},
    ),
    Case(
        "kursus_masa_depan.csv",
        text_file(kursus_csv(kursus([NIP[1], "3", "Kursus", "24", "01-03-2099", "03-03-2099", "X", "L/4"]))),
        loaded=3,
        rejected=1,
        reasons={5: "masa depan"},
    ),
    Case(
        "kursus_nilai_berbahaya.csv",  # the rejected value keeps its text; --rejects-out neutralises it
        text_file(kursus_csv(kursus([NIP[1], "3", "Kursus", "=1+1", "01-03-2025", "03-03-2025", "X", "L/5"]))),
        loaded=3,
        rejected=1,
        reasons={5: "JP bukan angka"},
    ),
    Case(
        "kursus_baris_baru.csv",
        text_file(kursus_csv(kursus([NIP[2], "16", "E-Learning\nK3 Lanjut", "4", "2025-08-01", "", "ASN", "S/9"]))),
        loaded=4,
        stored=("SELECT count(*) FROM pengembangan WHERE nama = ?", ("E-Learning\nK3 Lanjut",), (1,)),
    ),
    Case(
        "kursus_tahun_1.csv",  # a system's "no date" placeholder
        text_file(kursus_csv(kursus([NIP[0], "3", "Kursus", "24", "0001-01-01", "0001-01-03", "X", "L/6"]))),
        loaded=3,
        rejected=1,
        reasons={5: "sebelum 17-08-1945 (Proklamasi)"},
    ),
    # punishments (the three employees are in the base database): dated between the Proclamation and the import
    # day, the end of one still running up to the end of next year
    Case(
        "hukdis_tanggal_mustahil.csv",
        text_file(hukdis_csv(("0001-01-01", ""), ("1500-06-01", ""), ("01-02-2025", "01-08-2025"))),
        loaded=1,
        rejected=2,
        reasons={2: "sebelum 17-08-1945 (Proklamasi)", 3: "sebelum 17-08-1945 (Proklamasi)"},
        stored=("SELECT tanggal_mulai::VARCHAR FROM hukdis", (), ("2025-02-01",)),
    ),
    Case(
        "hukdis_batas_proklamasi.csv",
        text_file(hukdis_csv(("16-08-1945", ""), ("17-08-1945", ""))),
        loaded=1,
        rejected=1,
        reasons={2: "sebelum 17-08-1945 (Proklamasi)"},
        stored=("SELECT tanggal_mulai::VARCHAR FROM hukdis", (), ("1945-08-17",)),
    ),
    Case(
        "hukdis_akhir_terlalu_jauh.csv",
        text_file(hukdis_csv(("01-02-2025", f"31-12-{date.today().year + 1}"), ("01-03-2025", "01-01-2099"))),
        loaded=1,
        rejected=1,
        reasons={3: "tanggal terlalu jauh di masa depan"},
    ),
    Case(
        "kursus_xlsx_terpotong.xlsx",
        raw_file(xlsx_bytes(KURSUS_HEADER, KURSUS_ROWS)[:-40]),
        refused="tidak bisa dibaca",
    ),
    # --- limits on what a file may make the reader allocate (analytics.importer.batas, issue 27) ---
    # the 1.7 KB workbook whose only cell sits at XFD1048576 (a grid of 17 billion cells): the CLI aborted,
    # the dashboard's process died with it
    Case(
        "sel_di_xfd1048576.xlsx",
        raw_file(xlsx_mentah(lembar('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))),
        refused="16.384 kolom, melebihi batas 1.000 kolom",
    ),
    Case(
        "dimensi_dua_juta_baris.xlsx",
        raw_file(xlsx_mentah(lembar(_header_row(), "A1:C2000000"))),
        refused="2.000.000 baris, melebihi batas 1.048.576 baris",
    ),
    Case(
        "baris_2000000.xlsx",
        raw_file(xlsx_mentah(lembar(_header_row() + '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'))),
        refused="2.000.000 baris",
    ),
    # within the row and column limits, but a grid of a billion cells: the reader process's memory limit ends it
    Case(
        "dua_sudut_a1_all1048576.xlsx",
        raw_file(xlsx_mentah(lembar(_header_row() + '<row r="1048576"><c r="ALL1048576"><v>1</v></c></row>'))),
        refused="batas memori",
    ),
    Case(
        "bom_zip_3gib_json.zip",
        lambda p: p.write_bytes(bom_zip_json()),
        refused="terurai menjadi 3.073 MB, melebihi batas 1.024 MB",
    ),
    Case(
        "bom_sel_1gib.xlsx",
        lambda p: p.write_bytes(bom_sel(1024)),
        refused="terurai menjadi 1.025 MB, melebihi batas 1.024 MB",
    ),
    Case("bom_sel_200mib.xlsx", lambda p: p.write_bytes(bom_sel(200)), refused="lebih dari 32.767 karakter"),
    Case(  # read within the memory bound: the row with the cell is rejected with its reason, the others load
        "sel_40000_karakter.xlsx",
        raw_file(xlsx_mentah(lembar(baris_lembar(PEGAWAI_HEADER, peg(r0={NAMA: "y" * 40_000}))))),
        loaded=2,
        rejected=1,
        reasons={2: "40000 karakter, melebihi batas 32.767"},
    ),
    Case(
        "json_1500_kolom.json",
        json_file([{**dict(zip(PEGAWAI_HEADER, PEGAWAI_ROWS[0], strict=True)), **{f"k{i}": "1" for i in range(1500)}}]),
        refused="kolom, melebihi batas 1.000 kolom",
    ),
]
