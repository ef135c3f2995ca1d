"""The importable data kinds: required columns, validation checks and the typed target rows.

Checks and target expressions are SQL over `imp_src` (one text column per canonical name, NULL
when absent) using the macros in analytics/importer/macros.sql. Each check is
(column, condition that marks the row bad, reason in Bahasa Indonesia).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analytics.importer.read import normalise

ALIASES = Path(__file__).parent / "aliases.csv"
FUTURE = "tanggal di masa depan (setelah tanggal impor)"
# columns that identify a person, a code-list entry, a unit or a document: staged through imp_id (macros.sql), one
# rule for all, so an invisible character pasted with the value cannot make it another code. NIP and PNS ID are
# digits (hex) only and lose the separators between their groups too (imp_nip)
IDENTIFIERS = frozenset(
    {
        "nip",
        "pns_id",
        "golongan_id",
        "eselon_id",
        "pendidikan_id",
        "jenis_jabatan_id",
        "unor_id",
        "jenis_diklat_id",
        "latihan_struktural_id",
        "kode_kegiatan",
        "jenis_kursus_sertifikat",
        "no_sertifikat",
    }
)
DIGIT_IDS = frozenset({"nip", "pns_id"})


@dataclass(frozen=True)
class Kind:
    name: str
    table: str
    required: tuple[tuple[str, ...], ...]  # every group needs one of its columns
    checks: tuple[tuple[str, str, str], ...]
    select: str  # SELECT list producing the target table's columns
    key: tuple[str, ...]  # target columns that identify a record
    by_nip: bool = True  # rows refer to an employee by NIP, or by SIASN's person id (pns_id)
    extra: tuple[str, ...] = field(default=())  # optional canonical columns the SQL reads
    # (column, SQL or f(columns the file has) -> SQL) added to imp_src once, for the checks and the select
    derived: tuple[tuple[str, str | Callable[[set[str]], str]], ...] = field(default=())


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


# the first day of civil-service records (rules [impor] tanggal_awal, the Proclamation) and the last day a date
# that may lie ahead can carry: 31 December, rules [impor] tahun_ke_depan years after the import's year
AWAL = "getvariable('tanggal_awal')"
AKHIR_DEPAN = "make_date(year(current_date) + getvariable('tahun_ke_depan'), 12, 31)"


def date_checks(
    *cols: str, future_ok: tuple[str, ...] = (), since_founding: bool = True
) -> tuple[tuple[str, str, str], ...]:
    """Each date must be readable, not before the first day of civil-service records (unless since_founding is off:
    a birth date, bounded in plausible_age) and not after the import day; a date in future_ok (the end of a
    punishment still running) not after the end of the year rules [impor] tahun_ke_depan ahead. Such dates (a
    0001-01-01 placeholder, a mistyped 1500) are wrong, and Parquet readers such as Spark 3 fail on them."""
    out = []
    for c in cols:
        when = f"imp_date({c})"
        out.append(
            (
                c,
                f"{c} IS NOT NULL AND {when} IS NULL",
                "'format tanggal tidak dikenal (pakai dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd atau nomor seri Excel)'",
            )
        )
        last = AKHIR_DEPAN if c in future_ok else "current_date"
        late = (
            f"'tanggal terlalu jauh di masa depan (setelah ' || strftime({last}, '%d-%m-%Y') || '); periksa tanggalnya'"
            if c in future_ok
            else f"'{FUTURE}'"
        )
        if since_founding:  # one check for both ends: a scan of the file less
            out.append(
                (
                    c,
                    f"{when} NOT BETWEEN {AWAL} AND {last}",
                    f"CASE WHEN {when} < {AWAL} THEN 'tanggal sebelum ' || strftime({AWAL}, '%d-%m-%Y') "
                    "|| ' (Proklamasi): tidak ada catatan kepegawaian sebelum itu; periksa tanggalnya' "
                    f"ELSE {late} END",
                )
            )
        else:
            out.append((c, f"{when} > {last}", late))
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
    "coalesce(imp_date(tmt_cpns), try_strptime(substr(nip, 9, 4) || CASE WHEN imp_jenis("
    "jenis_pegawai, nip) = 'PPPK' THEN '01' ELSE substr(nip, 13, 2) END || '01', '%Y%m%d')::DATE)"
)


# the birth date a row gives, else the one its NIP carries
LAHIR = "coalesce(imp_date(tanggal_lahir), imp_lahir_nip(nip))"
# in service: the row's kedudukan hukum is Aktif, by name or by its SIASN kedudukanHukum id '01' (a file
# without the column lists employees in service)
AKTIF = "(coalesce(upper(trim(kedudukan)), 'AKTIF') LIKE 'AKTIF%' OR trim(kedudukan) IN ('01', '1'))"
# the employee an activity row names: by NIP, or (SIASN history responses) by person id
PERSON = ("nip", "pns_id")


def plausible_age() -> tuple[tuple[str, str, str], ...]:
    """A birth date that makes the employee too young or too old at the TMT, too old today while still active, or
    older than the oldest appointment age on the first day of civil-service records (whatever the TMT and
    kedudukan say: a 1500 birth date of a pensioner) is a wrong date (bounds in the rules file [impor])."""
    lahir = LAHIR
    return (
        (
            "tanggal_lahir",
            # the same bound as the age at the TMT, for a TMT on that first day
            f"{lahir} + to_years(getvariable('usia_maks') + 1) <= {AWAL}",
            f"'tanggal lahir tidak wajar: pada ' || strftime({AWAL}, '%d-%m-%Y') || ' (Proklamasi, awal catatan "
            "kepegawaian) umurnya sudah lebih dari ' || getvariable('usia_maks') || ' tahun; periksa tanggal lahir'",
        ),
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
            f"{AKTIF} AND {lahir} < current_date - to_years(getvariable('usia_maks'))",
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


# golongan and eselon (by id or by name) are each computed once per row (Kind.derived), then read by the
# checks and the select: their name lookups are joins DuckDB would otherwise run once per use
GOLONGAN = "_gol"
ESELON = "_es"
# the job type a row gives: by its eselon, else by SIASN's jenis jabatan id (2 fungsional tertentu, 3 rangkap: the
# functional post; 4 pelaksana); a structural official whose eselon the file does not give has none
JENIS_JABATAN = (
    f"CASE WHEN {ESELON} IS NOT NULL THEN (SELECT jenis_jabatan FROM ref_eselon WHERE id = {ESELON}) "
    "WHEN imp_int(jenis_jabatan_id) IN (2, 3) THEN 'fungsional' WHEN imp_int(jenis_jabatan_id) = 4 THEN 'pelaksana' END"
)


def plausible_bup() -> tuple[tuple[str, str, str], ...]:
    """An employee in service (kedudukan Aktif) who reached the retirement age (BUP) of their post before the month
    of the data's reference date is implausible: retired (the pension runs from the first of the next month) or a
    wrong birth date or post. Ages from the rules file [bup]; a row whose job type is unknown is not judged."""
    bup = f"imp_bup({JENIS_JABATAN}, jabatan_nama)"
    bulan_data = "date_trunc('month', getvariable('tanggal_data'))"
    jabatan = f"(SELECT nama FROM ref_jenis_jabatan WHERE kode = {JENIS_JABATAN}) || coalesce(': ' || jabatan_nama, '')"
    return (
        (
            "tanggal_lahir",
            # the post's BUP is looked up only for an employee past the lowest BUP (a CASE, so in that order)
            f"CASE WHEN {AKTIF} AND {LAHIR} + to_years(getvariable('bup_min')) < {bulan_data} "
            f"THEN {LAHIR} + to_years({bup}) < {bulan_data} ELSE FALSE END",
            f"'pegawai berkedudukan Aktif sudah mencapai batas usia pensiun (BUP ' || {bup} || ' tahun, ' || {jabatan} "
            f"|| ') pada ' || strftime({LAHIR} + to_years({bup}), '%d-%m-%Y') || ', sebelum bulan data per ' "
            "|| strftime(getvariable('tanggal_data'), '%d-%m-%Y') || '; perbarui kedudukan hukumnya (mis. Mencapai BUP "
            "atau Pensiun) atau periksa tanggal lahir dan jabatannya'",
        ),
    )


PEGAWAI = Kind(
    name="pegawai",
    table="pegawai",
    # birth date and sex may be missing: the NIP carries both (the row is marked as derived). Besides a name,
    # an employee list has at least one fact about the post, so a list of names with JP totals is not one
    required=(
        ("nip",),
        ("nama", "tanggal_lahir", "jenis_kelamin"),
        (
            "tanggal_lahir",
            "jenis_kelamin",
            "tmt_cpns",
            "golongan_id",
            "golongan_nama",
            "jenis_jabatan_id",
            "eselon_id",
            "pendidikan_id",
            "unor_id",
            "unor_nama",
            "lokasi_kerja",
            "instansi_nama",
            "jenis_pegawai",
            "pns_id",
        ),
    ),
    key=("nip",),
    by_nip=False,
    derived=(
        ("_gol", "imp_golongan(golongan_id, golongan_nama, imp_jenis(jenis_pegawai, nip))"),
        ("_es", "imp_eselon(eselon_id, eselon_nama)"),
        ("_pid", "imp_pns_id(pns_id)"),
    ),
    checks=(
        *date_checks("tanggal_lahir", since_founding=False),
        *date_checks("tmt_cpns"),
        (
            "jenis_kelamin",
            "jenis_kelamin IS NOT NULL AND imp_sex(jenis_kelamin) IS NULL",
            "'jenis kelamin harus L/P (atau Laki-laki/Perempuan, M/F)'",
        ),
        (
            "nip",
            "imp_nip_problem(nip, imp_date(tanggal_lahir), imp_date(tmt_cpns), "
            "imp_sex(jenis_kelamin), imp_jenis(jenis_pegawai, nip)) IS NOT NULL",
            "imp_nip_problem(nip, imp_date(tanggal_lahir), imp_date(tmt_cpns), "
            "imp_sex(jenis_kelamin), imp_jenis(jenis_pegawai, nip))",
        ),
        *plausible_age(),
        *plausible_bup(),
        code_check("golongan_id", GOLONGAN, "ref_golongan", "golongan"),
        (
            "golongan_nama",
            f"golongan_id IS NULL AND golongan_nama IS NOT NULL AND {GOLONGAN} IS NULL",
            "'golongan tidak dikenal (mis. III/a; PPPK: I-XVII)'",
        ),
        code_check("pendidikan_id", "imp_int(pendidikan_id)", "ref_pendidikan", "tingkat pendidikan"),
        (
            "eselon_id",
            "eselon_id IS NOT NULL AND coalesce(imp_int(eselon_id) NOT IN (0, 99), TRUE) AND "
            "(imp_int(eselon_id) IS NULL OR imp_int(eselon_id) NOT IN (SELECT id FROM ref_eselon))",
            "'kode eselon tidak dikenal'",
        ),
        (
            "eselon_nama",
            f"eselon_id IS NULL AND eselon_nama IS NOT NULL AND {ESELON} IS NULL "
            "AND upper(trim(eselon_nama)) NOT IN ('NON', 'NON ESELON', '-')",
            "'eselon tidak dikenal (mis. II.b, III.a, IV.a)'",
        ),
        ("pns_id", "pns_id IS NOT NULL AND _pid IS NULL", "'PNS ID (ID orang SIASN) harus 32 karakter heksadesimal'"),
        (
            "jenis_jabatan_id",
            "jenis_jabatan_id IS NOT NULL AND coalesce(imp_int(jenis_jabatan_id), 0) NOT IN (1, 2, 3, 4)",
            "'kode jenis jabatan tidak dikenal (1 struktural, 2 fungsional tertentu, 3 rangkap, 4 pelaksana)'",
        ),
        (
            "lokasi_kerja",
            "lokasi_kerja IS NOT NULL AND imp_kabkota(lokasi_kerja) IS NULL",
            "'lokasi kerja tidak cocok dengan kabupaten/kota mana pun; yang paling mirip: ' "
            "|| imp_kabkota_mirip(lokasi_kerja)",
        ),
    ),
    select=f"""
        nip, _pid AS pns_id,
        nullif(concat_ws(',', CASE WHEN imp_date(tanggal_lahir) IS NULL THEN 'tanggal_lahir' END,
                         CASE WHEN imp_sex(jenis_kelamin) IS NULL THEN 'jenis_kelamin' END), '') AS turunan,
        -- 'Drs. Bambang Wicaksono, M.Si.'
        nullif(trim(concat_ws(' ', gelar_depan, nama) || coalesce(', ' || gelar_belakang, '')), '') AS nama,
        coalesce(imp_date(tanggal_lahir), imp_lahir_nip(nip)) AS tanggal_lahir,
        coalesce(imp_sex(jenis_kelamin), imp_sex_nip(nip)) AS jenis_kelamin,
        imp_jenis(jenis_pegawai, nip) AS jenis_pegawai, imp_date(tmt_cpns) AS tmt_cpns,
        ({GOLONGAN})::SMALLINT AS golongan_id,
        -- a structural official whose eselon the file does not give has an unknown job type (said in the summary)
        {JENIS_JABATAN} AS jenis_jabatan,
        {ESELON}::SMALLINT AS eselon_id, imp_int(jenis_jabatan_id) AS _jj, jabatan_nama,
        imp_int(pendidikan_id)::SMALLINT AS pendidikan_id,
        unor_id AS unor_siasn, unor_nama, coalesce(instansi_nama, instansi_induk) AS instansi_nama,
        imp_kabkota(lokasi_kerja) AS kabkota_kode, coalesce(kedudukan, 'Aktif') AS kedudukan
    """,
    extra=(
        "pns_id",
        "nama",
        "gelar_depan",
        "gelar_belakang",
        "jenis_pegawai",
        "tmt_cpns",
        "golongan_id",
        "golongan_nama",
        "jenis_jabatan_id",
        "eselon_id",
        "eselon_nama",
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

STRUKTURAL = "getvariable('jenis_diklat_struktural')"  # the rules' [siasn] id, set by engine._prepare

# the SIASN jenisDiklatId of an activity row: given; Diklat Struktural when a latihanStrukturalId is given;
# from an agency's activity code (BPS A1..C11) or a kind's name ('Teknis', 'Seminar'); or, for SIASN's
# legacy rows without an id, from jenisKursusSertifikat and the activity's name (analytics/importer/jenis.csv)
_JENIS_PARTS = (
    ("jenis_diklat_id", "imp_int(jenis_diklat_id)"),
    ("latihan_struktural_id", f"CASE WHEN latihan_struktural_id IS NOT NULL THEN {STRUKTURAL} END"),
    ("kode_kegiatan", "imp_jenis_kode(kode_kegiatan)"),
    ("jenis_diklat_nama", "imp_jenis_nama(jenis_diklat_nama)"),
    ("jenis_kursus_sertifikat", "imp_jenis_sertifikat(jenis_kursus_sertifikat, coalesce(nama, jenis_diklat_nama))"),
)


def JENIS_SQL(present: set[str]) -> str:  # noqa: N802 (reads as the SQL constant it stands for)
    """The parts for the columns the file has (a lookup on a column that is not there still costs a join)."""
    parts = [sql for col, sql in _JENIS_PARTS if col in present]
    return f"coalesce({', '.join(parts)})" if parts else "NULL::INTEGER"


JENIS = "_jenis"  # computed once per row (JENIS_SQL), then read by the checks and the select

PENGEMBANGAN = Kind(
    name="pengembangan",
    table="pengembangan",
    required=(
        PERSON,
        ("jenis_diklat_id", "latihan_struktural_id", "jenis_kursus_sertifikat", "jenis_diklat_nama", "kode_kegiatan"),
        ("tanggal_mulai",),
        ("jp", "jp_konversi"),
    ),
    key=("pegawai_key", "jenis_diklat_id", "tanggal_mulai", "coalesce(no_sertifikat, nama)"),
    derived=(("_jenis", JENIS_SQL),),
    checks=(
        *required("tanggal_mulai"),
        # leadership training and Latsar (Diklat Struktural) often come from SIASN without JP: they load, with
        # the JP the rules credit to an empty claim, as evidence of the training
        ("jp", f"jp IS NULL AND jp_konversi IS NULL AND {JENIS} IS DISTINCT FROM {STRUKTURAL}", "'wajib diisi'"),
        *date_checks("tanggal_mulai", "tanggal_selesai"),
        code_check("jenis_diklat_id", "imp_int(jenis_diklat_id)", "ref_jenis_diklat", "jenis diklat"),
        code_check(
            "latihan_struktural_id", "imp_int(latihan_struktural_id)", "ref_latihan_struktural", "latihan struktural"
        ),
        (
            "kode_kegiatan",
            "jenis_diklat_id IS NULL AND kode_kegiatan IS NOT NULL AND imp_jenis_kode(kode_kegiatan) IS NULL",
            "'kode jenis pengembangan tidak dikenal (tabel konversi BPS: A1-A2, B1-B11, C1-C11)'",
        ),
        (
            "jenis_diklat_nama",
            "jenis_diklat_id IS NULL AND latihan_struktural_id IS NULL AND kode_kegiatan IS NULL "
            "AND jenis_diklat_nama IS NOT NULL AND imp_jenis_nama(jenis_diklat_nama) IS NULL "
            "AND jenis_kursus_sertifikat IS NULL",
            "'jenis pengembangan tidak dikenal; pakai nama jenis diklat SIASN (mis. Diklat Teknis, Seminar, Coaching)'",
        ),
        (
            "jenis_kursus_sertifikat",
            f"jenis_diklat_id IS NULL AND jenis_kursus_sertifikat IS NOT NULL AND {JENIS} IS NULL",
            "'jenisDiklatId kosong dan jenisKursusSertifikat ' || jenis_kursus_sertifikat || ' mencakup beberapa "
            "jenis diklat; nama kegiatan tidak menunjukkan jenisnya (isi jenisDiklatId)'",
        ),
        (
            "jenis_diklat_id",
            "jenis_diklat_id IS NULL AND latihan_struktural_id IS NULL AND jenis_kursus_sertifikat IS NULL "
            "AND jenis_diklat_nama IS NULL AND kode_kegiatan IS NULL",
            "'wajib diisi'",
        ),
        (
            "status",
            "status IS NOT NULL AND imp_status(status) IS NULL",
            "'status harus Disetujui, Ditinjau, Diperbaiki atau Ditolak'",
        ),
        (
            "tanggal_selesai",
            "imp_date(tanggal_selesai) < imp_date(tanggal_mulai)",
            "'tanggal selesai sebelum tanggal mulai'",
        ),
        *plausible_activity("tanggal_mulai"),
        *(
            check
            for col in ("jp", "jp_konversi")
            for check in (
                (col, f"{col} IS NOT NULL AND imp_num({col}) IS NULL", "'JP bukan angka'"),
                (
                    col,
                    f"{col} IS NOT NULL AND (imp_num({col}) < 0 "
                    f"OR (imp_num({col}) = 0 AND {JENIS} IS DISTINCT FROM {STRUKTURAL}))",
                    "'JP harus lebih dari 0'",
                ),
                (
                    col,
                    f"{col} IS NOT NULL AND imp_num({col}) > getvariable('jp_maks_per_hari') * (coalesce(date_diff("
                    "'day', imp_date(tanggal_mulai), imp_date(tanggal_selesai)), 0) + 1)",
                    "'JP per hari melebihi ' || getvariable('jp_maks_per_hari') || ' (lebih dari 24 jam sehari)'",
                ),
            )
        ),
    ),
    select=f"""
        ({JENIS})::SMALLINT AS jenis_diklat_id,
        coalesce(nama, jenis_diklat_nama) AS nama, penyelenggara,
        imp_date(tanggal_mulai) AS tanggal_mulai, imp_date(tanggal_selesai) AS tanggal_selesai,
        coalesce(imp_num(jp_konversi), imp_num(jp)) AS jp_klaim, no_sertifikat,
        imp_int(latihan_struktural_id)::SMALLINT AS latihan_struktural_id,
        nullif(imp_status(status), 'disetujui') AS status,
        CASE WHEN imp_num(jp_konversi) IS NOT NULL THEN TRUE END AS jp_instansi
    """,
    extra=(
        "jenis_diklat_id",
        "jenis_diklat_nama",
        "jenis_kursus_sertifikat",
        "kode_kegiatan",
        "jp",
        "jp_konversi",
        "status",
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
    required=(PERSON, ("tahun",), ("nilai_skp", "kuadran", "nilai_prestasi")),
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
        (
            "nilai_prestasi",
            "nilai_prestasi IS NOT NULL AND (imp_num(nilai_prestasi) IS NULL "
            "OR imp_num(nilai_prestasi) NOT BETWEEN 0 AND 100)",
            "'nilai prestasi kerja harus angka 0-100'",
        ),
        (
            "kuadran",
            "nilai_skp IS NULL AND kuadran IS NULL AND nilai_prestasi IS NULL",
            "'nilai SKP atau kuadran kinerja wajib diisi'",
        ),
    ),
    # PP 46/2011 years: the rating comes from the nilai prestasi kerja (SKP and behaviour) when given, by
    # the rules file ([ipasn.kinerja] masukan_pp46)
    select="""
        imp_int(tahun)::SMALLINT AS tahun, imp_num(nilai_skp) AS nilai_skp,
        imp_kuadran(kuadran)::SMALLINT AS kuadran_id,
        coalesce(imp_kuadran(kuadran),
                 imp_predikat_skp(CASE WHEN getvariable('skp_pakai_prestasi')
                                       THEN coalesce(imp_num(nilai_prestasi), imp_num(nilai_skp))
                                       ELSE coalesce(imp_num(nilai_skp), imp_num(nilai_prestasi)) END))::SMALLINT
            AS predikat_id,
        imp_num(nilai_prestasi) AS nilai_prestasi
    """,
    extra=("nilai_skp", "kuadran", "nilai_prestasi"),
)

HUKDIS = Kind(
    name="hukdis",
    table="hukdis",
    required=(PERSON, ("tingkat", "jenis_hukuman"), ("tanggal_mulai",)),
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


def _jp_number(col: str, what: str) -> tuple[tuple[str, str, str], ...]:
    return (
        (col, f"{col} IS NOT NULL AND imp_num({col}) IS NULL", f"'{what} bukan angka'"),
        (
            col,
            f"imp_num({col}) < 0 OR imp_num({col}) > 366 * getvariable('jp_maks_per_hari')",
            f"'{what} di luar batas wajar (0 sampai 366 hari x ' || getvariable('jp_maks_per_hari') || ' JP)'",
        ),
    )


# Annual totals per employee from an agency's 20 JP application (BKD Kaltim SIMONBANGKOM `total_jp`, Kab. Sleman
# Bangkom "JP Total"): they count toward 20 JP without activity detail. A file without a year column takes the
# year the user names on import (--tahun, or the Impor page).
REKAP = Kind(
    name="rekap_jp",
    table="jp_rekap",
    required=(("nip",), ("jp_total",), ("tahun",)),
    key=("pegawai_key", "tahun"),
    checks=(
        *required("tahun", "jp_total"),
        (
            "tahun",
            "tahun IS NOT NULL AND (imp_int(tahun) IS NULL OR imp_int(tahun) NOT BETWEEN 2000 AND year(current_date))",
            "'tahun tidak sah'",
        ),
        *_jp_number("jp_total", "total JP"),
        *_jp_number("jp_manajerial", "JP manajerial"),
        *_jp_number("jp_teknis", "JP teknis"),
        *_jp_number("jp_fungsional", "JP fungsional"),
        (
            "jp_total",
            "coalesce(imp_num(jp_manajerial), 0) + coalesce(imp_num(jp_teknis), 0) "
            "+ coalesce(imp_num(jp_fungsional), 0) > imp_num(jp_total) + 0.01",
            "'rincian JP (manajerial + teknis + fungsional) melebihi total JP'",
        ),
    ),
    select="""imp_int(tahun)::SMALLINT AS tahun, imp_num(jp_total) AS jp_total,
              imp_num(jp_manajerial) AS jp_manajerial, imp_num(jp_teknis) AS jp_teknis,
              imp_num(jp_fungsional) AS jp_fungsional, sumber""",
    extra=("jp_manajerial", "jp_teknis", "jp_fungsional", "sumber"),
)

KINDS = {k.name: k for k in (PEGAWAI, PENGEMBANGAN, SKP, HUKDIS, REKAP)}


JENIS_CSV = Path(__file__).parent / "jenis.csv"


def load_jenis(cur) -> None:
    """TEMP TABLE imp_jenis (cara, kunci, id): how activity kinds are recognised on import. From the code
    list (every kind's own name), SIASN's certificate letters, and jenis.csv (agency codes, short names,
    words in activity names; each row citing its source)."""
    from analytics.reference import JENIS_DIKLAT, SERTIFIKAT_BAWAAN, SERTIFIKAT_JENIS

    rows = [("nama", normalise(n), i) for i, (n, _) in JENIS_DIKLAT.items()]
    rows += [("huruf", h.lower(), i) for h, ids in SERTIFIKAT_JENIS.items() for i in ids]
    rows += [("bawaan", h.lower(), i) for h, i in SERTIFIKAT_BAWAAN.items()]
    with JENIS_CSV.open(encoding="utf-8") as f:
        rows += [
            (r["cara"], normalise(r["kunci"]), int(r["jenis_diklat_id"]))
            for r in csv.DictReader(line for line in f if not line.startswith("#"))
        ]
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_jenis (cara VARCHAR, kunci VARCHAR, id SMALLINT)")
    cur.executemany("INSERT INTO imp_jenis VALUES (?, ?, ?)", rows)


def register(kind: Kind) -> None:
    """Add a kind (the Smart ASN indicator kinds register themselves in analytics.importer.indikator)."""
    KINDS[kind.name] = kind
    aliases.cache_clear()


def all_known_headers() -> set[str]:
    """Every normalised header any kind accepts (used to find the header row)."""
    return {h for m in aliases().values() for h in m}


def detect(headers: list[str]) -> tuple[str | None, list[str]]:
    """(kind, candidates): the kind whose required columns the headers satisfy. An employee list needs
    only a NIP and a name, so when another kind fits too the file is that kind (an activity file with a
    NAMA column is an activity file); when several others fit, the file is ambiguous (kind None) and they
    are all named."""
    norm = {normalise(h) for h in headers}
    fits = []
    for name, amap in aliases().items():
        present = {amap[h] for h in norm if h in amap}
        if all(any(c in present for c in group) for group in KINDS[name].required):
            fits.append(name)
    if len(fits) > 1 and "pegawai" in fits:
        fits.remove("pegawai")
    return (fits[0] if len(fits) == 1 else None), sorted(fits)


def nearest(headers: list[str]) -> str:
    """For a file no kind fits: the kind whose required columns it has most of, and what it lacks
    ('pegawai, tetapi kolom wajib tidak ada: tanggal_lahir'), or '' when it has none of any kind's."""
    norm = {normalise(h) for h in headers}
    best = (0, "", [])
    for name, amap in aliases().items():
        present = {amap[h] for h in norm if h in amap}
        groups = [g for g in KINDS[name].required if "nip" not in g]  # every kind names its employee
        have = sum(any(c in present for c in g) for g in groups)
        if have > best[0] or (have == best[0] and have and best[1] == "pegawai"):  # a tie: the other kind
            best = (have, name, [" atau ".join(g) for g in groups if not any(c in present for c in g)])
    return f"{best[1]}, tetapi kolom wajib tidak ada: {', '.join(best[2])}" if best[0] else ""
