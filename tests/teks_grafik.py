"""Where a figure's texts land when plotly.js draws it in a real Chromium: each text's box as the
browser lays it out (a rotated label as the rotated rectangle it is), so a test can say which texts
are cut at the figure's edge, which overlap another text, and whether a legend covers a plot.

One page is loaded once with the installed plotly package's plotly.js (nothing is fetched); each
figure is then drawn into it afresh and measured, ~0.1 s a figure."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import plotly
import plotly.graph_objects as go

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
TOLERANSI = 1.0  # px: boxes that touch or meet by a pixel of rounding do not count

# Runs in the page after a figure is drawn: every visible, non-empty <text> of the figure's SVG
# layers, as its four corners in page pixels (getBBox in its own coordinates through its screen
# transform, so a label at -30° is its slanted box, not the upright box around it), a description
# (the nearest plotly class: xtick, legendtext, annotation, bartext, angularaxistick, ...), and the
# rectangles of the legend and of the plot areas (cartesian and polar).
_UKUR = """
(el) => {
  const akar = el.querySelector('svg.main-svg').getBoundingClientRect();
  const tampak = (node) => {
    for (let n = node; n && n !== el; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const sudut = (node) => {
    const b = node.getBBox(), m = node.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]].map(
      ([x, y]) => [m.a * x + m.c * y + m.e - akar.left, m.b * x + m.d * y + m.f - akar.top]);
  };
  const jenis = (node) => {
    for (let n = node; n && n !== el; n = n.parentElement) {
      const c = (n.getAttribute && n.getAttribute('class')) || '';
      const k = c.split(' ').filter(x => x && !/^(main-svg|layer-above|layer-below)$/.test(x))[0];
      if (k) return k;
    }
    return 'text';
  };
  const teks = [];
  for (const t of el.querySelectorAll('svg.main-svg text')) {
    const isi = [...t.childNodes].map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();  // lines apart
    if (!isi || !tampak(t)) continue;
    const b = t.getBBox();
    if (b.width === 0 || b.height === 0) continue;
    teks.push({isi, jenis: jenis(t), sudut: sudut(t)});
  }
  const kotak = (sel) => [...el.querySelectorAll(sel)].filter(tampak).map(sudut);
  return {lebar: akar.width, tinggi: akar.height, teks,
          legenda: kotak('g.legend > rect.bg'),
          plot: [...kotak('g.draglayer .nsewdrag'), ...kotak('g.polarlayer .plotbg path')]};
}
"""

# a figure (plotly's JSON, as text) drawn afresh into #g, measured
_GAMBAR = (
    """async (spec) => {
  const {data, layout} = JSON.parse(spec), el = document.getElementById('g');
  Plotly.purge(el);  // a fresh plot: react() would keep pieces of the last figure
  await Plotly.newPlot(el, data || [], layout, {displayModeBar: false, responsive: false});
  return JSON.stringify(("""
    + _UKUR
    + """)(el));
}"""
)


@dataclass(frozen=True)
class Teks:
    isi: str
    jenis: str
    sudut: tuple[tuple[float, float], ...]

    def __str__(self) -> str:
        return f"{self.jenis} {self.isi!r}"


class Halaman:
    """A Chromium page holding plotly.js, where figures are drawn one after another and measured."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1400, "height": 1200})
        self.page.set_content('<html><body style="margin:0"><div id="g"></div></body></html>')
        self.page.add_script_tag(path=str(PLOTLY_JS))

    def ukur(self, fig: go.Figure, lebar: int, tinggi: int | None = None) -> dict:
        """Draw `fig` at `lebar` x `tinggi` px (its own height when None, plotly's 450 without one)
        and measure it: {'lebar', 'tinggi', 'teks': [Teks], 'legenda': [corners], 'plot': [corners]}."""
        spec = json.loads(fig.to_json())
        spec["layout"] = spec.get("layout", {}) | {"width": lebar, "height": tinggi or fig.layout.height or 450}
        # the figure in and the boxes out as JSON text: playwright's own argument passing takes ~1 s
        # for a treemap of 600 units
        hasil = json.loads(self.page.evaluate(_GAMBAR, json.dumps(spec)))
        hasil["teks"] = [Teks(t["isi"], t["jenis"], tuple(map(tuple, t["sudut"]))) for t in hasil["teks"]]
        return hasil

    def close(self) -> None:
        self.page.close()


def _proyeksi(sudut, sumbu) -> tuple[float, float]:
    vals = [x * sumbu[0] + y * sumbu[1] for x, y in sudut]
    return min(vals), max(vals)


def _kotak(sudut) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in sudut], [y for _, y in sudut]
    return min(xs), min(ys), max(xs), max(ys)


def bertumpuk(a, b, toleransi: float = TOLERANSI) -> bool:
    """Whether two convex quadrilaterals (corner lists) overlap by more than `toleransi` px, by the
    separating axis test on their edges' normals."""
    for poli in (a, b):
        for i in range(len(poli)):
            (x1, y1), (x2, y2) = poli[i], poli[(i + 1) % len(poli)]
            panjang = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
            if panjang == 0:
                continue
            sumbu = (-(y2 - y1) / panjang, (x2 - x1) / panjang)
            lo_a, hi_a = _proyeksi(a, sumbu)
            lo_b, hi_b = _proyeksi(b, sumbu)
            if hi_a - toleransi <= lo_b or hi_b - toleransi <= lo_a:
                return False
    return True


def masalah(ukuran: dict) -> list[str]:
    """What a reader would see wrong in a measured figure, in words: texts cut at the edge of the
    figure, texts overlapping texts, a legend over a plot area."""
    lebar, tinggi = ukuran["lebar"], ukuran["tinggi"]
    teks = sorted(ukuran["teks"], key=lambda t: _kotak(t.sudut)[0])  # by left edge, for the sweep below
    kotak = [_kotak(t.sudut) for t in teks]
    out = []
    for t, (x0, y0, x1, y1) in zip(teks, kotak):
        if x0 < -TOLERANSI or y0 < -TOLERANSI or x1 > lebar + TOLERANSI or y1 > tinggi + TOLERANSI:
            out.append(f"terpotong di tepi: {t} ({x0:.0f}..{x1:.0f} × {y0:.0f}..{y1:.0f})")
    for i, a in enumerate(teks):
        for j in range(i + 1, len(teks)):
            if kotak[j][0] >= kotak[i][2] - TOLERANSI:
                break  # this one and every later one start right of where text i ends
            if kotak[j][1] < kotak[i][3] - TOLERANSI and kotak[i][1] < kotak[j][3] - TOLERANSI:
                if bertumpuk(a.sudut, teks[j].sudut):
                    out.append(f"bertumpuk: {a} dan {teks[j]}")
    for lg in ukuran["legenda"]:  # the legend's white box hides what lies under it
        out += ["legenda menutupi area plot" for p in ukuran["plot"] if bertumpuk(lg, p)]
        out += [f"legenda menutupi {t}" for t in teks if t.jenis != "legendtext" and bertumpuk(lg, t.sudut)]
    return out
