"""Every setting of the product, declared once: (name, environment variable, default, help).

The README documents each one (tests/test_docs.py checks it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETTINGS: tuple[tuple[str, str, str, str], ...] = (
    ("db_path", "SMARTASN_DB", str(ROOT / "data" / "smartasn.duckdb"), "Berkas DuckDB yang dipakai dasbor dan CLI."),
    (
        "rules_path",
        "SMARTASN_RULES",
        str(ROOT / "analytics" / "rules" / "default.toml"),
        "Berkas aturan (TOML) yang dipakai untuk penilaian.",
    ),
    (
        "demo_employees",
        "SMARTASN_DEMO_PEGAWAI",
        "100000",
        "Jumlah pegawai data demo yang dibangun saat basis data belum ada.",
    ),
    ("demo_seed", "SMARTASN_DEMO_SEED", "1", "Seed generator data demo."),
    ("memory_limit", "SMARTASN_MEMORY_LIMIT", "2.5GB", "Batas memori DuckDB per proses."),
    ("session_minutes", "SMARTASN_SESI_MENIT", "30", "Menit tanpa aktivitas sebelum sesi dasbor berakhir."),
    ("upload_mb", "SMARTASN_MAKS_UNGGAH_MB", "200", "Batas ukuran satu berkas yang diunggah di halaman Impor (MB)."),
    # What an import file may make the reader allocate (analytics.importer.batas): checked on what the
    # file declares before it is read; the defaults sit above any real SIASN/SIMPEG export.
    (
        "impor_terurai_mb",
        "SMARTASN_IMPOR_MAKS_TERURAI_MB",
        "1024",
        "Batas ukuran isi terurai (uncompressed) satu berkas ZIP atau XLSX yang diimpor (MB).",
    ),
    (
        "impor_baris",
        "SMARTASN_IMPOR_MAKS_BARIS",
        "1048576",
        "Batas baris satu lembar kerja atau berkas JSON yang diimpor (bawaan: batas lembar Excel).",
    ),
    ("impor_kolom", "SMARTASN_IMPOR_MAKS_KOLOM", "1000", "Batas jumlah kolom satu berkas yang diimpor."),
    (
        "impor_sel",
        "SMARTASN_IMPOR_MAKS_SEL",
        "32767",
        "Batas jumlah karakter satu sel berkas yang diimpor (bawaan: batas sel Excel).",
    ),
    (
        "impor_memori_mb",
        "SMARTASN_IMPOR_MEMORI_MB",
        "6144",
        "Batas memori (ruang alamat) proses terpisah yang membaca berkas impor (MB); bila terlampaui berkas "
        "ditolak, dasbor tetap berjalan.",
    ),
    (
        "impor_waktu",
        "SMARTASN_IMPOR_WAKTU_DETIK",
        "1800",
        "Batas waktu proses terpisah yang membaca satu berkas impor (detik).",
    ),
    # A setting, not a rule: no regulation sets the small-cell threshold (it is the agency's disclosure
    # policy, like its session length), it changes what a role may see and no score, so changing it must
    # neither move the rules' fingerprint (a rebuild of every summary) nor the rules' version on reports.
    (
        "min_sel",
        "SMARTASN_MIN_SEL",
        "10",
        "Kelompok dengan pegawai kurang dari ini tidak ditampilkan angkanya untuk peran selain admin.",
    ),
    # Also policy, not regulation: a compliance rate on few people moves by whole points with one person
    # (1/30 = 3,3 points; at 50 % the standard error of a rate on 30 is ±9 points, on 10 ±16), so a
    # "furthest behind" list ranks only groups at least this large. Distinct from min_sel, which hides
    # figures; this one only decides who may be called lowest.
    (
        "min_peringkat",
        "SMARTASN_MIN_PERINGKAT",
        "30",
        'Kelompok dengan pegawai kurang dari ini tidak diperingkat dalam daftar "paling tertinggal" paket briefing.',
    ),
    (
        "chromium",
        "SMARTASN_CHROMIUM",
        "",
        "Program Chromium/Chrome untuk gambar grafik PNG/SVG/PDF (kosong: dicari di PATH).",
    ),
    (
        "sso_provider",
        "SMARTASN_SSO_PENYEDIA",
        "",
        "Nama penyedia SSO di `[auth.NAMA]` secrets.toml (kosong: bagian `[auth]` itu sendiri).",
    ),
    (
        "replika",
        "SMARTASN_REPLIKA",
        "",
        "Snapshot yang diterbitkan penulis (`python -m analytics publish-snapshot`): bila diisi, dasbor ini replika "
        "baca-saja atasnya dan SMARTASN_DB menjadi berkasnya sendiri (log audit, status login).",
    ),
    (
        "terbitkan",
        "SMARTASN_TERBITKAN",
        "",
        "Di penulis: setelah setiap impor, terbitkan snapshot ke berkas ini untuk replika (kosong: tidak).",
    ),
    (
        "geojson",
        "SMARTASN_GEOJSON",
        "",
        "Berkas GeoJSON batas 38 provinsi berkode Kemendagri untuk peta pilihan (kosong: hanya peta petak).",
    ),
    (
        "geojson_atribusi",
        "SMARTASN_GEOJSON_ATRIBUSI",
        "",
        "Teks atribusi berkas batas wilayah, ditampilkan di bawah peta (lisensi data batas).",
    ),
)


@dataclass(frozen=True)
class Settings:
    """Resolved settings: environment first, then the defaults above."""

    db_path: Path
    rules_path: Path
    demo_employees: int
    demo_seed: int
    memory_limit: str
    session_minutes: int
    upload_mb: int
    impor_terurai_mb: int
    impor_baris: int
    impor_kolom: int
    impor_sel: int
    impor_memori_mb: int
    impor_waktu: int
    min_sel: int
    min_peringkat: int
    chromium: str
    sso_provider: str
    replika: str
    terbitkan: str
    geojson: str
    geojson_atribusi: str


def load_settings() -> Settings:
    """Read every setting from the environment, falling back to its default."""
    raw = {name: os.environ.get(env, default) for name, env, default, _ in SETTINGS}
    return Settings(
        db_path=Path(raw["db_path"]),
        rules_path=Path(raw["rules_path"]),
        demo_employees=int(raw["demo_employees"]),
        demo_seed=int(raw["demo_seed"]),
        memory_limit=raw["memory_limit"],
        session_minutes=int(raw["session_minutes"]),
        upload_mb=int(raw["upload_mb"]),
        impor_terurai_mb=int(raw["impor_terurai_mb"]),
        impor_baris=int(raw["impor_baris"]),
        impor_kolom=int(raw["impor_kolom"]),
        impor_sel=int(raw["impor_sel"]),
        impor_memori_mb=int(raw["impor_memori_mb"]),
        impor_waktu=int(raw["impor_waktu"]),
        min_sel=int(raw["min_sel"]),
        min_peringkat=int(raw["min_peringkat"]),
        chromium=raw["chromium"],
        sso_provider=raw["sso_provider"],
        replika=raw["replika"],
        terbitkan=raw["terbitkan"],
        geojson=raw["geojson"],
        geojson_atribusi=raw["geojson_atribusi"],
    )
