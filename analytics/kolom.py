"""The one column dictionary: every column a page table or an export shows, by its internal name,
with its human Indonesian header and its kind (how its values are shown and written).

Kinds: TEKS (text), NIP (text, never a number), JUMLAH (a count: '1.234'), DESIMAL (a number with
`desimal` places: '87,5'; indices and scores one place, fmt.indeks), JP (JP: '8.860', '17,8': fmt.jp),
PERSEN (a 0–100 percentage: '43,2%'), YA_TIDAK (a flag: 'Ya'/'Tidak'),
WAKTU (a timestamp: '28 Nov 2026 14:05'), NOMOR (a number that names rather than counts, a year or
a month: '2026', no thousands separator; a number cell all the same). A column holding booleans is
always YA_TIDAK (the same name is a count in group frames and a flag in employee frames: `memenuhi`,
`lengkap`, `siap`).
Text and numbers follow analytics.fmt (the one rounding rule); missing values show '–'.

The headers of `kode` and `nama` depend on the grouping level of a group frame (analytics.dimensions): a unit
table says "ID" and "Unit kerja", a province table "Kode" and "Provinsi"; in an employee frame
`nama` is the person's name ("Nama").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import pandas as pd
from pandas.api.types import is_bool_dtype, is_datetime64_any_dtype, is_numeric_dtype

from analytics import fmt
from analytics.dimensions import LEVELS
from analytics.ipasn import DIMENSI, KATEGORI, KATEGORI_KOLOM
from analytics.rules import load_rules
from analytics.settings import load_settings
from analytics.smart import ATRIBUT, CEFR

TEKS, NIP, JUMLAH, DESIMAL, PERSEN, YA_TIDAK, WAKTU = "teks", "nip", "jumlah", "desimal", "persen", "ya_tidak", "waktu"
NOMOR, JP = "nomor", "jp"
ANGKA = (JUMLAH, DESIMAL, PERSEN, NOMOR, JP)  # kinds written as numbers


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = TEKS
    desimal: int = 0

    def teks(self, value) -> str:
        """The display text of one value of this column ('–' when missing)."""
        if self.jenis in (JUMLAH, DESIMAL):  # fmt shows a missing value as '–' itself
            return fmt.angka(value, self.desimal)
        if self.jenis == JP:
            return fmt.jp(value)
        if self.jenis == PERSEN:
            return fmt.persen(value, self.desimal)
        if fmt.kosong(value):
            return "–"
        if self.jenis == YA_TIDAK:
            return fmt.ya_tidak(value)
        if self.jenis == WAKTU:
            return f"{fmt.tanggal(value)} {value:%H:%M}"
        if self.jenis == NOMOR and not isinstance(value, str) and float(value).is_integer():
            return str(int(value))
        return str(value)

    def format_excel_untuk(self, value) -> str | None:
        """format_excel for one cell: a JP figure whole or with one decimal as the value calls for (fmt.jp)."""
        if self.jenis == JP and not fmt.kosong(value):
            return "#,##0.0" if fmt.desimal_jp(value) else "#,##0"
        return self.format_excel

    @property
    def format_excel(self) -> str | None:
        """The cell's display format in a spreadsheet (Excel shows it with the reader's separators)."""
        places = "." + "0" * self.desimal if self.desimal else ""
        return {
            JP: "#,##0.0",
            JUMLAH: "#,##0",
            DESIMAL: "#,##0" + places,
            PERSEN: "0" + places + '"%"',
            NIP: "@",
            NOMOR: "0",
            WAKTU: "dd/mm/yyyy hh:mm",
        }.get(self.jenis)


def _jp(judul: str) -> Kolom:
    return Kolom(judul, JP)


def _i(judul: str) -> Kolom:
    """An index, a score or points: one decimal (fmt.indeks)."""
    return Kolom(judul, DESIMAL, 1)


def _pct(judul: str) -> Kolom:
    return Kolom(judul, PERSEN, 1)


def _n(judul: str) -> Kolom:
    return Kolom(judul, JUMLAH)


SLOT_NAMA = {
    "kualifikasi": "kualifikasi",
    "kepemimpinan": "kepemimpinan",
    "fungsional": "diklat fungsional",
    "teknis": "teknis",
    "seminar": "seminar",
    "kinerja": "kinerja",
    "disiplin": "disiplin",
}

KOLOM: dict[str, Kolom] = {
    # who and where
    "kode": Kolom("Kode"),
    "nama": Kolom("Nama"),
    "nip": Kolom("NIP", NIP),
    "unor": Kolom("Unit kerja"),
    "jabatan": Kolom("Jenis jabatan"),
    "pendidikan": Kolom("Pendidikan terakhir"),
    "pegawai": _n("Pegawai"),
    "status": Kolom("Status"),
    "tahun": Kolom("Tahun", NOMOR),
    # a composition's categories (overview.komposisi_frame), named for their dimension
    "jenis_jabatan": Kolom("Jenis jabatan"),
    "jenis_kelamin": Kolom("Jenis kelamin"),
    "jenis_pegawai": Kolom("Status kepegawaian"),
    # the overview (overview.kegiatan_tahunan, overview.kelengkapan_frame)
    "pegawai_belajar": _n("Pegawai ikut ≥ 1 kegiatan"),
    "persen_belajar": _pct("% pegawai ikut ≥ 1 kegiatan"),
    "rata_jp_klaim": _jp("Rata-rata JP diklaim per pegawai"),
    "kegiatan": _n("Kegiatan"),
    "jp_klaim": _jp("JP diklaim"),
    "data_pegawai": Kolom("Data pegawai"),
    "terisi": _n("Pegawai dengan data terisi"),
    "dari": _n("Pegawai yang diharapkan berdata"),
    # 20 JP (analytics/jp.py)
    "jp_total": _jp("JP terkredit"),
    "jp_10": _jp("JP klasikal (10)"),
    "jp_20": _jp("JP sosial (20)"),
    "jp_70": _jp("JP pengalaman (70)"),
    "memenuhi": _n("Memenuhi {ambang_jp} JP"),
    "kekurangan_jp": _jp("Kekurangan JP"),
    "persen_memenuhi": _pct("% memenuhi {ambang_jp} JP"),
    "rata_jp": _jp("Rata-rata JP"),
    "median_jp": _jp("Median JP"),
    "pegawai_rekap": _n("Dari rekap (pegawai)"),
    # who the 20 JP counts (rules [jp.kedudukan]: jp.per_kelompok, jp.kedudukan)
    "dikecualikan": _n("Tidak dihitung 20 JP (kedudukan)"),
    "dikreditkan": _n("Dikreditkan (tugas belajar)"),
    "perlakuan": Kolom("Perlakuan dalam {ambang_jp} JP"),
    # the same figures to each year's day of the reference date (the running year's like-for-like comparison)
    "pegawai_sd": _n("Pegawai s.d. tanggal yang sama"),
    "memenuhi_sd": _n("Memenuhi {ambang_jp} JP s.d. tanggal yang sama"),
    "persen_memenuhi_sd": _pct("% memenuhi {ambang_jp} JP s.d. tanggal yang sama"),
    "rata_jp_sd": _jp("Rata-rata JP s.d. tanggal yang sama"),
    "pegawai_belajar_sd": _n("Pegawai ikut ≥ 1 kegiatan s.d. tanggal yang sama"),
    "persen_belajar_sd": _pct("% pegawai ikut ≥ 1 kegiatan s.d. tanggal yang sama"),
    "kegiatan_sd": _n("Kegiatan s.d. tanggal yang sama"),
    "jp_klaim_sd": _jp("JP diklaim s.d. tanggal yang sama"),
    "rata_jp_klaim_sd": _jp("Rata-rata JP diklaim per pegawai s.d. tanggal yang sama"),
    "mix_10": _pct("% klasikal (10)"),
    "mix_20": _pct("% sosial (20)"),
    "mix_70": _pct("% pengalaman (70)"),
    # the month-by-month progress (jp.progres_bulanan) and the distribution (jp.sebaran_frame)
    "bulan": Kolom("Bulan", NOMOR),
    "rata_kumulatif": _jp("Rata-rata JP kumulatif"),
    "pace": _jp("Laju seharusnya ({ambang_jp} JP × bulan/12)"),
    "jp_bulat": Kolom("JP terkredit (dibulatkan ke bawah)"),  # text: the last class reads '≥ 60'
    # the conversion rules (jp.aturan_frame; 'jenis' there is renamed jenis_diklat_id by the page)
    "jenis_diklat_id": Kolom("ID jenis diklat"),
    "jenis_diklat": Kolom("Jenis diklat"),
    "cara": Kolom("Cara menghitung"),
    "jp_per_hari": _jp("Maks JP per hari"),
    "jp_tetap": _jp("JP tetap"),
    "jp_per_sesi": _jp("JP per sesi"),
    "maks_sesi": _n("Maks sesi per bulan"),
    "kelas": Kolom("Kelas 10:20:70"),
    "slot_ipasn": Kolom("Slot IP ASN"),
    # IP ASN (analytics/ipasn.py)
    **{d: Kolom(n, DESIMAL, 1) for d, n in DIMENSI.items()},
    **{s: Kolom(f"Slot {SLOT_NAMA[s]}", DESIMAL, 1) for s in ("kepemimpinan", "fungsional", "teknis", "seminar")},
    "total": Kolom("IP ASN", DESIMAL, 1),
    "kategori": Kolom("Kategori IP ASN"),
    "lengkap": _n("Berdata lengkap"),
    "persen_lengkap": _pct("% berdata lengkap"),
    "rata_ipasn": _i("Rata-rata IP ASN"),
    **{k: _n(n) for k, n in zip(KATEGORI_KOLOM, KATEGORI)},
    **{f"rata_{d}": _i(f"Rata-rata {n.lower()}") for d, n in DIMENSI.items()},
    **{f"hilang_{s}": _i(f"Poin hilang: {n}") for s, n in SLOT_NAMA.items()},
    **{f"ket_{d}": Kolom(f"Penjelasan {n.lower()}") for d, n in DIMENSI.items()},
    "tanpa_pendidikan": _n("Tanpa data pendidikan"),
    "tanpa_skp": _n("Tanpa SKP"),
    "tanpa_jabatan": _n("Tanpa data jenis jabatan"),
    "alasan": Kolom("Data yang kurang"),
    "persen": _pct("% pegawai"),
    # the what-if (whatif.simulasi)
    "lengkap_awal": _n("Berdata lengkap (sekarang)"),
    "lengkap_baru": _n("Berdata lengkap (skenario)"),
    "rata_awal": _i("Rata-rata IP ASN (sekarang)"),
    "rata_baru": _i("Rata-rata IP ASN (skenario)"),
    "selisih": _i("Selisih rata-rata"),
    "orang": _n("Pegawai terdampak"),
    "jp": _jp("JP dibutuhkan"),
    "jumlah_awal": _i("Jumlah nilai IP ASN (sekarang)"),
    "jumlah_baru": _i("Jumlah nilai IP ASN (skenario)"),
    "orang_tanpa_jp": _n("Pegawai tanpa data JP"),
    **{f"{k}_awal": _n(f"{n} (sekarang)") for k, n in zip(KATEGORI_KOLOM, KATEGORI)},
    **{f"{k}_baru": _n(f"{n} (skenario)") for k, n in zip(KATEGORI_KOLOM, KATEGORI)},
    "persen_tinggi_awal": _pct("% Tinggi atau Sangat Tinggi (sekarang)"),
    "persen_tinggi_baru": _pct("% Tinggi atau Sangat Tinggi (skenario)"),
    "pegawai_awal": _n("Pegawai (sekarang)"),  # per category (whatif.kategori_frame)
    "pegawai_baru": _n("Pegawai (skenario)"),
    # Smart ASN (analytics/smart.py)
    **{t: Kolom(n, DESIMAL, 1) for t, n in ATRIBUT.items()},
    "n_atribut": _n("Atribut berdata"),
    "indeks": Kolom("Indeks kesiapan", DESIMAL, 1),
    "siap": _n("Siap Smart ASN"),
    "persen_siap": _pct("% siap Smart ASN"),
    "cakupan_indeks": _pct("Cakupan data: indeks kesiapan"),
    **{f"cakupan_{t}": _pct(f"Cakupan data: {n}") for t, n in ATRIBUT.items()},
    "atribut": Kolom("Atribut"),
    "skor": Kolom("Skor", DESIMAL, 1),
    "cakupan": _pct("Cakupan data"),
    "cakupan_lalu": _pct("Cakupan data, tahun sebelumnya"),  # wilayah: the coverage of last year's value
    "target": _pct("Target % siap Smart ASN"),  # smart.tren: the rules file's readiness target
    # the briefing pack (analytics/briefing, analytics/kalimat.py)
    "kalimat": Kolom("Kalimat ringkasan"),
    "gambar": Kolom("Gambar"),
    "judul": Kolom("Judul"),
    "aturan": Kolom("Aturan"),
    "sumber": Kolom("Sumber dan tanda keyakinan"),
    "belum_memenuhi": _n("Pegawai belum memenuhi {ambang_jp} JP"),
    "populasi": Kolom("Populasi"),  # whose profile a row is (smart.profil_frame): the selection, national
    "saran": Kolom("Bentuk pengembangan yang disarankan"),
    "indikator": Kolom("Indikator"),
    "bobot": _pct("Bobot"),
    "tes": Kolom("Tes"),
    **{lvl: Kolom(lvl, DESIMAL, 1) for lvl in CEFR},
    # imports (importer summary and rejects, analytics/imports.py riwayat)
    "file": Kolom("Berkas"),
    "berkas": Kolom("Berkas"),
    "kind": Kolom("Jenis data"),
    "jenis": Kolom("Jenis data"),
    "import_id": Kolom("No. impor"),
    "rows_read": _n("Dibaca"),
    "rows_loaded": _n("Dimuat"),
    "rows_rejected": _n("Ditolak"),
    "rows_unchanged": _n("Tidak berubah"),
    "dibaca": _n("Dibaca"),
    "dimuat": _n("Dimuat"),
    "ditolak": _n("Ditolak"),
    "tidak_berubah": _n("Tidak berubah"),
    "row_number": _n("Baris"),
    "column": Kolom("Kolom"),
    "value": Kolom("Isi"),
    "reason": Kolom("Alasan penolakan"),
    "waktu": Kolom("Waktu", WAKTU),
    "pengguna": Kolom("Pengguna"),
    # the audit log (audit.entries; its 'cakupan' is renamed cakupan_akun by the page)
    "aksi": Kolom("Aksi"),
    "rincian": Kolom("Rincian"),
    "cakupan_akun": Kolom("Cakupan akun"),
}


@cache
def _ambang_jp() -> str:
    """The JP target of the rules file the dashboard and the CLI load, as headers show it."""
    return fmt.angka(load_rules(load_settings().rules_path).jp.ambang_tahunan)


def kolom(nama: str, tingkat: str | None = None) -> Kolom:
    """The entry of column `nama` (in a group frame at level `tingkat`, `kode` and `nama` are
    named for the level). An unknown column is a programming error: every shown or exported
    column needs its header here."""
    level = LEVELS.get(tingkat) if tingkat else None
    if level and nama == "nama":
        return Kolom(level.label)
    if level and nama == "kode":
        return Kolom("ID" if level.by_id else "Kode")
    try:
        k = KOLOM[nama]
    except KeyError:
        raise KeyError(f"kolom tanpa judul di analytics/kolom.py: {nama!r}") from None
    # a header naming the JP target takes it from the rules file, never from code
    return replace(k, judul=k.judul.format(ambang_jp=_ambang_jp())) if "{ambang_jp}" in k.judul else k


def _is_bool(s: pd.Series) -> bool:
    if is_bool_dtype(s.dtype):
        return True
    if s.dtype != object:
        return False
    values = s.dropna()
    return len(values) > 0 and all(isinstance(v, bool) for v in values)


def untuk(df: pd.DataFrame, nama: str, tingkat: str | None = None) -> Kolom:
    """The entry of column `nama` of `df`, with the kind the values call for: booleans are always
    YA_TIDAK, a text column is text whatever the entry says, a timestamp is WAKTU."""
    k = kolom(nama, tingkat)
    s = df[nama]
    if _is_bool(s):
        return replace(k, jenis=YA_TIDAK)
    if k.jenis in ANGKA and not is_numeric_dtype(s.dtype):
        return replace(k, jenis=TEKS)
    if k.jenis == WAKTU and not is_datetime64_any_dtype(s.dtype):
        return replace(k, jenis=TEKS)
    return k


def judul(df: pd.DataFrame, tingkat: str | None = None, lain: dict[str, Kolom] | None = None) -> list[str]:
    """The human headers of every column of `df`, in order (duplicates refused: one header, one
    column); `lain` names columns this dictionary does not (a file's own headers, one page's)."""
    lain = lain or {}
    names = [lain[c].judul if c in lain else kolom(c, tingkat).judul for c in df.columns]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"judul kolom ganda: {sorted(dupes)}")
    return names


def ya_tidak(s: pd.Series) -> pd.Series:
    """A flag column as text 'Ya'/'Tidak', missing stays missing (shown '–' or left empty)."""
    return s.map(lambda v: None if fmt.kosong(v) else fmt.ya_tidak(v))


def tampilan(
    df: pd.DataFrame,
    kolom: list[str] | None = None,
    *,
    tingkat: str | None = None,
    lain: dict[str, Kolom] | None = None,
):
    """A pandas Styler of `df` (only the columns `kolom`, in that order) for st.dataframe: human
    headers, numbers still numbers (so the grid sorts them by value) shown as Indonesian text,
    flags as 'Ya'/'Tidak' (text: a boolean column would be drawn as checkboxes), missing as '–'.
    `lain`: header and kind of columns this dictionary does not name."""
    lain = lain or {}
    data = (df if kolom is None else df[list(kolom)]).reset_index(drop=True)
    kinds = {c: lain.get(c) or untuk(data, c, tingkat) for c in data.columns}
    headers = judul(data, tingkat, lain)
    flags = [c for c, k in kinds.items() if k.jenis == YA_TIDAK]
    if flags:
        data = data.assign(**{c: ya_tidak(data[c]) for c in flags})
        kinds |= {c: replace(kinds[c], jenis=TEKS) for c in flags}
    data.columns = headers
    return data.style.format({h: k.teks for h, k in zip(headers, kinds.values())})
