"""Read-only replicas over a published snapshot (analytics.replika): they read the snapshot by the usual
table names on any cursor, write their audit log and login state to their own file (the snapshot is never
touched), pick up a newly published snapshot between runs only, and the app runs on one with no import page."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import accounts, audit, build, cli, db, jp, publish, replika
from analytics.demo import DEMO_PASSWORD
from analytics.filters import Scope
from analytics.gerbang import GERBANG
from analytics.privacy import PENUH, Akses
from analytics.rules import load_rules
from tests.test_app import login

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


@pytest.fixture
def app_replika(app_env, published, monkeypatch):
    """The app under AppTest (app_env's set-up: router mode, empty caches) as a replica over `published`."""
    import streamlit as st

    _, snap, own = published
    monkeypatch.setenv("SMARTASN_REPLIKA", str(snap))
    monkeypatch.setenv("SMARTASN_DB", str(own))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield published
    st.cache_resource.clear()
    st.cache_data.clear()


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


def test_the_app_runs_as_a_replica_without_the_import_page(app_env, app_replika):
    writer, snap, own = app_replika
    t = login(app_env, "demo-admin")
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


# --- as an operator runs them: before the first snapshot, closed accounts, the commands and the README --------


def test_a_replica_started_before_the_first_snapshot_says_what_to_do(app_env, demo_path, monkeypatch, tmp_path):
    """No Streamlit error page: what to do, in Indonesian, and a retry that opens the replica once the
    writer has published (the message shows before login: no server path in it)."""
    snap, own = tmp_path / "snapshot" / "smartasn.duckdb", tmp_path / "replika" / "sendiri.duckdb"
    monkeypatch.setenv("SMARTASN_REPLIKA", str(snap))
    monkeypatch.setenv("SMARTASN_DB", str(own))
    t = AppTest.from_file("../app.py", default_timeout=120).run()
    assert not t.exception, t.exception
    assert [e.value for e in t.error] == [
        "Dasbor ini replika baca-saja, dan penulis belum menerbitkan snapshot data untuknya, jadi belum ada yang "
        "bisa ditampilkan. Pengelola server: di server penulis jalankan `python -m analytics publish-snapshot "
        "BERKAS` (BERKAS sama dengan `SMARTASN_REPLIKA` replika ini), atau setel `SMARTASN_TERBITKAN` di penulis "
        "agar impor berikutnya menerbitkannya sendiri. Setelah snapshot ada, klik **Coba lagi**."
    ]
    assert [b.label for b in t.button] == ["Coba lagi"] and len(t.text_input) == 0 and len(t.metric) == 0
    writer_path = tmp_path / "penulis.duckdb"
    writer_path.write_bytes(demo_path.read_bytes())
    writer = db.connect(writer_path)
    snap.parent.mkdir()
    publish.terbitkan(writer, snap)
    writer.close()
    next(b for b in t.button if b.label == "Coba lagi").click().run()
    assert not t.exception and not t.error
    t.text_input(key="login_nama").set_value("demo-admin")
    t.text_input(key="login_sandi").set_value(DEMO_PASSWORD)
    next(b for b in t.button if b.label == "Masuk").click().run()
    assert not t.exception and len(t.metric) > 0


NONAKTIF = "Sesi diakhiri karena akun ini telah dinonaktifkan. Hubungi admin Biro SDM bila masih memerlukan akses."


def signed_out(t: AppTest) -> bool:
    """The run ended at the login form: no figure shown."""
    return not t.exception and len(t.metric) == 0 and t.text_input(key="login_nama") is not None


def test_disabling_an_account_ends_its_open_sessions_on_their_next_run(app_env):
    import ui

    t = login(app_env, "demo-pimpinan")
    other = login(app_env, "demo-unit")
    assert len(t.metric) > 0 and len(other.metric) > 0
    accounts.set_active(ui.connection().cursor(), "demo-pimpinan", False, oleh="cli:admin")  # as `user disable`
    t.run()
    assert signed_out(t)
    assert [w.value for w in t.warning] == [NONAKTIF]
    other.run()
    assert not other.exception and len(other.metric) > 0  # another account's session goes on
    t.run()
    assert signed_out(t) and not t.warning  # said once
    log = ui.connection().execute("SELECT pengguna, aksi, rincian FROM audit ORDER BY id DESC LIMIT 2").fetchall()
    assert ("demo-pimpinan", "sesi_habis", '{"alasan": "nonaktif"}') in log


def test_an_import_that_switches_the_demo_accounts_off_ends_their_sessions(app_env, tmp_path):
    import ui
    from analytics.importer import import_file
    from tests.importdata import write_csv

    demo = login(app_env, "demo-admin")
    real = AppTest.from_file("../app.py", default_timeout=120)
    real.session_state["akses"] = accounts.akses_of(ui.connection(), "penguji")  # an admin of one's own
    real.run()
    assert len(demo.metric) > 0 and len(real.metric) > 0
    nips = [n for (n,) in ui.connection().execute("SELECT nip FROM pegawai ORDER BY pegawai_key LIMIT 2").fetchall()]
    skp = write_csv(tmp_path / "skp.csv", ["nipBaru", "tahun", "kuadranKinerja"], [[n, "2026", "1"] for n in nips])
    assert import_file(ui.connection(), skp, rules=RULES).demo_off == 3
    demo.run()
    assert signed_out(demo)
    assert [w.value for w in demo.warning] == [
        "Sesi diakhiri karena akun demo telah dinonaktifkan (data nyata sudah diimpor). Masuk dengan akun Anda "
        "sendiri; admin membuatnya dengan `python -m analytics user add`."
    ]
    real.run()
    assert not real.exception and len(real.metric) > 0


def test_a_session_whose_account_is_not_there_ends(app_env):
    """Denied by default: a session names an account; one this database does not have ends at once."""
    t = AppTest.from_file("../app.py", default_timeout=120)
    t.session_state["akses"] = Akses(peran="admin", nasional=True, pengguna="tidak.terdaftar")
    t.run()
    assert signed_out(t)
    assert [w.value for w in t.warning] == [
        "Sesi diakhiri karena akun ini tidak ada lagi di dasbor. Hubungi admin Biro SDM."
    ]


def test_an_account_disabled_at_the_writer_ends_its_session_on_a_replica(app_env, app_replika):
    """Disabled at the writer and published: the replica's session of that account ends on its next run,
    in the replica's own audit log; another account's session goes on."""
    import ui

    writer, snap, _ = app_replika
    t = login(app_env, "demo-unit")
    other = login(app_env, "demo-admin")
    assert len(t.metric) > 0 and len(other.metric) > 0
    accounts.set_active(writer, "demo-unit", False, oleh="cli:admin")
    t.run()
    assert len(t.metric) > 0  # not published yet: the replica knows nothing of it
    publish.terbitkan(writer, snap)
    t.run()
    assert signed_out(t)
    assert [w.value for w in t.warning] == [NONAKTIF]
    other.run()
    assert not other.exception and len(other.metric) > 0
    assert ("demo-unit", "sesi_habis") in ui.connection().execute("SELECT pengguna, aksi FROM audit").fetchall()
    assert writer.execute("SELECT count(*) FROM audit WHERE aksi = 'sesi_habis'").fetchone()[0] == 0


def test_publish_snapshot_help_names_the_replicas_setting():
    sub = next(a for a in cli._parser()._actions if a.dest == "command")
    tujuan = next(a for a in sub.choices["publish-snapshot"]._actions if a.dest == "tujuan")
    assert tujuan.help == "berkas snapshot yang dibuka replika (SMARTASN_REPLIKA mereka)"


def test_the_readme_sets_up_replicas_in_the_order_that_works():
    """A real admin, then the first snapshot by publish-snapshot (the CLI needs the writer's database free),
    then the writer with its SMARTASN_DB named, then the replicas over the same snapshot."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"Banyak penonton.*?```bash\n(.*?)```", readme, re.DOTALL).group(1)
    lines = block.replace("\\\n", " ").splitlines()
    commands = [" ".join(c.split()) for c in lines if c.strip() and not c.strip().startswith("#")]
    assert commands == [
        "SMARTASN_DB=/srv/smartasn/penulis.duckdb python -m analytics user add NAMA --role admin",
        "SMARTASN_DB=/srv/smartasn/penulis.duckdb python -m analytics publish-snapshot /srv/smartasn/snapshot.duckdb",
        "SMARTASN_DB=/srv/smartasn/penulis.duckdb SMARTASN_TERBITKAN=/srv/smartasn/snapshot.duckdb "
        "streamlit run app.py --server.port 8501",
        "SMARTASN_REPLIKA=/srv/smartasn/snapshot.duckdb SMARTASN_DB=/var/lib/smartasn/replika1.duckdb "
        "streamlit run app.py --server.port 8601",
    ]
    after = " ".join(readme[readme.index(block) + len(block) :].split())[:1500]  # the paragraph below it
    assert "Snapshot pertama dibuat dengan `publish-snapshot`" in after
    assert "**admin sungguhan harus ada di penulis sebelum impor pertama**" in after
    assert "snapshot membawa akun demo yang nonaktif ke setiap replika" in after
