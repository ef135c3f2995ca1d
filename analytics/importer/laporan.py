"""What an import found, derived and lacked, and what that costs downstream: the sentences the import
summary shows per file (CLI and Impor page). Computed on the rows about to load (imp_ok)."""

from __future__ import annotations

from analytics import fmt
from analytics.importer import kinds as K

# optional fields per kind: (field or fields, SQL counting the loaded rows that lack it, sentence with {n})
_PEGAWAI = (
    (
        ("pendidikan_id",),
        "pendidikan_id IS NULL",
        "pendidikan kosong: kualifikasi IP ASN tidak dapat dihitung untuk {n} pegawai",
    ),
    (("golongan_id", "golongan_nama"), "golongan_id IS NULL", "golongan kosong untuk {n} pegawai"),
    (
        ("jenis_jabatan_id", "eselon_id", "eselon_nama"),
        "jenis_jabatan IS NULL AND _jj = 1",
        "{n} pejabat struktural tanpa eselon: jenis jabatannya tidak diketahui, sehingga kompetensi IP ASN "
        "(pelatihan kepemimpinan sesuai jabatan) tidak dapat dinilai; impor berkas yang memuat ESELON ID",
    ),
    (
        ("jenis_jabatan_id", "eselon_id", "eselon_nama"),
        "jenis_jabatan IS NULL AND _jj IS DISTINCT FROM 1",
        "jenis jabatan kosong: IP ASN tidak dapat dihitung untuk {n} pegawai",
    ),
    (("unor_id", "unor_nama"), "unor_id IS NULL", "unit kerja kosong: {n} pegawai tidak tampil per unit kerja"),
    (("lokasi_kerja",), "kabkota_kode IS NULL", "lokasi kerja kosong: {n} pegawai tidak tampil per wilayah"),
    (("tmt_cpns",), "tmt_cpns IS NULL", "TMT CPNS/PPPK kosong untuk {n} pegawai (dibaca dari NIP untuk pemeriksaan)"),
)
_DERIVED = {
    "pegawai": (
        (
            "turunan LIKE '%tanggal_lahir%'",
            "tanggal lahir diambil dari NIP untuk {n} pegawai (ditandai sebagai turunan)",
        ),
        (
            "turunan LIKE '%jenis_kelamin%'",
            "jenis kelamin diambil dari NIP untuk {n} pegawai (ditandai sebagai turunan)",
        ),
    ),
    "pengembangan": (
        (
            "jenis_diklat_id = getvariable('jenis_diklat_struktural') AND coalesce(jp_klaim, 0) = 0",
            "{n} pelatihan struktural (PIM/Latsar) tanpa JP dimuat sebagai bukti pelatihan; JP-nya dihitung 0",
        ),
        (
            "status IS NOT NULL",
            "{n} kegiatan belum disetujui (ditinjau, diperbaiki atau ditolak): disimpan dengan statusnya, "
            "tidak dihitung",
        ),
        (
            "jp_instansi",
            "JP {n} kegiatan sudah dikonversi aplikasi instansi: dipakai apa adanya, tidak dikonversi ulang",
        ),
    ),
    "rekap_jp": (
        ("TRUE", "{n} total JP tahunan dihitung ke kepatuhan 20 JP tanpa rincian kegiatan (ditandai sebagai rekap)"),
    ),
}
_MISSING = {"pegawai": _PEGAWAI}


def notes(cur, kind: K.Kind, mapping: dict[str, str]) -> tuple[list[str], list[str]]:
    """(catatan, kolom yang tidak ada): sentences for the summary and the optional fields the file lacks."""
    cols = {r[0] for r in cur.execute("DESCRIBE imp_ok").fetchall()}
    wanted = list(_DERIVED.get(kind.name, ())) + [
        (cond, sentence) for _f, cond, sentence in _MISSING.get(kind.name, ()) if "_jj" not in cond or "_jj" in cols
    ]
    out: list[str] = []
    # identifiers changed by their cleaning (macros.sql imp_id), in every row read: a rejected row shows the value
    # cleaned too
    dibersihkan = cur.execute("SELECT coalesce(sum(_dibersihkan), 0) FROM imp_src").fetchone()[0]
    if dibersihkan:
        out.append(
            f"{fmt.angka(dibersihkan)} NIP/kode dibersihkan sebelum diperiksa: karakter tak terlihat (spasi lebar nol, "
            "penanda arah teks, BOM) dan pemisah (spasi, tanda hubung) dibuang"
        )
    if wanted:  # every count in one pass over the rows
        counts = cur.execute(
            "SELECT " + ", ".join(f"count(*) FILTER (WHERE {cond})" for cond, _ in wanted) + " FROM imp_ok"  # noqa: S608
        ).fetchone()
        out += [sentence.format(n=fmt.angka(n)) for (_, sentence), n in zip(wanted, counts, strict=True) if n]
    alternatives = {c for g in kind.required for c in g}  # a required group already met needs no other member
    optional = sorted(set(kind.extra) - set(mapping) - alternatives)
    return out, optional
