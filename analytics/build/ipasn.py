"""The IP ASN summary: ipasn_pegawai_tahun (each employee-year's inputs and points, scored by the
rules' SQL) and the additive group table ipasn_kelompok_tahun; the scoring SQL is shared with the
what-if simulator (analytics.whatif)."""

from __future__ import annotations

from datetime import date

import duckdb

from analytics import dimensions, queries
from analytics.build import groups
from analytics.ipasn import DIMENSI, KATEGORI, KATEGORI_KOLOM, SLOT, first_year, jendela
from analytics.reference import ESELON
from analytics.rules import JOB_TYPES, Rules


def input_params(rules: Rules, tahun: int, ref: date) -> dict[str, object]:
    """Bound parameters of ipasn_masukan.sql for one measurement year, given the data's reference date."""
    ip = rules.ipasn
    lat = ip.kompetensi.tingkat_latihan
    pim = ip.kompetensi.pim_dibutuhkan
    j = jendela(ip.jendela_tahun, tahun, ref)
    return {
        "tahun": tahun,
        "dari": j.dari,
        "sisa": j.sisa,
        "awal": j.awal,
        "akhir": j.akhir,
        "mundur": ip.kinerja.tahun_mundur,
        "struktural": rules.siasn.jenis_diklat_struktural,
        "lat_id": list(lat),
        "lat_tingkat": list(lat.values()),
        **{f"pim_{k}": pim[k] for k in ("pengawas", "administrator", "jpt", "jpt_madya")},
        "eselon_madya": [k for k, (nama, job) in ESELON.items() if job == "jpt" and nama.startswith("I.")],
    }


def score_params(rules: Rules) -> dict[str, object]:
    """Bound parameters of the scoring SQL (points by the rules file)."""
    ip = rules.ipasn
    poin = ip.kompetensi.poin
    bands = ip.kategori.batas_bawah
    kual = ip.kualifikasi.nilai
    return {
        "jobs": list(JOB_TYPES),
        **{f"p_{slot}": [poin[j][slot] for j in JOB_TYPES] for slot in SLOT},
        "ambang": ip.kompetensi.ambang_jp_teknis,
        "kual_id": list(kual),
        "kual_nilai": list(kual.values()),
        "kin_nilai": [ip.kinerja.nilai[p] for p in range(1, 6)],
        **{f"dis_{k.lower()}": v for k, v in ip.disiplin.nilai.items()},
        **{f"b_{k}": bands[k] for k in KATEGORI_KOLOM[:-1]},
    }


def score_sql(src: str) -> str:
    """SELECT over relation `src` (which has the INPUTS columns, plus anything else it carries):
    every input column kept, the points, total, lengkap and kategori added. Uses score_params."""
    cats = " ".join(f"WHEN total >= $b_{k} THEN '{n}'" for k, n in zip(KATEGORI_KOLOM[:-1], KATEGORI[:-1]))
    sql = """
    SELECT * EXCLUDE (_j),
           CASE WHEN NOT lengkap THEN NULL {cats} ELSE '{lowest}' END AS kategori
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
    )"""
    return queries.splice(sql, cats=cats, lowest=KATEGORI[-1], src=src)


def inputs_sql(keys: str = "pegawai") -> str:
    """ipasn_masukan.sql for the employees in table `keys` (no filter for all employees)."""
    if not keys.isidentifier():
        raise ValueError(f"nama tabel tidak sah: {keys!r}")
    keys_filters = {f"keys_{alias}": queries.keys_filter(keys, alias) for alias in ("x", "j", "k", "h", "p")}
    return queries.splice(queries.sql_text("ipasn_masukan"), **keys_filters)


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules, *, keys: str = "pegawai") -> None:
    """Rebuild the IP ASN rows of the employees in table `keys` (all by default) from the JP summary
    and the SKP, punishment and leadership-training records. Runs in the caller's transaction."""
    sql = "INSERT INTO ipasn_pegawai_tahun BY NAME " + score_sql(inputs_sql(keys))

    ref = dimensions.reference_date(con)

    def insert_rows() -> None:
        for tahun in range(first_year(rules), ref.year + 1):
            con.execute(sql, {**input_params(rules, tahun, ref), **score_params(rules)})

    groups.replace_rows(con, "ipasn_pegawai_tahun", keys, insert_rows, lambda cond: refresh_groups(con, rules, cond))


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
    sql = """
        INSERT INTO ipasn_kelompok_tahun
        SELECT {keys}, count(*), count(*) FILTER (WHERE p.lengkap), {counts}, {sums}, {lost},
               count(*) FILTER (WHERE p.kualifikasi IS NULL), count(*) FILTER (WHERE p.kinerja IS NULL),
               count(*) FILTER (WHERE p.kompetensi IS NULL)
        FROM ipasn_pegawai_tahun p WHERE {cond} GROUP BY ALL"""
    return queries.splice(sql, keys=groups.KEYS, counts=counts, sums=sums, lost=lost, cond=where)


def _group_params(rules: Rules) -> dict[str, object]:
    sp = score_params(rules)
    bobot = rules.ipasn.bobot
    return {
        "jobs": sp["jobs"],
        **{f"p_{s}": sp[f"p_{s}"] for s in SLOT},
        **{f"bobot_{d}": bobot[d] for d in ("kualifikasi", "kinerja", "disiplin")},
    }


def refresh_groups(con: duckdb.DuckDBPyConnection, rules: Rules, cond: str = "TRUE") -> None:
    """Rebuild the ipasn_kelompok_tahun rows matching `cond` (an SQL condition on its columns) from
    the employee rows matching it."""
    con.execute(queries.splice("DELETE FROM ipasn_kelompok_tahun WHERE {cond}", cond=cond))
    groups.insert_sorted(con, _group_table_sql(cond), _group_params(rules))
