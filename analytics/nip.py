"""NIP (PNS) and NI PPPK: what the 18 digits encode, and whether they agree with a record.

PNS: YYYYMMDD birth date · YYYYMM TMT CPNS · sex (1 male, 2 female) · 3-digit sequence.
PPPK: YYYYMMDD birth date · YYYY appointment year · 2 digits (usually 21) · sex · sequence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# 0-9 only: Python's \d (and int()) also take Arabic-Indic, full-width, ... digits
_SCIENTIFIC = re.compile(r"^\s*[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+\s*$")
# what people type between the digit groups of a NIP: spaces (also non-breaking ones, as pasted from
# a web page or a Word letter) and dashes; removed before checking (macros.sql imp_nip does the same)
SEPARATORS = re.compile("[ \t\r\n\u00a0\u2007\u202f\\-\u2013\u2014]")
NON_LATIN = (
    "NIP berisi angka non-Latin (mis. angka Arab atau angka lebar penuh), bukan 0-9; ketik ulang NIP dengan angka 0-9"
)


def tanpa_format(text: str) -> str:
    """The text without its Unicode format characters (category Cf: BOM, zero-width space and joiners, direction
    marks): invisible, they come along with text copied from web pages and Word (macros.sql imp_id does the same)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


@dataclass(frozen=True)
class NipParts:
    tanggal_lahir: date
    tmt_tahun: int
    tmt_bulan: int | None  # None for PPPK (the NI carries the year only)
    jenis_kelamin: str  # L | P
    urut: int


class NipError(ValueError):
    """The NIP is malformed; the message is for a clerk, in Bahasa Indonesia."""


def parse(nip: str, *, jenis_pegawai: str = "PNS") -> NipParts:
    """Split an 18-digit NIP (or NI PPPK) into its parts; raise NipError with the reason."""
    text = SEPARATORS.sub("", tanpa_format(str(nip)).strip()).lstrip("'`")
    if _SCIENTIFIC.match(text):
        raise NipError("NIP rusak oleh Excel (notasi ilmiah, digit hilang); ekspor ulang dengan kolom NIP sebagai teks")
    if any(unicodedata.category(ch).startswith("N") and not "0" <= ch <= "9" for ch in text):
        raise NipError(NON_LATIN)
    if not re.fullmatch(r"[0-9]+", text):
        raise NipError("NIP harus 18 angka")
    if len(text) != 18:
        raise NipError(f"NIP harus 18 angka (ditemukan {len(text)}); bila dari Excel, kemungkinan digit hilang")
    try:
        lahir = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError as exc:
        raise NipError("8 angka pertama NIP bukan tanggal lahir yang sah") from exc
    sex = {"1": "L", "2": "P"}.get(text[14])
    if sex is None:
        raise NipError("angka ke-15 NIP (jenis kelamin) harus 1 atau 2")
    tahun = int(text[8:12])
    bulan = None if jenis_pegawai == "PPPK" else int(text[12:14])
    if bulan is not None and not 1 <= bulan <= 12:
        raise NipError("angka ke-13 dan ke-14 NIP bukan bulan TMT CPNS yang sah")
    if tahun < lahir.year + 14:
        raise NipError("tahun TMT pada NIP terlalu dekat dengan tahun lahir")
    return NipParts(lahir, tahun, bulan, sex, int(text[15:18]))


def check(
    nip: str, *, tanggal_lahir: date | None, tmt: date | None, jenis_kelamin: str | None, jenis_pegawai: str = "PNS"
) -> list[str]:
    """Reasons (empty when none) why the NIP disagrees with the row's own fields."""
    try:
        parts = parse(nip, jenis_pegawai=jenis_pegawai)
    except NipError as exc:
        return [str(exc)]
    reasons = []
    if tanggal_lahir is not None and parts.tanggal_lahir != tanggal_lahir:
        reasons.append("tanggal lahir tidak sesuai dengan NIP")
    if tmt is not None and (
        parts.tmt_tahun != tmt.year or (parts.tmt_bulan is not None and parts.tmt_bulan != tmt.month)
    ):
        reasons.append("TMT tidak sesuai dengan NIP")
    if jenis_kelamin is not None and parts.jenis_kelamin != jenis_kelamin:
        reasons.append("jenis kelamin tidak sesuai dengan NIP")
    return reasons
