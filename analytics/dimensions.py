"""The dimensions every measure is cut by, in one place: the years the summaries cover, the data's
reference date, and the grouping levels (their SQL key, the lookup naming a key, their Indonesian
label, and which summaries can be grouped by them).

Percent convention: every share in an analytics result is a percentage 0–100 (column names start
with `persen_`, `cakupan_` or `mix_`, or are `persen`); displays format it with analytics.fmt.persen.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

import duckdb

# the first year the summaries are built for (the JP summary, and every yearly figure reading it)
FIRST_YEAR = 2020


def reference_date(con: duckdb.DuckDBPyConnection) -> date:
    """The date the data is as of: meta 'data_per' (the demo's date), else the day of the last import (an
    export is a snapshot of the day it was loaded), else today."""
    from analytics import db

    meta = db.get_meta(con)
    value = meta.get("data_per") or meta.get("impor_terakhir")
    return date.fromisoformat(value[:10]) if value else date.today()


def tanggal_impor(con: duckdb.DuckDBPyConnection) -> date:
    """The date a file being imported is as of: meta 'data_per' when the database records one, else today
    (the day it is loaded: the import records it, and it becomes the reference date)."""
    from analytics import db

    value = db.get_meta(con).get("data_per")
    return date.fromisoformat(value) if value else date.today()


def batas(tahun: int, ref: date) -> date:
    """Year `tahun`'s day of the reference date: the cut-off of its like-for-like figures (the running year
    to date is compared with other years to the same day; 29 Feb becomes 28 Feb in other years)."""
    return date(tahun, ref.month, min(ref.day, calendar.monthrange(tahun, ref.month)[1]))


@dataclass(frozen=True)
class TahunLalu:
    """What a figure of year `tahun` is compared with (the year before). `sampai`: the cut-off of both
    years for a measure that accumulates over the year (JP, compliance, activity counts) when `tahun`
    is the running year and not yet whole, else None (whole years). `per_ini` / `per_lalu`: the dates
    each side is as of, for a measure that does not accumulate (IP ASN, Smart ASN)."""

    tahun: int
    sampai: date | None
    per_ini: date
    per_lalu: date

    @property
    def lalu(self) -> int:
        return self.tahun - 1

    def label(self, akumulasi: bool = True) -> str:
        """'dibanding s.d. 30 Sep 2025' (accumulating, running year), 'dibanding 31 Des 2025' (a measure
        as of a date, running year) or 'dibanding 2025' (whole years)."""
        from analytics import fmt

        if self.sampai is None:
            return f"dibanding {self.lalu}"
        if akumulasi:
            return f"dibanding s.d. {fmt.tanggal(batas(self.lalu, self.sampai))}"
        return f"dibanding {fmt.tanggal(self.per_lalu)}"

    def judul(self, akumulasi: bool = True) -> str:
        """The change in a title: 's.d. 30 Sep 2025 → s.d. 30 Sep 2026', '31 Des 2025 → 30 Sep 2026' or
        '2025 → 2026'."""
        from analytics import fmt

        if self.sampai is None:
            return f"{self.lalu}→{self.tahun}"
        if akumulasi:
            return f"s.d. {fmt.tanggal(batas(self.lalu, self.sampai))} → s.d. {fmt.tanggal(self.sampai)}"
        return f"{fmt.tanggal(self.per_lalu)} → {fmt.tanggal(self.per_ini)}"

    def periode(self, akumulasi: bool = True) -> str:
        """This side of the comparison in words: '2026 s.d. 30 Sep' (accumulating, running year), 'per 30 Sep
        2026' (as of a date, running year) or '2026'."""
        from analytics import fmt

        if self.sampai is None:
            return str(self.tahun)
        return f"{self.tahun} s.d. {fmt.tanggal(self.sampai)[:-5]}" if akumulasi else f"per {fmt.tanggal(self.per_ini)}"

    def bintang(self, akumulasi: bool = True) -> str:
        """What the '*' on a running year's point of a yearly chart means: ' (* = s.d. 30 Sep 2026)' or
        ' (* = per 30 Sep 2026)'; '' when the year is whole."""
        from analytics import fmt

        if self.sampai is None:
            return ""
        return f" (* = {'s.d.' if akumulasi else 'per'} {fmt.tanggal(self.sampai)})"

    def catatan(self, tren, kolom: str, teks, akumulasi: bool = True) -> str | None:
        """The year before from a per-year frame (column tahun), as a KPI note: '42,0% s.d. 30 Sep 2025'
        (accumulating, running year: the frame's `kolom`_sd), '61,2 per 31 Des 2025' (as of a date) or
        '57,2% pada 2025' (whole years); None when the frame has no row for that year."""
        from analytics import fmt

        row = tren[tren["tahun"] == self.lalu]
        if row.empty:
            return None
        r = row.iloc[0]
        if self.sampai is None:
            return f"{teks(r[kolom])} pada {self.lalu}"
        if akumulasi:
            return f"{teks(r[kolom + '_sd'])} s.d. {fmt.tanggal(batas(self.lalu, self.sampai))}"
        return f"{teks(r[kolom])} per {fmt.tanggal(self.per_lalu)}"


def tahun_lalu(tahun: int, ref: date) -> TahunLalu:
    """The comparison of year `tahun` with the year before, given the data's reference date `ref`."""
    akhir = date(tahun, 12, 31)
    berjalan = tahun == ref.year and ref < akhir
    return TahunLalu(
        tahun=tahun,
        sampai=ref if berjalan else None,
        per_ini=ref if berjalan else akhir,
        per_lalu=date(tahun - 1, 12, 31),
    )


def data_year(con: duckdb.DuckDBPyConnection) -> int:
    """The year of the data's reference date: the running year of every page and report."""
    return reference_date(con).year


@dataclass(frozen=True)
class Level:
    """A grouping level. `key` is an SQL expression on the summary row aliased `p`; `names` a query
    giving (kode, nama) for each key; `label` what a group is called (the header of `nama`, and the
    level choosers' text); `by_id` when `kode` is a database id rather than a public code;
    `kelompok` when the additive group tables (IP ASN, Smart ASN) keep the key."""

    key: str
    names: str
    label: str
    by_id: bool = False
    kelompok: bool = True


def _fixed(pairs: list[tuple[str, str]]) -> str:
    kode = ", ".join(f"'{k}'" for k, _ in pairs)
    nama = ", ".join(f"'{n}'" for _, n in pairs)
    return f"SELECT unnest([{kode}]) AS kode, unnest([{nama}]) AS nama"


LEVELS: dict[str, Level] = {
    "unor": Level("p.unor_id::VARCHAR", "SELECT id::VARCHAR AS kode, nama FROM unor", "Unit kerja", by_id=True),
    "instansi": Level(
        "p.instansi_id::VARCHAR", "SELECT id::VARCHAR AS kode, nama FROM instansi", "Instansi", by_id=True
    ),
    "provinsi": Level("p.provinsi_kode", "SELECT kode, nama FROM provinsi", "Provinsi"),
    "kabkota": Level("p.kabkota_kode", "SELECT kode, nama FROM kabkota", "Kabupaten/kota"),
    "jenis_jabatan": Level("p.jenis_jabatan", "SELECT kode, nama FROM ref_jenis_jabatan", "Jenis jabatan"),
    "jenis_pegawai": Level("p.jenis_pegawai", _fixed([("PNS", "PNS"), ("PPPK", "PPPK")]), "PNS / PPPK"),
    "jenis_kelamin": Level(
        "p.jenis_kelamin", _fixed([("L", "Laki-laki"), ("P", "Perempuan")]), "Jenis kelamin", kelompok=False
    ),
    "golongan": Level(
        "CASE WHEN p.golongan_id >= 100 THEN 'PPPK' ELSE ['I', 'II', 'III', 'IV'][p.golongan_id // 10] END",
        _fixed([(g, f"Golongan {g}") for g in ("I", "II", "III", "IV")] + [("PPPK", "PPPK")]),
        "Golongan",
        kelompok=False,
    ),
    "nasional": Level("'ID'", "SELECT 'ID' AS kode, 'Nasional' AS nama", "Wilayah"),
}
# what a group is called at each level
TINGKAT = {name: level.label for name, level in LEVELS.items()}
# the levels the additive group tables serve (IP ASN, Smart ASN)
KELOMPOK = [name for name, level in LEVELS.items() if level.kelompok]
# the levels a report can be asked for: one row per employee, or per group of the group tables
REPORT = ["pegawai", *(name for name in KELOMPOK if name != "jenis_pegawai")]


def level(by: str, allowed: list[str] | None = None, *, what: str = "") -> Level:
    """The level named `by`, refused (ValueError naming the measure) when it is not one of `allowed`
    (every level by default): the one check before a level's SQL is spliced into a query."""
    if by not in (allowed if allowed is not None else LEVELS) or by not in LEVELS:
        raise ValueError(f"tingkat tidak didukung{' untuk ' + what if what else ''}: {by}")
    return LEVELS[by]
