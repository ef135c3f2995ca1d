"""The dashboard's small UI kit: everything the pages share, so a page reads widgets -> one
analytics call -> a chart or table. Pages `import ui` and use the names below; app.py uses the
login and filter parts. Streamlit is imported here and in pages/ and app.py only (never in
analytics/)."""

from ui.briefing import tombol as paket_briefing
from ui.gaya import gaya
from ui.kpi import ipasn_kpis, jp_kpis, kpi, lalu, ringkasan_kpis, simulasi_kpis, smart_kpis, tahun_lalu
from ui.masuk import akses, login_gate, require_admin, sso_configured, user_box
from ui.sesi import (
    buka_basis_data,
    call,
    connection,
    data_year,
    ensure_summaries,
    is_replika,
    meta,
    reference_date,
    rules,
    satu_versi,
    segarkan_replika,
)
from ui.sidebar import (
    SEMUA,
    TINGKAT,
    freshness,
    guard_small_selection,
    nama_pembanding,
    page_scope,
    pembanding,
    pilih_tingkat,
    scope_with,
    sidebar_filters,
)
from ui.tabel import TABEL_MAKS, catatan_sel_kecil, tabel
from ui.unduh import MIME, export, grafik, unduh
from ui.wilayah import atur_filter, banding, klik, pilih_banding, pilih_metrik, profil, tabel_kelompok

__all__ = [
    "atur_filter", "banding", "klik", "pilih_banding", "pilih_metrik", "profil", "tabel_kelompok",
    "MIME", "SEMUA", "TABEL_MAKS", "TINGKAT", "akses", "buka_basis_data", "call", "catatan_sel_kecil", "connection",
    "data_year", "ensure_summaries", "export", "freshness", "gaya", "grafik", "guard_small_selection", "ipasn_kpis",
    "jp_kpis", "kpi", "lalu", "login_gate", "meta", "nama_pembanding", "page_scope", "paket_briefing", "pembanding",
    "is_replika", "pilih_tingkat", "reference_date", "require_admin", "ringkasan_kpis", "rules", "satu_versi",
    "scope_with", "segarkan_replika", "sidebar_filters", "simulasi_kpis", "smart_kpis", "sso_configured", "tabel",
    "tahun_lalu", "unduh", "user_box",
]  # fmt: skip
