"""IP ASN (Indeks Profesionalitas ASN): the four dimensions per employee and year, group
aggregates, explanations and the what-if simulator.

Points come only from the rules file ([ipasn] in analytics/rules/default.toml). The summary table
ipasn_pegawai_tahun keeps each employee-year's *inputs* (education, leadership level needed and
held, technical JP and record counts in the window, SKP rating, heaviest punishment) next to the
points, so a what-if re-scores changed inputs with the same SQL that built the table.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics import dimensions, groups, privacy, queries
from analytics.filters import Scope
from analytics.reference import ESELON
from analytics.rules import JOB_TYPES, Rules

DIMENSI = {"kualifikasi": "Kualifikasi", "kompetensi": "Kompetensi", "kinerja": "Kinerja", "disiplin": "Disiplin"}
SLOT = ("kepemimpinan", "fungsional", "teknis", "seminar")  # competency slots
KATEGORI = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
KATEGORI_KOLOM = ["sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah"]
PIM_NAMA = {2: "PIM IV", 3: "PIM III", 4: "PIM II", 5: "PIM I"}
HUKDIS_NAMA = {"R": "ringan", "S": "sedang", "B": "berat"}
INPUTS = ["pendidikan_id", "pim_perlu", "pim_punya", "jp_teknis", "n_fungsional", "n_seminar", "predikat_id", "hukdis"]


def window(rules: Rules, tahun: int) -> tuple[int, int]:
    """(first, last) year of the look-back window of measurement year `tahun`."""
    return tahun - int(rules.data["ipasn"]["jendela_tahun"]) + 1, tahun


def first_year(rules: Rules) -> int:
    """The first measurement year whose whole window lies within the JP summary."""
    return dimensions.FIRST_YEAR + int(rules.data["ipasn"]["jendela_tahun"]) - 1


def input_params(rules: Rules, tahun: int) -> dict[str, object]:
    """Bound parameters of ipasn_masukan.sql for one measurement year."""
    ip = rules.data["ipasn"]
    lat = ip["kompetensi"]["tingkat_latihan"]
    pim = ip["kompetensi"]["pim_dibutuhkan"]
    return {
        "tahun": tahun,
        "dari": window(rules, tahun)[0],
        "mundur": int(ip["kinerja"]["tahun_mundur"]),
        "lat_id": [int(k) for k in lat],
        "lat_tingkat": [int(v) for v in lat.values()],
        **{f"pim_{k}": int(pim[k]) for k in ("pengawas", "administrator", "jpt", "jpt_madya")},
        "eselon_madya": [k for k, (nama, job) in ESELON.items() if job == "jpt" and nama.startswith("I.")],
    }


def score_params(rules: Rules) -> dict[str, object]:
    """Bound parameters of the scoring SQL (points by the rules file)."""
    ip = rules.data["ipasn"]
    poin = ip["kompetensi"]["poin"]
    bands = ip["kategori"]["batas_bawah"]
    kual = ip["kualifikasi"]["nilai"]
    return {
        "jobs": list(JOB_TYPES),
        **{f"p_{slot}": [float(poin[j][slot]) for j in JOB_TYPES] for slot in SLOT},
        "ambang": float(ip["kompetensi"]["ambang_jp_teknis"]),
        "kual_id": [int(k) for k in kual],
        "kual_nilai": [float(v) for v in kual.values()],
        "kin_nilai": [float(ip["kinerja"]["nilai"][str(p)]) for p in range(1, 6)],
        **{f"dis_{k.lower()}": float(v) for k, v in ip["disiplin"]["nilai"].items()},
        **{f"b_{k}": float(bands[k]) for k in KATEGORI_KOLOM[:-1]},
    }


def score_sql(src: str) -> str:
    """SELECT over relation `src` (which has the INPUTS columns, plus anything else it carries):
    every input column kept, the points, total, lengkap and kategori added. Uses score_params."""
    cats = " ".join(f"WHEN total >= $b_{k} THEN '{n}'" for k, n in zip(KATEGORI_KOLOM[:-1], KATEGORI[:-1]))
    return f"""
    SELECT * EXCLUDE (_j),
           CASE WHEN NOT lengkap THEN NULL {cats} ELSE '{KATEGORI[-1]}' END AS kategori
    FROM (
        SELECT *, kualifikasi IS NOT NULL AND kompetensi IS NOT NULL AND kinerja IS NOT NULL AS lengkap,
               coalesce(kualifikasi, 0) + coalesce(kompetensi, 0) + coalesce(kinerja, 0) + disiplin AS total
        FROM (
            SELECT *, CASE WHEN _j IS NOT NULL THEN kepemimpinan + fungsional + teknis + seminar END AS kompetensi
            FROM (
                SELECT *,
                       $kual_nilai[list_position($kual_id, pendidikan_id)] AS kualifikasi,
                       CASE WHEN pim_perlu IS NOT NULL AND coalesce(pim_punya, 0) >= pim_perlu
                            THEN $p_kepemimpinan[_j] ELSE 0 END AS kepemimpinan,
                       CASE WHEN n_fungsional > 0 THEN $p_fungsional[_j] ELSE 0 END AS fungsional,
                       CASE WHEN jp_teknis >= $ambang THEN $p_teknis[_j] ELSE 0 END AS teknis,
                       CASE WHEN n_seminar > 0 THEN $p_seminar[_j] ELSE 0 END AS seminar,
                       $kin_nilai[predikat_id] AS kinerja,
                       CASE hukdis WHEN 'B' THEN $dis_b WHEN 'S' THEN $dis_s WHEN 'R' THEN $dis_r
                                   ELSE $dis_tanpa END AS disiplin
                FROM (SELECT *, list_position($jobs, jenis_jabatan) AS _j FROM ({src}))
            )
        )
    )"""  # noqa: S608 (src is our own SQL)


def inputs_sql(keys: str = "pegawai") -> str:
    """ipasn_masukan.sql for the employees in table `keys` (no filter for all employees)."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    sql = queries.sql_text("ipasn_masukan")
    for alias in ("x", "j", "k", "h", "p"):
        cond = "" if keys == "pegawai" else f"AND {alias}.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608
        sql = sql.replace(f"{{keys_{alias}}}", cond)
    return sql


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild the IP ASN rows of the employees in table `keys` (all by default) from the JP summary
    and the SKP, punishment and leadership-training records. Runs in the caller's transaction."""
    sql = "INSERT INTO ipasn_pegawai_tahun BY NAME " + score_sql(inputs_sql(keys))

    def insert_rows() -> None:
        for tahun in range(first_year(rules), dimensions.data_year(con) + 1):
            con.execute(sql, {**input_params(rules, tahun), **score_params(rules)})

    groups.replace_rows(con, "ipasn_pegawai_tahun", keys, insert_rows, lambda cond: refresh_groups(con, rules, cond))


# --- per employee ------------------------------------------------------------------------------

PEGAWAI_COLUMNS = ["nip", "kualifikasi", "kompetensi", "kinerja", "disiplin", "total", "kategori", "lengkap"]


def per_pegawai(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    nip: str | None = None,
    limit: int | None = None,
    explain: bool = False,
    rules: Rules | None = None,
) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun (or just the one with `nip`): nip, nama, unor,
    the inputs, the slot and dimension points, total, kategori, lengkap; lowest total first when
    `limit` is set. With explain (needs rules), one explanation column per dimension (ket_*)."""
    order = "p.total, p.pegawai_key" if limit is not None else "p.pegawai_key"
    df = queries.run_sql(
        con,
        f"""
        WITH pilih AS (
            SELECT p.* FROM ipasn_pegawai_tahun p
            WHERE {{where}} AND p.tahun = $tahun
              AND ($nip IS NULL OR p.pegawai_key IN (SELECT pegawai_key FROM pegawai WHERE nip = $nip))
            ORDER BY {order} LIMIT $limit)
        SELECT g.nip, g.nama, u.nama AS unor, j.nama AS jabatan, e.nama AS pendidikan, s.*
        FROM pilih s JOIN pegawai g USING (pegawai_key)
        LEFT JOIN unor u ON u.id = s.unor_id
        LEFT JOIN ref_jenis_jabatan j ON j.kode = s.jenis_jabatan
        LEFT JOIN ref_pendidikan e ON e.id = s.pendidikan_id
        ORDER BY {"s.total, g.nip" if limit is not None else "g.nip"}""",  # noqa: S608
        scope,
        tahun=scope.tahun,
        nip=nip,
        limit=limit if limit is not None else 2**62,
    )
    df = privacy.protect_rows(df, scope.akses)
    if explain:
        if rules is None:
            raise ValueError("explain=True memerlukan rules")
        ket = pd.DataFrame([explanation(r, rules) for r in df.to_dict("records")], index=df.index)
        df = pd.concat([df, ket.reindex(columns=[f"ket_{d}" for d in DIMENSI])], axis=1)
    return df


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def explanation(row: dict, rules: Rules) -> dict[str, str]:
    """One line per dimension saying where the points came from and where they were lost."""
    ip = rules.data["ipasn"]
    bobot = ip["bobot"]
    tahun = int(row["tahun"])
    dari, _ = window(rules, tahun)
    periode = f"{dari}–{tahun}" if dari < tahun else str(tahun)

    def have(x) -> bool:
        return x is not None and not pd.isna(x)

    if have(row["kualifikasi"]):
        pend = row.get("pendidikan") or "pendidikan"
        kual = f"Kualifikasi {_num(row['kualifikasi'])}/{_num(bobot['kualifikasi'])}: {pend}"
    else:
        kual = f"Kualifikasi –/{_num(bobot['kualifikasi'])}: pendidikan tidak tercatat"

    job = row["jenis_jabatan"]
    if job not in JOB_TYPES:
        komp = f"Kompetensi –/{_num(bobot['kompetensi'])}: jenis jabatan tidak tercatat"
    else:
        poin = ip["kompetensi"]["poin"][job]
        ambang = ip["kompetensi"]["ambang_jp_teknis"]
        parts = []
        if poin["teknis"]:
            ok = row["teknis"] > 0
            parts.append(f"teknis {_num(round(row['jp_teknis'], 1))} JP {'✓' if ok else f'✗ (butuh {_num(ambang)})'}")
        if poin["seminar"]:
            parts.append(f"seminar {'✓' if row['seminar'] > 0 else '✗'}")
        if poin["fungsional"]:
            parts.append(f"diklat fungsional {'✓' if row['fungsional'] > 0 else '✗'}")
        if poin["kepemimpinan"]:
            need = PIM_NAMA.get(int(row["pim_perlu"]), f"tingkat {row['pim_perlu']}") if have(row["pim_perlu"]) else "?"
            if row["kepemimpinan"] > 0:
                parts.append(f"kepemimpinan ✓ ({need})")
            else:
                parts.append(f"kepemimpinan ✗ ({need} dibutuhkan)")
        komp = f"Kompetensi {_num(row['kompetensi'])}/{_num(bobot['kompetensi'])}: " + ", ".join(parts)

    if have(row["kinerja"]):
        pred = {1: "Sangat Baik", 2: "Baik", 3: "Butuh Perbaikan/Cukup", 4: "Kurang", 5: "Sangat Kurang/Buruk"}
        kin = (
            f"Kinerja {_num(row['kinerja'])}/{_num(bobot['kinerja'])}: "
            f"{pred[int(row['predikat_id'])]} (SKP {int(row['skp_tahun'])})"
        )
    else:
        mundur = int(ip["kinerja"]["tahun_mundur"])
        yrs = f"{tahun - mundur}–{tahun}" if mundur else str(tahun)
        kin = f"Kinerja –/{_num(bobot['kinerja'])}: tidak ada SKP {yrs}"

    hukuman = f"hukuman {HUKDIS_NAMA[row['hukdis']]}" if have(row["hukdis"]) else "tanpa hukuman"
    dis = f"Disiplin {_num(row['disiplin'])}/{_num(bobot['disiplin'])}: {hukuman} {periode}"
    return {"ket_kualifikasi": kual, "ket_kompetensi": komp, "ket_kinerja": kin, "ket_disiplin": dis}


# --- per group ---------------------------------------------------------------------------------

GROUP_COLUMNS = ["kode", "nama", "pegawai", "lengkap", "rata_ipasn", *KATEGORI_KOLOM]
LOST = ["kualifikasi", "kepemimpinan", "fungsional", "teknis", "seminar", "kinerja", "disiplin"]
# the levels the group table serves (its filter columns)


def _group_table_sql(where: str) -> str:
    """INSERT of ipasn_kelompok_tahun rows from the employee rows matching `where` (alias p)."""
    counts = ", ".join(f"count(*) FILTER (WHERE p.kategori = '{n}')" for n in KATEGORI)
    sums = ", ".join(f"sum(p.{d}) FILTER (WHERE p.lengkap)" for d in ("total", *DIMENSI))
    lost = ", ".join(
        [
            "sum($bobot_kualifikasi - p.kualifikasi) FILTER (WHERE p.lengkap)",
            *(f"sum($p_{s}[list_position($jobs, p.jenis_jabatan)] - p.{s}) FILTER (WHERE p.lengkap)" for s in SLOT),
            "sum($bobot_kinerja - p.kinerja) FILTER (WHERE p.lengkap)",
            "sum($bobot_disiplin - p.disiplin) FILTER (WHERE p.lengkap)",
        ]
    )
    return f"""
        INSERT INTO ipasn_kelompok_tahun
        SELECT {groups.KEYS}, count(*), count(*) FILTER (WHERE p.lengkap), {counts}, {sums}, {lost},
               count(*) FILTER (WHERE p.kualifikasi IS NULL), count(*) FILTER (WHERE p.kinerja IS NULL),
               count(*) FILTER (WHERE p.kompetensi IS NULL)
        FROM ipasn_pegawai_tahun p WHERE {where} GROUP BY ALL"""  # noqa: S608 (our own SQL)


def _group_params(rules: Rules) -> dict[str, object]:
    sp = score_params(rules)
    bobot = rules.data["ipasn"]["bobot"]
    return {
        "jobs": sp["jobs"],
        **{f"p_{s}": sp[f"p_{s}"] for s in SLOT},
        **{f"bobot_{d}": float(bobot[d]) for d in ("kualifikasi", "kinerja", "disiplin")},
    }


def refresh_groups(con: duckdb.DuckDBPyConnection, rules: Rules, cond: str = "TRUE") -> None:
    """Rebuild the ipasn_kelompok_tahun rows matching `cond` (an SQL condition on its columns) from
    the employee rows matching it."""
    con.execute(f"DELETE FROM ipasn_kelompok_tahun WHERE {cond}")  # noqa: S608 (our own condition)
    con.execute(_group_table_sql(cond), _group_params(rules))


def per_kelompok(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """One row per group at level `by` (dimensions.KELOMPOK) for scope.tahun: kode, nama, pegawai, lengkap,
    persen_lengkap, rata_ipasn and the category counts (complete records only, so they add up to
    lengkap), rata_<dimension>, hilang_<dimension or slot> (mean points below the maximum), and
    tanpa_pendidikan, tanpa_skp, tanpa_jabatan (why records are incomplete)."""
    level = dimensions.level(by, dimensions.KELOMPOK, what="IP ASN")
    key, names = level.key, level.names
    mean = "sum(p.{c}) / nullif(sum(p.lengkap), 0)"  # unrounded: displays round once (analytics.fmt)
    cols = ", ".join(
        [
            "sum(p.pegawai)::BIGINT AS pegawai",
            "sum(p.lengkap)::BIGINT AS lengkap",
            mean.format(c="jumlah_total") + " AS rata_ipasn",
            *(f"sum(p.{k})::BIGINT AS {k}" for k in KATEGORI_KOLOM),
            *(mean.format(c=f"jumlah_{d}") + f" AS rata_{d}" for d in DIMENSI),
            *(mean.format(c=f"hilang_{s}") + f" AS hilang_{s}" for s in LOST),
            *(f"sum(p.{c})::BIGINT AS {c}" for c in ("tanpa_pendidikan", "tanpa_skp", "tanpa_jabatan")),
        ]
    )
    df = queries.run_sql(
        con,
        f"""
        WITH g AS (SELECT {key} AS kode, {cols} FROM ipasn_kelompok_tahun p
                   WHERE {{where}} AND p.tahun = $tahun GROUP BY 1)
        SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.* EXCLUDE (kode),
               100.0 * g.lengkap / g.pegawai AS persen_lengkap
        FROM g LEFT JOIN ({names}) n ON n.kode = g.kode ORDER BY g.kode""",  # noqa: S608
        scope,
        tahun=scope.tahun,
    )
    return privacy.suppress_small(df, scope.akses)


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row per measurement year: pegawai, lengkap, rata_ipasn and the category counts."""
    counts = ", ".join(f"sum(p.{k})::BIGINT AS {k}" for k in KATEGORI_KOLOM)
    return queries.run_sql(
        con,
        f"""SELECT p.tahun, sum(p.pegawai)::BIGINT AS pegawai, sum(p.lengkap)::BIGINT AS lengkap,
                   sum(p.jumlah_total) / nullif(sum(p.lengkap), 0) AS rata_ipasn, {counts}
            FROM ipasn_kelompok_tahun p WHERE {{where}} GROUP BY 1 ORDER BY 1""",  # noqa: S608
        scope,
    )


def kelengkapan(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """Why records are incomplete, for scope.tahun: one row per reason with pegawai count
    (an employee may lack more than one)."""
    row = per_kelompok(con, scope=scope, by="nasional")
    return alasan_tidak_lengkap(row.iloc[0] if len(row) else None)


def alasan_tidak_lengkap(row: pd.Series | None) -> pd.DataFrame:
    """The reasons-for-incompleteness table of one per_kelompok row (None: no employees)."""
    cols = ["tanpa_pendidikan", "tanpa_skp", "tanpa_jabatan"]
    return pd.DataFrame(
        {
            "alasan": ["Pendidikan tidak tercatat", "Tidak ada SKP", "Jenis jabatan tidak tercatat"],
            "pegawai": [0 if row is None else int(row[c]) for c in cols],
        }
    )


# --- what-if -----------------------------------------------------------------------------------

# what-if levers: technical JP completed, leadership gaps closed, a changed rule profile
TUAS = ("teknis", "kepemimpinan", "aturan")


def jp_kepemimpinan(con: duckdb.DuckDBPyConnection, *, rules: Rules) -> dict[int, float]:
    """Median claimed JP of a leadership-training record per level, as recorded in the data (the
    JP a closed gap would take); levels without records are absent."""
    lat = rules.data["ipasn"]["kompetensi"]["tingkat_latihan"]
    rows = (
        con.cursor()
        .execute(
            """SELECT t.tingkat, median(x.jp_klaim) FROM pengembangan x
               JOIN (SELECT unnest($id) AS id, unnest($tingkat) AS tingkat) t ON t.id = x.latihan_struktural_id
               WHERE x.jenis_diklat_id = 1 AND x.jp_klaim > 0 GROUP BY 1""",
            {"id": [int(k) for k in lat], "tingkat": [int(v) for v in lat.values()]},
        )
        .fetchall()
    )
    return {int(k): float(v) for k, v in rows}


def simulasi(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    rules: Rules,
    tuas: str,
    by: str = "nasional",
    ubah: tuple[tuple[str, object], ...] = (),
) -> pd.DataFrame:
    """Re-score the employees in scope for scope.tahun with one lever pulled (TUAS) and compare with
    the stored scores, per group at level `by`: pegawai, lengkap_awal/_baru, rata_awal, rata_baru,
    selisih, orang (employees whose inputs the lever changes; for 'aturan' those whose score or
    completeness changes), jp (JP it would take: technical JP short of the threshold, or the data's
    median JP of the leadership training each gap needs), orang_tanpa_jp (gaps at a level with no
    recorded training, so not in jp), and
    the category counts before (<kategori>_awal) and after (<kategori>_baru).
    jumlah_awal/_baru (sums of complete totals, for exact sums over groups: see total_simulasi).
    tuas='aturan' re-scores with the rules changed by `ubah` ((key, value) pairs as for
    Rules.changed), recomputing the inputs when the window or SKP look-back differs; the other
    levers keep the current rules."""
    if tuas not in TUAS:
        raise ValueError(f"tuas tidak dikenal: {tuas}")
    if tuas == "aturan" and not ubah:
        raise ValueError("tuas 'aturan' memerlukan perubahan aturan (ubah)")
    profil = rules.changed(**dict(ubah)) if tuas == "aturan" else None
    level = dimensions.level(by)
    key, names = level.key, level.names
    where, sp = scope.where("p")
    ambang = float(rules.data["ipasn"]["kompetensi"]["ambang_jp_teknis"])
    # the stored result of each employee travels along as *_awal; the inputs are changed, re-scored
    awal = (
        "p.total AS total_awal, p.lengkap AS lengkap_awal, p.kategori AS kategori_awal, "
        "p.jp_teknis AS jp_teknis_awal, p.pim_punya AS pim_punya_awal"
    )
    cur = con.cursor()
    try:
        if tuas == "aturan" and _inputs_differ(rules, profil):
            cur.execute(
                f"CREATE OR REPLACE TEMP TABLE _sim_keys AS SELECT p.pegawai_key FROM ipasn_pegawai_tahun p "  # noqa: S608
                f"WHERE {where} AND p.tahun = $tahun",
                {**sp, "tahun": scope.tahun},
            )
            src = f"""SELECT n.*, {awal} FROM ({inputs_sql("_sim_keys")}) n
                      JOIN ipasn_pegawai_tahun p ON p.pegawai_key = n.pegawai_key AND p.tahun = $tahun"""  # noqa: S608
            params = input_params(profil, scope.tahun)
        else:
            changed = {
                "jp_teknis": "greatest(p.jp_teknis, $ambang_lama)" if tuas == "teknis" else None,
                "pim_punya": "CASE WHEN p.pim_perlu IS NOT NULL THEN greatest(coalesce(p.pim_punya, 0), p.pim_perlu) "
                "ELSE p.pim_punya END::SMALLINT"
                if tuas == "kepemimpinan"
                else None,
            }
            inputs = ", ".join(f"{changed.get(c) or 'p.' + c} AS {c}" for c in INPUTS)
            cols = "p.pegawai_key, p.tahun, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode, "
            cols += "p.jenis_jabatan, p.jenis_pegawai, p.jenis_kelamin, p.golongan_id, p.skp_tahun"
            src = f"SELECT {cols}, {inputs}, {awal} FROM ipasn_pegawai_tahun p WHERE {where} AND p.tahun = $tahun"  # noqa: S608
            params = {**sp, "tahun": scope.tahun}
        jp_pim = jp_kepemimpinan(cur, rules=rules)
        counts = ", ".join(
            f"count(*) FILTER (WHERE p.kategori_awal = '{n}') AS {k}_awal, "
            f"count(*) FILTER (WHERE p.kategori = '{n}') AS {k}_baru"
            for k, n in zip(KATEGORI_KOLOM, KATEGORI)
        )
        gap = "p.pim_perlu IS NOT NULL AND coalesce(p.pim_punya_awal, 0) < p.pim_perlu"
        who = {
            "teknis": "p.jp_teknis_awal < $ambang_lama",
            "kepemimpinan": gap,
            "aturan": "p.total_awal <> p.total OR p.lengkap_awal <> p.lengkap",
        }[tuas]
        need = {
            "teknis": "greatest($ambang_lama - p.jp_teknis_awal, 0)",
            "kepemimpinan": f"CASE WHEN {gap} THEN $jp_pim[list_position($jp_pim_tingkat, p.pim_perlu)] ELSE 0 END",
            "aturan": "0",
        }[tuas]
        if tuas == "teknis":
            params["ambang_lama"] = ambang
        if tuas == "kepemimpinan":
            params |= {"jp_pim": list(jp_pim.values()) or [0.0], "jp_pim_tingkat": list(jp_pim) or [0]}
        df = cur.execute(
            f"""
            WITH g AS (
                SELECT {key} AS kode, count(*) AS pegawai,
                       count(*) FILTER (WHERE p.lengkap_awal) AS lengkap_awal,
                       count(*) FILTER (WHERE p.lengkap) AS lengkap_baru,
                       avg(p.total_awal) FILTER (WHERE p.lengkap_awal) AS rata_awal,
                       avg(p.total) FILTER (WHERE p.lengkap) AS rata_baru,
                       coalesce(sum(p.total_awal) FILTER (WHERE p.lengkap_awal), 0) AS jumlah_awal,
                       coalesce(sum(p.total) FILTER (WHERE p.lengkap), 0) AS jumlah_baru,
                       count(*) FILTER (WHERE {who}) AS orang, sum({need}) AS jp,
                       count(*) FILTER (WHERE ({who}) AND ({need}) IS NULL) AS orang_tanpa_jp, {counts}
                FROM ({score_sql(src)}) p
                GROUP BY 1)
            SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.pegawai, g.lengkap_awal, g.lengkap_baru,
                   round(g.rata_awal, 2) AS rata_awal, round(g.rata_baru, 2) AS rata_baru,
                   round(g.rata_baru - g.rata_awal, 2) AS selisih, g.orang, round(g.jp, 1) AS jp,
                   g.* EXCLUDE (kode, pegawai, lengkap_awal, lengkap_baru, rata_awal, rata_baru, orang, jp)
            FROM g LEFT JOIN ({names}) n ON n.kode = g.kode ORDER BY g.kode""",  # noqa: S608
            {**params, **score_params(profil or rules)},
        ).df()
        return privacy.suppress_small(_persen_tinggi(df), scope.akses)
    finally:
        cur.execute("DROP TABLE IF EXISTS _sim_keys")
        cur.close()


def total_simulasi(df: pd.DataFrame) -> pd.Series:
    """The groups of one simulasi frame summed into one row (means from the exact sums)."""
    t = df.drop(columns=["kode", "nama", "rata_awal", "rata_baru", "selisih", *TINGGI]).sum()
    t["rata_awal"] = round(t["jumlah_awal"] / t["lengkap_awal"], 2) if t["lengkap_awal"] else float("nan")
    t["rata_baru"] = round(t["jumlah_baru"] / t["lengkap_baru"], 2) if t["lengkap_baru"] else float("nan")
    t["selisih"] = round(t["rata_baru"] - t["rata_awal"], 2)
    for s in ("awal", "baru"):
        n, lengkap = t[f"sangat_tinggi_{s}"] + t[f"tinggi_{s}"], t[f"lengkap_{s}"]
        t[f"persen_tinggi_{s}"] = 100.0 * n / lengkap if lengkap else float("nan")
    return t


TINGGI = ["persen_tinggi_awal", "persen_tinggi_baru"]  # Tinggi or Sangat Tinggi, % of complete records


def _persen_tinggi(df: pd.DataFrame) -> pd.DataFrame:
    for s in ("awal", "baru"):
        lengkap = df[f"lengkap_{s}"]
        df[f"persen_tinggi_{s}"] = 100.0 * (df[f"sangat_tinggi_{s}"] + df[f"tinggi_{s}"]) / lengkap.where(lengkap > 0)
    return df


def _inputs_differ(a: Rules, b: Rules) -> bool:
    """Whether two rule sets derive different inputs (window, SKP look-back, leadership levels)."""
    pa, pb = input_params(a, 2000), input_params(b, 2000)
    return pa != pb
