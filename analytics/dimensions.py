"""The dimensions every measure is cut by, in one place: the years the summaries cover, the data's
reference date, and the grouping levels (their SQL key, the lookup naming a key, their Indonesian
label, and which summaries can be grouped by them).

Percent convention: every share in an analytics result is a percentage 0–100 (column names start
with `persen_`, `cakupan_` or `mix_`, or are `persen`); displays format it with analytics.fmt.persen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

# the first year the summaries are built for (the JP summary, and every yearly figure reading it)
FIRST_YEAR = 2020


def reference_date(con: duckdb.DuckDBPyConnection) -> date:
    """The date the data is as of (meta 'data_per'; today when none is recorded)."""
    from analytics import db

    value = db.get_meta(con).get("data_per")
    return date.fromisoformat(value) if value else date.today()


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
