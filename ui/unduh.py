"""Downloads: built when clicked, stamped in words, role-checked by the caller's frame, audited."""

from __future__ import annotations

import streamlit as st

from analytics import audit, fmt, report
from analytics.filters import Scope
from ui.sesi import connection


def export(df, what: str, scope: Scope, *, tingkat: str | None = None, format: str = "xlsx") -> bytes:
    """An xlsx download of `df` (human headers, `tingkat`: the grouping level of a group table),
    stamped in words with who exported what and when, or a csv for people (format='csv'); audited
    either way (the audit entry keeps ids and no personal data: what, how many rows, which filters)."""
    user = scope.akses
    audit.record(
        connection().cursor(),
        user.pengguna,
        "ekspor",
        {"laporan": what, "baris": len(df), "filter": report.filter_ids(scope), "format": format},
        cakupan=user.label(),
    )
    if format == "csv":
        return report.write(df, "csv", None, tingkat=tingkat, orang=True)
    st_ = report.stamp(connection(), user, scope, what, len(df), tingkat=tingkat)
    return report.write(df, "xlsx", None, stamp=st_, tingkat=tingkat)


MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


def unduh(label: str, df, what: str, scope: Scope, *, tingkat: str | None = None, format: str = "xlsx", nama=None):
    """The download button of `df`: the file is built when clicked (a long list takes seconds, not on
    every run), role-checked by the caller's frame, stamped and audited by export()."""
    st.download_button(
        label,
        lambda: export(df, what, scope, tingkat=tingkat, format=format),
        file_name=f"{nama or f'{what}_{scope.tahun}'}.{format}",
        mime=MIME[format],
        help=f"{fmt.angka(len(df))} baris; berkas disiapkan saat tombol diklik.",
    )
