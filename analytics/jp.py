"""20 JP compliance: credited JP per record, per employee-year, per group, progress and trend.

Credits follow the rules file's conversion profile (analytics/rules/default.toml [jp.konversi]);
the per-employee-year table jp_pegawai_tahun and its additive group table jp_kelompok_tahun are
rebuilt from it after every data change. Statuses, groups, the trend and the monthly progress are
sums of the group table (a few hundred thousand rows a year nationally); only lists of employees,
medians and the distribution read the per-employee table.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import db, dimensions, privacy, queries
from analytics.filters import Scope
from analytics.reference import JENIS_DIKLAT
from analytics.rules import Rules

STATUS = ["memenuhi", "on track", "tertinggal", "belum mulai"]
CARA = {"klaim": "JP diklaim", "batas_harian": "dibatasi per hari", "sesi": "per sesi", "tetap": "JP tetap"}


def rekaman_sql(keys: str = "pegawai") -> str:
    """jp_rekaman.sql for the employees in table `keys` (no filter for all employees)."""
    return queries.splice(queries.sql_text("jp_rekaman"), keys_filter=queries.keys_filter(keys, "x"))


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
        cur.execute(queries.splice(keys, where=where) + " AND p.tahun = $tahun", {**params, "tahun": scope.tahun})
        records = "SELECT * FROM ({rekaman}) ORDER BY pegawai_key, tanggal_mulai"
        return cur.execute(
            queries.splice(records, rekaman=rekaman_sql("_jp_keys")),
            {"dari": scope.tahun, "sampai": scope.tahun, "per": dimensions.reference_date(con)},
        ).df()
    finally:
        cur.close()


# each employee's annual target: PNS the rules' ambang_tahunan, PPPK their own ([jp.pppk])
AMBANG = "(CASE WHEN p.jenis_pegawai = 'PPPK' THEN $ambang_pppk ELSE $ambang END)"
# on track = at least the target's share for the months elapsed ($laju = months / 12)
STATUS_SQL = f"""CASE WHEN p.jp_total >= {AMBANG} THEN 'memenuhi' WHEN p.jp_total = 0 THEN 'belum mulai'
                     WHEN p.jp_total >= {AMBANG} * $laju THEN 'on track' ELSE 'tertinggal' END"""
# the pace after m months ($laju above): the group table counts employees at target x LAJU[m-1]
LAJU = [m / 12 for m in range(1, 13)]
# every level, sex and golongan included: the JP group table keeps both columns
LEVELS = [*dimensions.KELOMPOK, "jenis_kelamin", "golongan"]


def targets(rules: Rules) -> dict[str, float]:
    return {"ambang": rules.jp.ambang_tahunan, "ambang_pppk": rules.jp.pppk.ambang_tahunan}


def target_label(rules: Rules) -> str:
    """The targets as the build records them (meta 'jp_target'): the group table's counts hold for these."""
    t = targets(rules)
    return f"PNS {t['ambang']:g} JP, PPPK {t['ambang_pppk']:g} JP"


def _cek_target(con: duckdb.DuckDBPyConnection, rules: Rules) -> None:
    """The group table counts employees at *the build's* targets: asked with other targets (a changed
    rules file not yet rebuilt), refuse rather than answer for the old ones."""
    built = db.get_meta(con).get("jp_target")
    if built is not None and built != target_label(rules):
        raise ValueError(
            f"Ringkasan 20 JP dibangun dengan target {built}, bukan {target_label(rules)}: bangun ulang ringkasan "
            "(analytics.build.ensure_current) dengan aturan ini dulu."
        )


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
        **targets(rules),
        laju=LAJU[months - 1],
        status=list(status) if status else None,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


GROUP_COLUMNS = ["kode", "nama", "pegawai", "memenuhi", "pegawai_rekap", "persen_memenuhi", "rata_jp", "median_jp"]
GROUP_COLUMNS += ["mix_10", "mix_20", "mix_70", "dikecualikan", "dikreditkan"]
# the median of each group from value counts (the value at rank r is the smallest with more than r at or
# below it; for an even count the mean of the two middle values, as DuckDB's median)
MEDIAN = """WITH v AS (SELECT {key} AS kode, p.jp_total AS x, {hitung} AS c
                      FROM {table_sebaran} p WHERE {where} AND p.tahun = $tahun {dihitung} GROUP BY 1, 2),
            k AS (SELECT kode, x, sum(c) OVER (PARTITION BY kode ORDER BY x ROWS UNBOUNDED PRECEDING) AS kum,
                         sum(c) OVER (PARTITION BY kode) AS n FROM v)
            SELECT kode, (min(x) FILTER (WHERE kum > (n - 1) // 2) + min(x) FILTER (WHERE kum > n // 2)) / 2
                   AS median_jp
            FROM k GROUP BY kode"""
# the levels and filters jp_sebaran_tahun keeps
SEBARAN_LEVELS = ("nasional", "provinsi", "jenis_jabatan", "jenis_pegawai")


def _sebaran(scope: Scope, by: str = "nasional") -> dict[str, str]:
    """The value-count source for `scope` grouped `by`: jp_sebaran_tahun when it keeps that level and
    every filter of the scope, else the employees' rows in the 20 JP denominator (one column, fast once
    filtered)."""
    if (
        by in SEBARAN_LEVELS
        and scope.akses.nasional
        and scope.instansi_id is None
        and scope.kabkota_kode is None
        and scope.unor_id is None
    ):
        return {"table_sebaran": "jp_sebaran_tahun", "hitung": "sum(p.pegawai)", "dihitung": ""}
    return {"table_sebaran": "jp_pegawai_tahun", "hitung": "count(*)", "dihitung": "AND p.dihitung"}


def per_kelompok(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, by: str, median: bool = True
) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai (in the 20 JP denominator),
    memenuhi, pegawai_rekap, persen_memenuhi, rata_jp, median_jp, mix_10, mix_20, mix_70 (percentages of
    credited JP), dikecualikan (in post but out of the denominator by their status), dikreditkan (credited
    for their status, counted; rules [jp.kedudukan]); groups with nobody in the denominator left out; unrounded:
    pages and exports round once, with analytics.fmt. Sums of the group table; the median is exact,
    from value counts (jp_sebaran_tahun when it keeps the level and the filters, else the employees'
    rows), and median=False leaves median_jp empty."""
    _cek_target(con, rules)
    total = "nullif(g.jumlah_10 + g.jumlah_20 + g.jumlah_70, 0)"
    df = queries.per_group(
        con,
        scope=scope,
        by=by,
        table="jp_kelompok_tahun",
        cols=", ".join(
            f"sum(p.{c})::{'DOUBLE' if c.startswith('jumlah') else 'BIGINT'} AS {c}"
            for c in (
                "pegawai",
                "memenuhi",
                "pegawai_rekap",
                "jumlah_jp",
                "jumlah_10",
                "jumlah_20",
                "jumlah_70",
                "dikecualikan",
                "dikreditkan",
            )  # fmt: skip
        ),
        what="20 JP",
        extra=", 100.0 * g.memenuhi / g.pegawai AS persen_memenuhi, g.jumlah_jp / g.pegawai AS rata_jp"
        + "".join(f", 100.0 * g.jumlah_{k} / {total} AS mix_{k}" for k in ("10", "20", "70")),
        levels=LEVELS,
    )
    df = df[df["pegawai"] > 0].reset_index(drop=True)  # a group whose staff all left the denominator
    if median and len(df):
        med = queries.run_sql(
            con, queries.splice(MEDIAN, by=by, levels=LEVELS, **_sebaran(scope, by)), scope, tahun=scope.tahun
        )
        df = df.merge(med, on="kode", how="left")
    else:
        df["median_jp"] = float("nan")
    return privacy.suppress_small(df[GROUP_COLUMNS], scope.akses)


SD_COLUMNS = ["kode", "nama", "pegawai", "memenuhi", "persen_memenuhi", "rata_jp"]


def per_kelompok_sd(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, by: str) -> pd.DataFrame:
    """per_kelompok's kode, nama, pegawai, memenuhi, persen_memenuhi and rata_jp for scope.tahun counted to
    that year's day of the reference date (the group table's _sd columns: the running year's like-for-like
    comparison; the whole year when the reference date is 31 Dec), small groups blank as everywhere."""
    _cek_target(con, rules)
    df = queries.per_group(
        con,
        scope=scope,
        by=by,
        table="jp_kelompok_tahun",
        cols="sum(p.pegawai_sd)::BIGINT AS pegawai, sum(p.memenuhi_sd)::BIGINT AS memenuhi, "
        "sum(p.jumlah_sd)::DOUBLE AS jumlah_jp",
        what="20 JP",
        extra=", 100.0 * g.memenuhi / g.pegawai AS persen_memenuhi, g.jumlah_jp / g.pegawai AS rata_jp",
        levels=LEVELS,
    )
    return privacy.suppress_small(df.loc[df["pegawai"] > 0, SD_COLUMNS].reset_index(drop=True), scope.akses)


KEDUDUKAN_SQL = """SELECT p.kedudukan_kode AS kode, p.dihitung, count(*)::BIGINT AS pegawai
                   FROM jp_pegawai_tahun p
                   WHERE {where} AND p.tahun = $tahun AND p.kedudukan_kode IS NOT NULL GROUP BY ALL"""


def kedudukan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> pd.DataFrame:
    """One row per status the rules treat apart ([jp.kedudukan]) among the employees in scope in post in
    scope.tahun: kode (SIASN kedudukanHukum id), nama, perlakuan ('dikecualikan': out of the 20 JP
    denominator; 'dikreditkan': credited per semester), pegawai; most employees first. Small groups blank for
    non-admin roles (a status is a fact about people)."""
    from analytics.reference import KEDUDUKAN

    df = queries.run_sql(con, KEDUDUKAN_SQL, scope, tahun=scope.tahun)
    df = pd.DataFrame(
        {
            "kode": df["kode"],
            "nama": df["kode"].map(KEDUDUKAN).fillna(df["kode"]),
            "perlakuan": df["dihitung"].map({True: "dikreditkan", False: "dikecualikan"}),
            "pegawai": df["pegawai"],
        }
    ).sort_values(["pegawai", "kode"], ascending=[False, True], ignore_index=True)
    return privacy.suppress_small(df, scope.akses, within="perlakuan")


def kalimat_kedudukan(df: pd.DataFrame, nas: pd.Series, rules: Rules) -> str:
    """Who the 20 JP leaves out or credits, in words, from kedudukan() and the scope's per_kelompok row `nas`
    (its dikecualikan and dikreditkan: the totals, counted before any group is blanked): '25 pegawai tidak
    dihitung dalam 20 JP karena kedudukannya tidak dalam dinas aktif (CLTN 20, Pemberhentian Sementara
    < 10); 47 pegawai tugas belajar dikreditkan 20 JP per semester yang sudah dimulai'."""
    from analytics import fmt

    def rincian(perlakuan: str) -> str:
        d = df[df["perlakuan"] == perlakuan]
        bagian = [
            f"{r.nama} {'< ' + fmt.angka(privacy.MIN_SEL) if fmt.kosong(r.pegawai) else fmt.angka(r.pegawai)}"
            for r in d.itertuples()
        ]
        return f" ({', '.join(bagian)})" if bagian else ""

    ambang, parts = fmt.angka(rules.jp.ambang_tahunan), []
    if nas["dikecualikan"]:
        parts.append(
            f"{fmt.angka(nas['dikecualikan'])} pegawai tidak dihitung dalam {ambang} JP karena kedudukannya "
            f"tidak dalam dinas aktif{rincian('dikecualikan')}"
        )
    if nas["dikreditkan"]:
        parts.append(
            f"{fmt.angka(nas['dikreditkan'])} pegawai dikreditkan {fmt.angka(rules.jp.kedudukan.jp_per_semester)} "
            f"JP per semester yang sudah dimulai karena kedudukannya{rincian('dikreditkan')}"
        )
    return "; ".join(parts)


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


STATUS_GROUP = """SELECT sum(p.pegawai)::BIGINT AS n, sum(p.memenuhi)::BIGINT AS memenuhi,
                         sum(p.belum_mulai)::BIGINT AS belum_mulai, sum(p.{laju})::BIGINT AS laju
                  FROM jp_kelompok_tahun p WHERE {where} AND p.tahun = $tahun"""


def status_ringkas(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per status (memenuhi, on track, tertinggal, belum mulai) with pegawai count: on track
    = at or above the target's share for the months elapsed (every one of them by December) but not
    at the target; tertinggal = the rest of those who started."""
    _cek_target(con, rules)
    _, months = _pace(rules, scope.tahun, ref)
    r = queries.run_sql(con, queries.splice(STATUS_GROUP, laju=f"laju_{months}"), scope, tahun=scope.tahun).iloc[0]
    n, memenuhi, belum, laju = (0 if pd.isna(r[c]) else int(r[c]) for c in ("n", "memenuhi", "belum_mulai", "laju"))
    on_track = laju - memenuhi
    return pd.DataFrame({"status": STATUS, "pegawai": [memenuhi, on_track, n - memenuhi - on_track - belum, belum]})


PROGRES = """SELECT sum(p.pegawai)::BIGINT AS n, {cols}
             FROM jp_kelompok_tahun p WHERE {where} AND p.tahun = $tahun"""


def progres_bulanan(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, ref: date) -> pd.DataFrame:
    """One row per month of scope.tahun up to the reference date: rata_kumulatif (mean credited JP
    per employee so far), persen_memenuhi (share at their target so far), pace (threshold x m / 12)."""
    _cek_target(con, rules)
    _, months = _pace(rules, scope.tahun, ref)
    cols = ", ".join(
        f"coalesce(sum(p.bulan_{m}), 0) AS b{m}, sum(p.capai_{m})::BIGINT AS c{m}" for m in range(1, months + 1)
    )
    row = queries.run_sql(con, queries.splice(PROGRES, cols=cols), scope, tahun=scope.tahun).iloc[0]
    n = 0 if pd.isna(row["n"]) else int(row["n"])
    kumulatif = pd.Series([row[f"b{m}"] for m in range(1, months + 1)], dtype=float).cumsum()
    return pd.DataFrame(
        {
            "bulan": range(1, months + 1),
            "rata_kumulatif": (kumulatif / n).to_numpy() if n else float("nan"),
            "persen_memenuhi": [100.0 * row[f"c{m}"] / n if n else float("nan") for m in range(1, months + 1)],
            "pace": [rules.jp.ambang_tahunan * m / 12 for m in range(1, months + 1)],
        }
    )


TREN = """SELECT p.tahun, sum(p.pegawai)::BIGINT AS pegawai, sum(p.memenuhi)::BIGINT AS memenuhi,
                 100.0 * sum(p.memenuhi) / nullif(sum(p.pegawai), 0) AS persen_memenuhi,
                 sum(p.jumlah_jp) / nullif(sum(p.pegawai), 0) AS rata_jp,
                 sum(p.pegawai_sd)::BIGINT AS pegawai_sd, sum(p.memenuhi_sd)::BIGINT AS memenuhi_sd,
                 100.0 * sum(p.memenuhi_sd) / nullif(sum(p.pegawai_sd), 0) AS persen_memenuhi_sd,
                 sum(p.jumlah_sd) / nullif(sum(p.pegawai_sd), 0) AS rata_jp_sd,
                 sum(p.dikecualikan)::BIGINT AS dikecualikan
          FROM jp_kelompok_tahun p WHERE {where} GROUP BY 1 ORDER BY 1"""


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> pd.DataFrame:
    """One row per year FIRST_YEAR..data year: pegawai (in the 20 JP denominator), memenuhi,
    persen_memenuhi, rata_jp; the same to the reference date's day of each year (pegawai_sd, memenuhi_sd,
    persen_memenuhi_sd, rata_jp_sd: the running year's like-for-like comparison; whole years when the
    reference date is 31 Dec); dikecualikan (in post, out of the denominator by their status)."""
    _cek_target(con, rules)
    return queries.run_sql(con, TREN, scope)


def distribusi(con: duckdb.DuckDBPyConnection, *, scope: Scope, batas: int = 80) -> pd.DataFrame:
    """One row per whole JP value 0..batas (the last bin holds batas and above): pegawai count."""
    sql = """SELECT least(floor(p.jp_total), $batas)::INT AS jp, {hitung}::BIGINT AS pegawai
             FROM {table_sebaran} p WHERE {where} AND p.tahun = $tahun {dihitung} GROUP BY 1 ORDER BY 1"""
    return queries.run_sql(con, queries.splice(sql, **_sebaran(scope)), scope, tahun=scope.tahun, batas=batas)


# the data of the charts (ui.grafik): a trend, a bar per group
TREN_COLUMNS = ["tahun", "pegawai", "memenuhi", "persen_memenuhi", "persen_memenuhi_sd"]
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
