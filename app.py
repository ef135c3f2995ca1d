"""Dasbor Kesiapan Smart ASN: login, router, shared filters and data stamp (run: streamlit run app.py)."""

import streamlit as st

import ui

st.set_page_config(page_title="Dasbor Kesiapan Smart ASN", layout="wide")
ui.gaya()

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", default=True),
    st.Page("pages/kepatuhan_jp.py", title="Kepatuhan 20 JP"),
    st.Page("pages/ipasn.py", title="IP ASN"),
    st.Page("pages/simulasi_ipasn.py", title="Simulasi IP ASN"),
    st.Page("pages/smart_asn.py", title="Atribut Smart ASN"),
    st.Page("pages/wilayah.py", title="Wilayah"),
    st.Page("pages/unit.py", title="Unit kerja"),
]
ADMIN_PAGES = [st.Page("pages/impor.py", title="Impor data"), st.Page("pages/audit.py", title="Log audit")]
# a database locked by another process, or a replica before the first snapshot: a message and a retry
ui.buka_basis_data(PAGES + ADMIN_PAGES)
if ui.is_replika():  # a read-only replica over the writer's snapshot: imports happen at the writer
    ADMIN_PAGES = ADMIN_PAGES[1:]
ui.segarkan_replika()  # between runs: a snapshot the writer has published since is attached

with ui.satu_versi():
    user = ui.login_gate(PAGES + ADMIN_PAGES)  # nothing below runs before a successful login
ui.ensure_summaries()
with ui.satu_versi():  # from here to the page's end one data version: an import commits before or after
    st.session_state["scope"] = ui.sidebar_filters(user)
    ui.freshness()
    ui.paket_briefing(st.session_state["scope"])  # PDF, PPTX, XLSX of the filters, on every page
    ui.user_box(user)
    # imports show rejected rows (personal data) and change the data; the audit log is for admins too
    page = st.navigation(PAGES + ADMIN_PAGES if user.peran == "admin" else PAGES)
    ui.guard_small_selection(st.session_state["scope"])  # non-admins: no figures for < 10 employees
    page.run()
