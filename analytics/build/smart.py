"""The Smart ASN summary: smart_pegawai_tahun (eight traits, index and readiness per employee-year
from the rubric) and the additive group table smart_kelompok_tahun."""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pandas as pd

from analytics import dimensions, queries
from analytics.build import groups
from analytics.ipasn import jendela
from analytics.rules import Rules
from analytics.smart import ATRIBUT, CEFR, TES


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
    c = rules.smart_asn.cefr
    tests = " ".join(
        f"WHEN '{tes}' THEN {_bands_case(c.tes[key], 'b.skor', 'cefr_' + key, params)}" for tes, key in TES.items()
    )
    other = _bands_case(c.lain_persen, "100.0 * b.skor / nullif(b.skala_maks, 0)", "cefr_lain", params)
    return f"CASE b.tes {tests} ELSE {other} END"


def indicator_sql(rules: Rules, tahun: int, ref: date, keys: str = "pegawai") -> tuple[str, dict]:
    """smart_indikator.sql for measurement year `tahun` (as of its last day, or of the reference date `ref`
    in the running year) and the employees in table `keys`, with its bound parameters."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    sk = rules.smart_asn.skala
    j = jendela(rules.smart_asn.jendela_tahun, tahun, ref)
    params: dict[str, object] = {
        "tahun": tahun,
        "dari": j.dari,
        "sisa": j.sisa,
        "awal": j.awal,
        "akhir": j.akhir,
        "awal_bahasa": jendela(sk.bahasa_berlaku_tahun, tahun, ref).awal,
        "perilaku": [sk.perilaku[i] for i in (1, 2, 3)],
        **{f"hk_{k.lower()}": v for k, v in sk.hukdis.items()},
        "cefr_nilai": [sk.cefr[k] for k in CEFR],
        "sert_tingkat": [k for k in sk.sertifikat_tik if k != "lain"],
        "sert_nilai": [v for k, v in sk.sertifikat_tik.items() if k != "lain"],
        "sert_lain": sk.sertifikat_tik["lain"],
        "ino_status": list(sk.inovasi),
        "ino_nilai": list(sk.inovasi.values()),
        "sosial_penuh": sk.kegiatan_sosial_penuh,
        "latsar_sejak": sk.latsar_wajib_sejak,
    }
    keys_filters = {f"keys_{alias}": queries.keys_filter(keys, alias) for alias in ("h", "r", "x", "b", "t", "i", "p")}
    return queries.splice(queries.sql_text("smart_indikator"), cefr=cefr_sql(rules, params), **keys_filters), params


# the course names and organisers that read as international: the pattern runs once per distinct pair (about
# ten thousand nationally), not once per record (fifty million)
INTL_SQL = """
CREATE OR REPLACE TEMP TABLE _sm_intl AS
SELECT coalesce(nama, '') AS nama, coalesce(penyelenggara, '') AS penyelenggara
FROM (SELECT DISTINCT x.nama, x.penyelenggara FROM pengembangan x WHERE x.status IS NULL {keys})
WHERE regexp_matches(lower(coalesce(nama, '') || ' ' || coalesce(penyelenggara, '')), $pola_internasional)
"""
# _sd: the records of a year up to that year's day of the reference date (the part of the year before a
# running year's window that lies outside it); records after the reference date are not done yet
DIK_SQL = """
CREATE OR REPLACE TEMP TABLE _sm_dik AS
SELECT pegawai_key, tahun, bool_or(latsar_pim) AS latsar_pim, count(*) FILTER (WHERE sosial) AS sosial,
       count(*) FILTER (WHERE internasional) AS internasional,
       count(*) FILTER (WHERE sosial AND akhir <= batas) AS sosial_sd,
       count(*) FILTER (WHERE internasional AND akhir <= batas) AS internasional_sd
FROM (
    SELECT x.pegawai_key, coalesce(x.tanggal_selesai, x.tanggal_mulai) AS akhir, year(akhir) AS tahun,
           x.jenis_diklat_id = $struktural AS latsar_pim, list_contains($jenis_sosial, x.jenis_diklat_id) AS sosial,
           i.nama IS NOT NULL AS internasional,
           least(make_date(year(akhir), $bulan, 1) + INTERVAL ($hari - 1) DAY,
                 last_day(make_date(year(akhir), $bulan, 1))) AS batas
    FROM pengembangan x
    LEFT JOIN _sm_intl i ON i.nama = coalesce(x.nama, '') AND i.penyelenggara = coalesce(x.penyelenggara, '')
    WHERE (x.jenis_diklat_id = $struktural OR list_contains($jenis_sosial, x.jenis_diklat_id) OR i.nama IS NOT NULL)
      AND x.status IS NULL AND coalesce(x.tanggal_selesai, x.tanggal_mulai) <= $per
      {keys}
)
GROUP BY 1, 2
"""


def prepare(con: duckdb.DuckDBPyConnection, rules: Rules, ref: date, keys: str = "pegawai") -> None:
    """Build _sm_dik (one pass over the training records up to the reference date `ref`: leadership/basic
    training, social learning and international activities per employee and end year, in all and to that
    year's day of `ref`), which the indicator SQL reads."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    sa = rules.smart_asn
    cond = queries.keys_filter(keys, "x")
    pola = "|".join(re.escape(k.lower()) for k in sa.internasional.kata_kunci)
    con.execute(queries.splice(INTL_SQL, keys=cond), {"pola_internasional": pola})
    con.execute(
        queries.splice(DIK_SQL, keys=cond),
        {
            "struktural": rules.siasn.jenis_diklat_struktural,
            "jenis_sosial": list(sa.skala.jenis_sosial),
            "per": ref,
            "bulan": ref.month,
            "hari": ref.day,
        },
    )
    con.execute("DROP TABLE _sm_intl")


def trait_sql(rules: Rules, src: str, params: dict) -> str:
    """SELECT over indicator relation `src`: the filter columns, each trait (weighted mean of its
    indicators with data, NULL when none), n_atribut, indeks (mean of the traits with data, NULL
    below min_atribut_berdata traits) and siap. Adds the weights and thresholds to `params`."""
    sa = rules.smart_asn
    traits = []
    for t in sa.atribut:
        num, den = [], []
        for ind, w in sa.rubrik[t].indikator.items():
            params[f"w_{t}_{ind}"] = w
            num.append(f"coalesce($w_{t}_{ind} * i_{ind}, 0)")
            den.append(f"CASE WHEN i_{ind} IS NOT NULL THEN $w_{t}_{ind} ELSE 0 END")
        traits.append(f"({' + '.join(num)}) / nullif({' + '.join(den)}, 0) AS {t}")
    params |= {
        "min_atribut": sa.min_atribut_berdata,
        "ambang_indeks": sa.ambang_indeks,
        "ambang_atribut": sa.ambang_atribut,
    }
    names = sa.atribut
    n = " + ".join(f"({t} IS NOT NULL)::INT" for t in names)
    total = " + ".join(f"coalesce({t}, 0)" for t in names)
    low = " OR ".join(f"{t} < $ambang_atribut" for t in names)
    cols = "pegawai_key, tahun, unor_id, instansi_id, provinsi_kode, kabkota_kode, jenis_jabatan, jenis_pegawai"
    sql = """
    SELECT *, coalesce(indeks >= $ambang_indeks AND NOT coalesce({low}, FALSE), FALSE) AS siap
    FROM (
        SELECT *, CASE WHEN n_atribut >= $min_atribut THEN ({total}) / n_atribut END AS indeks
        FROM (SELECT *, ({n})::SMALLINT AS n_atribut
              FROM (SELECT {cols}, {traits} FROM ({src})))
    )"""
    return queries.splice(sql, low=low, total=total, n=n, cols=cols, traits=", ".join(traits), src=src)


def indicators(con: duckdb.DuckDBPyConnection, rules: Rules, tahun: int) -> pd.DataFrame:
    """Every employee's indicators (i_*) for one year (for checks and explanations)."""
    ref = dimensions.reference_date(con)
    sql, params = indicator_sql(rules, tahun, ref)
    cur = con.cursor()
    prepare(cur, rules, ref)
    return cur.execute(sql + " ORDER BY p.pegawai_key", params).df()


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild the Smart ASN rows of the employees in table `keys` (all by default), then the group
    rows of their units. Runs in the caller's transaction; needs the JP and IP ASN summaries."""

    ref = dimensions.reference_date(con)

    def insert_rows() -> None:
        prepare(con, rules, ref, keys)
        for tahun in range(dimensions.FIRST_YEAR, ref.year + 1):
            src, params = indicator_sql(rules, tahun, ref, keys)
            con.execute("INSERT INTO smart_pegawai_tahun BY NAME " + trait_sql(rules, src, params), params)
        con.execute("DROP TABLE _sm_dik")

    groups.replace_rows(con, "smart_pegawai_tahun", keys, insert_rows, lambda cond: _refresh_groups(con, cond))


def _refresh_groups(con: duckdb.DuckDBPyConnection, cond: str) -> None:
    con.execute(queries.splice("DELETE FROM smart_kelompok_tahun WHERE {cond}", cond=cond))
    per_trait = ", ".join(f"count({t}), sum({t})" for t in ATRIBUT)
    sql = """INSERT INTO smart_kelompok_tahun
             SELECT {keys}, count(*), count(indeks), sum(indeks), count(*) FILTER (WHERE siap), {per_trait}
             FROM smart_pegawai_tahun WHERE {cond} GROUP BY ALL"""
    groups.insert_sorted(con, queries.splice(sql, keys=groups.KEYS, per_trait=per_trait, cond=cond))
