"""Indonesian number and date formatting: 1.234.567 · 45,6% · 28 Nov 2026."""

from __future__ import annotations

import math
from datetime import date

BULAN = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def _swap(text: str) -> str:
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def angka(value: float | int | None, desimal: int = 0) -> str:
    """1234567 -> '1.234.567'; 1234.5 with desimal=1 -> '1.234,5'; None/NaN -> '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return _swap(f"{value:,.{desimal}f}")


def persen(share: float | None, desimal: int = 1) -> str:
    """0.456 -> '45,6%' (the argument is a share, not a percentage)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return angka(share * 100, desimal) + "%"


def tanggal(value: date | str | None) -> str:
    """date(2026, 11, 28) or '2026-11-28' -> '28 Nov 2026'."""
    if value is None:
        return "–"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"
