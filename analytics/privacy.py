"""Who may see what: roles, scopes, NIP masking and small-cell suppression.

Roles (denied by default):
  admin    – everything, including imports, user management and person-level data;
  unit     – person-level data and aggregates only inside its instansi / unor subtrees;
  pimpinan – aggregates only (national when given `nasional`), never person-level rows;
  an account mapped to no scope sees nothing.
This module sits below analytics.filters; accounts (analytics.accounts) and the audit log
(analytics.audit) build on it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from analytics.settings import load_settings

PERAN = ("admin", "unit", "pimpinan")


class Forbidden(PermissionError):
    """The user's role or scope does not allow this."""


@dataclass(frozen=True)
class Akses:
    """What one user may see. `nasional` = every employee; otherwise the union of the province,
    the agencies and the unit subtrees. `pribadi` = person-level rows allowed."""

    peran: str
    nasional: bool = False
    provinsi_kode: str | None = None
    instansi_ids: tuple[int, ...] = ()
    unor_ids: tuple[int, ...] = ()
    pengguna: str = "mesin"

    @property
    def pribadi(self) -> bool:
        return self.peran in ("admin", "unit")

    @property
    def kosong(self) -> bool:
        return not (self.nasional or self.provinsi_kode or self.instansi_ids or self.unor_ids)

    def require_pribadi(self) -> None:
        if not self.pribadi:
            raise Forbidden("Peran ini hanya melihat data agregat, bukan data per pegawai.")

    def label(self) -> str:
        if self.nasional:
            return "nasional"
        parts = []
        if self.provinsi_kode:
            parts.append(f"provinsi {self.provinsi_kode}")
        if self.instansi_ids:
            parts.append("instansi " + ",".join(map(str, self.instansi_ids)))
        if self.unor_ids:
            parts.append("unit " + ",".join(map(str, self.unor_ids)))
        return "; ".join(parts) or "tanpa cakupan"


def cakupan_nama(con: duckdb.DuckDBPyConnection, akses: Akses) -> str:
    """Akses.label() with names instead of codes and ids (for people; the audit keeps the ids)."""
    if akses.nasional or akses.kosong:
        return akses.label()
    cur = con.cursor()

    def names(sql: str, ids: list) -> str:
        found = dict(cur.execute(sql, [ids]).fetchall())
        return ", ".join(str(found.get(i, i)) for i in ids)

    parts = []
    if akses.provinsi_kode:
        prov = names("SELECT kode, nama FROM provinsi WHERE list_contains(?, kode)", [akses.provinsi_kode])
        parts.append(f"Provinsi {prov}")
    if akses.instansi_ids:
        parts.append(names("SELECT id, nama FROM instansi WHERE list_contains(?, id)", list(akses.instansi_ids)))
    if akses.unor_ids:
        parts.append(names("SELECT id, nama FROM unor WHERE list_contains(?, id)", list(akses.unor_ids)))
    return "; ".join(parts)


PENUH = Akses(peran="admin", nasional=True)  # the machine: the CLI runs as admin, asking for it by name
# denied by default: what a query sees when no access was handed to it (an aggregate-only role mapped to
# no scope), so a call that forgets the user's access shows nothing rather than everything
TANPA = Akses(peran="pimpinan", pengguna="tanpa akses")
# groups with fewer employees are suppressed in aggregates shown to non-admin roles (SMARTASN_MIN_SEL,
# read once per process: a setting, not a rule; see analytics/settings.py)
MIN_SEL = load_settings().min_sel


def mask_nip(nip: str | None) -> str | None:
    """19860926 201505 1 001 -> 19860926*******001: the birth date (1-8) and the serial (16-18) stay so an
    operator can tell colleagues apart; the appointment date (9-14) and the sex digit (15) are hidden, in
    a PNS NIP and a PPPK NI alike. A text of any other length has no known layout: hidden whole."""
    if not isinstance(nip, str):
        return nip
    if len(nip) != 18:
        return "*" * len(nip)
    return nip[:8] + "*" * 7 + nip[15:]


def protect_rows(df, akses: Akses):
    """Person-level rows for `akses`: refused for aggregate-only roles, NIPs masked for non-admins."""
    akses.require_pribadi()
    if akses.peran != "admin" and "nip" in df.columns:
        df = df.assign(nip=df["nip"].map(mask_nip))
    return df


def suppress_small(df, akses: Akses, count: str = "pegawai", *, within: str | None = None):
    """Aggregates for `akses`: for non-admin roles every figure of a group with fewer than MIN_SEL
    employees becomes empty (small-cell suppression); kode, nama and `within` stay. Complementary
    suppression: when exactly one group of a breakdown (the rows sharing `within`, or the whole frame)
    is blanked, the next smallest is blanked too, so the blanked one cannot be derived as the total
    minus the groups shown. Totals must be computed on unsuppressed data (by='nasional'), never
    summed from this frame."""
    if akses.peran == "admin" or df.empty or count not in df.columns:
        return df
    small = (df[count] < MIN_SEL).fillna(False)
    if not small.any():
        return df
    blank = small.copy()
    parts = [df.index] if within is None else df.groupby(within, sort=False).groups.values()
    for idx in parts:
        if int(small.loc[idx].sum()) == 1:
            rest = df.loc[idx][~small.loc[idx]]
            if len(rest):
                blank.loc[rest[count].idxmin()] = True
    df = df.copy()
    figures = [
        c for c in df.columns if c not in ("kode", "nama", within) and (is_numeric_dtype(df[c]) or is_bool_dtype(df[c]))
    ]
    df[figures] = df[figures].astype("float64")
    df.loc[blank, figures] = float("nan")
    return df
