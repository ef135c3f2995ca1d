"""Dasbor Kesiapan Smart ASN: router, shared filters and data stamp (run: streamlit run app.py)."""

import streamlit as st

from pages import _ui as ui

st.set_page_config(page_title="Dasbor Kesiapan Smart ASN", layout="wide")

ui.connection()
ui.rules()
st.session_state["scope"] = ui.sidebar_filters()
ui.freshness()

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan", default=True),
    st.Page("pages/impor.py", title="Impor data", url_path="impor"),
]
st.navigation(PAGES).run()
