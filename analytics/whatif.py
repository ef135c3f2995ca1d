"""The IP ASN what-if simulator: re-score every employee in scope with a lever pulled (everyone
reaches the technical JP threshold, everyone gets the leadership training their post needs, or
the rules changed) and compare with the stored scores. Reads only: nothing it computes is
written (temporary tables are dropped)."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import dimensions, privacy, queries
from analytics.build.ipasn import input_params, inputs_sql, score_params, score_sql
from analytics.filters import Scope
from analytics.ipasn import INPUTS, KATEGORI, KATEGORI_KOLOM
from analytics.rules import Rules

# what-if levers: technical JP completed, leadership gaps closed, a changed rule profile
TUAS = ("teknis", "kepemimpinan", "aturan")


def jp_kepemimpinan(con: duckdb.DuckDBPyConnection, *, rules: Rules) -> dict[int, float]:
    """Median claimed JP of a leadership-training record per level, as recorded in the data (the
    JP a closed gap would take); levels without records are absent."""
    lat = rules.ipasn.kompetensi.tingkat_latihan
    rows = (
        con.cursor()
        .execute(
            """SELECT t.tingkat, median(x.jp_klaim) FROM pengembangan x
               JOIN (SELECT unnest($id) AS id, unnest($tingkat) AS tingkat) t ON t.id = x.latihan_struktural_id
               WHERE x.jenis_diklat_id = $struktural AND x.jp_klaim > 0 GROUP BY 1""",
            {"id": list(lat), "tingkat": list(lat.values()), "struktural": rules.siasn.jenis_diklat_struktural},
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
    total: bool = False,
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
    levers keep the current rules. With total=True the first row is the whole selection (semua = True,
    from the same re-scoring: one pass for the page's headline and its table), marked by the column
    semua."""
    if tuas not in TUAS:
        raise ValueError(f"tuas tidak dikenal: {tuas}")
    if tuas == "aturan" and not ubah:
        raise ValueError("tuas 'aturan' memerlukan perubahan aturan (ubah)")
    profil = rules.changed(**dict(ubah)) if tuas == "aturan" else None
    dimensions.level(by)  # an unknown level fails before any work
    where, sp = scope.where("p")
    ambang = rules.ipasn.kompetensi.ambang_jp_teknis
    # the stored result of each employee travels along as *_awal; the inputs are changed, re-scored
    awal = (
        "p.total AS total_awal, p.lengkap AS lengkap_awal, p.kategori AS kategori_awal, "
        "p.jp_teknis AS jp_teknis_awal, p.pim_punya AS pim_punya_awal"
    )
    cur = con.cursor()
    try:
        if tuas == "aturan" and _inputs_differ(rules, profil):
            keys = "CREATE OR REPLACE TEMP TABLE _sim_keys AS SELECT p.pegawai_key FROM ipasn_pegawai_tahun p"
            cur.execute(keys + " WHERE " + where + " AND p.tahun = $tahun", {**sp, "tahun": scope.tahun})
            src = queries.splice(
                """SELECT n.*, {awal} FROM ({inputs}) n
                   JOIN ipasn_pegawai_tahun p ON p.pegawai_key = n.pegawai_key AND p.tahun = $tahun""",
                awal=awal,
                inputs=inputs_sql("_sim_keys"),
            )
            params = input_params(profil, scope.tahun, dimensions.reference_date(con))
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
            src = queries.splice(
                "SELECT {cols}, {inputs}, {awal} FROM ipasn_pegawai_tahun p WHERE {where} AND p.tahun = $tahun",
                cols=cols,
                inputs=inputs,
                awal=awal,
                where=where,
            )
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
        sql = queries.splice(
            queries.sql_text("simulasi"),
            by=by,
            who=who,
            need=need,
            counts=counts,
            scored=score_sql(src),
            grouping="GROUPING SETS ((1), ())" if total else "1",
        )
        df = _persen_tinggi(cur.execute(sql, {**params, **score_params(profil or rules)}).df())
        if not total:
            return privacy.suppress_small(df.drop(columns="semua"), scope.akses)
        # the whole selection is suppressed on its own, never as one of the groups; the flag is put back
        # after (suppression blanks every figure of a small group)
        semua = df["semua"].astype(bool)
        parts = [
            privacy.suppress_small(df[semua], scope.akses).assign(semua=True),
            privacy.suppress_small(df[~semua], scope.akses).assign(semua=False),
        ]
        return pd.concat(parts, ignore_index=True)
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


def kategori_frame(row: pd.Series) -> pd.DataFrame:
    """One row of simulasi as one row per category: kategori, pegawai_awal, pegawai_baru."""
    return pd.DataFrame(
        {
            "kategori": KATEGORI,
            "pegawai_awal": [row[f"{k}_awal"] for k in KATEGORI_KOLOM],
            "pegawai_baru": [row[f"{k}_baru"] for k in KATEGORI_KOLOM],
        }
    ).astype({"pegawai_awal": float, "pegawai_baru": float})


TINGGI = ["persen_tinggi_awal", "persen_tinggi_baru"]  # Tinggi or Sangat Tinggi, % of complete records


def _persen_tinggi(df: pd.DataFrame) -> pd.DataFrame:
    for s in ("awal", "baru"):
        lengkap = df[f"lengkap_{s}"]
        df[f"persen_tinggi_{s}"] = 100.0 * (df[f"sangat_tinggi_{s}"] + df[f"tinggi_{s}"]) / lengkap.where(lengkap > 0)
    return df


def _inputs_differ(a: Rules, b: Rules) -> bool:
    """Whether two rule sets derive different inputs (window, SKP look-back, leadership levels)."""
    pa, pb = (input_params(r, 2000, date(2000, 12, 31)) for r in (a, b))
    return pa != pb
