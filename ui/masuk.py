"""Login (password form and single sign-on), the session timeout, the user box and admin-only pages."""

from __future__ import annotations

import time

import streamlit as st

from analytics import accounts, audit, fmt, privacy
from analytics.settings import load_settings
from ui.sesi import _cakupan_nama, _versi, connection


def akses() -> privacy.Akses:
    """The signed-in user's access (login_gate has run in app.py)."""
    return st.session_state["akses"]


def _demo_accounts_active() -> bool:
    return bool(accounts.demo_accounts_active(connection().cursor()))


def sso_configured() -> bool:
    """Single sign-on is offered when secrets.toml has an [auth] section (Streamlit's OIDC login)."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # noqa: BLE001 - an unreadable secrets file means no SSO, and the password form stays
        return False


def _sign_in(user: privacy.Akses, *, sso: bool) -> None:
    st.session_state["akses"] = user
    st.session_state["aktif"] = time.time()
    st.session_state["lewat_sso"] = sso
    st.session_state.pop("sso_jeda", None)
    st.rerun()


def _sso_login() -> None:
    """Map the identity the OIDC provider vouched for (st.user) to a dashboard account. After a
    timeout the identity cookie is still there, so the user must click again (sso_jeda)."""
    if not (st.user.is_logged_in and not st.session_state.get("sso_jeda")):
        return
    email = st.user.get("email") if st.user.get("email_verified", True) is not False else None
    try:
        user = accounts.login_sso(connection(), email)
    except accounts.AuthError as exc:
        st.error(str(exc))
        if st.button("Keluar dari SSO", key="sso_keluar"):
            st.logout()
        st.stop()
    _sign_in(user, sso=True)


# why a session ended, as the login form then says it: idleness, or accounts.sesi_berakhir's reasons
SESI_HABIS = {
    "waktu_habis": "Sesi berakhir karena lama tidak aktif. Silakan masuk lagi.",
    "nonaktif": (
        "Sesi diakhiri karena akun ini telah dinonaktifkan. Hubungi admin Biro SDM bila masih memerlukan akses."
    ),
    "demo_nonaktif": (
        "Sesi diakhiri karena akun demo telah dinonaktifkan (data nyata sudah diimpor). Masuk dengan akun Anda "
        "sendiri; admin membuatnya dengan `python -m analytics user add`."
    ),
    "tidak_ada": "Sesi diakhiri karena akun ini tidak ada lagi di dasbor. Hubungi admin Biro SDM.",
}


def _alasan_akhir(user: privacy.Akses, now: float) -> str | None:
    """Why the signed-in session ends on this run, or None: SMARTASN_SESI_MENIT idle minutes, or its
    account re-read on every run (disabled, a demo account switched off by an import, gone)."""
    if now - st.session_state.get("aktif", now) > load_settings().session_minutes * 60:
        return "waktu_habis"
    return accounts.sesi_berakhir(connection(), user.pengguna)


def _akhiri_sesi(user: privacy.Akses, alasan: str) -> None:
    audit.record(connection().cursor(), user.pengguna, "sesi_habis", {"alasan": alasan})
    del st.session_state["akses"]
    st.session_state["sesi_habis"] = alasan
    if st.session_state.get("lewat_sso"):  # the provider's cookie would sign the user straight in again
        st.session_state["sso_jeda"] = True


def login_gate(pages: list) -> privacy.Akses:
    """The signed-in user's access. Without one (or once the session ended: idle, or its account
    closed) shows the login form (and the single sign-on button when configured) and stops the run: no
    data before login. `pages` are registered (hidden, not run) so a deep link still opens its page
    after the login."""
    now = time.time()
    current = st.session_state.get("akses")
    if current is not None and (alasan := _alasan_akhir(current, now)):
        _akhiri_sesi(current, alasan)
        current = None
    if current is not None:
        st.session_state["aktif"] = now
        return current
    st.navigation(pages, position="hidden")
    st.title("Dasbor Kesiapan Smart ASN")
    if alasan := st.session_state.pop("sesi_habis", None):
        (st.info if alasan == "waktu_habis" else st.warning)(SESI_HABIS[alasan])
    if sso_configured():
        _sso_login()
        if st.button("Masuk dengan SSO instansi", type="primary", key="sso_masuk"):
            st.session_state.pop("sso_jeda", None)
            if st.user.is_logged_in:
                st.rerun()
            st.login(load_settings().sso_provider or None)
        st.caption("atau dengan akun dasbor:")
    with st.form("login"):
        nama = st.text_input("Nama pengguna", key="login_nama", max_chars=64)
        sandi = st.text_input("Kata sandi", type="password", key="login_sandi", max_chars=256)
        masuk = st.form_submit_button("Masuk", type="primary")
    if _demo_accounts_active():
        from analytics.demo import DEMO_PASSWORD

        st.info(
            "Basis data ini berisi **data demo sintetis**. Masuk sebagai `demo-admin` (semua), `demo-unit` "
            f"(satu instansi, data per pegawai) atau `demo-pimpinan` (agregat nasional) dengan kata sandi "
            f"`{DEMO_PASSWORD}`. Akun demo nonaktif begitu data nyata diimpor."
        )
    if masuk:
        try:
            user = accounts.login(connection(), nama.strip(), sandi)
        except accounts.AuthError as exc:
            time.sleep(1)  # slows guessing; the account locks after repeated failures
            st.error(str(exc))
        else:
            _sign_in(user, sso=False)
    st.stop()


def user_box(user: privacy.Akses) -> None:
    """Who is signed in, their role and scope, and the logout button (sidebar; with SSO it also ends
    the provider's identity cookie, else the next run would sign the user in again)."""
    with st.sidebar:
        st.caption(
            f"Masuk sebagai **{fmt.md(user.pengguna)}** · {user.peran} · {fmt.md(_cakupan_nama(user, _versi()))}"
        )
        if st.button("Keluar", key="keluar"):
            audit.record(connection().cursor(), user.pengguna, "logout", {})
            sso = st.session_state.get("lewat_sso")
            for k in ("akses", "aktif", "scope", "lewat_sso"):
                st.session_state.pop(k, None)
            if sso:
                st.logout()
            st.rerun()


def require_admin() -> None:
    """Stop a page that only admins may see (the navigation hides it too)."""
    if akses().peran != "admin":
        st.error("Halaman ini hanya untuk admin (Biro SDM).")
        st.stop()
