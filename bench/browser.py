"""The browser section: Debian chromium (playwright, never `playwright install`) against `streamlit run
app.py` on a free loopback port, on a copy of the database with a bench admin account.

A click is timed in the page, from its mousedown (performance.now()) until the app has run and drawn:
Streamlit's script state (stApp's data-test-script-state) went to running and back to notRunning, no
element is stale (data-stale), every plotly chart has its SVG, and the page's heading is the one wanted
(another page's h1, or a given heading). Measured: the first page after signing in on a freshly started
server; each page of app.py's PAGES and ADMIN_PAGES on its first visit and on a revisit (navigated away
and back through the sidebar: the data cached); a click on the largest province's tile of the Wilayah
map. The server's peak memory (VmHWM) is read before it stops.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from bench.common import GB, ROOT, Context, Figure, Measurement, below, secs, timed
from bench.pages import app_pages

CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "bench.suite", "bench-suite-sandi-123"
LOCAL = {"127.0.0.1", "localhost"}
LOGIN_HEADING = "Dasbor Kesiapan Smart ASN"
TIMEOUT = 180_000  # ms for a click to be drawn
DRAWN = "[...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"

# window.__bench.arm(avoid, want) before a click; window.__bench.done is then its seconds
INSTRUMENT = r"""
() => {
  if (window.__bench) return true;
  const app = () => document.querySelector('[data-testid="stApp"]');
  const B = window.__bench = {t0: null, ran: false, done: null, avoid: null, want: null, heading: null};
  new MutationObserver(recs => {
    for (const r of recs) {
      if (B.t0 != null && r.target.getAttribute('data-test-script-state') === 'running') B.ran = true;
    }
  }).observe(app(), {attributes: true, attributeFilter: ['data-test-script-state']});
  const fresh = sel => [...document.querySelectorAll(sel)].filter(h => !h.closest('[data-stale="true"]'))
                                                          .map(h => h.textContent.trim());
  B.loop = () => {
    const h1 = fresh('h1')[0];
    const heading = B.want ? fresh('h1, h2, h3, h4').includes(B.want) : (h1 && h1 !== B.avoid);
    const failed = document.querySelector('[data-testid="stException"]');  // the page raised: done, reported
    if (B.ran && app().getAttribute('data-test-script-state') === 'notRunning' &&
        !document.querySelector('[data-stale="true"]') && (heading || failed) && (DRAWN_JS)) {
      B.done = (performance.now() - B.t0) / 1000; B.heading = h1; return;
    }
    requestAnimationFrame(B.loop);
  };
  B.arm = (avoid, want) => {
    Object.assign(B, {t0: null, ran: false, done: null, avoid: avoid, want: want, heading: null});
    document.addEventListener('mousedown', () => { B.t0 = performance.now(); requestAnimationFrame(B.loop); },
                              {capture: true, once: true});
  };
  return true;
}
""".replace("DRAWN_JS", DRAWN)


# --- the server ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path, port: int, log_path: Path) -> subprocess.Popen:
    env = {**os.environ, "SMARTASN_DB": str(db_path)}
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
            "--server.fileWatcherType", "none",  # others edit the tree: no module reloads mid-run
            "--browser.gatherUsageStats", "false", "--client.showErrorDetails", "full",
        ],
        cwd=ROOT, env=env, stdout=log_path.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}); see {log_path}")
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200:
                return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(f"streamlit did not become healthy; see {log_path}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def peak_rss(pid: int) -> int | None:
    """The process's peak resident memory in bytes (VmHWM), None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


# --- the browser -----------------------------------------------------------------------------------


class Session:
    """One signed-in browser tab; click() times a click until the app has run and drawn."""

    def __init__(self, browser, url: str, shots: Path):
        self.page = browser.new_page(viewport={"width": 1440, "height": 2400}, locale="id-ID")
        self.url, self.shots, self.outside, self.errors = url, shots, [], []
        self.page.route("**/*", self._guard)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)[:300]))

    def _guard(self, route):
        u = urlparse(route.request.url)
        if u.scheme in ("data", "blob") or u.hostname in LOCAL:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def click(self, locator, *, avoid: str | None = None, want: str | None = None) -> tuple[float | None, str]:
        """(seconds from the mousedown until the app has run and drawn, the page's h1 then); (None, the h1
        shown) and an error noted when that does not happen within TIMEOUT."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        self.page.evaluate(INSTRUMENT)
        self.page.evaluate("([a, w]) => window.__bench.arm(a, w)", [avoid, want])
        locator.click(force=True)
        try:
            self.page.wait_for_function("() => window.__bench.done != null", polling="raf", timeout=TIMEOUT)
        except PlaywrightTimeout:
            h1 = self.page.locator("h1").first.inner_text().strip() if self.page.locator("h1").count() else ""
            shot = self.shots / f"timeout_{len(self.errors)}.png"
            self.page.screenshot(path=str(shot), full_page=True)
            self.errors.append(
                f"not drawn within {TIMEOUT / 1000:g} s of a click (from {avoid!r}, wanted {want!r}); the page "
                f"shows {h1!r}; screenshot {shot.name} in the temporary folder (--keep keeps it)"
            )
            return None, h1
        seconds, heading = self.page.evaluate("() => [window.__bench.done, window.__bench.heading]")
        shown = self.page.locator('[data-testid="stException"]')
        if shown.count():
            self.errors.append(f"{heading}: " + shown.first.inner_text()[:300])
        print(f"    {heading}: {seconds:.3f} s", flush=True)
        return seconds, heading

    def sign_in(self) -> tuple[float, float]:
        """(seconds from goto until the login form, seconds from the Masuk click until the first page is drawn)."""
        form, _ = timed(lambda: (self.page.goto(self.url), self.page.get_by_label("Nama pengguna").wait_for()))
        self.page.get_by_label("Nama pengguna").fill(USER)
        self.page.get_by_label("Kata sandi").fill(PASSWORD)
        first, _ = self.click(self.page.get_by_role("button", name="Masuk"), avoid=LOGIN_HEADING)
        return form, first

    def nav(self, title: str):
        return self.page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)


def visit_pages(ctx: Context, s: Session) -> None:
    """Each page's first visit (uncached), then every page again (navigated away and back: cached)."""
    pages = app_pages()
    heading = {pages[0].title: s.page.locator("h1").first.inner_text().strip()}
    first = {}
    for prev, page in zip(pages, pages[1:]):
        first[page.title], heading[page.title] = s.click(s.nav(page.title), avoid=heading[prev.title])
    for prev, page in zip([pages[-1], *pages], pages):
        seconds, _ = s.click(s.nav(page.title), avoid=heading[prev.title])
        ctx.add(
            Measurement(
                "browser",
                f"{page.title}: revisit (navigated away and back)",
                secs(seconds),
                below(0.5, "s"),
                extra={"first visit": secs(first.get(page.title))},
                table="pages",
                note="first visit: right after signing in" if page.title not in first else "",
            )
        )


def click_province(ctx: Context, s: Session) -> None:
    """On the Wilayah page, a click on the largest province's tile until its kab/kota section is drawn."""
    from analytics import charts_wilayah

    con = ctx.connect()
    try:
        kode, nama = con.execute(
            "SELECT p.provinsi_kode, r.nama FROM pegawai p JOIN provinsi r ON r.kode = p.provinsi_kode "
            "GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    tile = list(charts_wilayah.tata_letak()["kode"]).index(kode)
    title = next(p.title for p in app_pages() if p.path == "pages/wilayah.py")
    s.click(s.nav(title), avoid=s.page.locator("h1").first.inner_text().strip())
    points = s.page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator("path.point")
    seconds, _ = s.click(points.nth(tile), want=f"Kabupaten/kota di {nama}")
    ctx.add(
        Measurement(
            "browser",
            f"Wilayah: click on the tile of {nama} (largest province), first time",
            secs(seconds),
            below(1, "s"),
        )
    )


def section_browser(ctx: Context) -> None:
    if not Path(CHROMIUM).exists():
        ctx.note("browser", f"**skipped: {CHROMIUM} not found** (apt-get install chromium)")
        return
    from playwright.sync_api import sync_playwright

    from analytics import accounts

    path = ctx.copy_db("browser")
    con = ctx.connect(path, read_only=False)
    accounts.add_user(con, USER, PASSWORD, "admin", oleh="bench")
    con.close()
    port = free_port()
    start, proc = timed(lambda: start_server(path, port, ctx.tmp / "streamlit.log"))
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=CHROMIUM,
                headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            )  # fmt: skip
            try:
                s = Session(b, f"http://127.0.0.1:{port}", ctx.tmp)
                form, first = s.sign_in()
                ctx.add(
                    Measurement(
                        "browser",
                        "first page after server start: Masuk clicked until Ringkasan is drawn",
                        secs(first),
                        below(3, "s"),
                        extra={"server start (health OK)": secs(start), "login form after goto": secs(form)},
                    )
                )
                visit_pages(ctx, s)
                click_province(ctx, s)
                for e in s.errors[:5]:
                    ctx.note("browser", f"**page error**: {e}")
                if s.outside:
                    ctx.note("browser", f"**requests left loopback**: {s.outside[:3]}")
            finally:
                b.close()
        ctx.shared["server_peak_rss"] = peak_rss(proc.pid)
    finally:
        stop_server(proc)
        path.unlink(missing_ok=True)
    if ctx.shared.get("server_peak_rss"):
        ctx.note("browser", f"streamlit server peak RSS {Figure(ctx.shared['server_peak_rss'] / GB, 'GiB')}")
