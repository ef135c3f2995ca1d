"""Shared view helpers: the process-wide connection, cached analytics calls, the global filters."""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from datetime import date

import pandas as pd
import streamlit as st
from pandas.api.types import is_numeric_dtype

from analytics import accounts, audit, db, dimensions, fmt, options, privacy, summaries
from analytics import kolom as kamus
from analytics.filters import Scope
from analytics.reference import JENIS_JABATAN
from analytics.rules import load_rules
from analytics.settings import load_settings

SEMUA = None
_REBUILD = threading.Lock()


# Streamlit's own chrome is English and cannot be translated: what only duplicates our controls or lets
# data leave unaudited is hidden (README "Bahasa"), what matters is replaced by an Indonesian control.
GAYA = """<style>
[data-testid="stElementToolbar"] { display: none !important; }      /* table CSV/search/fullscreen */
.js-plotly-plot .modebar-container { display: none !important; }   /* chart toolbar (PNG download) */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {
  content: "Pilih berkas"; font-size: 0.875rem; }  /* "Upload" (only the browse button, not the file chips) */
[data-testid="InputInstructions"] { display: none !important; }     /* "Press Enter to apply" */
</style>"""


def gaya() -> None:
    """The dashboard's own CSS (static text, no data in it)."""
    st.html(GAYA)


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def connection():
    """The one DuckDB connection of this process; builds the demo database when none exists."""
    settings = load_settings()
    if not settings.db_path.exists():
        from analytics.demo import build_demo

        build_demo(
            settings.db_path,
            employees=settings.demo_employees,
            seed=settings.demo_seed,
            memory_limit=settings.memory_limit,
        )
    return db.connect(settings.db_path, memory_limit=settings.memory_limit)


DB_TERKUNCI = (
    "Basis data sedang dipakai proses lain (mis. perintah `python -m analytics` atau dasbor lain di server "
    "ini), jadi dasbor belum bisa dibuka. Tunggu proses itu selesai atau hentikan, lalu klik **Coba lagi**."
)


def buka_basis_data() -> None:
    """Open the process's connection first thing in a run (app.py). When another process holds the
    database file (DuckDB's write lock), say so in Indonesian with a retry button and stop, instead
    of Streamlit's generic English error; st.cache_resource keeps no exception, so the run after the
    click tries again. The message names no server path (it shows before login)."""
    try:
        connection()
    except db.DatabaseLocked as exc:
        logging.getLogger(__name__).warning("%s", exc)  # the file's path, for whoever runs the server
        st.title("Dasbor Kesiapan Smart ASN")
        st.error(DB_TERKUNCI)
        st.button("Coba lagi", key="db_coba_lagi", type="primary")  # a click reruns the script: a new attempt
        st.stop()


def ensure_summaries() -> None:
    """Rebuild the JP and IP ASN summaries when the rules file changed or a large import marked it stale
    (a cheap check on every run; the rebuild itself is rare)."""
    con, r = connection(), rules()
    if not summaries.is_current(con, r):
        with _REBUILD, st.spinner("Menghitung ulang ringkasan 20 JP dan IP ASN…"):  # one session rebuilds, others wait
            summaries.ensure_current(con, r)


@st.cache_resource
def rules():
    """The validated rules file (a malformed file stops the app with the key named)."""
    return load_rules(load_settings().rules_path)


def meta() -> dict[str, str]:
    """Facts about the loaded data (reference date, source)."""
    return db.get_meta(connection())


@st.cache_data(show_spinner=False, max_entries=512)
def _call(fn_module: str, fn_name: str, scope: Scope, versi: str, kwargs: tuple):
    import importlib
    import inspect

    fn = getattr(importlib.import_module(fn_module), fn_name)
    extra = {"rules": rules()} if "rules" in inspect.signature(fn).parameters else {}
    return fn(connection(), scope=scope, **dict(kwargs), **extra)


def _versi() -> str:
    """The data version: changes with a rebuild, an import or a new rule set (part of cache keys)."""
    m = meta()
    return "|".join((m.get("dibangun", ""), m.get("impor_terakhir", ""), m.get("aturan_jp", "")))


def call(fn, *, scope: Scope, **kwargs):
    """Run an analytics function with the shared connection (and the rules file when it takes
    them), cached per scope, arguments, data version and rule set."""
    return _call(fn.__module__, fn.__name__, scope, _versi(), tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def _cakupan_nama(user: privacy.Akses, versi: str) -> str:
    return privacy.cakupan_nama(connection(), user)


def reference_date() -> date:
    """The data's reference date ('today' for the dashboard's statuses and pace)."""
    return date.fromisoformat(meta().get("data_per", date.today().isoformat()))


def data_year() -> int:
    """The year of the data's reference date (the 'current' year of the dashboard)."""
    return reference_date().year


def _select(label: str, frame, value_col: str, label_col: str, key: str, none_label: str):
    values = [SEMUA] + frame[value_col].tolist()
    labels = dict(zip(frame[value_col], frame[label_col]))
    return st.selectbox(
        label,
        values,
        key=key,
        bind="query-params",
        format_func=lambda v: none_label if v is SEMUA else labels.get(v, str(v)),
    )


def sidebar_filters(user: privacy.Akses) -> Scope:
    """The global filters in the sidebar; returns the Scope every page uses (with the user's access,
    so every query is limited to what the user may see)."""
    con = connection()
    with st.sidebar:
        st.markdown("### Filter")
        tahun_ini = data_year()
        tahun = st.selectbox("Tahun", list(range(tahun_ini, 2019, -1)), key="tahun", bind="query-params")
        prov = _select("Provinsi", options.provinsi(con, akses=user), "kode", "nama", "provinsi", "Semua provinsi")
        kk = _select(
            "Kabupaten/kota",
            options.kabkota(con, provinsi_kode=prov, akses=user),
            "kode",
            "nama",
            "kabkota",
            "Semua kabupaten/kota",
        )
        inst = _select(
            "Instansi",
            options.instansi(con, provinsi_kode=prov, akses=user),
            "id",
            "nama",
            "instansi",
            "Semua instansi",
        )
        unit = None
        if inst is not None:
            unit = _select(
                "Unit kerja (beserta bawahannya)",
                options.unor(con, instansi_id=inst, provinsi_kode=prov, akses=user),
                "id",
                "label",
                "unor",
                "Semua unit kerja",
            )
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


def freshness() -> None:
    """The data-freshness stamp: reference date, source and rule set."""
    m = meta()
    sumber = {"demo": "data demo sintetis", "campuran": "data demo sintetis **bercampur data impor**"}.get(
        m.get("sumber"), "data impor"
    )
    st.sidebar.caption(f"Data per **{fmt.tanggal(m.get('data_per'))}** · {sumber} · aturan: {rules().label}")


def kpi(col, label: str, value: str, note: str | None = None, *, help: str | None = None) -> None:
    """A bordered KPI card; `note` is a neutral grey line under the value (no arrow, no colour)."""
    col.metric(label, value, delta=note, delta_color="off", delta_arrow="off", border=True, help=help)


def page_scope() -> Scope:
    """The shared filters, for a page. When Streamlit ran the page without the router (the old
    pages/-folder mode it starts in until st.navigation first runs in the process, e.g. for a deep
    link to a freshly started server), switch that mode off and rerun through app.py."""
    if "scope" not in st.session_state:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        st.rerun()
    return st.session_state["scope"]


def tahun_lalu(tren, tahun: int, kolom: str, angka=fmt.angka) -> str | None:
    """The KPI note "<value> pada <tahun - 1>" from a per-year frame (None when that year has no row)."""
    lalu = tren[tren["tahun"] == tahun - 1]
    return None if lalu.empty else f"{angka(lalu.iloc[0][kolom])} pada {tahun - 1}"


TINGKAT = dimensions.TINGKAT  # what a group is called at each level (also the group tables' header)


def pilih_tingkat(label: str, pilihan: list[str], key: str) -> str:
    """A grouping-level chooser whose first choice is the default; never None (a deselected
    control falls back to the default)."""
    return st.segmented_control(label, pilihan, default=pilihan[0], format_func=TINGKAT.get, key=key) or pilihan[0]


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


def ipasn_kpis(nas, tren, tahun: int) -> None:
    """Four KPI cards for one ipasn.per_kelompok row: mean (vs the year before), share Tinggi or
    Sangat Tinggi, share Sangat Rendah, completeness."""
    lengkap = nas["lengkap"]

    def share(n) -> str:
        return fmt.bagian(n, lengkap)

    c = st.columns(4)
    kpi(
        c[0],
        f"Rata-rata IP ASN {tahun}",
        fmt.angka(nas["rata_ipasn"], 2) if lengkap else "–",
        tahun_lalu(tren, tahun, "rata_ipasn", lambda v: fmt.angka(v, 2)),
        help="Rata-rata pegawai berdata lengkap.",
    )
    kpi(
        c[1],
        "Tinggi atau Sangat Tinggi",
        share(nas["sangat_tinggi"] + nas["tinggi"]),
        f"{fmt.angka(nas['sangat_tinggi'] + nas['tinggi'])} pegawai",
        help="IP ASN ≥ 81, dari pegawai berdata lengkap.",
    )
    kpi(
        c[2],
        "Sangat Rendah",
        share(nas["sangat_rendah"]),
        f"{fmt.angka(nas['sangat_rendah'])} pegawai",
        help="IP ASN di bawah 61.",
    )
    kpi(
        c[3],
        "Data lengkap untuk IP ASN",
        fmt.persen(nas["persen_lengkap"]),
        f"{fmt.angka(nas['pegawai'] - lengkap)} pegawai tidak dihitung",
        help="Pegawai tanpa pendidikan, jenis jabatan atau SKP tercatat tampil di daftar tetapi tidak masuk rata-rata.",
    )


def smart_kpis(cols, nas, tren, tahun: int, target: float | None) -> None:
    """Three KPI cards for one smart.per_kelompok row: share ready (vs the target), mean readiness
    index (vs the year before), coverage of the index."""
    kpi(
        cols[0],
        f"Siap Smart ASN {tahun}",
        fmt.persen(nas["persen_siap"]),
        "tanpa target" if target is None else f"target {fmt.persen(target)}",
        help=f"{fmt.angka(nas['siap'])} dari {fmt.angka(nas['pegawai'])} pegawai; definisi 'siap' di bagian bawah "
        "halaman Atribut Smart ASN.",
    )
    kpi(
        cols[1],
        "Indeks kesiapan",
        "–" if nas["indeks"] != nas["indeks"] else fmt.angka(nas["indeks"], 1),
        tahun_lalu(tren, tahun, "indeks", lambda v: fmt.angka(v, 1)),
        help="Rata-rata indeks 0–100 pegawai yang cukup berdata.",
    )
    kpi(
        cols[2],
        "Cakupan indeks",
        fmt.persen(nas["cakupan_indeks"]),
        f"{fmt.angka(nas['pegawai'] * (100 - nas['cakupan_indeks']) / 100)} pegawai kurang data",
        help="Pegawai dengan cukup atribut berdata untuk dihitung indeksnya.",
    )


# --- login ------------------------------------------------------------------------------------


def akses() -> privacy.Akses:
    """The signed-in user's access (login_gate has run in app.py)."""
    return st.session_state["akses"]


def _demo_accounts_active() -> bool:
    return bool(accounts.demo_accounts_active(connection().cursor()))


def sso_configured() -> bool:
    """Single sign-on is offered when secrets.toml has an [auth] section (Streamlit's OIDC login)."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # noqa: BLE001 - an unreadable secrets file means no SSO, and the password form stays
        return False


def _sign_in(user: privacy.Akses, *, sso: bool) -> None:
    st.session_state["akses"] = user
    st.session_state["aktif"] = time.time()
    st.session_state["lewat_sso"] = sso
    st.session_state.pop("sso_jeda", None)
    st.rerun()


def _sso_login() -> None:
    """Map the identity the OIDC provider vouched for (st.user) to a dashboard account. After a
    timeout the identity cookie is still there, so the user must click again (sso_jeda)."""
    if not (st.user.is_logged_in and not st.session_state.get("sso_jeda")):
        return
    email = st.user.get("email") if st.user.get("email_verified", True) is not False else None
    try:
        user = accounts.login_sso(connection(), email)
    except accounts.AuthError as exc:
        st.error(str(exc))
        if st.button("Keluar dari SSO", key="sso_keluar"):
            st.logout()
        st.stop()
    _sign_in(user, sso=True)


def login_gate(pages: list) -> privacy.Akses:
    """The signed-in user's access. Without one (or after SMARTASN_SESI_MENIT idle minutes) shows
    the login form (and the single sign-on button when configured) and stops the run: no data before
    login. `pages` are registered (hidden, not run) so a deep link still opens its page after the login."""
    now = time.time()
    current = st.session_state.get("akses")
    if current is not None and now - st.session_state.get("aktif", now) > load_settings().session_minutes * 60:
        audit.record(connection().cursor(), current.pengguna, "sesi_habis", {})
        del st.session_state["akses"]
        current = None
        st.session_state["sesi_habis"] = True
        if st.session_state.get("lewat_sso"):
            st.session_state["sso_jeda"] = True
    if current is not None:
        st.session_state["aktif"] = now
        return current
    st.navigation(pages, position="hidden")
    st.title("Dasbor Kesiapan Smart ASN")
    if st.session_state.pop("sesi_habis", False):
        st.info("Sesi berakhir karena lama tidak aktif. Silakan masuk lagi.")
    if sso_configured():
        _sso_login()
        if st.button("Masuk dengan SSO instansi", type="primary", key="sso_masuk"):
            st.session_state.pop("sso_jeda", None)
            if st.user.is_logged_in:
                st.rerun()
            st.login(load_settings().sso_provider or None)
        st.caption("atau dengan akun dasbor:")
    with st.form("login"):
        nama = st.text_input("Nama pengguna", key="login_nama", max_chars=64)
        sandi = st.text_input("Kata sandi", type="password", key="login_sandi", max_chars=256)
        masuk = st.form_submit_button("Masuk", type="primary")
    if _demo_accounts_active():
        from analytics.demo import DEMO_PASSWORD

        st.info(
            "Basis data ini berisi **data demo sintetis**. Masuk sebagai `demo-admin` (semua), `demo-unit` "
            f"(satu instansi, data per pegawai) atau `demo-pimpinan` (agregat nasional) dengan kata sandi "
            f"`{DEMO_PASSWORD}`. Akun demo nonaktif begitu data nyata diimpor."
        )
    if masuk:
        try:
            user = accounts.login(connection(), nama.strip(), sandi)
        except accounts.AuthError as exc:
            time.sleep(1)  # slows guessing; the account locks after repeated failures
            st.error(str(exc))
        else:
            _sign_in(user, sso=False)
    st.stop()


def user_box(user: privacy.Akses) -> None:
    """Who is signed in, their role and scope, and the logout button (sidebar; with SSO it also ends
    the provider's identity cookie, else the next run would sign the user in again)."""
    with st.sidebar:
        st.caption(
            f"Masuk sebagai **{fmt.md(user.pengguna)}** · {user.peran} · {fmt.md(_cakupan_nama(user, _versi()))}"
        )
        if st.button("Keluar", key="keluar"):
            audit.record(connection().cursor(), user.pengguna, "logout", {})
            sso = st.session_state.get("lewat_sso")
            for k in ("akses", "aktif", "scope", "lewat_sso"):
                st.session_state.pop(k, None)
            if sso:
                st.logout()
            st.rerun()


def require_admin() -> None:
    """Stop a page that only admins may see (the navigation hides it too)."""
    if akses().peran != "admin":
        st.error("Halaman ini hanya untuk admin (Biro SDM).")
        st.stop()


def scope_with(scope: Scope, **changes) -> Scope:
    """The same user's access with other filters (never a Scope without the user's access)."""
    return dataclasses.replace(Scope(tahun=scope.tahun, akses=scope.akses), **changes)


def catatan_sel_kecil(df, count: str = "pegawai") -> None:
    """A caption saying how many groups are blanked by the small-cell rule (non-admins), if any."""
    n = int(df[count].isna().sum()) if count in df.columns else 0
    if n:
        st.caption(
            f"{fmt.angka(n)} kelompok dengan kurang dari {privacy.MIN_SEL} pegawai tidak ditampilkan angkanya "
            "(perlindungan data pribadi)."
        )


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


def export(df, what: str, scope: Scope, *, tingkat: str | None = None, format: str = "xlsx") -> bytes:
    """An xlsx download of `df` (human headers, `tingkat`: the grouping level of a group table),
    stamped in words with who exported what and when, or a csv for people (format='csv'); audited
    either way (the audit entry keeps ids and no personal data: what, how many rows, which filters)."""
    from analytics import report

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


def guard_small_selection(scope: Scope) -> None:
    """For non-admin roles, a selection of fewer than privacy.MIN_SEL employees shows no figures
    (small-cell protection of the totals and trends every page shows)."""
    if scope.akses.peran == "admin":
        return
    from analytics import overview

    n = call(overview.jumlah, scope=scope)
    if 0 < n < privacy.MIN_SEL:
        st.info(
            f"Pilihan filter ini berisi kurang dari {privacy.MIN_SEL} pegawai; angka tidak ditampilkan untuk "
            "melindungi data pribadi. Perluas filter."
        )
        st.stop()
