"""Charts as files: PNG of slide size at 2x, SVG, PDF through the system Chromium, and the offline HTML
fallback when no browser exists."""

from __future__ import annotations

import shutil
import struct

import plotly.graph_objects as go
import pytest

from analytics import gambar

needs_browser = pytest.mark.skipif(gambar.browser() is None, reason="Chromium tidak terpasang")


def figure() -> go.Figure:
    return go.Figure(go.Bar(x=["Jawa Timur", "Bali"], y=[68.2, 55.0]), layout={"title": {"text": "Kepatuhan"}})


@needs_browser
def test_png_is_a_16_9_slide_at_twice_the_size():
    png = gambar.gambar(figure(), "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk
    assert (width, height) == (1920, 1080)


@needs_browser
def test_svg_and_pdf_carry_the_chart():
    svg = gambar.gambar(figure(), "svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "Kepatuhan" in svg and "Jawa Timur" in svg
    pdf = gambar.gambar(figure(), "pdf")
    assert pdf.startswith(b"%PDF")


def test_unknown_format_refused():
    with pytest.raises(ValueError, match="format"):
        gambar.gambar(figure(), "gif")


def test_without_a_browser_images_say_what_to_do_and_html_still_works(monkeypatch):
    monkeypatch.setattr(gambar, "_server", {"on": False})
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("SMARTASN_CHROMIUM", "")
    assert gambar.browser() is None
    with pytest.raises(gambar.NoBrowser, match="Chromium"):
        gambar.gambar(figure(), "png")
    page = gambar.html(figure()).decode("utf-8")
    assert "Jawa Timur" in page and len(page) > 1_000_000  # plotly.js inlined
    scripts = page.split("<script")[1:]
    assert scripts and not [s for s in scripts if s.split(">")[0].strip().startswith("src")]  # nothing fetched


def test_configured_browser_is_used(monkeypatch, tmp_path):
    fake = tmp_path / "chrome"
    fake.write_text("")
    monkeypatch.setenv("SMARTASN_CHROMIUM", str(fake))
    assert gambar.browser() == str(fake)
