"""Where: one metric per region or unit with its change from last year, the unit tree with subtree
figures, and the profile figures of one unit or region (for the Wilayah and Unit kerja pages).

Metrics: 20 JP compliance, IP ASN mean, Smart ASN readiness, or one Smart ASN trait, all read from
the same per_kelompok functions as the other pages (and therefore with their small-cell rule).
Subtree figures of the unit tree are summed from each unit's counts before small cells are blanked
(the rule: totals from unsuppressed data, then suppression of what is shown). A Smart ASN metric
carries its coverage (`cakupan`, smart.CAKUPAN) and is blank, neither coloured nor ranked, where that
is under the rules' minimum (smart.cukup): a blank value beside a known coverage reads "data kurang".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import numpy as np
import pandas as pd

from analytics import dimensions, ipasn, jp, privacy, smart
from analytics.filters import Scope
from analytics.rules import Rules


@dataclass(frozen=True)
class Metrik:
    """A measure of the maps and tables: `akumulasi` when it accumulates over the year (compared to the same
    day of the year before while the year runs), else it is as of a date (compared with the last day of the
    year before)."""

    kunci: str
    label: str
    persen: bool
    akumulasi: bool = False


METRIK: dict[str, Metrik] = {
    "jp": Metrik("jp", "% memenuhi target JP", True, akumulasi=True),
    "ipasn": Metrik("ipasn", "Rata-rata IP ASN", False),
    "smart": Metrik("smart", "% siap Smart ASN", True),
    **{f"atribut_{t}": Metrik(f"atribut_{t}", f"Skor atribut {n}", False) for t, n in smart.ATRIBUT.items()},
}
COLUMNS = ["kode", "nama", "pegawai", "nilai", "lalu", "selisih", "cakupan", "cakupan_lalu"]
_SATU = ["kode", "nama", "pegawai", "nilai", "cakupan"]


def tahun_lalu(con: duckdb.DuckDBPyConnection, tahun: int) -> dimensions.TahunLalu:
    """What year `tahun` is compared with (dimensions.tahun_lalu at the data's reference date)."""
    return dimensions.tahun_lalu(tahun, dimensions.reference_date(con))


def _hitung(con, scope: Scope, rules: Rules, by: str, metrik: str, sampai: bool = False) -> pd.DataFrame:
    """kode, nama, pegawai, nilai, cakupan for one year (NaN before a measure's first year; cakupan: a
    Smart ASN metric's coverage, NaN for the others); `sampai`: an accumulating measure counted to that
    year's day of the reference date (the like-for-like comparison of a running year)."""
    if metrik == "jp":
        if sampai:
            g = jp.per_kelompok_sd(con, scope=scope, rules=rules, by=by)
        else:
            g = jp.per_kelompok(con, scope=scope, rules=rules, by=by, median=False)
        return g.assign(nilai=g["persen_memenuhi"], cakupan=np.nan)[_SATU]
    if metrik == "ipasn":
        if scope.tahun < ipasn.first_year(rules):
            return pd.DataFrame(columns=_SATU)
        g = ipasn.per_kelompok(con, scope=scope, by=by)
        return g.assign(nilai=g["rata_ipasn"], cakupan=np.nan)[_SATU]
    g = smart.per_kelompok(con, scope=scope, by=by)
    kolom = "persen_siap" if metrik == "smart" else metrik.removeprefix("atribut_")
    cakupan = g[smart.CAKUPAN[kolom]]
    return g.assign(nilai=g[kolom].where(smart.cukup(cakupan, rules.smart_asn.min_cakupan)), cakupan=cakupan)[_SATU]


def per_kelompok(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, by: str, metrik: str = "jp"
) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai, nilai (the metric),
    lalu (its value the year before, like for like: tahun_lalu()) and selisih (the change; NaN without last
    year), and for a Smart ASN metric cakupan and cakupan_lalu (the coverage of nilai and lalu; a value whose
    coverage is under the rules' minimum is blank). Small groups are blank for non-admin roles, as on every
    page."""
    if metrik not in METRIK:
        raise ValueError(f"metrik tidak dikenal: {metrik}")
    now = _hitung(con, scope, rules, by, metrik)
    if scope.tahun - 1 < dimensions.FIRST_YEAR:
        return now.assign(lalu=np.nan, selisih=np.nan, cakupan_lalu=np.nan)[COLUMNS]
    sampai = METRIK[metrik].akumulasi and tahun_lalu(con, scope.tahun).sampai is not None
    before = _hitung(con, replace(scope, tahun=scope.tahun - 1), rules, by, metrik, sampai)
    before = before[["kode", "nilai", "cakupan"]]
    out = now.merge(before.rename(columns={"nilai": "lalu", "cakupan": "cakupan_lalu"}), on="kode", how="left")
    out["lalu"] = pd.to_numeric(out["lalu"], errors="coerce")
    out["nilai"] = pd.to_numeric(out["nilai"], errors="coerce")
    return out.assign(selisih=out["nilai"] - out["lalu"])[COLUMNS]


def peringkat(df: pd.DataFrame, kolom: str = "nilai", *, dalam: str | None = None) -> pd.Series:
    """Rank 1 = best (highest `kolom`) among all rows, or among the rows sharing `dalam` (siblings);
    blank values get no rank."""
    v = pd.to_numeric(df[kolom], errors="coerce")
    if dalam is None:
        return v.rank(ascending=False, method="min").astype("Int64")
    return v.groupby(df[dalam]).rank(ascending=False, method="min").astype("Int64")


# --- the unit tree --------------------------------------------------------------------------------

_JENIS_INSTANSI = {"pusat": "Instansi pusat", "provinsi": "Pemerintah provinsi", "kabkota": "Pemerintah kabupaten/kota"}


def _smart(metrik: str) -> bool:
    return metrik == "smart" or metrik.startswith("atribut_")


_HITUNG = ["kode", "pegawai", "atas", "bawah", "berdata"]  # berdata: NaN for a metric without coverage


def _counts(con, scope: Scope, rules: Rules, by: str, metrik: str, sampai: bool = False) -> pd.DataFrame:
    """Per group: kode, pegawai, the additive numerator/denominator of the metric and, for a Smart
    ASN metric, berdata (the employees its coverage counts) (unsuppressed: summed into subtrees before
    anything is blanked); `sampai` as in _hitung."""
    terbuka = replace(scope, akses=replace(scope.akses, peran="admin"))  # same rows; suppression comes after
    if metrik == "jp":
        if sampai:
            g = jp.per_kelompok_sd(con, scope=terbuka, rules=rules, by=by)
        else:
            g = jp.per_kelompok(con, scope=terbuka, rules=rules, by=by, median=False)
        return pd.DataFrame({"kode": g["kode"], "pegawai": g["pegawai"], "atas": g["memenuhi"], "bawah": g["pegawai"]})
    if metrik == "ipasn":
        g = ipasn.per_kelompok(con, scope=terbuka, by=by)
        return pd.DataFrame(
            {
                "kode": g["kode"],
                "pegawai": g["pegawai"],
                "atas": g["rata_ipasn"].fillna(0) * g["lengkap"],
                "bawah": g["lengkap"],
            }
        )
    g = smart.per_kelompok(con, scope=terbuka, by=by)
    if metrik == "smart":
        berdata = g["cakupan_indeks"].fillna(0) * g["pegawai"] / 100
        return pd.DataFrame(
            {"kode": g["kode"], "pegawai": g["pegawai"], "atas": g["siap"], "bawah": g["pegawai"], "berdata": berdata}
        )
    t = metrik.removeprefix("atribut_")
    n = g[f"cakupan_{t}"].fillna(0) * g["pegawai"] / 100
    return pd.DataFrame(
        {"kode": g["kode"], "pegawai": g["pegawai"], "atas": g[t].fillna(0) * n, "bawah": n, "berdata": n}
    )


def _nilai(atas: pd.Series, bawah: pd.Series, metrik: str) -> pd.Series:
    skala = 100.0 if METRIK[metrik].persen else 1.0
    return (skala * atas / bawah.where(bawah > 0)).astype(float)


def pohon(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, metrik: str = "jp") -> pd.DataFrame:
    """The unit tree of the scope: id, induk ('' at the top), nama, tingkat, pegawai (the subtree's
    employees), nilai (the subtree's metric), lalu (the year before, like for like: tahun_lalu()) and selisih.
    With an agency or a unit chosen: its units down to three levels; without: the agencies, grouped by kind
    (central, provincial, district). For non-admin roles a subtree of fewer than MIN_SEL employees is not
    shown (its staff still count in the figures of the units above it)."""
    now = _pohon(con, scope, rules, metrik)
    if scope.tahun - 1 >= dimensions.FIRST_YEAR and not (
        metrik == "ipasn" and scope.tahun - 1 < ipasn.first_year(rules)
    ):
        sampai = METRIK[metrik].akumulasi and tahun_lalu(con, scope.tahun).sampai is not None
        before = _pohon(con, replace(scope, tahun=scope.tahun - 1), rules, metrik, sampai)[["id", "nilai", "cakupan"]]
        now = now.merge(before.rename(columns={"nilai": "lalu", "cakupan": "cakupan_lalu"}), on="id", how="left")
    else:
        now["lalu"] = now["cakupan_lalu"] = np.nan
    now["selisih"] = now["nilai"] - now["lalu"]
    if scope.akses.peran != "admin":
        now = now[now["pegawai"] >= privacy.MIN_SEL]
    return now.reset_index(drop=True)


def _pohon(con, scope: Scope, rules: Rules, metrik: str, sampai: bool = False) -> pd.DataFrame:
    if metrik == "ipasn" and scope.tahun < ipasn.first_year(rules):
        raise ValueError(f"IP ASN dihitung mulai {ipasn.first_year(rules)}")
    if scope.instansi_id is None and scope.unor_id is None:
        c = _counts(con, scope, rules, "instansi", metrik, sampai).reindex(columns=_HITUNG)
        names = con.cursor().execute("SELECT id::VARCHAR AS kode, nama, jenis FROM instansi").df()
        d = c.merge(names, on="kode", how="left")
        d = d[d["pegawai"] > 0]
        grup = d.groupby("jenis", as_index=False)[["pegawai", "atas", "bawah", "berdata"]].sum()
        top = pd.DataFrame(
            {
                "id": "jenis:" + grup["jenis"],
                "induk": "",
                "nama": grup["jenis"].map(_JENIS_INSTANSI).fillna(grup["jenis"]),
                "tingkat": 0,
                "pegawai": grup["pegawai"],
                "atas": grup["atas"],
                "bawah": grup["bawah"],
                "berdata": grup["berdata"],
            }
        )
        leaf = pd.DataFrame(
            {
                "id": "instansi:" + d["kode"],
                "induk": "jenis:" + d["jenis"],
                "nama": d["nama"],
                "tingkat": 1,
                "pegawai": d["pegawai"],
                "atas": d["atas"],
                "bawah": d["bawah"],
                "berdata": d["berdata"],
            }
        )
        tree = pd.concat([top, leaf], ignore_index=True)
    else:
        c = _counts(con, scope, rules, "unor", metrik, sampai).reindex(columns=_HITUNG)
        cur = con.cursor()
        if scope.unor_id is not None:
            units = cur.execute(
                """SELECT u.id, u.induk_id, u.nama, k.jarak FROM unor_closure k JOIN unor u ON u.id = k.keturunan_id
                   WHERE k.leluhur_id = ? AND k.jarak <= 2""",
                [scope.unor_id],
            ).df()
        else:
            units = cur.execute(
                "SELECT id, induk_id, nama, tingkat - 1 AS jarak FROM unor WHERE instansi_id = ? AND tingkat <= 3",
                [scope.instansi_id],
            ).df()
        ids = units["id"].tolist()
        closure = cur.execute(
            "SELECT leluhur_id, keturunan_id FROM unor_closure WHERE list_contains(?, leluhur_id)", [ids]
        ).df()
        c["kode"] = c["kode"].astype("int64")
        sums = (
            closure.merge(c, left_on="keturunan_id", right_on="kode")
            .groupby("leluhur_id")[["pegawai", "atas", "bawah", "berdata"]]
            .sum()
        )
        d = units.merge(sums, left_on="id", right_index=True, how="inner")
        d = d[d["pegawai"] > 0]
        shown = set(d["id"])
        tree = pd.DataFrame(
            {
                "id": "unor:" + d["id"].astype(str),
                "induk": [
                    "" if (j == 0 or p not in shown) else f"unor:{int(p)}" for p, j in zip(d["induk_id"], d["jarak"])
                ],
                "nama": d["nama"],
                "tingkat": d["jarak"],
                "pegawai": d["pegawai"],
                "atas": d["atas"],
                "bawah": d["bawah"],
                "berdata": d["berdata"],
            }
        )
    tree["nilai"] = _nilai(tree["atas"], tree["bawah"], metrik)
    tree["cakupan"] = np.nan
    if _smart(metrik):  # the subtree's coverage, and no score under the minimum
        tree["cakupan"] = (100.0 * tree["berdata"] / tree["pegawai"].where(tree["pegawai"] > 0)).astype(float)
        tree["nilai"] = tree["nilai"].where(smart.cukup(tree["cakupan"], rules.smart_asn.min_cakupan))
    tree["pegawai"] = tree["pegawai"].astype("int64")
    return tree[["id", "induk", "nama", "tingkat", "pegawai", "nilai", "cakupan"]].reset_index(drop=True)


def anak_unit(df: pd.DataFrame, induk: str) -> pd.DataFrame:
    """The children of node `induk` in a pohon frame ('' = the top), ranked among themselves."""
    d = df[df["induk"] == induk].copy()
    d["peringkat"] = peringkat(d)
    return d.sort_values(["peringkat", "nama"], na_position="last")


def nama_instansi(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> str:
    """The name of the scope's agency ('' without one)."""
    if scope.instansi_id is None:
        return ""
    found = con.cursor().execute("SELECT nama FROM instansi WHERE id = ?", [scope.instansi_id]).fetchall()
    return found[0][0] if found else str(scope.instansi_id)


def batas_wilayah(con: duckdb.DuckDBPyConnection, *, scope: Scope):
    """The configured province boundary file (analytics.peta, setting SMARTASN_GEOJSON), or None."""
    from analytics import peta

    return peta.dari_pengaturan()
