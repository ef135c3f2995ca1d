"""Indonesian number and date formatting: 1.234.567 · 45,6% · 28 Nov 2026.

One rule per kind of number, for pages, charts, exports and the briefing alike: a count whole
(`angka`); JP whole, or one decimal where a fraction remains at one decimal (`jp`: 8.860 · 17,8); an
index, a score or points one decimal (`indeks`: IP ASN 60,3, Smart ASN 72,4, 'poin hilang' 3,5); a
percentage one decimal (`persen`: 43,2%). Every one of them rounds with `bulat`, once, at display.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

BULAN = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def _swap(text: str) -> str:
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def kosong(value) -> bool:
    """None, NaN, NaT or pandas NA: a value not shown (displayed as '–')."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or other non-scalar is a value
        return False


def bulat(value: float | int, desimal: int = 0) -> Decimal:
    """The one rounding rule of the dashboard: half away from zero on the shortest decimal form of
    the value (43.15 -> 43.2, never 43.1 because the binary float sits a hair below)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def angka(value: float | int | None, desimal: int = 0) -> str:
    """1234567 -> '1.234.567'; 1234.5 with desimal=1 -> '1.234,5'; None/NaN -> '–'."""
    if kosong(value):
        return "–"
    text = f"{bulat(value, desimal):,.{desimal}f}"
    return _swap("0" + text[2:] if text.startswith("-0") and not bulat(value, desimal) else text)


def desimal_jp(value: float) -> int:
    """The places a JP figure is shown with: 0 when it is whole at one decimal (8860.0, 19.96), else 1."""
    return 0 if bulat(value, 1) == bulat(value, 0) else 1


def jp(value: float | None) -> str:
    """A JP figure: 8860 -> '8.860', 17.83 -> '17,8', 19.96 -> '20'; None/NaN -> '–'."""
    return "–" if kosong(value) else angka(value, desimal_jp(value))


def indeks(value: float | None) -> str:
    """An index, a score or points (IP ASN, Smart ASN, trait scores, points lost): 60.32 -> '60,3'."""
    return angka(value, 1)


def persen(value: float | None, desimal: int = 1) -> str:
    """45.6 -> '45,6%': the argument is a percentage 0–100, as every share in an analytics result is
    (analytics.dimensions)."""
    return "–" if kosong(value) else angka(value, desimal) + "%"


def bagian(n: float | None, total: float | None, desimal: int = 1) -> str:
    """n of total as a percentage: bagian(456, 1000) -> '45,6%' ('–' when total is 0 or missing)."""
    if kosong(n) or kosong(total) or not total:
        return "–"
    return persen(100.0 * float(n) / float(total), desimal)


def ya_tidak(value) -> str:
    """True -> 'Ya', False -> 'Tidak', missing -> '–'."""
    return "–" if kosong(value) else ("Ya" if bool(value) else "Tidak")


def tanggal(value: date | str | None) -> str:
    """date(2026, 11, 28) or '2026-11-28' -> '28 Nov 2026'."""
    if value is None:
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


_MD_INLINE = {c: "\\" + c for c in "\\`*_{}[]<>~$:|"}  # what makes markup anywhere in a line
_MD_LEADING = "#+-=>!"  # what makes a heading, list or quote only at the start of a line
# GFM links bare 'http://…', 'www.…' and 'a@b.c' after the escapes are resolved, so a backslash does not
# stop them: an invisible word joiner inside the trigger does ('http:\u2060//', 'www\u2060.', '\u2060@')
_WJ = "\u2060"
_AUTOLINK = re.compile(r"(?<=\\:)(?=//)|(?i:(?<=www))(?=\.)|(?=@)")


def md(text) -> str:
    """A data value as literal text inside Streamlit markdown: markup characters escaped (CommonMark
    backslash escapes; also ':' of colour/emoji directives and '$' of LaTeX), bare web and e-mail
    addresses kept from becoming links (_WJ); '.' and '-' inside a name stay as they are, so
    'kepala.bkd' reads the same in the source and on screen."""
    if kosong(text):
        return "–"
    out = _AUTOLINK.sub(_WJ, str(text).replace("\n", " ").translate(str.maketrans(_MD_INLINE)))
    if out[:1] and out[0] in _MD_LEADING:
        return "\\" + out
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", out)  # '1. a' would start an ordered list
