"""Smart ASN indicator kinds: bahasa, tik, perilaku, inovasi, ikm (registered on import)."""

from __future__ import annotations

from analytics.importer.kinds import Kind, date_checks, register, required

# Test makers' score ranges (ETS for TOEFL ITP/iBT and TOEIC, IELTS band scores)
SKALA_TES = {"TOEFL ITP": (310, 677), "TOEFL IBT": (0, 120), "IELTS": (0, 9), "TOEIC": (10, 990)}
_TES_CASE = " ".join(
    f"WHEN '{t}' THEN {lo} <= imp_num(skor) AND imp_num(skor) <= {hi}" for t, (lo, hi) in SKALA_TES.items()
)
NILAI_PERILAKU = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def _rating(col: str) -> str:
    """1 below, 2 meets, 3 above expectation; the words SKP uses are accepted too, as SIASN spells them
    ('DIATAS EKSPEKTASI', 'DIBAWAH EKSPEKTASI') or with a space."""
    return (
        f"CASE WHEN regexp_full_match(trim({col}), '[1-3]') THEN trim({col})::INT "
        f"ELSE CASE replace(upper(trim({col})), ' ', '') WHEN 'DIBAWAHEKSPEKTASI' THEN 1 "
        f"WHEN 'SESUAIEKSPEKTASI' THEN 2 WHEN 'DIATASEKSPEKTASI' THEN 3 END END"
    )


BAHASA = Kind(
    name="bahasa",
    table="bahasa",
    required=(("nip",), ("tes",), ("skor",), ("tanggal",)),
    key=("pegawai_key", "tes", "tanggal"),
    checks=(
        *required("tes", "skor", "tanggal"),
        *date_checks("tanggal"),
        ("skor", "skor IS NOT NULL AND imp_num(skor) IS NULL", "'skor bukan angka'"),
        (
            "skala_maks",
            "upper(tes) NOT IN ('TOEFL ITP', 'TOEFL IBT', 'IELTS', 'TOEIC') AND imp_num(skala_maks) IS NULL",
            "'tes lain wajib menyebut skala maksimum'",
        ),
        (
            "skor",
            f"NOT coalesce(CASE upper(tes) {_TES_CASE} ELSE imp_num(skor) BETWEEN 0 AND imp_num(skala_maks) END, TRUE)",
            "'skor di luar skala tes'",
        ),
    ),
    select="""CASE upper(tes) WHEN 'TOEFL IBT' THEN 'TOEFL iBT' WHEN 'TOEFL ITP' THEN 'TOEFL ITP'
                              WHEN 'IELTS' THEN 'IELTS' WHEN 'TOEIC' THEN 'TOEIC' ELSE tes END AS tes,
              coalesce(bahasa, 'Inggris') AS bahasa, imp_num(skor) AS skor, imp_date(tanggal) AS tanggal,
              imp_num(skala_maks) AS skala_maks""",
    extra=("bahasa", "skala_maks"),
)

TIK = Kind(
    name="tik",
    table="tik",
    required=(("nip",), ("jenis",), ("tanggal",)),
    key=("pegawai_key", "jenis", "coalesce(nama, '')", "tanggal"),
    checks=(
        *required("jenis", "tanggal"),
        *date_checks("tanggal"),
        (
            "jenis",
            "jenis IS NOT NULL AND lower(jenis) NOT IN ('asesmen', 'sertifikasi')",
            "'jenis harus asesmen atau sertifikasi'",
        ),
        (
            "skor",
            "lower(jenis) = 'asesmen' AND (imp_num(skor) IS NULL OR imp_num(skor) NOT BETWEEN 0 AND 100)",
            "'skor asesmen harus angka 0-100'",
        ),
        ("nama", "lower(jenis) = 'sertifikasi' AND nama IS NULL", "'nama sertifikat wajib diisi'"),
    ),
    select="""lower(jenis) AS jenis, nama, lower(tingkat) AS tingkat, imp_num(skor) AS skor,
              imp_date(tanggal) AS tanggal""",
    extra=("nama", "tingkat", "skor"),
)

PERILAKU = Kind(
    name="perilaku",
    table="perilaku",
    required=(("nip",), ("tahun",), NILAI_PERILAKU),
    key=("pegawai_key", "tahun"),
    checks=(
        *required("tahun"),
        (
            "tahun",
            "tahun IS NOT NULL AND (imp_int(tahun) IS NULL OR imp_int(tahun) NOT BETWEEN 2000 AND year(current_date))",
            "'tahun tidak sah'",
        ),
        *(
            (
                c,
                f"{c} IS NOT NULL AND ({_rating(c)}) IS NULL",
                "'nilai perilaku harus 1-3 atau di bawah/sesuai/di atas ekspektasi'",
            )
            for c in NILAI_PERILAKU
        ),
    ),
    select="imp_int(tahun)::SMALLINT AS tahun, "
    + ", ".join(f"({_rating(c)})::SMALLINT AS {c}" for c in NILAI_PERILAKU),
    extra=NILAI_PERILAKU,
)

INOVASI = Kind(
    name="inovasi",
    table="inovasi",
    required=(("nip",), ("judul",), ("tahun",)),
    key=("pegawai_key", "judul", "tahun"),
    checks=(
        *required("judul", "tahun"),
        (
            "tahun",
            "tahun IS NOT NULL AND (imp_int(tahun) IS NULL OR imp_int(tahun) NOT BETWEEN 2000 AND year(current_date))",
            "'tahun tidak sah'",
        ),
        (
            "tingkat",
            "tingkat IS NOT NULL AND lower(tingkat) NOT IN ('unit', 'instansi', 'nasional')",
            "'tingkat harus unit, instansi atau nasional'",
        ),
        (
            "status",
            "status IS NOT NULL AND lower(status) NOT IN ('diusulkan', 'diterapkan', 'penghargaan')",
            "'status harus diusulkan, diterapkan atau penghargaan'",
        ),
    ),
    select="""judul, lower(tingkat) AS tingkat, lower(status) AS status, lower(peran) AS peran,
              imp_int(tahun)::SMALLINT AS tahun""",
    extra=("tingkat", "status", "peran"),
)

IKM = Kind(
    name="ikm",
    table="ikm",
    required=(("unor_id",), ("tahun",), ("nilai",)),
    key=("unor_id", "tahun"),
    by_nip=False,
    checks=(
        *required("unor_id", "tahun", "nilai"),
        (
            "unor_id",
            "unor_id IS NOT NULL AND (SELECT min(id) FROM unor WHERE siasn_id = unor_id "
            "OR id::VARCHAR = unor_id) IS NULL",
            "'unit kerja tidak dikenal'",
        ),
        (
            "tahun",
            "tahun IS NOT NULL AND (imp_int(tahun) IS NULL OR imp_int(tahun) NOT BETWEEN 2000 AND year(current_date))",
            "'tahun tidak sah'",
        ),
        (
            "nilai",
            "nilai IS NOT NULL AND (imp_num(nilai) IS NULL OR imp_num(nilai) NOT BETWEEN 0 AND 100)",
            "'nilai IKM harus angka 0-100'",
        ),
    ),
    select="""(SELECT min(id) FROM unor u WHERE u.siasn_id = imp_src.unor_id OR u.id::VARCHAR = imp_src.unor_id)
                  AS unor_id,
              imp_int(tahun)::SMALLINT AS tahun, imp_num(nilai) AS nilai""",
)

for _kind in (BAHASA, TIK, PERILAKU, INOVASI, IKM):
    register(_kind)
