"""The shared filters (sidebar, query parameters), the data stamp, level choosers and comparison lines."""

from __future__ import annotations

import dataclasses

import streamlit as st

from analytics import dimensions, fmt, options, overview, privacy
from analytics.filters import Scope
from analytics.reference import JENIS_JABATAN
from ui.sesi import call, connection, data_year, meta, reference_date, rules

SEMUA = None


def _select(label: str, frame, value_col: str, label_col: str, key: str, none_label: str):
    values = [SEMUA] + frame[value_col].tolist()
    labels = dict(zip(frame[value_col], frame[label_col]))
    return st.selectbox(
        label,
        values,
        key=key,
        bind="query-params",
        format_func=lambda v: none_label if v is SEMUA else labels.get(v, str(v)),
        placeholder=none_label,  # a cleared box (its x, or a click elsewhere clearing it) still says "all"
    )


def sidebar_filters(user: privacy.Akses) -> Scope:
    """The global filters in the sidebar; returns the Scope every page uses (with the user's access,
    so every query is limited to what the user may see)."""
    con = connection()
    with st.sidebar:
        st.markdown("### Filter")
        tahun_ini = data_year()
        tahun = st.selectbox("Tahun", list(range(tahun_ini, 2019, -1)), key="tahun", bind="query-params")
        dipilih = []  # (value, its options, value column, label column) of each region/unit filter

        def pilih(label, frame, value_col, label_col, key, none_label):
            value = _select(label, frame, value_col, label_col, key, none_label)
            dipilih.append((value, frame, value_col, label_col))
            return value

        prov = pilih("Provinsi", options.provinsi(con, akses=user), "kode", "nama", "provinsi", "Semua provinsi")
        kk = pilih(
            "Kabupaten/kota",
            options.kabkota(con, provinsi_kode=prov, akses=user),
            "kode",
            "nama",
            "kabkota",
            "Semua kabupaten/kota",
        )
        inst = pilih(
            "Instansi",
            options.instansi(con, provinsi_kode=prov, akses=user),
            "id",
            "nama",
            "instansi",
            "Semua instansi",
        )
        unit = None
        if inst is not None:
            unit = pilih(
                "Unit kerja (beserta bawahannya)",
                options.unor(con, instansi_id=inst, provinsi_kode=prov, akses=user),
                "id",
                "label",
                "unor",
                "Semua unit kerja",
            )
        _filter_aktif(dipilih)
        jab = st.selectbox(
            "Jenis jabatan",
            [SEMUA, *JENIS_JABATAN],
            key="jabatan",
            bind="query-params",
            format_func=lambda v: "Semua jenis jabatan" if v is SEMUA else JENIS_JABATAN[v][0],
        )
    return Scope(
        tahun=tahun, provinsi_kode=prov, kabkota_kode=kk, instansi_id=inst, unor_id=unit, jenis_jabatan=jab, akses=user
    )


WILAYAH_UNIT = ("provinsi", "kabkota", "instansi", "unor")


def _hapus_filter() -> None:
    for f in WILAYAH_UNIT:
        st.session_state[f] = SEMUA


def _filter_aktif(pilihan) -> None:
    """Under the region and unit filters: which are set, in words, and one button clearing them all
    (a click on a map, bar or table sets them; this is the way back)."""
    kata = []
    for nilai, frame, kolom, label in pilihan:
        if nilai is not SEMUA:
            found = frame.loc[frame[kolom] == nilai, label]
            kata.append(str(found.iloc[0]) if len(found) else str(nilai))
    if kata:
        st.caption("Filter aktif: " + " › ".join(fmt.md(k) for k in kata))
        st.button("Hapus filter wilayah dan unit", on_click=_hapus_filter, key="hapus_filter", icon=":material/close:")


def freshness() -> None:
    """The data-freshness stamp: reference date, source, rule set and the data version (when the data
    last changed: the build or the last import), the same for every figure of the page."""
    m = meta()
    sumber = {"demo": "data demo sintetis", "campuran": "data demo sintetis **bercampur data impor**"}.get(
        m.get("sumber"), "data impor"
    )
    versi = max(m.get("dibangun", ""), m.get("impor_terakhir", "")).replace("T", " ")
    st.sidebar.caption(
        f"Data per **{fmt.tanggal(reference_date())}** · {sumber} · aturan: {rules().label}"
        + (f" · versi data {versi}" if versi else "")
    )


def page_scope() -> Scope:
    """The shared filters, for a page. When Streamlit ran the page without the router (the old
    pages/-folder mode it starts in until st.navigation first runs in the process, e.g. for a deep
    link to a freshly started server), switch that mode off and rerun through app.py."""
    if "scope" not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["scope"]


TINGKAT = dimensions.TINGKAT  # what a group is called at each level (also the group tables' header)


def pilih_tingkat(label: str, pilihan: list[str], key: str) -> str:
    """A grouping-level chooser whose first choice is the default; never None (a deselected
    control falls back to the default)."""
    return st.segmented_control(label, pilihan, default=pilihan[0], format_func=TINGKAT.get, key=key) or pilihan[0]


def scope_with(scope: Scope, **changes) -> Scope:
    """The same user's access with other filters (never a Scope without the user's access)."""
    return dataclasses.replace(Scope(tahun=scope.tahun, akses=scope.akses), **changes)


def nama_pembanding(scope: Scope) -> tuple[str, str]:
    """What the selection's own figure is called ("pilihan filter", or the account's whole scope when
    nothing is filtered) and what the account's whole scope is called ("nasional" or "cakupan akun"):
    the words of every reference line and comparison."""
    semua = "nasional" if scope.akses.nasional else "cakupan akun"
    return (semua if scope == scope_with(scope) else "pilihan filter"), semua


def pembanding(scope: Scope, fn, kolom: str, **kwargs) -> list[tuple[str, float]]:
    """Reference lines for a chart of groups, each labelled for what it is (nama_pembanding): the
    selection's own figure and, when the selection is narrower and the account may see the whole
    country, the national figure too."""
    own = call(fn, scope=scope, by="nasional", **kwargs)
    if own.empty or fmt.kosong(own.iloc[0][kolom]):
        return []
    label, semua = nama_pembanding(scope)
    lines = [(label, float(own.iloc[0][kolom]))]
    if label != semua and scope.akses.nasional:
        lines.append(("nasional", float(call(fn, scope=scope_with(scope), by="nasional", **kwargs).iloc[0][kolom])))
    return lines


def guard_small_selection(scope: Scope) -> None:
    """For non-admin roles, a selection of fewer than privacy.MIN_SEL employees shows no figures
    (small-cell protection of the totals and trends every page shows)."""
    if scope.akses.peran == "admin":
        return
    n = call(overview.jumlah, scope=scope)
    if 0 < n < privacy.MIN_SEL:
        st.info(
            f"Pilihan filter ini berisi kurang dari {privacy.MIN_SEL} pegawai; angka tidak ditampilkan untuk "
            "melindungi data pribadi. Perluas filter."
        )
        st.stop()
