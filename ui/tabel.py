"""Tables: Indonesian headers and number display, widths that fit, row limits, small-cell captions."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.api.types import is_numeric_dtype

from analytics import fmt, privacy
from analytics import kolom as kamus

LEBAR_TABEL = 960  # px of the main column in the wide layout on a 1440 px screen


def _lebar(data) -> dict[str, int]:
    """Column widths in px so a wide table fits its container instead of hiding its last columns off
    the right edge: a number takes the width of its header, text shares the rest by its length (the
    full text of a cut cell shows on hover)."""

    def est(h) -> int:
        texts = data[h].head(200).map(lambda v: len(str(v)))
        return max(len(h), int(texts.quantile(0.9)) if len(texts) else 0) * 7 + 24

    num = {h: min(140, max(60, int(6.5 * len(h)) + 20)) for h in data.columns if is_numeric_dtype(data[h])}
    text = {h: min(420, est(h)) for h in data.columns if h not in num}
    room = LEBAR_TABEL - sum(num.values())
    if text and sum(text.values()) > room:
        scale = max(room, 100 * len(text)) / sum(text.values())
        text = {h: max(min(w, 100), int(w * scale)) for h, w in text.items()}
    return num | text


TABEL_MAKS = 1_000  # rows a table shows: a Styler of 16 000 national units costs seconds a rerun


def tabel(
    df,
    kolom: list[str] | None = None,
    *,
    tingkat: str | None = None,
    maks: int = TABEL_MAKS,
    lain: dict[str, kamus.Kolom] | None = None,
    lebar: dict[str, int] | None = None,
    **kwargs,
):
    """st.dataframe of `df` (only the columns `kolom`, in that order): the headers of analytics.kolom
    (`tingkat`: the grouping level of a group table), numbers shown as Indonesian text by a pandas
    Styler while the values stay numbers, so a click on a header sorts by value; flags 'Ya'/'Tidak',
    missing values '–'. At most `maks` rows, the first in the frame's order, with a caption saying so.
    `lain` gives header and kind of columns analytics.kolom does not name; `lebar` fixes widths (px, by
    header). Other keyword arguments go to st.dataframe (height, width, ...)."""
    if len(df) > maks:
        st.caption(
            f"Menampilkan {fmt.angka(maks)} baris pertama dari {fmt.angka(len(df))} (urutan seperti tertulis di "
            "atas); unduhan XLSX memuat semuanya, atau persempit filter."
        )
        df = df.head(maks)
    view = kamus.tampilan(df, kolom, tingkat=tingkat, lain=lain)
    config = {h: st.column_config.Column(width=w) for h, w in (_lebar(view.data) | (lebar or {})).items()}
    config |= kwargs.pop("column_config", {})
    with pd.option_context("styler.render.max_elements", max(view.data.size, 262_144)):
        return st.dataframe(view, hide_index=True, placeholder="–", column_config=config, **kwargs)


def catatan_sel_kecil(df, count: str = "pegawai") -> None:
    """A caption saying how many groups are blanked by the small-cell rule (non-admins), if any."""
    n = int(df[count].isna().sum()) if count in df.columns else 0
    if n:
        st.caption(
            f"{fmt.angka(n)} kelompok dengan kurang dari {privacy.MIN_SEL} pegawai tidak ditampilkan angkanya "
            "(perlindungan data pribadi)."
        )
