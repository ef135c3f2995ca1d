"""The audit log is append-only and tamper-evident: every writer of analytics.audit and
analytics.accounts only adds entries (the old ones stay byte for byte), the hash chain verifies, and
an UPDATE or DELETE made on the table directly is named by audit.verify; the chain survives
concurrent transactions, rolled-back ids, many threads and the migration of an older database."""

from __future__ import annotations

import inspect
import threading
from datetime import datetime

import pytest

from analytics import accounts, audit, db

PW = "kata-sandi-panjang"


@pytest.fixture
def con():
    c = db.connect(":memory:")
    accounts.add_user(c, "admin", PW, "admin")
    accounts.add_user(c, "op.jatim", PW, "unit", instansi_ids=(5,), unor_ids=(10, 11))
    accounts.add_user(c, "demo-satu", PW, "pimpinan", nasional=True, demo=True, oleh="demo")
    for i in range(3):
        audit.record(c, "admin", "ekspor", {"laporan": "jp", "baris": i}, cakupan="nasional")
    yield c
    c.close()


def rows(con) -> list[tuple]:
    return con.execute("SELECT * FROM audit ORDER BY id").fetchall()


def _refused(call):
    def run(con):
        with pytest.raises(accounts.AuthError):
            call(con)

    return run


# each public function that writes, called once: it must add exactly one entry and change no other
WRITERS = {
    "audit.record": lambda c: audit.record(c, "admin", "ekspor", {"laporan": "ipasn"}, cakupan="nasional"),
    "accounts.add_user": lambda c: accounts.add_user(c, "baru", PW, "unit", instansi_ids=(1,), oleh="admin"),
    "accounts.add_user (sso)": lambda c: accounts.add_user(c, "kepala", None, "pimpinan", sso="kepala@contoh.go.id"),
    "accounts.set_password": lambda c: accounts.set_password(c, "op.jatim", "sandi-baru-panjang", oleh="admin"),
    "accounts.set_active (off)": lambda c: accounts.set_active(c, "op.jatim", False, oleh="admin"),
    "accounts.set_active (on)": lambda c: accounts.set_active(c, "op.jatim", True, oleh="admin"),
    "accounts.login": lambda c: accounts.login(c, "admin", PW),
    "accounts.login (wrong password)": _refused(lambda c: accounts.login(c, "admin", "salah-sekali")),
    "accounts.login (unknown)": _refused(lambda c: accounts.login(c, "siapa", PW)),
    "accounts.login_sso (unknown)": _refused(lambda c: accounts.login_sso(c, "orang@lain.go.id")),
    "accounts.disable_demo_accounts": lambda c: accounts.disable_demo_accounts(c, oleh="admin"),
}
# the public functions that only read (or compute): together with WRITERS, every public function
READERS = {
    "audit.sidik", "audit.verify", "audit.entries", "accounts.hash_password", "accounts.demo_accounts_active",
    "accounts.real_admins", "accounts.users", "accounts.akses_of", "accounts.sesi_berakhir",
}  # fmt: skip


def test_every_public_function_is_classified():
    public = {
        f"{m.__name__.split('.')[-1]}.{name}"
        for m in (audit, accounts)
        for name, f in inspect.getmembers(m, inspect.isfunction)
        if not name.startswith("_") and f.__module__ == m.__name__
    }
    writers = {w.split(" ")[0] for w in WRITERS}
    assert public == writers | READERS, "a new function: add it to WRITERS or READERS"


def test_writers_only_append(con):
    for name, call in WRITERS.items():
        before = rows(con)
        call(con)
        after = rows(con)
        assert after[: len(before)] == before, f"{name} changed an existing entry"
        assert len(after) == len(before) + 1, name
        assert audit.verify(con) == [], name
    # a locked account's refusal and a successful single sign-on are appended the same way
    for _ in range(accounts.MAKS_GAGAL + 1):
        before = rows(con)
        with pytest.raises(accounts.AuthError):
            accounts.login(con, "op.jatim", "salah-sekali")
        assert rows(con)[: len(before)] == before
    before = rows(con)
    accounts.login_sso(con, "Kepala@Contoh.go.id")
    assert rows(con)[: len(before)] == before and len(rows(con)) == len(before) + 1
    assert [r[3] for r in rows(con)[-3:]] == ["login_gagal", "login_gagal", "login"]
    assert audit.verify(con) == []


def test_chain_links_each_entry_to_the_one_before(con):
    chain = con.execute("SELECT id, sebelum, sidik FROM audit ORDER BY id").fetchall()
    assert chain[0][1] is None and all(b[1] == a[0] for a, b in zip(chain, chain[1:]))
    assert all(len(s) == 64 for _, _, s in chain) and len({s for _, _, s in chain}) == len(chain)


@pytest.mark.parametrize(
    "column, value",
    [
        ("rincian", '\'{"laporan": "smart", "baris": 1}\''),
        ("pengguna", "'orang-lain'"),
        ("aksi", "'login'"),
        ("cakupan", "''"),
        ("waktu", "waktu + INTERVAL 1 SECOND"),
        ("sebelum", "sebelum - 1"),
        ("sidik", "repeat('0', 64)"),
    ],
)
def test_direct_update_is_detected(con, column, value):
    target = con.execute("SELECT id FROM audit WHERE aksi = 'ekspor' ORDER BY id LIMIT 1 OFFSET 1").fetchall()[0][0]
    assert audit.verify(con) == []
    con.execute(f"UPDATE audit SET {column} = {value} WHERE id = ?", [target])  # noqa: S608 (test values)
    assert audit.verify(con) == [f"entri #{target} diubah"]


def test_direct_delete_is_detected(con):
    ids = [r[0] for r in rows(con)]
    con.execute("DELETE FROM audit WHERE id = ?", [ids[2]])
    assert audit.verify(con) == [f"entri #{ids[2]} hilang"]
    con.execute("DELETE FROM audit WHERE id IN (?, ?)", [ids[0], ids[4]])  # the first one too
    assert audit.verify(con) == [f"entri #{i} hilang" for i in (ids[0], ids[2], ids[4])]


def test_entry_rewritten_with_its_own_sidik_shows_at_the_next(con):
    (id_, waktu, pengguna, aksi, _, cakupan, sebelum, _), nxt = rows(con)[3:5]
    prev = db.scalar(con, "SELECT sidik FROM audit WHERE id = ?", [sebelum])
    forged = '{"laporan": "lain"}'
    con.execute(
        "UPDATE audit SET rincian = ?, sidik = ? WHERE id = ?",
        [forged, audit.sidik(prev, id_, waktu, pengguna, aksi, forged, cakupan), id_],
    )
    assert audit.verify(con) == [f"entri #{nxt[0]} diubah"]


def test_entries_added_outside_are_detected(con):
    last = rows(con)[-1]
    con.execute("INSERT INTO audit VALUES (?, now(), 'x', 'login', '{}', '', NULL, NULL)", [last[0] + 1])
    con.execute("INSERT INTO audit SELECT * FROM audit WHERE id = ?", [last[0]])
    assert audit.verify(con) == [
        f"entri #{last[0]} tercatat 2 kali",
        f"entri #{last[0] + 1} tanpa sidik (ditambahkan di luar aplikasi)",
    ]


def test_a_second_start_of_the_chain_is_detected(con):
    """A well-formed entry that follows nothing (as the first one does) but comes later."""
    id_, waktu = rows(con)[-1][0] + 1, datetime(2025, 5, 1, 9, 0)
    forged = ("orang", "login", "{}", "")
    con.execute(
        "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
        [id_, waktu, *forged, audit.sidik(None, id_, waktu, *forged)],
    )
    assert audit.verify(con) == [f"entri #{id_} tidak menyambung ke entri sebelumnya (ditambahkan di luar aplikasi)"]


def test_what_a_chain_alone_cannot_show(con):
    """The documented limits: nothing follows the newest entry, and a well-formed entry made with
    the algorithm after an existing one looks like one written in a concurrent transaction."""
    con.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    assert audit.verify(con) == []
    (after, _, _, _, _, _, _, prev), id_ = rows(con)[1], rows(con)[-1][0] + 10
    waktu, forged = datetime(2025, 5, 1, 9, 0), ("orang", "login", "{}", "")
    con.execute(
        "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [id_, waktu, *forged, after, audit.sidik(prev, id_, waktu, *forged)],
    )
    assert audit.verify(con) == []


def test_concurrent_and_rolled_back_transactions_verify(con):
    a, b = con.cursor(), con.cursor()
    a.execute("BEGIN")
    audit.record(a, "cli", "impor", {"berkas": "a.csv"})  # not visible to b until committed
    audit.record(b, "admin", "login", {})  # follows the same entry: the chain forks
    audit.record(a, "cli", "demo_nonaktif", {"akun": 1})
    a.execute("COMMIT")
    a.execute("BEGIN")
    audit.record(a, "cli", "impor", {"berkas": "b.csv"})
    a.execute("ROLLBACK")  # its id is used up: a gap, not a deletion
    audit.record(con, "admin", "logout", {})
    ids = [r[0] for r in rows(con)]
    assert len(ids) < ids[-1] - ids[0] + 1  # there is a gap
    forks = con.execute("SELECT sebelum FROM audit GROUP BY 1 HAVING count(*) > 1").fetchall()
    assert len(forks) == 1
    assert audit.verify(con) == []


def test_threads_keep_one_linear_chain(tmp_path):
    path = tmp_path / "t.duckdb"
    c = db.connect(path)

    def work(n: int) -> None:
        cur = c.cursor()  # one cursor per thread, as the dashboard's sessions do
        for i in range(25):
            audit.record(cur, f"sesi-{n}", "login", {"i": i})
        cur.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    chain = c.execute("SELECT id, sebelum FROM audit ORDER BY id").fetchall()
    assert len(chain) == 100
    assert all(b[1] == a[0] for a, b in zip(chain, chain[1:]))  # no fork
    assert audit.verify(c) == []
    c.close()


def _as_schema_6(path, entries: list[tuple]) -> None:
    """A database file shaped as schema 6 left it: audit without the chain, holding `entries`."""
    c = db.connect(path)
    c.execute("ALTER TABLE audit DROP COLUMN sidik")
    c.execute("ALTER TABLE audit DROP COLUMN sebelum")
    c.executemany("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?)", entries)
    c.execute("SELECT nextval('audit_seq') FROM range(?)", [max(e[0] for e in entries)]).fetchall()  # ids used
    c.execute("DELETE FROM schema_info")
    c.execute("INSERT INTO schema_info VALUES (6, now())")
    c.close()


def test_migration_chains_existing_entries(tmp_path):
    old = [
        (1, datetime(2025, 1, 2, 8, 0, 0), "admin", "login", '{"peran": "admin"}', "nasional"),
        (2, datetime(2025, 1, 2, 8, 5, 0, 123456), "admin", "impor", '{"berkas": "pegawai.csv"}', ""),
        (4, datetime(2025, 1, 3, 9, 0, 0), "op", "login_gagal", '{"alasan": "sandi"}', None),
    ]
    hashes = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.duckdb"
        _as_schema_6(path, old)
        c = db.connect(path)
        assert db.scalar(c, "SELECT max(versi) FROM schema_info") == db.SCHEMA_VERSION
        assert c.execute("SELECT id, sebelum FROM audit ORDER BY id").fetchall() == [(1, None), (2, 1), (4, 2)]
        assert audit.verify(c) == []
        hashes.append(c.execute("SELECT sidik FROM audit ORDER BY id").fetchall())
        audit.record(c, "admin", "login", {})  # new entries follow the migrated ones
        assert c.execute("SELECT sebelum FROM audit ORDER BY id DESC LIMIT 1").fetchall() == [(4,)]
        assert audit.verify(c) == []
        c.execute("UPDATE audit SET pengguna = 'orang' WHERE id = 2")
        assert audit.verify(c) == ["entri #2 diubah"]
        c.close()
    assert hashes[0] == hashes[1]  # deterministic
    expected, prev = [], None
    for id_, waktu, pengguna, aksi, rincian, cakupan in old:
        prev = audit.sidik(prev, id_, waktu, pengguna, aksi, rincian, cakupan)
        expected.append((prev,))
    assert hashes[0] == expected
