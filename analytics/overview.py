"""Ringkasan (overview) figures for the employees in scope."""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics import fmt, privacy, queries
from analytics.dimensions import FIRST_YEAR
from analytics.filters import Scope
from analytics.reference import JENIS_JABATAN, JENJANG_URUT

LABEL = {
    "jenis_kelamin": {"L": "Laki-laki", "P": "Perempuan"},
    "jenis_jabatan": {k: v[0] for k, v in JENIS_JABATAN.items()},
}
ORDER = {
    "jenis_pegawai": ["PNS", "PPPK"],
    "jenis_jabatan": [v[0] for v in JENIS_JABATAN.values()],
    "pendidikan": JENJANG_URUT,
    "jenis_kelamin": ["Perempuan", "Laki-laki"],
}
KELENGKAPAN_LABEL = {
    "tanggal_lahir": "Tanggal lahir",
    "pendidikan": "Pendidikan",
    "golongan": "Golongan",
    "jenis_jabatan": "Jenis jabatan",
    "unor": "Unit kerja",
    "lokasi_kerja": "Lokasi kerja",
    "skp_tahun_lalu": "SKP tahun lalu",
}


def komposisi(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row per (dimensi, kategori) with jumlah and persen (share within the dimension); for
    non-admins a category under privacy.MIN_SEL employees is blanked, like every group figure."""
    df = queries.run(con, "komposisi", scope=scope)
    df["kategori"] = [LABEL.get(d, {}).get(k, k) for d, k in zip(df["dimensi"], df["kategori"])]
    df["persen"] = 100.0 * df["jumlah"] / df.groupby("dimensi")["jumlah"].transform("sum")
    rank = {(d, k): i for d, ks in ORDER.items() for i, k in enumerate(ks)}
    df["urut"] = [rank.get((d, k), 99) for d, k in zip(df["dimensi"], df["kategori"])]
    df = df.sort_values(["dimensi", "urut"]).drop(columns="urut").reset_index(drop=True)
    return privacy.suppress_small(df, scope.akses, count="jumlah", within="dimensi")


JUMLAH_SQL = """SELECT coalesce(sum(p.pegawai), 0)::BIGINT AS pegawai,
                      coalesce(sum(p.pegawai) FILTER (WHERE p.jenis_pegawai = 'PNS'), 0)::BIGINT AS pns,
                      coalesce(sum(p.pegawai) FILTER (WHERE p.jenis_pegawai = 'PPPK'), 0)::BIGINT AS pppk
               FROM pegawai_kelompok p WHERE {where}"""


def jumlah_pegawai(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row: pegawai (employees on file in scope), pns, pppk, counted from the roster's group table before
    any suppression, then blanked by the one rule: for non-admin roles the whole row when the selection is
    under privacy.MIN_SEL, and the PNS/PPPK split (both, so neither follows from the total) when either is."""
    row = queries.run_sql(con, JUMLAH_SQL, scope)
    total = privacy.suppress_small(row[["pegawai"]], scope.akses)
    split = pd.DataFrame({"kode": ["pns", "pppk"], "pegawai": [row["pns"].iloc[0], row["pppk"].iloc[0]]})
    split = privacy.suppress_small(split, scope.akses)
    if fmt.kosong(total["pegawai"].iloc[0]):
        split["pegawai"] = float("nan")
    return pd.DataFrame(
        {"pegawai": total["pegawai"], "pns": split["pegawai"].iloc[0], "pppk": split["pegawai"].iloc[1]}
    )


def komposisi_frame(df: pd.DataFrame, dimensi: str) -> pd.DataFrame:
    """The rows of one dimension of a komposisi frame, its categories in a column named for the
    dimension (jenis_jabatan, pendidikan, jenis_kelamin, jenis_pegawai): that, pegawai, persen."""
    d = df[df["dimensi"] == dimensi]
    return (
        d[["kategori", "jumlah", "persen"]]
        .rename(columns={"kategori": dimensi, "jumlah": "pegawai"})
        .reset_index(drop=True)
    )


# the chart's data (the _sd columns: each year to the reference date's day, the running year's comparison)
KEGIATAN_COLUMNS = ["tahun", "pegawai", "pegawai_belajar", "persen_belajar", "rata_jp_klaim"]
KEGIATAN_COLUMNS += ["persen_belajar_sd", "rata_jp_klaim_sd"]


def kegiatan_tahunan(con: duckdb.DuckDBPyConnection, *, scope: Scope, sampai: int) -> pd.DataFrame:
    """One row per year FIRST_YEAR..sampai: pegawai (in post, in the 20 JP denominator), pegawai_belajar,
    kegiatan, jp_klaim, persen_belajar and rata_jp_klaim (per employee in post), and each of them to that
    year's day of the reference date (the _sd columns: the running year's like-for-like comparison)."""
    df = queries.run(con, "kegiatan_tahunan", scope=scope, dari=FIRST_YEAR, sampai=sampai)
    for akhir in ("", "_sd"):
        denom = df["pegawai" + akhir].where(df["pegawai" + akhir] > 0)
        df["persen_belajar" + akhir] = 100.0 * df["pegawai_belajar" + akhir] / denom
        df["rata_jp_klaim" + akhir] = df["jp_klaim" + akhir] / denom
    return df


def kelengkapan(con: duckdb.DuckDBPyConnection, *, scope: Scope, tahun: int) -> pd.DataFrame:
    """One row per key field: kolom, label, terisi, dari (expected count), persen.
    SKP of the year before `tahun` is expected only from employees in post before it."""
    row = queries.run(con, "kelengkapan", scope=scope, tahun=tahun).iloc[0]
    out = []
    for kolom, label in KELENGKAPAN_LABEL.items():
        dari = row["wajib_skp_tahun_lalu"] if kolom == "skp_tahun_lalu" else row["pegawai"]
        terisi = int(row[kolom])
        out.append((kolom, label, terisi, int(dari), 100.0 * terisi / dari if dari else float("nan")))
    return pd.DataFrame(out, columns=["kolom", "label", "terisi", "dari", "persen"])


def kelengkapan_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A kelengkapan frame as its chart's data: data_pegawai (the field's name), terisi, dari, persen."""
    return df[["label", "terisi", "dari", "persen"]].rename(columns={"label": "data_pegawai"})


def jumlah(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> int:
    """Employees in scope in post in scope.tahun, those out of the 20 JP denominator by their status included
    (for the small-selection guard and the briefing's head count)."""
    return int(
        queries.run_sql(
            con,
            "SELECT coalesce(sum(p.pegawai + p.dikecualikan), 0) AS n FROM jp_kelompok_tahun p "
            "WHERE {where} AND p.tahun = $tahun",
            scope,
            tahun=scope.tahun,
        )["n"].iloc[0]
    )
