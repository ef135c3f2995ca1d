"""Accounts: salted scrypt hashes, login refusals that do not reveal whether a user exists,
lockout after repeated failures, disabled accounts, the audit trail, the `user` CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from analytics import accounts, audit, db, dimensions, privacy
from analytics.demo import largest_instansi

ROOT = Path(__file__).resolve().parent.parent
PW = "kata-sandi-panjang"


@pytest.fixture
def con():
    c = db.connect(":memory:")
    accounts.add_user(c, "admin", PW, "admin")
    accounts.add_user(c, "op.jatim", PW, "unit", instansi_ids=(5,), unor_ids=(10, 11))
    accounts.add_user(c, "pimpinan", PW, "pimpinan", provinsi_kode="35")
    yield c
    c.close()


def test_hashes_are_salted_and_slow(con):
    rows = con.execute("SELECT garam, hash FROM pengguna ORDER BY nama").fetchall()
    assert len({bytes(s) for s, _ in rows}) == 3 and len({bytes(h) for _, h in rows}) == 3  # same password
    assert all(len(bytes(s)) == 16 and len(bytes(h)) == 32 for s, h in rows)
    assert PW.encode() not in b"".join(bytes(h) for _, h in rows)
    salt = bytes(rows[0][0])
    assert accounts.hash_password(PW, salt)[1] == bytes(rows[0][1])
    assert accounts.SCRYPT["n"] >= 2**14


def test_login_gives_the_role_and_scope(con):
    a = accounts.login(con, "op.jatim", PW)
    assert (a.peran, a.instansi_ids, a.unor_ids, a.pribadi) == ("unit", (5,), (10, 11), True)
    p = accounts.login(con, "pimpinan", PW)
    assert p.provinsi_kode == "35" and not p.pribadi and not p.nasional
    with pytest.raises(privacy.Forbidden):
        p.require_pribadi()
    assert accounts.login(con, "admin", PW).nasional


def test_wrong_password_and_unknown_user_look_the_same(con):
    with pytest.raises(accounts.AuthError) as wrong:
        accounts.login(con, "admin", "salah-sekali")
    with pytest.raises(accounts.AuthError) as unknown:
        accounts.login(con, "siapa", "salah-sekali")
    assert str(wrong.value) == str(unknown.value)


def test_lockout_after_repeated_failures(con):
    now = datetime(2026, 11, 29, 10, 0)
    for _ in range(accounts.MAKS_GAGAL):
        with pytest.raises(accounts.AuthError):
            accounts.login(con, "admin", "salah-sekali", now=now)
    with pytest.raises(accounts.AuthError) as locked:
        accounts.login(con, "admin", PW, now=now + timedelta(minutes=1))  # even the right password
    assert str(locked.value) == accounts.DITOLAK and "terkunci" not in str(locked.value)
    reasons = [json.loads(r[0]) for r in con.execute("SELECT rincian FROM audit WHERE aksi = 'login_gagal'").fetchall()]
    assert reasons[-2] == {"alasan": "sandi", "terkunci": True} and reasons[-1] == {"alasan": "terkunci"}
    assert accounts.login(con, "admin", PW, now=now + accounts.KUNCI + timedelta(seconds=1)).peran == "admin"
    # a success resets the count
    with pytest.raises(accounts.AuthError):
        accounts.login(con, "admin", "salah-sekali")
    assert con.execute("SELECT gagal FROM pengguna WHERE nama = 'admin'").fetchall()[0][0] == 1


def test_a_lock_does_not_reveal_the_account(con):
    """After repeated failures a real name and an unknown one answer alike (no probing for names),
    while the real account is locked for real: its right password is refused with that same answer."""
    now = datetime(2026, 11, 29, 10, 0)

    def seventh_answer(nama: str) -> str:
        for _ in range(accounts.MAKS_GAGAL + 1):
            with pytest.raises(accounts.AuthError):
                accounts.login(con, nama, "salah-sekali", now=now)
        with pytest.raises(accounts.AuthError) as seventh:
            accounts.login(con, nama, "salah-sekali", now=now + timedelta(minutes=1))
        return str(seventh.value)

    real, unknown = seventh_answer("admin"), seventh_answer("tidak-ada")
    assert real == unknown
    assert real.startswith("Nama pengguna atau kata sandi salah.") and "terkunci" not in real
    with pytest.raises(accounts.AuthError) as right:
        accounts.login(con, "admin", PW, now=now + timedelta(minutes=2))
    assert str(right.value) == real
    assert real in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())  # the README quotes it
    assert accounts.login(con, "admin", PW, now=now + timedelta(minutes=2) + accounts.KUNCI).peran == "admin"


def test_disabled_and_demo_accounts(con):
    accounts.set_active(con, "pimpinan", False)
    with pytest.raises(accounts.AuthError):
        accounts.login(con, "pimpinan", PW)
    accounts.add_user(con, "demo", PW, "admin", demo=True)
    assert accounts.disable_demo_accounts(con, oleh="impor") == 1
    with pytest.raises(accounts.AuthError):
        accounts.login(con, "demo", PW)


@pytest.mark.parametrize(
    "name, password, role, message",
    [
        ("baru", "pendek", "admin", "minimal 10"),
        ("baru", PW, "raja", "Peran"),
        ("x'; DROP TABLE pegawai; --", PW, "admin", "Nama pengguna"),
        ("admin", PW, "admin", "sudah ada"),
    ],
)
def test_bad_accounts_refused(con, name, password, role, message):
    with pytest.raises(accounts.AuthError, match=message):
        accounts.add_user(con, name, password, role)


def test_audit_trail(con):
    accounts.login(con, "op.jatim", PW)
    with pytest.raises(accounts.AuthError):
        accounts.login(con, "op.jatim", "salah-sekali")
    rows = con.execute("SELECT pengguna, aksi, rincian, cakupan FROM audit ORDER BY id").fetchall()
    assert [r[1] for r in rows] == ["pengguna_tambah"] * 3 + ["login", "login_gagal"]
    assert rows[3][3] == "instansi 5; unit 10,11"
    assert not any(PW in (r[2] or "") for r in rows)  # no secrets in the log


def test_single_sign_on_accounts(con):
    accounts.add_user(con, "kepala.bkd", None, "pimpinan", provinsi_kode="35", sso=" Kepala@BKD.jatimprov.go.id ")
    with pytest.raises(accounts.AuthError):  # no password: SSO only
        accounts.login(con, "kepala.bkd", "")
    a = accounts.login_sso(con, "KEPALA@bkd.jatimprov.go.id")
    assert (a.pengguna, a.peran, a.provinsi_kode) == ("kepala.bkd", "pimpinan", "35")
    for unknown in ("orang@lain.go.id", None, ""):
        with pytest.raises(accounts.AuthError, match="belum terdaftar"):
            accounts.login_sso(con, unknown)
    with pytest.raises(accounts.AuthError, match="sudah dipakai"):
        accounts.add_user(con, "kedua", PW, "unit", instansi_ids=(1,), sso="kepala@bkd.jatimprov.go.id")
    with pytest.raises(accounts.AuthError, match="e-mail"):
        accounts.add_user(con, "ketiga", None, "unit", instansi_ids=(1,), sso="bukan email")
    with pytest.raises(accounts.AuthError, match="hanya untuk SSO"):
        accounts.add_user(con, "keempat", None, "unit", instansi_ids=(1,))
    accounts.set_active(con, "kepala.bkd", False)
    with pytest.raises(accounts.AuthError):
        accounts.login_sso(con, "kepala@bkd.jatimprov.go.id")
    log = con.execute("SELECT pengguna, aksi, rincian FROM audit WHERE aksi LIKE 'login%' ORDER BY id").fetchall()
    assert log[1][:2] == ("kepala.bkd", "login") and '"lewat": "sso"' in log[1][2]
    assert [r[1] for r in log[2:]] == ["login_gagal"] * 4


def test_user_cli(tmp_path, monkeypatch, capsys):
    from analytics.cli import main

    path = tmp_path / "u.duckdb"
    monkeypatch.setenv("SANDI", PW)

    def cli(*args):
        """The CLI in this process (the first call below goes through `python -m analytics`)."""
        code = main(["user", *args, "--db", str(path)])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    first = subprocess.run(
        [sys.executable, "-m", "analytics", "user", "add", "op.jatim", "--role", "unit", "--instansi", "5"]
        + ["--unor", "10", "--password-env", "SANDI", "--db", str(path), "--baru"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    listing = cli("list")
    assert "op.jatim" in listing.stdout and PW not in listing.stdout
    assert cli("add", "op.jatim", "--role", "unit", "--password-env", "SANDI").returncode == 2  # exists
    assert cli("add", "x", "--password-env", "SANDI").returncode == 2  # no role
    assert cli("disable", "op.jatim").returncode == 0
    c = db.connect(path)
    with pytest.raises(accounts.AuthError):
        accounts.login(c, "op.jatim", PW)
    c.close()
    sso = cli("add", "kepala", "--role", "pimpinan", "--provinsi", "35", "--sso", "kepala@contoh.go.id")
    assert sso.returncode == 0, sso.stderr  # SSO-only: no password asked
    assert "kepala@contoh.go.id" in cli("list").stdout
    assert cli("enable", "op.jatim").returncode == 0
    monkeypatch.setenv("SANDI", "sandi-baru-yang-panjang")
    assert cli("passwd", "op.jatim", "--password-env", "SANDI").returncode == 0
    c = db.connect(path)
    assert accounts.login(c, "op.jatim", "sandi-baru-yang-panjang").unor_ids == (10,)
    assert [r[0] for r in c.execute("SELECT aksi FROM audit ORDER BY id").fetchall()] == [
        "pengguna_tambah",
        "pengguna_nonaktif",
        "login_gagal",
        "pengguna_tambah",
        "pengguna_aktif",
        "pengguna_sandi",
        "login",
    ]


# --- the role matrix, enforced in the analytics layer -------------------------------------------

from analytics import ipasn, jp, smart  # noqa: E402
from analytics.filters import Scope  # noqa: E402
from analytics.privacy import PENUH  # noqa: E402
from analytics.rules import load_rules  # noqa: E402

RULES = load_rules()


def test_unit_role_sees_only_its_subtree(demo_con):
    c = demo_con
    unit, inst = c.execute(
        "SELECT u.id, u.instansi_id FROM unor u JOIN pegawai p ON p.unor_id = u.id WHERE u.tingkat = 2 "
        "GROUP BY ALL HAVING count(*) >= 20 ORDER BY u.id LIMIT 1"
    ).fetchall()[0]
    inside = set(
        r[0]
        for r in c.execute(
            "SELECT p.nip FROM pegawai p JOIN unor_closure k ON k.keturunan_id = p.unor_id WHERE k.leluhur_id = ?",
            [unit],
        ).fetchall()
    )
    op = privacy.Akses(peran="unit", unor_ids=(unit,), pengguna="op")
    s = Scope(tahun=2025, akses=op)
    rows = jp.per_pegawai(c, scope=s, rules=RULES, ref=dimensions.reference_date(c))
    assert 0 < len(rows) <= len(inside)
    assert all(re.fullmatch(r"[0-9]{8}\*{7}[0-9]{3}", n) for n in rows["nip"])  # masked for a non-admin
    masked = {privacy.mask_nip(n) for n in inside}
    assert set(rows["nip"]) <= masked
    # IP ASN and Smart ASN measure everyone in post; 20 JP leaves out those whose status is not in service
    nas = jp.per_kelompok(c, scope=s, rules=RULES, by="nasional").iloc[0]
    assert len(ipasn.per_pegawai(c, scope=s)) == len(rows) + nas["dikecualikan"] == len(smart.per_pegawai(c, scope=s))
    # aggregates: only its subtree, whatever filter is asked for
    assert nas["pegawai"] == len(rows)
    other = Scope(tahun=2025, instansi_id=inst + 1000, akses=op)
    assert jp.per_kelompok(c, scope=other, rules=RULES, by="nasional").empty


def test_pimpinan_gets_aggregates_never_rows(demo_con):
    boss = privacy.Akses(peran="pimpinan", provinsi_kode="35", pengguna="boss")
    s = Scope(tahun=2025, akses=boss)
    for fn in (
        lambda: jp.per_pegawai(demo_con, scope=s, rules=RULES, ref=dimensions.reference_date(demo_con)),
        lambda: jp.rekaman(demo_con, scope=s),
        lambda: ipasn.per_pegawai(demo_con, scope=s),
        lambda: smart.per_pegawai(demo_con, scope=s),
    ):
        with pytest.raises(privacy.Forbidden):
            fn()
    prov = ipasn.per_kelompok(demo_con, scope=s, by="provinsi")
    assert list(prov["kode"]) == ["35"]  # only its province, even when grouped by province
    units = smart.per_kelompok(demo_con, scope=s, by="unor")
    small = units[units["nama"].notna() & units["pegawai"].isna()]
    assert len(small) > 0  # small units suppressed ...
    assert (units["pegawai"].dropna() >= privacy.MIN_SEL).all()  # ... and no figure under the threshold left
    assert units.loc[units["pegawai"].isna(), "indeks"].isna().all()


def test_filter_choices_only_offer_what_the_user_may_see(demo_con):
    from analytics import options

    c = demo_con
    inst, prov = c.execute(
        "SELECT id, provinsi_kode FROM instansi WHERE jenis = 'kabkota' ORDER BY id LIMIT 1"
    ).fetchall()[0]
    op = privacy.Akses(peran="unit", instansi_ids=(inst,), pengguna="op")
    assert list(options.instansi(c, provinsi_kode=None, akses=op)["id"]) == [inst]
    assert list(options.provinsi(c, akses=op)["kode"]) == [prov]
    kk = options.kabkota(c, provinsi_kode=None, akses=op)
    assert set(kk["kode"]) == {
        r[0] for r in c.execute("SELECT DISTINCT kabkota_kode FROM unor WHERE instansi_id = ?", [inst]).fetchall()
    }
    assert options.unor(c, instansi_id=inst + 1, akses=op).empty  # another agency's units: none
    # a unit subtree: its units only, the agency above it offered to reach them
    sub = c.execute(
        "SELECT id, instansi_id FROM unor WHERE tingkat = 2 AND instansi_id = ? ORDER BY id LIMIT 1", [inst]
    ).fetchall()[0]
    sub_op = privacy.Akses(peran="unit", unor_ids=(sub[0],), pengguna="op2")
    units = options.unor(c, instansi_id=sub[1], akses=sub_op)
    below = {r[0] for r in c.execute("SELECT keturunan_id FROM unor_closure WHERE leluhur_id = ?", [sub[0]]).fetchall()}
    assert set(units["id"]) == below
    assert list(options.instansi(c, provinsi_kode=None, akses=sub_op)["id"]) == [sub[1]]
    # national and no-scope users
    assert len(options.provinsi(c, akses=privacy.PENUH)) == c.execute("SELECT count(*) FROM provinsi").fetchall()[0][0]
    nobody = privacy.Akses(peran="unit", pengguna="x")
    assert options.provinsi(c, akses=nobody).empty and options.instansi(c, provinsi_kode=None, akses=nobody).empty


def test_scope_named_for_people(demo_con):
    inst = largest_instansi(demo_con)
    nama = demo_con.execute("SELECT nama FROM instansi WHERE id = ?", [inst]).fetchall()[0][0]
    assert privacy.cakupan_nama(demo_con, privacy.Akses(peran="unit", instansi_ids=(inst,))) == nama
    prov = privacy.cakupan_nama(demo_con, privacy.Akses(peran="pimpinan", provinsi_kode="35", unor_ids=(99999999,)))
    assert prov == "Provinsi Jawa Timur; 99999999"  # an unknown id stays visible, never silently dropped
    assert privacy.cakupan_nama(demo_con, privacy.PENUH) == "nasional"


def test_no_scope_sees_nothing(demo_con):
    nobody = Scope(tahun=2025, akses=privacy.Akses(peran="unit", pengguna="x"))
    assert jp.per_kelompok(demo_con, scope=nobody, rules=RULES, by="nasional").empty
    assert ipasn.per_kelompok(demo_con, scope=nobody, by="nasional").empty
    assert smart.per_pegawai(demo_con, scope=nobody).empty


@pytest.mark.parametrize("hostile", ["'; DROP TABLE pegawai; --", "35' OR '1'='1", "\x00", "🙂" * 50])
def test_hostile_filter_values_are_just_values(demo_con, hostile):
    before = demo_con.execute("SELECT count(*) FROM pegawai").fetchall()[0][0]
    s = Scope(tahun=2025, provinsi_kode=hostile, kabkota_kode=hostile, jenis_jabatan=hostile, akses=PENUH)
    assert jp.per_kelompok(demo_con, scope=s, rules=RULES, by="nasional").empty
    assert ipasn.per_pegawai(demo_con, scope=Scope(tahun=2025, akses=PENUH), nip=hostile).empty
    mem = db.connect(":memory:")
    with pytest.raises(accounts.AuthError):  # the login box
        accounts.login(mem, hostile, hostile)
    assert mem.execute("SELECT pengguna FROM audit").fetchall() == [(hostile,)]  # stored as a value
    assert len(audit.entries(mem, pengguna=hostile)) == 1 and audit.entries(mem, pengguna=hostile + "x").empty
    assert demo_con.execute("SELECT count(*) FROM pegawai").fetchall()[0][0] == before


def test_exports_are_stamped_and_audited(demo_path, tmp_path):
    import io

    from openpyxl import load_workbook

    from analytics import report

    boss = privacy.Akses(peran="pimpinan", provinsi_kode="35", pengguna="boss")
    s = Scope(tahun=2025, jenis_jabatan="pelaksana", akses=boss)
    con = _demo(demo_path, tmp_path)
    df = jp.per_kelompok(con, scope=s, rules=RULES, by="unor")
    stamp = report.stamp(con, boss, s, "jp", len(df), tingkat="unor")
    book = load_workbook(io.BytesIO(report.write(df, "xlsx", None, stamp=stamp, tingkat="unor")))
    con.close()
    assert book.sheetnames == ["laporan", "keterangan"]
    info = {r[0].value: r[1].value for r in book["keterangan"].iter_rows(min_row=2)}
    assert info["Diekspor oleh"] == "boss" and info["Peran"] == "Pimpinan"
    assert info["Cakupan akun"] == "Provinsi Jawa Timur" and info["Laporan"] == "Kepatuhan 20 JP per unit kerja"
    assert info["Filter"] == "Tahun 2025; Jenis jabatan Pelaksana" and info["Jumlah baris"] == len(df)
    # the CLI audits its exports
    path = tmp_path / "cli.duckdb"
    path.write_bytes(demo_path.read_bytes())
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "report", "jp", "--year", "2025", "--format", "json", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr

    def cli(*args):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "analytics",
                "report",
                *args,
                "--year",
                "2025",
                "--format",
                "json",
                "--db",
                str(path),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    # the CLI acting as a named user gets that user's scope and role
    unit = cli("ipasn", "--by", "instansi", "--sebagai", "demo-unit")
    assert unit.returncode == 0, unit.stderr
    refused = cli("jp", "--by", "pegawai", "--sebagai", "demo-pimpinan")
    assert refused.returncode == 2 and "agregat" in refused.stderr and not refused.stdout
    assert cli("jp", "--sebagai", "tidak-ada").returncode == 2
    c = db.connect(path)
    largest = largest_instansi(c)
    assert [r["kode"] for r in json.loads(unit.stdout)] == [str(largest)]
    rows = c.execute("SELECT pengguna, aksi, rincian, cakupan FROM audit WHERE aksi = 'ekspor' ORDER BY id").fetchall()
    assert len(rows) == 2 and rows[0][0].startswith("cli:") and '"laporan": "jp:nasional"' in rows[0][2]
    assert rows[1][0] == "demo-unit" and rows[1][3] == f"instansi {largest}"


def _demo(demo_path, tmp_path):
    path = tmp_path / "d.duckdb"
    path.write_bytes(demo_path.read_bytes())
    return db.connect(path)


def test_streamlit_config_is_safe_by_default():
    import tomllib

    from analytics.settings import load_settings

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    server = cfg["server"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True  # True = protection on
    assert "*" not in server.get("corsAllowedOrigins", [])
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["client"]["showErrorDetails"] == "none"  # no tracebacks (paths, values) to users
    assert cfg["client"]["disableDataExport"] is True  # a table gives no CSV of its own, unaudited
    assert server["maxUploadSize"] >= load_settings().upload_mb  # our own limit is the one users meet
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text().split()
