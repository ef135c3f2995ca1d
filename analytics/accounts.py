"""Accounts: passwords (hashlib.scrypt, a random 16-byte salt per account, n=2**14, r=8, p=1,
32 bytes), lock-out after failed logins, single sign-on by e-mail, demo accounts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import duckdb

from analytics.audit import record as audit
from analytics.privacy import PERAN, Akses

SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MAKS_GAGAL = 5  # failed logins before the account is locked for KUNCI
KUNCI = timedelta(minutes=15)


class AuthError(ValueError):
    """A refused account operation; the message says why (never whether a user exists)."""


def hash_password(password: str, salt: bytes | None = None) -> tuple[bytes, bytes]:
    """(salt, scrypt hash) of a password."""
    salt = salt or secrets.token_bytes(16)
    return salt, hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)


def _check_password(password: str) -> None:
    if len(password) < 10:
        raise AuthError("Kata sandi minimal 10 karakter.")


def add_user(
    con: duckdb.DuckDBPyConnection,
    nama: str,
    password: str | None,
    peran: str,
    *,
    nasional: bool = False,
    provinsi_kode: str | None = None,
    instansi_ids: tuple[int, ...] = (),
    unor_ids: tuple[int, ...] = (),
    demo: bool = False,
    sso: str | None = None,
    oleh: str = "mesin",
) -> None:
    """Create an account (admins get national scope). `sso`: the e-mail a single sign-on provider
    vouches for; such an account may have no password (None: password login impossible)."""
    if peran not in PERAN:
        raise AuthError(f"Peran harus salah satu dari {', '.join(PERAN)}.")
    if not nama or not nama.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise AuthError("Nama pengguna hanya huruf, angka, titik, garis bawah dan tanda hubung.")
    if sso is not None:
        sso = _check_email(sso)
        if con.execute("SELECT count(*) FROM pengguna WHERE sso = ?", [sso]).fetchall()[0][0]:
            raise AuthError(f"Alamat SSO {sso} sudah dipakai akun lain.")
    if password is None:
        if sso is None:
            raise AuthError("Akun tanpa kata sandi hanya untuk SSO (--sso).")
        password = secrets.token_urlsafe(32)  # never told to anyone: no password login
    _check_password(password)
    if con.execute("SELECT count(*) FROM pengguna WHERE nama = ?", [nama]).fetchall()[0][0]:
        raise AuthError(f"Pengguna {nama} sudah ada.")
    salt, digest = hash_password(password)
    nasional = nasional or peran == "admin"
    con.execute(
        """INSERT INTO pengguna (nama, peran, garam, hash, nasional, provinsi_kode, instansi_ids, unor_ids, aktif,
               demo, gagal, kunci_sampai, dibuat, sso)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, 0, NULL, ?, ?)""",
        [
            nama, peran, salt, digest, nasional, provinsi_kode, list(instansi_ids), list(unor_ids), demo,
            datetime.now(), sso,
        ],
    )  # fmt: skip
    audit(con, oleh, "pengguna_tambah", {"pengguna": nama, "peran": peran, "sso": sso is not None})


def _check_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 254 or any(c.isspace() for c in email):
        raise AuthError("Alamat SSO harus berupa alamat e-mail.")
    return email


def set_password(con: duckdb.DuckDBPyConnection, nama: str, password: str, *, oleh: str = "mesin") -> None:
    _check_password(password)
    salt, digest = hash_password(password)
    if not _exists(con, nama):
        raise AuthError(f"Pengguna {nama} tidak ada.")
    con.execute(
        "UPDATE pengguna SET garam = ?, hash = ?, gagal = 0, kunci_sampai = NULL WHERE nama = ?", [salt, digest, nama]
    )
    audit(con, oleh, "pengguna_sandi", {"pengguna": nama})


def set_active(con: duckdb.DuckDBPyConnection, nama: str, aktif: bool, *, oleh: str = "mesin") -> None:
    if not _exists(con, nama):
        raise AuthError(f"Pengguna {nama} tidak ada.")
    con.execute("UPDATE pengguna SET aktif = ? WHERE nama = ?", [aktif, nama])
    audit(con, oleh, "pengguna_aktif" if aktif else "pengguna_nonaktif", {"pengguna": nama})


def disable_demo_accounts(con: duckdb.DuckDBPyConnection, *, oleh: str) -> int:
    """Disable every demo account (done when real data is imported); returns how many."""
    n = demo_accounts_active(con)
    if n:
        con.execute("UPDATE pengguna SET aktif = FALSE WHERE demo")
        audit(con, oleh, "demo_nonaktif", {"akun": n})
    return n


def demo_accounts_active(con: duckdb.DuckDBPyConnection) -> int:
    """How many demo accounts can still sign in (all are switched off by the first real import)."""
    return con.execute("SELECT count(*) FROM pengguna WHERE demo AND aktif").fetchall()[0][0]


def sesi_berakhir(con: duckdb.DuckDBPyConnection, nama: str) -> str | None:
    """Why a session signed in as `nama` must end now, or None while it may go on: 'nonaktif' (disabled),
    'demo_nonaktif' (a demo account, when all of them are off: a real import switched them off) or
    'tidak_ada' (no such account here any more). The dashboard asks on every page run: a login is no
    licence to keep reading after the account was closed, at the writer or in a snapshot a replica attached."""
    cur = con.cursor()
    row = cur.execute("SELECT aktif, demo FROM pengguna WHERE nama = ?", [nama]).fetchall()
    if not row:
        return "tidak_ada"
    aktif, demo = row[0]
    if aktif:
        return None
    return "demo_nonaktif" if demo and not demo_accounts_active(cur) else "nonaktif"


def real_admins(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Active admin accounts that are not demo accounts (who can still sign in after an import)."""
    sql = "SELECT nama FROM pengguna WHERE peran = 'admin' AND aktif AND NOT demo ORDER BY 1"
    return [r[0] for r in con.execute(sql).fetchall()]


DEMO_OFF_WARNING = (
    "Mengimpor data nyata ke basis data ini **menonaktifkan semua akun demo** (demo-admin, demo-unit, "
    "demo-pimpinan), dan data demo sintetis tetap ada bercampur dengan data impor. Buat dulu akun admin "
    "sendiri di server: `python -m analytics user add NAMA --role admin`. Untuk data produksi, lebih baik "
    "basis data sendiri: `SMARTASN_DB=data/produksi.duckdb`."
)


def _exists(con, nama: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM pengguna WHERE nama = ?", [nama]).fetchall()[0][0])


def users(con: duckdb.DuckDBPyConnection):
    """All accounts without secrets: nama, peran, cakupan, sso, aktif, demo, gagal, kunci_sampai, dibuat."""
    return (
        con.cursor()
        .execute(
            """SELECT nama, peran, nasional, provinsi_kode, instansi_ids, unor_ids, sso, aktif, demo, gagal,
                  kunci_sampai, dibuat FROM pengguna ORDER BY nama"""
        )
        .df()
    )


def akses_of(con: duckdb.DuckDBPyConnection, nama: str) -> Akses:
    row = (
        con.cursor()
        .execute(
            "SELECT peran, nasional, provinsi_kode, instansi_ids, unor_ids FROM pengguna WHERE nama = ? AND aktif",
            [nama],
        )
        .fetchall()
    )
    if not row:
        raise AuthError(f"Pengguna {nama} tidak ada atau tidak aktif.")
    peran, nasional, prov, inst, unor = row[0]
    return Akses(
        peran=peran,
        nasional=bool(nasional),
        provinsi_kode=prov,
        instansi_ids=tuple(inst or ()),
        unor_ids=tuple(unor or ()),
        pengguna=nama,
    )


# the one refusal of a password login: wrong password, unknown name, disabled or locked account alike
DITOLAK = (
    f"Nama pengguna atau kata sandi salah. Setelah {MAKS_GAGAL} kali gagal berturut-turut, "
    f"masuk ditahan {int(KUNCI.total_seconds() // 60)} menit."
)


def login(con: duckdb.DuckDBPyConnection, nama: str, password: str, *, now: datetime | None = None) -> Akses:
    """The user's access when the password is right; AuthError otherwise, with the same message (and
    the same password-hashing work) whether the account exists, is disabled or is locked, so names
    cannot be probed. MAKS_GAGAL failures in a row lock the account for KUNCI (even the right
    password is refused then); the audit log says why."""
    now = now or datetime.now()
    cur = con.cursor()
    row = cur.execute("SELECT garam, hash, aktif, gagal, kunci_sampai FROM pengguna WHERE nama = ?", [nama]).fetchall()
    refused = AuthError(DITOLAK)
    if not row:
        hash_password(password, b"\0" * 16)  # same work as a real check: no timing hint
        audit(cur, nama, "login_gagal", {"alasan": "tidak dikenal"})
        raise refused
    salt, digest, aktif, gagal, kunci = row[0]
    ok = hmac.compare_digest(hash_password(password, bytes(salt))[1], bytes(digest))  # also when locked
    if kunci is not None and kunci > now:
        # the same answer as for a wrong password or an unknown name: a lock must not reveal the account
        audit(cur, nama, "login_gagal", {"alasan": "terkunci"})
        raise refused
    if not ok or not aktif:
        gagal += 1
        lock = now + KUNCI if gagal >= MAKS_GAGAL else None
        cur.execute(
            "UPDATE pengguna SET gagal = ?, kunci_sampai = ? WHERE nama = ?", [0 if lock else gagal, lock, nama]
        )
        audit(cur, nama, "login_gagal", {"alasan": "nonaktif" if ok else "sandi", "terkunci": lock is not None})
        raise refused
    cur.execute("UPDATE pengguna SET gagal = 0, kunci_sampai = NULL WHERE nama = ?", [nama])
    akses = akses_of(cur, nama)
    audit(cur, nama, "login", {"peran": akses.peran}, cakupan=akses.label())
    return akses


def login_sso(con: duckdb.DuckDBPyConnection, email: str | None) -> Akses:
    """The access of the active account mapped to the e-mail a single sign-on provider vouched for
    (Streamlit's OIDC login has checked the identity token); AuthError when none is."""
    cur = con.cursor()
    email = (email or "").strip().lower()
    row = cur.execute("SELECT nama FROM pengguna WHERE sso = ? AND aktif", [email]).fetchall() if email else []
    if not row:
        audit(cur, email or "(tanpa e-mail)", "login_gagal", {"alasan": "sso tidak terdaftar"})
        raise AuthError(
            "Akun SSO ini belum terdaftar di dasbor. Minta admin mendaftarkannya: "
            "python -m analytics user add NAMA --role ... --sso ALAMAT-EMAIL"
        )
    akses = akses_of(cur, row[0][0])
    audit(cur, akses.pengguna, "login", {"peran": akses.peran, "lewat": "sso"}, cakupan=akses.label())
    return akses
