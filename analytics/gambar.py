"""Charts as files: PNG (16:9 slide size at 2x), SVG and PDF through kaleido and the system's
Chromium, or, where no browser exists, a standalone HTML file with plotly.js inlined (opens offline).

Kaleido's browser is started once per process and reused (a figure then costs ~0.2 s instead of
~2.5 s); MathJax is off and plotly.js comes from the installed plotly package, so nothing is fetched
from the internet.
"""

from __future__ import annotations

import os
import shutil
import threading

import plotly.graph_objects as go
import plotly.io as pio

from analytics.settings import load_settings

FORMAT = ("png", "svg", "pdf")
# a 16:9 slide (13.33 x 7.5 in) at 72 px per inch, drawn at twice that: PNG of 1920 x 1080 pixels
LEBAR, TINGGI, SKALA = 960, 540, 2
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html"}
TANPA_BROWSER = (
    "Gambar grafik (PNG, SVG, PDF) memerlukan Chromium di server dasbor, dan tidak ditemukan. Pasang Chromium "
    "(Debian/Ubuntu: apt-get install chromium) atau setel SMARTASN_CHROMIUM; sementara itu unduh grafik sebagai "
    "HTML mandiri, yang terbuka di browser mana pun tanpa internet."
)
TANPA_BROWSER_PAKET = (
    "Gambar tidak dapat dibuat: server dasbor tidak memiliki Chromium. Pasang Chromium (Debian/Ubuntu: "
    "apt-get install chromium) atau setel SMARTASN_CHROMIUM, lalu buat paket ini lagi; data setiap gambar ada "
    "di paket XLSX."
)
_LOCK = threading.Lock()
_DRAW = threading.Lock()  # one figure at a time through the one browser tab (sessions run in threads)
_server = {"on": False}


class NoBrowser(RuntimeError):
    """No Chromium/Chrome to draw static images with (the message says what to do)."""


def browser() -> str | None:
    """The Chromium/Chrome program images are drawn with: the SMARTASN_CHROMIUM setting, else the first
    of chromium, chromium-browser, google-chrome on PATH; None when there is none."""
    configured = load_settings().chromium
    if configured:
        return configured if os.path.exists(configured) else shutil.which(configured)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _start() -> None:
    """Start kaleido's browser once for this process (later figures reuse it)."""
    with _LOCK:
        if _server["on"]:
            return
        path = browser()
        if path is None:
            raise NoBrowser(TANPA_BROWSER)
        import kaleido

        os.environ["BROWSER_PATH"] = path  # where kaleido's choreographer looks for the browser
        kaleido.start_sync_server(n=1, mathjax=False, silence_warnings=True)
        _server["on"] = True


def gambar(fig: go.Figure, format: str = "png") -> bytes:
    """The figure as PNG (1920 x 1080), SVG or PDF (960 x 540 points); NoBrowser without Chromium."""
    if format not in FORMAT:
        raise ValueError(f"format gambar tidak dikenal: {format}")
    _start()
    import warnings

    fig = _for_paper(fig)

    with _DRAW, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "kopts is ignored if using a server": the server has them
        return pio.to_image(fig, format=format, width=LEBAR, height=TINGGI, scale=SKALA if format == "png" else 1)


def _for_paper(fig: go.Figure) -> go.Figure:
    """A copy with room around the plot: the dashboard's tight margins would cut the axis labels off a
    file (the page's container gives them room; a file has none)."""
    fig = go.Figure(fig)
    fig.update_layout(margin={"l": 80, "r": 40, "t": 80, "b": 80}, paper_bgcolor="white", title_x=0.03)
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def html(fig: go.Figure) -> bytes:
    """The figure as a standalone HTML page with plotly.js inlined: no CDN, opens offline."""
    return pio.to_html(fig, include_plotlyjs=True, full_html=True, config={"displaylogo": False}).encode("utf-8")
