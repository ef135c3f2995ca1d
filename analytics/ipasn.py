"""IP ASN (Indeks Profesionalitas ASN): the four dimensions per employee and year, group
aggregates, explanations and the what-if simulator.

Points come only from the rules file ([ipasn] in analytics/rules/default.toml). The summary table
ipasn_pegawai_tahun keeps each employee-year's *inputs* (education, leadership level needed and
held, technical JP and record counts in the window, SKP rating, heaviest punishment) next to the
points, so a what-if re-scores changed inputs with the same SQL that built the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from analytics import dimensions, privacy, queries
from analytics.filters import Scope
from analytics.rules import Rules

DIMENSI = {"kualifikasi": "Kualifikasi", "kompetensi": "Kompetensi", "kinerja": "Kinerja", "disiplin": "Disiplin"}
SLOT = ("kepemimpinan", "fungsional", "teknis", "seminar")  # competency slots
KATEGORI = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
KATEGORI_KOLOM = ["sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah"]
INPUTS = ["pendidikan_id", "pim_perlu", "pim_punya", "jp_teknis", "n_fungsional", "n_seminar", "predikat_id", "hukdis"]


# --- per employee ------------------------------------------------------------------------------

PEGAWAI_COLUMNS = ["nip", "kualifikasi", "kompetensi", "kinerja", "disiplin", "total", "kategori", "lengkap"]


def per_pegawai(
    con: duckdb.DuckDBPyConnection, *, scope: Scope, nip: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """One row per employee in scope for scope.tahun (or just the one with `nip`): nip, nama, unor,
    the inputs, the slot and dimension points, total, kategori, lengkap; lowest total first when
    `limit` is set (analytics.explain.per_pegawai adds the explanation of each dimension)."""
    order = "p.total, p.pegawai_key" if limit is not None else "p.pegawai_key"
    df = queries.run_sql(
        con,
        queries.splice(
            queries.sql_text("ipasn_per_pegawai"),
            order=order,
            order_out="s.total, g.nip" if limit is not None else "g.nip",
        ),
        scope,
        tahun=scope.tahun,
        nip=nip,
        limit=limit if limit is not None else 2**62,
    )
    return privacy.protect_rows(df, scope.akses)


# --- per group ---------------------------------------------------------------------------------

GROUP_COLUMNS = ["kode", "nama", "pegawai", "lengkap", "rata_ipasn", *KATEGORI_KOLOM]
LOST = ["kualifikasi", "kepemimpinan", "fungsional", "teknis", "seminar", "kinerja", "disiplin"]
# the levels the group table serves (its filter columns)


def per_kelompok(con: duckdb.DuckDBPyConnection, *, scope: Scope, by: str) -> pd.DataFrame:
    """One row per group at level `by` (dimensions.KELOMPOK) for scope.tahun: kode, nama, pegawai, lengkap,
    persen_lengkap, rata_ipasn and the category counts (complete records only, so they add up to
    lengkap), rata_<dimension>, hilang_<dimension or slot> (mean points below the maximum), and
    tanpa_pendidikan, tanpa_skp, tanpa_jabatan (why records are incomplete)."""
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
    df = queries.per_group(
        con,
        scope=scope,
        by=by,
        table="ipasn_kelompok_tahun",
        cols=cols,
        what="IP ASN",
        extra=", 100.0 * g.lengkap / g.pegawai AS persen_lengkap",
    )
    return privacy.suppress_small(df, scope.akses)


TREN = """SELECT p.tahun, sum(p.pegawai)::BIGINT AS pegawai, sum(p.lengkap)::BIGINT AS lengkap,
                 sum(p.jumlah_total) / nullif(sum(p.lengkap), 0) AS rata_ipasn, {counts}
          FROM ipasn_kelompok_tahun p WHERE {where} GROUP BY 1 ORDER BY 1"""


def tren(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """One row per measurement year: pegawai, lengkap, rata_ipasn and the category counts."""
    counts = ", ".join(f"sum(p.{k})::BIGINT AS {k}" for k in KATEGORI_KOLOM)
    return queries.run_sql(con, queries.splice(TREN, counts=counts), scope)


def kategori_frame(row: pd.Series) -> pd.DataFrame:
    """One group row of per_kelompok as one row per category: kategori, pegawai (complete records)
    and persen (the share of the complete records in each category)."""
    counts = pd.to_numeric(pd.Series([row[k] for k in KATEGORI_KOLOM]), errors="coerce")
    total = counts.sum()
    return pd.DataFrame(
        {"kategori": KATEGORI, "pegawai": counts, "persen": 100.0 * counts / total if total else float("nan")}
    )


HILANG = [f"hilang_{s}" for s in LOST]


def kehilangan_frame(df: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """The rows of a per_kelompok frame the points-lost chart shows (the `top` largest total losses),
    largest first, as the chart stacks them top down: kode, nama, lengkap and hilang_<slot>."""
    d = df.assign(_hilang=df[HILANG].sum(axis=1)).sort_values("_hilang")
    if top:
        d = d.tail(top)
    return d.iloc[::-1][["kode", "nama", "lengkap", *HILANG]].reset_index(drop=True)


# --- what-if -----------------------------------------------------------------------------------


def window(rules: Rules, tahun: int) -> tuple[int, int]:
    """(first, last) whole year of the look-back window of measurement year `tahun` (jendela: its dates)."""
    return tahun - rules.ipasn.jendela_tahun + 1, tahun


@dataclass(frozen=True)
class Jendela:
    """The look-back window of a measure taken as of a date: the `n` years ending on `akhir` (31 Dec of a
    whole year; the reference date in the running year), i.e. after `awal`. In the running year it
    reaches into year `dari` - 1 (`sisa`), whose part after that year's cut-off counts
    (jp_pegawai_tahun: the whole year less its _sd columns)."""

    dari: int  # first whole (or running) year of the window
    sisa: bool
    awal: date  # exclusive
    akhir: date  # inclusive

    @property
    def teks(self) -> str:
        """'2025–2026' for whole years, '1 Okt 2024–30 Sep 2026' for a window ending on another day."""
        from analytics import fmt

        if not self.sisa:
            return f"{self.dari}–{self.akhir.year}" if self.dari < self.akhir.year else str(self.akhir.year)
        return f"{fmt.tanggal(self.awal + timedelta(days=1))}–{fmt.tanggal(self.akhir)}"


def jendela(n: int, tahun: int, ref: date) -> Jendela:
    """The `n`-year window of year `tahun` as of its last day, or of the reference date `ref` when `tahun`
    is the running year: a measure as of a date looks back the same length of time on any date."""
    akhir = min(date(tahun, 12, 31), ref) if tahun == ref.year else date(tahun, 12, 31)
    awal = dimensions.batas(tahun - n, akhir)
    return Jendela(dari=tahun - n + 1, sisa=akhir.month != 12 or akhir.day != 31, awal=awal, akhir=akhir)


def first_year(rules: Rules) -> int:
    """The first measurement year whose whole window lies within the JP summary."""
    return dimensions.FIRST_YEAR + rules.ipasn.jendela_tahun - 1
