"""Downloads: built when clicked, stamped in words, role-checked by the caller's frame, audited.
Tables go out through unduh(); charts through grafik(), whose menu offers the image and, given the
chart's frame, its data as CSV and XLSX (both through export())."""

from __future__ import annotations

import html
import re

import streamlit as st

from analytics import ekspor, fmt, gambar, report
from analytics.filters import Scope
from ui.sesi import connection


def export(
    df, what: str, scope: Scope, *, tingkat: str | None = None, format: str = "xlsx", judul: str | None = None
) -> bytes:
    """An xlsx download of `df` (human headers, `tingkat`: the grouping level of a group table),
    stamped in words with who exported what and when, or a csv for people (format='csv'); audited
    either way (the audit entry keeps ids and no personal data: what, how many rows, which filters).
    `judul`: what the file is, in words, for the stamp (default: the report's name, report.REPORTS)."""
    ekspor.catat(connection().cursor(), scope, laporan=what, baris=len(df), format=format, jalur=ekspor.DASBOR)
    if format == "csv":
        return report.write(df, "csv", None, tingkat=tingkat, orang=True)
    st_ = report.stamp(connection(), scope.akses, scope, judul or what, len(df), tingkat=None if judul else tingkat)
    return report.write(df, "xlsx", None, stamp=st_, tingkat=tingkat)


MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv"}


def unduh(
    label: str,
    df,
    what: str,
    scope: Scope,
    *,
    tingkat: str | None = None,
    format: str = "xlsx",
    nama=None,
    baris: int | None = None,
):
    """The download button of `df`: the file is built when clicked (a long list takes seconds, not on
    every run), role-checked by the caller's frame, stamped and audited by export(). `df` may be a
    function giving the frame (then fetched only on the click, `baris` rows expected)."""
    st.download_button(
        label,
        lambda: export(df() if callable(df) else df, what, scope, tingkat=tingkat, format=format),
        file_name=f"{nama or f'{what}_{scope.tahun}'}.{format}",
        mime=MIME[format],
        help=f"{fmt.angka(baris if callable(df) else len(df))} baris; berkas disiapkan saat tombol diklik.",
    )


@st.cache_resource
def _formats() -> tuple[str, ...]:
    """The chart file formats this server can make: looked up once per process, not per chart."""
    return gambar.FORMAT if gambar.browser() else ("html",)


def _slug(text: str) -> str:
    words = re.sub(r"<[^>]+>", " ", text or "grafik").lower()
    return re.sub(r"[^a-z0-9]+", "_", words).strip("_")[:60] or "grafik"


def boleh_data(df, scope: Scope | None) -> bool:
    """Whether the user of `scope` may take the frame `df` as a file: never without a scope, and a
    frame of people (a nip column) only for the roles that see person-level data."""
    return df is not None and scope is not None and (scope.akses.pribadi or "nip" not in df.columns)


# plotly's own toolbar is not drawn at all: its "Download plot as a PNG" would give the chart unaudited (hiding
# it by CSS left it clickable by script), and the rest of it is English; the menu below is the way out
TANPA_MODEBAR = {"displayModeBar": False}


def grafik(fig, tempat=None, *, data=None, tingkat: str | None = None, pilih=None, key: str | None = None) -> None:
    """Draw a chart (in `tempat`, a column, or the page) with its download menu: PNG (slide size, 2x),
    SVG and PDF drawn by kaleido with the system Chromium, or, where none exists, a standalone HTML
    file that opens offline; and, given `data` (the frame the chart was drawn from, only the columns
    it shows; `tingkat`: the grouping level of a group frame), that data as 'Data (CSV)' and
    'Data (XLSX)' through export() (human headers, numbers as numbers, stamped; audited as
    'grafik_data:<chart>'). Files are made when clicked and every download is audited (ekspor.catat); with
    no scope in the session there is no one to audit it for, and no menu. Charts show
    aggregates only (small cells already blank, as the frame gives them), so every role may take
    them; a frame of people (a nip column) is offered only to the roles that see people. `pilih`: a
    callback run when a point is clicked (its selection in st.session_state[key]): click-to-filter."""
    tempat = tempat or st
    # click-to-filter: `pilih` runs before the next run, with the selection under `key`
    klik = {} if pilih is None else {"key": key, "on_select": pilih, "selection_mode": "points"}
    tempat.plotly_chart(fig, width="stretch", config=TANPA_MODEBAR, **klik)
    judul = fig.layout.title.text or "grafik"
    nama = _slug(judul)
    scope = st.session_state.get("scope")
    if scope is None:  # no one to audit a file for: the chart is drawn, no file leaves
        return
    tahun = scope.tahun or ""
    kata = html.unescape(re.sub(r"<[^>]+>", " ", judul)).strip()  # the title in words, for the stamp

    def file(format: str) -> bytes:
        baris = None if data is None else len(data)  # the groups drawn, when the caller gave their table
        ekspor.catat(
            connection().cursor(), scope, laporan=f"grafik:{nama}", baris=baris, format=format, jalur=ekspor.DASBOR
        )
        return gambar.html(fig) if format == "html" else gambar.gambar(fig, format)

    with tempat.popover("Unduh grafik", icon=":material/download:"):
        formats = _formats()
        if formats == ("html",):
            st.caption(gambar.TANPA_BROWSER)
        for format in formats:
            st.download_button(
                format.upper(),
                lambda format=format: file(format),
                file_name=f"{nama}_{tahun}.{format}",
                mime=gambar.MIME[format],
                key=f"grafik_{nama}_{format}",
                width="stretch",
            )
        if boleh_data(data, scope):
            for format in ("csv", "xlsx"):
                st.download_button(
                    f"Data ({format.upper()})",
                    lambda format=format: export(
                        data, f"grafik_data:{nama}", scope, tingkat=tingkat, format=format, judul=f"Data grafik: {kata}"
                    ),
                    file_name=f"{nama}_{tahun}.{format}",
                    mime=MIME[format],
                    key=f"grafik_{nama}_data_{format}",
                    width="stretch",
                    help=f"Data grafik ini, {fmt.angka(len(data))} baris; berkas disiapkan saat tombol diklik.",
                )
