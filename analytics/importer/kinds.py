"""The importable data kinds: required columns, validation checks and the typed target rows.

Checks and target expressions are SQL over `imp_src` (one text column per canonical name, NULL
when absent) using the macros in analytics/importer/macros.sql. Each check is
(column, condition that marks the row bad, reason in Bahasa Indonesia).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analytics.importer.read import normalise

ALIASES = Path(__file__).parent / "aliases.csv"
FUTURE = "tanggal di masa depan (setelah tanggal impor)"


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    required: tuple[tuple[str, ...], ...]  # every group needs one of its columns
    checks: tuple[tuple[str, str, str], ...]
    select: str  # SELECT list producing the target table's columns
    key: tuple[str, ...]  # target columns that identify a record
    by_nip: bool = True  # rows refer to an employee by NIP
    extra: tuple[str, ...] = field(default=())  # optional canonical columns the SQL reads


@cache
def aliases() -> dict[str, dict[str, str]]:
    """kind -> {normalised header: canonical column} (the "*" rows apply to every kind)."""
    out: dict[str, dict[str, str]] = {}
    with ALIASES.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    for r in rows:
        out.setdefault(r["kind"], {}).setdefault(normalise(r["alias"]), r["kolom"])
    shared = out.pop("*")
    return {k.name: {**shared, **out.get(k.name, {})} for k in KINDS.values()}


def date_checks(*cols: str, future_ok: tuple[str, ...] = ()) -> tuple[tuple[str, str, str], ...]:
    """Each date must be readable and, unless listed in future_ok, not after the import day."""
    out = []
    for c in cols:
        out.append(
            (
                c,
                f"{c} IS NOT NULL AND imp_date({c}) IS NULL",
                "'format tanggal tidak dikenal (pakai dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd atau nomor seri Excel)'",
            )
        )
        if c not in future_ok:
            out.append((c, f"imp_date({c}) > current_date", f"'{FUTURE}'"))
    return tuple(out)


def required(*cols: str) -> tuple[tuple[str, str, str], ...]:
    return tuple((c, f"{c} IS NULL", "'wajib diisi'") for c in cols)


def code_check(col: str, expr: str, table: str, what: str) -> tuple[str, str, str]:
    return (
        col,
        f"{col} IS NOT NULL AND (({expr}) IS NULL OR ({expr}) NOT IN (SELECT id FROM {table}))",
        f"'kode {what} tidak dikenal'",
    )


# the TMT a row gives, else the one its NIP carries (PNS: year and month; PPPK: year)
_TMT = (
    "coalesce(imp_date(tmt_cpns), try_strptime(substr(nip, 9, 4) || CASE WHEN imp_jenis_pegawai("
    "jenis_pegawai) = 'PPPK' THEN '01' ELSE substr(nip, 13, 2) END || '01', '%Y%m%d')::DATE)"
)


def plausible_age() -> tuple[tuple[str, str, str], ...]:
    """A birth date that makes the employee too young or too old at the TMT, or too old today while
    still active, is a wrong date (bounds in the rules file [impor])."""
    lahir = "imp_date(tanggal_lahir)"
    aktif = "coalesce(upper(kedudukan), 'AKTIF') LIKE 'AKTIF%'"
    return (
        (
            "tanggal_lahir",
            # age outside [min, max] at the TMT, in date arithmetic (no text formatting per row)
            f"{_TMT} < {lahir} + to_years(getvariable('usia_min_saat_tmt')) "
            f"OR {_TMT} >= {lahir} + to_years(getvariable('usia_maks') + 1)",
            "'umur saat TMT CPNS/PPPK tidak wajar (harus ' || getvariable('usia_min_saat_tmt') || '-' "
            "|| getvariable('usia_maks') || ' tahun); periksa tanggal lahir dan TMT'",
        ),
        (
            "tanggal_lahir",
            f"{aktif} AND {lahir} < current_date - to_years(getvariable('usia_maks'))",
            "'pegawai aktif berumur lebih dari ' || getvariable('usia_maks') || ' tahun; periksa tanggal lahir'",
        ),
    )


def plausible_activity(col: str) -> tuple[tuple[str, str, str], ...]:
    """An activity dated long before the employee's TMT, or before their teens, is a wrong date
    (the employee's birth date `_lahir` and TMT `_tmt` come from the pegawai table)."""
    when = f"imp_date({col})"
    return (
        (
            col,
            f"{when} < _tmt - to_years(getvariable('kegiatan_sebelum_tmt_tahun'))",
            "'tanggal kegiatan lebih dari ' || getvariable('kegiatan_sebelum_tmt_tahun') "
            "|| ' tahun sebelum TMT CPNS/PPPK pegawai (' || strftime(_tmt, '%d-%m-%Y') || '); periksa tanggalnya'",
        ),
        (
            col,
            f"{when} < _lahir + to_years(getvariable('kegiatan_usia_min'))",
            "'tanggal kegiatan sebelum pegawai berumur ' || getvariable('kegiatan_usia_min') "
            "|| ' tahun; periksa tanggalnya'",
        ),
    )


PEGAWAI = Kind(
    name="pegawai",
    table="pegawai",
    required=(("nip",), ("tanggal_lahir",), ("jenis_kelamin",)),
    key=("nip",),
    by_nip=False,
    checks=(
        *required("tanggal_lahir", "jenis_kelamin"),
        *date_checks("tanggal_lahir", "tmt_cpns"),
        (
            "jenis_kelamin",
            "jenis_kelamin IS NOT NULL AND imp_sex(jenis_kelamin) IS NULL",
            "'jenis kelamin harus L/P (atau Laki-laki/Perempuan, M/F)'",
        ),
        (
            "nip",
            "imp_nip_problem(nip, imp_date(tanggal_lahir), imp_date(tmt_cpns), "
            "imp_sex(jenis_kelamin), imp_jenis_pegawai(jenis_pegawai)) IS NOT NULL",
            "imp_nip_problem(nip, imp_date(tanggal_lahir), imp_date(tmt_cpns), "
            "imp_sex(jenis_kelamin), imp_jenis_pegawai(jenis_pegawai))",
        ),
        *plausible_age(),
        code_check("golongan_id", "imp_int(golongan_id)", "ref_golongan", "golongan"),
        code_check("pendidikan_id", "imp_int(pendidikan_id)", "ref_pendidikan", "tingkat pendidikan"),
        code_check("eselon_id", "imp_int(eselon_id)", "ref_eselon", "eselon"),
        (
            "jenis_jabatan_id",
            "jenis_jabatan_id IS NOT NULL AND coalesce(imp_int(jenis_jabatan_id), 0) NOT IN (1, 2, 3, 4)",
            "'kode jenis jabatan tidak dikenal (1 struktural, 2 fungsional tertentu, 3 rangkap, 4 pelaksana)'",
        ),
        (
            "eselon_id",
            "imp_int(jenis_jabatan_id) = 1 AND imp_int(eselon_id) IS NULL",
            "'jabatan struktural tanpa ESELON ID'",
        ),
        (
            "lokasi_kerja",
            "lokasi_kerja IS NOT NULL AND imp_kabkota(lokasi_kerja) IS NULL",
            "'lokasi kerja tidak cocok dengan kabupaten/kota mana pun; yang paling mirip: ' "
            "|| imp_kabkota_mirip(lokasi_kerja)",
        ),
    ),
    select="""
        nip,
        nullif(trim(concat_ws(' ', gelar_depan, nama, CASE WHEN gelar_belakang IS NOT NULL
                                                     THEN ', ' || gelar_belakang END)), '') AS nama,
        imp_date(tanggal_lahir) AS tanggal_lahir, imp_sex(jenis_kelamin) AS jenis_kelamin,
        imp_jenis_pegawai(jenis_pegawai) AS jenis_pegawai, imp_date(tmt_cpns) AS tmt_cpns,
        imp_int(golongan_id)::SMALLINT AS golongan_id,
        CASE WHEN imp_int(eselon_id) IS NOT NULL
                  THEN (SELECT jenis_jabatan FROM ref_eselon WHERE id = imp_int(eselon_id))
             WHEN imp_int(jenis_jabatan_id) IN (2, 3) THEN 'fungsional'
             WHEN imp_int(jenis_jabatan_id) = 4 THEN 'pelaksana' END AS jenis_jabatan,
        imp_int(eselon_id)::SMALLINT AS eselon_id, jabatan_nama,
        imp_int(pendidikan_id)::SMALLINT AS pendidikan_id,
        unor_id AS unor_siasn, unor_nama, coalesce(instansi_nama, instansi_induk) AS instansi_nama,
        imp_kabkota(lokasi_kerja) AS kabkota_kode, coalesce(kedudukan, 'Aktif') AS kedudukan
    """,
    extra=(
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_pegawai",
        "tmt_cpns",
        "golongan_id",
        "jenis_jabatan_id",
        "eselon_id",
        "jabatan_nama",
        "pendidikan_id",
        "unor_id",
        "unor_nama",
        "instansi_nama",
        "instansi_induk",
        "lokasi_kerja",
        "kedudukan",
    ),
)

PENGEMBANGAN = Kind(
    name="pengembangan",
    table="pengembangan",
    required=(("nip",), ("jenis_diklat_id", "latihan_struktural_id"), ("tanggal_mulai",), ("jp",)),
    key=("pegawai_key", "jenis_diklat_id", "tanggal_mulai", "coalesce(no_sertifikat, nama)"),
    checks=(
        *required("tanggal_mulai", "jp"),
        *date_checks("tanggal_mulai", "tanggal_selesai"),
        code_check("jenis_diklat_id", "imp_int(jenis_diklat_id)", "ref_jenis_diklat", "jenis diklat"),
        code_check(
            "latihan_struktural_id", "imp_int(latihan_struktural_id)", "ref_latihan_struktural", "latihan struktural"
        ),
        ("jenis_diklat_id", "jenis_diklat_id IS NULL AND latihan_struktural_id IS NULL", "'wajib diisi'"),
        (
            "tanggal_selesai",
            "imp_date(tanggal_selesai) < imp_date(tanggal_mulai)",
            "'tanggal selesai sebelum tanggal mulai'",
        ),
        *plausible_activity("tanggal_mulai"),
        ("jp", "jp IS NOT NULL AND imp_num(jp) IS NULL", "'JP bukan angka'"),
        ("jp", "imp_num(jp) <= 0", "'JP harus lebih dari 0'"),
        (
            "jp",
            "imp_num(jp) > getvariable('jp_maks_per_hari') * (coalesce(date_diff('day', "
            "imp_date(tanggal_mulai), imp_date(tanggal_selesai)), 0) + 1)",
            "'JP per hari melebihi ' || getvariable('jp_maks_per_hari') || ' (lebih dari 24 jam sehari)'",
        ),
    ),
    select="""
        coalesce(imp_int(jenis_diklat_id),
                 CASE WHEN latihan_struktural_id IS NOT NULL THEN 1 END)::SMALLINT AS jenis_diklat_id,
        coalesce(nama, jenis_diklat_nama) AS nama, penyelenggara,
        imp_date(tanggal_mulai) AS tanggal_mulai, imp_date(tanggal_selesai) AS tanggal_selesai,
        imp_num(jp) AS jp_klaim, no_sertifikat,
        imp_int(latihan_struktural_id)::SMALLINT AS latihan_struktural_id
    """,
    extra=(
        "jenis_diklat_id",
        "jenis_diklat_nama",
        "nama",
        "penyelenggara",
        "tanggal_selesai",
        "no_sertifikat",
        "latihan_struktural_id",
    ),
)

SKP = Kind(
    name="skp",
    table="skp",
    required=(("nip",), ("tahun",), ("nilai_skp", "kuadran")),
    key=("pegawai_key", "tahun"),
    checks=(
        *required("tahun"),
        (
            "tahun",
            "tahun IS NOT NULL AND (imp_int(tahun) IS NULL OR imp_int(tahun) NOT BETWEEN 2000 AND year(current_date))",
            "'tahun tidak sah'",
        ),
        (
            "nilai_skp",
            "nilai_skp IS NOT NULL AND (imp_num(nilai_skp) IS NULL OR imp_num(nilai_skp) NOT BETWEEN 0 AND 100)",
            "'nilai SKP harus angka 0-100'",
        ),
        (
            "kuadran",
            "kuadran IS NOT NULL AND imp_kuadran(kuadran) IS NULL",
            "'kuadran kinerja tidak dikenal (SANGAT BAIK, BAIK, BUTUH PERBAIKAN, KURANG, SANGAT KURANG atau 1-5)'",
        ),
        ("kuadran", "nilai_skp IS NULL AND kuadran IS NULL", "'nilai SKP atau kuadran kinerja wajib diisi'"),
    ),
    select="""
        imp_int(tahun)::SMALLINT AS tahun, imp_num(nilai_skp) AS nilai_skp,
        imp_kuadran(kuadran)::SMALLINT AS kuadran_id,
        coalesce(imp_kuadran(kuadran), imp_predikat_skp(imp_num(nilai_skp)))::SMALLINT AS predikat_id
    """,
    extra=("nilai_skp", "kuadran"),
)

HUKDIS = Kind(
    name="hukdis",
    table="hukdis",
    required=(("nip",), ("tingkat", "jenis_hukuman"), ("tanggal_mulai",)),
    key=("pegawai_key", "tanggal_mulai", "tingkat"),
    checks=(
        *required("tanggal_mulai"),
        *date_checks("tanggal_mulai", "tanggal_selesai", future_ok=("tanggal_selesai",)),
        (
            "jenis_hukuman",
            "jenis_hukuman IS NOT NULL AND imp_hukuman(jenis_hukuman) IS NULL",
            "'jenis hukuman tidak dikenal'",
        ),
        (
            "tingkat",
            "tingkat IS NOT NULL AND upper(tingkat) NOT IN ('R', 'S', 'B')",
            "'tingkat hukuman harus R, S atau B'",
        ),
        ("tingkat", "tingkat IS NULL AND jenis_hukuman IS NULL", "'tingkat atau jenis hukuman wajib diisi'"),
        (
            "tanggal_selesai",
            "imp_date(tanggal_selesai) < imp_date(tanggal_mulai)",
            "'tanggal akhir hukuman sebelum tanggal mulai'",
        ),
    ),
    select="""
        imp_hukuman(jenis_hukuman)::SMALLINT AS jenis_hukuman_id,
        coalesce(upper(tingkat), (SELECT tingkat FROM ref_jenis_hukuman
                                  WHERE id = imp_hukuman(jenis_hukuman))) AS tingkat,
        imp_date(tanggal_mulai) AS tanggal_mulai, imp_date(tanggal_selesai) AS tanggal_selesai
    """,
    extra=("jenis_hukuman", "tingkat", "tanggal_selesai"),
)

KINDS = {k.name: k for k in (PEGAWAI, PENGEMBANGAN, SKP, HUKDIS)}


def register(kind: Kind) -> None:
    """Add a kind (the Smart ASN indicator kinds register themselves in analytics.importer.indikator)."""
    KINDS[kind.name] = kind
    aliases.cache_clear()


def all_known_headers() -> set[str]:
    """Every normalised header any kind accepts (used to find the header row)."""
    return {h for m in aliases().values() for h in m}


def detect(headers: list[str]) -> tuple[str | None, list[str]]:
    """(kind, candidates): the one kind whose required columns the headers satisfy; when several
    do, the file is ambiguous (kind None) and they are all named."""
    norm = {normalise(h) for h in headers}
    fits = []
    for name, amap in aliases().items():
        present = {amap[h] for h in norm if h in amap}
        if all(any(c in present for c in group) for group in KINDS[name].required):
            fits.append(name)
    return (fits[0] if len(fits) == 1 else None), sorted(fits)


def nearest(headers: list[str]) -> str:
    """For a file no kind fits: the kind whose required columns it has most of, and what it lacks
    ('pegawai, tetapi kolom wajib tidak ada: tanggal_lahir'), or '' when it has none of any kind's."""
    norm = {normalise(h) for h in headers}
    best = (0, "", [])
    for name, amap in aliases().items():
        present = {amap[h] for h in norm if h in amap}
        groups = [g for g in KINDS[name].required if g != ("nip",)]  # every kind has a NIP
        have = sum(any(c in present for c in g) for g in groups)
        if have > best[0]:
            best = (have, name, [" atau ".join(g) for g in groups if not any(c in present for c in g)])
    return f"{best[1]}, tetapi kolom wajib tidak ada: {', '.join(best[2])}" if best[0] else ""
