"""Database and disk problems in the CLI: exit code 2, one Indonesian message, no traceback, the database
as it was (or not created at all).

File permissions only bite an ordinary user; as root (CI containers) the permission cases run the command
in a child without CAP_DAC_OVERRIDE (setpriv), and are skipped with the reason when that is not possible.
A full disk is real too: the database's WAL file is a link to /dev/full, where every write fails ENOSPC.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import cli, db
from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

ROOT = Path(__file__).resolve().parent.parent
PW = "sandi-yang-cukup-panjang"


def run(*args: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `python -m analytics ARGS`, in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def run_child(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """`python -m analytics ARGS` in a child process (stderr as the user sees it)."""
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "analytics", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SANDI": PW},
    )


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path: Path) -> tuple:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("""SELECT (SELECT count(*) FROM pegawai), (SELECT count(*) FROM pengembangan),
                                     (SELECT count(*) FROM import_log), (SELECT count(*) FROM pengguna),
                                     (SELECT count(*) FROM audit)""").fetchall()[0]
    finally:
        con.close()


def assert_refused(code: int, err: str, *words: str) -> None:
    """Exit 2, no traceback, an Indonesian first sentence (DuckDB's English only as the technical detail)."""
    assert code == 2, err
    assert "Traceback" not in err
    first = err.split("(rincian teknis")[0]
    assert "Error" not in first and "Permission denied" not in first and "No space left" not in first, err
    for w in words:
        assert w in err, (w, err)


@pytest.fixture(autouse=True)
def password(monkeypatch):
    monkeypatch.setenv("SANDI", PW)  # `user add --password-env SANDI` in this process


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("files")
    return {
        "pegawai": write_csv(d / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS),
        "kursus": write_csv(d / "k.csv", KURSUS_HEADER, KURSUS_ROWS),
    }


@pytest.fixture(scope="module")
def source_db(tmp_path_factory, files) -> Path:
    """A database with the three employees of tests/importdata (checkpointed: one file, no WAL)."""
    from analytics.importer import import_file

    path = tmp_path_factory.mktemp("src") / "c.duckdb"
    con = db.connect(path)
    try:
        assert import_file(con, files["pegawai"]).rows_loaded == 3
    finally:
        con.close()
    return path


@pytest.fixture
def database(source_db, tmp_path) -> Path:
    """A fresh copy of source_db in its own folder, for a test to break."""
    folder = tmp_path / "basis"
    folder.mkdir()
    path = folder / "c.duckdb"
    shutil.copyfile(source_db, path)
    return path


def commands(path: Path, files: dict[str, Path]) -> dict[str, list[str]]:
    return {
        "import": ["import", str(files["kursus"]), "--db", str(path)],
        "report": ["report", "jp", "--year", "2025", "--db", str(path)],
        "user": ["user", "add", "baru.admin", "--role", "admin", "--password-env", "SANDI", "--db", str(path)],
    }


@pytest.fixture(scope="session")
def no_override() -> list[str]:
    """Command prefix under which file permissions apply: nothing for an ordinary user; as root, setpriv
    dropping CAP_DAC_OVERRIDE from the bounding set (root then obeys the owner's mode bits)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("berjalan sebagai root tanpa setpriv (util-linux): root menulis berkas hanya-baca, tidak teruji")
    prefix = [setpriv, "--bounding-set=-dac_override"]
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"smartasn-probe-{os.getpid()}"
    probe.write_text("")
    probe.chmod(0o444)
    try:
        out = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r}, 'a')"], capture_output=True)
    finally:
        probe.unlink()
    if out.returncode == 0 or b"PermissionError" not in out.stderr:
        pytest.skip(f"berjalan sebagai root dan setpriv tidak bisa mencabut CAP_DAC_OVERRIDE: {out.stderr[-200:]!r}")
    return prefix


# a) a read-only database file


@pytest.mark.parametrize("command", ["import", "report", "user"])
def test_read_only_database_file(database, files, no_override, command):
    database.chmod(0o444)
    before = sha(database)
    out = run_child(*commands(database, files)[command], prefix=no_override)
    assert_refused(out.returncode, out.stderr, str(database), "tidak bisa dibuka untuk ditulis", "chmod u+w")
    assert sha(database) == before and sorted(p.name for p in database.parent.iterdir()) == ["c.duckdb"]
    # reading it still works
    info = run_child("info", "--db", str(database), prefix=no_override)
    assert info.returncode == 0, info.stderr
    database.chmod(0o644)
    assert counts(database)[:4] == (3, 0, 1, 0)


# b) a folder where DuckDB cannot create the WAL file beside the database


@pytest.mark.parametrize("command", ["import", "report"])
def test_folder_without_room_for_the_wal(database, files, no_override, command):
    before = sha(database)
    database.parent.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
    try:
        out = run_child(*commands(database, files)[command], prefix=no_override)
        listing = sorted(p.name for p in database.parent.iterdir())
    finally:
        database.parent.chmod(0o755)
    # the commit's failure, not the "cannot rollback" a ROLLBACK after it raised
    assert_refused(out.returncode, out.stderr, f"Folder {database.parent} tidak bisa ditulis", "c.duckdb.wal")
    assert "cannot rollback" not in out.stderr
    assert sha(database) == before and listing == ["c.duckdb"]
    assert counts(database)[:3] == (3, 0, 1)


# c) a full disk: every write to the WAL fails with ENOSPC


@pytest.fixture
def full_disk(database) -> Path:
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full tidak ada (bukan Linux): disk penuh tidak bisa ditiru")
    (database.parent / "c.duckdb.wal").symlink_to("/dev/full")
    return database


@pytest.mark.parametrize("command", ["import", "report", "user"])
def test_full_disk(full_disk, files, command):
    before, rows = sha(full_disk), counts(full_disk)
    code, out, err = run(*commands(full_disk, files)[command])
    assert_refused(code, err, "Disk penuh", "c.duckdb.wal", "Kosongkan ruang")
    assert sha(full_disk) == before and counts(full_disk) == rows
    if command == "import":
        assert err.startswith(f"{files['kursus']}: GAGAL, tidak ada yang ditulis dari berkas ini.") and out == ""


def test_full_disk_child_process_prints_no_traceback(full_disk, files):
    before = sha(full_disk)
    out = run_child("import", str(files["kursus"]), "--db", str(full_disk))
    assert_refused(out.returncode, out.stderr, "Disk penuh")
    assert out.stderr.count("\n") == 1  # one line: the file and why
    assert sha(full_disk) == before


def test_database_error_stops_the_import_and_earlier_rejects_are_kept(database, files, tmp_path, monkeypatch):
    """First file imported (one row rejected), the second hits a full disk: the third is not tried, the
    rejects of the first still go to --rejects-out, exit 2."""
    import analytics.importer as importer

    real = importer.import_file
    bad = tmp_path / "k_bad.csv"
    broken = [KURSUS_ROWS[0][0], "3", "Rusak", "-1", "01-01-2025", "", "x", ""]  # JP -1: rejected
    write_csv(bad, KURSUS_HEADER, [list(r) for r in KURSUS_ROWS] + [broken])
    full = tmp_path / "penuh.csv"
    full.write_text("dummy\n")

    def import_file(con, path, **kw):
        if Path(path) == full:
            raise duckdb.IOException('Could not write file "/data/c.duckdb.wal": No space left on device')
        return real(con, path, **kw)

    monkeypatch.setattr(importer, "import_file", import_file)
    rejects = tmp_path / "rej.csv"
    code, out, err = run(
        "import", str(bad), str(full), str(files["pegawai"]), "--db", str(database), "--rejects-out", str(rejects)
    )
    assert_refused(code, err, f"{full}: GAGAL", "Disk penuh", f"tidak diproses: {files['pegawai']}")
    assert out.splitlines()[0].startswith("k_bad.csv: pengembangan: dibaca 4, dimuat 3, ditolak 1")
    assert len(out.splitlines()) == 1
    with rejects.open(newline="") as f:
        assert [(r["file"], r["column"]) for r in csv.DictReader(f)][:1] == [("k_bad.csv", "jumlahJam")]
    assert counts(database)[:3] == (3, 3, 2)


def test_a_bug_is_not_dressed_up_as_a_database_problem(database, files, monkeypatch):
    import analytics.importer as importer

    def import_file(con, path, **kw):
        raise duckdb.BinderException("Binder Error: column x not found")

    monkeypatch.setattr(importer, "import_file", import_file)
    with pytest.raises(duckdb.BinderException):
        run(*commands(database, files)["import"])


# d) --db where no database is


@pytest.mark.parametrize("command", ["import", "report", "info", "user"])
@pytest.mark.parametrize("where", ["folder", "file"])
def test_missing_database_is_not_created(tmp_path, files, command, where):
    path = tmp_path / "tidak-ada" / "c.duckdb" if where == "folder" else tmp_path / "c.duckdb"
    args = {**commands(path, files), "info": ["info", "--db", str(path)]}[command]
    code, out, err = run(*args)
    assert_refused(code, err, f"Basis data {path} tidak ada", "--db")
    if where == "folder":
        assert f"folder {path.parent} juga belum ada" in err
    if command in ("import", "user"):
        assert "ulangi dengan --baru" in err
    else:
        assert f"python -m analytics demo --db {path}" in err and "--baru" in err
    assert out == "" and list(tmp_path.iterdir()) == []


def test_baru_creates_the_database_and_its_folder(tmp_path, files):
    path = tmp_path / "baru" / "c.duckdb"
    code, out, err = run(*commands(path, files)["user"], "--baru")
    assert code == 0, err
    code, out, err = run("import", str(files["pegawai"]), "--db", str(path), "--baru")
    assert code == 0, err
    assert counts(path)[:4] == (3, 0, 1, 1)
    # an existing database with --baru is simply opened
    code, out, err = run("import", str(files["pegawai"]), "--db", str(path), "--baru")
    assert code == 0 and "tidak berubah 3" in out, err


def test_a_file_that_is_no_database(tmp_path, files):
    not_db = files["pegawai"]
    before = sha(not_db)
    for args in (["info", "--db", str(not_db)], ["import", str(files["kursus"]), "--db", str(not_db)]):
        code, _, err = run(*args)
        assert_refused(code, err, f"Berkas {not_db} bukan basis data DuckDB")
    assert sha(not_db) == before


def test_connect_keeps_creating_for_callers_that_ask(tmp_path):
    """The dashboard and the tests open (and create) a database with the old default."""
    path = tmp_path / "a" / "b.duckdb"
    db.connect(path).close()
    assert path.is_file()
    with pytest.raises(db.DatabaseMissing):
        db.connect(tmp_path / "c.duckdb", create=False)
    with pytest.raises(db.DatabaseMissing):
        db.connect(tmp_path / "d.duckdb", read_only=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


# the messages themselves


def _masked() -> BaseException:
    """What engine._import raises today when the COMMIT fails: the ROLLBACK's error over the COMMIT's."""
    try:
        try:
            raise duckdb.TransactionException(
                'TransactionContext Error: Failed to commit: Cannot open file "/data/c.duckdb.wal": Permission denied'
            )
        except duckdb.Error:
            raise duckdb.TransactionException("TransactionContext Error: cannot rollback - no transaction is active")  # noqa: B904 (the chaining engine._import does)
    except duckdb.Error as exc:
        return exc


@pytest.mark.parametrize(
    "exc, words",
    [
        (
            duckdb.IOException('IO Error: Could not write file "/data/c.duckdb.wal": No space left on device'),
            "Disk penuh: /data/c.duckdb.wal",
        ),
        (OSError(errno.ENOSPC, "No space left on device", "/data/out.csv"), "Disk penuh: /data/out.csv"),
        (OSError(errno.EDQUOT, "Disk quota exceeded", "/data/c.duckdb"), "Disk penuh"),
        (
            duckdb.IOException('IO Error: Cannot open file "/data/c.duckdb": Permission denied'),
            "Basis data /data/c.duckdb tidak bisa dibuka untuk ditulis",
        ),
        (
            duckdb.IOException('IO Error: Cannot open file "/data/c.duckdb": Read-only file system'),
            "Basis data /data/c.duckdb tidak bisa dibuka untuk ditulis",
        ),
        (PermissionError(errno.EACCES, "Permission denied", "/data/sub"), "Tidak ada izin untuk membuka atau menulis"),
        (_masked(), "Folder /data tidak bisa ditulis"),
        (
            duckdb.IOException(
                'IO Error: The file "/data/c.duckdb" exists, but it is not a valid DuckDB database file!'
            ),
            "bukan basis data DuckDB",
        ),
        (duckdb.IOException('IO Error: Could not read from file "/data": Is a directory'), "/data adalah folder"),
        (duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block"), "SMARTASN_MEMORY_LIMIT"),
        (
            duckdb.FatalException("FATAL Error: database has been invalidated because of a previous fatal error"),
            "tidak bisa dipakai lagi",
        ),
        (duckdb.IOException("IO Error: something unexpected"), "tidak bisa dibaca atau ditulis"),
        (OSError(errno.ENOENT, "No such file or directory", "/data/x/out.csv"), "/data/x/out.csv tidak ada"),
    ],
)
def test_pesan_galat(exc, words):
    assert isinstance(exc, db.KNOWN_ERRORS)
    text = db.pesan_galat(exc, "/data/c.duckdb")
    assert words in text
    sentence, detail = text.split(" (rincian teknis: ")
    assert detail.endswith(")") and detail[:-1] in (str(exc), str(exc.__context__))  # the masked commit's text
    assert "Error" not in sentence and "denied" not in sentence


def test_locked_message_is_not_any_word_with_lock():
    locked = duckdb.IOException('IO Error: Could not set lock on file "/data/c.duckdb": Conflicting lock is held')
    assert "sedang dipakai proses lain" in db.pesan_galat(locked, "/data/c.duckdb")
    block = duckdb.IOException("IO Error: Could not read block 17 of /data/c.duckdb")
    assert "sedang dipakai" not in db.pesan_galat(block, "/data/c.duckdb")
