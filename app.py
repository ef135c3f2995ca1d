"""Dasbor Kesiapan Smart ASN: router, shared filters and data stamp (run: streamlit run app.py)."""

import streamlit as st

from pages import _ui as ui

st.set_page_config(page_title="Dasbor Kesiapan Smart ASN", layout="wide")

ui.ensure_summaries()
st.session_state["scope"] = ui.sidebar_filters()
ui.freshness()

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", default=True),
    st.Page("pages/kepatuhan_jp.py", title="Kepatuhan 20 JP"),
    st.Page("pages/ipasn.py", title="IP ASN"),
    st.Page("pages/simulasi_ipasn.py", title="Simulasi IP ASN"),
    st.Page("pages/smart_asn.py", title="Atribut Smart ASN"),
    st.Page("pages/impor.py", title="Impor data"),
]
st.navigation(PAGES).run()
