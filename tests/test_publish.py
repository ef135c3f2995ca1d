"""Parquet export for a data lake: every table round-trips, accounts and the audit log never leave, and
20 JP compliance by province computed from the files with DuckDB equals the dashboard's."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys

import duckdb
import pytest

from analytics import cli, db, jp, publish
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules


@pytest.fixture(scope="module")
def exported(demo_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("pq") / "d.duckdb"
    path.write_bytes(demo_path.read_bytes())
    out = tmp_path_factory.mktemp("lake") / "ekspor"
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        assert cli.main(["export-parquet", str(out), "--db", str(path)]) == 0, err.getvalue()
    return path, out


def test_every_table_round_trips(exported):
    path, out = exported
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    con = db.connect(path, read_only=True)
    try:
        names = publish.tabel_ekspor(con)
        assert set(manifest["tabel"]) == set(names) and {"pegawai", "jp_pegawai_tahun", "pengembangan"} <= set(names)
        lake = duckdb.connect()
        for name in names:
            back = publish.baca(out, name, lake)
            src = con.table(name)
            assert back.shape[0] == src.shape[0] == manifest["tabel"][name]["baris"], name
            assert set(back.columns) == set(src.columns), name
        # values, not only counts: the employees table row for row (NIP stays text)
        a = con.table("pegawai").order("pegawai_key").df()
        b = publish.baca(out, "pegawai", lake).order("pegawai_key").df()[list(a.columns)]
        assert a.equals(b) and b["nip"].map(type).eq(str).all()
    finally:
        con.close()


def test_years_are_partitions(exported):
    _, out = exported
    parts = sorted(p.name for p in (out / "jp_pegawai_tahun").iterdir())
    assert parts[0] == "tahun=2020" and all(p.startswith("tahun=") for p in parts)


def test_accounts_and_the_audit_log_never_leave(exported):
    path, out = exported
    names = {p.name.split(".")[0] for p in out.iterdir()}
    assert not names & publish.TIDAK_DIEKSPOR
    raw = b"".join(p.read_bytes() for p in out.rglob("*.parquet"))
    assert b"scrypt" not in raw and b"demo-smart-asn" not in raw
    con = db.connect(path, read_only=True)
    try:  # the export itself is in the audit log
        (rincian,) = con.execute("SELECT rincian FROM audit WHERE aksi = 'ekspor' ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    assert json.loads(rincian)["laporan"] == "parquet"


def test_jp_compliance_by_province_from_the_files_equals_the_dashboard(exported):
    path, out = exported
    rules = load_rules()
    lake = duckdb.connect()
    lake.register("jp", publish.baca(out, "jp_pegawai_tahun", lake))
    got = lake.execute(
        """SELECT provinsi_kode AS kode, count(*) AS pegawai,
                  100.0 * count(*) FILTER (WHERE jp_total >= CASE WHEN jenis_pegawai = 'PPPK' THEN ? ELSE ? END)
                      / count(*) AS persen
           FROM jp WHERE tahun = 2025 AND dihitung GROUP BY 1 ORDER BY 1""",
        [rules.jp.pppk.ambang_tahunan, rules.jp.ambang_tahunan],
    ).df()
    con = db.connect(path, read_only=True)
    try:
        want = jp.per_kelompok(con, scope=Scope(tahun=2025, akses=PENUH), rules=rules, by="provinsi")
    finally:
        con.close()
    m = got.merge(want, on="kode")
    assert len(m) == len(want) == 38
    assert (m["pegawai_x"] == m["pegawai_y"]).all() and (m["persen"] - m["persen_memenuhi"]).abs().max() < 1e-9


def test_a_failed_export_leaves_the_previous_one_whole(exported, monkeypatch, tmp_path):
    path, out = exported
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    con = db.connect(path, read_only=True)
    calls = {"n": 0}
    real = duckdb.DuckDBPyRelation.write_parquet

    def flaky(self, *a, **k):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk penuh")
        return real(self, *a, **k)

    monkeypatch.setattr(duckdb.DuckDBPyRelation, "write_parquet", flaky)
    try:
        with pytest.raises(OSError):
            publish.export_parquet(con, out)
    finally:
        con.close()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert not out.with_name(out.name + ".baru").exists()


@pytest.fixture
def writer(demo_path, tmp_path):
    """A writer's database (a copy of the demo) open, and where its snapshot goes."""
    path = tmp_path / "penulis.duckdb"
    path.write_bytes(demo_path.read_bytes())
    con = db.connect(path)
    yield con, path, tmp_path / "snapshot.duckdb"
    con.close()


def test_a_published_snapshot_swaps_whole_and_old_readers_keep_their_version(writer):
    """The writer publishes; a replica that opened the old snapshot keeps reading it whole after the
    swap, a replica opening the file afterwards reads the new version, and no half-written file ever
    stands at the snapshot's name (the copy is checked, then renamed in one step)."""
    con, path, snap = writer
    v1 = publish.terbitkan(con, snap)
    old = duckdb.connect(str(snap), read_only=True)
    n_old = old.execute("SELECT count(*) FROM pegawai").fetchone()[0]
    con.execute("DELETE FROM pegawai WHERE pegawai_key IN (SELECT pegawai_key FROM pegawai LIMIT 100)")
    db.set_meta(con, impor_terakhir="2026-12-03T13:00:00")
    v2 = publish.terbitkan(con, snap)
    assert v1 != v2 and not snap.with_name(snap.name + ".baru").exists()
    # the old reader: still the old file, whole
    assert old.execute("SELECT count(*) FROM pegawai").fetchone()[0] == n_old
    assert publish.versi(old) == v1
    old.close()
    new = duckdb.connect(str(snap), read_only=True)
    assert new.execute("SELECT count(*) FROM pegawai").fetchone()[0] == n_old - 100 and publish.versi(new) == v2
    new.close()
    with pytest.raises(ValueError, match="berbeda"):
        publish.terbitkan(con, path)  # never over the writer's own file


def test_a_failed_publish_leaves_the_snapshot_as_it_was(writer, monkeypatch):
    con, _, snap = writer
    v1 = publish.terbitkan(con, snap)
    before = snap.read_bytes()
    db.set_meta(con, impor_terakhir="2026-12-03T14:00:00")
    monkeypatch.setattr(publish, "_salin", lambda a, b: b.write_bytes(b"rusak"))  # a torn copy
    with pytest.raises(Exception):  # noqa: B017 (DuckDB's own error for a file that is not a database)
        publish.terbitkan(con, snap)
    assert snap.read_bytes() == before and not snap.with_name(snap.name + ".baru").exists()
    check = duckdb.connect(str(snap), read_only=True)
    assert publish.versi(check) == v1
    check.close()


def test_publish_snapshot_command(demo_path, tmp_path, capsys):
    writer = tmp_path / "penulis.duckdb"
    writer.write_bytes(demo_path.read_bytes())
    snap = tmp_path / "replika" / "snapshot.duckdb"
    snap.parent.mkdir()
    assert cli.main(["publish-snapshot", str(snap), "--db", str(writer)]) == 0
    out = json.loads(capsys.readouterr().out)
    check = duckdb.connect(str(snap), read_only=True)
    assert publish.versi(check) == out["versi"] and check.execute("SELECT count(*) FROM pegawai").fetchone()[0] > 0
    check.close()


def test_after_a_publish_a_second_writer_is_still_refused_and_the_file_opens_after_a_stop(demo_path, tmp_path):
    """Real processes: the dashboard's process holds the writer's file and publishes a snapshot; a
    second process (`user add`, `import`) is then still refused with exit 2, as before the publish, and
    after the writer stops the file opens with its data (a copy made in the writer's own process
    dropped its POSIX lock: the second writer got in and the file was corrupt after the stop)."""
    path = tmp_path / "penulis.duckdb"
    path.write_bytes(demo_path.read_bytes())
    snap = tmp_path / "snapshot.duckdb"
    script = (
        "import sys; from analytics import db, publish; c = db.connect(sys.argv[1]); "
        "print(publish.terbitkan(c, sys.argv[2]), flush=True); sys.stdin.readline(); c.close()"
    )
    penulis = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(snap)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        versi = penulis.stdout.readline().strip()
        assert versi and snap.exists()
        env = {**os.environ, "SMARTASN_SANDI": "Sandi-yang-panjang-1"}
        for args in (
            ["user", "add", "penyusup", "--role", "admin", "--password-env", "SMARTASN_SANDI"],
            ["import", str(tmp_path / "tidak-ada.csv")],
        ):
            kedua = subprocess.run(
                [sys.executable, "-m", "analytics", *args, "--db", str(path)], capture_output=True, text=True, env=env
            )
            assert kedua.returncode == 2, (args, kedua.stdout, kedua.stderr)
            assert "sedang dipakai proses lain" in kedua.stderr
    finally:
        penulis.stdin.write("\n")
        penulis.stdin.close()
        assert penulis.wait(timeout=60) == 0
    con = duckdb.connect(str(path), read_only=True)
    assert publish.versi(con) == versi
    assert con.execute("SELECT count(*) FROM pengguna WHERE nama = 'penyusup'").fetchone()[0] == 0
    con.close()
