"""Limits on what an import file may make the reader allocate, checked before anything is read at size.

A 1.7 KB workbook whose only cell sits at XFD1048576 makes the spreadsheet reader allocate a grid of
17 billion cells; a 3 MB ZIP can hold 3 GiB of JSON; a 1 MB workbook one 1 GiB cell. Each is refused
here from what the file declares (a ZIP's uncompressed sizes, a sheet's dimension and cell
references, the length of its text runs), streaming through the compressed parts with a fixed-size
buffer, so a refused file costs little memory. What a file can still do after these checks is bounded
by the reader process's own memory and time limits (analytics.importer.pekerja).

The limits are settings (operational, not regulation); their defaults sit above anything a real SIASN
or SIMPEG export reaches: a worksheet holds at most 1 048 576 rows (Excel's own limit) and an Excel cell
at most 32 767 characters.
"""

from __future__ import annotations

import math
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from analytics import fmt
from analytics.settings import Settings, load_settings

_POTONGAN = 1 << 20  # bytes decompressed at a time while scanning a part


class Melampaui(Exception):
    """The file exceeds a limit; the message says which, for a clerk (raised as FileRefused by the reader)."""


@dataclass(frozen=True)
class Batas:
    terurai_mb: int  # the uncompressed size of everything inside a ZIP or workbook
    baris: int  # rows of a worksheet or records of JSON (both read into memory whole)
    kolom: int  # columns of any file
    sel: int  # characters in one cell
    memori_mb: int  # the reader process's address space
    waktu_detik: int  # the reader process's time

    @classmethod
    def dari(cls, settings: Settings | None = None) -> Batas:
        s = settings or load_settings()
        return cls(s.impor_terurai_mb, s.impor_baris, s.impor_kolom, s.impor_sel, s.impor_memori_mb, s.impor_waktu)


def kolom_ke(huruf: str) -> int:
    """'A' -> 1, 'Z' -> 26, 'AA' -> 27, 'XFD' -> 16384."""
    n = 0
    for ch in huruf:
        n = n * 26 + ord(ch) - 64
    return n


def cek_kolom(n: int, batas: Batas) -> None:
    if n > batas.kolom:
        raise Melampaui(f"berkas memiliki {fmt.angka(n)} kolom, melebihi batas {fmt.angka(batas.kolom)} kolom")


def cek_baris(n: int, batas: Batas) -> None:
    if n > batas.baris:
        raise Melampaui(
            f"berkas memiliki {fmt.angka(n)} baris, melebihi batas {fmt.angka(batas.baris)} baris untuk lembar "
            "kerja dan JSON; pecah berkasnya atau simpan sebagai CSV"
        )


def cek_zip(path: Path, batas: Batas, *, lembar_kerja: bool) -> None:
    """Refuse a ZIP (or a workbook, which is one) on the uncompressed sizes its directory declares, and a
    workbook on its sheets' dimensions and its longest text run, before any reader touches it. Python's
    zipfile never returns more than an entry's declared size, so a lying directory cannot stretch it."""
    with zipfile.ZipFile(path) as z:
        isi = z.infolist()
        terurai = sum(i.file_size for i in isi)
        if terurai > batas.terurai_mb * 2**20:
            raise Melampaui(
                f"isi berkas terurai menjadi {fmt.angka(math.ceil(terurai / 2**20))} MB, melebihi batas "
                f"{fmt.angka(batas.terurai_mb)} MB isi terurai"
            )
        if not lembar_kerja:
            return
        for i in isi:
            nama = i.filename.lower()
            if nama.startswith("xl/worksheets/") and nama.endswith(".xml"):
                _pindai(z, i, batas, lembar=True)
            elif nama == "xl/sharedstrings.xml":
                _pindai(z, i, batas, lembar=False)


# a worksheet's declared extent and the cell/row references that could reach past the limits
_DIMENSI = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?"')


def _pindai(z: zipfile.ZipFile, info: zipfile.ZipInfo, batas: Batas, *, lembar: bool) -> None:
    """Stream one part: its dimension (a worksheet's first bytes), every reference to a column or row
    past the limits, and the longest run of text between two tags (a cell's text, in bytes: a UTF-8
    character is at most 4 bytes, so a run over 4 x the cell limit is surely over it)."""
    # only references with as many letters/digits as the limit's own can exceed it: cheap to search
    huruf = len(_huruf(batas.kolom))
    kolom_jauh = re.compile(rb'\sr="\$?([A-Z]{%d,})\$?\d' % huruf)  # <c r="XFD1">
    baris_jauh = re.compile(rb'\sr="\$?[A-Z]*\$?(\d{%d,})"' % len(str(batas.baris)))  # <row r="…"> and <c r="A…">
    maks_run = 4 * batas.sel
    run = 0  # the text run still open at the end of the previous piece
    sisa = b""  # the last bytes of the previous piece: a reference may straddle two pieces
    pertama = True
    with z.open(info) as f:
        while potong := f.read(_POTONGAN):
            if lembar:
                teks = sisa + potong
                if pertama and (m := _DIMENSI.search(teks[:4096])):
                    kolom = kolom_ke((m.group(3) or m.group(1)).decode())
                    cek_kolom(kolom, batas)
                    cek_baris(int(m.group(4) or m.group(2)), batas)
                for m in kolom_jauh.finditer(teks):
                    cek_kolom(kolom_ke(m.group(1).decode()), batas)
                for m in baris_jauh.finditer(teks):
                    cek_baris(int(m.group(1)), batas)
                sisa = potong[-64:]
                pertama = False
            bagian = potong.split(b"<")
            if len(bagian) == 1:
                run += len(potong)
            else:
                run += len(bagian[0])
                if run > maks_run or max(map(len, bagian[1:-1]), default=0) > maks_run:
                    break
                run = len(bagian[-1])
            if run > maks_run:
                break
        else:
            return
    raise Melampaui(f"lembar kerja berisi sel dengan lebih dari {fmt.angka(batas.sel)} karakter (batas per sel)")


def _huruf(n: int) -> str:
    """1 -> 'A', 1000 -> 'ALL' (the inverse of kolom_ke)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
