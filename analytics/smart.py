"""Smart ASN: eight traits per employee and year from the rubric in the rules file, the readiness
index and flag, group aggregates and progress against the target.

No official indicators exist (RULES.md §6): the rubric ([smart_asn.rubrik]) and the scales
([smart_asn.skala], [smart_asn.cefr]) are our documented assumptions. Missing data is never a
zero: a trait with no indicator for a person is NULL ("tidak ada data"), and every figure comes
with its coverage.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pandas as pd

from analytics import dimensions, groups, privacy, queries
from analytics.filters import Scope
from analytics.rules import Rules

ATRIBUT = {
    "integritas": "Integritas",
    "nasionalisme": "Nasionalisme",
    "profesionalisme": "Profesionalisme",
    "wawasan_global": "Wawasan global",
    "it_bahasa": "IT & bahasa asing",
    "hospitality": "Hospitality",
    "networking": "Networking",
    "entrepreneurship": "Entrepreneurship",
}
INDIKATOR = {
    "disiplin": "Riwayat hukuman disiplin (jendela)",
    "akuntabel": "Perilaku Akuntabel (SKP BerAKHLAK)",
    "loyal": "Perilaku Loyal (SKP BerAKHLAK)",
    "kompeten": "Perilaku Kompeten (SKP BerAKHLAK)",
    "pelayanan": "Perilaku Berorientasi Pelayanan (SKP BerAKHLAK)",
    "kolaboratif": "Perilaku Kolaboratif (SKP BerAKHLAK)",
    "adaptif": "Perilaku Adaptif (SKP BerAKHLAK)",
    "harmonis": "Perilaku Harmonis (SKP BerAKHLAK)",
    "latsar_pim": "Latsar / pelatihan kepemimpinan",
    "ip_asn": "IP ASN (data lengkap)",
    "internasional": "Kegiatan pengembangan internasional (jendela)",
    "bahasa": "Tingkat CEFR tes bahasa asing yang masih berlaku",
    "tik": "Asesmen kompetensi digital atau sertifikat TIK (jendela)",
    "ikm": "Indeks Kepuasan Masyarakat unit",
    "sosial": "Belajar sosial: coaching, mentoring, CoP, detasering, benchmarking, pertukaran",
    "inovasi": "Inovasi (status terbaik dalam jendela)",
}
CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]
# the importer's test names -> the bands in [smart_asn.cefr]
TES = {"TOEFL ITP": "toefl_itp", "TOEFL iBT": "toefl_ibt", "IELTS": "ielts", "TOEIC": "toeic"}


def window(rules: Rules, tahun: int) -> tuple[int, int]:
    return tahun - int(rules.data["smart_asn"]["jendela_tahun"]) + 1, tahun


def _bands_case(bands: dict[str, float], value: str, prefix: str, params: dict) -> str:
    """CASE giving the CEFR level number (1..6) of `value` by `bands` (lowest value per level,
    closed below); below the lowest band: one level lower. Thresholds become bound parameters."""
    levels = sorted(((CEFR.index(k) + 1, float(v)) for k, v in bands.items()), reverse=True)
    whens = []
    for level, lo in levels:
        params[f"{prefix}_{level}"] = lo
        whens.append(f"WHEN {value} >= ${prefix}_{level} THEN {level}")
    return f"CASE {' '.join(whens)} ELSE {levels[-1][0] - 1} END"


def cefr_sql(rules: Rules, params: dict) -> str:
    """The CEFR level (1 A1 .. 6 C2) of a bahasa row aliased b; fills `params`."""
    c = rules.data["smart_asn"]["cefr"]
    tests = " ".join(
        f"WHEN '{tes}' THEN {_bands_case(c[key], 'b.skor', 'cefr_' + key, params)}" for tes, key in TES.items()
    )
    other = _bands_case(c["lain_persen"], "100.0 * b.skor / nullif(b.skala_maks, 0)", "cefr_lain", params)
    return f"CASE b.tes {tests} ELSE {other} END"


def indicator_sql(rules: Rules, tahun: int, keys: str = "pegawai") -> tuple[str, dict]:
    """smart_indikator.sql for measurement year `tahun` and the employees in table `keys`, with its
    bound parameters."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    sa = rules.data["smart_asn"]
    sk = sa["skala"]
    params: dict[str, object] = {
        "tahun": tahun,
        "dari": window(rules, tahun)[0],
        "perilaku": [float(sk["perilaku"][str(i)]) for i in (1, 2, 3)],
        **{f"hk_{k.lower()}": float(v) for k, v in sk["hukdis"].items()},
        "cefr_nilai": [float(sk["cefr"][k]) for k in CEFR],
        "bahasa_berlaku": int(sk["bahasa_berlaku_tahun"]),
        "sert_tingkat": [k for k in sk["sertifikat_tik"] if k != "lain"],
        "sert_nilai": [float(v) for k, v in sk["sertifikat_tik"].items() if k != "lain"],
        "sert_lain": float(sk["sertifikat_tik"]["lain"]),
        "ino_status": list(sk["inovasi"]),
        "ino_nilai": [float(v) for v in sk["inovasi"].values()],
        "sosial_penuh": float(sk["kegiatan_sosial_penuh"]),
        "latsar_sejak": int(sk["latsar_wajib_sejak"]),
    }
    sql = queries.sql_text("smart_indikator").replace("{cefr}", cefr_sql(rules, params))
    for alias in ("h", "r", "x", "b", "t", "i", "p"):
        cond = "" if keys == "pegawai" else f"AND {alias}.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608
        sql = sql.replace(f"{{keys_{alias}}}", cond)
    return sql, params


DIK_SQL = """
CREATE OR REPLACE TEMP TABLE _sm_dik AS
SELECT x.pegawai_key, year(coalesce(x.tanggal_selesai, x.tanggal_mulai)) AS tahun,
       bool_or(x.jenis_diklat_id = 1) AS latsar_pim,
       count(*) FILTER (WHERE list_contains($jenis_sosial, x.jenis_diklat_id)) AS sosial,
       count(*) FILTER (WHERE regexp_matches(lower(coalesce(x.nama, '') || ' ' || coalesce(x.penyelenggara, '')),
                                             $pola_internasional)) AS internasional
FROM pengembangan x
WHERE (x.jenis_diklat_id = 1 OR list_contains($jenis_sosial, x.jenis_diklat_id)
       OR regexp_matches(lower(coalesce(x.nama, '') || ' ' || coalesce(x.penyelenggara, '')), $pola_internasional))
  AND x.status IS NULL
  {keys}
GROUP BY 1, 2
"""


def prepare(con: duckdb.DuckDBPyConnection, rules: Rules, keys: str = "pegawai") -> None:
    """Build _sm_dik (one pass over the training records: leadership/basic training, social
    learning and international activities per employee and end year), which the indicator SQL reads."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    sa = rules.data["smart_asn"]
    cond = "" if keys == "pegawai" else f"AND x.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608
    con.execute(
        DIK_SQL.replace("{keys}", cond),
        {
            "jenis_sosial": [int(j) for j in sa["skala"]["jenis_sosial"]],
            "pola_internasional": "|".join(re.escape(k.lower()) for k in sa["internasional"]["kata_kunci"]),
        },
    )


def trait_sql(rules: Rules, src: str, params: dict) -> str:
    """SELECT over indicator relation `src`: the filter columns, each trait (weighted mean of its
    indicators with data, NULL when none), n_atribut, indeks (mean of the traits with data, NULL
    below min_atribut_berdata traits) and siap. Adds the weights and thresholds to `params`."""
    sa = rules.data["smart_asn"]
    traits = []
    for t in sa["atribut"]:
        num, den = [], []
        for ind, w in sa["rubrik"][t]["indikator"].items():
            params[f"w_{t}_{ind}"] = float(w)
            num.append(f"coalesce($w_{t}_{ind} * i_{ind}, 0)")
            den.append(f"CASE WHEN i_{ind} IS NOT NULL THEN $w_{t}_{ind} ELSE 0 END")
        traits.append(f"({' + '.join(num)}) / nullif({' + '.join(den)}, 0) AS {t}")
    params |= {
        "min_atribut": int(sa["min_atribut_berdata"]),
        "ambang_indeks": float(sa["ambang_indeks"]),
        "ambang_atribut": float(sa["ambang_atribut"]),
    }
    names = sa["atribut"]
    n = " + ".join(f"({t} IS NOT NULL)::INT" for t in names)
    total = " + ".join(f"coalesce({t}, 0)" for t in names)
    low = " OR ".join(f"{t} < $ambang_atribut" for t in names)
    cols = "pegawai_key, tahun, unor_id, instansi_id, provinsi_kode, kabkota_kode, jenis_jabatan, jenis_pegawai"
    return f"""
    SELECT *, coalesce(indeks >= $ambang_indeks AND NOT coalesce({low}, FALSE), FALSE) AS siap
    FROM (
        SELECT *, CASE WHEN n_atribut >= $min_atribut THEN ({total}) / n_atribut END AS indeks
        FROM (SELECT *, ({n})::SMALLINT AS n_atribut
              FROM (SELECT {cols}, {", ".join(traits)} FROM ({src})))
    )"""  # noqa: S608 (our own SQL)


def indicators(con: duckdb.DuckDBPyConnection, rules: Rules, tahun: int) -> pd.DataFrame:
    """Every employee's indicators (i_*) for one year (for checks and explanations)."""
    sql, params = indicator_sql(rules, tahun)
    cur = con.cursor()
    prepare(cur, rules)
    return cur.execute(sql + " ORDER BY p.pegawai_key", params).df()


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild the Smart ASN rows of the employees in table `keys` (all by default), then the group
    rows of their units. Runs in the caller's transaction; needs the JP and IP ASN summaries."""

    def insert_rows() -> None:
        prepare(con, rules, keys)
        for tahun in range(dimensions.FIRST_YEAR, dimensions.data_year(con) + 1):
            src, params = indicator_sql(rules, tahun, keys)
            con.execute("INSERT INTO smart_pegawai_tahun BY NAME " + trait_sql(rules, src, params), params)
        con.execute("DROP TABLE _sm_dik")

    groups.replace_rows(con, "smart_pegawai_tahun", keys, insert_rows, lambda cond: _refresh_groups(con, cond))


def _refresh_groups(con: duckdb.DuckDBPyConnection, cond: str) -> None:
    con.execute(f"DELETE FROM smart_kelompok_tahun WHERE {cond}")  # noqa: S608 (our own condition)
    per_trait = ", ".join(f"count({t}), sum({t})" for t in ATRIBUT)
    con.execute(
        f"""INSERT INTO smart_kelompok_tahun
            SELECT {groups.KEYS}, count(*), count(indeks), sum(indeks), count(*) FILTER (WHERE siap), {per_trait}
            FROM smart_pegawai_tahun WHERE {cond} GROUP BY ALL"""  # noqa: S608
    )


# --- reading -----------------------------------------------------------------------------------

PEGAWAI_COLUMNS = ["nip", *ATRIBUT, "indeks", "siap"]
GROUP_COLUMNS = ["kode", "nama", "pegawai", *ATRIBUT, "indeks", "persen_siap", *(f"cakupan_{t}" for t in ATRIBUT)]


def per_pegawai(con: duckdb.DuckDBPyConnection, *, scope: Scope, limit: int | None = None) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun: nip, nama, unor, the eight traits (NULL = no
    data), n_atribut, indeks (NULL = too few traits with data), siap."""
    df = queries.run_sql(
        con,
        f"""
        WITH pilih AS (SELECT p.* FROM smart_pegawai_tahun p WHERE {{where}} AND p.tahun = $tahun
                       ORDER BY p.pegawai_key LIMIT $limit)
        SELECT g.nip, g.nama, u.nama AS unor, {", ".join(f"round(s.{t}, 2) AS {t}" for t in ATRIBUT)},
               s.n_atribut, round(s.indeks, 2) AS indeks, s.siap
        FROM pilih s JOIN pegawai g USING (pegawai_key) LEFT JOIN unor u ON u.id = s.unor_id
        ORDER BY g.nip""",  # noqa: S608
        scope,
        tahun=scope.tahun,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


def per_kelompok(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai, the mean of each trait
    over employees with data for it, cakupan_<trait> (% of employees with data for it), indeks
    (mean over employees with an index), cakupan_indeks, siap, persen_siap (of all employees)."""
    level = dimensions.level(by, dimensions.KELOMPOK, what="Smart ASN")
    key, names = level.key, level.names
    cols = ", ".join(
        [
            "sum(p.pegawai)::BIGINT AS pegawai",
            # unrounded: displays round once (analytics.fmt)
            *(f"sum(p.jumlah_{t}) / nullif(sum(p.n_{t}), 0) AS {t}" for t in ATRIBUT),
            "sum(p.jumlah_indeks) / nullif(sum(p.n_indeks), 0) AS indeks",
            "sum(p.siap)::BIGINT AS siap",
            "100.0 * sum(p.siap) / sum(p.pegawai) AS persen_siap",
            "100.0 * sum(p.n_indeks) / sum(p.pegawai) AS cakupan_indeks",
            *(f"100.0 * sum(p.n_{t}) / sum(p.pegawai) AS cakupan_{t}" for t in ATRIBUT),
        ]
    )
    df = queries.run_sql(
        con,
        f"""
        WITH g AS (SELECT {key} AS kode, {cols} FROM smart_kelompok_tahun p
                   WHERE {{where}} AND p.tahun = $tahun GROUP BY 1)
        SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.* EXCLUDE (kode)
        FROM g LEFT JOIN ({names}) n ON n.kode = g.kode ORDER BY g.kode""",  # noqa: S608
        scope,
        tahun=scope.tahun,
    )
    return privacy.suppress_small(df, scope.akses)


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules) -> pd.DataFrame:
    """One row per year FIRST_YEAR..data year: pegawai, siap, persen_siap, indeks, cakupan_indeks,
    and target (the rules file's readiness target, straight lines between its years; NULL outside)."""
    df = queries.run_sql(
        con,
        """SELECT p.tahun, sum(p.pegawai)::BIGINT AS pegawai, sum(p.siap)::BIGINT AS siap,
                  100.0 * sum(p.siap) / sum(p.pegawai) AS persen_siap,
                  sum(p.jumlah_indeks) / nullif(sum(p.n_indeks), 0) AS indeks,
                  100.0 * sum(p.n_indeks) / sum(p.pegawai) AS cakupan_indeks
           FROM smart_kelompok_tahun p WHERE {where} GROUP BY 1 ORDER BY 1""",
        scope,
    )
    df["target"] = [target(rules, int(t)) for t in df["tahun"]]
    return df


def target(rules: Rules, tahun: int) -> float | None:
    """The readiness-share target (%) for a year: set values joined by straight lines; None before
    the first or after the last year set."""
    pts = sorted((int(k), float(v)) for k, v in rules.data["smart_asn"]["target"]["persen_siap"].items())
    for (y0, v0), (y1, v1) in zip(pts, pts[1:]):
        if y0 <= tahun <= y1:
            return v0 + (v1 - v0) * (tahun - y0) / (y1 - y0)
    if pts and tahun == pts[-1][0]:
        return pts[-1][1]
    return None


def terlemah(df: pd.DataFrame, rules: Rules, *, min_cakupan: float = 50.0) -> pd.DataFrame:
    """For each group row of per_kelompok: the weakest trait among those with at least
    `min_cakupan` % coverage (ties: the first in the rubric's order), its score and coverage, and
    the development forms the rubric lists for it (empty when no trait is covered enough)."""
    traits = list(ATRIBUT)
    scores = df[traits].to_numpy(dtype=float)
    cover = df[[f"cakupan_{t}" for t in traits]].to_numpy(dtype=float)
    masked = np.where((cover >= min_cakupan) & ~np.isnan(scores), scores, np.inf)
    idx = masked.argmin(axis=1)
    rows = np.arange(len(df))
    some = np.isfinite(masked[rows, idx])
    forms = [", ".join(rules.data["smart_asn"]["rubrik"][t]["pengembangan"]) for t in traits]
    out = df[["kode", "nama", "pegawai", "indeks"]].copy()
    out["atribut"] = np.where(some, np.array([ATRIBUT[t] for t in traits], dtype=object)[idx], None)
    out["skor"] = np.where(some, scores[rows, idx], np.nan)
    out["cakupan"] = np.where(some, cover[rows, idx], np.nan)
    out["saran"] = np.where(some, np.array(forms, dtype=object)[idx], "")
    return out.reset_index(drop=True)


def rubrik(rules: Rules) -> pd.DataFrame:
    """The rubric as a table: one row per trait and indicator with its weight share and meaning."""
    rows = []
    for t in rules.data["smart_asn"]["atribut"]:
        ind = rules.data["smart_asn"]["rubrik"][t]["indikator"]
        total = sum(ind.values())
        for k, w in ind.items():
            rows.append({"atribut": ATRIBUT[t], "indikator": INDIKATOR[k], "bobot": round(100 * w / total, 1)})
    return pd.DataFrame(rows)
