"""Parquet export for a data lake: every table round-trips with its types, a second engine (pyarrow) reads
every table by the manifest alone, an empty table keeps the layout it has with rows, accounts and the audit
log never leave, and 20 JP compliance by province computed from the files with DuckDB equals the dashboard's."""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import os
import subprocess
import sys

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from analytics import cli, db, jp, publish
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.rules import load_rules

# what each database type must read back as in pyarrow (a type not listed here fails the test: add it knowingly)
ARROW = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "SMALLINT": pa.int16(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
}
INTEGERS = {"SMALLINT", "INTEGER", "BIGINT"}


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
            assert back.columns == src.columns and back.types == src.types, name
            # read as the README shows, without the manifest's types: the year is still a whole number
            info = manifest["tabel"][name]
            raw = lake.read_parquet(f"{out}/{info['jalur']}/**/*.parquet", hive_partitioning=bool(info["partisi"]))
            assert raw.shape[0] == src.shape[0] and set(raw.columns) == set(src.columns), name
            if "tahun" in src.columns:
                assert str(raw.types[raw.columns.index("tahun")]) in INTEGERS, name
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


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["tabel"]


def _dataset(out, info: dict, partitioning=None) -> ds.Dataset:
    """A table of the export as pyarrow reads it from the manifest alone: its folder, its format, its
    partition columns typed by the manifest (a Hive folder name is text until typed)."""
    if partitioning is None and info["partisi"]:
        kolom = [(c, ARROW[info["tipe"][c]]) for c in info["partisi"]]
        partitioning = ds.partitioning(pa.schema(kolom), flavor="hive")
    return ds.dataset(out / info["jalur"], format=info["format"], partitioning=partitioning)


def _tipe(rel) -> dict:
    return {c: str(t) for c, t in zip(rel.columns, rel.types)}


def test_the_manifest_names_each_tables_folder_its_partition_column_and_format(exported):
    """Spark reads `DIR/jalur` with partition discovery (a glob down to the files made it drop `tahun`):
    every table is a folder, the partition column is given apart, and each column's type."""
    path, out = exported
    tabel = _manifest(out)
    jp = tabel["jp_pegawai_tahun"]
    assert (jp["jalur"], jp["partisi"], jp["format"], jp["tipe"]["tahun"]) == (
        "jp_pegawai_tahun",
        ["tahun"],
        "parquet",
        "SMALLINT",
    )
    pg = tabel["pegawai"]
    assert (pg["jalur"], pg["partisi"], pg["tipe"]["tanggal_lahir"], pg["tipe"]["nip"]) == (
        "pegawai",
        [],
        "DATE",
        "VARCHAR",
    )
    con = db.connect(path, read_only=True)
    try:
        for name, info in tabel.items():
            src = con.table(name)
            assert info["jalur"] == name and info["format"] == "parquet", name
            assert info["kolom"] == src.columns and info["tipe"] == _tipe(src), name
            assert info["partisi"] == (["tahun"] if "tahun" in src.columns else []), name
            isi = sorted(p.name for p in (out / name).iterdir())
            if info["partisi"] and info["baris"]:
                years = sorted(y for (y,) in src.unique("tahun").fetchall())
                assert isi == [f"tahun={y}" for y in years], name
            else:  # a table without years, or with none yet: one file in its folder
                assert isi == ["data_0.parquet"], name
    finally:
        con.close()


def test_a_second_engine_reads_every_table_by_the_manifest(exported):
    """pyarrow, not DuckDB: for every table the years present (its partitions) are the database's, the
    columns and their types are the database's, and the row counts match."""
    path, out = exported
    tabel = _manifest(out)
    con = db.connect(path, read_only=True)
    try:
        for name, info in tabel.items():
            src = con.table(name)
            data = _dataset(out, info)
            assert {f.name: f.type for f in data.schema} == {c: ARROW[t] for c, t in _tipe(src).items()}, name
            assert data.count_rows() == src.shape[0] == info["baris"], name
            if "tahun" in src.columns:
                years = {y for (y,) in src.unique("tahun").fetchall()}
                bagian = {ds.get_partition_keys(f.partition_expression).get("tahun") for f in data.get_fragments()}
                assert bagian - {None} == years, name
                assert set(data.to_table(columns=["tahun"]).column("tahun").to_pylist()) == years, name
                # untyped, pyarrow still makes the folder names whole numbers
                assert pa.types.is_integer(_dataset(out, info, "hive").schema.field("tahun").type), name
        (n,) = con.execute("SELECT count(*) FROM jp_pegawai_tahun WHERE tahun = 2025").fetchone()
    finally:
        con.close()
    jp = _dataset(out, tabel["jp_pegawai_tahun"])
    assert jp.count_rows(filter=ds.field("tahun") == 2025) == n > 0


def test_an_empty_table_keeps_its_layout_and_reads_as_zero_rows_with_its_columns_and_types(exported, tmp_path):
    """A new database (every table with a year still empty) exports each such table as the same folder and
    manifest entry as with rows: one Parquet file carrying the full schema, read by pyarrow and by DuckDB
    with Hive partitioning as zero rows with the database's columns and types."""
    _, full = exported
    filled = _manifest(full)
    out = tmp_path / "ekspor"
    con = db.connect(tmp_path / "baru.duckdb")
    try:
        tabel = publish.export_parquet(con, out)["tabel"]
        tahunan = [name for name, info in tabel.items() if info["partisi"]]
        assert "jp_pegawai_tahun" in tahunan and "ikm" in tahunan
        lake = duckdb.connect()
        for name in tahunan:
            src, info = con.table(name), tabel[name]
            assert src.shape[0] == info["baris"] == 0, name
            assert {k: v for k, v in info.items() if k != "baris"} == {
                k: v for k, v in filled[name].items() if k != "baris"
            }, name
            assert [p.relative_to(out).as_posix() for p in (out / name).rglob("*")] == [f"{name}/data_0.parquet"]
            want = {c: ARROW[t] for c, t in _tipe(src).items()}
            for partitioning in (None, "hive"):
                data = _dataset(out, info, partitioning)
                assert data.count_rows() == 0 and {f.name: f.type for f in data.schema} == want, name
            raw = lake.read_parquet(f"{out}/{name}/**/*.parquet", hive_partitioning=True)
            for back in (raw, publish.baca(out, name, lake)):
                assert back.shape[0] == 0 and _tipe(back) == _tipe(src), name
    finally:
        con.close()


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
    # a snapshot is a copy of all the data: the writer's audit log says who published which version
    con = duckdb.connect(str(writer), read_only=True)
    ((pengguna, rincian),) = con.execute("SELECT pengguna, rincian FROM audit WHERE aksi = 'terbitkan'").fetchall()
    con.close()
    assert pengguna == f"cli:{getpass.getuser()}"
    assert json.loads(rincian) == {"snapshot": "snapshot.duckdb", "versi": out["versi"]}


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
