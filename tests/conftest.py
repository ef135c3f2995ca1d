"""Shared fixtures: one small seeded demo database feeds unit, AppTest and browser tests."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from analytics import db
from analytics.demo import build_demo, largest_instansi

ROOT = Path(__file__).resolve().parent.parent
TESTER_PASSWORD = "penguji-dasbor-123"  # the browser tests' admin on the server copy
SHARED = ROOT.parent / "shared"
DEMO_EMPLOYEES = 20_000
DEMO_SEED = 7


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path, employees=DEMO_EMPLOYEES, seed=DEMO_SEED)
    return path


@pytest.fixture(scope="session")
def demo_con(demo_path):
    con = db.connect(demo_path, read_only=True)
    yield con
    con.close()


# the accounts AppTests sign in as by session_state (t.session_state["akses"] = Akses(..., pengguna=NAME)) on the
# app's copies of the demo: the login gate re-reads the account on every run and ends a session whose account
# is missing or disabled
SESSION_ACCOUNTS = {"penguji": "admin", "op.kecil": "unit"}


def add_session_accounts(con) -> None:
    """SESSION_ACCOUNTS in the database of `con` (real accounts: not switched off by an import)."""
    from analytics import accounts

    for nama, peran in SESSION_ACCOUNTS.items():
        accounts.add_user(con, nama, TESTER_PASSWORD, peran)


@pytest.fixture(scope="session")
def app_template(demo_path, tmp_path_factory) -> Path:
    """The demo database with SESSION_ACCOUNTS: what the app's copies start from."""
    path = tmp_path_factory.mktemp("app_template") / "app.duckdb"
    path.write_bytes(demo_path.read_bytes())
    c = db.connect(path)
    try:
        add_session_accounts(c)
    finally:
        c.close()
    return checkpointed(path)


_APP_CACHES = {"db": None}  # the database the app's Streamlit caches were filled from, if any


def _clear_app_caches() -> None:
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    _APP_CACHES["db"] = None


@pytest.fixture(scope="session")
def app_db_read_only(app_template, tmp_path_factory):
    """The one copy of the demo database that every AppTest marked `db_read_only` shares."""
    copy = tmp_path_factory.mktemp("app_ro") / "app.duckdb"
    copy.write_bytes(app_template.read_bytes())
    yield copy
    _clear_app_caches()


@pytest.fixture
def app_env(request, app_template, monkeypatch, tmp_path):
    """Point the app at a copy of the demo database with SESSION_ACCOUNTS (AppTest runs in this process, and DuckDB
    refuses a second connection to one file with another configuration): its own copy and empty
    caches for each test. A test marked `db_read_only` shares one copy with the others so marked,
    and the app opens it with read_only=True: a write (an import, an audit entry, a rebuild of the
    summaries) fails that test, so what one such test sees cannot depend on another. The file and its
    data version stay the same, so their Streamlit caches stay filled from one to the next."""
    read_only = request.node.get_closest_marker("db_read_only") is not None
    if read_only:
        copy = request.getfixturevalue("app_db_read_only")
        connect = db.connect

        def connect_read_only(path, **kwargs):
            if Path(path) == copy:
                kwargs["read_only"] = True
            return connect(path, **kwargs)

        monkeypatch.setattr(db, "connect", connect_read_only)
    else:
        copy = tmp_path / "app.duckdb"
        copy.write_bytes(app_template.read_bytes())
    point_app_at(monkeypatch, copy, keep_caches=read_only)
    yield copy
    if not read_only:
        _clear_app_caches()


def point_app_at(monkeypatch, path: Path, *, keep_caches: bool = False) -> None:
    """Make the app (AppTest, in this process) open the database at `path`, with empty Streamlit caches
    unless `keep_caches` and they were filled from the same file."""
    monkeypatch.setenv("SMARTASN_DB", str(path))
    # AppTest resets PagesManager.uses_pages_directory before every run, so with a pages/
    # folder its reruns execute the page file alone (the old multipage mode) instead of
    # app.py. A real server clears the flag for good once st.navigation runs; do the same.
    from streamlit.runtime import pages_manager

    original_init = pages_manager.PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(pages_manager.PagesManager, "__init__", init)
    if _APP_CACHES["db"] != path or not keep_caches:
        _clear_app_caches()
    _APP_CACHES["db"] = path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(demo_path, tmp_path_factory):
    """A real `streamlit run app.py` on a free loopback port, polled on /_stcore/health."""
    db_copy = tmp_path_factory.mktemp("server") / "server.duckdb"
    db_copy.write_bytes(demo_path.read_bytes())
    from analytics import accounts

    c = db.connect(db_copy)  # real accounts: the browser import test disables the demo accounts
    accounts.add_user(c, "penguji", TESTER_PASSWORD, "admin")
    accounts.add_user(c, "pimpinan.uji", TESTER_PASSWORD, "pimpinan", nasional=True)
    accounts.add_user(c, "operator.uji", TESTER_PASSWORD, "unit", instansi_ids=(largest_instansi(c),))
    c.close()
    env = {**os.environ, "SMARTASN_DB": str(db_copy)}
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    proc, url = launch_streamlit(env, log)
    wait_healthy(proc, url, log)
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def launch_streamlit(env: dict[str, str], log: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` with `env` on a loopback port (a free one unless given), its output appended
    to `log`: (the process, its URL), not yet answering (wait_healthy)."""
    port = port or free_port()
    with open(log, "a") as out:  # the child keeps its own descriptor
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "app.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
                "--client.showErrorDetails",
                "full",  # a failing test shows the exception
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return proc, f"http://127.0.0.1:{port}"


def wait_healthy(proc: subprocess.Popen, url: str, log: Path, seconds: int = 90) -> None:
    """Poll the server's /_stcore/health until it answers (killing it after `seconds`, or when it ended)."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"streamlit did not become healthy; see {log}")


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium tidak terpasang (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def con():
    """An empty in-memory database (schema and reference tables only)."""
    c = db.connect(":memory:")
    yield c
    c.close()


def checkpointed(path: Path) -> Path:
    """`path`, after asserting that the file alone is the whole database (no write-ahead log beside
    it), so a copy of the file is a copy of the database."""
    assert not path.with_name(path.name + ".wal").exists(), path
    return path


@pytest.fixture(scope="session")
def loaded_template(tmp_path_factory) -> Path:
    """A database file with the three employees of tests/importdata imported, once a session."""
    from analytics.importer import import_file
    from tests.importdata import PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

    folder = tmp_path_factory.mktemp("loaded")
    path = folder / "loaded.duckdb"
    c = db.connect(path)
    try:
        r = import_file(c, write_csv(folder / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS))
        assert (r.rows_loaded, r.rows_rejected) == (3, 0), r.rejects
    finally:
        c.close()
    return checkpointed(path)


@pytest.fixture
def loaded(loaded_template, tmp_path):
    """A database with the three employees of tests/importdata loaded. Every test writes into its own
    copy of loaded_template (a copy takes ~0.03 s, the import it replaces ~0.45 s)."""
    path = tmp_path / "loaded.duckdb"
    shutil.copyfile(loaded_template, path)
    c = db.connect(path)
    yield c
    c.close()


@contextlib.contextmanager
def write_lock_held(path: Path, seconds: int = 60):
    """Another process holding `path` open for writing, for as long as the block runs."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep({seconds})",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture(scope="module")
def report_cli(demo_path, tmp_path_factory):
    """`python -m analytics report TOPIC --db <copy of the demo> ARGS...` -> stdout (exit 0 asserted)."""
    path = tmp_path_factory.mktemp("report") / "r.duckdb"
    path.write_bytes(demo_path.read_bytes())

    def run(topic: str, *args: str) -> str:
        # in-process (the same argument parsing and code as the command; no interpreter start-up per call)
        from analytics import cli

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["report", topic, "--db", str(path), *args])
        assert code == 0, err.getvalue()
        return out.getvalue()

    return run
