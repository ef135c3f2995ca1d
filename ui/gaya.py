"""The dashboard's own CSS."""

from __future__ import annotations

import streamlit as st

# Streamlit's own chrome is English and cannot be translated: what only duplicates our controls is hidden
# (README "Bahasa"), what matters is replaced by an Indonesian control. Hiding is for language only: a way
# for data to leave is switched off where it is made (client.disableDataExport, plotly's displayModeBar),
# since a hidden button still works when clicked by script.
GAYA = """<style>
[data-testid="stElementToolbar"] { display: none !important; }  /* columns/search/fullscreen of a table or chart */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p { font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p::after {
  content: "Pilih berkas"; font-size: 0.875rem; }  /* "Upload" (only the browse button, not the file chips) */
[data-testid="InputInstructions"] { display: none !important; }     /* "Press Enter to apply" */
/* a KPI card's label and note wrap instead of ending in "…": they say which dates a figure compares */
[data-testid="stMetricLabel"] *, [data-testid="stMetricDelta"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
</style>"""


def gaya() -> None:
    """The dashboard's own CSS (static text, no data in it)."""
    st.html(GAYA)
