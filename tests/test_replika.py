"""Read-only replicas over a published snapshot (analytics.replika): they read the snapshot by the usual
table names on any cursor, write their audit log and login state to their own file (the snapshot is never
touched), pick up a newly published snapshot between runs only, and the app runs on one with no import page."""

from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime

import pytest
from streamlit.testing.v1 import AppTest

from analytics import accounts, audit, build, db, jp, publish, replika
from analytics.demo import DEMO_PASSWORD
from analytics.filters import Scope
from analytics.gerbang import GERBANG
from analytics.privacy import PENUH
from analytics.rules import load_rules

RULES = load_rules()


@pytest.fixture
def published(demo_path, tmp_path):
    """A writer (a copy of the demo, open) with its first snapshot published, and a replica's own file."""
    path = tmp_path / "penulis.duckdb"
    path.write_bytes(demo_path.read_bytes())
    con = db.connect(path)
    snap = tmp_path / "snapshot" / "smartasn.duckdb"
    snap.parent.mkdir()
    publish.terbitkan(con, snap)
    yield con, snap, tmp_path / "replika" / "sendiri.duckdb"
    con.close()


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_replica_reads_the_snapshot_by_table_name_on_every_cursor(published):
    writer, snap, own = published
    rep = replika.buka(snap, own)
    try:
        assert replika.is_replika(rep) and not replika.is_replika(writer)
        scope = Scope(tahun=2025, akses=PENUH)
        a = jp.per_kelompok(writer, scope=scope, rules=RULES, by="provinsi")
        b = jp.per_kelompok(rep, scope=scope, rules=RULES, by="provinsi")  # its own cursor inside
        assert a.equals(b) and len(b) > 1
        assert publish.versi(rep) == publish.versi(writer) and build.is_current(rep, RULES)
        with pytest.raises(Exception, match="(?i)view|read.only|cannot|base table"):
            rep.execute("DELETE FROM pegawai")  # the data are the snapshot's: no writes
    finally:
        rep.close()


def test_audit_and_login_state_stay_in_the_replicas_own_file(published):
    writer, snap, own = published
    before = _sha(snap)
    rep = replika.buka(snap, own)
    try:
        with pytest.raises(accounts.AuthError):
            accounts.login(rep, "demo-admin", "salah")
        assert accounts.login(rep, "demo-admin", DEMO_PASSWORD).peran == "admin"
        for _ in range(accounts.MAKS_GAGAL):
            with pytest.raises(accounts.AuthError):
                accounts.login(rep, "demo-pimpinan", "salah")
        log = rep.execute("SELECT aksi, pengguna FROM audit ORDER BY id").fetchall()
        assert ("login", "demo-admin") in log and log.count(("login_gagal", "demo-pimpinan")) == accounts.MAKS_GAGAL
        assert audit.verify(rep) == []  # its own chain, intact
        locked = rep.execute("SELECT kunci_sampai FROM pengguna WHERE nama = 'demo-pimpinan'").fetchone()[0]
        assert locked is not None
        # the writer publishes again: the replica keeps its own lock-out and its log
        db.set_meta(writer, impor_terakhir="2026-12-04T09:00:00")
        publish.terbitkan(writer, snap)
        assert replika.segarkan(rep)
        assert rep.execute("SELECT kunci_sampai FROM pengguna WHERE nama = 'demo-pimpinan'").fetchone()[0] == locked
        assert rep.execute("SELECT count(*) FROM audit").fetchone()[0] == len(log)
    finally:
        rep.close()
    w = writer.execute("SELECT count(*) FROM audit WHERE aksi LIKE 'login%'").fetchone()[0]
    assert w == 0  # nothing of the replica's reached the writer ...
    assert _sha(snap) != before  # (the file was republished by the writer, not written by the replica)


def test_the_snapshot_file_is_never_written_by_a_replica(published):
    _, snap, own = published
    before = _sha(snap)
    rep = replika.buka(snap, own)
    accounts.login(rep, "demo-admin", DEMO_PASSWORD)
    jp.per_kelompok(rep, scope=Scope(tahun=2025, akses=PENUH), rules=RULES, by="unor")
    rep.close()
    assert _sha(snap) == before


def test_a_new_snapshot_is_attached_between_runs_never_during_one(published):
    """segarkan() with nothing new does nothing; with a new snapshot it waits for the run in progress
    (which reads the old version to its end) and the next run reads the new one."""
    writer, snap, own = published
    rep = replika.buka(snap, own)
    try:
        assert replika.segarkan(rep) is False
        v1, n1 = publish.versi(rep), rep.execute("SELECT count(*) FROM pegawai").fetchone()[0]
        writer.execute("DELETE FROM pegawai WHERE pegawai_key IN (SELECT pegawai_key FROM pegawai LIMIT 50)")
        db.set_meta(writer, impor_terakhir="2026-12-04T10:00:00")
        v2 = publish.terbitkan(writer, snap)
        seen, started = [], threading.Event()

        def run():
            cur = rep.cursor()
            with GERBANG.baca():
                started.set()
                first = (publish.versi(cur), cur.execute("SELECT count(*) FROM pegawai").fetchone()[0])
                time.sleep(0.3)  # segarkan is waiting meanwhile
                seen.append((first, (publish.versi(cur), cur.execute("SELECT count(*) FROM pegawai").fetchone()[0])))

        t = threading.Thread(target=run)
        t.start()
        started.wait(5)
        assert replika.segarkan(rep) is True
        t.join(5)
        assert seen == [((v1, n1), (v1, n1))]  # the run saw the old version whole
        assert publish.versi(rep) == v2 and rep.execute("SELECT count(*) FROM pegawai").fetchone()[0] == n1 - 50
    finally:
        rep.close()


def test_the_app_runs_as_a_replica_without_the_import_page(app_env, published, monkeypatch):
    """app_env: the AppTest set-up (router mode, empty caches); the database is then the replica's."""
    writer, snap, own = published
    monkeypatch.setenv("SMARTASN_REPLIKA", str(snap))
    monkeypatch.setenv("SMARTASN_DB", str(own))
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        t = AppTest.from_file("../app.py", default_timeout=120).run()
        t.text_input(key="login_nama").set_value("demo-admin")
        t.text_input(key="login_sandi").set_value(DEMO_PASSWORD)
        next(b for b in t.button if b.label == "Masuk").click().run()
        assert not t.exception, t.exception
        assert len(t.metric) > 0, [e.value for e in [*t.error, *t.warning, *t.info, *t.markdown]]
        stamp = " ".join(c.value for c in t.sidebar.caption)
        assert "versi data" in stamp
        with pytest.raises(ValueError, match="Known pages"):  # no import page is registered on a replica
            t.switch_page("pages/impor.py")
        t.switch_page("pages/audit.py").run()  # the replica's own audit log: the admin's login in it
        assert not t.exception and t.title[0].value == "Log audit"
        t.switch_page("pages/ringkasan.py").run()
        # the writer imports and publishes; the replica's next run shows the new version
        baru = datetime.now().isoformat(timespec="seconds")  # after the build: the stamp names the import
        db.set_meta(writer, impor_terakhir=baru)
        publish.terbitkan(writer, snap)
        t.run()
        assert not t.exception
        assert baru.replace("T", " ") in " ".join(c.value for c in t.sidebar.caption)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_the_writer_publishes_after_each_import_when_told_to(published, monkeypatch, tmp_path):
    """SMARTASN_TERBITKAN: an import at the writer publishes the snapshot; the replica's next segarkan
    attaches it and shows the import's data."""
    from analytics.importer import import_file
    from tests.importdata import write_csv

    writer, snap, own = published
    monkeypatch.setenv("SMARTASN_TERBITKAN", str(snap))
    rep = replika.buka(snap, own)
    try:
        nips = [n for (n,) in writer.execute("SELECT nip FROM pegawai ORDER BY pegawai_key LIMIT 3").fetchall()]
        skp = write_csv(tmp_path / "skp.csv", ["nipBaru", "tahun", "kuadranKinerja"], [[n, "2026", "1"] for n in nips])
        result = import_file(writer, skp, rules=RULES)
        assert result.rows_loaded + result.rows_unchanged == 3, result.rejects
        assert any("Snapshot untuk replika diterbitkan" in c for c in result.catatan)
        assert replika.segarkan(rep)
        assert publish.versi(rep) == publish.versi(writer)
        got = rep.execute(
            "SELECT count(*) FROM skp s JOIN pegawai p USING (pegawai_key) WHERE s.tahun = 2026 AND p.nip IN ?", [nips]
        ).fetchone()[0]
        assert got == 3
    finally:
        rep.close()
