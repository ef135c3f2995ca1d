"""Replicas as an operator runs them: real processes over real files. The writer is the CLI (its first
snapshot by `publish-snapshot`, then an import that publishes by itself with SMARTASN_TERBITKAN); two
`streamlit run` replicas over the one snapshot, each with its own file, with Chromium signed in to both. A
replica started before any snapshot says what to do; each replica shows the new data version on its next
page run; each keeps its own audit log and lock-outs; the import that switched the demo accounts off ends
their sessions on the replicas; no replica ever writes the snapshot; a replica killed with SIGKILL starts
again over the same files and serves, its lock-out and audit chain intact."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time

import duckdb
import pytest

from analytics import accounts, audit, db
from analytics.demo import DEMO_PASSWORD
from tests.conftest import ROOT, TESTER_PASSWORD, launch_streamlit, wait_healthy
from tests.test_browser import open_page, screenshot
from tests.test_browser_concurrency import COUNT_RUNS

pytestmark = pytest.mark.browser

ADMIN = "admin.biro"  # a real admin of the writer's: the demo accounts go with the first real import
BOSS = "pimpinan.uji"
# light pages, to keep the many runs cheap: the replica's own audit log (admins), the regions (others)
AUDIT, WILAYAH = "/audit", "/wilayah"
VERSI = re.compile(r"versi data (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)")
DITOLAK = "Nama pengguna atau kata sandi salah"


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def writer_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`python -m analytics ARGS` as the writer's operator runs it (exit 0 asserted)."""
    out = subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    return out


def version_of(path) -> str:
    """The data version the sidebar names for the database at `path` (its build or its last import)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        m = db.get_meta(con)
    finally:
        con.close()
    return max(m.get("dibangun", ""), m.get("impor_terakhir", "")).replace("T", " ")


def shown_version(page) -> str:
    """The data version the page's sidebar stamp names, once a signed-in run has drawn it."""
    side = page.locator('[data-testid="stSidebar"]')
    side.get_by_text(VERSI).wait_for(timeout=60_000)
    return VERSI.search(side.inner_text()).group(1)


def run_ended(page, runs_before: int) -> None:
    """Wait until a run asked for after `runs_before` runs (COUNT_RUNS) has ended."""
    page.wait_for_function(
        "n => window.__runs > n && document.querySelector('[data-testid=stApp]').dataset.testScriptState"
        " === 'notRunning'",
        arg=runs_before,
        timeout=60_000,
    )


def sign_in(page, user: str, password: str) -> None:
    """Submit the login form and wait for that run to end (success or refusal)."""
    n = page.evaluate("() => window.__runs")
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    run_ended(page, n)


def login_form(browser, url: str):
    """A page at `url` showing the login form, its runs counted (COUNT_RUNS)."""
    page, outside = open_page(browser, url, login=False)
    page.get_by_label("Nama pengguna").wait_for(timeout=60_000)
    page.evaluate(COUNT_RUNS)
    return page, outside


def rerun(page) -> None:
    """The session's next page run (Streamlit's R key), waited for."""
    n = page.evaluate("() => window.__runs")
    page.locator("body").press("r")
    run_ended(page, n)


def own_file(path):
    """(audit entries as (pengguna, aksi), chain problems, lock-outs by account) of a replica's own file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        log = con.execute("SELECT pengguna, aksi FROM audit ORDER BY id").fetchall()
        kunci = dict(con.execute("SELECT nama, kunci_sampai IS NOT NULL FROM pengguna").fetchall())
        return log, audit.verify(con), kunci
    finally:
        con.close()


def test_two_replicas_over_one_snapshot_as_an_operator_runs_them(browser, demo_path, tmp_path):
    started = time.monotonic()
    writer = tmp_path / "penulis.duckdb"
    writer.write_bytes(demo_path.read_bytes())
    c = db.connect(writer)
    accounts.add_user(c, ADMIN, TESTER_PASSWORD, "admin")
    accounts.add_user(c, BOSS, TESTER_PASSWORD, "pimpinan", nasional=True)
    nips = [n for (n,) in c.execute("SELECT nip FROM pegawai ORDER BY pegawai_key LIMIT 3").fetchall()]
    c.close()
    snap = tmp_path / "snapshot" / "smartasn.duckdb"
    snap.parent.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith("SMARTASN_")}
    envs = [
        {**base, "SMARTASN_REPLIKA": str(snap), "SMARTASN_DB": str(tmp_path / f"replika{i}" / "sendiri.duckdb")}
        for i in (1, 2)
    ]
    logs = [tmp_path / f"replika{i}.log" for i in (1, 2)]
    servers = [launch_streamlit(env, log) for env, log in zip(envs, logs)]  # both start at once
    pages = []
    try:
        for (proc, url), log in zip(servers, logs):
            wait_healthy(proc, url, log)
        (p1, url1), (p2, url2) = servers

        # replica 1 before any snapshot: what to do, in Indonesian; no error page, no list of pages
        early, outside = open_page(browser, url1 + AUDIT, login=False)
        pages.append((early, outside))
        early.get_by_text("penulis belum menerbitkan snapshot").wait_for(timeout=60_000)
        text = early.locator('[data-testid="stMain"]').inner_text()
        assert "publish-snapshot" in text and "SMARTASN_TERBITKAN" in text and str(tmp_path) not in text
        assert "This app has encountered an error" not in early.content()
        assert early.locator('[data-testid="stException"], [data-testid="stSidebarNav"]').count() == 0
        screenshot(early, "replika_sebelum_snapshot")

        # the writer's first snapshot, as the README says; the retry on replica 1 opens it
        env_writer = {**base, "SMARTASN_DB": str(writer), "SMARTASN_TERBITKAN": str(snap)}
        writer_cli(env_writer, "publish-snapshot", str(snap))
        first = sha(snap)
        v1 = version_of(snap)
        early.get_by_role("button", name="Coba lagi").click()
        early.get_by_label("Nama pengguna").wait_for(timeout=60_000)
        early.evaluate(COUNT_RUNS)
        sign_in(early, ADMIN, TESTER_PASSWORD)
        admin2, out2 = login_form(browser, url2 + AUDIT)
        demo2, out3 = login_form(browser, url2 + AUDIT)
        pages += [(admin2, out2), (demo2, out3)]
        sign_in(admin2, ADMIN, TESTER_PASSWORD)
        sign_in(demo2, "demo-admin", DEMO_PASSWORD)
        assert [shown_version(p) for p in (early, admin2, demo2)] == [v1] * 3

        # a lock-out on replica 1 is replica 1's: the account still signs in on replica 2
        guess, out4 = login_form(browser, url1 + WILAYAH)
        pages.append((guess, out4))
        for _ in range(accounts.MAKS_GAGAL):
            sign_in(guess, BOSS, "salah-sekali-123")
        sign_in(guess, BOSS, TESTER_PASSWORD)  # the right password, refused while locked
        assert DITOLAK in guess.locator('[data-testid="stAlertContentError"]').inner_text()
        assert guess.locator('[data-testid="stSidebar"]').get_by_text(VERSI).count() == 0
        boss2, out5 = login_form(browser, url2 + WILAYAH)
        pages.append((boss2, out5))
        sign_in(boss2, BOSS, TESTER_PASSWORD)
        assert shown_version(boss2) == v1
        assert sha(snap) == first  # logins, lock-outs, audit entries, page runs: none in the snapshot

        # the writer imports (which switches the demo accounts off) and publishes by itself
        skp = tmp_path / "skp.csv"
        skp.write_text("nipBaru,tahun,kuadranKinerja\n" + "".join(f"{n},2026,1\n" for n in nips), encoding="utf-8")
        out = writer_cli(env_writer, "import", str(skp))
        assert "3 akun demo dinonaktifkan" in out.stderr
        published = sha(snap)
        v2 = version_of(snap)
        assert published != first and v2 > v1
        for page in (early, admin2, boss2):  # each replica's next page run shows the new version
            rerun(page)
            assert shown_version(page) == v2
        rerun(demo2)  # the demo admin's session on replica 2 ends
        demo2.get_by_label("Nama pengguna").wait_for(timeout=30_000)
        assert "akun demo telah dinonaktifkan" in demo2.locator('[data-testid="stMain"]').inner_text()
        assert demo2.locator('[data-testid="stSidebar"]').get_by_text(VERSI).count() == 0
        screenshot(demo2, "replika_sesi_demo_berakhir")
        screenshot(admin2, "replika_versi_baru")
        assert sha(snap) == published

        # SIGKILL replica 1, start it again over the same files: it serves, and its lock-out is still its own
        p1.kill()
        p1.wait(timeout=20)
        p1, _ = launch_streamlit(envs[0], logs[0], port=int(url1.rsplit(":", 1)[1]))
        servers[0] = (p1, url1)
        wait_healthy(p1, url1, logs[0])
        again, out6 = login_form(browser, url1 + AUDIT)
        pages.append((again, out6))
        sign_in(again, BOSS, TESTER_PASSWORD)
        assert DITOLAK in again.locator('[data-testid="stAlertContentError"]').inner_text()  # still locked there
        sign_in(again, ADMIN, TESTER_PASSWORD)
        assert shown_version(again) == v2
        again.get_by_text("Rantai sidik utuh").wait_for(timeout=30_000)  # its own log, whole after the kill
        screenshot(again, "replika_sesudah_sigkill")
        assert all(o == [] for _, o in pages)
        print(f"\nreplicas in Chromium: {time.monotonic() - started:.1f} s")
    finally:
        for page, _ in pages:
            page.close()
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=20)

    assert sha(snap) == published
    (log1, chain1, kunci1), (log2, chain2, kunci2) = (own_file(e["SMARTASN_DB"]) for e in envs)
    assert chain1 == [] and chain2 == []  # each replica's own hash chain, intact after the SIGKILL too
    assert log1.count((BOSS, "login_gagal")) == accounts.MAKS_GAGAL + 2 and (BOSS, "login") not in log1
    assert log1.count((ADMIN, "login")) == 2
    assert (BOSS, "login") in log2 and (BOSS, "login_gagal") not in log2
    assert ("demo-admin", "login") in log2 and ("demo-admin", "sesi_habis") in log2
    assert kunci1[BOSS] and not kunci2[BOSS]
    con = duckdb.connect(str(writer), read_only=True)
    try:  # nothing of the replicas' reached the writer
        assert con.execute("SELECT count(*) FROM audit WHERE aksi IN ('login', 'login_gagal')").fetchone()[0] == 0
    finally:
        con.close()
