"""Smart ASN: eight traits per employee and year from the rubric in the rules file, the readiness
index and flag, group aggregates and progress against the target.

No official indicators exist (RULES.md §6): the rubric ([smart_asn.rubrik]) and the scales
([smart_asn.skala], [smart_asn.cefr]) are our documented assumptions. Missing data is never a
zero: a trait with no indicator for a person is NULL ("tidak ada data"), and every figure comes
with its coverage. A figure computed on less than the rules' smart_asn.min_cakupan % coverage is not
a score (`cukup`, `CAKUPAN`): the frames here keep its number beside its coverage (exports, the report
CLI), and whatever draws, ranks or words it shows `data_kurang` instead.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from analytics import fmt, privacy, queries
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


# --- reading -----------------------------------------------------------------------------------

PEGAWAI_COLUMNS = ["nip", *ATRIBUT, "indeks", "siap"]
GROUP_COLUMNS = ["kode", "nama", "pegawai", *ATRIBUT, "indeks", "persen_siap", "cakupan_indeks"] + [
    f"cakupan_{t}" for t in ATRIBUT
]

# The coverage each figure is computed on (% of the group's employees): a trait mean on those with
# data for that trait; the mean index on those with an index; the readiness share on those with an
# index too, since only they can be ready (in a year when few have one, "1 % ready" means "1 % measured").
CAKUPAN = {**{t: f"cakupan_{t}" for t in ATRIBUT}, "indeks": "cakupan_indeks", "persen_siap": "cakupan_indeks"}


def cukup(cakupan, min_cakupan: float):
    """Whether a coverage % (a number, or an array of them: then an array) is enough for its figure
    to be a score: at least `min_cakupan` (the rules' smart_asn.min_cakupan). Missing is not enough."""
    ok = np.nan_to_num(np.asarray(cakupan, dtype=float), nan=-np.inf) >= min_cakupan
    return bool(ok) if ok.ndim == 0 else ok


def data_kurang(cakupan) -> str:
    """What stands in place of a figure whose coverage is under the minimum."""
    return f"data kurang (cakupan {fmt.persen(cakupan)})"


def teks_skor(nilai, cakupan, min_cakupan: float, teks=lambda v: fmt.angka(v, 1)) -> str:
    """A figure as shown: `teks(nilai)` when its coverage is enough, else data_kurang(cakupan)."""
    return teks(nilai) if cukup(cakupan, min_cakupan) else data_kurang(cakupan)


def per_pegawai(con: duckdb.DuckDBPyConnection, *, scope: Scope, limit: int | None = None) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun: nip, nama, unor, the eight traits (NULL = no
    data), n_atribut, indeks (NULL = too few traits with data), siap."""
    df = queries.run_sql(
        con,
        queries.splice(
            queries.sql_text("smart_per_pegawai"), traits=", ".join(f"round(s.{t}, 2) AS {t}" for t in ATRIBUT)
        ),
        scope,
        tahun=scope.tahun,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


def per_kelompok(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """One row per group at level `by` for scope.tahun: kode, nama, pegawai, the mean of each trait
    over employees with data for it, cakupan_<trait> (% of employees with data for it), indeks
    (mean over employees with an index), cakupan_indeks, siap, persen_siap (of all employees)."""
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
    df = queries.per_group(con, scope=scope, by=by, table="smart_kelompok_tahun", cols=cols, what="Smart ASN")
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


def tahun_target(rules: Rules, tahun: int) -> int | None:
    """The target year in force in `tahun`: the first year at or after it that the rules file sets a
    readiness target for ([smart_asn.target] persen_siap); None after the last."""
    return min((y for y in rules.smart_asn.target.persen_siap if y >= tahun), default=None)


def nama_target(rules: Rules, tahun: int) -> str:
    """The target in force in `tahun` as a title names it: 'target 2029 (50,0%)' ('target' after the last)."""
    y = tahun_target(rules, tahun)
    return "target" if y is None else f"target {y} ({fmt.persen(rules.smart_asn.target.persen_siap[y])})"


def target(rules: Rules, tahun: int) -> float | None:
    """The readiness-share target (%) for a year: set values joined by straight lines; None before
    the first or after the last year set."""
    pts = sorted(rules.smart_asn.target.persen_siap.items())
    for (y0, v0), (y1, v1) in zip(pts, pts[1:]):
        if y0 <= tahun <= y1:
            return v0 + (v1 - v0) * (tahun - y0) / (y1 - y0)
    if pts and tahun == pts[-1][0]:
        return pts[-1][1]
    return None


def terlemah(df: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """For each group row of per_kelompok: the weakest trait among those with at least the rules'
    smart_asn.min_cakupan % coverage (ties: the first in the rubric's order), its score and coverage, and
    the development forms the rubric lists for it (empty when no trait is covered enough)."""
    traits = list(ATRIBUT)
    scores = df[traits].to_numpy(dtype=float)
    cover = df[[f"cakupan_{t}" for t in traits]].to_numpy(dtype=float)
    masked = np.where(cukup(cover, rules.smart_asn.min_cakupan) & ~np.isnan(scores), scores, np.inf)
    idx = masked.argmin(axis=1)
    rows = np.arange(len(df))
    some = np.isfinite(masked[rows, idx])
    forms = [", ".join(rules.smart_asn.rubrik[t].pengembangan) for t in traits]
    out = df[["kode", "nama", "pegawai", "indeks"]].copy()
    out["atribut"] = np.where(some, np.array([ATRIBUT[t] for t in traits], dtype=object)[idx], None)
    out["skor"] = np.where(some, scores[rows, idx], np.nan)
    out["cakupan"] = np.where(some, cover[rows, idx], np.nan)
    out["saran"] = np.where(some, np.array(forms, dtype=object)[idx], "")
    return out.reset_index(drop=True)


PETA_COLUMNS = ["kode", "nama", "pegawai", *ATRIBUT, *(f"cakupan_{t}" for t in ATRIBUT)]  # the heatmap's data


def atribut_frame(row: pd.Series) -> pd.DataFrame:
    """One group row of per_kelompok as one row per trait: atribut (its name), skor, cakupan."""
    return pd.DataFrame(
        {
            "atribut": list(ATRIBUT.values()),
            "skor": [row[t] for t in ATRIBUT],
            "cakupan": [row[f"cakupan_{t}"] for t in ATRIBUT],
        }
    ).astype({"skor": float, "cakupan": float})


def profil_frame(rows: list[tuple[str, pd.Series]]) -> pd.DataFrame:
    """The profiles of a radar's (name, per_kelompok row) pairs, one row per name and trait:
    populasi, atribut, skor, cakupan."""
    return pd.concat([atribut_frame(row).assign(populasi=name) for name, row in rows], ignore_index=True)[
        ["populasi", "atribut", "skor", "cakupan"]
    ]


def rubrik(rules: Rules) -> pd.DataFrame:
    """The rubric as a table: one row per trait and indicator with its weight share and meaning."""
    rows = []
    for t in rules.smart_asn.atribut:
        ind = rules.smart_asn.rubrik[t].indikator
        total = sum(ind.values())
        for k, w in ind.items():
            rows.append({"atribut": ATRIBUT[t], "indikator": INDIKATOR[k], "bobot": round(100 * w / total, 1)})
    return pd.DataFrame(rows)
