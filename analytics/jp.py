"""20 JP compliance: credited JP per record, per employee-year, per group, progress and trend.

Credits follow the rules file's conversion profile (analytics/rules/default.toml [jp.konversi]);
the per-employee-year table jp_pegawai_tahun is rebuilt from it after every data change, so page
queries read at most one row per employee.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import privacy, queries
from analytics.filters import Scope
from analytics.reference import JENIS_DIKLAT
from analytics.rules import Rules

STATUS = ["memenuhi", "on track", "tertinggal", "belum mulai"]
CARA = {"klaim": "JP diklaim", "batas_harian": "dibatasi per hari", "sesi": "per sesi", "tetap": "JP tetap"}


def rekaman_sql(keys: str = "pegawai") -> str:
    """jp_rekaman.sql for the employees in table `keys` (no filter for all employees)."""
    return queries.sql_text("jp_rekaman").replace("{keys_filter}", queries.keys_filter(keys, "x"))


def _pace(rules: Rules, tahun: int, ref: date) -> tuple[float, int]:
    """(JP expected by the reference date, months elapsed) for a year; full year when it is over."""
    months = ref.month if tahun == ref.year else 12
    return rules.jp.ambang_tahunan * months / 12, months


def rekaman(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row per record of the employees in scope ending in scope.tahun, with its credited JP."""
    scope.akses.require_pribadi()
    where, params = scope.where("p")
    cur = con.cursor()
    try:
        keys = "CREATE OR REPLACE TEMP TABLE _jp_keys AS SELECT pegawai_key FROM jp_pegawai_tahun p WHERE {where}"
        cur.execute(keys.replace("{where}", where) + " AND p.tahun = $tahun", {**params, "tahun": scope.tahun})
        records = "SELECT * FROM ({rekaman}) ORDER BY pegawai_key, tanggal_mulai"
        return cur.execute(
            queries.splice(records, rekaman=rekaman_sql("_jp_keys")), {"dari": scope.tahun, "sampai": scope.tahun}
        ).df()
    finally:
        cur.close()


# each employee's annual target: PNS the rules' ambang_tahunan, PPPK their own ([jp.pppk])
AMBANG = "(CASE WHEN p.jenis_pegawai = 'PPPK' THEN $ambang_pppk ELSE $ambang END)"
# on track = at least the target's share for the months elapsed ($laju = months / 12)
STATUS_SQL = f"""CASE WHEN p.jp_total >= {AMBANG} THEN 'memenuhi' WHEN p.jp_total = 0 THEN 'belum mulai'
                     WHEN p.jp_total >= {AMBANG} * $laju THEN 'on track' ELSE 'tertinggal' END"""


def _targets(rules: Rules) -> dict[str, float]:
    return {"ambang": rules.jp.ambang_tahunan, "ambang_pppk": rules.jp.pppk.ambang_tahunan}


def per_pegawai(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    rules: Rules,
    ref: date,
    status: tuple[str, ...] | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun: nip, nama, unor, jp_total, jp_10, jp_20, jp_70,
    memenuhi, kekurangan_jp, status (as of the reference date). With `status`, only those statuses,
    largest shortfall first; with `limit`, at most that many rows."""
    _, months = _pace(rules, scope.tahun, ref)
    # pick the rows on the summary alone, then fetch names for just those (a top-N stays cheap)
    order = ("kekurangan_jp DESC, pegawai_key", "s.kekurangan_jp DESC, g.nip") if status else ("pegawai_key", "g.nip")
    df = queries.run_sql(
        con,
        queries.splice(
            queries.sql_text("jp_per_pegawai"), ambang=AMBANG, status=STATUS_SQL, order=order[0], order_out=order[1]
        ),
        scope,
        tahun=scope.tahun,
        **_targets(rules),
        laju=months / 12,
        status=list(status) if status else None,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


def per_kelompok(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, by: str, median: bool = True
) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai, memenuhi, persen_memenuhi,
    rata_jp, median_jp, mix_10, mix_20, mix_70 (percentages of credited JP), unrounded: pages and
    exports round once, with analytics.fmt. An exact median per group
    is the costly part over thousands of units: median=False leaves median_jp empty."""
    median_sql = "median(p.jp_total)" if median else "NULL::DOUBLE"
    df = queries.run_sql(
        con,
        queries.splice(queries.sql_text("jp_per_kelompok"), by=by, what="20 JP", ambang=AMBANG, median=median_sql),
        scope,
        tahun=scope.tahun,
        **_targets(rules),
    )
    return privacy.suppress_small(df, scope.akses)


def kalimat_pns_pppk(g: pd.DataFrame, rules: Rules) -> str:
    """'PNS 68,2 % dari 1.234 · PPPK 55,0 % dari 567 (target PPPK 20 JP, ...)' from per_kelompok(by=
    "jenis_pegawai"): compliance is shown apart for the two, since their rules differ."""
    from analytics import fmt

    parts = []
    for kode in ("PNS", "PPPK"):
        row = g[g["kode"] == kode]
        if row.empty:
            continue
        r = row.iloc[0]
        if pd.isna(r["persen_memenuhi"]):
            parts.append(f"{kode}: kurang dari {privacy.MIN_SEL} pegawai")
        else:
            parts.append(f"{kode} {fmt.persen(r['persen_memenuhi'])} dari {fmt.angka(r['pegawai'])}")
    pppk = rules.jp.pppk
    return (
        " · ".join(parts) + f" (target PPPK {fmt.angka(pppk.ambang_tahunan)} JP; PP 49/2018: paling lama "
        f"{fmt.angka(pppk.batas_atas)} JP per tahun masa perjanjian kerja)"
    )


def status_ringkas(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per status (memenuhi, on track, tertinggal, belum mulai) with pegawai count."""
    _, months = _pace(rules, scope.tahun, ref)
    df = queries.run_sql(
        con,
        queries.splice(queries.sql_text("jp_status"), status=STATUS_SQL),
        scope,
        tahun=scope.tahun,
        **_targets(rules),
        laju=months / 12,
    )
    return pd.DataFrame({"status": STATUS}).merge(df, how="left").fillna({"pegawai": 0}).astype({"pegawai": int})


PROGRES = "SELECT count(*) AS n, {cols} FROM jp_pegawai_tahun p WHERE {where} AND p.tahun = $tahun"


def progres_bulanan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per month of scope.tahun up to the reference date: rata_kumulatif (mean credited JP
    per employee so far), persen_memenuhi (share at >= threshold so far), pace (threshold x m / 12)."""
    _, months = _pace(rules, scope.tahun, ref)
    cum = [" + ".join(f"coalesce(p.jp_b{k}, 0)" for k in range(1, m + 1)) for m in range(1, months + 1)]
    cols = ", ".join(f"avg({c}) AS r{m}, avg(({c} >= {AMBANG})::INT) AS s{m}" for m, c in enumerate(cum, start=1))
    row = queries.run_sql(con, queries.splice(PROGRES, cols=cols), scope, tahun=scope.tahun, **_targets(rules)).iloc[0]
    return pd.DataFrame(
        {
            "bulan": range(1, months + 1),
            "rata_kumulatif": [row[f"r{m}"] for m in range(1, months + 1)],
            "persen_memenuhi": [row[f"s{m}"] * 100 if row["n"] else float("nan") for m in range(1, months + 1)],
            "pace": [rules.jp.ambang_tahunan * m / 12 for m in range(1, months + 1)],
        }
    )


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> pd.DataFrame:
    """One row per year FIRST_YEAR..data year: pegawai (in post), memenuhi, persen_memenuhi, rata_jp."""
    return queries.run_sql(con, queries.splice(queries.sql_text("jp_tren"), ambang=AMBANG), scope, **_targets(rules))


def distribusi(con: duckdb.DuckDBPyConnection, *, scope: Scope, batas: int = 80) -> pd.DataFrame:
    """One row per whole JP value 0..batas (the last bin holds batas and above): pegawai count."""
    return queries.run_sql(
        con,
        """
        SELECT least(floor(p.jp_total), $batas)::INT AS jp, count(*) AS pegawai
        FROM jp_pegawai_tahun p WHERE {where} AND p.tahun = $tahun GROUP BY 1 ORDER BY 1""",
        scope,
        tahun=scope.tahun,
        batas=batas,
    )


# the data of the charts (ui.grafik): a trend, a bar per group
TREN_COLUMNS = ["tahun", "pegawai", "memenuhi", "persen_memenuhi"]
BATANG_COLUMNS = ["kode", "nama", "pegawai", "persen_memenuhi"]


def sebaran_frame(df: pd.DataFrame, batas: int) -> pd.DataFrame:
    """A distribusi frame as its chart shows it: jp_bulat (the whole JP as text, the last class
    '≥ batas'), pegawai."""
    labels = [f"≥ {batas}" if j == batas else str(j) for j in df["jp"]]
    return pd.DataFrame({"jp_bulat": labels, "pegawai": df["pegawai"].to_numpy()})


def aturan_frame(rules: Rules) -> pd.DataFrame:
    """One row per jenisDiklatId: cara, caps, fixed credit, session cap, rule group, 10:20:70 class,
    IP ASN competency slot."""
    komp = rules.ipasn.kompetensi
    slot = {
        **{j: "teknis" for j in komp.jenis_teknis},
        **{j: "seminar" for j in komp.jenis_seminar},
        **{j: "fungsional" for j in komp.jenis_fungsional},
    }
    rows = []
    for grup, rule in enumerate(rules.jp.konversi.aturan):
        for jenis in rule.jenis:
            rows.append(
                (
                    jenis,
                    rule.cara,
                    rule.jp_per_hari,
                    rule.jp,
                    rule.jp_per_sesi,
                    rule.maks_sesi_per_bulan,
                    grup,
                    rules.model_10_20_70.kelas(jenis),
                    slot.get(jenis),
                )
            )
    return pd.DataFrame(
        rows,
        columns=["jenis", "cara", "jp_per_hari", "jp_tetap", "jp_per_sesi", "maks_sesi", "grup", "kelas", "slot_ipasn"],
    )


def aturan_tabel(rules: Rules) -> pd.DataFrame:
    """aturan_frame for people: jenis_diklat_id (SIASN jenisDiklatId), jenis_diklat (its name), cara in
    words, the caps, the 10:20:70 class and the IP ASN slot."""
    df = aturan_frame(rules).rename(columns={"jenis": "jenis_diklat_id"})
    df["jenis_diklat"] = df["jenis_diklat_id"].map(lambda j: JENIS_DIKLAT[j][0] if j in JENIS_DIKLAT else None)
    df["cara"] = df["cara"].map(CARA).fillna(df["cara"])
    cols = ["jenis_diklat_id", "jenis_diklat", "cara", "jp_per_hari", "jp_tetap", "jp_per_sesi", "maks_sesi", "kelas"]
    return df[[*cols, "slot_ipasn"]]
