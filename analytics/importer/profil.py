"""Column-mapping profiles: how a file layout nobody foresaw maps onto our fields, saved under a name so
later files with the same set of column headers import by it without asking again.

A profile never bypasses validation: it only says which of the file's columns holds which field (and fixed
values such as the year for a file that has none); every row still goes through the kind's checks.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from analytics import audit
from analytics.importer import kinds as K
from analytics.importer.read import FileRefused, normalise

# fields a constant can fill (a value the whole file shares and that the file itself does not say)
TETAP_BOLEH = ("tahun", "jenis_diklat_id", "jenis_diklat_nama", "jenis_pegawai", "instansi_nama", "sumber", "status")


@dataclass(frozen=True)
class Profil:
    nama: str
    jenis: str
    kolom: dict[str, str]  # canonical field -> the file's header
    tetap: dict[str, str] = field(default_factory=dict)  # canonical field -> value for every row
    judul: tuple[str, ...] = ()  # the header set it was made for


def tanda(headers: list[str]) -> str:
    """The signature of a header set: order, case, spaces and punctuation do not matter."""
    norm = sorted({normalise(h) for h in headers if h and not h.startswith("_")})
    return hashlib.sha256("|".join(norm).encode()).hexdigest()[:32]


def fields(kind: str) -> list[tuple[str, bool]]:
    """(canonical field, required) for a kind, required ones first; a required group of alternatives
    (nip or pns_id) marks each of its members required-one-of."""
    k = K.KINDS[kind]
    req = [c for g in k.required for c in g]
    rest = sorted(
        ({c for g in k.required for c in g} | set(k.extra) | ({"nip", "pns_id"} if k.by_nip else set())) - set(req)
    )
    return [(c, True) for c in dict.fromkeys(req)] + [(c, False) for c in rest]


def suggest(kind: str, headers: list[str]) -> dict[str, str]:
    """For each field of the kind: the file's header that our alias list names, else the closest by spelling
    (only when it is close: a wrong guess costs the user more than an empty choice)."""
    amap = K.aliases()[kind]
    out: dict[str, str] = {}
    for h in headers:
        canon = amap.get(normalise(h))
        if canon and canon not in out:
            out[canon] = h
    used = set(out.values())
    for canon, _ in fields(kind):
        if canon in out:
            continue
        names = {normalise(canon)} | {a for a, c in amap.items() if c == canon}
        best, score = None, 0.0
        for h in headers:
            if h in used:
                continue
            s = max(difflib.SequenceMatcher(None, normalise(h), n).ratio() for n in names)
            if s > score:
                best, score = h, s
        if best is not None and score >= 0.86:
            out[canon] = best
            used.add(best)
    return out


def check(kind: str, headers: list[str], kolom: dict[str, str], tetap: dict[str, str]) -> None:
    """Refuse a mapping that names a field the kind does not have, a header the file does not have, one
    header for two fields, a constant for a field that cannot take one, or leaves a required field empty."""
    if kind not in K.KINDS:
        raise FileRefused(f"jenis data '{kind}' tidak dikenal; pilih: {', '.join(sorted(K.KINDS))}")
    known = {c for c, _ in fields(kind)}
    wrong = [c for c in [*kolom, *tetap] if c not in known]
    if wrong:
        raise FileRefused(f"kolom {', '.join(wrong)} bukan bagian dari data {kind}")
    absent = [h for h in kolom.values() if h not in headers]
    if absent:
        raise FileRefused(f"judul kolom tidak ada di berkas: {', '.join(absent)}")
    twice = sorted({h for h in kolom.values() if list(kolom.values()).count(h) > 1})
    if twice:
        raise FileRefused(f"satu kolom berkas dipakai untuk dua isian: {', '.join(twice)}")
    bad = [c for c in tetap if c not in TETAP_BOLEH]
    if bad:
        raise FileRefused(f"isian {', '.join(bad)} tidak bisa diberi satu nilai untuk seluruh berkas")
    have = set(kolom) | set(tetap)
    missing = [" atau ".join(g) for g in K.KINDS[kind].required if not have & set(g)]
    if missing:
        raise FileRefused(f"kolom wajib untuk {kind} belum dipetakan: {', '.join(missing)}")


def save(con: duckdb.DuckDBPyConnection, p: Profil, *, user: str) -> None:
    """Store (or replace) a profile, checked against the header set it was made for; audited."""
    check(p.jenis, list(p.judul), p.kolom, p.tetap)
    if not p.nama.strip() or len(p.nama) > 80:
        raise FileRefused("nama profil wajib diisi (paling panjang 80 huruf)")
    cur = con.cursor()
    try:
        cur.execute("BEGIN")
        cur.execute("DELETE FROM impor_profil WHERE nama = ? OR tanda = ?", [p.nama.strip(), tanda(list(p.judul))])
        cur.execute(
            "INSERT INTO impor_profil VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                p.nama.strip(),
                p.jenis,
                tanda(list(p.judul)),
                json.dumps(list(p.judul), ensure_ascii=False),
                json.dumps(p.kolom, ensure_ascii=False),
                json.dumps(p.tetap, ensure_ascii=False),
                user,
                datetime.now(),
            ],
        )
        audit.record(cur, user, "profil_impor_simpan", {"profil": p.nama.strip(), "jenis": p.jenis})
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()


def _row(r) -> Profil:
    return Profil(r[0], r[1], json.loads(r[4]), json.loads(r[5]), tuple(json.loads(r[3])))


def get(con, nama: str) -> Profil:
    cur = con.cursor()
    try:
        r = cur.execute("SELECT * FROM impor_profil WHERE nama = ?", [nama]).fetchone()
    finally:
        cur.close()
    if r is None:
        raise FileRefused(f"profil impor '{nama}' tidak ada")
    return _row(r)


def find(cur, headers: list[str]) -> Profil | None:
    """The profile made for exactly this header set, if any."""
    r = cur.execute("SELECT * FROM impor_profil WHERE tanda = ?", [tanda(headers)]).fetchone()
    return _row(r) if r else None


def listing(con) -> pd.DataFrame:
    """nama, jenis, kolom (count), dibuat_oleh, dibuat: one row per profile."""
    cur = con.cursor()
    try:
        return cur.execute(
            "SELECT nama, jenis, json_array_length(judul) AS kolom_berkas, kolom, tetap, dibuat_oleh, dibuat "
            "FROM impor_profil ORDER BY nama"
        ).df()
    finally:
        cur.close()


def delete(con, nama: str, *, user: str) -> bool:
    cur = con.cursor()
    try:
        n = cur.execute("SELECT count(*) FROM impor_profil WHERE nama = ?", [nama]).fetchone()[0]
        if n:
            cur.execute("DELETE FROM impor_profil WHERE nama = ?", [nama])
            audit.record(cur, user, "profil_impor_hapus", {"profil": nama})
        return bool(n)
    finally:
        cur.close()


# Indonesian labels of the fields a mapping can fill (the Impor page shows these, not the column names)
LABEL = {
    "nip": "NIP",
    "pns_id": "PNS ID (ID orang SIASN)",
    "nama": "Nama",
    "gelar_depan": "Gelar depan",
    "gelar_belakang": "Gelar belakang",
    "tanggal_lahir": "Tanggal lahir",
    "jenis_kelamin": "Jenis kelamin",
    "jenis_pegawai": "Jenis pegawai (PNS/PPPK)",
    "kedudukan": "Kedudukan hukum",
    "tmt_cpns": "TMT CPNS/PPPK",
    "golongan_id": "Kode golongan",
    "golongan_nama": "Golongan (nama, mis. III/a)",
    "jenis_jabatan_id": "Kode jenis jabatan",
    "eselon_id": "Kode eselon",
    "eselon_nama": "Eselon (nama, mis. II.b)",
    "jabatan_nama": "Nama jabatan",
    "pendidikan_id": "Kode tingkat pendidikan",
    "lokasi_kerja": "Lokasi kerja (kabupaten/kota)",
    "unor_id": "UNOR ID",
    "unor_nama": "Unit kerja",
    "instansi_nama": "Instansi kerja",
    "instansi_induk": "Instansi induk",
    "jenis_diklat_id": "Kode jenis diklat (SIASN)",
    "jenis_diklat_nama": "Jenis kegiatan (nama)",
    "jenis_kursus_sertifikat": "Huruf sertifikat kursus (T/F/P)",
    "kode_kegiatan": "Kode jenis pengembangan (instansi)",
    "latihan_struktural_id": "Kode latihan struktural",
    "penyelenggara": "Penyelenggara",
    "tanggal_mulai": "Tanggal mulai",
    "tanggal_selesai": "Tanggal selesai",
    "jp": "JP",
    "jp_konversi": "JP sudah dikonversi instansi",
    "no_sertifikat": "Nomor sertifikat",
    "status": "Status persetujuan",
    "tahun": "Tahun",
    "nilai_skp": "Nilai SKP",
    "nilai_prestasi": "Nilai prestasi kerja",
    "kuadran": "Kuadran/predikat kinerja",
    "jenis_hukuman": "Jenis hukuman",
    "tingkat": "Tingkat",
    "jp_total": "Total JP",
    "jp_manajerial": "JP manajerial",
    "jp_teknis": "JP teknis",
    "jp_fungsional": "JP fungsional",
    "sumber": "Sumber",
}
# a field whose meaning depends on the kind
LABEL_JENIS = {("pengembangan", "nama"): "Nama kegiatan", ("tik", "nama"): "Nama sertifikat"}


def label(field: str, kind: str | None = None) -> str:
    """The field's Indonesian label ('tanggal_mulai' -> 'Tanggal mulai'); unknown ones from their name."""
    if (kind, field) in LABEL_JENIS:
        return LABEL_JENIS[(kind, field)]
    if field in LABEL:
        return LABEL[field]
    text = " ".join(_SINGKATAN.get(w, w) for w in field.split("_"))  # 'jp_klaim' -> 'JP klaim'
    return text[:1].upper() + text[1:]


_SINGKATAN = {"jp": "JP", "nip": "NIP", "id": "ID", "pns": "PNS", "skp": "SKP", "tmt": "TMT", "cpns": "CPNS"}
