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
        min_sel=int(raw["min_sel"]),
        min_peringkat=int(raw["min_peringkat"]),
        chromium=raw["chromium"],
        sso_provider=raw["sso_provider"],
        replika=raw["replika"],
        terbitkan=raw["terbitkan"],
        geojson=raw["geojson"],
        geojson_atribusi=raw["geojson_atribusi"],
    )
