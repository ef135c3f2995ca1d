"""The groups furthest behind on 20 JP, at the level a leader acts on: nationally the provinces and the
agencies; in a province or a district its agencies (every instansi with staff there); in one agency its
eselon II units (unor tingkat 2, each with the staff of its whole subtree); under a chosen unit the units
one step below it.

Who may be called "lowest" (the rule, in one place, `pilih`):
- a group needs at least SMARTASN_MIN_PERINGKAT employees (for non-admin roles at least the small-cell
  minimum too): one person moves a rate on 30 people by 3.3 points, on 10 by 10;
- its rate is below the scope's own (a group at the scope's rate, as displayed, is not behind it);
- never more than a third of the ranked groups, and never more than MAKS.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from analytics import fmt, ipasn, jp, privacy, queries, smart
from analytics.filters import Scope
from analytics.rules import Rules
from analytics.settings import load_settings

MAKS = 10
# read once per process, like privacy.MIN_SEL (a setting: policy, not regulation)
MIN_PERINGKAT = load_settings().min_peringkat
KOLOM = ["kode", "nama", "pegawai", "persen_memenuhi", "belum_memenuhi", "rata_jp", "rata_ipasn", "persen_siap"]
KOLOM += ["cakupan_indeks"]  # beside persen_siap: blank where under the rules' minimum (smart.cukup), data kurang
NAMA = {"provinsi": "Provinsi", "instansi": "Instansi"}


@dataclass(frozen=True)
class Daftar:
    """One "furthest behind" list: `data` (KOLOM, worst first; rata_ipasn only from IP ASN's first year),
    its level for headers (`tingkat`: provinsi, instansi or unor), what a group is called (`kelompok`),
    how many groups were large enough to rank (`dinilai`), the scope's own rate (`acuan`) and the size
    minimum applied. With `subpohon`, `kode` is a unit and its figures are its whole subtree's (the
    report CLI's `--unor KODE --by nasional`)."""

    tingkat: str
    kelompok: str
    data: pd.DataFrame
    dinilai: int
    acuan: float
    minimum: int
    ambang: float  # the JP target of the rules in force
    subpohon: bool = False

    @property
    def judul(self) -> str:
        return f"{self.kelompok} paling tertinggal"

    @property
    def judul_jp(self) -> str:
        return f"{self.judul} dalam {fmt.angka(self.ambang)} JP"

    @property
    def aturan(self) -> str:
        """The rule of the list in words (for the table's introduction and the slide's note)."""
        k, n = self.kelompok.lower(), fmt.angka(self.minimum)
        if self.dinilai < 3:  # a third of fewer than three is nobody
            ada = f"Hanya {fmt.angka(self.dinilai)}" if self.dinilai else "Tidak ada"
            return (
                f"{ada} {k} dengan sedikitnya {n} pegawai pada cakupan ini: terlalu sedikit untuk diperingkat "
                "(paling banyak sepertiga dari yang diperingkat disebut paling tertinggal)."
            )
        return (
            f"Dari {fmt.angka(self.dinilai)} {k} dengan sedikitnya {n} pegawai, yang kepatuhan "
            f"{fmt.angka(self.ambang)} JP-nya di bawah angka cakupan ini ({fmt.persen(self.acuan)}); paling banyak "
            f"sepertiga dari yang diperingkat dan paling banyak {MAKS}."
        )

    def tabel(self) -> tuple[list[str], list[list[str]]]:
        """(headers, one row of texts per group) as the PDF and the slides show the list; IP ASN only
        when the list has it (from its first year)."""
        cols = [
            (self.kelompok, "nama", str),
            ("Pegawai", "pegawai", fmt.angka),
            ("Memenuhi", "persen_memenuhi", fmt.persen),
            ("Belum memenuhi", "belum_memenuhi", fmt.angka),
            ("Rata JP", "rata_jp", fmt.jp),
            ("IP ASN", "rata_ipasn", fmt.indeks),
            ("Siap Smart ASN", "persen_siap", fmt.persen),
        ]
        cols = [c for c in cols if c[1] in self.data.columns]

        def teks_baris(r) -> list[str]:
            out = [teks(r[k]) for _, k, teks in cols]
            if "persen_siap" in r and fmt.kosong(r["persen_siap"]) and not fmt.kosong(r.get("cakupan_indeks")):
                out[[k for _, k, _ in cols].index("persen_siap")] = "data kurang"  # too few with an index
            return out

        rows = [teks_baris(r) for _, r in self.data.iterrows()]
        return [h for h, _, _ in cols], rows


def minimum(scope: Scope) -> int:
    """The size a group needs to be ranked for the role of `scope`."""
    return MIN_PERINGKAT if scope.akses.peran == "admin" else max(MIN_PERINGKAT, privacy.MIN_SEL)


def pilih(df: pd.DataFrame, *, acuan: float, minimum: int) -> tuple[pd.DataFrame, int]:
    """(the groups of `df` called lowest, worst first, how many were ranked): groups with at least
    `minimum` employees and a rate are ranked; of those, at most a third (and MAKS), each below `acuan`
    as displayed."""
    nilai = pd.to_numeric(df["persen_memenuhi"], errors="coerce")
    dinilai = df[(pd.to_numeric(df["pegawai"], errors="coerce") >= minimum) & nilai.notna()]
    batas = min(MAKS, len(dinilai) // 3)
    v = dinilai["persen_memenuhi"].astype(float)
    di_bawah = dinilai[(v < acuan) & (v.map(fmt.persen) != fmt.persen(acuan))]
    urut = di_bawah.sort_values(["persen_memenuhi", "pegawai"], ascending=[True, False], kind="stable")
    return urut.head(batas).reset_index(drop=True), len(dinilai)


def terlemah(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> list[Daftar]:
    """The "furthest behind" lists of `scope` for scope.tahun, one per level a leader acts on (two
    nationally, one elsewhere; none for a scope with fewer than two groups)."""
    nas = jp.per_kelompok(con, scope=scope, rules=rules, by="nasional", median=False)
    if nas.empty or fmt.kosong(nas.iloc[0]["persen_memenuhi"]):
        return []
    acuan = float(nas.iloc[0]["persen_memenuhi"])
    ip = scope.tahun >= ipasn.first_year(rules)
    out = []
    for tingkat in _tingkat(con, scope):
        if tingkat == "unor":
            units, kelompok = _unit_bawah(con, scope)
            g = _subpohon(con, scope, rules, units, ip)
        else:
            kelompok = NAMA[tingkat]
            g = _kelompok(con, scope, rules, tingkat, ip)
        if g.empty:
            continue
        lemah, dinilai = pilih(g, acuan=acuan, minimum=minimum(scope))
        data = lemah.reindex(columns=KOLOM if ip else [k for k in KOLOM if k != "rata_ipasn"])
        out.append(
            Daftar(tingkat, kelompok, data, dinilai, acuan, minimum(scope), rules.jp.ambang_tahunan, tingkat == "unor")
        )
    return out


def _tingkat(con, scope: Scope) -> list[str]:
    """The levels to rank: units below an agency or a unit (also when all the scope's staff work in one
    agency, as for an agency's operator), agencies in a region or several agencies, else provinces and
    agencies."""
    if scope.unor_id is not None or scope.instansi_id is not None or len(_instansi(con, scope)) == 1:
        return ["unor"]
    if scope.provinsi_kode or scope.kabkota_kode or not scope.akses.nasional:
        return ["instansi"]
    return ["provinsi", "instansi"]


def _instansi(con, scope: Scope) -> list[int]:
    """The agencies with staff in `scope` for its year."""
    df = queries.run_sql(
        con,
        "SELECT DISTINCT p.instansi_id FROM jp_kelompok_tahun p WHERE {where} AND p.tahun = $tahun",
        scope,
        tahun=scope.tahun,
    )
    return df["instansi_id"].tolist()


def _kelompok(con, scope: Scope, rules: Rules, by: str, ip: bool) -> pd.DataFrame:
    """One row per group at a level of the group tables (each function's own small-cell rule)."""
    g = jp.per_kelompok(con, scope=scope, rules=rules, by=by, median=False)
    g = g.assign(belum_memenuhi=g["pegawai"] - g["memenuhi"])
    if ip:
        g = g.merge(ipasn.per_kelompok(con, scope=scope, by=by)[["kode", "rata_ipasn"]], on="kode", how="left")
    return g.merge(_siap(smart.per_kelompok(con, scope=scope, by=by), rules), on="kode", how="left")


def _siap(s: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """kode, persen_siap and cakupan_indeks of smart.per_kelompok rows, readiness blank where its coverage is
    under the rules' minimum (not a score: 'data kurang')."""
    ok = smart.cukup(s["cakupan_indeks"], rules.smart_asn.min_cakupan)
    return s.assign(persen_siap=s["persen_siap"].where(ok))[["kode", "persen_siap", "cakupan_indeks"]]


def _akar(scope: Scope) -> int | None:
    """The unit whose children are ranked: the chosen unit, or the one unit an account may see."""
    if scope.unor_id is not None:
        return scope.unor_id
    a = scope.akses
    if not a.nasional and not a.provinsi_kode and not a.instansi_ids and len(a.unor_ids) == 1:
        return a.unor_ids[0]
    return None


def _unit_bawah(con, scope: Scope) -> tuple[pd.DataFrame, str]:
    """(id, nama of the units to rank, what they are called): the children of the scope's unit, or the
    eselon II units (tingkat 2) of its one agency."""
    cur = con.cursor()
    akar = _akar(scope)
    if akar is not None:
        units = cur.execute("SELECT id, nama, tingkat FROM unor WHERE induk_id = ? ORDER BY id", [akar]).df()
    else:
        inst = scope.instansi_id if scope.instansi_id is not None else _instansi(con, scope)[0]
        units = cur.execute(
            "SELECT id, nama, tingkat FROM unor WHERE instansi_id = ? AND tingkat = 2 ORDER BY id", [inst]
        ).df()
    tingkat = set(units["tingkat"])
    # tingkat 2 is the eselon II level of the unit tree (1 = the agency's top unit)
    kelompok = "Unit eselon II" if tingkat == {2} else f"Unit kerja tingkat {min(tingkat)}" if tingkat else "Unit"
    return units[["id", "nama"]], kelompok


def _subpohon(con, scope: Scope, rules: Rules, units: pd.DataFrame, ip: bool) -> pd.DataFrame:
    """One row per unit of `units` with the sums of its whole subtree (as wilayah.pohon: summed from each
    unit's unsuppressed counts, then blanked for non-admin roles by the one small-cell rule)."""
    if units.empty:
        return pd.DataFrame(columns=KOLOM)
    terbuka = replace(scope, akses=replace(scope.akses, peran="admin"))  # same rows; suppression comes after
    g = jp.per_kelompok(con, scope=terbuka, rules=rules, by="unor", median=False)
    per = pd.DataFrame({"kode": g["kode"], "pegawai": g["pegawai"], "memenuhi": g["memenuhi"]})
    per["jumlah_jp"] = g["rata_jp"] * g["pegawai"]
    if ip:
        i = ipasn.per_kelompok(con, scope=terbuka, by="unor")
        per = per.merge(
            pd.DataFrame(
                {"kode": i["kode"], "lengkap": i["lengkap"], "jumlah_ip": i["rata_ipasn"].fillna(0) * i["lengkap"]}
            ),
            on="kode",
            how="left",
        )
    s = smart.per_kelompok(con, scope=terbuka, by="unor")
    s = s.assign(pegawai_smart=s["pegawai"], n_indeks=s["cakupan_indeks"].fillna(0) * s["pegawai"] / 100)
    per = per.merge(s[["kode", "siap", "pegawai_smart", "n_indeks"]], on="kode", how="left")
    per["kode"] = per["kode"].astype("int64")
    closure = (
        con.cursor()
        .execute(
            "SELECT leluhur_id, keturunan_id FROM unor_closure WHERE list_contains(?, leluhur_id)",
            [units["id"].tolist()],
        )
        .df()
    )
    sums = closure.merge(per, left_on="keturunan_id", right_on="kode").groupby("leluhur_id").sum(numeric_only=True)
    d = units.merge(sums, left_on="id", right_index=True, how="inner")
    d = d[d["pegawai"] > 0]
    out = pd.DataFrame(
        {
            "kode": d["id"].astype(str),
            "nama": d["nama"],
            "pegawai": d["pegawai"].astype("int64"),
            "persen_memenuhi": 100.0 * d["memenuhi"] / d["pegawai"],
            "belum_memenuhi": (d["pegawai"] - d["memenuhi"]).astype("int64"),
            "rata_jp": d["jumlah_jp"] / d["pegawai"],
            "persen_siap": 100.0 * d["siap"] / d["pegawai_smart"].where(d["pegawai_smart"] > 0),
            "cakupan_indeks": 100.0 * d["n_indeks"] / d["pegawai_smart"].where(d["pegawai_smart"] > 0),
        }
    )
    out["persen_siap"] = out["persen_siap"].where(smart.cukup(out["cakupan_indeks"], rules.smart_asn.min_cakupan))
    if ip:
        out["rata_ipasn"] = d["jumlah_ip"] / d["lengkap"].where(d["lengkap"] > 0)
    return privacy.suppress_small(out.reset_index(drop=True), scope.akses)
