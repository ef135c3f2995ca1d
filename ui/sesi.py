"""The process's one connection and rules, and analytics calls cached per scope, arguments and data version."""

from __future__ import annotations

import inspect
import logging
import threading
from datetime import date

import streamlit as st

from analytics import build, db, dimensions, privacy, publish, replika
from analytics.filters import Scope
from analytics.gerbang import GERBANG
from analytics.rules import load_rules
from analytics.settings import load_settings

_REBUILD = threading.Lock()


@st.cache_resource(show_spinner="Menyiapkan basis data…")
def connection():
    """The one DuckDB connection of this process; builds the demo database when none exists."""
    settings = load_settings()
    if settings.replika:  # a read-only replica over the writer's published snapshot
        return replika.buka(settings.replika, settings.db_path, memory_limit=settings.memory_limit)
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


BELUM_TERBIT = (
    "Dasbor ini replika baca-saja, dan penulis belum menerbitkan snapshot data untuknya, jadi belum ada yang "
    "bisa ditampilkan. Pengelola server: di server penulis jalankan `python -m analytics publish-snapshot BERKAS` "
    "(BERKAS sama dengan `SMARTASN_REPLIKA` replika ini), atau setel `SMARTASN_TERBITKAN` di penulis agar impor "
    "berikutnya menerbitkannya sendiri. Setelah snapshot ada, klik **Coba lagi**."
)


def buka_basis_data(pages: list) -> None:
    """Open the process's connection first thing in a run (app.py). When another process holds the
    database file (DuckDB's write lock), or a replica's writer has published no snapshot yet, say so in
    Indonesian with a retry button and stop, instead of Streamlit's generic English error;
    st.cache_resource keeps no exception, so the run after the click tries again. `pages` are
    registered hidden, as the login does: else Streamlit lists the pages/ folder in the sidebar. The
    message names no server path (it shows before login)."""
    try:
        connection()
    except (db.DatabaseLocked, replika.BelumTerbit) as exc:
        logging.getLogger(__name__).warning("%s", exc)  # the file's path, for whoever runs the server
        st.navigation(pages, position="hidden")
        st.title("Dasbor Kesiapan Smart ASN")
        st.error(DB_TERKUNCI if isinstance(exc, db.DatabaseLocked) else BELUM_TERBIT)
        st.button("Coba lagi", key="db_coba_lagi", type="primary")  # a click reruns the script: a new attempt
        st.stop()


def ensure_summaries() -> None:
    """Rebuild the JP and IP ASN summaries when the rules file changed or a large import marked it stale
    (a cheap check on every run; the rebuild itself is rare)."""
    con, r = connection(), rules()
    if replika.is_replika(con):
        return  # the snapshot is read-only: its writer builds the summaries before publishing
    if not build.is_current(con, r):
        with _REBUILD, st.spinner("Menghitung ulang ringkasan 20 JP dan IP ASN…"):  # one session rebuilds, others wait
            build.ensure_current(con, r)


@st.cache_resource
def rules():
    """The validated rules file (a malformed file stops the app with the key named)."""
    return load_rules(load_settings().rules_path)


def meta() -> dict[str, str]:
    """Facts about the loaded data (reference date, source)."""
    return db.get_meta(connection())


@st.cache_data(show_spinner=False, max_entries=512)
def _call(_fn, nama: str, scope: Scope, versi: str, kwargs: tuple):
    """The cached result of _fn (not hashed: `nama`, its qualified name, keys the cache instead)."""
    extra = {"rules": rules()} if "rules" in inspect.signature(_fn).parameters else {}
    return _fn(connection(), scope=scope, **dict(kwargs), **extra)


def _versi() -> str:
    """The data version: changes with a rebuild, an import or a new rule set (part of cache keys)."""
    return publish.versi(connection())


def is_replika() -> bool:
    """Whether this dashboard is a read-only replica (SMARTASN_REPLIKA): no import, no rebuild."""
    return replika.is_replika(connection())


def segarkan_replika() -> None:
    """A replica attaches the writer's newly published snapshot, if any, between runs (the caches key
    on the data version, so the next calls read the new one)."""
    con = connection()
    if replika.is_replika(con):
        replika.segarkan(con)


def satu_versi():
    """The block (app.py: the sidebar and the page) sees one data version: commits wait for it to end
    (analytics.gerbang)."""
    return GERBANG.baca()


def call(fn, *, scope: Scope, **kwargs):
    """Run an analytics function with the shared connection (and the rules file when it takes
    them), cached per scope, arguments, data version and rule set."""
    return _call(fn, f"{fn.__module__}.{fn.__qualname__}", scope, _versi(), tuple(sorted(kwargs.items())))


@st.cache_data(show_spinner=False, max_entries=256)
def _cakupan_nama(user: privacy.Akses, versi: str) -> str:
    return privacy.cakupan_nama(connection(), user)


def reference_date() -> date:
    """The data's reference date ('today' for the dashboard's statuses and pace)."""
    return dimensions.reference_date(connection())


def data_year() -> int:
    """The year of the data's reference date (the 'current' year of the dashboard)."""
    return reference_date().year
